package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.submit;
import static kpath.model.proc.IoPollExamples.taskWork;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IORING_CQE_F_SOCK_NONEMPTY (4) in the process model, with the values the kernel returned in
 * traces/completion/io-uring-recv-sock-nonempty.trace (io_uring/net.c io_recv, io_recv_finish;
 * net/unix/af_unix.c unix_stream_read_generic: msg_inq = u->inq_len, since 6.17's SO_INQ).
 */
class CqeSockNonemptyExamples {

    static final int F = 4;

    @Example
    void aRecvLeavingBytesHasTheFlagTheOneTakingTheLastHasNot() {
        R r = IoUringReadExamples.ringPipeAndPair().write("s1", 5);
        submit(r, Sqe.recv(1, "s0", 2, false));
        submit(r, Sqe.recv(2, "s0", 2, false));
        submit(r, Sqe.recv(3, "s0", 2, false));
        assertEquals(List.of(new Cqe(1, 2, F), new Cqe(2, 2, F), new Cqe(3, 1, 0)), reap(r));
    }

    @Example
    void anArmedRecvsTaskWorkHasItAReadNever() {
        R r = submit(IoUringReadExamples.ringPipeAndPair(), Sqe.recv(4, "s0", 2, false));
        r.write("s1", 5);
        taskWork(r);
        assertEquals(List.of(new Cqe(4, 2, F)), reap(r), "io_apoll_task_func -> io_recv: 3 left");
        submit(r, Sqe.read(5, "s0", 2));
        assertEquals(List.of(new Cqe(5, 2, 0)), reap(r), "io_uring/rw.c asks no queue length");
    }

    @Example
    void aRecvSpanningTwoWritesAndEndOfFile() {
        R r = IoUringReadExamples.ringPipeAndPair().write("s1", 3).write("s1", 4);
        submit(r, Sqe.recv(7, "s0", 5, false), Sqe.recv(8, "s0", 16, false));
        assertEquals(List.of(new Cqe(7, 5, F), new Cqe(8, 2, 0)), reap(r));
        r.write("s1", 3).call(new Close("s1"), 0);
        submit(r, Sqe.recv(11, "s0", 2, true), Sqe.recv(12, "s0", 16, false), Sqe.recv(13, "s0", 16, false));
        assertEquals(List.of(new Cqe(11, 2, F), new Cqe(12, 1, 0), new Cqe(13, 0, 0)), reap(r),
                "MSG_DONTWAIT with data: the same; end of file: inq_len 0");
    }

    @Example
    void aFailedRecvHasNoFlag() {
        R r = IoUringReadExamples.ringPipeAndPair();
        submit(r, Sqe.recv(9, "s0", 2, true), Sqe.recv(10, "r0", 2, false));
        assertEquals(List.of(new Cqe(9, -11, 0), new Cqe(10, -88, 0)), reap(r));
    }
}
