package kpath.check.readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kpath.check.CheckException;
import kpath.check.Flags;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction;
import kpath.model.proc.ProcAction.*;
import kpath.trace.Event;
import kpath.trace.Result;
import kpath.uapi.AioAbi;
import kpath.uapi.FileFlags;
import kpath.uapi.IoUringAbi;
import kpath.uapi.Mask;
import kpath.uapi.UnixSend;

/**
 * How a trace line of a process's calls reads as a {@link ProcAction}: the syscalls of readiness
 * and completion traces with their arguments and the names and numbers their results create, and
 * a task's {@code tN -> call} line. Bad input is a {@link CheckException} naming the line. Both
 * checkers read lines here ({@link ReadinessTraceChecker}, {@link ReadinessTraceModule}).
 */
final class ProcSyntax {
    private ProcSyntax() {}

    static ProcAction action(Event.Syscall sc, String where) throws CheckException {
        return action(sc, where, new AioHost(AioAbi.AIO_MAX_NR_DEFAULT, 0));
    }

    /**
     * What io_setup reads of the host, as the trace's header recorded it ({@link #aioHost}):
     * fs.aio-max-nr, and the number of possible CPUs (0 where it was not recorded); and of the
     * regular file the trace opens, its size and stx_dio_offset_align (0 where not recorded: an
     * empty file, and no direct read modelled).
     */
    record AioHost(int aioMaxNr, int possibleCpus, long fileSize, int dioAlign, Unix unix) {
        AioHost(int aioMaxNr, int possibleCpus) {
            this(aioMaxNr, possibleCpus, 0, 0);
        }

        AioHost(int aioMaxNr, int possibleCpus, long fileSize, int dioAlign) {
            this(aioMaxNr, possibleCpus, fileSize, dioAlign, Unix.UNRECORDED);
        }
    }

    /**
     * What AF_UNIX sends read of the host, as the header recorded it: net.core.wmem_default (each
     * socket's first sk_sndbuf), net.core.wmem_max (SO_SNDBUF's cap; 0 where not recorded) and the
     * {@link UnixSend} figures.
     */
    record Unix(int wmemDefault, int wmemMax, UnixSend send) {
        static final Unix UNRECORDED = new Unix(Socketpair.WMEM_DEFAULT_UNRECORDED, 0, UnixSend.UNRECORDED);
    }

