package kpath.check;

import java.time.Duration;
import kpath.trace.Trace;

/** TLC's verdict on a readiness trace against specs/Readiness.tla, through {@link ReadinessTraceModule}. */
public final class ReadinessTlcValidator {
    private ReadinessTlcValidator() {}

    public static TlcTraceValidator.Verdict validate(Trace trace, String file, Duration timeout) throws CheckException {
        ReadinessTraceModule.Generated g = ReadinessTraceModule.generate(trace, file);
        return TlcTraceValidator.run("Readiness.tla", ReadinessTraceModule.MODULE, g.module(), g.cfg(), file, timeout);
    }
}
