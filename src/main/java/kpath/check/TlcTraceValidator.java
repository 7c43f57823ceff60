package kpath.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import kpath.trace.Trace;

/** Runs TLC on the generated trace module of a TCP trace and reads its verdict. */
public final class TlcTraceValidator {
    private TlcTraceValidator() {}

    /** TLC's verdict on one trace; {@code detail} explains anything but ACCEPTED. */
    public record Verdict(String verdict, String detail, long distinctStates) {
        public boolean accepted() {
            return verdict.equals("ACCEPTED");
        }
    }

    public static Verdict validate(Trace trace, String file, int maxGap, Duration timeout) throws CheckException {
        TcpTraceModule.Generated g = TcpTraceModule.generate(trace, file, maxGap);
        return run("TcpListen.tla", TcpTraceModule.MODULE, g.module(), g.cfg(), file, timeout);
    }

    /**
     * Runs TLC on a generated trace module that EXTENDS {@code spec} and reads the verdict from the
     * invariant TraceIncomplete. Every module of specs/ is copied into a fresh directory, since a
     * spec may EXTEND others there.
     */
    static Verdict run(String spec, String module, String text, String cfg, String file, Duration timeout)
            throws CheckException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kpath-tlc-trace");
            try (Stream<Path> tla = Files.list(Specs.dir())) {
                for (Path p : tla.filter(p -> p.getFileName().toString().endsWith(".tla")).toList()) {
                    Files.copy(p, dir.resolve(p.getFileName().toString()));
                }
            }
            Files.writeString(dir.resolve(module + ".tla"), text);
            Files.writeString(dir.resolve(module + ".cfg"), cfg);
            TlcResult r = Tlc.run(dir, module, module + ".cfg", Optional.empty(), timeout);
            return switch (r.outcome()) {
                case INVARIANT_VIOLATION -> r.violatedInvariant().filter("TraceIncomplete"::equals).isPresent()
                        ? new Verdict("ACCEPTED", "", r.distinctStates())
                        : new Verdict("ERROR", r.report(), r.distinctStates());
                case SUCCESS -> new Verdict("REJECTED",
                        "no behaviour of " + spec + " reaches the end of the trace", r.distinctStates());
                default -> new Verdict("ERROR", r.report(), r.distinctStates());
            };
        } catch (IOException e) {
            throw new CheckException(file + ": cannot prepare the TLC run: " + e.getMessage());
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless; the verdict stands
        }
    }
}
