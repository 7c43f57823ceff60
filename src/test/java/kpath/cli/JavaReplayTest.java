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
}
