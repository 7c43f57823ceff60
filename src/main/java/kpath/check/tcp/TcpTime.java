package kpath.check.tcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import kpath.check.CheckException;
import kpath.model.tcp.ClientState;
import kpath.model.tcp.KernelProfile;
import kpath.model.tcp.ListenState;
import kpath.model.tcp.RequestSock;
import kpath.model.tcp.Segment;
import kpath.model.tcp.TcpTimers;
import kpath.trace.Event;
import kpath.trace.Header;
import kpath.trace.Trace;
import kpath.uapi.Sysctl;

/**
 * Time on the TCP path, for the Java checker and the TLA+ trace module alike: when the kernel's
 * timers may fire and when they must have fired, read from the trace's time stamps.
 *
 * <p><b>Where time lives.</b> The model ({@code kpath.model.tcp.TcpListen}) stays timeless: its
 * timer steps ({@code SynAckTimer}, a peer's retransmitted {@code SynArrives}) may happen in any
 * state that enables them, which is what the model checker explores and what the spec says. Time
 * is a property of a <em>trace</em>: this class keeps, beside each hypothesis, a window per
 * running timer and gates the hidden steps with it, the way the readiness checker gates a task's
 * timeout. Putting deadlines into the model would make its state graph depend on clock values it
 * cannot bound; keeping them here leaves the state graph (and its equality with TLC's) untouched.
 *
 * <p><b>Windows.</b> A timer's {@link Due} holds the earliest and the latest time (µs since the
 * trace started) of its next firing. A step explained at event line k happened after the previous
 * event line was written and before line k was: in {@code [T(k-1), T(k)]}; a hidden step inserted
 * before line k happened after the previous event's effect, so in {@code [T(k-2), T(k)]}. A timer
 * armed by a step in {@code [lo, now]} for a duration d fires in {@code [lo + d, now + d +}
 * {@link #slack}{@code (d)]}; when it fires and re-arms for d', the next window is the last one
 * shifted by d' (latest by d' + slack(d')). Kernel timers never fire early (kernel/time/timer.c
 * calc_index rounds every expiry up to its wheel level's granularity "to guarantee that a timer
 * does not fire early").
 *
 * <ul>
 *   <li>May: a hidden timer step before line k only if {@code T(k) >= earliest}.</li>
 *   <li>Must: no hypothesis may stand before line k with a timer whose {@code latest < T(k-1)}
 *       (line k's effect happened after line k-1 was written, when the timer had to have fired).</li>
 *   <li>Seen (TUN): when the trace shows the last SYN-ACK owed to a peer with a request, the
 *       request was (re-)armed by then: its latest is cut to {@code T(k) + d + slack(d)}.</li>
 * </ul>
 *
 * <p>The request's SYN-ACK timer (net/ipv4/inet_connection_sock.c reqsk_timer_handler) runs from
 * the SYN that created the request; a loopback client's SYN retransmission timer (net/ipv4/
 * tcp_timer.c tcp_retransmit_timer) from its connect, and only gates retransmitted SYNs (a client
 * whose SYN the listener dropped, still in SYN_SENT). Durations: {@link TcpTimers}.
 */
public final class TcpTime {
    private TcpTime() {}

    /**
     * The scheduling margin, in µs, beyond a timer's wheel slack: how late a timer's handler may
     * run after its bucket expired (timer softirq run from irq exit or by ksoftirqd on a busy
     * machine; the captures share two cores with builds), plus how long a harness may take to write
     * the line that shows the effect (a TUN peer's drain reads a segment within one loop of
     * injection and observations). 250 ms: on the capture machine (HZ=250, where a 1 s timer's
     * wheel bucket is 32 ms) the committed TUN traces show SYN-ACK retransmissions 16 to 135 ms after
     * their earliest deadline, so a latest deadline of 8/63 of the timeout + 250 ms past the
     * earliest (377 ms for 1 s) leaves room on a busier machine, yet a request kept 1 s past its
     * expiry, or a retransmission that never came, is still caught.
     */
    public static final long MARGIN_US = 250_000L;

