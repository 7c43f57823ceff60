package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.AioCtx;
import kpath.model.proc.OpenFile.AioEvent;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.Task.Phase;
import kpath.uapi.AioAbi;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * io_submit's reads that sleep, its iocb fields and the delayed fput of AIO polls, with the values
 * the kernel returned in traces/completion/aio-submit-sleeps-on-blocking-pipe.trace,
 * aio-rw-flags-nowait.trace, aio-submit-einval-fields.trace and
 * aio-destroy-puts-polled-file-later.trace (fs/aio.c io_submit_one, __io_submit_one, aio_read,
 * aio_prep_rw, aio_poll, kill_ioctx; fs/pipe.c anon_pipe_read; fs/file_table.c fput).
 */
class AioSubmitExamples {

    /** A context a0 and a blocking pipe r0/w0 (pipe2(0)). */
    static R ctxAndBlockingPipe() {
        R r = new R().call(new IoSetup(4, "a0"), 0);
        return r.call(new Pipe2("r0", 3, "w0", 4, false), "r0:3,w0:4");
    }

    static Iocb pread(long data, String fd, long n) {
        return Iocb.rw(false, data, fd, n, "");
    }

    static IoSubmit submit(Iocb... iocbs) {
        return new IoSubmit("a0", List.of(iocbs));
    }

    static AioCtx ctx(R r) {
        return (AioCtx) r.s.files().get("a0");
    }

    static List<AioEvent> events(R r) {
        r.call(new IoGetevents("a0", 0, 4), ctx(r).events().size());
        return ((CopyOut.AioEvents) r.s.out()).events();
    }

    static R run(R r, String t) {
        return r.call(new TaskRun(t), r.s.ret());
    }

    static Task task(R r) {
        return r.s.tasks().get("t1");
    }

    // ---- a read of an empty blocking pipe sleeps inside io_submit ----

    @Example
    void aReadOfAnEmptyBlockingPipeIsATasksCallThatSleepsInsideIoSubmit() { // aio-submit-sleeps-on-blocking-pipe
        R r = ctxAndBlockingPipe();
        assertTrue(Proc.successors(r.s, submit(pread(1, "r0", 8))).isEmpty(), "the main task's calls never sleep");
        r.call(new TaskCall("t1", submit(pread(1, "r0", 8)), -1), 0).expect(TaskEnters);
        run(r, "t1").expect(TaskSleeps);
        assertEquals(List.of("r0"), task(r).on(), "on the pipe's rd_wait");
        assertEquals(0, task(r).need(), "in the first iocb");
        assertTrue(ctx(r).events().isEmpty());
        r.write("w0", 3);
        assertEquals(Phase.RUNNING, task(r).phase());
        run(r, "t1").expect(IoSubmitOk);
        r.call(new TaskReturn("t1"), 1).expect(TaskReturns);
        assertEquals(List.of(new AioEvent(1, 3)), events(r), "the event is in the ring when io_submit returns");
    }

    @Example
    void theWritersCloseWakesItAndTheReadCompletesWithEndOfFile() {
        R r = ctxAndBlockingPipe();
        r.call(new TaskCall("t1", submit(pread(2, "r0", 8)), -1), 0);
        run(r, "t1").expect(TaskSleeps);
        r.call(new Close("w0"), 0).expect(CloseRelease); // pipe_release wakes rd_wait
        run(r, "t1").expect(IoSubmitOk);
        r.call(new TaskReturn("t1"), 1);
        assertEquals(List.of(new AioEvent(2, 0)), events(r));
    }

    @Example
    void aSleepingReadHoldsItsFileAndGoesOnWithItAfterTheFdIsClosed() { // __io_submit_one's fget
        R r = ctxAndBlockingPipe();
        r.call(new TaskCall("t1", submit(pread(1, "r0", 8)), -1), 0);
        run(r, "t1");
        r.call(new Close("r0"), 0).expect(CloseFd);
        assertTrue(r.s.files().containsKey("r0"), "the request holds the read end");
        r.write("w0", 1); // still a reader: no EPIPE
        run(r, "t1").expect(IoSubmitOk);
        r.call(new TaskReturn("t1"), 1);
        assertEquals(List.of(new AioEvent(1, 1)), events(r));
        assertFalse(r.s.files().containsKey("r0"), "let go when the call returned");
        r.call(new Write("w0", 1), "EPIPE");
    }

