package kpath.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical text of a whole state: one line {@code name=value} per variable, sorted by name,
 * joined by {@code \n}, each value in {@link TlaValue#canonical()} form. A Java state
 * ({@link kpath.model.Model#variables}) and the state TLC prints for the same values have the same
 * text.
 */
public final class StateText {

    private StateText() {
    }

    /** The canonical text of a Java state's variables. */
    public static String of(Map<String, ?> variables) {
        return of(variables, Set.of());
    }

    /** As {@link #of(Map)}, with the strings named in {@code modelValues} taken as model values. */
    public static String of(Map<String, ?> variables, Set<String> modelValues) {
        SortedMap<String, TlaValue> vs = new TreeMap<>();
        variables.forEach((k, v) -> vs.put(k, TlaValue.fromJava(v, modelValues)));
        return render(vs);
    }

    /**
     * Renders the states of one exploration: each variable's line is made once per distinct value
     * ({@code equals}) and reused, since the states of a model share most of their values. The
     * texts are {@link #of(Map, Set)}'s.
     */
    static final class Memo {
        private final Set<String> modelValues;
        private final java.util.HashMap<String, java.util.HashMap<Object, String>> lines = new java.util.HashMap<>();

        Memo(Set<String> modelValues) {
            this.modelValues = modelValues;
        }

        String of(SortedMap<String, ?> variables) {
            StringBuilder b = new StringBuilder();
            variables.forEach((k, v) -> {
                String line = lines.computeIfAbsent(k, x -> new java.util.HashMap<>())
                        .computeIfAbsent(v, x -> k + "=" + TlaValue.fromJava(x, modelValues).canonical());
                if (!b.isEmpty()) {
                    b.append('\n');
                }
                b.append(line);
            });
            return b.toString();
        }
    }

    /** The canonical text of parsed variables. */
    public static String render(SortedMap<String, TlaValue> variables) {
        List<String> lines = new ArrayList<>(variables.size());
        variables.forEach((k, v) -> lines.add(k + "=" + v.canonical()));
        return String.join("\n", lines);
    }

    /**
     * Parses a state as TLC prints it in a trace or (unescaped) in a DOT label: {@code /\ x = v}
     * conjuncts, values possibly spanning lines, or {@code x = v} when the spec has one variable.
     */
    public static SortedMap<String, TlaValue> parseVariables(String tlcState) {
        return new TlaParser(tlcState).state();
    }

    /** The canonical text of a state as TLC prints it. */
    public static String parse(String tlcState) {
        return render(parseVariables(tlcState));
    }

    /** The canonical text of a DOT node label as TLC's {@code -dump dot} writes it (still escaped). */
    public static String fromDotLabel(String escapedLabel) {
        return parse(unescapeDot(escapedLabel));
    }

    /**
     * Undoes TLC's DOT label escaping ({@code \} to {@code \\}, {@code "} to {@code \"}, line break
     * to {@code \n}).
     */
    public static String unescapeDot(String label) {
        StringBuilder b = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '\\' && i + 1 < label.length()) {
                char e = label.charAt(++i);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case '\\', '"' -> b.append(e);
                    default -> b.append('\\').append(e);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
