package kpath.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import kpath.check.readiness.ReadinessBinding;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** conform's batcher: a spec's traces wait for a full batch, or for a flush, and each gets its own verdict. */
class TlcBatcherTest {

    static TraceModule.Generated module(String trace) throws Exception {
        Path p = Path.of("traces", "readiness", trace + ".trace");
        return new ReadinessBinding().traceModule(TraceReader.parse(Files.readString(p), p.toString()), p.toString());
    }

    @Test
    void tracesWaitForAFullBatchOrAFlush() throws Exception {
        try (TlcBatcher b = new TlcBatcher(Duration.ofMinutes(3), 1, 2)) {
            CompletableFuture<TlcTraceValidator.Verdict> one = b.submit(module("epoll-nested-lt-et"), "one");
            // a batch of 2 is not full yet, and nothing was flushed: no runner may take it
            assertFalse(one.isDone());
            CompletableFuture<TlcTraceValidator.Verdict> two = b.submit(module("epoll-lt-vs-et-partial-read"), "two");
            assertEquals("ACCEPTED", one.get().verdict());
            assertEquals("ACCEPTED", two.get().verdict());
            CompletableFuture<TlcTraceValidator.Verdict> three = b.submit(module("epoll-et-socketpair-once-per-arrival"), "three");
            assertFalse(three.isDone());
            b.flush();
            assertEquals("ACCEPTED", three.get().verdict());
        }
    }

    @Test
    void aBatcherNeedsARunnerAndABatch() {
        assertThrows(IllegalArgumentException.class, () -> new TlcBatcher(Duration.ofMinutes(1), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TlcBatcher(Duration.ofMinutes(1), 1, 0));
    }
}
