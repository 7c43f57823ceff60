package kpath.check.readiness;

import kpath.trace.PollSnapshot;


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
import kpath.check.Distinct;
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
 * (written before the call started). So does the timer of an IORING_OP_LINK_TIMEOUT of T ms
 * ({@link IoLinkTimeout}): armed by the io_uring_enter that submits it, it is considered only
 * before a line stamped at least T ms after that call began — a task's {@code ->} line, or the
 * line before a main-task call's line. Each result, and each event, revents, fd set or value
 * copied out, must match some state.
 */
public final class ReadinessTraceChecker implements ReplayBinding<ProcState> {

    /** More states than this after hidden steps means a runaway trace, not a check. */
    static final int MAX_STATES = 100_000;

    /** Task → earliest time its timer may fire (µs), from its call line and timeout. */
    private final Map<String, Long> deadlines = new HashMap<>();

    /** LINK_TIMEOUT user_data → earliest time its timer may fire (µs), from the call that armed it. */
    private final Map<Long, Long> timers = new HashMap<>();

    /** The time of the line before the one being matched (µs): a main-task call began after it. */
    private long previous;

    /** What an observe line of a readiness trace may read, and the keys a one-target line needs. */
    private static final Set<String> OBSERVABLE = Set.of("events", "revents", "read", "optval", "fdsets", "poll", "task", "params",
            "reap", "aio_events", "siginfo", "owner", "sq", "offsets", "aio_ring", "publish");

