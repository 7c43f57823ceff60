package kpath.check.tcp;

import kpath.uapi.Counter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import kpath.model.tcp.ClientState;

import kpath.model.tcp.ListenState;
import kpath.model.tcp.TcpBounds;
import kpath.model.tcp.TcpListen;

/**
 * The invariants of specs/TcpListen.tla, by the same names, for the Java explorer and the
 * jqwik properties. Each is a claim about one state.
 */
public final class TcpInvariants {
    private TcpInvariants() {}

    /** Name → predicate, in the order MCTcpListen.cfg lists them (TypeOK is the Java type system). */
    public static Map<String, Predicate<ListenState>> all(TcpBounds bounds) {
        Map<String, Predicate<ListenState>> m = new LinkedHashMap<>();
        m.put("ConnectionInExactlyOnePlace", TcpInvariants::connectionInExactlyOnePlace);
        m.put("AcceptQueueWithinBacklog", s -> s.skAckBacklog() <= maxBacklog(s, bounds) + 1);
        m.put("SynQueueWithinBacklog", s -> s.reqskQueueLen() <= maxBacklog(s, bounds) + 1);
        m.put("ListenDropsCoverOverflows",
                s -> s.counters().get(Counter.ListenDrops) >= s.counters().get(Counter.ListenOverflows));
        return m;
    }

    static int maxBacklog(ListenState s, TcpBounds bounds) {
        return bounds.backlogs().stream()
                .mapToInt(b -> TcpListen.clampBacklog(b, s.sysctl().somaxconn()))
                .max().orElse(0);
    }

    public static boolean connectionInExactlyOnePlace(ListenState s) {
        for (var e : s.client().entrySet()) {
            String c = e.getKey();
            int places = (s.synSent().contains(c) ? 1 : 0)
                    + (int) s.synQueue().stream().filter(r -> r.client().equals(c)).count()
                    + (s.cookie().contains(c) ? 1 : 0)
                    + (int) s.acceptQueue().stream().filter(c::equals).count()
                    + (s.accepted().contains(c) ? 1 : 0)
                    + (s.dropped().contains(c) ? 1 : 0)
                    + (s.reset().contains(c) ? 1 : 0);
            if (places != (e.getValue() == ClientState.IDLE ? 0 : 1)) {
                return false;
            }
        }
        return true;
    }
}
