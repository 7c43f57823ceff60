package kpath.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import kpath.check.CheckException;
import kpath.check.Specs;
import kpath.trace.Trace;
import kpath.trace.TraceFormatException;
import kpath.trace.TraceReader;

/** Where the benchmarks find the checkout's specs and traces: {@link Specs#dir} and its sibling traces/. */
final class BenchFiles {
    private BenchFiles() {}

    static Path specs() {
        try {
            return Specs.dir().toAbsolutePath();
        } catch (CheckException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A committed trace, by its path under traces/. */
    static Trace trace(String underTraces) {
        Path file = specs().getParent().resolve("traces").resolve(underTraces);
        try {
            return TraceReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TraceFormatException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
