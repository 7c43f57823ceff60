package kpath.model.proc;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One of a {@link World}'s maps: the state's own (immutable) map until the step first changes it,
 * then a copy. Most steps change one or two of a state's maps; copying all of them for every
 * step tried was most of a replay's time. The views are read-only: a step changes a map through
 * {@code put}, {@code remove} and {@code clear}.
 */
final class CowMap<K, V> extends AbstractMap<K, V> {
    private Map<K, V> map;
    private boolean copied;

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

    /** Whether a step changed the map (speed only: a wrong answer costs a copy or a scan, never a verdict). */
    boolean copiedYet() {
        return copied;
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
        return own().put(key, value);
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
