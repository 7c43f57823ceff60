package kpath.model;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A map a step is changing: the state's own {@link ArrayMap} until the step first changes it,
 * then a copy of its two arrays, frozen again by {@link #frozen}. Most steps change one or two of
 * a state's maps; copying all of them for every step tried was most of a replay's time. The views
 * are read-only: a step changes a map through {@code put}, {@code remove} and {@code clear}.
 */
public final class CowMap<V> extends AbstractMap<String, V> {
    private ArrayMap<V> base;
    /** The working copy once changed (null before): {@code n} sorted keys and their values. */
    private String[] keys;
    private Object[] values;
    private int n;
    /** The keys {@code put} since the copy (speed only: {@link #anyPut}). */
    private List<String> puts;

    public CowMap(Map<String, V> frozen) {
        this.base = ArrayMap.copyOf(frozen);
    }

    /**
     * The map as it stands: the original when nothing changed it, so freezing it again copies nothing
     * (a state keeps an ArrayMap as it is).
     */
    public Map<String, V> frozen() {
        if (keys == null) {
            return base;
        }
        base = n == 0 ? ArrayMap.of() : new ArrayMap<>(Arrays.copyOf(keys, n), Arrays.copyOf(values, n));
        keys = null;            // a later change copies again: the frozen map is the state's own
        values = null;
        return base;
    }

    private void own() {
        if (keys == null) {
            n = base.size();
            keys = Arrays.copyOf(base.keyArray(), n + 2);
            values = Arrays.copyOf(base.valueArray(), n + 2);
        }
    }

    private String[] k() {
        return keys == null ? base.keyArray() : keys;
    }

    private int count() {
        return keys == null ? base.size() : n;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        if (keys == null) {
            return base.get(key);
        }
        int i = ArrayMap.find(keys, n, key);
        return i >= 0 ? (V) values[i] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return ArrayMap.find(k(), count(), key) >= 0;
    }

    @Override
    public int size() {
        return count();
    }

    @Override
    public boolean isEmpty() {
        return count() == 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(String key, V value) {
        java.util.Objects.requireNonNull(value, "value");
        if (puts == null) {
            puts = new ArrayList<>(2);
        }
        puts.add(key);
        own();
        int i = ArrayMap.find(keys, n, key);
        if (i >= 0) {
            V old = (V) values[i];
            values[i] = value;
            return old;
        }
        int at = -i - 1;
        if (n == keys.length) {
            keys = Arrays.copyOf(keys, n * 2 + 2);
            values = Arrays.copyOf(values, n * 2 + 2);
        }
        System.arraycopy(keys, at, keys, at + 1, n - at);
        System.arraycopy(values, at, values, at + 1, n - at);
        keys[at] = key;
        values[at] = value;
        n++;
        return null;
    }

    /**
     * Whether a value put by this step, and still there, passes {@code test}: what the step added to
     * the map it started from (speed only: a step asks what it added).
     */
    public boolean anyPut(Predicate<? super V> test) {
        if (puts != null) {
            for (String k : puts) {
                V v = get(k);
                if (v != null && test.test(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        if (ArrayMap.find(k(), count(), key) < 0) {
            return null;
        }
        own();
        int i = ArrayMap.find(keys, n, key);
        V old = (V) values[i];
        System.arraycopy(keys, i + 1, keys, i, n - i - 1);
        System.arraycopy(values, i + 1, values, i, n - i - 1);
        n--;
        keys[n] = null;
        values[n] = null;
        return old;
    }

    @Override
    public void clear() {
        if (count() != 0) {
            own();
            n = 0;              // the entries past n are never read
        }
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super V> action) {
        frozenView().forEach(action);
    }

    /** A read-only snapshot of the map as it stands (the working copy stays this map's own). */
    private ArrayMap<V> frozenView() {
        return keys == null ? base : new ArrayMap<>(Arrays.copyOf(keys, n), Arrays.copyOf(values, n));
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return frozenView().entrySet();
    }

    @Override
    public Set<String> keySet() {
        return java.util.Collections.unmodifiableSet(frozenView().keySet());
    }

    @Override
    public java.util.Collection<V> values() {
        return java.util.Collections.unmodifiableCollection(frozenView().values());
    }
}
