package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Errno;
import kpath.uapi.IoUringAbi;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.submit;
import static kpath.model.proc.IoPollExamples.taskWork;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IORING_OP_ASYNC_CANCEL's flags and IORING_OP_POLL_REMOVE's updates in the process model, with
 * the values the kernel returned in traces/completion/io-uring-cancel-flags.trace and
 * io-uring-poll-update.trace (io_uring/cancel.c io_async_cancel_prep, __io_async_cancel,
 * io_cancel_req_match; io_uring/poll.c io_poll_find, io_poll_file_find, io_poll_remove_prep,
 * io_poll_remove).
 */
class IoUringCancelExamples {

    static final long ECANCELED = -125, ENOENT = -2, EBADF = -9, EINVAL = -22;
    static final int ALL = IoUringAbi.IORING_ASYNC_CANCEL_ALL, FD = IoUringAbi.IORING_ASYNC_CANCEL_FD,
            ANY = IoUringAbi.IORING_ASYNC_CANCEL_ANY;
    static final int EVENTS = IoUringAbi.IORING_POLL_UPDATE_EVENTS, USER_DATA = IoUringAbi.IORING_POLL_UPDATE_USER_DATA;

    /** A ring of 8 entries (CQ 16: one hash bit) and two empty pipes. */
    static R ringAndPipes() {
        return IoUringExamples.ring(8).pipe("r0", "w0").pipe("r1", "w1");
    }

    static Sqe poll(long ud, String fd) {
        return Sqe.pollAdd(ud, fd, Mask.IN, false);
    }

    @Example
    void cancelAllTakesEveryRequestWithTheUserDataAndCountsThem() {
        R r = submit(ringAndPipes(), poll(1, "r0"), poll(2, "r0"), poll(1, "r1"));
        submit(r, Sqe.cancel(3, 1, ALL, ""));
        taskWork(r);
        assertEquals(List.of(new Cqe(3, 2, 0), new Cqe(1, ECANCELED, 0), new Cqe(1, ECANCELED, 0)), reap(r));
        assertEquals(List.of(2L), IoUringExamples.file(r).polls().stream().map(OpenFile.PollReq::userData).toList());
        submit(r, Sqe.cancel(4, 1, ALL, ""));
        assertEquals(List.of(new Cqe(4, 0, 0)), reap(r), "none: 0, not -ENOENT");
    }

    @Example
    void cancelByFdWalksTheBucketsInOrderEachNewestFirst() {
        R r = submit(ringAndPipes(), poll(2, "r0"), poll(5, "r0"), poll(6, "r1"), poll(7, "r0"), poll(8, "r0"));
        submit(r, Sqe.cancel(9, 0, FD, "r0"));
        taskWork(r);
        assertEquals(List.of(new Cqe(9, 0, 0), new Cqe(8, ECANCELED, 0)), reap(r), "8 is in bucket 0, the others on r0 in 1");
        submit(r, Sqe.cancel(10, 0, FD | ALL, "r0"));
        taskWork(r);
        assertEquals(List.of(new Cqe(10, 3, 0), new Cqe(7, ECANCELED, 0), new Cqe(5, ECANCELED, 0), new Cqe(2, ECANCELED, 0)),
                reap(r), "newest first within the bucket");
        submit(r, Sqe.cancel(11, 0, FD, "r0"));
        assertEquals(List.of(new Cqe(11, ENOENT, 0)), reap(r));
        submit(r, Sqe.cancel(12, 0, FD | ALL, "zz"));
        assertEquals(List.of(new Cqe(12, EBADF, 0)), reap(r), "an fd not open");
    }

    @Example
    void cancelAnyTakesEveryRequestAnInternalPollToo() {
        R r = submit(ringAndPipes(), poll(6, "r1"), Sqe.read(12, "r1", 8), Sqe.pollAdd(13, "r0", Mask.IN, true));
        submit(r, Sqe.cancel(14, 0, ANY, ""));
        taskWork(r);
        assertEquals(List.of(new Cqe(14, 3, 0), new Cqe(6, ECANCELED, 0), new Cqe(13, ECANCELED, 0), new Cqe(12, ECANCELED, 0)),
                reap(r));
        submit(r, Sqe.cancel(15, 0, ANY, ""));
        assertEquals(List.of(new Cqe(15, 0, 0)), reap(r));
    }

