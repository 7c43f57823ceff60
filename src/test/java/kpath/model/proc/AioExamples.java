package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.AioEvent;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Native AIO polls in the process model, with the values the kernel returned in
 * traces/completion/aio-poll-and-getevents.trace, aio-submit-stops-at-first-failure.trace,
 * aio-cancel-poll.trace and aio-resfd-signals-eventfd.trace (fs/aio.c io_submit, aio_poll,
 * aio_poll_wake, aio_poll_complete_work, io_cancel, aio_complete, read_events, kill_ioctx).
 */
class AioExamples {

    static R ctxAndPipe() {
        return new R().call(new IoSetup(1, "a0"), 0).pipe("r0", "w0");
    }

    static List<AioEvent> events(R r, int min, int nr) {
        r.call(new IoGetevents("a0", min, nr), ((OpenFile.AioCtx) r.s.files().get("a0")).events().size() < nr
                ? ((OpenFile.AioCtx) r.s.files().get("a0")).events().size() : nr);
        return ((CopyOut.AioEvents) r.s.out()).events();
    }

    @Example
    void aWaitingPollIsCompletedByTheWakeupWithTheWholeKey() {
        R r = ctxAndPipe();
        r.call(new IoSubmit("a0", 7, "r0", Mask.IN), 1).expect(ProcRule.IoSubmitOk);
        assertEquals(List.of(), events(r, 0, 4));
        r.write("w0", 1);
        assertEquals(List.of(new AioEvent(7, Mask.IN | Mask.RDNORM)), events(r, 0, 4), "pipe_write's key, unmasked");
    }

    @Example
    void aPollOfAReadyFileCompletesInsideIoSubmitWithThePolledMask() {
        R r = ctxAndPipe().write("w0", 1);
        r.call(new IoSubmit("a0", 8, "r0", Mask.IN), 1);
        r.call(new IoSubmit("a0", 9, "r0", Mask.IN), 1);
        assertEquals(List.of(new AioEvent(8, Mask.IN)), events(r, 1, 1), "oldest first, at most nr");
        assertEquals(List.of(new AioEvent(9, Mask.IN)), events(r, 0, 4));
    }

    @Example
    void aWakeupWithoutAKeyLeavesThePollToAWorkerWhoPollsAgain() {
        R r = ctxAndPipe();
        r.call(new IoSubmit("a0", 7, "r0", Mask.IN), 1);
        r.call(new Close("w0"), 0); // pipe_release wakes the reader without a key
        assertTrue(((OpenFile.AioCtx) r.s.files().get("a0")).polls().getFirst().work());
        List<kpath.model.Transition<ProcState>> ts = Proc.successors(r.s, new AioPollWork());
        assertEquals(ProcRule.AioPollWoken, ts.getFirst().rule());
        r.s = ts.getFirst().next(); // the worker polls: POLLHUP only, not asked for: it waits on
        assertFalse(((OpenFile.AioCtx) r.s.files().get("a0")).polls().getFirst().work());
        assertEquals(List.of(), events(r, 0, 4));
        assertTrue(Proc.successors(r.s, new AioPollWork()).isEmpty(), "no work queued");
    }

    @Example
    void aWakeupWhoseKeyMissesThePollLeavesIt() {
        R r = new R().call(new IoSetup(1, "a0"), 0).pair("s0", "s1");
        r.call(new IoSubmit("a0", 1, "s0", Mask.PRI), 1);
        r.call(new Read("s1", 1), "EAGAIN"); // nothing to read: no wake-up of s0
        r.write("s1", 1); // sock_def_readable's key has PRI: completes it with the whole key
        assertEquals(1, events(r, 0, 4).size());
    }

    @Example
    void aWakeupWhoseKeyMissesAPollOfAPipeLeavesIt() {
        R r = ctxAndPipe();
        r.call(new IoSubmit("a0", 1, "r0", Mask.PRI), 1);
        r.write("w0", 1); // pipe_write's key is POLLIN|POLLRDNORM: not PRI
        assertEquals(List.of(), events(r, 0, 4));
        assertEquals(1, ((OpenFile.AioCtx) r.s.files().get("a0")).polls().size());
        r.call(new IoGetevents("a0", 0, 0), 0); // nr 0: nothing asked, nothing taken
    }

