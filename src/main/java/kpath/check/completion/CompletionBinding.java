package kpath.check.completion;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.PathBinding;
import kpath.check.TlcTraceValidator;
import kpath.check.TraceModule;
import kpath.check.readiness.ReadinessBinding;
import kpath.check.readiness.ReadinessTraceChecker;

import kpath.trace.Trace;

/**
 * The completion path: io_uring on the process model ({@code kpath.model.proc}), whose traces the
 * process checkers read as they read readiness traces — the same Java replay and the same TLA+
 * trace module on specs/Readiness.tla, which reaches IoUring.tla — and its own MC module,
 * specs/MCCompletion.tla.
 */
public final class CompletionBinding implements PathBinding {

    private final ReadinessBinding proc = new ReadinessBinding();

    @Override
    public String name() {
        return "completion";
    }

    @Override
    public void validate(Trace trace, String file) throws CheckException {
        proc.validate(trace, file);
    }

    @Override
    public CheckReport replay(Trace trace, String file) throws CheckException {
        return ReadinessTraceChecker.check(trace, file, "completion model");
    }

    @Override
    public TraceModule.Generated traceModule(Trace trace, String file) throws CheckException {
        return proc.traceModule(trace, file);
    }

    @Override
    public List<Mc> mc() {
        return List.of(mc(CompletionMc.MODULE, CompletionMc.CFG, CompletionMc::model),
                mc(CompletionMc.LINKS_MODULE, CompletionMc.LINKS_CFG, CompletionMc::linksModel),
                mc(CompletionMc.TIMEOUT_MODULE, CompletionMc.TIMEOUT_CFG, CompletionMc::timeoutModel),
                mc(CompletionMc.READS_MODULE, CompletionMc.READS_CFG, CompletionMc::readsModel),
                mc(CompletionMc.AIO_MODULE, CompletionMc.AIO_CFG, CompletionMc::aioModel),
                mc(CompletionMc.TASKS_MODULE, CompletionMc.TASKS_CFG, CompletionMc::tasksModel),
                mc(CompletionMc.AIO_TASKS_MODULE, CompletionMc.AIO_TASKS_CFG, CompletionMc::aioTasksModel),
                mc(CompletionMc.AIO_UNIX_MODULE, CompletionMc.AIO_UNIX_CFG, CompletionMc::aioUnixModel),
                mc(CompletionMc.AIO_DIRECT_MODULE, CompletionMc.AIO_DIRECT_CFG, CompletionMc::aioDirectModel));
    }

    private static Mc mc(String module, String cfg, java.util.function.Supplier<kpath.model.readiness.ReadinessModel> model) {
        return new Mc(module, cfg, kpath.model.readiness.ReadinessModel.class.getName(),
                (dir, m, c, timeout) -> CompletionMc.compare(model.get(), dir, m, c, timeout),
                Optional.of((dir, m, c, timeout) -> CompletionMc.compareObservables(model.get(), dir, m, c, timeout)));
    }
}
