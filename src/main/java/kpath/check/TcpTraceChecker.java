package kpath.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kpath.model.Transition;
import kpath.model.tcp.ClientState;
import kpath.model.tcp.ListenState;
import kpath.model.tcp.Segment;
import kpath.model.tcp.TcpAction;
import kpath.model.tcp.TcpBounds;
import kpath.model.tcp.TcpListen;
import kpath.trace.Header;
import kpath.trace.Line;
import kpath.trace.Trace;

/**
 * Replays a TCP trace against {@link TcpListen}, keeping every model state consistent with the
 * events so far. Between two events the kernel may have taken steps the trace does not show
 * (timers, wake-ups, and on loopback the peers' own segments); the checker inserts up to
 * {@code maxInserted} of them. With a TUN peer every segment the kernel sends is in the trace, so
 * each hypothesis also carries the segments sent but not yet seen, and those must all have been
 * seen before the harness's next action (it drains the device until quiet after each one).
 */
public final class TcpTraceChecker {

    /** A model state together with the segments it has sent that the trace has not shown yet. */
    record Hypothesis(ListenState state, List<Segment> unseen) {}

    private final int maxInserted;
    private final int maxStates;

    public TcpTraceChecker(int maxInserted, int maxStates) {
        this.maxInserted = maxInserted;
        this.maxStates = maxStates;
    }

    public TcpTraceChecker() {
        this(6, 200_000);
    }

    public CheckReport check(Trace trace, String file) throws CheckException {
        TcpBounds bounds = TcpTraceSteps.boundsOf(trace, file);
        TcpListen model = new TcpListen(bounds);
        boolean tun = trace.header().peer() == Header.Peer.TUN;
        List<TcpTraceSteps.Step> steps = TcpTraceSteps.steps(trace, file);
        Map<Integer, TcpTraceSteps.Step> byLine = new LinkedHashMap<>();
        steps.forEach(s -> byLine.put(s.line(), s));

        Set<Hypothesis> frontier = new LinkedHashSet<>();
        for (ListenState s0 : model.initialStates()) {
            frontier.add(new Hypothesis(s0, List.of()));
        }
        List<String> out = new ArrayList<>();
        out.add("# check " + file + " — kernel " + trace.header().kernel() + ", profile " + bounds.profile().name()
                + ", peer " + trace.header().peer().token() + ", clients " + bounds.clients());
        int maxFrontier = frontier.size();
        for (Line line : trace.lines()) {
            if (!(line instanceof kpath.trace.Event ev)) {
                continue;
            }
            TcpTraceSteps.Step step = byLine.get(ev.lineNo());
            Set<Hypothesis> before = closure(model, frontier, tun, step instanceof TcpTraceSteps.Emit);
            Set<Hypothesis> after = new LinkedHashSet<>();
            Set<String> rules = new TreeSet<>();
            for (Hypothesis h : before) {
                // With a TUN peer the harness reads every segment before its next action, so a
                // state that owes segments cannot explain any line but a '>' one.
                if (tun && !(step instanceof TcpTraceSteps.Emit) && !h.unseen().isEmpty()) {
                    continue;
                }
                apply(model, step, h, tun, after, rules);
            }
            String echo = String.format("%5d  %s", ev.lineNo(), ev);
            if (after.isEmpty()) {
                out.add(echo);
                out.add("       ^ no model state explains this line. Before it the model had " + before.size()
                        + " state(s); they predicted:");
                out.addAll(predictions(model, step, before, tun));
                out.add("# trace REJECTED at line " + ev.lineNo());
                return new CheckReport(file, CheckReport.Verdict.REJECTED, ev.lineNo(), String.join("\n", out), maxFrontier);
            }
            out.add(echo + (rules.isEmpty() ? "" : "   " + rules));
            frontier = after;
            maxFrontier = Math.max(maxFrontier, frontier.size());
        }
        if (tun) {
            // Every segment the kernel sent must have been seen; let timers run to explain none missing.
            frontier.removeIf(h -> !h.unseen().isEmpty());
            if (frontier.isEmpty()) {
                out.add("       ^ at the end every model state still owes segments the trace never showed");
                out.add("# trace REJECTED at end");
                return new CheckReport(file, CheckReport.Verdict.REJECTED, -1, String.join("\n", out), maxFrontier);
            }
        }
        out.add("# trace ACCEPTED: " + steps.size() + " events, " + frontier.size() + " final state(s), at most "
                + maxFrontier + " at once");
        return new CheckReport(file, CheckReport.Verdict.ACCEPTED, -1, String.join("\n", out), maxFrontier);
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
    private Set<Hypothesis> closure(TcpListen model, Set<Hypothesis> start, boolean tun, boolean beforeSegment)
            throws CheckException {
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
                throw new CheckException("more than " + maxStates + " model states are consistent with the trace; "
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
                if (TcpTraceSteps.agrees(o, h.state())) {
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
    private static List<String> predictions(TcpListen model, TcpTraceSteps.Step step, Set<Hypothesis> before, boolean tun) {
        Set<String> lines = new TreeSet<>();
        for (Hypothesis h : before) {
            String p = switch (step) {
                case TcpTraceSteps.Act a -> {
                    var ts = model.successors(h.state(), a.action());
                    yield ts.isEmpty() ? a.action() + " not enabled"
                            : a.action() + " → " + ts.getFirst().rule() + " = " + ts.getFirst().next().ret();
                }
                case TcpTraceSteps.Emit e -> "unseen segments " + h.unseen();
                case TcpTraceSteps.Observe o -> "observe " + o.what() + " " + TcpTraceSteps.predicted(o, h.state());
            };
            lines.add("         " + p + "   (accept queue " + h.state().acceptQueue() + ", SYN queue "
                    + h.state().reqskQueueLen() + ", backlog " + h.state().skMaxAckBacklog() + ")");
        }
        List<String> shown = new ArrayList<>(lines).subList(0, Math.min(8, lines.size()));
        List<String> r = new ArrayList<>(shown);
        if (lines.size() > shown.size()) {
            r.add("         … and " + (lines.size() - shown.size()) + " more");
        }
        return r;
    }
}
