package kpath.check.completion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kpath.check.CheckReport;
import kpath.check.TlcRejection;
import kpath.kernel.completion.CompletionScenarios;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The completion battery is committed, one trace per scenario (each checked against its golden
 * output by kpath.cli.GoldenOutputTest); and each io_uring behaviour it shows has a wrong twin — the
 * trace edited the way a wrong belief would write it — that both checkers reject at the edited line,
 * the Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class CompletionTraceReplayTest {

    static final Path DIR = Path.of("traces", "completion");
    static final Path ORDER = DIR.resolve("io-uring-cq-overflow-keeps-order.trace");
    static final Path FLUSH = DIR.resolve("io-uring-cq-overflow-kept-and-flushed.trace");

    @Test
    void theBatteryIsCommitted() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".trace")).sorted().toList();
            assertEquals(CompletionScenarios.all().stream().map(x -> x.name() + ".trace").sorted().toList(), names,
                    "traces/completion holds one trace per scenario of the battery, and no other");
        }
    }

    static String[] edit(Path trace, String marker, int nth, String replacement) throws IOException {
        return kpath.check.SpecText.edit(trace, marker, nth, replacement);
    }

    /** {@link #edit}, rejected {@code later} lines after the edited one. */
    static String[] editAt(Path trace, String marker, int nth, String replacement, int later) throws IOException {
        String[] e = edit(trace, marker, nth, replacement);
        return new String[] {e[0], String.valueOf(Integer.parseInt(e[1]) + later)};
    }

    /**
     * A task's return moved earlier: {@code marker} (nth) becomes {@code tN <- result}, and the line
     * where the call really returned ({@code returned}, nth) a sight of the task that says nothing.
     * Rejected at the earlier line.
     */
    static String[] earlyReturn(Path trace, String marker, int nth, String returned, int returnedNth) throws IOException {
        String task = returned.substring(0, returned.indexOf(' '));
        String[] later = edit(trace, returned, returnedNth, "observe task(" + task + ") state=R wchan=0");
        Path tmp = Files.createTempFile("kpath-twin", ".trace");
        try {
            Files.writeString(tmp, later[0]);
            return edit(tmp, marker, nth, returned);
        } finally {
            Files.delete(tmp);
        }
    }

    /** Both checkers reject the edit at its line; the Java model's report says {@code reason}. */
    static void rejectedByBoth(String[] e, String reason) throws Exception {
        int line = Integer.parseInt(e[1]);
        CheckReport r = new CompletionBinding().replay(TraceReader.parse(e[0], "edited.trace"), "edited.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(line, r.divergenceLine(), r::text);
        assertTrue(r.text().contains(reason), r::text);
        TlcRejection.atLine(new CompletionBinding(), e[0], line);
    }

    @Test
    void aCompletionPostedPastTheOverflowListIsRejected() throws Exception {
        // The belief "a CQE goes to the CQ whenever it has room" puts NOP 4 in the ring ahead of NOP 3.
        rejectedByBoth(edit(ORDER, "observe reap(u0) cqes=-", 1,
                        "observe reap(u0) cqes=4:0:0 sq_flags=IORING_SQ_CQ_OVERFLOW cq_overflow=0"),
                "model copied out cqes=- sq_flags=IORING_SQ_CQ_OVERFLOW cq_overflow=0");
    }

    @Test
    void anOverflowFlushedOutOfOrderIsRejected() throws Exception {
        rejectedByBoth(edit(ORDER, "cqes=3:0:0,4:0:0", 1, "observe reap(u0) cqes=4:0:0,3:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=3:0:0,4:0:0");
    }

    @Test
    void aFlushWithoutGeteventsIsRejected() throws Exception {
        // The belief "any io_uring_enter flushes the overflow list" (open question U-OVF-05).
        rejectedByBoth(edit(FLUSH, "observe reap(u0) cqes=-", 2, "observe reap(u0) cqes=5:0:0,6:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=IORING_SQ_CQ_OVERFLOW");
    }

    @Test
    void anOverflowThatDropsCompletionsIsRejected() throws Exception {
        // The pre-NODROP belief: the two CQEs that did not fit are lost and counted.
        rejectedByBoth(edit(FLUSH, "observe reap(u0) cqes=1:0:0", 1,
                        "observe reap(u0) cqes=1:0:0,2:0:0,3:0:0,4:0:0 sq_flags=0 cq_overflow=2"),
                "model copied out cqes=1:0:0,2:0:0,3:0:0,4:0:0 sq_flags=IORING_SQ_CQ_OVERFLOW cq_overflow=0");
    }

    @Test
    void aRingSizedWithoutRoundingUpIsRejected() throws Exception {
        rejectedByBoth(edit(DIR.resolve("io-uring-setup-sizes-and-errors.trace"), "observe params(u1)", 1,
                "observe params(u1) sq_entries=3 cq_entries=6 features=0x3ffff"), "model copied out sq_entries=4 cq_entries=8");
    }

    static final Path FLAGS = DIR.resolve("io-uring-setup-flags.trace");
    static final Path LIMITS = DIR.resolve("aio-setup-limits.trace");

    @Test
    void aClampThatDoesNotClampIsRejected() throws Exception {
        // The belief "CLAMP only limits the CQ": 40000 entries stay EINVAL.
        rejectedByBoth(edit(FLAGS, "io_uring_setup(40000, IORING_SETUP_CLAMP)", 1,
                "io_uring_setup(40000, IORING_SETUP_CLAMP) = -1 EINVAL"), "(IoUringSetupOk)");
    }

    @Test
    void aCqSizeTakenAsGivenIsRejected() throws Exception {
        // The belief "cq_entries is used as given": 100 CQEs.
        rejectedByBoth(edit(FLAGS, "observe params(u2)", 1, "observe params(u2) sq_entries=4 cq_entries=100 features=0x3ffff"),
                "model copied out sq_entries=4 cq_entries=128");
    }

    @Test
    void aCqSizeComparedWithTheSqBeforeRoundingIsRejected() throws Exception {
        // Before "round-up cq size before comparing with rounded sq size" (88ec3211e463): 3 < 4, EINVAL.
        rejectedByBoth(edit(FLAGS, "io_uring_setup(3, IORING_SETUP_CQSIZE, cq_entries=3)", 1,
                "io_uring_setup(3, IORING_SETUP_CQSIZE, cq_entries=3) = -1 EINVAL"), "(IoUringSetupOk)");
    }

    @Test
    void aClampedCqRoundedUpPastTheMaximumIsRejected() throws Exception {
        // Rounding 100000 up before clamping it would give 131072.
        rejectedByBoth(edit(FLAGS, "observe params(u4)", 1, "observe params(u4) sq_entries=4 cq_entries=131072 features=0x3ffff"),
                "model copied out sq_entries=4 cq_entries=65536");
    }

    @Test
    void anUnknownFlagOrAReservedFieldIgnoredIsRejected() throws Exception {
        rejectedByBoth(edit(FLAGS, "io_uring_setup(4, 0x80000000)", 1, "io_uring_setup(4, 0x80000000) = u5:4"),
                "model returns -1 EINVAL");
        rejectedByBoth(edit(FLAGS, "io_uring_setup(4, 0, resv=1)", 1, "io_uring_setup(4, 0, resv=1) = u5:4"),
                "model returns -1 EINVAL");
    }

    @Test
    void anIoSetupOverAContextStillInTheVariableIsRejected() throws Exception {
        // The belief "io_setup overwrites *ctxp".
        rejectedByBoth(edit(LIMITS, "io_setup(4, a0) = -1 EINVAL", 1, "io_setup(4, a0) = 0"), "model returns -1 EINVAL");
    }

    @Test
    void theLimitCheckedBeforeTheOverflowIsRejected() throws Exception {
        // EAGAIN for 4194305, as if aio-max-nr were checked first.
        rejectedByBoth(edit(LIMITS, "io_setup(4194305, a1)", 1, "io_setup(4194305, a1) = -1 EAGAIN"),
                "model returns -1 EINVAL");
    }

    @Test
    void aDoubledCountAgainstTheLimitIsRejected() throws Exception {
        // Old kernels compared the doubled nr_events with aio-max-nr: 32769 would be EAGAIN.
        rejectedByBoth(edit(LIMITS, "io_setup(65537, a1)", 1, "io_setup(32769, a1) = -1 EAGAIN"), "model returns 0");
    }

    @Test
    void anIoSetupAboveTheHeadersLimitThatSucceedsIsRejected() throws Exception {
        rejectedByBoth(edit(LIMITS, "io_setup(65537, a1)", 1, "io_setup(65537, a1) = 0"), "model returns -1 EAGAIN");
    }

    @Test
    void aNegativeMinNrTakenIsRejected() throws Exception {
        rejectedByBoth(edit(LIMITS, "io_getevents(a0, -1, 4, 0)", 1, "io_getevents(a0, -1, 4, 0) = 0"),
                "model returns -1 EINVAL");
    }

    @Test
    void anUnknownEnterFlagCheckedAfterTheFdIsRejected() throws Exception {
        // The belief "the fd is looked up first": EOPNOTSUPP on the pipe, EBADF on -1.
        Path enter = DIR.resolve("io-uring-enter-flags.trace");
        rejectedByBoth(edit(enter, "io_uring_enter(r0, -, 0, 0x80000000)", 1, "io_uring_enter(r0, -, 0, 0x80000000) = -1 EOPNOTSUPP"),
                "model returns -1 EINVAL");
        rejectedByBoth(edit(enter, "io_uring_enter(-1, -, 0, 0x80000000)", 1, "io_uring_enter(-1, -, 0, 0x80000000) = -1 EBADF"),
                "model returns -1 EINVAL");
    }

    static final Path ONESHOT = DIR.resolve("io-uring-poll-add-oneshot.trace");
    static final Path MULTI = DIR.resolve("io-uring-poll-add-multishot-and-cancel.trace");

    @Test
    void aOneShotPollThatFiresAgainIsRejected() throws Exception {
        // The belief "a poll request stays armed, like a level-triggered epoll item".
        rejectedByBoth(edit(ONESHOT, "observe reap(u0) cqes=-", 2, "observe reap(u0) cqes=1:1:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aPollCompletionLeftForTheNextEnterIsRejected() throws Exception {
        // The belief "completions appear at the next io_uring_enter": the task work runs before write returns.
        rejectedByBoth(edit(ONESHOT, "observe reap(u0) cqes=1:1:0", 1, "observe reap(u0) cqes=- sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:1:0 sq_flags=0 cq_overflow=0");
    }

    @Test
    void aMultishotCompletionWithoutMoreIsRejected() throws Exception {
        rejectedByBoth(edit(MULTI, "observe reap(u0) cqes=1:1:2", 1, "observe reap(u0) cqes=1:1:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:1:2 sq_flags=0 cq_overflow=0");
    }

    @Test
    void aCancelledPollCompletingBeforeItsCancelIsRejected() throws Exception {
        // The cancel's CQE is posted at submission, the poll's -ECANCELED by its task work after it.
        rejectedByBoth(edit(MULTI, "cqes=2:0:0,1:-125:0", 1, "observe reap(u0) cqes=1:-125:0,2:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=2:0:0,1:-125:0");
    }

    @Test
    void aSecondCancelThatFindsTheRequestIsRejected() throws Exception {
        rejectedByBoth(edit(MULTI, "cqes=3:-2:0", 1, "observe reap(u0) cqes=3:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=3:-2:0");
    }

    static final Path LINKS = DIR.resolve("io-uring-links.trace");

    @Test
    void aLinkedNopThatRunsDespiteAFailedHeadIsRejected() throws Exception {
        rejectedByBoth(edit(LINKS, "cqes=1:-2:0,2:-125:0", 1, "observe reap(u0) cqes=1:-2:0,2:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:-2:0,2:-125:0");
    }

    @Test
    void aLinkedNopThatDoesNotWaitForItsPollIsRejected() throws Exception {
        rejectedByBoth(edit(LINKS, "observe reap(u0) cqes=-", 1, "observe reap(u0) cqes=4:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aLinkedNopThatSurvivesItsCancelledPollIsRejected() throws Exception {
        rejectedByBoth(edit(LINKS, "cqes=7:0:0,5:-125:0,6:-125:0", 1,
                "observe reap(u0) cqes=7:0:0,5:-125:0,6:0:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=7:0:0,5:-125:0,6:-125:0");
    }

    @Test
    void aHardLinkedFailureThatCancelsTheNextIsRejected() throws Exception {
        rejectedByBoth(edit(LINKS, "cqes=8:-2:0,9:0:0", 1, "observe reap(u0) cqes=8:-2:0,9:-125:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=8:-2:0,9:0:0");
    }

    static final Path EVFD = DIR.resolve("io-uring-registered-eventfd.trace");

    @Test
    void anEventfdSignalledPerCompletionIsRejected() throws Exception {
        // The belief "one signal per CQE": two NOPs in one io_uring_enter would count 2.
        rejectedByBoth(edit(EVFD, "observe read(v0) value=1", 1, "observe read(v0) value=2"),
                "model copied out value=1, the kernel value=2");
    }

    @Test
    void anEventfdSignalledForAnOverflowedCompletionIsRejected() throws Exception {
        // NOP 6 only joins the overflow list: no commit moved the CQ tail, so no signal.
        rejectedByBoth(edit(EVFD, "read(v0, 8) = -1 EAGAIN", 1, "read(v0, 8) = 8"), "model returns -1 EAGAIN");
    }

    static final Path AIO = DIR.resolve("aio-poll-and-getevents.trace");

    @Test
    void anAioPollCompletedInsideIoSubmitWithTheWholeMaskIsRejected() throws Exception {
        // Only a wake-up's key goes unmasked: a poll that finds its file ready inside io_submit reports
        // vfs_poll & events (1), not 65. The belief "AIO masks like io_uring" (7:1 for 7:65) has no
        // twin: a wake-up that finds ctx_lock taken leaves the poll to the worker, whose res is 1.
        rejectedByBoth(edit(AIO, "events=8:1", 1, "observe aio_events(a0) events=8:65"), "model copied out events=8:1");
    }

    @Test
    void anAioPollOfAReadyFileThatWaitsIsRejected() throws Exception {
        // io_submit polls the file: a ready pipe completes the request inside the call.
        rejectedByBoth(edit(AIO, "io_getevents(a0, 1, 1, 0) = 1", 1, "io_getevents(a0, 1, 1, 0) = 0"), "model returns 1");
    }

    static final Path AIO_SHORT = DIR.resolve("aio-submit-stops-at-first-failure.trace");

    @Test
    void anIoSubmitReportingTheErrorOfALaterIocbIsRejected() throws Exception {
        // The belief "io_submit fails when any iocb fails": it took the first, so it returns 1.
        rejectedByBoth(edit(AIO_SHORT, "POLL:1:r0:POLLIN+POLL:2:r1:POLLIN", 1,
                "io_submit(a0, POLL:1:r0:POLLIN+POLL:2:r1:POLLIN+POLL:3:r0:POLLIN) = -1 EBADF"), "model returns 1");
    }

    @Test
    void anIoSubmitGoingOnPastAFailedIocbIsRejected() throws Exception {
        // The belief "a bad iocb is skipped": 9, 10 and 11 after it would be taken; nothing after 7 is.
        rejectedByBoth(edit(AIO_SHORT, "events=6:1,9:1,10:1,11:1", 1,
                "observe aio_events(a0) events=6:1,7:1,9:1,10:1,11:1"), "model copied out events=6:1,9:1,10:1,11:1");
    }

    static final Path AIO_CANCEL = DIR.resolve("aio-cancel-poll.trace");

    @Test
    void aCancelledAioPollCompletingWithEcanceledIsRejected() throws Exception {
        // The belief "a cancelled request completes with -ECANCELED" (io_uring's way): AIO's poll gets res 0.
        rejectedByBoth(edit(AIO_CANCEL, "events=1:0", 1, "observe aio_events(a0) events=1:-125"),
                "model copied out events=1:0");
    }

    @Test
    void anIoCancelReturningZeroIsRejected() throws Exception {
        // man io_cancel(2): "returns 0 on success"; fs/aio.c io_cancel turns it into -EINPROGRESS.
        rejectedByBoth(edit(AIO_CANCEL, "io_cancel(a0, 1) = -1 EINPROGRESS", 1, "io_cancel(a0, 1) = 0"),
                "model returns -1 EINPROGRESS");
    }

    static final Path AIO_RESFD = DIR.resolve("aio-resfd-signals-eventfd.trace");

    @Test
    void aResfdSignalThatWakesNoPollerIsRejected() throws Exception {
        // The belief "RESFD only counts": the signal is a wake-up on v0, which completes the poll of v0.
        // One event alone is possible (that wake-up may find ctx_lock taken and leave the poll to the
        // worker), but then it is poll 1's: the two events observed give the edit away.
        rejectedByBoth(editAt(AIO_RESFD, "io_getevents(a0, 0, 4, 0) = 2", 1, "io_getevents(a0, 0, 4, 0) = 1", 1),
                "model copied out events=1:65");
    }

    @Test
    void aResfdSignalledOnlyForWakeUpsIsRejected() throws Exception {
        // A poll completed inside io_submit signals its eventfd too.
        rejectedByBoth(edit(AIO_RESFD, "read(v0, 8) = 8", 2, "read(v0, 8) = -1 EAGAIN"), "model returns 8");
    }

    /** The same scenario on a run where the write's wake-up found ctx_lock taken (conform, 2026-12-05). */
    static final Path AIO_BUSY = DIR.resolve("other-outcomes/aio-resfd-signals-eventfd.ctx-lock-busy.trace");

    @Test
    void aWorkerThatCompletesWithTheWakeupsKeyIsRejected() throws Exception {
        // Left to the worker, the poll completes with vfs_poll & events (1), never with the key (65).
        // (which of the states the model holds at that line is shown first depends on the set)
        rejectedByBoth(edit(AIO_BUSY, "events=3:1,2:1", 1, "observe aio_events(a0) events=1:65,2:1"),
                "the kernel events=1:65,2:1");
    }

    static final Path AIO_NOPOLL = DIR.resolve("aio-poll-of-a-file-without-poll.trace");

    @Test
    void anAioPollOfARegularFileThatWaitsForPripIsRejected() throws Exception {
        // The belief "a poll the file cannot satisfy waits": a file without a poll method has no
        // wait queue to wait on, so aio_poll fails the iocb with EINVAL and io_submit stops short.
        rejectedByBoth(edit(AIO_NOPOLL, "io_submit(a0, POLL:2:f0:POLLOUT+POLL:3:f0:POLLPRI) = 1", 1,
                "io_submit(a0, POLL:2:f0:POLLOUT+POLL:3:f0:POLLPRI) = 2"), "model returns 1");
    }

    static final Path POLL_REMOVE = DIR.resolve("io-uring-poll-remove.trace");

    @Test
    void aPollRemoveThatTakesAWaitingReadIsRejected() throws Exception {
        // The belief "POLL_REMOVE cancels like ASYNC_CANCEL": io_poll_find(poll_only) skips requests
        // that are not POLL_ADD, so the READ on its internal poll is not found.
        rejectedByBoth(edit(POLL_REMOVE, "observe reap(u0) cqes=3:-2:0", 1,
                "observe reap(u0) cqes=3:0:0,2:-125:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=3:-2:0");
    }

    @Test
    void aPollRemoveThatTakesAPollWithItsTaskWorkQueuedIsRejected() throws Exception {
        // The belief "a poll is removable until it posts": once its task work is queued the remove
        // cannot own it (io_poll_get_ownership): -EALREADY, and the poll posts with F_MORE.
        rejectedByBoth(edit(POLL_REMOVE, "observe reap(u0) cqes=7:-114:0,6:4:2", 1,
                "observe reap(u0) cqes=7:0:0,6:-125:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=7:-114:0,6:4:2");
    }

    @Test
    void aLevelTriggeredPollAddTakenIsRejected() throws Exception {
        // The belief "IORING_POLL_ADD_LEVEL is in the uapi, so the kernel takes it": io_poll_add_prep
        // refuses it, and the failed SQE stops the submission with the NOP behind it.
        rejectedByBoth(edit(POLL_REMOVE, "io_uring_enter(u0, POLL_ADD:10:r0:POLLIN:LEVEL+NOP:11, 0, 0) = 1", 1,
                "io_uring_enter(u0, POLL_ADD:10:r0:POLLIN:LEVEL+NOP:11, 0, 0) = 2"), "model returns 1");
    }

    static final Path CANCEL_FLAGS = DIR.resolve("io-uring-cancel-flags.trace");

    @Test
    void aCancelAllThatFindsNothingAndSaysEnoentIsRejected() throws Exception {
        // The belief "ALL is a plain cancel repeated": __io_async_cancel returns the count, 0 for none.
        rejectedByBoth(edit(CANCEL_FLAGS, "observe reap(u0) cqes=4:0:0", 1,
                "observe reap(u0) cqes=4:-2:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=4:0:0");
    }

    @Test
    void aCancelAllThatTakesOneIsRejected() throws Exception {
        // The belief "a cancel takes the first match": with ALL it takes every one and counts them.
        rejectedByBoth(edit(CANCEL_FLAGS, "observe reap(u0) cqes=3:2:0", 1,
                "observe reap(u0) cqes=3:1:0,1:-125:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=3:2:0");
    }

    @Test
    void aCancelByFdThatTakesTheOldestIsRejected() throws Exception {
        // The belief "requests are found in submission order": io_poll_file_find walks the hash
        // buckets; 8 is alone in bucket 0 with the poll on r1.
        rejectedByBoth(edit(CANCEL_FLAGS, "observe reap(u0) cqes=9:0:0,8:-125:0", 1,
                "observe reap(u0) cqes=9:0:0,2:-125:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=9:0:0,8:-125:0");
    }

    @Test
    void aCancelAllByFdInSubmissionOrderIsRejected() throws Exception {
        // Within a bucket the newest request comes first (io_poll_req_insert adds at the head).
        rejectedByBoth(edit(CANCEL_FLAGS, "observe reap(u0) cqes=10:3:0", 1,
                "observe reap(u0) cqes=10:3:0,2:-125:0,5:-125:0,7:-125:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=10:3:0,7:-125:0,5:-125:0,2:-125:0");
    }

    @Test
    void aCancelAnyInSubmissionOrderIsRejected() throws Exception {
        // 6 is in bucket 0, 12 and 13 in bucket 1, newest (13) first: not the order they were armed.
        rejectedByBoth(edit(CANCEL_FLAGS, "observe reap(u0) cqes=14:3:0", 1,
                "observe reap(u0) cqes=14:3:0,6:-125:0,12:-125:0,13:-125:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=14:3:0,6:-125:0,13:-125:0,12:-125:0");
    }

    @Test
    void aCancelByAClosedFdThatSaysEnoentIsRejected() throws Exception {
        // io_async_cancel looks the fd up first: -EBADF, not a search that finds nothing.
        rejectedByBoth(edit(CANCEL_FLAGS, "observe reap(u0) cqes=18:-9:0", 1,
                "observe reap(u0) cqes=18:-2:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=18:-9:0");
    }

    @Test
    void anUnknownCancelFlagTakenIsRejected() throws Exception {
        // The belief "unknown flags are ignored": io_async_cancel_prep refuses them, and the failed
        // SQE stops the submission with the NOP behind it.
        rejectedByBoth(edit(CANCEL_FLAGS, "io_uring_enter(u0, ASYNC_CANCEL:19:0:0x40+NOP:20, 0, 0) = 1", 1,
                "io_uring_enter(u0, ASYNC_CANCEL:19:0:0x40+NOP:20, 0, 0) = 2"), "model returns 1");
    }

    @Test
    void aCancelledPollPostedBeforeTaskWorkQueuedEarlierIsRejected() throws Exception {
        // The cancel queues the poll's task work behind the multishot poll's, queued when it was armed.
        rejectedByBoth(edit(CANCEL_FLAGS, "observe reap(u0) cqes=25:0:0", 1,
                "observe reap(u0) cqes=25:0:0,23:-125:0,24:1:2 sq_flags=0 cq_overflow=0"), "model copied out cqes=25:0:0,24:1:2,23:-125:0");
    }

    static final Path MATCH_FLAGS = DIR.resolve("io-uring-cancel-match-flags.trace");

    @Test
    void aCancelByOpcodeThatTakesTheOldestReadIsRejected() throws Exception {
        // io_poll_file_find walks the buckets, each newest first: READ 4 before READ 2 in bucket 1.
        rejectedByBoth(edit(MATCH_FLAGS, "observe reap(u0) cqes=5:0:0,4:-125:0", 1,
                "observe reap(u0) cqes=5:0:0,2:-125:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=5:0:0,4:-125:0");
    }

    @Test
    void aCancelByOpcodeAndUserDataThatIgnoresTheOpcodeIsRejected() throws Exception {
        // The belief "USERDATA picks the request, OP is a hint": io_cancel_req_match needs both; 2 is a READ.
        rejectedByBoth(edit(MATCH_FLAGS, "observe reap(u0) cqes=7:-2:0", 1,
                "observe reap(u0) cqes=7:0:0,2:-125:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=7:-2:0");
    }

    @Test
    void aCancelByFdAndUserDataThatTakesTheFirstOnTheFileIsRejected() throws Exception {
        // The belief "USERDATA is ignored with FD": 6 comes first on r0, but the user_data asked is 1.
        rejectedByBoth(edit(MATCH_FLAGS, "observe reap(u0) cqes=10:0:0,1:-125:0", 1,
                "observe reap(u0) cqes=10:0:0,6:-125:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=10:0:0,1:-125:0");
    }

    @Test
    void aFixedFdCancelThatLooksUpTheOpenFdIsRejected() throws Exception {
        // With FD_FIXED the fd indexes the ring's registered files (io_file_get_fixed); it has none.
        rejectedByBoth(edit(MATCH_FLAGS, "observe reap(u0) cqes=20:-9:0", 1,
                "observe reap(u0) cqes=20:0:0,16:-125:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=20:-9:0");
    }

    @Test
    void aCancelByAnOpcodeAboveAByteThatMatchesNothingIsRejected() throws Exception {
        // io_async_cancel_prep reads sqe->len into the u8 cancel->opcode: 262 is POLL_ADD (6).
        rejectedByBoth(edit(MATCH_FLAGS, "observe reap(u0) cqes=21:3:0", 1,
                "observe reap(u0) cqes=21:0:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=21:3:0,16:-125:0,18:-125:0,13:-125:0");
    }

    @Test
    void aFixedFlagWithoutFdThatFailsIsRejected() throws Exception {
        // FD_FIXED is read only with FD (io_async_cancel): alone the cancel matches by user_data.
        rejectedByBoth(edit(MATCH_FLAGS, "observe reap(u0) cqes=19:0:0", 1,
                "observe reap(u0) cqes=19:-9:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=19:0:0,14:-125:0");
    }

    @Test
    void aCancelAnyWithUserDataThatMatchesTheUserDataIsRejected() throws Exception {
        // io_cancel_req_match: ANY goes straight to the sequence check; USERDATA is not looked at.
        rejectedByBoth(edit(MATCH_FLAGS, "observe reap(u0) cqes=25:1:0", 1,
                "observe reap(u0) cqes=25:0:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=25:1:0,17:-125:0");
    }

    @Test
    void anOpcodeCancelWithAnyTakenIsRejected() throws Exception {
        // io_async_cancel_prep refuses OP with ANY (-EINVAL); the failed SQE stops the submission.
        rejectedByBoth(edit(MATCH_FLAGS, "io_uring_enter(u0, ASYNC_CANCEL:23:0:ANY|OP:LEN=22+NOP:24, 0, 0) = 1", 1,
                "io_uring_enter(u0, ASYNC_CANCEL:23:0:ANY|OP:LEN=22+NOP:24, 0, 0) = 2"), "model returns 1");
    }

    @Test
    void aCancelledRequestThatLeavesTheTableAtOnceIsRejected() throws Exception {
        // The belief "a cancel unhashes the request": it stays in the cancel table until its task
        // work runs, so the second cancel finds it (0), ALL counts it, POLL_REMOVE gets -EALREADY.
        rejectedByBoth(edit(MATCH_FLAGS, "observe reap(u0) cqes=27:0:0", 1,
                "observe reap(u0) cqes=27:0:0,28:-2:0,29:0:0,30:-2:0,32:1:0,26:-125:0,31:-125:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=27:0:0,28:0:0,29:1:0,30:-114:0,32:2:0,26:-125:0,31:-125:0");
    }

    static final Path POLL_UPDATE = DIR.resolve("io-uring-poll-update.trace");

    @Test
    void anUpdateThatEndsThePollIsRejected() throws Exception {
        // The belief "POLL_REMOVE removes, whatever its flags": with an update the poll stays armed.
        rejectedByBoth(edit(POLL_UPDATE, "observe reap(u0) cqes=2:0:0", 1,
                "observe reap(u0) cqes=2:0:0,1:-125:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=2:0:0");
    }

    @Test
    void anUpdatedPollFoundByItsOldUserDataIsRejected() throws Exception {
        rejectedByBoth(edit(POLL_UPDATE, "observe reap(u0) cqes=4:-2:0", 1,
                "observe reap(u0) cqes=4:0:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=4:-2:0");
    }

    @Test
    void anEventsUpdateThatWaitsForAWakeupIsRejected() throws Exception {
        // The belief "an update only changes what the next wake-up matches": io_poll_add polls the
        // file again, and the write end is writable now.
        rejectedByBoth(edit(POLL_UPDATE, "observe reap(u0) cqes=7:0:0,6:4:0", 1,
                "observe reap(u0) cqes=7:0:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=7:0:0,6:4:0");
    }

    @Test
    void anUpdatedMultishotPollThatBecameOneShotIsRejected() throws Exception {
        // The update changes only the event bits (poll->events &= ~0xffff): multishot stays.
        rejectedByBoth(edit(POLL_UPDATE, "observe reap(u0) cqes=12:1:2", 1,
                "observe reap(u0) cqes=12:1:0 sq_flags=0 cq_overflow=0"), "model copied out cqes=12:1:2");
    }

    @Test
    void anUpdateWithMultiAloneTakenIsRejected() throws Exception {
        // io_poll_remove_prep: IORING_POLL_ADD_MULTI without an update flag is "meaningless": -EINVAL at init.
        rejectedByBoth(edit(POLL_UPDATE, "io_uring_enter(u0, POLL_REMOVE:16:99:MULTI+NOP:17, 0, 0) = 1", 1,
                "io_uring_enter(u0, POLL_REMOVE:16:99:MULTI+NOP:17, 0, 0) = 2"), "model returns 1");
    }

    @Test
    void setupParamsWithoutAFeatureOf618AreRejected() throws Exception {
        // The belief "features are what liburing's header of some release lists": 6.18 sets every bit up
        // to IORING_FEAT_NO_IOWAIT (17); here without it.
        rejectedByBoth(edit(POLL_UPDATE, "observe params(u0)", 1, "observe params(u0) sq_entries=8 cq_entries=16 features=0x1ffff"),
                "model copied out sq_entries=8 cq_entries=16 features=0x3ffff");
    }

    static final Path EXT_ARG = DIR.resolve("io-uring-enter-ext-arg-timeout.trace");

    @Test
    void aBadArgszThatStopsTheSubmissionIsRejected() throws Exception {
        // io_get_ext_arg runs after the submission: the NOP is submitted, and the count hides its -EINVAL.
        rejectedByBoth(edit(EXT_ARG, "io_uring_enter(u0, NOP:1, 1, IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG, argsz=16, 200)", 1,
                "io_uring_enter(u0, NOP:1, 1, IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG, argsz=16, 200) = -1 EINVAL"), "model returns 1");
    }

    @Test
    void aPadThatIsRefusedIsRejected() throws Exception {
        // The catalogue's "pad must be 0": since 6.12 it is min_wait_usec, and not checked.
        rejectedByBoth(edit(EXT_ARG, "argsz=24:pad=1, 200)", 1,
                "io_uring_enter(u0, -, 1, IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG, argsz=24:pad=1, 200) = -1 EINVAL"),
                "model returns 0");
    }

    @Test
    void aTimedOutWaitThatReturnsZeroWithAnEmptyCqIsRejected() throws Exception {
        rejectedByBoth(edit(EXT_ARG, "t1 <- -1 ETIME", 1, "t1 <- 0"), "model returns -1 ETIME");
    }

    @Test
    void aTimedOutWaitThatSaysEtimeAfterSubmittingIsRejected() throws Exception {
        // io_uring_enter returns the wait's error only when it submitted nothing.
        rejectedByBoth(edit(EXT_ARG, "t1 <- 1", 1, "t1 <- -1 ETIME"), "model returns 1");
    }

    @Test
    void aTimedOutWaitThatSaysEtimeWithCqesInTheRingIsRejected() throws Exception {
        // io_cqring_wait: "cq.head == cq.tail ? ret : 0" — one CQE is there, so 0.
        rejectedByBoth(edit(EXT_ARG, "t1 <- 0", 1, "t1 <- -1 ETIME"), "model returns 0");
    }

    static final Path AIO_HOLDS = DIR.resolve("aio-poll-holds-its-file.trace");

    @Test
    void aCloseThatReleasesAFileAnAioPollWaitsOnIsRejected() throws Exception {
        // The belief "close of the last fd ends the file": the poll's fget keeps the reader, so the
        // write is no EPIPE.
        rejectedByBoth(edit(AIO_HOLDS, "write(w0, 1) = 1", 1, "write(w0, 1) = -1 EPIPE"), "model returns 1");
    }

    @Test
    void aFileKeptAfterItsPollCompletedIsRejected() throws Exception {
        // The belief "the request's reference goes with the context": the fput of a poll completed
        // inline runs as the writer's task work, before write returns.
        rejectedByBoth(edit(AIO_HOLDS, "write(w0, 1) = -1 EPIPE", 1, "write(w0, 1) = 1"), "model returns -1 EPIPE");
    }

    static final Path AIO_RW = DIR.resolve("aio-pread-pwrite-pipe.trace");

    @Test
    void anAioReadOfAnEmptyPipeThatWaitsForDataIsRejected() throws Exception {
        // The belief "an asynchronous read waits for data": on an O_NONBLOCK pipe it completes at once with -EAGAIN.
        rejectedByBoth(edit(AIO_RW, "io_getevents(a0, 0, 4, 0) = 1", 1, "io_getevents(a0, 0, 4, 0) = 0"), "model returns 1");
    }

    @Test
    void anAioWriteCompletingBeforeThePollItWakesIsRejected() throws Exception {
        // pipe_write's wake-up completes the poll inside the write; the write's own completion comes after.
        rejectedByBoth(edit(AIO_RW, "events=5:65,6:1,7:1", 1, "observe aio_events(a0) events=6:1,5:65,7:1"),
                "model copied out events=5:65,6:1,7:1");
    }

    @Test
    void aBufferedAioReadOfAFileNotDoneInsideIoSubmitIsRejected() throws Exception {
        // The belief "native AIO on a buffered file is asynchronous": its event is there when io_submit returns.
        rejectedByBoth(edit(DIR.resolve("aio-pread-regular-file.trace"), "io_getevents(a0, 0, 4, 0) = 1", 1,
                "io_getevents(a0, 0, 4, 0) = 0"), "model returns 1");
    }

    @Test
    void enterOnAPipeFailingLikeAClosedFdIsRejected() throws Exception {
        rejectedByBoth(edit(DIR.resolve("io-uring-enter-errors.trace"), "EOPNOTSUPP", 1,
                "io_uring_enter(r0, -, 0, 0) = -1 EBADF"), "model returns -1 EOPNOTSUPP");
    }

    static final Path READS = DIR.resolve("io-uring-read-and-recv.trace");
    static final Path STOPS = DIR.resolve("io-uring-submit-stops-at-invalid.trace");

    @Test
    void aReadOfAnEmptyPipeFailingAtOnceIsRejected() throws Exception {
        // The belief "io_uring's READ follows O_NONBLOCK and completes with -EAGAIN": it arms a poll.
        rejectedByBoth(edit(READS, "observe reap(u0) cqes=-", 1, "observe reap(u0) cqes=1:-11:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aReadOfAnEmptyNonblockingSocketFailingAtOnceIsRejected() throws Exception {
        // The 5.9-era report (U-RCV-04): READ on an O_NONBLOCK socket gives -EAGAIN. On 6.18 it waits.
        rejectedByBoth(edit(READS, "observe reap(u0) cqes=-", 3, "observe reap(u0) cqes=6:-11:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aRecvWithDontwaitThatWaitsIsRejected() throws Exception {
        rejectedByBoth(edit(READS, "cqes=5:-11:0", 1, "observe reap(u0) cqes=- sq_flags=0 cq_overflow=0"),
                "model copied out cqes=5:-11:0 sq_flags=0 cq_overflow=0");
    }

    @Test
    void aShortReadThatKeepsItsLinkIsRejected() throws Exception {
        rejectedByBoth(edit(READS, "cqes=12:3:0,13:-125:0", 1, "observe reap(u0) cqes=12:3:0,13:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=12:3:0,13:-125:0 sq_flags=0 cq_overflow=0");
    }

    @Test
    void aShortRecvThatFailsItsLinkIsRejected() throws Exception {
        rejectedByBoth(edit(READS, "cqes=14:3:0,15:0:0", 1, "observe reap(u0) cqes=14:3:0,15:-125:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=14:3:0,15:0:0 sq_flags=0 cq_overflow=0");
    }

    static final Path POLL_FIRST = DIR.resolve("io-uring-recv-poll-first.trace");

    @Test
    void aPollFirstRecvOfAnEmptySocketFailingAtOnceIsRejected() throws Exception {
        // The belief "skipping the first try means the RECV fails with -EAGAIN": the poll is armed.
        rejectedByBoth(edit(POLL_FIRST, "observe reap(u0) cqes=-", 1, "observe reap(u0) cqes=1:-11:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aPollFirstRecvCompletingInlineIsRejected() throws Exception {
        // The belief "on a socket with data POLL_FIRST changes nothing": its CQE comes from task work, after the NOP's.
        rejectedByBoth(edit(POLL_FIRST, "cqes=3:0:0,2:3:0", 1, "observe reap(u0) cqes=2:3:0,3:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=3:0:0,2:3:0 sq_flags=0 cq_overflow=0");
    }

    @Test
    void aPollFirstDontwaitRecvThatReceivesIsRejected() throws Exception {
        // The belief "with data there the poll finds it ready and MSG_DONTWAIT never matters": -EAGAIN, the data stays.
        rejectedByBoth(edit(POLL_FIRST, "cqes=6:-11:0", 1, "observe reap(u0) cqes=6:2:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=6:-11:0 sq_flags=0 cq_overflow=0");
    }

    @Test
    void aCancelThatFindsAReadyPollFirstRecvIsRejected() throws Exception {
        // The belief "a cancel finds every request not yet completed": IO_APOLL_READY kept it out of the cancel table.
        rejectedByBoth(edit(POLL_FIRST, "cqes=10:-2:0,9:3:0", 1, "observe reap(u0) cqes=10:0:0,9:-125:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=10:-2:0,9:3:0 sq_flags=0 cq_overflow=0");
    }

    @Test
    void aPollFirstRecvOnAPipeFailingAtOnceIsRejected() throws Exception {
        // The belief "a RECV on a pipe is -ENOTSOCK at once": POLL_FIRST is checked before the socket.
        rejectedByBoth(edit(POLL_FIRST, "observe reap(u0) cqes=-", 2, "observe reap(u0) cqes=8:-88:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aSubmissionThatGoesOnPastAnInvalidSqeIsRejected() throws Exception {
        // The belief "io_uring_enter consumes every SQE it is given and reports errors only in CQEs".
        rejectedByBoth(edit(STOPS, "NOP:1+INVALID:2+NOP:3", 1, "io_uring_enter(u0, NOP:1+INVALID:2+NOP:3, 0, 0) = 3"),
                "model returns 2");
    }

    @Test
    void aFailedChainPostedInSubmissionOrderIsRejected() throws Exception {
        // The rest of a chain failed at init comes from io_fail_links after the submission, behind NOP 7.
        rejectedByBoth(edit(STOPS, "cqes=4:-125:0", 1, "observe reap(u0) cqes=4:-125:0,5:-22:0,6:-125:0,7:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=4:-125:0,7:0:0,5:-22:0,6:-125:0 sq_flags=0 cq_overflow=0");
    }

    @Test
    void hardLinksRunningPastAnInvalidSqeAreRejected() throws Exception {
        // io_queue_sqe_fallback fails a chain with an init failure whole, hard links too.
        rejectedByBoth(edit(STOPS, "cqes=8:-125:0", 1, "observe reap(u0) cqes=8:0:0,9:-22:0,10:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=8:-125:0,9:-22:0,10:-125:0 sq_flags=0 cq_overflow=0");
    }

    static final Path DROPPED = DIR.resolve("io-uring-sq-array-dropped.trace");

    @Test
    void aSubmissionGoingOnPastADroppedEntryIsRejected() throws Exception {
        // The belief "a bad array entry is skipped and the rest submitted": io_submit_sqes stops there.
        rejectedByBoth(edit(DROPPED, "io_uring_enter(u0, SQ_ARRAY:4+NOP:1", 1, "io_uring_enter(u0, SQ_ARRAY:4+NOP:1, 0, 0) = 1"),
                "model returns 0");
    }

    @Test
    void aDroppedEntryNotCountedIsRejected() throws Exception {
        rejectedByBoth(edit(DROPPED, "observe sq(u0) sq_dropped=1", 1, "observe sq(u0) sq_dropped=0"),
                "model has sq_dropped=1, the kernel 0");
    }

    @Test
    void aDroppedEntryLeftInTheSqIsRejected() throws Exception {
        // The kernel's head moves past the dropped entry: the next call submits the NOP alone.
        rejectedByBoth(edit(DROPPED, "io_uring_enter(u0, -, 0, 0) = 1", 1, "io_uring_enter(u0, -, 0, 0) = 2"),
                "model returns 1");
    }

    static final Path OFFSETS = DIR.resolve("io-uring-ring-offsets.trace");
    static final String OFF_1 = "observe offsets(u0) sq_off=head:0,tail:4,ring_mask:16,ring_entries:24,flags:36,dropped:32,array:";
    static final String CQ_OFF = " cq_off=head:8,tail:12,ring_mask:20,ring_entries:28,overflow:44,cqes:64,flags:40";

    @Test
    void anSqArrayRightBehindTheCqesIsRejected() throws Exception {
        // rings_size aligns struct_size(rings, cqes, cq_entries) to the cache line: 64 + 2 * 16 -> 128, not 96.
        rejectedByBoth(edit(OFFSETS, "observe offsets(u0)", 1, OFF_1 + "96" + CQ_OFF),
                "model has sq_off=head:0,tail:4,ring_mask:16,ring_entries:24,flags:36,dropped:32,array:128");
    }

    @Test
    void headAndTailOnTheirOwnCacheLinesAreRejected() throws Exception {
        // The layout of 5.x kernels (struct io_uring's head and tail ____cacheline_aligned_in_smp): not 6.18's.
        rejectedByBoth(edit(OFFSETS, "observe offsets(u0)", 1, OFF_1 + "128"
                + " cq_off=head:128,tail:192,ring_mask:260,ring_entries:268,overflow:284,cqes:320,flags:280"),
                "the kernel sq_off=head:0,tail:4");
    }

    @Test
    void anSqArrayThatIgnoresTheCqSizeIsRejected() throws Exception {
        // A CQ of 64 puts the array at 64 + 64 * 16 = 1088, not where a 4/8 ring has it (192).
        rejectedByBoth(edit(OFFSETS, "observe offsets(u2)", 1, OFF_1.replace("(u0)", "(u2)") + "192" + CQ_OFF),
                "array:1088 cq_off=");
    }

    static final Path NO_SQARRAY = DIR.resolve("io-uring-no-sqarray.trace");

    @Test
    void anSqArrayReportedWithoutOneIsRejected() throws Exception {
        // io_uring_create writes sq_off.array only "if (!(p->flags & IORING_SETUP_NO_SQARRAY))".
        rejectedByBoth(edit(NO_SQARRAY, "observe offsets(u0)", 1, OFF_1 + "192" + CQ_OFF),
                "model has sq_off=head:0,tail:4,ring_mask:16,ring_entries:24,flags:36,dropped:32,array:0");
    }

    @Test
    void aRingWithoutAnSqArrayTakingTheFirstSlotEachTimeIsRejected() throws Exception {
        // The belief "without the array every SQE comes from slot 0": the kernel takes the head's slot.
        rejectedByBoth(edit(NO_SQARRAY, "cqes=4:0:0", 1, "observe reap(u0) cqes=4:0:0,4:0:0,4:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=4:0:0,5:0:0,6:0:0");
    }

    static final Path WRITES = DIR.resolve("io-uring-write.trace");

    @Test
    void aReadCompletedBeforeTheWriteThatWokeItIsRejected() throws Exception {
        // The READ's CQE comes from task work the WRITE's wake-up queued: after the WRITE's own CQE.
        rejectedByBoth(edit(WRITES, "cqes=2:3:0,1:3:0", 1, "observe reap(u0) cqes=1:3:0,2:3:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=2:3:0,1:3:0 sq_flags=0 cq_overflow=0");
    }

    @Test
    void aFailedWriteThatKeepsItsLinkIsRejected() throws Exception {
        rejectedByBoth(edit(WRITES, "cqes=6:-32:0", 1, "observe reap(u0) cqes=6:-32:0,7:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=6:-32:0,7:-125:0 sq_flags=0 cq_overflow=0");
    }

    @Test
    void aMultishotPollThatGoesOnPostingPastAFullCqIsRejected() throws Exception {
        // The belief "a multishot poll posts with F_MORE on every wake-up": once its CQE cannot go
        // into the CQ, io_poll_check_events ends the request, its last CQE without F_MORE.
        rejectedByBoth(edit(DIR.resolve("io-uring-multishot-poll-overflow.trace"), "cqes=1:1:0", 1,
                        "observe reap(u0) cqes=1:1:2 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:1:0 sq_flags=0 cq_overflow=0");
    }

    @Test
    void aClosedFdThatReleasesAFileARequestHoldsIsRejected() throws Exception {
        // The belief "close(2) of the last fd releases the file": the armed POLL_ADD holds a reference.
        rejectedByBoth(edit(DIR.resolve("io-uring-request-holds-its-file.trace"), "write(w0, 1) = 1", 1,
                "write(w0, 1) = -1 EPIPE"), "model returns 1");
    }

    static final Path ENTER_SLEEPS = DIR.resolve("io-uring-enter-getevents-sleeps.trace");
    static final Path GETEVENTS_SLEEPS = DIR.resolve("aio-getevents-sleeps.trace");

    @Test
    void aGeteventsEnterThatReturnsAtOnceIsRejected() throws Exception {
        // The belief "GETEVENTS returns at once without waiting": t1 back with no CQE in the ring.
        rejectedByBoth(earlyReturn(ENTER_SLEEPS, "observe task(t1) state=S wchan=io_cqring_wait", 1, "t1 <- 0", 1),
                "t1 is in no call that has finished");
    }

    @Test
    void aGeteventsEnterWokenByFewerThanMinCompleteIsRejected() throws Exception {
        // The belief "any CQE ends the wait": one CQE of the two asked for, and t1 returns.
        rejectedByBoth(earlyReturn(ENTER_SLEEPS, "observe task(t1) state=S wchan=io_cqring_wait", 2, "t1 <- 0", 1),
                "t1 is in no call that has finished");
    }

    @Test
    void aStoppedSubmissionThatWaitsIsRejected() throws Exception {
        // The belief "GETEVENTS waits for min_complete whatever the submission did" (U-ENT-02).
        rejectedByBoth(edit(ENTER_SLEEPS, "t1 <- 1", 1, "observe task(t1) state=S wchan=io_cqring_wait"),
                "the kernel has t1 asleep in io_cqring_wait, the model RUNNING");
    }

    @Test
    void aGeteventsThatReturnsBeforeMinNrIsRejected() throws Exception {
        // The belief "io_getevents takes what is there and returns": t1 back before the write, with nothing.
        rejectedByBoth(earlyReturn(GETEVENTS_SLEEPS, "observe task(t1) state=S wchan=read_events", 1, "t1 <- 1", 1),
                "t1 is in no call that has finished");
    }

    @Test
    void aGeteventsTimeoutThatFailsIsRejected() throws Exception {
        // The belief "a timed-out io_getevents fails with ETIME" (as io_uring's wait does): it returns 0 events.
        rejectedByBoth(edit(GETEVENTS_SLEEPS, "t1 <- 0", 1, "t1 <- -1 ETIME"), "model returns 0");
    }

    @Test
    void anEpollOfARingThatACompletionDoesNotWakeIsRejected() throws Exception {
        // The belief "a ring's fd is woken by nothing": t1 sleeps out its 2 s and returns 0.
        rejectedByBoth(edit(DIR.resolve("io-uring-ring-fd-epoll-woken.trace"), "t1 <- 1", 1, "t1 <- 0"), "model returns 1");
    }

    @Test
    void aPollOfARingThatACompletionDoesNotWakeIsRejected() throws Exception {
        rejectedByBoth(edit(DIR.resolve("io-uring-ring-fd-poll-woken.trace"), "t1 <- 1", 1, "t1 <- 0"), "model returns 1");
    }

    static final Path DRAIN = DIR.resolve("io-uring-drain.trace");

    @Test
    void aDrainedNopThatDoesNotWaitForThePollIsRejected() throws Exception {
        // The belief "IOSQE_IO_DRAIN orders only the SQEs of its own batch" (or is ignored): 2 and 3 inline.
        rejectedByBoth(edit(DRAIN, "observe reap(u0) cqes=-", 1, "observe reap(u0) cqes=2:0:0,3:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aNopAfterTheDrainThatCompletesInlineIsRejected() throws Exception {
        // The belief "only the SQEs before the drained one are waited for; a later one runs at once":
        // drain_active forces NOP 4 onto the defer list too (io_init_req, io_drain_req).
        rejectedByBoth(edit(DRAIN, "observe reap(u0) cqes=-", 2, "observe reap(u0) cqes=4:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0");
    }

    @Test
    void aNopBehindTheDrainedOneThatOvertakesItIsRejected() throws Exception {
        // The belief "the drained NOP and the NOPs behind it start together once the poll is done":
        // 3 starts only after 2 is freed (io_queue_deferred stops at a drained head).
        rejectedByBoth(edit(DRAIN, "cqes=1:1:0,2:0:0,3:0:0,4:0:0", 1,
                        "observe reap(u0) cqes=1:1:0,3:0:0,2:0:0,4:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:1:0 "); // no state of the model has 3 posted before 2
    }

    static final Path DRAIN_AFTER_SKIP = DIR.resolve("io-uring-drain-after-cqe-skip.trace");

    @Test
    void aSkippedNopThatPostsItsCqeIsRejected() throws Exception {
        // The belief "IOSQE_CQE_SKIP_SUCCESS is only a hint": NOP 2 posts its 0.
        rejectedByBoth(edit(DRAIN_AFTER_SKIP, "cqes=3:-95:0", 1, "observe reap(u0) cqes=2:0:0,3:-95:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=3:-95:0");
    }

    @Test
    void aFailedSkippingSqeWithoutACqeIsRejected() throws Exception {
        // The belief "CQE_SKIP_SUCCESS skips every CQE": the failed INVALID 1 posts nothing.
        rejectedByBoth(edit(DRAIN_AFTER_SKIP, "cqes=1:-22:0", 1, "observe reap(u0) cqes=- sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:-22:0");
    }

    @Test
    void aDrainAfterASkipThatDoesNotStopTheSubmissionIsRejected() throws Exception {
        // The belief "a drained SQE after CQE_SKIP_SUCCESS is refused, and the submission goes on":
        // io_init_req's -EOPNOTSUPP ends it like any SQE that fails to initialise.
        rejectedByBoth(edit(DRAIN_AFTER_SKIP, "NOP:2:CQE_SKIP+NOP:3:DRAIN+NOP:4, 0, 0) = 2", 1,
                        "io_uring_enter(u0, NOP:2:CQE_SKIP+NOP:3:DRAIN+NOP:4, 0, 0) = 3"),
                "model returns 2");
    }

    @Test
    void aDrainInALaterCallThatSucceedsIsRejected() throws Exception {
        // The belief "drain_disabled lasts one submission": NOP 5 completes with 0.
        rejectedByBoth(edit(DRAIN_AFTER_SKIP, "cqes=5:-95:0", 1, "observe reap(u0) cqes=5:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=5:-95:0");
    }

    static final Path OWN_EVENTFD = DIR.resolve("io-uring-poll-own-eventfd-oneshot.trace");

    @Test
    void aMultishotPollThatTheRingsOwnEventfdLeavesMultishotIsRejected() throws Exception {
        // The belief "a multishot poll stays armed whoever wakes it": its CQE with F_MORE (2).
        rejectedByBoth(edit(OWN_EVENTFD, "cqes=2:0:0,1:1:0", 1, "observe reap(u0) cqes=2:0:0,1:1:2 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=2:0:0,1:1:0");
    }

    @Test
    void aPollThatPostsAgainAfterTheRingsOwnWakeUpIsRejected() throws Exception {
        // The same belief one step later: the second NOP's signal would post the poll's mask again.
        rejectedByBoth(edit(OWN_EVENTFD, "cqes=3:0:0", 1, "observe reap(u0) cqes=3:0:0,1:1:2 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=3:0:0");
    }

    @Test
    void aWriteWokenMultishotPollThatStaysArmedIsRejected() throws Exception {
        // The belief "the ring's signal for a poll's own CQE finds the poll busy and leaves it multishot":
        // the flush after the task work signals when the poll is armed again (io_req_post_cqe: cq_flush).
        rejectedByBoth(edit(OWN_EVENTFD, "cqes=4:1:2,4:1:0", 1, "observe reap(u0) cqes=4:1:2 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=4:1:2,4:1:0");
    }

    static final Path LINK_ENDS = DIR.resolve("io-uring-link-ends-with-the-call.trace");

    @Test
    void anOpenChainCancelledAtTheEndOfItsCallIsRejected() throws Exception {
        // The belief "a chain left open by the last SQE is failed when the call ends": NOP 1 -ECANCELED.
        rejectedByBoth(edit(LINK_ENDS, "cqes=1:0:0", 1, "observe reap(u0) cqes=1:-125:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=- sq_flags=0 cq_overflow=0, the kernel cqes=1:-125:0");
    }

    @Test
    void aNopThatJoinsTheChainOfAnEarlierCallIsRejected() throws Exception {
        // The belief "chains span calls": NOP 2 joins NOP 1's open chain and goes where it went, to
        // io-wq, so it is not there at the reap; in the kernel it completes inline.
        rejectedByBoth(edit(LINK_ENDS, "cqes=2:0:0", 1, "observe reap(u0) cqes=- sq_flags=0 cq_overflow=0"),
                "model copied out cqes=2:0:0");
    }

    static final Path CHAIN_100 = DIR.resolve("io-uring-link-chain-of-100.trace");

    /** The reap of the chain of 100, its timestamp cut off, with {@code from} replaced by {@code to}. */
    static String chainReap(String from, String to) throws IOException {
        String l = Files.readAllLines(CHAIN_100).stream().filter(x -> x.contains("observe reap(u0) cqes=0:0:0")).findFirst().orElseThrow();
        assertTrue(l.contains(from), l);
        return l.substring(l.indexOf(' ') + 1).replace(from, to);
    }

    @Test
    void aChainOf100CompletingOutOfOrderIsRejected() throws Exception {
        // The belief "linked members run side by side": two of them swap places in the CQ.
        rejectedByBoth(edit(CHAIN_100, "cqes=0:0:0", 1, chainReap(",49:0:0,50:0:0,", ",50:0:0,49:0:0,")),
                "model copied out cqes=0:0:0,1:0:0");
    }

    @Test
    void aChainOf100WhoseTailIsNotThereAtTheReapIsRejected() throws Exception {
        // The belief "the members after the head run later, after the call returns": the last one missing.
        rejectedByBoth(edit(CHAIN_100, "cqes=0:0:0", 1, chainReap(",98:0:0,99:0:0 ", ",98:0:0 ")),
                "model copied out cqes=0:0:0,1:0:0");
    }

    static final Path RECV_PEER_CLOSES = DIR.resolve("io-uring-recv-peer-closes.trace");

    @Test
    void anArmedRecvThatAPeersCloseLeavesWaitingIsRejected() throws Exception {
        // The belief "an armed RECV waits for data": the peer's close would post nothing.
        rejectedByBoth(edit(RECV_PEER_CLOSES, "cqes=1:0:0", 1, "observe reap(u0) cqes=- sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:0:0");
    }

    @Test
    void anArmedRecvThatAPeersCloseFailsIsRejected() throws Exception {
        // The belief "a peer gone is an error": -ECONNRESET instead of end of file.
        rejectedByBoth(edit(RECV_PEER_CLOSES, "cqes=1:0:0", 1, "observe reap(u0) cqes=1:-104:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=1:0:0");
    }

    static final Path RING_CLOSE = DIR.resolve("io-uring-close-cancels-later.trace");

    @Test
    void aClosedRingThatKeepsItsPollsFileForGoodIsRejected() throws Exception {
        // The belief "a request of a closed ring holds its file until the process exits": the write
        // after the reader's POLLERR would still find it. The exit work has run by then.
        rejectedByBoth(edit(RING_CLOSE, "write(w0, 1) = -1 EPIPE", 2, "write(w0, 1) = 1"),
                "model returns -1 EPIPE (IoEpipe)");
    }
}
