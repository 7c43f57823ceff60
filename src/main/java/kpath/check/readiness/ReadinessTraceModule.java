package kpath.check.readiness;

import kpath.trace.PollSnapshot;

import kpath.check.CheckException;
import kpath.check.TraceModule;

import static kpath.check.TraceModule.set;
import static kpath.check.TraceModule.str;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import kpath.uapi.Mask;
import kpath.model.proc.CopyOut;
import kpath.model.proc.ProcAction;
import kpath.model.proc.ProcAction.*;
import kpath.trace.Event;
import kpath.trace.Trace;

/**
 * Generates the TLA+ module with which TLC validates a readiness trace against
 * specs/Readiness.tla: event k is the spec's call for that line, constrained by its result, or,
 * for an observation, a stuttering step constrained by what the last call copied out. A task's
 * {@code tN -> call} line is its TaskCall, its {@code tN <- result} line its TaskReturn constrained
 * by the result; {@code observe task(tN) state=S wchan=...} with the wchan of its call's sleep
 * requires it to sleep. The hidden steps — a task's run (TaskRun) and its timer (TaskTimeout) —
 * may happen anywhere without moving the cursor i, a timer only once the line about to be
 * matched is at least the call's timeout after its {@code ->} line (hrtimers never fire early,
 * and that line is written before the call starts). The trace is accepted when a state with
 * {@code i = N + 1} is reachable (the invariant {@code TraceAccepted} prints so).
 *
 * <p>TLC's integers are 32-bit: a u64 eventfd value v at or above 2^31 becomes
 * {@code UMax - (2^64 - 1 - v)}, so ULLONG_MAX is {@code UMax} and the distances to it are kept.
 */
public final class ReadinessTraceModule {
    private ReadinessTraceModule() {}

    public static final String MODULE = "ReadinessTraceCheck";
    /** The spec's stand-in for ULLONG_MAX in trace modules. */
    static final long UMAX = 1_000_000_000L;

