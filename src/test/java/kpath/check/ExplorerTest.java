package kpath.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import kpath.model.Model;
import kpath.model.Rule;
import kpath.model.RuleClass;
import kpath.model.Transition;
import org.junit.jupiter.api.Test;

class ExplorerTest {

    /** x' = x + 1 while x < 3 (A), 2 -> 7 (B), 5 -> 0 (C): src/test/resources/kpath/check/Counter.tla. */
    record Counter(Set<Integer> init) implements Model<Integer, String> {
        enum R implements Rule {
            A, B, C;

            public RuleClass ruleClass() {
                return RuleClass.KERNEL;
            }

            public String summary() {
                return "counter step " + name();
            }
        }

        public Set<Integer> initialStates() {
            return init;
        }

        public List<String> actions(Integer s) {
            return List.of("A", "B", "C");
        }

        public List<Transition<Integer>> successors(Integer x, String a) {
            List<Transition<Integer>> t = new ArrayList<>();
            switch (a) {
                case "A" -> { if (x < 3) t.add(new Transition<>(R.A, x + 1)); }
                case "B" -> { if (x == 2) t.add(new Transition<>(R.B, 7)); }
                default -> { if (x == 5) t.add(new Transition<>(R.C, 0)); }
            }
            return t;
        }

        public SortedMap<String, Object> variables(Integer x) {
            return new TreeMap<>(Map.of("x", x));
        }

        public SortedMap<String, Object> observables(Integer x) {
            return new TreeMap<>(Map.of("odd", x % 2 == 1));
        }
    }

    static final Predicate<Integer> BELOW_3 = x -> x < 3;

    @Test
    void constraintExcludedStatesAreGeneratedButNotKept() {
        // TLC on such a spec: "5 states generated, 3 distinct states found", depth 3, DOT without x = 3, x = 7
        Explorer.Result r = Explorer.explore(new Counter(Set.of(0)), Optional.of(BELOW_3), Map.of());
        assertEquals(3, r.distinctStates());
        assertEquals(5, r.statesGenerated());
        assertEquals(3, r.depth());
        assertEquals(Set.of("x=0", "x=1", "x=2"), r.graph().states());
        assertEquals(2, r.edges());
        assertTrue(r.violation().isEmpty());
    }

    @Test
    void excludedInitialStatesAreNotKeptEither() {
        // TLC on Counter.tla: "2 states generated, with 1 of them distinct" initially,
        // "6 states generated, 3 distinct states found" in all (TlcCrossCheckTest checks it)
        Explorer.Result r = Explorer.explore(new Counter(Set.of(0, 5)), Optional.of(BELOW_3), Map.of());
        assertEquals(Set.of("x=0"), r.graph().initial());
        assertEquals(3, r.distinctStates());
        assertEquals(6, r.statesGenerated());
    }

    @Test
    void invariantsAreCheckedBeforeTheConstraint() {
        // TLC reports "Invariant Inv is violated" for x = 7 although the constraint excludes it
        Explorer.Result r = Explorer.of(new Counter(Set.of(0))).constraint(BELOW_3)
                .invariant("Inv", x -> x != 7).explore();
        Explorer.Violation v = r.violation().orElseThrow();
        assertEquals("Inv", v.invariant());
        assertEquals(List.of("A", "A", "B"), v.actions());
        assertEquals(4, v.traceLength());
        assertEquals("x=7", v.state());
        assertTrue(v.toString().contains("3. B [B]"), v.toString());
    }

    @Test
    void aViolatingInitialStateIsReportedWithAnEmptyPath() {
        Explorer.Result r = Explorer.of(new Counter(Set.of(0, 5))).constraint(BELOW_3)
                .invariant("Inv", x -> x < 5).explore();
        assertEquals(List.of(), r.violation().orElseThrow().actions());
        assertEquals("x=5", r.violation().orElseThrow().state());
    }

