package kpath.check;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import kpath.trace.Trace;

/**
 * The model side of a kernel path as a plug-in: how its traces are replayed against the Java model
 * ({@link Replay} with the path's {@link ReplayBinding}), how they are validated by TLC (a trace
 * module that EXTENDS the path's spec, built from the trace alone), and the MC modules whose state
 * graphs must equal the Java model's. The registry in {@code kpath.cli} lists the paths; a trace
 * names its path in its {@code path:} header.
 */
public interface PathBinding {

    /** The path's name: its {@code path:} header value and its {@code traces/} folder. */
    String name();

    /**
     * Reads every line of {@code trace} as this path's model would, before either checker sees it:
     * bad input (an unknown call, bit, key or value) is a {@link CheckException} naming file:line,
     * so the two checkers never disagree about a trace that was never valid.
     */
    void validate(Trace trace, String file) throws CheckException;

    /** The Java model's verdict on one trace. */
    CheckReport replay(Trace trace, String file) throws CheckException;

    /** The trace as a TLA+ module that EXTENDS the path's spec, built from the trace alone. */
    TraceModule.Generated traceModule(Trace trace, String file) throws CheckException;

    /** TLC's verdict on the same trace against the path's spec. */
    default TlcTraceValidator.Verdict tlc(Trace trace, String file, Duration timeout) throws CheckException {
        return TlcTraceValidator.run(traceModule(trace, file), file, timeout);
    }

    /** The MC modules of the path's spec, each with the Java model explored at the same bounds. */
    List<Mc> mc();

    /** One MC module ({@code specs/<module>.tla} + {@code .cfg}) and its Java-vs-TLC graph comparisons. */
    record Mc(String module, String cfg, String javaModel, Comparison graph, Optional<Comparison> observables) {}

    /** A comparison at the MC bounds: the Java model explored against TLC on the module in {@code specDir}. */
    @FunctionalInterface
    interface Comparison {
        GraphComparison.Outcome run(Path specDir, String module, String cfg, Duration timeout) throws CheckException;
    }
}
