package kpath.kernel.completion;

import java.util.List;
import kpath.kernel.Scenario;
import kpath.kernel.TaskThreads;
import kpath.trace.Wchan;

import static kpath.kernel.completion.TaskScenarios.asleep;

/**
 * Open question 5 (U-RCV-05): IORING_OP_RECV with IOSQE_ASYNC on an O_NONBLOCK socket, issued by an
 * io-wq worker (io_uring/io_uring.c io_wq_submit_work). {@link CompletionScenarios#all} lists it.
 */
final class AsyncRecvScenarios {
    private AsyncRecvScenarios() {}

    static Scenario asyncRecvNonblock() {
        return CompletionScenarios.threaded("io-uring-recv-async-nonblock", """
                Open question 5 (U-RCV-05): a RECV with IOSQE_ASYNC on an empty AF_UNIX stream socket \
                whose file is O_NONBLOCK (SOCK_NONBLOCK). io_init_req sets REQ_F_FORCE_ASYNC and the \
                request goes to io-wq without an inline try (io_queue_sqe_fallback -> io_queue_iowq); \
                the worker (io_wq_submit_work) issues it non-blocking, since RECV polls and a socket \
                can be polled, finds nothing (-EAGAIN) and arms a poll (io_arm_poll_handler) instead \
                of posting -EAGAIN: t1 waits 200 ms for a CQE and its timer fires with the CQ empty \
                (-ETIME). s1's send wakes the poll; its task work queues the request to io-wq again \
                (io_req_task_submit: REQ_F_FORCE_ASYNC), the worker reads the 2 bytes and posts the \
                CQE itself (io_req_complete_post): t1, waiting for 1 CQE, 5 s at most, is woken with \
                it. When the worker runs relative to the send is its own affair; the CQE is the same \
                either way. A second ASYNC RECV on the empty socket is pending until s1's close: end \
                of file, res 0.""", true, (rec, tasks) -> {
            long buf = CompletionRecorder.BUFFER;
            String u = rec.setup(4);
            String s0 = rec.socketpair();
            String s1 = "s" + (Integer.parseInt(s0.substring(1)) + 1);
            rec.submit(u, List.of(Sqe.recv(1, s0, 8, false, buf).forcedAsync()), 0, 0);
            rec.reap(u);
            TaskThreads.Task t1 = tasks.start();
            TaskThreads.Call c1 = t1.call("io_uring_enter(" + u + ", -, 1, GETEVENTS|EXT_ARG, 200)", Wchan.IO_URING_ENTER,
                    rec.nopsFor(u), () -> rec.taskEnterTimed(t1.name(), u, List.of(), 1, 200));
            asleep(tasks, c1);
            c1.await();
            rec.reap(u);
            TaskThreads.Call c2 = t1.call("io_uring_enter(" + u + ", -, 1, GETEVENTS|EXT_ARG, 5000)", Wchan.IO_URING_ENTER,
                    rec.nopsFor(u), () -> rec.taskEnterTimed(t1.name(), u, List.of(), 1, 5000));
            asleep(tasks, c2);
            rec.write(s1, 2);
            c2.await();
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(2, s0, 8, false, buf).forcedAsync()), 0, 0);
            rec.reap(u);
            TaskThreads.Call c3 = t1.call("io_uring_enter(" + u + ", -, 1, GETEVENTS|EXT_ARG, 5000)", Wchan.IO_URING_ENTER,
                    rec.nopsFor(u), () -> rec.taskEnterTimed(t1.name(), u, List.of(), 1, 5000));
            asleep(tasks, c3);
            rec.closeFd(s1);
            c3.await();
            rec.reap(u);
            rec.close(u);
        });
    }
}