    /** The same, with the host's AIO limits as the trace's header recorded them ({@link #aioHost}). */
    static ProcAction action(Event.Syscall sc, String where, AioHost host) throws CheckException {
        List<String> a = sc.args();
        String r = sc.result().value();
        try {
            ProcAction creates = creation(sc.name(), a, r, where, host);
            if (creates != null) {
                return creates;
            }
            return switch (sc.name()) {
                case "bind" -> new Bind(a.get(0));
                case "listen" -> new Listen(a.get(0), Integer.parseInt(a.get(1)));
                case "connect" -> new Connect(a.get(0), a.get(1));
                case "accept4" -> {
                    if (sc.result().isError()) {
                        yield new Accept4(a.get(0), "(none)", -1);
                    }
                    String[][] p = created(r, 1, where);
                    yield new Accept4(a.get(0), p[0][0], Integer.parseInt(p[0][1]));
                }
                case "dup" -> {
                    String[][] p = created(r, 1, where);
                    yield new Dup(a.get(0), p[0][0], Integer.parseInt(p[0][1]));
                }
                case "write" -> new Write(a.get(0), Long.parseUnsignedLong(a.get(1)));
                case "read" -> new Read(a.get(0), Long.parseLong(a.get(1)));
                case "send" -> {
                    if (a.size() != 3 || !a.get(2).equals("MSG_OOB")) {
                        throw new CheckException(where + "the model takes send(fd, n, MSG_OOB) only, not " + sc);
                    }
                    yield new SendOob(a.get(0), Long.parseLong(a.get(1)));
                }
                case "shutdown" -> {
                    int how = List.of("SHUT_RD", "SHUT_WR", "SHUT_RDWR").indexOf(a.get(1));
                    if (how < 0) {
                        throw new CheckException(where + "shutdown's how is SHUT_RD, SHUT_WR or SHUT_RDWR, not '"
                                + a.get(1) + "'");
                    }
                    yield new Shutdown(a.get(0), how);
                }
                case "close" -> new Close(a.get(0));
                case "fcntl" -> a.get(1).equals("F_DUPFD") ? dupfd(a.get(0), r, where) : new Fcntl(a.get(0), a.get(1),
                        a.get(1).equals("F_SETFL") ? setfl(a.get(2), where)
                                : a.get(1).equals("F_SETSIG") ? signal(a.get(2), where) : 0);
                case "setrlimit" -> {
                    if (!a.get(0).equals("RLIMIT_SIGPENDING")) {
                        throw new CheckException(where + "setrlimit's resource is RLIMIT_SIGPENDING, not '" + a.get(0) + "'");
                    }
                    yield new Setrlimit(a.get(0), Long.parseLong(a.get(1)));
                }
                case "ioctl" -> {
                    if (!a.get(1).equals("FIOASYNC")) {
                        throw new CheckException(where + "ioctl's command is FIOASYNC, not '" + a.get(1) + "'");
                    }
                    yield new Ioctl(a.get(0), a.get(1), Integer.parseInt(a.get(2)));
                }
                case "setsockopt", "getsockopt" -> sockopt(sc.name(), a, where, host.unix());
                case "rt_sigtimedwait" -> {
                    java.util.SortedSet<Integer> set = new java.util.TreeSet<>();
                    for (String x : a.get(0).split("\\|")) {
                        set.add(signal(x, where));
                    }
                    yield new Sigtimedwait(set);
                }
                case "io_setup" -> new IoSetup(Integer.parseInt(a.get(0)), a.get(1), host.aioMaxNr(), host.possibleCpus());
                case "io_submit" -> new IoSubmit(a.get(0), iocbs(a.get(1), where));
                case "io_cancel" -> new IoCancel(a.get(0), Long.parseUnsignedLong(a.get(1)));
                case "io_getevents" -> new IoGetevents(a.get(0), Integer.parseInt(a.get(1)), Integer.parseInt(a.get(2)),
                        Integer.parseInt(a.get(3)));
                case "rt_sigaction" -> {
                    if (a.size() != 2 || !Sigaction.ACTIONS.contains(a.get(1))) {
                        throw new CheckException(where + "the model takes rt_sigaction(SIG, ACTION) with ACTION one of "
                                + String.join(", ", Sigaction.ACTIONS));
                    }
                    yield new Sigaction(signal(a.get(0), where), a.get(1));
                }
                case "io_destroy" -> new IoDestroy(a.get(0));
                case "io_uring_register" -> {
                    if (!a.get(1).equals("IORING_REGISTER_EVENTFD")) {
                        throw new CheckException(where + "the model takes io_uring_register(fd, IORING_REGISTER_EVENTFD, eventfd) only");
                    }
                    yield new IoUringRegisterEventfd(a.get(0), a.get(2));
                }
                case "io_uring_enter" -> a.size() >= 6 && a.get(a.size() - 2).startsWith("[")
                        ? new Sigmasked(enter(a.subList(0, a.size() - 2), where), mask(a.get(a.size() - 2), "io_uring_enter", where),
                                Long.parseLong(a.getLast()))
                        : a.get(3).startsWith("0x") ? badEnterFlags(a, where) : enter(a, where);
                case "epoll_ctl" -> new EpollCtl(a.get(0), op(a.get(1)), a.get(2),
                        a.get(3).equals("-") ? 0 : Mask.parse(a.get(3)), a.get(3).equals("-"));
                case "epoll_wait" -> new EpollWait(a.get(0), Integer.parseInt(a.get(1)));
                case "epoll_pwait", "ppoll", "pselect6", "io_pgetevents" -> sigmasked(sc, where, host);
                case "poll" -> {
                    List<PollFd> fds = new ArrayList<>();
                    for (String p : a.subList(0, a.size() - 1)) {
                        String[] kv = p.split("=", 2);
                        fds.add(new PollFd(kv[0].startsWith("-") ? null : kv[0], Mask.parse(kv[1])));
                    }
                    yield new Poll(fds);
                }
                case "select" -> new Select(Integer.parseInt(a.get(0)), ReadinessReturns.names(a.get(1)), ReadinessReturns.names(a.get(2)),
                        ReadinessReturns.names(a.get(3)));
                default -> throw new CheckException(where + "the readiness model has no syscall '" + sc.name() + "'");
            };
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new CheckException(where + "cannot read " + sc + ": " + e.getMessage());
        }
    }

    /**
     * {@code io_uring_setup(entries, FLAGS[, cq_entries=C][, resv=1])}: params.flags (0, or
     * IORING_SETUP_CLAMP, IORING_SETUP_CQSIZE, IORING_SETUP_NO_SQARRAY, IORING_SETUP_SQPOLL,
     * IORING_SETUP_SINGLE_ISSUER and IORING_SETUP_DEFER_TASKRUN by name and other bits as one hex
     * number, joined by '|'; a known flag other than those six is not modelled), params.cq_entries (written with
     * CQSIZE only) and whether params.resv has a bit set; as {flags, cq_entries, resv}.
     */
    private static int[] setupParams(List<String> a, String where) throws CheckException {
        String form = "the model takes io_uring_setup(entries, FLAGS[, cq_entries=N][, resv=1]) with FLAGS 0 or "
                + "IORING_SETUP_CLAMP|IORING_SETUP_CQSIZE|IORING_SETUP_NO_SQARRAY|IORING_SETUP_SQPOLL|IORING_SETUP_SINGLE_ISSUER|"
                + "IORING_SETUP_DEFER_TASKRUN|0xBITS (bits no 6.18 flag has)";
        if (a.size() < 2 || a.size() > 4) {
            throw new CheckException(where + form);
        }
        int flags = 0;
        if (!a.get(1).equals("0")) {
            for (String f : a.get(1).split("\\|", -1)) {
                int bit = switch (f) {
                    case "IORING_SETUP_CLAMP" -> IoUringAbi.IORING_SETUP_CLAMP;
                    case "IORING_SETUP_CQSIZE" -> IoUringAbi.IORING_SETUP_CQSIZE;
                    case "IORING_SETUP_NO_SQARRAY" -> IoUringAbi.IORING_SETUP_NO_SQARRAY;
                    case "IORING_SETUP_SQPOLL" -> IoUringAbi.IORING_SETUP_SQPOLL;
                    case "IORING_SETUP_SINGLE_ISSUER" -> IoUringAbi.IORING_SETUP_SINGLE_ISSUER;
                    case "IORING_SETUP_DEFER_TASKRUN" -> IoUringAbi.IORING_SETUP_DEFER_TASKRUN;
                    default -> f.startsWith("0x") ? Integer.parseUnsignedInt(f.substring(2), 16) : 0;
                };
                if (bit == 0 || (flags & bit) != 0 || f.startsWith("0x") && (bit & IoUringAbi.IORING_SETUP_FLAGS) != 0) {
                    throw new CheckException(where + form);
                }
                flags |= bit;
            }
        }
        boolean cqsize = (flags & IoUringAbi.IORING_SETUP_CQSIZE) != 0;
        int cq = 0;
        boolean resv = false;
        int at = 2;
        if (cqsize) {
            if (a.size() < 3 || !a.get(2).startsWith("cq_entries=")) {
                throw new CheckException(where + form);
            }
            cq = Integer.parseInt(a.get(2).substring("cq_entries=".length()));
            at = 3;
        }
        for (String extra : a.subList(at, a.size())) {
            if (!extra.equals("resv=1") || resv) {
                throw new CheckException(where + form);
            }
            resv = true;
        }
        return new int[] {flags, cq, resv ? 1 : 0};
    }