    @Example
    void aWokenReadThatFindsThePipeEmptyAgainSleepsAgain() {
        R r = ctxAndBlockingPipe();
        r.call(new TaskCall("t1", submit(pread(1, "r0", 8)), -1), 0);
        run(r, "t1");
        r.write("w0", 1);
        r.call(new Read("r0", 8), 1); // the main task takes the byte before t1 runs
        run(r, "t1").expect(TaskSleeps);
        assertEquals(List.of("r0"), task(r).on());
        assertTrue(Proc.successors(r.s, new Read("r0", 8)).isEmpty(), "an empty blocking pipe: not the main task's read");
    }

    @Example
    void theIocbsBeforeTheSleepingOneAreDoneAndTheOnesAfterItWaitForIt() {
        R r = ctxAndBlockingPipe().call(new Pipe2("r1", 5, "w1", 6, false), "r1:5,w1:6");
        r.call(new TaskCall("t1", submit(new Iocb(1, "r1", Mask.IN), pread(2, "r0", 8), pread(3, "r1", 8)), -1), 0);
        run(r, "t1").expect(TaskSleeps);
        assertEquals(1, task(r).need(), "asleep in the second iocb");
        assertEquals(1, task(r).ret(), "one taken");
        assertEquals(List.of("r0"), task(r).on());
        r.write("w0", 2);
        run(r, "t1").expect(TaskSleeps);
        assertEquals(2, task(r).need(), "now in the third");
        assertEquals(List.of("r1"), task(r).on());
        r.write("w1", 1); // completes the poll (65) and wakes the read
        run(r, "t1").expect(IoSubmitOk);
        r.call(new TaskReturn("t1"), 3);
        assertEquals(List.of(new AioEvent(2, 2), new AioEvent(1, Mask.IN | Mask.RDNORM), new AioEvent(3, 1)), events(r));
    }

    @Example
    void aBlockingPipeWithDataOrWithoutWriterIsReadInsideTheMainTasksCall() {
        R r = ctxAndBlockingPipe();
        r.write("w0", 1);
        r.call(submit(pread(1, "r0", 8)), 1).expect(IoSubmitOk);
        r.call(submit(pread(2, "r0", 0)), 1); // a null read does not wait
        r.call(new Close("w0"), 0);
        r.call(submit(pread(3, "r0", 8)), 1);
        assertEquals(List.of(new AioEvent(1, 1), new AioEvent(2, 0), new AioEvent(3, 0)), events(r));
    }

    @Example
    void aBlockingReadOfAPipeIsATasksCallToo() { // anon_pipe_read, as read(2)
        R r = ctxAndBlockingPipe();
        assertTrue(Proc.successors(r.s, new Read("r0", 8)).isEmpty());
        r.call(new TaskCall("t1", new Read("r0", 8), -1), 0);
        run(r, "t1").expect(TaskSleeps);
        r.write("w0", 2);
        run(r, "t1").expect(ReadPipe);
        r.call(new TaskReturn("t1"), 2);
    }

    @Example
    void ioDestroyWaitsForAReadInsideIoSubmit() {
        R r = ctxAndBlockingPipe();
        r.call(new TaskCall("t1", submit(pread(1, "r0", 8)), -1), 0);
        run(r, "t1");
        assertTrue(Proc.successors(r.s, new IoDestroy("a0")).isEmpty(), "not modelled: io_destroy waits for it");
    }

    // ---- aio_rw_flags ----

