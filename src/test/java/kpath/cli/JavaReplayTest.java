package kpath.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import kpath.check.CheckReport;
import kpath.check.PathBinding;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every committed trace, replayed by the Java checker alone, reads line for line as its golden file
 * says. The Java half of {@link GoldenOutputTest}, quick enough for PIT to run against every model
 * mutant: a lost wake-up or a wrong errno that the model's own examples miss shows in some kernel trace.
 */
class JavaReplayTest {

    @TestFactory
    Stream<DynamicTest> everyTraceReadsInJavaAsItsGoldenFileSays() throws Exception {
        return GoldenOutputTest.traces().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
            Trace trace = TraceReader.read(p);
            PathBinding binding = Paths.of(trace, p).binding();
            binding.validate(trace, p.toString());
            CheckReport r = binding.replay(trace, p.toString());
            String golden = Files.readString(Golden.expectedOf(p));
            assertEquals(golden.substring(0, golden.lastIndexOf("\n# model: ")), r.text(), p + ": the Java reading changed");
            assertTrue(r.accepted(), r::text);
        }));
    }

    @org.junit.jupiter.api.Test
    void aRejectionEndsAtItsLineWithTheModelsReasonUnderACaret() throws Exception {
        // an edge-triggered item reported twice for one arrival: the second epoll_wait must return 0
        java.nio.file.Path et = java.nio.file.Path.of("traces", "readiness", "epoll-et-socketpair-once-per-arrival.trace");
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(et));
        int at = -1;
        for (int i = 0; i < lines.size() && at < 0; i++) {
            if (lines.get(i).contains("epoll_wait(e0, 8, 0) = 0")) {
                at = i;
            }
        }
        assertTrue(at >= 0);
        lines.set(at, lines.get(at).replace("= 0", "= 1"));
        Trace trace = TraceReader.parse(String.join("\n", lines) + "\n", "edited.trace");
        CheckReport r = Paths.of(trace, et).binding().replay(trace, "edited.trace");
        assertFalse(r.accepted());
        assertEquals(at + 1, r.divergenceLine());
        java.util.List<String> out = r.text().lines().toList();
        assertEquals("# trace REJECTED at line " + (at + 1), out.getLast());
        assertTrue(out.get(out.size() - 2).startsWith("       ^ the model disagrees: model returns 0"), r::text);
        assertTrue(out.get(out.size() - 3).startsWith(String.format("%5d  ", at + 1)), r::text);
    }
}
