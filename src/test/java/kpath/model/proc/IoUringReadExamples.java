package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.submit;
import static kpath.model.proc.IoPollExamples.taskWork;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IORING_OP_READ and IORING_OP_RECV in the process model, and submissions that stop at an SQE
 * that fails to initialise, with the values the kernel returned in
 * traces/completion/io-uring-read-and-recv.trace and io-uring-submit-stops-at-invalid.trace
 * (io_uring/rw.c io_read, io_uring/net.c io_recv, io_uring/poll.c io_arm_poll_handler,
 * io_uring/io_uring.c io_submit_sqes, io_submit_fail_init).
 */
class IoUringReadExamples {

    static final long EAGAIN = -11, EBADF = -9, EINVAL = -22, ECANCELED = -125, ENOTSOCK = -88;

    static R ringPipeAndPair() {
        return IoPollExamples.ringAndPipe().pair("s0", "s1");
    }

    @Example
    void aReadOfAnEmptyPipeArmsAPollAndTheWriteCompletesIt() {
        R r = submit(IoPollExamples.ringAndPipe(), Sqe.read(1, "r0", 8));
        assertEquals(List.of(), reap(r));
        OpenFile.PollReq p = IoUringExamples.file(r).polls().getFirst();
        assertEquals("READ", p.op());
        assertEquals(8, p.len());
        assertEquals(Mask.IN | Mask.RDNORM | Mask.PRI | Mask.ERR | Mask.HUP | Mask.NVAL | Mask.RDHUP, p.events());
        r.write("w0", 3);
        taskWork(r);
        assertEquals(List.of(new Cqe(1, 3, 0)), reap(r), "the task work read the 3 bytes");
        assertTrue(IoUringExamples.file(r).polls().isEmpty());
        assertEquals(0, ((OpenFile.PipeRead) r.s.files().get("r0")).bytes());
    }

    @Example
    void readsOfAPipeWithDataCompleteInline() {
        R r = IoPollExamples.ringAndPipe().write("w0", 5);
        submit(r, Sqe.read(2, "r0", 2), Sqe.read(3, "r0", 8));
        assertEquals(List.of(new Cqe(2, 2, 0), new Cqe(3, 3, 0)), reap(r));
    }

    @Example
    void aRecvOfAnEmptySocketWaitsAndWithDontwaitFailsAtOnce() {
        R r = submit(ringPipeAndPair(), Sqe.recv(4, "s0", 16, false));
        assertEquals(List.of(), reap(r));
        r.write("s1", 4);
        taskWork(r);
        assertEquals(List.of(new Cqe(4, 4, 0)), reap(r));
        submit(r, Sqe.recv(5, "s0", 16, true));
        assertEquals(List.of(new Cqe(5, EAGAIN, 0)), reap(r), "MSG_DONTWAIT: REQ_F_NOWAIT, no poll");
        assertTrue(IoUringExamples.file(r).polls().isEmpty());
    }

    @Example
    void aReadOfAnEmptyNonblockingSocketWaitsToo() {
        R r = submit(ringPipeAndPair(), Sqe.read(6, "s0", 16));
        assertEquals(List.of(), reap(r), "not -EAGAIN: sockets support nowait, so io_uring polls");
        r.write("s1", 2);
        taskWork(r);
        assertEquals(List.of(new Cqe(6, 2, 0)), reap(r));
    }

    @Example
    void badFilesFailTheRequestNotTheCall() {
        R r = submit(ringPipeAndPair(), Sqe.recv(9, "r0", 16, false), Sqe.read(10, "w0", 1), Sqe.read(11, "x9", 1),
                Sqe.recv(12, "x9", 1, false));
        assertEquals(List.of(new Cqe(9, ENOTSOCK, 0), new Cqe(10, EBADF, 0), new Cqe(11, EBADF, 0),
                new Cqe(12, EBADF, 0)), reap(r));
    }

    @Example
    void aShortReadFailsItsLinkAShortRecvDoesNot() {
        R r = ringPipeAndPair().write("w0", 8);
        submit(r, Sqe.read(10, "r0", 8).linked(), Sqe.nop(11));
        assertEquals(List.of(new Cqe(10, 8, 0), new Cqe(11, 0, 0)), reap(r), "the whole length: the link holds");
        r.write("w0", 3);
        submit(r, Sqe.read(12, "r0", 8).linked(), Sqe.nop(13));
        assertEquals(List.of(new Cqe(12, 3, 0), new Cqe(13, ECANCELED, 0)), reap(r));
        r.write("s1", 3);
        submit(r, Sqe.recv(14, "s0", 16, false).linked(), Sqe.nop(15));
        assertEquals(List.of(new Cqe(14, 3, 0), new Cqe(15, 0, 0)), reap(r));
        r.write("w0", 3);
        submit(r, Sqe.read(16, "r0", 8).hardlinked(), Sqe.nop(17));
        assertEquals(List.of(new Cqe(16, 3, 0), new Cqe(17, 0, 0)), reap(r), "a hard link runs on");
    }

