package kpath.model.tcp;

import kpath.model.Seeds;
import kpath.uapi.Counter;

import kpath.uapi.Mask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import kpath.check.tcp.TcpInvariants;
import kpath.model.Transition;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random runs of the passive-open model: any mix of syscalls (valid or not), segments and timers
 * under random sysctls, backlogs and kernel profiles. Method: at each step pick one enabled
 * action by a generated index, and check the spec's invariants on every state reached.
 */
class TcpListenProperties {

    record Setup(TcpListen model, ListenState start) {
        @Override
        public String toString() {
            return start.sysctl() + " backlogs=" + model.bounds().backlogs() + " clients=" + model.bounds().clients()
                    + " " + model.bounds().profile().name();
        }
    }

    @Provide
    Arbitrary<Setup> setups() {
        Arbitrary<Sysctls> sysctls = Combinators.combine(
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 3)).as(Sysctls::new);
        Arbitrary<List<Integer>> backlogs = Arbitraries.integers().between(-2, 5).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Integer> clients = Arbitraries.integers().between(1, 4);
        Arbitrary<KernelProfile> profile = Arbitraries.of(KernelProfile.LINUX_6_13_ON, KernelProfile.LINUX_6_5_TO_6_12, KernelProfile.LINUX_4_4_TO_6_4);
        return Combinators.combine(sysctls, backlogs, clients, profile).as((s, b, n, p) -> {
            List<String> cs = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                cs.add("c" + i);
            }
            TcpListen m = new TcpListen(new TcpBounds(cs, b, Set.of(s), p));
            return new Setup(m, m.initialStates().iterator().next());
        });
    }

    /** Folds a run; calls {@code check} on every transition taken. */
    static void run(Setup setup, List<Integer> choices, java.util.function.BiConsumer<ListenState, Transition<ListenState>> check) {
        ListenState s = setup.start();
        List<String> path = new ArrayList<>();
        for (int choice : choices) {
            List<Transition<ListenState>> enabled = new ArrayList<>();
            List<TcpAction> labels = new ArrayList<>();
            for (TcpAction a : setup.model().actions(s)) {
                for (Transition<ListenState> t : setup.model().successors(s, a)) {
                    enabled.add(t);
                    labels.add(a);
                }
            }
            if (enabled.isEmpty()) {
                // The only dead end: the task sleeps in accept and no peer is left to connect.
                ListenState stuck = s;
                assertTrue(stuck.acceptBlocked(), () -> "no action enabled after " + path);
                return;
            }
            int i = choice % enabled.size();
            path.add(labels.get(i) + " [" + enabled.get(i).rule() + "]");
            check.accept(s, enabled.get(i));
            s = enabled.get(i).next();
        }
    }

    @Property(seed = Seeds.FIXED)
    void invariantsHoldOnEveryReachableState(@ForAll("setups") Setup setup,
                                             @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 10_000) Integer> choices) {
        Map<String, Predicate<ListenState>> invariants = TcpInvariants.all(setup.model().bounds());
        run(setup, choices, (before, t) -> invariants.forEach((name, inv) ->
                assertTrue(inv.test(t.next()), () -> name + " violated by " + t.rule() + " from " + before)));
    }

    @Property(seed = Seeds.FIXED)
    void noExceptionEscapesAndEachActionHasAtMostOneOutcome(@ForAll("setups") Setup setup,
                                                            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 10_000) Integer> choices) {
        run(setup, choices, (before, t) -> {
            for (TcpAction a : setup.model().actions(t.next())) {
                assertTrue(setup.model().successors(t.next(), a).size() <= 1, () -> a + " is nondeterministic");
            }
        });
    }

    @Property(seed = Seeds.FIXED)
    void syscallsAlwaysReturnAndOtherStepsNever(@ForAll("setups") Setup setup,
                                                @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 10_000) Integer> choices) {
        run(setup, choices, (before, t) -> {
            boolean syscall = switch (t.rule().ruleClass()) {
                case NETWORK, KERNEL -> false;
                default -> true;
            };
            assertEquals(syscall, !t.next().ret().equals(ListenState.NO_RET), () -> t.rule() + " ret=" + t.next().ret());
            boolean fails = t.rule().ruleClass() == kpath.model.RuleClass.FAST_FAIL
                    || t.rule().ruleClass() == kpath.model.RuleClass.SLOW_FAIL;
            if (syscall && t.rule().ruleClass() != kpath.model.RuleClass.BLOCK) {
                assertEquals(fails, t.next().ret().startsWith("E"), () -> t.rule() + " is classed "
                        + t.rule().ruleClass() + " but returns " + t.next().ret());
            }
        });
    }

    @Property(seed = Seeds.FIXED)
    void listenerIsReadableIffAChildIsQueued(@ForAll("setups") Setup setup,
                                             @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 10_000) Integer> choices) {
        run(setup, choices, (before, t) -> {
            ListenState s = t.next();
            if (!s.fdClosed() && s.skState() == ListenState.SkState.TCP_LISTEN) {
                assertEquals(!s.acceptQueue().isEmpty(), (s.pollMask() & 0x001) != 0);
                assertEquals(0, s.pollMask() & (Mask.OUT | Mask.WRNORM | Mask.HUP));
            }
        });
    }

    @Property(seed = Seeds.FIXED)
    void aBacklogOfNHoldsExactlyNPlusOneSequentialConnections(@ForAll @IntRange(min = 0, max = 6) int backlog,
                                                              @ForAll @IntRange(min = 1, max = 4) int extra) {
        int n = backlog + 1 + extra;
        String[] cs = new String[n];
        for (int i = 0; i < n; i++) {
            cs[i] = "c" + i;
        }
        Run r = Run.defaults(cs).expect(new TcpAction.Listen(backlog), TcpRule.ListenOk);
        for (String c : cs) {
            r.expect(new TcpAction.Connect(c), TcpRule.ConnectInProgress);
            var t = r.model.successors(r.state, new TcpAction.SynArrives(c)).getFirst();
            r.state = t.next();
            if (t.rule() == TcpRule.SynQueueAdd) {
                r.expect(new TcpAction.AckArrives(c), TcpRule.AckToAcceptQueue);
            }
        }
        assertEquals(backlog + 1, r.state.skAckBacklog());
        assertEquals(extra, r.state.dropped().size());
        assertEquals(extra, r.counter(Counter.ListenOverflows));
    }

    @Example
    void pollMaskOfANeverListenedSocketIsOutHup() {
        ListenState s = ListenState.initial(Sysctls.linuxDefaults(), List.of());
        assertEquals(0x114, s.pollMask());
        assertEquals(Mask.NVAL, Run.defaults().expect(new TcpAction.Close(), TcpRule.CloseListener).state.pollMask());
    }
}
