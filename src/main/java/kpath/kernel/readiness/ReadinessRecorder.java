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
import kpath.kernel.Libc;
import kpath.kernel.LibcMore;
import kpath.kernel.ProcNet;
import kpath.kernel.SysResult;
import kpath.trace.Event;
import kpath.trace.Header;
import kpath.trace.Line;
import kpath.trace.Result;
import kpath.trace.Trace;

/**
 * Makes the syscalls of one readiness scenario and records each as a trace line while it
 * happens. Every fd is named at creation ({@link FdNames}), owned by the scenario's {@link Fds}
 * (so it is closed also on failure), and written as {@code name:fd}. Every value written comes
 * from a syscall's result; waits are bounded (timeouts must be &ge; 0).
 *
 * <p>Lines written (see {@code package-info.java} of this package for the whole syntax):
 * creations ({@code pipe2(O_NONBLOCK) = r0:7,w0:8}), I/O, {@code epoll_ctl}, {@code epoll_wait}
 * followed by {@code observe events(eN) ...}, {@code poll(...)} followed by
 * {@code observe revents ...}, {@code select(...)} followed by {@code observe fdsets ...}.
 */
public final class ReadinessRecorder {

    /** The events an {@code observe poll(NAME)} snapshot asks for. */
    public static final int SNAPSHOT_EVENTS = Libc.POLLIN | Libc.POLLOUT | LibcMore.POLLRDNORM
            | LibcMore.POLLWRNORM | Libc.POLLPRI | Libc.POLLRDHUP;

    /** Largest byte count one {@link #write} makes (content is irrelevant). */
    public static final int MAX_WRITE = 1 << 16;

    private static final int WRAP = 96;

    /** A pair of names: pipe (read, write) or socketpair (first, second). */
    public record Pair(String first, String second) {
    }

    /** One poll(2) entry: a name, or null for a negative fd (written {@code -1}). */
    public record PollEntry(String name, int events) {
    }

    private final long startNanos = System.nanoTime();
    private final Fds fds;
    private final FdNames names = new FdNames();
    private final Header header;
    private final List<Line> lines = new ArrayList<>();
    /** Per epoll name: the data stored by ADD/MOD (the target's fd number) &rarr; the target's name. */
    private final Map<String, Map<Long, String>> items = new HashMap<>();
    /** Per bound TCP socket name: the port the kernel chose at bind. */
    private final Map<String, Integer> ports = new HashMap<>();
    private long lastMicros;

    /** The header is read now; the narrative becomes the leading {@code #} comment. */
    public ReadinessRecorder(String scenario, String narrative, Fds fds) {
        this.fds = fds;
        this.header = new Header(Header.VERSION, scenario, ProcNet.kernelRelease(), ProcNet.arch(),
                Header.Netns.HOST, Header.Peer.LOOPBACK, new LinkedHashMap<>(),
                List.of(Map.entry("captured-by", "kpath")));
        comment(narrative);
        blank();
    }

    public Header header() {
        return header;
    }

    public FdNames names() {
        return names;
    }

    /** The trace so far. */
    public Trace trace() {
        return new Trace(header, lines);
    }

    /** The fd number a name had at creation. */
    public int fd(String name) {
        return names.fd(name);
    }

    // ---- text ----

    /** {@code #} comment lines (wrapped). */
    public void comment(String text) {
        for (String l : kpath.kernel.scenario.Recorder.wrap(text.strip(), WRAP)) {
            lines.add(new Line.Comment(0, l.isEmpty() ? "" : " " + l));
        }
    }

    public void blank() {
        lines.add(new Line.Blank(0));
    }

    private long now() {
        long t = Math.max(lastMicros, (System.nanoTime() - startNanos) / 1_000);
        lastMicros = t;
        return t;
    }

    private void syscall(String name, Result result, String... args) {
        lines.add(new Event.Syscall(0, now(), name, List.of(args), result));
    }

    private void observe(String what, String target, SequencedMap<String, String> values) {
        lines.add(new Event.Observation(0, now(), what, Optional.ofNullable(target), values));
    }

    private static Result result(SysResult r, String okValue) {
        if (r.ok()) {
            return Result.ok(okValue);
        }
        String name = Libc.errnoName(r.errno());
        if (name.startsWith("E?")) {
            throw new IllegalStateException("errno " + r.errno() + " has no name in Libc's table");
        }
        return Result.error(name);
    }

