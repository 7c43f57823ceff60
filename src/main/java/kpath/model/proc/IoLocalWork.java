package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.PollReq;

/**
 * io_uring/io_uring.c's local task work, IORING_SETUP_DEFER_TASKRUN (6.1; with
 * IORING_SETUP_SINGLE_ISSUER, io_uring_create sets ctx->task_complete): __io_req_task_work_add →
 * io_req_local_work_add puts a request's task work — a woken poll's, an armed read's, a cancelled
 * request's — on ctx->work_llist instead of the submitter's task_work list, so nothing runs it on
 * the way back to user space. It runs only when the submitter enters the ring with
 * IORING_ENTER_GETEVENTS: io_uring_enter → io_run_local_work_locked after a submission, and
 * io_cqring_wait → io_run_local_work before it looks at the CQ. Until then the completion is not
 * in the CQ (the tail has not moved), while the ring's poll method reports EPOLLIN (io_uring_poll:
 * io_has_work, "!llist_empty(&ctx->work_llist)"). In the model a ring's pending polls are that
 * list ({@link OpenFile.IoUring#deferTaskrun}); {@link IoPoll#taskWork} leaves them alone.
 */
final class IoLocalWork {
    private IoLocalWork() {}

    /**
     * kernel: io_uring_sanitise_params (io_uring_create in 6.18) — EINVAL for DEFER_TASKRUN without
     * SINGLE_ISSUER ("we require the completion task to be the same as the submission task") and
     * for DEFER_TASKRUN with SQPOLL ("IPI related flags don't make sense with SQPOLL").
     */
    static boolean refused(int flags) {
        boolean defer = (flags & kpath.uapi.IoUringAbi.IORING_SETUP_DEFER_TASKRUN) != 0;
        return defer && ((flags & kpath.uapi.IoUringAbi.IORING_SETUP_SINGLE_ISSUER) == 0
                || (flags & kpath.uapi.IoUringAbi.IORING_SETUP_SQPOLL) != 0);
    }

    /** Whether ring {@code r} has local work queued: a pending poll of a DEFER_TASKRUN ring (io_local_work_pending). */
    static boolean pending(OpenFile.IoUring r) {
        if (!r.deferTaskrun()) {
            return false;
        }
        for (PollReq p : r.polls()) {
            if (p.pending()) {
                return true;
            }
        }
        return false;
    }

    /**
     * kernel: __io_run_local_work — the submitter runs ring {@code id}'s work_llist, oldest first
     * (llist_reverse_order), each as {@link IoPoll#taskWork} runs a poll's, then flushes
     * (io_submit_flush_completions: one commit). The model runs until none is pending; the kernel
     * takes the list once and goes again only while it has posted fewer than min_events
     * (io_run_local_work_continue) — work queued by the run itself (a chain's WRITE waking another
     * poll of the same ring) would wait for the next GETEVENTS there: DOUBT, not told apart here,
     * as no modelled scenario queues local work from local work.
     */
    static void run(World w, String id) {
        IoPoll.taskWork(w, id::equals);
    }

    /**
     * Whether the model knows what the SQEs do on ring {@code ring}: on a DEFER_TASKRUN ring nothing
     * may go to io-wq — a drained SQE, an IOSQE_ASYNC one, a SPLICE, a chain still open when the SQEs run out — since an
     * io-wq completion there is handed to local work too (io_req_complete_post: ctx->lockless_cq →
     * io_req_task_work_add), which the model's io-wq steps do not do.
     */
    static boolean modelled(OpenFile.IoUring ring, List<Sqe> all) {
        if (!ring.deferTaskrun()) {
            return true;
        }
        return !ring.drainActive() && all.stream().noneMatch(q -> q.drain() || q.async() || q.op().equals("SPLICE"))
                && (all.isEmpty() || !all.getLast().link());
    }
}