    @Example
    void theErrors() {
        R r = new R();
        r.call(new IoSetup(0, "a0"), "EINVAL").expect(ProcRule.AioEinval);
        r.call(new IoGetevents("a0", 0, 4), "EINVAL");
        r.call(new IoSubmit("a0", 1, "r0", Mask.IN), "EINVAL");
        r.call(new IoDestroy("a0"), "EINVAL");
        r.call(new IoSetup(1, "a0"), 0).expect(ProcRule.IoSetupOk);
        r.call(new IoSetup(1, "a0"), "EINVAL").expect(ProcRule.AioEinval); // *ctxp holds a0's id, not 0
        r.call(new IoGetevents("a0", -1, 4), "EINVAL").expect(ProcRule.AioEinval);
        r.call(new IoGetevents("a0", -1, -1), "EINVAL").expect(ProcRule.AioEinval);
        r.call(new IoSubmit("a0", 1, "zz", Mask.IN), "EBADF").expect(ProcRule.Ebadf);
        r.call(new IoGetevents("a0", 2, 1), "EINVAL");
        r.call(new IoGetevents("a0", 0, -1), "EINVAL");
        r.call(new IoDestroy("a0"), 0).expect(ProcRule.IoDestroyOk);
        r.call(new IoGetevents("a0", 0, 4), "EINVAL");
        assertEquals("io_submit(a0, POLL:7:r0:POLLIN)", new IoSubmit("a0", 7, "r0", Mask.IN).toString());
        assertEquals("io_getevents(a0, 0, 4, 0)", new IoGetevents("a0", 0, 4).toString());
        assertEquals("io_setup(1, a0)", new IoSetup(1, "a0").toString());
        assertEquals("io_destroy(a0)", new IoDestroy("a0").toString());
    }

    @Example
    void ioSetupRefusesMoreThanAioMaxNrWithEagainAndAnOverflowingCountFirstWithEinval() {
        int max = kpath.uapi.AioAbi.IO_SETUP_MAX_NR_EVENTS;
        assertEquals(4194304, max); // 0x10000000 / sizeof(struct io_event) / 2
        R r = new R();
        r.call(new IoSetup(65537, "a0", 65536), "EAGAIN").expect(ProcRule.IoSetupEagain);
        assertTrue(r.s.files().isEmpty());
        r.call(new IoSetup(max, "a0", 65536), "EAGAIN").expect(ProcRule.IoSetupEagain);
        r.call(new IoSetup(max + 1, "a0", 65536), "EINVAL").expect(ProcRule.AioEinval);
        r.call(new IoSetup(max + 1, "a0", max + 1), "EINVAL").expect(ProcRule.AioEinval); // before the limit
        r.call(new IoSetup(max, "a0", max), 0).expect(ProcRule.IoSetupOk);
        r.call(new IoSetup(65536, "a1", 65536), 0).expect(ProcRule.IoSetupOk); // aio_nr is not counted
        R p = new R().pipe("r0", "w0");
        assertTrue(Proc.successors(p.s, new IoSetup(2, "r0", 1)).isEmpty(), "names are fresh, before the limit too");
        assertEquals(kpath.uapi.AioAbi.AIO_MAX_NR_DEFAULT, new IoSetup(1, "a0").aioMaxNr());
    }

    static OpenFile.AioCtx ctx(R r) {
        return (OpenFile.AioCtx) r.s.files().get("a0");
    }

    static long count(R r, String eventfd) {
        return ((OpenFile.EventFd) r.s.files().get(eventfd)).count();
    }

    // ---- io_submit of several iocbs ----

    @Example
    void ioSubmitStopsAtTheFirstFailingIocbAndReturnsHowManyItTook() {
        R r = ctxAndPipe().pipe("r1", "w1").write("w0", 1);
        r.call(new Close("r1"), 0);
        r.call(new IoSubmit("a0", List.of(new Iocb(1, "r0", Mask.IN), new Iocb(2, "r1", Mask.IN), new Iocb(3, "r0", Mask.IN))),
                1).expect(ProcRule.IoSubmitStopsShort);
        assertEquals(List.of(new AioEvent(1, Mask.IN)), events(r, 0, 4), "3 was never submitted");
        r.call(new IoSubmit("a0", List.of(new Iocb(4, "r1", Mask.IN), new Iocb(5, "r0", Mask.IN))), "EBADF")
                .expect(ProcRule.Ebadf);
        assertEquals(List.of(), events(r, 0, 4), "the first failed: nothing taken");
        r.call(new IoSubmit("a0", List.of(new Iocb(9, "r0", Mask.IN), new Iocb(10, "r0", Mask.IN))), 2)
                .expect(ProcRule.IoSubmitOk);
        r.call(new IoSubmit("a0", List.of()), 0).expect(ProcRule.IoSubmitOk);
        assertEquals(List.of(new AioEvent(9, Mask.IN), new AioEvent(10, Mask.IN)), events(r, 0, 4));
    }

