package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.AioCtx;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.Task.Phase;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.AioSubmitExamples.ctxAndBlockingPipe;
import static kpath.model.proc.AioSubmitExamples.pread;
import static kpath.model.proc.AioSubmitExamples.run;
import static kpath.model.proc.AioSubmitExamples.submit;
import static kpath.model.proc.ProcRule.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A task's io_destroy, with the values the kernel returned in
 * traces/completion/aio-destroy-while-submit-sleeps.trace (fs/aio.c io_destroy, kill_ioctx: the
 * context dies at once, then wait_for_completion until its requests are done).
 */
class AioDestroyExamples {

    static R destroyCall(R r) {
        return r.call(new TaskCall("t2", new IoDestroy("a0"), -1), r.s.ret()).expect(TaskEnters);
    }

    static Task t2(R r) {
        return r.s.tasks().get("t2");
    }

    @Example
    void ioDestroyWaitsForAReadAsleepInsideIoSubmitWhoseEventIsLost() { // aio-destroy-while-submit-sleeps
        R r = ctxAndBlockingPipe();
        r.call(new TaskCall("t1", submit(pread(1, "r0", 8)), -1), 0);
        run(r, "t1").expect(TaskSleeps);
        destroyCall(r);
        run(r, "t2").expect(TaskSleeps);
        assertEquals(List.of("a0"), t2(r).on());
        assertTrue(((AioCtx) r.s.files().get("a0")).dead(), "kill_ioctx at once: the context is kept, dead");
        r.call(new IoGetevents("a0", 0, 4), "EINVAL");
        assertEquals(Phase.SLEEPING, r.s.tasks().get("t1").phase(), "the read sleeps on, untouched");
        r.write("w0", 3);
        assertEquals(Phase.SLEEPING, t2(r).phase(), "the write wakes the reader only");
        run(r, "t1").expect(IoSubmitOk);
        assertEquals(Phase.RUNNING, t2(r).phase(), "the last request done completes io_destroy's wait");
        assertEquals(List.of(), ((AioCtx) r.s.files().get("a0")).events(), "the event went to the killed ring");
        run(r, "t2").expect(IoDestroyOk);
        assertFalse(r.s.files().containsKey("a0"));
        r.call(new TaskReturn("t1"), 1).call(new TaskReturn("t2"), 0);
    }

    @Example
    void aTasksIoDestroyWithNothingInFlightReturnsAtOnce() {
        R r = ctxAndBlockingPipe();
        destroyCall(r);
        run(r, "t2").expect(IoDestroyOk);
        assertFalse(r.s.files().containsKey("a0"));
        r.call(new TaskReturn("t2"), 0);
        destroyCall(r);
        run(r, "t2").expect(AioEinval);
        r.call(new TaskReturn("t2"), "EINVAL");
    }

    @Example
    void aReadNotYetStartedFindsTheContextGone() { // lookup_ioctx after kill_ioctx
        R r = ctxAndBlockingPipe();
        r.call(new TaskCall("t1", submit(pread(1, "r0", 8)), -1), 0);
        destroyCall(r);
        run(r, "t2").expect(IoDestroyOk);
        run(r, "t1").expect(AioEinval);
    }

    @Example
    void aWaitingPollsFileKeepsTheDeadContextAfterIoDestroyReturns() {
        R r = ctxAndBlockingPipe();
        r.call(new IoSubmit("a0", 7, "r0", Mask.IN), 1);
        r.call(new TaskCall("t1", submit(pread(1, "r0", 8)), -1), 1);
        run(r, "t1").expect(TaskSleeps);
        destroyCall(r);
        run(r, "t2").expect(TaskSleeps);
        assertEquals(List.of("r0"), ((AioCtx) r.s.files().get("a0")).putting());
        r.call(new DelayedFputWork(), r.s.ret()).expect(AioDelayedFput);
        assertTrue(r.s.files().containsKey("a0"), "kept while io_destroy waits");
        r.call(new Close("w0"), 0);
        run(r, "t1").expect(IoSubmitOk);
        run(r, "t2").expect(IoDestroyOk);
        assertFalse(r.s.files().containsKey("a0"), "nothing left to put");
    }

    @Example
    void aFileStillWaitingForItsFputKeepsTheDeadContextPastIoDestroysReturn() {
        R r = ctxAndBlockingPipe();
        r.call(new IoSubmit("a0", 7, "r0", Mask.IN), 1);
        r.call(new TaskCall("t1", submit(pread(1, "r0", 8)), -1), 1);
        run(r, "t1").expect(TaskSleeps);
        destroyCall(r);
        run(r, "t2").expect(TaskSleeps);
        r.call(new Close("w0"), 0);
        run(r, "t1").expect(IoSubmitOk);
        run(r, "t2").expect(IoDestroyOk);
        assertEquals(List.of("r0"), ((AioCtx) r.s.files().get("a0")).putting(), "the cancelled poll's fput is still due");
        r.call(new DelayedFputWork(), r.s.ret()).expect(AioDelayedFput);
        assertFalse(r.s.files().containsKey("a0"));
    }

    @Example
    void notModelledIoDestroyOfAContextATaskWaitsOnInIoGeteventsOrIocbsAfterTheKill() {
        R r = ctxAndBlockingPipe();
        r.call(new TaskCall("t1", new IoGetevents("a0", 1, 2), -1), 0);
        run(r, "t1").expect(TaskSleeps);
        destroyCall(r);
        assertTrue(Proc.successors(r.s, new TaskRun("t2")).isEmpty(), "kill_ioctx wakes io_getevents: not modelled");

        R q = ctxAndBlockingPipe();
        q.call(new TaskCall("t1", submit(pread(1, "r0", 8), pread(2, "r0", 8)), -1), 0);
        run(q, "t1").expect(TaskSleeps);
        destroyCall(q);
        run(q, "t2").expect(TaskSleeps);
        q.write("w0", 1);
        assertTrue(Proc.successors(q.s, new TaskRun("t1")).isEmpty(), "the iocbs after the kill: not modelled");
    }
}
