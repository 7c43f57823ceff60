package kpath.check.tcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.SortedSet;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.Replay;
import kpath.check.ReplayBinding;
import kpath.model.Transition;
import kpath.model.tcp.ClientState;
import kpath.model.tcp.ListenState;
import kpath.model.tcp.Segment;
import kpath.model.tcp.TcpAction;
import kpath.model.tcp.TcpBounds;
import kpath.model.tcp.TcpListen;
import kpath.trace.Header;
import kpath.trace.Event;
import kpath.trace.Trace;

/**
 * The TCP path's {@link ReplayBinding}: replays a trace against {@link TcpListen}. Between two
 * events the kernel may have taken steps the trace does not show (timers, wake-ups, and on loopback
 * the peers' own segments); up to {@code maxInserted} of them are inserted. With a TUN peer every
 * segment the kernel sends is in the trace, so each hypothesis also carries the segments sent but
 * not yet seen, and those must all have been seen before the harness's next action (it drains the
 * device until quiet after each one).
 */
public final class TcpTraceChecker implements ReplayBinding<TcpTraceChecker.Hypothesis> {

    /** A model state together with the segments it has sent that the trace has not shown yet. */
    public record Hypothesis(ListenState state, List<Segment> unseen) {}

    /** Hidden steps inserted between two lines at most. */
    public static final int MAX_INSERTED = 6;

    private final int maxInserted;
    private final int maxStates;
    private final Trace trace;
    private final TcpBounds bounds;
    private final TcpListen model;
    private final boolean tun;
    private final Map<Integer, TcpTraceSteps.Step> byLine = new LinkedHashMap<>();

    public TcpTraceChecker(Trace trace, String file, int maxInserted, int maxStates) throws CheckException {
        this.maxInserted = maxInserted;
        this.maxStates = maxStates;
        this.trace = trace;
        this.bounds = TcpTraceSteps.boundsOf(trace, file);
        this.model = new TcpListen(bounds);
        this.tun = trace.header().peer() == Header.Peer.TUN;
        TcpTraceSteps.steps(trace, file).forEach(s -> byLine.put(s.line(), s));
    }

    /** The Java model's verdict on {@code trace}. */
    public static CheckReport check(Trace trace, String file) throws CheckException {
        return Replay.check(new TcpTraceChecker(trace, file, MAX_INSERTED, 200_000), trace, file);
    }

    @Override
    public String describe() {
        return "profile " + bounds.profile().name() + ", peer " + trace.header().peer().token() + ", clients "
                + bounds.clients();
    }

    @Override
    public Set<Hypothesis> initial() {
        Set<Hypothesis> frontier = new LinkedHashSet<>();
        for (ListenState s0 : model.initialStates()) {
            frontier.add(new Hypothesis(s0, List.of()));
        }
        return frontier;
    }

    @Override
    public Set<Hypothesis> hidden(Set<Hypothesis> from, Event next, String where) throws CheckException {
        return closure(model, from, tun, byLine.get(next.lineNo()) instanceof TcpTraceSteps.Emit, where);
    }

    @Override
    public Step<Hypothesis> step(Set<Hypothesis> before, Event ev, String where) {
        TcpTraceSteps.Step step = byLine.get(ev.lineNo());
        Set<Hypothesis> after = new LinkedHashSet<>();
        SortedSet<String> rules = new TreeSet<>();
        for (Hypothesis h : before) {
            // With a TUN peer the harness reads every segment before its next action, so a
            // state that owes segments cannot explain any line but a '>' one.
            if (tun && !(step instanceof TcpTraceSteps.Emit) && !h.unseen().isEmpty()) {
                continue;
            }
            apply(model, step, h, tun, after, rules);
        }
        List<String> problem = new ArrayList<>();
        if (after.isEmpty()) {
            problem.add("no model state explains this line. Before it the model had " + before.size()
                    + " state(s); they predicted:");
            predictions(model, step, before).forEach(p -> problem.add("  " + p));
        }
        return new Step<>(after, rules, problem);
    }

    @Override
    public Step<Hypothesis> end(Set<Hypothesis> last) {
        // Every segment a TUN peer was sent must have been seen.
        Set<Hypothesis> done = new LinkedHashSet<>(last);
        if (tun) {
            done.removeIf(h -> !h.unseen().isEmpty());
        }
        return new Step<>(done, new TreeSet<>(),
                List.of("at the end every model state still owes segments the trace never showed"));
    }

