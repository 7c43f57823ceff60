package kpath.check.tcp;

import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.TlcRejection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A captured trace edited to contradict the kernel is rejected by the Java model and by TLC.
 * Method: take a committed TUN trace (the harness is the only peer, so no segment can arrive
 * unseen), change it the way a wrong belief about the backlog would, and check that both reject
 * it at the edited line while the unedited trace is accepted.
 *
 * <p>The trace: listen(L, 1); c1 and c2 complete, c3's final ACK finds the accept queue full
 * (sk_ack_backlog 2 > backlog 1) and is dropped; one accept makes room; c3's next ACK completes.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class TcpEditedTraceTest {

    static final Path TRACE = Path.of("traces", "tcp", "final-ack-full-accept-queue-abort-0.trace");

    record Edited(String text, int line) {}

    /** Replaces the first line containing {@code marker} by {@code replacement} lines (same time stamp). */
    static Edited edit(String marker, String... replacement) throws Exception {
        return edit(TRACE, marker, replacement);
    }

    /** {@link #edit(String, String...)} in {@code trace}. */
    static Edited edit(Path trace, String marker, String... replacement) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(trace));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("+") && l.contains(marker)) {
                String time = l.substring(0, l.indexOf(' '));
                lines.remove(i);
                for (int k = replacement.length - 1; k >= 0; k--) {
                    lines.add(i, time + " " + replacement[k]);
                }
                return new Edited(String.join("\n", lines) + "\n", i + replacement.length);
            }
        }
        throw new AssertionError(trace + " has no line with '" + marker + "'");
    }

    static void assertBothReject(Edited e, String predicted) throws Exception {
        Trace t = TraceReader.parse(e.text(), "edited.trace");
        CheckReport r = TcpTraceChecker.check(t, "edited.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(e.line(), r.divergenceLine(), r::text);
        assertTrue(r.text().contains(predicted), () -> "the report should name the prediction " + predicted + ":\n" + r.text());
        TlcRejection.atLine(new TcpBinding(), e.text(), e.line());
    }

    @Test
    void oneMoreAcceptedConnectionThanTheBacklogAllowsIsRejectedByBoth() throws Exception {
        // After accepting c1 the queue holds only c2; c3's ACK was dropped, so a third accept finds it empty.
        assertBothReject(edit("accept4(L, 0) = c1", "accept4(L, 0) = c1", "accept4(L, 0) = c2", "accept4(L, 0) = c3"),
                "AcceptEagain");
    }

    @Test
    void aBacklogOfOneHoldingThreeChildrenIsRejectedByBoth() throws Exception {
        // c3's ACK into the full queue: believing it was queued means backlog 1 holds 3.
        Edited e = editAfter("< . c3", "unacked=2 sacked=1", "observe tcp_info(L) state=LISTEN unacked=3 sacked=1");
        assertBothReject(e, "unacked=2");
    }

    @Test
    void theUneditedTraceIsAcceptedByBoth() throws Exception {
        assertAcceptedByBoth(Files.readString(TRACE), TRACE.toString());
    }

    /** Both checkers accept {@code text}. */
    static void assertAcceptedByBoth(String text, String name) throws Exception {
        Trace t = TraceReader.parse(text, name);
        CheckReport r = TcpTraceChecker.check(t, name);
        assertTrue(r.accepted(), r::text);
        assertTrue(new TcpBinding().tlc(t, name, Duration.ofMinutes(3)).accepted());
    }

    @Test
    void aTraceWithoutTheModelsSysctlsIsReportedWithItsFileName() throws Exception {
        String text = Files.readString(TRACE).replaceAll("(?m)^sysctl: net.ipv4.tcp_syncookies=.*\\n", "");
        CheckException e = assertThrows(CheckException.class,
                () -> TcpTraceChecker.check(TraceReader.parse(text, "nosysctl.trace"), "nosysctl.trace"));
        assertTrue(e.getMessage().startsWith("nosysctl.trace:1: the header lacks 'sysctl: net.ipv4.tcp_syncookies"),
                e.getMessage());
    }

    @Test
    void anFdTheModelDoesNotKnowOrAFlagWordItCannotReadIsBadInputNamingTheLine() throws Exception {
        Edited fd = edit("accept4(L, 0) = c1", "accept4(zzz, 0) = c1");
        CheckException e = assertThrows(CheckException.class,
                () -> new TcpBinding().validate(TraceReader.parse(fd.text(), "fd.trace"), "fd.trace"));
        assertEquals("fd.trace:" + fd.line() + ": accept4 on 'zzz': the TCP model's one fd is the listener L",
                e.getMessage());
        Edited flags = edit("accept4(L, 0) = c1", "accept4(L, NOT_SOCK_NONBLOCK_AT_ALL) = c1");
        CheckException f = assertThrows(CheckException.class,
                () -> new TcpBinding().validate(TraceReader.parse(flags.text(), "flags.trace"), "flags.trace"));
        assertTrue(f.getMessage().startsWith("flags.trace:" + flags.line() + ": flags 'NOT_SOCK_NONBLOCK_AT_ALL'"),
                f.getMessage());
    }

    /** Like {@link #edit} but for the first line containing {@code marker} after the first line containing {@code after}. */
    static Edited editAfter(String after, String marker, String replacement) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(TRACE));
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (lines.get(i).startsWith("+") && lines.get(i).contains(after)) {
                start = i;
            }
        }
        assertTrue(start >= 0, TRACE + " has no line with '" + after + "'");
        for (int i = start; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("+") && l.contains(marker)) {
                lines.set(i, l.substring(0, l.indexOf(' ')) + " " + replacement);
                return new Edited(String.join("\n", lines) + "\n", i + 1);
            }
        }
        throw new AssertionError(TRACE + " has no line with '" + marker + "' after '" + after + "'");
    }
}
