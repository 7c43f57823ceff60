package kpath.kernel.readiness;

import kpath.kernel.Bits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import kpath.kernel.ErrnoException;
import kpath.kernel.Fds;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcPoll;
import kpath.kernel.LibcSignal;
import kpath.kernel.LibcSocket;
import kpath.kernel.ProcTask;
import kpath.kernel.SysResult;
import kpath.kernel.TraceLog;
import kpath.trace.Header;
import kpath.trace.Result;

/**
 * Makes the syscalls of one readiness scenario and records each as a trace line while it
 * happens. Every fd is named at creation ({@link FdNames}), owned by the scenario's {@link Fds}
 * (so it is closed also on failure), and written as {@code name:fd}. Every value written comes
 * from a syscall's result; waits are bounded (timeouts must be &ge; 0).
 *
 * <p>Lines written (see {@code package-info.java} of this package for the whole syntax):
 * creations ({@code pipe2(O_NONBLOCK) = r0:7,w0:8}), I/O, {@code epoll_ctl}, {@code epoll_wait}
 * followed by {@code observe events(eN) ...}, {@code poll(...)} followed by
 * {@code observe revents ...}, {@code select(...)} followed by {@code observe fdsets ...},
 * {@code fcntl(...)} (F_DUPFD, F_SETFL, F_SETOWN_EX) and {@code rt_sigtimedwait(SIGIO, 0)}.
 *
 * <p>Tasks (threads of a threaded scenario, see {@link Tasks}) write a call in two lines,
 * {@code tN -> call} and {@code tN <- result}, and the main thread writes {@code observe task(tN)
 * state=S wchan=FN} while a task sleeps. The recorder has one lock (its monitor), and the order of
 * the lines is the order of the kernel's effects because of how it is held:
 * <ul>
 *   <li>a main-thread call holds it across the syscall and the writing of its line(s), including
 *       the observe lines after it, so its effect lies before its line and no task line comes
 *       between;</li>
 *   <li>a task writes {@code tN ->} under the lock, releases it, makes the syscall, and writes
 *       {@code tN <-} and its observe lines under the lock again, so every effect of the call lies
 *       between its two lines;</li>
 *   <li>the main thread reads a task's /proc state and writes {@code observe task} in one hold, so
 *       a task seen sleeping has not yet written its {@code tN <-}.</li>
 * </ul>
 * Each line's time is taken when it is written (now(), monotonic).
 */
public final class ReadinessRecorder extends TraceLog {

    /** The events an {@code observe poll(NAME)} snapshot asks for. */
    public static final int SNAPSHOT_EVENTS = LibcPoll.POLLIN | LibcPoll.POLLOUT | LibcPoll.POLLRDNORM
            | LibcPoll.POLLWRNORM | LibcPoll.POLLPRI | LibcPoll.POLLRDHUP;

    /** Largest byte count one {@link #write} makes (content is irrelevant). */
    public static final int MAX_WRITE = 1 << 16;


    /** A pair of names: pipe (read, write) or socketpair (first, second). */
    public record Pair(String first, String second) {
    }

    /** One poll(2) entry: a name, or null for a negative fd (written {@code -1}). */
    public record PollEntry(String name, int events) {
    }

    private final Fds fds;
    private final FdNames names = new FdNames();
    /** Per epoll name: the data stored by ADD/MOD (the target's fd number) &rarr; the target's name. */
    private final Map<String, Map<Long, String>> items = new HashMap<>();
    /** Per bound TCP socket name: the port the kernel chose at bind. */
    private final Map<String, Integer> ports = new HashMap<>();
    /** Names of fds opened without O_NONBLOCK: only a task may read them (see {@link #read}). */
    private final java.util.Set<String> blocking = new java.util.HashSet<>();

    /** The header is read now; the narrative becomes the leading {@code #} comment. */
    public ReadinessRecorder(String scenario, String narrative, Fds fds) {
        super(scenario, narrative, ReadinessScenarios.PATH, Header.Netns.HOST, Header.Peer.LOOPBACK, new LinkedHashMap<>());
        this.fds = fds;
    }

    public FdNames names() {
        return names;
    }

    /** The fd number a name had at creation. */
    public int fd(String name) {
        return names.fd(name);
    }