    /**
     * fs.aio-max-nr as {@code header} recorded it ({@code sysctl: fs.aio-max-nr=N}); the kernel's
     * default where it did not (traces captured before it was recorded).
     */
    static int aioMaxNr(kpath.trace.Header header, String file) throws CheckException {
        String v = header.sysctls().get(AioAbi.AIO_MAX_NR_SYSCTL);
        if (v == null) {
            return AioAbi.AIO_MAX_NR_DEFAULT;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            // the header's line, as for the TCP path's sysctls (TcpTraceSteps.boundsOf)
            throw new CheckException(file + ":1: header sysctl " + AioAbi.AIO_MAX_NR_SYSCTL + "='" + v + "' is not an integer");
        }
    }

    /**
     * fs.aio-max-nr ({@link #aioMaxNr}) and the CPUs {@code cpus-possible: LIST} counts (the text of
     * /sys/devices/system/cpu/possible; io_setup sizes a context by it): 0 where the header has no
     * such line (traces captured before it was recorded), and then no context's slots are modelled.
     */
    static AioHost aioHost(kpath.trace.Header header, String file) throws CheckException {
        int cpus = 0;
        for (java.util.Map.Entry<String, String> e : header.extra()) {
            if (e.getKey().equals(AioAbi.CPUS_POSSIBLE_KEY)) {
                cpus = AioAbi.cpuCount(e.getValue());
                if (cpus <= 0) {
                    throw new CheckException(file + ":1: header " + AioAbi.CPUS_POSSIBLE_KEY + " '" + e.getValue()
                            + "' is not a CPU list like 0-1");
                }
            }
        }
        long size = 0;
        int align = 0;
        for (java.util.Map.Entry<String, String> e : header.extra()) {
            if (e.getKey().equals(kpath.uapi.Statx.REGULAR_FILE_KEY)) {
                java.util.Map<String, String> kv = new java.util.HashMap<>();
                for (String x : e.getValue().trim().split("\\s+")) {
                    String[] p = x.split("=", 2);
                    kv.put(p[0], p.length == 2 ? p[1] : "");
                }
                try {
                    size = Long.parseLong(kv.getOrDefault("size", ""));
                    align = Integer.parseInt(kv.getOrDefault("dio_offset_align", ""));
                } catch (NumberFormatException x) {
                    size = -1;
                }
                if (size < 0 || align <= 0) {
                    throw new CheckException(file + ":1: header " + kpath.uapi.Statx.REGULAR_FILE_KEY + " '" + e.getValue()
                            + "' has no size=N and dio_offset_align=N");
                }
            }
        }
        return new AioHost(aioMaxNr(header, file), cpus, size, align, unix(header, file));
    }

    /**
     * {@code setsockopt(s0, SOL_SOCKET, SO_SNDBUF, 1)} and {@code getsockopt(s0, SOL_SOCKET, SO_SNDBUF)}
     * (the value read is the observe optval line after it): the only options modelled. A setsockopt
     * needs net.core.wmem_max and SOCK_MIN_SNDBUF from the header.
     */
    private static ProcAction sockopt(String name, List<String> a, String where, Unix unix) throws CheckException {
        boolean set = name.equals("setsockopt");
        if (a.size() != (set ? 4 : 3) || !a.get(1).equals("SOL_SOCKET") || !a.get(2).equals("SO_SNDBUF")) {
            throw new CheckException(where + "the model takes " + name + "(fd, SOL_SOCKET, SO_SNDBUF" + (set ? ", val)" : ")")
                    + " only, not " + name + "(" + String.join(", ", a) + ")");
        }
        if (!set) {
            return new Getsockopt(a.get(0));
        }
        if (unix.wmemMax() <= 0 || unix.send().sndbufMin() <= 0) {
            throw new CheckException(where + "setsockopt(SO_SNDBUF) needs the header's 'sysctl: " + UnixSend.WMEM_MAX
                    + "=N' and '" + UnixSend.KEY + ": ... sock-min-sndbuf=N' lines");
        }
        return new Setsockopt(a.get(0), Integer.parseInt(a.get(3)), unix.wmemMax(), unix.send().sndbufMin());
    }

