package kpath.check;

import java.time.Duration;
import kpath.trace.Trace;

/** Both verdicts on one trace — the Java model's and TLC's — whichever kernel path it records. */
public final class Verdicts {
    private Verdicts() {}

    public static final int MAX_INSERTED = 6;

    public record Both(CheckReport model, TlcTraceValidator.Verdict tlc) {
        public boolean agreed() {
            return model.accepted() && tlc.accepted();
        }
    }

    /** The path a trace records: readiness traces create pipes, socketpairs, eventfds or epolls. */
    public static String pathOf(Trace t) {
        return ReadinessTraceChecker.handles(t) ? "readiness" : "tcp";
    }

    public static Both check(Trace trace, String name, Duration tlcTimeout) throws CheckException {
        if (pathOf(trace).equals("readiness")) {
            return new Both(new ReadinessTraceChecker().check(trace, name),
                    ReadinessTlcValidator.validate(trace, name, tlcTimeout));
        }
        return new Both(new TcpTraceChecker(MAX_INSERTED, 200_000).check(trace, name),
                TlcTraceValidator.validate(trace, name, MAX_INSERTED, tlcTimeout));
    }
}
