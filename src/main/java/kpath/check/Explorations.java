package kpath.check;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A binding's explorations at MC bounds, each made once per JVM (the models are pure): with the
 * observables, and the same graph without them, derived from it ({@link Explorer.Result#withoutObservables})
 * rather than explored again.
 *
 * @param <K> what tells the bounds apart
 */
public final class Explorations<K> {
    private final Map<K, Explorer.Result> observed = new ConcurrentHashMap<>();
    private final Map<K, Explorer.Result> plain = new ConcurrentHashMap<>();

    /** The exploration of {@code key}'s bounds, each state with its observables; {@code explorer} makes it the first time. */
    public Explorer.Result observed(K key, Supplier<? extends Explorer<?, ?>> explorer) {
        return observed.computeIfAbsent(key, k -> explorer.get().withObservables().explore());
    }

    /** The same exploration without the observables. */
    public Explorer.Result plain(K key, Supplier<? extends Explorer<?, ?>> explorer) {
        return plain.computeIfAbsent(key, k -> observed(key, explorer).withoutObservables());
    }
}
