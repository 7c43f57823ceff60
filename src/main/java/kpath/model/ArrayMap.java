package kpath.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The maps of the models' states (a process's fds, files and tasks; a listener's clients):
 * immutable, keyed by name, the names sorted in one array and the values in another. A step that
 * changes one copies two arrays ({@link CowMap}) where a hashed map was copied entry by entry,
 * twice. Equal to any {@link Map} with the same entries; no null keys or values.
 *
 * @param <V> the values
 */
public final class ArrayMap<V> extends AbstractMap<String, V> {
    private static final ArrayMap<?> EMPTY = new ArrayMap<>(new String[0], new Object[0]);

    private final String[] keys;
    private final Object[] values;

    /** Takes the arrays as they are: keys sorted and distinct, values non-null, neither shared. */
    ArrayMap(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    public static <V> ArrayMap<V> of() {
        return (ArrayMap<V>) EMPTY;
    }

    /** {@code m} itself when it is one, else its entries sorted by name. */
    public static <V> ArrayMap<V> copyOf(Map<String, ? extends V> m) {
        if (m instanceof ArrayMap<? extends V> a) {
            @SuppressWarnings("unchecked")
            ArrayMap<V> same = (ArrayMap<V>) a;
            return same;
        }
        if (m.isEmpty()) {
            return of();
        }
        String[] ks = m.keySet().toArray(new String[0]);
        Arrays.sort(ks);
        Object[] vs = new Object[ks.length];
        for (int i = 0; i < ks.length; i++) {
            vs[i] = java.util.Objects.requireNonNull(m.get(ks[i]), "value");
        }
        return new ArrayMap<>(ks, vs);
    }

    /** The index of {@code key}, or {@code -(insertion point) - 1}, as {@link Arrays#binarySearch}. */
    static int find(String[] keys, int n, Object key) {
        if (!(key instanceof String k)) {
            return -1;
        }
        // a state's maps hold a few names: compare cached hashes first, order only on a miss
        int h = k.hashCode();
        for (int i = 0; i < n; i++) {
            String s = keys[i];
            if (s == k || s.hashCode() == h && s.equals(k)) {
                return i;
            }
        }
        return Arrays.binarySearch(keys, 0, n, k);
    }

    /** The {@code i}-th name, in name order. */
    public String keyAt(int i) {
        return keys[i];
    }

    /** The value of the {@code i}-th name. */
    @SuppressWarnings("unchecked")
    public V valueAt(int i) {
        return (V) values[i];
    }

    /** Whether {@code o} has the same names (then {@link #keyAt} numbers them alike in both). */
    public boolean sameKeys(ArrayMap<?> o) {
        return Arrays.equals(keys, o.keys);
    }

    String[] keyArray() {
        return keys;
    }

    Object[] valueArray() {
        return values;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = find(keys, keys.length, key);
        return i >= 0 ? (V) values[i] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return find(keys, keys.length, key) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super String, ? super V> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], (V) values[i]);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof ArrayMap<?> a) {
            return Arrays.equals(keys, a.keys) && Arrays.equals(values, a.values);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < keys.length; i++) {
            h += keys[i].hashCode() ^ values[i].hashCode();    // Map.hashCode's contract
        }
        return h;
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Entry<String, V> next() {
                        if (i >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, V> e = new SimpleImmutableEntry<>(keys[i], (V) values[i]);
                        i++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
