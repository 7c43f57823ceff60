package kpath.model.tcp;

import kpath.uapi.Counter;

import java.util.List;
import kpath.model.Transition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helper: drives one model run step by step and checks each step's rule. */
final class Run {
    final TcpListen model;
    ListenState state;

    Run(Sysctls sysctl, KernelProfile profile, String... clients) {
        model = new TcpListen(new TcpBounds(List.of(clients), List.of(0, 1, 2), java.util.Set.of(sysctl), profile));
        state = ListenState.initial(sysctl, List.of(clients));
    }

    Run(Sysctls sysctl, String... clients) {
        this(sysctl, KernelProfile.LINUX_6_13_ON, clients);
    }

    static Run defaults(String... clients) {
        return new Run(Sysctls.linuxDefaults(), clients);
    }

    /** Applies {@code a}, asserting it is enabled with exactly one outcome and that outcome's rule. */
    Run expect(TcpAction a, TcpRule rule) {
        List<Transition<ListenState>> ts = model.successors(state, a);
        assertEquals(1, ts.size(), () -> a + " in " + state + " gave " + ts);
        assertEquals(rule, ts.getFirst().rule(), () -> "rule of " + a);
        state = ts.getFirst().next();
        return this;
    }

    Run disabled(TcpAction a) {
        assertTrue(model.successors(state, a).isEmpty(), () -> a + " should not be enabled in " + state);
        return this;
    }

    /** connect + SYN + final ACK for each client: on loopback this is one connect(). */
    Run establish(String... clients) {
        for (String c : clients) {
            expect(new TcpAction.Connect(c), TcpRule.ConnectInProgress);
            expect(new TcpAction.SynArrives(c), TcpRule.SynQueueAdd);
            expect(new TcpAction.AckArrives(c), TcpRule.AckToAcceptQueue);
        }
        return this;
    }

    int counter(Counter c) {
        return state.counters().get(c);
    }
}
