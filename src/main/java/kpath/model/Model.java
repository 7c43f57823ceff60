package kpath.model;

import java.util.List;
import java.util.Set;

/**
 * A kernel path as a nondeterministic transition system.
 *
 * <p>{@link #successors} returns every outcome the kernel may produce for one action in one state;
 * an empty list means the action is not enabled there. Implementations are pure: no I/O, no clock,
 * no threads, no statics that change.
 *
 * @param <S> state, an immutable record with structural equality
 * @param <A> action, one record per syscall, arrival or kernel step
 */
public interface Model<S, A> {

    /** The states the path may start in (one per parameter choice). */
    Set<S> initialStates();

    /** The actions this model considers in {@code state} at its bounds (enabled or not). */
    List<A> actions(S state);

    /** Every transition {@code action} may take from {@code state}; empty when not enabled. */
    List<Transition<S>> successors(S state, A action);

    /** Names and values of the state's variables, in the TLA+ spec's names and value shapes. */
    java.util.SortedMap<String, Object> variables(S state);

    /**
     * What a trace's {@code observe} lines can read of {@code state}: named projections, mirrored
     * by the fields of the spec's {@code Observables} record (same names, same value shapes). The
     * Java checker and the TLA+ trace module both read observations through them, and the
     * state-graph comparison proves the two projections equal on every reachable state.
     * Empty for a model whose traces observe nothing.
     */
    default java.util.SortedMap<String, Object> observables(S state) {
        return new java.util.TreeMap<>();
    }
}