    @Example
    void aResfdThatIsNoEventfdIsEinvalAndOneNotOpenEbadf() {
        R r = ctxAndPipe().write("w0", 1).eventfd("v0", 0, false);
        r.call(new IoSubmit("a0", List.of(new Iocb(6, "r0", Mask.IN), new Iocb(7, "r0", Mask.IN, "w0"))), 1)
                .expect(ProcRule.IoSubmitStopsShort);
        assertEquals(CopyOut.NONE, r.s.out());
        r.call(new IoSubmit("a0", List.of(new Iocb(8, "r0", Mask.IN, "w0"))), "EINVAL").expect(ProcRule.AioEinval);
        r.call(new IoSubmit("a0", List.of(new Iocb(8, "r0", Mask.IN, "zz"))), "EBADF").expect(ProcRule.Ebadf);
        r.call(new IoSubmit("a0", List.of(new Iocb(8, "r0", Mask.IN, "v0"))), 1).expect(ProcRule.IoSubmitOk);
        assertEquals(List.of(new AioEvent(6, Mask.IN), new AioEvent(8, Mask.IN)), events(r, 0, 4));
        assertEquals(1, count(r, "v0"), "only 8 had RESFD");
    }

    // ---- io_cancel ----

    @Example
    void ioCancelOfAWaitingPollIsEinprogressAndTheWorkerCompletesItWithResZero() {
        R r = ctxAndPipe();
        r.call(new IoSubmit("a0", 1, "r0", Mask.IN), 1);
        r.call(new IoSubmit("a0", 2, "r0", Mask.IN), 1);
        r.call(new IoCancel("a0", 1), "EINPROGRESS").expect(ProcRule.IoCancelEinprogress);
        assertEquals(new OpenFile.AioPoll(1, "r0", Mask.IN, true, true, "", false, false), ctx(r).polls().getFirst());
        assertFalse(ctx(r).polls().get(1).work(), "the other poll stays");
        r.call(new IoCancel("a0", 1), "EINVAL").expect(ProcRule.AioEinval); // off the active list already
        r.call(new IoCancel("a0", 99), "EINVAL").expect(ProcRule.AioEinval);
        r.call(new IoCancel("zz", 1), "EINVAL").expect(ProcRule.AioEinval);
        List<kpath.model.Transition<ProcState>> ts = Proc.successors(r.s, new AioPollWork());
        assertEquals(ProcRule.AioPollWoken, ts.getFirst().rule());
        r.s = ts.getFirst().next();
        assertEquals(List.of(new AioEvent(1, 0)), events(r, 1, 4), "mangle_poll(0), not -ECANCELED");
        r.write("w0", 1);
        assertEquals(List.of(new AioEvent(2, Mask.IN | Mask.RDNORM)), events(r, 0, 4));
        r.call(new IoSubmit("a0", 3, "r0", Mask.IN), 1);
        r.call(new IoCancel("a0", 3), "EINVAL"); // completed inside io_submit
    }

    @Example
    void aCancelledPollWhoseFileIsReadyByThenCompletesWithTheMask() {
        R r = ctxAndPipe();
        r.call(new IoSubmit("a0", 1, "r0", Mask.IN), 1);
        r.call(new IoCancel("a0", 1), "EINPROGRESS");
        r.write("w0", 1); // the work is queued: the wake-up leaves it to the worker
        assertEquals(List.of(), ctx(r).events());
        assertEquals(1, ctx(r).polls().size());
        r.s = Proc.successors(r.s, new AioPollWork()).getFirst().next();
        assertEquals(List.of(new AioEvent(1, Mask.IN)), events(r, 0, 4), "the worker's vfs_poll & events");
    }

    @Example
    void aCancelledPollOfAFileGoneCompletesWithZero() {
        R r = ctxAndPipe();
        r.call(new IoSubmit("a0", 1, "r0", Mask.IN), 1);
        r.call(new IoCancel("a0", 1), "EINPROGRESS");
        r.call(new Close("r0"), 0);
        r.s = Proc.successors(r.s, new AioPollWork()).getFirst().next();
        assertEquals(List.of(new AioEvent(1, 0)), events(r, 0, 4));
    }

    // ---- IOCB_FLAG_RESFD ----

