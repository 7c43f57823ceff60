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
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kpath-tlc-trace");
            Files.copy(Specs.dir().resolve("TcpListen.tla"), dir.resolve("TcpListen.tla"));
            Files.writeString(dir.resolve(TcpTraceModule.MODULE + ".tla"), g.module());
            Files.writeString(dir.resolve(TcpTraceModule.MODULE + ".cfg"), g.cfg());
            TlcResult r = Tlc.run(dir, TcpTraceModule.MODULE, TcpTraceModule.MODULE + ".cfg", Optional.empty(), timeout);
            return switch (r.outcome()) {
                case INVARIANT_VIOLATION -> r.violatedInvariant().filter("TraceIncomplete"::equals).isPresent()
                        ? new Verdict("ACCEPTED", "", r.distinctStates())
                        : new Verdict("ERROR", r.report(), r.distinctStates());
                case SUCCESS -> new Verdict("REJECTED",
                        "no behaviour of TcpListen.tla reaches the end of the trace", r.distinctStates());
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