    /**
     * How late a timer of duration {@code d} may fire after its deadline: the timer wheel's
     * granularity at the level a timeout of d lands on, then {@link #MARGIN_US}. kernel/time/timer.c
     * calc_wheel_index puts a timeout of at least {@code LVL_START(n) = 63 << 3(n-1)} jiffies on
     * level n, whose granularity is {@code 8^n} jiffies, and calc_index rounds the expiry up by up
     * to one granularity: at most {@code 8/63} of the timeout, for any HZ (every TCP timeout here is
     * at least 1 s, so level 1 or above even at HZ=100).
     */
    public static long slack(long d) {
        return Math.ceilDiv(d * 8, 63) + MARGIN_US;
    }

    /** A timer's next firing: the firings so far ({@code n}, client timers), earliest and latest time in µs. */
    public record Due(int n, long earliest, long latest) {
        public Due withLatest(long l) {
            return new Due(n, earliest, l);
        }
    }

    /** The times around event line k: the event before the previous one, the previous one, line k. */
    public record Around(long prev2, long prev, long now) {}

    /**
     * What times a trace's client SYN retransmissions, from its header and kernel profile.
     *
     * @param clientTimers     loopback: the clients are the kernel's own sockets and retransmit
     *                         (a TUN peer is the harness, which never does)
     * @param linear           net.ipv4.tcp_syn_linear_timeouts, or -1 when unknown (the header lacks it
     *                         on a kernel that has it): then every retransmission may come 1 s after the
     *                         last, the fastest any setting allows
     * @param synRetransmits   retransmissions before ETIMEDOUT ({@link TcpTimers#synRetransmits}), or
     *                         -1 when unknown: then there is no last one and none is required
     */
    public record Params(boolean clientTimers, int linear, int synRetransmits) {

        /** A retransmission is required by its latest time only when the whole schedule is known. */
        public boolean synMust() {
            return synRetransmits >= 0;
        }

        /** The wait before client retransmission {@code n} (1-based). */
        public long synRto(int n) {
            return linear < 0 ? TcpTimers.TCP_TIMEOUT_INIT_US : TcpTimers.synRto(n, linear);
        }

        public static Params of(Trace trace, KernelProfile profile, String file) throws CheckException {
            Header h = trace.header();
            Integer retries = clockSysctl(h, Sysctl.TCP_SYN_RETRIES, file);
            Integer linear = clockSysctl(h, Sysctl.TCP_SYN_LINEAR_TIMEOUTS, file);
            int l = linear != null ? linear : profile.synLinearTimeouts() ? -1 : 0;
            int max = retries != null && l >= 0 ? TcpTimers.synRetransmits(retries, l) : -1;
            return new Params(h.peer() == Header.Peer.LOOPBACK, l, max);
        }

        private static Integer clockSysctl(Header h, Sysctl s, String file) throws CheckException {
            String v = h.sysctls().get(s.kernelName());
            if (v == null) {
                return null;
            }
            if (!v.strip().matches("[0-9]{1,9}")) {
                throw new CheckException(file + ":1: header sysctl " + s.kernelName() + "='" + v
                        + "' is not a non-negative integer");
            }
            return Integer.parseInt(v.strip());
        }
    }

    /** Each event line's {@link Around}, by line number. */
    public static Map<Integer, Around> around(Trace trace) {
        Map<Integer, Around> m = new java.util.HashMap<>();
        long prev2 = 0;
        long prev = 0;
        for (Event e : trace.events()) {
            m.put(e.lineNo(), new Around(prev2, prev, e.timeMicros()));
            prev2 = prev;
            prev = e.timeMicros();
        }
        return m;
    }

    // ---- the request's SYN-ACK timer -----------------------------------------------------------

