package kpath.check.readiness;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.readiness.ReadinessTraceReplayTest.DIR;
import static kpath.check.readiness.ReadinessTraceReplayTest.edit;
import static kpath.check.readiness.ReadinessTraceReplayTest.rejectedByBoth;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An AF_UNIX stream send buffer that fills (catalogue S-04): the captured trace edited the way a
 * wrong belief about net/unix/af_unix.c, net/core/sock.c or net/socket.c sock_wake_async would write
 * it is rejected by the Java model and by the spec, each at the edited line and for the stated
 * reason. Method: replay with both checkers; malformed lines are bad input, one message naming
 * file:line.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class SendBufferTraceReplayTest {

    static final Path SPACE = DIR.resolve("sigio-space-after-eagain.trace");
    static final String TAKE = "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0)";

    @Test
    void roomFreedWithoutASendThatRanOutSignalsNothing() throws Exception {
        // The belief "freed room is always signalled": sock_wake_async's SOCK_WAKE_SPACE signals only
        // after test_and_clear_bit(SOCKWQ_ASYNC_NOSPACE), which only a send without room set.
        String[] e = edit(SPACE, TAKE + " = -1 EAGAIN", 4, TAKE + " = SIGRTMIN+3");
        rejectedByBoth(e, "model returns -1 EAGAIN");
    }

    @Test
    void oneSignalNotOnePerFreedSkb() throws Exception {
        // The belief "each unix_write_space signals": the first clears SOCKWQ_ASYNC_NOSPACE, the
        // second, a skb later, finds it clear.
        String[] e = edit(SPACE, TAKE + " = -1 EAGAIN", 3, TAKE + " = SIGRTMIN+3");
        rejectedByBoth(e, "model returns -1 EAGAIN");
    }

    @Test
    void roomForASendIsNotYetWritableAndSignalsNothing() throws Exception {
        // The belief "any skb freed wakes the writer": unix_write_space does nothing until
        // unix_writable, four times the refcount within sk_sndbuf.
        String[] e = edit(SPACE, TAKE + " = -1 EAGAIN", 2, TAKE + " = SIGRTMIN+3");
        rejectedByBoth(e, "model returns -1 EAGAIN");
    }

    @Test
    void oneThresholdForPollAndSendIsRejected() throws Exception {
        // The belief "a send fails once poll says not writable": sock_alloc_send_pskb sends while the
        // wmem in use is below sk_sndbuf; the third one-byte send, with POLLOUT gone, still goes.
        String[] e = edit(SPACE, "write(s0, 1) = 1", 3, "write(s0, 1) = -1 EAGAIN");
        rejectedByBoth(e, "model returns 1");
    }

    @Test
    void writableWhileThereIsRoomIsRejected() throws Exception {
        // The belief "POLLOUT while a send would go": unix_writable wants (wmem + 1) * 4 <= sk_sndbuf.
        String[] e = edit(SPACE, "poll(s0=POLLOUT, 0) = 0", 1, "poll(s0=POLLOUT, 0) = 1");
        rejectedByBoth(e, "model returns 0");
    }

    @Test
    void chargingBytesNotTruesizeIsRejected() throws Exception {
        // The belief "the send buffer counts bytes": six one-byte sends fill 4608 bytes of sk_sndbuf,
        // each skb charged its truesize (the header's 768).
        String[] e = edit(SPACE, "write(s0, 1) = -1 EAGAIN", 1, "write(s0, 1) = 1");
        rejectedByBoth(e, "model returns -1 EAGAIN");
    }

    @Test
    void soSndbufKeptAsGivenIsRejected() throws Exception {
        // The belief "SO_SNDBUF reads back what was set": __sock_set_sndbuf doubles it, at least SOCK_MIN_SNDBUF.
        String[] e = edit(SPACE, "observe optval(s0) value=4608", 1, "observe optval(s0) value=1");
        rejectedByBoth(e, "model copied out value=4608");
    }

    @Test
    void soSndbufWithoutWmemMaxIsRejected() throws Exception {
        // The belief "only INT_MAX / 2 caps it": the value is first capped at net.core.wmem_max.
        String[] e = edit(SPACE, "observe optval(s0) value=8388608", 1, "observe optval(s0) value=2147483646");
        rejectedByBoth(e, "model copied out value=8388608");
    }

    @Test
    void aReadThatDoesNotWakeTheWriterIsRejected() throws Exception {
        // The belief "only the writer's own calls change its readiness": sock_wfree → unix_write_space
        // wakes s0's queue with EPOLLOUT, and the edge-triggered e1 reports it again.
        String[] e = edit(SPACE, "epoll_wait(e1, 8, 0) = 1", 2, "epoll_wait(e1, 8, 0) = 0");
        rejectedByBoth(e, "model returns 1");
    }

    @Test
    void aCloseThatFreesNoRoomIsRejected() throws Exception {
        // The belief "a closing reader's unread data just goes": unix_release_sock purges s1's queue
        // after its POLL_HUP, each skb through sock_wfree -> unix_write_space, and s0 had run out of
        // room, so POLL_OUT follows.
        String[] e = edit(SPACE, TAKE + " = SIGRTMIN+3", 4, TAKE + " = -1 EAGAIN");
        rejectedByBoth(e, "model returns 35 (SiginfoTaken)");
    }

    @Test
    void aSendRunningOutWithoutOAsyncSetsNoBit() throws Exception {
        // The belief "every send without room marks the socket": sk_set_bit sets SOCKWQ_ASYNC_NOSPACE
        // only for a socket with SOCK_FASYNC, so s2's EAGAIN before O_ASYNC leaves nothing to signal.
        String[] e = edit(SPACE, TAKE + " = -1 EAGAIN", 7, TAKE + " = SIGRTMIN+3");
        rejectedByBoth(e, "model returns -1 EAGAIN");
    }

    @Test
    void clearingOAsyncForgettingTheBitIsRejected() throws Exception {
        // The belief "room freed while not async clears the bit": sk_wake_async_rcu calls
        // sock_wake_async only with SOCK_FASYNC, so the bit outlives O_ASYNC off and signals once it is on.
        String[] e = edit(SPACE, TAKE + " = SIGRTMIN+3", 5, TAKE + " = -1 EAGAIN");
        rejectedByBoth(e, "model returns 35 (SiginfoTaken)");
    }

    @Test
    void anotherOptionIsBadInput() throws Exception {
        String[] e = edit(SPACE, "setsockopt(s0, SOL_SOCKET, SO_SNDBUF, 3000) = 0", 1,
                "setsockopt(s0, SOL_SOCKET, SO_RCVBUF, 3000) = 0");
        String m = ReadinessTraceCheckerExamples.invalid(e);
        assertTrue(m.startsWith("edited.trace:" + e[1] + ": the model takes setsockopt(fd, SOL_SOCKET, SO_SNDBUF, val) only"), m);
    }

    @Test
    void aSetsockoptWithoutTheHeadersFiguresIsBadInput() throws Exception {
        String text = Files.readString(SPACE).replaceFirst("(?m)^af-unix-send: .*\n", "");
        String[] e = {text, ""};
        String m = ReadinessTraceCheckerExamples.invalid(e);
        assertTrue(m.matches("edited\\.trace:\\d+: setsockopt\\(SO_SNDBUF\\) needs the header's 'sysctl: net.core.wmem_max=N' and "
                + "'af-unix-send: \\.\\.\\. sock-min-sndbuf=N' lines"), m);
    }

    @Test
    void aMalformedChargeIsBadInput() throws Exception {
        String text = Files.readString(SPACE).replaceFirst("(?m)^af-unix-send: .*$", "af-unix-send: truesize=lots");
        String m = ReadinessTraceCheckerExamples.invalid(new String[] {text, ""});
        assertTrue(m.startsWith("edited.trace:1: header af-unix-send: expected truesize=N max-write=N sock-min-sndbuf=N"), m);
    }
}
