package kpath.check.readiness;

import java.util.List;
import java.util.Set;
import kpath.model.proc.CopyOut;
import kpath.trace.Event;
import kpath.trace.Result;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How a readiness trace's results and observations read as the model's values: the return value
 * the kernel gave (-errno on failure) and what the call copied out. Method: one line of each form.
 */
class ReadinessReturnsTest {

    @Test
    void aResultIsTheValueTheKernelReturned() {
        assertEquals(-11L, ReadinessReturns.value(Result.error("EAGAIN")));
        assertEquals(-115L, ReadinessReturns.value(Result.error("EINPROGRESS")));
        assertNull(ReadinessReturns.value(Result.error("ENOTANERRNO")));
        assertEquals(29L, ReadinessReturns.value(Result.ok("SIGIO")));
        assertEquals(35L, ReadinessReturns.value(Result.ok("SIGRTMIN+3")));
        assertNull(ReadinessReturns.value(Result.ok("SIGRTMIN+99")));
        assertEquals(10L, ReadinessReturns.value(Result.ok("e0:10")));
        assertEquals(0L, ReadinessReturns.value(Result.ok("r0:7,w0:8")));
        assertEquals(3L, ReadinessReturns.value(Result.ok("3")));
        assertNull(ReadinessReturns.value(Result.ok("three")));
        assertNull(ReadinessReturns.value(Result.any()));
    }

    @Test
    void aResultMatchesOnlyItsValueAndAnyMatchesEveryNonError() {
        assertTrue(ReadinessReturns.matches(Result.error("EAGAIN"), -11));
        assertFalse(ReadinessReturns.matches(Result.error("EAGAIN"), 11));
        assertTrue(ReadinessReturns.matches(Result.any(), 0));
        assertTrue(ReadinessReturns.matches(Result.any(), 5));
        assertFalse(ReadinessReturns.matches(Result.any(), -9));
        assertFalse(ReadinessReturns.matches(Result.ok("three"), 3));
        assertEquals("-1 EBADF", ReadinessReturns.text(-9));
        assertEquals("0", ReadinessReturns.text(0));
    }

    private static Event.Observation observation(String line) throws Exception {
        String trace = "kpath-trace 1\nscenario: x\nkernel: 6.18.0\narch: x86_64\nnetns: host\npeer: loopback\n"
                + "+0.000001 " + line + "\n+0.000002 end\n";
        return (Event.Observation) TraceReader.parse(trace, "x.trace").events().getFirst();
    }

    @Test
    void anObservationIsWhatTheCallCopiedOut() throws Exception {
        assertEquals(new CopyOut.Events(List.of(new CopyOut.EpollEvent("r0", 0x41), new CopyOut.EpollEvent("s1", 4))),
                ReadinessReturns.copied(observation("observe events(e0) r0=EPOLLIN|EPOLLRDNORM s1=EPOLLOUT")));
        assertEquals(new CopyOut.Revents(List.of(new CopyOut.PollRevents("w1", 0x20))),
                ReadinessReturns.copied(observation("observe revents w1=POLLNVAL")));
        assertEquals(new CopyOut.Value(7), ReadinessReturns.copied(observation("observe read(v0) value=7")));
        assertEquals(CopyOut.FdSets.of(Set.of("a", "b"), Set.of(), Set.of("c")),
                ReadinessReturns.copied(observation("observe fdsets rd=a|b wr=- ex=c")));
        assertNull(ReadinessReturns.copied(observation("observe task(t1) state=S wchan=do_epoll_wait")));
        assertEquals(new CopyOut.Owner("F_OWNER_TID", "main"), ReadinessReturns.copied(observation("observe owner type=F_OWNER_TID pid=main")));
        assertEquals("type=F_OWNER_TID pid=0", ReadinessReturns.text(new CopyOut.Owner("F_OWNER_TID", "0")));
        CopyOut.SigInfo si = new CopyOut.SigInfo(35, "POLL_HUP", "s0", 0x18);
        assertEquals(si, ReadinessReturns.copied(observation(
                "observe siginfo si_signo=SIGRTMIN+3 si_code=POLL_HUP si_fd=s0 si_band=POLLHUP|POLLERR")));
        assertEquals("si_signo=SIGRTMIN+3 si_code=POLL_HUP si_fd=s0 si_band=POLLERR|POLLHUP", ReadinessReturns.text(si));
    }

    @Test
    void whatWasCopiedOutPrintsAsTheTraceWritesIt() {
        assertEquals("nothing", ReadinessReturns.text(CopyOut.NONE));
        assertEquals("[r0=EPOLLIN]", ReadinessReturns.text(new CopyOut.Events(List.of(new CopyOut.EpollEvent("r0", 1)))));
        assertEquals("[w1=POLLNVAL]", ReadinessReturns.text(new CopyOut.Revents(List.of(new CopyOut.PollRevents("w1", 0x20)))));
        assertEquals("rd=a|b wr=- ex=c", ReadinessReturns.text(CopyOut.FdSets.of(Set.of("b", "a"), Set.of(), Set.of("c"))));
        assertEquals("value=18446744073709551615", ReadinessReturns.text(new CopyOut.Value(-1)));
        assertEquals("fds=7,8", ReadinessReturns.text(new CopyOut.FdPair(7, 8)));
    }
}
