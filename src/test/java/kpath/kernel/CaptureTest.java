package kpath.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import kpath.trace.Header;
import kpath.trace.Line;
import kpath.trace.Result;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Only a scenario that finished normally leaves a trace, and that trace ends with the end marker;
 * one that fails halfway leaves no file, not even a half-written one, and an older trace of it
 * stays whole. Method: run scenarios that record a few lines and then end, throw, or forget to end.
 */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class CaptureTest {

    /** A recorder like the paths' ones. */
    static final class Log extends TraceLog {
        Log(String scenario) {
            super(scenario, "a test scenario", "tcp", Header.Netns.HOST, Header.Peer.LOOPBACK, new LinkedHashMap<>());
        }
    }

    @FunctionalInterface
    interface Body {
        Trace run(Log log) throws Exception;
    }

    static Scenario scenario(String name, Body body) {
        return scenario(name, false, body);
    }

    static Scenario scenario(String name, boolean privileged, Body body) {
        return new Scenario() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String narrative() {
                return "a test scenario";
            }

            @Override
            public boolean privileged() {
                return privileged;
            }

            @Override
            public Trace capture() throws Exception {
                Log log = new Log(name);
                log.syscall("listen", Result.ok("0"), "L", "1");
                return body.run(log);
            }
        };
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aScenarioThatFinishesWritesItsTraceEndingWithTheMarker(@TempDir Path dir) throws Exception {
        Capture.Outcome o = Capture.runOne(scenario("done", TraceLog::end), dir);
        Capture.Outcome.Written w = assertInstanceOf(Capture.Outcome.Written.class, o);
        Trace t = TraceReader.read(w.path());
        assertTrue(t.complete(), t::toString);
        assertInstanceOf(Line.End.class, t.lines().getLast());
        assertTrue(Files.readString(w.path()).matches("(?s).*\n\\+[0-9]+\\.[0-9]{6} end\n"), t::toString);
    }

    @Test
    void aScenarioThatFailsHalfwayWritesNothingAndLeavesTheOldTraceWhole(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("crash.trace");
        Files.writeString(old, "the old trace\n");
        Capture.Outcome o = Capture.runOne(scenario("crash", log -> {
            log.syscall("accept4", Result.error("EAGAIN"), "L", "0");
            throw new IllegalStateException("the kernel did something unexpected");
        }), dir);
        Capture.Outcome.Failed f = assertInstanceOf(Capture.Outcome.Failed.class, o);
        assertTrue(f.message().contains("the kernel did something unexpected"), f.message());
        assertEquals(List.of("crash.trace"), names(dir), "no temporary file left");
        assertEquals("the old trace\n", Files.readString(old));
    }

    @Test
    void aTraceReturnedWithoutTheMarkerIsAFailedCapture(@TempDir Path dir) throws Exception {
        Capture.Outcome o = Capture.runOne(scenario("unended", TraceLog::trace), dir);
        Capture.Outcome.Failed f = assertInstanceOf(Capture.Outcome.Failed.class, o);
        assertTrue(f.message().contains("without the end marker"), f.message());
        assertEquals(List.of(), names(dir));
    }

    /**
     * A privileged scenario is skipped only for a missing privilege. Method: run one under each
     * answer to "where do privileged scenarios run", and with bodies that throw a
     * {@link PrivilegeException} or an errno that is not about privilege.
     */
    @Test
    void aPrivilegedScenarioIsSkippedOnlyForAMissingPrivilege(@TempDir Path dir) throws Exception {
        List<String> ran = new java.util.ArrayList<>();
        Scenario s = scenario("needs-netns", true, log -> {
            ran.add("here");
            return log.end();
        });
        Capture.Outcome.Skipped k = assertInstanceOf(Capture.Outcome.Skipped.class,
                Capture.runOne(s, dir, new Capture.Privileged.Skip("needs CAP_SYS_ADMIN")));
        assertEquals("needs CAP_SYS_ADMIN", k.reason());
        Capture.Outcome.Failed f = assertInstanceOf(Capture.Outcome.Failed.class,
                Capture.runOne(s, dir, new Capture.Privileged.Broken("unshare(CLONE_NEWNET) failed: ENOSPC")));
        assertEquals("unshare(CLONE_NEWNET) failed: ENOSPC", f.message());
        assertEquals(List.of(), ran, "neither ran the scenario");

        Capture.Outcome.Written w = new Capture.Outcome.Written("needs-netns", dir.resolve("needs-netns.trace"));
        assertSame(w, Capture.runOne(s, dir, new Capture.Privileged.InChild("EPERM", (sc, out) -> {
            ran.add("child " + sc.name() + " " + out.getFileName());
            return w;
        })));
        Capture.Outcome.Failed cf = assertInstanceOf(Capture.Outcome.Failed.class, Capture.runOne(s, dir,
                new Capture.Privileged.InChild("EPERM", (sc, out) -> {
                    throw new java.util.concurrent.TimeoutException("child ran too long");
                })));
        assertTrue(cf.message().contains("child ran too long"), cf.message());
        assertEquals(List.of("child needs-netns " + dir.getFileName()), ran, "the child, not this process");

        assertInstanceOf(Capture.Outcome.Written.class, Capture.runOne(s, dir, new Capture.Privileged.Here()));
        assertEquals("here", ran.getLast());

        Capture.Outcome.Skipped tun = assertInstanceOf(Capture.Outcome.Skipped.class, Capture.runOne(
                scenario("no-tun", true, log -> {
                    throw new PrivilegeException("needs read-write access to /dev/net/tun");
                }), dir, new Capture.Privileged.Here()));
        assertEquals("needs read-write access to /dev/net/tun", tun.reason());
        Capture.Outcome.Failed enospc = assertInstanceOf(Capture.Outcome.Failed.class, Capture.runOne(
                scenario("no-room", true, log -> {
                    throw new ErrnoException("unshare(CLONE_NEWNET)", kpath.uapi.Errno.ENOSPC.number());
                }), dir, new Capture.Privileged.Here()));
        assertTrue(enospc.message().contains("ENOSPC"), enospc.message());
    }

    @Test
    void nothingIsRecordedAfterTheEnd() {
        Log log = new Log("ended");
        Trace t = log.end();
        assertTrue(t.complete());
        assertFalse(new Log("open").trace().complete(), "the trace so far has no marker");
        assertThrows(IllegalStateException.class, () -> log.syscall("close", Result.ok("0"), "L"));
        assertThrows(IllegalStateException.class, log::end);
        assertEquals(t, log.trace());
    }
}
