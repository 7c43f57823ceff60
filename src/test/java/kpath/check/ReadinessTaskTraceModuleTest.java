package kpath.check;

import java.time.Duration;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * TLC checks traces with tasks through ReadinessTraceModule: calls that sleep, hidden runs and
 * timers bounded by the clock. Method: one hand-written two-task trace (not a captured one) and
 * two edits of it that a wrong belief would write; TLC must accept the first and reject the others.
 */
class ReadinessTaskTraceModuleTest {

    static final Duration TIMEOUT = Duration.ofMinutes(3);

    static final String HEADER = """
            kpath-trace 1
            scenario: epoll-et-two-waiters-one-report
            kernel: 6.18.44-fc-v657
            arch: x86_64
            netns: host
            peer: loopback
            captured-by: hand
            # Two tasks in epoll_wait on one epoll with an edge-triggered pipe item: one write wakes
            # one sleeper, which reports the item; the other sleeps on and times out with 0.
            #   t1 -(ew)-> e0 -(et)-> r0 <-(ew)- t2

            +0.000100 pipe2(O_NONBLOCK) = r0:3,w0:4
            +0.000200 epoll_create1(0) = e0:5
            +0.000300 epoll_ctl(e0, EPOLL_CTL_ADD, r0, EPOLLIN|EPOLLET) = 0
            +0.000400 t1 -> epoll_wait(e0, 8, 300)
            +0.000500 t2 -> epoll_wait(e0, 8, 300)
            +0.001000 observe task(t1) state=S wchan=do_epoll_wait
            +0.001100 observe task(t2) state=S wchan=do_epoll_wait
            +0.002000 write(w0, 1) = 1
            +0.002100 t1 <- 1
            +0.002200 observe events(e0) r0=EPOLLIN
            """;

    static TlcTraceValidator.Verdict tlc(String tail) throws Exception {
        return ReadinessTlcValidator.validate(TraceReader.parse(HEADER + tail, "two-waiters.trace"), "two-waiters.trace",
                TIMEOUT);
    }

    @Test
    void theSecondWaiterTimesOutWithZeroOnceItsTimeoutHasPassed() throws Exception {
        TlcTraceValidator.Verdict v = tlc("+0.300600 t2 <- 0\n");
        assertTrue(v.accepted(), () -> v.verdict() + " " + v.detail());
    }

    @Test
    void oneEdgeTriggeredArrivalReportedToBothWaitersIsRejected() throws Exception {
        TlcTraceValidator.Verdict v = tlc("+0.300600 t2 <- 1\n+0.300700 observe events(e0) r0=EPOLLIN\n");
        assertEquals("REJECTED", v.verdict(), v.detail());
    }

    @Test
    void aTimeoutBeforeItsTimeHasPassedIsRejected() throws Exception {
        TlcTraceValidator.Verdict v = tlc("+0.002300 t2 <- 0\n");
        assertEquals("REJECTED", v.verdict(), v.detail());
    }
}
