package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.IoDrainExamples.free;
import static kpath.model.proc.IoDrainExamples.ring;
import static kpath.model.proc.IoDrainExamples.workFirst;
import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.ringAndPipe;
import static kpath.model.proc.IoPollExamples.submit;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IOSQE_CQE_SKIP_SUCCESS in the process model, as traces/completion/io-uring-drain-after-cqe-skip.trace
 * shows it (io_uring/io_uring.c io_init_req: drain_disabled; req_set_fail): a NOP with the flag
 * posts nothing, a failed SQE with it posts, and once the ring has seen one (not an INVALID one)
 * IOSQE_IO_DRAIN fails at init with -EOPNOTSUPP and ends the submission.
 */
class CqeSkipExamples {

    static final long EOPNOTSUPP = -95, EINVAL = -22;

    @Example
    void aSkippedNopPostsNothingAndADrainAfterItFailsAndEndsTheSubmission() {
        R r = ringAndPipe();
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(2).skipped(), Sqe.nop(3).drained(), Sqe.nop(4)), 0, false), 2);
        assertTrue(ring(r).drainDisabled());
        assertFalse(ring(r).drainActive(), "the refused drain does not set drain_active");
        assertEquals(List.of(Sqe.nop(4)), ring(r).sq(), "the SQE behind it stays in the SQ");
        assertEquals(List.of(new Cqe(3, EOPNOTSUPP, 0)), reap(r));
        r.call(new IoUringEnter("u0", List.of(), 0, false), 1);
        assertEquals(List.of(new Cqe(4, 0, 0)), reap(r), "4 runs inline: no drain is active");
        submit(r, Sqe.nop(5).drained());
        assertEquals(List.of(new Cqe(5, EOPNOTSUPP, 0)), reap(r), "drain_disabled is never cleared");
        assertTrue(ring(r).drainDisabled());
    }

    @Example
    void aSkippedNopAloneSetsDrainDisabledAndPostsNothing() {
        R r = submit(ringAndPipe(), Sqe.nop(1).skipped(), Sqe.nop(2));
        assertEquals(List.of(new Cqe(2, 0, 0)), reap(r), "only the NOP without the flag posts");
        assertTrue(ring(r).drainDisabled());
        assertFalse(ring(submit(ringAndPipe(), Sqe.nop(1))).drainDisabled(), "a NOP without the flag leaves it clear");
    }

    @Example
    void aFailedSkippingSqePostsAndLeavesDrainEnabled() {
        R r = submit(ringAndPipe(), Sqe.invalid(1).skipped());
        assertEquals(List.of(new Cqe(1, EINVAL, 0)), reap(r), "req_set_fail clears REQ_F_CQE_SKIP");
        assertFalse(ring(r).drainDisabled(), "the opcode check comes before the flags");
        submit(r, Sqe.nop(2).drained());
        assertTrue(ring(r).drainActive(), "the drain is taken: forced async");
        workFirst(r);
        free(r);
        assertEquals(List.of(new Cqe(2, 0, 0)), reap(r));
    }

    @Example
    void skipIsModelledOnALoneNopOrInvalidSqeOnly() {
        R r = ringAndPipe();
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.nop(1).skipped().linked(), Sqe.nop(2)), 0, false))
                .isEmpty(), "a link with the flag: not modelled");
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.nop(1).linked(), Sqe.nop(2).skipped()), 0, false))
                .isEmpty(), "a skipping SQE at the end of a chain: not modelled");
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.nop(1).linked(), Sqe.nop(2).drained()), 0, false))
                .isEmpty(), "a drained SQE at the end of a chain (drain_next): not modelled");
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.pollAdd(1, "r0", Mask.IN, false).skipped()), 0, false))
                .isEmpty(), "another opcode with the flag: not modelled");
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.nop(1).drained(), Sqe.nop(2).skipped()), 0, false))
                .isEmpty(), "a skipping SQE while draining: not modelled");
        assertFalse(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.nop(1), Sqe.nop(2).skipped()), 0, false))
                .isEmpty(), "after an SQE without a link flag: modelled");
        assertFalse(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.nop(1), Sqe.nop(2).drained()), 0, false))
                .isEmpty());
        assertFalse(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.invalid(1).skipped()), 0, false)).isEmpty());
    }

    @Example
    void theTraceWritesTheFlagBeforeDrainAndLink() {
        assertEquals("NOP:2:CQE_SKIP", Sqe.nop(2).skipped().toString());
        assertEquals("NOP:2:CQE_SKIP:DRAIN:LINK", Sqe.nop(2).skipped().drained().linked().toString());
        assertEquals("NOP:2:CQE_SKIP:HARDLINK", Sqe.nop(2).skipped().hardlinked().toString());
        assertTrue(Sqe.nop(2).skipped().linked().skip(), "a link flag keeps it");
        assertTrue(Sqe.nop(2).skipped().drained().skip());
        assertFalse(Sqe.nop(2).skip());
        assertFalse(new OpenFile.IoUring(1, 2, List.of(), List.of(), List.of(), "", List.of(), List.of(), false, List.of(), 0)
                .drainDisabled());
    }
}
