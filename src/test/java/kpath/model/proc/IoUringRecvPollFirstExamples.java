package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.submit;
import static kpath.model.proc.IoPollExamples.taskWork;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IORING_RECVSEND_POLL_FIRST on IORING_OP_RECV in the process model, with the values the kernel
 * returned in traces/completion/io-uring-recv-poll-first.trace (io_uring/net.c io_recv: -EAGAIN
 * before any other check until REQ_F_POLLED; io_uring/poll.c io_arm_poll_handler,
 * __io_arm_poll_handler; io_uring/io_uring.c io_queue_async).
 */
class IoUringRecvPollFirstExamples {

    static final long EAGAIN = -11, EBADF = -9, ENOTSOCK = -88;

    static final int APOLL_IN = Mask.IN | Mask.RDNORM | Mask.PRI | Mask.ERR | Mask.HUP | Mask.NVAL | Mask.RDHUP;

    static R ringPipeAndPair() {
        return IoPollExamples.ringAndPipe().pair("s0", "s1");
    }

    @Example
    void onAnEmptySocketItArmsThePollAndTheWriteCompletesIt() {
        R r = submit(ringPipeAndPair(), Sqe.recv(1, "s0", 16, false).pollingFirst());
        assertEquals(List.of(), reap(r));
        OpenFile.PollReq p = IoUringExamples.file(r).polls().getFirst();
        assertEquals(new OpenFile.PollReq(1, p.file(), APOLL_IN, false, false, false, List.of(), false, "RECV", 16), p);
        r.write("s1", 4);
        taskWork(r);
        assertEquals(List.of(new Cqe(1, 4, 0)), reap(r));
        assertTrue(IoUringExamples.file(r).polls().isEmpty());
    }

    @Example
    void onASocketWithDataItsCqeComesFromTaskWorkAfterTheInlineOnes() {
        R r = ringPipeAndPair().write("s1", 3);
        submit(r, Sqe.recv(2, "s0", 16, false).pollingFirst().linked(), Sqe.nop(3), Sqe.nop(4));
        OpenFile.PollReq p = IoUringExamples.file(r).polls().getFirst();
        assertTrue(p.pending(), "the poll found s0 ready: its task work is queued (IO_APOLL_READY)");
        assertEquals(List.of(Sqe.nop(3)), p.linked(), "the linked NOP waits for it");
        taskWork(r);
        assertEquals(List.of(new Cqe(4, 0, 0), new Cqe(2, 3, 0), new Cqe(3, 0, 0)), reap(r));
        r.write("s1", 3);
        submit(r, Sqe.recv(5, "s0", 16, false), Sqe.nop(6));
        assertEquals(List.of(new Cqe(5, 3, 0), new Cqe(6, 0, 0)), reap(r), "without the flag: inline, first");
    }

    @Example
    void aReadyOneIsInNoCancelTable() {
        R r = ringPipeAndPair().write("s1", 3);
        submit(r, Sqe.recv(9, "s0", 16, false).pollingFirst(), Sqe.cancel(10, 9));
        OpenFile.PollReq p = IoUringExamples.file(r).polls().getFirst();
        assertEquals(new OpenFile.PollReq(9, p.file(), 0, false, true, false, List.of(), false, "RECV", 16), p,
                "no events: on no wait queue, in no table");
        taskWork(r);
        assertEquals(List.of(new Cqe(10, -2, 0), new Cqe(9, 3, 0)), reap(r), "-ENOENT, and the RECV its bytes");
        r.write("s1", 3);
        int any = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_ANY;
        submit(r, Sqe.recv(11, "s0", 16, false).pollingFirst(), Sqe.cancel(12, 0, any, ""));
        taskWork(r);
        assertEquals(List.of(new Cqe(12, 0, 0), new Cqe(11, 3, 0)), reap(r), "ANY matches none either: 0");
        submit(r, Sqe.recv(13, "s0", 16, false).pollingFirst(), Sqe.cancel(14, 13));
        taskWork(r);
        assertEquals(List.of(new Cqe(14, 0, 0), new Cqe(13, -125, 0)), reap(r), "an armed one is in the table");
    }

