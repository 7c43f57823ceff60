package kpath.check;

import java.time.Duration;
import java.util.Arrays;
import kpath.trace.TraceReader;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where TLC rejects a trace. TLC's verdict names no line, so the line is pinned by two runs: the
 * trace cut just before {@code line} is accepted (every earlier line is explained) and the trace cut
 * just after it is rejected.
 */
public final class TlcRejection {
    private TlcRejection() {}

    public static void atLine(PathBinding path, String text, int line) throws Exception {
        String[] lines = text.split("\n", -1);
        String before = String.join("\n", Arrays.copyOf(lines, line - 1)) + "\n";
        String through = String.join("\n", Arrays.copyOf(lines, line)) + "\n";
        TlcTraceValidator.Verdict b = path.tlc(TraceReader.parse(before, "before.trace"), "before.trace",
                Duration.ofMinutes(3));
        assertEquals("ACCEPTED", b.verdict(), () -> "TLC must explain every line before " + line + ": " + b.detail());
        TlcTraceValidator.Verdict t = path.tlc(TraceReader.parse(through, "through.trace"), "through.trace",
                Duration.ofMinutes(3));
        assertEquals("REJECTED", t.verdict(), () -> "TLC must reject line " + line + ": " + t.detail());
    }
}
