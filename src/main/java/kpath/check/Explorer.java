package kpath.check;

import java.util.ArrayDeque;
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
 * States are told apart by their canonical text ({@link StateText}), as TLC tells them apart by
 * their variables; Java states equal in text but not as objects are all expanded (see
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
     */
    public record Result(StateGraph graph, long distinctStates, long javaStates, long statesGenerated,
                         long edges, int depth, Optional<Violation> violation) {

        /**
         * This result without the variable {@code obs} of {@link #withObservables}: the observables are
         * a function of the state, so it is the graph an exploration without them finds (one
         * exploration then serves the graph comparison and the observables check).
         */
        public Result withoutObservables() {
            Map<String, String> memo = new HashMap<>();
            java.util.function.Function<String, String> strip = t -> memo.computeIfAbsent(t, Explorer::withoutObs);
            Set<String> states = new TreeSet<>();
            graph.states().forEach(t -> states.add(strip.apply(t)));
            Set<String> initial = new TreeSet<>();
            graph.initial().forEach(t -> initial.add(strip.apply(t)));
            Set<StateGraph.Edge> es = new HashSet<>();
            graph.edges().forEach(e -> es.add(new StateGraph.Edge(strip.apply(e.from()), e.label(), strip.apply(e.to()))));
            return new Result(new StateGraph(states, initial, es), distinctStates, javaStates, statesGenerated,
                    edges, depth, violation.map(v -> new Violation(v.invariant(), v.actions(), v.rules(),
                    strip.apply(v.state()))));
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
        java.util.SortedMap<String, Object> vs = model.variables(s);
        if (observables) {
            vs = new java.util.TreeMap<>(vs);
            vs.put("obs", model.observables(s));
        }
        return StateText.of(vs, modelValues);
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

    private record Step<S>(S parent, String action, String rule) {
    }

    public Result explore() {
        Map<S, String> text = new HashMap<>();          // kept states
        Map<S, Step<S>> parent = new HashMap<>();
        Map<S, Integer> level = new HashMap<>();
        Set<S> excluded = new HashSet<>();              // generated, checked, failed the constraint
        Map<String, Integer> textLevel = new HashMap<>();
        Set<String> initial = new TreeSet<>();
        Set<StateGraph.Edge> edges = new HashSet<>();
        ArrayDeque<S> queue = new ArrayDeque<>();
        long generated = 0;

        List<S> inits = new ArrayList<>(model.initialStates());
        for (S s : inits) {
            generated++;
            String t = render(s);
            Optional<String> bad = violated(s);
            if (bad.isPresent()) {
                return stop(text, textLevel, initial, edges, generated,
                        new Violation(bad.get(), List.of(), List.of(), t));
            }
            if (!constraint.test(s)) {
                excluded.add(s);
                continue;
            }
            initial.add(t);
            if (text.putIfAbsent(s, t) == null) {
                level.put(s, 1);
                textLevel.putIfAbsent(t, 1);
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            S s = queue.poll();
            String from = text.get(s);
            int lv = level.get(s);
            for (A a : model.actions(s)) {
                for (Transition<S> tr : model.successors(s, a)) {
                    generated++;
                    S n = tr.next();
                    String label = tr.rule().name();
                    String to = text.get(n);
                    if (to == null) {
                        if (excluded.contains(n)) {
                            continue;
                        }
                        to = render(n);
                        Optional<String> bad = violated(n);
                        if (bad.isPresent()) {
                            parent.put(n, new Step<>(s, a.toString(), label));
                            return stop(text, textLevel, initial, edges, generated,
                                    new Violation(bad.get(), path(parent, n, Step::action),
                                            path(parent, n, Step::rule), to));
                        }
                        if (!constraint.test(n)) {
                            excluded.add(n);
                            continue;
                        }
                        text.put(n, to);
                        parent.put(n, new Step<>(s, a.toString(), label));
                        level.put(n, lv + 1);
                        textLevel.putIfAbsent(to, lv + 1);
                        queue.add(n);
                        if (text.size() > maxStates) {
                            throw new IllegalStateException("more than " + maxStates + " states; tighten the bounds or the constraint");
                        }
                    }
                    edges.add(new StateGraph.Edge(from, label, to));
                }
            }
        }
        return stop(text, textLevel, initial, edges, generated, null);
    }

    private Result stop(Map<S, String> text, Map<String, Integer> textLevel, Set<String> initial,
                        Set<StateGraph.Edge> edges, long generated, Violation v) {
        Set<String> states = new TreeSet<>(text.values());
        int depth = textLevel.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new Result(new StateGraph(states, initial, edges), states.size(), text.size(), generated,
                edges.size(), depth, Optional.ofNullable(v));
    }

    private Optional<String> violated(S s) {
        for (Map.Entry<String, Predicate<S>> e : invariants.entrySet()) {
            if (!e.getValue().test(s)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    private List<String> path(Map<S, Step<S>> parent, S last, java.util.function.Function<Step<S>, String> f) {
        List<String> p = new ArrayList<>();
        for (Step<S> st = parent.get(last); st != null; st = parent.get(st.parent())) {
            p.add(f.apply(st));
        }
        Collections.reverse(p);
        return p;
    }
}
