package kpath.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import kpath.check.TlcTraceValidator;
import kpath.check.readiness.ReadinessBinding;
import kpath.trace.Trace;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * TLC's trace validation against trace length (issue 11: "linear in trace length"): the synthetic
 * readiness trace of {@link ReplayBench} with {@code events} events (rounds of five), checked by
 * {@link ReadinessBinding#tlc} as {@code kpath check} does it (module generation, a child TLC JVM,
 * the verdict). One run per iteration, wall clock; the {@code events} counter gives events/s, so a
 * linear cost shows as the same rate at every length.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class TlcTraceBench {

    @Param({"1000", "10000", "100000"})
    public int events;

    private Trace trace;

    /** Events checked; JMH reports it per second of the run. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Checked {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    @Setup(Level.Trial)
    public void trace() {
        trace = ReplayBench.synthetic(events / 5);
    }

    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public TlcTraceValidator.Verdict tlc(Checked checked) throws Exception {
        TlcTraceValidator.Verdict v = new ReadinessBinding().tlc(trace, "synthetic", Duration.ofMinutes(10));
        if (!v.accepted()) {
            throw new IllegalStateException("TLC must accept the synthetic trace: " + v.detail());
        }
        checked.events += trace.events().size();
        return v;
    }
}