    public static TraceModule.Generated generate(Trace trace, String file) throws CheckException {
        List<String> steps = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        Set<String> taskCalls = new TreeSet<>();
        Map<String, List<String>> starts = new TreeMap<>();
        Map<String, TaskCall> current = new HashMap<>();
        List<String> arms = new ArrayList<>();
        Names names = new Names();
        ProcSyntax.AioHost aioMaxNr = ProcSyntax.aioHost(trace.header(), file);
        for (Event e : trace.events()) {
            String where = file + ":" + e.lineNo() + ": ";
            if (e.timeMicros() > Integer.MAX_VALUE) {
                throw new CheckException(where + "TLC's integers are 32-bit: times past " + Integer.MAX_VALUE + " µs are not checked");
            }
            long began = times.isEmpty() ? 0 : times.getLast(); // a main-task call began after the line before
            times.add(e.timeMicros());
            lines.add(e.lineNo());
            switch (e) {
                case Event.Syscall sc -> {
                    ProcAction a = ProcSyntax.action(sc, where, aioMaxNr);
                    steps.add(call(a) + result(sc.result()));
                    names.see(a);
                    arms.addAll(arms(a, steps.size(), began));
                }
                case Event.CallStart cs -> {
                    TaskCall t = ProcSyntax.taskCall(cs, where);
                    if (current.containsKey(t.task())) {
                        throw new CheckException(where + t.task() + " starts a call before its last one returned");
                    }
                    current.put(t.task(), t);
                    steps.add(call(t));
                    arms.addAll(arms(t.call(), steps.size(), cs.timeMicros()));
                    taskCalls.add(ReadinessMc.tla(t));
                    starts.computeIfAbsent(t.task(), k -> new ArrayList<>()).add("[at |-> " + steps.size() + ", time |-> "
                            + cs.timeMicros() + ", timeout |-> " + t.timeout() + "]");
                }
                case Event.CallReturn cr -> {
                    if (current.remove(cr.task()) == null) {
                        throw new CheckException(where + cr.task() + " returns from no call");
                    }
                    steps.add(call(new TaskReturn(cr.task())) + result(cr.result()));
                }
                case Event.Observation o ->
                        steps.add(o.what().equals("task") ? taskObservation(o, current, where) : observation(o, where));
                default -> throw new CheckException(where + "readiness traces have no " + e.getClass().getSimpleName() + " lines");
            }
        }
        TraceModule m = TraceModule.of(MODULE, "Readiness", file)
                .constant("NameOrder", "<<" + names.all().stream().map(TraceModule::str)
                                .collect(Collectors.joining(", ")) + ">>",
                        "every fd name and file id the trace brings into play, in Java's String order")
                .constant("UMax", String.valueOf(UMAX))
                .constant("Setup", "<<>>")
                .constant("Calls", "{" + String.join(",\n           ", taskCalls) + "}",
                        "TaskRun takes a task's call from Calls: the trace's task calls")
                .define("The time of each event line, in microseconds since the trace's start",
                        "T == <<" + times.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ">>")
                .define("Each task's calls: the event of its -> line, that line's time and the call's timeout in ms",
                        "Starts == " + (starts.isEmpty() ? "[x \\in {} |-> <<>>]" : "[" + starts.entrySet().stream()
                                .map(x -> x.getKey() + " |-> <<" + String.join(", ", x.getValue()) + ">>")
                                .collect(Collectors.joining(",\n           ")) + "]"))
                .define("The call task t is in at event i: its last -> line before i.",
                        "Start(t) == LET js == {j \\in DOMAIN Starts[t] : Starts[t][j].at < i}\n"
                                + "            IN  Starts[t][CHOOSE j \\in js : \\A k \\in js : k <= j]")
                .define("t's timer may have fired before event i happens: hrtimers never fire early, and the\n"
                                + "\\* -> line is written before the call starts.",
                        "Due(t) == i <= N /\\ Start(t).timeout > 0 /\\ T[i] >= Start(t).time + Start(t).timeout * 1000")
                .define("Each LINK_TIMEOUT armed: the event of the io_uring_enter that submits it, its user_data and the\n"
                                + "\\* earliest time its timer may fire (that call's start plus the timeout)",
                        "LinkArms == <<" + String.join(",\n              ", arms) + ">>")
                .define("The LINK_TIMEOUT u's timer may have fired before event i happens: it is armed by the last\n"
                                + "\\* io_uring_enter before i that submits it, and hrtimers never fire early.",
                        "LinkDue(u) == i <= N /\\ LET js == {j \\in DOMAIN LinkArms : LinkArms[j].ud = u /\\ LinkArms[j].at < i}\n"
                                + "              IN  js # {} /\\ T[i] >= LinkArms[CHOOSE j \\in js : \\A k \\in js : k <= j].time")
                .hidden("(\\E t \\in DOMAIN tasks : TaskRun(t) \\/ (Due(t) /\\ TaskTimeout(t))) \\/ IoUringTaskWork \\/ AioPollWork \\/ AioTrylockFails \\/ DelayedFputWork \\/ IoWqWork \\/ IoWqFree \\/ IoUringExitWork \\/ IoSqThread"
                        + (arms.isEmpty() ? "" : " \\/ (\\E j \\in DOMAIN LinkArms : LinkDue(LinkArms[j].ud) /\\ IoLinkTimeout(LinkArms[j].ud))"));
        for (int k = 0; k < steps.size(); k++) {
            m.event(lines.get(k), steps.get(k));
        }
        return m.build();
    }

    /** The LINK_TIMEOUTs {@code a} arms, if it is io_uring_enter: event {@code at}, begun at {@code began} µs. */
    private static List<String> arms(ProcAction a, int at, long began) {
        if (!(a instanceof IoUringEnter e)) {
            return List.of();
        }
        return e.sqes().stream().filter(q -> q.op().equals("LINK_TIMEOUT"))
                .map(q -> "[at |-> " + at + ", ud |-> " + q.userData() + ", time |-> " + (began + 1_000L * q.len()) + "]").toList();
    }

