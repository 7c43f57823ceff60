package kpath.model.proc;

import java.util.List;
import kpath.model.Transition;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.IoUringAbi;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.reap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IORING_SETUP_SQPOLL in the process model, as traces/completion/io-uring-sqpoll.trace shows it
 * (io_uring/sqpoll.c io_sq_thread, __io_sq_thread; io_uring/io_uring.c io_uring_enter): SQEs
 * published with the SQ tail alone, the SQ thread that takes them as a hidden step, and
 * io_uring_enter, which returns to_submit and submits nothing.
 */
class SqpollExamples {

    private static R ring(int flags) {
        R r = new R();
        r.call(new IoUringSetup("u0", 10, 2, flags, 0, false), 10);
        return r;
    }

    private static OpenFile.IoUring file(R r) {
        return (OpenFile.IoUring) r.s.files().get("u0");
    }

    private static List<Transition<ProcState>> sqThread(R r) {
        return Proc.successors(r.s, new IoSqThread());
    }

    @Example
    void theSqThreadTakesAnyCountPublishedSoFarInOrder() {
        R r = ring(IoUringAbi.IORING_SETUP_SQPOLL);
        assertTrue(file(r).sqpoll());
        assertTrue(sqThread(r).isEmpty(), "nothing published");
        r.call(new SqPublish("u0", List.of(Sqe.nop(1), Sqe.nop(2))), 10).expect(ProcRule.SqPublished);
        assertEquals(List.of(Sqe.nop(1), Sqe.nop(2)), file(r).sq());
        List<Transition<ProcState>> ts = sqThread(r);
        assertEquals(2, ts.size());
        for (Transition<ProcState> t : ts) {
            assertEquals(ProcRule.IoSqThreadSubmit, t.rule());
            assertEquals(10, t.next().ret(), "ret stays the last call's");
        }
        OpenFile.IoUring one = (OpenFile.IoUring) ts.get(0).next().files().get("u0");
        OpenFile.IoUring two = (OpenFile.IoUring) ts.get(1).next().files().get("u0");
        assertEquals(List.of(new Cqe(1, 0, 0)), one.cq());
        assertEquals(List.of(Sqe.nop(2)), one.sq());
        assertTrue(one.sqpoll());
        assertEquals(List.of(new Cqe(1, 0, 0), new Cqe(2, 0, 0)), two.cq());
        assertEquals(List.of(), two.sq());
        r.s = ts.get(1).next();
        assertEquals(List.of(new Cqe(1, 0, 0), new Cqe(2, 0, 0)), reap(r));
    }

    @Example
    void enterReturnsWhatTheSqHoldsAndSubmitsNothing() {
        R r = ring(IoUringAbi.IORING_SETUP_SQPOLL);
        r.call(new IoUringEnter("u0", List.of(), 0, false), 0).expect(ProcRule.IoUringEnterSqpoll);
        r.call(new SqPublish("u0", List.of(Sqe.nop(1), Sqe.nop(2))), 0);
        r.call(new IoUringEnter("u0", List.of(), 0, false), 2).expect(ProcRule.IoUringEnterSqpoll);
        assertEquals(2, file(r).sq().size(), "still the SQ thread's");
        assertEquals(List.of(), file(r).cq());
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(), 1, true)).isEmpty(), "GETEVENTS: not modelled");
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(), 0, true, 24, 0, 10)).isEmpty(), "EXT_ARG: not modelled");
        assertTrue(Proc.successors(ring(IoUringAbi.IORING_SETUP_SQPOLL).s, new IoUringEnter("u0", List.of(Sqe.nop(3)), 0, false)).isEmpty(),
                "SQEs in the call's line: published with SqPublish");
    }

    @Example
    void onAnOrdinaryRingAPublishedSqeWaitsForEnter() {
        R r = ring(0);
        assertFalse(file(r).sqpoll());
        r.call(new SqPublish("u0", List.of(Sqe.nop(4))), 10);
        assertTrue(sqThread(r).isEmpty(), "no SQ thread");
        assertEquals(List.of(), reap(r));
        r.call(new IoUringEnter("u0", List.of(), 0, false), 1).expect(ProcRule.IoUringEnterOk);
        assertEquals(List.of(new Cqe(4, 0, 0)), reap(r));
    }

    @Example
    void whatTheModelDoesNotKnowIsNotPublished() {
        R r = ring(IoUringAbi.IORING_SETUP_SQPOLL);
        assertTrue(Proc.successors(r.s, new SqPublish("u0", List.of(Sqe.nop(1), Sqe.nop(2), Sqe.nop(3)))).isEmpty(), "more than the SQ holds");
        assertTrue(Proc.successors(r.s, new SqPublish("u0", List.of(Sqe.nop(1).linked()))).isEmpty());
        assertTrue(Proc.successors(r.s, new SqPublish("u0", List.of(Sqe.nop(1).hardlinked()))).isEmpty());
        assertTrue(Proc.successors(r.s, new SqPublish("u0", List.of(Sqe.nop(1).drained()))).isEmpty());
        assertTrue(Proc.successors(r.s, new SqPublish("u0", List.of(Sqe.nop(1).skipped()))).isEmpty());
        assertTrue(Proc.successors(r.s, new SqPublish("u0", List.of(Sqe.invalid(1)))).isEmpty());
        assertTrue(Proc.successors(r.s, new SqPublish("x9", List.of(Sqe.nop(1)))).isEmpty(), "no such fd");
        R p = new R().pipe("r0", "w0");
        assertTrue(Proc.successors(p.s, new SqPublish("r0", List.of(Sqe.nop(1)))).isEmpty(), "no ring");
        assertTrue(Proc.successors(p.s, new IoSqThread()).isEmpty(), "no ring");
        r.call(new SqPublish("u0", List.of(Sqe.nop(1))), 10);
        assertTrue(Proc.successors(r.s, new SqPublish("u0", List.of(Sqe.nop(2), Sqe.nop(3)))).isEmpty(), "with the one there, three");
        assertEquals(1, Proc.successors(r.s, new SqPublish("u0", List.of(Sqe.nop(2)))).size());
    }

    @Example
    void aCqeThatFindsTheCqFullWaitsOnTheOverflowList() {
        R r = ring(IoUringAbi.IORING_SETUP_SQPOLL); // CQ 4
        for (int i = 0; i < 3; i++) {
            r.call(new SqPublish("u0", List.of(Sqe.nop(2 * i + 1), Sqe.nop(2 * i + 2))), 10);
            r.s = sqThread(r).getLast().next();
        }
        OpenFile.IoUring u = file(r);
        assertEquals(4, u.cq().size());
        assertEquals(List.of(new Cqe(5, 0, 0), new Cqe(6, 0, 0)), u.overflow());
    }

    @Example
    void theActionsReadAsTheirLines() {
        assertEquals("publish(u0) NOP:1+NOP:2", new SqPublish("u0", List.of(Sqe.nop(1), Sqe.nop(2))).toString());
        assertEquals("publish(u0) -", new SqPublish("u0", List.of()).toString());
        assertEquals("SQ thread submits", new IoSqThread().toString());
    }
}
