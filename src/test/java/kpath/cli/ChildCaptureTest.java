package kpath.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import kpath.kernel.Capture;
import kpath.kernel.Scenario;
import kpath.kernel.UserNamespace;
import kpath.kernel.tcp.TcpScenarios;
import kpath.trace.Header;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A user without CAP_SYS_ADMIN captures privileged scenarios through a child kpath in a new user +
 * network namespace. Method: start that child from here (root may make user namespaces too) for a
 * scenario that sets a sysctl in its private namespace, and for a name the child does not know.
 */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class ChildCaptureTest {

    private static void assumeUserNamespaces() {
        Optional<String> problem = UserNamespace.problem();
        assumeTrue(problem.isEmpty(), () -> "skipped: " + problem.orElse(""));
    }

    @Test
    void aChildInAUserNamespaceWritesThePrivilegedScenariosTrace(@TempDir Path dir) throws Exception {
        assumeUserNamespaces();
        Scenario s = TcpScenarios.byName("somaxconn-below-backlog").orElseThrow();
        assertTrue(s.privileged());
        Capture.Outcome o = Commands.captureInChild(s, dir);
        Capture.Outcome.Written w = assertInstanceOf(Capture.Outcome.Written.class, o, o.toString());
        assertEquals(dir.toAbsolutePath().resolve("somaxconn-below-backlog.trace"), w.path());
        Trace t = TraceReader.read(w.path());
        assertTrue(t.complete(), "ends with its end marker");
        assertEquals(Header.Netns.PRIVATE, t.header().netns());
        assertEquals("2", t.header().sysctls().get("net.core.somaxconn"), "set in the child's private namespace");
        assertTrue(t.header().extra().contains(Map.entry("captured-by", "kpath")));
    }

    @Test
    void aChildThatReportsNothingForTheScenarioIsAFailureWithItsError(@TempDir Path dir) throws Exception {
        assumeUserNamespaces();
        Scenario unknown = CaptureTestScenario.named("no-such-scenario");
        Capture.Outcome.Failed f = assertInstanceOf(Capture.Outcome.Failed.class, Commands.captureInChild(unknown, dir));
        assertTrue(f.message().contains("exited with 2"), f.message());
        assertTrue(f.message().contains("no scenario 'no-such-scenario'"), f.message());
    }

    /** A privileged scenario no battery has. */
    private record CaptureTestScenario(String name) implements Scenario {
        static Scenario named(String name) {
            return new CaptureTestScenario(name);
        }

        @Override
        public String narrative() {
            return "not in any battery";
        }

        @Override
        public boolean privileged() {
            return true;
        }

        @Override
        public Trace capture() {
            throw new AssertionError("a child captures it, not this process");
        }
    }
}
