package kpath.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The scratch files of TLC runs: specs copied beside a generated module, state dumps. */
final class TempFiles {
    private TempFiles() {}

    /** A fresh directory holding a copy of every file of {@code specDir}. */
    static Path copyOfSpecs(Path specDir, String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        try (Stream<Path> files = Files.list(specDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        return dir;
    }

    /** Deletes {@code p} and all below it; a leftover temp file changes no verdict, so failures are ignored. */
    static void delete(Path p) {
        if (p == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // leftover scratch files are harmless
        }
    }
}
