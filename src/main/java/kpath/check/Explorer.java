package kpath.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import kpath.model.Model;
import kpath.model.Transition;

/**
 * Breadth-first exploration of a {@link Model}, doing what TLC does with the same bounds, so that
 * its {@link StateGraph} can be compared with TLC's DOT dump.
 *
 * <p>TLC 2.18 semantics followed here (measured with toy specs):
 * <ul>
 *   <li>Every generated state, initial or successor, is checked against the invariants
 *       <em>before</em> the CONSTRAINT: TLC reports a violation in a state the constraint excludes.
 *   <li>A state that fails the CONSTRAINT is neither counted as distinct, nor expanded, nor
 *       written to the DOT dump, and neither is the edge to it; it is counted as generated
 *       ({@code N states generated}). This holds for initial states as well.
 *   <li>Depth is the number of BFS levels, the initial states being level 1.
 *   <li>Generated = initial states + every successor of every expanded state (duplicates and
 *       excluded ones included).
 *   <li>On the first violation the search stops; the path is a shortest one.
 * </ul>
 * The search keeps Java states (told apart by {@code equals}, each expanded once) and numbered
 * edges; each state's canonical text ({@link StateText}), by which TLC's graph is compared, is
 * rendered once, after the search, when the graph is first asked for. Java states equal in text
 * but not as objects are then one state of the graph ({@link Result#distinctStates()} against
 * {@link Result#javaStates()}).
 *
 * @param <S> the model's state
 * @param <A> the model's action
 */
public final class Explorer<S, A> {

    /** A violated invariant, the actions that lead to it from an initial state, and the state. */
    public record Violation(String invariant, List<String> actions, List<String> rules, String state) {
        public Violation {
            actions = List.copyOf(actions);
            rules = List.copyOf(rules);
        }

        /** The length of TLC's counterexample for it: the initial state plus one state per step. */
        public int traceLength() {
            return actions.size() + 1;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("Invariant ").append(invariant).append(" is violated after ")
                    .append(actions.size()).append(" step(s)");
            for (int i = 0; i < actions.size(); i++) {
                b.append("\n  ").append(i + 1).append(". ").append(actions.get(i)).append(" [").append(rules.get(i)).append(']');
            }
            return b.append("\nin state:\n  ").append(state.replace("\n", "\n  ")).toString();
        }
    }

    /**
     * What the exploration found. {@code distinctStates} counts distinct state texts (TLC's
     * "distinct states found"), {@code javaStates} distinct Java state objects; {@code depth} is
     * TLC's "depth of the complete state graph search".
     *
     * <p>The exploration keeps Java states and numbered edges; the TLA+ text of every state, the
     * {@link StateGraph}, and the counts that depend on texts ({@code distinctStates}, {@code edges},
     * {@code depth}) are rendered once, when first asked for (a comparison with TLC's graph asks;
     * counting Java states and states generated does not).
     */
    public static final class Result {
        private final long javaStates;
        private final long statesGenerated;
        private final Optional<Violation> violation;
        private java.util.function.Supplier<Rendered> render;
        private Rendered rendered;

        /** The graph and the counts that depend on state texts. */
        private record Rendered(StateGraph graph, long distinctStates, long edges, int depth) {}

        public Result(StateGraph graph, long distinctStates, long javaStates, long statesGenerated, long edges, int depth,
                      Optional<Violation> violation) {
            this(javaStates, statesGenerated, violation, null);
            this.rendered = new Rendered(graph, distinctStates, edges, depth);
        }

        private Result(long javaStates, long statesGenerated, Optional<Violation> violation,
                       java.util.function.Supplier<Rendered> render) {
            this.javaStates = javaStates;
            this.statesGenerated = statesGenerated;
            this.violation = violation;
            this.render = render;
        }

        private synchronized Rendered rendered() {
            if (rendered == null) {
                rendered = render.get();
                render = null;          // the Java states it held can go
            }
            return rendered;
        }

        public StateGraph graph() {
            return rendered().graph();
        }

        public long distinctStates() {
            return rendered().distinctStates();
        }

        public long javaStates() {
            return javaStates;
        }

        public long statesGenerated() {
            return statesGenerated;
        }

        public long edges() {
            return rendered().edges();
        }

        public int depth() {
            return rendered().depth();
        }

        public Optional<Violation> violation() {
            return violation;
        }

        /**
         * This result without the variable {@code obs} of {@link #withObservables}: the observables are
         * a function of the state, so it is the graph an exploration without them finds (one
         * exploration then serves the graph comparison and the observables check).
         */
        public Result withoutObservables() {
            Map<String, String> memo = new HashMap<>();
            java.util.function.Function<String, String> strip = t -> memo.computeIfAbsent(t, Explorer::withoutObs);
            StateGraph graph = graph();
            Set<String> states = new HashSet<>();
            graph.states().forEach(t -> states.add(strip.apply(t)));
            Set<String> initial = new HashSet<>();
            graph.initial().forEach(t -> initial.add(strip.apply(t)));
            Set<StateGraph.Edge> es = new HashSet<>();
            graph.edges().forEach(e -> es.add(new StateGraph.Edge(strip.apply(e.from()), e.label(), strip.apply(e.to()))));
            return new Result(new StateGraph(states, initial, es), distinctStates(), javaStates, statesGenerated,
                    edges(), depth(), violation.map(v -> new Violation(v.invariant(), v.actions(), v.rules(),
                    strip.apply(v.state()))));
        }

