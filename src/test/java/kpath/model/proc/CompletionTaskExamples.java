package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.AioEvent;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.Task.Phase;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Tasks asleep in io_uring_enter with IORING_ENTER_GETEVENTS (io_uring/io_uring.c io_cqring_wait,
 * io_wake_function) and in io_getevents (fs/aio.c read_events, aio_complete), with the values the
 * kernel returned in traces/completion/io-uring-enter-getevents-sleeps.trace and
 * aio-getevents-sleeps.trace.
 */
class CompletionTaskExamples {

    static Sqe poll(long ud, String fd) {
        return Sqe.pollAdd(ud, fd, Mask.IN, false);
    }

    /** A 2-entry ring u0 (CQ 4) on fd 10, pipes r0/w0 and r1/w1, a POLL_ADD armed on each read end. */
    static R ringWithTwoPolls() {
        R r = new R().pipe("r0", "w0").pipe("r1", "w1");
        r.call(new IoUringSetup("u0", 10, 2), 10);
        r.call(new IoUringEnter("u0", List.of(poll(1, "r0"), poll(2, "r1")), 0, false), 2);
        return r;
    }

    static Phase phase(R r, String t) {
        return r.s.tasks().get(t).phase();
    }

    static R run(R r, String t) {
        return r.call(new TaskRun(t), r.s.ret());
    }

    /** The write, then the task work it queued (due at once). */
    static R writeAndTaskWork(R r, String w) {
        r.write(w, 1);
        List<kpath.model.Transition<ProcState>> ts = Proc.successors(r.s, new IoUringTaskWork());
        assertEquals(1, ts.size());
        r.s = ts.getFirst().next();
        return r;
    }

    static IoUringEnter waitFor(int min) {
        return new IoUringEnter("u0", List.of(), min, true);
    }

    @Example
    void aGeteventsEnterSleepsUntilMinCompleteCqesAreThereThenReturnsWhatItSubmitted() {
        R r = ringWithTwoPolls();
        r.call(new TaskCall("t1", waitFor(2), 0), 2).expect(TaskEnters);
        assertEquals(-1, r.s.tasks().get("t1").timeout(), "io_uring_enter has no timer: the trace's text has none");
        run(r, "t1").expect(TaskSleeps);
        assertEquals(List.of("u0"), r.s.tasks().get("t1").on(), "on the ring's cq_wait");
        writeAndTaskWork(r, "w0");
        assertEquals(Phase.SLEEPING, phase(r, "t1"), "one CQE of two: io_wake_function leaves it asleep");
        writeAndTaskWork(r, "w1");
        assertEquals(Phase.RUNNING, phase(r, "t1"), "two CQEs: woken");
        run(r, "t1").expect(IoUringEnterOk);
        r.call(new TaskReturn("t1"), 0).expect(TaskReturns);
        assertEquals(2, ((OpenFile.IoUring) r.s.files().get("u0")).cq().size());
    }

    @Example
    void aTaskThatSubmittedAndWaitsReturnsTheCountItSubmitted() {
        R r = new R().pipe("r0", "w0");
        r.call(new IoUringSetup("u0", 10, 2), 10);
        r.call(new TaskCall("t1", new IoUringEnter("u0", List.of(poll(1, "r0")), 1, true), -1), 10).expect(TaskEnters);
        run(r, "t1").expect(TaskSleeps);
        assertEquals(1, r.s.tasks().get("t1").ret(), "the count consumed, kept while it waits");
        writeAndTaskWork(r, "w0");
        run(r, "t1").expect(IoUringEnterOk);
        r.call(new TaskReturn("t1"), 1).expect(TaskReturns);
    }

    @Example
    void aStoppedSubmissionReturnsAtOnceWithoutWaiting() { // U-ENT-02
        R r = new R();
        r.call(new IoUringSetup("u0", 10, 2), 10);
        r.call(new TaskCall("t1", new IoUringEnter("u0", List.of(Sqe.invalid(3), Sqe.nop(4)), 4, true), -1), 10);
        run(r, "t1").expect(IoUringEnterOk);
        r.call(new TaskReturn("t1"), 1).expect(TaskReturns);
        assertEquals(List.of(Sqe.nop(4)), ((OpenFile.IoUring) r.s.files().get("u0")).sq());
    }

