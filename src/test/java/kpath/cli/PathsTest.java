package kpath.cli;

import java.nio.file.Path;
import java.util.List;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A trace reaches the path it declares, whatever syscalls it makes. Method: parse small traces
 * with and without a {@code path:} header, placed in various folders, and route them.
 */
class PathsTest {

    static Trace trace(String pathHeader, String body) throws Exception {
        String text = "kpath-trace 1\nscenario: s\nkernel: 6.18.44\narch: x86_64\nnetns: host\npeer: loopback\n"
                + pathHeader + "\n" + body;
        return TraceReader.parse(text, "t.trace");
    }

    @Test
    void theHeaderWinsOverTheSyscallsAndTheFolder() throws Exception {
        // an eventfd is a readiness file, but this trace says it records the tcp path
        Trace t = trace("path: tcp", "+0.000001 eventfd(0, EFD_NONBLOCK) = v0:3\n");
        assertEquals("tcp", Paths.of(t, Path.of("traces", "readiness", "t.trace")).name());
    }

    @Test
    void withoutAHeaderTheFolderDecides() throws Exception {
        Trace t = trace("", "+0.000001 listen(L, 1) = 0\n");
        assertEquals("readiness", Paths.of(t, Path.of("traces", "readiness", "t.trace")).name());
        assertEquals("tcp", Paths.of(t, Path.of("x", "tcp", "t.trace")).name());
    }

    @Test
    void anUnknownPathIsBadInputNamingTheFile() throws Exception {
        Trace t = trace("path: io-uring", "");
        UsageException e = assertThrows(UsageException.class, () -> Paths.of(t, Path.of("traces", "tcp", "t.trace")));
        assertTrue(e.getMessage().startsWith("traces/tcp/t.trace:1: header 'path: io-uring' names no kpath path"),
                e.getMessage());
        Trace bare = trace("", "");
        UsageException f = assertThrows(UsageException.class, () -> Paths.of(bare, Path.of("tmp", "t.trace")));
        assertTrue(f.getMessage().contains("folder 'tmp' names no path (known: tcp, readiness, completion, jdk, glibc)"), f.getMessage());
    }

    @Test
    void aBadOrRepeatedPathHeaderIsAFormatError() {
        assertThrows(kpath.trace.TraceFormatException.class, () -> trace("path: TCP!", ""));
        assertThrows(kpath.trace.TraceFormatException.class, () -> trace("path: tcp\npath: tcp", ""));
    }

    @Test
    void everyPathIsRegisteredOnceWithItsOwnBatteryAndTracesFolder() {
        assertEquals(List.of("tcp", "readiness", "completion", "jdk", "glibc"), Paths.ALL.stream().map(Paths.KernelPath::name).toList());
        for (Paths.KernelPath k : Paths.ALL) {
            assertEquals(k.name(), k.batteryPath());
            assertFalse(k.battery().get().isEmpty(), k.name() + " has no scenarios");
            assertFalse(k.binding().mc().isEmpty(), k.name() + " has no MC module");
        }
        assertThrows(IllegalArgumentException.class, () -> new Paths.KernelPath(new kpath.check.tcp.TcpBinding(),
                "readiness", List::of), "a binding registered with another path's battery");
    }
}
