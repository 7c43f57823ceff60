package kpath.check.tcp;

import kpath.check.CheckException;
import kpath.check.TraceModule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kpath.uapi.Errno;
import kpath.model.tcp.Segment;
import kpath.model.tcp.Sysctls;
import kpath.model.tcp.TcpTimers;
import kpath.trace.Event;
import kpath.model.tcp.TcpAction;
import kpath.model.tcp.TcpBounds;
import kpath.trace.Header;
import kpath.trace.Trace;

/**
 * The TCP path's TLA+ trace module ({@link TraceModule}) for specs/TcpListen.tla: the same hidden
 * steps, bound and clock as {@link TcpTraceChecker}. Timer steps are gated by the trace's time
 * stamps {@code T} through the windows {@code synackDue} (each request's SYN-ACK timer) and
 * {@code synDue} (each loopback client's SYN retransmission timer), updated exactly as
 * {@link TcpTime} updates them; an event is taken only when no timer had to have fired before it
 * ({@code NoOverdue}). A loopback client owes one ACK per SYN-ACK it received ({@code acks}), as
 * in the Java checker. With a TUN peer the module also keeps the segments sent but not yet seen, as a multiset, and the trace
 * is explained only when none is left.
 */
public final class TcpTraceModule {
    private TcpTraceModule() {}

    public static final String MODULE = "TcpTraceCheck";

    /** TLC's integers are 32-bit; windows run up to TCP_RTO_MAX past the last line, and a little more. */
    static final long MAX_TIME_US = 1_000_000_000L;

    public static TraceModule.Generated generate(Trace trace, String file) throws CheckException {
        TcpBounds bounds = TcpTraceSteps.boundsOf(trace, file);
        List<TcpTraceSteps.Step> steps = TcpTraceSteps.steps(trace, file);
        boolean tun = trace.header().peer() == Header.Peer.TUN;
        TcpTime.Params clock = TcpTime.Params.of(trace, bounds.profile(), file);
        List<String> times = new ArrayList<>();
        List<String> shows = new ArrayList<>();
        for (TcpTraceSteps.Step st : steps) {
            shows.add(TraceModule.str(st instanceof TcpTraceSteps.Emit e && e.segment().flags().equals(Segment.SYN_ACK)
                    ? e.segment().client() : ""));
        }
        for (Event e : trace.events()) {
            if (e.timeMicros() > MAX_TIME_US) {
                throw new CheckException(file + ":" + e.lineNo() + ": TLC's integers are 32-bit: times past "
                        + Event.formatTime(MAX_TIME_US) + " are not checked");
            }
            times.add(String.valueOf(e.timeMicros()));
        }
        Sysctls y = bounds.sysctlChoices().iterator().next();
        TraceModule m = TraceModule.of(MODULE, "TcpListen", file)
                .variable("pending", "segments sent but not yet seen: a multiset, [Segs -> Nat]")
                .variable("acks", "the ACKs each loopback client owes: one per SYN-ACK it received")
                .variable("synackDue", "each request's SYN-ACK timer: its next firing's earliest and latest time (TcpTime)")
                .variable("synDue", "each loopback client's SYN retransmission timer: firings so far, next earliest, next latest")
                .constant("Clients", TraceModule.set(bounds.clients().stream().map(TraceModule::str).toList()))
                .constant("Backlogs", TraceModule.set(bounds.backlogs().stream().map(String::valueOf).toList()))
                .constant("SysctlChoices", "{[somaxconn |-> " + y.somaxconn() + ", tcpMaxSynBacklog |-> "
                        + y.tcpMaxSynBacklog() + ", tcpSyncookies |-> " + y.tcpSyncookies() + ", tcpAbortOnOverflow |-> "
                        + y.tcpAbortOnOverflow() + ", tcpSynackRetries |-> " + y.tcpSynackRetries() + "]}")
                .define("", "ErrnoNames == " + TraceModule.set(java.util.Arrays.stream(Errno.values()).map(e -> TraceModule.str(e.name())).toList()));
        m = clock(m, clock, times);
        m = timers(m, tun);
        m = hidden(m, tun, shows);
        m.constant("SynQueueFullAtBacklog", bounds.profile().synQueueFullAtBacklog() ? "TRUE" : "FALSE");
        if (tun) {
            m.done("pending = NoneOwed");
        }
        for (TcpTraceSteps.Step s : steps) {
            // TUN: every segment sent has been seen before the harness's next action (as TcpTraceChecker)
            String owesNothing = tun && !(s instanceof TcpTraceSteps.Emit) ? "pending = NoneOwed /\\ " : "";
            m.event(s.line(), owesNothing + formula(s));
        }
        return m.build();
    }