    // ---- text ----

    private static Result result(SysResult r) {
        return result(r, Long.toString(r.value()));
    }

    private String named(String name, int fd) {
        return name + ":" + fd;
    }

    // ---- creating fds ----

    /** {@code pipe2(O_NONBLOCK) = rN:fd,wN:fd}. */
    public synchronized Pair pipe2() {
        LibcFile.FdPair p = LibcFile.pipe2(LibcFile.O_NONBLOCK);
        if (!p.result().ok()) {
            syscall("pipe2", result(p.result(), "-"), "O_NONBLOCK");
            throw new ErrnoException("pipe2", p.result().errno());
        }
        fds.own(p.first());
        fds.own(p.second());
        int i = names.nextIndex("pipe", 1);
        String r = "r" + i;
        String w = "w" + i;
        names.add(r, p.first(), FdNames.Kind.PIPE_READ);
        names.add(w, p.second(), FdNames.Kind.PIPE_WRITE);
        syscall("pipe2", Result.ok(named(r, p.first()) + "," + named(w, p.second())), "O_NONBLOCK");
        return new Pair(r, w);
    }

    /** {@code socketpair(AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK) = sK:fd,sK+1:fd}. */
    public synchronized Pair socketpair() {
        return socketpair(LibcSocket.SOCK_STREAM | LibcSocket.SOCK_NONBLOCK, "SOCK_STREAM|SOCK_NONBLOCK");
    }

    /**
     * {@code socketpair(AF_UNIX, SOCK_STREAM) = sK:fd,sK+1:fd}: both ends blocking, so a read with
     * nothing queued sleeps; only a task may read them.
     */
    public synchronized Pair socketpairBlocking() {
        Pair p = socketpair(LibcSocket.SOCK_STREAM, "SOCK_STREAM");
        blocking.add(p.first());
        blocking.add(p.second());
        return p;
    }

    private Pair socketpair(int type, String typeText) {
        LibcFile.FdPair p = LibcSocket.socketpair(LibcSocket.AF_UNIX, type, 0);
        if (!p.result().ok()) {
            syscall("socketpair", result(p.result(), "-"), "AF_UNIX", typeText);
            throw new ErrnoException("socketpair", p.result().errno());
        }
        fds.own(p.first());
        fds.own(p.second());
        int i = names.nextIndex("s", 2);
        String a = "s" + i;
        String b = "s" + (i + 1);
        names.add(a, p.first(), FdNames.Kind.UNIX_STREAM);
        names.add(b, p.second(), FdNames.Kind.UNIX_STREAM);
        syscall("socketpair", Result.ok(named(a, p.first()) + "," + named(b, p.second())), "AF_UNIX", typeText);
        return new Pair(a, b);
    }

    /**
     * {@code eventfd(initval, FLAGS) = vN:fd}; flags from EFD_NONBLOCK, EFD_SEMAPHORE, EFD_CLOEXEC,
     * written {@code 0} when none. Without EFD_NONBLOCK only a task may read it.
     */
    public synchronized String eventfd(int initval, int flags) {
        SysResult r = LibcFile.eventfd(initval, flags);
        String n = created(r, "eventfd", "v", FdNames.Kind.EVENTFD, Integer.toString(initval), Bits.efd(flags));
        if ((flags & LibcFile.EFD_NONBLOCK) == 0) {
            blocking.add(n);
        }
        return n;
    }

    /** Whether the name's fd was opened blocking (no O_NONBLOCK; dups share the open file). */
    public synchronized boolean isBlocking(String name) {
        names.get(name);
        return blocking.contains(name);
    }

    /** {@code epoll_create1(0) = eN:fd}. */
    public synchronized String epollCreate() {
        return created(LibcPoll.epollCreate1(0), "epoll_create1", "e", FdNames.Kind.EPOLL, "0");
    }

    /** {@code openat(AT_FDCWD, PATH) = fN:fd} (O_RDONLY; PATH must be one token without spaces). */
    public synchronized String openat(String path) {
        if (path.isEmpty() || path.chars().anyMatch(c -> Character.isWhitespace(c) || c == '(' || c == ')' || c == ',')) {
            throw new IllegalArgumentException("path must be one token: " + path);
        }
        SysResult r = LibcFile.openat(LibcFile.AT_FDCWD, path, LibcFile.O_RDONLY);
        return created(r, "openat", "f", FdNames.Kind.FILE, "AT_FDCWD", path);
    }

