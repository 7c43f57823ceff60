package kpath.model.tcp;

import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The passive-open path's timer durations, against the kernel sources cited in {@link TcpTimers}.
 * Method: fixed cases, each schedule written out in whole seconds.
 */
class TcpTimersExamples {

    @Example
    void aRequestTimerDoublesFromOneSecondUpToTcpRtoMax() {
        // reqsk_timeout: min(TCP_TIMEOUT_INIT << num_timeout, TCP_RTO_MAX)
        List<Long> s = IntStream.rangeClosed(0, 9).mapToObj(n -> TcpTimers.synAckTimeout(n) / 1_000_000).toList();
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 120L, 120L, 120L), s);
        assertEquals(TcpTimers.TCP_RTO_MAX_US, TcpTimers.synAckTimeout(255));
        assertThrows(IllegalArgumentException.class, () -> TcpTimers.synAckTimeout(-1));
    }

    @Example
    void aClientsSynRtoStaysAtOneSecondForTheLinearTimeoutsThenDoubles() {
        // tcp_syn_linear_timeouts=4 (the 6.5+ default): retransmissions at 1, 2, 3, 4, 5, 7, 11, 19 s
        List<Long> linear = IntStream.rangeClosed(1, 8).mapToObj(n -> TcpTimers.synRto(n, 4) / 1_000_000).toList();
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 2L, 4L, 8L), linear);
        // one linear timeout: the retransmission after it is the first to double
        assertEquals(List.of(1L, 1L, 2L), IntStream.rangeClosed(1, 3).mapToObj(n -> TcpTimers.synRto(n, 1) / 1_000_000).toList());
        // before 6.5: 1, 3, 7, 15 … s, capped at TCP_RTO_MAX
        List<Long> doubling = IntStream.rangeClosed(1, 10).mapToObj(n -> TcpTimers.synRto(n, 0) / 1_000_000).toList();
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 120L, 120L, 120L), doubling);
    }

    @Example
    void aRetransmissionNumberStartsAtOneAndLinearTimeoutsAreNeverNegative() {
        assertEquals(TcpTimers.TCP_TIMEOUT_INIT_US, TcpTimers.synRto(1, 0));
        assertThrows(IllegalArgumentException.class, () -> TcpTimers.synRto(0, 0));
        assertThrows(IllegalArgumentException.class, () -> TcpTimers.synRto(1, -1));
    }

    @Example
    void aClientGivesUpAfterItsSynRetriesPlusItsLinearTimeouts() {
        // tcp_write_timeout in SYN_SENT: icsk_retransmits >= tcp_syn_retries + tcp_syn_linear_timeouts
        assertEquals(10, TcpTimers.synRetransmits(6, 4));
        assertEquals(6, TcpTimers.synRetransmits(6, 0));
        assertEquals(4, TcpTimers.synRetransmits(0, 4));
    }
}
