package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.*;

/**
 * io_uring poll requests in the process model, with the values the kernel returned in
 * traces/completion (io_uring/poll.c io_poll_add, io_poll_wake, io_poll_task_func;
 * io_uring/cancel.c io_async_cancel): a completion a wake-up causes is in the ring before the
 * waking call returns, because the task work is due at once.
 */
class IoPollExamples {

    static final long ECANCELED = -125, ENOENT = -2, EBADF = -9;

    static R ringAndPipe() {
        return IoUringExamples.ring(4).pipe("r0", "w0");
    }

    static R submit(R r, Sqe... sqes) {
        return r.call(new IoUringEnter("u0", List.of(sqes), 0, false), sqes.length);
    }

    /** The CQEs a reap takes now. */
    static List<Cqe> reap(R r) {
        r.call(new CqReap("u0"), r.s.ret());
        return ((CopyOut.Reaped) r.s.out()).cqes();
    }

    static void taskWork(R r) {
        List<kpath.model.Transition<ProcState>> ts = Proc.successors(r.s, new IoUringTaskWork());
        assertEquals(1, ts.size(), "the task work is due");
        assertEquals(ProcRule.IoUringPollTaskWork, ts.getFirst().rule());
        r.s = ts.getFirst().next();
    }

    @Example
    void aOneShotPollOfAnEmptyPipeWaitsForTheWriteThenCompletesOnce() {
        R r = submit(ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, false));
        assertEquals(List.of(), reap(r));
        r.write("w0", 1);
        assertTrue(Proc.successors(r.s, new CqReap("u0")).isEmpty(), "nothing but the task work runs first");
        assertTrue(Proc.successors(r.s, new Write("w0", 1)).isEmpty());
        taskWork(r);
        assertTrue(Proc.successors(r.s, new IoUringTaskWork()).isEmpty(), "done: not due any more");
        assertEquals(List.of(new Cqe(1, Mask.IN, 0)), reap(r), "res: POLLIN, the requested bit only");
        r.write("w0", 1);
        assertTrue(Proc.successors(r.s, new IoUringTaskWork()).isEmpty(), "a one-shot poll is gone");
        assertEquals(List.of(), reap(r));
    }

    @Example
    void aOneShotPollOfAReadyFileCompletesInline() {
        R r = ringAndPipe().write("w0", 1);
        submit(r, Sqe.pollAdd(2, "r0", Mask.IN | Mask.RDNORM, false));
        assertEquals(List.of(new Cqe(2, Mask.IN | Mask.RDNORM, 0)), reap(r));
        assertTrue(IoUringExamples.file(r).polls().isEmpty());
    }

    @Example
    void aMultishotPollPostsWithMoreOnEveryWakeupAndStaysArmed() {
        R r = IoUringExamples.ring(4).eventfd("v0", 0, false);
        submit(r, Sqe.pollAdd(1, "v0", Mask.IN, true));
        for (int i = 0; i < 2; i++) {
            r.call(new Write("v0", 1), 8);
            taskWork(r);
            assertEquals(List.of(new Cqe(1, Mask.IN, 2)), reap(r), "F_MORE");
        }
        assertEquals(1, IoUringExamples.file(r).polls().size());
        r.call(new Read("v0", 8), 8); // the read wakes with EPOLLOUT: not the poll's key
        assertTrue(Proc.successors(r.s, new IoUringTaskWork()).isEmpty());
    }

    @Example
    void aMultishotPollWhoseCqeDoesNotFitEnds() {
        R r = IoUringExamples.ring(1).pipe("r0", "w0"); // CQ 2
        submit(r, Sqe.pollAdd(1, "r0", Mask.IN, true));
        for (int i = 0; i < 3; i++) {
            r.write("w0", 1);
            taskWork(r);
            r.call(new Read("r0", 1), 1);
        }
        assertEquals(List.of(), IoUringExamples.file(r).polls(), "the third CQE found the CQ full: the request ended");
        assertEquals(List.of(new Cqe(1, Mask.IN, 0)), IoUringExamples.file(r).overflow(), "without F_MORE");
        r.write("w0", 1);
        assertTrue(Proc.successors(r.s, new IoUringTaskWork()).isEmpty(), "nothing is armed any more");
        assertEquals(List.of(new Cqe(1, Mask.IN, 2), new Cqe(1, Mask.IN, 2)), reap(r));
    }

    @Example
    void aMultishotPollOfAReadyFilePostsFromItsTaskWork() {
        R r = IoUringExamples.ring(4).eventfd("v0", 1, false);
        submit(r, Sqe.pollAdd(1, "v0", Mask.IN, true));
        assertEquals(List.of(), IoUringExamples.file(r).cq(), "not inline: its task work posts it");
        taskWork(r);
        assertEquals(List.of(new Cqe(1, Mask.IN, 2)), reap(r));
    }

    @Example
    void aWakeupWhoseMaskIsGoneByTheTaskWorkLeavesThePollArmed() {
        R r = IoUringExamples.ring(4).pair("s0", "s1");
        submit(r, Sqe.pollAdd(1, "s0", Mask.OUT, false)); // writable at once: inline
        assertEquals(List.of(new Cqe(1, Mask.OUT, 0)), reap(r));
        submit(r, Sqe.pollAdd(2, "s0", Mask.PRI, false)); // never ready: armed
        r.write("s1", 1); // sock_def_readable's key has EPOLLPRI: the task work is queued ...
        taskWork(r); // ... but s0 polls IN, not PRI: nothing posted, still armed
        assertEquals(List.of(), IoUringExamples.file(r).cq());
        assertEquals(1, IoUringExamples.file(r).polls().size());
        assertFalse(IoUringExamples.file(r).polls().getFirst().pending());
        r.call(new Shutdown("s1", Shutdown.SHUT_RDWR), 0); // wakes s0 for all: queued, and the mask has RDHUP|HUP
        taskWork(r);
        List<Cqe> c = reap(r);
        assertEquals(1, c.size());
        assertEquals(Mask.RDHUP, c.getFirst().res() & Mask.RDHUP, "IO_POLL_UNMASK brings RDHUP");
    }

    @Example
    void cancelTakesThePollAndItsTaskWorkPostsEcanceledAfterTheCancel() {
        R r = submit(ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, true));
        submit(r, Sqe.cancel(2, 1));
        assertEquals(List.of(new Cqe(2, 0, 0)), IoUringExamples.file(r).cq(), "the cancel completes at submission");
        taskWork(r);
        assertEquals(List.of(new Cqe(2, 0, 0), new Cqe(1, ECANCELED, 0)), reap(r));
        assertTrue(IoUringExamples.file(r).polls().isEmpty());
        submit(r, Sqe.cancel(3, 1));
        assertEquals(List.of(new Cqe(3, ENOENT, 0)), reap(r));
    }

    @Example
    void pollRemoveFindsOnlyPollAddsAndNotOneWhoseTaskWorkIsQueued() { // io_poll_remove, io_poll_disarm
        R r = submit(ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, false), Sqe.read(2, "r0", 8));
        submit(r, Sqe.pollRemove(3, 2));
        assertEquals(List.of(new Cqe(3, ENOENT, 0)), reap(r), "a READ's internal poll is not a POLL_ADD");
        submit(r, Sqe.pollRemove(4, 1));
        taskWork(r);
        assertEquals(List.of(new Cqe(4, 0, 0), new Cqe(1, ECANCELED, 0)), reap(r));
        submit(r, Sqe.pollRemove(5, 1));
        assertEquals(List.of(new Cqe(5, ENOENT, 0)), reap(r));
        submit(r, Sqe.pollAdd(6, "w0", Mask.OUT, true), Sqe.pollRemove(7, 6)); // ready at arm: task work queued
        taskWork(r);
        assertEquals(List.of(new Cqe(7, -kpath.uapi.Errno.EALREADY.number(), 0), new Cqe(6, Mask.OUT, 2)), reap(r));
        assertEquals("POLL_REMOVE:7:6", Sqe.pollRemove(7, 6).toString());
    }

    @Example
    void aLevelTriggeredPollAddFailsToInitialiseAndStopsTheSubmission() { // io_poll_add_prep
        R r = ringAndPipe();
        r.call(new IoUringEnter("u0", List.of(Sqe.pollAddLevel(1, "r0", Mask.IN), Sqe.nop(2)), 0, false), 1);
        assertEquals(List.of(new Cqe(1, -kpath.uapi.Errno.EINVAL.number(), 0)), reap(r));
        assertEquals("POLL_ADD:1:r0:POLLIN:LEVEL", Sqe.pollAddLevel(1, "r0", Mask.IN).toString());
    }

    @Example
    void aCancelInTheSameBatchAsItsPollFindsIt() {
        R r = submit(ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, false), Sqe.cancel(2, 1));
        taskWork(r);
        assertEquals(List.of(new Cqe(2, 0, 0), new Cqe(1, ECANCELED, 0)), reap(r));
    }

    @Example
    void aPollOfAClosedFdFailsWithEbadf() {
        R r = submit(ringAndPipe(), Sqe.pollAdd(1, "zz", Mask.IN, false));
        assertEquals(List.of(new Cqe(1, EBADF, 0)), reap(r));
    }

    @Example
    void getEventsRunsTheTaskWorkBeforeItWaits() {
        R r = IoUringExamples.ring(4).eventfd("v0", 1, false);
        r.call(new IoUringEnter("u0", List.of(Sqe.pollAdd(1, "v0", Mask.IN, true)), 1, true), 1);
        assertTrue(Proc.successors(r.s, new IoUringTaskWork()).isEmpty(), "run inside io_cqring_wait");
        assertEquals(List.of(new Cqe(1, Mask.IN, 2)), reap(r));
    }

    @Example
    void aPollKeepsItsFileAndSeesTheWriterGo() {
        R r = submit(ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, false));
        r.call(new Close("r0"), 0); // the request holds the read end
        r.call(new Close("w0"), 0); // pipe_release wakes the reader: POLLHUP is in IO_POLL_UNMASK
        taskWork(r);
        assertEquals(List.of(new Cqe(1, Mask.HUP, 0)), reap(r));
        assertFalse(r.s.files().containsKey("r0"), "the read end went with the request");
    }

    @Example
    void aChainStartsEachMemberWhenTheOneBeforeItCompleted() {
        R r = submit(ringAndPipe(), Sqe.nop(1).linked(), Sqe.nop(2));
        assertEquals(List.of(new Cqe(1, 0, 0), new Cqe(2, 0, 0)), reap(r));
        submit(r, Sqe.pollAdd(3, "r0", Mask.IN, false).linked(), Sqe.nop(4));
        assertEquals(List.of(), reap(r), "the NOP waits for the poll");
        assertEquals(List.of(Sqe.nop(4)), IoUringExamples.file(r).polls().getFirst().linked());
        r.write("w0", 1);
        taskWork(r);
        assertEquals(List.of(new Cqe(3, Mask.IN, 0), new Cqe(4, 0, 0)), reap(r));
    }

    @Example
    void aFailedMemberCancelsTheRestOfItsChain() {
        R r = submit(ringAndPipe(), Sqe.cancel(1, 99).linked(), Sqe.nop(2).linked(), Sqe.nop(3), Sqe.nop(4));
        assertEquals(List.of(new Cqe(1, ENOENT, 0), new Cqe(2, ECANCELED, 0), new Cqe(3, ECANCELED, 0),
                new Cqe(4, 0, 0)), reap(r), "the chain ends at NOP 3; NOP 4 is free");
        submit(r, Sqe.pollAdd(5, "zz", Mask.IN, false).linked(), Sqe.nop(6));
        assertEquals(List.of(new Cqe(5, EBADF, 0), new Cqe(6, ECANCELED, 0)), reap(r));
    }

    @Example
    void afterAHardLinkedFailureTheNextMemberRuns() {
        R r = submit(ringAndPipe(), Sqe.cancel(1, 99).hardlinked(), Sqe.nop(2));
        assertEquals(List.of(new Cqe(1, ENOENT, 0), new Cqe(2, 0, 0)), reap(r));
        submit(r, Sqe.pollAdd(3, "r0", Mask.IN, false).hardlinked(), Sqe.nop(4));
        submit(r, Sqe.cancel(5, 3));
        taskWork(r);
        assertEquals(List.of(new Cqe(5, 0, 0), new Cqe(3, ECANCELED, 0), new Cqe(4, 0, 0)), reap(r));
        assertEquals("ASYNC_CANCEL:1:99:HARDLINK", Sqe.cancel(1, 99).hardlinked().toString());
    }

    @Example
    void aCancelledPollTakesItsChainWithIt() {
        R r = submit(ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, false).linked(), Sqe.nop(2));
        submit(r, Sqe.cancel(3, 1).linked(), Sqe.nop(4));
        assertEquals(List.of(new Cqe(3, 0, 0), new Cqe(4, 0, 0)), IoUringExamples.file(r).cq(), "the cancel succeeded: its NOP runs");
        taskWork(r);
        assertEquals(List.of(new Cqe(3, 0, 0), new Cqe(4, 0, 0), new Cqe(1, ECANCELED, 0), new Cqe(2, ECANCELED, 0)), reap(r));
    }

    @Example
    void aPollLinkedToAPollArmsWhenTheFirstFires() {
        R r = IoUringExamples.ring(4).pipe("r0", "w0").eventfd("v0", 1, false);
        submit(r, Sqe.pollAdd(1, "r0", Mask.IN, false).linked(), Sqe.pollAdd(2, "v0", Mask.IN, true));
        assertEquals(1, IoUringExamples.file(r).polls().size());
        r.write("w0", 1);
        taskWork(r); // poll 1 fires, arms multishot poll 2 on a ready eventfd: its task work runs in the same round
        assertEquals(List.of(new Cqe(1, Mask.IN, 0), new Cqe(2, Mask.IN, 2)), reap(r));
        assertTrue(Proc.successors(r.s, new IoUringTaskWork()).isEmpty(), "task_work_run runs until none is queued");
    }

    @Example
    void aRegisteredEventfdIsSignalledOncePerCommitThatPostsToTheCq() {
        R r = IoUringExamples.ring(1).eventfd("v0", 0, false).pipe("r0", "w0"); // CQ 2
        r.call(new IoUringRegisterEventfd("u0", "v0"), 0).expect(ProcRule.IoUringRegisterEventfdOk);
        r.call(new IoUringRegisterEventfd("u0", "v0"), "EBUSY").expect(ProcRule.IoUringRegisterEbusy);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(1)), 0, false), 1);
        assertEquals(1, ((OpenFile.EventFd) r.s.files().get("v0")).count());
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(2)), 0, false), 1);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(3)), 0, false), 1); // overflows: no signal
        assertEquals(2, ((OpenFile.EventFd) r.s.files().get("v0")).count());
        reap(r);
        r.call(new IoUringEnter("u0", List.of(), 0, true), 0); // the flush posts: a signal
        assertEquals(3, ((OpenFile.EventFd) r.s.files().get("v0")).count());
        reap(r);
        submit(r, Sqe.pollAdd(4, "r0", Mask.IN, false));
        r.write("w0", 1);
        taskWork(r); // the task work's commit signals too
        assertEquals(4, ((OpenFile.EventFd) r.s.files().get("v0")).count());
    }

    @Example
    void aCompletionReachesAnEpollWatchingTheRegisteredEventfd() {
        R r = IoUringExamples.ring(1).eventfd("v0", 0, false).epoll("e0");
        r.add("e0", "v0", Mask.IN | Mask.ET); // edge-triggered: only a wake-up queues it
        r.call(new IoUringRegisterEventfd("u0", "v0"), 0);
        r.waitFor("e0", 8);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(1)), 0, false), 1); // eventfd_signal wakes with EPOLLIN
        r.waitFor("e0", 8, "v0=EPOLLIN");
    }

    @Example
    void aLinkFlagOnTheLastSqeOfABatchEndsTheChainThere() {
        R r = submit(ringAndPipe(), Sqe.nop(1).linked());
        assertEquals(List.of(), reap(r), "the open chain goes to io-wq (io_submit_state_end), not inline");
        IoDrainExamples.workFirst(r);
        assertEquals(List.of(new Cqe(1, 0, 0)), reap(r)); // more in LinkEndsExamples
    }

    @Example
    void theTaskWorkRunsTheFirstPendingPollWhereverItIs() {
        R r = IoUringExamples.ring(4).pipe("r0", "w0").eventfd("v0", 0, false);
        submit(r, Sqe.pollAdd(1, "r0", Mask.IN, false));
        submit(r, Sqe.pollAdd(2, "v0", Mask.IN, false));
        r.call(new Write("v0", 1), 8); // wakes the second poll only
        taskWork(r);
        assertEquals(List.of(new Cqe(2, Mask.IN, 0)), reap(r));
        assertEquals(1, IoUringExamples.file(r).polls().size(), "the pipe's poll still waits");
    }

    @Example
    void registeringNeedsAnOpenEventfdAndAnOpenRing() {
        R r = IoUringExamples.ring(1).pipe("r0", "w0");
        r.call(new IoUringRegisterEventfd("u0", "r0"), "EINVAL").expect(ProcRule.IoUringRegisterEinval);
        r.call(new IoUringRegisterEventfd("u0", "zz"), "EBADF").expect(ProcRule.Ebadf);
        r.call(new IoUringRegisterEventfd("zz", "r0"), "EBADF").expect(ProcRule.Ebadf);
        assertTrue(Proc.successors(r.s, new IoUringRegisterEventfd("r0", "r0")).isEmpty(), "a pipe is no ring: not modelled");
        assertEquals("io_uring_register(u0, IORING_REGISTER_EVENTFD, v0)", new IoUringRegisterEventfd("u0", "v0").toString());
    }

    @Example
    void sqeTextIsWhatTheTraceWrites() {
        assertEquals("NOP:5:LINK", Sqe.nop(5).linked().toString());
        assertEquals("NOP:1", Sqe.nop(1).toString());
        assertEquals("POLL_ADD:2:r0:POLLIN", Sqe.pollAdd(2, "r0", Mask.IN, false).toString());
        assertEquals("POLL_ADD:3:v0:POLLIN|POLLOUT:MULTI", Sqe.pollAdd(3, "v0", Mask.IN | Mask.OUT, true).toString());
        assertEquals("ASYNC_CANCEL:4:3", Sqe.cancel(4, 3).toString());
        assertEquals("io_uring_enter(u0, NOP:1+ASYNC_CANCEL:4:3, 2, IORING_ENTER_GETEVENTS)",
                new IoUringEnter("u0", List.of(Sqe.nop(1), Sqe.cancel(4, 3)), 2, true).toString());
        assertEquals("io_uring_enter(u0, -, 0, 0)", new IoUringEnter("u0", List.of(), 0, false).toString());
        assertEquals("io_uring_setup(4, 0) = u0:5", new IoUringSetup("u0", 5, 4).toString());
        assertEquals("reap(u0)", new CqReap("u0").toString());
        assertEquals("READ:5:r0:8:LINK", Sqe.read(5, "r0", 8).linked().toString());
        assertEquals("RECV:6:s0:16:DONTWAIT", Sqe.recv(6, "s0", 16, true).toString());
        assertEquals("RECV:7:s0:16:HARDLINK", Sqe.recv(7, "s0", 16, false).hardlinked().toString());
        assertEquals("INVALID:8", Sqe.invalid(8).toString());
        assertEquals("WRITE:9:w0:3", Sqe.write(9, "w0", 3).toString());
        assertThrows(IllegalArgumentException.class, () -> new Sqe("SEND", 1, "", 0, false, 0, false, false, 0, false));
    }
}
