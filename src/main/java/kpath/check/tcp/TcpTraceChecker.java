package kpath.check.tcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.SortedMap;
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
import kpath.model.tcp.TcpRule;
import kpath.trace.Header;
import kpath.trace.Event;
import kpath.trace.Trace;

/**
 * The TCP path's {@link ReplayBinding}: replays a trace against {@link TcpListen}. Between two
 * events the kernel may have taken steps the trace does not show (timers, wake-ups, and on loopback
 * the peers' own segments). Each is bounded by what the kernel does, not by a count per gap:
 * <ul>
 *   <li>timer steps by the trace's time stamps ({@link TcpTime}): a request's SYN-ACK timer and a
 *       loopback client's SYN retransmission fire only once the clock has reached their earliest
 *       deadline, and no hypothesis survives a line by which one of them had to have fired;</li>
 *   <li>a loopback client's first SYN arrives once, after its connect;</li>
 *   <li>a loopback client sends one ACK per SYN-ACK it receives (net/ipv4/tcp_input.c
 *       tcp_rcv_synsent_state_process acknowledges the first; an established socket answers a
 *       retransmitted one, an old sequence number, with tcp_send_dupack): each hypothesis counts
 *       the ACKs each client still owes;</li>
 *   <li>a task asleep in accept is woken once.</li>
 * </ul>
 * With a TUN peer every segment the kernel sends is in the trace, so each hypothesis also carries
 * the segments sent but not yet seen (a multiset, kept sorted: a {@code >} line may show any of
 * them), and those must all have been seen before the harness's next action (it drains the device
 * until quiet after each one).
 */
public final class TcpTraceChecker implements ReplayBinding<TcpTraceChecker.Hypothesis> {

    /**
     * A model state together with what the peers and the trace's clock need beside it: the
     * segments it has sent that a TUN trace has not shown yet (sorted), the ACKs each loopback
     * client owes for SYN-ACKs it received (positive counts only), the windows of its request
     * timers and of its loopback clients' SYN retransmission timers.
     */
    public static final class Hypothesis {
        private final ListenState state;
        private final List<Segment> unseen;
        private final SortedMap<String, Integer> acks;
        private final SortedMap<String, TcpTime.Due> synack;
        private final SortedMap<String, TcpTime.Due> syn;
        // a closure puts each hypothesis in a hash set, and each line's successors again: the hash
        // of a whole ListenState, computed once
        private final int hash;

        public Hypothesis(ListenState state, List<Segment> unseen, SortedMap<String, Integer> acks,
                          SortedMap<String, TcpTime.Due> synack, SortedMap<String, TcpTime.Due> syn) {
            this.state = state;
            this.unseen = unseen;
            this.acks = acks;
            this.synack = synack;
            this.syn = syn;
            this.hash = java.util.Objects.hash(state, unseen, acks, synack, syn);
        }

        public ListenState state() {
            return state;
        }

        public List<Segment> unseen() {
            return unseen;
        }

        public SortedMap<String, Integer> acks() {
            return acks;
        }

        public SortedMap<String, TcpTime.Due> synack() {
            return synack;
        }

        public SortedMap<String, TcpTime.Due> syn() {
            return syn;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hypothesis h && hash == h.hash && state.equals(h.state) && unseen.equals(h.unseen)
                    && acks.equals(h.acks) && synack.equals(h.synack) && syn.equals(h.syn);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return "Hypothesis[state=" + state + ", unseen=" + unseen + ", acks=" + acks + ", synack=" + synack
                    + ", syn=" + syn + "]";
        }
    }

    /** More hypotheses than this before one line and the checker stops (exit 3). */
    public static final int MAX_STATES = 200_000;

    private static final Comparator<Segment> SEGMENT_ORDER =
            Comparator.comparing(Segment::client).thenComparing(Segment::flags);

    private final int maxStates;
    private final Trace trace;
    private final TcpBounds bounds;
    private final TcpListen model;
    private final boolean tun;
    private final TcpTime.Params clock;
    private final Map<Integer, TcpTime.Around> around;
    private final Map<Integer, TcpTraceSteps.Step> byLine = new LinkedHashMap<>();
    private final Map<String, Integer> clientIndex = new java.util.HashMap<>();