        @Override
        public String toString() {
            return "Explorer.Result[" + javaStates + " Java states, " + statesGenerated + " generated"
                    + violation.map(v -> ", " + v.invariant() + " violated").orElse("") + "]";
        }
    }

    /** A state text without its {@code obs=} line. */
    static String withoutObs(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("obs=")) {
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }

    private final Model<S, A> model;
    private Predicate<S> constraint = s -> true;
    private final Map<String, Predicate<S>> invariants = new LinkedHashMap<>();
    private Set<String> modelValues = Set.of();
    private long maxStates = Long.MAX_VALUE;
    private boolean observables;

    private Explorer(Model<S, A> model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    public static <S, A> Explorer<S, A> of(Model<S, A> model) {
        return new Explorer<>(model);
    }

    /** Explores {@code model}, keeping only states that satisfy {@code constraint}, checking {@code invariants} in order. */
    public static <S, A> Result explore(Model<S, A> model, Optional<Predicate<S>> constraint,
                                        Map<String, Predicate<S>> invariants) {
        Explorer<S, A> e = of(model).invariants(invariants);
        constraint.ifPresent(e::constraint);
        return e.explore();
    }

    /** The state constraint, as TLC's CONSTRAINT. */
    public Explorer<S, A> constraint(Predicate<S> constraint) {
        this.constraint = Objects.requireNonNull(constraint, "constraint");
        return this;
    }

    /** Adds an invariant; invariants are checked in the order added. */
    public Explorer<S, A> invariant(String name, Predicate<S> invariant) {
        invariants.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(invariant, "invariant"));
        return this;
    }

    public Explorer<S, A> invariants(Map<String, Predicate<S>> invariants) {
        invariants.forEach(this::invariant);
        return this;
    }

    /** Strings that the spec's .cfg makes model values (see {@link TlaValue#fromJava(Object, Set)}). */
    public Explorer<S, A> modelValues(Set<String> modelValues) {
        this.modelValues = Set.copyOf(modelValues);
        return this;
    }

    /**
     * Adds the model's observables to every state, as a variable {@code obs} (what
     * {@link GraphComparison#observables} compares with the spec's {@code Observables}).
     */
    public Explorer<S, A> withObservables() {
        this.observables = true;
        return this;
    }

    private String render(S s) {
        return render(s, new StateText.Memo(modelValues));
    }

    /** {@code s}'s text, made with {@code memo} (one per rendering of a whole exploration). */
    private String render(S s, StateText.Memo memo) {
        java.util.SortedMap<String, Object> vs = model.variables(s);
        if (observables) {
            vs = new java.util.TreeMap<>(vs);
            vs.put("obs", model.observables(s));
        }
        return memo.of(vs);
    }

    /** Fails the exploration when more distinct Java states than this are kept. */
    public Explorer<S, A> maxStates(long maxStates) {
        this.maxStates = maxStates;
        return this;
    }

    /**
     * A {@link FingerprintExplorer} with this explorer's model, constraint, invariants, model values
     * and state limit (the observables are a function of the state: it needs none).
     */
    public FingerprintExplorer<S, A> counting() {
        return FingerprintExplorer.of(model).constraint(constraint).invariants(invariants).modelValues(modelValues)
                .maxStates(maxStates);
    }

    /** A kept state: its BFS level, its parent's number (-1 for an initial state) and the step from there. */
    private record Node<S, A>(S state, int level, int parent, A action, String rule) {}