    /**
     * The names a trace brings into play, read from the trace alone (the TLA+ module must not lean
     * on the Java model): every fd it creates, and for each loopback connect the child's file id,
     * which the spec names {@code listenerFile.clientFile} (net/ipv4 TcpLoopback connect).
     */
    static final class Names {
        private final Set<String> all = new TreeSet<>();
        private final Map<String, String> fileOf = new HashMap<>();

        void see(ProcAction a) {
            switch (a) {
                case Pipe2 p -> created(p.r(), p.w());
                case Socketpair p -> created(p.a(), p.b());
                case Eventfd e -> created(e.name());
                case EpollCreate1 e -> created(e.name());
                case Open o -> created(o.name());
                case Socket x -> created(x.name());
                case IoUringSetup u -> {
                    if (u.number() >= 0) {
                        created(u.name());
                    }
                }
                case IoSetup x -> all.add(x.ctx());
                case Dup d -> {
                    all.add(d.name());
                    fileOf.put(d.name(), fileOf.getOrDefault(d.fd(), d.fd()));
                }
                case Accept4 x -> {
                    if (!x.name().equals("(none)")) {
                        all.add(x.name());
                    }
                }
                case Connect c -> all.add(fileOf.getOrDefault(c.listener(), c.listener()) + "."
                        + fileOf.getOrDefault(c.fd(), c.fd()));
                default -> { }
            }
        }

        private void created(String... names) {
            for (String n : names) {
                all.add(n);
                fileOf.put(n, n);
            }
        }

        Set<String> all() {
            return all;
        }
    }

    /**
     * The constraint of a result on ret': the return value it names, any non-error value for
     * {@code -}, and none for a result that names no value (an errno the model does not know), as
     * {@link ReadinessReturns#matches} reads it.
     */
    private static String result(kpath.trace.Result r) {
        Long v = ReadinessReturns.value(r);
        return r.isAny() ? " /\\ ret' >= 0" : v == null ? " /\\ FALSE" : " /\\ ret' = " + v;
    }

    /**
     * {@code observe task(t1) state=S wchan=do_epoll_wait}: a task seen asleep in its call's wait
     * must sleep in the model; any other sight of a task says nothing (a stutter).
     */
    private static String taskObservation(Event.Observation o, Map<String, TaskCall> current, String where)
            throws CheckException {
        String t = o.target().orElseThrow(() -> new CheckException(where + "observe task needs a task: task(t1)"));
        TaskCall c = current.get(t);
        ReadinessTraceChecker.Sight sight = c == null ? ReadinessTraceChecker.Sight.NOTHING
                : ReadinessTraceChecker.sight(c.call(), o);
        if (sight == ReadinessTraceChecker.Sight.ASLEEP) {
            return "UNCHANGED <<vars>> /\\ " + str(t) + " \\in DOMAIN Observables.phase /\\ Observables.phase[" + str(t)
                    + "] = \"SLEEPING\"";
        }
        if (sight == ReadinessTraceChecker.Sight.RUNNING) {
            return "UNCHANGED <<vars>> /\\ " + str(t) + " \\in DOMAIN Observables.phase /\\ Observables.phase[" + str(t)
                    + "] # \"SLEEPING\"";
        }
        return "UNCHANGED <<vars>>";
    }

