package kpath.model.proc;

import java.util.List;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.IoUringAbi;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.*;

/**
 * io_uring in the process model, rule by rule, with the values the kernel returned in
 * traces/completion (io_uring/io_uring.c io_uring_create, io_uring_enter, io_cqe_cache_refill,
 * io_cqring_overflow_flush, io_uring_poll).
 */
class IoUringExamples {

    static Sqe nop(long ud) {
        return Sqe.nop(ud);
    }

    static IoUringEnter enter(String fd, int min, boolean getevents, long... uds) {
        return new IoUringEnter(fd, java.util.Arrays.stream(uds).mapToObj(IoUringExamples::nop).toList(), min, getevents);
    }

    /** A ring u0 of {@code entries} SQEs on fd 10. */
    static R ring(int entries) {
        R r = new R();
        r.call(new IoUringSetup("u0", 10, entries), 10);
        return r;
    }

    static OpenFile.IoUring file(R r) {
        return (OpenFile.IoUring) r.s.files().get("u0");
    }

    @Example
    void setupRoundsUpToAPowerOfTwoAndMakesTheCqTwiceTheSq() {
        for (int[] c : new int[][] {{1, 1}, {2, 2}, {3, 4}, {4, 4}, {5, 8}, {32768, 32768}}) {
            R r = ring(c[0]).expect(ProcRule.IoUringSetupOk);
            assertEquals(new CopyOut.Params(c[1], 2 * c[1]), r.s.out(), () -> "entries " + c[0]);
            assertEquals(c[1], file(r).sqEntries());
            assertEquals(2 * c[1], file(r).cqEntries());
        }
    }

    @Example
    void setupRefusesZeroAndMoreThanTheMaximum() {
        for (int entries : new int[] {0, 32769, -1}) {
            R r = new R();
            r.call(new IoUringSetup("(none)", -1, entries), "EINVAL").expect(ProcRule.IoUringSetupEinval);
            assertTrue(r.s.files().isEmpty());
            assertEquals(CopyOut.NONE, r.s.out());
        }
    }

    static R setup(int entries, int flags, int cq, boolean resv) {
        R r = new R();
        IoUringSetup a = new IoUringSetup("u0", 10, entries, flags, cq, resv);
        java.util.List<kpath.model.Transition<ProcState>> ts = Proc.successors(r.s, a);
        assertEquals(1, ts.size(), a::toString);
        r.s = ts.getFirst().next();
        r.last = ts.getFirst().rule();
        return r;
    }

    @Example
    void clampMakesTooManyEntriesTheMaximumAndCqsizeTakesTheCqRoundedUp() {
        int clamp = IoUringAbi.IORING_SETUP_CLAMP, cqsize = IoUringAbi.IORING_SETUP_CQSIZE;
        for (int[] c : new int[][] {{40000, clamp, 0, 32768, 65536}, {32768, clamp, 0, 32768, 65536},
                {4, cqsize, 64, 4, 64}, {4, cqsize, 100, 4, 128}, {3, cqsize, 3, 4, 4}, {4, cqsize, 4, 4, 4},
                {4, cqsize | clamp, 100000, 4, 65536}, {4, cqsize | clamp, 65536, 4, 65536}, {4, cqsize, 65536, 4, 65536},
                {40000, cqsize | clamp, 40000, 32768, 65536}, {1, clamp, 7, 1, 2}}) {
            R r = setup(c[0], c[1], c[2], false);
            assertEquals(ProcRule.IoUringSetupOk, r.last, () -> java.util.Arrays.toString(c));
            assertEquals(new CopyOut.Params(c[3], c[4]), r.s.out(), () -> java.util.Arrays.toString(c));
            assertEquals(c[3], file(r).sqEntries());
            assertEquals(c[4], file(r).cqEntries());
        }
    }

    @Example
    void setupRefusesBadCqSizesUnknownFlagsAndReservedFields() {
        int clamp = IoUringAbi.IORING_SETUP_CLAMP, cqsize = IoUringAbi.IORING_SETUP_CQSIZE;
        for (int[] c : new int[][] {{4, cqsize, 0, 0}, {4, cqsize, -1, 0}, {8, cqsize, 4, 0}, {5, cqsize, 4, 0}, {5, cqsize, 7, 1},
                {4, cqsize, 65537, 0}, {32769, cqsize, 65536, 0}, {40000, clamp | cqsize, 16384, 0},
                {4, 1 << 31, 0, 0}, {4, 1 << 19, 0, 0}, {4, clamp | 1 << 19, 0, 0}, {4, 0, 0, 1}, {0, clamp, 0, 0}}) {
            R r = setup(c[0], c[1], c[2], c[3] == 1);
            assertEquals(ProcRule.IoUringSetupEinval, r.last, () -> java.util.Arrays.toString(c));
            assertEquals(-22, r.s.ret());
            assertTrue(r.s.files().isEmpty());
        }
    }

