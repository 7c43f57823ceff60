package kpath.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StateGraphTest {

    /** As TLC 2.18 wrote it for x' = x + 1 up to 3, 2 -> 1, a self-loop at 3, with Init x \in {0, 1}. */
    static final String DOT = """
            strict digraph DiskGraph {
            nodesep=0.35;
            subgraph cluster_graph {
            color="white";
            4307319475485417813 [label="/\\\\ s = \\"a\\\\\\"b\\"\\n/\\\\ x = 0",style = filled]
            -3233400687116969744 [label="/\\\\ s = \\"a\\\\\\"b\\"\\n/\\\\ x = 1",style = filled]
            4307319475485417813 -> -3233400687116969744 [label="Next",color="black",fontcolor="black"];
            -3233400687116969744 -> 1582247605667802591 [label="Next",color="black",fontcolor="black"];
            1582247605667802591 [label="/\\\\ s = \\"a\\\\\\"b\\"\\n/\\\\ x = 2"];
            1582247605667802591 -> 210738062449765274 [label="Next",color="black",fontcolor="black"];
            210738062449765274 [label="/\\\\ s = \\"a\\\\\\"b\\"\\n/\\\\ x = 3"];
            1582247605667802591 -> -3233400687116969744 [label="Back",color="black",fontcolor="black"];
            210738062449765274 -> 210738062449765274 [label="Stay",color="black",fontcolor="black"];
            {rank = same; 4307319475485417813;-3233400687116969744;}
            {rank = same; 1582247605667802591;}
            {rank = same; 210738062449765274;}
            }
            }
            """;

    static String st(int x) {
        return "s=\"a\\\"b\"\nx=" + x;
    }

    @Test
    void parsesTlcDotDump() {
        StateGraph g = StateGraph.parseDot(DOT);
        assertEquals(Set.of(st(0), st(1), st(2), st(3)), g.states());
        assertEquals(Set.of(st(0), st(1)), g.initial());
        assertEquals(Set.of(new StateGraph.Edge(st(0), "Next", st(1)), new StateGraph.Edge(st(1), "Next", st(2)),
                new StateGraph.Edge(st(2), "Next", st(3)), new StateGraph.Edge(st(2), "Back", st(1)),
                new StateGraph.Edge(st(3), "Stay", st(3))), g.edges());
        assertEquals(4, g.withoutSelfLoops().edges().size());
    }

    @Test
    void equalGraphsCompareEqual() {
        GraphDiff d = StateGraph.compare(StateGraph.parseDot(DOT), StateGraph.parseDot(DOT));
        assertTrue(d.same(), d.report());
        assertTrue(d.report().startsWith("state graphs are equal"));
    }

    @Test
    void differencesAreReportedWithExamples() {
        StateGraph tlc = StateGraph.parseDot(DOT);
        StateGraph java = new StateGraph(Set.of(st(0), st(1), st(2), st(4)), Set.of(st(0)),
                Set.of(new StateGraph.Edge(st(0), "Next", st(1)), new StateGraph.Edge(st(1), "Next", st(2)),
                        new StateGraph.Edge(st(2), "Next", st(4))));
        GraphDiff d = StateGraph.compare(java, tlc, 1);
        assertFalse(d.same());
        assertEquals(1, d.statesOnlyInJava());
        assertEquals(1, d.statesOnlyInTlc());
        assertEquals(1, d.initialOnlyInTlc());
        assertEquals(1, d.edgesOnlyInJava());
        assertEquals(3, d.edgesOnlyInTlc());
        assertEquals(1, d.exampleEdgesOnlyInTlc().size());
        String r = d.report();
        assertTrue(r.contains("states only in Java: 1\n  -\n      s=\"a\\\"b\"\n      x=4"), r);
        assertTrue(r.contains("edges only in TLC: 3 (first 1 shown)"), r);
        assertTrue(r.contains("to (changed variables only)\n      x="), r);
    }

    @Test
    void sameStatesWithADifferentEdgeOrLabelAreDifferentGraphs() {
        StateGraph tlc = StateGraph.parseDot(DOT);
        // the same nodes and initial states; one edge relabelled (a FIFO queue where the spec has LIFO
        // shows up this way), then one edge dropped (a wake-up that no longer happens)
        java.util.Set<StateGraph.Edge> relabelled = new java.util.TreeSet<>(tlc.edges());
        relabelled.remove(new StateGraph.Edge(st(2), "Back", st(1)));
        relabelled.add(new StateGraph.Edge(st(2), "Forth", st(1)));
        GraphDiff d = StateGraph.compare(new StateGraph(tlc.states(), tlc.initial(), relabelled), tlc);
        assertFalse(d.same(), "a relabelled edge must make the graphs differ");
        assertEquals(0, d.statesOnlyInJava() + d.statesOnlyInTlc());
        assertEquals(1, d.edgesOnlyInJava());
        assertEquals(1, d.edgesOnlyInTlc());
        java.util.Set<StateGraph.Edge> dropped = new java.util.TreeSet<>(tlc.edges());
        dropped.remove(new StateGraph.Edge(st(1), "Next", st(2)));
        GraphDiff e = StateGraph.compare(new StateGraph(tlc.states(), tlc.initial(), dropped), tlc);
        assertFalse(e.same(), "a missing edge between equal nodes must make the graphs differ");
        assertEquals(0, e.edgesOnlyInJava());
        assertEquals(1, e.edgesOnlyInTlc());
    }

    @Test
    void rejectsEdgesToUnknownNodes() {
        assertThrows(IllegalArgumentException.class, () -> StateGraph.parseDot("1 -> 2 [label=\"A\"];"));
    }
}
