package kpath.check.completion;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.earlyReturn;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;

/**
 * The wrong twins of the AIO traces of AF_UNIX stream sockets (net/socket.c sock_read_iter,
 * sock_write_iter inside fs/aio.c aio_read, aio_write): each edited the way a wrong belief would
 * write it, rejected by both checkers at the edited line, the Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class AioUnixTraceReplayTest {

    static final Path RW = DIR.resolve("aio-pread-pwrite-unix.trace");
    static final Path SLEEPS = DIR.resolve("aio-submit-sleeps-on-blocking-unix.trace");

    @Test
    void aReadAtANonZeroOffsetThatIgnoresItIsRejected() throws Exception {
        // The belief "a stream ignores aio_offset": sock_read_iter returns -ESPIPE unless ki_pos is 0.
        rejectedByBoth(edit(RW, "events=7:-29", 1, "observe aio_events(a0) events=7:-11"), "model copied out events=7:-29");
    }

    @Test
    void aPollWokenWithAPipesKeyIsRejected() throws Exception {
        // The belief "the poll's res is the pipe's POLLIN|POLLRDNORM": sock_def_readable's key has POLLPRI|POLLRDBAND too.
        rejectedByBoth(edit(RW, "events=4:195", 1, "observe aio_events(a0) events=4:65,5:1,6:1"),
                "model copied out events=4:195,5:1,6:1");
    }

    @Test
    void aReadOfTheEmptyNonBlockingSocketThatWaitsIsRejected() throws Exception {
        // The belief "AIO makes a socket read asynchronous": aio_read calls sock_read_iter at once, -EAGAIN.
        rejectedByBoth(edit(RW, "events=1:-11", 1, "observe aio_events(a0) events=-"), "model copied out events=1:-11");
    }

    @Test
    void anIoSubmitThatReturnsBeforeTheReadOfABlockingSocketIsRejected() throws Exception {
        // The belief "io_submit only queues; the read completes later": t1 back before the write.
        rejectedByBoth(earlyReturn(SLEEPS, "observe task(t1) state=S wchan=unix_stream_read_generic", 1, "t1 <- 1", 1),
                "t1 is in no call that has finished");
    }

    @Test
    void anRwfNowaitReadOfAnEmptyBlockingSocketThatSleepsIsRejected() throws Exception {
        // IOCB_NOWAIT: sock_read_iter passes MSG_DONTWAIT, the read is -EAGAIN at once, as the event.
        rejectedByBoth(edit(SLEEPS, "events=3:-11", 1, "observe aio_events(a0) events=-"), "model copied out events=3:-11");
    }

    @Test
    void aReadWokenByThePeersCloseThatStillSleepsIsRejected() throws Exception {
        // unix_release_sock shuts s0 down and wakes it: the read completes with end of file, t1 returns.
        rejectedByBoth(edit(SLEEPS, "t1 <- 1", 2, "observe task(t1) state=S wchan=unix_stream_read_generic"),
                "the kernel has t1 asleep in unix_stream_read_generic, the model RUNNING");
    }
}
