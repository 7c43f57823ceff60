package kpath.check.completion;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;

/**
 * The wrong twins of io-uring-recv-sock-nonempty (U-CQE-04: IORING_CQE_F_SOCK_NONEMPTY, 4, in a
 * RECV's CQE; io_uring/net.c io_recv, io_recv_finish; net/unix/af_unix.c unix_stream_read_generic):
 * each edited the way a wrong belief would write it, rejected by both checkers at the line the
 * kernel contradicts, the Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class CqeFlagsTraceReplayTest {

    static final Path NONEMPTY = DIR.resolve("io-uring-recv-sock-nonempty.trace");

    @Test
    void aRecvLeavingBytesWithoutTheFlagIsRejected() throws Exception {
        // The belief "AF_UNIX reports no queue length" (true before 6.17's SO_INQ): RECV 1 took 2 of
        // the 5 bytes queued, and unix_stream_read_generic wrote the 3 left into msg_inq.
        rejectedByBoth(edit(NONEMPTY, "cqes=1:2:4", 1, "observe reap(u0) cqes=1:2:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:2:4 sq_flags=0 cq_overflow=0, the kernel cqes=1:2:0");
    }

    @Test
    void aRecvTakingTheLastByteWithTheFlagIsRejected() throws Exception {
        // The belief "the flag says the socket had more than was asked for": RECV 3 asked 2 and got
        // the last byte; msg_inq is 0 and io_recv_finish adds the flag only above 0.
        rejectedByBoth(edit(NONEMPTY, "cqes=3:1:0", 1, "observe reap(u0) cqes=3:1:4 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=3:1:0 sq_flags=0 cq_overflow=0, the kernel cqes=3:1:4");
    }

    @Test
    void anArmedRecvsTaskWorkWithoutTheFlagIsRejected() throws Exception {
        // The belief "only an inline receive reports it": RECV 4, armed on the empty socket, read 2 of
        // the 5 written in its task work (io_apoll_task_func -> io_recv), which leaves 3 behind.
        rejectedByBoth(edit(NONEMPTY, "cqes=4:2:4", 1, "observe reap(u0) cqes=4:2:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=4:2:4 sq_flags=0 cq_overflow=0, the kernel cqes=4:2:0");
    }

    @Test
    void aReadOfASocketWithTheFlagIsRejected() throws Exception {
        // The belief "any read of a socket reports what it left": IORING_OP_READ goes through
        // io_uring/rw.c io_read, which asks no queue length, and posts flags 0.
        rejectedByBoth(edit(NONEMPTY, "cqes=5:2:0", 1, "observe reap(u0) cqes=5:2:4 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=5:2:0 sq_flags=0 cq_overflow=0, the kernel cqes=5:2:4");
    }

    @Test
    void endOfFileWithTheFlagIsRejected() throws Exception {
        // The belief "after the peer's close there is always something to read" (TCP's tcp_inq_hint
        // answers 1 after a FIN): AF_UNIX writes inq_len, 0, and RECV 13's end of file has no flag.
        rejectedByBoth(edit(NONEMPTY, "cqes=13:0:0", 1, "observe reap(u0) cqes=13:0:4 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=13:0:0 sq_flags=0 cq_overflow=0, the kernel cqes=13:0:4");
    }
}
