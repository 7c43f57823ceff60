package kpath.check;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A 64-bit structural fingerprint of a model's state, for {@link FingerprintExplorer}: two values
 * equal by {@code equals} have the same fingerprint, as TLC's FP64 gives equal TLA+ values the same
 * fingerprint. The walker knows the shapes the models' states are made of:
 * <ul>
 *   <li>records: their class and each component in order (accessors looked up once per class);
 *   <li>enums: their class and ordinal; strings, the boxed numbers, booleans and characters, each
 *       with its type (an {@code Integer} 1 is not a {@code Long} 1, as {@code equals} says);
 *   <li>{@link List}s and arrays in order; {@link Set}s and {@link Map}s without order (the sum of
 *       their mixed elements or entries: a {@code TreeSet} and a {@code HashSet} with the same elements
 *       are equal and get the same fingerprint); {@link Optional}s;
 *   <li>any other class of the models (not a {@code java.} one) by its instance fields but the
 *       transient ones (caches such as {@code kpath.model.proc.ProcState}'s hash): such classes
 *       are {@code kpath.model.tcp.Counters}, whose {@code equals} is {@code Arrays.equals} of its
 *       one {@code int[]}, and {@code ProcState}.
 * </ul>
 * Anything else is refused (an {@link IllegalArgumentException} naming the class), rather than
 * fingerprinted by an identity hash.
 *
 * <p>Every combining step goes through MurmurHash3's 64-bit finalizer, so fingerprints of distinct
 * values behave as uniform random 64-bit numbers; the probability that some two of n distinct
 * states share one is then about n²/2⁶⁵ (the same estimate TLC prints as its "calculated
 * (optimistic)" collision probability): 2.7·10⁻⁸ at 10⁶ states, 2.7·10⁻⁶ at 10⁷, 2.7·10⁻⁴ at
 * 10⁸. A collision makes the explorer take a new state for one seen and not expand it (it
 * under-counts, as TLC would); it never invents a state.
 */
public final class Fingerprint {
    private Fingerprint() {}

    private static final long K = 0x9E3779B97F4A7C15L;
    private static final long NULL = 0x6A09E667F3BCC908L, TRUE = 0xBB67AE8584CAA73BL, FALSE = 0x3C6EF372FE94F82BL,
            INT = 0xA54FF53A5F1D36F1L, LONG = 0x510E527FADE682D1L, SHORT = 0x9B05688C2B3E6C1FL,
            BYTE = 0x1F83D9ABFB41BD6BL, CHAR = 0x5BE0CD19137E2179L, DOUBLE = 0xCBBB9D5DC1059ED8L,
            FLOAT = 0x629A292A367CD507L, STRING = 0x9159015A3070DD17L, LIST = 0x152FECD8F70E5939L,
            SET = 0x67332667FFC00B31L, MAP = 0x8EB44A8768581511L, OPTIONAL = 0xDB0C2E0D64F98FA7L,
            EMPTY = 0x47B5481DBEFA4FA4L;

    /** MurmurHash3's fmix64: a bijection of 64-bit values whose output bits each depend on every input bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** {@code x} appended to the ordered fingerprint {@code h}. */
    static long combine(long h, long x) {
        return mix(h * K + x);
    }

    /** The fingerprint of {@code v}. */
    public static long of(Object v) {
        return switch (v) {
            case null -> NULL;
            case Record r -> record(r);
            case String s -> string(s);
            case Integer i -> combine(INT, i);
            case Long l -> combine(LONG, l);
            case Boolean b -> b ? TRUE : FALSE;
            case Enum<?> e -> combine(CLASS.get(e.getDeclaringClass()).seed, e.ordinal());
            case List<?> l -> ordered(LIST, l);
            case Set<?> s -> unordered(SET, s);
            case Map<?, ?> m -> map(m);
            case Optional<?> o -> o.isPresent() ? combine(OPTIONAL, of(o.get())) : EMPTY;
            case Short x -> combine(SHORT, x);
            case Byte x -> combine(BYTE, x);
            case Character c -> combine(CHAR, c);
            case Double d -> combine(DOUBLE, Double.doubleToLongBits(d));
            case Float f -> combine(FLOAT, Float.floatToIntBits(f));
            default -> other(v);
        };
    }

    private static long string(String s) {
        long h = STRING ^ s.length();
        int i = 0;
        for (; i + 4 <= s.length(); i += 4) {
            h = combine(h, (long) s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                    | (long) s.charAt(i + 3) << 48);
        }
        for (; i < s.length(); i++) {
            h = combine(h, s.charAt(i));
        }
        return mix(h);
    }

    private static long ordered(long seed, Iterable<?> xs) {
        long h = seed;
        for (Object x : xs) {
            h = combine(h, of(x));
        }
        return mix(h);
    }

    private static long unordered(long seed, Collection<?> xs) {
        long sum = 0;
        for (Object x : xs) {
            sum += mix(of(x) + K);
        }
        return combine(combine(seed, xs.size()), sum);
    }

    private static long map(Map<?, ?> m) {
        long sum = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            sum += mix(combine(of(e.getKey()), of(e.getValue())) + K);
        }
        return combine(combine(MAP, m.size()), sum);
    }

    private static long record(Record r) {
        Shape c = CLASS.get(r.getClass());
        long h = c.seed;
        try {
            for (MethodHandle a : c.parts) {
                h = combine(h, of((Object) a.invokeExact((Object) r)));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return h;
    }

    private static long other(Object v) {
        Class<?> k = v.getClass();
        if (k.isArray()) {
            return array(v);
        }
        Shape c = CLASS.get(k);
        if (c.fields == null) {
            throw new IllegalArgumentException("no structural fingerprint for " + k.getName());
        }
        long h = c.seed;
        try {
            for (Field f : c.fields) {
                h = combine(h, of(f.get(v)));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return h;
    }

    private static long array(Object a) {
        long h = CLASS.get(a.getClass()).seed;
        switch (a) {
            case int[] xs -> {
                for (int x : xs) {
                    h = combine(h, x);
                }
            }
            case long[] xs -> {
                for (long x : xs) {
                    h = combine(h, x);
                }
            }
            case boolean[] xs -> {
                for (boolean x : xs) {
                    h = combine(h, x ? 1 : 0);
                }
            }
            case Object[] xs -> {
                for (Object x : xs) {
                    h = combine(h, of(x));
                }
            }
            default -> throw new IllegalArgumentException("no structural fingerprint for " + a.getClass().getName());
        }
        return mix(h);
    }

    /** What the walker needs of a class: a seed from its name, and its record components or (other classes of the models) its instance fields. */
    record Shape(long seed, List<MethodHandle> parts, List<Field> fields) {}

    private static final ClassValue<Shape> CLASS = cache();

    /** A cache of {@link #shape}s, each found once per class. */
    static ClassValue<Shape> cache() {
        return new ClassValue<>() {
            @Override
            protected Shape computeValue(Class<?> k) {
                return shape(k);
            }
        };
    }

    static Shape shape(Class<?> k) {
        long seed = string(k.getName());
        if (k.isRecord()) {
            List<MethodHandle> parts = new ArrayList<>();
            for (RecordComponent rc : k.getRecordComponents()) {
                try {
                    java.lang.reflect.Method m = rc.getAccessor();
                    m.setAccessible(true);
                    parts.add(MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(Object.class, Object.class)));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            return new Shape(seed, List.copyOf(parts), null);
        }
        if (k.isArray() || k.isEnum() || k.getName().startsWith("java.")) {
            return new Shape(seed, List.of(), null);
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = k; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                // transient: a cache of the value (a hash, a flag found lazily), set or not depending on
                // what asked first, never part of what equals compares
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
        }
        return new Shape(seed, List.of(), List.copyOf(fields));
    }
}
