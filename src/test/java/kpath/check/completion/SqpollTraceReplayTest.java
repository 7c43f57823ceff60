package kpath.check.completion;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.editAt;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;

/**
 * The wrong twins of io-uring-sqpoll (io_uring/sqpoll.c io_sq_thread, __io_sq_thread;
 * io_uring/io_uring.c io_uring_enter): each edited the way a wrong belief would write it, rejected
 * by both checkers at the line the kernel contradicts, the Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class SqpollTraceReplayTest {

    static final Path SQPOLL = DIR.resolve("io-uring-sqpoll.trace");

    @Test
    void aTailPublishedNopCompletingWithoutAnSqThreadIsRejected() throws Exception {
        // The belief "the kernel notices the SQ tail by itself": without IORING_SETUP_SQPOLL no thread
        // reads it; NOP 3, published with the tail alone, stays in the SQ (the enter before it took 1 and 2).
        rejectedByBoth(editAt(SQPOLL, "io_uring_setup(4, IORING_SETUP_SQPOLL)", 1, "io_uring_setup(4, 0) = u0:4", 7),
                "model copied out cqes=- sq_flags=0 cq_overflow=0, the kernel cqes=3:0:0");
    }

    @Test
    void aCqeBeforeItsSqeWasPublishedIsRejected() throws Exception {
        // NOP 3 is published only on the next line: the SQ thread cannot have posted its CQE yet.
        rejectedByBoth(edit(SQPOLL, "cqes=1:0:0,2:0:0", 1, "observe reap(u0) cqes=1:0:0,2:0:0,3:0:0 sq_flags=0 cq_overflow=0"),
                "the kernel cqes=1:0:0,2:0:0,3:0:0");
    }

    @Test
    void anSqThreadTakingTheSqesOutOfOrderIsRejected() throws Exception {
        // __io_sq_thread -> io_submit_sqes takes the SQ from its head: NOP 1 completes before NOP 2.
        rejectedByBoth(edit(SQPOLL, "cqes=1:0:0,2:0:0", 1, "observe reap(u0) cqes=2:0:0,1:0:0 sq_flags=0 cq_overflow=0"),
                "the kernel cqes=2:0:0,1:0:0");
    }

    @Test
    void anEnterCountingWhatTheSqThreadSubmittedIsRejected() throws Exception {
        // The belief "io_uring_enter on an SQPOLL ring reports what was submitted since the last call"
        // (NOP 3, by the thread): it returns to_submit, what the SQ holds, 0 here ("ret = to_submit").
        rejectedByBoth(edit(SQPOLL, "io_uring_enter(u0, -, 0, 0) = 0", 1, "io_uring_enter(u0, -, 0, 0) = 1"),
                "model returns 0 (IoUringEnterSqpoll)");
    }

    @Test
    void anOrdinaryRingSubmittingATailPublishedSqeIsRejected() throws Exception {
        // On a ring without SQPOLL the SQE published with the tail alone waits for io_uring_enter.
        rejectedByBoth(edit(SQPOLL, "observe reap(u1) cqes=-", 1, "observe reap(u1) cqes=4:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0, the kernel cqes=4:0:0");
    }
}
