package kpath.check.readiness;

import java.util.List;
import kpath.check.CheckException;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction.*;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** How the checker reads IORING_RECVSEND_POLL_FIRST on a RECV ({@code :POLL_FIRST}, after :DONTWAIT), without TLC. */
class PollFirstSyntaxExamples {

    private static List<Sqe> sqes(String text) throws Exception {
        return EnterLines.sqes(text);
    }

    @Test
    void pollFirstIsReadAfterDontwaitAndBeforeTheSqeFlags() throws Exception {
        assertEquals(List.of(Sqe.recv(1, "s0", 16, false).pollingFirst(), Sqe.recv(2, "s0", 16, true).pollingFirst().linked(),
                        Sqe.recv(3, "s0", 16, true), Sqe.recv(4, "s0", 16, false)),
                sqes("RECV:1:s0:16:POLL_FIRST+RECV:2:s0:16:DONTWAIT:POLL_FIRST:LINK+RECV:3:s0:16:DONTWAIT+RECV:4:s0:16"));
        assertEquals("[op |-> \"RECV\", userData |-> 1, fd |-> \"s0\", events |-> {}, multishot |-> FALSE, target |-> 0,"
                + " link |-> FALSE, hardlink |-> FALSE, len |-> 16, dontwait |-> FALSE, off |-> 0, pollFirst |-> TRUE]",
                ReadinessMc.sqe(Sqe.recv(1, "s0", 16, false).pollingFirst()));
        assertFalse(ReadinessMc.sqe(Sqe.recv(1, "s0", 16, true)).contains("pollFirst"));
    }

    @Test
    void otherEndingsAreRefusedNamingTheLine() throws Exception {
        for (String bad : List.of("RECV:1:s0:16:POLL_FIRST:DONTWAIT", "RECV:1:s0:16:X", "RECV:1:s0:16:X:POLL_FIRST",
                "RECV:1:s0:16:DONTWAIT:DONTWAIT")) {
            CheckException x = assertThrows(CheckException.class, () -> sqes(bad), bad);
            assertTrue(x.getMessage().startsWith("t:1: cannot read io_uring_enter(u0, " + bad), x.getMessage());
            assertTrue(x.getMessage().endsWith(": a RECV SQE ends in [:DONTWAIT][:POLL_FIRST], not '" + bad + "'"), x.getMessage());
        }
        CheckException x = assertThrows(CheckException.class, () -> sqes("RECV:1:s0:16:DONTWAIT:POLL_FIRST:X"));
        assertTrue(x.getMessage().endsWith("RECV:ud:fd:len[:DONTWAIT][:POLL_FIRST][:BUF=bgid], SPLICE:ud:fdIn:fdOut:len, LINK_TIMEOUT:ud:ms, INVALID:ud or SQ_ARRAY:n"), x.getMessage());
        CheckException y = assertThrows(CheckException.class, () -> sqes("RECV:1:s0:POLL_FIRST"));
        assertTrue(y.getMessage().startsWith("t:1: cannot read "), y.getMessage());
    }
}
