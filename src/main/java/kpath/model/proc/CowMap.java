package kpath.model.proc;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One of a {@link World}'s maps: the state's own (immutable) map until the step first changes it,
 * then a copy. Most steps change one or two of a state's maps; copying all of them for every
 * step tried was most of a replay's time. The views are read-only: a step changes a map through
 * {@code put}, {@code remove} and {@code clear}.
 */
final class CowMap<K, V> extends AbstractMap<K, V> {
    private Map<K, V> map;
    private boolean copied;
    /** The keys {@code put} since the copy (speed only: {@link #anyPut}). */
    private List<K> puts;

    CowMap(Map<K, V> frozen) {
        this.map = frozen;
    }

    /**
     * The map as it stands: the original when nothing changed it, so freezing it again copies nothing
     * (speed only: ProcState copies what it is given unless it is already an immutable map).
     */
    Map<K, V> frozen() {
        return copied ? Map.copyOf(map) : map;
    }

    private Map<K, V> own() {
        if (!copied) {
            map = new HashMap<>(map);
            copied = true;
        }
        return map;
    }

    @Override
    public V get(Object key) {
        return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public V put(K key, V value) {
        if (puts == null) {
            puts = new ArrayList<>(2);
        }
        puts.add(key);
        return own().put(key, value);
    }

    /**
     * Whether a value put by this step, and still there, passes {@code test}: what the step added to
     * the map it started from (speed only: {@link World#mayHave}).
     */
    boolean anyPut(Predicate<? super V> test) {
        if (puts != null) {
            for (K k : puts) {
                V v = map.get(k);
                if (v != null && test.test(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public V remove(Object key) {
        return map.containsKey(key) ? own().remove(key) : null;
    }

    @Override
    public void clear() {
        if (!map.isEmpty()) {
            own().clear();
        }
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public Set<K> keySet() {
        return Collections.unmodifiableSet(map.keySet());
    }

    @Override
    public Collection<V> values() {
        return Collections.unmodifiableCollection(map.values());
    }
}