    /** Why hypotheses were ruled out before the line {@code ruledOutLine}: a timer that had to have fired. */
    private int ruledOutLine = -1;
    private int ruledOut;
    private String ruledOutWhy = "";

    public TcpTraceChecker(Trace trace, String file, int maxStates) throws CheckException {
        this.maxStates = maxStates;
        this.trace = trace;
        this.bounds = TcpTraceSteps.boundsOf(trace, file);
        this.model = new TcpListen(bounds);
        this.tun = trace.header().peer() == Header.Peer.TUN;
        this.clock = TcpTime.Params.of(trace, bounds.profile(), file);
        this.around = TcpTime.around(trace);
        for (int i = 0; i < bounds.clients().size(); i++) {
            clientIndex.put(bounds.clients().get(i), i);
        }
        TcpTraceSteps.steps(trace, file).forEach(s -> byLine.put(s.line(), s));
    }

    /** The Java model's verdict on {@code trace}. */
    public static CheckReport check(Trace trace, String file) throws CheckException {
        return Replay.check(new TcpTraceChecker(trace, file, MAX_STATES), trace, file);
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
            frontier.add(new Hypothesis(s0, List.of(), Collections.emptySortedMap(), Collections.emptySortedMap(),
                    Collections.emptySortedMap()));
        }
        return frontier;
    }

    @Override
    public Set<Hypothesis> hidden(Set<Hypothesis> from, Event next, String where) throws CheckException {
        TcpTime.Around at = around.get(next.lineNo());
        Set<Hypothesis> closed = closure(from, byLine.get(next.lineNo()), at, where);
        // A timer that had to have fired before this line's effect rules its hypothesis out.
        Set<Hypothesis> kept = new LinkedHashSet<>();
        ruledOutLine = next.lineNo();
        ruledOut = 0;
        ruledOutWhy = "";
        for (Hypothesis h : closed) {
            Optional<String> why = TcpTime.overdue(clock, h.state(), h.synack(), h.syn(), at.prev());
            if (why.isPresent()) {
                if (ruledOut++ == 0) {
                    ruledOutWhy = why.get();
                }
            } else {
                kept.add(h);
            }
        }
        return kept;
    }

    @Override
    public Step<Hypothesis> step(Set<Hypothesis> before, Event ev, String where) {
        TcpTraceSteps.Step step = byLine.get(ev.lineNo());
        TcpTime.Around at = around.get(ev.lineNo());
        Set<Hypothesis> after = new LinkedHashSet<>();
        SortedSet<String> rules = new TreeSet<>();
        // before a line that is not a '>' one, hidden() has already dropped TUN states owing segments
        for (Hypothesis h : before) {
            apply(step, h, at, after, rules);
        }
        List<String> problem = new ArrayList<>();
        if (after.isEmpty()) {
            problem.add("no model state explains this line. Before it the model had " + before.size()
                    + " state(s); they predicted:");
            predictions(model, step, before).forEach(p -> problem.add("  " + p));
            if (ruledOutLine == ev.lineNo() && ruledOut > 0) {
                problem.add("  " + ruledOut + " more state(s) were ruled out: " + ruledOutWhy);
            }
            Set<String> notDue = new TreeSet<>();
            for (Hypothesis h : before) {
                notDue.addAll(TcpTime.notYetDue(clock, h.state(), h.synack(), h.syn(), at.now()));
            }
            if (!notDue.isEmpty()) {
                List<String> shown = new ArrayList<>(notDue).subList(0, Math.min(4, notDue.size()));
                problem.add("  not yet due at " + Event.formatTime(at.now()) + ": " + String.join("; ", shown)
                        + (notDue.size() > shown.size() ? "; …" : ""));
            }
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

    /** A hidden step: its action, the client retransmitting its SYN in it, the client whose owed ACK it is. */
    private record Hidden(TcpAction action, String rtx, String ack) {}

    /**
     * Steps the kernel may take unseen before a line stamped {@code now}: a wake-up, request timers
     * that are due; on loopback also a client's first SYN, the retransmitted SYN of a client whose
     * timer is due, and the ACKs clients owe.
     */
    private List<Hidden> hiddenSteps(Hypothesis h, long now) {
        ListenState s = h.state();
        List<Hidden> hs = new ArrayList<>();
        hs.add(new Hidden(new TcpAction.AcceptWakeup(), null, null));
        for (String c : h.synack().keySet()) {
            if (TcpTime.synackMayFire(h.synack(), c, now)) {
                hs.add(new Hidden(new TcpAction.SynAckTimer(c), null, null));
            }
        }
        if (!tun) {
            // the clients with a step to take: a SYN in flight, a timer that may be due, an ACK owed;
            // in the clients' order (a trace may have a hundred clients, most of them with none)
            java.util.BitSet which = new java.util.BitSet();
            s.synSent().forEach(c -> which.set(clientIndex.get(c)));
            h.syn().forEach((c, d) -> {
                if (now >= d.earliest()) {
                    which.set(clientIndex.get(c));
                }
            });
            h.acks().keySet().forEach(c -> which.set(clientIndex.get(c)));
            for (int i = which.nextSetBit(0); i >= 0; i = which.nextSetBit(i + 1)) {
                String c = bounds.clients().get(i);
                if (s.client().get(c) == ClientState.IDLE) {
                    continue;
                }
                if (s.synSent().contains(c)) {
                    hs.add(new Hidden(new TcpAction.SynArrives(c), null, null));
                } else if (TcpTime.synMayFire(clock, s, h.syn(), c, now)) {
                    hs.add(new Hidden(new TcpAction.SynArrives(c), c, null));
                }
                if (h.acks().containsKey(c)) {
                    hs.add(new Hidden(new TcpAction.AckArrives(c), null, c));
                }
            }
        }
        return hs;
    }

    /**
     * The hypothesis after {@code h}'s state stepped to {@code next} at a time in {@code [lo, now]};
     * {@code rtx} retransmitted its SYN in the step, {@code ack} sent one of the ACKs it owed.
     */
    private Hypothesis next(Hypothesis h, ListenState next, long lo, long now, String rtx, String ack) {
        return new Hypothesis(next, tun ? owed(h.unseen(), next.tx()) : List.of(),
                tun ? h.acks() : acks(h.acks(), next.tx(), ack),
                TcpTime.synackNext(h.state(), next, h.synack(), lo, now),
                TcpTime.synNext(clock, h.state(), next, h.syn(), lo, now, rtx));
    }

    /** The ACKs loopback clients owe after {@code ack} sent one and the step sent {@code tx}: one per SYN-ACK. */
    private static SortedMap<String, Integer> acks(SortedMap<String, Integer> owed, List<Segment> tx, String ack) {
        SortedMap<String, Integer> next = new TreeMap<>(owed);
        if (ack != null) {
            next.merge(ack, -1, Integer::sum);
            next.remove(ack, 0);
        }
        for (Segment g : tx) {
            if (g.flags().equals(Segment.SYN_ACK)) {
                next.merge(g.client(), 1, Integer::sum);
            }
        }
        return Collections.unmodifiableSortedMap(next);
    }

    /**
     * Whether a request's SYN-ACK retransmission is taken before this line. With a TUN peer it is
     * taken right before the line that shows its segment (or when its deadline forces it): earlier
     * it would only owe that segment across the {@code >} lines between, which change nothing in the
     * model, and it commutes with the other timers — unless it makes its request old while another
     * request's expiry depends on the young count (reqsk_timer_handler lowers the retry limit of a
     * request with 2 <= num_timeout < tcp_synack_retries when the queue is more than half full), in
     * which case it may come anywhere. One order stands for all the orders it commutes with.
     */
    private boolean retransmitNow(Hypothesis h, String c, String shows, TcpTime.Around at) {
        if (!tun || c.equals(shows) || h.synack().get(c).latest() < at.prev()) {
            return true;
        }
        ListenState s = h.state();
        int retries = s.sysctl().tcpSynackRetries();
        return s.requestOf(c).orElseThrow().numTimeout() == 0
                && s.synQueue().stream().anyMatch(r -> r.numTimeout() >= 2 && r.numTimeout() < retries);
    }

    /**
     * Every hypothesis reachable by hidden steps before a line. Before a line that is not a
     * {@code >} segment, a TUN hypothesis owing segments is dead: the harness reads every segment
     * before its next action, so such a state cannot explain any line but a {@code >} one.
     */
    private Set<Hypothesis> closure(Set<Hypothesis> start, TcpTraceSteps.Step line, TcpTime.Around at, String where)
            throws CheckException {
        boolean pruneOwing = tun && !(line instanceof TcpTraceSteps.Emit);
        String shows = line instanceof TcpTraceSteps.Emit e && e.segment().flags().equals(Segment.SYN_ACK)
                ? e.segment().client() : null;
        Set<Hypothesis> seen = new LinkedHashSet<>();
        ArrayDeque<Hypothesis> todo = new ArrayDeque<>();
        for (Hypothesis h : start) {
            if (!(pruneOwing && !h.unseen().isEmpty()) && seen.add(h)) {
                todo.addLast(h);
            }
        }
        while (!todo.isEmpty()) {
            Hypothesis h = todo.pollFirst();
            for (Hidden hs : hiddenSteps(h, at.now())) {
                for (Transition<ListenState> t : model.successors(h.state(), hs.action())) {
                    if (t.rule() == TcpRule.SynAckRetransmit
                            && !retransmitNow(h, ((TcpAction.SynAckTimer) hs.action()).client(), shows, at)) {
                        continue;
                    }
                    Hypothesis n = next(h, t.next(), at.prev2(), at.now(), hs.rtx(), hs.ack());
                    if (!(pruneOwing && !n.unseen().isEmpty()) && seen.add(n)) {
                        todo.addLast(n);
                    }
                }
            }
            if (seen.size() > maxStates) {
                throw CheckException.limit(where + "more than " + maxStates + " model states are consistent with the "
                        + "trace (" + seen.size() + " when the checker stopped); it gives up rather than guess");
            }
        }
        return seen;
    }

    private void apply(TcpTraceSteps.Step step, Hypothesis h, TcpTime.Around at, Set<Hypothesis> after,
                       Set<String> rules) {
        switch (step) {
            case TcpTraceSteps.Act a -> {
                for (Transition<ListenState> t : model.successors(h.state(), a.action())) {
                    String ret = t.next().ret();
                    boolean ok = a.anyOk() ? !isErrno(ret) : a.ret().map(ret::equals).orElse(true);
                    if (ok) {
                        after.add(next(h, t.next(), at.prev(), at.now(), null, null));
                        rules.add(t.rule().name());
                    }
                }
            }
            case TcpTraceSteps.Emit e -> {
                int i = h.unseen().indexOf(e.segment());
                if (i >= 0) {
                    List<Segment> rest = new ArrayList<>(h.unseen());
                    rest.remove(i);
                    after.add(new Hypothesis(h.state(), List.copyOf(rest), h.acks(),
                            TcpTime.seen(h.state(), e.segment(), rest, h.synack(), at.now()), h.syn()));
                }
            }
            case TcpTraceSteps.Observe o -> {
                if (agrees(o, h.state())) {
                    after.add(h);
                }
            }
        }
    }

    /** The observation line {@link #readings} are of. */
    private TcpTraceSteps.Observe readFor;
    /** What that line reads: built once per line, not once per hypothesis. */
    private List<TcpTraceSteps.Reading> readings = List.of();

    private boolean agrees(TcpTraceSteps.Observe o, ListenState s) {
        if (o != readFor) {
            readings = TcpTraceSteps.readings(o);
            readFor = o;
        }
        return TcpTraceSteps.agrees(readings, model, s);
    }

    private static boolean isErrno(String ret) {
        return ret.startsWith("E");
    }

    /** The multiset {@code a + b}, sorted: the order in which unseen segments were sent does not matter. */
    private static List<Segment> owed(List<Segment> a, List<Segment> b) {
        List<Segment> r = new ArrayList<>(a);
        r.addAll(b);
        r.sort(SEGMENT_ORDER);
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
