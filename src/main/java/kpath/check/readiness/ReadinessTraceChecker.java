package kpath.check.readiness;

import kpath.trace.PollSnapshot;

import kpath.uapi.FileFlags;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.Flags;
import kpath.check.Replay;
import kpath.check.ReplayBinding;
import kpath.model.TlaFunction;
import kpath.model.Transition;
import kpath.model.proc.CopyOut;
import kpath.model.readiness.ReadinessModel;
import kpath.uapi.Mask;
import kpath.model.proc.Proc;
import kpath.model.proc.ProcAction;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.ProcState;
import kpath.model.proc.Task;
import kpath.trace.Event;
import kpath.trace.Result;
import kpath.trace.Trace;
import kpath.trace.Wchan;

/**
 * Replays a readiness trace against {@link Proc}, keeping the set of model states consistent
 * with what was observed. One-line calls are the main task's and take effect before their line.
 * A task's call ({@code tN -> call}) takes effect between its two lines; when the task runs, and
 * when a timer fires, is hidden, so before every line the checker adds every state reachable by
 * {@link TaskRun} and {@link TaskTimeout} steps. A timer never fires early: a task's timeout is
 * considered only before a line stamped at least {@code timeout} ms after the task's call line
 * (written before the call started). Each result, and each event, revents, fd set or value
 * copied out, must match some state.
 */
public final class ReadinessTraceChecker implements ReplayBinding<ProcState> {

    /** More states than this after hidden steps means a runaway trace, not a check. */
    static final int MAX_STATES = 100_000;

    /** Task → earliest time its timer may fire (µs), from its call line and timeout. */
    private final Map<String, Long> deadlines = new HashMap<>();

    /** What an observe line of a readiness trace may read, and the keys a one-target line needs. */
    private static final Set<String> OBSERVABLE = Set.of("events", "revents", "read", "fdsets", "poll", "task", "params",
            "reap", "aio_events");

    /**
     * Every line read as the model would read it, before any checker runs: calls and their
     * arguments, task calls, and what each observation names (bits, keys, targets).
     */
    static void validate(Trace trace, String file) throws CheckException {
        for (Event e : trace.events()) {
            String where = file + ":" + e.lineNo() + ": ";
            switch (e) {
                case Event.Syscall sc -> action(sc, where);
                case Event.CallStart cs -> taskCall(cs, where);
                case Event.CallReturn cr -> { }
                case Event.Observation o -> validate(o, where);
                default -> throw new CheckException(where + "readiness traces have no " + e.getClass().getSimpleName()
                        + " lines");
            }
        }
    }

    private static void validate(Event.Observation o, String where) throws CheckException {
        if (!OBSERVABLE.contains(o.what())) {
            throw new CheckException(where + "the readiness model cannot observe '" + o.what() + "' (it reads "
                    + new TreeSet<>(OBSERVABLE) + ")");
        }
        if (Set.of("poll", "task", "params", "reap").contains(o.what()) && o.target().isEmpty()) {
            throw new CheckException(where + "observe " + o.what() + " needs a target: " + o.what() + "(x)");
        }
        for (var kv : o.values().entrySet()) {
            boolean mask = o.what().equals("events") || o.what().equals("revents")
                    || (o.what().equals("poll") && kv.getKey().equals("revents"));
            if (mask) {
                try {
                    Mask.parse(kv.getValue());
                } catch (IllegalArgumentException x) {
                    throw new CheckException(where + "observe " + o.what() + ": " + x.getMessage());
                }
            }
        }
        if (o.what().equals("read")) {
            try {
                Long.parseUnsignedLong(o.values().getOrDefault("value", ""));
            } catch (NumberFormatException x) {
                throw new CheckException(where + "observe read needs value=<the unsigned 64-bit number read>");
            }
        }
        if (o.what().equals("task") && !PROC_STATES.contains(o.values().getOrDefault("state", ""))) {
            throw new CheckException(where + "observe task needs state=<a proc(5) task state: R, S, D, ...>");
        }
        if (o.what().equals("params") || o.what().equals("reap") || o.what().equals("aio_events")) {
            try {
                ReadinessReturns.copied(o);
            } catch (IllegalArgumentException x) {
                throw new CheckException(where + "cannot read observe " + o.what() + ": " + x.getMessage());
            }
        }
    }

