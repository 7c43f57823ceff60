package kpath.check.tcp;

import kpath.check.CheckReport;
import kpath.check.TlcTraceValidator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The TCP battery's traces are committed, privileged ones included. Method: list traces/tcp/.
 * (Each trace's reading by both checkers is compared with its golden file in GoldenOutputTest.)
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
        List<String> battery = kpath.kernel.tcp.TcpScenarios.all().stream().map(s -> s.name() + ".trace").sorted().toList();
        assertEquals(battery, names, "traces/tcp holds one trace per scenario of the battery, privileged ones"
                + " included, and no other (./kpath capture SCENARIO)");
    }
}
