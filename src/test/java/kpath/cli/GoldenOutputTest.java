package kpath.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every committed trace's checker output equals its golden file {@code X.trace.expected}, and both
 * checkers accept it. Method: run {@code kpath check}'s report (Java replay and TLC through the
 * trace's path binding) and compare text. A model or spec change that alters any trace's reading
 * shows here and in review; regenerate with {@code ./kpath check --write-expected traces/}{@code *}{@code /*.trace}.
 */
class GoldenOutputTest {

    static List<Path> traces() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("traces"))) {
            return s.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        }
    }

    @Test
    void everyGoldenFileHasItsTrace() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("traces"))) {
            for (Path e : s.filter(p -> p.toString().endsWith(".expected")).toList()) {
                String name = e.getFileName().toString();
                assertTrue(Files.exists(e.resolveSibling(name.substring(0, name.length() - ".expected".length()))),
                        e + " has no trace");
            }
        }
    }

    @Test
    void everyScenarioOfEveryBatteryHasItsCommittedTrace() {
        for (Paths.KernelPath k : Paths.ALL) {
            for (kpath.kernel.Scenario sc : k.battery().get()) {
                Path t = Path.of("traces", k.name(), sc.name() + ".trace");
                assertTrue(Files.exists(t), t + " is missing: ./kpath capture " + sc.name());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTraceReadsAsItsGoldenFileSays() throws IOException {
        List<Path> traces = traces();
        // as kpath check reads many files: TLC checks them in one run per spec
        List<Golden.Outcome> outcomes = Golden.reports(traces);
        return java.util.stream.IntStream.range(0, traces.size()).mapToObj(k -> DynamicTest.dynamicTest(traces.get(k).toString(), () -> {
            Path p = traces.get(k);
            Path expected = Golden.expectedOf(p);
            assertTrue(Files.exists(expected), expected + " is missing: ./kpath check --write-expected " + p);
            Golden.Outcome o = outcomes.get(k);
            if (o.error() != null) {
                throw o.error();
            }
            Golden.Report report = o.report();
            assertEquals(Files.readString(expected), report.text(), "regenerate with ./kpath check --write-expected " + p);
            assertTrue(report.agreed(), "a committed trace must be accepted by both checkers:\n" + report.text());
        }));
    }
}
