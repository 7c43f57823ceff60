package kpath.kernel.completion;

import java.util.List;
import kpath.kernel.Scenario;
import kpath.kernel.TaskThreads;
import kpath.trace.Wchan;

import static kpath.kernel.completion.CompletionScenarios.POLLIN;
import static kpath.kernel.completion.TaskScenarios.asleep;
import static kpath.kernel.completion.TaskScenarios.writer;

/** Completion scenarios of io_uring/timeout.c (IORING_OP_LINK_TIMEOUT); {@link CompletionScenarios#all} lists them in the battery. */
final class TimeoutScenarios {
    private TimeoutScenarios() {}

    static Scenario linkTimeout() {
        return CompletionScenarios.threaded("io-uring-link-timeout", """
                IORING_OP_LINK_TIMEOUT (U-LNK-08; io_uring/timeout.c io_link_timeout_fn, \
                io_req_task_link_timeout, io_disarm_next). t1 submits a POLL_ADD of an empty pipe \
                with IOSQE_IO_LINK and a 100 ms LINK_TIMEOUT behind it, and waits for 2 CQEs: the \
                timer fires first, its task work cancels the poll (io_try_cancel) and completes \
                with -ETIME, and the poll's own task work then posts -ECANCELED. Again, with a write \
                to the pipe before the timer fires: the poll completes with POLLIN and its \
                completion disarms the timer, which completes with -ECANCELED. A POLL_ADD of the \
                pipe, readable now, completes inside io_uring_enter, and its timer likewise \
                -ECANCELED.""", true, (rec, tasks) -> {
            String u = rec.setup(4);
            String r = rec.pipe2();
            TaskThreads.Task t1 = tasks.start();
            List<Sqe> first = List.of(Sqe.pollAdd(1, r, POLLIN, false).linked(), Sqe.linkTimeout(2, 100));
            TaskThreads.Call c1 = t1.call("io_uring_enter(" + u + ", POLL_ADD:1+LINK_TIMEOUT:2, 2, GETEVENTS)",
                    Wchan.IO_URING_ENTER, rec.nopsFor(u), () -> rec.taskEnter(t1.name(), u, first, 2));
            asleep(tasks, c1);
            c1.await();
            rec.reap(u);
            List<Sqe> second = List.of(Sqe.pollAdd(3, r, POLLIN, false).linked(), Sqe.linkTimeout(4, 100));
            TaskThreads.Call c2 = t1.call("io_uring_enter(" + u + ", POLL_ADD:3+LINK_TIMEOUT:4, 2, GETEVENTS)",
                    Wchan.IO_URING_ENTER, rec.nopsFor(u), () -> rec.taskEnter(t1.name(), u, second, 2));
            asleep(tasks, c2);
            rec.write(writer(r), 1);
            c2.await();
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(5, r, POLLIN, false).linked(), Sqe.linkTimeout(6, 100)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }
}