    /** The trace's clock and the kernel's timeouts (kpath.model.tcp.TcpTimers, TcpTime) as TLA+ definitions. */
    private static TraceModule clock(TraceModule m, TcpTime.Params clock, List<String> times) {
        String rto = clock.linear() < 0 ? String.valueOf(TcpTimers.TCP_TIMEOUT_INIT_US)
                : "LET k == n - 1 - " + clock.linear() + " IN IF k <= 0 THEN " + TcpTimers.TCP_TIMEOUT_INIT_US
                + " ELSE IF k >= 7 THEN " + TcpTimers.TCP_RTO_MAX_US + " ELSE " + TcpTimers.TCP_TIMEOUT_INIT_US + " * 2^k";
        return m
                .define("The time of each event line, in microseconds since the trace's start",
                        "T == <<" + String.join(", ", times) + ">>")
                .define("Line i's effect came after line i - 1 was written; a hidden step before it, after event i - 1's effect",
                        "TNow == T[i]\nTPrev == IF i = 1 THEN 0 ELSE T[i - 1]\nTPrev2 == IF i <= 2 THEN 0 ELSE T[i - 2]")
                .define("kpath.model.tcp.TcpTimers: reqsk_timeout (TCP_TIMEOUT_INIT << n, at most TCP_RTO_MAX), in µs",
                        "SynAckTimeout(n) == IF n >= 7 THEN " + TcpTimers.TCP_RTO_MAX_US + " ELSE "
                                + TcpTimers.TCP_TIMEOUT_INIT_US + " * 2^n")
                .define("the wait before a client's SYN retransmission n (tcp_retransmit_timer, linear timeouts "
                                + (clock.linear() < 0 ? "unknown: the fastest, 1 s" : String.valueOf(clock.linear())) + ")",
                        "SynRto(n) == " + rto)
                .define("TcpTime.slack: the timer wheel's granularity (8/63 of d) plus the scheduling margin",
                        "Slack(d) == (d * 8 + 62) \\div 63 + " + TcpTime.MARGIN_US)
                .define("retransmissions before ETIMEDOUT, -1 unknown; a retransmission is required only when known",
                        "MaxSynRtx == " + clock.synRetransmits() + "\nSynMust == " + (clock.synMust() ? "TRUE" : "FALSE"))
                .define("", "Min(a, b) == IF a < b THEN a ELSE b");
    }