    /** {@code dup(NAME) = NAMEd:fd}. */
    public synchronized String dup(String name) {
        FdNames.Named orig = names.get(name);
        SysResult r = LibcFile.dup(orig.fd());
        if (!r.ok()) {
            syscall("dup", result(r, "-"), name);
            throw new ErrnoException("dup(" + name + ")", r.errno());
        }
        int fd = fds.own(r.intValue());
        String n = names.dupName(name);
        names.add(n, fd, orig.kind());
        if (blocking.contains(name)) {
            blocking.add(n);
        }
        syscall("dup", Result.ok(named(n, fd)), name);
        return n;
    }

    /**
     * {@code fcntl(NAME, F_DUPFD, MIN) = NAMEx:fd}: a copy of the fd at the lowest free number
     * &ge; MIN (fs/fcntl.c f_dupfd; it fails with EINVAL when MIN &ge; RLIMIT_NOFILE).
     */
    public synchronized String dupfd(String name, int min) {
        FdNames.Named orig = names.get(name);
        SysResult r = LibcFile.fcntl(orig.fd(), LibcFile.F_DUPFD, min);
        if (!r.ok()) {
            syscall("fcntl", result(r, "-"), name, "F_DUPFD", Integer.toString(min));
            throw new ErrnoException("fcntl(" + name + ", F_DUPFD, " + min + ")", r.errno());
        }
        int fd = fds.own(r.intValue());
        String n = names.dupfdName(name);
        names.add(n, fd, orig.kind());
        if (blocking.contains(name)) {
            blocking.add(n);
        }
        syscall("fcntl", Result.ok(named(n, fd)), name, "F_DUPFD", Integer.toString(min));
        return n;
    }

    private String created(SysResult r, String call, String prefix, FdNames.Kind kind, String... args) {
        if (!r.ok()) {
            syscall(call, result(r, "-"), args);
            throw new ErrnoException(call, r.errno());
        }
        int fd = fds.own(r.intValue());
        String n = prefix + names.nextIndex(prefix, 1);
        names.add(n, fd, kind);
        syscall(call, Result.ok(named(n, fd)), args);
        return n;
    }

    // ---- TCP on loopback ----

    /**
     * {@code socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK) = NAME:fd}; {@code prefix} is {@code "l"}
     * (listener), {@code "c"} (client) or {@code "u"} (left unconnected).
     */
    public synchronized String tcpSocket(String prefix) {
        if (!List.of("l", "c", "u").contains(prefix)) {
            throw new IllegalArgumentException("TCP socket prefix must be l, c or u: " + prefix);
        }
        SysResult r = LibcSocket.socket(LibcSocket.AF_INET, LibcSocket.SOCK_STREAM | LibcSocket.SOCK_NONBLOCK, 0);
        return created(r, "socket", prefix, FdNames.Kind.TCP, "AF_INET", "SOCK_STREAM|SOCK_NONBLOCK");
    }

    /**
     * {@code bind(NAME, 127.0.0.1:0) = r}. On success the port the kernel chose is read with an
     * unrecorded getsockname(2) and kept for {@link #connect}.
     */
    public synchronized SysResult bindLoopback(String name) {
        SysResult r = LibcSocket.bind(names.fd(name), LibcSocket.INADDR_LOOPBACK, 0);
        syscall("bind", result(r), name, "127.0.0.1:0");
        if (r.ok()) {
            ports.put(name, LibcSocket.getsockname(names.fd(name)).orThrow("getsockname(" + name + ")").intValue());
        }
        return r;
    }

    /** {@code listen(NAME, BACKLOG) = r}. */
    public synchronized SysResult listen(String name, int backlog) {
        SysResult r = LibcSocket.listen(names.fd(name), backlog);
        syscall("listen", result(r), name, Integer.toString(backlog));
        return r;
    }

