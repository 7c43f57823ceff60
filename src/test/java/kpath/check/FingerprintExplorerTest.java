package kpath.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kpath.check.completion.CompletionMc;
import kpath.check.jdk.JdkBinding;
import kpath.check.readiness.ReadinessMc;
import kpath.check.tcp.TcpMc;
import kpath.model.proc.OpenFile;
import kpath.model.proc.ProcAction;
import kpath.model.proc.ProcState;
import kpath.model.readiness.ReadinessModel;
import kpath.model.tcp.ListenState;
import kpath.model.tcp.TcpAction;
import kpath.model.tcp.TcpListen;
import org.junit.jupiter.api.Test;

/**
 * The counting explorer against the graph explorer on an MC module of every binding (the smaller
 * ones): the same distinct states, states generated and depth, and the same counterexample where
 * an invariant breaks. The graph explorer counts distinct state texts ({@code distinctStates}, what
 * TLC counts) and distinct Java states ({@code javaStates}, what it expands); the counting
 * explorer tells states apart by their Java fingerprints, so it counts the latter. On every
 * module here the two are equal, which each test asserts first: the comparison with TLC's counts
 * then carries over. Cached graph explorations are used where the bindings keep them.
 */
class FingerprintExplorerTest {

    private static void sameCounts(Explorer.Result g, FingerprintExplorer.Result f) {
        assertEquals(g.distinctStates(), g.javaStates(), "state texts and Java states differ here");
        assertEquals(g.javaStates(), f.distinctStates(), "distinct states");
        assertEquals(g.statesGenerated(), f.statesGenerated(), "states generated");
        assertEquals(g.depth(), f.depth(), "depth");
        assertEquals(g.violation(), f.violation());
    }

    @Test
    void jdkMcJdkIo() {
        sameCounts(JdkBinding.explorer().explore(), JdkBinding.explorer().counting().explore());
    }

    @Test
    void completionMcCompletionLinksSigioAndAioTasks() {
        for (ReadinessModel m : List.of(CompletionMc.linksModel(), CompletionMc.sigioModel(), CompletionMc.aioTasksModel())) {
            FingerprintExplorer.Result f = CompletionMc.explorer(m).counting().explore();
            sameCounts(CompletionMc.explore(m), f);
            assertTrue(f.distinctStates() > 1000, () -> m.bounds() + ": " + f);
        }
    }

    @Test
    void readinessMcSigioTcp() throws Exception {
        Explorer<ProcState, ProcAction> e = ReadinessMc.explorer(ReadinessMc.sigioTcpModel(), ReadinessMc.SIGIO_TCP_ZONES,
                ReadinessMc.SIGIO_TCP_MAX);
        FingerprintExplorer.Result f = e.counting().explore();
        sameCounts(e.explore(), f);
        // MCSigioTcp.tla's recorded TLC result
        assertEquals(Long.parseLong(SpecText.recorded(ReadinessMc.SIGIO_TCP_MODULE).group(1)), f.distinctStates());
    }

    @Test
    void tcpMcTcpListenLastQuarter() {
        FingerprintExplorer.Result f = TcpMc.explorer(new TcpListen(TcpMc.lastQuarterBounds())).counting().explore();
        sameCounts(TcpMc.explore(TcpMc.lastQuarterBounds(), true), f);
        assertEquals(20780, f.distinctStates());  // MCTcpListenLastQuarter.tla's recorded TLC result
        assertEquals(167260, f.statesGenerated());
        assertEquals(17, f.depth());
    }

    /** A shortest counterexample: the same invariant, actions, rules and state as the graph explorer's. */
    private static <S, A> Explorer.Violation sameViolation(Explorer<S, A> e, int steps) {
        Explorer.Result g = e.explore();
        FingerprintExplorer.Result f = e.counting().explore();
        assertEquals(List.of(g.distinctStates(), g.statesGenerated(), (long) g.depth()),
                List.of(f.distinctStates(), f.statesGenerated(), (long) f.depth()));
        Explorer.Violation v = f.violation().orElseThrow();
        assertEquals(g.violation().orElseThrow(), v);
        assertEquals(steps, v.actions().size(), v::toString);
        return v;
    }

    @Test
    void aBrokenInvariantGivesTheSameCounterexample() {
        Explorer.Violation ring = sameViolation(CompletionMc.explorer(CompletionMc.linksModel()).invariant("AtMostOneCqe",
                s -> s.files().values().stream().noneMatch(x -> x instanceof OpenFile.IoUring r && r.cq().size() > 1)), 2);
        assertEquals("IoUringSetupOk", ring.rules().getFirst());
        Explorer<ListenState, TcpAction> tcp = TcpMc.explorer(new TcpListen(TcpMc.lastQuarterBounds()))
                .invariant("AtMostOneAccepted", s -> s.acceptQueue().size() < 2);
        assertTrue(sameViolation(tcp, 5).toString().contains("AtMostOneAccepted"));
        sameViolation(JdkBinding.explorer().invariant("NeverDone", s -> !s.phase().equals("done")), 3);
    }
}
