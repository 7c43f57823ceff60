package kpath.check.readiness;

import java.util.List;
import kpath.check.CheckException;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction.*;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads provided buffers ({@code PROVIDE_BUFFERS:ud:bgid:nbufs:bid:len},
 * {@code REMOVE_BUFFERS:ud:bgid:nbufs}, a RECV's {@code :BUF=bgid}), without TLC.
 */
class ProvidedBuffersSyntaxExamples {

    private static List<Sqe> sqes(String text) throws Exception {
        return EnterLines.sqes(text);
    }

    @Test
    void buffersAreReadAndWrittenBackAsTheyCame() throws Exception {
        String text = "PROVIDE_BUFFERS:1:7:3:0:4+REMOVE_BUFFERS:2:7:1+RECV:3:s0:0:BUF=7+RECV:4:s0:16:LINK";
        List<Sqe> q = sqes(text);
        assertEquals(List.of(Sqe.provideBuffers(1, 7, 3, 0, 4), Sqe.removeBuffers(2, 7, 1), Sqe.recv(3, "s0", 0, false).selecting(7),
                Sqe.recv(4, "s0", 16, false).linked()), q);
        assertEquals(text, String.join("+", q.stream().map(Sqe::toString).toList()));
        assertEquals("[op |-> \"RECV\", userData |-> 3, fd |-> \"s0\", events |-> {}, multishot |-> FALSE, target |-> 0,"
                + " link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0, bufGroup |-> 7]", ReadinessMc.sqe(q.get(2)));
        assertEquals("[op |-> \"PROVIDE_BUFFERS\", userData |-> 1, fd |-> \"\", events |-> {}, multishot |-> FALSE, target |-> 3,"
                + " link |-> FALSE, hardlink |-> FALSE, len |-> 4, dontwait |-> FALSE, off |-> 0, bufGroup |-> 7]", ReadinessMc.sqe(q.get(0)));
        assertFalse(ReadinessMc.sqe(q.get(3)).contains("bufGroup"));
    }

    @Test
    void malformedBufferSqesAreRefusedNamingTheLine() throws Exception {
        for (String bad : List.of("PROVIDE_BUFFERS:1:7:3", "REMOVE_BUFFERS:1:7", "RECV:1:s0:16:BUF=70000", "REMOVE_BUFFERS:1:x:1",
                "RECV:1:s0:16:BUF=7:DONTWAIT")) {
            CheckException x = assertThrows(CheckException.class, () -> sqes(bad), bad);
            assertTrue(x.getMessage().startsWith("t:1: cannot read io_uring_enter(u0, " + bad), x.getMessage());
            assertFalse(x.getMessage().contains("\n"), x.getMessage());
        }
        assertEquals(0, sqes("RECV:1:s0:16:BUF=0").getFirst().bufGroup());
        assertEquals(65535, sqes("RECV:1:s0:16:BUF=65535").getFirst().bufGroup());
        assertThrows(CheckException.class, () -> sqes("RECV:1:s0:16:BUF=65536"));
        assertThrows(CheckException.class, () -> sqes("RECV:1:s0:16:BUF=-1"));
        CheckException g = assertThrows(CheckException.class, () -> sqes("RECV:1:s0:16:BUF=70000"));
        assertTrue(g.getMessage().endsWith("a buffer group is a u16, not '70000' in 'RECV:1:s0:16:BUF=70000'"), g.getMessage());
    }
}
