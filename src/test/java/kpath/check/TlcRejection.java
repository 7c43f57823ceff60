package kpath.check;

import java.time.Duration;
import kpath.trace.TraceReader;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where TLC rejects a trace: one run, whose verdict names the first line no behaviour explains
 * (the trace module prints how far its behaviours got; {@link TraceModule#REACHED}).
 */
public final class TlcRejection {
    private TlcRejection() {}

    public static void atLine(PathBinding path, String text, int line) throws Exception {
        TlcTraceValidator.Verdict t = path.tlc(TraceReader.parse(text, "edited.trace"), "edited.trace",
                Duration.ofMinutes(3));
        assertEquals("REJECTED", t.verdict(), () -> "TLC must reject line " + line + ": " + t.detail());
        assertEquals(line, t.line(), () -> "TLC must explain every line before " + line + ": " + t.detail());
    }
}
