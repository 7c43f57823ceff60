package kpath.kernel.readiness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kpath.kernel.Bits;
import kpath.kernel.ErrnoException;
import kpath.kernel.Fds;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcPoll;
import kpath.kernel.LibcSocket;
import kpath.kernel.SysResult;
import kpath.kernel.readiness.ReadinessRecorder.Pair;
import kpath.trace.Result;

/**
 * The readiness recorder's calls that make fds: pipe2, socketpair, eventfd, epoll_create1, openat,
 * dup, fcntl(F_DUPFD), and TCP on loopback (socket, bind, listen, connect, accept4). Each new fd
 * is owned by the scenario's {@link Fds} and named ({@link FdNames}) before its line is written
 * as {@code name:fd}.
 * Every public call here is {@code synchronized} on the recorder, the one lock that orders its
 * lines ({@link ReadinessRecorder}): it holds the lock across the syscall and the writing of its
 * lines.
 */
abstract sealed class CreateCalls extends ReadinessLog permits WaitCalls {

    /** Per bound TCP socket name: the port the kernel chose at bind. */
    private final Map<String, Integer> ports = new HashMap<>();

    CreateCalls(String scenario, String narrative, Fds fds, UnixSendProbe.Lines host) {
        super(scenario, narrative, fds, host);
    }

    // ---- pipes, socketpairs, eventfds, epoll, files ----

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
}
