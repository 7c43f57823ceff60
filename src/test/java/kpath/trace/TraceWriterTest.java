package kpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {

    private static Trace example() throws TraceFormatException {
        return TraceReader.parse(TraceRoundTripTest.EXAMPLE, "example");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheTraceAndNothingElse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("accept.trace");
        TraceWriter.writeAtomically(file, example());
        assertEquals(List.of("accept.trace"), names(dir));
        assertEquals(TraceRoundTripTest.EXAMPLE, Files.readString(file));
        assertEquals(example(), TraceReader.read(file));
    }

    @Test
    void replacesAnOldFileWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("accept.trace");
        Files.writeString(file, "old content that is longer than nothing\n".repeat(100));
        TraceWriter.writeAtomically(file, example());
        assertEquals(List.of("accept.trace"), names(dir));
        assertEquals(TraceRoundTripTest.EXAMPLE, Files.readString(file));
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        // A non-empty directory where the file should go: the final rename must fail.
        Path file = dir.resolve("accept.trace");
        Files.createDirectory(file);
        Files.writeString(file.resolve("keep"), "x");
        assertThrows(IOException.class, () -> TraceWriter.writeAtomically(file, example()));
        assertEquals(List.of("accept.trace"), names(dir));
        assertEquals(List.of("keep"), names(file));
    }

    @Test
    void aMissingDirectoryIsAnError(@TempDir Path dir) {
        Path file = dir.resolve("no/such/dir/accept.trace");
        assertThrows(IOException.class, () -> TraceWriter.writeAtomically(file, example()));
    }

    @Test
    void formatTime() {
        assertEquals("+0.000000", Event.formatTime(0));
        assertEquals("+0.000112", Event.formatTime(112));
        assertEquals("+12.345678", Event.formatTime(12_345_678));
        assertThrows(IllegalArgumentException.class, () -> Event.formatTime(-1));
    }
}
