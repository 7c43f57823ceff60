package kpath.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The one builder of TLA+ trace modules, for every path. TLC 2.18 has no trace-validation mode and
 * no Json module, so a trace becomes a module that EXTENDS the path's spec: event k is the
 * formula {@code Ek}, taken when the cursor {@code i} is k; between events the path's hidden
 * steps may run ({@code Hidden}, with the path's own bound); the trace is accepted when TLC reaches
 * {@code i = N + 1} (plus the path's end condition): the invariant {@code TraceAccepted} then prints
 * {@link #ACCEPTED} and stops TLC ({@code TLCSet("exit", TRUE)}). Each time a behaviour explains further than any
 * before it, TLC prints the cursor ({@link #REACHED}), so a rejection names the first line no
 * behaviour explains. The module is built from the trace alone.
 */
public final class TraceModule {

    /**
     * The module's name, the spec it EXTENDS, its text and its TLC configuration; the trace line of
     * each event; the spec's constants it substitutes (each {@code param <- T<param>} in the
     * configuration, the value a constant expression of its own), and its own variables besides the
     * cursor {@code i} — what a batch of trace modules in one TLC run needs ({@link TraceBatch}).
     */
    public record Generated(String name, String spec, String module, String cfg, List<Integer> lines,
                            List<Constant> constants, List<String> variables) {
        public Generated {
            lines = List.copyOf(lines);
            constants = List.copyOf(constants);
            variables = List.copyOf(variables);
        }

        /** The trace line of event {@code k} (1-based). */
        public int line(int k) {
            return lines.get(k - 1);
        }
    }

    /** A constant of the spec, replaced by a value: a constant expression that names nothing of the spec. */
    public record Constant(String param, String value) {}

    /**
     * What TLC prints, before the trace's number ({@link #TRACE}) and the cursor's new value, each
     * time a behaviour explains further than any before it.
     */
    public static final String REACHED = "kpath-reached";

    /** What TLC prints when a behaviour explains the whole trace (then it stops). */
    public static final String ACCEPTED = "kpath-accepted";

    /**
     * The definition that numbers the trace: 1 in a module of its own, k in a batch. Register
     * {@code TRACE + 1} (TLCGet/TLCSet) holds the furthest cursor of trace k's behaviours.
     */
    public static final String TRACE = "KpathTrace";

    private final String name;
    private final String spec;
    private final String file;
    private final List<String> variables = new ArrayList<>();
    private final List<String> variableNames = new ArrayList<>();
    private final List<Constant> constants = new ArrayList<>();
    private final List<String> definitions = new ArrayList<>();
    private final List<String> init = new ArrayList<>(List.of("Init", "i = 1", "TLCSet(" + TRACE + " + 1, 1)"));
    private final List<String> events = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private final List<String> onEvent = new ArrayList<>();
    private final List<String> onHidden = new ArrayList<>(List.of("UNCHANGED i"));
    private final List<String> done = new ArrayList<>(List.of("i = N + 1"));
    private String hidden = "FALSE";

    private TraceModule(String name, String spec, String file) {
        this.name = name;
        this.spec = spec;
        this.file = file;
    }

    /** A module {@code name} that EXTENDS {@code spec}, for the trace in {@code file}. */
    public static TraceModule of(String name, String spec, String file) {
        return new TraceModule(name, spec, file);
    }

    /** A variable of the module's own besides the cursor, with what it holds. */
    public TraceModule variable(String v, String comment) {
        variables.add(v + "  \\* " + comment);
        variableNames.add(v);
        return this;
    }

    /** A definition ({@code Name == body}), after an optional {@code \*} comment. */
    public TraceModule define(String comment, String definition) {
        definitions.add((comment.isEmpty() ? "" : "\\* " + comment + "\n") + definition);
        return this;
    }

    /** A conjunct of the initial predicate, besides the spec's {@code Init} and {@code i = 1}. */
    public TraceModule init(String conjunct) {
        init.add(conjunct);
        return this;
    }

    /** The next event: the spec formula that explains the trace line {@code line}. */
    public TraceModule event(int line, String formula) {
        events.add("\\* line " + line + "\nE" + (events.size() + 1) + " == " + formula);
        lines.add(line);
        return this;
    }

    /** The steps the trace does not show, as one action; and conjuncts taken with them (a bound). */
    public TraceModule hidden(String action, String... conjuncts) {
        hidden = action;
        onHidden.addAll(List.of(conjuncts));
        return this;
    }

    /** Conjuncts taken with every event step (besides the cursor moving on). */
    public TraceModule onEvent(String... conjuncts) {
        onEvent.addAll(List.of(conjuncts));
        return this;
    }

    /** A conjunct of "the whole trace is explained", besides {@code i = N + 1}. */
    public TraceModule done(String conjunct) {
        done.add(conjunct);
        return this;
    }

    /**
     * The spec's constant {@code param} replaced by {@code value}, a constant expression that names
     * nothing of the spec: defined as {@code T<param>} and substituted in the configuration.
     */
    public TraceModule constant(String param, String value) {
        return constant(param, value, "");
    }

    /** {@link #constant(String, String)}, after a {@code \*} comment. */
    public TraceModule constant(String param, String value, String comment) {
        constants.add(new Constant(param, value));
        return define(comment, "T" + param + " == " + value);
    }

    public Generated build() {
        StringBuilder m = new StringBuilder();
        m.append("---- MODULE ").append(name).append(" ----\n");
        m.append("\\* Generated by kpath from ").append(file).append("; do not edit.\n");
        m.append("EXTENDS ").append(spec).append(", TLC\n\n");
        m.append("VARIABLE i  \\* trace cursor: the next event to explain\n");
        variables.forEach(v -> m.append("VARIABLE ").append(v).append('\n'));
        m.append("\n").append(TRACE).append(" == 1\n");
        m.append("N == ").append(events.size()).append("\n");
        definitions.forEach(d -> m.append(d).append('\n'));
        m.append("\nTInit == ").append(String.join(" /\\ ", init)).append("\n\n");
        events.forEach(e -> m.append(e).append('\n'));
        // event i by bisection, not an N-way disjunction: TLC splits a disjunction into N actions and
        // tries every one in every state, so a trace of N events cost O(N^2); an IF tree costs O(log N)
        m.append("\nEvent == ").append(events.isEmpty() ? "FALSE" : pick("i", 1, events.size(), "    ", k -> "i = " + k + " /\\ E" + k)).append("\n\n");
        m.append("Hidden == ").append(hidden).append("\n\n");
        m.append("\\* How far the trace is explained: the furthest cursor any behaviour reached, in a register\n");
        m.append("Reached == IF i' > TLCGet(" + TRACE + " + 1) THEN TLCSet(" + TRACE + " + 1, i') /\\ PrintT(<<\"" + REACHED
                + "\", " + TRACE + ", i'>>) ELSE TRUE\n\n");
        List<String> ev = new ArrayList<>(List.of("Event", "i' = i + 1"));
        ev.addAll(onEvent);
        ev.add("Reached");
        List<String> hd = new ArrayList<>(List.of("Hidden"));
        hd.addAll(onHidden);
        m.append("TNext == \\/ ").append(String.join(" /\\ ", ev)).append("\n");
        m.append("         \\/ ").append(String.join(" /\\ ", hd)).append("\n\n");
        m.append("TraceIncomplete == ~(").append(String.join(" /\\ ", done)).append(")\n\n");
        m.append("\\* The trace is explained: say so and stop (an invariant violation would print the whole\n");
        m.append("\\* behaviour, a state per event; for long traces that cost more than the check)\n");
        m.append("TraceAccepted == TraceIncomplete \\/ (PrintT(<<\"" + ACCEPTED + "\">>) /\\ TLCSet(\"exit\", TRUE))\n");
        m.append("====\n");
        StringBuilder cfg = new StringBuilder(constants.isEmpty() ? "" : "CONSTANTS\n");
        constants.forEach(c -> cfg.append("    ").append(c.param()).append(" <- T").append(c.param()).append('\n'));
        cfg.append("INIT TInit\nNEXT TNext\nINVARIANT TraceAccepted\n");
        return new Generated(name, spec, m.toString(), cfg.toString(), lines, constants, variableNames);
    }

    /**
     * {@code leaf(k)} for the value k of {@code var} in lo..hi: an IF tree over {@code var}, O(log N)
     * tests a step where TLC would try every arm of an N-way disjunction. The trace module picks
     * event i by the cursor, a batch ({@link TraceBatch}) the trace by {@code tr}.
     */
    static String pick(String var, int lo, int hi, String indent, java.util.function.IntFunction<String> leaf) {
        if (lo == hi) {
            return "(" + leaf.apply(lo) + ")";
        }
        int mid = (lo + hi) >>> 1;
        String in = indent + "  ";
        return "(IF " + var + " <= " + mid + "\n" + indent + "THEN " + pick(var, lo, mid, in, leaf) + "\n" + indent
                + "ELSE " + pick(var, mid + 1, hi, in, leaf) + ")";
    }

    /** A TLA+ string literal. */
    public static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A TLA+ set of already-rendered elements. */
    public static String set(List<String> xs) {
        return "{" + String.join(", ", xs) + "}";
    }
}