    /** {@link Unix} from the header's {@code sysctl:} and {@code af-unix-send:} lines. */
    static Unix unix(kpath.trace.Header header, String file) throws CheckException {
        UnixSend send = UnixSend.UNRECORDED;
        for (java.util.Map.Entry<String, String> e : header.extra()) {
            if (e.getKey().equals(UnixSend.KEY)) {
                try {
                    send = UnixSend.parse(e.getValue());
                } catch (IllegalArgumentException x) {
                    throw new CheckException(file + ":1: header " + UnixSend.KEY + ": " + x.getMessage());
                }
            }
        }
        int[] v = new int[2];
        List<String> names = List.of(UnixSend.WMEM_DEFAULT, UnixSend.WMEM_MAX);
        for (int i = 0; i < 2; i++) {
            String s = header.sysctls().get(names.get(i));
            try {
                v[i] = s == null ? (i == 0 ? Socketpair.WMEM_DEFAULT_UNRECORDED : 0) : Integer.parseInt(s);
            } catch (NumberFormatException x) {
                throw new CheckException(file + ":1: header sysctl " + names.get(i) + "='" + s + "' is not an integer");
            }
        }
        return new Unix(v[0], v[1], send);
    }

    /**
     * {@code POLL:data:fd:MASK[:FIELD=v...]+PREAD:data:fd:N+PWRITE:data:fd:N+FSYNC:data:fd:N+OPk:data:fd:N...}:
     * io_submit's iocbs, in order; the fields after the fourth are RWF (aio_rw_flags), OFFSET,
     * NBYTES (a POLL's aio_nbytes), RESERVED2 and RESFD (IOCB_FLAG_RESFD's eventfd), each at most once.
     */
    private static List<Iocb> iocbs(String text, String where) throws CheckException {
        List<Iocb> l = new ArrayList<>();
        for (String one : text.split("\\+", -1)) {
            String[] f = one.split(":", -1);
            if (f.length < 4 || !(List.of("POLL", "PREAD", "PWRITE", "FSYNC", "FDSYNC").contains(f[0]) || f[0].matches("OP[0-9]+"))) {
                throw new CheckException(where + "the model takes io_submit(ctx, OP:data:fd:MASK|N[:FIELD=value...]+...) "
                        + "with OP POLL, PREAD, PWRITE, FSYNC, FDSYNC or OPk only");
            }
            java.util.Map<String, String> v = new java.util.HashMap<>();
            for (String x : List.of(f).subList(4, f.length)) {
                String[] kv = x.split("=", 2);
                if (kv.length != 2 || !List.of("RWF", "OFFSET", "NBYTES", "RESERVED2", "RESFD").contains(kv[0])
                        || v.put(kv[0], kv[1]) != null) {
                    throw new CheckException(where + "an iocb's fields are RWF=, OFFSET=, NBYTES=, RESERVED2= and RESFD=, "
                            + "each once, not '" + x + "'");
                }
            }
            long data = Long.parseUnsignedLong(f[1]);
            boolean poll = f[0].equals("POLL");
            l.add(new Iocb(f[0], data, f[2], poll ? Mask.parse(f[3]) : 0,
                    poll ? Long.parseLong(v.getOrDefault("NBYTES", "0")) : Long.parseLong(f[3]), v.getOrDefault("RESFD", ""),
                    v.containsKey("RWF") ? kpath.uapi.AioAbi.rwFlags(v.get("RWF")) : 0, Long.parseLong(v.getOrDefault("OFFSET", "0")),
                    Long.parseLong(v.getOrDefault("RESERVED2", "0"))));
        }
        return l;
    }

