package kpath.check;

import java.time.Duration;
import kpath.trace.Trace;

/** Both verdicts on one trace — the Java model's and TLC's — through the trace's path binding. */
public final class Verdicts {
    private Verdicts() {}

    public record Both(CheckReport model, TlcTraceValidator.Verdict tlc) {
        public boolean agreed() {
            return model.accepted() && tlc.accepted();
        }
    }

    /** What bad input is called when a trace lacks its end marker. */
    public static final String NO_END_MARKER = "trace has no end marker (truncated or unfinished capture)";

    /**
     * Bad input, found once before either checker sees the trace: a trace without its end marker
     * ({@link #requireComplete}), then what the path's {@link PathBinding#validate} finds.
     */
    public static void validate(PathBinding path, Trace trace, String file) throws CheckException {
        requireComplete(trace, file);
        path.validate(trace, file);
    }

    /**
     * A trace without its end marker — a capture that did not finish, or a file cut short — is bad
     * input, named at its last line: the checkers would otherwise accept it as a short valid trace.
     */
    public static void requireComplete(Trace trace, String file) throws CheckException {
        if (!trace.complete()) {
            throw new CheckException(file + ":" + trace.lastLineNo() + ": " + NO_END_MARKER);
        }
    }

    public static Both check(PathBinding path, Trace trace, String file, Duration tlcTimeout) throws CheckException {
        validate(path, trace, file);
        return new Both(path.replay(trace, file), path.tlc(trace, file, tlcTimeout));
    }
}
