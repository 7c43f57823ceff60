package kpath.check.readiness;

import java.util.List;
import kpath.check.CheckException;
import kpath.model.proc.ProcAction.*;
import kpath.trace.Event;
import kpath.trace.TraceReader;
import kpath.uapi.IoUringAbi;
import org.junit.jupiter.api.Test;

import static kpath.uapi.IoUringAbi.IORING_SETUP_CQSIZE;
import static kpath.uapi.IoUringAbi.IORING_SETUP_NO_SQARRAY;
import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads IORING_SETUP_NO_SQARRAY among io_uring_setup's flags, as
 * traces/completion/io-uring-no-sqarray.trace writes it, how the recorder writes it, and how the
 * spec's module gets it (no TLC, so PIT runs these).
 */
class NoSqArraySyntaxExamples {

    private static Event.Syscall call(String line) throws Exception {
        String t = "kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\n"
                + "path: completion\ncaptured-by: kpath\n\n+0.1 " + line + "\n+0.2 end\n";
        return (Event.Syscall) TraceReader.parse(t, "t").events().getFirst();
    }

    @Test
    void theFlagReadsByName() throws Exception {
        assertEquals(new IoUringSetup("u0", 4, 4, IORING_SETUP_NO_SQARRAY, 0, false),
                ProcSyntax.action(call("io_uring_setup(4, IORING_SETUP_NO_SQARRAY) = u0:4"), "t:1: "));
        assertEquals(new IoUringSetup("u0", 4, 4, IORING_SETUP_NO_SQARRAY | IORING_SETUP_CQSIZE, 16, false),
                ProcSyntax.action(call("io_uring_setup(4, IORING_SETUP_CQSIZE|IORING_SETUP_NO_SQARRAY, cq_entries=16) = u0:4"), "t:1: "));
    }

    @Test
    void theFlagTwiceOrAsItsBitIsRefused() throws Exception {
        for (String bad : List.of("io_uring_setup(4, IORING_SETUP_NO_SQARRAY|IORING_SETUP_NO_SQARRAY)", "io_uring_setup(4, 0x10000)")) {
            CheckException x = assertThrows(CheckException.class, () -> ProcSyntax.action(call(bad + " = u0:4"), "t:1: "), bad);
            assertEquals("t:1: the model takes io_uring_setup(entries, FLAGS[, cq_entries=N][, resv=1]) with FLAGS 0 or "
                    + "IORING_SETUP_CLAMP|IORING_SETUP_CQSIZE|IORING_SETUP_NO_SQARRAY|IORING_SETUP_SQPOLL|IORING_SETUP_SINGLE_ISSUER|IORING_SETUP_DEFER_TASKRUN|0xBITS (bits no 6.18 flag has)", x.getMessage());
        }
    }

    @Test
    void theRecorderAndTheSpecNameIt() {
        assertEquals("IORING_SETUP_NO_SQARRAY", IoUringAbi.setupFlagsText(IORING_SETUP_NO_SQARRAY));
        assertEquals("IORING_SETUP_CQSIZE|IORING_SETUP_NO_SQARRAY|0x80000000",
                IoUringAbi.setupFlagsText(IORING_SETUP_NO_SQARRAY | IORING_SETUP_CQSIZE | 1 << 31));
        assertEquals("{\"IORING_SETUP_NO_SQARRAY\"}", ReadinessMc.setupFlags(IORING_SETUP_NO_SQARRAY));
        assertEquals("{\"IORING_SETUP_CLAMP\", \"IORING_SETUP_NO_SQARRAY\", \"unknown\"}",
                ReadinessMc.setupFlags(IORING_SETUP_NO_SQARRAY | IoUringAbi.IORING_SETUP_CLAMP | 1 << 31));
    }
}
