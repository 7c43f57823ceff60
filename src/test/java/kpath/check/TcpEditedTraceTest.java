package kpath.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A captured trace edited to contradict the kernel is rejected by the Java model and by TLC.
 * Method: take a committed trace, change one line the way a wrong belief would (one more
 * connection accepted than the backlog allows; one more child queued), and check both reject at
 * that line while the unedited trace is accepted.
 */
class TcpEditedTraceTest {

    static final Path FILL = Path.of("traces", "tcp", "accept-queue-fill-backlog-1.trace");

    static Trace read(String text, String name) throws Exception {
        return TraceReader.parse(text, name);
    }

    @Test
    void oneMoreAcceptedConnectionThanTheBacklogAllowsIsRejectedByBoth() throws Exception {
        String text = Files.readString(FILL);
        // The first accept that found the queue empty claims a connection instead: a dropped client.
        Matcher m = Pattern.compile("accept4\\(L, (0|SOCK_NONBLOCK)\\) = -1 EAGAIN").matcher(text);
        assertTrue(m.find(), FILL + " has no accept on an empty queue to edit");
        String edited = text.substring(0, m.start()) + "accept4(L, " + m.group(1) + ") = c3" + text.substring(m.end());
        int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;

        CheckReport r = new TcpTraceChecker().check(read(edited, "edited.trace"), "edited.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(line, r.divergenceLine(), r::text);
        assertTrue(r.text().contains("AcceptEagain"), r::text);
        TlcTraceValidator.Verdict v = TlcTraceValidator.validate(read(edited, "edited.trace"), "edited.trace", 6,
                Duration.ofMinutes(3));
        assertEquals("REJECTED", v.verdict(), v.detail());
    }

    @Test
    void anAcceptQueueLongerThanBacklogPlusOneIsRejectedByBoth() throws Exception {
        String text = Files.readString(FILL);
        Matcher m = Pattern.compile("unacked=2 sacked=1").matcher(text);
        assertTrue(m.find(), FILL + " never shows a full accept queue");
        String edited = text.substring(0, m.start()) + "unacked=3 sacked=1" + text.substring(m.end());
        CheckReport r = new TcpTraceChecker().check(read(edited, "edited.trace"), "edited.trace");
        assertFalse(r.accepted(), r::text);
        assertTrue(r.text().contains("unacked=2"), "the report names what the model predicted: " + r.text());
        TlcTraceValidator.Verdict v = TlcTraceValidator.validate(read(edited, "edited.trace"), "edited.trace", 6,
                Duration.ofMinutes(3));
        assertEquals("REJECTED", v.verdict(), v.detail());
    }

    @Test
    void theUneditedTraceIsAcceptedByBoth() throws Exception {
        Trace t = TraceReader.read(FILL);
        assertTrue(new TcpTraceChecker().check(t, FILL.toString()).accepted());
        assertTrue(TlcTraceValidator.validate(t, FILL.toString(), 6, Duration.ofMinutes(3)).accepted());
    }

    @Test
    void aTraceWithoutTheModelsSysctlsIsReportedWithItsFileName() throws Exception {
        String text = Files.readString(FILL).replaceAll("(?m)^sysctl: net.ipv4.tcp_syncookies=.*\\n", "");
        CheckException e = assertThrows(CheckException.class,
                () -> new TcpTraceChecker().check(read(text, "nosysctl.trace"), "nosysctl.trace"));
        assertTrue(e.getMessage().startsWith("nosysctl.trace: header lacks 'sysctl: net.ipv4.tcp_syncookies"),
                e.getMessage());
    }
}