    /** The spec's operator for a call, with its arguments; the main task's when a task may make it too. */
    static String call(ProcAction a) {
        return switch (a) {
            case Pipe2 p -> (p.nonblock() ? "Pipe2(" : "Pipe2Blocking(") + str(p.r()) + ", " + p.rn() + ", " + str(p.w()) + ", "
                    + p.wn() + ")";
            case Socketpair p -> "Socketpair(" + str(p.a()) + ", " + p.an() + ", " + str(p.b()) + ", " + p.bn() + ", "
                    + bool(p.nonblock()) + ", " + p.sndbuf() + ", " + p.truesize() + ")";
            case Eventfd e -> "Eventfd(" + str(e.name()) + ", " + e.number() + ", " + u64(e.initval()) + ", "
                    + bool(e.semaphore()) + ", " + bool(e.nonblock()) + ")";
            case EpollCreate1 e -> "EpollCreate1(" + str(e.name()) + ", " + e.number() + ")";
            case Open o -> "Open(" + str(o.name()) + ", " + o.number() + ", " + bool(o.direct()) + ", " + o.size() + ", " + o.align() + ")";
            case Socket o -> "Socket(" + str(o.name()) + ", " + o.number() + ")";
            case Bind b -> "Bind(" + str(b.fd()) + ")";
            case Listen l -> "Listen(" + str(l.fd()) + ", " + l.backlog() + ")";
            case Connect c -> "Connect(" + str(c.fd()) + ", " + str(c.listener()) + ")";
            case Accept4 x -> "Accept4(" + str(x.fd()) + ", " + str(x.name()) + ", " + x.number() + ")";
            case Dup d -> "Dup(" + str(d.fd()) + ", " + str(d.name()) + ", " + d.number() + ")";
            case Write w -> "Write(" + str(w.fd()) + ", " + u64(w.n()) + ")";
            case SendOob s -> "SendOob(" + str(s.fd()) + ", " + s.n() + ")";
            case Read r -> "Read(" + str(r.fd()) + ", " + r.n() + ", Main)";
            case Shutdown x -> "Shutdown(" + str(x.fd()) + ", " + x.how() + ")";
            case Close c -> "Close(" + str(c.fd()) + ")";
            case EpollCtl c -> "EpollCtl(" + str(c.epfd()) + ", " + str(c.op() == Op.INVALID ? "INVALID" : c.op().name())
                    + ", " + str(c.fd()) + ", " + bits(c.events()) + ", " + bool(c.nullEvent()) + ")";
            case EpollWait w -> "EpollWait(" + str(w.epfd()) + ", " + w.maxevents() + ", Main)";
            case Poll p -> "Poll(<<" + p.fds().stream().map(f -> "[fd |-> " + str(f.fd() == null ? "" : f.fd())
                    + ", events |-> " + bits(f.events()) + "]").collect(Collectors.joining(", ")) + ">>, Main)";
            case Select x -> "Select(" + x.nfds() + ", " + names(x.rd()) + ", " + names(x.wr()) + ", " + names(x.ex())
                    + ", Main)";
            case TaskCall t -> "TaskCall(" + str(t.task()) + ", " + ReadinessMc.tla(t.call()) + ", " + t.timeout() + ")";
            case TaskRun t -> "TaskRun(" + str(t.task()) + ")";
            case TaskTimeout t -> "TaskTimeout(" + str(t.task()) + ")";
            case TaskReturn t -> "TaskReturn(" + str(t.task()) + ")";
            case Fcntl f -> "Fcntl(" + str(f.fd()) + ", " + str(f.cmd()) + ", "
                    + bool(f.cmd().equals("F_SETFL") && (f.flags() & Fcntl.O_NONBLOCK) != 0)
                    + ", " + bool(f.cmd().equals("F_SETFL") && (f.flags() & Fcntl.O_ASYNC) != 0) + ", "
                    + (f.cmd().equals("F_SETSIG") ? f.flags() : 0) + ")";
            case Setrlimit x -> "Setrlimit(" + str(x.resource()) + ", " + x.cur() + ")";
            case Ioctl x -> "Ioctl(" + str(x.fd()) + ", " + str(x.cmd()) + ", " + x.arg() + ")";
            case Setsockopt x -> "Setsockopt(" + str(x.fd()) + ", " + x.val() + ", " + x.wmemMax() + ", "
                    + x.sndbufMin() + ")";
            case Getsockopt x -> "Getsockopt(" + str(x.fd()) + ")";
            case Sigtimedwait x -> "Sigtimedwait(" + "{" + x.set().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + "})";
            case Sigaction x -> "Sigaction(" + x.signo() + ", " + str(x.action()) + ")";
            case Sigmasked x when x.call() instanceof IoUringEnter e -> "IoUringEnterMasked(" + str(e.fd()) + ", <<" + e.sqes().stream()
                    .map(ReadinessMc::sqe).collect(Collectors.joining(", ")) + ">>, " + e.minComplete() + ", " + bool(x.mask() != null)
                    + ", {" + (x.mask() == null ? "" : x.mask().stream().map(String::valueOf).collect(Collectors.joining(", "))) + "}, "
                    + (x.mask() == null ? 0 : x.sigsetsize()) + ")";
            case Sigmasked x -> {
                // the call's own operator text without its "by", then usig's fields
                String inner = call(x.call());
                String args = inner.substring(inner.indexOf('(') + 1, inner.length() - ", Main)".length());
                String op = x.call() instanceof EpollWait ? "EpollPwait" : x.call() instanceof Poll ? "Ppoll"
                        : x.call() instanceof IoGetevents ? "IoPgetevents" : "Pselect6";
                yield op + "(" + args + ", " + bool(x.mask() != null) + ", {" + (x.mask() == null ? "" : x.mask().stream()
                        .map(String::valueOf).collect(Collectors.joining(", "))) + "}, " + (x.mask() == null ? 0 : x.sigsetsize()) + ")";
            }
            case IoUringSetup u -> "IoUringSetup(" + str(u.name()) + ", " + u.number() + ", " + u.entries() + ", "
                    + ReadinessMc.setupFlags(u.flags()) + ", " + u.cqEntries() + ", " + bool(u.resv()) + ")";
            case IoUringEnter e -> "IoUringEnter(" + str(e.fd()) + ", <<" + e.sqes().stream()
                    .map(ReadinessMc::sqe)
                    .collect(Collectors.joining(", ")) + ">>, " + e.minComplete() + ", " + bool(e.getevents()) + ", " + e.argsz()
                    + ", " + e.pad() + ", Main)";
            case CqReap r -> "CqReap(" + str(r.fd()) + ")";
            case SqPublish x -> "SqPublish(" + str(x.fd()) + ", <<" + x.sqes().stream().map(ReadinessMc::sqe)
                    .collect(Collectors.joining(", ")) + ">>)";
            case IoSqThread x -> "IoSqThread";
            case IoUringEnterBadFlags e -> "IoUringEnterBadFlags(" + str(e.fd()) + ", " + ReadinessMc.enterFlags(e.flags()) + ")";
            case IoUringRegisterEventfd r -> "IoUringRegisterEventfd(" + str(r.fd()) + ", " + str(r.eventfd()) + ")";
            case IoSetup x -> "IoSetup(" + x.nrEvents() + ", " + str(x.ctx()) + ", " + x.aioMaxNr() + ", " + x.possibleCpus() + ")";
            case IoSubmit x -> "IoSubmit(" + str(x.ctx()) + ", " + ReadinessMc.iocbs(x) + ", Main)";
            case IoCancel x -> "IoCancel(" + str(x.ctx()) + ", " + u64(x.data()) + ")";
            case IoGetevents x -> "IoGetevents(" + str(x.ctx()) + ", " + x.minNr() + ", " + x.nr() + ", Main)";
            case IoDestroy x -> "IoDestroy(" + str(x.ctx()) + ", Main)";
            case AioPollWork x -> "AioPollWork";
            case DelayedFputWork x -> "DelayedFputWork";
            case AioTrylockFails x -> "AioTrylockFails";
            case IoUringTaskWork x -> "IoUringTaskWork";
            case IoWqWork x -> "IoWqWork";
            case IoUringExitWork x -> "IoUringExitWork";
            case IoWqFree x -> "IoWqFree";
            case IoLinkTimeout x -> "IoLinkTimeout(" + u64(x.userData()) + ")";
        };
    }

