package kpath.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every trace captured on the kernel and committed under traces/tcp/ is explained by the Java
 * model and by specs/TcpListen.tla. Method: replay each with the state-set checker, then validate
 * it with TLC through the generated trace module; both must accept.
 */
class TcpTraceReplayTest {

    static final Path DIR = Path.of("traces", "tcp");

    static List<Path> traces() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        }
    }

    @Test
    void theBatteryIsCommitted() throws IOException {
        List<String> names = traces().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.size() >= 12, "expected the whole capture battery in traces/tcp, found " + names);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("syn-queue")), "privileged traces are missing: " + names);
    }

    @TestFactory
    Stream<DynamicTest> everyCommittedTraceIsAcceptedByModelAndSpec() throws IOException {
        return traces().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Trace t = TraceReader.read(p);
            CheckReport r = new TcpTraceChecker().check(t, p.toString());
            assertTrue(r.accepted(), r::text);
            TlcTraceValidator.Verdict v = TlcTraceValidator.validate(t, p.toString(), 6, Duration.ofMinutes(3));
            assertTrue(v.accepted(), () -> "TLC: " + v.verdict() + " " + v.detail());
        }));
    }
}
