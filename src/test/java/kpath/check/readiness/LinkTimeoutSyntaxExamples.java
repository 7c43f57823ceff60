package kpath.check.readiness;

import java.util.List;
import kpath.check.CheckException;
import kpath.model.proc.Sqe;
import kpath.uapi.Mask;
import org.junit.jupiter.api.Test;

import static kpath.check.readiness.SqArraySyntaxExamples.sqes;
import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads an IORING_OP_LINK_TIMEOUT among io_uring_enter's SQEs,
 * {@code LINK_TIMEOUT:ud:ms} as traces/completion/io-uring-link-timeout.trace writes it, and the
 * forms it refuses, naming the line (no TLC, so PIT runs these).
 */
class LinkTimeoutSyntaxExamples {

    @Test
    void theTimeoutReadsAsItsUserDataAndMilliseconds() throws Exception {
        assertEquals(List.of(Sqe.pollAdd(1, "r0", Mask.IN, false).linked(), Sqe.linkTimeout(2, 100)),
                sqes("POLL_ADD:1:r0:POLLIN:LINK+LINK_TIMEOUT:2:100"));
        assertEquals(100, Sqe.linkTimeout(2, 100).len(), "the model keeps the time in len");
    }

    @Test
    void aTimeoutOfAnotherFormIsRefusedNamingTheLine() throws Exception {
        for (String bad : List.of("LINK_TIMEOUT:2", "LINK_TIMEOUT:2:100:7")) {
            CheckException x = assertThrows(CheckException.class, () -> sqes(bad), bad);
            assertTrue(x.getMessage().startsWith("t:1: cannot read io_uring_enter(u0, " + bad), x.getMessage());
            assertTrue(x.getMessage().contains(": SQE '" + bad + "': NOP:ud, "), x.getMessage());
        }
        CheckException x = assertThrows(CheckException.class, () -> sqes("LINK_TIMEOUT:2:soon"));
        assertTrue(x.getMessage().startsWith("t:1: cannot read "), x.getMessage());
    }
}