    /** The Java model's verdict on {@code trace}. */
    public static CheckReport check(Trace trace, String file) throws CheckException {
        return check(trace, file, "readiness model");
    }

    /** The same, for another path whose traces are calls on a process's fds: {@code model} names it in the report. */
    public static CheckReport check(Trace trace, String file, String model) throws CheckException {
        return Replay.check(new ReadinessTraceChecker(model), trace, file);
    }

    private final String model;

    private ReadinessTraceChecker(String model) {
        this.model = model;
    }

    @Override
    public String describe() {
        return model;
    }

    @Override
    public Set<ProcState> initial() {
        return Set.of(ProcState.initial());
    }

    @Override
    public Set<ProcState> hidden(Set<ProcState> from, Event next, String where) throws CheckException {
        return hidden(from, deadlines, next.timeMicros(), MAX_STATES, where);
    }

    @Override
    public Step<ProcState> step(Set<ProcState> states, Event ev, String where)
            throws CheckException {
        return switch (ev) {
            case Event.Syscall sc -> {
                ProcAction a = action(sc, where);
                yield apply(states, a, sc.result(), a + " is not possible here (a name reused?)");
            }
            case Event.CallStart cs -> {
                TaskCall a = taskCall(cs, where);
                // no timer for a timeout <= 0: the model never times such a task out (Tasks.timeout)
                deadlines.put(a.task(), cs.timeMicros() + 1_000L * a.timeout());
                yield apply(states, a, null, cs.task() + " is already in a call");
            }
            case Event.CallReturn cr -> {
                deadlines.remove(cr.task());
                yield apply(states, new TaskReturn(cr.task()), cr.result(), cr.task() + " is in no call");
            }
            case Event.Observation o -> observe(states, o, where);
            default -> throw new CheckException(where + "readiness traces have no " + ev.getClass().getSimpleName()
                    + " lines");
        };
    }

    /** One line's outcome; when no state explains it, {@code problem} says why the model disagrees. */
    private static Step<ProcState> step(Set<ProcState> next, SortedSet<String> rules, String problem) {
        return new Step<>(next, rules, next.isEmpty() ? List.of("the model disagrees: " + problem) : List.of());
    }

    /**
     * Every state reachable by hidden steps: tasks running, and timers whose deadline has passed by
     * {@code now}; more than {@code maxStates} is a runaway trace.
     */
    static Set<ProcState> hidden(Set<ProcState> from, Map<String, Long> deadlines, long now, int maxStates, String where)
            throws CheckException {
        Set<ProcState> seen = new LinkedHashSet<>(from);
        ArrayDeque<ProcState> todo = new ArrayDeque<>(from);
        while (!todo.isEmpty()) {
            ProcState s = todo.removeFirst();
            for (ProcAction kernel : List.of(new IoUringTaskWork(), new AioPollWork())) { // task work due at once; a worker
                for (Transition<ProcState> tr : Proc.successors(s, kernel)) {
                    if (seen.add(tr.next())) {
                        todo.addLast(tr.next());
                    }
                }
            }
            for (String t : s.tasks().keySet()) {
                List<ProcAction> steps = new ArrayList<>(List.of(new TaskRun(t)));
                Long deadline = deadlines.get(t);
                if (deadline != null && now >= deadline) {
                    steps.add(new TaskTimeout(t));
                }
                for (ProcAction a : steps) {
                    for (Transition<ProcState> tr : Proc.successors(s, a)) {
                        if (seen.add(tr.next())) {
                            todo.addLast(tr.next());
                        }
                    }
                }
            }
            if (seen.size() > maxStates) {
                throw CheckException.limit(where + "more than " + maxStates + " model states: too many tasks at once");
            }
        }
        return seen;
    }

