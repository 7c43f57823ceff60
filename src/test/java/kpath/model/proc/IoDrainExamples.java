package kpath.model.proc;

import java.util.List;
import kpath.model.Transition;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.ringAndPipe;
import static kpath.model.proc.IoPollExamples.submit;
import static kpath.model.proc.IoPollExamples.taskWork;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IOSQE_IO_DRAIN in the process model, as traces/completion/io-uring-drain.trace shows it
 * (io_uring/io_uring.c io_init_drain, io_drain_req, io_queue_deferred): a drained SQE waits until
 * every request the ring has allocated is on the defer list, then goes to io-wq; a worker posts its
 * CQE later (IoWqWork) and the submitter's task work frees it (IoWqFree), which lets the list go on.
 */
class IoDrainExamples {

    static OpenFile.IoUring ring(R r) {
        return (OpenFile.IoUring) r.s.files().get("u0");
    }

    /** The outcomes of an io-wq worker's run: one per released request. */
    static List<Transition<ProcState>> work(R r) {
        return Proc.successors(r.s, new IoWqWork());
    }

    static void workFirst(R r) {
        List<Transition<ProcState>> ts = work(r);
        assertFalse(ts.isEmpty(), "a released request waits for a worker");
        assertEquals(ProcRule.IoWqNopDone, ts.getFirst().rule());
        assertEquals(r.s.ret(), ts.getFirst().next().ret(), "not the main task's call: its result stays");
        assertEquals(r.s.out(), ts.getFirst().next().out());
        r.s = ts.getFirst().next();
    }

    static void free(R r) {
        List<Transition<ProcState>> ts = Proc.successors(r.s, new IoWqFree());
        assertEquals(1, ts.size(), "a completed request waits for its free");
        assertEquals(ProcRule.IoWqFreed, ts.getFirst().rule());
        assertEquals(r.s.ret(), ts.getFirst().next().ret(), "not the main task's call: its result stays");
        assertEquals(r.s.out(), ts.getFirst().next().out());
        r.s = ts.getFirst().next();
    }