    private static String observation(Event.Observation o, String where) throws CheckException {
        String stutter = "UNCHANGED <<vars>> /\\ ";
        if (o.what().equals("poll")) {
            String fd = o.target().orElseThrow(() -> new CheckException(where + "observe poll needs an fd"));
            int mask = Mask.parse(o.values().getOrDefault("revents", "0"));
            String revents = mask == 0 ? "" : "[fd |-> " + str(fd) + ", revents |-> " + bits(mask) + "]";
            return call(snapshot(fd)) + " /\\ (Observables.out)' = [revents |-> <<" + revents + ">>]";
        }
        if (o.what().equals("reap")) {
            String ring = o.target().orElseThrow(() -> new CheckException(where + "observe reap needs a ring: reap(u0)"));
            return call(new CqReap(ring)) + " /\\ (Observables.out)' = " + tla(copied(o, where));
        }
        if (o.what().equals("publish")) { // the SQ tail stored, not a syscall: the state changes, nothing is copied out
            String ring = o.target().orElseThrow(() -> new CheckException(where + "observe publish needs a ring: publish(u0)"));
            return call(ReadinessTraceChecker.published(o, where));
        }
        if (o.what().equals("offsets")) { // what setup wrote into io_uring_params: no call
            String ring = o.target().orElseThrow(() -> new CheckException(where + "observe offsets needs a ring: offsets(u0)"));
            try {
                return stutter + "~TaskWorkDue /\\ SqOff(" + str(ring) + ") = " + record(ReadinessTraceChecker.offsets(o, "sq_off"))
                        + " /\\ CqOff(" + str(ring) + ") = " + record(ReadinessTraceChecker.offsets(o, "cq_off"));
            } catch (IllegalArgumentException x) {
                throw new CheckException(where + "observe offsets: " + x.getMessage());
            }
        }
        if (o.what().equals("sq")) { // rings->sq_dropped, read from the shared ring: no call
            String ring = o.target().orElseThrow(() -> new CheckException(where + "observe sq needs a ring: sq(u0)"));
            return stutter + "~TaskWorkDue /\\ SqDropped(" + str(ring) + ") = " + ReadinessTraceChecker.sqDropped(o);
        }
        if (o.what().equals("aio_ring")) { // struct aio_ring, read from the mapped ring: no call
            String ctx = o.target().orElseThrow(() -> new CheckException(where + "observe aio_ring needs a context: aio_ring(a0)"));
            long nr = ReadinessTraceChecker.aioRingField(o, "nr");
            long ready = Math.floorMod(ReadinessTraceChecker.aioRingField(o, "tail") - ReadinessTraceChecker.aioRingField(o, "head"),
                    Math.max(nr, 1));
            return stutter + "~TaskWorkDue /\\ " + str(ctx) + " \\in DOMAIN Observables.aioRing /\\ Observables.aioRing["
                    + str(ctx) + "] = [nr |-> " + nr + ", ready |-> " + ready + "]";
        }
        CopyOut copied = copied(o, where);
        if (copied == null) {
            throw new CheckException(where + "the readiness model cannot observe '" + o.what() + "'");
        }
        return stutter + "Observables.out = " + tla(copied);
    }