    /** Segments owed to the trace and each timer's window, as TcpTraceChecker keeps them. */
    private static TraceModule timers(TraceModule m, boolean tun) {
        return m
                .define("", "Segs == [flags : {\"S.\", \"R\"}, client : Clients]")
                .define("", "NoneOwed == [s \\in Segs |-> 0]")
                .define("what the kernel sends is owed to the trace when the peer is on TUN",
                        "Sent == " + (tun ? "pending' = [s \\in Segs |-> pending[s] + Cardinality({j \\in DOMAIN tx' : tx'[j] = s})]"
                                : "UNCHANGED pending"))
                .define("", "ReqIds(q) == {r.client : r \\in q}\nNumTo(q, c) == (CHOOSE r \\in q : r.client = c).numTimeout")
                .define("TcpTime.synackNext: a new request arms its timer in [lo, TNow]; a retransmission re-arms it",
                        "SynackNext(lo) ==\n    [c \\in ReqIds(synQueue') |->\n"
                                + "        IF c \\notin ReqIds(synQueue)\n"
                                + "        THEN [n |-> 0, e |-> lo + SynAckTimeout(0), l |-> TNow + SynAckTimeout(0) + Slack(SynAckTimeout(0))]\n"
                                + "        ELSE IF NumTo(synQueue', c) > NumTo(synQueue, c)\n"
                                + "        THEN LET d == SynAckTimeout(NumTo(synQueue', c))\n"
                                + "             IN  [n |-> 0, e |-> synackDue[c].e + d, l |-> synackDue[c].l + d + Slack(d)]\n"
                                + "        ELSE synackDue[c]]")
                .define("TcpTime.synNext: connect arms a loopback client's timer; its retransmission rtx re-arms it",
                        "SynNext(lo, rtx) ==\n" + (tun ? "    synDue" : "    [c \\in {x \\in Clients : client'[x] = \"SYN_SENT\" /\\ (x \\in DOMAIN synDue \\/ client[x] = \"IDLE\")} |->\n"
                                + "        IF c \\notin DOMAIN synDue\n"
                                + "        THEN [n |-> 0, e |-> lo + SynRto(1), l |-> TNow + SynRto(1) + Slack(SynRto(1))]\n"
                                + "        ELSE IF c = rtx\n"
                                + "        THEN LET d == SynRto(synDue[c].n + 2)\n"
                                + "             IN  [n |-> synDue[c].n + 1, e |-> synDue[c].e + d, l |-> synDue[c].l + d + Slack(d)]\n"
                                + "        ELSE synDue[c]]"))
                .define("", "Clock(lo, rtx) == synackDue' = SynackNext(lo) /\\ synDue' = SynNext(lo, rtx)")
                .define("TcpTime.overdue: no timer had to have fired before this event's effect",
                        "NoOverdue ==\n    /\\ \\A c \\in DOMAIN synackDue : synackDue[c].l >= TPrev\n"
                                + "    /\\ SynMust => \\A c \\in DOMAIN synDue :\n"
                                + "           (c \\in dropped /\\ synDue[c].n < MaxSynRtx) => synDue[c].l >= TPrev")
                .define("TcpTime.seen: the last SYN-ACK owed to c was shown, so c's request was (re-)armed by TNow",
                        "Seen(c) ==\n    IF c \\in DOMAIN synackDue /\\ pending'[Seg(\"S.\", c)] = 0\n"
                                + "    THEN LET d == SynAckTimeout(Req(c).numTimeout)\n"
                                + "         IN  [synackDue EXCEPT ![c].l = Min(@, TNow + d + Slack(d))]\n"
                                + "    ELSE synackDue");
    }

    /** The hidden steps, each bounded by what the kernel does (TcpTraceChecker). */
    private static TraceModule hidden(TraceModule m, boolean tun, List<String> shows) {
        return m
                .define("no client: not a client's name", "NoOne == \"\"")
                .define("a loopback client answers each SYN-ACK with one ACK; ack sent one it owed",
                        "Acked(ack) == " + (tun ? "UNCHANGED acks" : "acks' = [c \\in Clients |-> acks[c] - (IF c = ack THEN 1 ELSE 0)"
                                + "\n                        + Cardinality({j \\in DOMAIN tx' : tx'[j] = Seg(\"S.\", c)})]"))
                .define("TcpTraceChecker.retransmitNow: on TUN a SYN-ACK retransmission is taken right before the line\n"
                                + "\\* that shows it (Shows[i]), when its deadline forces it, or when another request's expiry may\n"
                                + "\\* depend on the young count it changes; elsewhere it commutes with what lies between",
                        tun ? "Shows == <<" + String.join(", ", shows) + ">>\nRetransmitNow(c) ==\n"
                                + "    \\/ Shows[i] = c\n    \\/ synackDue[c].l < TPrev\n"
                                + "    \\/ Req(c).numTimeout = 0 /\\ \\E r \\in synQueue : r.numTimeout >= 2 /\\ r.numTimeout < sysctl.tcpSynackRetries"
                                : "RetransmitNow(c) == TRUE")
                .define("a step taken in [lo, TNow]; rtx retransmitted its SYN, ack sent an ACK it owed",
                        "Step(lo, rtx, ack) == Sent /\\ Clock(lo, rtx) /\\ Acked(ack)")
                .init("pending = NoneOwed").init("acks = [c \\in Clients |-> 0]")
                .init("synackDue = [c \\in {} |-> [n |-> 0, e |-> 0, l |-> 0]]")
                .init("synDue = [c \\in {} |-> [n |-> 0, e |-> 0, l |-> 0]]")
                .onEvent("NoOverdue")
                .define("the steps the trace does not show, each bounded by what the kernel does (TcpTraceChecker)",
                        "HiddenStep ==\n    \\/ AcceptWakeup /\\ Step(TPrev2, NoOne, NoOne)\n"
                        + "    \\/ \\E c \\in DOMAIN synackDue : /\\ TNow >= synackDue[c].e\n"
                        + "                                   /\\ \\/ SynAckTimerListenerGone(c) \\/ SynAckExpire(c)\n"
                        + "                                      \\/ SynAckRetransmit(c) /\\ RetransmitNow(c)\n"
                        + "                                   /\\ Step(TPrev2, NoOne, NoOne)"
                        + (tun ? "" : "\n    \\/ \\E c \\in synSent : SynArrives(c) /\\ Step(TPrev2, NoOne, NoOne)\n"
                        + "    \\/ \\E c \\in DOMAIN synDue : /\\ c \\in dropped /\\ client[c] = \"SYN_SENT\" /\\ TNow >= synDue[c].e\n"
                        + "                                /\\ (MaxSynRtx < 0 \\/ synDue[c].n < MaxSynRtx)\n"
                        + "                                /\\ SynArrives(c) /\\ Step(TPrev2, c, NoOne)\n"
                        + "    \\/ \\E c \\in Clients : client[c] # \"IDLE\" /\\ acks[c] > 0 /\\ AckArrives(c) /\\ Step(TPrev2, NoOne, c)"))
                .hidden("i <= N /\\ HiddenStep");
    }

