package kpath.check.readiness;

import java.util.List;
import kpath.check.CheckException;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction.*;
import kpath.trace.Event;
import kpath.trace.TraceReader;
import kpath.uapi.IoUringAbi;
import org.junit.jupiter.api.Test;

import static kpath.uapi.IoUringAbi.IORING_SETUP_SQPOLL;
import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads traces/completion/io-uring-sqpoll.trace's new words: IORING_SETUP_SQPOLL,
 * {@code observe publish(u0) sqes=...} and IORING_ENTER_SQ_WAKEUP; how the recorder writes the flag;
 * and how the spec's trace module gets them (no TLC, so PIT runs these).
 */
class SqpollSyntaxExamples {

    private static Event event(String line) throws Exception {
        String t = "kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\n"
                + "path: completion\ncaptured-by: kpath\n\n+0.1 " + line + "\n+0.2 end\n";
        return TraceReader.parse(t, "t").events().getFirst();
    }

    @Test
    void theSetupFlagIsReadAndWrittenByName() throws Exception {
        assertEquals(new IoUringSetup("u0", 4, 4, IORING_SETUP_SQPOLL, 0, false),
                ProcSyntax.action((Event.Syscall) event("io_uring_setup(4, IORING_SETUP_SQPOLL) = u0:4"), "t:1: "));
        assertEquals("IORING_SETUP_SQPOLL", IoUringAbi.setupFlagsText(IORING_SETUP_SQPOLL));
        assertEquals("{\"IORING_SETUP_SQPOLL\"}", ReadinessMc.setupFlags(IORING_SETUP_SQPOLL));
    }

    @Test
    void aPublishLineIsThePublishAction() throws Exception {
        Event.Observation o = (Event.Observation) event("observe publish(u0) sqes=NOP:1+NOP:2");
        SqPublish p = ReadinessTraceChecker.published(o, "t:1: ");
        assertEquals(new SqPublish("u0", List.of(Sqe.nop(1), Sqe.nop(2))), p);
        assertEquals("SqPublish(\"u0\", <<" + ReadinessMc.sqe(Sqe.nop(1)) + ", " + ReadinessMc.sqe(Sqe.nop(2)) + ">>)",
                ReadinessTraceModule.call(p));
        assertEquals("IoSqThread", ReadinessTraceModule.call(new IoSqThread()));
    }

    @Test
    void aPublishLineWithoutSqesOrWithMoreIsRefusedNamingTheLine() throws Exception {
        for (String bad : List.of("observe publish(u0) sqes=-", "observe publish(u0) value=1",
                "observe publish(u0) sqes=NOP:1 value=1", "observe publish(u0) sqes=FROB:1")) {
            Event.Observation o = (Event.Observation) event(bad);
            CheckException x = assertThrows(CheckException.class, () -> ReadinessTraceChecker.published(o, "t:1: "), bad);
            assertTrue(x.getMessage().startsWith("t:1: observe publish"), x.getMessage());
        }
    }

    @Test
    void sqWakeupIsReadAndIgnored() throws Exception {
        assertEquals(new IoUringEnter("u0", List.of(), 0, false),
                ProcSyntax.action((Event.Syscall) event("io_uring_enter(u0, -, 0, IORING_ENTER_SQ_WAKEUP) = 2"), "t:1: "));
        assertEquals(new IoUringEnter("u0", List.of(), 1, true),
                ProcSyntax.action((Event.Syscall) event("io_uring_enter(u0, -, 1, IORING_ENTER_GETEVENTS|IORING_ENTER_SQ_WAKEUP) = 0"), "t:1: "));
    }
}
