package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.IoUringAbi;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.submit;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IORING_SETUP_DEFER_TASKRUN in the process model ({@link IoLocalWork}), with the values the kernel
 * returned in traces/completion/io-uring-defer-taskrun.trace and
 * io-uring-defer-taskrun-poll-in-and-out.trace (io_uring/io_uring.c io_uring_sanitise_params,
 * io_req_local_work_add, __io_run_local_work, io_cqring_wait, io_uring_poll).
 */
class DeferTaskrunExamples {

    static final int SINGLE = IoUringAbi.IORING_SETUP_SINGLE_ISSUER;
    static final int DEFER = IoUringAbi.IORING_SETUP_DEFER_TASKRUN;

    /** A pipe r0/w0 and a 4-entry DEFER_TASKRUN|SINGLE_ISSUER ring u0 (CQ 8) on fd 9. */
    static R deferRing() {
        R r = new R().pipe("r0", "w0");
        r.call(new IoUringSetup("u0", 9, 4, SINGLE | DEFER, 0, false), 9).expect(ProcRule.IoUringSetupOk);
        return r;
    }

    static R getevents(R r, int min) {
        return r.call(new IoUringEnter("u0", List.of(), min, true), 0).expect(ProcRule.IoUringEnterOk);
    }

    static int ringPoll(R r) {
        r.call(new Poll(List.of(new PollFd("u0", Mask.IN))), r.s.ret());
        return r.s.ret() == 0 ? 0 : ((CopyOut.Revents) r.s.out()).revents().getFirst().revents();
    }

    @Example
    void deferTaskrunWithoutSingleIssuerOrWithSqpollIsEinvalAndSingleIssuerAloneIsNotModelled() {
        R r = new R();
        r.call(new IoUringSetup("u0", 3, 4, DEFER, 0, false), "EINVAL").expect(ProcRule.IoUringSetupEinval);
        r.call(new IoUringSetup("u0", 3, 4, SINGLE | DEFER | IoUringAbi.IORING_SETUP_SQPOLL, 0, false), "EINVAL")
                .expect(ProcRule.IoUringSetupEinval);
        assertTrue(Proc.successors(r.s, new IoUringSetup("u0", 3, 4, SINGLE, 0, false)).isEmpty(),
                "SINGLE_ISSUER alone (another task's -EEXIST) is not modelled");
    }

    @Example
    void aWokenPollsTaskWorkWaitsForGeteventsWhileTheRingPollsPollin() {
        R r = deferRing();
        submit(r, Sqe.pollAdd(1, "r0", Mask.IN, true));
        r.write("w0", 1);
        assertFalse(IoPoll.due(r.s), "local work is not the task's: nothing runs it on the way back to user space");
        assertEquals(List.of(), reap(r), "the CQ tail has not moved");
        assertEquals(Mask.IN | Mask.RDNORM | Mask.OUT | Mask.WRNORM, IoUring.poll((OpenFile.IoUring) r.s.files().get("u0")),
                "io_uring_poll: io_has_work");
        assertEquals(Mask.IN, ringPoll(r));
        submit(r, Sqe.nop(2));
        assertEquals(List.of(new Cqe(2, 0, 0)), reap(r), "an enter without GETEVENTS runs no local work; a NOP is inline");
        getevents(r, 0);
        assertEquals(List.of(new Cqe(1, Mask.IN, IoUringAbi.IORING_CQE_F_MORE)), reap(r));
        assertEquals(0, ringPoll(r));
    }

    @Example
    void aOneShotPollOfAReadyPipeIsInlineAMultishotOneLocalWork() {
        R r = deferRing().write("w0", 1);
        submit(r, Sqe.pollAdd(2, "r0", Mask.IN, false));
        assertEquals(List.of(new Cqe(2, Mask.IN, 0)), reap(r));
        submit(r, Sqe.pollAdd(3, "r0", Mask.IN, true));
        assertEquals(List.of(), reap(r), "io_poll_execute: task work, local");
        getevents(r, 0);
        assertEquals(List.of(new Cqe(3, Mask.IN, IoUringAbi.IORING_CQE_F_MORE)), reap(r));
        submit(r, Sqe.cancel(4, 3));
        assertEquals(List.of(new Cqe(4, 0, 0)), reap(r), "the poll's -ECANCELED is its task work");
        getevents(r, 0);
        assertEquals(List.of(new Cqe(3, -125, 0)), reap(r));
    }

    @Example
    void aWokenReadIsReissuedByLocalWorkAndMeetsMinCompleteOne() {
        R r = deferRing();
        submit(r, Sqe.read(5, "r0", 8));
        r.write("w0", 1);
        assertEquals(List.of(), reap(r));
        getevents(r, 1);
        assertEquals(List.of(new Cqe(5, 1, 0)), reap(r));
    }

    @Example
    void getEventsThatWouldSleepAnotherTasksEnterAndARegisteredEventfdAreNotModelled() {
        R r = deferRing().eventfd("v0", 0, false);
        submit(r, Sqe.pollAdd(1, "r0", Mask.IN, false));
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(), 1, true)).isEmpty(),
                "the main task never sleeps in io_cqring_wait");
        r.call(new TaskCall("t1", new IoUringEnter("u0", List.of(), 0, true), 0), r.s.ret());
        assertTrue(Proc.successors(r.s, new TaskRun("t1")).isEmpty(), "not the submitter: -EEXIST, not modelled");
        assertTrue(Proc.successors(r.s, new IoUringRegisterEventfd("u0", "v0")).isEmpty(),
                "io_req_local_work_add signals the eventfd itself: not modelled");
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.nop(2)), 0, true, 16, 0, 200)).isEmpty(),
                "a bad argsz: the local work runs before io_get_ext_arg's -EINVAL — not modelled");
    }

    @Example
    void whatWouldGoToIoWqIsNotModelledOnSuchARing() {
        OpenFile.IoUring u = (OpenFile.IoUring) deferRing().s.files().get("u0");
        assertFalse(IoLocalWork.modelled(u, List.of(Sqe.nop(1).drained())));
        assertFalse(IoLocalWork.modelled(u, List.of(Sqe.nop(1).linked())));
        assertFalse(IoLocalWork.modelled(u, List.of(Sqe.splice(1, "r0", "w0", 8))));
        assertTrue(IoLocalWork.modelled(u, List.of(Sqe.nop(1).linked(), Sqe.nop(2))));
    }
}
