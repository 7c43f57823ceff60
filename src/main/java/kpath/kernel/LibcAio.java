package kpath.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static kpath.kernel.Libc.CAPTURE_LAYOUT;
import static kpath.kernel.Libc.link;
import static kpath.kernel.Libc.result;
import static kpath.kernel.Libc.rethrow;

/**
 * FFM bindings for native AIO (fs/aio.c), through the raw syscalls: glibc has none (libaio wraps
 * them). A context is a number, {@code aio_context_t}, not an fd.
 */
public final class LibcAio {
    private LibcAio() {}

    /** arch/x86/entry/syscalls/syscall_64.tbl */
    static final long SYS_IO_SETUP = 206, SYS_IO_DESTROY = 207, SYS_IO_GETEVENTS = 208, SYS_IO_SUBMIT = 209,
            SYS_IO_CANCEL = 210, SYS_IO_PGETEVENTS = 333;
    /** include/uapi/linux/aio_abi.h */
    public static final short IOCB_CMD_PREAD = 0, IOCB_CMD_PWRITE = 1, IOCB_CMD_FSYNC = 2, IOCB_CMD_FDSYNC = 3,
            IOCB_CMD_POLL = 5;
    static final int IOCB_FLAG_RESFD = 1;
    static final long IOCB_BYTES = 64, EVENT_BYTES = 32;

