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
