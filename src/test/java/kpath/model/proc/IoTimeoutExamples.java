package kpath.model.proc;

import java.util.List;
import kpath.model.Transition;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.OpenFile.PollReq;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Errno;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.IoDrainExamples.ring;
import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.ringAndPipe;
import static kpath.model.proc.IoPollExamples.submit;
import static kpath.model.proc.IoPollExamples.taskWork;
import static kpath.model.proc.LinkEndsExamples.modelled;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IORING_OP_LINK_TIMEOUT behind a POLL_ADD, as traces/completion/io-uring-link-timeout.trace shows
 * it (io_uring/timeout.c io_link_timeout_fn, io_req_task_link_timeout, io_disarm_next): a timer
 * that fires first completes -ETIME and then the poll it cancelled -ECANCELED; a poll that
 * completes first posts its mask and then the disarmed timeout -ECANCELED.
 */
class IoTimeoutExamples {

    static final long ETIME = -Errno.ETIME.number();
    static final long ECANCELED = -Errno.ECANCELED.number();

    static Sqe poll(long ud) {
        return Sqe.pollAdd(ud, "r0", Mask.IN, false);
    }

    /** The outcomes of the timer of LINK_TIMEOUT {@code ud} firing now. */
    static List<Transition<ProcState>> fire(R r, long ud) {
        return Proc.successors(r.s, new IoLinkTimeout(ud));
    }

    @Example
    void aTimerThatFiresFirstCompletesBeforeThePollItCancels() {
        R r = submit(ringAndPipe(), poll(1).linked(), Sqe.linkTimeout(2, 100));
        assertEquals(List.of(), reap(r), "the poll waits, its timer armed");
        assertTrue(fire(r, 3).isEmpty(), "no timer 3");
        List<Transition<ProcState>> ts = fire(r, 2);
        assertEquals(1, ts.size());
        assertEquals(ProcRule.IoLinkTimeoutFn, ts.getFirst().rule());
        r.s = ts.getFirst().next();
        assertEquals(List.of(), ring(r).polls().getFirst().linked(), "io_remove_next_linked");
        assertTrue(IoPoll.due(r.s), "io_req_task_link_timeout is queued");
        assertTrue(fire(r, 2).isEmpty(), "nothing but the task work while it is due");
        taskWork(r);
        assertEquals(List.of(new Cqe(2, ETIME, 0), new Cqe(1, ECANCELED, 0)), reap(r));
        assertEquals(List.of(), ring(r).polls());
    }

    @Example
    void aPollWokenFirstDisarmsItsTimer() {
        R r = submit(ringAndPipe(), poll(1).linked(), Sqe.linkTimeout(2, 100));
        r.write("w0", 1);
        assertTrue(fire(r, 2).isEmpty(), "the poll's task work is due first");
        taskWork(r);
        assertEquals(List.of(new Cqe(1, Mask.IN, 0), new Cqe(2, ECANCELED, 0)), reap(r));
        assertTrue(fire(r, 2).isEmpty(), "disarmed");
        assertEquals(List.of(), ring(r).polls());
    }

    @Example
    void aPollDoneInlineDisarmsItsTimerThroughTaskWork() {
        R r = ringAndPipe().write("w0", 1);
        submit(r, poll(1).linked(), Sqe.linkTimeout(2, 100));
        assertTrue(IoPoll.due(r.s), "io_req_queue_tw_complete");
        taskWork(r);
        assertEquals(List.of(new Cqe(1, Mask.IN, 0), new Cqe(2, ECANCELED, 0)), reap(r));
    }

    @Example
    void aCancelledOrFailedHeadDisarmsItsTimer() {
        R r = submit(ringAndPipe(), poll(1).linked(), Sqe.linkTimeout(2, 100));
        submit(r, Sqe.cancel(3, 1));
        taskWork(r);
        assertEquals(List.of(new Cqe(3, 0, 0), new Cqe(1, ECANCELED, 0), new Cqe(2, ECANCELED, 0)), reap(r));
        submit(r, Sqe.pollAdd(4, "x9", Mask.IN, false).linked(), Sqe.linkTimeout(5, 100));
        taskWork(r);
        assertEquals(List.of(new Cqe(4, -Errno.EBADF.number(), 0), new Cqe(5, ECANCELED, 0)), reap(r));
    }

