package kpath.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The child processes of {@link UserNamespace}: started inside a new user and network namespace
 * where they are root, bounded in time, their output read back and their temporary files gone.
 */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class UserNamespaceTest {

    @Test
    void aChildIsRootInItsOwnUserAndNetworkNamespace() throws Exception {
        Optional<String> problem = UserNamespace.problem();
        assumeTrue(problem.isEmpty(), () -> "skipped: " + problem.orElse(""));
        String hostNet = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        String hostUser = Files.readSymbolicLink(Path.of("/proc/self/ns/user")).toString();
        UserNamespace.Finished f = UserNamespace.run(UserNamespace.wrap(List.of("sh", "-c",
                "id -u; readlink /proc/self/ns/net; readlink /proc/self/ns/user; cat /proc/self/uid_map")),
                Duration.ofSeconds(10));
        assertEquals(0, f.exitCode(), f.stderr());
        List<String> lines = f.stdout().lines().toList();
        assertEquals("0", lines.get(0), "root in the user namespace");
        assertNotEquals(hostNet, lines.get(1), "a network namespace of its own");
        assertNotEquals(hostUser, lines.get(2), "a user namespace of its own");
        assertTrue(lines.get(3).trim().matches("0\\s+\\d+\\s+1"), "one uid mapped to 0: " + lines.get(3));
    }

    @Test
    void aChildThatRunsTooLongIsKilled() throws Exception {
        long started = System.nanoTime();
        TimeoutException e = assertThrows(TimeoutException.class,
                () -> UserNamespace.run(List.of("sleep", "30"), Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("killed"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0);
        assertTrue(ProcessHandle.current().children().noneMatch(p -> p.info().command().orElse("").endsWith("sleep")),
                "the child is gone");
    }

    @Test
    void outputAndExitCodeComeBackAndNoTemporaryFileStays() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var s = Files.list(tmp)) {
            before = s.filter(p -> p.getFileName().toString().startsWith("kpath-child-")).count();
        }
        UserNamespace.Finished f = UserNamespace.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                Duration.ofSeconds(10));
        assertEquals(new UserNamespace.Finished(3, "out\n", "err\n"), f);
        try (var s = Files.list(tmp)) {
            assertEquals(before, s.filter(p -> p.getFileName().toString().startsWith("kpath-child-")).count());
        }
    }

    @Test
    void thisProcessIsNotAChildUnlessTold() {
        assertFalse(UserNamespace.isChild(), "no -D" + UserNamespace.CHILD_PROPERTY + "=true here");
    }
}