    /** Fields and their values as the spec's record. */
    private static String record(Map<String, Long> m) {
        return "[" + String.join(", ", m.entrySet().stream().map(e -> e.getKey() + " |-> " + e.getValue()).toList()) + "]";
    }

    private static CopyOut copied(Event.Observation o, String where) throws CheckException {
        try {
            return ReadinessReturns.copied(o);
        } catch (IllegalArgumentException e) {
            throw new CheckException(where + "cannot read " + o + ": " + e.getMessage());
        }
    }

    /** What a call copied out, as the spec's value (Proc.tla NoCopy, Readiness.tla CopyOutType). */
    static String tla(CopyOut o) {
        return switch (o) {
            case CopyOut.None x -> "NoCopy";
            case CopyOut.Events e -> "[events |-> <<" + e.events().stream()
                    .map(x -> "[data |-> " + str(x.data()) + ", events |-> " + bits(x.events()) + "]")
                    .collect(Collectors.joining(", ")) + ">>]";
            case CopyOut.Revents e -> "[revents |-> <<" + e.revents().stream()
                    .map(x -> "[fd |-> " + str(x.fd()) + ", revents |-> " + bits(x.revents()) + "]")
                    .collect(Collectors.joining(", ")) + ">>]";
            case CopyOut.FdSets f -> "[rd |-> " + names(f.rd()) + ", wr |-> " + names(f.wr()) + ", ex |-> " + names(f.ex()) + "]";
            case CopyOut.Value v -> "[value |-> " + u64(v.value()) + "]";
            case CopyOut.FdPair p -> "[fds |-> <<" + p.first() + ", " + p.second() + ">>]";
            case CopyOut.Params p -> "[sqEntries |-> " + p.sqEntries() + ", cqEntries |-> " + p.cqEntries() + ", features |-> "
                    + p.features() + "]";
            case CopyOut.AioEvents a -> "[aioEvents |-> <<" + a.events().stream()
                    .map(e -> "[data |-> " + u64(e.data()) + ", res |-> " + e.res() + "]").collect(Collectors.joining(", ")) + ">>]";
            case CopyOut.Owner x -> "[ownerType |-> " + str(x.type()) + ", pid |-> " + str(x.pid()) + "]";
            case CopyOut.SigInfo x -> "[signo |-> " + x.signo() + ", code |-> " + str(x.code()) + ", fd |-> "
                    + str(x.fd()) + ", band |-> " + bits(x.band()) + "]";
            case CopyOut.Reaped r -> "[cqes |-> " + cqes(r.cqes()) + ", overflowFlag |-> " + bool(r.cqOverflowFlag())
                    + ", dropped |-> " + u64(r.dropped()) + "]";
        };
    }

