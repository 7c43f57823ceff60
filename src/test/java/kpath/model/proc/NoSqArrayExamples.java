package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.IoUringAbi;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.reap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IORING_SETUP_NO_SQARRAY in the process model, as traces/completion/io-uring-no-sqarray.trace shows
 * it (io_uring/io_uring.c io_uring_create, io_allocate_scq_urings, io_get_sqe): a ring without an SQ
 * array, whose sq_off.array the kernel leaves as passed (0), and whose SQEs run as any ring's.
 */
class NoSqArrayExamples {

    private static R ring(int flags) {
        R r = new R();
        r.call(new IoUringSetup("u0", 10, 4, flags, 0, false), 10);
        return r;
    }

    private static OpenFile.IoUring file(R r) {
        return (OpenFile.IoUring) r.s.files().get("u0");
    }

    @Example
    void theRingHasNoSqArrayAndItsSqesRunAsAnyRings() {
        R r = ring(IoUringAbi.IORING_SETUP_NO_SQARRAY);
        assertEquals(ProcRule.IoUringSetupOk, r.last);
        assertTrue(file(r).noSqArray());
        assertEquals(new CopyOut.Params(4, 8, IoUringAbi.IORING_FEATURES), r.s.out());
        assertEquals(0, file(r).sqOff().get("array"), "not written: what the application passed");
        r.call(new IoUringEnter("u0", List.of(Sqe.nop(1), Sqe.nop(2), Sqe.nop(3)), 0, false), 3);
        assertTrue(file(r).noSqArray(), "a submission keeps it");
        assertEquals(List.of(new Cqe(1, 0, 0), new Cqe(2, 0, 0), new Cqe(3, 0, 0)), reap(r));
        assertTrue(file(r).noSqArray(), "a reap keeps it");
        r.eventfd("v0", 0, false).call(new IoUringRegisterEventfd("u0", "v0"), 0);
        assertTrue(file(r).noSqArray(), "registering an eventfd keeps it");
    }

    @Example
    void anOrdinaryRingHasOne() {
        R r = ring(0);
        assertFalse(file(r).noSqArray());
        assertEquals(192, file(r).sqOff().get("array"));
        assertFalse(ring(IoUringAbi.IORING_SETUP_CLAMP).s.files().values().stream()
                .anyMatch(f -> f instanceof OpenFile.IoUring u && u.noSqArray()));
    }

    @Example
    void anSqArrayEntryOnARingWithoutOneIsNotModelled() {
        R r = ring(IoUringAbi.IORING_SETUP_NO_SQARRAY);
        assertTrue(Proc.successors(r.s, new IoUringEnter("u0", List.of(Sqe.sqArray(4)), 0, false)).isEmpty());
        assertFalse(Proc.successors(ring(0).s, new IoUringEnter("u0", List.of(Sqe.sqArray(4)), 0, false)).isEmpty());
    }

    @Example
    void anotherKnownFlagBesideItIsStillNotModelled() {
        R r = new R();
        assertTrue(Proc.successors(r.s, new IoUringSetup("u0", 10, 4, IoUringAbi.IORING_SETUP_NO_SQARRAY | 1, 0, false)).isEmpty(),
                "IORING_SETUP_IOPOLL");
    }
}
