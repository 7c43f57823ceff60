package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static kpath.model.proc.IoDrainExamples.free;
import static kpath.model.proc.IoDrainExamples.ring;
import static kpath.model.proc.IoDrainExamples.work;
import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.submit;
import static kpath.model.proc.LinkEndsExamples.modelled;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IORING_OP_SPLICE asleep in io-wq and its cancel, as traces/completion/io-uring-cancel-running-splice.trace
 * shows it (io_uring/splice.c __io_splice_prep, io_splice; io_uring/cancel.c io_async_cancel_one:
 * IO_WQ_CANCEL_RUNNING; fs/splice.c ipipe_prep): the cancel -EALREADY, the splice -512 from its
 * worker afterwards; what the model does not know is no step.
 */
class SpliceExamples {

    /** A ring u0 and two blocking pipes (r0, w0), (r1, w1). */
    static R ringAndBlockingPipes() {
        R r = IoUringExamples.ring(4);
        r.call(new Pipe2("r0", 3, "w0", 4, false), "r0:3,w0:4");
        return r.call(new Pipe2("r1", 5, "w1", 6, false), "r1:5,w1:6");
    }

    static R asleep() {
        return submit(ringAndBlockingPipes(), Sqe.splice(1, "r0", "w1", 8));
    }

    @Example
    void aCancelOfARunningSpliceIsEalreadyAndTheWorkerPostsErestartsysAfterIt() {
        R r = asleep();
        assertEquals(List.of(), reap(r), "forced async: io-wq");
        assertEquals(List.of(new OpenFile.Splice(1, false)), ring(r).splices());
        assertTrue(work(r).isEmpty(), "asleep in pipe_wait_readable until a signal");
        submit(r, Sqe.cancel(2, 1));
        assertEquals(List.of(new OpenFile.Splice(1, true)), ring(r).splices());
        assertEquals(List.of(new Cqe(2, -114, 0)), reap(r), "IO_WQ_CANCEL_RUNNING: -EALREADY");
        List<kpath.model.Transition<ProcState>> ts = work(r);
        assertEquals(1, ts.size());
        assertEquals(ProcRule.IoWqSpliceInterrupted, ts.getFirst().rule());
        assertEquals(r.s.ret(), ts.getFirst().next().ret(), "not the main task's call: its result stays");
        r.s = ts.getFirst().next();
        assertEquals(List.of(), ring(r).splices());
        assertEquals(List.of(new Cqe(1, -512, 0)), reap(r), "-ERESTARTSYS, unconverted");
        free(r);
        assertEquals(0, ring(r).unfreed());
    }

    @Example
    void aCancelOfAnotherUserDataLeavesTheSpliceAsleep() {
        R r = asleep();
        submit(r, Sqe.cancel(2, 7));
        assertEquals(List.of(new Cqe(2, -2, 0)), reap(r));
        assertEquals(List.of(new OpenFile.Splice(1, false)), ring(r).splices());
    }

    @Example
    void aSpliceTheModelDoesNotKnowIsNoStep() {
        R r = ringAndBlockingPipes();
        assertTrue(modelled(r, Sqe.splice(1, "r0", "w1", 8)));
        assertFalse(modelled(r, Sqe.splice(1, "r0", "w1", 0)), "len 0");
        assertFalse(modelled(r, Sqe.splice(1, "r0", "w0", 8)), "the same pipe");
        assertFalse(modelled(r, Sqe.splice(1, "r0", "r1", 8)), "out is no write end");
        assertFalse(modelled(r, Sqe.splice(1, "w0", "w1", 8)), "in is no read end");
        assertFalse(modelled(r, Sqe.splice(1, "x9", "w1", 8)), "a bad fd");
        assertFalse(modelled(r, Sqe.splice(1, "r0", "x9", 8)), "a bad fd");
        assertFalse(modelled(r, Sqe.splice(1, "r0", "w1", 8).linked()));
        assertFalse(modelled(r, Sqe.splice(1, "r0", "w1", 8).drained()));
        assertFalse(modelled(r, Sqe.splice(1, "r0", "w1", 8).skipped()));
        assertFalse(modelled(r, Sqe.splice(1, "r0", "w1", 8), Sqe.cancel(2, 1)), "a cancel may find it queued");
        assertFalse(modelled(r, Sqe.splice(1, "r0", "w1", 8), Sqe.splice(2, "r1", "w0", 8)));
        assertTrue(modelled(r, Sqe.nop(2), Sqe.splice(1, "r0", "w1", 8)));
        r.call(new Write("w0", 1), 1);
        assertFalse(modelled(r, Sqe.splice(1, "r0", "w1", 8)), "data: not asleep");
        R nb = IoUringExamples.ring(4).pipe("r0", "w0").pipe("r1", "w1");
        assertFalse(modelled(nb, Sqe.splice(1, "r0", "w1", 8)), "O_NONBLOCK: -EAGAIN");
        R closed = ringAndBlockingPipes();
        closed.call(new Close("w0"), 0);
        assertFalse(modelled(closed, Sqe.splice(1, "r0", "w1", 8)), "no writer: EOF");
        R noReader = ringAndBlockingPipes();
        noReader.call(new Close("r1"), 0);
        assertFalse(modelled(noReader, Sqe.splice(1, "r0", "w1", 8)), "no reader: EPIPE");
    }

    @Example
    void whileASpliceSleepsWhatCouldWakeItOrTakeItsFilesIsNoStep() {
        R r = asleep();
        assertFalse(modelled(r, Sqe.cancel(2, 1, kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_ALL, "")));
        assertFalse(modelled(r, Sqe.write(2, "w0", 1)));
        assertFalse(modelled(r, Sqe.splice(2, "r1", "w0", 8)));
        assertTrue(modelled(r, Sqe.nop(2)));
        assertTrue(Proc.successors(r.s, new Write("w0", 1)).isEmpty());
        assertTrue(Proc.successors(r.s, new Write("w1", 1)).isEmpty());
        assertTrue(Proc.successors(r.s, new Close("r0")).isEmpty());
        assertTrue(Proc.successors(r.s, new Close("u0")).isEmpty());
        assertFalse(Proc.successors(r.s, new Close("x9")).isEmpty(), "EBADF is still a step");
        assertFalse(Proc.successors(r.s, new Read("r1", 1)).isEmpty() && Proc.successors(r.s, new CqReap("u0")).isEmpty());
    }

    @Example
    void aCancelOfAPollWithTheSplicesUserDataIsNoStep() {
        R r = asleep();
        submit(r, Sqe.pollAdd(3, "r1", kpath.uapi.Mask.IN, false));
        assertFalse(modelled(r, Sqe.cancel(2, 3)), "a poll with that user_data: io_try_cancel's poll lookup");
        assertTrue(modelled(r, Sqe.cancel(2, 1)));
    }

    @Example
    void aDrainedSqeWaitsBehindASleepingSplice() {
        R r = asleep();
        submit(r, Sqe.nop(3).drained());
        assertEquals(1, ring(r).defer().size(), "io_queue_deferred: the splice is allocated");
        assertEquals(List.of(), ring(r).iowq());
    }
}
