package kpath.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import kpath.model.TlaFunction;

/**
 * A TLA+ value as TLC prints it, normalised so that equal values have one text.
 *
 * <p>Records and sequences are functions, as in TLA+ itself and as TLC prints them: a function
 * whose domain is empty prints {@code <<>>}, one whose domain is {@code 1..n} prints as a
 * sequence, one whose domain is a set of strings prints as a record {@code [a |-> 1]} (TLC prints
 * {@code [c \in {"a"} |-> 1]} that way too), any other one as {@code (k1 :> v1 @@ k2 :> v2)}.
 * Sets are sorted and free of duplicates, record fields and function entries are sorted by key.
 * Order: booleans, integers (numerically), strings, model values, sets, functions; sets and
 * functions smaller first, then element by element (a function: its domain, then its values), as
 * TLC orders {@code {<<>>, <<1>>, <<0, 5>>}}.
 *
 * <p>What TLC 2.18 prints (measured): an empty set {@code {}}, an empty sequence {@code <<>>}, an
 * empty function {@code << >>} (with a space), strings with {@code \"} {@code \\} {@code \n}
 * {@code \t} escapes, model values bare; long values wrap over several lines.
 */
public sealed interface TlaValue extends Comparable<TlaValue> {

    /** The one deterministic text of this value. */
    String canonical();

    /** Order of the kinds, then within the kind. */
    int rank();

    @Override
    default int compareTo(TlaValue o) {
        int c = Integer.compare(rank(), o.rank());
        if (c != 0) {
            return c;
        }
        return switch (this) {
            case Bool b -> Boolean.compare(b.value(), ((Bool) o).value());
            case Int i -> Long.compare(i.value(), ((Int) o).value());
            case Str s -> s.value().compareTo(((Str) o).value());
            case ModelValue m -> m.name().compareTo(((ModelValue) o).name());
            case SetV s -> compareLists(s.elements(), ((SetV) o).elements());
            case Fcn f -> {
                Fcn g = (Fcn) o;
                int d = compareLists(List.copyOf(f.mapping().keySet()), List.copyOf(g.mapping().keySet()));
                yield d != 0 ? d : compareLists(List.copyOf(f.mapping().values()), List.copyOf(g.mapping().values()));
            }
        };
    }

    /** Shorter first, then element by element. */
    private static int compareLists(List<TlaValue> a, List<TlaValue> b) {
        int c = Integer.compare(a.size(), b.size());
        for (int i = 0; c == 0 && i < a.size(); i++) {
            c = a.get(i).compareTo(b.get(i));
        }
        return c;
    }

    record Bool(boolean value) implements TlaValue {
        public String canonical() {
            return value ? "TRUE" : "FALSE";
        }

        public int rank() {
            return 0;
        }

        @Override
        public String toString() {
            return canonical();
        }
    }

    record Int(long value) implements TlaValue {
        public String canonical() {
            return Long.toString(value);
        }

        public int rank() {
            return 1;
        }

        @Override
        public String toString() {
            return canonical();
        }
    }

    record Str(String value) implements TlaValue {
        public Str {
            java.util.Objects.requireNonNull(value, "value");
        }

        public String canonical() {
            return quote(value);
        }

        public int rank() {
            return 2;
        }

        @Override
        public String toString() {
            return canonical();
        }
    }

    /** A TLC model value (a constant assigned to itself in the .cfg), printed bare. */
    record ModelValue(String name) implements TlaValue {
        public ModelValue {
            if (!isIdentifier(name)) {
                throw new IllegalArgumentException("not a model value name: " + name);
            }
        }

        public String canonical() {
            return name;
        }

        public int rank() {
            return 3;
        }

        @Override
        public String toString() {
            return canonical();
        }
    }

    /** A finite set; the elements are kept sorted and distinct. */
    final class SetV implements TlaValue {
        private final List<TlaValue> elements;
        private final String canonical;

        public SetV(Collection<? extends TlaValue> elements) {
            this.elements = List.copyOf(new TreeSet<TlaValue>(elements));
            this.canonical = "{" + String.join(", ", this.elements.stream().map(TlaValue::canonical).toList()) + "}";
        }

        /** The elements, sorted. */
        public List<TlaValue> elements() {
            return elements;
        }

        public String canonical() {
            return canonical;
        }

        public int rank() {
            return 4;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SetV s && s.canonical.equals(canonical);
        }

        @Override
        public int hashCode() {
            return canonical.hashCode();
        }

        @Override
        public String toString() {
            return canonical;
        }
    }

    /** A function with a finite domain: also every record and every sequence. */
    final class Fcn implements TlaValue {
        private final SortedMap<TlaValue, TlaValue> mapping;
        private final String canonical;

        public Fcn(Map<? extends TlaValue, ? extends TlaValue> mapping) {
            this.mapping = Collections.unmodifiableSortedMap(new TreeMap<TlaValue, TlaValue>(mapping));
            this.canonical = render(this.mapping);
        }

        /** Domain element to value, sorted by domain element. */
        public SortedMap<TlaValue, TlaValue> mapping() {
            return mapping;
        }