    /** The calls that create fds, read from their {@code name:number} results; null for any other call. */
    private static ProcAction creation(String name, List<String> a, String r, String where, AioHost host) throws CheckException {
        return switch (name) {
            case "pipe2" -> {
                String[][] p = created(r, 2, where);
                if (a.isEmpty() || !List.of("O_NONBLOCK", "0").contains(a.getFirst())) {
                    throw new CheckException(where + "pipe2's flags are O_NONBLOCK or 0, not '" + String.join(", ", a) + "'");
                }
                yield new Pipe2(p[0][0], Integer.parseInt(p[0][1]), p[1][0], Integer.parseInt(p[1][1]), a.getFirst().equals("O_NONBLOCK"));
            }
            case "socketpair" -> {
                String[][] p = created(r, 2, where);
                boolean nonblock = socketType(a, where).contains("SOCK_NONBLOCK");
                yield host.unix().equals(Unix.UNRECORDED)
                        ? new Socketpair(p[0][0], Integer.parseInt(p[0][1]), p[1][0], Integer.parseInt(p[1][1]), nonblock)
                        : new Socketpair(p[0][0], Integer.parseInt(p[0][1]), p[1][0], Integer.parseInt(p[1][1]), nonblock,
                                host.unix().wmemDefault(), host.unix().send().truesize());
            }
            case "eventfd", "eventfd2" -> {
                String[][] p = created(r, 1, where);
                Set<String> f = a.size() > 1 ? Flags.of(a.get(1), FileFlags.names(FileFlags.EFD), where) : Set.of();
                yield new Eventfd(p[0][0], Integer.parseInt(p[0][1]), Long.parseUnsignedLong(a.get(0)),
                        f.contains("EFD_SEMAPHORE"), f.contains("EFD_NONBLOCK"));
            }
            case "epoll_create1" -> {
                String[][] p = created(r, 1, where);
                yield new EpollCreate1(p[0][0], Integer.parseInt(p[0][1]));
            }
            case "openat", "open" -> {
                String[][] p = created(r, 1, where);
                boolean direct = false;
                if (a.size() > 2) { // the flags: O_RDONLY, with O_DIRECT or not
                    Set<String> f = Flags.of(a.get(2), Set.of("O_RDONLY", "O_DIRECT"), where);
                    if (!f.contains("O_RDONLY")) {
                        throw new CheckException(where + "openat's flags are O_RDONLY or O_RDONLY|O_DIRECT, not '" + a.get(2) + "'");
                    }
                    direct = f.contains("O_DIRECT");
                }
                yield new Open(p[0][0], Integer.parseInt(p[0][1]), direct, host.fileSize(), host.dioAlign());
            }
            case "socket" -> {
                String[][] p = created(r, 1, where);
                yield new Socket(p[0][0], Integer.parseInt(p[0][1]));
            }
            case "io_uring_setup" -> {
                int[] p = setupParams(a, where);
                if (r.equals("-1")) { // an error: no ring made
                    yield new IoUringSetup("(none)", -1, Integer.parseInt(a.get(0)), p[0], p[1], p[2] != 0);
                }
                String[][] c = created(r, 1, where);
                yield new IoUringSetup(c[0][0], Integer.parseInt(c[0][1]), Integer.parseInt(a.get(0)), p[0], p[1], p[2] != 0);
            }
            default -> null;
        };
    }

    /**
     * {@code tN -> call}: the call as its one-line form would be read; a call that takes a timeout
     * ({@link TaskCall#untimed(ProcAction)}) has it last, in ms.
     */
    static TaskCall taskCall(Event.CallStart cs, String where) throws CheckException {
        List<String> a = cs.args();
        try {
            // read as written; a call that takes a timeout (TaskCall.untimed says which) has it last,
            // where its one-line form has 0
            ProcAction asWritten = action(new Event.Syscall(cs.lineNo(), cs.timeMicros(), cs.name(), a, Result.ok("-")), where);
            if (TaskCall.untimed(asWritten)) {
                return new TaskCall(cs.task(), asWritten, -1);
            }
            int timeout = Integer.parseInt(a.getLast());
            List<String> args = new ArrayList<>(a);
            args.set(args.size() - 1, "0");
            ProcAction call = action(new Event.Syscall(cs.lineNo(), cs.timeMicros(), cs.name(), args, Result.ok("-")), where);
            return new TaskCall(cs.task(), call, timeout);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new CheckException(where + "cannot read " + cs + ": " + e.getMessage());
        }
    }

    /** A signal as a trace writes it: SIGIO, SIGRTMIN+k, or a number (fcntl F_SETSIG's may be invalid). */
    /**
     * {@code epoll_pwait(...)}, {@code ppoll(...)}, {@code pselect6(...)} or {@code io_pgetevents(...)}: the
     * arguments of epoll_wait, poll, select or io_getevents, then {@code [SIG|...], sigsetsize} or {@code NULL}.
     */
    private static Sigmasked sigmasked(Event.Syscall sc, String where, AioHost host) throws CheckException {
        List<String> a = sc.args();
        String form = "the model takes " + sc.name() + "(ARGS, [SIG|...], sigsetsize) or " + sc.name() + "(ARGS, NULL)";
        boolean none = !a.isEmpty() && a.getLast().equals("NULL");
        int usig = none ? 1 : 2;
        if (a.size() < usig + 1 || !none && !(a.get(a.size() - 2).startsWith("[") && a.get(a.size() - 2).endsWith("]"))) {
            throw new CheckException(where + form);
        }
        String inner = switch (sc.name()) {
            case "epoll_pwait" -> "epoll_wait";
            case "ppoll" -> "poll";
            case "io_pgetevents" -> "io_getevents";
            default -> "select";
        };
        ProcAction call = action(new Event.Syscall(sc.lineNo(), sc.timeMicros(), inner, a.subList(0, a.size() - usig), sc.result()), where, host);
        if (none) {
            return new Sigmasked(call, null, 0);
        }
        return new Sigmasked(call, mask(a.get(a.size() - 2), sc.name(), where), Long.parseLong(a.getLast()));
    }

    /** A signal mask's text, {@code [SIG|SIG]} or {@code []}, as signal numbers. */
    private static java.util.SortedSet<Integer> mask(String text, String call, String where) throws CheckException {
        java.util.SortedSet<Integer> mask = new java.util.TreeSet<>();
        String inner = text.substring(1, text.length() - 1);
        for (String x : inner.isEmpty() ? new String[0] : inner.split("\\|", -1)) {
            if (!mask.add(signal(x, where))) {
                throw new CheckException(where + call + "' mask names " + x + " twice");
            }
        }
        return mask;
    }

    private static int signal(String text, String where) throws CheckException {
        int n = kpath.uapi.Signal.number(text);
        if (n < 0 && !text.matches("-?[0-9]+")) {
            throw new CheckException(where + "a signal is SIGIO, SIGRTMIN+k or a number, not '" + text + "'");
        }
        return n;
    }

