package kpath.check.readiness;

import java.util.List;
import kpath.check.CheckException;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.IoUringAbi;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads an IORING_OP_ASYNC_CANCEL SQE (ProcSyntax):
 * {@code ASYNC_CANCEL:ud:target[:FLAGS[:fd][:LEN=n]]}, as traces/completion/io-uring-cancel-match-flags.trace
 * writes it, and the forms it refuses (no TLC, so PIT runs these).
 */
class CancelSyntaxExamples {

    @Test
    void theFieldsReadAsTheSqe() throws Exception {
        int all = IoUringAbi.IORING_ASYNC_CANCEL_ALL, fd = IoUringAbi.IORING_ASYNC_CANCEL_FD, op = IoUringAbi.IORING_ASYNC_CANCEL_OP;
        assertEquals(List.of(Sqe.cancel(5, 0, op, "", 22)), sqes("ASYNC_CANCEL:5:0:OP:LEN=22"));
        assertEquals(List.of(Sqe.cancel(22, 0, all | fd | op, "r1", 22)), sqes("ASYNC_CANCEL:22:0:ALL|FD|OP:r1:LEN=22"));
        assertEquals(List.of(Sqe.cancel(9, 3, fd, "r0")), sqes("ASYNC_CANCEL:9:3:FD:r0"));
        assertEquals(List.of(Sqe.cancel(3, 1, all, "")), sqes("ASYNC_CANCEL:3:1:ALL"));
        assertEquals(List.of(Sqe.cancel(4, 3)), sqes("ASYNC_CANCEL:4:3"));
        for (String s : List.of("ASYNC_CANCEL:5:0:OP:LEN=22", "ASYNC_CANCEL:22:0:ALL|FD|OP:r1:LEN=22", "ASYNC_CANCEL:9:3:FD:r0")) {
            assertEquals(s, sqes(s).getFirst().toString(), "the model writes it back as the trace did");
        }
    }

    @Test
    void aCancelOfAnotherFormIsRefusedNamingTheLine() throws Exception {
        for (String bad : List.of("ASYNC_CANCEL:5:0:LEN=22", "ASYNC_CANCEL:5:0:FD:r0:r1")) {
            CheckException x = assertThrows(CheckException.class, () -> sqes(bad), bad);
            assertEquals("t:1: cannot read io_uring_enter(u0, " + bad + ", 0, 0) = 1: an ASYNC_CANCEL SQE is "
                    + "ASYNC_CANCEL:ud:target[:FLAGS[:fd][:LEN=n]], not '" + bad + "'", x.getMessage());
        }
        CheckException x = assertThrows(CheckException.class, () -> sqes("ASYNC_CANCEL:5:0:FD:r0:r1:LEN=2:x"));
        assertTrue(x.getMessage().contains(": SQE 'ASYNC_CANCEL:5:0:FD:r0:r1:LEN=2:x': NOP:ud, "), x.getMessage());
    }

    private static List<Sqe> sqes(String text) throws Exception {
        return EnterLines.sqes(text);
    }
}