        public String canonical() {
            return canonical;
        }

        public int rank() {
            return 5;
        }

        private static String render(SortedMap<TlaValue, TlaValue> m) {
            if (m.isEmpty()) {
                return "<<>>";
            }
            boolean seq = true;
            boolean rcd = true;
            long i = 1;
            for (TlaValue k : m.keySet()) {
                seq &= k instanceof Int n && n.value() == i++;
                rcd &= k instanceof Str s && isFieldName(s.value());
            }
            List<String> parts = new ArrayList<>();
            if (seq) {
                m.values().forEach(v -> parts.add(v.canonical()));
                return "<<" + String.join(", ", parts) + ">>";
            }
            if (rcd) {
                m.forEach((k, v) -> parts.add(((Str) k).value() + " |-> " + v.canonical()));
                return "[" + String.join(", ", parts) + "]";
            }
            m.forEach((k, v) -> parts.add(k.canonical() + " :> " + v.canonical()));
            return "(" + String.join(" @@ ", parts) + ")";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fcn f && f.canonical.equals(canonical);
        }

        @Override
        public int hashCode() {
            return canonical.hashCode();
        }

        @Override
        public String toString() {
            return canonical;
        }
    }

    // ---- construction helpers -------------------------------------------------------------

    static TlaValue seq(List<? extends TlaValue> elements) {
        Map<TlaValue, TlaValue> m = new TreeMap<>();
        for (int i = 0; i < elements.size(); i++) {
            m.put(new Int(i + 1), elements.get(i));
        }
        return new Fcn(m);
    }

    static TlaValue record(Map<String, ? extends TlaValue> fields) {
        Map<TlaValue, TlaValue> m = new TreeMap<>();
        fields.forEach((k, v) -> m.put(new Str(k), v));
        return new Fcn(m);
    }

    /**
     * Converts a value of {@link kpath.model.Model#variables}: Integer (any integral Number),
     * Boolean, String, Set, List (sequence), Map with String keys (record), {@link TlaFunction}
     * (function), or a TlaValue as is.
     */
    static TlaValue fromJava(Object value) {
        return fromJava(value, Set.of());
    }

    /**
     * As {@link #fromJava(Object)}, but every String equal to one of {@code modelValues} becomes
     * the model value of that name, wherever it occurs (set element, sequence element, record
     * field value, function key or value). Use it when the spec's .cfg assigns model values
     * ({@code c1 = c1}) where the Java model uses strings. Record field names stay strings.
     */
    static TlaValue fromJava(Object value, Set<String> modelValues) {
        return switch (value) {
            case null -> throw new IllegalArgumentException("null is no TLA+ value");
            case TlaValue v -> v;
            case Boolean b -> new Bool(b);
            case Integer n -> new Int(n);
            case Long n -> new Int(n);
            case Short n -> new Int(n);
            case Byte n -> new Int(n);
            case java.math.BigInteger n -> new Int(n.longValueExact());
            case String s -> modelValues.contains(s) ? new ModelValue(s) : new Str(s);
            case Set<?> s -> {
                List<TlaValue> es = new ArrayList<>(s.size());
                s.forEach(e -> es.add(fromJava(e, modelValues)));
                yield new SetV(es);
            }
            case List<?> l -> {
                List<TlaValue> es = new ArrayList<>(l.size());
                l.forEach(e -> es.add(fromJava(e, modelValues)));
                yield seq(es);
            }
            case TlaFunction f -> {
                Map<TlaValue, TlaValue> m = new TreeMap<>();
                f.mapping().forEach((k, v) -> m.put(fromJava(k, modelValues), fromJava(v, modelValues)));
                yield new Fcn(m);
            }
            case Map<?, ?> r -> {
                Map<TlaValue, TlaValue> m = new TreeMap<>();
                r.forEach((k, v) -> {
                    if (!(k instanceof String name)) {
                        throw new IllegalArgumentException("record field name is not a String: " + k);
                    }
                    m.put(new Str(name), fromJava(v, modelValues));
                });
                yield new Fcn(m);
            }
            default -> throw new IllegalArgumentException(
                    "no TLA+ value for " + value.getClass().getName() + ": " + value);
        };
    }

    /** Parses one value as TLC prints it (whitespace and line breaks anywhere between tokens). */
    static TlaValue parse(String text) {
        TlaParser p = new TlaParser(text);
        TlaValue v = p.value();
        p.expectEnd();
        return v;
    }

    // ---- text helpers ----------------------------------------------------------------------

    /** A TLA+ string literal as TLC writes it. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '\f' -> b.append("\\f");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static boolean isIdentifier(String s) {
        return isFieldName(s) && !s.chars().allMatch(Character::isDigit)
                && !s.equals("TRUE") && !s.equals("FALSE");
    }

    /** ASCII letters, digits and underscores, at least one. */
    static boolean isFieldName(String s) {
        return s != null && !s.isEmpty() && s.chars().allMatch(c -> TlaParser.wordChar((char) c));
    }

}
