package kpath.check.readiness;

import java.util.List;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction.*;
import kpath.trace.Event;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** How the checker reads IOSQE_CQE_SKIP_SUCCESS on an SQE ({@code :CQE_SKIP}, before :DRAIN and a link flag), without TLC. */
class CqeSkipSyntaxExamples {

    private static Event.Syscall call(String line) throws Exception {
        String t = "kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\n"
                + "path: completion\ncaptured-by: kpath\n\n+0.1 " + line + "\n+0.2 end\n";
        return (Event.Syscall) TraceReader.parse(t, "t").events().getFirst();
    }

    @Test
    void skipIsReadBeforeDrainAndTheLinkFlag() throws Exception {
        assertEquals(new IoUringEnter("u0", List.of(Sqe.nop(2).skipped(), Sqe.nop(3).skipped().drained().linked(),
                        Sqe.invalid(4).skipped().hardlinked(), Sqe.nop(5).drained()), 0, false),
                ProcSyntax.action(call("io_uring_enter(u0, NOP:2:CQE_SKIP+NOP:3:CQE_SKIP:DRAIN:LINK+INVALID:4:CQE_SKIP:HARDLINK"
                        + "+NOP:5:DRAIN, 0, 0) = 4"), "t:1: "));
        assertEquals("[op |-> \"NOP\", userData |-> 2, fd |-> \"\", events |-> {}, multishot |-> FALSE, target |-> 0,"
                + " link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0, skip |-> TRUE]",
                ReadinessMc.sqe(Sqe.nop(2).skipped()));
        assertFalse(ReadinessMc.sqe(Sqe.nop(2)).contains("skip"));
    }
}
