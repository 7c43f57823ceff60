package kpath.kernel;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static kpath.uapi.IoUringAbi.*;
import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A full CQ on this kernel (catalog U-OVF-01, 03-05; its open question 2): with IORING_FEAT_NODROP
 * the completions that do not fit wait on the kernel's overflow list, IORING_SQ_CQ_OVERFLOW says so,
 * nothing is dropped, and the list is flushed into the ring in order. Method: a 4-entry ring (CQ 8)
 * and 16 NOPs submitted 4 at a time with nobody reaping, then the ring read and entered again.
 */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class IoUringOverflowTest {

    @BeforeAll
    static void ioUringIsEnabled() {
        Assumptions.assumeTrue(LibcIoUring.disabled() == null, LibcIoUring.disabled());
    }

    @Test
    void completionsThatDoNotFitWaitInOrderAndAreFlushedByGetevents() {
        try (IoUringRing ring = IoUringRing.open(4)) {
            assertEquals(8, ring.cqEntries());
            for (int batch = 0; batch < 4; batch++) {
                for (int i = 0; i < 4; i++) {
                    ring.prep(IORING_OP_NOP, 0, batch * 4L + i);
                }
                assertEquals(4, ring.enter(4, 0, 0).value(), "io_uring_enter submits the 4 NOPs (no EBUSY since 5.13)");
            }
            assertEquals(8, ring.cqReady(), "the CQ holds its 8 entries");
            assertNotEquals(0, ring.sqFlags() & IORING_SQ_CQ_OVERFLOW, "the other 8 wait on the overflow list");
            assertEquals(0, ring.cqOverflow(), "NODROP: nothing dropped");
            List<Long> seen = new ArrayList<>();
            ring.reap().forEach(c -> seen.add(c.userData()));
            assertEquals(0, ring.cqReady(), "reaping frees the ring but moves nothing into it by itself");
            assertTrue(ring.enter(0, 0, IORING_ENTER_GETEVENTS).ok());
            ring.reap().forEach(c -> seen.add(c.userData()));
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L), seen,
                    "every NOP completes once, in submission order");
            assertEquals(0, ring.sqFlags() & IORING_SQ_CQ_OVERFLOW, "the flag clears once the list is flushed");
        }
    }
}