    @Example
    void aReadyOneWhoseDataWentArmsItsPollWithItsEvents() {
        // The RECV behind it takes the bytes first; the task work finds nothing (the kernel punts it to
        // io-wq then, REQ_F_POLLED; the model keeps it waiting on its internal poll, as a woken read).
        R r = ringPipeAndPair().write("s1", 3);
        submit(r, Sqe.recv(15, "s0", 16, false).pollingFirst(), Sqe.recv(16, "s0", 16, false));
        taskWork(r);
        assertEquals(List.of(new Cqe(16, 3, 0)), reap(r));
        OpenFile.PollReq p = IoUringExamples.file(r).polls().getFirst();
        assertEquals(new OpenFile.PollReq(15, p.file(), APOLL_IN, false, false, false, List.of(), false, "RECV", 16), p);
        r.write("s1", 2);
        taskWork(r);
        assertEquals(List.of(new Cqe(15, 2, 0)), reap(r));
    }

    @Example
    void withDontwaitItFailsAtOnceAndTheDataStays() {
        R r = ringPipeAndPair().write("s1", 2);
        submit(r, Sqe.recv(6, "s0", 16, true).pollingFirst().linked(), Sqe.nop(7));
        assertEquals(List.of(new Cqe(6, EAGAIN, 0), new Cqe(7, -125, 0)), reap(r), "REQ_F_NOWAIT: no poll; the link fails");
        assertTrue(IoUringExamples.file(r).polls().isEmpty());
        submit(r, Sqe.recv(8, "s0", 16, false));
        assertEquals(List.of(new Cqe(8, 2, 0)), reap(r));
    }

    @Example
    void onAPipeItWaitsAndFailsWithEnotsockWhenThePipeIsReadable() {
        R r = submit(ringPipeAndPair(), Sqe.recv(8, "r0", 16, false).pollingFirst());
        assertEquals(List.of(), reap(r), "the flag is checked before sock_from_file");
        r.write("w0", 1);
        taskWork(r);
        assertEquals(List.of(new Cqe(8, ENOTSOCK, 0)), reap(r));
        assertEquals(1, ((OpenFile.PipeRead) r.s.files().get("r0")).bytes(), "nothing read");
        assertTrue(IoUringExamples.file(r).polls().isEmpty());
    }

    @Example
    void aBadFdStillFailsWithEbadf() {
        R r = submit(ringPipeAndPair(), Sqe.recv(9, "x9", 16, false).pollingFirst(), Sqe.recv(10, "x9", 16, true).pollingFirst());
        assertEquals(List.of(new Cqe(9, EBADF, 0), new Cqe(10, EBADF, 0)), reap(r));
    }

    @Example
    void theFlagIsWrittenAfterDontwaitAndKeptByTheSqeFlags() {
        assertEquals("RECV:1:s0:16:POLL_FIRST", Sqe.recv(1, "s0", 16, false).pollingFirst().toString());
        assertEquals("RECV:2:s0:16:DONTWAIT:POLL_FIRST:CQE_SKIP:DRAIN:HARDLINK",
                Sqe.recv(2, "s0", 16, true).pollingFirst().skipped().drained().hardlinked().toString());
        assertTrue(Sqe.recv(3, "s0", 16, false).pollingFirst().linked().pollFirst());
        assertTrue(Sqe.recv(3, "s0", 16, false).pollingFirst().hardlinked().pollFirst());
        assertTrue(Sqe.recv(3, "s0", 16, false).pollingFirst().drained().pollFirst());
        assertTrue(Sqe.recv(3, "s0", 16, false).pollingFirst().skipped().pollFirst());
        assertFalse(Sqe.recv(3, "s0", 16, false).linked().pollFirst());
    }
}