    private static Result result(SysResult r) {
        return result(r, Long.toString(r.value()));
    }

    private String named(String name, int fd) {
        return name + ":" + fd;
    }

    // ---- creating fds ----

    /** {@code pipe2(O_NONBLOCK) = rN:fd,wN:fd}. */
    public Pair pipe2() {
        Libc.FdPair p = Libc.pipe2(Libc.O_NONBLOCK);
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
    public Pair socketpair() {
        Libc.FdPair p = Libc.socketpair(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK, 0);
        if (!p.result().ok()) {
            syscall("socketpair", result(p.result(), "-"), "AF_UNIX", "SOCK_STREAM|SOCK_NONBLOCK");
            throw new ErrnoException("socketpair", p.result().errno());
        }
        fds.own(p.first());
        fds.own(p.second());
        int i = names.nextIndex("s", 2);
        String a = "s" + i;
        String b = "s" + (i + 1);
        names.add(a, p.first(), FdNames.Kind.UNIX_STREAM);
        names.add(b, p.second(), FdNames.Kind.UNIX_STREAM);
        syscall("socketpair", Result.ok(named(a, p.first()) + "," + named(b, p.second())),
                "AF_UNIX", "SOCK_STREAM|SOCK_NONBLOCK");
        return new Pair(a, b);
    }

    /** {@code eventfd(initval, FLAGS) = vN:fd}; flags from EFD_NONBLOCK, EFD_SEMAPHORE, EFD_CLOEXEC. */
    public String eventfd(int initval, int flags) {
        SysResult r = Libc.eventfd(initval, flags);
        return created(r, "eventfd", "v", FdNames.Kind.EVENTFD, Integer.toString(initval), Bits.efd(flags));
    }

    /** {@code epoll_create1(0) = eN:fd}. */
    public String epollCreate() {
        return created(Libc.epollCreate1(0), "epoll_create1", "e", FdNames.Kind.EPOLL, "0");
    }

    /** {@code openat(AT_FDCWD, PATH) = fN:fd} (O_RDONLY; PATH must be one token without spaces). */
    public String openat(String path) {
        if (path.isEmpty() || path.chars().anyMatch(c -> Character.isWhitespace(c) || c == '(' || c == ')' || c == ',')) {
            throw new IllegalArgumentException("path must be one token: " + path);
        }
        SysResult r = LibcMore.openat(LibcMore.AT_FDCWD, path, Libc.O_RDONLY);
        return created(r, "openat", "f", FdNames.Kind.FILE, "AT_FDCWD", path);
    }

    /** {@code dup(NAME) = NAMEd:fd}. */
    public String dup(String name) {
        FdNames.Named orig = names.get(name);
        SysResult r = LibcMore.dup(orig.fd());
        if (!r.ok()) {
            syscall("dup", result(r, "-"), name);
            throw new ErrnoException("dup(" + name + ")", r.errno());
        }
        int fd = fds.own(r.intValue());
        String n = names.dupName(name);
        names.add(n, fd, orig.kind());
        syscall("dup", Result.ok(named(n, fd)), name);
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
    public String tcpSocket(String prefix) {
        if (!List.of("l", "c", "u").contains(prefix)) {
            throw new IllegalArgumentException("TCP socket prefix must be l, c or u: " + prefix);
        }
        SysResult r = Libc.socket(Libc.AF_INET, Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK, 0);
        return created(r, "socket", prefix, FdNames.Kind.TCP, "AF_INET", "SOCK_STREAM|SOCK_NONBLOCK");
    }

    /**
     * {@code bind(NAME, 127.0.0.1:0) = r}. On success the port the kernel chose is read with an
     * unrecorded getsockname(2) and kept for {@link #connect}.
     */
    public SysResult bindLoopback(String name) {
        SysResult r = Libc.bind(names.fd(name), Libc.INADDR_LOOPBACK, 0);
        syscall("bind", result(r), name, "127.0.0.1:0");
        if (r.ok()) {
            ports.put(name, Libc.getsockname(names.fd(name)).orThrow("getsockname(" + name + ")").intValue());
        }
        return r;
    }

    /** {@code listen(NAME, BACKLOG) = r}. */
    public SysResult listen(String name, int backlog) {
        SysResult r = Libc.listen(names.fd(name), backlog);
        syscall("listen", result(r), name, Integer.toString(backlog));
        return r;
    }

    /** {@code connect(CLIENT, LISTENER) = r}: to 127.0.0.1 and the port LISTENER was bound to. */
    public SysResult connect(String client, String listener) {
        Integer port = ports.get(listener);
        if (port == null) {
            throw new IllegalStateException(listener + " has not been bound");
        }
        SysResult r = Libc.connect(names.fd(client), Libc.INADDR_LOOPBACK, port);
        syscall("connect", result(r), client, listener);
        return r;
    }

    /**
     * {@code accept4(LISTENER, SOCK_NONBLOCK) = aN:fd}, or {@code = -1 ERRNO}; returns the new
     * name, or empty when the call failed.
     */
    public Optional<String> accept4(String listener) {
        Libc.Accepted a = Libc.accept4(names.fd(listener), Libc.SOCK_NONBLOCK);
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
    public SysResult write(String name, long n) {
        FdNames.Named f = names.get(name);
        SysResult r;
        String arg;
        if (f.kind() == FdNames.Kind.EVENTFD) {
            r = LibcMore.eventfdWrite(f.fd(), n);
            arg = Long.toUnsignedString(n);
        } else {
            if (n < 0 || n > MAX_WRITE) {
                throw new IllegalArgumentException("byte count out of range: " + n);
            }
            r = Libc.write(f.fd(), new byte[(int) n]);
            arg = Long.toString(n);
        }
        syscall("write", result(r), name, arg);
        return r;
    }

    /**
     * Pipes and sockets: {@code read(NAME, MAX) = n}. Eventfds: {@code read(NAME, 8) = 8} then
     * {@code observe read(NAME) value=V} ({@code max} is ignored and 8 is used).
     */
    public SysResult read(String name, int max) {
        FdNames.Named f = names.get(name);
        if (f.kind() == FdNames.Kind.EVENTFD) {
            LibcMore.CounterRead cr = LibcMore.eventfdRead(f.fd());
            syscall("read", result(cr.result()), name, "8");
            if (cr.result().value() == 8) {
                SequencedMap<String, String> v = new LinkedHashMap<>();
                v.put("value", Long.toUnsignedString(cr.value()));
                observe("read", name, v);
            }
            return cr.result();
        }
        if (max <= 0 || max > MAX_WRITE) {
            throw new IllegalArgumentException("read size out of range: " + max);
        }
        SysResult r = Libc.read(f.fd(), new byte[max]);
        syscall("read", result(r), name, Integer.toString(max));
        return r;
    }

    /** {@code shutdown(NAME, SHUT_WR) = 0}. */
    public SysResult shutdown(String name, int how) {
        SysResult r = Libc.shutdown(names.fd(name), how);
        syscall("shutdown", result(r), name, Bits.shutHow(how));
        return r;
    }

    /** {@code close(NAME) = 0}; the name stays known (with its old number) for later calls. */
    public SysResult close(String name) {
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

    // ---- epoll ----

    /**
     * {@code epoll_ctl(EP, OP, TARGET, EVENTS) = r} with data = TARGET's fd number. The names may
     * be of closed fds or of non-epoll fds (error cases). {@code op} may be an invalid number.
     */
    public SysResult epollCtl(String ep, int op, String target, int events) {
        SysResult r = Libc.epollCtl(names.fd(ep), op, names.fd(target), events, names.fd(target));
        syscall("epoll_ctl", result(r), ep, Bits.epollOp(op), target, Bits.epoll(events));
        track(r, ep, op, target);
        return r;
    }

    /** {@code epoll_ctl(EP, OP, TARGET, -) = r} with a NULL event pointer (the way DEL is written). */
    public SysResult epollCtlNoEvent(String ep, int op, String target) {
        SysResult r = LibcMore.epollCtlNullEvent(names.fd(ep), op, names.fd(target));
        syscall("epoll_ctl", result(r), ep, Bits.epollOp(op), target, "-");
        track(r, ep, op, target);
        return r;
    }

    /** {@code epoll_ctl(EP, EPOLL_CTL_DEL, TARGET, -)}. */
    public SysResult epollDel(String ep, String target) {
        return epollCtlNoEvent(ep, Libc.EPOLL_CTL_DEL, target);
    }

    private void track(SysResult r, String ep, int op, String target) {
        if (!r.ok()) {
            return;
        }
        Map<Long, String> m = items.computeIfAbsent(ep, k -> new HashMap<>());
        long data = names.fd(target);
        if (op == Libc.EPOLL_CTL_DEL) {
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
    public int epollWait(String ep, int maxEvents, int timeoutMs) {
        Libc.EpollWaitResult w = LibcMore.epollWaitRaw(names.fd(ep), maxEvents, timeoutMs);
        syscall("epoll_wait", result(w.result()), ep, Integer.toString(maxEvents), Integer.toString(timeoutMs));
        if (!w.result().ok()) {
            return -1;
        }
        if (!w.events().isEmpty()) {
            Map<Long, String> m = items.getOrDefault(ep, Map.of());
            SequencedMap<String, String> v = new LinkedHashMap<>();
            for (Libc.EpollEvent e : w.events()) {
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
    public int poll(int timeoutMs, PollEntry... entries) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("poll timeout must be >= 0 (bounded)");
        }
        List<Libc.PollFd> pfds = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (PollEntry e : entries) {
            int fd = e.name() == null ? -1 : names.fd(e.name());
            pfds.add(new Libc.PollFd(fd, e.events()));
            args.add((e.name() == null ? "-1" : e.name()) + "=" + Bits.poll(e.events()));
        }
        args.add(Integer.toString(timeoutMs));
        Libc.PollResult pr = Libc.poll(pfds, timeoutMs);
        syscall("poll", result(pr.result()), args.toArray(String[]::new));
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
    public void observePoll(String name) {
        Libc.PollResult pr = Libc.poll(names.fd(name), SNAPSHOT_EVENTS, 0);
        pr.result().orThrow("poll(" + name + ")");
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("revents", Bits.poll(pr.revents(0)));
        observe("poll", name, v);
    }

    // ---- select ----

    /** select with nfds = highest fd number named in the sets + 1. */
    public int select(List<String> rd, List<String> wr, List<String> ex, int timeoutMs) {
        int max = -1;
        for (List<String> set : List.of(rd, wr, ex)) {
            for (String n : set) {
                max = Math.max(max, names.fd(n));
            }
        }
        return select(max + 1, rd, wr, ex, timeoutMs);
    }

    /**
     * {@code select(NFDS, RD, WR, EX, TIMEOUT) = n} (sets as names joined with '|', {@code -} for
     * empty; an empty set is passed as NULL), then, when n &gt; 0, {@code observe fdsets rd=...
     * wr=... ex=...} listing the names whose bits the kernel left set, in the order given.
     */
    public int select(int nfds, List<String> rd, List<String> wr, List<String> ex, int timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("select timeout must be >= 0 (bounded)");
        }
        LibcMore.SelectResult r = LibcMore.select(nfds, set(rd), set(wr), set(ex), timeoutMs * 1000L);
        syscall("select", result(r.result()), Integer.toString(nfds), setText(rd), setText(wr), setText(ex),
                Integer.toString(timeoutMs));
        if (r.result().ok() && r.result().value() > 0) {
            SequencedMap<String, String> v = new LinkedHashMap<>();
            v.put("rd", setText(returned(rd, r.read())));
            v.put("wr", setText(returned(wr, r.write())));
            v.put("ex", setText(returned(ex, r.except())));
            observe("fdsets", null, v);
        }
        return r.result().ok() ? r.result().intValue() : -1;
    }

    private long[] set(List<String> ns) {
        if (ns.isEmpty()) {
            return null;
        }
        return LibcMore.fdSet(ns.stream().mapToInt(names::fd).toArray());
    }

    private List<String> returned(List<String> asked, long[] set) {
        List<String> out = new ArrayList<>();
        for (String n : asked) {
            if (LibcMore.isSet(set, names.fd(n))) {
                out.add(n);
            }
        }
        return out;
    }

    private static String setText(List<String> ns) {
        return ns.isEmpty() ? "-" : String.join("|", ns);
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
