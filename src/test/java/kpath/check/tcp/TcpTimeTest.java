package kpath.check.tcp;

import java.util.ArrayList;
import java.util.List;
import kpath.check.CheckException;
import kpath.model.tcp.KernelProfile;
import kpath.model.tcp.TcpTimers;
import kpath.trace.Event;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The clock's arithmetic (the kernel's timer durations are TcpTimersExamples'): the tolerance, and what a
 * header says about a client's SYN retransmissions. Method: fixed cases against the kernel
 * sources cited in TcpTimers and TcpTime, and the committed trace of one request's timer.
 */
class TcpTimeTest {

    @Test
    void theToleranceIsTheWheelGranularityBoundPlusTheMargin() {
        // 8/63 of 1 s rounded up, then 250 ms: never less than HZ=100's 80 ms bucket for a 1 s timer
        assertEquals(126_985 + TcpTime.MARGIN_US, TcpTime.slack(1_000_000));
        // a 120 s timer lands on level 3 or 4: buckets of 5.12 s (HZ=100), 2.048 s (HZ=250), 4.096 s (HZ=1000)
        assertTrue(TcpTime.slack(TcpTimers.TCP_RTO_MAX_US) - TcpTime.MARGIN_US >= 5_120_000);
    }

    @Test
    void theCommittedRetransmissionsFallInsideTheirWindows() throws Exception {
        // synack-retransmit-count: SYN line, then the kernel's two retransmissions; each lies after
        // the previous firing's earliest + timeout and before its latest + timeout + slack.
        Trace t = TraceReader.read(java.nio.file.Path.of("traces", "tcp", "synack-retransmit-count.trace"));
        List<Long> synAcks = new ArrayList<>();
        long synLine = -1;
        long beforeSyn = 0;
        long last = 0;
        for (Event e : t.events()) {
            if (e instanceof Event.Packet p && p.dir() == Event.Direction.IN && p.flags().equals("S")) {
                synLine = e.timeMicros();
                beforeSyn = last;
            }
            if (e instanceof Event.Packet p && p.dir() == Event.Direction.OUT && synLine >= 0) {
                synAcks.add(e.timeMicros());
            }
            last = e.timeMicros();
        }
        assertEquals(3, synAcks.size(), "the SYN-ACK and two retransmissions");
        long earliest = beforeSyn;
        long latest = synLine;
        for (int n = 0; n < 2; n++) {
            long d = TcpTimers.synAckTimeout(n);
            long at = synAcks.get(n + 1);
            assertTrue(at >= earliest + d && at <= latest + d + TcpTime.slack(d), "retransmission " + (n + 1) + " at " + at);
            earliest = earliest + d;
            latest = at;
        }
    }

    @Test
    void aHeaderWithoutTheClocksSysctlsLeavesTheClientScheduleOpen() throws Exception {
        Trace t = TraceReader.read(java.nio.file.Path.of("traces", "tcp", "accept-queue-fill-backlog-3.trace"));
        TcpTime.Params on618 = TcpTime.Params.of(t, KernelProfile.LINUX_6_13_ON, "x.trace");
        assertTrue(on618.clientTimers());
        assertEquals(-1, on618.linear(), "6.18 has tcp_syn_linear_timeouts; the header does not say its value");
        assertFalse(on618.synMust());
        assertEquals(TcpTimers.TCP_TIMEOUT_INIT_US, on618.synRto(6), "unknown: the fastest schedule");
        assertEquals(0, TcpTime.Params.of(t, KernelProfile.LINUX_4_4_TO_6_4, "x.trace").linear());
    }

    @Test
    void aHeaderWithTheClocksSysctlsFixesTheScheduleAndItsEnd() throws Exception {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("traces", "tcp", "accept-queue-fill-backlog-3.trace"))
                .replace("path: tcp", "sysctl: net.ipv4.tcp_syn_retries=6\nsysctl: net.ipv4.tcp_syn_linear_timeouts=4\npath: tcp");
        TcpTime.Params p = TcpTime.Params.of(TraceReader.parse(text, "x.trace"), KernelProfile.LINUX_6_13_ON, "x.trace");
        assertEquals(4, p.linear());
        assertEquals(10, p.synRetransmits());
        assertTrue(p.synMust());
        assertEquals(2_000_000, p.synRto(6));
        String bad = text.replace("tcp_syn_retries=6", "tcp_syn_retries=six");
        CheckException e = assertThrows(CheckException.class,
                () -> TcpTime.Params.of(TraceReader.parse(bad, "bad.trace"), KernelProfile.LINUX_6_13_ON, "bad.trace"));
        assertEquals("bad.trace:1: header sysctl net.ipv4.tcp_syn_retries='six' is not a non-negative integer", e.getMessage());
    }
}
