package kpath.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import kpath.model.Model;
import kpath.model.Transition;

/**
 * Breadth-first exploration of a {@link Model} for size, TLC's own design: it counts states and
 * finds the first violation, and keeps no graph (the graph comparison with TLC is {@link Explorer}'s).
 * Per distinct state it keeps a 64-bit {@link Fingerprint} in a {@link FingerprintSet}, the index
 * of its parent and the number of the transition that led to it (two ints); the only Java states
 * it holds are the BFS frontier's. A counterexample's actions are rebuilt as TLC rebuilds them: by
 * replaying the model from the initial state along the stored parent indices and transition numbers.
 *
 * <p>Its semantics are {@link Explorer}'s (TLC 2.18's): invariants are checked on every generated
 * state before the constraint; a state that fails the constraint counts as generated, not as
 * distinct, and is not expanded; depth is the number of BFS levels, the initial states being
 * level 1; generated = initial states + every successor of every expanded state; the search
 * stops at the first violation, along a shortest path. States are told apart by the fingerprint
 * of the Java state, i.e. by {@code equals}, as {@link Explorer.Result#javaStates()} counts them
 * (Explorer's {@code distinctStates} counts state texts; on every MC module the two are equal,
 * which FingerprintExplorerTest checks).
 *
 * @param <S> the model's state
 * @param <A> the model's action
 */
public final class FingerprintExplorer<S, A> {

    /**
     * What the exploration found: {@link Explorer.Result}'s counts without the graph, and the
     * largest frontier (Java states held at once).
     */
    public record Result(long distinctStates, long statesGenerated, int depth, Optional<Explorer.Violation> violation,
                         long widestFrontier) {

        /** TLC's "calculated (optimistic)" odds that two of the distinct states share a fingerprint: n²/2⁶⁵. */
        public double collisionOdds() {
            double n = distinctStates;
            return n * n / 0x1p65;
        }
    }

    /**
     * Where an exploration stands as it starts expanding BFS level {@code level}: the distinct
     * states and states generated so far, and the frontier (the states of that level, all Java
     * states it holds).
     */
    public record Progress(int level, long distinctStates, long statesGenerated, long frontier) {}

    private final Model<S, A> model;
    private java.util.function.Consumer<Progress> onLevel = p -> { };
    private Predicate<S> constraint = s -> true;
    private final Map<String, Predicate<S>> invariants = new LinkedHashMap<>();
    private Set<String> modelValues = Set.of();
    private long maxStates = Integer.MAX_VALUE;

    // the tables of the last exploration, kept until the next one (a benchmark weighs them)
    private FingerprintSet seen;
    private IntChunks parent;
    private IntChunks step;

    private FingerprintExplorer(Model<S, A> model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    public static <S, A> FingerprintExplorer<S, A> of(Model<S, A> model) {
        return new FingerprintExplorer<>(model);
    }

    /** The state constraint, as TLC's CONSTRAINT. */
    public FingerprintExplorer<S, A> constraint(Predicate<S> constraint) {
        this.constraint = Objects.requireNonNull(constraint, "constraint");
        return this;
    }

    /** Adds an invariant; invariants are checked in the order added. */
    public FingerprintExplorer<S, A> invariant(String name, Predicate<S> invariant) {
        invariants.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(invariant, "invariant"));
        return this;
    }

    public FingerprintExplorer<S, A> invariants(Map<String, Predicate<S>> invariants) {
        invariants.forEach(this::invariant);
        return this;
    }

    /** Strings that the spec's .cfg makes model values: only the violating state's text uses them. */
    public FingerprintExplorer<S, A> modelValues(Set<String> modelValues) {
        this.modelValues = Set.copyOf(modelValues);
        return this;
    }

    /** Fails the exploration when more distinct states than this are found (at most 2³¹ − 1: indices are ints). */
    public FingerprintExplorer<S, A> maxStates(long maxStates) {
        this.maxStates = Math.min(maxStates, Integer.MAX_VALUE);
        return this;
    }

    /** Called as each BFS level starts to be expanded (TLC's progress lines; a benchmark weighs the heap there). */
    public FingerprintExplorer<S, A> onLevel(java.util.function.Consumer<Progress> onLevel) {
        this.onLevel = Objects.requireNonNull(onLevel, "onLevel");
        return this;
    }

    /** Bytes the last exploration's tables take (fingerprint slots and the two int arrays), 0 before one. */
    public long tableBytes() {
        return seen == null ? 0 : 8L * seen.capacity() + parent.bytes() + step.bytes();
    }

