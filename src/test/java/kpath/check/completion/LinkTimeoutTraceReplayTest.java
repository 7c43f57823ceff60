package kpath.check.completion;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.earlyReturn;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The wrong twins of io-uring-link-timeout (io_uring/timeout.c io_link_timeout_fn,
 * io_req_task_link_timeout, io_disarm_next): each edited the way a wrong belief would write it,
 * rejected by both checkers at the edited line, the Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class LinkTimeoutTraceReplayTest {

    static final Path TIMEOUT = DIR.resolve("io-uring-link-timeout.trace");

    @Test
    void aCancelledOpPostedBeforeItsTimeoutIsRejected() throws Exception {
        // The belief "the op is cancelled, then the timeout completes": the timeout's task work posts
        // -ETIME first, the poll's own task work, queued by its io_try_cancel, posts -ECANCELED after.
        rejectedByBoth(edit(TIMEOUT, "cqes=2:-62:0,1:-125:0", 1, "observe reap(u0) cqes=1:-125:0,2:-62:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=2:-62:0,1:-125:0");
    }

    @Test
    void anOpThatSurvivesItsFiredTimerIsRejected() throws Exception {
        // The belief "the timeout only reports": the fired timer cancels the poll it is linked to.
        rejectedByBoth(edit(TIMEOUT, "cqes=2:-62:0,1:-125:0", 1, "observe reap(u0) cqes=2:-62:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=2:-62:0,1:-125:0");
    }

    @Test
    void aTimerThatFiresBeforeItsTimeIsRejected() throws Exception {
        // t1 back with both CQEs a few ms after it submitted: the 100 ms timer cannot have fired yet.
        rejectedByBoth(earlyReturn(TIMEOUT, "observe task(t1) state=S wchan=io_cqring_wait", 1, "t1 <- 2", 1),
                "t1 is in no call that has finished");
    }

    @Test
    void aTimerMayFireExactlyAtItsTime() throws Exception {
        // t1 -> io_uring_enter(... LINK_TIMEOUT:2:100 ...) at +0.776042: the timer may fire from +0.876042 on
        String text = java.nio.file.Files.readString(TIMEOUT);
        assertTrue(text.contains("+0.776042 t1 -> io_uring_enter(u0, POLL_ADD:1:r0:POLLIN:LINK+LINK_TIMEOUT:2:100"));
        kpath.check.CheckReport at = replay(text.replace("+0.922539 t1 <- 2", "+0.876042 t1 <- 2"));
        assertTrue(at.accepted(), at::text);
        kpath.check.CheckReport early = replay(text.replace("+0.922539 t1 <- 2", "+0.876041 t1 <- 2"));
        assertFalse(early.accepted(), early::text);
        assertEquals(23, early.divergenceLine(), early::text);
    }

    private static kpath.check.CheckReport replay(String text) throws Exception {
        return new CompletionBinding().replay(kpath.trace.TraceReader.parse(text, "edited.trace"), "edited.trace");
    }

    @Test
    void aTimerThatFiresAfterItsOpCompletedIsRejected() throws Exception {
        // The belief "the timer runs its course": the poll's completion disarms it (-ECANCELED).
        rejectedByBoth(edit(TIMEOUT, "cqes=3:1:0,4:-125:0", 1, "observe reap(u0) cqes=3:1:0,4:-62:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=3:1:0,4:-125:0");
    }

    @Test
    void aTimerLeftArmedByAnOpDoneInlineIsRejected() throws Exception {
        // A poll done inside io_uring_enter disarms its timer too: its -ECANCELED is there before the return.
        rejectedByBoth(edit(TIMEOUT, "cqes=5:1:0,6:-125:0", 1, "observe reap(u0) cqes=5:1:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=5:1:0,6:-125:0");
    }
}
