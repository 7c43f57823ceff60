package kpath.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLC's side of the graph comparisons, recorded by what determines it. TLC's state graph of an
 * MC module is a function of the spec files the module reaches, its config and TLC's version
 * ({@link #inputs}); a comparison's outcome is a function of that graph and the Java graph
 * ({@link #javaHash}). {@code specs/tlc-records.txt} keeps, for both hashes, TLC's counts and the
 * whole {@link GraphDiff}; it is written only by TLC runs made with {@code -Dkpath.tlc=renew}.
 *
 * <p>{@code -Dkpath.tlc}: {@code live} (the default, {@code ./kpath explore}) runs TLC;
 * {@code recorded} (the test JVM) takes a record whose two hashes match for the run, and runs TLC
 * for anything else; {@code renew} runs TLC and records the outcome.
 */
public final class TlcRecords {
    private TlcRecords() {}

    public enum Mode { LIVE, RECORDED, RENEW }

    /** The file, in the checkout's specs directory. */
    public static final String FILE = "tlc-records.txt";

    /**
     * One comparison: its module, config, kind ({@code graph} or {@code obs}), where its specs were
     * ({@code specs}, or {@code edited} for a test's edited copy), the variables of TLC's observed
     * run, the two hashes, TLC's counts and the diff.
     */
    public record Rec(String module, String cfg, String kind, String origin, List<String> vars, String inputs,
                      String java, long distinct, long generated, int depth, GraphDiff diff) {
        String label() {
            return module + " " + cfg + " " + kind + " " + origin;
        }
    }

    public static Mode mode() {
        return switch (System.getProperty("kpath.tlc", "live")) {
            case "recorded" -> Mode.RECORDED;
            case "renew" -> Mode.RENEW;
            default -> Mode.LIVE;
        };
    }

    /**
     * A renewing run's TLC limit: at least this long, since a renewal runs TLC on every module at
     * once beside other work, where a test's own limit is for one run on a quiet machine.
     */
    public static Duration limit(Mode mode, Duration timeout) {
        Duration renew = Duration.ofMinutes(30);
        return mode == Mode.RENEW && timeout.compareTo(renew) < 0 ? renew : timeout;
    }

    /** A live comparison: TLC run, both graphs compared. */
    @FunctionalInterface
    public interface Live {
        GraphComparison.Outcome run() throws CheckException;
    }

    /**
     * The comparison of {@code javaGraph} (the graph compared, observables projected or not) with
     * TLC's graph of {@code module}: recorded or live as {@code mode} says.
     */
    static GraphComparison.Outcome outcome(Mode mode, Explorer.Result java, StateGraph javaGraph, Path specDir, String module,
                                           String cfg, String kind, List<String> vars, Live live) throws CheckException {
        if (mode == Mode.LIVE) {
            return live.run();
        }
        String inputs = inputs(specDir, module, cfg, kind, vars);
        String jh = javaHash(javaGraph);
        if (mode == Mode.RECORDED) {
            for (Rec r : read()) {
                if (r.inputs().equals(inputs) && r.java().equals(jh)) {
                    TlcResult t = new TlcResult(TlcResult.Outcome.SUCCESS, Optional.empty(), r.distinct(), r.generated(),
                            r.depth(), "", List.of(), "", 0, "recorded in specs/" + FILE);
                    return new GraphComparison.Outcome(java, t, r.diff());
                }
            }
            System.err.println("kpath: no TLC record for " + module + " " + cfg + " " + kind + " and this Java graph; "
                    + "running TLC (renew: README, TLC records)");
            return live.run();
        }
        GraphComparison.Outcome o = live.run();
        // a test's edited copy of the specs, or its own config beside them (a name not in specs/)
        String origin = isCheckout(specDir) && !Path.of(cfg).isAbsolute() ? "specs" : "edited";
        write(new Rec(module, cfgName(cfg), kind, origin, vars, inputs, jh, o.tlc().distinctStates(), o.tlc().statesGenerated(),
                o.tlc().depth(), o.diff()));
        return o;
    }

    /** A config's file name: a test may name its own by an absolute path in a temporary directory. */
    private static String cfgName(String cfg) {
        return Path.of(cfg).getFileName().toString();
    }

    private static boolean isCheckout(Path specDir) throws CheckException {
        return specDir.toAbsolutePath().normalize().equals(Specs.dir().toAbsolutePath().normalize());
    }

    // ---- the inputs of a TLC run

    private static final Pattern EXTENDS = Pattern.compile("(?m)^\\s*EXTENDS\\s+([\\w\\s,]+?)\\s*$");
    private static final Pattern INSTANCE = Pattern.compile("\\bINSTANCE\\s+(\\w+)");

    /** The spec files {@code module} reaches through EXTENDS and INSTANCE (standard modules are not in {@code specDir}). */
    public static List<Path> closure(Path specDir, String module) throws CheckException {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(module));
        while (!todo.isEmpty()) {
            String m = todo.pop();
            Path f = specDir.resolve(m + ".tla");
            if (!Files.isRegularFile(f) || !seen.add(m)) {
                continue;
            }
            String text = read(f);
            Matcher e = EXTENDS.matcher(text);
            if (e.find()) {
                for (String x : e.group(1).split(",")) {
                    todo.push(x.strip());
                }
            }
            Matcher i = INSTANCE.matcher(text);
            while (i.find()) {
                todo.push(i.group(1));
            }
        }
        return seen.stream().map(m -> specDir.resolve(m + ".tla")).toList();
    }

    /** SHA-256 of TLC's version (its jar's name), the module, the config and every spec file the module reaches. */
    public static String inputs(Path specDir, String module, String cfg, String kind, List<String> vars)
            throws CheckException {
        MessageDigest d = sha256();
        update(d, Tlc.tlaToolsJar().getFileName().toString());
        update(d, module);
        update(d, cfgName(cfg));
        update(d, read(specDir.resolve(cfg)));
        update(d, kind);
        update(d, String.join(",", vars));
        for (Path f : closure(specDir, module)) {
            update(d, f.getFileName().toString());
            update(d, read(f));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    // ---- the Java graph

    /**
     * A hash of the graph's state, initial-state and labelled-edge sets: each state hashed once
     * (SHA-256), each set summed in two 64-bit lanes of mixed element hashes (order-free, so no
     * sort of long texts), the sums and counts hashed again.
     */
    public static String javaHash(StateGraph g) {
        Map<String, long[]> ids = new HashMap<>(g.states().size() * 2);
        long[] acc = new long[6];
        for (String s : g.states()) {
            long[] h = sha128(s);
            ids.put(s, h);
            acc[0] += mix(h[0]);
            acc[1] += mix(h[1]);
        }
        for (String s : g.initial()) {
            long[] h = ids.get(s);
            acc[2] += mix(h[0] ^ 0x5bd1e995L);
            acc[3] += mix(h[1] ^ 0x5bd1e995L);
        }
        Map<String, long[]> labels = new HashMap<>();
        for (StateGraph.Edge e : g.edges()) {
            long[] f = ids.get(e.from());
            long[] t = ids.get(e.to());
            long[] l = labels.computeIfAbsent(e.label(), TlcRecords::sha128);
            acc[4] += mix(f[0] + mix(t[0] + mix(l[0])));
            acc[5] += mix(f[1] + mix(t[1] + mix(l[1])));
        }
        MessageDigest d = sha256();
        update(d, g.states().size() + " " + g.initial().size() + " " + g.edges().size());
        for (long a : acc) {
            update(d, Long.toHexString(a));
        }
        return HexFormat.of().formatHex(d.digest(), 0, 16);
    }

    private static long[] sha128(String s) {
        byte[] b = sha256().digest(s.getBytes(StandardCharsets.UTF_8));
        long a = 0;
        long c = 0;
        for (int i = 0; i < 8; i++) {
            a = (a << 8) | (b[i] & 0xff);
            c = (c << 8) | (b[i + 8] & 0xff);
        }
        return new long[] {a, c};
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    // ---- the file

    /** The records in specs/tlc-records.txt (none when it does not exist). */
    public static List<Rec> read() throws CheckException {
        Path f = Specs.dir().resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        List<Rec> recs = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CheckException(f + ": " + e.getMessage());
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                recs.add(parse(line));
            } catch (RuntimeException e) {
                throw new CheckException(f + ":" + (n + 1) + ": not a TLC record (" + e.getMessage() + ")");
            }
        }
        return recs;
    }

    /** Records made by this JVM in renew mode, by label: they replace every record of their labels in the file. */
    private static final Map<String, List<Rec>> RENEWED = new LinkedHashMap<>();

    private static synchronized void write(Rec rec) throws CheckException {
        RENEWED.computeIfAbsent(rec.label(), k -> new ArrayList<>()).removeIf(r -> r.inputs().equals(rec.inputs())
                && r.java().equals(rec.java()));
        RENEWED.get(rec.label()).add(rec);
        List<Rec> all = new ArrayList<>();
        for (Rec r : read()) {
            if (!RENEWED.containsKey(r.label())) {
                all.add(r);
            }
        }
        RENEWED.values().forEach(all::addAll);
        all.sort(java.util.Comparator.comparing(Rec::label).thenComparing(Rec::java));
        StringBuilder b = new StringBuilder("""
                # TLC's side of the Java-vs-TLC graph comparisons (kpath.check.TlcRecords), written by
                # ./mvnw test -Dkpath.tlc=renew (README, TLC records). Fields, tab-separated: module, config,
                # kind, specs origin, observed variables, SHA-256 of TLC's inputs, hash of the Java graph,
                # TLC's distinct states, states generated, depth, then the GraphDiff's counts and examples.
                """);
        for (Rec r : all) {
            b.append(format(r)).append('\n');
        }
        Path f = Specs.dir().resolve(FILE);
        try {
            Path tmp = Files.createTempFile(f.toAbsolutePath().getParent(), ".tlc-records", ".tmp");
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            // a file of the checkout, not a private temporary one
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CheckException(f + ": cannot write: " + e.getMessage());
        }
    }

    static String format(Rec r) {
        GraphDiff d = r.diff();
        List<String> f = new ArrayList<>(List.of(r.module(), r.cfg(), r.kind(), r.origin(), String.join(",", r.vars()),
                r.inputs(), r.java(), Long.toString(r.distinct()), Long.toString(r.generated()), Integer.toString(r.depth())));
        for (int n : new int[] {d.javaStates(), d.tlcStates(), d.javaInitial(), d.tlcInitial(), d.javaEdges(), d.tlcEdges(),
                d.statesOnlyInJava(), d.statesOnlyInTlc(), d.initialOnlyInJava(), d.initialOnlyInTlc(), d.edgesOnlyInJava(),
                d.edgesOnlyInTlc()}) {
            f.add(Integer.toString(n));
        }
        for (List<String> l : List.of(d.exampleStatesOnlyInJava(), d.exampleStatesOnlyInTlc(), d.exampleInitialOnlyInJava(),
                d.exampleInitialOnlyInTlc())) {
            f.add(list(l));
        }
        for (List<StateGraph.Edge> l : List.of(d.exampleEdgesOnlyInJava(), d.exampleEdgesOnlyInTlc())) {
            List<String> flat = new ArrayList<>();
            l.forEach(e -> flat.addAll(List.of(e.from(), e.label(), e.to())));
            f.add(list(flat));
        }
        return String.join("\t", f);
    }

    static Rec parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 28) {
            throw new IllegalArgumentException(f.length + " fields, not 28");
        }
        int[] n = new int[12];
        for (int i = 0; i < 12; i++) {
            n[i] = Integer.parseInt(f[10 + i]);
        }
        List<List<StateGraph.Edge>> edges = new ArrayList<>();
        for (int i = 26; i < 28; i++) {
            List<String> flat = unlist(f[i]);
            if (flat.size() % 3 != 0) {
                throw new IllegalArgumentException("edge examples are not triples");
            }
            List<StateGraph.Edge> es = new ArrayList<>();
            for (int j = 0; j < flat.size(); j += 3) {
                es.add(new StateGraph.Edge(flat.get(j), flat.get(j + 1), flat.get(j + 2)));
            }
            edges.add(es);
        }
        GraphDiff d = new GraphDiff(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10], n[11],
                unlist(f[22]), unlist(f[23]), unlist(f[24]), unlist(f[25]), edges.get(0), edges.get(1));
        return new Rec(f[0], f[1], f[2], f[3], f[4].isEmpty() ? List.of() : List.of(f[4].split(",")), f[5], f[6],
                Long.parseLong(f[7]), Long.parseLong(f[8]), Integer.parseInt(f[9]), d);
    }

    /** Elements escaped (backslash, newline, tab, '|') and joined by '|'; "" for none, "\e" for one empty element. */
    private static String list(List<String> l) {
        if (l.size() == 1 && l.getFirst().isEmpty()) {
            return "\\e";
        }
        List<String> out = new ArrayList<>();
        for (String s : l) {
            out.add(s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("|", "\\p"));
        }
        return String.join("|", out);
    }

    private static List<String> unlist(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        if (s.equals("\\e")) {
            return List.of("");
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '|') {
                out.add(cur.toString());
                cur.setLength(0);
            } else if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                cur.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'p' -> '|';
                    case '\\' -> '\\';
                    default -> throw new IllegalArgumentException("unknown escape \\" + e);
                });
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    // ---- small helpers

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void update(MessageDigest d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
        d.update(b);
    }

    private static String read(Path f) throws CheckException {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CheckException("cannot read " + f + ": " + e.getMessage());
        }
    }

    /** Records whose labels occur more than once with the same inputs and Java graph (a renew bug). */
    static Set<String> duplicates(List<Rec> recs) {
        Set<String> seen = new HashSet<>();
        Set<String> dup = new TreeSet<>();
        for (Rec r : recs) {
            if (!seen.add(r.label() + "|" + r.inputs() + "|" + r.java())) {
                dup.add(r.label());
            }
        }
        return dup;
    }
}
