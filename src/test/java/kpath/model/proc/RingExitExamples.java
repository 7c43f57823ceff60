package kpath.model.proc;

import java.util.List;
import kpath.model.Transition;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Errno;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.ringAndPipe;
import static kpath.model.proc.IoPollExamples.submit;
import static kpath.model.proc.IoPollExamples.taskWork;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Closing a ring, as traces/completion/io-uring-close-cancels-later.trace shows it (io_uring/io_uring.c
 * io_uring_release → io_ring_ctx_wait_and_kill, io_ring_exit_work): a ring that still holds armed
 * requests stays, closed, until its exit work cancels them (a hidden step, IoUringExitWork); only
 * then do they let go of their files.
 */
class RingExitExamples {

    /** The ring's poll of r0 holds the last reference to it: r0's fd and then the ring's are closed. */
    static R closedWithAPollOfAClosedPipe() {
        R r = submit(ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, false));
        r.call(new Close("r0"), 0);
        r.call(new Close("u0"), 0);
        return r;
    }

    static List<Transition<ProcState>> exitWork(R r) {
        return Proc.successors(r.s, new IoUringExitWork());
    }

    @Example
    void aClosedRingKeepsItsPollsFileUntilItsExitWorkRuns() {
        R r = closedWithAPollOfAClosedPipe();
        assertTrue(r.s.files().containsKey("u0"), "closed, not gone: the exit work is queued");
        assertTrue(r.s.files().containsKey("r0"), "the poll still holds the read end");
        r.write("w0", 1); // wakes the poll: its task work is due
        assertEquals(ProcRule.IoUringPollTaskWork, Proc.successors(r.s, new IoUringTaskWork()).getFirst().rule());
    }

    @Example
    void theExitWorkCancelsThePollAndTheReadEndIsReleased() {
        R r = closedWithAPollOfAClosedPipe();
        List<Transition<ProcState>> ts = exitWork(r);
        assertEquals(1, ts.size());
        assertEquals(ProcRule.IoRingExitWork, ts.getFirst().rule());
        assertEquals(r.s.ret(), ts.getFirst().next().ret(), "not the main task's call: its result stays");
        r.s = ts.getFirst().next();
        assertFalse(r.s.files().containsKey("u0"));
        assertFalse(r.s.files().containsKey("r0"), "nothing else referred to it");
        r.call(new Write("w0", 1), -Errno.EPIPE.number());
        assertTrue(exitWork(r).isEmpty(), "nothing is left for it");
    }

    @Example
    void aWakeUpBeforeTheExitWorkCompletesThePollAndTheClosedRingGoesWithIt() {
        R r = closedWithAPollOfAClosedPipe();
        r.write("w0", 1);
        taskWork(r);
        assertFalse(r.s.files().containsKey("u0"), "its last request went: nothing left for the exit work");
        assertFalse(r.s.files().containsKey("r0"));
        assertTrue(exitWork(r).isEmpty());
    }

    @Example
    void aRingWithoutRequestsGoesAtOnce() {
        R r = ringAndPipe();
        r.call(new Close("u0"), 0);
        assertFalse(r.s.files().containsKey("u0"));
        assertTrue(exitWork(r).isEmpty());
    }

    @Example
    void theExitWorkLeavesAFileThatStillHasAnFd() {
        R r = submit(ringAndPipe(), Sqe.pollAdd(1, "r0", Mask.IN, false));
        r.call(new Close("u0"), 0);
        r.s = exitWork(r).getFirst().next();
        assertFalse(r.s.files().containsKey("u0"));
        assertTrue(r.s.files().containsKey("r0"), "r0's fd is open");
        r.write("w0", 1);
    }

    @Example
    void aRingAnotherRingsPollHoldsIsNotClosed() {
        R r = IoUringExamples.ring(4).pipe("r0", "w0");
        r.call(new IoUringSetup("u1", 9, 4), "u1:9");
        r.call(new IoUringEnter("u1", List.of(Sqe.pollAdd(1, "r0", Mask.IN, false)), 0, false), 1);
        r.call(new IoUringEnter("u0", List.of(Sqe.pollAdd(2, "u1", Mask.IN, false)), 0, false), 1);
        r.call(new Close("u1"), 0);
        assertTrue(r.s.files().containsKey("u1"), "u0's poll holds it");
        assertFalse(IoUring.dying(new World(r.s), "u1"), "held: not closed yet");
        assertTrue(exitWork(r).isEmpty());
    }

    @Example
    void aClosedRingStaysWhileAnotherOfItsPollsWaits() {
        R r = submit(ringAndPipe().pipe("r1", "w1"), Sqe.pollAdd(1, "r0", Mask.IN, false), Sqe.pollAdd(2, "r1", Mask.IN, false));
        r.call(new Close("u0"), 0);
        r.write("w0", 1);
        taskWork(r);
        assertTrue(r.s.files().containsKey("u0"), "its poll of r1 still waits for the exit work");
        r.s = exitWork(r).getFirst().next();
        assertFalse(r.s.files().containsKey("u0"));
    }
}
