package kpath.check.tcp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.PathBinding;
import kpath.check.TlcTraceValidator;
import kpath.check.TraceModule;
import kpath.model.tcp.TcpListen;
import kpath.trace.Trace;

/** The TCP passive-open path: {@link TcpListen} against specs/TcpListen.tla. */
public final class TcpBinding implements PathBinding {

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public void validate(Trace trace, String file) throws CheckException {
        TcpTraceSteps.boundsOf(trace, file); // reads the header and every line as the model's steps
    }

    @Override
    public CheckReport replay(Trace trace, String file) throws CheckException {
        return TcpTraceChecker.check(trace, file);
    }

    @Override
    public TraceModule.Generated traceModule(Trace trace, String file) throws CheckException {
        return TcpTraceModule.generate(trace, file);
    }

    @Override
    public List<Mc> mc() {
        return List.of(new Mc(TcpMc.MODULE, TcpMc.CFG, TcpListen.class.getName(),
                (dir, module, cfg, timeout) -> TcpMc.compare(new TcpListen(TcpMc.bounds()), dir, module, cfg, timeout),
                Optional.of((dir, module, cfg, timeout) ->
                        TcpMc.compareObservables(new TcpListen(TcpMc.bounds()), dir, module, cfg, timeout))));
    }
}
