package kpath.kernel.completion;

import java.util.List;
import kpath.kernel.Scenario;
import kpath.kernel.TaskThreads;
import kpath.trace.Wchan;

import static kpath.kernel.completion.CompletionScenarios.POLLIN;
import static kpath.kernel.completion.CompletionScenarios.scenario;

/** Completion scenarios of io_uring/cancel.c (IORING_OP_ASYNC_CANCEL and its match flags); {@link CompletionScenarios#all} lists them in the battery. */
final class CancelScenarios {
    private CancelScenarios() {}

    static Scenario cancelFlags() {
        return scenario("io-uring-cancel-flags", """
                IORING_OP_ASYNC_CANCEL's cancel_flags (U-CAN-04..06; io_uring/cancel.c io_async_cancel_prep, \
                io_async_cancel, __io_async_cancel, io_cancel_req_match): IORING_ASYNC_CANCEL_ALL cancels \
                every request with that user_data and completes with how many (0, not -ENOENT, when none); \
                IORING_ASYNC_CANCEL_FD matches by the SQE's fd instead (one request; with ALL, every one on \
                that file; -ENOENT when none, -EBADF for an fd not open), an armed READ's internal poll \
                too; IORING_ASYNC_CANCEL_ANY cancels every request (ALL implied). Each cancelled request \
                completes with -ECANCELED after the cancel's CQE, in the order the cancel found them: \
                io_poll_find looks in the user_data's bucket of ctx->cancel_table, newest first; \
                io_poll_file_find walks the buckets in order (hash_long of user_data, 1 bit for this \
                16-entry CQ), each newest first; behind task work queued before (a multishot poll ready when \
                armed posts first). A flag 6.18 does not know, or FD with ANY, fails the SQE \
                at init (-EINVAL), which stops the submission like an invalid opcode.""", rec -> {
            long buf = CompletionRecorder.BUFFER;
            String u = rec.setup(8);
            String r = rec.pipe2();
            String r1 = rec.pipe2();
            int all = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_ALL;
            int byFd = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_FD;
            int any = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_ANY;
            rec.submit(u, List.of(Sqe.pollAdd(1, r, POLLIN, false), Sqe.pollAdd(2, r, POLLIN, false),
                    Sqe.pollAdd(1, r1, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(3, 1, all, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(4, 1, all, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(5, r, POLLIN, false), Sqe.pollAdd(6, r1, POLLIN, false),
                    Sqe.pollAdd(7, r, POLLIN, false), Sqe.pollAdd(8, r, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(9, 0, byFd, r)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(10, 0, byFd | all, r)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(11, 0, byFd, r)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.read(12, r1, 8, buf), Sqe.pollAdd(13, r, POLLIN, true)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(14, 0, any, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(15, 0, any, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.read(16, r1, 8, buf)), 0, 0);
            rec.submit(u, List.of(Sqe.cancel(17, 0, byFd, r1)), 0, 0);
            rec.reap(u);
            String r2 = rec.pipe2();
            rec.closeFd(r2);
            rec.submit(u, List.of(Sqe.cancel(18, 0, byFd, r2)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(19, 0, 1 << 6, null), Sqe.nop(20)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(21, 0, byFd | any, r), Sqe.nop(22)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(), 0, 0);
            rec.reap(u);
            rec.write("w" + r1.substring(1), 1);
            rec.submit(u, List.of(Sqe.pollAdd(23, r, POLLIN, false), Sqe.pollAdd(24, r1, POLLIN, true), Sqe.cancel(25, 23)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(26, 0, any, null)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario cancelMatchFlags() {
        return scenario("io-uring-cancel-match-flags", """
                IORING_OP_ASYNC_CANCEL's other match flags (io_uring/cancel.c io_async_cancel_prep, \
                io_async_cancel, io_cancel_req_match; io_uring/poll.c __io_poll_cancel): \
                IORING_ASYNC_CANCEL_OP matches by opcode, sqe->len read into a u8 (262 is POLL_ADD's 6), \
                an armed READ's internal poll by READ's; it walks the buckets like FD (each newest first), \
                and with FD both must match. IORING_ASYNC_CANCEL_USERDATA adds the user_data to FD or OP \
                (with FD the request on that file with that user_data, not the first on the file); alone \
                it is the plain match; with ANY it is ignored. IORING_ASYNC_CANCEL_FD_FIXED without FD is \
                ignored; with FD the fd is an index into the ring's registered files, of which this ring \
                has none: -EBADF even for an open fd's number. OP with ANY fails the SQE at init (-EINVAL), \
                which stops the submission. A request cancelled earlier in the same submission is still in \
                the cancel table until its task work runs (io_poll_cancel_req does not unhash it): a later \
                cancel finds it again (0; with ALL it is counted again), and POLL_REMOVE finds its task \
                work queued (-EALREADY); it completes with -ECANCELED once.""", rec -> {
            long buf = CompletionRecorder.BUFFER;
            String u = rec.setup(8);
            String r0 = rec.pipe2();
            String r1 = rec.pipe2();
            int all = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_ALL;
            int byFd = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_FD;
            int any = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_ANY;
            int fixed = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_FD_FIXED;
            int userData = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_USERDATA;
            int op = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_OP;
            int read = kpath.uapi.IoUringAbi.IORING_OP_READ;
            int pollAdd = kpath.uapi.IoUringAbi.IORING_OP_POLL_ADD;
            rec.submit(u, List.of(Sqe.pollAdd(1, r0, POLLIN, false), Sqe.read(2, r0, 8, buf), Sqe.pollAdd(3, r1, POLLIN, false),
                    Sqe.read(4, r1, 8, buf), Sqe.pollAdd(6, r0, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(5, 0, op, null, read)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(7, 2, op | userData, null, pollAdd)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(8, 2, op | userData, null, read)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(9, 3, byFd | userData, r0)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(10, 1, byFd | userData, r0)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(11, 6, all | byFd | userData, r0)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(12, 3, userData, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(13, r0, POLLIN, false), Sqe.pollAdd(14, r1, POLLIN, false), Sqe.read(15, r1, 8, buf),
                    Sqe.pollAdd(16, r0, POLLIN, false), Sqe.read(17, r0, 8, buf), Sqe.pollAdd(18, r1, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(19, 14, fixed, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(20, 0, byFd | fixed, r0)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(21, 0, all | op, null, 256 + pollAdd)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(22, 0, all | op | byFd, r1, read)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(23, 0, op | any, null, read), Sqe.nop(24)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(25, 99, any | userData, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(26, r0, POLLIN, false), Sqe.pollAdd(31, r0, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(27, 26), Sqe.cancel(28, 26), Sqe.cancel(29, 26, all, null), Sqe.pollRemove(30, 26),
                    Sqe.cancel(32, 0, byFd | all, r0)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario cancelRunningSplice() {
        return CompletionScenarios.threaded("io-uring-cancel-running-splice", """
                An ASYNC_CANCEL of a request running in an io-wq worker is -EALREADY and the request \
                ends as it may (U-CAN-03; io_uring/cancel.c io_async_cancel_one: IO_WQ_CANCEL_RUNNING). \
                IORING_OP_SPLICE from the empty read end of a blocking pipe to another blocking pipe: \
                io_uring/splice.c __io_splice_prep forces it async, so io-wq runs it, and do_splice \
                waits in pipe_wait_readable (fs/splice.c ipipe_prep); the capture waits (2 s at most) \
                until the worker sleeps there, unrecorded, then submits the cancel. The cancel's CQE is \
                -EALREADY: io_try_cancel falls through on it, but __io_async_cancel's slow path asks \
                io-wq again. __io_wq_worker_cancel set TIF_NOTIFY_SIGNAL on the worker, so ipipe_prep \
                sees signal_pending and the splice ends with -ERESTARTSYS, which io_splice posts \
                unconverted: -512, after the cancel's CQE (t1 waits, 2 s at most, if it is not there \
                at the first reap). A byte written to the first pipe then stays there: the read takes \
                it.""", true, (rec, tasks) -> {
            String u = rec.setup(4);
            String r0 = rec.pipe2(false);
            String r1 = rec.pipe2(false);
            TaskThreads.Task t1 = tasks.start();
            rec.submit(u, List.of(Sqe.splice(1, r0, TaskScenarios.writer(r1), 8)), 0, 0);
            rec.awaitIoWqWorker(Wchan.PIPE_WAIT_READABLE);
            rec.submit(u, List.of(Sqe.cancel(2, 1)), 0, 0);
            if (rec.reap(u).size() < 2) { // the splice's CQE comes from the worker, at its time
                TaskScenarios.waitFor(rec, t1, u, 1);
            }
            rec.write(TaskScenarios.writer(r0), 1);
            rec.read(r0, 8);
            rec.closeFd(r0);
            rec.closeFd(TaskScenarios.writer(r0));
            rec.closeFd(r1);
            rec.closeFd(TaskScenarios.writer(r1));
            rec.close(u);
        });
    }
}
