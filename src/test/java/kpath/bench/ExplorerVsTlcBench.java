package kpath.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kpath.check.Explorer;
import kpath.check.FingerprintExplorer;
import kpath.check.Tlc;
import kpath.check.TlcResult;
import kpath.check.completion.CompletionMc;
import kpath.check.readiness.ReadinessMc;
import kpath.check.tcp.TcpMc;
import kpath.model.tcp.TcpListen;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java explorers against TLC on the same MC module (issue 11): {@code java} explores the
 * module's bounds with the module's constraint and invariants, as the state-graph tests do
 * ({@link CompletionMc#explorer}, {@link ReadinessMc#explorer}, {@link TcpMc#explorer}; nothing cached
 * between calls), keeping the labelled graph; {@code counting} runs the same explorer's counting form
 * ({@link Explorer#counting}, what {@link FingerprintExplorerBench} runs at size);
 * {@code tlc} runs TLC 2.18 on specs/MODULE.tla with its .cfg through {@link Tlc#run}: a child JVM,
 * {@code -workers 1}, no state-graph dump, timed by wall clock from process start to exit (JVM
 * start-up and parsing included, as kpath pays them). The {@code states} counter is the distinct
 * states each run found, so its rate is states/s; both sides must find the same number.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ExplorerVsTlcBench {

    @Param({"MCCompletion", "MCReadiness", "MCTcpListen"})
    public String module;

    private Path specs;

    /** What one run found; JMH reports {@code states} and {@code generated} as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Found {
        public long states;
        public long generated;

        @Setup(Level.Iteration)
        public void reset() {
            states = 0;
            generated = 0;
        }
    }

    @Setup(Level.Trial)
    public void specs() {
        specs = BenchFiles.specs();
    }

    private Explorer<?, ?> explorer() {
        return switch (module) {
            case CompletionMc.MODULE -> CompletionMc.explorer(CompletionMc.model());
            case ReadinessMc.MODULE -> ReadinessMc.explorer(ReadinessMc.model());
            case TcpMc.MODULE -> TcpMc.explorer(new TcpListen(TcpMc.bounds()));
            default -> throw new IllegalArgumentException("no Java explorer for " + module);
        };
    }

    /** What the last run found, printed at the end of the trial. */
    private volatile String last = "";

    @TearDown(Level.Trial)
    public void counts() {
        System.out.printf("%n%s%n", last);
    }

    // an iteration runs whole explorations until 5 s are up (at least one)
    @Benchmark
    @Warmup(iterations = 1, time = 5)
    @Measurement(iterations = 3, time = 5)
    public Explorer.Result java(Found found) {
        Explorer.Result r = explorer().explore();
        count(found, "Java", r.distinctStates(), r.statesGenerated(), r.violation());
        return r;
    }

    // the counting explorer (Explorer.counting(): 64-bit fingerprints, parent links as indices; issue 11's
    // "explorer built for size") on the same bounds: what it keeps is a count, not the graph
    @Benchmark
    @Warmup(iterations = 1, time = 5)
    @Measurement(iterations = 3, time = 5)
    public FingerprintExplorer.Result counting(Found found) {
        FingerprintExplorer.Result r = explorer().counting().explore();
        count(found, "counting", r.distinctStates(), r.statesGenerated(), r.violation());
        return r;
    }

    /** One exploration by the {@code kind} explorer counted in {@code found}; an invariant it broke ends the benchmark. */
    private void count(Found found, String kind, long distinct, long generated, Optional<?> violation) {
        if (violation.isPresent()) {
            throw new IllegalStateException(module + ": the " + kind + " explorer found " + violation.get());
        }
        found.states += distinct;
        found.generated += generated;
        last = module + " " + kind + " explorer: " + distinct + " distinct states, " + generated + " generated";
    }

    // TLC: one run (an iteration of 1 s runs one whole TLC), in a fresh JVM by design: no warm-up to give it
    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1, time = 1)
    public TlcResult tlc(Found found) {
        TlcResult r = tlc(specs, module, Duration.ofMinutes(10), found);
        last = module + " TLC: " + r.distinctStates() + " distinct states, " + r.statesGenerated() + " generated";
        return r;
    }

    /** One whole TLC run of {@code module} (its own .cfg), counted in {@code found}; the benchmarks of both explorers use it. */
    static TlcResult tlc(Path specs, String module, Duration limit, Found found) {
        TlcResult r = Tlc.run(specs, module, module + ".cfg", Optional.empty(), limit);
        if (!r.succeeded()) {
            throw new IllegalStateException(module + ": TLC did not complete: " + r.report());
        }
        found.states += r.distinctStates();
        found.generated += r.statesGenerated();
        return r;
    }
}
