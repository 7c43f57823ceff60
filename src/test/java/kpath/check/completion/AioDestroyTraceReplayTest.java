package kpath.check.completion;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.earlyReturn;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;

/**
 * The wrong twins of aio-destroy-while-submit-sleeps (fs/aio.c io_destroy, kill_ioctx): each edited
 * the way a wrong belief would write it, rejected by both checkers at the edited line, the Java
 * model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class AioDestroyTraceReplayTest {

    static final Path DESTROY = DIR.resolve("aio-destroy-while-submit-sleeps.trace");

    @Test
    void anIoDestroyThatReturnsAtOnceIsRejected() throws Exception {
        // The belief "io_destroy cancels and returns": it waits for the read's request (wait_for_completion).
        rejectedByBoth(earlyReturn(DESTROY, "observe task(t2) state=D wchan=__x64_sys_io_destroy", 1, "t2 <- 0", 1),
                "t2 is in no call that has finished");
    }

    @Test
    void aSleepingReadThatIoDestroyEndsIsRejected() throws Exception {
        // The belief "kill_ioctx ends the requests in flight": the read sleeps on, untouched, until the write.
        rejectedByBoth(earlyReturn(DESTROY, "observe task(t1) state=S wchan=anon_pipe_read", 2, "t1 <- 1", 1),
                "t1 is in no call that has finished");
    }

    @Test
    void theReadsEventReadAfterIoDestroyIsRejected() throws Exception {
        // The event goes to the killed context's ring: io_getevents no longer finds the context.
        rejectedByBoth(edit(DESTROY, "io_getevents(a0, 0, 4, 0) = -1 EINVAL", 1, "io_getevents(a0, 0, 4, 0) = 1"),
                "model returns -1 EINVAL");
    }
}
