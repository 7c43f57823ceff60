package kpath.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The differences between a Java state graph and a TLC state graph: counts of each side, and for
 * states, initial states and edges found on one side only their count and up to N examples.
 */
public record GraphDiff(
        int javaStates, int tlcStates,
        int javaInitial, int tlcInitial,
        int javaEdges, int tlcEdges,
        int statesOnlyInJava, int statesOnlyInTlc,
        int initialOnlyInJava, int initialOnlyInTlc,
        int edgesOnlyInJava, int edgesOnlyInTlc,
        List<String> exampleStatesOnlyInJava, List<String> exampleStatesOnlyInTlc,
        List<String> exampleInitialOnlyInJava, List<String> exampleInitialOnlyInTlc,
        List<StateGraph.Edge> exampleEdgesOnlyInJava, List<StateGraph.Edge> exampleEdgesOnlyInTlc) {

    static GraphDiff of(StateGraph java, StateGraph tlc, int max) {
        Set<String> sj = minus(java.states(), tlc.states());
        Set<String> st = minus(tlc.states(), java.states());
        Set<String> ij = minus(java.initial(), tlc.initial());
        Set<String> it = minus(tlc.initial(), java.initial());
        Set<StateGraph.Edge> ej = minus(java.edges(), tlc.edges());
        Set<StateGraph.Edge> et = minus(tlc.edges(), java.edges());
        return new GraphDiff(java.states().size(), tlc.states().size(),
                java.initial().size(), tlc.initial().size(),
                java.edges().size(), tlc.edges().size(),
                sj.size(), st.size(), ij.size(), it.size(), ej.size(), et.size(),
                first(sj, max), first(st, max), first(ij, max), first(it, max), first(ej, max), first(et, max));
    }

    /** True when both graphs are the same. */
    public boolean same() {
        return statesOnlyInJava == 0 && statesOnlyInTlc == 0 && initialOnlyInJava == 0
                && initialOnlyInTlc == 0 && edgesOnlyInJava == 0 && edgesOnlyInTlc == 0;
    }

    /** A readable report: the counts, then examples of every difference. */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(same() ? "state graphs are equal" : "state graphs differ").append('\n');
        b.append(String.format("  %-15s %10s %10s%n", "", "Java", "TLC"));
        b.append(String.format("  %-15s %10d %10d%n", "states", javaStates, tlcStates));
        b.append(String.format("  %-15s %10d %10d%n", "initial states", javaInitial, tlcInitial));
        b.append(String.format("  %-15s %10d %10d%n", "edges", javaEdges, tlcEdges));
        states(b, "states only in Java", statesOnlyInJava, exampleStatesOnlyInJava);
        states(b, "states only in TLC", statesOnlyInTlc, exampleStatesOnlyInTlc);
        states(b, "initial states only in Java", initialOnlyInJava, exampleInitialOnlyInJava);
        states(b, "initial states only in TLC", initialOnlyInTlc, exampleInitialOnlyInTlc);
        edges(b, "edges only in Java", edgesOnlyInJava, exampleEdgesOnlyInJava);
        edges(b, "edges only in TLC", edgesOnlyInTlc, exampleEdgesOnlyInTlc);
        return b.toString();
    }

    @Override
    public String toString() {
        return report();
    }

    private static void states(StringBuilder b, String title, int n, List<String> examples) {
        if (n == 0) {
            return;
        }
        b.append(title).append(": ").append(n).append(shown(n, examples.size())).append('\n');
        for (String s : examples) {
            b.append("  -").append(indent(s)).append('\n');
        }
    }

    private static void edges(StringBuilder b, String title, int n, List<StateGraph.Edge> examples) {
        if (n == 0) {
            return;
        }
        b.append(title).append(": ").append(n).append(shown(n, examples.size())).append('\n');
        for (StateGraph.Edge e : examples) {
            b.append("  - ").append(e.label()).append(" from").append(indent(e.from())).append('\n');
            if (e.from().equals(e.to())) {
                b.append("    to itself\n");
            } else {
                b.append("    to (changed variables only)").append(indent(changed(e.from(), e.to()))).append('\n');
            }
        }
    }

    /** The lines of {@code to} that are not lines of {@code from}. */
    private static String changed(String from, String to) {
        Set<String> before = new java.util.HashSet<>(List.of(from.split("\n")));
        List<String> diff = new ArrayList<>();
        for (String line : to.split("\n")) {
            if (!before.contains(line)) {
                diff.add(line);
            }
        }
        return String.join("\n", diff);
    }

    private static String shown(int n, int shown) {
        return n > shown ? " (first " + shown + " shown)" : "";
    }

    /** A multi-line state text, indented under its bullet. */
    private static String indent(String state) {
        return "\n      " + state.replace("\n", "\n      ");
    }

    /** The elements of {@code a} not in {@code b}, sorted (the examples shown are the first ones). */
    private static <T extends Comparable<T>> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> r = new TreeSet<>();
        for (T t : a) {
            if (!b.contains(t)) {
                r.add(t);
            }
        }
        return r;
    }

    private static <T> List<T> first(Set<T> s, int max) {
        List<T> l = new ArrayList<>();
        for (T t : s) {
            if (l.size() >= max) {
                break;
            }
            l.add(t);
        }
        return List.copyOf(l);
    }
}