    @Example
    void anArmedReadEndsWithEndOfFileAndItsLinkIsCancelled() {
        R r = submit(IoPollExamples.ringAndPipe(), Sqe.read(16, "r0", 8).linked(), Sqe.nop(17));
        assertEquals(List.of(), reap(r), "the NOP waits for the read");
        r.call(new Close("w0"), 0);
        taskWork(r);
        assertEquals(List.of(new Cqe(16, 0, 0), new Cqe(17, ECANCELED, 0)), reap(r));
    }

    @Example
    void aWokenReadThatStillFindsNothingArmsAgain() {
        R r = submit(ringPipeAndPair(), Sqe.recv(7, "s0", 16, false).hardlinked(), Sqe.nop(8));
        r.call(new Shutdown("s1", 0), 0); // SHUT_RD on the peer: s0 is woken, but has nothing to read
        taskWork(r);
        assertEquals(List.of(), reap(r));
        OpenFile.PollReq p = IoUringExamples.file(r).polls().getFirst();
        assertFalse(p.pending());
        r.write("s1", 1);
        taskWork(r);
        assertEquals(List.of(new Cqe(7, 1, 0), new Cqe(8, 0, 0)), reap(r));
    }

    @Example
    void anArmedReadIsCancelledWithItsLink() {
        R r = submit(ringPipeAndPair(), Sqe.recv(7, "s0", 16, false).linked(), Sqe.nop(9));
        submit(r, Sqe.cancel(8, 7));
        taskWork(r);
        assertEquals(List.of(new Cqe(8, 0, 0), new Cqe(7, ECANCELED, 0), new Cqe(9, ECANCELED, 0)), reap(r));
    }

    @Example
    void aReadThatWakesAPollOfItsOwnRingKeepsThatWakeUp() {
        // s1's multishot POLLOUT poll fires when the READ of s0 frees the skb s1 wrote (unix_write_space)
        R r = submit(ringPipeAndPair(), Sqe.pollAdd(1, "s1", Mask.OUT, true));
        taskWork(r);
        assertEquals(List.of(new Cqe(1, Mask.OUT, 2)), reap(r));
        r.write("s1", 1);
        submit(r, Sqe.read(2, "s0", 1));
        taskWork(r);
        assertEquals(List.of(new Cqe(2, 1, 0), new Cqe(1, Mask.OUT, 2)), reap(r));
    }

