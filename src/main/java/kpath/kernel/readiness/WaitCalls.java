package kpath.kernel.readiness;

import kpath.trace.PollSnapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import kpath.kernel.Bits;
import kpath.kernel.Fds;
import kpath.kernel.LibcPoll;
import kpath.kernel.SysResult;
import kpath.kernel.readiness.ReadinessRecorder.PollEntry;

/**
 * The readiness recorder's waits and what they report: epoll_ctl and epoll_wait with
 * {@code observe events}, poll with {@code observe revents} and the {@code observe poll(NAME)}
 * snapshot, select with {@code observe fdsets}. Also the helpers the task calls
 * ({@link ReadinessRecorder}) share: the arguments as written and the observe lines after a
 * return.
 * Every public call here is {@code synchronized} on the recorder, the one lock that orders its
 * lines ({@link ReadinessRecorder}): it holds the lock across the syscall and the writing of its
 * lines. The waits of the main thread are bounded (timeouts &ge; 0). The helpers that are not
 * synchronized write lines too: they are called with the lock held.
 */
abstract sealed class WaitCalls extends CreateCalls permits IoCalls {

    /** Per epoll name: the data stored by ADD/MOD (the target's fd number) &rarr; the target's name. */
    private final Map<String, Map<Long, String>> items = new HashMap<>();

    WaitCalls(String scenario, String narrative, Fds fds, UnixSendProbe.Lines host) {
        super(scenario, narrative, fds, host);
    }

    /** A closed epoll's items are forgotten: its name may not be waited on for events again. */
    void forgetItems(String ep) {
        items.remove(ep);
    }

    // ---- epoll ----

    /**
     * {@code epoll_ctl(EP, OP, TARGET, EVENTS) = r} with data = TARGET's fd number. The names may
     * be of closed fds or of non-epoll fds (error cases). {@code op} may be an invalid number.
     */
    public synchronized SysResult epollCtl(String ep, int op, String target, int events) {
        SysResult r = LibcPoll.epollCtl(names.fd(ep), op, names.fd(target), events, names.fd(target));
        syscall("epoll_ctl", result(r), ep, Bits.epollOp(op), target, Bits.epoll(events));
        track(r, ep, op, target);
        return r;
    }

    /** {@code epoll_ctl(EP, OP, TARGET, -) = r} with a NULL event pointer (the way DEL is written). */
    public synchronized SysResult epollCtlNoEvent(String ep, int op, String target) {
        SysResult r = LibcPoll.epollCtlNullEvent(names.fd(ep), op, names.fd(target));
        syscall("epoll_ctl", result(r), ep, Bits.epollOp(op), target, "-");
        track(r, ep, op, target);
        return r;
    }

    /** {@code epoll_ctl(EP, EPOLL_CTL_DEL, TARGET, -)}. */
    public synchronized SysResult epollDel(String ep, String target) {
        return epollCtlNoEvent(ep, LibcPoll.EPOLL_CTL_DEL, target);
    }

    private void track(SysResult r, String ep, int op, String target) {
        if (!r.ok()) {
            return;
        }
        Map<Long, String> m = items.computeIfAbsent(ep, k -> new HashMap<>());
        long data = names.fd(target);
        if (op == LibcPoll.EPOLL_CTL_DEL) {
            m.remove(data);
        } else {
            m.put(data, target);
        }
    }

    /**
     * {@code epoll_wait(EP, MAX, TIMEOUT) = n}, then, when n &gt; 0, {@code observe events(EP)
     * NAME=MASK ...} in return order (NAME = the name whose fd number was stored as data).
     * maxevents may be 0 or negative (error cases); the timeout must be &ge; 0.
     */
    public synchronized int epollWait(String ep, int maxEvents, int timeoutMs) {
        LibcPoll.EpollWaitResult w = LibcPoll.epollWaitRaw(names.fd(ep), maxEvents, timeoutMs);
        syscall("epoll_wait", result(w.result()), ep, Integer.toString(maxEvents), Integer.toString(timeoutMs));
        return epollEvents(ep, w);
    }

    /** {@code observe events(EP) ...} when the wait returned events; the wait's count or -1. */
    int epollEvents(String ep, LibcPoll.EpollWaitResult w) {
        if (!w.result().ok()) {
            return -1;
        }
        if (!w.events().isEmpty()) {
            Map<Long, String> m = items.getOrDefault(ep, Map.of());
            SequencedMap<String, String> v = new LinkedHashMap<>();
            for (LibcPoll.EpollEvent e : w.events()) {
                String n = m.get(e.data());
                if (n == null) {
                    throw new IllegalStateException("epoll_wait(" + ep + ") returned data " + e.data()
                            + " that no ADD/MOD stored");
                }
                if (v.putIfAbsent(n, Bits.epoll(e.events())) != null) {
                    throw new IllegalStateException("epoll_wait(" + ep + ") returned " + n + " twice");
                }
            }
            observe("events", ep, v);
        }
        return w.result().intValue();
    }

