package kpath.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * {@code ./kpath bench [JMH options] [PATTERN...]}: runs the benchmarks of this package through
 * JMH (all of them, or those matching the patterns; every JMH option works: -f, -wi, -i, -r, -p,
 * -rf json, -prof gc, -l, -h), prints JMH's table, then the figures issue 11 asks for, derived
 * from it: poll/epoll and select/epoll per fd count, the Java explorers vs TLC states/s per MC module,
 * and replay events/s per trace.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws RunnerException {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("kpath bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            try {
                org.openjdk.jmh.Main.main(args); // JMH's own help and lists
            } catch (Exception e) {
                throw new RunnerException(e);
            }
            return;
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            // e.g. another JMH holds /tmp/jmh.lock, or a benchmark failed: JMH has printed its output
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            System.err.println("kpath bench: " + why.replaceFirst("^ERROR: ", ""));
            System.exit(1);
            return;
        }
        System.out.println();
        System.out.print(summary(results));
    }

    /** The derived tables, for those benchmarks that ran. */
    static String summary(Collection<RunResult> results) {
        StringBuilder b = new StringBuilder();
        Map<Integer, Map<String, Double>> syscalls = new TreeMap<>();
        Map<String, Map<String, Result<?>>> explorers = new TreeMap<>();
        Map<String, Result<?>> replays = new TreeMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            if (bench.contains(".SyscallCostBench.")) {
                syscalls.computeIfAbsent(Integer.parseInt(r.getParams().getParam("fds")), k -> new TreeMap<>())
                        .put(method, r.getPrimaryResult().getScore());
            } else if (bench.contains(".ExplorerVsTlcBench.") || bench.contains(".FingerprintExplorerBench.")) {
                // FingerprintExplorerBench's java is the counting explorer
                String column = bench.contains(".FingerprintExplorerBench.") && method.equals("java") ? "counting" : method;
                explorers.computeIfAbsent(r.getParams().getParam("module"), k -> new TreeMap<>())
                        .put(column, r.getSecondaryResults().get("states"));
            } else if (bench.contains(".ReplayBench.")) {
                replays.put(r.getParams().getParam("trace"), r.getSecondaryResults().get("events"));
            }
        }
        if (!syscalls.isEmpty()) {
            b.append("select / poll / epoll_wait, one call, timeout 0, one fd of N ready (µs per call)\n");
            b.append(String.format(Locale.ROOT, "%8s %12s %12s %12s %12s %12s%n",
                    "N fds", "select", "poll", "epoll_wait", "poll/epoll", "select/epoll"));
            syscalls.forEach((n, m) -> b.append(String.format(Locale.ROOT, "%8d %12s %12s %12s %12s %12s%n", n,
                    num(m.get("select")), num(m.get("poll")), num(m.get("epollWait")),
                    ratio(m.get("poll"), m.get("epollWait")), ratio(m.get("select"), m.get("epollWait")))));
            b.append('\n');
        }
        if (!explorers.isEmpty()) {
            b.append("Java explorers vs TLC -workers 1 (child JVM, wall clock), distinct states per second"
                    + " (graph: the labelled graph kept; counting: fingerprints only)\n");
            b.append(String.format(Locale.ROOT, "%-18s %18s %18s %12s %11s %11s%n", "module", "graph states/s",
                    "counting states/s", "TLC states/s", "graph/TLC", "count/TLC"));
            explorers.forEach((module, m) -> b.append(String.format(Locale.ROOT, "%-18s %18s %18s %12s %11s %11s%n",
                    module, rate(m.get("java")), rate(m.get("counting")), rate(m.get("tlc")),
                    ratio(score(m.get("java")), score(m.get("tlc"))), ratio(score(m.get("counting")), score(m.get("tlc"))))));
            b.append('\n');
        }
        if (!replays.isEmpty()) {
            b.append("Java trace replay, hot\n");
            b.append(String.format(Locale.ROOT, "%-44s %16s%n", "trace", "events/s"));
            replays.forEach((trace, r) -> b.append(String.format(Locale.ROOT, "%-44s %16s%n", trace, rate(r))));
            b.append('\n');
        }
        return b.toString();
    }

    private static Double score(Result<?> r) {
        return r == null ? null : r.getScore();
    }

    private static String rate(Result<?> r) {
        if (r == null) {
            return "-";
        }
        double e = r.getScoreError();
        return String.format(Locale.ROOT, "%,.0f", r.getScore())
                + (Double.isNaN(e) ? "" : String.format(Locale.ROOT, " ± %,.0f", e));
    }

    private static String num(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? "-" : String.format(Locale.ROOT, "%.1f×", a / b);
    }
}
