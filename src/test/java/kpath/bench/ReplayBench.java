package kpath.bench;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.PathBinding;
import kpath.check.readiness.ReadinessBinding;
import kpath.check.tcp.TcpBinding;
import kpath.trace.Trace;
import kpath.trace.TraceFormatException;
import kpath.trace.TraceReader;
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
 * The Java replay of {@code kpath check}, hot (issue 11): the path binding's {@link PathBinding#replay}
 * on one trace, over and over in one JVM; the {@code events} counter is the trace's event lines
 * (calls, returns, packets, observations) per replay, so its rate is events/s. Traces: four committed
 * ones, two readiness (one with tasks blocked in calls, where the replay searches hidden steps) and
 * two TCP, and {@value #SYNTHETIC}, a readiness trace of {@value #ROUNDS}
 * rounds of write / epoll_wait / observe / read / epoll_wait on one socketpair, built in memory here (never
 * written to traces/: traces come from capture only). Every replay must accept its trace.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
public class ReplayBench {

    static final String SYNTHETIC = "synthetic-100k";
    /** 5 events a round, 20,000 rounds, and 3 set-up calls: 100,003 events. */
    static final int ROUNDS = 20_000;

    @Param({"readiness/epoll-nested-lt-et.trace", "readiness/epoll-exclusive-wakes-one-instance.trace",
            "tcp/accept-queue-fill-100-clients.trace", "tcp/syn-queue-fill-50-requests.trace", SYNTHETIC})
    public String trace;

    private static final Map<String, PathBinding> PATHS =
            Map.of("readiness", new ReadinessBinding(), "tcp", new TcpBinding());

    private Trace t;
    private PathBinding path;
    private long events;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Replayed {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    @Setup(Level.Trial)
    public void read() throws CheckException {
        t = trace.equals(SYNTHETIC) ? synthetic(ROUNDS) : BenchFiles.trace(trace);
        String name = t.header().path().orElseThrow(() -> new IllegalStateException(trace + ": no path: header"));
        path = PATHS.get(name);
        if (path == null) {
            throw new IllegalStateException(trace + ": no binding for path " + name);
        }
        path.validate(t, trace);
        CheckReport r = path.replay(t, trace);
        if (!r.accepted()) {
            throw new IllegalStateException(trace + ": the Java replay rejects it:\n" + r.text());
        }
        events = t.events().size();
        System.out.printf(Locale.ROOT, "%n%s: %,d events%n", trace, events);
    }

    @Benchmark
    public CheckReport replay(Replayed replayed) throws CheckException {
        CheckReport r = path.replay(t, trace);
        replayed.events += events;
        return r;
    }

    /** The synthetic readiness trace: {@code rounds} level-triggered epoll rounds on a socketpair. */
    static Trace synthetic(int rounds) {
        StringBuilder b = new StringBuilder(rounds * 160);
        b.append("kpath-trace 1\nscenario: synthetic-epoll-rounds\nkernel: 6.18.44-fc-v1272\narch: x86_64\n")
                .append("netns: host\npeer: loopback\npath: readiness\ncaptured-by: kpath.bench.ReplayBench (in memory)\n\n");
        long us = 1;
        b.append(at(us++)).append(" socketpair(AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK) = s0:4,s1:5\n");
        b.append(at(us++)).append(" epoll_create1(0) = e0:6\n");
        b.append(at(us++)).append(" epoll_ctl(e0, EPOLL_CTL_ADD, s0, EPOLLIN) = 0\n");
        for (int i = 0; i < rounds; i++) {
            b.append(at(us++)).append(" write(s1, 1) = 1\n");
            b.append(at(us++)).append(" epoll_wait(e0, 8, 0) = 1\n");
            b.append(at(us++)).append(" observe events(e0) s0=EPOLLIN\n");
            b.append(at(us++)).append(" read(s0, 4096) = 1\n");
            b.append(at(us++)).append(" epoll_wait(e0, 8, 0) = 0\n");
        }
        b.append(at(us)).append(" end\n");
        try {
            return TraceReader.parse(b.toString(), SYNTHETIC);
        } catch (TraceFormatException e) {
            throw new IllegalStateException("the synthetic trace: " + e.getMessage(), e);
        }
    }

    private static String at(long micros) {
        return kpath.trace.Event.formatTime(micros);
    }
}