    /**
     * The request timers after a step from {@code before} to {@code after} taken in
     * {@code [lo, now]}: a new request arms its timer (tcp_conn_request →
     * inet_csk_reqsk_queue_hash_add, TCP_TIMEOUT_INIT); a request whose num_timeout grew was
     * re-armed by reqsk_timer_handler; a request that left takes its timer with it.
     */
    public static SortedMap<String, Due> synackNext(ListenState before, ListenState after, Map<String, Due> due,
                                                    long lo, long now) {
        if (before.synQueue() == after.synQueue() && due instanceof SortedMap<String, Due> same) {
            return same; // the step left the SYN queue alone (ListenState.Builder): every timer as it was
        }
        SortedMap<String, Due> next = new TreeMap<>();
        for (RequestSock r : after.synQueue()) {
            Optional<RequestSock> old = before.requestOf(r.client());    // a binary search (ListenState)
            Due d = due.get(r.client());
            if (old.isEmpty()) {
                long t = TcpTimers.synAckTimeout(0);
                next.put(r.client(), new Due(0, lo + t, now + t + slack(t)));
            } else if (d == null) {
                throw new IllegalStateException("request of " + r.client() + " has no timer");
            } else if (r.numTimeout() > old.get().numTimeout()) {
                long t = TcpTimers.synAckTimeout(r.numTimeout());
                next.put(r.client(), new Due(0, d.earliest() + t, d.latest() + t + slack(t)));
            } else {
                next.put(r.client(), d);
            }
        }
        return Collections.unmodifiableSortedMap(next);
    }

    /** May the request timer of {@code c} fire before a line stamped {@code now}? */
    public static boolean synackMayFire(Map<String, Due> due, String c, long now) {
        Due d = due.get(c);
        return d != null && now >= d.earliest();
    }

    /**
     * The trace showed a SYN-ACK to {@code seg.client()} and none is left unseen: the request (if
     * any) was armed or last re-armed before {@code now}, so its next firing comes by
     * {@code now + d + slack(d)}.
     */
    public static SortedMap<String, Due> seen(ListenState s, Segment seg, List<Segment> unseenAfter,
                                              SortedMap<String, Due> due, long now) {
        String c = seg.client();
        if (!seg.flags().equals(Segment.SYN_ACK) || unseenAfter.contains(seg) || !due.containsKey(c)) {
            return due;
        }
        long t = TcpTimers.synAckTimeout(s.requestOf(c).orElseThrow().numTimeout());
        Due d = due.get(c);
        long cut = Math.min(d.latest(), now + t + slack(t));
        if (cut == d.latest()) {
            return due;
        }
        SortedMap<String, Due> next = new TreeMap<>(due);
        next.put(c, d.withLatest(cut));
        return Collections.unmodifiableSortedMap(next);
    }

    // ---- a loopback client's SYN retransmission timer --------------------------------------------

    /** Client {@code c}'s SYN timer in {@code next}: its view was {@code was} before the step, {@code view} after. */
    private static void synNext(Params p, String c, ClientState was, ClientState view, Map<String, Due> due,
                                SortedMap<String, Due> next, long lo, long now, String rtx) {
        if (view == was && !c.equals(rtx)) {
            return;
        }
        next.remove(c);
        if (view != ClientState.SYN_SENT) {
            return;
        }
        Due d = due.get(c);
        if (d == null && was == ClientState.IDLE) {
            long t = p.synRto(1);
            next.put(c, new Due(0, lo + t, now + t + slack(t)));
        } else if (d != null && c.equals(rtx)) {
            long t = p.synRto(d.n() + 2);
            next.put(c, new Due(d.n() + 1, d.earliest() + t, d.latest() + t + slack(t)));
        } else if (d != null) {
            next.put(c, d);
        }
    }