    /** CQEs as the spec's sequence of [userData, res, flags] records (IoUring.tla CqeType). */
    static String cqes(List<kpath.model.proc.OpenFile.Cqe> l) {
        return "<<" + l.stream().map(c -> "[userData |-> " + u64(c.userData()) + ", res |-> " + c.res() + ", flags |-> "
                + c.flags() + "]").collect(Collectors.joining(", ")) + ">>";
    }

    /** {@code observe poll(fd)}: a one-fd poll call the recorder made, asking for the snapshot events. */
    private static Poll snapshot(String fd) {
        return new Poll(List.of(new PollFd(fd, PollSnapshot.EVENTS)));
    }

    /** A mask as the spec's set of bit names. */
    static String bits(int mask) {
        String text = Mask.text(mask, "");
        if (text.equals("0")) {
            return "{}";
        }
        return "{" + java.util.Arrays.stream(text.split("\\|"))
                .map(b -> str(b.startsWith("EPOLL") ? b.substring(5) : b)).collect(Collectors.joining(", ")) + "}";
    }

    private static String names(Set<String> s) {
        return set(s.stream().sorted().map(TraceModule::str).toList());
    }

    static String u64(long v) {
        if (v >= 0 && v < (1L << 31)) {
            return String.valueOf(v);
        }
        BigInteger distance = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE).subtract(new BigInteger(Long.toUnsignedString(v)));
        return "(TUMax - " + distance + ")";
    }

    private static String bool(boolean b) {
        return b ? "TRUE" : "FALSE";
    }
}