    /**
     * The exploration: Java states numbered in BFS order, each state's edges as numbers (rule
     * number and successor number, packed in a long) from {@code edgeStart[i]} on; no text yet.
     */
    public Result explore() {
        Map<S, Integer> ids = new HashMap<>();
        List<Node<S, A>> nodes = new ArrayList<>();
        Set<S> excluded = new HashSet<>();              // generated, checked, failed the constraint
        List<Integer> initial = new ArrayList<>();
        Map<String, Integer> ruleIds = new HashMap<>();
        List<String> rules = new ArrayList<>();
        long[] edges = new long[1024];
        int edgeCount = 0;
        int[] edgeStart = new int[1024];
        long generated = 0;

        for (S s : model.initialStates()) {
            generated++;
            Optional<String> bad = violated(s);
            if (bad.isPresent()) {
                return violation(nodes, initial, rules, edges, edgeStart, edgeCount, bad.get(), -1, null, null, s, generated);
            }
            if (!constraint.test(s)) {
                excluded.add(s);
                continue;
            }
            Integer id = ids.get(s);
            if (id == null) {
                id = nodes.size();
                ids.put(s, id);
                nodes.add(new Node<>(s, 1, -1, null, null));
            }
            initial.add(id);
        }
        for (int i = 0; i < nodes.size(); i++) {         // the list is the BFS queue
            Node<S, A> node = nodes.get(i);
            S s = node.state();
            if (i + 1 == edgeStart.length) {               // one more state's offset, and the end's
                edgeStart = java.util.Arrays.copyOf(edgeStart, edgeStart.length * 2);
            }
            edgeStart[i] = edgeCount;
            for (A a : model.actions(s)) {
                for (Transition<S> tr : model.successors(s, a)) {
                    generated++;
                    S n = tr.next();
                    String label = tr.rule().name();
                    Integer to = ids.get(n);
                    if (to == null) {
                        if (excluded.contains(n)) {
                            continue;
                        }
                        Optional<String> bad = violated(n);
                        if (bad.isPresent()) {
                            return violation(nodes, initial, rules, edges, edgeStart, edgeCount, bad.get(), i, a, label, n, generated);
                        }
                        if (!constraint.test(n)) {
                            excluded.add(n);
                            continue;
                        }
                        to = nodes.size();
                        ids.put(n, to);
                        nodes.add(new Node<>(n, node.level() + 1, i, a, label));
                        if (nodes.size() > maxStates) {
                            throw new IllegalStateException("more than " + maxStates + " states; tighten the bounds or the constraint");
                        }
                    }
                    Integer rule = ruleIds.get(label);
                    if (rule == null) {
                        rule = rules.size();
                        ruleIds.put(label, rule);
                        rules.add(label);
                    }
                    if (edgeCount == edges.length) {
                        edges = java.util.Arrays.copyOf(edges, edges.length * 2);
                    }
                    edges[edgeCount++] = (long) rule << 32 | to;  // an edge made twice is one in the graph's set
                }
            }
        }
        edgeStart[nodes.size()] = edgeCount;
        long[] es = edges;
        int[] starts = edgeStart;
        int expanded = nodes.size();
        return new Result(nodes.size(), generated, Optional.empty(),
                () -> render(nodes, initial, rules, es, starts, expanded));
    }

    /**
     * The texts, the graph and the counts by text of the kept states, with the edges of the first
     * {@code expanded} of them (all, unless a violation stopped the search).
     */
    private Result.Rendered render(List<Node<S, A>> nodes, List<Integer> initialIds, List<String> rules, long[] edges,
                                   int[] edgeStart, int expanded) {
        String[] text = new String[nodes.size()];
        Map<String, Integer> textLevel = new HashMap<>();
        StateText.Memo memo = new StateText.Memo(modelValues);
        for (int i = 0; i < text.length; i++) {
            Node<S, A> n = nodes.get(i);
            text[i] = render(n.state(), memo);
            textLevel.putIfAbsent(text[i], n.level());      // BFS order: the first is the lowest level
        }
        Set<String> initial = new HashSet<>();
        initialIds.forEach(id -> initial.add(text[id]));
        Set<StateGraph.Edge> es = new HashSet<>();
        for (int i = 0; i < expanded; i++) {
            for (int k = edgeStart[i]; k < edgeStart[i + 1]; k++) {
                es.add(new StateGraph.Edge(text[i], rules.get((int) (edges[k] >>> 32)), text[(int) edges[k]]));
            }
        }
        int depth = textLevel.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        StateGraph g = StateGraph.owning(new HashSet<>(textLevel.keySet()), initial, es);
        return new Result.Rendered(g, g.states().size(), es.size(), depth);
    }

    /**
     * The search stopped at {@code bad}, reached from kept state {@code from} by {@code action}
     * (or an initial state: {@code from} -1): the path, and the graph of what was kept so far
     * (the edges of the states expanded before, and of {@code from} up to this step).
     */
    private Result violation(List<Node<S, A>> nodes, List<Integer> initial, List<String> ruleNames, long[] edges,
                             int[] edgeStart, int edgeCount, String invariant, int from, A action, String rule, S bad,
                             long generated) {
        List<String> actions = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        if (from >= 0) {
            actions.add(action.toString());
            rules.add(rule);
            edgeStart[from + 1] = edgeCount;
        }
        for (int i = from; i != -1 && nodes.get(i).parent() != -1; i = nodes.get(i).parent()) {
            actions.add(nodes.get(i).action().toString());
            rules.add(nodes.get(i).rule());
        }
        Collections.reverse(actions);
        Collections.reverse(rules);
        Violation v = new Violation(invariant, actions, rules, render(bad));
        int expanded = from + 1;
        return new Result(nodes.size(), generated, Optional.of(v),
                () -> render(nodes, initial, ruleNames, edges, edgeStart, expanded));
    }

    private Optional<String> violated(S s) {
        for (Map.Entry<String, Predicate<S>> e : invariants.entrySet()) {
            if (!e.getValue().test(s)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

}
