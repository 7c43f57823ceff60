package kpath.check.tcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.GraphComparison;
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
    public CheckReport replay(Trace trace, String file) throws CheckException {
        return TcpTraceChecker.check(trace, file);
    }

    @Override
    public TlcTraceValidator.Verdict tlc(Trace trace, String file, Duration timeout) throws CheckException {
        TraceModule.Generated g = TcpTraceModule.generate(trace, file, TcpTraceChecker.MAX_INSERTED);
        return TlcTraceValidator.run("TcpListen.tla", TcpTraceModule.MODULE, g.module(), g.cfg(), file, timeout);
    }

    @Override
    public List<Mc> mc() {
        return List.of(new Mc() {
            public String module() {
                return TcpMc.MODULE;
            }

            public String cfg() {
                return TcpMc.CFG;
            }

            public String javaModel() {
                return TcpListen.class.getName();
            }

            public GraphComparison.Outcome compare(Path specDir, Duration timeout) throws CheckException {
                return TcpMc.compare(new TcpListen(TcpMc.bounds()), specDir, module(), cfg(), timeout);
            }

            public java.util.Optional<GraphComparison.Outcome> observables(Path specDir, Duration timeout)
                    throws CheckException {
                return java.util.Optional.of(TcpMc.compareObservables(new TcpListen(TcpMc.bounds()), specDir, module(),
                        cfg(), timeout));
            }
        });
    }
}
