package kpath.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static kpath.kernel.Libc.CAPTURE_LAYOUT;
import static kpath.kernel.Libc.link;
import static kpath.kernel.Libc.result;
import static kpath.kernel.Libc.rethrow;

/**
 * FFM bindings for io_uring (io_uring/io_uring.c), through the raw syscall: glibc has no wrapper.
 * The first piece of the completions battery: io_uring_setup and what it reports in
 * {@code struct io_uring_params}.
 */
public final class LibcIoUring {

    private LibcIoUring() {
    }

    /** arch/x86/entry/syscalls/syscall_64.tbl */
    public static final long SYS_IO_URING_SETUP = 425;

    // io_uring_params.features (their home: kpath.uapi.IoUringAbi)
    public static final int IORING_FEAT_SINGLE_MMAP = kpath.uapi.IoUringAbi.IORING_FEAT_SINGLE_MMAP;
    public static final int IORING_FEAT_NODROP = kpath.uapi.IoUringAbi.IORING_FEAT_NODROP;

    /** sizeof(struct io_uring_params): 10 u32 (sq_entries .. resv[3]), then sq_off and cq_off, 40 bytes each. */
    static final long PARAMS_BYTES = 120;
    static final long SQ_ENTRIES = 0, CQ_ENTRIES = 4, FLAGS = 8, FEATURES = 20, RESV = 28;

    // syscall(425, entries, params)
    private static final MethodHandle SYSCALL_SETUP = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(1));

    /**
     * What io_uring_setup returned: the ring's fd (or -1 and the errno), and the sizes and features
     * the kernel wrote back into the params.
     */
    public record Setup(SysResult result, int sqEntries, int cqEntries, int features) {}

    /** The raw io_uring_setup(entries, params), errno captured in {@code cs}. */
    static SysResult setup(MemorySegment cs, int entries, MemorySegment params) throws Throwable {
        return result((long) SYSCALL_SETUP.invokeExact(cs, SYS_IO_URING_SETUP, entries, params), cs);
    }

    /**
     * io_uring_setup(entries, params) with {@code flags} and, for IORING_SETUP_CQSIZE,
     * {@code cqEntries}; the ring's fd is closed before this returns.
     */
    public static Setup setupAndClose(int entries, int flags, int cqEntries) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment p = arena.allocate(PARAMS_BYTES, 8); // zeroed: resv must be 0
            p.set(JAVA_INT, FLAGS, flags);
            p.set(JAVA_INT, CQ_ENTRIES, cqEntries);
            SysResult res = setup(cs, entries, p);
            if (res.ok()) {
                LibcFile.close(res.intValue());
            }
            return new Setup(res, p.get(JAVA_INT, SQ_ENTRIES), p.get(JAVA_INT, CQ_ENTRIES), p.get(JAVA_INT, FEATURES));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Why io_uring cannot be used here, or null when it can: kernel.io_uring_disabled = 2 switches it
     * off for everyone (io_uring_setup(2) EPERM; 1 only for those outside io_uring_group).
     */
    public static String disabled() {
        java.nio.file.Path knob = java.nio.file.Path.of("/proc/sys/kernel/io_uring_disabled");
        try {
            return java.nio.file.Files.exists(knob) && java.nio.file.Files.readString(knob).trim().equals("2")
                    ? "io_uring is disabled on this machine (kernel.io_uring_disabled = 2)" : null;
        } catch (java.io.IOException e) {
            return null; // unreadable: io_uring_setup itself will say
        }
    }
}
