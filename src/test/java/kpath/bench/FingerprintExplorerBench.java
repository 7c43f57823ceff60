package kpath.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import kpath.check.FingerprintExplorer;
import kpath.check.TlcResult;
import kpath.check.readiness.ReadinessMc;
import kpath.check.tcp.TcpMc;
import kpath.model.tcp.TcpListen;
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
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The counting explorer ({@link FingerprintExplorer}) at bounds of over a million states, and
 * TLC on the same bounds (issue 11, "an explorer built for size"). {@code java} explores
 * specs/MCTcpListenScale's bounds ({@link TcpMc#scaleBounds}) with MCTcpListen's constraint and
 * invariants, or specs/MCReadinessScale's ({@link ReadinessMc#scaleBounds}), one whole exploration
 * per iteration; {@code tlc} runs TLC 2.18 on the module as
 * {@link ExplorerVsTlcBench} does (child JVM, {@code -workers 1}, wall clock, one run). The
 * {@code states} counter gives distinct states/s.
 *
 * <p>Bytes per state, printed at the end of the {@code java} fork, from one more exploration
 * after the measured ones: the heap used after a full GC at the start of every BFS level minus
 * the heap used before the exploration (the largest of these: the fingerprint tables and the
 * frontier's Java states at their widest), and the same after the exploration with the explorer's
 * tables still reachable (the tables alone), each divided by the distinct states.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class FingerprintExplorerBench {

    @Param({TcpMc.SCALE, ReadinessMc.SCALE})
    public String module;

    private Path specs;

    @Setup(Level.Trial)
    public void specs() {
        specs = BenchFiles.specs();
    }

    private FingerprintExplorer<?, ?> explorer() {
        return switch (module) {
            case TcpMc.SCALE -> TcpMc.explorer(new TcpListen(TcpMc.scaleBounds())).counting();
            case ReadinessMc.SCALE -> ReadinessMc.scaleExplorer().counting();
            default -> throw new IllegalArgumentException("no counting explorer for " + module);
        };
    }

    private volatile String last = "";
    private volatile boolean explored;

    @TearDown(Level.Trial)
    public void weigh() {
        if (explored) {
            long before = usedAfterGc();
            long[] peak = {0, 0, 0};
            FingerprintExplorer<?, ?> e = explorer().onLevel(p -> {
                long used = usedAfterGc() - before;
                if (used > peak[0]) {
                    peak[0] = used;
                    peak[1] = p.level();
                    peak[2] = p.frontier();
                }
            });
            FingerprintExplorer.Result r = e.explore();
            long after = usedAfterGc() - before;
            double n = r.distinctStates();
            last += String.format(Locale.ROOT, "%n%s counting explorer, bytes per distinct state: peak %.1f"
                            + " (heap after full GC at level %d, frontier %d states: %,d bytes); retained %.1f"
                            + " (after the exploration, tables reachable: %,d bytes; the tables' arrays %,d bytes,"
                            + " %.1f a state); widest frontier %d; collision odds %.1e",
                    module, peak[0] / n, peak[1], peak[2], peak[0], after / n, after, e.tableBytes(), e.tableBytes() / n,
                    r.widestFrontier(), r.collisionOdds());
            if (e.tableBytes() < 0) {
                throw new AssertionError(); // keeps e reachable until after the last measurement
            }
        }
        System.out.printf("%n%s%n", last);
    }

    private static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // an iteration runs whole explorations until 1 s is up: one, of 20-40 s (TCP) or 2-4 min (readiness)
    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public FingerprintExplorer.Result java(ExplorerVsTlcBench.Found found) {
        FingerprintExplorer.Result r = explorer().explore();
        if (r.violation().isPresent()) {
            throw new IllegalStateException(module + ": the counting explorer found " + r.violation().get());
        }
        found.states += r.distinctStates();
        found.generated += r.statesGenerated();
        explored = true;
        last = module + " counting explorer: " + r.distinctStates() + " distinct states, " + r.statesGenerated()
                + " generated, depth " + r.depth();
        return r;
    }

    // TLC: one run, in a fresh JVM by design: no warm-up to give it. MCReadinessScale takes TLC about an
    // hour of one core (1.6 M states at ~450 a second), so Tlc.run's limit is 2 h and JMH's past it
    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1, time = 1)
    @Timeout(time = 130, timeUnit = TimeUnit.MINUTES)
    public TlcResult tlc(ExplorerVsTlcBench.Found found) {
        TlcResult r = ExplorerVsTlcBench.tlc(specs, module, Duration.ofMinutes(120), found);
        last = module + " TLC: " + r.distinctStates() + " distinct states, " + r.statesGenerated() + " generated, depth "
                + r.depth();
        return r;
    }
}
