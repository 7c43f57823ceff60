package kpath.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

import kpath.uapi.IoUringAbi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static kpath.kernel.Libc.CAPTURE_LAYOUT;
import static kpath.kernel.Libc.link;
import static kpath.kernel.Libc.result;
import static kpath.kernel.Libc.rethrow;

/**
 * One io_uring instance seen from user space, as io_uring(7) describes it: the SQ and CQ rings and
 * the SQE array mapped into this process, the indexes the application owns (SQ tail, CQ head)
 * written with release stores, those the kernel owns (SQ head, CQ tail, sq_flags, the overflow
 * counter) read with acquire loads, and io_uring_enter. Closing unmaps and closes the fd.
 */
public final class IoUringRing implements AutoCloseable {

    /** arch/x86/entry/syscalls/syscall_64.tbl */
    static final long SYS_IO_URING_ENTER = 426;
    // include/uapi/linux/io_uring.h
    static final long IORING_OFF_SQ_RING = 0, IORING_OFF_CQ_RING = 0x8000000L, IORING_OFF_SQES = 0x10000000L;
    static final long SQE_BYTES = 64, CQE_BYTES = 16;
    // sys/mman.h
    static final int PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1, MAP_POPULATE = 0x8000;

    private static final MethodHandle MMAP = link("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = link("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    // syscall(426, fd, to_submit, min_complete, flags, sig, sigsz)
    private static final MethodHandle SYSCALL_ENTER = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    /** arch/x86/entry/syscalls/syscall_64.tbl */
    static final long SYS_IO_URING_REGISTER = 427;
    // syscall(427, fd, opcode, arg, nr_args)
    private static final MethodHandle SYSCALL_REGISTER = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
            Linker.Option.firstVariadicArg(1));
    private static final VarHandle U32 = JAVA_INT.varHandle();

    /** A completion queue entry: io_uring_cqe's user_data, res and flags. */
    public record Cqe(long userData, int res, int flags) {}

    private final int fd;
    private final int sqEntries, cqEntries, features;
    private final List<MemorySegment> maps = new ArrayList<>();
    private final MemorySegment sq, cq, sqes;
    private final long sqHead, sqTail, sqMask, sqFlags, sqDropped, sqArray, cqHead, cqTail, cqMask, cqOverflow, cqCqes;
    private final List<Integer> sqOff, cqOff;
    /** IORING_SETUP_NO_SQARRAY: no SQ array; the kernel takes the SQE at the tail's slot. */
    private final boolean noSqArray;
    private int localTail;
    private boolean closed;

    private IoUringRing(int fd, MemorySegment params) throws Throwable {
        this.fd = fd;
        sqEntries = params.get(JAVA_INT, 0);
        cqEntries = params.get(JAVA_INT, 4);
        features = params.get(JAVA_INT, LibcIoUring.FEATURES);
        long so = 40, co = 80; // io_sqring_offsets, io_cqring_offsets in io_uring_params
        sqHead = params.get(JAVA_INT, so);
        sqTail = params.get(JAVA_INT, so + 4);
        sqMask = params.get(JAVA_INT, so + 8);
        sqFlags = params.get(JAVA_INT, so + 16);
        sqDropped = params.get(JAVA_INT, so + 20);
        sqArray = params.get(JAVA_INT, so + 24);
        cqHead = params.get(JAVA_INT, co);
        cqTail = params.get(JAVA_INT, co + 4);
        cqMask = params.get(JAVA_INT, co + 8);
        cqOverflow = params.get(JAVA_INT, co + 16);
        cqCqes = params.get(JAVA_INT, co + 20);
        sqOff = u32s(params, so, 7);
        cqOff = u32s(params, co, 7);
        noSqArray = (params.get(JAVA_INT, LibcIoUring.FLAGS) & IoUringAbi.IORING_SETUP_NO_SQARRAY) != 0;
        // one ring region (io_mmap_get_region): its SQ fields, the CQEs, then the SQ array if there is one
        sq = map(noSqArray ? cqCqes + CQE_BYTES * cqEntries : sqArray + 4L * sqEntries, IORING_OFF_SQ_RING);
        cq = map(cqCqes + CQE_BYTES * cqEntries, IORING_OFF_CQ_RING);
        sqes = map(SQE_BYTES * sqEntries, IORING_OFF_SQES);
        localTail = (int) U32.getAcquire(sq, sqTail);
    }

