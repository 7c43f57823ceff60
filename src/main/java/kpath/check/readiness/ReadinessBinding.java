package kpath.check.readiness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.GraphComparison;
import kpath.check.PathBinding;
import kpath.check.TlcTraceValidator;
import kpath.model.readiness.Readiness;
import kpath.trace.Trace;

/** The readiness path: {@link Readiness} against specs/Readiness.tla. */
public final class ReadinessBinding implements PathBinding {

    @Override
    public String name() {
        return "readiness";
    }

    @Override
    public CheckReport replay(Trace trace, String file) throws CheckException {
        return ReadinessTraceChecker.check(trace, file);
    }

    @Override
    public TlcTraceValidator.Verdict tlc(Trace trace, String file, Duration timeout) throws CheckException {
        ReadinessTraceModule.Generated g = ReadinessTraceModule.generate(trace, file);
        return TlcTraceValidator.run("Readiness.tla", ReadinessTraceModule.MODULE, g.module(), g.cfg(), file, timeout);
    }

    @Override
    public List<Mc> mc() {
        return List.of(new Mc() {
            public String module() {
                return ReadinessMc.MODULE;
            }

            public String cfg() {
                return ReadinessMc.CFG;
            }

            public String javaModel() {
                return Readiness.class.getName();
            }

            public GraphComparison.Outcome compare(Path specDir, Duration timeout) throws CheckException {
                return ReadinessMc.compare(ReadinessMc.model(), specDir, module(), cfg(), timeout);
            }
        });
    }
}
