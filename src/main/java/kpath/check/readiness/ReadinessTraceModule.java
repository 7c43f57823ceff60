package kpath.check.readiness;

import kpath.check.CheckException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import kpath.model.Transition;
import kpath.uapi.Mask;
import kpath.model.readiness.Readiness;
import kpath.model.readiness.ReadinessAction;
import kpath.model.readiness.ReadinessAction.*;
import kpath.model.readiness.ReadinessState;
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
 * {@code i = N + 1} is reachable (the invariant {@code TraceIncomplete} is violated).
 *
 * <p>TLC's integers are 32-bit: a u64 eventfd value v at or above 2^31 becomes
 * {@code UMax - (2^64 - 1 - v)}, so ULLONG_MAX is {@code UMax} and the distances to it are kept.
 */
public final class ReadinessTraceModule {
    private ReadinessTraceModule() {}

    public static final String MODULE = "ReadinessTraceCheck";
    /** The spec's stand-in for ULLONG_MAX in trace modules. */
    static final long UMAX = 1_000_000_000L;

    public record Generated(String module, String cfg) {}

    public static Generated generate(Trace trace, String file) throws CheckException {
        List<String> steps = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        Set<String> taskCalls = new TreeSet<>();
        Map<String, List<String>> starts = new TreeMap<>();
        Map<String, TaskCall> current = new HashMap<>();
        ReadinessState s = ReadinessState.initial();
        for (Event e : trace.events()) {
            String where = file + ":" + e.lineNo() + ": ";
            if (e.timeMicros() > Integer.MAX_VALUE) {
                throw new CheckException(where + "TLC's integers are 32-bit: times past " + Integer.MAX_VALUE + " µs are not checked");
            }
            times.add(e.timeMicros());
            switch (e) {
                case Event.Syscall sc -> {
                    ReadinessAction a = ReadinessTraceChecker.action(sc, where);
                    steps.add(call(a) + result(sc.result()));
                    List<Transition<ReadinessState>> ts = Readiness.successors(s, a);
                    if (!ts.isEmpty()) {
                        s = ts.getFirst().next();
                    }
                }
                case Event.CallStart cs -> {
                    TaskCall t = ReadinessTraceChecker.taskCall(cs, where);
                    if (current.containsKey(t.task())) {
                        throw new CheckException(where + t.task() + " starts a call before its last one returned");
                    }
                    current.put(t.task(), t);
                    steps.add(call(t));
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
                case Event.Observation o -> {
                    steps.add(o.what().equals("task") ? taskObservation(o, current, where) : observation(o, where));
                    if (o.what().equals("poll") && o.target().isPresent()) {
                        s = Readiness.successors(s, snapshot(o.target().get())).getFirst().next();
                    }
                }
                default -> throw new CheckException(where + "readiness traces have no " + e.getClass().getSimpleName() + " lines");
            }
            names.addAll(s.numbers().keySet());
            names.addAll(s.files().keySet());
        }
        StringBuilder m = new StringBuilder();
        m.append("---- MODULE ").append(MODULE).append(" ----\n");
        m.append("\\* Generated by kpath from ").append(file).append("; do not edit.\n");
        m.append("EXTENDS Readiness\n\n");
        m.append("VARIABLE i  \\* trace cursor\n\n");
        m.append("TNameOrder == <<").append(names.stream().map(ReadinessTraceModule::str).collect(Collectors.joining(", ")))
                .append(">>\n");
        m.append("TUMax == ").append(UMAX).append("\n");
        m.append("TSetup == <<>>\n");
        m.append("\\* TaskRun takes a task's call from Calls: the trace's task calls\n");
        m.append("TCalls == {").append(String.join(",\n           ", taskCalls)).append("}\n");
        m.append("N == ").append(steps.size()).append("\n");
        m.append("\\* The time of each event line, in microseconds since the trace's start\n");
        m.append("T == <<").append(times.stream().map(String::valueOf).collect(Collectors.joining(", "))).append(">>\n");
        m.append("\\* Each task's calls: the event of its -> line, that line's time and the call's timeout in ms\n");
        m.append("Starts == ").append(starts.isEmpty() ? "[x \\in {} |-> <<>>]" : "[" + starts.entrySet().stream()
                .map(x -> x.getKey() + " |-> <<" + String.join(", ", x.getValue()) + ">>")
                .collect(Collectors.joining(",\n           ")) + "]").append("\n");
        m.append("ErrnoNames == ").append(set(java.util.Arrays.stream(kpath.uapi.Errno.values())
                .map(x -> str(x.name())).toList())).append("\n\n");
        m.append("TInit == Init /\\ i = 1\n\n");
        m.append("\\* The call task t is in at event i: its last -> line before i.\n");
        m.append("Start(t) == LET js == {j \\in DOMAIN Starts[t] : Starts[t][j].at < i}\n");
        m.append("            IN  Starts[t][CHOOSE j \\in js : \\A k \\in js : k <= j]\n");
        m.append("\\* t's timer may have fired before event i happens: hrtimers never fire early, and the\n");
        m.append("\\* -> line is written before the call starts.\n");
        m.append("Due(t) == i <= N /\\ Start(t).timeout > 0 /\\ T[i] >= Start(t).time + Start(t).timeout * 1000\n\n");
        m.append("\\* A task runs, or its timer fires: hidden, the cursor stays.\n");
        m.append("Hidden == \\E t \\in DOMAIN tasks : TaskRun(t) \\/ (Due(t) /\\ TaskTimeout(t))\n\n");
        List<String> disj = new ArrayList<>();
        for (int k = 1; k <= steps.size(); k++) {
            m.append("E").append(k).append(" == ").append(steps.get(k - 1)).append("\n");
            disj.add("(i = " + k + " /\\ E" + k + ")");
        }
        m.append("\nTNext == \\/ /\\ ").append(disj.isEmpty() ? "FALSE" : "\\/ " + String.join("\n               \\/ ", disj))
                .append("\n            /\\ i' = i + 1\n         \\/ /\\ Hidden\n            /\\ UNCHANGED i\n\n");
        m.append("TraceIncomplete == i # N + 1\n");
        m.append("====\n");
        String cfg = "CONSTANTS\n    Setup <- TSetup\n    Calls <- TCalls\n    NameOrder <- TNameOrder\n    UMax <- TUMax\n"
                + "INIT TInit\nNEXT TNext\nINVARIANT TraceIncomplete\n";
        return new Generated(m.toString(), cfg);
    }

    /** The constraint of a result on ret': the value, the errno, or any non-error. */
    private static String result(kpath.trace.Result r) {
        return r.isAny() ? " /\\ ~(ret' \\in ErrnoNames)" : " /\\ ret' = " + str(r.errno().orElse(r.value()));
    }

    /**
     * {@code observe task(t1) state=S wchan=do_epoll_wait}: a task seen asleep in its call's wait
     * must sleep in the model; any other sight of a task says nothing (a stutter).
     */
    private static String taskObservation(Event.Observation o, Map<String, TaskCall> current, String where)
            throws CheckException {
        String t = o.target().orElseThrow(() -> new CheckException(where + "observe task needs a task: task(t1)"));
        TaskCall c = current.get(t);
        String wchan = o.values().getOrDefault("wchan", "");
        if (c != null && "S".equals(o.values().get("state")) && ReadinessTraceChecker.sleepsIn(c.call(), wchan)) {
            return "UNCHANGED <<vars>> /\\ " + str(t) + " \\in DOMAIN tasks /\\ tasks[" + str(t) + "].phase = \"SLEEPING\"";
        }
        return "UNCHANGED <<vars>>";
    }

    static final int SNAPSHOT = ReadinessTraceChecker.SNAPSHOT_EVENTS;

    private static Poll snapshot(String fd) {
        return new Poll(List.of(new PollFd(fd, SNAPSHOT)));
    }

    /** The spec's operator for a call, with its arguments; the main task's when a task may make it too. */
    static String call(ReadinessAction a) {
        return switch (a) {
            case Pipe2 p -> "Pipe2(" + str(p.r()) + ", " + p.rn() + ", " + str(p.w()) + ", " + p.wn() + ")";
            case Socketpair p -> "Socketpair(" + str(p.a()) + ", " + p.an() + ", " + str(p.b()) + ", " + p.bn() + ", "
                    + bool(p.nonblock()) + ")";
            case Eventfd e -> "Eventfd(" + str(e.name()) + ", " + e.number() + ", " + u64(e.initval()) + ", "
                    + bool(e.semaphore()) + ", " + bool(e.nonblock()) + ")";
            case EpollCreate1 e -> "EpollCreate1(" + str(e.name()) + ", " + e.number() + ")";
            case Open o -> "Open(" + str(o.name()) + ", " + o.number() + ")";
            case Socket o -> "Socket(" + str(o.name()) + ", " + o.number() + ")";
            case Bind b -> "Bind(" + str(b.fd()) + ")";
            case Listen l -> "Listen(" + str(l.fd()) + ", " + l.backlog() + ")";
            case Connect c -> "Connect(" + str(c.fd()) + ", " + str(c.listener()) + ")";
            case Accept4 x -> "Accept4(" + str(x.fd()) + ", " + str(x.name()) + ", " + x.number() + ")";
            case Dup d -> "Dup(" + str(d.fd()) + ", " + str(d.name()) + ", " + d.number() + ")";
            case Write w -> "Write(" + str(w.fd()) + ", " + u64(w.n()) + ")";
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
            case Fcntl f -> "Fcntl(" + str(f.fd()) + ", " + str(f.cmd()) + ", " + bool((f.flags() & Fcntl.O_NONBLOCK) != 0)
                    + ", " + bool((f.flags() & Fcntl.O_ASYNC) != 0) + ")";
            case Sigtimedwait x -> "Sigtimedwait";
        };
    }

    private static String observation(Event.Observation o, String where) throws CheckException {
        String stutter = "UNCHANGED <<vars>> /\\ ";
        return switch (o.what()) {
            case "events", "revents" -> {
                String prefix = o.what().equals("events") ? "EPOLL" : "POLL";
                List<String> outs = new ArrayList<>();
                o.values().forEach((k, v) -> outs.add(str(k + "=" + Mask.text(Mask.parse(v), prefix))));
                yield stutter + "out = <<" + String.join(", ", outs) + ">>";
            }
            case "read" -> stutter + "out = <<" + str("value=" + o.values().get("value")) + ">>";
            case "fdsets" -> {
                List<String> outs = new ArrayList<>();
                for (String set : List.of("rd", "wr", "ex")) {
                    String v = o.values().getOrDefault(set, "-");
                    String sorted = v.equals("-") ? "-" : new TreeSet<>(List.of(v.split("\\|"))).stream()
                            .collect(Collectors.joining("|"));
                    outs.add(str(set + "=" + sorted));
                }
                yield stutter + "out = <<" + String.join(", ", outs) + ">>";
            }
            case "poll" -> {
                String fd = o.target().orElseThrow(() -> new CheckException(where + "observe poll needs an fd"));
                int mask = Mask.parse(o.values().getOrDefault("revents", "0"));
                yield call(snapshot(fd)) + " /\\ out' = <<" + (mask == 0 ? "" : str(fd + "=" + Mask.text(mask, "POLL"))) + ">>";
            }
            default -> throw new CheckException(where + "the readiness model cannot observe '" + o.what() + "'");
        };
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
        return set(s.stream().sorted().map(ReadinessTraceModule::str).toList());
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

    private static String set(List<String> xs) {
        return "{" + String.join(", ", xs) + "}";
    }

    static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