    @Example
    void otherKnownSetupFlagsAreNotModelled() {
        for (int flag : new int[] {1, 1 << 2, 1 << 18}) { // IOPOLL, SQ_AFF (SQPOLL: SqpollExamples), CQE_MIXED
            assertTrue(Proc.successors(new R().s, new IoUringSetup("u0", 10, 4, flag, 0, false)).isEmpty());
        }
    }

    @Example
    void setupPrintsItsParamsAsTheTraceWritesThem() {
        assertEquals("io_uring_setup(4, 0) = u0:10", new IoUringSetup("u0", 10, 4).toString());
        assertEquals("io_uring_setup(4, IORING_SETUP_CQSIZE|IORING_SETUP_CLAMP, cq_entries=100) = u0:10",
                new IoUringSetup("u0", 10, 4, IoUringAbi.IORING_SETUP_CQSIZE | IoUringAbi.IORING_SETUP_CLAMP, 100, false).toString());
        assertEquals("io_uring_setup(4, 0x80000000, resv=1) = (none):-1",
                new IoUringSetup("(none)", -1, 4, 1 << 31, 0, true).toString());
        assertEquals("io_uring_setup(40000, IORING_SETUP_CLAMP) = u0:10",
                new IoUringSetup("u0", 10, 40000, IoUringAbi.IORING_SETUP_CLAMP, 7, false).toString());
    }

    @Example
    void enterWithAFlagTheKernelDoesNotKnowIsEinvalBeforeTheFdIsLookedAt() {
        R r = ring(2).pipe("r0", "w0");
        for (String fd : List.of("u0", "r0", "-1")) {
            r.call(new IoUringEnterBadFlags(fd, 0x100), "EINVAL").expect(ProcRule.IoUringEnterEinval);
            r.call(new IoUringEnterBadFlags(fd, 1 << 31), "EINVAL").expect(ProcRule.IoUringEnterEinval);
        }
        assertTrue(Proc.successors(r.s, new IoUringEnterBadFlags("u0", 0x80)).isEmpty(), "a known flag");
        assertEquals("io_uring_enter(u0, -, 0, 0x100)", new IoUringEnterBadFlags("u0", 0x100).toString());
        r.call(new IoUringEnter("-1", List.of(), 0, false), "EBADF").expect(ProcRule.Ebadf);
    }

    @Example
    void setupUnderATakenNameOrNumberIsNoCall() {
        R r = ring(1);
        assertTrue(Proc.successors(r.s, new IoUringSetup("u0", 9, 1)).isEmpty());
        assertTrue(Proc.successors(r.s, new IoUringSetup("u1", 10, 1)).isEmpty());
    }

    @Example
    void nopsCompleteInlineInOrderAndEnterReturnsTheCountSubmitted() {
        R r = ring(2);
        r.call(enter("u0", 0, false, 1, 2), 2).expect(ProcRule.IoUringEnterOk);
        assertEquals(List.of(new OpenFile.Cqe(1, 0, 0), new OpenFile.Cqe(2, 0, 0)), file(r).cq());
        assertEquals(CopyOut.NONE, r.s.out());
        r.call(new CqReap("u0"), 2).expect(ProcRule.CqReaped); // ret stays the last call's
        assertEquals(new CopyOut.Reaped(List.of(new OpenFile.Cqe(1, 0, 0), new OpenFile.Cqe(2, 0, 0)), false, 0), r.s.out());
        assertTrue(file(r).cq().isEmpty());
        r.call(enter("u0", 0, false), 0); // nothing queued: 0
    }

    @Example
    void moreSqesThanTheSqHoldsIsNoCall() {
        assertTrue(Proc.successors(ring(1).s, enter("u0", 0, false, 1, 2)).isEmpty());
    }

