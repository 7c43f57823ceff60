package kpath.check.readiness;

import java.util.List;
import kpath.check.CheckException;
import kpath.model.proc.ProcAction.*;
import kpath.trace.Event;
import kpath.trace.TraceReader;
import kpath.uapi.AioAbi;
import org.junit.jupiter.api.Test;

import static kpath.uapi.IoUringAbi.IORING_SETUP_CLAMP;
import static kpath.uapi.IoUringAbi.IORING_SETUP_CQSIZE;
import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads io_uring_setup's params (flags by name or as hex bits, cq_entries with
 * IORING_SETUP_CQSIZE, resv) and io_setup with the header's fs.aio-max-nr (no TLC, so PIT runs these).
 */
class SetupSyntaxExamples {

    private static String trace(String sysctl, String line) {
        return "kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\n" + sysctl
                + "path: completion\ncaptured-by: kpath\n\n+0.1 " + line + "\n+0.2 end\n";
    }

    private static Event.Syscall call(String line) throws Exception {
        return (Event.Syscall) TraceReader.parse(trace("", line), "t").events().getFirst();
    }

    @Test
    void ioUringSetupReadsItsFlagsCqEntriesAndResv() throws Exception {
        assertEquals(new IoUringSetup("u0", 4, 4), ProcSyntax.action(call("io_uring_setup(4, 0) = u0:4"), "t:1: "));
        assertEquals(new IoUringSetup("u0", 4, 40000, IORING_SETUP_CLAMP, 0, false),
                ProcSyntax.action(call("io_uring_setup(40000, IORING_SETUP_CLAMP) = u0:4"), "t:1: "));
        assertEquals(new IoUringSetup("u0", 4, 4, IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP, 100000, false),
                ProcSyntax.action(call("io_uring_setup(4, IORING_SETUP_CQSIZE|IORING_SETUP_CLAMP, cq_entries=100000) = u0:4"), "t:1: "));
        assertEquals(new IoUringSetup("(none)", -1, 4, IORING_SETUP_CQSIZE, 0, false),
                ProcSyntax.action(call("io_uring_setup(4, IORING_SETUP_CQSIZE, cq_entries=0) = -1 EINVAL"), "t:1: "));
        assertEquals(new IoUringSetup("(none)", -1, 4, 1 << 31, 0, false),
                ProcSyntax.action(call("io_uring_setup(4, 0x80000000) = -1 EINVAL"), "t:1: "));
        assertEquals(new IoUringSetup("(none)", -1, 4, 0, 0, true),
                ProcSyntax.action(call("io_uring_setup(4, 0, resv=1) = -1 EINVAL"), "t:1: "));
        assertEquals(new IoUringSetup("(none)", -1, 4, IORING_SETUP_CQSIZE, 8, true),
                ProcSyntax.action(call("io_uring_setup(4, IORING_SETUP_CQSIZE, cq_entries=8, resv=1) = -1 EINVAL"), "t:1: "));
    }

    @Test
    void otherFormsOfIoUringSetupAreRefusedNamingTheLine() throws Exception {
        for (String bad : List.of("io_uring_setup(4)", "io_uring_setup(4, IORING_SETUP_SQPOLL|IORING_SETUP_SQPOLL)", "io_uring_setup(4, 0x2)",
                "io_uring_setup(4, IORING_SETUP_CLAMP|IORING_SETUP_CLAMP)", "io_uring_setup(4, IORING_SETUP_CQSIZE)",
                "io_uring_setup(4, IORING_SETUP_CQSIZE, resv=1)", "io_uring_setup(4, 0, cq_entries=8)",
                "io_uring_setup(4, 0, resv=1, resv=1)", "io_uring_setup(4, 0, resv=2)",
                "io_uring_setup(4, 0, resv=1, x, y)", "io_uring_setup(4, 0x0)")) {
            CheckException x = assertThrows(CheckException.class, () -> ProcSyntax.action(call(bad + " = -1 EINVAL"), "t:1: "), bad);
            assertTrue(x.getMessage().startsWith("t:1: the model takes io_uring_setup(entries, FLAGS[, cq_entries=N][, resv=1])"),
                    x.getMessage());
        }
    }

    @Test
    void ioUringEnterWithAnUnknownFlagReadsAsItsOwnCall() throws Exception {
        assertEquals(new IoUringEnterBadFlags("u0", 0x100), ProcSyntax.action(call("io_uring_enter(u0, -, 0, 0x100) = -1 EINVAL"), "t:1: "));
        assertEquals(new IoUringEnterBadFlags("-1", 1 << 31),
                ProcSyntax.action(call("io_uring_enter(-1, -, 0, 0x80000000) = -1 EINVAL"), "t:1: "));
        for (String bad : List.of("io_uring_enter(u0, -, 0, 0x1)", "io_uring_enter(u0, NOP:1, 0, 0x100)",
                "io_uring_enter(u0, -, 1, 0x100)")) {
            CheckException x = assertThrows(CheckException.class, () -> ProcSyntax.action(call(bad + " = -1 EINVAL"), "t:1: "), bad);
            assertEquals("t:1: the model takes io_uring_enter(fd, -, 0, 0xBITS) only with bits no 6.18 flag has", x.getMessage());
        }
    }

