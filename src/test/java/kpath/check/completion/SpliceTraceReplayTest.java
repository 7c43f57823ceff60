package kpath.check.completion;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;

/**
 * The wrong twins of io-uring-cancel-running-splice (io_uring/cancel.c io_async_cancel_one:
 * IO_WQ_CANCEL_RUNNING; io_uring/splice.c io_splice; fs/splice.c ipipe_prep): each edited the way a
 * wrong belief would write it, rejected by both checkers at the line the kernel contradicts, the
 * Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class SpliceTraceReplayTest {

    static final Path SPLICE = DIR.resolve("io-uring-cancel-running-splice.trace");

    @Test
    void aCancelThatTakesARunningSpliceIsRejected() throws Exception {
        // The belief "ASYNC_CANCEL finds the request and cancels it" (0): io-wq finds it running, -EALREADY.
        rejectedByBoth(edit(SPLICE, "cqes=2:-114:0", 1, "observe reap(u0) cqes=2:0:0 sq_flags=0 cq_overflow=0"),
                "the kernel cqes=2:0:0");
    }

    @Test
    void aSpliceCompletingWithEcanceledIsRejected() throws Exception {
        // The belief "a cancelled request completes with -ECANCELED": the woken splice posts ipipe_prep's
        // -ERESTARTSYS unconverted, -512.
        rejectedByBoth(edit(SPLICE, "cqes=1:-512:0", 1, "observe reap(u0) cqes=1:-125:0 sq_flags=0 cq_overflow=0"),
                "the kernel cqes=1:-125:0");
    }

    @Test
    void aSpliceCqeBeforeTheCancelsIsRejected() throws Exception {
        // The splice sleeps until the cancel's TIF_NOTIFY_SIGNAL wakes it, and the cancel posts inline
        // before that: its CQE cannot come first.
        rejectedByBoth(edit(SPLICE, "cqes=2:-114:0", 1, "observe reap(u0) cqes=1:-512:0,2:-114:0 sq_flags=0 cq_overflow=0"),
                "the kernel cqes=1:-512:0,2:-114:0");
    }
}