    /**
     * Every line read as the model would read it, before any checker runs: calls and their
     * arguments, task calls, and what each observation names (bits, keys, targets).
     */
    static void validate(Trace trace, String file) throws CheckException {
        ProcSyntax.AioHost aioHost = ProcSyntax.aioHost(trace.header(), file);
        for (Event e : trace.events()) {
            String where = file + ":" + e.lineNo() + ": ";
            switch (e) {
                case Event.Syscall sc -> ProcSyntax.action(sc, where, aioHost);
                case Event.CallStart cs -> ProcSyntax.taskCall(cs, where);
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
        if (Set.of("poll", "task", "params", "reap", "sq", "offsets", "aio_ring", "publish").contains(o.what()) && o.target().isEmpty()) {
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
        if (o.what().equals("read") || o.what().equals("optval")) {
            try {
                Long.parseUnsignedLong(o.values().getOrDefault("value", ""));
            } catch (NumberFormatException x) {
                throw new CheckException(where + "observe " + o.what() + " needs value=<the unsigned 64-bit number "
                        + (o.what().equals("read") ? "read>" : "the option held>"));
            }
        }
        if (o.what().equals("offsets")) {
            try {
                offsets(o, "sq_off");
                offsets(o, "cq_off");
            } catch (IllegalArgumentException x) {
                throw new CheckException(where + "observe offsets: " + x.getMessage());
            }
        }
        if (o.what().equals("publish")) {
            published(o, where);
        }
        if (o.what().equals("sq") && sqDropped(o) < 0) {
            throw new CheckException(where + "observe sq needs sq_dropped=<the ring's u32 count of dropped SQ array entries>");
        }
        if (o.what().equals("aio_ring")) {
            String bad = aioRingHeader(o);
            if (bad != null) {
                throw new CheckException(where + "observe aio_ring: " + bad);
            }
        }
        if (o.what().equals("task") && !PROC_STATES.contains(o.values().getOrDefault("state", ""))) {
            throw new CheckException(where + "observe task needs state=<a proc(5) task state: R, S, D, ...>");
        }
        if (Set.of("params", "reap", "aio_events", "siginfo", "owner").contains(o.what())) {
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
        return Replay.check(new ReadinessTraceChecker(model, ProcSyntax.aioHost(trace.header(), file)), trace, file);
    }

    private final String model;
    /** fs.aio-max-nr and the possible CPUs as the trace's header recorded them: io_setup reads them. */
    private final ProcSyntax.AioHost aioMaxNr;

    private ReadinessTraceChecker(String model, ProcSyntax.AioHost aioMaxNr) {
        this.model = model;
        this.aioMaxNr = aioMaxNr;
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
        return hidden(from, deadlines, timers, next.timeMicros(), MAX_STATES, where);
    }

    /** Arms a deadline for every LINK_TIMEOUT {@code a} submits, if it is io_uring_enter, from {@code began} (µs). */
    private void arm(ProcAction a, long began) {
        if (a instanceof IoUringEnter e) {
            e.sqes().stream().filter(q -> q.op().equals("LINK_TIMEOUT"))
                    .forEach(q -> timers.put(q.userData(), began + 1_000L * q.len()));
        }
    }

    @Override
    public Step<ProcState> step(Set<ProcState> states, Event ev, String where)
            throws CheckException {
        long began = previous;
        previous = ev.timeMicros();
        return switch (ev) {
            case Event.Syscall sc -> {
                ProcAction a = ProcSyntax.action(sc, where, aioMaxNr);
                arm(a, began);
                yield apply(states, a, sc.result(), a + " is not possible here (a name reused?)");
            }
            case Event.CallStart cs -> {
                TaskCall a = ProcSyntax.taskCall(cs, where);
                // no timer for a timeout <= 0: the model never times such a task out (Tasks.timeout)
                deadlines.put(a.task(), cs.timeMicros() + 1_000L * a.timeout());
                arm(a.call(), cs.timeMicros());
                yield apply(states, a, null, cs.task() + " is already in a call");
            }
            case Event.CallReturn cr -> {
                deadlines.remove(cr.task());
                yield apply(states, new TaskReturn(cr.task()), cr.result(), cr.task() + " is in no call that has finished");
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
        return hidden(from, deadlines, Map.of(), now, maxStates, where);
    }

    /** The same, with the LINK_TIMEOUT timers ({@code timers}: user_data → earliest time) whose time has come. */
    static Set<ProcState> hidden(Set<ProcState> from, Map<String, Long> deadlines, Map<Long, Long> timers, long now, int maxStates,
                                 String where) throws CheckException {
        boolean may = false;
        for (ProcState s : from) {      // a loop, not a stream: it runs before every line
            if (Proc.mayStepUnseen(s)) {
                may = true;
                break;
            }
        }
        if (!may) {
            return limit(from, maxStates, where);
        }
        List<ProcAction> kernelSteps = new ArrayList<>(List.of(new IoUringTaskWork(), new AioPollWork(), new AioTrylockFails(),
                new DelayedFputWork(), new IoWqWork(), new IoWqFree(), new IoUringExitWork(), new IoSqThread())); // task work due at once; a worker
        timers.forEach((ud, at) -> {
            if (now >= at) {
                kernelSteps.add(new IoLinkTimeout(ud));
            }
        });
        Set<ProcState> seen = new LinkedHashSet<>(from);
        ArrayDeque<ProcState> todo = new ArrayDeque<>(from);
        while (!todo.isEmpty()) {
            ProcState s = todo.removeFirst();
            for (ProcAction kernel : kernelSteps) {
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
            limit(seen, maxStates, where);
        }
        return seen;
    }

    /** {@code states}, unless there are more than {@code maxStates}: a runaway trace. */
    private static Set<ProcState> limit(Set<ProcState> states, int maxStates, String where) throws CheckException {
        if (states.size() > maxStates) {
            throw CheckException.limit(where + "more than " + maxStates + " model states: too many tasks at once");
        }
        return states;
    }

    /** Applies {@code a} to every state; with {@code result}, keeps the outcomes that returned it. */
    private static Step<ProcState> apply(Set<ProcState> states, ProcAction a, Result result, String impossible) {
        Distinct<ProcState> next = new Distinct<>();
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
        return step(next.toSet(), rules, problem);
    }

    /**
     * {@code observe publish(u0) sqes=NOP:1+NOP:2}: the application wrote these SQEs and stored the
     * SQ tail (release), entering nobody; as the model's action.
     */
    static SqPublish published(Event.Observation o, String where) throws CheckException {
        String text = o.values().get("sqes");
        if (text == null || text.equals("-") || o.values().size() != 1) {
            throw new CheckException(where + "observe publish needs sqes=<SQE+SQE, as io_uring_enter writes them> and nothing else");
        }
        try {
            return new SqPublish(o.target().orElseThrow(), ProcSyntax.sqes(text));
        } catch (IllegalArgumentException x) {
            throw new CheckException(where + "observe publish: " + x.getMessage());
        }
    }

    /** The application publishes SQEs with the SQ tail alone: every state's outcome (none when the model does not know them). */
    private static Step<ProcState> publish(Set<ProcState> states, Event.Observation o, String where) throws CheckException {
        SqPublish a = published(o, where);
        return apply(states, a, null, a + " is not modelled here (no ring, more SQEs than the SQ holds, or not plain NOPs)");
    }

    /** Keeps the states whose last call copied out what the kernel did; a poll snapshot is a call. */
    private static Step<ProcState> observe(Set<ProcState> states, Event.Observation o, String where) throws CheckException {
        if (o.what().equals("publish")) {
            return publish(states, o, where);
        }
        Distinct<ProcState> next = new Distinct<>();
        String problem = null;
        Copied kernel = copiedOut(o, where); // read once, compared with every state
        for (ProcState s : states) {
            if (!Proc.successors(s, new IoUringTaskWork()).isEmpty()) {
                continue; // io_uring task work is due: the state after it (among the hidden steps) is the one to see
            }
            // a one-fd poll snapshot is a real poll call (it can change nested epolls); a reap moves the CQ head
            ProcState after = o.what().equals("reap") ? reaped(s, o) : s;
            String p = after == null ? o.target().orElseThrow() + " is not a ring"
                    : kernel != null && kernel.out().equals(after.out()) ? null // the same copy-out projects the same
                    : observe(o, kernel, after, where);
            if (p == null) {
                next.add(o.what().equals("poll") ? Proc.successors(s, snapshot(o)).getFirst().next() : after);
            } else if (problem == null) {
                problem = p;
            }
        }
        return step(next.toSet(), new TreeSet<>(), problem);
    }

    /** The state after the application reaped the ring {@code observe reap(u0)} names; null when it is no ring. */
    private static ProcState reaped(ProcState s, Event.Observation o) {
        List<Transition<ProcState>> ts = Proc.successors(s, new CqReap(o.target().orElseThrow()));
        return ts.isEmpty() ? null : ts.getFirst().next();
    }

    /** What an observation line says the kernel copied out, and its projection as the model's observables hold it. */
    private static final class Copied {
        private final CopyOut out;
        private Map<String, Object> projected;

        Copied(CopyOut out) {
            this.out = out;
        }

        CopyOut out() {
            return out;
        }

        /** Made when first asked for: a state whose copy-out equals {@link #out} needs none. */
        Map<String, Object> projected() {
            if (projected == null) {
                projected = ReadinessModel.copyOut(out);
            }
            return projected;
        }
    }

    /** What the kernel copied out as an observation line says; null for other lines. */
    private static Copied copiedOut(Event.Observation o, String where) throws CheckException {
        if (!COPIED.contains(o.what())) {
            return null;
        }
        try {
            return new Copied(ReadinessReturns.copied(o));
        } catch (IllegalArgumentException e) {
            throw new CheckException(where + "cannot read " + o + ": " + e.getMessage());
        }
    }

    /** The observations of what a call (or a reap) copied out. */
    private static final Set<String> COPIED = Set.of("events", "revents", "read", "optval", "fdsets", "params", "reap",
            "aio_events", "siginfo", "owner");

    /**
     * What the last call (or reap) copied out, compared with an observation line ({@code kernel}: what
     * that line says was copied out, for those lines); null when they agree.
     */
    private static String observe(Event.Observation o, Copied kernel, ProcState s, String where)
            throws CheckException {
        if (kernel != null) {
            return kernel.projected().equals(ReadinessModel.copyOut(s.out())) ? null
                    : "model copied out " + ReadinessReturns.text(s.out()) + ", the kernel "
                    + ReadinessReturns.text(ReadinessReturns.copied(o));
        }
        switch (o.what()) {
            case "poll" -> {
                String fd = o.target().orElseThrow(() -> new CheckException(where + "observe poll needs an fd: poll(r0)"));
                List<Transition<ProcState>> ts = Proc.successors(s, snapshot(o));
                List<CopyOut.PollRevents> got = ((CopyOut.Revents) ts.getFirst().next().out()).revents();
                int model = got.isEmpty() ? 0 : got.getFirst().revents();
                int polled = Mask.parse(o.values().getOrDefault("revents", "0"));
                return model == polled ? null
                        : "model polls " + fd + " as " + Mask.text(model, "POLL") + ", the kernel " + Mask.text(polled, "POLL");
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
            case "offsets" -> {
                String ring = o.target().orElseThrow();
                if (!(s.fds().get(ring) instanceof String file && s.files().get(file) instanceof kpath.model.proc.OpenFile.IoUring r)) {
                    return ring + " is not a ring";
                }
                Map<String, Long> sq = offsets(o, "sq_off");
                Map<String, Long> cq = offsets(o, "cq_off");
                return sq.equals(widened(r.sqOff())) && cq.equals(widened(r.cqOff())) ? null
                        : "model has sq_off=" + text(r.sqOff()) + " cq_off=" + text(r.cqOff()) + ", the kernel sq_off="
                        + o.values().get("sq_off") + " cq_off=" + o.values().get("cq_off");
            }
            case "sq" -> {
                String ring = o.target().orElseThrow();
                if (!(s.fds().get(ring) instanceof String file && s.files().get(file) instanceof kpath.model.proc.OpenFile.IoUring r)) {
                    return ring + " is not a ring";
                }
                return r.sqDropped() == sqDropped(o) ? null
                        : "model has sq_dropped=" + r.sqDropped() + ", the kernel " + sqDropped(o);
            }
            case "aio_ring" -> {
                String ctx = o.target().orElseThrow();
                Object ring = ((TlaFunction) ReadinessModel.observe(s).get("aioRing")).mapping().get(ctx);
                if (!(ring instanceof Map<?, ?> r)) {
                    return ctx + " is no live AIO context";
                }
                long nr = aioRingField(o, "nr");
                long ready = Math.floorMod(aioRingField(o, "tail") - aioRingField(o, "head"), Math.max(nr, 1));
                return r.get("nr").equals((int) nr) && r.get("ready").equals((int) ready) ? null
                        : "model has nr=" + r.get("nr") + " holding " + r.get("ready") + " events, the kernel nr=" + nr
                        + " holding " + ready + " (head=" + aioRingField(o, "head") + " tail=" + aioRingField(o, "tail") + ")";
            }
            default -> throw new CheckException(where + "the readiness model cannot observe '" + o.what() + "'");
        }
    }

    /** The u32 fields of an {@code observe aio_ring} line: struct aio_ring's, and the mapping's size. */
    static final List<String> AIO_RING_FIELDS = List.of("nr", "head", "tail", "magic", "compat_features",
            "incompat_features", "header_length", "map_bytes");

    /** Field {@code key} of an {@code observe aio_ring} line (decimal, or 0x hex); -1 when it is no u32. */
    static long aioRingField(Event.Observation o, String key) {
        String v = o.values().getOrDefault(key, "");
        try {
            long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            return n < 0 || n > 0xffffffffL ? -1 : n;
        } catch (NumberFormatException x) {
            return -1;
        }
    }

    /**
     * What is wrong with an {@code observe aio_ring(aK)} line other than what the model holds (nr and
     * the events, tail − head): a field missing, or not what fs/aio.c aio_setup_ring fixes for every
     * ring (magic, features, header_length; head and tail below nr; the mapping nr_pages whole pages
     * that are the header and nr io_events); null when nothing is.
     */
    static String aioRingHeader(Event.Observation o) {
        for (String k : AIO_RING_FIELDS) {
            if (aioRingField(o, k) < 0) {
                return "it needs " + k + "=<u32>";
            }
        }
        long nr = aioRingField(o, "nr");
        if (aioRingField(o, "magic") != kpath.uapi.AioAbi.AIO_RING_MAGIC
                || aioRingField(o, "compat_features") != kpath.uapi.AioAbi.AIO_RING_COMPAT_FEATURES
                || aioRingField(o, "incompat_features") != kpath.uapi.AioAbi.AIO_RING_INCOMPAT_FEATURES
                || aioRingField(o, "header_length") != kpath.uapi.AioAbi.AIO_RING_BYTES) {
            return "not a ring aio_setup_ring wrote (magic 0xa10a10a1, compat_features 1, incompat_features 0, header_length 32)";
        }
        if (aioRingField(o, "head") >= nr || aioRingField(o, "tail") >= nr) {
            return "head and tail index a ring of nr events: both below nr";
        }
        if (aioRingField(o, "map_bytes") != kpath.uapi.AioAbi.AIO_RING_BYTES + nr * kpath.uapi.AioAbi.IO_EVENT_BYTES
                || aioRingField(o, "map_bytes") % kpath.uapi.AioAbi.PAGE_SIZE != 0) {
            return "map_bytes is the ring's whole pages, the header and nr io_events";
        }
        return null;
    }

    /**
     * {@code sq_off=head:0,tail:4,...} of an {@code observe offsets} line: each field and its u32
     * value, in the line's order; IllegalArgumentException when the key is missing or a field is
     * not name:u32, or named twice.
     */
    static Map<String, Long> offsets(Event.Observation o, String key) {
        String text = o.values().get(key);
        if (text == null) {
            throw new IllegalArgumentException("it needs " + key + "=name:u32,...");
        }
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (String f : text.split(",", -1)) {
            String[] kv = f.split(":", -1);
            long v = kv.length == 2 && kv[1].matches("[0-9]{1,10}") ? Long.parseLong(kv[1]) : -1;
            if (!kv[0].matches("[a-z][a-z0-9_]*") || v < 0 || v > 0xffffffffL || m.put(kv[0], v) != null) {
                throw new IllegalArgumentException(key + " is name:u32 fields joined by ',', each once, not '" + text + "'");
            }
        }
        return m;
    }

    private static Map<String, Long> widened(Map<String, Integer> m) {
        Map<String, Long> w = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> w.put(k, (long) v));
        return w;
    }

    private static String text(Map<String, Integer> m) {
        return String.join(",", m.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList());
    }

    /** {@code observe sq(u0) sq_dropped=N}: N, the ring's rings->sq_dropped; -1 when the line has no such u32. */
    static long sqDropped(Event.Observation o) {
        try {
            long n = Long.parseLong(o.values().getOrDefault("sq_dropped", "-1"));
            return n > 0xffffffffL ? -1 : n;
        } catch (NumberFormatException x) {
            return -1;
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
        // io_destroy's wait_for_completion is uninterruptible: D
        boolean sleeping = state.equals("S") || state.equals("D") && call instanceof IoDestroy;
        return sleeping && sleepsIn(call, o.values().getOrDefault("wchan", "")) ? Sight.ASLEEP : Sight.NOTHING;
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
            case IoUringEnter e -> "io_uring_enter";
            case IoGetevents g -> "io_getevents";
            case IoSubmit s -> "io_submit";
            case IoDestroy d -> "io_destroy";
            // coverage: impossible — a TaskCall holds only these eight
            default -> throw new AssertionError("impossible: a task asleep in " + call);
        };
        return Wchan.sleepsIn(syscall, wchan);
    }


    private static Poll snapshot(Event.Observation o) {
        return new Poll(List.of(new PollFd(o.target().orElseThrow(), PollSnapshot.EVENTS)));
    }
}
