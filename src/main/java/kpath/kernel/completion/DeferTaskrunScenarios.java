package kpath.kernel.completion;

import java.util.List;
import kpath.kernel.Scenario;

import static kpath.kernel.completion.CompletionScenarios.POLLIN;
import static kpath.kernel.completion.CompletionScenarios.scenario;
import static kpath.uapi.IoUringAbi.IORING_ENTER_GETEVENTS;
import static kpath.uapi.IoUringAbi.IORING_SETUP_DEFER_TASKRUN;
import static kpath.uapi.IoUringAbi.IORING_SETUP_SINGLE_ISSUER;
import static kpath.uapi.IoUringAbi.IORING_SETUP_SQPOLL;

/**
 * Completion scenarios of rings made with IORING_SETUP_DEFER_TASKRUN|IORING_SETUP_SINGLE_ISSUER
 * (io_uring/io_uring.c io_req_local_work_add, __io_run_local_work): task work waits on the ring
 * until the submitter enters with IORING_ENTER_GETEVENTS. {@link CompletionScenarios#all} lists them.
 */
final class DeferTaskrunScenarios {
    private DeferTaskrunScenarios() {}

    private static final int DEFER = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;

    static Scenario setupAndLocalWork() {
        return scenario("io-uring-defer-taskrun", """
                IORING_SETUP_DEFER_TASKRUN (6.1): io_uring_create refuses it without \
                IORING_SETUP_SINGLE_ISSUER, and with IORING_SETUP_SQPOLL, with EINVAL \
                (io_uring_sanitise_params). On a ring made with both, task work goes onto \
                ctx->work_llist (io_req_local_work_add) and runs only when the submitter enters \
                with IORING_ENTER_GETEVENTS (io_uring_enter -> io_cqring_wait -> io_run_local_work), \
                not when a syscall returns. What completes inside the submission is posted at \
                once as on any ring: a NOP, a one-shot POLL_ADD of a ready pipe, an ASYNC_CANCEL. A \
                multishot POLL_ADD of a ready pipe queues its task work, so its CQE is not in the \
                CQ after the submission; the ring polls POLLIN meanwhile (io_uring_poll: \
                io_has_work), and an io_uring_enter with GETEVENTS and min_complete 0 posts it. The \
                cancelled poll's -ECANCELED and a READ woken by a write to its pipe likewise wait \
                for the next GETEVENTS.""", rec -> {
            rec.setup(4, IORING_SETUP_DEFER_TASKRUN, 0, false);
            rec.setup(4, DEFER | IORING_SETUP_SQPOLL, 0, false);
            String u = rec.setup(4, DEFER, 0, false);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            rec.submit(u, List.of(Sqe.nop(1)), 0, 0);
            rec.reap(u);
            rec.write(w, 1);
            rec.submit(u, List.of(Sqe.pollAdd(2, r, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(3, r, POLLIN, true)), 0, 0);
            rec.reap(u);
            rec.poll(u, POLLIN);
            rec.submit(u, List.of(), 0, IORING_ENTER_GETEVENTS);
            rec.reap(u);
            rec.poll(u, POLLIN);
            rec.submit(u, List.of(Sqe.cancel(4, 3)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(), 0, IORING_ENTER_GETEVENTS);
            rec.reap(u);
            rec.read(r, 8);
            rec.submit(u, List.of(Sqe.read(5, r, 8, CompletionRecorder.BUFFER)), 0, 0);
            rec.reap(u);
            rec.write(w, 1);
            rec.reap(u);
            rec.poll(u, POLLIN);
            rec.submit(u, List.of(), 1, IORING_ENTER_GETEVENTS);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario multishotInAndOut() {
        return CompletionScenarios.withUnixSend("io-uring-defer-taskrun-poll-in-and-out", """
                U-POL-05 as liburing test/poll.c test_missing_events runs it, on a ring made with \
                IORING_SETUP_DEFER_TASKRUN|IORING_SETUP_SINGLE_ISSUER: a multishot POLL_ADD of \
                POLLIN|POLLOUT on a socketpair end s0 whose send buffer is too full to be writable \
                (SO_SNDBUF 1 reads back SOCK_MIN_SNDBUF; two 2-byte sends charge two skbs' truesize, \
                the header's af-unix-send). s1's send wakes s0 with POLLIN, but the poll's task work \
                is local work: the CQ tail has not moved when the send returns, the ring polls \
                POLLIN, and io_uring_enter with GETEVENTS and min_complete 0 posts the CQE. s1's read \
                frees s0's skbs, whose unix_write_space wakes the poll with POLLOUT: again nothing \
                until GETEVENTS, here with min_complete 1, which the local work meets. The CQEs' \
                masks together hold POLLIN and POLLOUT. The ASYNC_CANCEL completes at once, the \
                poll's -ECANCELED at the next GETEVENTS.""", 2, rec -> {
            String u = rec.setup(4, DEFER, 0, false);
            String[] s = PollScenarios.fullSenderPolled(rec, u);
            String s0 = s[0];
            String s1 = s[1];
            rec.write(s1, 2);
            rec.reap(u);
            rec.poll(u, POLLIN);
            rec.submit(u, List.of(), 0, IORING_ENTER_GETEVENTS);
            rec.reap(u);
            rec.read(s1, 4096);
            rec.reap(u);
            rec.submit(u, List.of(), 1, IORING_ENTER_GETEVENTS);
            rec.reap(u);
            rec.read(s0, 4096);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(2, 1)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(), 0, IORING_ENTER_GETEVENTS);
            rec.reap(u);
            rec.close(u);
        });
    }
}