    @Example
    void aDrainedNopWaitsForThePollAndTakesTheNopsBehindItWithIt() {
        R r = submit(ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, false), Sqe.nop(2).drained(), Sqe.nop(3));
        assertEquals(List.of(), reap(r), "2 waits for the poll, 3 behind it");
        assertTrue(ring(r).drainActive());
        assertEquals(List.of(2L, 3L), ring(r).defer().stream().map(Sqe::userData).toList());
        submit(r, Sqe.nop(4));
        assertEquals(List.of(), reap(r), "drain_active: the NOP after it is deferred too");
        assertTrue(work(r).isEmpty(), "nothing is in io-wq yet");
        r.write("w0", 1);
        taskWork(r);
        assertEquals(List.of(2L), ring(r).iowq(), "the poll went: the drained head starts, alone");
        assertEquals(List.of(new Cqe(1, Mask.IN, 0)), reap(r));
        workFirst(r);
        assertEquals(List.of(new Cqe(2, 0, 0)), reap(r), "posted by the worker");
        assertEquals(List.of(3L, 4L), ring(r).defer().stream().map(Sqe::userData).toList(), "not freed yet: 3 still waits");
        free(r);
        assertEquals(List.of(3L, 4L), ring(r).iowq(), "after a head without the flag, every entry up to the next drained one");
        assertTrue(ring(r).drainActive(), "only io_drain_req clears it");
        assertEquals(2, work(r).size(), "either may run first");
        workFirst(r);
        workFirst(r);
        assertEquals(List.of(new Cqe(3, 0, 0), new Cqe(4, 0, 0)), reap(r));
    }

    @Example
    void aDrainedNopWithNothingInFlightStillGoesThroughIoWq() {
        R r = submit(ringAndPipe(), Sqe.nop(5).drained());
        assertTrue(ring(r).drainActive(), "a drained SQE does not clear it, even when it starts at once");
        assertEquals(List.of(), reap(r), "not inline: forced async");
        assertEquals(List.of(5L), ring(r).iowq());
        assertTrue(Proc.successors(r.s, new IoWqFree()).isEmpty(), "nothing to free before the worker ran");
        workFirst(r);
        submit(r, Sqe.nop(6));
        assertEquals(List.of(6L), ring(r).defer().stream().map(Sqe::userData).toList(), "5 is not freed: 6 waits");
        assertTrue(ring(r).drainActive(), "the list is not empty");
        free(r);
        assertEquals(List.of(6L), ring(r).iowq());
        assertTrue(ring(r).drainActive(), "a release by the flush does not clear it");
        workFirst(r);
        free(r);
        submit(r, Sqe.nop(7));
        assertFalse(ring(r).drainActive(), "7 found the list empty");
        assertEquals(List.of(7L), ring(r).iowq(), "but it was forced async already");
        workFirst(r);
        free(r);
        submit(r, Sqe.nop(8));
        assertEquals(List.of(new Cqe(5, 0, 0), new Cqe(6, 0, 0), new Cqe(7, 0, 0), new Cqe(8, 0, 0)), reap(r),
                "inline again");
    }

    @Example
    void aNopFreedEarlyClearsTheDrainAtOnce() {
        R r = submit(ringAndPipe(), Sqe.nop(5).drained());
        workFirst(r);
        free(r);
        submit(r, Sqe.nop(6));
        assertFalse(ring(r).drainActive(), "nothing allocated: 6 starts at once and the list is empty");
        assertEquals(List.of(6L), ring(r).iowq());
    }

    @Example
    void aDrainedNopBehindAnInlineNopGoesToIoWqByTheEndOfTheCall() {
        R r = submit(ringAndPipe(), Sqe.nop(4), Sqe.nop(5).drained());
        assertEquals(List.of(5L), ring(r).iowq(), "the kernel starts 5 at the batch's end, once 4 is freed");
        assertEquals(List.of(new Cqe(4, 0, 0)), reap(r));
    }

    @Example
    void aDrainedNopBehindADrainedNopWaitsForItsFree() {
        R r = submit(IoUringExamples.ring(4).pipe("r0", "w0"), Sqe.nop(1).drained(), Sqe.nop(2).drained());
        assertEquals(List.of(1L), ring(r).iowq(), "a drained head goes alone");
        assertEquals(List.of(2L), ring(r).defer().stream().map(Sqe::userData).toList());
        workFirst(r);
        free(r);
        assertEquals(List.of(2L), ring(r).iowq());
    }

    @Example
    void aHeadWithoutTheFlagTakesTheEntriesUpToTheNextDrainedOne() {
        R r = submit(ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, false), Sqe.nop(2).drained(), Sqe.nop(3), Sqe.nop(4).drained());
        r.write("w0", 1);
        taskWork(r);
        workFirst(r);
        free(r);
        assertEquals(List.of(3L), ring(r).iowq(), "4 is drained: it waits for 3");
        workFirst(r);
        free(r);
        assertEquals(List.of(4L), ring(r).iowq());
    }

    @Example
    void aFreeTouchesOnlyTheRingsWithCompletedRequests() {
        R r = submit(ringAndPipe(), Sqe.nop(1).drained());
        r.call(new IoUringSetup("u1", 9, 4), "u1:9");
        workFirst(r);
        free(r);
        assertEquals(new OpenFile.IoUring(4, 8, List.of(), List.of(), List.of(), "", List.of()), r.s.files().get("u1"));
        assertEquals(2, Proc.successors(submit(r, Sqe.nop(2).drained()).s, new IoUringEnter("u1", List.of(Sqe.nop(3).drained()), 0, false))
                .stream().flatMap(t -> work(withState(t.next())).stream()).count(), "a worker may run either ring's");
    }

    static R withState(ProcState s) {
        R r = new R();
        r.s = s;
        return r;
    }

    @Example
    void aWorkerPostsOntoTheOverflowListWhenTheCqIsFull() {
        R r = IoUringExamples.ring(1).pipe("r0", "w0");
        submit(r, Sqe.nop(1));
        submit(r, Sqe.nop(2));
        submit(r, Sqe.nop(3).drained());
        workFirst(r);
        assertEquals(List.of(new Cqe(3, 0, 0)), ring(r).overflow());
    }

    @Example
    void drainInALinkOrOnAnotherOpcodeIsNotModelled() {
        R r = ringAndPipe();
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.nop(1).drained().linked(), Sqe.nop(2)), 0, false))
                .isEmpty());
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.pollAdd(1, "r0", Mask.IN, false).drained()), 0, false))
                .isEmpty());
        submit(r, Sqe.pollAdd(1, "r0", Mask.IN, false), Sqe.nop(2).drained());
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.pollAdd(3, "r0", Mask.IN, false)), 0, false))
                .isEmpty(), "a poll forced async while drain_active is armed by a worker: not modelled");
        R q = submit(ringAndPipe(), Sqe.nop(5).drained());
        workFirst(q);
        free(q);
        submit(q, Sqe.nop(6));
        assertFalse(ring(q).drainActive(), "6 found the list empty");
        assertTrue(Proc.successors(q.s, new IoUringEnter("u0", List.of(Sqe.cancel(7, 6)), 0, false)).isEmpty(),
                "6 is in io-wq, where a cancel would look too: not modelled");
        workFirst(q);
        free(q);
        submit(q, Sqe.cancel(7, 6));
        assertEquals(-2, reap(q).getLast().res(), "nothing in io-wq: ENOENT");
    }

    @Example
    void theTraceWritesTheFlagAfterTheSqe() {
        assertEquals("NOP:2:DRAIN", Sqe.nop(2).drained().toString());
        assertEquals("NOP:2:DRAIN:LINK", Sqe.nop(2).drained().linked().toString());
        assertEquals("NOP:2:DRAIN:HARDLINK", Sqe.nop(2).drained().hardlinked().toString());
        assertEquals("io-wq work", new IoWqWork().toString());
        assertEquals("io-wq requests freed", new IoWqFree().toString());
    }
}
