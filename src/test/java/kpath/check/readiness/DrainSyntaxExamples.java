package kpath.check.readiness;

import java.util.List;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction.*;
import kpath.trace.Event;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** How the checker reads IOSQE_IO_DRAIN on an SQE ({@code :DRAIN}, before a link flag), without TLC. */
class DrainSyntaxExamples {

    private static Event.Syscall call(String line) throws Exception {
        String t = "kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\n"
                + "path: completion\ncaptured-by: kpath\n\n+0.1 " + line + "\n+0.2 end\n";
        return (Event.Syscall) TraceReader.parse(t, "t").events().getFirst();
    }

    @Test
    void drainIsReadBeforeTheLinkFlag() throws Exception {
        assertEquals(new IoUringEnter("u0", List.of(Sqe.nop(2).drained(), Sqe.nop(3).drained().linked(),
                        Sqe.nop(4).drained().hardlinked(), Sqe.nop(5)), 0, false),
                ProcSyntax.action(call("io_uring_enter(u0, NOP:2:DRAIN+NOP:3:DRAIN:LINK+NOP:4:DRAIN:HARDLINK+NOP:5, 0, 0) = 4"),
                        "t:1: "));
        assertEquals("[op |-> \"NOP\", userData |-> 2, fd |-> \"\", events |-> {}, multishot |-> FALSE, target |-> 0,"
                + " link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0, drain |-> TRUE]",
                ReadinessMc.sqe(Sqe.nop(2).drained()));
        assertFalse(ReadinessMc.sqe(Sqe.nop(2)).contains("drain"));
    }
}