    @Test
    void withoutConstraintEverythingIsKept() {
        Explorer.Result r = Explorer.explore(new Counter(Set.of(0)), Optional.empty(), Map.of());
        assertEquals(Set.of("x=0", "x=1", "x=2", "x=3", "x=7"), r.graph().states());
        assertFalse(r.graph().edges().isEmpty());
        assertEquals(4, r.depth());
    }

    @Test
    void invariantsGivenAsAMapAreChecked() {
        Explorer.Result r = Explorer.explore(new Counter(Set.of(0)), Optional.empty(), Map.of("Not7", x -> x != 7));
        assertEquals("Not7", r.violation().orElseThrow().invariant());
    }

    @Test
    void maxStatesBoundsTheDistinctStatesKept() {
        // five states are reachable: 0, 1, 2, 3, 7
        assertEquals(5, Explorer.of(new Counter(Set.of(0))).maxStates(5).explore().distinctStates());
        assertThrows(IllegalStateException.class, () -> Explorer.of(new Counter(Set.of(0))).maxStates(4).explore());
    }

    @Test
    void observablesAreAddedAsTheVariableObs() {
        Explorer.Result r = Explorer.of(new Counter(Set.of(0))).withObservables().constraint(BELOW_3).explore();
        assertEquals(Set.of("obs=[odd |-> FALSE]\nx=0"), r.graph().initial());
        assertTrue(r.graph().states().contains("obs=[odd |-> TRUE]\nx=1"), r.graph().states()::toString);
    }

    @Test
    void withoutObservablesIsTheGraphExploredWithoutThem() {
        Explorer.Result plain = Explorer.of(new Counter(Set.of(0, 5))).explore();
        Explorer.Result stripped = Explorer.of(new Counter(Set.of(0, 5))).withObservables().explore().withoutObservables();
        assertEquals(plain.graph().states(), stripped.graph().states());
        assertEquals(plain.graph().initial(), stripped.graph().initial());
        assertEquals(plain.graph().edges(), stripped.graph().edges());
        assertEquals(List.of(plain.distinctStates(), plain.statesGenerated(), plain.edges(), (long) plain.depth()),
                List.of(stripped.distinctStates(), stripped.statesGenerated(), stripped.edges(), (long) stripped.depth()));
        // a violation's state loses its obs line too
        Explorer.Violation v = Explorer.of(new Counter(Set.of(0))).withObservables().invariant("Inv", x -> x != 7)
                .explore().withoutObservables().violation().orElseThrow();
        assertEquals("x=7", v.state());
        assertEquals(List.of("A", "A", "B"), v.actions());
    }

    @Test
    void modelValuesAreRenderedBare() {
        // MCToy.cfg makes the clients model values, so owner is a function over them, not a record
        ToyModel toy = ToyModel.faithful();
        String init = Explorer.of(toy).modelValues(toy.modelValues()).constraint(ToyModel::constraint)
                .explore().graph().initial().iterator().next();
        assertTrue(init.contains("owner=(c1 :> 0 @@ c2 :> 0)"), init);
        String plain = Explorer.of(toy).constraint(ToyModel::constraint).explore().graph().initial().iterator().next();
        assertTrue(plain.contains("owner=[c1 |-> 0, c2 |-> 0]"), plain);
    }

    @Test
    void textIsRenderedWhenTheGraphIsFirstAskedForOnceAState() {
        int[] rendered = {0};
        Counter c = new Counter(Set.of(0));
        Model<Integer, String> counted = new Model<>() {
            public Set<Integer> initialStates() {
                return c.initialStates();
            }

            public List<String> actions(Integer s) {
                return c.actions(s);
            }

            public List<Transition<Integer>> successors(Integer s, String a) {
                return c.successors(s, a);
            }

            public SortedMap<String, Object> variables(Integer s) {
                rendered[0]++;
                return c.variables(s);
            }
        };
        Explorer.Result r = Explorer.of(counted).explore();
        assertEquals(List.of(0L, 5L, 5L), List.of((long) rendered[0], r.javaStates(), r.statesGenerated()));
        assertEquals(5, r.distinctStates());
        assertEquals(5, rendered[0]);
        assertEquals(Set.of("x=0", "x=1", "x=2", "x=3", "x=7"), r.graph().states());
        assertEquals(4, r.edges());
        assertEquals(5, rendered[0]);
    }

