package kpath.check.completion;

import java.nio.file.Path;
import kpath.check.CheckReport;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.earlyReturn;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wrong twins of the io_submit traces: a read that sleeps inside io_submit, FSYNC, aio_rw_flags, O_DIRECT, the
 * iocb fields io_submit refuses, and io_destroy's delayed fput — each edited the way a wrong belief
 * would write it, rejected by both checkers at the edited line, the Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class AioSubmitTraceReplayTest {

    static final Path SLEEPS = DIR.resolve("aio-submit-sleeps-on-blocking-pipe.trace");
    static final Path NOWAIT = DIR.resolve("aio-rw-flags-nowait.trace");
    static final Path EINVAL = DIR.resolve("aio-submit-einval-fields.trace");
    static final Path DESTROY = DIR.resolve("aio-destroy-puts-polled-file-later.trace");
    static final Path FPUT_FIRST = DIR.resolve("other-outcomes/aio-destroy-puts-polled-file-later.fput-first.trace");
    static final Path FSYNC = DIR.resolve("aio-fsync.trace");
    static final Path SLOTS = DIR.resolve("aio-submit-eagain-when-slots-are-held.trace");
    static final Path RING = DIR.resolve("aio-setup-maps-the-ring.trace");
    static final Path DIRECT = DIR.resolve("aio-pread-o-direct-alignment.trace");
    static final String RING_REST = " magic=0xa10a10a1 compat_features=1 incompat_features=0 header_length=32 map_bytes=";

    @Test
    void aRingOfIoSetupsCountPlusTwoInOnePageIsRejected() throws Exception {
        // The belief "the ring is io_setup's count plus 2" (A-SET-01): ioctx_alloc doubles it, so 100
        // events need a second page, 255 io_events in 8192 bytes, not 127 in 4096.
        rejectedByBoth(edit(RING, "observe aio_ring(a1)", 1, "observe aio_ring(a1) nr=127 head=0 tail=0" + RING_REST + "4096"),
                "model has nr=255 holding 0 events, the kernel nr=127");
    }

    @Test
    void aTailThatACompletionInsideIoSubmitLeavesIsRejected() throws Exception {
        // The belief "the ring is written only when io_getevents runs": aio_complete moves tail at once.
        rejectedByBoth(edit(RING, "observe aio_ring(a0) nr=127 head=0 tail=1", 1,
                "observe aio_ring(a0) nr=127 head=0 tail=0" + RING_REST + "4096"), "model has nr=127 holding 1 events");
    }

    @Test
    void aHeadThatIoGeteventsLeavesIsRejected() throws Exception {
        // The belief "io_getevents copies the events out and leaves them in the ring": aio_read_events_ring moves head.
        rejectedByBoth(edit(RING, "observe aio_ring(a0) nr=127 head=1 tail=1", 1,
                "observe aio_ring(a0) nr=127 head=0 tail=1" + RING_REST + "4096"), "model has nr=127 holding 0 events");
    }

    @Test
    void anIoSubmitPastTheSlotsThatTakesTheIocbIsRejected() throws Exception {
        // The belief "a context takes as many requests as you like" (A-SUB-04): aio_get_req finds no slot.
        rejectedByBoth(edit(SLOTS, "io_submit(a0, PREAD:121:r0:8) = -1 EAGAIN", 1, "io_submit(a0, PREAD:121:r0:8) = 1"),
                "model returns -1 EAGAIN");
    }

    @Test
    void aContextFullAtTheEventsIoSetupAskedForIsRejected() throws Exception {
        // The belief "io_setup(1) takes one request": ioctx_alloc raises it to 4 per CPU, doubled, in whole pages.
        rejectedByBoth(edit(SLOTS, "io_submit(a0, PREAD:2:r0:8) = 1", 1, "io_submit(a0, PREAD:2:r0:8) = -1 EAGAIN"),
                "model returns 1");
    }

    @Test
    void aBatchThatTakesBothIocbsWithOneSlotBackIsRejected() throws Exception {
        // One event taken gives one slot back: the second iocb of the batch finds none.
        rejectedByBoth(edit(SLOTS, "io_submit(a0, PREAD:122:r0:8+PREAD:123:r0:8) = 1", 1,
                "io_submit(a0, PREAD:122:r0:8+PREAD:123:r0:8) = 2"), "model returns 1");
    }

    @Test
    void anFsyncOfAPipeTakenByIoSubmitIsRejected() throws Exception {
        // The belief "FSYNC is queued for any file, its error comes in the event" (A-FSY-01): aio_fsync
        // refuses a file without ->fsync inside io_submit.
        rejectedByBoth(edit(FSYNC, "io_submit(a0, FSYNC:4:r0:0) = -1 EINVAL", 1, "io_submit(a0, FSYNC:4:r0:0) = 1"),
                "model returns -1 EINVAL");
    }

    @Test
    void anFsyncThatIoCancelReachesIsRejected() throws Exception {
        // The belief "a request the worker has not done yet can be cancelled": FSYNC is not on active_reqs.
        rejectedByBoth(edit(FSYNC, "io_cancel(a0, 3) = -1 EINVAL", 1, "io_cancel(a0, 3) = -1 EINPROGRESS"),
                "model returns -1 EINVAL");
    }

    @Test
    void anIoSubmitThatReturnsBeforeTheReadOfABlockingPipeIsRejected() throws Exception {
        // The belief "io_submit only queues; the read completes later" (A-SUB-09): t1 back before the write.
        rejectedByBoth(earlyReturn(SLEEPS, "observe task(t1) state=S wchan=anon_pipe_read", 1, "t1 <- 1", 1),
                "t1 is in no call that has finished");
    }

    @Test
    void aReadOfABlockingPipeCompletingWithEagainIsRejected() throws Exception {
        // The belief "AIO never waits, so an empty pipe gives -EAGAIN as O_NONBLOCK would".
        rejectedByBoth(edit(SLEEPS, "events=1:3", 1, "observe aio_events(a0) events=1:-11"), "model copied out events=1:3");
    }

    @Test
    void aReadWokenByTheWritersCloseThatStillSleepsIsRejected() throws Exception {
        // pipe_release wakes rd_wait: the read completes with end of file, t1 returns.
        rejectedByBoth(edit(SLEEPS, "t1 <- 1", 2, "observe task(t1) state=S wchan=anon_pipe_read"),
                "the kernel has t1 asleep in anon_pipe_read, the model RUNNING");
    }

    @Test
    void anUnknownRwFlagThatIsIgnoredIsRejected() throws Exception {
        // kiocb_set_rw_flags refuses a flag outside RWF_SUPPORTED: EOPNOTSUPP, not a read.
        rejectedByBoth(edit(NOWAIT, "io_submit(a0, PREAD:3:r0:8:RWF=0x40000000) = -1 EOPNOTSUPP", 1,
                "io_submit(a0, PREAD:3:r0:8:RWF=0x40000000) = 1"), "model returns -1 EOPNOTSUPP");
    }

    @Test
    void anRwfNowaitReadOfAnEmptyBlockingPipeThatSleepsIsRejected() throws Exception {
        // IOCB_NOWAIT: anon_pipe_read returns -EAGAIN at once, as the event; io_submit returned 1.
        rejectedByBoth(edit(NOWAIT, "events=1:-11", 1, "observe aio_events(a0) events=-"), "model copied out events=1:-11");
    }

    @Test
    void aNegativeOffsetReportedInTheEventIsRejected() throws Exception {
        // The belief "every error after the iocb is read comes as the event's res" (A-SUB-06's reading):
        // rw_verify_area's EINVAL is aio_read's return, io_submit's error.
        rejectedByBoth(edit(EINVAL, "io_submit(a0, PREAD:5:r0:8:OFFSET=-1) = -1 EINVAL", 1,
                "io_submit(a0, PREAD:5:r0:8:OFFSET=-1) = 1"), "model returns -1 EINVAL");
    }

    @Test
    void aMisalignedDirectReadThatCompletesWithItsBytesIsRejected() throws Exception {
        // The belief "a misaligned O_DIRECT read falls back to the page cache" (as ext4 does for an
        // encrypted or inline-data file): iomap_dio_bio_iter's EINVAL is the event's res.
        rejectedByBoth(edit(DIRECT, "events=2:-22", 1, "observe aio_events(a0) events=2:512"), "model copied out events=2:-22");
    }

    @Test
    void aMisalignedDirectReadRefusedByIoSubmitIsRejected() throws Exception {
        // The belief "the alignment is checked when the iocb is read": aio_read returns 0 once
        // aio_rw_done has completed the iocb, so io_submit counts it.
        rejectedByBoth(edit(DIRECT, "io_submit(a0, PREAD:3:f0:256) = 1", 1, "io_submit(a0, PREAD:3:f0:256) = -1 EINVAL"),
                "model returns 1");
    }

    @Test
    void anUnknownOpcodeCheckedBeforeTheFdIsRejected() throws Exception {
        // __io_submit_one takes the file (fget: EBADF) before it looks at the opcode.
        rejectedByBoth(edit(EINVAL, "io_submit(a0, OP9:4:r1:8) = -1 EBADF", 1, "io_submit(a0, OP9:4:r1:8) = -1 EINVAL"),
                "model returns -1 EBADF");
    }

    @Test
    void aReserved2CheckedAfterTheFdIsRejected() throws Exception {
        // io_submit_one refuses aio_reserved2 before __io_submit_one's fget: EINVAL, not EBADF.
        rejectedByBoth(edit(EINVAL, "io_submit(a0, PREAD:2:r1:8:RESERVED2=1) = -1 EINVAL", 1,
                "io_submit(a0, PREAD:2:r1:8:RESERVED2=1) = -1 EBADF"), "model returns -1 EINVAL");
    }

    @Test
    void aPollWithANonZeroNbytesThatIsTakenIsRejected() throws Exception {
        // aio_poll: "reject fields that are not defined for poll".
        rejectedByBoth(edit(EINVAL, "io_submit(a0, POLL:6:r0:POLLIN:NBYTES=1) = -1 EINVAL", 1,
                "io_submit(a0, POLL:6:r0:POLLIN:NBYTES=1) = 1"), "model returns -1 EINVAL");
    }

    @Test
    void aFileACancelledPollHeldThatIsNeverLetGoIsRejected() throws Exception {
        // The belief "io_destroy's cancelled polls keep their files": the POLLERR t1 saw says the reader went.
        rejectedByBoth(edit(DESTROY, "write(w0, 1) = -1 EPIPE", 1, "write(w0, 1) = 1"), "model returns -1 EPIPE");
    }

    @Test
    void bothOutcomesOfTheWriteRightAfterIoDestroyAreAccepted() throws Exception {
        // delayed_fput_work runs a jiffy after the worker's fput: before or after that write.
        for (Path p : java.util.List.of(DESTROY, FPUT_FIRST)) {
            CheckReport r = new CompletionBinding().replay(TraceReader.parse(java.nio.file.Files.readString(p), p.toString()),
                    p.toString());
            assertTrue(r.accepted(), r::text);
        }
    }
}