    private static String formula(TcpTraceSteps.Step s) {
        return switch (s) {
            case TcpTraceSteps.Act a -> {
                String f = action(a.action());
                if (a.anyOk()) {
                    f += " /\\ ret' \\notin ErrnoNames";
                } else if (a.ret().isPresent()) {
                    f += " /\\ ret' = " + TraceModule.str(a.ret().get());
                }
                yield f + " /\\ Step(TPrev, NoOne, NoOne)";
            }
            case TcpTraceSteps.Emit e when !Set.of(Segment.SYN_ACK, Segment.RST).contains(e.segment().flags()) ->
                    "FALSE \\* the model sends no '" + e.segment().flags() + "' segment";
            case TcpTraceSteps.Emit e -> {
                String seg = "Seg(" + TraceModule.str(e.segment().flags()) + ", " + TraceModule.str(e.segment().client()) + ")";
                yield "UNCHANGED <<vars, synDue, acks>> /\\ pending[" + seg + "] > 0 /\\ pending' = [pending EXCEPT !["
                        + seg + "] = @ - 1] /\\ synackDue' = "
                        + (e.segment().flags().equals(Segment.SYN_ACK) ? "Seen(" + TraceModule.str(e.segment().client()) + ")" : "synackDue");
            }
            case TcpTraceSteps.Observe o -> "UNCHANGED <<vars, pending, synackDue, synDue, acks>> /\\ " + observation(o);
        };
    }

    static String action(TcpAction a) {
        return switch (a) {
            case TcpAction.Listen l -> "Listen(" + l.backlog() + ")";
            case TcpAction.Fcntl f -> "Fcntl(" + (f.nonblock() ? "TRUE" : "FALSE") + ")";
            case TcpAction.Accept4 x -> "Accept4(" + TraceModule.str(x.sockNonblock() ? "SOCK_NONBLOCK" : "0") + ")";
            case TcpAction.Close x -> "Close";
            case TcpAction.Connect c -> "Connect(" + TraceModule.str(c.client()) + ")";
            case TcpAction.SynArrives x -> "SynArrives(" + TraceModule.str(x.client()) + ")";
            case TcpAction.AckArrives x -> "AckArrives(" + TraceModule.str(x.client()) + ")";
            case TcpAction.RstArrives x -> "RstArrives(" + TraceModule.str(x.client()) + ")";
            case TcpAction.SynAckTimer x -> "SynAckTimer(" + TraceModule.str(x.client()) + ")";
            case TcpAction.AcceptWakeup x -> "AcceptWakeup";
        };
    }

    /** Each reading as a constraint on the spec's Observables, through the checker's one mapping. */
    private static String observation(TcpTraceSteps.Observe o) {
        List<String> cs = new ArrayList<>();
        for (TcpTraceSteps.Reading r : TcpTraceSteps.readings(o)) {
            String field = "Observables." + r.observable() + r.key().map(k -> "[" + TraceModule.str(k) + "]").orElse("");
            cs.add(field + " = " + (r.number() ? r.value() : TraceModule.str(r.value())));
        }
        return String.join(" /\\ ", cs);
    }

}