    @Example
    void aCompletionWithResfdSignalsItsEventfdWhoseWakeupCompletesAPollOfIt() {
        R r = ctxAndPipe().eventfd("v0", 0, false);
        r.call(new IoSubmit("a0", List.of(new Iocb(1, "r0", Mask.IN, "v0"))), 1);
        assertEquals(new OpenFile.AioPoll(1, "r0", Mask.IN, "v0"), ctx(r).polls().getFirst());
        assertEquals(0, count(r, "v0"));
        r.call(new IoSubmit("a0", 2, "v0", Mask.IN), 1);
        r.write("w0", 1);
        assertEquals(List.of(new AioEvent(1, Mask.IN | Mask.RDNORM), new AioEvent(2, Mask.IN)), events(r, 0, 4),
                "eventfd_signal wakes with EPOLLIN alone");
        assertEquals(1, count(r, "v0"));
        r.call(new IoSubmit("a0", List.of(new Iocb(3, "r0", Mask.IN, "v0"))), 1);
        assertEquals(2, count(r, "v0"), "inside io_submit too");
    }

    @Example
    void aKeyedWakeupThatFindsCtxLockTakenLeavesThePollToTheWorkerWhoseResIsMasked() {
        R r = ctxAndPipe().eventfd("v0", 0, false);
        r.call(new IoSubmit("a0", List.of(new Iocb(1, "r0", Mask.IN, "v0"))), 1);
        List<kpath.model.Transition<ProcState>> busy = Proc.successors(r.s, new AioTrylockFails());
        assertEquals(1, busy.size(), "one waiting poll, one outcome");
        assertEquals(ProcRule.AioCtxLockBusy, busy.getFirst().rule());
        r.s = busy.getFirst().next();
        assertTrue(Proc.successors(r.s, new AioTrylockFails()).isEmpty(), "marked once");
        r.write("w0", 1);
        assertTrue(ctx(r).polls().getFirst().work(), "queued, not completed inline");
        assertFalse(ctx(r).polls().getFirst().busy());
        assertEquals(0, count(r, "v0"));
        r.s = Proc.successors(r.s, new AioPollWork()).getFirst().next();
        assertEquals(List.of(new AioEvent(1, Mask.IN)), events(r, 0, 4), "vfs_poll & events, not the key");
        assertEquals(1, count(r, "v0"));
    }

    @Example
    void aPollOfAFileWithoutAPollMethodCompletesAtOnceOrIsEinval() { // aio_poll: no wait queue
        R r = ctxAndPipe().call(new Open("f0", 6), "f0:6");
        r.call(new IoSubmit("a0", 1, "f0", Mask.IN), 1).expect(ProcRule.IoSubmitOk);
        assertEquals(List.of(new AioEvent(1, Mask.IN)), events(r, 0, 4), "DEFAULT_POLLMASK & events");
        r.call(new IoSubmit("a0", List.of(new Iocb(2, "f0", Mask.OUT), new Iocb(3, "f0", Mask.PRI))), 1)
                .expect(ProcRule.IoSubmitStopsShort);
        r.call(new IoSubmit("a0", 4, "f0", Mask.PRI), "EINVAL").expect(ProcRule.AioEinval);
        assertEquals(List.of(new AioEvent(2, Mask.OUT)), events(r, 0, 4));
        assertTrue(ctx(r).polls().isEmpty(), "nothing waits");
    }

    @Example
    void aWaitingPollHoldsItsFileUntilTheFputAfterItsCompletion() { // __io_submit_one fget, iocb_destroy fput
        R r = ctxAndPipe();
        r.call(new IoSubmit("a0", 1, "r0", Mask.IN), 1);
        r.call(new Close("r0"), 0).expect(ProcRule.CloseFd); // the poll holds the reader
        assertTrue(r.s.files().containsKey("r0"));
        List<kpath.model.Transition<ProcState>> w = Proc.successors(r.s, new Write("w0", 1));
        assertEquals(1, w.getFirst().next().ret(), "the reader is still there: no EPIPE");
        assertTrue(Aio.fputDue(w.getFirst().next()), "completed inline, the fput is task work");
        var fput = Proc.successors(w.getFirst().next(), new IoUringTaskWork());
        assertEquals(ProcRule.AioFput, fput.getFirst().rule());
        r.s = fput.getFirst().next();
        assertFalse(r.s.files().containsKey("r0"), "released on the way back to user space");
        r.call(new Write("w0", 1), "EPIPE");
        assertEquals(List.of(new AioEvent(1, Mask.IN | Mask.RDNORM)), events(r, 0, 4));
    }