    @Example
    void rwfNowaitMakesAnEmptyBlockingPipeReadCompleteWithEagain() { // aio-rw-flags-nowait
        R r = ctxAndBlockingPipe().call(new Open("f0", 5), "f0:5");
        r.call(submit(pread(1, "r0", 8).with(AioAbi.RWF_NOWAIT, 0, 0)), 1).expect(IoSubmitOk);
        assertEquals(List.of(new AioEvent(1, -11)), events(r), "IOCB_NOWAIT: -EAGAIN as the event");
        r.write("w0", 2);
        r.call(submit(pread(2, "r0", 8).with(AioAbi.RWF_NOWAIT, 0, 0)), 1);
        r.call(submit(pread(6, "f0", 8).with(AioAbi.RWF_NOWAIT, 0, 0)), 1);
        assertEquals(List.of(new AioEvent(2, 2), new AioEvent(6, 0)), events(r));
    }

    @Example
    void anRwFlagOutsideRwfSupportedIsEopnotsuppForTheIocb() {
        R r = ctxAndBlockingPipe();
        r.call(submit(pread(3, "r0", 8).with(0x40000000, 0, 0)), "EOPNOTSUPP").expect(AioEopnotsupp);
        r.call(submit(new Iocb(4, "w0", Mask.OUT), pread(5, "r0", 8).with(0x40000000, 0, 0)), 1).expect(IoSubmitStopsShort);
        assertEquals(List.of(new AioEvent(4, Mask.OUT)), events(r));
        assertTrue(Proc.successors(r.s, submit(pread(6, "r0", 8).with(0x1, 0, 0))).isEmpty(), "RWF_HIPRI: not modelled");
    }

    // ---- the fields io_submit refuses ----

    @Example
    void theIocbFieldsThatAreEinval() { // aio-submit-einval-fields
        R r = new R().call(new IoSetup(4, "a0"), 0).pipe("r0", "w0").pipe("r1", "w1").call(new Open("f0", 7), "f0:7");
        r.call(new Close("r1"), 0).write("w0", 1);
        r.call(submit(pread(1, "r0", 8).with(0, 0, 1)), "EINVAL").expect(AioEinval);
        r.call(submit(pread(2, "r1", 8).with(0, 0, 1)), "EINVAL").expect(AioEinval); // before fget
        r.call(submit(new Iocb("OP9", 3, "r0", 0, 8, "")), "EINVAL").expect(AioEinval);
        r.call(submit(new Iocb("OP9", 4, "r1", 0, 8, "")), "EBADF").expect(Ebadf); // after fget
        r.call(submit(pread(5, "r0", 8).with(0, -1, 0)), "EINVAL"); // rw_verify_area
        r.call(submit(pread(12, "f0", 8).with(0, -1, 0)), "EINVAL");
        r.call(submit(new Iocb("POLL", 6, "r0", Mask.IN, 1, "")), "EINVAL");
        r.call(submit(new Iocb(7, "r0", Mask.IN).with(0, 1, 0)), "EINVAL");
        r.call(submit(new Iocb(8, "r0", Mask.IN).with(AioAbi.RWF_NOWAIT, 0, 0)), "EINVAL");
        r.call(submit(new Iocb(9, "r0", Mask.IN), new Iocb("OP9", 10, "r0", 0, 8, "")), 1).expect(IoSubmitStopsShort);
        r.call(submit(pread(11, "r0", 8).with(0, 1, 0)), 1); // a pipe ignores the offset
        r.call(submit(pread(13, "f0", 8).with(0, 4096, 0)), 1);
        assertEquals(List.of(new AioEvent(9, Mask.IN), new AioEvent(11, 1), new AioEvent(13, 0)), events(r));
    }

    // ---- delayed fput ----