    private static List<Integer> u32s(MemorySegment m, long at, int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(m.get(JAVA_INT, at + 4L * i));
        }
        return List.copyOf(l);
    }

    /**
     * io_uring_params.sq_off as setup wrote it: struct io_sqring_offsets' head, tail, ring_mask,
     * ring_entries, flags, dropped, array (byte offsets into the SQ ring's mapping).
     */
    public List<Integer> sqOff() {
        return sqOff;
    }

    /**
     * io_uring_params.cq_off as setup wrote it: struct io_cqring_offsets' head, tail, ring_mask,
     * ring_entries, overflow, cqes, flags (byte offsets into the CQ ring's mapping).
     */
    public List<Integer> cqOff() {
        return cqOff;
    }

    /** io_uring_setup(entries) with default params, mapped; fails with the errno when the kernel refuses. */
    public static IoUringRing open(int entries) {
        Opened o = setup(entries);
        o.result().orThrow("io_uring_setup");
        return o.ring();
    }

    /** What io_uring_setup returned, and the mapped ring when it succeeded (null when it failed). */
    public record Opened(SysResult result, IoUringRing ring) {}

    /** io_uring_setup(entries) with default params: the kernel's result, and the ring mapped when there is one. */
    public static Opened setup(int entries) {
        return setup(entries, 0, 0, false);
    }

    /**
     * io_uring_setup(entries, params) with params.flags {@code flags}, params.cq_entries
     * {@code cqEntries} and, when {@code resv}, params.resv[0] = 1; everything else 0.
     */
    public static Opened setup(int entries, int flags, int cqEntries, boolean resv) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment p = arena.allocate(LibcIoUring.PARAMS_BYTES, 8);
            p.set(JAVA_INT, LibcIoUring.FLAGS, flags);
            p.set(JAVA_INT, LibcIoUring.CQ_ENTRIES, cqEntries);
            p.set(JAVA_INT, LibcIoUring.RESV, resv ? 1 : 0);
            SysResult r = LibcIoUring.setup(cs, entries, p);
            if (!r.ok()) {
                return new Opened(r, null);
            }
            try {
                return new Opened(r, new IoUringRing(r.intValue(), p));
            } catch (Throwable t) {
                LibcFile.close(r.intValue());
                throw t;
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The ring's fd. */
    public int fd() {
        return fd;
    }

    private MemorySegment map(long bytes, long offset) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment m = (MemorySegment) MMAP.invokeExact(cs, MemorySegment.NULL, bytes, PROT_READ | PROT_WRITE,
                    MAP_SHARED | MAP_POPULATE, fd, offset);
            if (m.address() == -1L) {
                result(-1, cs).orThrow("mmap io_uring ring at " + offset);
            }
            MemorySegment sized = m.reinterpret(bytes);
            maps.add(sized);
            return sized;
        }
    }

    public int sqEntries() {
        return sqEntries;
    }

    public int cqEntries() {
        return cqEntries;
    }

    /** io_uring_params.features: what the kernel said it supports. */
    public int features() {
        return features;
    }

    /** Writes an SQE (opcode, flags, user_data; the rest 0, fd -1) at the SQ tail and publishes it (release store). */
    public void prep(int opcode, int flags, long userData) {
        prep(opcode, flags, -1, 0, 0, 0, userData);
    }

    /**
     * Writes an SQE at the SQ tail and publishes it (release store): struct io_uring_sqe's opcode,
     * flags, fd, addr (ASYNC_CANCEL: the target's user_data), len (POLL_ADD: IORING_POLL_ADD_MULTI),
     * the 32-bit op flags word (POLL_ADD: poll32_events) and user_data; the rest 0.
     */
    public void prep(int opcode, int flags, int targetFd, long addr, int len, int opFlags, long userData) {
        prep(opcode, flags, targetFd, 0, addr, len, opFlags, userData);
    }

    /**
     * As {@link #prep(int, int, int, long, int, int, long)}, with the SQE's off (POLL_REMOVE with
     * IORING_POLL_UPDATE_USER_DATA: the new user_data).
     */
    public void prep(int opcode, int flags, int targetFd, long off, long addr, int len, int opFlags, long userData) {
        prep(opcode, flags, 0, targetFd, off, addr, len, opFlags, userData);
    }

    /** As {@link #prep(int, int, int, long, long, int, int, long)}, with the SQE's 16-bit ioprio (RECV: IORING_RECVSEND_POLL_FIRST). */
    public void prep(int opcode, int flags, int ioprio, int targetFd, long off, long addr, int len, int opFlags, long userData) {
        prep(opcode, flags, ioprio, targetFd, off, addr, len, opFlags, userData, 0);
    }

    /** As {@link #prep(int, int, int, int, long, long, int, int, long)}, with the SQE's 32-bit splice_fd_in (offset 44; SPLICE: the input fd). */
    public void prep(int opcode, int flags, int ioprio, int targetFd, long off, long addr, int len, int opFlags, long userData,
                     int spliceFdIn) {
        prep(opcode, flags, ioprio, targetFd, off, addr, len, opFlags, userData, spliceFdIn, 0);
    }

    /**
     * As {@link #prep(int, int, int, int, long, long, int, int, long, int)}, with the SQE's 16-bit buf_group
     * (offset 40, a union with buf_index: IOSQE_BUFFER_SELECT's group, PROVIDE_BUFFERS' and REMOVE_BUFFERS' group).
     */
    public void prep(int opcode, int flags, int ioprio, int targetFd, long off, long addr, int len, int opFlags, long userData,
                     int spliceFdIn, int bufGroup) {
        int head = (int) U32.getAcquire(sq, sqHead);
        if (localTail - head >= sqEntries) {
            throw new IllegalStateException("the SQ is full");
        }
        int index = localTail & (int) U32.get(sq, sqMask);
        MemorySegment sqe = sqes.asSlice(SQE_BYTES * index, SQE_BYTES);
        sqe.fill((byte) 0);
        sqe.set(JAVA_BYTE, 0, (byte) opcode);
        sqe.set(JAVA_BYTE, 1, (byte) flags);
        sqe.set(JAVA_SHORT, 2, (short) ioprio);
        sqe.set(JAVA_INT, 4, targetFd);
        sqe.set(JAVA_LONG, 8, off);
        sqe.set(JAVA_LONG, 16, addr);
        sqe.set(JAVA_INT, 24, len);
        sqe.set(JAVA_INT, 28, opFlags);
        sqe.set(JAVA_LONG, 32, userData);
        sqe.set(JAVA_SHORT, 40, (short) bufGroup);
        sqe.set(JAVA_INT, 44, spliceFdIn);
        if (!noSqArray) {
            sq.set(JAVA_INT, sqArray + 4L * index, index);
        }
        localTail++;
        U32.setRelease(sq, sqTail, localTail);
    }

    /**
     * Publishes an SQ array entry {@code entry} at the SQ tail (release store) without writing an
     * SQE: the kernel reads that entry as the index of the SQE to take (io_uring/io_uring.c
     * io_get_sqe), and drops one at or beyond sq_entries.
     */
    public void publishArrayEntry(int entry) {
        if (noSqArray) {
            throw new IllegalStateException("the ring has no SQ array (IORING_SETUP_NO_SQARRAY)");
        }
        int head = (int) U32.getAcquire(sq, sqHead);
        if (localTail - head >= sqEntries) {
            throw new IllegalStateException("the SQ is full");
        }
        int index = localTail & (int) U32.get(sq, sqMask);
        sq.set(JAVA_INT, sqArray + 4L * index, entry);
        localTail++;
        U32.setRelease(sq, sqTail, localTail);
    }

    /** sq_dropped, which the kernel writes: SQ array entries it dropped. */
    public int sqDropped() {
        return (int) U32.getAcquire(sq, sqDropped);
    }

    /**
     * The SQEs published but not yet consumed by the kernel: the SQ tail minus the kernel's head
     * (acquire load). io_submit_sqes stops after an SQE that fails to initialise, leaving the rest.
     */
    public int sqPending() {
        return localTail - (int) U32.getAcquire(sq, sqHead);
    }

    /** io_uring_enter(fd, toSubmit, minComplete, flags, NULL, 0). */
    public SysResult enter(int toSubmit, int minComplete, int flags) {
        return enter(fd, toSubmit, minComplete, flags);
    }

    /** io_uring_register(fd, IORING_REGISTER_EVENTFD, &eventfd, 1): completions signal the eventfd. */
    public SysResult registerEventfd(int eventfd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment arg = arena.allocate(JAVA_INT);
            arg.set(JAVA_INT, 0, eventfd);
            long r = (long) SYSCALL_REGISTER.invokeExact(cs, SYS_IO_URING_REGISTER, fd, IoUringAbi.IORING_REGISTER_EVENTFD,
                    arg, 1);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * io_uring_enter(fd, toSubmit, minComplete, flags | IORING_ENTER_EXT_ARG, &arg, argsz) with a
     * struct io_uring_getevents_arg whose ts points to a timeout of {@code timeoutMs} ms and whose
     * u32 after sigmask_sz (pad; min_wait_usec since 6.12) is {@code pad}.
     */
    public static SysResult enterExt(int fd, int toSubmit, int minComplete, int flags, int argsz, int pad, int timeoutMs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment ts = Libc.timespec(arena, timeoutMs);
            MemorySegment arg = arena.allocate(IoUringAbi.GETEVENTS_ARG_SIZE, 8); // sigmask 0, sigmask_sz 0
            arg.set(JAVA_INT, 12, pad);
            arg.set(JAVA_LONG, 16, ts.address());
            long r = (long) SYSCALL_ENTER.invokeExact(cs, SYS_IO_URING_ENTER, fd, toSubmit, minComplete,
                    flags | IoUringAbi.IORING_ENTER_EXT_ARG, arg, (long) argsz);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** io_uring_enter on any fd (a ring's or not), for its errors. */
    public static SysResult enter(int fd, int toSubmit, int minComplete, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            long r = (long) SYSCALL_ENTER.invokeExact(cs, SYS_IO_URING_ENTER, fd, toSubmit, minComplete, flags,
                    MemorySegment.NULL, 0L);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * io_uring_enter(fd, toSubmit, minComplete, flags, sigmask, sigsetsize) without
     * IORING_ENTER_EXT_ARG: the argument is a sigset_t (io_uring/io_uring.c io_get_ext_arg), here the
     * first 64 bits {@code mask}.
     */
    public SysResult enterSigmask(int toSubmit, int minComplete, int flags, long mask, long sigsetsize) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment set = arena.allocate(JAVA_LONG);
            set.set(JAVA_LONG, 0, mask);
            long r = (long) SYSCALL_ENTER.invokeExact(cs, SYS_IO_URING_ENTER, fd, toSubmit, minComplete, flags, set, sigsetsize);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The CQEs between CQ head and tail, in ring order; the head then moves past them (release store). */
    public List<Cqe> reap() {
        int head = (int) U32.get(cq, cqHead);
        int tail = (int) U32.getAcquire(cq, cqTail);
        int mask = (int) U32.get(cq, cqMask);
        List<Cqe> out = new ArrayList<>();
        for (int i = head; i != tail; i++) {
            MemorySegment c = cq.asSlice(cqCqes + CQE_BYTES * (i & mask), CQE_BYTES);
            out.add(new Cqe(c.get(JAVA_LONG, 0), c.get(JAVA_INT, 8), c.get(JAVA_INT, 12)));
        }
        U32.setRelease(cq, cqHead, tail);
        return out;
    }

    /** The CQEs waiting in the ring (tail - head), without consuming them. */
    public int cqReady() {
        return (int) U32.getAcquire(cq, cqTail) - (int) U32.get(cq, cqHead);
    }

    /** sq_flags, which the kernel writes (IORING_SQ_CQ_OVERFLOW ...). */
    public int sqFlags() {
        return (int) U32.getAcquire(sq, sqFlags);
    }

    /** The CQ's overflow counter: completions the kernel dropped. */
    public int cqOverflow() {
        return (int) U32.getAcquire(cq, cqOverflow);
    }

    @Override
    public void close() {
        closeRing();
    }

    /** Unmaps the rings and closes the fd: close(2)'s result, or null when already closed. */
    public SysResult closeRing() {
        if (closed) {
            return null;
        }
        closed = true;
        for (MemorySegment m : maps) {
            try (Arena arena = Arena.ofConfined()) {
                int ignored = (int) MUNMAP.invokeExact(arena.allocate(CAPTURE_LAYOUT), m, m.byteSize());
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
        maps.clear();
        return LibcFile.close(fd);
    }
}
