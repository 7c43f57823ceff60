package kpath.model.tcp;

import kpath.uapi.Counter;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/** Counter values since the start of a run (deltas of /proc/net/netstat). Immutable. */
public final class Counters {
    private static final Counter[] ALL = Counter.values();
    private final int[] values;

    private Counters(int[] values) {
        this.values = values;
    }

    public static Counters zero() {
        return new Counters(new int[ALL.length]);
    }

    public int get(Counter c) {
        return values[c.ordinal()];
    }

    /** These counters each incremented by one. */
    public Counters inc(Counter... cs) {
        int[] v = values.clone();
        for (Counter c : cs) {
            v[c.ordinal()]++;
        }
        return new Counters(v);
    }

    public int max() {
        return Arrays.stream(values).max().orElse(0);
    }

    public Map<Counter, Integer> asMap() {
        Map<Counter, Integer> m = new EnumMap<>(Counter.class);
        for (Counter c : ALL) {
            m.put(c, values[c.ordinal()]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Counters other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