    /** Applies {@code a} to every state; with {@code result}, keeps the outcomes that returned it. */
    private static Step<ProcState> apply(Set<ProcState> states, ProcAction a, Result result, String impossible) {
        Set<ProcState> next = new LinkedHashSet<>();
        SortedSet<String> rules = new TreeSet<>();
        SortedSet<String> others = new TreeSet<>();
        for (ProcState s : states) {
            for (Transition<ProcState> t : Proc.successors(s, a)) {
                long ret = t.next().ret();
                if (result == null || ReadinessReturns.matches(result, ret)) {
                    next.add(t.next());
                    rules.add(t.rule().toString());
                } else {
                    others.add(ReadinessReturns.text(ret) + " (" + t.rule() + ")");
                }
            }
        }
        String problem = others.isEmpty() ? impossible : "model returns " + String.join(" or ", others);
        return step(next, rules, problem);
    }

    /** Keeps the states whose last call copied out what the kernel did; a poll snapshot is a call. */
    private static Step<ProcState> observe(Set<ProcState> states, Event.Observation o, String where) throws CheckException {
        Set<ProcState> next = new LinkedHashSet<>();
        String problem = null;
        for (ProcState s : states) {
            if (!Proc.successors(s, new IoUringTaskWork()).isEmpty()) {
                continue; // io_uring task work is due: the state after it (among the hidden steps) is the one to see
            }
            // a one-fd poll snapshot is a real poll call (it can change nested epolls); a reap moves the CQ head
            ProcState after = o.what().equals("reap") ? reaped(s, o) : s;
            String p = after == null ? o.target().orElseThrow() + " is not a ring" : observe(o, after, where);
            if (p == null) {
                next.add(o.what().equals("poll") ? Proc.successors(s, snapshot(o)).getFirst().next() : after);
            } else if (problem == null) {
                problem = p;
            }
        }
        return step(next, new TreeSet<>(), problem);
    }

    /** The state after the application reaped the ring {@code observe reap(u0)} names; null when it is no ring. */
    private static ProcState reaped(ProcState s, Event.Observation o) {
        List<Transition<ProcState>> ts = Proc.successors(s, new CqReap(o.target().orElseThrow()));
        return ts.isEmpty() ? null : ts.getFirst().next();
    }

    /** What the last call (or reap) copied out, compared with an observation line; null when they agree. */
    private static String observe(Event.Observation o, ProcState s, String where) throws CheckException {
        switch (o.what()) {
            case "events", "revents", "read", "fdsets", "params", "reap", "aio_events" -> {
                CopyOut kernel;
                try {
                    kernel = ReadinessReturns.copied(o);
                } catch (IllegalArgumentException e) {
                    throw new CheckException(where + "cannot read " + o + ": " + e.getMessage());
                }
                return ReadinessModel.copyOut(kernel).equals(ReadinessModel.observe(s).get("out")) ? null
                        : "model copied out " + ReadinessReturns.text(s.out()) + ", the kernel " + ReadinessReturns.text(kernel);
            }
            case "poll" -> {
                String fd = o.target().orElseThrow(() -> new CheckException(where + "observe poll needs an fd: poll(r0)"));
                List<Transition<ProcState>> ts = Proc.successors(s, snapshot(o));
                List<CopyOut.PollRevents> got = ((CopyOut.Revents) ts.getFirst().next().out()).revents();
                int model = got.isEmpty() ? 0 : got.getFirst().revents();
                int kernel = Mask.parse(o.values().getOrDefault("revents", "0"));
                return model == kernel ? null
                        : "model polls " + fd + " as " + Mask.text(model, "POLL") + ", the kernel " + Mask.text(kernel, "POLL");
            }
            case "task" -> {
                String t = o.target().orElseThrow(() -> new CheckException(where + "observe task needs a task: task(t1)"));
                Task task = s.tasks().get(t);
                if (task == null) {
                    return t + " is in no call";
                }
                Object phase = ((TlaFunction) ReadinessModel.observe(s).get("phase")).mapping().get(t);
                boolean sleeping = Task.Phase.SLEEPING.name().equals(phase);
                return switch (sight(task.call(), o)) {
                    case ASLEEP -> sleeping ? null
                            : "the kernel has " + t + " asleep in " + o.values().get("wchan") + ", the model " + phase;
                    case RUNNING -> !sleeping ? null : "the kernel has " + t + " running (state R), the model asleep";
                    case NOTHING -> null;
                };
            }
            default -> throw new CheckException(where + "the readiness model cannot observe '" + o.what() + "'");
        }
    }