    @Example
    void aTimersTaskWorkFindsItsHeadByUserData() {
        OpenFile.IoUring empty = ring(ringAndPipe());
        PollReq fired = new PollReq(2, "", 0, false, true, false, List.of(), false, IoTimeout.OP, 1);
        // no head to cancel: the timer posts io_try_cancel's answer, not -ETIME (no trace shows which)
        assertNotEquals(ETIME, IoTimeout.expired(new IoUring.Ring("u0", empty), fired), "\"ret ?: -ETIME\"");
        R r = submit(ringAndPipe(), poll(7));
        IoUring.Ring other = new IoUring.Ring("u0", ring(r));
        assertNotEquals(ETIME, IoTimeout.expired(other, fired), "another user_data");
        assertFalse(other.polls.getFirst().cancelled(), "another user_data's poll is left alone");
        R h = submit(ringAndPipe(), poll(1));
        IoUring.Ring ring = new IoUring.Ring("u0", ring(h));
        assertEquals(ETIME, IoTimeout.expired(ring, fired));
        assertTrue(ring.polls.getFirst().pending() && ring.polls.getFirst().cancelled(), "io_poll_cancel_req");
    }

    @Example
    void onlyATimeoutRightBehindALinkedPollHeadIsModelled() {
        assertTrue(modelled(ringAndPipe(), poll(1).linked(), Sqe.linkTimeout(2, 100)));
        assertTrue(modelled(ringAndPipe(), Sqe.nop(9), poll(1).linked(), Sqe.linkTimeout(2, 100), Sqe.nop(3)));
        assertFalse(modelled(ringAndPipe(), Sqe.linkTimeout(2, 100)), "no head: __io_timeout_prep's -EINVAL");
        assertFalse(modelled(ringAndPipe(), Sqe.nop(1).linked(), Sqe.linkTimeout(2, 100)), "a NOP head");
        assertFalse(modelled(ringAndPipe(), poll(1).hardlinked(), Sqe.linkTimeout(2, 100)), "a hard link");
        assertFalse(modelled(ringAndPipe(), poll(1), Sqe.linkTimeout(2, 100)), "no link: a chain of its own");
        assertFalse(modelled(ringAndPipe(), Sqe.pollAddLevel(1, "r0", Mask.IN).linked(), Sqe.linkTimeout(2, 100)), "a head failing at init");
        assertFalse(modelled(ringAndPipe(), Sqe.nop(0).linked(), poll(1).linked(), Sqe.linkTimeout(2, 100)), "not the chain's head");
        assertFalse(modelled(ringAndPipe(), poll(1).linked(), Sqe.linkTimeout(2, 100).linked(), Sqe.nop(3)), "not the chain's end");
        assertFalse(modelled(ringAndPipe(), poll(1).linked(), Sqe.linkTimeout(2, 100), poll(3).linked(), Sqe.linkTimeout(2, 50)),
                "two timers with one user_data");
        R r = submit(ringAndPipe(), poll(1).linked(), Sqe.linkTimeout(2, 100));
        assertFalse(modelled(r, poll(3).linked(), Sqe.linkTimeout(2, 100)), "timer 2 is armed");
        assertTrue(modelled(r, poll(3).linked(), Sqe.linkTimeout(4, 100)));
        R plain = submit(ringAndPipe(), poll(7));
        assertTrue(modelled(plain, poll(1).linked(), Sqe.linkTimeout(2, 100)), "a poll without a chain holds no timer");
        R nop = submit(ringAndPipe(), poll(1).linked(), Sqe.nop(2));
        assertTrue(modelled(nop, poll(3).linked(), Sqe.linkTimeout(2, 100)), "NOP 2 is no timer");
    }
}