    /** {@code connect(CLIENT, LISTENER) = r}: to 127.0.0.1 and the port LISTENER was bound to. */
    public synchronized SysResult connect(String client, String listener) {
        Integer port = ports.get(listener);
        if (port == null) {
            throw new IllegalStateException(listener + " has not been bound");
        }
        SysResult r = LibcSocket.connect(names.fd(client), LibcSocket.INADDR_LOOPBACK, port);
        syscall("connect", result(r), client, listener);
        return r;
    }

    /**
     * {@code accept4(LISTENER, SOCK_NONBLOCK) = aN:fd}, or {@code = -1 ERRNO}; returns the new
     * name, or empty when the call failed.
     */
    public synchronized Optional<String> accept4(String listener) {
        LibcSocket.Accepted a = LibcSocket.accept4(names.fd(listener), LibcSocket.SOCK_NONBLOCK);
        if (!a.result().ok()) {
            syscall("accept4", result(a.result(), "-"), listener, "SOCK_NONBLOCK");
            return Optional.empty();
        }
        int fd = fds.own(a.fd());
        String n = "a" + names.nextIndex("a", 1);
        names.add(n, fd, FdNames.Kind.TCP);
        syscall("accept4", Result.ok(named(n, fd)), listener, "SOCK_NONBLOCK");
        return Optional.of(n);
    }

    // ---- I/O ----

    /**
     * Pipes and sockets: {@code write(NAME, N) = n} writing N bytes. Eventfds: {@code write(NAME, V) = 8}
     * adding the u64 value V (V may be any 64-bit pattern, written unsigned).
     */
    public synchronized SysResult write(String name, long n) {
        FdNames.Named f = names.get(name);
        SysResult r;
        String arg;
        if (f.kind() == FdNames.Kind.EVENTFD) {
            r = LibcFile.eventfdWrite(f.fd(), n);
            arg = Long.toUnsignedString(n);
        } else {
            if (n < 0 || n > MAX_WRITE) {
                throw new IllegalArgumentException("byte count out of range: " + n);
            }
            r = LibcFile.write(f.fd(), new byte[(int) n]);
            arg = Long.toString(n);
        }
        syscall("write", result(r), name, arg);
        return r;
    }

    /**
     * Pipes and sockets: {@code read(NAME, MAX) = n}. Eventfds: {@code read(NAME, 8) = 8} then
     * {@code observe read(NAME) value=V} ({@code max} is ignored and 8 is used). The fd must be
     * non-blocking: the main thread holds the lock across the call, so a read that sleeps would
     * stall every task; a blocking fd is read by a task ({@link #taskRead}).
     */
    public synchronized SysResult read(String name, int max) {
        if (blocking.contains(name)) {
            throw new IllegalStateException("the main thread must not read the blocking fd " + name
                    + " (it would sleep holding the recorder's lock); let a task read it");
        }
        FdNames.Named f = names.get(name);
        if (f.kind() == FdNames.Kind.EVENTFD) {
            LibcFile.CounterRead cr = LibcFile.eventfdRead(f.fd());
            syscall("read", result(cr.result()), name, "8");
            counterRead(name, cr);
            return cr.result();
        }
        SysResult r = LibcFile.read(f.fd(), new byte[readSize(max)]);
        syscall("read", result(r), name, Integer.toString(max));
        return r;
    }

    private static int readSize(int max) {
        if (max <= 0 || max > MAX_WRITE) {
            throw new IllegalArgumentException("read size out of range: " + max);
        }
        return max;
    }

    /** {@code observe read(NAME) value=V} after an eventfd read that returned the 8 bytes. */
    private void counterRead(String name, LibcFile.CounterRead cr) {
        if (cr.result().value() == 8) {
            SequencedMap<String, String> v = new LinkedHashMap<>();
            v.put("value", Long.toUnsignedString(cr.value()));
            observe("read", name, v);
        }
    }

    /** {@code shutdown(NAME, SHUT_WR) = 0}. */
    public synchronized SysResult shutdown(String name, int how) {
        SysResult r = LibcSocket.shutdown(names.fd(name), how);
        syscall("shutdown", result(r), name, Bits.shutHow(how));
        return r;
    }