    @Example
    void aCancelledRequestWhoseTaskWorkIsQueuedKeepsItsPlace() {
        R r = ringAndPipes().write("w0", 1);
        // both ready at arm, so their task work is queued in arming order; the cancel marks them (1 in bucket 0, 2 in 1)
        submit(r, Sqe.pollAdd(1, "r0", Mask.IN, true), Sqe.pollAdd(2, "r0", Mask.IN, true), Sqe.cancel(3, 0, ANY, ""));
        taskWork(r);
        assertEquals(List.of(new Cqe(3, 2, 0), new Cqe(1, ECANCELED, 0), new Cqe(2, ECANCELED, 0)), reap(r),
                "the task work queued at arming runs in that order");
    }

    @Example
    void aCancelTakenAtOnceGoesBehindTaskWorkQueuedBefore() {
        R r = ringAndPipes().write("w1", 1);
        submit(r, poll(1, "r0"), Sqe.pollAdd(2, "r1", Mask.IN, true), Sqe.cancel(3, 1));
        taskWork(r);
        assertEquals(List.of(new Cqe(3, 0, 0), new Cqe(2, Mask.IN, 2), new Cqe(1, ECANCELED, 0)), reap(r));
    }

    @Example
    void cancelFlagsTheKernelRefusesFailTheSqeAtInitAndStopTheSubmission() { // io_async_cancel_prep
        for (int flags : new int[] {1 << 6, FD | ANY, IoUringAbi.IORING_ASYNC_CANCEL_OP | ANY}) {
            R r = ringAndPipes();
            r.call(new IoUringEnter("u0", List.of(Sqe.cancel(1, 0, flags, ""), Sqe.nop(2)), 0, false), 1);
            assertEquals(List.of(new Cqe(1, EINVAL, 0)), reap(r), IoUringAbi.cancelFlagsText(flags));
            assertEquals(1, IoUringExamples.file(r).sq().size(), "the NOP waits in the SQ");
        }
    }

    static final int FD_FIXED = IoUringAbi.IORING_ASYNC_CANCEL_FD_FIXED, USERDATA = IoUringAbi.IORING_ASYNC_CANCEL_USERDATA,
            OP = IoUringAbi.IORING_ASYNC_CANCEL_OP;
    static final int READ = IoUringAbi.IORING_OP_READ, POLL_ADD = IoUringAbi.IORING_OP_POLL_ADD;

    /** traces/completion/io-uring-cancel-match-flags.trace's first requests: 1, 3, 6 in bucket 0, 2 and 4 in bucket 1. */
    static R armedForMatchFlags() {
        return submit(ringAndPipes(), poll(1, "r0"), Sqe.read(2, "r0", 8), poll(3, "r1"), Sqe.read(4, "r1", 8), poll(6, "r0"));
    }

    @Example
    void cancelByOpcodeWalksTheBucketsAnInternalPollHasItsRequestsOpcode() {
        R r = armedForMatchFlags();
        submit(r, Sqe.cancel(5, 0, OP, "", READ));
        taskWork(r);
        assertEquals(List.of(new Cqe(5, 0, 0), new Cqe(4, ECANCELED, 0)), reap(r), "bucket 0 holds no READ; in 1 the newest");
        submit(r, Sqe.cancel(7, 0, OP | ALL, "", 256 + POLL_ADD));
        taskWork(r);
        assertEquals(List.of(new Cqe(7, 3, 0), new Cqe(6, ECANCELED, 0), new Cqe(3, ECANCELED, 0), new Cqe(1, ECANCELED, 0)), reap(r),
                "len is read into a u8: 262 is POLL_ADD");
        submit(r, Sqe.cancel(8, 0, OP, "", IoUringAbi.IORING_OP_RECV));
        assertEquals(List.of(new Cqe(8, ENOENT, 0)), reap(r), "the READ left is no RECV");
    }

