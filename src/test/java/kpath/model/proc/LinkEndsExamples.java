package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Errno;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.IoDrainExamples.free;
import static kpath.model.proc.IoDrainExamples.ring;
import static kpath.model.proc.IoDrainExamples.work;
import static kpath.model.proc.IoDrainExamples.workFirst;
import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.ringAndPipe;
import static kpath.model.proc.IoPollExamples.submit;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A link flag on the last SQE of a submission, as traces/completion/io-uring-link-ends-with-the-call.trace
 * shows it (io_uring/io_uring.c io_submit_sqe, io_submit_state_end, io_queue_sqe_fallback): the chain
 * ends with the call, and one still open is handed to io-wq, not issued inline; a chain with a member
 * that failed at init is failed inline all the same. Chains the model does not know stay unexplored.
 */
class LinkEndsExamples {

    /** Whether io_uring_enter with these SQEs is a step of the model at all. */
    static boolean modelled(R r, Sqe... sqes) {
        return !Proc.successors(r.s, new IoUringEnter("u0", List.of(sqes), 0, false)).isEmpty();
    }

    @Example
    void aLoneLinkedNopGoesToIoWqAndTheNextCallsNopCompletesInline() {
        R r = submit(ringAndPipe(), Sqe.nop(1).linked());
        assertEquals(List.of(), reap(r), "not inline: io_queue_iowq");
        assertEquals(List.of(1L), ring(r).iowq());
        submit(r, Sqe.nop(2));
        assertEquals(List.of(new Cqe(2, 0, 0)), reap(r), "NOP 2 is no member of NOP 1's chain: inline");
        workFirst(r);
        assertEquals(List.of(new Cqe(1, 0, 0)), reap(r), "the worker posts 0");
        free(r);
        assertTrue(work(r).isEmpty());
    }

    @Example
    void aLoneHardLinkedNopGoesToIoWqToo() {
        R r = submit(ringAndPipe(), Sqe.nop(1).hardlinked());
        assertEquals(List.of(1L), ring(r).iowq(), "IO_REQ_LINK_FLAGS: either flag keeps the chain open");
    }

    @Example
    void onlyTheLastChainIsOpen() {
        R r = submit(ringAndPipe(), Sqe.nop(1).linked(), Sqe.nop(2), Sqe.nop(3).linked());
        assertEquals(List.of(3L), ring(r).iowq());
        assertEquals(List.of(new Cqe(1, 0, 0), new Cqe(2, 0, 0)), reap(r), "the closed chain runs inline");
    }

    @Example
    void anOpenChainWithAMemberThatFailsAtInitFailsInline() {
        R r = submit(ringAndPipe(), Sqe.invalid(1).linked());
        assertEquals(List.of(new Cqe(1, -Errno.EINVAL.number(), 0)), reap(r), "REQ_F_FAIL: io_req_defer_failed, not io-wq");
        assertEquals(List.of(), ring(r).iowq());
        submit(r, Sqe.nop(2).linked(), Sqe.invalid(3).linked());
        assertEquals(List.of(new Cqe(2, -Errno.ECANCELED.number(), 0), new Cqe(3, -Errno.EINVAL.number(), 0)), reap(r));
        assertEquals(List.of(), ring(r).iowq());
    }

    @Example
    void openChainsTheModelDoesNotKnowAreNotSteps() {
        assertFalse(modelled(ringAndPipe(), Sqe.nop(1).linked(), Sqe.nop(2).linked()),
                "an io-wq worker running a chain member by member is not modelled");
        assertFalse(modelled(ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, false).linked()),
                "a poll armed by an io-wq worker is not modelled");
        assertTrue(modelled(ringAndPipe(), Sqe.nop(1), Sqe.nop(2).linked()));
        assertTrue(modelled(ringAndPipe(), Sqe.invalid(1).linked(), Sqe.nop(2).linked()));
        assertTrue(modelled(ringAndPipe(), Sqe.nop(1).linked(), Sqe.invalid(2).linked()));
        assertTrue(modelled(ringAndPipe()), "nothing to submit");
    }

    @Example
    void theLinkModelledCheckReadsOnlyTheChainAtTheEnd() {
        assertTrue(IoPoll.linkModelled(List.of()));
        assertTrue(IoPoll.linkModelled(List.of(Sqe.pollAdd(1, "r0", Mask.IN, false).linked(), Sqe.nop(2))));
        assertTrue(IoPoll.linkModelled(List.of(Sqe.pollAdd(1, "r0", Mask.IN, false), Sqe.nop(2).linked())));
        assertFalse(IoPoll.linkModelled(List.of(Sqe.nop(1), Sqe.pollAdd(2, "r0", Mask.IN, false).linked())));
        assertFalse(IoPoll.linkModelled(List.of(Sqe.nop(1), Sqe.nop(2).linked(), Sqe.nop(3).linked())));
    }
}