    /** Steps the kernel may take unseen: timers and wake-ups; on loopback also the peers' segments. */
    private List<TcpAction> hidden(TcpListen model, ListenState s, boolean tun) {
        List<TcpAction> as = new ArrayList<>();
        as.add(new TcpAction.AcceptWakeup());
        for (String c : model.bounds().clients()) {
            as.add(new TcpAction.SynAckTimer(c));
            if (!tun && s.client().get(c) != ClientState.IDLE) {
                as.add(new TcpAction.SynArrives(c));
                as.add(new TcpAction.AckArrives(c));
            }
        }
        return as;
    }

    /**
     * Every hypothesis reachable by at most {@code maxInserted} hidden steps. Before a line that is
     * not a {@code >} segment, a TUN hypothesis owing segments is dead (see {@link #check}), so
     * such hypotheses are not built: this prunes, it does not change which traces are accepted.
     */
    private Set<Hypothesis> closure(TcpListen model, Set<Hypothesis> start, boolean tun, boolean beforeSegment,
                                    String where) throws CheckException {
        boolean pruneOwing = tun && !beforeSegment;
        Set<Hypothesis> seen = new LinkedHashSet<>();
        for (Hypothesis h : start) {
            if (!(pruneOwing && !h.unseen().isEmpty())) {
                seen.add(h);
            }
        }
        List<Hypothesis> layer = new ArrayList<>(seen);
        for (int depth = 0; depth < maxInserted && !layer.isEmpty(); depth++) {
            List<Hypothesis> next = new ArrayList<>();
            for (Hypothesis h : layer) {
                for (TcpAction a : hidden(model, h.state(), tun)) {
                    for (Transition<ListenState> t : model.successors(h.state(), a)) {
                        Hypothesis n = new Hypothesis(t.next(), tun ? concat(h.unseen(), t.next().tx()) : List.of());
                        if (pruneOwing && !n.unseen().isEmpty()) {
                            continue;
                        }
                        if (seen.add(n)) {
                            next.add(n);
                        }
                    }
                }
            }
            if (seen.size() > maxStates) {
                throw CheckException.limit(where + "more than " + maxStates + " model states are consistent with the trace; "
                        + "the checker gives up rather than guess");
            }
            layer = next;
        }
        return seen;
    }

    private static void apply(TcpListen model, TcpTraceSteps.Step step, Hypothesis h, boolean tun,
                              Set<Hypothesis> after, Set<String> rules) {
        switch (step) {
            case TcpTraceSteps.Act a -> {
                for (Transition<ListenState> t : model.successors(h.state(), a.action())) {
                    String ret = t.next().ret();
                    boolean ok = a.anyOk() ? !isErrno(ret) : a.ret().map(ret::equals).orElse(true);
                    if (ok) {
                        after.add(new Hypothesis(t.next(), tun ? concat(h.unseen(), t.next().tx()) : List.of()));
                        rules.add(t.rule().name());
                    }
                }
            }
            case TcpTraceSteps.Emit e -> {
                int i = h.unseen().indexOf(e.segment());
                if (i >= 0) {
                    List<Segment> rest = new ArrayList<>(h.unseen());
                    rest.remove(i);
                    after.add(new Hypothesis(h.state(), rest));
                }
            }
            case TcpTraceSteps.Observe o -> {
                if (TcpTraceSteps.agrees(o, model, h.state())) {
                    after.add(h);
                }
            }
        }
    }

    private static boolean isErrno(String ret) {
        return ret.startsWith("E");
    }

    private static List<Segment> concat(List<Segment> a, List<Segment> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<Segment> r = new ArrayList<>(a);
        r.addAll(b);
        return List.copyOf(r);
    }

    /** What each state before a rejected line would have produced instead (at most 8 distinct). */
    private static List<String> predictions(TcpListen model, TcpTraceSteps.Step step, Set<Hypothesis> before) {
        Set<String> lines = new TreeSet<>();
        for (Hypothesis h : before) {
            String p = switch (step) {
                case TcpTraceSteps.Act a -> {
                    var ts = model.successors(h.state(), a.action());
                    yield ts.isEmpty() ? a.action() + " not enabled"
                            : a.action() + " → " + ts.getFirst().rule() + " = " + ts.getFirst().next().ret();
                }
                case TcpTraceSteps.Emit e -> "unseen segments " + h.unseen();
                case TcpTraceSteps.Observe o -> "observe " + o.what() + " " + TcpTraceSteps.predicted(o, model, h.state());
            };
            lines.add(p + "   (accept queue " + h.state().acceptQueue() + ", SYN queue "
                    + h.state().reqskQueueLen() + ", backlog " + h.state().skMaxAckBacklog() + ")");
        }
        List<String> shown = new ArrayList<>(lines).subList(0, Math.min(8, lines.size()));
        List<String> r = new ArrayList<>(shown);
        if (lines.size() > shown.size()) {
            r.add("… and " + (lines.size() - shown.size()) + " more");
        }
        return r;
    }
}