    @Example
    void userDataWithOpNeedsBoth() {
        R r = armedForMatchFlags();
        submit(r, Sqe.cancel(7, 2, OP | USERDATA, "", POLL_ADD));
        assertEquals(List.of(new Cqe(7, ENOENT, 0)), reap(r), "2 is a READ");
        submit(r, Sqe.cancel(8, 2, OP | USERDATA, "", READ));
        taskWork(r);
        assertEquals(List.of(new Cqe(8, 0, 0), new Cqe(2, ECANCELED, 0)), reap(r));
    }

    @Example
    void userDataWithFdNeedsBothNotTheFirstOnTheFile() {
        R r = armedForMatchFlags();
        submit(r, Sqe.cancel(9, 3, FD | USERDATA, "r0"));
        assertEquals(List.of(new Cqe(9, ENOENT, 0)), reap(r), "3 is on r1");
        submit(r, Sqe.cancel(10, 1, FD | USERDATA, "r0"));
        taskWork(r);
        assertEquals(List.of(new Cqe(10, 0, 0), new Cqe(1, ECANCELED, 0)), reap(r), "FD alone would take 6, newer in bucket 0");
        submit(r, Sqe.cancel(11, 6, ALL | FD | USERDATA, "r0"));
        taskWork(r);
        assertEquals(List.of(new Cqe(11, 1, 0), new Cqe(6, ECANCELED, 0)), reap(r));
        submit(r, Sqe.cancel(12, 4, OP | FD | ALL, "r1", READ));
        taskWork(r);
        assertEquals(List.of(new Cqe(12, 1, 0), new Cqe(4, ECANCELED, 0)), reap(r), "the READ on r1, not the one on r0");
    }

    @Example
    void userDataAloneIsThePlainMatchAndWithAnyIgnored() {
        R r = armedForMatchFlags();
        submit(r, Sqe.cancel(12, 3, USERDATA, ""));
        taskWork(r);
        assertEquals(List.of(new Cqe(12, 0, 0), new Cqe(3, ECANCELED, 0)), reap(r));
        submit(r, Sqe.cancel(25, 99, ANY | USERDATA, ""));
        taskWork(r);
        assertEquals(5, reap(r).size(), "ANY: the cancel's CQE and all four left");
    }

    @Example
    void fdFixedWithoutFdIsIgnoredAndWithFdIsEbadf() { // io_async_cancel: io_file_get_fixed, no registered files
        R r = armedForMatchFlags();
        submit(r, Sqe.cancel(19, 3, FD_FIXED, "r1"));
        taskWork(r);
        assertEquals(List.of(new Cqe(19, 0, 0), new Cqe(3, ECANCELED, 0)), reap(r));
        submit(r, Sqe.cancel(20, 0, FD | FD_FIXED, "r0"));
        submit(r, Sqe.cancel(21, 0, FD | FD_FIXED | ALL, "r0"));
        assertEquals(List.of(new Cqe(20, EBADF, 0), new Cqe(21, EBADF, 0)), reap(r), "an open fd's number indexes no registered file");
        assertEquals(4, IoUringExamples.file(r).polls().size());
    }

    @Example
    void aRequestCancelledEarlierInTheSubmissionIsFoundAgainUntilItsTaskWorkRuns() { // io_poll_cancel_req does not unhash it
        R r = submit(ringAndPipes(), poll(26, "r0"), poll(31, "r0"));
        submit(r, Sqe.cancel(27, 26), Sqe.cancel(28, 26), Sqe.cancel(29, 26, ALL, ""), Sqe.pollRemove(30, 26),
                Sqe.cancel(32, 0, FD | ALL, "r0"));
        taskWork(r);
        assertEquals(List.of(new Cqe(27, 0, 0), new Cqe(28, 0, 0), new Cqe(29, 1, 0), new Cqe(30, -Errno.EALREADY.number(), 0),
                new Cqe(32, 2, 0), new Cqe(26, ECANCELED, 0), new Cqe(31, ECANCELED, 0)), reap(r), "26 completes once");
        submit(r, Sqe.cancel(33, 26));
        assertEquals(List.of(new Cqe(33, ENOENT, 0)), reap(r), "its task work ran: gone");
    }