    /** {@code close(NAME) = 0}; the name stays known (with its old number) for later calls. */
    public synchronized SysResult close(String name) {
        if (!names.isOpen(name)) {
            throw new IllegalStateException(name + " is already closed");
        }
        SysResult r = fds.close(names.fd(name));
        if (r == null) {
            throw new IllegalStateException(name + " is not owned by this scenario");
        }
        names.markClosed(name);
        if (names.kind(name) == FdNames.Kind.EPOLL) {
            items.remove(name);
        }
        syscall("close", result(r), name);
        return r;
    }

    // ---- signal-driven I/O ----

    /**
     * {@code fcntl(NAME, F_SETOWN_EX, F_OWNER_TID) = r}: SIGIO for NAME's file goes to the calling
     * thread alone (thread-directed; see {@link LibcSignal#fcntlSetownExTid}). Refused
     * (IllegalStateException, no call made) unless the calling thread has SIGIO blocked: an
     * unblocked SIGIO would run its default action and end the JVM.
     */
    public synchronized SysResult fcntlSetownEx(String name) {
        requireSigioBlocked("fcntl(" + name + ", F_SETOWN_EX)");
        SysResult r = LibcSignal.fcntlSetownExTid(names.fd(name), LibcSignal.gettid());
        syscall("fcntl", result(r), name, "F_SETOWN_EX", "F_OWNER_TID");
        return r;
    }

    /**
     * {@code fcntl(NAME, F_SETFL, FLAGS) = r} with FLAGS from O_NONBLOCK and O_ASYNC (written
     * {@code 0} when none): the file status flags become exactly these (fs/fcntl.c setfl), and a
     * change of O_ASYNC calls the file's ->fasync. Without O_NONBLOCK the name is blocking from
     * then on (only a task may read it). Setting O_ASYNC is refused (IllegalStateException, no
     * call made) unless the calling thread has SIGIO blocked.
     */
    public synchronized SysResult fcntlSetfl(String name, int flags) {
        if ((flags & ~(LibcFile.O_NONBLOCK | LibcFile.O_ASYNC)) != 0) {
            throw new IllegalArgumentException("F_SETFL flags other than O_NONBLOCK|O_ASYNC: " + Bits.setfl(flags));
        }
        if ((flags & LibcFile.O_ASYNC) != 0) {
            requireSigioBlocked("fcntl(" + name + ", F_SETFL, O_ASYNC)");
        }
        SysResult r = LibcFile.fcntl(names.fd(name), LibcFile.F_SETFL, flags);
        syscall("fcntl", result(r), name, "F_SETFL", Bits.setfl(flags));
        if (r.ok()) {
            if ((flags & LibcFile.O_NONBLOCK) == 0) {
                blocking.add(name);
            } else {
                blocking.remove(name);
            }
        }
        return r;
    }

    /**
     * {@code rt_sigtimedwait(SIGIO, 0) = SIGIO} when a SIGIO was pending (for the calling thread
     * or the process) and is now taken, {@code = -1 EAGAIN} when none was; never waits.
     */
    public synchronized SysResult sigtimedwaitSigio() {
        SysResult r = LibcSignal.sigtimedwaitSigio();
        if (r.ok() && r.value() != LibcSignal.SIGIO) {
            throw new IllegalStateException("rt_sigtimedwait({SIGIO}) returned signal " + r.value());
        }
        syscall("rt_sigtimedwait", result(r, "SIGIO"), "SIGIO", "0");
        return r;
    }

