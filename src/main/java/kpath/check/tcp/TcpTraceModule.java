package kpath.check.tcp;

import kpath.check.CheckException;
import kpath.check.TraceModule;

import java.util.ArrayList;
import java.util.List;
import kpath.uapi.Errno;
import kpath.model.tcp.Sysctls;
import kpath.model.tcp.TcpAction;
import kpath.model.tcp.TcpBounds;
import kpath.trace.Header;
import kpath.trace.Trace;

/**
 * The TCP path's TLA+ trace module ({@link TraceModule}) for specs/TcpListen.tla. Between two
 * events up to {@code MaxGap} hidden kernel steps may run (the same steps, and the same bound, as
 * {@link TcpTraceChecker}). With a TUN peer the module also keeps the segments sent but not yet
 * seen, and the trace is explained only when none is left.
 */
public final class TcpTraceModule {
    private TcpTraceModule() {}

    public static final String MODULE = "TcpTraceCheck";

    public static TraceModule.Generated generate(Trace trace, String file, int maxGap) throws CheckException {
        TcpBounds bounds = TcpTraceSteps.boundsOf(trace, file);
        List<TcpTraceSteps.Step> steps = TcpTraceSteps.steps(trace, file);
        boolean tun = trace.header().peer() == Header.Peer.TUN;
        Sysctls y = bounds.sysctlChoices().iterator().next();
        TraceModule m = TraceModule.of(MODULE, "TcpListen", file)
                .variable("pending", "segments sent but not yet seen")
                .variable("gap", "hidden steps since the last event")
                .define("", "TClients == " + TraceModule.set(bounds.clients().stream().map(TraceModule::str).toList()))
                .define("", "TBacklogs == " + TraceModule.set(bounds.backlogs().stream().map(String::valueOf).toList()))
                .define("", "TSysctls == {[somaxconn |-> " + y.somaxconn() + ", tcpMaxSynBacklog |-> "
                        + y.tcpMaxSynBacklog() + ", tcpSyncookies |-> " + y.tcpSyncookies() + ", tcpAbortOnOverflow |-> "
                        + y.tcpAbortOnOverflow() + ", tcpSynackRetries |-> " + y.tcpSynackRetries() + "]}")
                .define("", "MaxGap == " + maxGap)
                .define("", "ErrnoNames == " + TraceModule.set(java.util.Arrays.stream(Errno.values()).map(e -> TraceModule.str(e.name())).toList()))
                .define("", "RemoveAt(s, j) == [k \\in 1..(Len(s) - 1) |-> IF k < j THEN s[k] ELSE s[k + 1]]")
                .define("what the kernel sends is owed to the trace when the peer is on TUN",
                        "Sent == " + (tun ? "pending' = pending \\o tx'" : "UNCHANGED pending"))
                .init("pending = <<>>").init("gap = 0")
                .onEvent("gap' = 0")
                .hidden("\\/ AcceptWakeup /\\ Sent\n          \\/ \\E c \\in Clients : SynAckTimer(c) /\\ Sent"
                        + (tun ? "" : "\n          \\/ \\E c \\in Clients : client[c] # \"IDLE\" /\\ (SynArrives(c) \\/ AckArrives(c)) /\\ Sent"),
                        "gap < MaxGap", "gap' = gap + 1")
                .constants("    Clients <- TClients\n    Backlogs <- TBacklogs\n    SysctlChoices <- TSysctls\n"
                        + "    SynQueueFullAtBacklog = " + (bounds.profile().synQueueFullAtBacklog() ? "TRUE" : "FALSE") + "\n");
        if (tun) {
            m.done("pending = <<>>");
        }
        for (TcpTraceSteps.Step s : steps) {
            // TUN: every segment sent has been seen before the harness's next action (as TcpTraceChecker)
            String owesNothing = tun && !(s instanceof TcpTraceSteps.Emit) ? "pending = <<>> /\\ " : "";
            m.event(s.line(), owesNothing + formula(s));
        }
        return m.build();
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
                yield f + " /\\ Sent";
            }
            case TcpTraceSteps.Emit e -> "UNCHANGED vars /\\ \\E j \\in 1..Len(pending) : pending[j] = Seg("
                    + TraceModule.str(e.segment().flags()) + ", " + TraceModule.str(e.segment().client()) + ") /\\ pending' = RemoveAt(pending, j)";
            case TcpTraceSteps.Observe o -> "UNCHANGED <<vars, pending>> /\\ " + observation(o);
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
