package kpath.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A state graph as sets of canonical state texts ({@link StateText}): all states, the initial
 * ones, and the labelled edges between them (label = action name, the Java rule name or the TLA+
 * sub-action TLC reports).
 *
 * <p>Self-loops. TLC's {@code -dump dot} writes an edge for every successor an action produces,
 * including a successor equal to its source (an action whose effect is {@code UNCHANGED vars}),
 * but it never adds the implicit stuttering step. {@link Explorer} does the same: a transition
 * whose next state equals the current one is a self-loop edge, no other self-loop is added. So the
 * two graphs are compared as they are; {@link #withoutSelfLoops()} drops them on both sides when a
 * spec and a model disagree only on whether a no-op is a step.
 */
public final class StateGraph {

    /** One labelled edge between two canonical state texts. */
    public record Edge(String from, String label, String to) implements Comparable<Edge> {
        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public int compareTo(Edge o) {
            int c = from.compareTo(o.from);
            if (c == 0) {
                c = label.compareTo(o.label);
            }
            return c != 0 ? c : to.compareTo(o.to);
        }
    }

    private final Set<String> states;
    private final Set<String> initial;
    private final Set<Edge> edges;

    /** Every initial state and every edge end must be among {@code states}. */
    public StateGraph(Set<String> states, Set<String> initial, Set<Edge> edges) {
        // hashed, not sorted: a sorted set compares long state texts that share long prefixes, and
        // GraphDiff sorts only the differences it shows
        this.states = Collections.unmodifiableSet(new java.util.HashSet<>(states));
        this.initial = Collections.unmodifiableSet(new java.util.HashSet<>(initial));
        this.edges = Collections.unmodifiableSet(new java.util.HashSet<>(edges));
        Set<String> known = this.states;
        for (String s : this.initial) {
            if (!known.contains(s)) {
                throw new IllegalArgumentException("initial state not among the states:\n" + s);
            }
        }
        for (Edge e : this.edges) {
            if (!known.contains(e.from()) || !known.contains(e.to())) {
                throw new IllegalArgumentException("edge end not among the states: " + e);
            }
        }
    }

    private StateGraph(Set<String> states, Set<String> initial, Set<Edge> edges, boolean owned) {
        this.states = Collections.unmodifiableSet(states);
        this.initial = Collections.unmodifiableSet(initial);
        this.edges = Collections.unmodifiableSet(edges);
    }

    /**
     * A graph made of sets nobody else holds, whose initial states and edge ends are among the
     * states by construction ({@link Explorer}'s): kept as they are, neither copied nor checked.
     */
    static StateGraph owning(Set<String> states, Set<String> initial, Set<Edge> edges) {
        return new StateGraph(states, initial, edges, true);
    }

    public Set<String> states() {
        return states;
    }

    public Set<String> initial() {
        return initial;
    }

    public Set<Edge> edges() {
        return edges;
    }

    /** The same graph without edges from a state to itself. */
    public StateGraph withoutSelfLoops() {
        Set<Edge> es = new java.util.HashSet<>();
        edges.stream().filter(e -> !e.from().equals(e.to())).forEach(es::add);
        return new StateGraph(states, initial, es);
    }

    /** Reads the graph TLC writes with {@code -dump dot,actionlabels FILE}. */
    public static StateGraph fromDot(Path dotFile) throws IOException {
        return parseDot(Files.readString(dotFile, StandardCharsets.UTF_8));
    }

    /**
     * Parses TLC's DOT dump: nodes {@code ID [label="STATE"]} (initial ones carry
     * {@code style = filled}), edges {@code ID -> ID [label="Action",...]} (no label without
     * {@code actionlabels}: then the edge label is the empty string). IDs are fingerprints,
     * possibly negative. Other statements ({@code rank}, graph attributes) are skipped, and so are
     * node statements without attributes.
     */
    public static StateGraph parseDot(String dot) {
        Map<String, String> nodeText = new HashMap<>();
        Set<String> initialIds = new TreeSet<>();
        record RawEdge(String from, String label, String to) {
        }
        java.util.List<RawEdge> rawEdges = new java.util.ArrayList<>();
        DotScanner sc = new DotScanner(dot);
        while (sc.more()) {
            String id = sc.id();
            if (id == null) {
                sc.skipStatement();
                continue;
            }
            if (sc.accept("->")) {
                String to = sc.id();
                if (to == null) {
                    throw new IllegalArgumentException("edge target expected at " + sc.where());
                }
                Map<String, String> attrs = sc.attributes();
                rawEdges.add(new RawEdge(id, attrs.getOrDefault("label", ""), to));
            } else if (sc.peek('[')) {
                Map<String, String> attrs = sc.attributes();
                String label = attrs.get("label");
                if (label == null) {
                    throw new IllegalArgumentException("node " + id + " has no label");
                }
                try {
                    nodeText.put(id, StateText.fromDotLabel(label));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("node " + id + ": " + e.getMessage(), e);
                }
                if ("filled".equals(attrs.get("style"))) {
                    initialIds.add(id);
                }
            }
            sc.accept(";");
        }
        Set<Edge> edges = new java.util.HashSet<>();
        for (RawEdge e : rawEdges) {
            String from = nodeText.get(e.from());
            String to = nodeText.get(e.to());
            if (from == null || to == null) {
                throw new IllegalArgumentException("edge between unknown nodes " + e.from() + " -> " + e.to());
            }
            edges.add(new Edge(from, e.label(), to));
        }
        Set<String> init = new java.util.HashSet<>();
        initialIds.forEach(id -> init.add(nodeText.get(id)));
        return new StateGraph(new java.util.HashSet<>(nodeText.values()), init, edges);
    }

    /** Compares with at most 5 examples per kind of difference. */
    public static GraphDiff compare(StateGraph java, StateGraph tlc) {
        return compare(java, tlc, 5);
    }

    /** Compares a Java graph with a TLC graph, keeping up to {@code maxExamples} examples of each difference. */
    public static GraphDiff compare(StateGraph java, StateGraph tlc, int maxExamples) {
        return GraphDiff.of(java, tlc, maxExamples);
    }

    @Override
    public String toString() {
        return "StateGraph[" + states.size() + " states, " + initial.size() + " initial, " + edges.size() + " edges]";
    }

    /** A scanner for the subset of DOT that TLC writes. */
    private static final class DotScanner {
        private final String s;
        private int i;

        DotScanner(String s) {
            this.s = s;
        }

        /** True until the end; whitespace left at the end is read (and skipped) as a statement. */
        boolean more() {
            return i < s.length();
        }

        String where() {
            return "offset " + i;
        }

        /** Whether {@code c} is next; call it after {@link #accept}, which skips whitespace. */
        boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        boolean accept(String tok) {
            skipWs();
            if (s.startsWith(tok, i)) {
                i += tok.length();
                return true;
            }
            return false;
        }

        /** A node id (a possibly negative integer); null, consuming nothing, when there is none. */
        String id() {
            skipWs();
            int start = i;
            int j = i;
            if (j < s.length() && s.charAt(j) == '-') {
                j++;
            }
            int digits = j;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                j++;
            }
            if (j == digits) {
                return null;
            }
            i = j;
            return s.substring(start, j);
        }

        /** {@code [k=v, k="v", ...]} or nothing. */
        Map<String, String> attributes() {
            Map<String, String> m = new LinkedHashMap<>();
            if (accept("[")) {
                while (!accept("]")) {
                    String k = token();
                    if (!accept("=")) {
                        throw new IllegalArgumentException("'=' expected in attribute list at " + where());
                    }
                    m.put(k, token());
                    accept(",");
                    accept(";");
                }
            }
            return m;
        }

        /** A quoted string (escapes kept as written) or a bare word. */
        private String token() {
            skipWs();
            if (i < s.length() && s.charAt(i) == '"') {
                int start = ++i;
                while (i < s.length() && s.charAt(i) != '"') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated DOT string");
                }
                return s.substring(start, i++);
            }
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && ",;]=".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("DOT attribute expected at " + where());
            }
            return s.substring(start, i);
        }

        /** Skips to the end of the current line (statements TLC writes are one per line). */
        void skipStatement() {
            int nl = s.indexOf('\n', i);
            i = nl == -1 ? s.length() : nl + 1;
        }

        private void skipWs() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