    /** F_SETFL's flag word, by whole names (FileFlags.SETFL). */
    private static int setfl(String word, String where) throws CheckException {
        Set<String> names = Flags.of(word, FileFlags.names(FileFlags.SETFL), where);
        int flags = 0;
        for (var e : FileFlags.SETFL) {
            flags |= names.contains(e.getKey()) ? e.getValue() : 0;
        }
        return flags;
    }

    /** socketpair's domain and type: AF_UNIX, SOCK_STREAM with its flags (the model's only kind). */
    private static Set<String> socketType(List<String> a, String where) throws CheckException {
        if (a.size() != 2 || !a.get(0).equals("AF_UNIX")) {
            throw new CheckException(where + "the readiness model takes socketpair(AF_UNIX, SOCK_STREAM[|flags]) only");
        }
        Set<String> t = Flags.of(a.get(1), FileFlags.names(FileFlags.SOCK_TYPE), where);
        if (!t.contains("SOCK_STREAM")) {
            throw new CheckException(where + "the readiness model takes SOCK_STREAM socketpairs only");
        }
        return t;
    }

    /** {@code fcntl(r0, F_DUPFD, 1100) = r0x:1100}: a dup at or above a number, as {@link Dup}. */
    private static Dup dupfd(String fd, String result, String where) throws CheckException {
        String[][] p = created(result, 1, where);
        return new Dup(fd, p[0][0], Integer.parseInt(p[0][1]));
    }

    /**
     * io_uring_enter's SQEs joined by '+', or {@code -} for none: {@code NOP:ud},
     * {@code POLL_ADD:ud:fd:MASK} (with {@code :MULTI} for a multishot poll), {@code ASYNC_CANCEL:ud:target[:FLAGS[:fd][:LEN=n]]},
     * {@code POLL_REMOVE:ud:target[:EVENTS=MASK][:USER_DATA=n][:MULTI]}, {@code READ:ud:fd:len}, {@code WRITE:ud:fd:len}, {@code RECV:ud:fd:len} (with {@code :DONTWAIT} for MSG_DONTWAIT, then {@code :POLL_FIRST} for IORING_RECVSEND_POLL_FIRST, then {@code :BUF=bgid} for IOSQE_BUFFER_SELECT), {@code PROVIDE_BUFFERS:ud:bgid:nbufs:bid:len}, {@code REMOVE_BUFFERS:ud:bgid:nbufs}, {@code SPLICE:ud:fdIn:fdOut:len}, {@code LINK_TIMEOUT:ud:ms} (its timespec in ms), {@code INVALID:ud},
     * {@code SQ_ARRAY:n} (not an SQE: an SQ array entry n, without flags),
     * each followed by {@code :ASYNC} for IOSQE_ASYNC, then {@code :CQE_SKIP} for IOSQE_CQE_SKIP_SUCCESS, then {@code :DRAIN} for IOSQE_IO_DRAIN, then {@code :LINK} for IOSQE_IO_LINK or
     * {@code :HARDLINK} for IOSQE_IO_HARDLINK.
     */
    static List<Sqe> sqes(String text) {
        List<Sqe> l = new ArrayList<>();
        if (!text.equals("-")) {
            for (String e : text.split("\\+", -1)) {
                boolean hard = e.endsWith(":HARDLINK");
                boolean link = hard || e.endsWith(":LINK");
                String body = link ? e.substring(0, e.lastIndexOf(':')) : e;
                boolean drain = body.endsWith(":DRAIN");
                body = drain ? body.substring(0, body.length() - ":DRAIN".length()) : body;
                boolean skip = body.endsWith(":CQE_SKIP");
                body = skip ? body.substring(0, body.length() - ":CQE_SKIP".length()) : body;
                boolean async = body.endsWith(":ASYNC");
                body = async ? body.substring(0, body.length() - ":ASYNC".length()) : body;
                Sqe q = sqe(e, body.split(":", -1));
                q = async ? q.forcedAsync() : q;
                if (q.op().equals("SQ_ARRAY") && (link || drain || skip || async)) {
                    throw new IllegalArgumentException("an SQ array entry is SQ_ARRAY:n, without flags, not '" + e + "'");
                }
                q = drain ? q.drained() : q;
                q = skip ? q.skipped() : q;
                l.add(hard ? q.hardlinked() : link ? q.linked() : q);
            }
        }
        return l;
    }