    /** What an {@code observe task} line says of its task's call. */
    enum Sight { ASLEEP, RUNNING, NOTHING }

    /**
     * {@code state=S} with the wchan of the call's sleep: asleep in it; {@code state=R} (running
     * or runnable, proc(5) /proc/pid/stat): not asleep — between entering the call and sleeping,
     * or woken and not yet returned; any other sight (S elsewhere, D, ...) says nothing.
     */
    static Sight sight(ProcAction call, Event.Observation o) {
        String state = o.values().getOrDefault("state", "");
        if (state.equals("R")) {
            return Sight.RUNNING;
        }
        return state.equals("S") && sleepsIn(call, o.values().getOrDefault("wchan", "")) ? Sight.ASLEEP : Sight.NOTHING;
    }

    /** The task states of proc(5) /proc/pid/stat (field 3). */
    private static final Set<String> PROC_STATES = Set.of("R", "S", "D", "T", "t", "Z", "X", "I", "P", "W", "K");

    /** Whether {@code wchan} is where the kernel sleeps in {@code call} ({@link Wchan}); any other says nothing. */
    static boolean sleepsIn(ProcAction call, String wchan) {
        String syscall = switch (call) {
            case EpollWait w -> "epoll_wait";
            case Poll p -> "poll";
            case Select x -> "select";
            case Read r -> "read";
            // coverage: impossible — a TaskCall holds only these four
            default -> throw new AssertionError("impossible: a task asleep in " + call);
        };
        return Wchan.sleepsIn(syscall, wchan);
    }


    private static Poll snapshot(Event.Observation o) {
        return new Poll(List.of(new PollFd(o.target().orElseThrow(), PollSnapshot.EVENTS)));
    }

    // ---- trace syntax → actions ----------------------------------------------------------------