    @Example
    void aCancelAllTakesEachMatchOnceInTheWalksOrder() {
        R r = ringAndPipes().write("w1", 1);
        // 3 (bucket 0) is ready at arming: its task work is queued and it keeps its place; 2 and 4 (bucket 1) go to the end, 4 first
        submit(r, poll(2, "r0"), Sqe.pollAdd(3, "r1", Mask.IN, true), poll(4, "r0"), Sqe.cancel(5, 0, ANY, ""));
        assertEquals(List.of(3L, 4L, 2L), IoUringExamples.file(r).polls().stream().map(OpenFile.PollReq::userData).toList());
        assertTrue(IoUringExamples.file(r).polls().stream().allMatch(p -> p.cancelled() && p.pending()));
        taskWork(r);
        assertEquals(List.of(new Cqe(5, 3, 0), new Cqe(3, ECANCELED, 0), new Cqe(4, ECANCELED, 0), new Cqe(2, ECANCELED, 0)), reap(r));
    }

    @Example
    void theOpcodesTheCancelTableHolds() {
        assertEquals(6, IoUringAbi.opcode("POLL_ADD"));
        assertEquals(22, IoUringAbi.opcode("READ"));
        assertEquals(27, IoUringAbi.opcode("RECV"));
        assertEquals(-1, IoUringAbi.opcode("NOP"));
    }

