package kpath.check.tcp;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.Replay;
import kpath.trace.Event;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The TCP checker at the scale of ordinary captures: 100 loopback clients filling an accept queue
 * (96 of them dropped, each with its SYN retransmission timer running) and 52 TUN SYNs leaving 50
 * live requests whose timers retransmit while the trace runs. Before time gated the timers, any
 * dropped client could retransmit and any request time out between any two lines, and the Java
 * checker gave up (more than 200,000 states) at line 98 and line 65 of these traces. Both checkers'
 * full readings are the golden outputs (GoldenOutputTest); here, how many states they need.
 */
class TcpScaleTest {

    static final Path FILL = Path.of("traces", "tcp", "accept-queue-fill-100-clients.trace");
    static final Path SYN_FILL = Path.of("traces", "tcp", "syn-queue-fill-50-requests.trace");

    @Test
    void aHundredClientFillIsCheckedWithAHandfulOfStates() throws Exception {
        CheckReport r = TcpTraceChecker.check(TraceReader.read(FILL), FILL.toString());
        assertTrue(r.accepted(), r::text);
        assertTrue(r.maxStates() <= 10, "states at once: " + r.maxStates());
    }

    @Test
    void fiftyRequestsRetransmittingOnTunAreCheckedWithAHandfulOfStates() throws Exception {
        Trace t = TraceReader.read(SYN_FILL);
        assertTrue(t.events().stream().filter(e -> e instanceof Event.Packet p && p.dir() == Event.Direction.OUT)
                .count() > 52, "the capture shows retransmitted SYN-ACKs besides the first ones");
        CheckReport r = TcpTraceChecker.check(t, SYN_FILL.toString());
        assertTrue(r.accepted(), r::text);
        assertTrue(r.maxStates() <= 100, "states at once: " + r.maxStates());
    }

    @Test
    void aLimitNamesTheLineReachedAndTheStateCount() throws Exception {
        Trace t = TraceReader.read(SYN_FILL);
        CheckException e = assertThrows(CheckException.class,
                () -> Replay.check(new TcpTraceChecker(t, "syn.trace", 3), t, "syn.trace"));
        assertTrue(e.isLimit(), "a limit, not bad input: " + e.getMessage());
        Matcher m = Pattern.compile("syn\\.trace:(\\d+): more than 3 model states are consistent with the trace "
                + "\\((\\d+) when the checker stopped\\); it gives up rather than guess").matcher(e.getMessage());
        assertTrue(m.matches(), e.getMessage());
        int line = Integer.parseInt(m.group(1));
        assertTrue(t.events().stream().anyMatch(ev -> ev.lineNo() == line), "line " + line + " is an event line");
        assertTrue(Integer.parseInt(m.group(2)) > 3);
    }
}