    @Test
    void aStoppedSearchKeepsTheEdgesFoundBeforeTheViolation() {
        // 0 -A-> 1 -A-> 2; from 2, A reaches 3 (excluded by the constraint), then B reaches 7, which is bad
        Explorer.Result r = Explorer.of(new Counter(Set.of(0))).constraint(BELOW_3).invariant("Inv", x -> x != 7).explore();
        assertEquals(Set.of(new StateGraph.Edge("x=0", "A", "x=1"), new StateGraph.Edge("x=1", "A", "x=2")),
                r.graph().edges());
        assertEquals(Set.of("x=0", "x=1", "x=2"), r.graph().states());
        assertEquals(List.of(3L, 3L, 5L, 3L), List.of(r.distinctStates(), r.javaStates(), r.statesGenerated(), (long) r.depth()));
    }

    @Test
    void everyEdgeKeepsItsRuleAndItsEnds() {
        Explorer.Result r = Explorer.explore(new Counter(Set.of(0, 5)), Optional.empty(), Map.of());
        assertEquals(Set.of(new StateGraph.Edge("x=0", "A", "x=1"), new StateGraph.Edge("x=1", "A", "x=2"),
                new StateGraph.Edge("x=2", "A", "x=3"), new StateGraph.Edge("x=2", "B", "x=7"),
                new StateGraph.Edge("x=5", "C", "x=0")), r.graph().edges());
        assertEquals(Set.of("x=0", "x=5"), r.graph().initial());
        assertEquals(5, r.edges());
    }

    @Test
    void aViolationOneStepFromAnInitialStateHasThatStep() {
        Explorer.Violation v = Explorer.of(new Counter(Set.of(0))).invariant("Not1", x -> x != 1).explore()
                .violation().orElseThrow();
        assertEquals(List.of("A"), v.actions());
        assertEquals("x=1", v.state());
    }

    /** x' = x + 1 (rule A, by either of two actions) and x' = x + 2 (rule B) while x < n. */
    record Chain(int n) implements Model<Integer, String> {
        public Set<Integer> initialStates() {
            return Set.of(0);
        }

        public List<String> actions(Integer s) {
            return List.of("A1", "A2", "B");
        }

        public List<Transition<Integer>> successors(Integer x, String a) {
            if (x >= n) {
                return List.of();
            }
            return List.of(a.equals("B") ? new Transition<>(Counter.R.B, x + 2) : new Transition<>(Counter.R.A, x + 1));
        }

        public SortedMap<String, Object> variables(Integer x) {
            return new TreeMap<>(Map.of("x", x));
        }
    }

    @Test
    void aLargeGraphKeepsEveryEdgeOnceHoweverManyActionsMakeIt() {
        // 3 000 states and more edges than the explorer's first arrays hold
        Explorer.Result r = Explorer.of(new Chain(2999)).explore();
        assertEquals(3001, r.javaStates());                  // 0 .. 3000
        assertEquals(1 + 3 * 2999, r.statesGenerated());
        assertEquals(2 * 2999, r.edges());                   // A1 and A2 make one edge
        assertTrue(r.graph().edges().contains(new StateGraph.Edge("x=2998", "B", "x=3000")));
        assertTrue(r.graph().edges().contains(new StateGraph.Edge("x=2998", "A", "x=2999")));
        assertEquals(1501, r.depth());                       // 0, 2, 4, ..., 3000 by B
        Explorer.Result exact = Explorer.of(new Chain(1022)).explore();   // as many states as the first arrays hold
        assertEquals(1024, exact.javaStates());
        assertEquals(2 * 1022, exact.edges());
    }
}
