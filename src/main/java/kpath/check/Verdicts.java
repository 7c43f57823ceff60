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

    public static Both check(PathBinding path, Trace trace, String file, Duration tlcTimeout) throws CheckException {
        path.validate(trace, file);
        return new Both(path.replay(trace, file), path.tlc(trace, file, tlcTimeout));
    }
}
