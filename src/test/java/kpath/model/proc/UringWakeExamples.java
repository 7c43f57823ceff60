package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.AioEvent;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.submit;
import static kpath.model.proc.IoPollExamples.taskWork;
import static org.junit.jupiter.api.Assertions.*;

/**
 * EPOLL_URING_WAKE in the process model, as traces/completion/io-uring-poll-own-eventfd-oneshot.trace
 * shows it (io_uring/poll.c io_poll_wake; io_uring/eventfd.c __io_eventfd_signal; io_poll_wq_wake):
 * a wake-up that io_uring itself makes turns a multishot poll it reaches one-shot; nobody else
 * sees the bit.
 */
class UringWakeExamples {

    static final int F_MORE = 2;

    @Example
    void theRingsOwnEventfdSignalMakesAMultishotPollOneShot() {
        R r = IoUringExamples.ring(4).eventfd("v0", 0, false);
        r.call(new IoUringRegisterEventfd("u0", "v0"), 0);
        submit(r, Sqe.pollAdd(1, "v0", Mask.IN, true));
        assertEquals(List.of(), reap(r));
        submit(r, Sqe.nop(2));
        assertFalse(IoUringExamples.file(r).polls().getFirst().multishot(), "EPOLLONESHOT set by io_poll_wake");
        taskWork(r);
        assertEquals(List.of(new Cqe(2, 0, 0), new Cqe(1, Mask.IN, 0)), reap(r), "no F_MORE");
        assertEquals(List.of(), IoUringExamples.file(r).polls(), "the request ended");
        submit(r, Sqe.nop(3));
        assertEquals(List.of(new Cqe(3, 0, 0)), reap(r));
        assertEquals(3, ((OpenFile.EventFd) r.s.files().get("v0")).count(), "one signal per commit that posted");
    }

    @Example
    void aWriteToTheEventfdLeavesAMultishotPollMultishot() {
        R r = IoUringExamples.ring(4).eventfd("v0", 0, false);
        submit(r, Sqe.pollAdd(1, "v0", Mask.IN, true));
        r.call(new Write("v0", 1), 8); // eventfd_write: EPOLLIN, no EPOLL_URING_WAKE
        assertTrue(IoUringExamples.file(r).polls().getFirst().multishot());
        taskWork(r);
        assertEquals(List.of(new Cqe(1, Mask.IN, F_MORE)), reap(r));
    }

    @Example
    void anotherRingsPollWqWakeUpMakesAMultishotPollOfItsFdOneShot() {
        R r = IoUringExamples.ring(4);
        r.call(new IoUringSetup("u1", 11, 4), 11);
        submit(r, Sqe.pollAdd(1, "u1", Mask.IN, true));
        r.call(new IoUringEnter("u1", List.of(Sqe.nop(2)), 0, false), 1); // io_poll_wq_wake: EPOLL_URING_WAKE | EPOLLIN
        taskWork(r);
        assertEquals(List.of(new Cqe(1, Mask.IN, 0)), reap(r), "one-shot: no F_MORE");
        assertEquals(List.of(), IoUringExamples.file(r).polls());
    }

    @Example
    void anAioPollOfTheRegisteredEventfdGetsTheKeyWithoutTheBit() {
        R r = IoUringExamples.ring(4).eventfd("v0", 0, false);
        r.call(new IoUringRegisterEventfd("u0", "v0"), 0);
        r.call(new IoSetup(1, "a0"), 0);
        r.call(new IoSubmit("a0", 7, "v0", Mask.IN), 1);
        submit(r, Sqe.nop(1));
        assertEquals(List.of(new AioEvent(7, Mask.IN)), ((OpenFile.AioCtx) r.s.files().get("a0")).events(),
                "mangle_poll drops EPOLL_URING_WAKE");
    }

    @Example
    void aWriteWokenPollOfTheRegisteredEventfdPostsOnceMoreThenEnds() {
        R r = IoUringExamples.ring(4).eventfd("v0", 0, false);
        r.call(new IoUringRegisterEventfd("u0", "v0"), 0);
        submit(r, Sqe.pollAdd(4, "v0", Mask.IN, true));
        r.call(new Write("v0", 1), 8);
        taskWork(r); // posts with F_MORE; the flush after it signals v0 with EPOLL_URING_WAKE
        assertFalse(IoUringExamples.file(r).polls().getFirst().multishot());
        taskWork(r);
        assertEquals(List.of(new Cqe(4, Mask.IN, F_MORE), new Cqe(4, Mask.IN, 0)), reap(r));
        assertEquals(3, ((OpenFile.EventFd) r.s.files().get("v0")).count(), "the write and two signals");
    }
}
