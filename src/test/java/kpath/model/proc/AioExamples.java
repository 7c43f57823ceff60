package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.AioEvent;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Native AIO polls in the process model, with the values the kernel returned in
 * traces/completion/aio-poll-and-getevents.trace (fs/aio.c aio_poll, aio_poll_wake,
 * aio_poll_complete_work, read_events, kill_ioctx).
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
        r.call(new IoSubmit("a0", 7, "r0", Mask.IN), 1).expect(ProcRule.IoSubmitPollOk);
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
        assertTrue(Proc.successors(r.s, new IoSetup(1, "a0")).isEmpty(), "names are fresh");
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
}