    @Example
    void aPollCancelledByIoDestroyHoldsItsFileUntilDelayedFputWorkRuns() { // aio-destroy-puts-polled-file-later
        R r = new R().call(new IoSetup(4, "a0"), 0).pipe("r0", "w0");
        r.call(new IoSubmit("a0", 1, "r0", Mask.IN), 1).call(new Close("r0"), 0);
        r.call(new IoDestroy("a0"), 0).expect(IoDestroyOk);
        assertEquals(new AioCtx(List.of(), List.of(), List.of("r0"), true, 0, 0), ctx(r), "kept, dead, for the fput");
        assertEquals(java.util.Map.of(), AioExamples.rings(r), "a dead context has no ring to observe");
        r.call(new IoGetevents("a0", 0, 4), "EINVAL");
        r.call(new IoSubmit("a0", 2, "w0", Mask.OUT), "EINVAL");
        r.call(new IoCancel("a0", 1), "EINVAL");
        r.call(new IoDestroy("a0"), "EINVAL");
        r.write("w0", 1); // the reader is still there
        List<kpath.model.Transition<ProcState>> d = Proc.successors(r.s, new DelayedFputWork());
        assertEquals(AioDelayedFput, d.getFirst().rule());
        r.s = d.getFirst().next();
        assertFalse(r.s.files().containsKey("a0"));
        assertFalse(r.s.files().containsKey("r0"), "released by delayed_fput_work");
        r.call(new Write("w0", 1), "EPIPE");
        assertTrue(Proc.successors(r.s, new DelayedFputWork()).isEmpty(), "nothing left to put");
    }

    @Example
    void aContextWithoutPollsGoesAtOnce() {
        R r = new R().call(new IoSetup(4, "a0"), 0);
        r.call(new IoDestroy("a0"), 0);
        assertFalse(r.s.files().containsKey("a0"));
    }

    @Example
    void aPollTheWorkerCompletesHoldsItsFileUntilDelayedFputWorkRuns() {
        R r = new R().call(new IoSetup(4, "a0"), 0).pipe("r0", "w0");
        r.call(new IoSubmit("a0", 1, "r0", Mask.IN), 1);
        r.call(new IoCancel("a0", 1), "EINPROGRESS").call(new Close("r0"), 0);
        r.s = Proc.successors(r.s, new AioPollWork()).getFirst().next();
        assertEquals(List.of("r0"), ctx(r).putting());
        assertTrue(r.s.files().containsKey("r0"));
        r.s = Proc.successors(r.s, new DelayedFputWork()).getFirst().next();
        assertEquals(new AioCtx(List.of(new AioEvent(1, 0)), List.of(), List.of(), false, 0, 0), ctx(r), "the context stays");
        assertFalse(r.s.files().containsKey("r0"));
    }

    // ---- text ----

    @Example
    void theNewFieldsPrintAsTheTraceWritesThem() {
        assertEquals("pipe2(0) = r0:3,w0:4", new Pipe2("r0", 3, "w0", 4, false).toString());
        assertEquals("io_submit(a0, PREAD:1:r0:8:RWF=RWF_NOWAIT+PREAD:2:r0:8:RWF=0x40000000:OFFSET=-1:RESERVED2=1"
                        + "+POLL:3:r0:POLLIN:NBYTES=1:RESFD=v0+OP9:4:r0:8)",
                submit(pread(1, "r0", 8).with(AioAbi.RWF_NOWAIT, 0, 0), pread(2, "r0", 8).with(0x40000000, -1, 1),
                        new Iocb("POLL", 3, "r0", Mask.IN, 1, "v0"), new Iocb("OP9", 4, "r0", 0, 8, "")).toString());
        assertEquals("t1 -> io_submit(a0, PREAD:1:r0:8)", new TaskCall("t1", submit(pread(1, "r0", 8)), -1).toString());
        assertTrue(new TaskCall("t1", submit(pread(1, "r0", 8)), -1).untimed());
        assertEquals(java.util.Set.of("RWF_NOWAIT", "other", "unknown"), AioAbi.rwFlagNames(0x40000009));
        assertEquals(0x40000000, AioAbi.rwFlags("0x40000000"));
        assertEquals(AioAbi.RWF_NOWAIT, AioAbi.rwFlags("RWF_NOWAIT"));
    }
}