    @Example
    void destroyingTheContextLetsGoOfTheFilesItsPollsHeldWhenDelayedFputWorkRuns() { // kill_ioctx, delayed_fput
        R r = ctxAndPipe();
        r.call(new IoSubmit("a0", 1, "r0", Mask.IN), 1).call(new Close("r0"), 0);
        r.call(new IoDestroy("a0"), 0);
        assertTrue(r.s.files().containsKey("r0"), "the worker's fput waits for delayed_fput_work");
        ProcState destroyed = r.s;
        r.call(new Write("w0", 1), 1); // before it runs: the reader is still there ...
        r.s = Proc.successors(destroyed, new DelayedFputWork()).getFirst().next();
        assertFalse(r.s.files().containsKey("r0"));
        r.call(new Write("w0", 1), "EPIPE"); // ... after it: gone
    }

    @Example
    void theResfdSignalReachesAnEpollWatchingTheEventfd() {
        R r = ctxAndPipe().eventfd("v0", 0, false).epoll("e0").add("e0", "v0", Mask.IN);
        r.call(new IoSubmit("a0", List.of(new Iocb(1, "r0", Mask.IN, "v0"))), 1);
        r.waitFor("e0", 4);
        r.write("w0", 1);
        r.waitFor("e0", 4, "v0=EPOLLIN");
    }

    @Example
    void theWorkersCompletionSignalsTooAndAnEventfdClosedMeanwhileIsLeft() {
        R r = ctxAndPipe().eventfd("v0", 0, false);
        r.call(new IoSubmit("a0", List.of(new Iocb(1, "r0", Mask.IN, "v0"))), 1);
        r.call(new IoCancel("a0", 1), "EINPROGRESS");
        r.s = Proc.successors(r.s, new AioPollWork()).getFirst().next();
        assertEquals(1, count(r, "v0"));
        r.call(new IoSubmit("a0", List.of(new Iocb(2, "r0", Mask.IN, "v0"))), 1);
        r.call(new Close("v0"), 0);
        r.write("w0", 1);
        assertEquals(List.of(new AioEvent(1, 0), new AioEvent(2, Mask.IN | Mask.RDNORM)), events(r, 0, 4));
    }

    // ---- IOCB_CMD_PREAD, IOCB_CMD_PWRITE of pipes ----

