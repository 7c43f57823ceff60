package kpath.check;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kpath.check.completion.CompletionMc;
import kpath.check.jdk.JdkBinding;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * specs/tlc-records.txt stands for TLC's runs: every record made from the checkout's specs still
 * has their inputs, every MC config has its graph record, a record read back is the one written,
 * and for two small modules the recorded outcome is the one a live TLC run gives now.
 */
class TlcRecordsTest {

    static final String RENEW = "renew them: ./mvnw -B test -Dkpath.tlc=renew -Dtest='*StateGraphTest,ReadinessRuleNamesTest' "
            + "-Dsurefire.failIfNoSpecifiedTests=false (README, TLC records)";

    @Test
    void everyRecordOfTheCheckoutsSpecsHasTheirCurrentInputs() throws Exception {
        List<String> stale = new ArrayList<>();
        for (TlcRecords.Rec r : TlcRecords.read()) {
            if (r.origin().equals("specs")
                    && !TlcRecords.inputs(Specs.dir(), r.module(), r.cfg(), r.kind(), r.vars()).equals(r.inputs())) {
                stale.add(r.label());
            }
        }
        assertEquals(List.of(), stale, "the specs changed since TLC's results were recorded; " + RENEW);
        assertEquals(Set.of(), TlcRecords.duplicates(TlcRecords.read()));
    }

    @Test
    void everyMcConfigHasAGraphRecord() throws Exception {
        Set<String> recorded = new TreeSet<>();
        TlcRecords.read().stream().filter(r -> r.kind().equals("graph") && r.origin().equals("specs"))
                .forEach(r -> recorded.add(r.cfg()));
        Set<String> missing = new TreeSet<>();
        try (var files = Files.list(Specs.dir())) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("MC") && n.endsWith(".cfg") && !n.contains("Scale"))
                    .filter(n -> !recorded.contains(n)).forEach(missing::add);
        }
        assertEquals(Set.of(), missing, "MC configs without a recorded TLC graph; " + RENEW);
    }

    @Test
    void aRecordReadsBackAsWritten() {
        StateGraph.Edge e = new StateGraph.Edge("a=1\nb=\"x|y\\z\"", "", "a=2\tb=<<>>");
        GraphDiff d = new GraphDiff(3, 2, 1, 1, 4, 3, 1, 0, 0, 0, 2, 0, List.of("a=1\nb=\"|\""), List.of(), List.of(""),
                List.of(), List.of(e, new StateGraph.Edge("s", "Step", "t")), List.of());
        TlcRecords.Rec r = new TlcRecords.Rec("MCX", "MCX.cfg", "obs", "edited", List.of("fds", "files"), "ab", "cd",
                12, 34, 5, d);
        assertEquals(r, TlcRecords.parse(TlcRecords.format(r)));
        assertFalse(TlcRecords.format(r).contains("\n"));
    }

    @Test
    void theJavaGraphHashSeesEveryStateInitialStateAndLabelledEdge() {
        StateGraph g = new StateGraph(Set.of("s", "t"), Set.of("s"),
                Set.of(new StateGraph.Edge("s", "A", "t"), new StateGraph.Edge("t", "B", "s")));
        String h = TlcRecords.javaHash(g);
        assertEquals(h, TlcRecords.javaHash(new StateGraph(new TreeSet<>(List.of("t", "s")), Set.of("s"),
                Set.of(new StateGraph.Edge("t", "B", "s"), new StateGraph.Edge("s", "A", "t")))));
        assertNotEquals(h, TlcRecords.javaHash(new StateGraph(Set.of("s", "t"), Set.of("s"),
                Set.of(new StateGraph.Edge("s", "A", "t"), new StateGraph.Edge("t", "A", "s")))), "a label");
        assertNotEquals(h, TlcRecords.javaHash(new StateGraph(Set.of("s", "t"), Set.of("s"),
                Set.of(new StateGraph.Edge("s", "A", "t"), new StateGraph.Edge("s", "B", "t")))), "an edge's ends");
        assertNotEquals(h, TlcRecords.javaHash(new StateGraph(Set.of("s", "t"), Set.of("t"),
                Set.of(new StateGraph.Edge("s", "A", "t"), new StateGraph.Edge("t", "B", "s")))), "the initial state");
        assertNotEquals(h, TlcRecords.javaHash(new StateGraph(Set.of("s", "u"), Set.of("s"),
                Set.of(new StateGraph.Edge("s", "A", "u"), new StateGraph.Edge("u", "B", "s")))), "a state");
    }

    @Test
    void theRecordedOutcomeIsTheOneALiveTlcRunGivesNow() throws Exception {
        Duration t = Duration.ofMinutes(3);
        Explorer.Result jdk = JdkBinding.explorer().explore();
        same(GraphComparison.against(TlcRecords.Mode.LIVE, jdk, Specs.dir(), "MCJdkIo", "MCJdkIo.cfg", t),
                GraphComparison.against(TlcRecords.Mode.RECORDED, jdk, Specs.dir(), "MCJdkIo", "MCJdkIo.cfg", t));
        Explorer.Result aio = CompletionMc.exploreObserved(CompletionMc.aioDirectModel());
        same(GraphComparison.observables(TlcRecords.Mode.LIVE, aio, Specs.dir(), CompletionMc.AIO_DIRECT_MODULE,
                        CompletionMc.AIO_DIRECT_CFG, t),
                GraphComparison.observables(TlcRecords.Mode.RECORDED, aio, Specs.dir(), CompletionMc.AIO_DIRECT_MODULE,
                        CompletionMc.AIO_DIRECT_CFG, t));
    }

    private static void same(GraphComparison.Outcome live, GraphComparison.Outcome recorded) {
        assertEquals("recorded in specs/" + TlcRecords.FILE, recorded.tlc().output(), "no record: " + RENEW);
        assertEquals(live.diff(), recorded.diff());
        assertEquals(live.tlc().distinctStates(), recorded.tlc().distinctStates());
        assertEquals(live.tlc().statesGenerated(), recorded.tlc().statesGenerated());
        assertEquals(live.tlc().depth(), recorded.tlc().depth());
    }
}
