package kpath.check.readiness;

import java.util.List;
import kpath.check.CheckException;
import kpath.model.proc.ProcAction.*;
import kpath.trace.Event;
import kpath.trace.TraceReader;
import kpath.uapi.IoUringAbi;
import org.junit.jupiter.api.Test;

import static kpath.uapi.IoUringAbi.IORING_SETUP_DEFER_TASKRUN;
import static kpath.uapi.IoUringAbi.IORING_SETUP_SINGLE_ISSUER;
import static kpath.uapi.IoUringAbi.IORING_SETUP_SQPOLL;
import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads traces/completion/io-uring-defer-taskrun*.trace's new words,
 * IORING_SETUP_SINGLE_ISSUER and IORING_SETUP_DEFER_TASKRUN; how the recorder writes them; how the
 * spec's trace module gets them; and a flag written wrong (no TLC, so PIT runs these).
 */
class DeferTaskrunSyntaxExamples {

    private static Event event(String line) throws Exception {
        String t = "kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\n"
                + "path: completion\ncaptured-by: kpath\n\n+0.1 " + line + "\n+0.2 end\n";
        return TraceReader.parse(t, "t").events().getFirst();
    }

    @Test
    void theSetupFlagsAreReadAndWrittenByName() throws Exception {
        int f = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
        assertEquals(new IoUringSetup("u0", 4, 4, f, 0, false), ProcSyntax.action((Event.Syscall)
                event("io_uring_setup(4, IORING_SETUP_SINGLE_ISSUER|IORING_SETUP_DEFER_TASKRUN) = u0:4"), "t:1: "));
        assertEquals("IORING_SETUP_SINGLE_ISSUER|IORING_SETUP_DEFER_TASKRUN", IoUringAbi.setupFlagsText(f));
        assertEquals("IORING_SETUP_SQPOLL|IORING_SETUP_SINGLE_ISSUER|IORING_SETUP_DEFER_TASKRUN",
                IoUringAbi.setupFlagsText(f | IORING_SETUP_SQPOLL));
        assertEquals("{\"IORING_SETUP_DEFER_TASKRUN\", \"IORING_SETUP_SINGLE_ISSUER\"}", ReadinessMc.setupFlags(f));
        assertEquals(new IoUringSetup("(none)", -1, 4, IORING_SETUP_DEFER_TASKRUN, 0, false), ProcSyntax.action((Event.Syscall)
                event("io_uring_setup(4, IORING_SETUP_DEFER_TASKRUN) = -1 EINVAL"), "t:1: "));
    }

    @Test
    void aFlagTwiceOrItsBitAsANumberIsRefusedNamingTheLine() throws Exception {
        for (String bad : List.of("io_uring_setup(4, IORING_SETUP_DEFER_TASKRUN|IORING_SETUP_DEFER_TASKRUN) = u0:4",
                "io_uring_setup(4, 0x2000) = u0:4", "io_uring_setup(4, IORING_SETUP_DEFER_TASKRUNX) = u0:4")) {
            Event.Syscall s = (Event.Syscall) event(bad);
            CheckException x = assertThrows(CheckException.class, () -> ProcSyntax.action(s, "t:1: "), bad);
            assertTrue(x.getMessage().startsWith("t:1: "), x.getMessage());
            assertTrue(x.getMessage().contains("IORING_SETUP_DEFER_TASKRUN"), x.getMessage());
        }
    }
}