    @Example
    void theMainTasksGeteventsEnterThatWouldSleepIsNoCall() {
        R r = ringWithTwoPolls();
        assertTrue(Proc.successors(r.s, waitFor(1)).isEmpty(), "the main task never sleeps");
    }

    @Example
    void aWokenWaiterReturnsThoughTheApplicationReapedItsCqe() { // io_should_wake compares the CQ tail
        R r = ringWithTwoPolls();
        r.call(new TaskCall("t1", waitFor(1), -1), 2);
        run(r, "t1").expect(TaskSleeps);
        assertEquals(1, r.s.tasks().get("t1").need(), "head + min_complete - tail");
        writeAndTaskWork(r, "w0");
        assertEquals(Phase.RUNNING, phase(r, "t1"));
        assertEquals(0, r.s.tasks().get("t1").need());
        r.call(new CqReap("u0"), 1); // the application takes the CQE before t1 runs
        run(r, "t1").expect(IoUringEnterOk); // the tail passed its target: met, the CQ empty or not
        r.call(new TaskReturn("t1"), 0);
    }

    @Example
    void aReapWhileAWaiterSleepsDoesNotDelayIt() {
        R r = ringWithTwoPolls();
        r.call(new TaskCall("t1", waitFor(2), -1), 2);
        run(r, "t1").expect(TaskSleeps);
        writeAndTaskWork(r, "w0");
        r.call(new CqReap("u0"), 1); // the ring is empty again, but the tail moved once
        writeAndTaskWork(r, "w1");
        assertEquals(Phase.RUNNING, phase(r, "t1"), "one CQE in the ring, two posted since it began waiting");
    }