    private static Sqe sqe(String text, String[] f) {
        long ud = f.length > 1 ? Long.parseUnsignedLong(f[1]) : -1;
        return switch (f[0]) {
            case "NOP" -> {
                fields(text, f, 2, 2);
                yield Sqe.nop(ud);
            }
            case "POLL_ADD" -> {
                fields(text, f, 4, 5);
                if (f.length == 5 && !f[4].equals("MULTI") && !f[4].equals("LEVEL")) {
                    throw new IllegalArgumentException("a POLL_ADD SQE ends in :MULTI, :LEVEL or nothing, not ':" + f[4] + "'");
                }
                yield f.length == 5 && f[4].equals("LEVEL") ? Sqe.pollAddLevel(ud, f[2], Mask.parse(f[3]))
                        : Sqe.pollAdd(ud, f[2], Mask.parse(f[3]), f.length == 5);
            }
            case "ASYNC_CANCEL" -> {
                fields(text, f, 3, 6);
                int n = f[f.length - 1].startsWith("LEN=") ? f.length - 1 : f.length; // the fields before LEN=n
                if (n == 3 && f.length > 3 || n == 6) {
                    throw new IllegalArgumentException("an ASYNC_CANCEL SQE is ASYNC_CANCEL:ud:target[:FLAGS[:fd][:LEN=n]], not '" + text + "'");
                }
                yield n == 3 ? Sqe.cancel(ud, Long.parseUnsignedLong(f[2]))
                        : Sqe.cancel(ud, Long.parseUnsignedLong(f[2]), IoUringAbi.parseCancelFlags(f[3]), n == 5 ? f[4] : "",
                        n < f.length ? Long.parseLong(f[n].substring("LEN=".length())) : 0);
            }
            case "POLL_REMOVE" -> {
                fields(text, f, 3, 6);
                yield f.length == 3 ? Sqe.pollRemove(ud, Long.parseUnsignedLong(f[2])) : pollUpdate(ud, f);
            }
            case "READ" -> {
                fields(text, f, 4, 4);
                yield Sqe.read(ud, f[2], Long.parseLong(f[3]));
            }
            case "WRITE" -> {
                fields(text, f, 4, 4);
                yield Sqe.write(ud, f[2], Long.parseLong(f[3]));
            }
            case "RECV" -> {
                if (f.length > 4 && f[f.length - 1].startsWith("BUF=")) { // RECV:...:BUF=g, IOSQE_BUFFER_SELECT
                    int g = bufGroup(text, f[f.length - 1].substring("BUF=".length()));
                    Sqe q = sqe(text.substring(0, text.lastIndexOf(':')), java.util.Arrays.copyOf(f, f.length - 1));
                    yield q.selecting(g);
                }
                fields(text, f, 4, 6);
                boolean pollFirst = f[f.length - 1].equals("POLL_FIRST");
                int flags = f.length - (pollFirst ? 1 : 0);
                if (flags == 6 || flags == 5 && !f[4].equals("DONTWAIT")) {
                    throw new IllegalArgumentException("a RECV SQE ends in [:DONTWAIT][:POLL_FIRST], not '" + text + "'");
                }
                Sqe q = Sqe.recv(ud, f[2], Long.parseLong(f[3]), flags == 5);
                yield pollFirst ? q.pollingFirst() : q;
            }
            case "PROVIDE_BUFFERS" -> { // PROVIDE_BUFFERS:ud:bgid:nbufs:bid:len
                fields(text, f, 6, 6);
                yield Sqe.provideBuffers(ud, bufGroup(text, f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]));
            }
            case "REMOVE_BUFFERS" -> { // REMOVE_BUFFERS:ud:bgid:nbufs
                fields(text, f, 4, 4);
                yield Sqe.removeBuffers(ud, bufGroup(text, f[2]), Long.parseLong(f[3]));
            }
            case "SPLICE" -> { // SPLICE:ud:fdIn:fdOut:len
                fields(text, f, 5, 5);
                yield Sqe.splice(ud, f[2], f[3], Long.parseLong(f[4]));
            }
            case "LINK_TIMEOUT" -> { // LINK_TIMEOUT:ud:ms
                fields(text, f, 3, 3);
                yield Sqe.linkTimeout(ud, Long.parseLong(f[2]));
            }
            case "INVALID" -> {
                fields(text, f, 2, 2);
                yield Sqe.invalid(ud);
            }
            case "SQ_ARRAY" -> { // an SQ array entry, a u32: SQ_ARRAY:n
                fields(text, f, 2, 2);
                if (ud > 0xffffffffL || ud < 0) {
                    throw new IllegalArgumentException("an SQ array entry is a u32, not '" + f[1] + "'");
                }
                yield Sqe.sqArray(ud);
            }
            default -> throw new IllegalArgumentException(
                    "an SQE is NOP, POLL_ADD, POLL_REMOVE, ASYNC_CANCEL, READ, WRITE, RECV, SPLICE, PROVIDE_BUFFERS, REMOVE_BUFFERS, LINK_TIMEOUT, INVALID or SQ_ARRAY, not '" + text + "'");
        };
    }

    /** A buffer group id: sqe->buf_group, a u16. */
    private static int bufGroup(String text, String g) {
        int n = Integer.parseInt(g);
        if (n < 0 || n > 0xffff) {
            throw new IllegalArgumentException("a buffer group is a u16, not '" + g + "' in '" + text + "'");
        }
        return n;
    }

    /** {@code POLL_REMOVE:ud:target[:EVENTS=MASK][:USER_DATA=n][:MULTI]}: the update flags in len, in that order. */
    private static Sqe pollUpdate(long ud, String[] f) {
        int flags = 0;
        int events = 0;
        long off = 0;
        int at = 3;
        if (at < f.length && f[at].startsWith("EVENTS=")) {
            flags |= IoUringAbi.IORING_POLL_UPDATE_EVENTS;
            events = Mask.parse(f[at++].substring("EVENTS=".length()));
        }
        if (at < f.length && f[at].startsWith("USER_DATA=")) {
            flags |= IoUringAbi.IORING_POLL_UPDATE_USER_DATA;
            off = Long.parseUnsignedLong(f[at++].substring("USER_DATA=".length()));
        }
        if (at < f.length && f[at].equals("MULTI")) {
            flags |= IoUringAbi.IORING_POLL_ADD_MULTI;
            at++;
        }
        if (at < f.length) {
            throw new IllegalArgumentException("a POLL_REMOVE SQE's update is [:EVENTS=MASK][:USER_DATA=n][:MULTI], not ':" + f[at] + "'");
        }
        return Sqe.pollUpdate(ud, Long.parseUnsignedLong(f[2]), flags, events, off);
    }

    private static void fields(String text, String[] f, int min, int max) {
        if (f.length < min || f.length > max) {
            throw new IllegalArgumentException("SQE '" + text + "': NOP:ud, POLL_ADD:ud:fd:MASK[:MULTI|:LEVEL], POLL_REMOVE:ud:target[:EVENTS=MASK][:USER_DATA=n][:MULTI], "
                    + "ASYNC_CANCEL:ud:target[:FLAGS[:fd][:LEN=n]], "
                    + "PROVIDE_BUFFERS:ud:bgid:nbufs:bid:len, REMOVE_BUFFERS:ud:bgid:nbufs, "
                    + "READ:ud:fd:len, WRITE:ud:fd:len, RECV:ud:fd:len[:DONTWAIT][:POLL_FIRST][:BUF=bgid], SPLICE:ud:fdIn:fdOut:len, LINK_TIMEOUT:ud:ms, INVALID:ud or SQ_ARRAY:n");
        }
    }

    /**
     * {@code io_uring_enter(fd, -, 0, 0xBITS)}: flags with a bit no 6.18 flag has (IORING_ENTER_FLAGS),
     * nothing queued.
     */
    private static ProcAction badEnterFlags(List<String> a, String where) throws CheckException {
        int flags = Integer.parseUnsignedInt(a.get(3).substring(2), 16);
        if ((flags & ~IoUringAbi.IORING_ENTER_FLAGS) == 0 || !a.get(1).equals("-") || !a.get(2).equals("0")) {
            throw new CheckException(where + "the model takes io_uring_enter(fd, -, 0, 0xBITS) only with bits no 6.18 flag has");
        }
        return new IoUringEnterBadFlags(a.get(0), flags);
    }

    /**
     * {@code io_uring_enter(fd, SQES, MIN, FLAGS)}, FLAGS 0 or IORING_ENTER_GETEVENTS and
     * IORING_ENTER_SQ_WAKEUP joined by '|'; with
     * IORING_ENTER_EXT_ARG two more: {@code argsz=N[:pad=P]} (the size given for struct
     * io_uring_getevents_arg and its u32 after sigmask_sz) and the timeout in ms its ts points to.
     */
    private static IoUringEnter enter(List<String> a, String where) throws CheckException {
        // IORING_ENTER_SQ_WAKEUP only wakes an SQPOLL ring's thread, whose sleep the model does not keep: read, then ignored
        Set<String> flags = Flags.of(a.get(3), Set.of("IORING_ENTER_GETEVENTS", "IORING_ENTER_EXT_ARG", "IORING_ENTER_SQ_WAKEUP"), where);
        boolean ext = flags.contains("IORING_ENTER_EXT_ARG");
        if (a.size() != (ext ? 6 : 4)) {
            throw new CheckException(where + "io_uring_enter has 4 arguments, 6 with IORING_ENTER_EXT_ARG (argsz=N[:pad=P], timeout ms)");
        }
        int argsz = -1;
        int pad = 0;
        if (ext) {
            String[] f = a.get(4).split(":", -1);
            if (!f[0].startsWith("argsz=") || f.length > 2 || f.length == 2 && !f[1].startsWith("pad=")) {
                throw new CheckException(where + "io_uring_enter's getevents_arg is argsz=N[:pad=P], not '" + a.get(4) + "'");
            }
            argsz = Integer.parseInt(f[0].substring("argsz=".length()));
            pad = f.length == 2 ? Integer.parseInt(f[1].substring("pad=".length())) : 0;
        }
        return new IoUringEnter(a.get(0), sqes(a.get(1)), Integer.parseInt(a.get(2)), flags.contains("IORING_ENTER_GETEVENTS"),
                argsz, pad, ext ? Integer.parseInt(a.get(5)) : 0);
    }

    private static ProcAction.Op op(String s) {
        return switch (s) {
            case "EPOLL_CTL_ADD" -> Op.EPOLL_CTL_ADD;
            case "EPOLL_CTL_MOD" -> Op.EPOLL_CTL_MOD;
            case "EPOLL_CTL_DEL" -> Op.EPOLL_CTL_DEL;
            default -> Op.INVALID;
        };
    }


    /** "r0:7,w0:8" → {{r0, 7}, {w0, 8}}. */
    private static String[][] created(String result, int n, String where) throws CheckException {
        String[] parts = result.split(",");
        if (parts.length != n) {
            throw new CheckException(where + "expected " + n + " name:number result(s), got '" + result + "'");
        }
        String[][] r = new String[n][];
        for (int i = 0; i < n; i++) {
            r[i] = parts[i].split(":");
            if (r[i].length != 2) {
                throw new CheckException(where + "a created fd is written name:number, not '" + parts[i] + "'");
            }
        }
        return r;
    }

}