    @Example
    void aioReadsAndWritesOfAPipeAreDoneInsideIoSubmit() {
        R r = ctxAndPipe().eventfd("v0", 0, false);
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 1, "r0", 8, ""))), 1).expect(ProcRule.IoSubmitOk);
        assertEquals(List.of(new AioEvent(1, -11)), events(r, 0, 4), "O_NONBLOCK: -EAGAIN as the event");
        r.call(new IoSubmit("a0", List.of(Iocb.rw(true, 2, "w0", 3, "v0"))), 1);
        assertEquals(List.of(new AioEvent(2, 3)), events(r, 0, 4));
        assertEquals(1, count(r, "v0"));
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 3, "r0", 2, ""), Iocb.rw(false, 4, "r0", 0, ""))), 2);
        assertEquals(List.of(new AioEvent(3, 2), new AioEvent(4, 0)), events(r, 0, 4));
        r.call(new IoSubmit("a0", 5, "r0", Mask.IN), 1); // 1 byte left: ready
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 6, "w0", 8, ""))), "EBADF").expect(ProcRule.Ebadf);
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 6, "r0", 8, ""), Iocb.rw(true, 7, "r0", 8, ""))), 1)
                .expect(ProcRule.IoSubmitStopsShort);
        assertEquals(List.of(new AioEvent(5, Mask.IN), new AioEvent(6, 1)), events(r, 0, 4));
        r.call(new Close("w0"), 0);
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 8, "r0", 8, ""))), 1);
        assertEquals(List.of(new AioEvent(8, 0)), events(r, 0, 4), "no writer: EOF");
    }

    @Example
    void anAioWriteWakesAWaitingPollBeforeItsOwnCompletionAndOneWithoutReaderIsEpipe() {
        R r = ctxAndPipe();
        r.call(new IoSubmit("a0", 5, "r0", Mask.IN), 1);
        r.call(new IoSubmit("a0", List.of(Iocb.rw(true, 6, "w0", 1, ""))), 1);
        assertEquals(List.of(new AioEvent(5, Mask.IN | Mask.RDNORM), new AioEvent(6, 1)), events(r, 0, 4));
        r.call(new Close("r0"), 0);
        r.call(new IoSubmit("a0", List.of(Iocb.rw(true, 7, "w0", 1, ""))), 1);
        assertEquals(List.of(new AioEvent(7, -32)), events(r, 0, 4));
    }

    @Example
    void aBufferedAioReadOfARegularFileIsDoneInsideIoSubmitAndAWriteOfItIsEbadf() {
        R r = new R().call(new IoSetup(1, "a0"), 0).call(new Open("f0", 3), "f0:3");
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 1, "f0", 8, ""), Iocb.rw(true, 2, "f0", 8, ""))), 1)
                .expect(ProcRule.IoSubmitStopsShort);
        r.call(new IoSubmit("a0", List.of(Iocb.rw(true, 3, "f0", 8, ""))), "EBADF").expect(ProcRule.Ebadf);
        assertEquals(List.of(new AioEvent(1, 0)), events(r, 0, 4), "read-only, and empty");
    }

    @Example
    void anFsyncOfARegularFileIsDoneByTheWorkerAndNoCancelReachesIt() {
        R r = new R().call(new IoSetup(1, "a0"), 0).call(new Open("f0", 3), "f0:3");
        r.call(new IoSubmit("a0", List.of(new Iocb("FSYNC", 1, "f0", 0, 0, ""))), 1).expect(ProcRule.IoSubmitOk);
        assertEquals(List.of(), ((OpenFile.AioCtx) r.s.files().get("a0")).events(), "aio_fsync only schedules the work");
        r.call(new IoCancel("a0", 1), "EINVAL").expect(ProcRule.AioEinval);
        r.call(new Close("f0"), 0);
        assertTrue(r.s.files().containsKey("f0"), "the request holds its file");
        List<kpath.model.Transition<ProcState>> ts = Proc.successors(r.s, new AioPollWork());
        assertEquals(ProcRule.AioPollWoken, ts.getFirst().rule());
        r.s = ts.getFirst().next();
        assertEquals(List.of(new AioEvent(1, 0)), ((OpenFile.AioCtx) r.s.files().get("a0")).events(), "vfs_fsync: 0");
        assertEquals(List.of("f0"), ((OpenFile.AioCtx) r.s.files().get("a0")).putting(), "its fput from the worker waits");
        r.s = Proc.successors(r.s, new DelayedFputWork()).getFirst().next();
        assertFalse(r.s.files().containsKey("f0"));
    }

    @Example
    void anFdsyncWithResfdSignalsItsEventfdWhenTheWorkerCompletesIt() {
        R r = new R().call(new IoSetup(1, "a0"), 0).call(new Open("f0", 9), "f0:9").eventfd("v0", 0, false);
        r.call(new IoSubmit("a0", List.of(new Iocb("FDSYNC", 2, "f0", 0, 0, "v0"))), 1).expect(ProcRule.IoSubmitOk);
        assertEquals(new OpenFile.EventFd(0, false), r.s.files().get(r.s.fds().get("v0")));
        r.s = Proc.successors(r.s, new AioPollWork()).getFirst().next();
        assertEquals(new OpenFile.EventFd(1, false), r.s.files().get(r.s.fds().get("v0")), "aio_complete: eventfd_signal");
        assertEquals(List.of(new AioEvent(2, 0)), events(r, 0, 4));
    }

    @Example
    void anFsyncOfAFileWithoutFsyncOrWithItsFieldsSetIsEinval() {
        R r = ctxAndPipe().call(new Open("f0", 9), "f0:9").eventfd("v0", 0, false);
        r.call(new IoSubmit("a0", List.of(new Iocb("FSYNC", 1, "r0", 0, 0, ""))), "EINVAL").expect(ProcRule.AioEinval);
        r.call(new IoSubmit("a0", List.of(new Iocb("FDSYNC", 2, "v0", 0, 0, ""))), "EINVAL").expect(ProcRule.AioEinval);
        r.call(new IoSubmit("a0", List.of(new Iocb("FSYNC", 3, "f0", 0, 8, ""))), "EINVAL").expect(ProcRule.AioEinval);
        r.call(new IoSubmit("a0", List.of(new Iocb("FSYNC", 4, "f0", 0, 0, "").with(0, 1, 0))), "EINVAL");
        r.call(new IoSubmit("a0", List.of(new Iocb("FSYNC", 5, "f0", 0, 0, "").with(kpath.uapi.AioAbi.RWF_NOWAIT, 0, 0))),
                "EINVAL").expect(ProcRule.AioEinval);
        r.call(new IoSubmit("a0", List.of(new Iocb("FSYNC", 6, "f0", 0, 0, ""), new Iocb("FSYNC", 7, "w0", 0, 0, ""))), 1)
                .expect(ProcRule.IoSubmitStopsShort);
        assertEquals(1, ((OpenFile.AioCtx) r.s.files().get("a0")).polls().size(), "the first one taken");
    }

    @Example
    void theSlotsAContextTakesFollowTheCpuCountAndTheRingsPages() {
        // measured on 6.18 with 2 possible CPUs, a submitter on one CPU: 120, 248, 504
        assertEquals(120, kpath.uapi.AioAbi.slots(1, 2));
        assertEquals(120, kpath.uapi.AioAbi.slots(4, 2));
        assertEquals(248, kpath.uapi.AioAbi.slots(100, 2));
        assertEquals(504, kpath.uapi.AioAbi.slots(200, 2));
        assertEquals(124, kpath.uapi.AioAbi.slots(1, 1), "8 events, one page: 126 in batches of 31");
        assertEquals(0, kpath.uapi.AioAbi.slots(1, 0), "no CPU count: not modelled");
        assertEquals(124, ((OpenFile.AioCtx) new R().call(new IoSetup(1, "a0", 65536, 1), 0).s.files().get("a0")).slots());
    }

    @Example
    void theRingsNrFollowsTheCpuCountAndTheRingsPages() { // aio-setup-maps-the-ring: 127 in 4096 bytes, 255 in 8192
        assertEquals(127, kpath.uapi.AioAbi.ringNr(1, 2));
        assertEquals(255, kpath.uapi.AioAbi.ringNr(100, 2), "200 + 2 events need a second page");
        assertEquals(127, kpath.uapi.AioAbi.ringNr(62, 2), "126 + 2 fill one page with the header");
        assertEquals(255, kpath.uapi.AioAbi.ringNr(63, 2));
        assertEquals(0, kpath.uapi.AioAbi.ringNr(1, 0), "no CPU count: not known");
        R r = new R().call(new IoSetup(100, "a0", 65536, 2), 0);
        assertEquals(255, ((OpenFile.AioCtx) r.s.files().get("a0")).nr());
    }

    @Example
    void theRingObservedHoldsTheEventsNotYetTaken() { // aio-setup-maps-the-ring: tail moves, then head
        R r = held(2, 0);
        assertEquals(java.util.Map.of("a0", java.util.Map.of("nr", 127, "ready", 0)), rings(r));
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 1, "r0", 8, ""))), 1);
        assertEquals(java.util.Map.of("a0", java.util.Map.of("nr", 127, "ready", 1)), rings(r), "aio_complete: tail + 1");
        r.call(new IoGetevents("a0", 0, 4), 1);
        assertEquals(java.util.Map.of("a0", java.util.Map.of("nr", 127, "ready", 0)), rings(r), "head = tail");
        r.call(new IoDestroy("a0"), 0);
        assertEquals(java.util.Map.of(), rings(r), "no ring once destroyed");
    }

    /** The observables' aioRing: each live context's nr and the events its ring holds. */
    static java.util.Map<String, Object> rings(R r) {
        return ((kpath.model.TlaFunction) kpath.model.readiness.ReadinessModel.observe(r.s).get("aioRing")).mapping();
    }

    /** A context with {@code slots} slots of which {@code held} are held by events of empty reads of r0. */
    static R held(int cpus, int held) {
        R r = new R().call(new IoSetup(1, "a0", 65536, cpus), 0).pipe("r0", "w0");
        for (int i = 1; i <= held; i++) {
            r.call(new IoSubmit("a0", List.of(Iocb.rw(false, i, "r0", 8, ""))), 1);
        }
        return r;
    }

    @Example
    void anIoSubmitOnceTheEventsHoldEverySlotIsEagainAndAnEventTakenGivesOneBack() {
        R r = held(1, 124);
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 125, "r0", 8, ""))), "EAGAIN").expect(ProcRule.AioEagain);
        r.call(new IoSubmit("a0", List.of(new Iocb(126, "zz", Mask.IN))), "EAGAIN").expect(ProcRule.AioEagain); // before the fd
        r.call(new IoSubmit("a0", List.of(new Iocb(127, "zz", Mask.IN).with(0, 0, 1))), "EINVAL"); // aio_reserved2 first
        assertEquals(1, events(r, 0, 1).size());
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 128, "r0", 8, ""), Iocb.rw(false, 129, "r0", 8, ""))), 1)
                .expect(ProcRule.IoSubmitStopsShort);
        assertEquals(124, events(r, 0, 200).size());
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 130, "r0", 8, ""))), 1).expect(ProcRule.IoSubmitOk);
    }

    @Example
    void waitingPollsHoldSlotsAndACompletedOneHoldsItThroughItsEvent() {
        R r = new R().call(new IoSetup(1, "a0", 65536, 1), 0).pipe("r0", "w0");
        for (int i = 1; i <= 124; i++) {
            r.call(new IoSubmit("a0", i, "r0", Mask.IN), 1);
        }
        r.call(new IoSubmit("a0", 125, "r0", Mask.IN), "EAGAIN");
        r.write("w0", 1); // completes them all inline: their events hold the slots
        r.call(new IoSubmit("a0", 126, "r0", Mask.IN), "EAGAIN");
        assertEquals(124, events(r, 0, 200).size());
        r.call(new IoSubmit("a0", 127, "r0", Mask.IN), 1);
    }

    @Example
    void aPollCompletedEarlierInTheSameBatchHoldsItsSlotOnceThroughItsEvent() {
        R r = new R().call(new IoSetup(1, "a0", 65536, 1), 0).pipe("r0", "w0");
        r.call(new IoSubmit("a0", 1, "r0", Mask.IN), 1);
        for (int i = 2; i <= 122; i++) {
            r.call(new IoSubmit("a0", List.of(Iocb.rw(false, i, "r0", 8, ""))), 1); // empty: -EAGAIN, an event
        }
        // the write completes the poll inline (its fput waits for the call's end): 123 events, then the read's
        r.call(new IoSubmit("a0", List.of(Iocb.rw(true, 123, "w0", 1, ""), Iocb.rw(false, 124, "r0", 8, ""))), 2)
                .expect(ProcRule.IoSubmitOk);
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 125, "r0", 8, ""))), "EAGAIN");
    }

    @Example
    void aTasksReadAsleepInsideIoSubmitHoldsASlot() {
        R r = new R().call(new IoSetup(1, "a0", 65536, 1), 0).call(new Pipe2("r0", 3, "w0", 4, false), "r0:3,w0:4");
        r.call(new TaskCall("t1", new IoSubmit("a0", List.of(Iocb.rw(false, 1, "r0", 8, ""))), -1), 0);
        r.s = Proc.successors(r.s, new TaskRun("t1")).getFirst().next(); // asleep in the pipe's read
        for (int i = 2; i <= 124; i++) {
            r.call(new IoSubmit("a0", i, "r0", Mask.IN), 1);
        }
        r.call(new IoSubmit("a0", 125, "r0", Mask.IN), "EAGAIN").expect(ProcRule.AioEagain);
    }

    @Example
    void aioReadsOfOtherFilesAreNotModelled() {
        R r = new R().call(new IoSetup(1, "a0"), 0).eventfd("v0", 0, false);
        assertTrue(Proc.successors(r.s, new IoSubmit("a0", List.of(Iocb.rw(false, 1, "v0", 8, "")))).isEmpty());
        assertTrue(Proc.successors(r.s, new IoSubmit("a0", List.of(new Iocb(1, "v0", Mask.IN),
                Iocb.rw(true, 2, "v0", 8, "")))).isEmpty(), "not even after a poll taken");
    }

    @Example
    void theNewCallsPrintAsTheTraceWritesThem() {
        assertEquals("io_submit(a0, POLL:7:r0:POLLIN+POLL:8:r1:POLLIN:RESFD=v0)",
                new IoSubmit("a0", List.of(new Iocb(7, "r0", Mask.IN), new Iocb(8, "r1", Mask.IN, "v0"))).toString());
        assertEquals("io_cancel(a0, 7)", new IoCancel("a0", 7).toString());
        assertEquals("io_getevents(a0, 1, 4, 1000)", new IoGetevents("a0", 1, 4, 1000).toString());
        assertEquals("io_submit(a0, PREAD:1:r0:8+PWRITE:2:w0:3:RESFD=v0)", new IoSubmit("a0",
                List.of(Iocb.rw(false, 1, "r0", 8, ""), Iocb.rw(true, 2, "w0", 3, "v0"))).toString());
        assertEquals("io_submit(a0, FSYNC:1:f0:0+FDSYNC:2:f0:0:OFFSET=1)", new IoSubmit("a0",
                List.of(new Iocb("FSYNC", 1, "f0", 0, 0, ""), new Iocb("FDSYNC", 2, "f0", 0, 0, "").with(0, 1, 0))).toString());
    }
}