    @Example
    void aFullCqSendsCompletionsToTheOverflowListAndSoDoesANonEmptyList() {
        R r = ring(1); // CQ 2
        r.call(enter("u0", 0, false, 1), 1).call(enter("u0", 0, false, 2), 1).call(enter("u0", 0, false, 3), 1);
        assertEquals(List.of(new OpenFile.Cqe(3, 0, 0)), file(r).overflow());
        r.call(new CqReap("u0"), 1);
        assertEquals(new CopyOut.Reaped(List.of(new OpenFile.Cqe(1, 0, 0), new OpenFile.Cqe(2, 0, 0)), true, 0), r.s.out());
        r.call(enter("u0", 0, false, 4), 1); // the CQ has room, the list is not empty: NOP 4 goes behind 3
        assertTrue(file(r).cq().isEmpty());
        assertEquals(List.of(new OpenFile.Cqe(3, 0, 0), new OpenFile.Cqe(4, 0, 0)), file(r).overflow());
        r.call(new CqReap("u0"), 1);
        assertEquals(new CopyOut.Reaped(List.of(), true, 0), r.s.out());
    }

    @Example
    void onlyGeteventsFlushesAndOnlyAsManyAsFit() {
        R r = ring(1);
        for (long ud = 1; ud <= 5; ud++) {
            r.call(enter("u0", 0, false, ud), 1);
        }
        r.call(new CqReap("u0"), 1).call(enter("u0", 0, false), 0);
        assertEquals(3, file(r).overflow().size(), "no GETEVENTS, no flush");
        r.call(enter("u0", 0, true), 0);
        assertEquals(List.of(new OpenFile.Cqe(3, 0, 0), new OpenFile.Cqe(4, 0, 0)), file(r).cq());
        assertEquals(List.of(new OpenFile.Cqe(5, 0, 0)), file(r).overflow(), "the CQ holds 2: one stays");
        r.call(new CqReap("u0"), 0);
        assertTrue(((CopyOut.Reaped) r.s.out()).cqOverflowFlag());
        r.call(enter("u0", 1, true), 0).call(new CqReap("u0"), 0);
        assertEquals(new CopyOut.Reaped(List.of(new OpenFile.Cqe(5, 0, 0)), false, 0), r.s.out());
    }

    @Example
    void aGeteventsWaitNotMetAtOnceWouldSleep() {
        R r = ring(1);
        r.call(enter("u0", 1, true, 1), 1); // the NOP itself meets min_complete 1
        assertTrue(Proc.successors(r.s, enter("u0", 2, true)).isEmpty(), "1 CQE, min_complete 2: it sleeps");
        r.call(enter("u0", 3, true, 2), 1); // min(3, cq_entries 2) = 2 are there
    }

    @Example
    void enterOnAClosedFdOrAFileThatIsNoRingFails() {
        R r = ring(1).pipe("r0", "w0");
        r.call(enter("r0", 0, false), "EOPNOTSUPP").expect(ProcRule.IoUringEnterEopnotsupp);
        r.call(enter("zz", 0, false), "EBADF").expect(ProcRule.Ebadf);
        r.call(new Close("u0"), 0).expect(ProcRule.CloseRelease);
        r.call(enter("u0", 0, false), "EBADF");
        assertTrue(Proc.successors(r.s, new CqReap("u0")).isEmpty(), "no ring mapped");
        assertTrue(Proc.successors(r.s, new CqReap("r0")).isEmpty(), "a pipe is no ring");
    }

    @Example
    void aRingHasNoReadOrWriteMethod() {
        ring(1).call(new Read("u0", 8), "EINVAL").expect(ProcRule.IoEinval)
                .call(new Write("u0", 8), "EINVAL").expect(ProcRule.IoEinval);
    }

    @Example
    void aRingPollsWritableAndReadableWithCqesOrOverflow() {
        R r = ring(1);
        r.poll("u0", Mask.IN | Mask.OUT, "POLLOUT");
        r.call(enter("u0", 0, false, 1), 1).poll("u0", Mask.IN | Mask.OUT, "POLLIN|POLLOUT");
        r.call(enter("u0", 0, false, 2), 1).call(enter("u0", 0, false, 3), 1).call(new CqReap("u0"), 1);
        r.poll("u0", Mask.IN, "POLLIN"); // the overflow bit: io_has_work
        r.poll("u0", Mask.RDNORM | Mask.WRNORM, "POLLRDNORM|POLLWRNORM");
    }
}
