package kpath.check.readiness;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.PathBinding;
import kpath.check.TlcTraceValidator;
import kpath.check.TraceModule;
import kpath.trace.Trace;

/** The readiness path: {@link Proc} against specs/Readiness.tla. */
public final class ReadinessBinding implements PathBinding {

    @Override
    public String name() {
        return "readiness";
    }

    @Override
    public void validate(Trace trace, String file) throws CheckException {
        ReadinessTraceChecker.validate(trace, file);
    }

    @Override
    public CheckReport replay(Trace trace, String file) throws CheckException {
        return ReadinessTraceChecker.check(trace, file);
    }

    @Override
    public TraceModule.Generated traceModule(Trace trace, String file) throws CheckException {
        return ReadinessTraceModule.generate(trace, file);
    }

    @Override
    public List<Mc> mc() {
        return List.of(new Mc(ReadinessMc.MODULE, ReadinessMc.CFG, kpath.model.readiness.ReadinessModel.class.getName(),
                (dir, module, cfg, timeout) -> ReadinessMc.compare(ReadinessMc.model(), dir, module, cfg, timeout),
                Optional.of((dir, module, cfg, timeout) ->
                        ReadinessMc.compareObservables(ReadinessMc.model(), dir, module, cfg, timeout))));
    }
}
