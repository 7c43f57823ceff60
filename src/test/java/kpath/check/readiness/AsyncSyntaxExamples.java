package kpath.check.readiness;

import java.util.List;
import kpath.model.proc.Sqe;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads traces/completion/io-uring-recv-async-nonblock.trace's new word, {@code :ASYNC}
 * (IOSQE_ASYNC) after an SQE; how the spec's trace module gets it; and where it may not go (no TLC,
 * so PIT runs these).
 */
class AsyncSyntaxExamples {

    @Test
    void asyncIsReadAfterTheSqeAndBeforeTheOtherFlags() {
        assertEquals(List.of(Sqe.recv(1, "s0", 8, false).forcedAsync()), ProcSyntax.sqes("RECV:1:s0:8:ASYNC"));
        assertEquals(List.of(Sqe.recv(1, "s0", 8, false).forcedAsync().linked(), Sqe.nop(2)),
                ProcSyntax.sqes("RECV:1:s0:8:ASYNC:LINK+NOP:2"));
        assertEquals("RECV:1:s0:8:ASYNC:LINK", Sqe.recv(1, "s0", 8, false).forcedAsync().linked().toString());
        assertTrue(ReadinessMc.sqe(Sqe.recv(1, "s0", 8, false).forcedAsync()).endsWith(", async |-> TRUE]"));
        assertFalse(ReadinessMc.sqe(Sqe.recv(1, "s0", 8, false)).contains("async"));
    }

    @Test
    void anSqArrayEntryWithAsyncOrAsyncInTheWrongPlaceIsRefused() {
        for (String bad : List.of("SQ_ARRAY:4:ASYNC", "RECV:1:s0:8:DRAIN:ASYNC", "RECV:1:s0:ASYNC:8")) {
            assertThrows(IllegalArgumentException.class, () -> ProcSyntax.sqes(bad), bad);
        }
    }
}