    private static void requireSigioBlocked(String what) {
        if (!LibcSignal.sigioBlocked()) {
            throw new IllegalStateException(what + " on thread " + Thread.currentThread().getName()
                    + ", which has SIGIO unblocked: its default action would end the JVM");
        }
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
    private int epollEvents(String ep, LibcPoll.EpollWaitResult w) {
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

    public static PollEntry pfd(String name, int events) {
        return new PollEntry(name, events);
    }

    /** A poll entry with fd -1. */
    public static PollEntry negativeFd(int events) {
        return new PollEntry(null, events);
    }

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

    private List<LibcPoll.PollFd> pollFds(PollEntry... entries) {
        List<LibcPoll.PollFd> pfds = new ArrayList<>();
        for (PollEntry e : entries) {
            pfds.add(new LibcPoll.PollFd(e.name() == null ? -1 : names.fd(e.name()), e.events()));
        }
        return pfds;
    }

    private static String[] pollArgs(int timeoutMs, PollEntry... entries) {
        List<String> args = new ArrayList<>();
        for (PollEntry e : entries) {
            args.add((e.name() == null ? "-1" : e.name()) + "=" + Bits.poll(e.events()));
        }
        args.add(Integer.toString(timeoutMs));
        return args.toArray(String[]::new);
    }

    /** {@code observe revents ...} when poll returned a positive count; the count or -1. */
    private int revents(LibcPoll.PollResult pr, PollEntry... entries) {
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

    /** {@code observe poll(NAME) revents=...}: poll of that fd alone with {@link #SNAPSHOT_EVENTS}, timeout 0. */
    public synchronized void observePoll(String name) {
        LibcPoll.PollResult pr = LibcPoll.poll(names.fd(name), SNAPSHOT_EVENTS, 0);
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

    private int nfds(List<String> rd, List<String> wr, List<String> ex) {
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

    private static String[] selectArgs(int nfds, List<String> rd, List<String> wr, List<String> ex, int timeoutMs) {
        return new String[] {Integer.toString(nfds), setText(rd), setText(wr), setText(ex), Integer.toString(timeoutMs)};
    }

    /**
     * {@code observe fdsets ...} when select returned a positive count; the count or -1. Only bits
     * below nfds are read back: fs/select.c core_sys_select copies out FDS_BYTES(nfds) bytes per
     * set (whole longs, nfds clamped to max_fds) and leaves the words after them as the caller
     * wrote them, so a bit set for an fd &ge; nfds may still be set and means nothing.
     */
    private int fdsets(LibcPoll.SelectResult r, int nfds, List<String> rd, List<String> wr, List<String> ex) {
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
    private long[] set(List<String> ns, int nfds) {
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

    // ---- tasks: called on the task's own thread (see Tasks) ----

    /**
     * {@code tN -> epoll_wait(EP, MAX, TIMEOUT)}, the wait with the lock released, then
     * {@code tN <- n} and, when n &gt; 0, {@code observe events(EP) ...}. TIMEOUT -1 waits until an
     * event comes: the scenario must be able to release the task.
     */
    public int taskEpollWait(String task, String ep, int maxEvents, int timeoutMs) {
        if (maxEvents <= 0 || timeoutMs < -1) {
            throw new IllegalArgumentException("task epoll_wait needs maxevents > 0 and timeout >= -1");
        }
        int fd;
        synchronized (this) {
            fd = names.fd(ep);
            callStart(task, "epoll_wait", ep, Integer.toString(maxEvents), Integer.toString(timeoutMs));
        }
        LibcPoll.EpollWaitResult w = LibcPoll.epollWait(fd, maxEvents, timeoutMs);
        synchronized (this) {
            callReturn(task, result(w.result()));
            return epollEvents(ep, w);
        }
    }

    /**
     * {@code tN -> poll(NAME=EVENTS, ..., TIMEOUT)}, the wait with the lock released, then
     * {@code tN <- n} and, when n &gt; 0, {@code observe revents ...}. TIMEOUT -1 waits until an
     * event comes: the scenario must be able to release the task.
     */
    public int taskPoll(String task, int timeoutMs, PollEntry... entries) {
        if (timeoutMs < -1) {
            throw new IllegalArgumentException("task poll timeout must be >= -1");
        }
        List<LibcPoll.PollFd> pfds;
        synchronized (this) {
            pfds = pollFds(entries);
            callStart(task, "poll", pollArgs(timeoutMs, entries));
        }
        LibcPoll.PollResult pr = LibcPoll.poll(pfds, timeoutMs);
        synchronized (this) {
            callReturn(task, result(pr.result()));
            return revents(pr, entries);
        }
    }

    /**
     * {@code tN -> select(NFDS, RD, WR, EX, TIMEOUT)} with nfds = highest fd named + 1, the wait
     * with the lock released, then {@code tN <- n} and, when n &gt; 0, {@code observe fdsets ...}.
     * The timeout must be &ge; 0.
     */
    public int taskSelect(String task, List<String> rd, List<String> wr, List<String> ex, int timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("task select timeout must be >= 0 (bounded)");
        }
        int nfds;
        long[][] sets;
        synchronized (this) {
            nfds = nfds(rd, wr, ex);
            sets = new long[][] {set(rd, nfds), set(wr, nfds), set(ex, nfds)};
            callStart(task, "select", selectArgs(nfds, rd, wr, ex, timeoutMs));
        }
        LibcPoll.SelectResult r = LibcPoll.select(nfds, sets[0], sets[1], sets[2], timeoutMs * 1000L);
        synchronized (this) {
            callReturn(task, result(r.result()));
            return fdsets(r, nfds, rd, wr, ex);
        }
    }

    /**
     * {@code tN -> read(NAME, MAX)}, the read with the lock released, then {@code tN <- n}.
     * Eventfds: {@code tN -> read(NAME, 8)}, then {@code tN <- 8} and {@code observe read(NAME)
     * value=V}. On a blocking fd the read sleeps until data, EOF or a shutdown: the scenario must be
     * able to release the task.
     */
    public SysResult taskRead(String task, String name, int max) {
        FdNames.Named f;
        synchronized (this) {
            f = names.get(name);
            boolean counter = f.kind() == FdNames.Kind.EVENTFD;
            callStart(task, "read", name, counter ? "8" : Integer.toString(readSize(max)));
        }
        if (f.kind() == FdNames.Kind.EVENTFD) {
            LibcFile.CounterRead cr = LibcFile.eventfdRead(f.fd());
            synchronized (this) {
                callReturn(task, result(cr.result()));
                counterRead(name, cr);
                return cr.result();
            }
        }
        SysResult r = LibcFile.read(f.fd(), new byte[max]);
        synchronized (this) {
            callReturn(task, result(r));
            return r;
        }
    }

    /** One millisecond: how often {@link #observeTaskSleeping} re-reads /proc. */
    static final long TASK_POLL_NANOS = 1_000_000;

    /**
     * {@code observe task(TASK) state=STATE wchan=WCHAN} for thread {@code tid}: re-reads its
     * /proc state every millisecond, bounded by {@code bound}, until it is {@code S} with wait
     * channel {@code function} (also with a compiler suffix such as {@code .constprop.0}), or
     * {@code returned} says its call came back; then, or when the bound has passed, writes the last
     * reading exactly as read. Each reading and its line are one hold of the lock, so a task seen
     * sleeping has not written its {@code tN <-} yet. Returns whether it was seen sleeping there.
     */
    public boolean observeTaskSleeping(String task, int tid, String function, java.time.Duration bound,
            java.util.function.BooleanSupplier returned) {
        long deadline = System.nanoTime() + bound.toNanos();
        long tries = bound.toMillis() * 10 + 10; // a count bound too, in case park returns early
        for (long i = 0; ; i++) {
            synchronized (this) {
                ProcTask.Reading r = ProcTask.read(tid);
                boolean sleeping = sleepsIn(r, function);
                if (sleeping || returned.getAsBoolean() || i >= tries || System.nanoTime() - deadline >= 0) {
                    SequencedMap<String, String> v = new LinkedHashMap<>();
                    v.put("state", r.state());
                    v.put("wchan", r.wchan());
                    observe("task", task, v);
                    return sleeping;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TASK_POLL_NANOS);
        }
    }

    /** Whether a reading is an interruptible sleep in {@code function} (or a compiler clone of it). */
    public static boolean sleepsIn(ProcTask.Reading r, String function) {
        return r.state().equals("S") && kpath.trace.Wchan.is(r.wchan(), function);
    }

    // ---- helpers ----

    /** The SIGPIPE disposition of this process from /proc/self/status (for a comment). */
    public static String sigpipeDisposition() {
        try {
            List<String> status = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"));
            long ign = mask(status, "SigIgn:");
            long cgt = mask(status, "SigCgt:");
            long bit = 1L << (13 - 1);
            return (ign & bit) != 0 ? "ignored (SigIgn)" : (cgt & bit) != 0 ? "caught by a handler (SigCgt)" : "default (terminate)";
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static long mask(List<String> status, String key) {
        return status.stream().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> Long.parseUnsignedLong(l.substring(key.length()).strip(), 16)).orElse(0L);
    }
}
