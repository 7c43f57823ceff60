package kpath.check.glibc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
import kpath.check.TraceModule;
import kpath.model.IoModel;
import kpath.model.Transition;
import kpath.model.glibc.GlibcAio;
import kpath.trace.Event;
import kpath.trace.Line;
import kpath.trace.Trace;

/**
 * The glibc path: glibc's POSIX AIO run in-process on a pipe, what its calls returned and what
 * procfs showed of its threads and files (kpath.kernel.glibc), held to the row of the two-phase
 * table it claims. The Java checker replays the observations on {@link GlibcAio}; TLC on
 * specs/GlibcAio.tla through a trace module built from the trace alone; specs/MCGlibcAio.tla's
 * state graph equals the Java model's.
 */
public final class GlibcBinding implements PathBinding {

    public static final String MODULE = "MCGlibcAio";
    public static final String CFG = "MCGlibcAio.cfg";

    @Override
    public String name() {
        return "glibc";
    }

    @Override
    public void validate(Trace trace, String file) throws CheckException {
        for (Line l : trace.lines()) {
            if (l instanceof Event ev) {
                GlibcSyntax.action(ev, file + ":" + ev.lineNo() + ": ");
            }
        }
    }

    @Override
    public CheckReport replay(Trace trace, String file) throws CheckException {
        return Replay.check(new Binding(), trace, file);
    }

    @Override
    public TraceModule.Generated traceModule(Trace trace, String file) throws CheckException {
        return GlibcTraceModule.of(trace, file);
    }

    @Override
    public List<Mc> mc() {
        return List.of(new Mc(MODULE, CFG, GlibcAio.class.getName(), GlibcBinding::compare, Optional.empty()));
    }

    /** The Java model explored at MCGlibcAio's bounds (all of it: the machine is finite) against TLC's graph. */
    public static GraphComparison.Outcome compare(Path specDir, String module, String cfg, Duration timeout)
            throws CheckException {
        return GraphComparison.against(explorer().explore(), specDir, module, cfg, timeout);
    }

    /** The explorer with MCGlibcAio.cfg's invariants. */
    public static Explorer<GlibcAio.State, GlibcAio.Action> explorer() {
        return Explorer.of(new GlibcAio())
                .invariant("TypeOK", s -> Set.of("start", "wait", "copy", "done").contains(s.phase())
                        && Set.of("none", "queued", "canceled", "reported").contains(s.second())
                        && Set.of("none", "asleep", "woken").contains(s.suspend()))
                .invariant("CopyAfterWait", s -> !Set.of("copy", "done").contains(s.phase())
                        || (s.queued() && (s.sawWait() || !IoModel.sleepsWhileWaiting(s.model()))))
                .invariant("SecondBehindFirst", s -> s.second().equals("none") || s.queued());
    }

    private static final class Binding implements ReplayBinding<GlibcAio.State> {
        private final GlibcAio model = new GlibcAio();

        @Override
        public String describe() {
            return "glibc model (POSIX AIO held to the five I/O models)";
        }

        @Override
        public Set<GlibcAio.State> initial() {
            return model.initialStates();
        }

        @Override
        public Set<GlibcAio.State> hidden(Set<GlibcAio.State> from, Event next, String where) {
            return from;
        }

        @Override
        public Step<GlibcAio.State> step(Set<GlibcAio.State> before, Event ev, String where) throws CheckException {
            GlibcAio.Action a = GlibcSyntax.action(ev, where);
            Set<GlibcAio.State> next = new LinkedHashSet<>();
            SortedSet<String> rules = new TreeSet<>();
            for (GlibcAio.State s : before) {
                for (Transition<GlibcAio.State> t : model.successors(s, a)) {
                    next.add(t.next());
                    rules.add(t.rule().name());
                }
            }
            List<String> problem = new ArrayList<>();
            if (next.isEmpty()) {
                before.forEach(s -> problem.addAll(GlibcWhy.why(s, a)));
            }
            return new Step<>(next, rules, problem);
        }

        @Override
        public Step<GlibcAio.State> end(Set<GlibcAio.State> last) {
            Set<GlibcAio.State> done = new LinkedHashSet<>();
            last.stream().filter(GlibcAio::ends).forEach(done::add);
            return new Step<>(done, new TreeSet<>(), done.isEmpty()
                    ? List.of("the trace ends before the first request's result was read, a cancelled request's"
                            + " ECANCELED was read, aio_suspend returned, or every SIGEV_THREAD callback ran")
                    : List.of());
        }
    }
}