    @Test
    void ioSetupReadsAioMaxNrFromTheHeaderOrTheDefault() throws Exception {
        var with = TraceReader.parse(trace("sysctl: fs.aio-max-nr=1024\n", "io_setup(2000, a0) = -1 EAGAIN"), "t");
        assertEquals(1024, ProcSyntax.aioMaxNr(with.header(), "t"));
        assertEquals(new IoSetup(2000, "a0", 1024),
                ProcSyntax.action((Event.Syscall) with.events().getFirst(), "t:1: ", ProcSyntax.aioHost(with.header(), "t")));
        var without = TraceReader.parse(trace("", "io_setup(2, a0) = 0"), "t");
        assertEquals(AioAbi.AIO_MAX_NR_DEFAULT, ProcSyntax.aioMaxNr(without.header(), "t"));
        assertEquals(new IoSetup(2, "a0", AioAbi.AIO_MAX_NR_DEFAULT), ProcSyntax.action(call("io_setup(2, a0) = 0"), "t:1: "));
        var bad = TraceReader.parse(trace("sysctl: fs.aio-max-nr=lots\n", "io_setup(2, a0) = 0"), "t");
        CheckException x = assertThrows(CheckException.class, () -> ProcSyntax.aioMaxNr(bad.header(), "t"));
        assertEquals("t:1: header sysctl fs.aio-max-nr='lots' is not an integer", x.getMessage());
        assertTrue(ReadinessTraceChecker.check(with, "t").accepted());
        assertFalse(ReadinessTraceChecker.check(
                TraceReader.parse(trace("sysctl: fs.aio-max-nr=4096\n", "io_setup(2000, a0) = -1 EAGAIN"), "t"), "t").accepted());
        assertThrows(CheckException.class, () -> ReadinessTraceChecker.check(bad, "t"));
    }

    @Test
    void ioSetupReadsThePossibleCpusFromTheHeaderOrKnowsNone() throws Exception {
        var with = TraceReader.parse(trace("sysctl: fs.aio-max-nr=1024\ncpus-possible: 0-1\n", "io_setup(1, a0) = 0"), "t");
        assertEquals(new ProcSyntax.AioHost(1024, 2), ProcSyntax.aioHost(with.header(), "t"));
        assertEquals(new IoSetup(1, "a0", 1024, 2),
                ProcSyntax.action((Event.Syscall) with.events().getFirst(), "t:1: ", ProcSyntax.aioHost(with.header(), "t")));
        var without = TraceReader.parse(trace("", "io_setup(1, a0) = 0"), "t");
        assertEquals(new ProcSyntax.AioHost(AioAbi.AIO_MAX_NR_DEFAULT, 0), ProcSyntax.aioHost(without.header(), "t"));
        for (String badList : List.of("lots", "1-0", "0-1-2", "0,x")) {
            var bad = TraceReader.parse(trace("cpus-possible: " + badList + "\n", "io_setup(1, a0) = 0"), "t");
            CheckException x = assertThrows(CheckException.class, () -> ProcSyntax.aioHost(bad.header(), "t"), badList);
            assertEquals("t:1: header cpus-possible '" + badList + "' is not a CPU list like 0-1", x.getMessage());
        }
        assertEquals(5, AioAbi.cpuCount("0,2-5"));
    }

    @Test
    void openatReadsODirectFromItsFlagsAndTheFileFromTheHeader() throws Exception {
        String header = "regular-file: size=4096 fs=ext4 f_type=0xef53 dio_mem_align=512 dio_offset_align=512\n";
        var with = TraceReader.parse(trace(header, "openat(AT_FDCWD, /tmp/x, O_RDONLY|O_DIRECT) = f0:6"), "t");
        ProcSyntax.AioHost host = ProcSyntax.aioHost(with.header(), "t");
        assertEquals(new ProcSyntax.AioHost(AioAbi.AIO_MAX_NR_DEFAULT, 0, 4096, 512), host);
        assertEquals(new Open("f0", 6, true, 4096, 512),
                ProcSyntax.action((Event.Syscall) with.events().getFirst(), "t:1: ", host));
        assertEquals(new Open("f0", 6, false, 4096, 512), ProcSyntax.action(call("openat(AT_FDCWD, /tmp/x, O_RDONLY) = f0:6"),
                "t:1: ", host));
        assertEquals(new Open("f0", 6), ProcSyntax.action(call("openat(AT_FDCWD, /tmp/x) = f0:6"), "t:1: "));
        CheckException w = assertThrows(CheckException.class,
                () -> ProcSyntax.action(call("openat(AT_FDCWD, /tmp/x, O_DIRECT) = f0:6"), "t:1: "));
        assertEquals("t:1: openat's flags are O_RDONLY or O_RDONLY|O_DIRECT, not 'O_DIRECT'", w.getMessage());
        assertEquals(new ProcSyntax.AioHost(AioAbi.AIO_MAX_NR_DEFAULT, 0, 0, 1), ProcSyntax.aioHost(TraceReader.parse(
                trace("regular-file: size=0 dio_offset_align=1\n", "openat(AT_FDCWD, /tmp/x) = f0:6"), "t").header(), "t"));
        for (String bad : List.of("size=4096", "size=x dio_offset_align=512", "size=-1 dio_offset_align=512",
                "size=4096 dio_offset_align=0")) {
            var b = TraceReader.parse(trace("regular-file: " + bad + "\n", "openat(AT_FDCWD, /tmp/x) = f0:6"), "t");
            CheckException x = assertThrows(CheckException.class, () -> ProcSyntax.aioHost(b.header(), "t"), bad);
            assertEquals("t:1: header regular-file '" + bad + "' has no size=N and dio_offset_align=N", x.getMessage());
        }
    }
}
