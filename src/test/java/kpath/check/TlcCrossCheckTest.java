package kpath.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The toy spec under TLC against its Java twin {@link ToyModel}. */
class TlcCrossCheckTest {

    static final Duration TIMEOUT = Duration.ofMinutes(2);

    static Path specDir;
    static TlcResult tlc;
    static StateGraph tlcGraph;

    @BeforeAll
    static void runTlc(@TempDir Path tmp) throws Exception {
        specDir = Path.of(TlcCrossCheckTest.class.getResource("MCToy.tla").toURI()).getParent();
        Path dot = tmp.resolve("toy.dot");
        tlc = Tlc.run(specDir, "MCToy", "MCToy.cfg", Optional.of(dot), TIMEOUT);
        assertTrue(tlc.succeeded(), tlc.report());
        tlcGraph = StateGraph.fromDot(dot);
    }

    private static Explorer.Result explore(ToyModel m) {
        return Explorer.of(m).modelValues(m.modelValues()).constraint(ToyModel::constraint)
                .invariant("TypeOK", m::typeOk).explore();
    }

    private static Explorer.Result exploreWithoutInvariants(ToyModel m) {
        return Explorer.of(m).modelValues(m.modelValues()).constraint(ToyModel::constraint).explore();
    }

    @Test
    void javaGraphEqualsTlcGraph() {
        Explorer.Result java = explore(ToyModel.faithful());
        GraphDiff d = StateGraph.compare(java.graph(), tlcGraph);
        assertTrue(d.same(), d.report());
        assertEquals(14, tlc.distinctStates());
        assertEquals(tlc.distinctStates(), java.distinctStates());
        assertEquals(tlc.statesGenerated(), java.statesGenerated());
        assertEquals(tlc.depth(), java.depth());
        assertEquals(tlcGraph.states().size(), java.distinctStates());
        // TLC dumps the Idle self-loops (an action with UNCHANGED vars)
        assertTrue(tlcGraph.edges().stream().anyMatch(e -> e.label().equals("Idle") && e.from().equals(e.to())));
    }

    @Test
    void offByOneVariantDiffersReadably() {
        assertEquals("TypeOK", explore(ToyModel.offByOne()).violation().orElseThrow().invariant());
        Explorer.Result java = exploreWithoutInvariants(ToyModel.offByOne());
        GraphDiff d = StateGraph.compare(java.graph(), tlcGraph);
        assertFalse(d.same());
        assertEquals(0, d.statesOnlyInTlc());
        assertTrue(d.statesOnlyInJava() > 0);
        String r = d.report();
        assertTrue(r.startsWith("state graphs differ"), r);
        assertTrue(r.contains("states only in Java: " + d.statesOnlyInJava()), r);
        assertTrue(r.contains("count=3"), r);
        assertTrue(r.contains("edges only in Java"), r);
        assertTrue(r.contains("- Inc from"), r);
    }

    @Test
    void constraintSemanticsMatchTlc(@TempDir Path tmp) throws Exception {
        Path dot = tmp.resolve("counter.dot");
        TlcResult t = Tlc.run(specDir, "Counter", "Counter.cfg", Optional.of(dot), TIMEOUT);
        assertTrue(t.succeeded(), t.report());
        Explorer.Result j = Explorer.of(new ExplorerTest.Counter(Set.of(0, 5)))
                .constraint(ExplorerTest.BELOW_3).explore();
        StateGraph g = StateGraph.fromDot(dot);
        assertTrue(StateGraph.compare(j.graph(), g).same(), StateGraph.compare(j.graph(), g).report());
        assertEquals(Set.of("x=0"), g.initial());
        assertEquals(3, t.distinctStates());
        assertEquals(6, t.statesGenerated());
        assertEquals(t.distinctStates(), j.distinctStates());
        assertEquals(t.statesGenerated(), j.statesGenerated());
        assertEquals(t.depth(), j.depth());

        TlcResult v = Tlc.run(specDir, "Counter", "CounterNot7.cfg", Optional.empty(), TIMEOUT);
        assertEquals(Optional.of("Not7"), v.violatedInvariant(), v.report());
        assertEquals("x=7", v.traceStates().getLast().canonical().orElseThrow());
        Explorer.Violation jv = Explorer.of(new ExplorerTest.Counter(Set.of(0, 5)))
                .constraint(ExplorerTest.BELOW_3).invariant("Not7", x -> x != 7).explore().violation().orElseThrow();
        assertEquals(v.traceStates().size(), jv.traceLength());
    }

    @Test
    void invariantViolationIsReportedByTlcAndExplorer() {
        TlcResult t = Tlc.run(specDir, "MCToy", "MCToyViolation.cfg", Optional.empty(), TIMEOUT);
        assertEquals(TlcResult.Outcome.INVARIANT_VIOLATION, t.outcome(), t.report());
        assertEquals(Optional.of("IncsBelow3"), t.violatedInvariant());

        ToyModel m = ToyModel.faithful();
        Explorer.Result j = Explorer.of(m).modelValues(m.modelValues()).constraint(ToyModel::constraint)
                .invariant("TypeOK", m::typeOk).invariant("IncsBelow3", ToyModel::incsBelow3).explore();
        Explorer.Violation v = j.violation().orElseThrow();
        assertEquals("IncsBelow3", v.invariant());
        assertEquals(t.traceStates().size(), v.traceLength());
        assertEquals(List.of("Inc", "Inc", "Reset", "Inc"), v.rules());
        assertTrue(t.trace().startsWith("State 1: <Initial predicate>"), t.trace());

        // TLC's counterexample is a path of the Java graph, action for action
        StateGraph full = explore(m).graph();
        List<TlcResult.TraceState> ts = t.traceStates();
        assertTrue(full.initial().contains(ts.getFirst().canonical().orElseThrow()));
        for (int i = 1; i < ts.size(); i++) {
            StateGraph.Edge e = new StateGraph.Edge(ts.get(i - 1).canonical().orElseThrow(), ts.get(i).action(),
                    ts.get(i).canonical().orElseThrow());
            assertTrue(full.edges().contains(e), "not a Java edge: " + e);
        }
        assertTrue(ts.getLast().canonical().orElseThrow().contains("stats=[incs |-> 3, resets |-> 1]"));
    }

    @Test
    void invariantViolatedOnlyInConstraintExcludedStatesIsStillReported() {
        TlcResult t = Tlc.run(specDir, "MCToy", "MCToyExcluded.cfg", Optional.empty(), TIMEOUT);
        assertEquals(Optional.of("ResetsBelow2"), t.violatedInvariant(), t.report());

        ToyModel m = ToyModel.faithful();
        Explorer.Result j = Explorer.of(m).modelValues(m.modelValues()).constraint(ToyModel::constraint)
                .invariant("TypeOK", m::typeOk).invariant("ResetsBelow2", s -> s.resets() < 2).explore();
        Explorer.Violation v = j.violation().orElseThrow();
        assertEquals("ResetsBelow2", v.invariant());
        assertEquals(t.traceStates().size(), v.traceLength());
        assertEquals(t.traceStates().getLast().canonical().orElseThrow(), v.state());
    }
}
