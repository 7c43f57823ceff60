package kpath.check.completion;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;

/**
 * The wrong twins of the IORING_SETUP_DEFER_TASKRUN traces (io_uring/io_uring.c
 * io_uring_sanitise_params, io_req_local_work_add, __io_run_local_work, io_cqring_wait,
 * io_uring_poll; U-POL-05): each edited the way a wrong belief would write it, rejected by both
 * checkers at the line the kernel contradicts, the Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class DeferTaskrunTraceReplayTest {

    static final Path DEFER = DIR.resolve("io-uring-defer-taskrun.trace");
    static final Path IN_OUT = DIR.resolve("io-uring-defer-taskrun-poll-in-and-out.trace");

    @Test
    void aWakeUpsCompletionPostedAsTheSyscallReturnsIsRejected() throws Exception {
        // The ordinary ring's belief: the poll's task work runs as s1's send returns. On a
        // DEFER_TASKRUN ring it is local work (io_req_local_work_add): the CQ tail has not moved.
        rejectedByBoth(edit(IN_OUT, "cqes=- sq_flags=0", 2, "observe reap(u0) cqes=1:1:2 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aRingNotReadableWhileItsCqIsEmptyIsRejected() throws Exception {
        // io_uring_poll: io_has_work — the work_llist not empty makes the ring EPOLLIN with the CQ empty.
        rejectedByBoth(edit(IN_OUT, "poll(u0=POLLIN, 0) = 1", 1, "poll(u0=POLLIN, 0) = 0"), "model returns 1 (PollOk)");
    }

    @Test
    void getEventsWithMinCompleteZeroThatRunsNothingIsRejected() throws Exception {
        // The belief "min_complete 0 does not wait, so it does nothing": io_cqring_wait runs the
        // local work before it looks at the CQ (io_local_work_pending -> io_run_local_work).
        rejectedByBoth(edit(IN_OUT, "cqes=1:1:2", 1, "observe reap(u0) cqes=- sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:1:2");
    }

    @Test
    void pollOutWithoutGetEventsIsRejected() throws Exception {
        // The reader's frees wake s0 with EPOLLOUT, but that task work waits for GETEVENTS too.
        rejectedByBoth(edit(IN_OUT, "cqes=- sq_flags=0", 3, "observe reap(u0) cqes=1:5:2 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aCancelledPollsCqeWithTheCancelIsRejected() throws Exception {
        // The ordinary ring's order "0, then the poll's -ECANCELED" in one reap: the -ECANCELED is the
        // poll's task work (io_poll_cancel_req -> io_poll_execute), local here.
        rejectedByBoth(edit(IN_OUT, "cqes=2:0:0", 1, "observe reap(u0) cqes=2:0:0,1:-125:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=2:0:0");
    }

    @Test
    void deferTaskrunWithoutSingleIssuerIsRejected() throws Exception {
        // The belief "DEFER_TASKRUN implies SINGLE_ISSUER": io_uring_sanitise_params refuses it alone.
        rejectedByBoth(edit(DEFER, "io_uring_setup(4, IORING_SETUP_DEFER_TASKRUN)", 1,
                "io_uring_setup(4, IORING_SETUP_DEFER_TASKRUN) = u0:4"), "model returns -1 EINVAL (IoUringSetupEinval)");
    }

    @Test
    void deferTaskrunWithSqpollIsRejected() throws Exception {
        // The belief "the SQ thread runs the local work": io_uring_sanitise_params refuses SQPOLL with it.
        rejectedByBoth(edit(DEFER, "IORING_SETUP_SQPOLL", 1,
                "io_uring_setup(4, IORING_SETUP_SQPOLL|IORING_SETUP_SINGLE_ISSUER|IORING_SETUP_DEFER_TASKRUN) = u0:4"),
                "model returns -1 EINVAL (IoUringSetupEinval)");
    }

    @Test
    void anInlineCompletionHeldForGetEventsIsRejected() throws Exception {
        // The belief "on such a ring every CQE waits for GETEVENTS": a one-shot POLL_ADD of a ready pipe
        // completes inside the submission (IOU_COMPLETE) and is posted at its end, no task work.
        rejectedByBoth(edit(DEFER, "cqes=2:1:0", 1, "observe reap(u0) cqes=- sq_flags=0 cq_overflow=0"),
                "model copied out cqes=2:1:0");
    }

    @Test
    void aMultishotPollOfAReadyPipePostedInlineIsRejected() throws Exception {
        // A multishot poll that finds its file ready when armed queues task work (io_poll_execute), so
        // its first CQE is local work, not inline.
        rejectedByBoth(edit(DEFER, "cqes=- sq_flags=0", 1, "observe reap(u0) cqes=3:1:2 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aWokenReadPostedAsTheWriteReturnsIsRejected() throws Exception {
        // The READ armed on its internal poll is reissued by task work (io_apoll_task_func): local too.
        rejectedByBoth(edit(DEFER, "cqes=- sq_flags=0", 3, "observe reap(u0) cqes=5:1:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }
}
