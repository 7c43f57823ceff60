package kpath.check.completion;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;

/**
 * The wrong twins of io-uring-recv-async-nonblock (U-RCV-05, open question 5: a RECV with IOSQE_ASYNC
 * on an O_NONBLOCK socket; io_uring/io_uring.c io_wq_submit_work, io_req_task_submit; io_uring/net.c
 * io_recv): each edited the way a wrong belief would write it, rejected by both checkers at the line
 * the kernel contradicts, the Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class AsyncRecvTraceReplayTest {

    static final Path ASYNC = DIR.resolve("io-uring-recv-async-nonblock.trace");

    @Test
    void aForcedAsyncRecvFailingWithEagainIsRejected() throws Exception {
        // Open question 5's fear, recv(2)'s O_NONBLOCK: the worker's -EAGAIN arms a poll, no CQE.
        rejectedByBoth(edit(ASYNC, "cqes=- sq_flags=0", 1, "observe reap(u0) cqes=1:-11:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aWaitMetByAnEagainCqeIsRejected() throws Exception {
        // The same belief seen by a waiter: t1's 200 ms wait finds no CQE, its timer fires.
        rejectedByBoth(edit(ASYNC, "t1 <- -1 ETIME", 1, "t1 <- 0"), "model returns -1 ETIME");
    }

    @Test
    void aWorkerThatGivesUpAtTheSendIsRejected() throws Exception {
        // The belief "the poll's wake-up completes it with the mask": the request is read again, 2 bytes.
        rejectedByBoth(edit(ASYNC, "cqes=1:2:0", 1, "observe reap(u0) cqes=1:1:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:2:0");
    }

    @Test
    void endOfFileAsAnErrorIsRejected() throws Exception {
        // The peer's close: the worker's read finds end of file, res 0 (unix_stream_read_generic).
        rejectedByBoth(edit(ASYNC, "cqes=2:0:0", 1, "observe reap(u0) cqes=2:-104:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=2:0:0");
    }
}
