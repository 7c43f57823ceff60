package kpath.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java model's reachable state graph against TLC's, at the bounds of an MC module: states,
 * initial states and action-labelled edges must be equal; and, with the observables, the
 * projections a trace's observe lines read must be equal in every reachable state.
 */
public final class GraphComparison {
    private GraphComparison() {}

    public record Outcome(Explorer.Result java, TlcResult tlc, GraphDiff diff) {}

    /** A TLC run: its result, its labelled graph, and each state's text with {@code obs} added, when printed. */
    private record Tlc(TlcResult result, StateGraph graph, Optional<Map<String, String>> observed) {}

    /** TLC's state graph for {@code module} in {@code specDir} (dumped with action labels) against {@code java}'s. */
    public static Outcome against(Explorer.Result java, Path specDir, String module, String cfg, Duration timeout)
            throws CheckException {
        return against(TlcRecords.mode(), java, specDir, module, cfg, timeout);
    }

    /** As {@link #against(Explorer.Result, Path, String, String, Duration)}, TLC's side as {@code mode} says ({@link TlcRecords}). */
    public static Outcome against(TlcRecords.Mode mode, Explorer.Result java, Path specDir, String module, String cfg,
                                  Duration timeout) throws CheckException {
        List<String> vars = variables(java);
        return TlcRecords.outcome(mode, java, java.graph(), specDir, module, cfg, "graph", vars, () -> {
            Tlc tlc = tlcGraph(specDir, module, cfg, TlcRecords.limit(mode, timeout), vars);
            return new Outcome(java, tlc.result(), StateGraph.compare(java.graph(), tlc.graph()));
        });
    }

    /**
     * The observables check: {@code java} (explored {@link Explorer#withObservables with
     * observables}) against TLC's states of {@code module}, each with a variable {@code obs} equal to
     * the spec's {@code Observables} there. Equal state sets prove that the Java checker and the TLA+
     * trace module read every observation the same way in every reachable state. The values come
     * from the same TLC run as {@link #against}'s graph: an invariant prints {@code Observables} once
     * per distinct state. Labelled edges are {@link #against}'s business.
     */
    public static Outcome observables(Explorer.Result java, Path specDir, String module, String cfg, Duration timeout)
            throws CheckException {
        return observables(TlcRecords.mode(), java, specDir, module, cfg, timeout);
    }

    /** As {@link #observables(Explorer.Result, Path, String, String, Duration)}, TLC's side as {@code mode} says. */
    public static Outcome observables(TlcRecords.Mode mode, Explorer.Result java, Path specDir, String module, String cfg,
                                      Duration timeout) throws CheckException {
        List<String> vars = variables(java);
        StateGraph j = new StateGraph(java.graph().states(), java.graph().initial(), Set.of());
        return TlcRecords.outcome(mode, java, j, specDir, module, cfg, "obs", vars,
                () -> liveObservables(java, j, specDir, module, cfg, TlcRecords.limit(mode, timeout), vars));
    }

    private static Outcome liveObservables(Explorer.Result java, StateGraph j, Path specDir, String module, String cfg,
                                           Duration timeout, List<String> vars) throws CheckException {
        Tlc tlc = tlcGraph(specDir, module, cfg, timeout, vars);
        Map<String, String> obs = tlc.observed().orElseThrow(() -> new CheckException(
                specDir.resolve(module + ".tla") + ": TLC printed no Observables for these variables"));
        java.util.TreeSet<String> states = new java.util.TreeSet<>();
        java.util.TreeSet<String> initial = new java.util.TreeSet<>();
        for (String st : tlc.graph().states()) {
            String o = obs.get(st);
            if (o == null) {
                throw new CheckException(module + ": TLC printed no Observables for a state of its graph:\n" + st);
            }
            states.add(o);
        }
        tlc.graph().initial().forEach(st -> initial.add(obs.get(st)));
        StateGraph t = new StateGraph(states, initial, Set.of());
        return new Outcome(java, tlc.result(), StateGraph.compare(j, t));
    }

