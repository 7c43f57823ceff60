package kpath.kernel.completion;

import java.time.Duration;
import java.util.List;
import kpath.kernel.Scenario;

import static kpath.uapi.IoUringAbi.IORING_ENTER_SQ_WAKEUP;
import static kpath.uapi.IoUringAbi.IORING_SETUP_SQPOLL;

/** io_uring with IORING_SETUP_SQPOLL (io_uring/sqpoll.c): a kernel thread submits what the SQ tail publishes. */
final class SqpollScenarios {
    private SqpollScenarios() {}

    /** How long a scenario waits for the SQ thread's CQEs, or its sleep, before it reads what is there. */
    private static final Duration BOUND = Duration.ofSeconds(3);
    /** How long it waits for CQEs that a sleeping SQ thread should not post. */
    private static final Duration ASLEEP = Duration.ofMillis(100);

    static Scenario sqpoll() {
        return CompletionScenarios.scenario("io-uring-sqpoll", """
                IORING_SETUP_SQPOLL (U-ENT-07; io_uring/sqpoll.c io_sq_offload_create, io_sq_thread, \
                __io_sq_thread; io_uring/io_uring.c io_uring_enter): 6.18 makes the SQ thread for an \
                unprivileged caller. A new SQ thread with nothing to do sleeps at once (its idle \
                timeout starts at 0) and sets IORING_SQ_NEED_WAKEUP (sq_flags 1): two NOPs published \
                with the SQ tail alone (observe publish: release stores, no syscall) stay in the SQ, \
                the scenario waiting 100 ms on the CQ tail. io_uring_enter with IORING_ENTER_SQ_WAKEUP \
                submits nothing and returns to_submit (2, all the SQ holds); the woken thread submits \
                them. Awake (for sq_thread_idle, 1 s by default) it takes a NOP published with the tail \
                alone; io_uring_enter then returns 0, the SQ empty. After the idle time it sleeps again \
                (sq_flags 1). Each wait on the CQ tail (acquire) or sq_flags is bounded (3 s). Beside \
                it an ordinary ring: a NOP published with the tail alone stays in the SQ until \
                io_uring_enter submits it.""", rec -> {
            String u = rec.setup(4, IORING_SETUP_SQPOLL, 0, false);
            if (u == null) {
                return; // the setup line says why
            }
            rec.publish(u, List.of(Sqe.nop(1), Sqe.nop(2)));
            rec.awaitCqes(u, 1, ASLEEP);
            rec.reap(u);
            rec.enter(u, List.of(), 0, IORING_ENTER_SQ_WAKEUP);
            rec.awaitCqes(u, 2, BOUND);
            rec.reap(u);
            rec.publish(u, List.of(Sqe.nop(3)));
            rec.awaitCqes(u, 1, BOUND);
            rec.reap(u);
            rec.enter(u, List.of(), 0, 0);
            rec.awaitNeedWakeup(u, BOUND);
            rec.reap(u);
            String v = rec.setup(4);
            rec.publish(v, List.of(Sqe.nop(4)));
            rec.reap(v);
            rec.enter(v, List.of(), 0, 0);
            rec.reap(v);
            rec.close(v);
            rec.close(u);
        });
    }
}