    static ProcAction action(Event.Syscall sc, String where) throws CheckException {
        List<String> a = sc.args();
        String r = sc.result().value();
        try {
            ProcAction creates = creation(sc.name(), a, r, where);
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
                        a.get(1).equals("F_SETFL") ? setfl(a.get(2), where) : 0);
                case "rt_sigtimedwait" -> new Sigtimedwait();
                case "io_setup" -> new IoSetup(Integer.parseInt(a.get(0)), a.get(1));
                case "io_submit" -> {
                    String[] f = a.get(1).split(":", -1);
                    if (f.length != 4 || !f[0].equals("POLL")) {
                        throw new CheckException(where + "the model takes io_submit(ctx, POLL:data:fd:MASK) only");
                    }
                    yield new IoSubmitPoll(a.get(0), Long.parseUnsignedLong(f[1]), f[2], Mask.parse(f[3]));
                }
                case "io_getevents" -> {
                    if (!a.get(3).equals("0")) {
                        throw new CheckException(where + "the model takes io_getevents with a zero timeout only");
                    }
                    yield new IoGetevents(a.get(0), Integer.parseInt(a.get(1)), Integer.parseInt(a.get(2)));
                }
                case "io_destroy" -> new IoDestroy(a.get(0));
                case "io_uring_register" -> {
                    if (!a.get(1).equals("IORING_REGISTER_EVENTFD")) {
                        throw new CheckException(where + "the model takes io_uring_register(fd, IORING_REGISTER_EVENTFD, eventfd) only");
                    }
                    yield new IoUringRegisterEventfd(a.get(0), a.get(2));
                }
                case "io_uring_enter" -> new IoUringEnter(a.get(0), sqes(a.get(1)), Integer.parseInt(a.get(2)),
                        enterFlags(a.get(3), where));
                case "epoll_ctl" -> new EpollCtl(a.get(0), op(a.get(1)), a.get(2),
                        a.get(3).equals("-") ? 0 : Mask.parse(a.get(3)), a.get(3).equals("-"));
                case "epoll_wait", "epoll_pwait" -> new EpollWait(a.get(0), Integer.parseInt(a.get(1)));
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

    /** The calls that create fds, read from their {@code name:number} results; null for any other call. */
    private static ProcAction creation(String name, List<String> a, String r, String where) throws CheckException {
        return switch (name) {
            case "pipe2" -> {
                String[][] p = created(r, 2, where);
                yield new Pipe2(p[0][0], Integer.parseInt(p[0][1]), p[1][0], Integer.parseInt(p[1][1]));
            }
            case "socketpair" -> {
                String[][] p = created(r, 2, where);
                yield new Socketpair(p[0][0], Integer.parseInt(p[0][1]), p[1][0], Integer.parseInt(p[1][1]),
                        socketType(a, where).contains("SOCK_NONBLOCK"));
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
                yield new Open(p[0][0], Integer.parseInt(p[0][1]));
            }
            case "socket" -> {
                String[][] p = created(r, 1, where);
                yield new Socket(p[0][0], Integer.parseInt(p[0][1]));
            }
            case "io_uring_setup" -> {
                if (a.size() != 2 || !a.get(1).equals("0")) {
                    throw new CheckException(where + "the model takes io_uring_setup(entries, 0): params.flags 0 only");
                }
                if (r.equals("-1")) { // an error: no ring made
                    yield new IoUringSetup("(none)", -1, Integer.parseInt(a.get(0)));
                }
                String[][] p = created(r, 1, where);
                yield new IoUringSetup(p[0][0], Integer.parseInt(p[0][1]), Integer.parseInt(a.get(0)));
            }
            default -> null;
        };
    }

    /**
     * {@code tN -> call}: the call as its one-line form would be read, with the last argument of
     * epoll_wait, poll and select as the timeout in ms.
     */
    static TaskCall taskCall(Event.CallStart cs, String where) throws CheckException {
        List<String> a = cs.args();
        try {
            int timeout = cs.name().equals("read") ? -1 : Integer.parseInt(a.getLast());
            List<String> args = new ArrayList<>(a);
            if (!cs.name().equals("read")) {
                args.set(args.size() - 1, "0");
            }
            ProcAction call = action(new Event.Syscall(cs.lineNo(), cs.timeMicros(), cs.name(), args, Result.ok("-")), where);
            return new TaskCall(cs.task(), call, timeout);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new CheckException(where + "cannot read " + cs + ": " + e.getMessage());
        }
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
     * {@code POLL_ADD:ud:fd:MASK} (with {@code :MULTI} for a multishot poll), {@code ASYNC_CANCEL:ud:target},
     * each followed by {@code :LINK} for IOSQE_IO_LINK.
     */
    private static List<Sqe> sqes(String text) {
        List<Sqe> l = new ArrayList<>();
        if (!text.equals("-")) {
            for (String e : text.split("\\+", -1)) {
                boolean link = e.endsWith(":LINK");
                String body = link ? e.substring(0, e.length() - ":LINK".length()) : e;
                Sqe q = sqe(e, body.split(":", -1));
                l.add(link ? q.linked() : q);
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
                if (f.length == 5 && !f[4].equals("MULTI")) {
                    throw new IllegalArgumentException("a POLL_ADD SQE ends in :MULTI or nothing, not ':" + f[4] + "'");
                }
                yield Sqe.pollAdd(ud, f[2], Mask.parse(f[3]), f.length == 5);
            }
            case "ASYNC_CANCEL" -> {
                fields(text, f, 3, 3);
                yield Sqe.cancel(ud, Long.parseUnsignedLong(f[2]));
            }
            default -> throw new IllegalArgumentException("an SQE is NOP, POLL_ADD or ASYNC_CANCEL, not '" + text + "'");
        };
    }

    private static void fields(String text, String[] f, int min, int max) {
        if (f.length < min || f.length > max) {
            throw new IllegalArgumentException("SQE '" + text + "': NOP:ud, POLL_ADD:ud:fd:MASK[:MULTI] or ASYNC_CANCEL:ud:target");
        }
    }

    /** io_uring_enter's flags: 0 or IORING_ENTER_GETEVENTS (whether GETEVENTS is set). */
    private static boolean enterFlags(String text, String where) throws CheckException {
        return Flags.of(text, Set.of("IORING_ENTER_GETEVENTS"), where).contains("IORING_ENTER_GETEVENTS");
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
