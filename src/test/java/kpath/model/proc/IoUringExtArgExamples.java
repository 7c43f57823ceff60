package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.Task.Phase;
import kpath.uapi.IoUringAbi;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * io_uring_enter with IORING_ENTER_EXT_ARG (io_uring/io_uring.c io_uring_enter, io_get_ext_arg,
 * io_cqring_wait) and io_uring_setup's features, with the values the kernel returned in
 * traces/completion/io-uring-enter-ext-arg-timeout.trace (and every setup's params).
 */
class IoUringExtArgExamples {

    static final long ETIME = -62, EINVAL = -22;
    static final int ARGSZ = IoUringAbi.GETEVENTS_ARG_SIZE;

    static R ring() {
        return IoUringExamples.ring(2);
    }

    static IoUringEnter ext(List<Sqe> sqes, int min, int argsz, int pad) {
        return new IoUringEnter("u0", sqes, min, true, argsz, pad, 200);
    }

    static List<Cqe> cq(R r) {
        return IoUringExamples.file(r).cq();
    }

    @Example
    void setupCopiesOutTheFeaturesOf618() { // io_uring_create: p->features = IORING_FEAT_FLAGS
        R r = ring();
        assertEquals(new CopyOut.Params(2, 4, 0x3ffff), r.s.out());
        assertEquals(0x3ffff, IoUringAbi.IORING_FEATURES);
    }

    @Example
    void aBadArgszIsEinvalOnlyWhenNothingWasSubmitted() { // io_get_ext_arg after io_submit_sqes
        R r = ring();
        r.call(ext(List.of(), 1, 16, 0), EINVAL).expect(IoUringEnterOk);
        r.call(ext(List.of(Sqe.nop(1)), 1, 16, 0), 1).expect(IoUringEnterOk);
        assertEquals(List.of(new Cqe(1, 0, 0)), cq(r), "submitted; no wait, so nothing flushed either");
        r.call(new IoUringEnter("u0", List.of(), 1, false, 16, 0, 0), 0); // EXT_ARG without GETEVENTS: no arg is read
    }

    @Example
    void aPadIsMinWaitUsecNotCheckedAndAWaitMetAtOnceReturns() {
        R r = ring();
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(1)), 0, false), 1);
        r.call(ext(List.of(), 1, ARGSZ, 1), 0).expect(IoUringEnterOk);
        r.call(new CqReap("u0"), 0);
        assertTrue(Proc.successors(r.s, ext(List.of(), 1, ARGSZ, 0)).isEmpty(), "the main task never sleeps");
        r.call(new TaskCall("t1", ext(List.of(), 1, ARGSZ, 1), 200), 0).expect(TaskEnters);
        assertTrue(Proc.successors(r.s, new TaskRun("t1")).isEmpty(), "a min_wait_usec wait: not modelled");
    }

    static IoUringEnter timed(List<Sqe> sqes, int min) {
        return new IoUringEnter("u0", sqes, min, true, ARGSZ, 0, 0);
    }

    /** t1 enters with a 200 ms timer, sleeps, and its timer fires. */
    static R timesOut(R r, List<Sqe> sqes, int min) {
        r.call(new TaskCall("t1", timed(sqes, min), 200), r.s.ret()).expect(TaskEnters);
        assertEquals(200, r.s.tasks().get("t1").timeout());
        r.call(new TaskRun("t1"), r.s.ret()).expect(TaskSleeps);
        r.call(new TaskTimeout("t1"), r.s.ret()).expect(TaskTimesOut);
        assertEquals(Phase.RUNNING, r.s.tasks().get("t1").phase());
        r.call(new TaskRun("t1"), r.s.ret()).expect(IoUringEnterOk);
        return r;
    }

    @Example
    void aTimerThatFiresWithTheCqEmptyIsEtime() {
        R r = timesOut(ring(), List.of(), 1);
        r.call(new TaskReturn("t1"), ETIME).expect(TaskReturns);
    }

    @Example
    void aTimerThatFiresAfterASubmissionReturnsTheCount() {
        R r = timesOut(ring(), List.of(Sqe.nop(2)), 2);
        r.call(new TaskReturn("t1"), 1);
    }

    @Example
    void aTimerThatFiresWithCqesInTheRingReturnsZero() {
        R r = ring();
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(3)), 0, false), 1);
        timesOut(r, List.of(), 2);
        r.call(new TaskReturn("t1"), 0);
    }

    @Example
    void aTimedWaitMetBeforeItsTimerReturnsAndCannotTimeOut() {
        R r = ring();
        r.call(new TaskCall("t1", timed(List.of(), 1), 5000), 10);
        r.call(new TaskRun("t1"), 10).expect(TaskSleeps);
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(4)), 0, false), 1);
        assertEquals(Phase.RUNNING, r.s.tasks().get("t1").phase(), "woken by the commit");
        assertTrue(Proc.successors(r.s, new TaskTimeout("t1")).isEmpty(), "only a sleeping task's timer fires");
        r.call(new TaskRun("t1"), 1).expect(IoUringEnterOk);
        r.call(new TaskReturn("t1"), 0);
    }

    @Example
    void aTimedOutTaskWhoseRingWentReturnsNothing() {
        R r = ring();
        r.call(new TaskCall("t1", timed(List.of(), 1), 200), 10);
        r.call(new TaskRun("t1"), 10).expect(TaskSleeps);
        r.call(new TaskTimeout("t1"), 10);
        r.call(new Close("u0"), 0);
        assertTrue(Proc.successors(r.s, new TaskRun("t1")).isEmpty());
    }

    @Example
    void enterTextIsWhatTheTraceWrites() {
        assertEquals("io_uring_enter(u0, -, 1, IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG, argsz=24:pad=1, 200)",
                ext(List.of(), 1, ARGSZ, 1).toString());
        assertEquals("io_uring_enter(u0, NOP:1, 1, IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG, argsz=16, 200)",
                ext(List.of(Sqe.nop(1)), 1, 16, 0).toString());
        assertEquals("io_uring_enter(u0, -, 0, IORING_ENTER_EXT_ARG, argsz=24, 0)",
                new IoUringEnter("u0", List.of(), 0, false, ARGSZ, 0, 0).toString());
        assertEquals("t1 -> io_uring_enter(u0, -, 1, IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG, argsz=24, 200)",
                new TaskCall("t1", timed(List.of(), 1), 200).toString());
        assertEquals("t1 -> io_uring_enter(u0, -, 1, IORING_ENTER_GETEVENTS)", new TaskCall("t1", new IoUringEnter("u0",
                List.of(), 1, true), 0).toString());
        assertFalse(new IoUringEnter("u0", List.of(), 1, true).extArg());
        assertTrue(new IoUringEnter("u0", List.of(), 1, true, 0, 0, 0).extArg());
    }
}
