package kpath.check.tcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kpath.trace.Event;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Time on the TCP path: a captured trace whose time stamps are edited to contradict the kernel's
 * timers is rejected by the Java model and by TLC, at the edited line and for the timer's reason.
 * Method: take the committed TUN trace of one request (tcp_synack_retries=2: SYN at +0.0067,
 * SYN-ACK retransmissions seen at +1.023 and +3.039, the request gone by +7.307) and move a line
 * in time the way a wrong belief about reqsk_timer_handler would; the unedited trace is accepted.
 */
class TcpTimeEditedTraceTest {

    static final Path TRACE = Path.of("traces", "tcp", "synack-retransmit-count.trace");

    @Test
    void theUneditedTraceIsAcceptedByBoth() throws Exception {
        TcpEditedTraceTest.assertAcceptedByBoth(Files.readString(TRACE), TRACE.toString());
    }

    @Test
    void aSynAckRetransmissionBeforeTheInitialTimeoutIsRejectedByBoth() throws Exception {
        // The request was armed after +0.006568 (the line before its SYN) for TCP_TIMEOUT_INIT:
        // its first SYN-ACK retransmission cannot come before +1.006568, let alone at +0.523177.
        TcpEditedTraceTest.Edited e = TcpEditedTraceTest.edit(TRACE, "+1.023177 > S. c1", "> S. c1");
        String early = e.text().replace("+1.023177 > S. c1", "+0.523177 > S. c1");
        assertNotEquals(e.text(), early);
        TcpEditedTraceTest.Edited moved = new TcpEditedTraceTest.Edited(early, e.line());
        TcpEditedTraceTest.assertBothReject(moved, "c1's request timer may not fire before +1.006568");
    }

    @Test
    void aRequestStillInSynRecvWellPastItsExpiryIsRejectedByBoth() throws Exception {
        // The second retransmission was seen at +3.039197, so the request's last timer (4 s) fires
        // by +7.039197 plus the tolerance (8/63 of 4 s and 250 ms): +7.797134. The edit delays the
        // rest of the trace by 2 s and has synrecv still count the request at +9.307315.
        List<String> lines = new ArrayList<>(Files.readAllLines(TRACE));
        int from = indexOf(lines, "+7.302262 observe tcp_info(L)");
        for (int i = from; i < lines.size(); i++) {
            lines.set(i, delayed(lines.get(i), 2_000_000L));
        }
        int edited = indexOf(lines, "+9.307315 observe synrecv(L) count=0");
        lines.set(edited, "+9.307315 observe synrecv(L) count=1");
        TcpEditedTraceTest.Edited e = edited(lines, edited + 1);
        TcpEditedTraceTest.assertBothReject(e, "c1's request timer (num_timeout 2) had to fire by +7.797134");
    }

    @Test
    void aRequestThatNeverRetransmitsIsRejectedByBoth() throws Exception {
        // The trace now ends with the request still there 5 s after its SYN and no SYN-ACK
        // retransmission seen. Without time that read as "the timer has not fired yet"; now the
        // request's first timer had to fire by +1.383697 (armed by +0.006712, 1 s, 8/63 of 1 s and
        // 250 ms) and send a SYN-ACK the harness would have read before its next line.
        List<String> lines = new ArrayList<>(Files.readAllLines(TRACE));
        int cut = indexOf(lines, "+0.052941 observe netstat");
        List<String> edited = new ArrayList<>(lines.subList(0, cut + 1));
        edited.add("+5.000000 observe tcp_info(L) state=LISTEN unacked=0 sacked=4");
        edited.add("+5.000100 observe synrecv(L) count=1");
        edited.add("+5.000200 end");
        TcpEditedTraceTest.Edited e = edited(edited, cut + 3);
        TcpEditedTraceTest.assertBothReject(e, "c1's request timer (num_timeout 0) had to fire by +1.383697");
    }

    @Test
    void theSameRequestSeenBeforeItsDeadlineIsStillAccepted() throws Exception {
        // Control for the test above: the request still counted after its deadline (+7.039197) but
        // within the tolerance, before the poll that found it gone.
        List<String> lines = new ArrayList<>(Files.readAllLines(TRACE));
        int at = indexOf(lines, "+3.044251 observe synrecv(L) count=1");
        lines.add(at + 1, "+7.302000 observe synrecv(L) count=1");
        TcpEditedTraceTest.assertAcceptedByBoth(String.join("\n", lines) + "\n", "before-deadline.trace");
    }

    /** The trace of {@code lines}, edited at 1-based line {@code line}. */
    private static TcpEditedTraceTest.Edited edited(List<String> lines, int line) {
        return new TcpEditedTraceTest.Edited(String.join("\n", lines) + "\n", line);
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError(TRACE + " has no line starting with '" + prefix + "'");
    }

    /** The line with its time stamp (if it has one) moved {@code micros} later. */
    private static String delayed(String line, long micros) {
        if (!line.startsWith("+")) {
            return line;
        }
        int sp = line.indexOf(' ');
        String[] t = line.substring(1, sp).split("\\.");
        long at = Long.parseLong(t[0]) * 1_000_000L + Long.parseLong(t[1]);
        return Event.formatTime(at + micros) + line.substring(sp);
    }
}
