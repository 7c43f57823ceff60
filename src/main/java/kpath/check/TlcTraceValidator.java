package kpath.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Runs TLC on a path's generated trace module and reads its verdict. */
public final class TlcTraceValidator {
    private TlcTraceValidator() {}

    /** TLC's verdict on one trace; {@code detail} explains anything but ACCEPTED. */
    public record Verdict(String verdict, String detail, long distinctStates) {
        public boolean accepted() {
            return verdict.equals("ACCEPTED");
        }
    }

    /**
     * Runs TLC on a generated trace module that EXTENDS {@code spec} (the specs, copied from specs/
     * into a fresh directory) and reads the verdict from the invariant TraceIncomplete.
     */
    public static Verdict run(String spec, String module, String text, String cfg, String file, Duration timeout)
            throws CheckException {
        Path dir = null;
        try {
            dir = TempFiles.copyOfSpecs(Specs.dir(), "kpath-tlc-trace");
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
            TempFiles.delete(dir);
        }
    }
}