    @Example
    void aReadOfAFileWhoseReadIsNotModelledIsNoStep() {
        R r = IoUringExamples.ring(4).eventfd("v0", 0, false);
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.read(1, "v0", 8)), 0, false)).isEmpty());
    }

    @Example
    void anInvalidSqeEndsTheSubmissionAndTheRestStaysInTheSq() {
        R r = IoUringExamples.ring(4);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(1), Sqe.invalid(2), Sqe.nop(3)), 0, false), 2);
        assertEquals(List.of(Sqe.nop(3)), IoUringExamples.file(r).sq());
        assertEquals(List.of(new Cqe(1, 0, 0), new Cqe(2, EINVAL, 0)), reap(r));
        r.call(new IoUringEnter("u0", List.of(), 0, false), 1);
        assertEquals(List.of(new Cqe(3, 0, 0)), reap(r));
        assertEquals(List.of(), IoUringExamples.file(r).sq());
    }

    @Example
    void aChainWithAnInvalidMemberFailsWholeAndItsRestComesAfterTheBatch() {
        R r = IoUringExamples.ring(4);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(4).linked(), Sqe.invalid(5).linked(), Sqe.nop(6), Sqe.nop(7)), 0,
                false), 4);
        assertEquals(List.of(new Cqe(4, ECANCELED, 0), new Cqe(7, 0, 0), new Cqe(5, EINVAL, 0), new Cqe(6, ECANCELED, 0)),
                reap(r));
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(8).hardlinked(), Sqe.invalid(9).hardlinked(), Sqe.nop(10)), 0,
                false), 3);
        assertEquals(List.of(new Cqe(8, ECANCELED, 0), new Cqe(9, EINVAL, 0), new Cqe(10, ECANCELED, 0)), reap(r));
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(11).linked(), Sqe.invalid(12), Sqe.nop(13)), 0, false), 2);
        assertEquals(List.of(new Cqe(11, ECANCELED, 0), new Cqe(12, EINVAL, 0)), reap(r), "it ends its chain: the call stops");
        assertEquals(List.of(Sqe.nop(13)), IoUringExamples.file(r).sq());
    }

    @Example
    void aSubmissionThatStoppedDoesNotWaitAndLeftoversCountAgainstTheSq() {
        R r = IoUringExamples.ring(2);
        r.call(new IoUringEnter("u0", List.of(Sqe.invalid(1), Sqe.nop(2)), 4, true), 1);
        assertEquals(List.of(new Cqe(1, EINVAL, 0)), reap(r), "no wait for 4, no task work: the NOP is still queued");
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.nop(3), Sqe.nop(4)), 0, false)).isEmpty(),
                "1 left + 2 new do not fit a 2-entry SQ");
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(3)), 0, false), 2);
        assertEquals(List.of(new Cqe(2, 0, 0), new Cqe(3, 0, 0)), reap(r), "the leftover first");
    }

    @Example
    void aWriteCompletesInlineAndItsWakeUpCompletesAReadOfTheSameRing() {
        R r = submit(IoPollExamples.ringAndPipe(), Sqe.read(1, "r0", 8), Sqe.write(2, "w0", 3));
        taskWork(r);
        assertEquals(List.of(new Cqe(2, 3, 0), new Cqe(1, 3, 0)), reap(r));
        r.pair("s0", "s1");
        submit(r, Sqe.recv(3, "s0", 16, false), Sqe.write(4, "s1", 5));
        taskWork(r);
        assertEquals(List.of(new Cqe(4, 5, 0), new Cqe(3, 5, 0)), reap(r));
    }

    @Example
    void aWriteOfAReadEndOrABadFdFailsAndWithoutAReaderFailsItsLink() {
        R r = submit(IoPollExamples.ringAndPipe(), Sqe.write(5, "r0", 1), Sqe.write(8, "x9", 1));
        assertEquals(List.of(new Cqe(5, EBADF, 0), new Cqe(8, EBADF, 0)), reap(r));
        r.call(new Close("r0"), 0);
        submit(r, Sqe.write(6, "w0", 1).linked(), Sqe.nop(7));
        assertEquals(List.of(new Cqe(6, -32, 0), new Cqe(7, ECANCELED, 0)), reap(r), "EPIPE");
    }

    @Example
    void aWriteOfAFileWhoseWriteIsNotModelledIsNoStep() {
        R r = IoUringExamples.ring(4).eventfd("v0", 0, false);
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.write(1, "v0", 8)), 0, false)).isEmpty());
    }

    @Example
    void anArmedRequestKeepsItsFileAfterItsLastFdIsClosed() {
        R r = submit(IoPollExamples.ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, false));
        r.call(new Close("r0"), 0).expect(ProcRule.CloseFd);
        assertTrue(r.s.files().containsKey("r0"), "the poll holds the read end");
        r.write("w0", 1);
        taskWork(r);
        assertEquals(List.of(new Cqe(1, Mask.IN, 0)), reap(r));
        assertFalse(r.s.files().containsKey("r0"), "the poll went, and with it the last reference");
        r.call(new Write("w0", 1), "EPIPE");
    }

    @Example
    void closingTheRingLetsGoOfTheFilesItsRequestsHeld() {
        R r = submit(IoPollExamples.ringAndPipe(), Sqe.read(1, "r0", 8));
        r.call(new Close("r0"), 0);
        r.call(new Close("u0"), 0).expect(ProcRule.CloseRelease);
        assertTrue(r.s.files().containsKey("r0"), "the ring's exit work cancels the read later (RingExitExamples)");
        r.s = Proc.successors(r.s, new IoUringExitWork()).getFirst().next();
        assertFalse(r.s.files().containsKey("r0"));
        r.call(new Write("w0", 1), "EPIPE");
    }

    @Example
    void aFileStillOpenElsewhereIsNotReleasedWhenTheRequestGoes() {
        R r = submit(IoPollExamples.ringAndPipe(), Sqe.read(1, "r0", 8));
        r.write("w0", 2);
        taskWork(r);
        assertTrue(r.s.files().containsKey("r0"), "r0's fd still refers to it");
        r.call(new Close("u0"), 0);
        assertTrue(r.s.files().containsKey("r0"));
    }
}
