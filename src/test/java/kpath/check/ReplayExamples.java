package kpath.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kpath.check.tcp.TcpTraceChecker;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

/**
 * How {@link Replay} reports a rejection, read on edited twins of a committed TUN trace: the line's
 * echo, the model's reason under a caret (its further lines indented below it), the verdict line.
 */
class ReplayExamples {

    static final Path TRACE = Path.of("traces", "tcp", "final-ack-full-accept-queue-abort-0.trace");

    private static CheckReport replay(List<String> lines) throws Exception {
        return TcpTraceChecker.check(TraceReader.parse(String.join("\n", lines) + "\n", "edited.trace"), "edited.trace");
    }

    private static List<String> lastLines(CheckReport r, int n) {
        List<String> out = r.text().lines().toList();
        return out.subList(out.size() - n, out.size());
    }

    @Test
    void aTraceCutBeforeTheSynAckItOwesIsRejectedAtTheEnd() throws Exception {
        // the harness reads every segment a TUN peer is sent, so the SYN-ACK for c1 cannot go unseen
        List<String> lines = Files.readAllLines(TRACE);
        List<String> cut = new ArrayList<>(lines.subList(0, lines.indexOf("+0.006604 < S c1") + 1));
        cut.add("+0.047105 end");
        CheckReport r = replay(cut);
        assertFalse(r.accepted());
        assertEquals(-1, r.divergenceLine());
        assertEquals(List.of(
                "   28  < S c1   [SynQueueAdd]",
                "       ^ at the end every model state still owes segments the trace never showed",
                "# trace REJECTED at end"), lastLines(r, 3));
    }

    @Test
    void everyLineOfTheModelsReasonIsShownUnderTheCaret() throws Exception {
        // the accept queue is FIFO (net/ipv4/inet_connection_sock.c inet_csk_accept takes the head):
        // with c1 and c2 queued, accept cannot return c2
        List<String> lines = new ArrayList<>(Files.readAllLines(TRACE));
        lines.set(lines.indexOf("+0.285048 accept4(L, 0) = c1"), "+0.285048 accept4(L, 0) = c2");
        CheckReport r = replay(lines);
        assertEquals(61, r.divergenceLine());
        List<String> last = lastLines(r, 5);
        assertEquals("   61  accept4(L, 0) = c2", last.get(0));
        assertEquals("       ^ no model state explains this line. Before it the model had 1 state(s); they predicted:",
                last.get(1));
        assertEquals("           accept4(L, 0) → AcceptDequeue = c1   (accept queue [c1, c2], SYN queue 1, backlog 1)",
                last.get(2));
        assertEquals("           not yet due at +0.285048: c3's request timer may not fire before +1.145551", last.get(3));
        assertEquals("# trace REJECTED at line 61", last.get(4));
    }
}