    @Example
    void theFlushAtItsFirstCheckCountsTowardTheWait() { // io_cqring_wait: flush, then iowq.cq_tail = head + min
        R r = new R();
        r.call(new IoUringSetup("u0", 10, 1), 10); // CQ 2
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(1)), 0, false), 1);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(2)), 0, false), 1);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(3)), 0, false), 1); // overflows
        r.call(new CqReap("u0"), 1);
        r.call(new TaskCall("t1", new IoUringEnter("u0", List.of(), 2, true), -1), 1);
        r.call(new TaskRun("t1"), 1).expect(TaskSleeps); // its flush moved NOP 3 in: 1 of 2
        assertEquals(1, r.s.tasks().get("t1").need());
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(4)), 0, false), 1);
        assertEquals(Phase.RUNNING, phase(r, "t1"));
        assertEquals(0, r.s.tasks().get("t1").need());
    }

    @Example
    void aWaiterIsWokenWhenItsWaitIsMetOrCqesWaitOnTheOverflowList() { // io_wake_function: io_should_wake, io_has_work
        OpenFile.Cqe c = new OpenFile.Cqe(1, 0, 0);
        Task waiting = new Task(waitFor(2), -1, Phase.SLEEPING, List.of("u0"), false, 0, CopyOut.NONE, 1);
        Task met = waiting.tailMoved(1);
        assertFalse(IoUring.shouldWake(world(List.of(c), List.of()), "u0", waiting));
        assertTrue(IoUring.shouldWake(world(List.of(), List.of()), "u0", met), "the tail reached its target: the CQ empty or not");
        assertTrue(IoUring.shouldWake(world(List.of(), List.of(c)), "u0", waiting), "io_has_work: the overflow bit");
        assertEquals(0, met.tailMoved(3).need(), "no less than 0 once the tail passed the target");
    }

    /** A world with a 1-entry ring u0 (CQ 2) holding {@code cq} and {@code overflow}. */
    static World world(List<OpenFile.Cqe> cq, List<OpenFile.Cqe> overflow) {
        R r = new R();
        r.call(new IoUringSetup("u0", 10, 1), 10);
        World w = new World(r.s);
        w.files.put("u0", new OpenFile.IoUring(1, 2, cq, overflow, List.of(), "", List.of()));
        return w;
    }

    @Example
    void aWaiterWhoseRingWentCannotRun() {
        R r = ringWithTwoPolls();
        r.call(new TaskCall("t1", waitFor(1), -1), 2);
        run(r, "t1").expect(TaskSleeps);
        writeAndTaskWork(r, "w0");
        r.call(new Close("u0"), 0); // the model keeps no reference for a task (package-info)
        r.s = Proc.successors(r.s, new IoUringExitWork()).getFirst().next(); // its poll of r0 kept it until now
        assertTrue(Proc.successors(r.s, new TaskRun("t1")).isEmpty());
    }

    @Example
    void aTaskCallTextHasNoTimeoutForIoUringEnterAndOneForIoGetevents() {
        assertEquals("t1 -> io_uring_enter(u0, -, 2, IORING_ENTER_GETEVENTS)", new TaskCall("t1", waitFor(2), -1).toString());
        assertEquals("t1 -> io_getevents(a0, 1, 4, 2000)", new TaskCall("t1", new IoGetevents("a0", 1, 4), 2000).toString());
        assertTrue(new TaskCall("t1", waitFor(2), -1).untimed());
        assertFalse(new TaskCall("t1", new IoGetevents("a0", 1, 4), 0).untimed());
        assertThrows(IllegalArgumentException.class, () -> new TaskCall("t1", new IoSetup(1, "a0"), 0));
    }

    // ---- io_getevents ----

    static R ctxWithPoll() {
        R r = new R().call(new IoSetup(4, "a0"), 0).pipe("r0", "w0");
        r.call(new IoSubmit("a0", 7, "r0", Mask.IN), 1);
        return r;
    }

    @Example
    void ioGeteventsSleepsUntilMinNrEventsAndTheCompletionWakesIt() { // aio-getevents-sleeps
        R r = ctxWithPoll();
        r.call(new TaskCall("t1", new IoGetevents("a0", 1, 4), 2000), 1).expect(TaskEnters);
        run(r, "t1").expect(TaskSleeps);
        assertEquals(List.of("a0"), r.s.tasks().get("t1").on(), "on the context's wait queue");
        r.write("w0", 1); // aio_poll_wake completes the poll, aio_complete wakes ctx->wait
        assertEquals(Phase.RUNNING, phase(r, "t1"));
        run(r, "t1").expect(IoGeteventsOk);
        r.call(new TaskReturn("t1"), 1).expect(TaskReturns);
        assertEquals(new CopyOut.AioEvents(List.of(new AioEvent(7, Mask.IN | Mask.RDNORM))), r.s.out());
    }

    @Example
    void ioGeteventsTimesOutWithNothingAndReturnsZero() {
        R r = new R().call(new IoSetup(4, "a0"), 0);
        r.call(new TaskCall("t1", new IoGetevents("a0", 1, 4), 100), 0);
        run(r, "t1").expect(TaskSleeps);
        r.call(new TaskTimeout("t1"), 0).expect(TaskTimesOut);
        run(r, "t1").expect(IoGeteventsOk);
        r.call(new TaskReturn("t1"), 0).expect(TaskReturns);
        assertEquals(new CopyOut.AioEvents(List.of()), r.s.out());
    }

    @Example
    void ioGeteventsWithAZeroTimeoutNeverSleeps() {
        R r = new R().call(new IoSetup(4, "a0"), 0);
        r.call(new TaskCall("t1", new IoGetevents("a0", 1, 4), 0), 0);
        run(r, "t1").expect(IoGeteventsOk);
        assertEquals(Phase.DONE, phase(r, "t1"));
    }

    @Example
    void ioGeteventsKeepsWhatItTookAndTakesUpToNrInAll() { // aio_read_events: nr - *i
        R r = new R().call(new IoSetup(4, "a0"), 0).pipe("r0", "w0").pipe("r1", "w1");
        r.call(new IoSubmit("a0", 1, "r0", Mask.IN), 1);
        r.call(new IoSubmit("a0", 2, "r1", Mask.IN), 1);
        r.call(new TaskCall("t1", new IoGetevents("a0", 2, 2), -1), 1);
        run(r, "t1").expect(TaskSleeps);
        r.write("w0", 1);
        run(r, "t1").expect(TaskSleeps); // took event 1, needs 2
        assertEquals(new CopyOut.AioEvents(List.of(new AioEvent(1, Mask.IN | Mask.RDNORM))), r.s.tasks().get("t1").out());
        assertEquals(1, r.s.tasks().get("t1").ret());
        r.write("w1", 1);
        run(r, "t1").expect(IoGeteventsOk);
        r.call(new TaskReturn("t1"), 2);
        assertEquals(2, ((CopyOut.AioEvents) r.s.out()).events().size());
    }

    @Example
    void everyKindOfCompletionWakesAnIoGeteventsSleeper() { // aio_complete: wake_up(&ctx->wait)
        // a poll of a ready file inside io_submit
        R r = new R().call(new IoSetup(4, "a0"), 0).pipe("r0", "w0");
        r.call(new TaskCall("t1", new IoGetevents("a0", 1, 4), -1), 0);
        run(r, "t1").expect(TaskSleeps);
        r.write("w0", 1);
        r.call(new IoSubmit("a0", 7, "r0", Mask.IN), 1);
        assertEquals(Phase.RUNNING, phase(r, "t1"));
        // a read done inside io_submit
        R q = new R().call(new IoSetup(4, "a0"), 0).pipe("r0", "w0");
        q.call(new TaskCall("t1", new IoGetevents("a0", 1, 4), -1), 0);
        run(q, "t1").expect(TaskSleeps);
        q.call(new IoSubmit("a0", List.of(Iocb.rw(false, 8, "r0", 1, ""))), 1);
        assertEquals(Phase.RUNNING, phase(q, "t1"));
        // a poll the worker completes (a wake-up without a key queued its work)
        R k = new R().call(new IoSetup(4, "a0"), 0).pipe("r0", "w0");
        k.call(new IoSubmit("a0", 9, "r0", Mask.IN), 1);
        k.call(new TaskCall("t1", new IoGetevents("a0", 1, 4), -1), 1);
        run(k, "t1").expect(TaskSleeps);
        k.call(new Close("w0"), 0);
        assertEquals(Phase.SLEEPING, phase(k, "t1"), "queued work posts nothing yet");
        k.s = Proc.successors(k.s, new AioPollWork()).getFirst().next(); // it polls POLLHUP alone: not asked for
        assertEquals(Phase.SLEEPING, phase(k, "t1"), "the worker found no event it asked for: nothing posted");
        k.call(new IoCancel("a0", 9), "EINPROGRESS");
        k.s = Proc.successors(k.s, new AioPollWork()).getFirst().next();
        assertEquals(Phase.RUNNING, phase(k, "t1"), "the cancelled poll's event wakes it");
    }

    @Example
    void aWakeupWhoseKeyMissesThePollPostsNothingAndWakesNoOne() {
        R r = new R().call(new IoSetup(4, "a0"), 0).pipe("r0", "w0");
        r.call(new IoSubmit("a0", 1, "r0", Mask.PRI), 1);
        r.call(new TaskCall("t1", new IoGetevents("a0", 1, 4), -1), 1);
        run(r, "t1").expect(TaskSleeps);
        r.write("w0", 1);
        assertEquals(Phase.SLEEPING, phase(r, "t1"));
    }

    @Example
    void ioGeteventsOfNoContextFails() {
        R r = new R();
        r.call(new TaskCall("t1", new IoGetevents("a0", 1, 4), -1), 0);
        run(r, "t1").expect(AioEinval);
        r.call(new TaskReturn("t1"), "EINVAL");
    }

    @Example
    void ioDestroyOfAContextATaskWaitsOnIsNotModelled() {
        R r = new R().call(new IoSetup(4, "a0"), 0);
        r.call(new TaskCall("t1", new IoGetevents("a0", 1, 4), -1), 0);
        assertTrue(Proc.successors(r.s, new IoDestroy("a0")).isEmpty(), "not even before t1 runs");
        R d = new R().call(new IoSetup(4, "a0"), 0);
        d.call(new TaskCall("t1", new IoGetevents("a0", 0, 4), -1), 0);
        run(d, "t1").expect(IoGeteventsOk);
        d.call(new IoDestroy("a0"), 0).expect(IoDestroyOk); // t1 is DONE: its result is fixed
        R o = new R().call(new IoSetup(4, "a0"), 0).call(new IoSetup(4, "a1"), 0);
        o.call(new TaskCall("t1", new IoGetevents("a1", 1, 4), -1), 0);
        o.call(new IoDestroy("a0"), 0).expect(IoDestroyOk); // another context
    }

    // ---- the ring fd's own poll: poll_wq ----

    @Example
    void aPostedCqeWakesAPollerOfTheRingAndACommitThatPostsNothingDoesNot() { // io_poll_wq_wake
        R r = new R();
        r.call(new IoUringSetup("u0", 10, 2), 10);
        r.call(new TaskCall("t1", new Poll(List.of(new PollFd("u0", Mask.IN))), 2000), 10);
        run(r, "t1").expect(TaskSleeps);
        r.call(new IoUringEnter("u0", List.of(), 0, true), 0); // a commit with nothing posted
        assertEquals(Phase.SLEEPING, phase(r, "t1"), "only cq_wait is woken: no CQE, no poll_wq wake-up");
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(1)), 0, false), 1);
        assertEquals(Phase.RUNNING, phase(r, "t1"));
        run(r, "t1").expect(PollOk);
        r.call(new TaskReturn("t1"), 1);
        assertEquals(List.of("u0=POLLIN"), r.out());
    }

    @Example
    void everyPostedCqeIsAnEdgeForAnEdgeTriggeredEpollItemOnTheRing() { // ep_poll_callback from poll_wq
        R r = new R().epoll("e0");
        r.call(new IoUringSetup("u0", 10, 2), 10);
        r.call(new EpollCtl("e0", Op.EPOLL_CTL_ADD, "u0", Mask.IN | Mask.ET), 0);
        r.call(new EpollWait("e0", 8), 0); // nothing in the ring
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(1)), 0, false), 1);
        r.call(new EpollWait("e0", 8), 1).expect(EpollWaitEdgeTaken);
        r.call(new IoUringEnter("u0", List.of(), 0, true), 0); // commits, posts nothing: no edge
        r.call(new EpollWait("e0", 8), 0);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(2)), 0, false), 1); // the CQ still holds NOP 1: a new edge all the same
        r.call(new EpollWait("e0", 8), 1).expect(EpollWaitEdgeTaken);
    }

    @Example
    void aCqeThatOnlyOverflowsIsAnEdgeToo() { // io_cqring_event_overflow still ends in io_cq_unlock_post
        R r = new R().epoll("e0");
        r.call(new IoUringSetup("u0", 10, 1), 10); // CQ 2
        r.call(new EpollCtl("e0", Op.EPOLL_CTL_ADD, "u0", Mask.IN | Mask.ET), 0);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(1)), 0, false), 1);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(2)), 0, false), 1);
        r.call(new EpollWait("e0", 8), 1).expect(EpollWaitEdgeTaken);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(3)), 0, false), 1); // the CQ is full: onto the overflow list
        assertEquals(1, ((OpenFile.IoUring) r.s.files().get("u0")).overflow().size());
        r.call(new EpollWait("e0", 8), 1).expect(EpollWaitEdgeTaken);
    }
}
