package kpath.check.readiness;

import java.nio.file.Path;
import java.util.List;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.SpecText;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction.*;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads an SQ array entry ({@code SQ_ARRAY:n} among io_uring_enter's SQEs) and
 * {@code observe sq(u0) sq_dropped=N}, as traces/completion/io-uring-sq-array-dropped.trace writes
 * them, and the forms it refuses, naming the line (no TLC, so PIT runs these).
 */
class SqArraySyntaxExamples {

    static final Path DROPPED = Path.of("traces", "completion", "io-uring-sq-array-dropped.trace");

    private static CheckReport check(String text) throws Exception {
        return ReadinessTraceChecker.check(TraceReader.parse(text, "edited.trace"), "edited.trace");
    }

    private static void validate(String text) throws Exception {
        ReadinessTraceChecker.validate(TraceReader.parse(text, "edited.trace"), "edited.trace");
    }

    @Test
    void theEntryReadsAsItsNumber() throws Exception {
        assertEquals(List.of(Sqe.sqArray(4), Sqe.nop(1)), sqes("SQ_ARRAY:4+NOP:1"));
        assertEquals(List.of(Sqe.sqArray(0xffffffffL)), sqes("SQ_ARRAY:4294967295"));
        assertEquals(List.of(Sqe.sqArray(0)), sqes("SQ_ARRAY:0"));
    }

    @Test
    void anEntryOfAnotherFormIsRefusedNamingTheLine() throws Exception {
        for (String bad : List.of("SQ_ARRAY:4:LINK", "SQ_ARRAY:4:HARDLINK", "SQ_ARRAY:4:DRAIN", "SQ_ARRAY:4:CQE_SKIP")) {
            CheckException x = assertThrows(CheckException.class, () -> sqes(bad), bad);
            assertEquals("t:1: cannot read io_uring_enter(u0, " + bad + ", 0, 0) = 1: an SQ array entry is SQ_ARRAY:n, without flags, "
                    + "not '" + bad + "'", x.getMessage());
        }
        for (String bad : List.of("SQ_ARRAY:4294967296", "SQ_ARRAY:18446744073709551615")) {
            CheckException x = assertThrows(CheckException.class, () -> sqes(bad), bad);
            assertTrue(x.getMessage().endsWith(": an SQ array entry is a u32, not '" + bad.substring(9) + "'"), x.getMessage());
        }
        for (String bad : List.of("SQ_ARRAY", "SQ_ARRAY:4:5")) {
            CheckException x = assertThrows(CheckException.class, () -> sqes(bad), bad);
            assertTrue(x.getMessage().contains(": SQE '" + bad + "': NOP:ud, "), x.getMessage());
            assertTrue(x.getMessage().endsWith("INVALID:ud or SQ_ARRAY:n"), x.getMessage());
        }
        CheckException x = assertThrows(CheckException.class, () -> sqes("SQ_ARRAY:x"));
        assertTrue(x.getMessage().startsWith("t:1: cannot read "), x.getMessage());
        CheckException y = assertThrows(CheckException.class, () -> sqes("ARRAY:4"));
        assertTrue(y.getMessage().endsWith("an SQE is NOP, POLL_ADD, POLL_REMOVE, ASYNC_CANCEL, READ, WRITE, RECV, SPLICE, PROVIDE_BUFFERS, REMOVE_BUFFERS, LINK_TIMEOUT, INVALID or SQ_ARRAY, "
                + "not 'ARRAY:4'"), y.getMessage());
    }

    @Test
    void theCommittedTraceIsAcceptedAndAWrongCountRejected() throws Exception {
        validate(java.nio.file.Files.readString(DROPPED));
        assertTrue(check(java.nio.file.Files.readString(DROPPED)).accepted());
        String[] e = SpecText.edit(DROPPED, "observe sq(u0) sq_dropped=2", 1, "observe sq(u0) sq_dropped=1");
        CheckReport r = check(e[0]);
        assertFalse(r.accepted(), r::text);
        assertEquals(Integer.parseInt(e[1]), r.divergenceLine(), r::text);
        assertTrue(r.text().contains("model has sq_dropped=2, the kernel 1"), r::text);
    }

    @Test
    void anObserveOfNoRingIsRejected() throws Exception {
        String[] e = SpecText.edit(DROPPED, "observe sq(u0) sq_dropped=1", 1, "observe sq(x9) sq_dropped=1");
        CheckReport r = check(e[0]);
        assertFalse(r.accepted(), r::text);
        assertEquals(Integer.parseInt(e[1]), r.divergenceLine(), r::text);
        assertTrue(r.text().contains("x9 is not a ring"), r::text);
    }

    @Test
    void aMalformedObserveSqNamesTheLine() throws Exception {
        for (String bad : List.of("observe sq(u0) sq_dropped=x", "observe sq(u0) dropped=1", "observe sq(u0) sq_dropped=-1",
                "observe sq(u0) sq_dropped=4294967296")) {
            String[] e = SpecText.edit(DROPPED, "observe sq(u0) sq_dropped=1", 1, bad);
            CheckException x = assertThrows(CheckException.class, () -> validate(e[0]), bad);
            assertEquals("edited.trace:" + e[1] + ": observe sq needs sq_dropped=<the ring's u32 count of dropped SQ array entries>",
                    x.getMessage(), bad);
        }
        String[] e = SpecText.edit(DROPPED, "observe sq(u0) sq_dropped=1", 1, "observe sq sq_dropped=1");
        CheckException x = assertThrows(CheckException.class, () -> validate(e[0]));
        assertEquals("edited.trace:" + e[1] + ": observe sq needs a target: sq(x)", x.getMessage());
        assertEquals(4294967295L, ReadinessTraceChecker.sqDropped(observation("sq_dropped=4294967295")));
        assertEquals(0, ReadinessTraceChecker.sqDropped(observation("sq_dropped=0")));
    }

    private static kpath.trace.Event.Observation observation(String values) throws Exception {
        String trace = header() + "+0.1 observe sq(u0) " + values + "\n+0.2 end\n";
        return (kpath.trace.Event.Observation) TraceReader.parse(trace, "t").events().getFirst();
    }

    private static String header() {
        return "kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\npath: completion\n"
                + "captured-by: kpath\n\n";
    }

    static List<Sqe> sqes(String text) throws Exception {
        String line = "io_uring_enter(u0, " + text + ", 0, 0) = 1";
        var call = (kpath.trace.Event.Syscall) TraceReader.parse(header() + "+0.1 " + line + "\n+0.2 end\n", "t").events().getFirst();
        return ((IoUringEnter) ProcSyntax.action(call, "t:1: ")).sqes();
    }
}