    public Result explore() {
        seen = new FingerprintSet(1 << 10);
        parent = new IntChunks();
        step = new IntChunks();
        List<S> inits = new ArrayList<>(model.initialStates());
        ArrayDeque<S> queue = new ArrayDeque<>();
        long generated = 0;
        int depth = 0;
        long widest = 0;
        for (int i = 0; i < inits.size(); i++) {
            S s = inits.get(i);
            generated++;
            Optional<String> bad = violated(s);
            if (bad.isPresent()) {
                return new Result(seen.size(), generated, depth,
                        Optional.of(violation(bad.get(), inits, -1, i, s)), widest);
            }
            if (constraint.test(s) && seen.add(Fingerprint.of(s))) {
                parent.add(-1);
                step.add(i);
                queue.add(s);
                depth = 1;
            }
        }
        int level = 1;
        long levelEnd = seen.size();   // index of the first state of the next level
        if (!queue.isEmpty()) {
            onLevel.accept(new Progress(level, seen.size(), generated, queue.size()));
        }
        for (int index = 0; !queue.isEmpty(); index++) {
            if (index == levelEnd) {
                level++;
                levelEnd = seen.size();
                onLevel.accept(new Progress(level, seen.size(), generated, queue.size()));
            }
            widest = Math.max(widest, queue.size());
            S s = queue.poll();
            int k = 0;
            for (A a : model.actions(s)) {
                for (Transition<S> tr : model.successors(s, a)) {
                    generated++;
                    int number = k++;
                    S n = tr.next();
                    long fp = Fingerprint.of(n);
                    if (seen.contains(fp)) {
                        continue;
                    }
                    Optional<String> bad = violated(n);
                    if (bad.isPresent()) {
                        return new Result(seen.size(), generated, depth,
                                Optional.of(violation(bad.get(), inits, index, number, n)), widest);
                    }
                    if (!constraint.test(n)) {
                        continue;
                    }
                    seen.add(fp);
                    parent.add(index);
                    step.add(number);
                    queue.add(n);
                    depth = level + 1;
                    if (seen.size() > maxStates) {
                        throw new IllegalStateException("more than " + maxStates + " states; tighten the bounds or the constraint");
                    }
                }
            }
        }
        return new Result(seen.size(), generated, depth, Optional.empty(), widest);
    }

    private Optional<String> violated(S s) {
        for (Map.Entry<String, Predicate<S>> e : invariants.entrySet()) {
            if (!e.getValue().test(s)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The violation in {@code bad}, reached by transition {@code number} of state {@code from}
     * (or, {@code from} being -1, the initial state {@code number}): the transition numbers back to
     * an initial state, then the model replayed forward along them for the actions and rules.
     */
    private Explorer.Violation violation(String invariant, List<S> inits, int from, int number, S bad) {
        List<Integer> numbers = new ArrayList<>();
        numbers.add(number);
        for (int i = from; i != -1; i = parent.get(i)) {
            numbers.add(step.get(i));
        }
        Collections.reverse(numbers);
        S s = inits.get(numbers.getFirst());
        List<String> actions = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        for (int n : numbers.subList(1, numbers.size())) {
            Transition<S> tr = nth(s, n, actions);
            rules.add(tr.rule().name());
            s = tr.next();
        }
        if (!s.equals(bad)) {
            throw new IllegalStateException("replaying the counterexample reached another state: the model is not deterministic in its order of actions and successors");
        }
        return new Explorer.Violation(invariant, actions, rules, StateText.of(model.variables(bad), modelValues));
    }

    /** Transition {@code n} of {@code s}, in the order {@link #explore} numbers them; its action goes to {@code actions}. */
    private Transition<S> nth(S s, int n, List<String> actions) {
        int k = 0;
        for (A a : model.actions(s)) {
            List<Transition<S>> ts = model.successors(s, a);
            if (n < k + ts.size()) {
                actions.add(a.toString());
                return ts.get(n - k);
            }
            k += ts.size();
        }
        throw new IllegalStateException("replaying the counterexample: state has " + k + " transitions, not " + (n + 1));
    }

    /** A growable int array in chunks of 2¹⁶ (growing never copies the ints, so never holds them twice). */
    static final class IntChunks {
        private static final int BITS = 16, CHUNK = 1 << BITS;
        private int[][] chunks = new int[4][];
        private int size;

        void add(int v) {
            int c = size >>> BITS;
            if (c == chunks.length) {
                chunks = java.util.Arrays.copyOf(chunks, c * 2);
            }
            if (chunks[c] == null) {
                chunks[c] = new int[CHUNK];
            }
            chunks[c][size & (CHUNK - 1)] = v;
            size++;
        }

        int get(int i) {
            return chunks[i >>> BITS][i & (CHUNK - 1)];
        }

        long bytes() {
            long n = 0;
            for (int[] c : chunks) {
                n += c == null ? 0 : 4L * c.length;
            }
            return n + 8L * chunks.length;
        }
    }
}
