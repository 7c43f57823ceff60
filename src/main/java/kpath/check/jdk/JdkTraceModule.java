package kpath.check.jdk;

import kpath.check.CheckException;
import kpath.check.TraceModule;
import kpath.trace.Event;
import kpath.trace.Line;
import kpath.trace.Trace;

/**
 * A jdk trace as a TLA+ module that EXTENDS specs/JdkIo.tla, built from the trace alone: line k
 * is the spec's action for its observation ({@link JdkSyntax#tla}), there are no hidden steps, and
 * the trace is explained when every line is and the read ended: the data reached the API's user,
 * or the read failed for its channel's close or its timeout ({@code phase \in {"done", "closed",
 * "timedout"}}, as the Java replay's end condition).
 */
final class JdkTraceModule {
    private JdkTraceModule() {}

    static TraceModule.Generated of(Trace trace, String file) throws CheckException {
        TraceModule m = TraceModule.of("JdkTrace", "JdkIo", file).done("phase \\in {\"done\", \"closed\", \"timedout\"}");
        for (Line l : trace.lines()) {
            if (l instanceof Event ev) {
                m.event(ev.lineNo(), JdkSyntax.tla(JdkSyntax.action(ev, file + ":" + ev.lineNo() + ": ")));
            }
        }
        return m.build();
    }
}
