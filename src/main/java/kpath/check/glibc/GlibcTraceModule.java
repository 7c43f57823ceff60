package kpath.check.glibc;

import kpath.check.CheckException;
import kpath.check.TraceModule;
import kpath.trace.Event;
import kpath.trace.Line;
import kpath.trace.Trace;

/**
 * A glibc trace as a TLA+ module that EXTENDS specs/GlibcAio.tla, built from the trace alone: line
 * k is the spec's action for its observation ({@link GlibcSyntax#tla}), there are no hidden steps,
 * and the trace is explained when every line is and its requests are accounted for, as the Java
 * replay's end condition ({@code kpath.model.glibc.GlibcAio.ends}).
 */
final class GlibcTraceModule {
    private GlibcTraceModule() {}

    static final String DONE = "phase = \"done\" /\\ second \\in {\"none\", \"reported\"} /\\ suspend # \"asleep\""
            + " /\\ (sigev # \"none\" => (nFirst /\\ (second = \"none\" \\/ nSecond)))";

    static TraceModule.Generated of(Trace trace, String file) throws CheckException {
        TraceModule m = TraceModule.of("GlibcTrace", "GlibcAio", file).done(DONE);
        for (Line l : trace.lines()) {
            if (l instanceof Event ev) {
                m.event(ev.lineNo(), GlibcSyntax.tla(GlibcSyntax.action(ev, file + ":" + ev.lineNo() + ": ")));
            }
        }
        return m.build();
    }
}
