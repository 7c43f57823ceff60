package kpath.kernel;

import kpath.uapi.Errno;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static kpath.kernel.LibcIoUring.*;
import static kpath.uapi.IoUringAbi.IORING_SETUP_CLAMP;
import static kpath.uapi.IoUringAbi.IORING_SETUP_CQSIZE;
import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * io_uring_setup on this kernel (io_uring/io_uring.c io_uring_create): the SQ rounded up to a
 * power of two, the CQ twice that unless IORING_SETUP_CQSIZE, the limits and their clamp. The
 * first evidence for the completions model. Skipped only when io_uring is switched off
 * (kernel.io_uring_disabled = 2, io_uring_setup(2) EPERM).
 */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class IoUringSetupTest {

    @BeforeAll
    static void ioUringIsEnabled() {
        Assumptions.assumeTrue(LibcIoUring.disabled() == null, LibcIoUring.disabled());
    }

    @Test
    void theSqIsRoundedUpToAPowerOfTwoAndTheCqIsTwiceIt() {
        Setup three = setupAndClose(3, 0, 0);
        assertTrue(three.result().ok(), three::toString);
        assertEquals(4, three.sqEntries());
        assertEquals(8, three.cqEntries());
        Setup four = setupAndClose(4, 0, 0);
        assertEquals(4, four.sqEntries());
        assertEquals(8, four.cqEntries());
        assertNotEquals(0, four.features() & IORING_FEAT_NODROP, "6.x keeps overflowed CQEs (IORING_FEAT_NODROP)");
    }

    @Test
    void zeroOrTooManyEntriesAreEinvalUnlessClamped() {
        assertTrue(setupAndClose(0, 0, 0).result().failedWith(Errno.EINVAL.number()));
        assertTrue(setupAndClose(32769, 0, 0).result().failedWith(Errno.EINVAL.number())); // IORING_MAX_ENTRIES
        Setup clamped = setupAndClose(40000, IORING_SETUP_CLAMP, 0);
        assertTrue(clamped.result().ok(), clamped::toString);
        assertEquals(32768, clamped.sqEntries());
    }

    @Test
    void cqsizeSetsTheCqAndRefusesZeroOrLessThanTheSq() {
        Setup big = setupAndClose(4, IORING_SETUP_CQSIZE, 64);
        assertTrue(big.result().ok(), big::toString);
        assertEquals(4, big.sqEntries());
        assertEquals(64, big.cqEntries());
        assertEquals(128, setupAndClose(4, IORING_SETUP_CQSIZE, 100).cqEntries()); // rounded up
        assertTrue(setupAndClose(4, IORING_SETUP_CQSIZE, 0).result().failedWith(Errno.EINVAL.number()));
        assertTrue(setupAndClose(8, IORING_SETUP_CQSIZE, 4).result().failedWith(Errno.EINVAL.number()));
    }
}
