package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static kpath.model.proc.IoDrainExamples.ring;
import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.ringAndPipe;
import static org.junit.jupiter.api.Assertions.*;

/**
 * An SQ array entry at or beyond sq_entries in the process model, as
 * traces/completion/io-uring-sq-array-dropped.trace shows it (io_uring/io_uring.c io_get_sqe,
 * io_submit_sqes): dropped and counted in sq_dropped, the submission stops there without counting
 * it, and the SQEs behind it stay in the SQ.
 */
class SqArrayExamples {

    private static IoUringEnter enter(boolean getevents, int min, Sqe... sqes) {
        return new IoUringEnter("u0", List.of(sqes), min, getevents);
    }

    @Example
    void aDroppedEntryIsCountedNotSubmittedAndStopsTheSubmission() {
        R r = ringAndPipe(); // a 4-entry ring
        r.call(enter(false, 0, Sqe.sqArray(4), Sqe.nop(1)), 0);
        assertEquals(1, ring(r).sqDropped());
        assertEquals(List.of(Sqe.nop(1)), ring(r).sq(), "the NOP behind it stays in the SQ");
        assertEquals(List.of(), reap(r), "no CQE for the dropped entry");
        r.call(enter(false, 0), 1);
        assertEquals(List.of(new Cqe(1, 0, 0)), reap(r));
        r.call(enter(false, 0, Sqe.nop(2), Sqe.sqArray(100), Sqe.nop(3)), 1);
        assertEquals(2, ring(r).sqDropped(), "sq_dropped counts on");
        assertEquals(List.of(Sqe.nop(3)), ring(r).sq());
        assertEquals(List.of(new Cqe(2, 0, 0)), reap(r));
    }

    @Example
    void aDropAtTheEndLeavesNothingQueuedAndTheWaitIsNotTaken() {
        R r = ringAndPipe();
        // ret (1) != to_submit (2): io_uring_enter does not wait, even for more CQEs than there are
        r.call(enter(true, 2, Sqe.nop(1), Sqe.sqArray(4)), 1);
        assertEquals(List.of(), ring(r).sq());
        assertEquals(1, ring(r).sqDropped());
        R s = ringAndPipe();
        assertTrue(Proc.successors(s.s, enter(true, 2, Sqe.nop(1), Sqe.nop(2))).stream().allMatch(t -> t.next().ret() == 2));
        R u = ringAndPipe();
        u.call(enter(false, 0, Sqe.sqArray(4), Sqe.sqArray(5)), 0);
        assertEquals(1, ring(u).sqDropped(), "the submission stopped at the first");
        assertEquals(List.of(Sqe.sqArray(5)), ring(u).sq());
        u.call(enter(false, 0), 0);
        assertEquals(2, ring(u).sqDropped(), "the next call drops the second");
        assertEquals(List.of(), ring(u).sq());
    }

    @Example
    void anEntryBelowTheSizeOrAfterALinkIsNotModelled() {
        R r = ringAndPipe();
        assertTrue(Proc.successors(r.s, enter(false, 0, Sqe.sqArray(3))).isEmpty(), "an entry naming an SQE slot");
        assertTrue(Proc.successors(r.s, enter(false, 0, Sqe.nop(1).linked(), Sqe.sqArray(4))).isEmpty(), "a chain cut short");
        assertFalse(Proc.successors(r.s, enter(false, 0, Sqe.nop(1), Sqe.sqArray(4))).isEmpty());
        assertFalse(Proc.successors(r.s, enter(false, 0, Sqe.sqArray(4), Sqe.nop(1).linked(), Sqe.nop(2))).isEmpty(),
                "a link behind the entry is modelled");
    }

    @Example
    void theTraceWritesItAsTheEntry() {
        assertEquals("SQ_ARRAY:4", Sqe.sqArray(4).toString());
        assertEquals("SQ_ARRAY:4294967295", Sqe.sqArray(0xffffffffL).toString());
        assertEquals(0, ring(ringAndPipe()).sqDropped(), "a new ring has dropped none");
        assertEquals(3, new OpenFile.IoUring(4, 8, List.of(), List.of(), List.of(), "", List.of(), List.of(), false, List.of(), 0,
                false, 3).with(List.of(), List.of(), List.of()).sqDropped(), "with() keeps the count");
    }
}
