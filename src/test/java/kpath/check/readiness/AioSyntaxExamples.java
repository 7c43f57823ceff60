package kpath.check.readiness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Mask;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads native AIO's trace lines (ProcSyntax): io_submit's iocbs with
 * IOCB_FLAG_RESFD, io_cancel, io_getevents with a timeout, and the io_submit forms it refuses,
 * on edits of traces/completion/aio-resfd-signals-eventfd.trace (no TLC, so PIT runs these).
 */
class AioSyntaxExamples {

    static final Path RESFD = Path.of("traces/completion/aio-resfd-signals-eventfd.trace");
    static final Path CANCEL = Path.of("traces/completion/aio-cancel-poll.trace");

    @Test
    void theCallsReadAsTheModelsActions() throws Exception {
        assertEquals(new IoSubmit("a0", List.of(new Iocb(1, "r0", Mask.IN, "v0"), new Iocb(2, "v0", Mask.IN))),
                ProcSyntax.action(call("io_submit(a0, POLL:1:r0:POLLIN:RESFD=v0+POLL:2:v0:POLLIN) = 1"), "t:1: "));
        assertEquals(new IoCancel("a0", 7), ProcSyntax.action(call("io_cancel(a0, 7) = -1 EINPROGRESS"), "t:1: "));
        assertEquals(new IoGetevents("a0", 1, 4, 1000), ProcSyntax.action(call("io_getevents(a0, 1, 4, 1000) = 1"), "t:1: "));
        assertEquals(new IoSubmit("a0", List.of(Iocb.rw(false, 3, "r0", 8, "v0"), Iocb.rw(true, 4, "w0", 2, ""))),
                ProcSyntax.action(call("io_submit(a0, PREAD:3:r0:8:RESFD=v0+PWRITE:4:w0:2) = 2"), "t:1: "));
        assertEquals(new IoSubmit("a0", List.of(new Iocb("FSYNC", 5, "f0", 0, 0, ""), new Iocb("FDSYNC", 6, "f0", 0, 0, "")
                        .with(0, 1, 0))),
                ProcSyntax.action(call("io_submit(a0, FSYNC:5:f0:0+FDSYNC:6:f0:0:OFFSET=1) = 1"), "t:1: "));
    }

    @Test
    void theCommittedTracesAreAccepted() throws Exception {
        for (Path p : List.of(RESFD, CANCEL)) {
            CheckReport r = ReadinessTraceChecker.check(kpath.trace.TraceReader.parse(Files.readString(p), p.toString()),
                    p.toString());
            assertTrue(r.accepted(), r::text);
        }
    }

    @Test
    void anIocbOfAnotherFormIsRefusedNamingTheLine() throws Exception {
        for (String bad : List.of("PREADV:3:r0:8", "POLL:3:r0", "POLL:3:r0:POLLIN+READ:4:r0:8", "OPX:3:r0:8")) {
            String[] e = ReadinessTraceReplayTest.edit(RESFD, "io_submit(a0, POLL:3:r0:POLLIN:RESFD=v0) = 1", 1,
                    "io_submit(a0, " + bad + ") = 1");
            CheckException x = assertThrows(CheckException.class, () -> ReadinessTraceChecker.check(
                    kpath.trace.TraceReader.parse(e[0], "edited.trace"), "edited.trace"), bad);
            assertEquals("edited.trace:" + e[1] + ": the model takes io_submit(ctx, OP:data:fd:MASK|N[:FIELD=value...]+...) "
                    + "with OP POLL, PREAD, PWRITE, FSYNC, FDSYNC or OPk only",
                    x.getMessage(), bad);
        }
        for (String bad : List.of("POLL:3:r0:POLLIN:v0", "POLL:3:r0:POLLIN:RESFD=v0:x", "POLL:3:r0:POLLIN:OFFSET=1:OFFSET=2",
                "PREAD:3:r0:8:FLAGS=1")) {
            String[] e = ReadinessTraceReplayTest.edit(RESFD, "io_submit(a0, POLL:3:r0:POLLIN:RESFD=v0) = 1", 1,
                    "io_submit(a0, " + bad + ") = 1");
            CheckException x = assertThrows(CheckException.class, () -> ReadinessTraceChecker.check(
                    kpath.trace.TraceReader.parse(e[0], "edited.trace"), "edited.trace"), bad);
            assertTrue(x.getMessage().startsWith("edited.trace:" + e[1] + ": an iocb's fields are RWF=, OFFSET=, NBYTES=, "),
                    x.getMessage());
        }
    }

    @Test
    void theIocbFieldsAreRead() throws Exception {
        assertEquals(new IoSubmit("a0", List.of(Iocb.rw(false, 1, "r0", 8, "v0").with(kpath.uapi.AioAbi.RWF_NOWAIT, -1, 2),
                        new Iocb("POLL", 2, "r0", kpath.uapi.Mask.IN, 1, ""), new Iocb("OP9", 3, "r0", 0, 8, ""))),
                ProcSyntax.action(call("io_submit(a0, PREAD:1:r0:8:RWF=RWF_NOWAIT:OFFSET=-1:RESERVED2=2:RESFD=v0"
                        + "+POLL:2:r0:POLLIN:NBYTES=1+OP9:3:r0:8) = -1 EINVAL"), "t:1: "));
        assertEquals(new kpath.model.proc.ProcAction.Pipe2("r0", 3, "w0", 4, false),
                ProcSyntax.action(call("pipe2(0) = r0:3,w0:4"), "t:1: "));
        CheckException x = assertThrows(CheckException.class, () -> ProcSyntax.action(call("pipe2(O_CLOEXEC) = r0:3,w0:4"), "t:1: "));
        assertEquals("t:1: pipe2's flags are O_NONBLOCK or 0, not 'O_CLOEXEC'", x.getMessage());
    }

    private static kpath.trace.Event.Syscall call(String line) throws Exception {
        String text = "kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\npath: completion\n"
                + "captured-by: kpath\n\n+0.1 " + line + "\n+0.2 end\n";
        return (kpath.trace.Event.Syscall) kpath.trace.TraceReader.parse(text, "t").events().getFirst();
    }
}