    /** The spec variables a Java graph's states name (without the explorer's own {@code obs}). */
    private static List<String> variables(Explorer.Result java) {
        if (java.graph().states().isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String line : java.graph().states().iterator().next().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && TlaValue.isIdentifier(line.substring(0, eq)) && !line.startsWith("obs=")) {
                names.add(line.substring(0, eq));
            }
        }
        return names;
    }

    /** What the invariant {@code KpathObs} prints first in each tuple (TLC may break the tuple's lines). */
    static final String OBS_TAG = "\"kpath-obs\"";

    /**
     * The module run for the graph: {@code module} itself, or, when its specs define
     * {@code Observables}, a wrapper whose invariant {@code KpathObs} prints
     * {@code <<"kpath-obs", [v |-> v, ...], Observables>>} in every distinct state (an invariant is
     * evaluated once per distinct state; a variable kept equal to it would be evaluated on every
     * generated one).
     */
    private static Optional<Tlc> observedRun(Path specDir, String module, String cfg, Duration timeout,
                                             List<String> vars) throws CheckException {
        Path dir = null;
        try {
            dir = TempFiles.copyOfSpecs(specDir, "kpath-obs");
            String obsModule = module + "Obs";
            String record = String.join(", ", vars.stream().map(v -> v + " |-> " + v).toList());
            Path cfgPath = specDir.resolve(cfg);
            // TLC checks invariants also in states its CONSTRAINT excludes, each time it generates
            // one (they never enter the seen set): only the states of the graph print
            String cfgText = Files.readString(cfgPath);
            List<String> constraints = constraints(cfgText);
            Files.writeString(dir.resolve(obsModule + ".tla"), "---- MODULE " + obsModule + " ----\n"
                    + "\\* Generated by kpath: " + module + ", printing its observables in each distinct state.\n"
                    + "EXTENDS " + module + ", TLC\n"
                    + "KpathObs == " + (constraints.isEmpty() ? "" : "(" + String.join(" /\\ ", constraints) + ") => ")
                    + "PrintT(<<\"kpath-obs\", [" + record + "], Observables>>)\n====\n");
            Files.writeString(dir.resolve(obsModule + ".cfg"), cfgText + "\nINVARIANT KpathObs\n");
            Optional<Tlc> run = runTlc(dir, obsModule, obsModule + ".cfg", timeout, true);
            if (run.isEmpty()) {
                // the wrapper does not parse (a Java variable the spec lacks): the plain run's diff says more
                return Optional.empty();
            }
            return Optional.of(new Tlc(run.get().result(), run.get().graph(),
                    Optional.of(printed(run.get().result().output(), run.get().graph()))));
        } catch (IOException e) {
            throw new CheckException("cannot prepare the observables run: " + e.getMessage());
        } finally {
            TempFiles.delete(dir);
        }
    }

    private static final Set<String> CFG_KEYWORDS = Set.of("INIT", "NEXT", "SPECIFICATION", "INVARIANT",
            "INVARIANTS", "PROPERTY", "PROPERTIES", "CONSTANT", "CONSTANTS", "CONSTRAINT", "CONSTRAINTS",
            "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW", "CHECK_DEADLOCK", "POSTCONDITION", "ALIAS");

    /** The names after CONSTRAINT(S) in a TLC configuration. */
    static List<String> constraints(String cfg) {
        List<String> names = new ArrayList<>();
        boolean in = false;
        for (String tok : cfg.replaceAll("\\\\\\*[^\n]*", " ").split("\\s+")) {
            if (CFG_KEYWORDS.contains(tok)) {
                in = tok.startsWith("CONSTRAINT");
            } else if (in && !tok.isEmpty()) {
                names.add(tok);
            }
        }
        return names;
    }

    /** The printed observables by state text: each state's text with the line {@code obs=...} added. */
    static Map<String, String> printed(String output, StateGraph graph) throws CheckException {
        Map<String, String> byState = new java.util.HashMap<>();
        int tag = output.indexOf(OBS_TAG);
        while (tag >= 0) {
            int at = output.lastIndexOf("<<", tag);
            TlaParser p = new TlaParser(output, at);
            TlaValue v;
            try {
                v = p.value();
            } catch (IllegalArgumentException e) {
                throw new CheckException("cannot read TLC's printed observables: " + e.getMessage());
            }
            if (!(v instanceof TlaValue.Fcn t) || t.mapping().size() != 3
                    || !(t.mapping().get(new TlaValue.Int(2)) instanceof TlaValue.Fcn rec)) {
                throw new CheckException("cannot read TLC's printed observables at offset " + at);
            }
            java.util.SortedMap<String, TlaValue> vars = new java.util.TreeMap<>();
            rec.mapping().forEach((k, x) -> vars.put(((TlaValue.Str) k).value(), x));
            String state = StateText.render(vars);
            vars.put("obs", t.mapping().get(new TlaValue.Int(3)));
            byState.put(state, StateText.render(vars));
            tag = output.indexOf(OBS_TAG, p.position());
        }
        return byState;
    }

    /**
     * TLC's runs by what determines them: the module, the config, and every spec file's name, size
     * and time of change (a spec edited in between runs TLC again). The state-graph and rule-name
     * tests ask for the same MC module's graph; one JVM runs TLC for it once.
     */
    private static final Map<String, Tlc> RUNS = new ConcurrentHashMap<>();

    /**
     * One TLC run per key: with {@code vars} given and Observables defined, the observed run (which
     * serves the graph too); otherwise the plain one.
     */
    private static Tlc tlcGraph(Path specDir, String module, String cfg, Duration timeout, List<String> vars)
            throws CheckException {
        boolean observed = !vars.isEmpty() && definesObservables(specDir, module);
        String key = runKey(specDir, module, cfg) + (observed ? "|obs:" + vars : "");
        try {
            // atomic per key: two test classes asking at once wait for one run
            return RUNS.computeIfAbsent(key, k -> {
                try {
                    Optional<Tlc> run = observed ? observedRun(specDir, module, cfg, timeout, vars) : Optional.empty();
                    return run.isPresent() ? run.get() : runTlc(specDir, module, cfg, timeout);
                } catch (CheckException e) {
                    throw new Failed(e);
                }
            });
        } catch (Failed f) {
            throw f.cause;
        }
    }

    /** Whether {@code module} or a module it EXTENDS (transitively, in {@code specDir}) defines Observables. */
    static boolean definesObservables(Path specDir, String module) throws CheckException {
        for (Path f : TlcRecords.closure(specDir, module)) {
            try {
                if (java.util.regex.Pattern.compile("(?m)^Observables\\s*==").matcher(Files.readString(f)).find()) {
                    return true;
                }
            } catch (IOException e) {
                throw new CheckException("cannot read " + f + ": " + e.getMessage());
            }
        }
        return false;
    }

    /** Carries a failed run's CheckException out of computeIfAbsent (nothing is cached then). */
    private static final class Failed extends RuntimeException {
        final CheckException cause;

        Failed(CheckException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    private static String runKey(Path specDir, String module, String cfg) throws CheckException {
        StringBuilder b = new StringBuilder(specDir.toAbsolutePath().normalize() + "|" + module + "|" + cfg);
        try (var files = Files.list(specDir)) {
            // the specs TLC reads: not the records file, which a renewing run rewrites meanwhile
            for (Path f : files.filter(f -> f.toString().endsWith(".tla") || f.toString().endsWith(".cfg")).sorted().toList()) {
                b.append('|').append(f.getFileName()).append(':').append(Files.size(f)).append(':')
                        .append(Files.getLastModifiedTime(f).toMillis());
            }
            Path c = specDir.resolve(cfg);
            b.append("|cfg:").append(Files.readString(c).hashCode());
        } catch (IOException e) {
            throw new CheckException("cannot read the specs in " + specDir + ": " + e.getMessage());
        }
        return b.toString();
    }

    private static Tlc runTlc(Path specDir, String module, String cfg, Duration timeout) throws CheckException {
        return runTlc(specDir, module, cfg, timeout, false).orElseThrow();
    }

    /** A completed run's graph; empty for a parse error when {@code parseErrorIsEmpty}, else a CheckException. */
    private static Optional<Tlc> runTlc(Path specDir, String module, String cfg, Duration timeout,
                                        boolean parseErrorIsEmpty) throws CheckException {
        Path dot = null;
        try {
            dot = Files.createTempFile("kpath-tlc", ".dot");
            TlcResult tlc = kpath.check.Tlc.run(specDir, module, cfg, Optional.of(dot), timeout);
            if (parseErrorIsEmpty && tlc.outcome() == TlcResult.Outcome.PARSE_ERROR) {
                return Optional.empty();
            }
            if (!tlc.succeeded()) {
                throw new CheckException(specDir.resolve(module + ".tla") + ": TLC did not complete: " + tlc.report());
            }
            return Optional.of(new Tlc(tlc, StateGraph.fromDot(dot), Optional.empty()));
        } catch (IOException e) {
            throw new CheckException("cannot read TLC's state graph: " + e.getMessage());
        } finally {
            TempFiles.delete(dot);
        }
    }
}