    // ---- poll ----

    /**
     * {@code poll(NAME=EVENTS, ..., TIMEOUT) = n}, then, when n &gt; 0, {@code observe revents
     * NAME=REVENTS ...} for every entry with non-zero revents, in array order.
     */
    public synchronized int poll(int timeoutMs, PollEntry... entries) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("poll timeout must be >= 0 (bounded)");
        }
        List<LibcPoll.PollFd> pfds = pollFds(entries);
        LibcPoll.PollResult pr = LibcPoll.poll(pfds, timeoutMs);
        syscall("poll", result(pr.result()), pollArgs(timeoutMs, entries));
        return revents(pr, entries);
    }

    List<LibcPoll.PollFd> pollFds(PollEntry... entries) {
        List<LibcPoll.PollFd> pfds = new ArrayList<>();
        for (PollEntry e : entries) {
            pfds.add(new LibcPoll.PollFd(e.name() == null ? -1 : names.fd(e.name()), e.events()));
        }
        return pfds;
    }

    static String[] pollArgs(int timeoutMs, PollEntry... entries) {
        List<String> args = new ArrayList<>();
        for (PollEntry e : entries) {
            args.add((e.name() == null ? "-1" : e.name()) + "=" + Bits.poll(e.events()));
        }
        args.add(Integer.toString(timeoutMs));
        return args.toArray(String[]::new);
    }

    /** {@code observe revents ...} when poll returned a positive count; the count or -1. */
    int revents(LibcPoll.PollResult pr, PollEntry... entries) {
        if (pr.result().ok() && pr.result().value() > 0) {
            SequencedMap<String, String> v = new LinkedHashMap<>();
            for (int i = 0; i < entries.length; i++) {
                if (pr.revents(i) != 0) {
                    if (entries[i].name() == null) {
                        throw new IllegalStateException("revents on a negative fd: " + Bits.poll(pr.revents(i)));
                    }
                    if (v.putIfAbsent(entries[i].name(), Bits.poll(pr.revents(i))) != null) {
                        throw new IllegalStateException(entries[i].name() + " twice in one poll");
                    }
                }
            }
            observe("revents", null, v);
        }
        return pr.result().ok() ? pr.result().intValue() : -1;
    }

    /** {@code observe poll(NAME) revents=...}: poll of that fd alone with {@link PollSnapshot#EVENTS}, timeout 0. */
    public synchronized void observePoll(String name) {
        LibcPoll.PollResult pr = LibcPoll.poll(names.fd(name), PollSnapshot.EVENTS, 0);
        pr.result().orThrow("poll(" + name + ")");
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("revents", Bits.poll(pr.revents(0)));
        observe("poll", name, v);
    }

    // ---- select ----

    /** select with nfds = highest fd number named in the sets + 1. */
    public synchronized int select(List<String> rd, List<String> wr, List<String> ex, int timeoutMs) {
        return select(nfds(rd, wr, ex), rd, wr, ex, timeoutMs);
    }

    int nfds(List<String> rd, List<String> wr, List<String> ex) {
        int max = -1;
        for (List<String> set : List.of(rd, wr, ex)) {
            for (String n : set) {
                max = Math.max(max, names.fd(n));
            }
        }
        return max + 1;
    }

    /**
     * {@code select(NFDS, RD, WR, EX, TIMEOUT) = n} (sets as names joined with '|', {@code -} for
     * empty; an empty set is passed as NULL), then, when n &gt; 0, {@code observe fdsets rd=...
     * wr=... ex=...} listing the names whose bits the kernel left set, in the order given.
     */
    public synchronized int select(int nfds, List<String> rd, List<String> wr, List<String> ex, int timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("select timeout must be >= 0 (bounded)");
        }
        LibcPoll.SelectResult r = LibcPoll.select(nfds, set(rd, nfds), set(wr, nfds), set(ex, nfds), timeoutMs * 1000L);
        syscall("select", result(r.result()), selectArgs(nfds, rd, wr, ex, timeoutMs));
        return fdsets(r, nfds, rd, wr, ex);
    }

    static String[] selectArgs(int nfds, List<String> rd, List<String> wr, List<String> ex, int timeoutMs) {
        return new String[] {Integer.toString(nfds), setText(rd), setText(wr), setText(ex), Integer.toString(timeoutMs)};
    }

    /**
     * {@code observe fdsets ...} when select returned a positive count; the count or -1. Only bits
     * below nfds are read back: fs/select.c core_sys_select copies out FDS_BYTES(nfds) bytes per
     * set (whole longs, nfds clamped to max_fds) and leaves the words after them as the caller
     * wrote them, so a bit set for an fd &ge; nfds may still be set and means nothing.
     */
    int fdsets(LibcPoll.SelectResult r, int nfds, List<String> rd, List<String> wr, List<String> ex) {
        if (r.result().ok() && r.result().value() > 0) {
            SequencedMap<String, String> v = new LinkedHashMap<>();
            v.put("rd", setText(returned(rd, r.read(), nfds)));
            v.put("wr", setText(returned(wr, r.write(), nfds)));
            v.put("ex", setText(returned(ex, r.except(), nfds)));
            observe("fdsets", null, v);
        }
        return r.result().ok() ? r.result().intValue() : -1;
    }

    /**
     * The bitmap passed for one set: FD_SETSIZE (1024) bits, or more when nfds or a named fd needs
     * them (the kernel reads nfds bits, clamped to the fd table's size); null when empty.
     */
    long[] set(List<String> ns, int nfds) {
        if (ns.isEmpty()) {
            return null;
        }
        int[] numbers = ns.stream().mapToInt(names::fd).toArray();
        int bits = Math.max(LibcPoll.FD_SET_BITS, Math.max(nfds, Arrays.stream(numbers).max().orElseThrow() + 1));
        return LibcPoll.fdSet(bits, numbers);
    }

    private List<String> returned(List<String> asked, long[] set, int nfds) {
        List<String> out = new ArrayList<>();
        for (String n : asked) {
            if (names.fd(n) < nfds && LibcPoll.isSet(set, names.fd(n))) {
                out.add(n);
            }
        }
        return out;
    }

    private static String setText(List<String> ns) {
        return ns.isEmpty() ? "-" : String.join("|", ns);
    }

    // ---- with a signal mask swapped in (kernel/signal.c set_user_sigmask); timeout 0 ----

    /**
     * {@code epoll_pwait(EP, MAX, 0, [SIG|SIG], SIZE) = n} (or {@code NULL}), the mask naming the
     * signals it blocks of those the model knows ({@link kpath.kernel.LibcSignal#swapIn}), then
     * {@code observe events(EP) ...} as for epoll_wait.
     */
    public synchronized int epollPwait(String ep, int maxEvents, java.util.SortedSet<Integer> mask, long sigsetsize) {
        LibcPoll.EpollWaitResult w = kpath.kernel.LibcPwait.epollPwait(names.fd(ep), maxEvents,
                kpath.kernel.LibcSignal.swapIn(mask), sigsetsize);
        List<String> args = new ArrayList<>(List.of(ep, Integer.toString(maxEvents), "0"));
        args.addAll(Bits.sigmask(mask, sigsetsize));
        syscall("epoll_pwait", result(w.result()), args.toArray(String[]::new));
        return epollEvents(ep, w);
    }

    /** {@code ppoll(NAME=EVENTS, ..., 0, [SIG|SIG], SIZE) = n} and its revents, as for poll. */
    public synchronized int ppoll(java.util.SortedSet<Integer> mask, long sigsetsize, PollEntry... entries) {
        LibcPoll.PollResult pr = kpath.kernel.LibcPwait.ppoll(pollFds(entries), kpath.kernel.LibcSignal.swapIn(mask), sigsetsize);
        List<String> args = new ArrayList<>(List.of(pollArgs(0, entries)));
        args.addAll(Bits.sigmask(mask, sigsetsize));
        syscall("ppoll", result(pr.result()), args.toArray(String[]::new));
        return revents(pr, entries);
    }

    /** {@code pselect6(NFDS, RD, WR, EX, 0, [SIG|SIG], SIZE) = n} and its fd sets, as for select. */
    public synchronized int pselect6(List<String> rd, List<String> wr, List<String> ex, java.util.SortedSet<Integer> mask,
                                     long sigsetsize) {
        int nfds = nfds(rd, wr, ex);
        LibcPoll.SelectResult r = kpath.kernel.LibcPwait.pselect6(nfds, set(rd, nfds), set(wr, nfds), set(ex, nfds),
                kpath.kernel.LibcSignal.swapIn(mask), sigsetsize);
        List<String> args = new ArrayList<>(List.of(selectArgs(nfds, rd, wr, ex, 0)));
        args.addAll(Bits.sigmask(mask, sigsetsize));
        syscall("pselect6", result(r.result()), args.toArray(String[]::new));
        return fdsets(r, nfds, rd, wr, ex);
    }
}
