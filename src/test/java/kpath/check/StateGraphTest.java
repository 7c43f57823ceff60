package kpath.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void theReportShowsEveryKindOfDifference() {
        String a = "x=0\ny=0";
        String b = "x=1\ny=0";
        String c = "x=2\ny=0";
        StateGraph java = new StateGraph(Set.of(a, b), Set.of(a), Set.of(new StateGraph.Edge(a, "Inc", b)));
        StateGraph tlc = new StateGraph(Set.of(a, c), Set.of(c), Set.of(new StateGraph.Edge(c, "Stay", c)));
        GraphDiff d = StateGraph.compare(java, tlc);
        assertEquals("""
                state graphs differ
                                        Java        TLC
                  states                   2          2
                  initial states           1          1
                  edges                    1          1
                states only in Java: 1
                  -
                      x=1
                      y=0
                states only in TLC: 1
                  -
                      x=2
                      y=0
                initial states only in Java: 1
                  -
                      x=0
                      y=0
                initial states only in TLC: 1
                  -
                      x=2
                      y=0
                edges only in Java: 1
                  - Inc from
                      x=0
                      y=0
                    to (changed variables only)
                      x=1
                edges only in TLC: 1
                  - Stay from
                      x=2
                      y=0
                    to itself
                """, d.report());
        assertEquals(d.report(), d.toString());
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
    void readsTheDumpFromItsFile(@TempDir Path tmp) throws Exception {
        Path dot = Files.writeString(tmp.resolve("g.dot"), DOT);
        StateGraph g = StateGraph.fromDot(dot);
        assertEquals(StateGraph.parseDot(DOT).edges(), g.edges());
        assertEquals("StateGraph[4 states, 2 initial, 5 edges]", g.toString());
    }

    @Test
    void indentationDoesNotMatter() {
        StateGraph indented = StateGraph.parseDot(DOT.indent(4));
        StateGraph g = StateGraph.parseDot(DOT);
        assertEquals(g.states(), indented.states());
        assertEquals(g.initial(), indented.initial());
        assertEquals(g.edges(), indented.edges());
    }

    @Test
    void nodeStatementsWithoutAttributesAreSkipped() {
        // valid DOT that TLC does not write; the last one ends the text without a line break
        StateGraph g = StateGraph.parseDot(DOT + "42;\n-42");
        assertEquals(StateGraph.parseDot(DOT).edges(), g.edges());
    }

    @Test
    void bareAttributeValuesEndAtACommaAndStatementsAtTheEndOfText() {
        StateGraph g = StateGraph.parseDot("1 [style=filled,label=\"x = 1\"]\n1 -> 1 [label=Stay];\n}");
        assertEquals(Set.of("x=1"), g.initial());
        assertEquals(Set.of(new StateGraph.Edge("x=1", "Stay", "x=1")), g.edges());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "1 -> => edge target expected at offset 4",
            "1 -> x => edge target expected at offset 5",
            "1 [label= => DOT attribute expected at offset 9",
            "1 [label=abc => DOT attribute expected at offset 12",
            "1 [label=\"abc => unterminated DOT string",
            "1 [label=\"ab\\ => unterminated DOT string",
            "1 [label => '=' expected in attribute list at offset 8",
            "1 [style=filled] => node 1 has no label",
    })
    void malformedDumpsAreRejectedWithWhere(String dot, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> StateGraph.parseDot(dot)).getMessage());
    }

    @Test
    void rejectsEdgesToUnknownNodes() {
        assertThrows(IllegalArgumentException.class, () -> StateGraph.parseDot("1 -> 2 [label=\"A\"];"));
    }
}
