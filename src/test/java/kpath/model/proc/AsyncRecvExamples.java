package kpath.model.proc;

import java.util.List;
import kpath.model.Transition;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.submit;
import static kpath.model.proc.IoPollExamples.taskWork;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A RECV with IOSQE_ASYNC in the process model ({@link IoWqRecv}), with the values the kernel
 * returned in traces/completion/io-uring-recv-async-nonblock.trace (io_uring/io_uring.c
 * io_wq_submit_work, io_req_task_submit; io_uring/net.c io_recv).
 */
class AsyncRecvExamples {

    /** The one outcome of the io-wq worker step that is a forced-async RECV's. */
    static void worker(R r) {
        List<Transition<ProcState>> ts = Proc.successors(r.s, new IoWqWork());
        assertEquals(1, ts.size(), "one request waits for a worker");
        assertEquals(ProcRule.IoWqRecvIssued, ts.getFirst().rule());
        r.s = ts.getFirst().next();
    }

    static OpenFile.PollReq request(R r) {
        return IoUringExamples.file(r).polls().getFirst();
    }

    @Example
    void anEmptySocketArmsAPollNoEagainAndTheSendIsReadByTheWorker() {
        R r = submit(IoUringReadExamples.ringPipeAndPair(), Sqe.recv(1, "s0", 8, false).forcedAsync());
        assertEquals(0, request(r).events(), "queued for io-wq: on no wait queue, no inline try");
        assertEquals(List.of(1L), IoUringExamples.file(r).forcedAsync());
        assertEquals(List.of(), reap(r));
        worker(r);
        assertEquals(IoPoll.APOLL_IN, request(r).events(), "-EAGAIN: io_arm_poll_handler, no CQE");
        assertEquals(List.of(), reap(r));
        assertTrue(Proc.successors(r.s, new IoWqWork()).isEmpty(), "armed: nothing for a worker");
        r.write("s1", 2);
        taskWork(r); // io_apoll_task_func -> io_req_task_submit: REQ_F_FORCE_ASYNC, io_queue_iowq
        assertEquals(0, request(r).events());
        assertEquals(List.of(), reap(r), "the task work reads nothing itself");
        worker(r);
        assertEquals(List.of(new Cqe(1, 2, 0)), reap(r));
        assertEquals(List.of(), IoUringExamples.file(r).forcedAsync());
        assertEquals(1, IoUringExamples.file(r).unfreed(), "freed by the submitter's task work later");
    }

    @Example
    void aWorkerThatRunsAfterTheSendReadsAtOnceAndEndOfFileIsZero() {
        R r = submit(IoUringReadExamples.ringPipeAndPair(), Sqe.recv(2, "s0", 8, false).forcedAsync());
        r.write("s1", 3);
        assertFalse(IoPoll.due(r.s), "no poll armed yet: the send wakes nothing");
        worker(r);
        assertEquals(List.of(new Cqe(2, 3, 0)), reap(r));
        submit(r, Sqe.recv(3, "s0", 1, false).forcedAsync());
        r.call(new Close("s1"), 0);
        worker(r);
        assertEquals(List.of(new Cqe(3, 0, 0)), reap(r), "the peer's close: end of file");
    }

    @Example
    void whatTheModelDoesNotTake() {
        R r = IoUringReadExamples.ringPipeAndPair();
        for (Sqe q : List.of(Sqe.recv(1, "s0", 8, true).forcedAsync(), Sqe.recv(1, "r0", 8, false).forcedAsync(),
                Sqe.read(1, "r0", 8).forcedAsync(), Sqe.nop(1).forcedAsync(), Sqe.recv(1, "s0", 8, false).forcedAsync().linked())) {
            assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(q), 0, false)).isEmpty(), q::toString);
        }
        submit(r, Sqe.recv(1, "s0", 8, false).forcedAsync());
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.cancel(2, 1)), 0, false)).isEmpty(),
                "a cancel while it is alive could find it in io-wq: not modelled");
        assertEquals("RECV:1:s0:8:ASYNC", Sqe.recv(1, "s0", 8, false).forcedAsync().toString());
        R q = IoUringReadExamples.ringPipeAndPair();
        Sqe a = Sqe.recv(4, "s0", 8, false).forcedAsync();
        for (List<Sqe> batch : List.of(List.of(a, Sqe.recv(4, "s0", 8, false).forcedAsync()), List.of(Sqe.nop(4), a),
                List.of(Sqe.nop(5).linked(), a), List.of(Sqe.recv(4, "s0", 8, false).selecting(0).forcedAsync()))) {
            assertTrue(Proc.successors(q.s, new IoUringEnter("u0", batch, 0, false)).isEmpty(), batch::toString);
        }
        submit(q, Sqe.pollAdd(6, "r0", 1, false));
        assertTrue(Proc.successors(q.s, new IoUringEnter("u0", List.of(Sqe.recv(6, "s0", 8, false).forcedAsync()), 0, false))
                .isEmpty(), "an ASYNC RECV with a live poll's user_data: not modelled");
    }

    @Example
    void thePostedRequestLetsItsSocketGo() {
        R r = submit(IoUringReadExamples.ringPipeAndPair(), Sqe.recv(7, "s0", 8, false).forcedAsync());
        r.write("s1", 1);
        worker(r);
        assertEquals(List.of(new Cqe(7, 1, 0)), reap(r));
        r.call(new Close("s0"), 0);
        assertEquals(ProcRule.CloseRelease, r.last, "io_put_file: no request holds s0 any more");
    }
}