    private static final MethodHandle SYSCALL_2 = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SYSCALL_1 = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SYSCALL_3 = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SYSCALL_5 = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS),
            Linker.Option.firstVariadicArg(1));

    // syscall(nr, ctx, min_nr, nr, events, timeout, usig) for io_pgetevents
    private static final MethodHandle SYSCALL_6 = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SCHED_GETAFFINITY = link("sched_getaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle SCHED_SETAFFINITY = link("sched_setaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    /** sizeof(cpu_set_t) in glibc: 1024 CPUs. */
    private static final int CPU_SET_BYTES = 128;

    /** The calling thread's CPU mask (sched_getaffinity(0, ...)); fails (IllegalStateException) if the call does. */
    public static byte[] affinity() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment mask = arena.allocate(CPU_SET_BYTES);
            SysResult r = result((int) SCHED_GETAFFINITY.invokeExact(cs, 0, (long) CPU_SET_BYTES, mask), cs);
            if (!r.ok()) {
                throw new IllegalStateException("sched_getaffinity: errno " + r.errno());
            }
            return mask.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Sets the calling thread's CPU mask (sched_setaffinity(0, ...)): its own thread only, no
     * privilege needed. A context's per-CPU request counts (fs/aio.c get_reqs_available) then all
     * live on one CPU.
     */
    public static SysResult setAffinity(byte[] mask) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment m = arena.allocate(CPU_SET_BYTES);
            m.copyFrom(MemorySegment.ofArray(java.util.Arrays.copyOf(mask, CPU_SET_BYTES)));
            return result((int) SCHED_SETAFFINITY.invokeExact(cs, 0, (long) CPU_SET_BYTES, m), cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code mask} with only its lowest CPU left: a one-CPU mask within it (all zero if it has none). */
    public static byte[] lowestCpu(byte[] mask) {
        byte[] one = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                one[i] = (byte) Integer.lowestOneBit(mask[i] & 0xff);
                break;
            }
        }
        return one;
    }

    /** io_setup's result and the context it wrote (0 on failure). */
    public record Setup(SysResult result, long ctx) {}

    /** One struct io_event: data, res. */
    public record Event(long data, long res) {}

    /** io_getevents's result and the events it copied out. */
    public record Events(SysResult result, List<Event> events) {}

    /** io_setup(nr_events, &ctx), ctx 0 as io_setup requires. */
    public static Setup setup(int nrEvents) {
        return setup(nrEvents, 0);
    }

    /** io_setup(nr_events, &ctx) with ctx holding {@code initial} before the call (io_setup refuses one not 0). */
    public static Setup setup(int nrEvents, long initial) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment ctx = arena.allocate(JAVA_LONG);
            ctx.set(JAVA_LONG, 0, initial);
            SysResult r = result((long) SYSCALL_2.invokeExact(cs, SYS_IO_SETUP, (long) nrEvents, ctx), cs);
            return new Setup(r, ctx.get(JAVA_LONG, 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** io_destroy(ctx). */
    public static SysResult destroy(long ctx) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            return result((long) SYSCALL_1.invokeExact(cs, SYS_IO_DESTROY, ctx), cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * A struct iocb for IOCB_CMD_POLL of {@code fd} for {@code events}, aio_data {@code data},
     * allocated in {@code arena} (its address is what io_cancel names); with IOCB_FLAG_RESFD
     * when {@code resfd} is not negative.
     */
    public static MemorySegment pollIocb(Arena arena, long data, int fd, int events, int resfd) {
        MemorySegment iocb = arena.allocate(IOCB_BYTES, 8);
        iocb.fill((byte) 0);
        iocb.set(JAVA_LONG, 0, data);
        iocb.set(JAVA_SHORT, 16, IOCB_CMD_POLL);
        iocb.set(JAVA_INT, 20, fd);
        iocb.set(JAVA_LONG, 24, events);
        if (resfd >= 0) {
            iocb.set(JAVA_INT, 56, IOCB_FLAG_RESFD);
            iocb.set(JAVA_INT, 60, resfd);
        }
        return iocb;
    }

    /**
     * A struct iocb for IOCB_CMD_PREAD ({@code write} false) or IOCB_CMD_PWRITE of {@code nbytes}
     * at offset 0 of {@code fd}, with a buffer of its own in {@code arena}; aio_data {@code data},
     * IOCB_FLAG_RESFD when {@code resfd} is not negative.
     */
    public static MemorySegment rwIocb(Arena arena, boolean write, long data, int fd, int nbytes, int resfd) {
        MemorySegment buf = arena.allocate(Math.max(1, nbytes), 8);
        buf.fill((byte) 'x');
        MemorySegment iocb = pollIocb(arena, data, fd, 0, resfd);
        iocb.set(JAVA_SHORT, 16, write ? IOCB_CMD_PWRITE : IOCB_CMD_PREAD);
        iocb.set(JAVA_LONG, 24, buf.address());
        iocb.set(JAVA_LONG, 32, nbytes);
        return iocb;
    }

    /**
     * A struct iocb with every field the caller gives (include/uapi/linux/aio_abi.h, little endian):
     * aio_data, aio_rw_flags, aio_lio_opcode, aio_fildes, aio_buf, aio_nbytes, aio_offset,
     * aio_reserved2, and IOCB_FLAG_RESFD with aio_resfd when {@code resfd} is not negative.
     */
    public static MemorySegment iocb(Arena arena, short opcode, long data, int fd, long buf, long nbytes, long offset,
                                     int rwFlags, long reserved2, int resfd) {
        MemorySegment iocb = pollIocb(arena, data, fd, 0, resfd);
        iocb.set(JAVA_INT, 12, rwFlags);
        iocb.set(JAVA_SHORT, 16, opcode);
        iocb.set(JAVA_LONG, 24, buf);
        iocb.set(JAVA_LONG, 32, nbytes);
        iocb.set(JAVA_LONG, 40, offset);
        iocb.set(JAVA_LONG, 48, reserved2);
        return iocb;
    }

    /** io_submit(ctx, n, iocbpp) with the {@code iocbs} in order. */
    public static SysResult submit(long ctx, List<MemorySegment> iocbs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment list = arena.allocate(ADDRESS, Math.max(1, iocbs.size()));
            for (int i = 0; i < iocbs.size(); i++) {
                list.setAtIndex(ADDRESS, i, iocbs.get(i));
            }
            return result((long) SYSCALL_3.invokeExact(cs, SYS_IO_SUBMIT, ctx, MemorySegment.ofAddress(iocbs.size()), list),
                    cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** io_cancel(ctx, iocb, &result): the kernel finds the request by the iocb's address. */
    public static SysResult cancel(long ctx, MemorySegment iocb) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment result = arena.allocate(EVENT_BYTES, 8);
            return result((long) SYSCALL_3.invokeExact(cs, SYS_IO_CANCEL, ctx, iocb, result), cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * io_getevents(ctx, min_nr, nr, events, &timeout): what is there now ({@code timeoutMs} 0), or
     * once min_nr are there or {@code timeoutMs} ms have passed.
     */
    public static Events getevents(long ctx, int minNr, int nr, int timeoutMs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment events = arena.allocate(EVENT_BYTES * nr, 8);
            MemorySegment timeout = Libc.timespec(arena, timeoutMs);
            SysResult r = result((long) SYSCALL_5.invokeExact(cs, SYS_IO_GETEVENTS, ctx, (long) minNr, (long) nr, events,
                    timeout), cs);
            return new Events(r, copied(r, events));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * io_pgetevents(ctx, min_nr, nr, events, &timeout, &usig) (number 333; fs/aio.c): io_getevents
     * with usig's signal mask swapped in, {@code mask} the kernel sigset_t's first 64 bits and
     * {@code sigsetsize} its declared size; {@code mask} null passes a NULL usig.
     */
    public static Events pgetevents(long ctx, int minNr, int nr, int timeoutMs, Long mask, long sigsetsize) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment events = arena.allocate(EVENT_BYTES * nr, 8);
            MemorySegment timeout = Libc.timespec(arena, timeoutMs);
            MemorySegment usig = MemorySegment.NULL;
            if (mask != null) {
                MemorySegment set = arena.allocate(JAVA_LONG);
                set.set(JAVA_LONG, 0, mask);
                usig = arena.allocate(16, 8); // struct __aio_sigset { const sigset_t *sigmask; size_t sigsetsize; }
                usig.set(ADDRESS, 0, set);
                usig.set(JAVA_LONG, 8, sigsetsize);
            }
            SysResult r = result((long) SYSCALL_6.invokeExact(cs, SYS_IO_PGETEVENTS, ctx, (long) minNr, (long) nr, events,
                    timeout, usig), cs);
            return new Events(r, copied(r, events));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The struct io_events a successful call copied out. */
    private static List<Event> copied(SysResult r, MemorySegment events) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; r.ok() && i < r.value(); i++) {
            out.add(new Event(events.get(JAVA_LONG, EVENT_BYTES * i), events.get(JAVA_LONG, EVENT_BYTES * i + 16)));
        }
        return out;
    }
}