    /**
     * The client timers after a step: connect arms one (tcp_connect, TCP_TIMEOUT_INIT); the client
     * {@code rtx} (or null) retransmitted its SYN in this step (tcp_retransmit_timer) and re-armed it;
     * a client that left SYN_SENT (SYN-ACK or RST received) stopped it.
     */
    public static SortedMap<String, Due> synNext(Params p, ListenState before, ListenState after,
                                                 Map<String, Due> due, long lo, long now, String rtx) {
        if (!p.clientTimers()) {
            return Collections.emptySortedMap();
        }
        if (rtx == null && before.client() == after.client() && due instanceof SortedMap<String, Due> same) {
            return same; // no client's view changed (ListenState.Builder) and none retransmitted: as it was
        }
        // only a client whose view the step changed, or whose SYN it retransmitted, changes its timer:
        // the others keep theirs (due holds a timer for each client in SYN_SENT, and only for those)
        SortedMap<String, Due> next = new TreeMap<>(due);
        if (before.client() instanceof kpath.model.ArrayMap<ClientState> was
                && after.client() instanceof kpath.model.ArrayMap<ClientState> is && is.sameKeys(was)) {
            for (int i = 0; i < is.size(); i++) {       // the same clients: compared side by side
                synNext(p, is.keyAt(i), was.valueAt(i), is.valueAt(i), due, next, lo, now, rtx);
            }
        } else {
            after.client().forEach((c, view) -> synNext(p, c, before.client().get(c), view, due, next, lo, now, rtx));
        }
        return Collections.unmodifiableSortedMap(next);
    }

    /**
     * May {@code c} retransmit its SYN before a line stamped {@code now}? Only a client whose SYN
     * the listener dropped (it is still in SYN_SENT), once its timer is due, while retries remain.
     */
    public static boolean synMayFire(Params p, ListenState s, Map<String, Due> due, String c, long now) {
        Due d = due.get(c);
        return d != null && s.dropped().contains(c) && s.client().get(c) == ClientState.SYN_SENT
                && now >= d.earliest() && (p.synRetransmits() < 0 || d.n() < p.synRetransmits());
    }

    // ---- what must have happened -------------------------------------------------------------------

    /**
     * Why a hypothesis cannot stand before a line whose effect came after {@code prev}: the first
     * timer that had to have fired by then, or empty when none.
     */
    public static Optional<String> overdue(Params p, ListenState s, Map<String, Due> synack, Map<String, Due> syn,
                                           long prev) {
        for (var e : synack.entrySet()) {
            if (e.getValue().latest() < prev) {
                return Optional.of(e.getKey() + "'s request timer (num_timeout "
                        + s.requestOf(e.getKey()).map(RequestSock::numTimeout).orElse(0)
                        + ") had to fire by " + Event.formatTime(e.getValue().latest())
                        + " (reqsk_timer_handler's deadline plus tolerance)");
            }
        }
        if (p.synMust()) {
            for (var e : syn.entrySet()) {
                Due d = e.getValue();
                if (s.dropped().contains(e.getKey()) && d.n() < p.synRetransmits() && d.latest() < prev) {
                    return Optional.of(e.getKey() + "'s SYN retransmission " + (d.n() + 1) + " had to come by "
                            + Event.formatTime(d.latest()) + " (tcp_retransmit_timer's deadline plus tolerance)");
                }
            }
        }
        return Optional.empty();
    }

    /** The timers that were not yet due before a line stamped {@code now}, for a rejection's report. */
    public static List<String> notYetDue(Params p, ListenState s, Map<String, Due> synack, Map<String, Due> syn,
                                         long now) {
        List<String> out = new ArrayList<>();
        synack.forEach((c, d) -> {
            if (now < d.earliest()) {
                out.add(c + "'s request timer may not fire before " + Event.formatTime(d.earliest()));
            }
        });
        syn.forEach((c, d) -> {
            if (s.dropped().contains(c) && now < d.earliest()) {
                out.add(c + "'s SYN retransmission " + (d.n() + 1) + " may not come before "
                        + Event.formatTime(d.earliest()));
            }
        });
        return out;
    }
}
