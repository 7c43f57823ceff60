package kpath.check.completion;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;

/**
 * The wrong twins of io-uring-poll-multishot-in-and-out (U-POL-05 on a ring without
 * DEFER_TASKRUN; io_uring/poll.c io_poll_wake, io_poll_check_events; net/unix/af_unix.c
 * unix_writable, unix_write_space): each edited the way a wrong belief would write it, rejected by
 * both checkers at the line the kernel contradicts, the Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class MultishotInOutTraceReplayTest {

    static final Path IN_OUT = DIR.resolve("io-uring-poll-multishot-in-and-out.trace");

    @Test
    void aPollThatNeverSeesPollOutIsRejected() throws Exception {
        // The missing event liburing's test_missing_events guards against: the reader's frees wake s0
        // with EPOLLOUT (sock_wfree -> unix_write_space) and the CQE's mask holds it.
        rejectedByBoth(edit(IN_OUT, "cqes=1:5:2", 1, "observe reap(u0) cqes=- sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:5:2");
    }

    @Test
    void writableWithTwoSkbsInUseIsRejected() throws Exception {
        // The belief "a socket with room is writable": two skbs of 768 make (1536 + 1) * 4 > 4608, so
        // the poll finds neither bit when armed and posts nothing inline.
        rejectedByBoth(edit(IN_OUT, "cqes=- sq_flags=0", 1, "observe reap(u0) cqes=1:4:2 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void pollOutWithTheFirstArrivalIsRejected() throws Exception {
        // The belief "the poll reports every bit ready when any wake-up comes": s1's send wakes s0 with
        // POLLIN, and s0 is not writable then.
        rejectedByBoth(edit(IN_OUT, "cqes=1:1:2", 1, "observe reap(u0) cqes=1:5:2 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:1:2");
    }
}
