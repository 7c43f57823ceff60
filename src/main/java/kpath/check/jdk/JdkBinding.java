package kpath.check.jdk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.Explorer;
import kpath.check.GraphComparison;
import kpath.check.PathBinding;
import kpath.check.Replay;
import kpath.check.ReplayBinding;
import kpath.check.TlcTraceValidator;
import kpath.check.TraceModule;
import kpath.model.Transition;
import kpath.model.IoModel;
import kpath.model.jdk.JdkIo;
import kpath.trace.Event;
import kpath.trace.Line;
import kpath.trace.Trace;

/**
 * The jdk path: a JDK API run in-process on a loopback socket, its threads and files as procfs
 * showed them (kpath.kernel.jdk), held to the row of the two-phase table it claims. The Java
 * checker replays the observations on {@link JdkIo}; TLC on specs/JdkIo.tla through a trace module
 * built from the trace alone; specs/MCJdkIo.tla's state graph equals the Java model's.
 */
public final class JdkBinding implements PathBinding {

    public static final String MODULE = "MCJdkIo";
    public static final String CFG = "MCJdkIo.cfg";

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public void validate(Trace trace, String file) throws CheckException {
        for (Line l : trace.lines()) {
            if (l instanceof Event ev) {
                JdkSyntax.action(ev, file + ":" + ev.lineNo() + ": ");
            }
        }
    }

    @Override
    public CheckReport replay(Trace trace, String file) throws CheckException {
        return Replay.check(new Binding(), trace, file);
    }

    @Override
    public TraceModule.Generated traceModule(Trace trace, String file) throws CheckException {
        return JdkTraceModule.of(trace, file);
    }

    @Override
    public List<Mc> mc() {
        return List.of(new Mc(MODULE, CFG, JdkIo.class.getName(), JdkBinding::compare, Optional.empty()));
    }

    /** The Java model explored at MCJdkIo's bounds (all of it: the machine is finite) against TLC's graph. */
    public static GraphComparison.Outcome compare(Path specDir, String module, String cfg, Duration timeout)
            throws CheckException {
        return GraphComparison.against(explorer().explore(), specDir, module, cfg, timeout);
    }

    /** The explorer with MCJdkIo.cfg's invariants. */
    public static Explorer<JdkIo.State, JdkIo.Action> explorer() {
        return Explorer.of(new JdkIo())
                .invariant("TypeOK", s -> Set.of("start", "wait", "copy", "done", "closing", "closed", "timedout").contains(s.phase()))
                .invariant("CopyAfterWait", s -> !Set.of("copy", "done").contains(s.phase()) || s.sawWait()
                        || !kpath.model.IoModel.sleepsWhileWaiting(s.model()));
    }

    private static final class Binding implements ReplayBinding<JdkIo.State> {
        private final JdkIo model = new JdkIo();

        @Override
        public String describe() {
            return "jdk model (the five I/O models as two phases)";
        }

        @Override
        public Set<JdkIo.State> initial() {
            return model.initialStates();
        }

        @Override
        public Set<JdkIo.State> hidden(Set<JdkIo.State> from, Event next, String where) {
            return from;
        }

        @Override
        public Step<JdkIo.State> step(Set<JdkIo.State> before, Event ev, String where) throws CheckException {
            JdkIo.Action a = JdkSyntax.action(ev, where);
            Set<JdkIo.State> next = new java.util.LinkedHashSet<>();
            SortedSet<String> rules = new TreeSet<>();
            for (JdkIo.State s : before) {
                for (Transition<JdkIo.State> t : model.successors(s, a)) {
                    next.add(t.next());
                    rules.add(t.rule().name());
                }
            }
            List<String> problem = new ArrayList<>();
            if (next.isEmpty()) {
                before.forEach(s -> problem.addAll(why(s, a)));
            }
            return new Step<>(next, rules, problem);
        }

        @Override
        public Step<JdkIo.State> end(Set<JdkIo.State> last) {
            Set<JdkIo.State> done = new java.util.LinkedHashSet<>();
            last.stream().filter(s -> JdkIo.ENDS.contains(s.phase())).forEach(done::add);
            return new Step<>(done, new TreeSet<>(), done.isEmpty()
                    ? List.of("the trace ends before the data reached the API's user (no complete line after the data)"
                            + " or the read failed for a close or its timeout")
                    : List.of());
        }
    }

    /** Why {@code a} is not explained in {@code s}: the claim's row, and what the line shows against it. */
    static List<String> why(JdkIo.State s, JdkIo.Action a) {
        List<String> out = new ArrayList<>();
        String claim = "claim model=" + s.model() + " waiter=" + s.waiter();
        switch (a) {
            case JdkIo.Claim c -> out.add("a second claim; the trace already made one (" + claim + ")");
            case JdkIo.Returned r -> out.add(claim + ": " + (r.pending()
                    ? "the caller is the waiter, so its call cannot return before the data"
                    : "the call returned with no read pending: nothing waited"));
            case JdkIo.Sleeps z -> {
                if (!z.asleep()) {
                    out.add("the thread is not asleep at its call's wait channel (kpath.trace.Wchan)");
                } else if (!s.phase().equals("wait")) {
                    out.add("a thread sleeps for data after the data came (phase " + s.phase() + ")");
                } else if (!z.thread().equals(s.waiter())) {
                    out.add(claim + ": the " + s.waiter() + " thread waits, but a " + z.thread() + " thread sleeps in "
                            + z.how() + " on " + z.fd());
                } else {
                    out.add(claim + ": " + z.thread() + " sleeps in " + z.how() + " on " + z.fd()
                            + ", which is not how the " + s.model() + " model waits");
                }
            }
            case JdkIo.Interest i -> out.add(claim + " (phase " + s.phase() + "): the epoll item "
                    + (i.in() ? "armed" : "not armed") + (i.oneshot() ? ", one-shot" : "") + " is not what it allows");
            case JdkIo.Kernel k -> out.add(claim + ": " + (k.ring()
                    ? "an io_uring or AIO ring exists, yet the claim is not asynchronous"
                    : "no io_uring instance and no AIO ring exists: nothing can complete in the kernel"));
            case JdkIo.Send x -> out.add(claim + ": the data came before any thread was seen waiting as the claim says");
            case JdkIo.Complete c -> out.add(claim + ": the data reached the user on a " + c.thread()
                    + " thread, not on the waiting side (" + s.waiter() + ")" + (s.phase().equals("copy") ? "" : ", or before the data (phase " + s.phase() + ")"));
            case JdkIo.Refused r -> out.add(claim + " (phase " + s.phase() + "): " + (r.reached()
                    ? "the refused read reached the kernel (its read-family calls grew beyond the baseline)"
                    : r.exception().equals("other") ? "the read threw neither ReadPendingException nor IllegalStateException"
                    : "a read refused as " + r.exception() + " here: the JDK refuses with ReadPendingException only while"
                    + " a JDK read is pending, with IllegalStateException only after a timeout"));
            case JdkIo.Close x -> out.add(claim + " (phase " + s.phase() + "): a close with no JDK read pending");
            case JdkIo.Failed f -> out.add(claim + " (phase " + s.phase() + "): a read failure for " + f.cause()
                    + " on a " + f.thread() + " thread is not what the JDK does here (a close's or a timeout's"
                    + " failure runs on a JDK thread, after the close or after the wait)");
            case JdkIo.Unlisted u -> out.add(claim + " (phase " + s.phase() + "): the epoll file no longer lists the socket,"
                    + " yet it was not closed");
        }
        IoModel.named(s.model()).ifPresent(m -> out.add(m.explained()));
        return out;
    }
}