    @Example
    void aWalkOverUserDataTheSpecCannotHashIsNotModelled() {
        R r = submit(ringAndPipes(), poll(20000, "r0"));
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.cancel(1, 0, FD, "r0")), 0, false)).isEmpty());
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.cancel(20001, 0, ANY, "")), 0, false)).isEmpty());
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.cancel(20001, 0, OP, "", POLL_ADD)), 0, false)).isEmpty(), "OP walks the buckets too");
        submit(r, Sqe.cancel(2, 20000, ALL, "")); // by user_data: one bucket, no hash needed
        taskWork(r);
        assertEquals(List.of(new Cqe(2, 1, 0), new Cqe(20000, ECANCELED, 0)), reap(r));
        assertTrue(IoPoll.hashable(IoUringExamples.file(r), List.of(Sqe.cancel(3, 0, FD, "r0"))));
        assertFalse(IoPoll.hashable(IoUringExamples.file(r), List.of(Sqe.cancel(3, 0, FD, "r0"), Sqe.nop(-1))));
        assertFalse(IoPoll.hashable(IoUringExamples.file(r), List.of(Sqe.cancel(3, 0, FD, "r0"), Sqe.pollUpdate(4, 1, USER_DATA, 0, 16384))));
        assertFalse(IoPoll.hashable(IoUringExamples.file(r), List.of(Sqe.cancel(3, 0, FD, "r0"), Sqe.pollUpdate(4, 1, USER_DATA, 0, -1))));
        assertTrue(IoPoll.hashable(IoUringExamples.file(r), List.of(Sqe.cancel(16383, 0, FD, "r0"), Sqe.pollUpdate(4, 1, USER_DATA, 0, 16383))));
    }

    @Example
    void theBucketIsTheTopBitsOfTheGoldenRatioProduct() { // include/linux/hash.h hash_64, io_ring_ctx_alloc
        assertEquals(0, IoPoll.bucket(1, 16));
        assertEquals(1, IoPoll.bucket(2, 16));
        assertEquals(1, IoPoll.bucket(12, 16));
        assertEquals(0, IoPoll.bucket(8, 2), "hash_bits at least 1");
        assertEquals(1, IoPoll.bucket(6, 128), "ilog2(128) - 5 = 2 bits");
        assertEquals(2, IoPoll.bucket(12, 128));
        assertEquals(3, IoPoll.bucket(13, 128));
        assertEquals(0x61C8864680B583EBL * 13 >>> 56, IoPoll.bucket(13, 1 << 16), "at most 8 bits");
        assertEquals(0x61C8864680B583EBL * 13 >>> 56, IoPoll.bucket(13, 1 << 14), "ilog2(16384) - 5 = 9: clamped to 8");
        assertEquals(0x61C8864680B583EBL * 13 >>> 57, IoPoll.bucket(13, 1 << 12));
    }

    @Example
    void anUpdateOfTheUserDataKeepsThePollArmedUnderItsNewName() {
        R r = submit(ringAndPipes(), poll(1, "r0"));
        submit(r, Sqe.pollUpdate(2, 1, USER_DATA, 0, 3));
        assertEquals(List.of(new Cqe(2, 0, 0)), reap(r));
        submit(r, Sqe.pollUpdate(4, 1, USER_DATA, 0, 5));
        assertEquals(List.of(new Cqe(4, ENOENT, 0)), reap(r), "the old user_data is gone");
        r.write("w0", 1);
        taskWork(r);
        assertEquals(List.of(new Cqe(3, Mask.IN, 0)), reap(r));
    }

    @Example
    void anUpdateOfTheEventsPollsAgainAndAReadyOneShotPollCompletesAfterTheUpdate() {
        R r = submit(ringAndPipes(), poll(6, "w0"));
        assertEquals(List.of(), reap(r), "a write end is never readable");
        submit(r, Sqe.pollUpdate(7, 6, EVENTS, Mask.OUT, 0));
        taskWork(r);
        assertEquals(List.of(new Cqe(7, 0, 0), new Cqe(6, Mask.OUT, 0)), reap(r));
        assertTrue(IoUringExamples.file(r).polls().isEmpty());
    }

    @Example
    void anUpdateOfBothKeepsAMultishotPollMultishot() {
        R r = submit(ringAndPipes(), Sqe.pollAdd(10, "r0", Mask.IN, true));
        submit(r, Sqe.pollUpdate(11, 10, EVENTS | USER_DATA, Mask.IN | Mask.PRI, 12));
        assertEquals(List.of(new Cqe(11, 0, 0)), reap(r));
        OpenFile.PollReq p = IoUringExamples.file(r).polls().getFirst();
        assertEquals(Mask.IN | Mask.PRI | IoPoll.UNMASK, p.events());
        for (int i = 0; i < 2; i++) {
            r.write("w0", 1);
            taskWork(r);
            assertEquals(List.of(new Cqe(12, Mask.IN, 2)), reap(r), "F_MORE");
            r.call(new Read("r0", 8), 1);
        }
    }

    @Example
    void anUpdateOfAPollWhoseTaskWorkIsQueuedIsEalreadyAndOfAMissingOneEnoent() {
        R r = ringAndPipes().write("w0", 1);
        submit(r, Sqe.pollAdd(10, "r0", Mask.IN, true), Sqe.pollUpdate(11, 10, USER_DATA, 0, 12));
        taskWork(r);
        assertEquals(List.of(new Cqe(11, -Errno.EALREADY.number(), 0), new Cqe(10, Mask.IN, 2)), reap(r));
        submit(r, Sqe.pollUpdate(15, 99, EVENTS, Mask.IN, 0));
        assertEquals(List.of(new Cqe(15, ENOENT, 0)), reap(r));
    }

    @Example
    void anUpdateOfAReadsInternalPollIsEnoent() {
        R r = submit(ringAndPipes(), Sqe.read(1, "r0", 8));
        submit(r, Sqe.pollUpdate(2, 1, USER_DATA, 0, 3));
        assertEquals(List.of(new Cqe(2, ENOENT, 0)), reap(r));
    }

    @Example
    void updateFlagsTheKernelRefusesFailTheSqeAtInit() { // io_poll_remove_prep
        Sqe[] refused = {Sqe.pollUpdate(1, 9, IoUringAbi.IORING_POLL_ADD_MULTI, 0, 0), Sqe.pollUpdate(1, 9, 8, 0, 0),
            Sqe.pollUpdate(1, 9, EVENTS | 16, Mask.IN, 0), Sqe.pollUpdate(1, 9, EVENTS, Mask.IN, 5), Sqe.pollUpdate(1, 9, USER_DATA, Mask.IN, 5)};
        for (Sqe q : refused) {
            R r = ringAndPipes();
            r.call(new IoUringEnter("u0", List.of(q, Sqe.nop(2)), 0, false), 1);
            assertEquals(List.of(new Cqe(1, EINVAL, 0)), reap(r), q.toString());
        }
        R r = submit(ringAndPipes(), poll(9, "r0"));
        submit(r, Sqe.pollUpdate(1, 9, USER_DATA | IoUringAbi.IORING_POLL_ADD_MULTI, 0, 0));
        assertEquals(List.of(new Cqe(1, 0, 0)), reap(r), "MULTI with an update: taken (user_data 0)");
        assertEquals(0, IoUringExamples.file(r).polls().getFirst().userData());
        assertFalse(IoUringExamples.file(r).polls().getFirst().multishot(), "a one-shot poll stays one-shot");
    }

    @Example
    void sqeTextIsWhatTheTraceWrites() {
        assertEquals("ASYNC_CANCEL:3:1:ALL", Sqe.cancel(3, 1, ALL, "").toString());
        assertEquals("ASYNC_CANCEL:10:0:ALL|FD:r0", Sqe.cancel(10, 0, ALL | FD, "r0").toString());
        assertEquals("ASYNC_CANCEL:19:0:0x40", Sqe.cancel(19, 0, 1 << 6, "").toString());
        assertEquals("ASYNC_CANCEL:4:3", Sqe.cancel(4, 3, 0, "").toString());
        assertEquals("ASYNC_CANCEL:4:3:0:r0", Sqe.cancel(4, 3, 0, "r0").toString());
        assertEquals("ASYNC_CANCEL:21:0:ALL|OP:LEN=262", Sqe.cancel(21, 0, ALL | OP, "", 262).toString());
        assertEquals("ASYNC_CANCEL:22:0:ALL|FD|OP:r1:LEN=22", Sqe.cancel(22, 0, ALL | FD | OP, "r1", 22).toString());
        assertEquals("ASYNC_CANCEL:5:0:0:LEN=22", Sqe.cancel(5, 0, 0, "", 22).toString());
        assertEquals("POLL_REMOVE:8:3:EVENTS=POLLIN|POLLPRI:USER_DATA=9",
                Sqe.pollUpdate(8, 3, EVENTS | USER_DATA, Mask.IN | Mask.PRI, 9).toString());
        assertEquals("POLL_REMOVE:16:99:MULTI", Sqe.pollUpdate(16, 99, IoUringAbi.IORING_POLL_ADD_MULTI, 0, 0).toString());
        assertEquals("POLL_REMOVE:2:1:USER_DATA=3:LINK", Sqe.pollUpdate(2, 1, USER_DATA, 0, 3).linked().toString());
        assertEquals(3, Sqe.pollUpdate(2, 1, USER_DATA, 0, 3).hardlinked().off());
        assertEquals("FD|ANY|FD_FIXED|USERDATA|OP|0x80", IoUringAbi.cancelFlagsText(0xbe));
        assertEquals("0", IoUringAbi.cancelFlagsText(0));
        assertEquals(0xbe, IoUringAbi.parseCancelFlags("FD|ANY|FD_FIXED|USERDATA|OP|0x80"));
        assertEquals(0, IoUringAbi.parseCancelFlags("0"));
        assertThrows(IllegalArgumentException.class, () -> IoUringAbi.parseCancelFlags("SOME"));
    }
}
