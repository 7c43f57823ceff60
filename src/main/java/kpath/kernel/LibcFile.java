package kpath.kernel;

import kpath.uapi.FileFlags;
import kpath.uapi.Statx;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static kpath.kernel.Libc.CAPTURE_LAYOUT;
import static kpath.kernel.Libc.link;
import static kpath.kernel.Libc.result;
import static kpath.kernel.Libc.rethrow;

/**
 * FFM bindings for calls on files and fds (fs/): open, openat, close, dup, read, write, fcntl,
 * ioctl, the fd pairs and counters the readiness scenarios make (pipe2, fs/pipe.c; eventfd and its
 * u64 counter, fs/eventfd.c), and the RLIMIT_NOFILE limit on fd numbers (getrlimit(2)).
 * Linkage and errno capture are {@link Libc}'s.
 */
public final class LibcFile {

    private LibcFile() {
    }

    // ---- constants (x86_64 values; file named per constant group) ----

    // include/uapi/asm-generic/fcntl.h
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = FileFlags.O_NONBLOCK;
    public static final int O_CLOEXEC = FileFlags.O_CLOEXEC;
    public static final int O_DIRECT = FileFlags.O_DIRECT;
    public static final int F_DUPFD = 0;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    /** include/uapi/asm-generic/ioctls.h: FIOASYNC, an int on or off. */
    public static final long FIOASYNC = 0x5452;
    /** FASYNC: signal-driven I/O. */
    public static final int O_ASYNC = FileFlags.O_ASYNC;
    // include/uapi/linux/fcntl.h
    public static final int AT_FDCWD = -100;
    // include/uapi/linux/eventfd.h (= O_NONBLOCK / O_CLOEXEC)
    public static final int EFD_NONBLOCK = FileFlags.EFD_NONBLOCK;
    public static final int EFD_CLOEXEC = FileFlags.EFD_CLOEXEC;
    public static final int EFD_SEMAPHORE = FileFlags.EFD_SEMAPHORE;
    // include/uapi/asm-generic/resource.h
    public static final int RLIMIT_NOFILE = 7;
    /** include/uapi/asm-generic/resource.h: the user's pending signals. */
    public static final int RLIMIT_SIGPENDING = 11;

    /** pipe2/socketpair result: the two fds (only valid when {@code result.ok()}). */
    public record FdPair(SysResult result, int first, int second) {
    }

    /** A u64 read from an eventfd: {@code value} is valid when {@code result.value() == 8}. */
    public record CounterRead(SysResult result, long value) {
    }

    // ---- linkage ----

    private static final MethodHandle CLOSE = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    // fcntl, ioctl and open are variadic in C: the third argument is the first variadic one
    private static final MethodHandle FCNTL = link("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = link("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = link("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle IOCTL = link("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle OPEN = link("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle EVENTFD = link("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle PIPE2 = link("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle DUP = link("dup", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle OPENAT = link("openat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(3));
    // int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *buf)
    private static final MethodHandle STATX = link("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    // int statfs(const char *path, struct statfs *buf)
    private static final MethodHandle STATFS = link("statfs", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    // int getrlimit(int resource, struct rlimit *rlim)
    private static final MethodHandle GETRLIMIT = link("getrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    // int setrlimit(int resource, const struct rlimit *rlim)
    private static final MethodHandle SETRLIMIT = link("setrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    // ---- calls ----

    /** close(2). */
    public static SysResult close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) CLOSE.invokeExact(cs, fd);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** fcntl(2) with an int argument (F_GETFL ignores it). */
    public static SysResult fcntl(int fd, int cmd, int arg) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) FCNTL.invokeExact(cs, fd, cmd, arg);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** read(2) into {@code buf[off, off+len)}; value is the byte count (0 = EOF). */
    public static SysResult read(int fd, byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment b = arena.allocate(Math.max(1, len));
            long r = (long) READ.invokeExact(cs, fd, b, (long) len);
            SysResult res = result(r, cs);
            if (r > 0) {
                MemorySegment.copy(b, JAVA_BYTE, 0, buf, off, (int) r);
            }
            return res;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** read(2) into the whole buffer. */
    public static SysResult read(int fd, byte[] buf) {
        return read(fd, buf, 0, buf.length);
    }

    /** write(2) of {@code buf[off, off+len)}; value is the byte count written. */
    public static SysResult write(int fd, byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment b = arena.allocate(Math.max(1, len));
            MemorySegment.copy(buf, off, b, JAVA_BYTE, 0, len);
            long r = (long) WRITE.invokeExact(cs, fd, b, (long) len);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** write(2) of the whole buffer. */
    public static SysResult write(int fd, byte[] buf) {
        return write(fd, buf, 0, buf.length);
    }

    /** ioctl(2) with a pointer argument (caller owns {@code arg}, e.g. a struct ifreq). */
    public static SysResult ioctl(int fd, long request, MemorySegment arg) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) IOCTL.invokeExact(cs, fd, request, arg);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** open(2) without O_CREAT (mode is passed as 0). */
    public static SysResult open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment p = arena.allocateFrom(path);
            int r = (int) OPEN.invokeExact(cs, p, flags, 0);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** eventfd(2). */
    public static SysResult eventfd(int initval, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) EVENTFD.invokeExact(cs, initval, flags);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** pipe2(2): first = read end, second = write end. */
    public static FdPair pipe2(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int r = (int) PIPE2.invokeExact(cs, fds, flags);
            SysResult res = result(r, cs);
            return res.ok() ? new FdPair(res, fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1))
                    : new FdPair(res, -1, -1);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** dup(2). */
    public static SysResult dup(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) DUP.invokeExact(cs, fd);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** openat(2) without O_CREAT (mode 0); {@code dirfd} may be {@link #AT_FDCWD}. */
    public static SysResult openat(int dirfd, String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment p = arena.allocateFrom(path);
            int r = (int) OPENAT.invokeExact(cs, dirfd, p, flags, 0);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * What statx(2) with STATX_SIZE|STATX_DIOALIGN and statfs(2) say of a file: stx_mask, stx_size,
     * stx_dio_mem_align, stx_dio_offset_align and f_type (valid when {@code result.ok()}).
     */
    public record FileStat(SysResult result, int mask, long size, int dioMemAlign, int dioOffsetAlign, long fType) {
    }

    /** statx(AT_FDCWD, path, 0, STATX_SIZE|STATX_DIOALIGN), then statfs(path). */
    public static FileStat stat(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment p = arena.allocateFrom(path);
            MemorySegment sx = arena.allocate(Statx.SIZE, 8);
            int r = (int) STATX.invokeExact(cs, AT_FDCWD, p, 0, Statx.STATX_SIZE | Statx.STATX_DIOALIGN, sx);
            SysResult res = result(r, cs);
            if (!res.ok()) {
                return new FileStat(res, 0, 0, 0, 0, 0);
            }
            MemorySegment sf = arena.allocate(Statx.STATFS_SIZE, 8);
            r = (int) STATFS.invokeExact(cs, p, sf);
            res = result(r, cs);
            return new FileStat(res, sx.get(JAVA_INT, Statx.STX_MASK), sx.get(JAVA_LONG, Statx.STX_SIZE),
                    sx.get(JAVA_INT, Statx.STX_DIO_MEM_ALIGN), sx.get(JAVA_INT, Statx.STX_DIO_OFFSET_ALIGN),
                    res.ok() ? sf.get(JAVA_LONG, 0) : 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** read(2) of one u64 from an eventfd (native byte order); value valid when 8 bytes came back. */
    public static CounterRead eventfdRead(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment b = arena.allocate(JAVA_LONG);
            long r = (long) READ.invokeExact(cs, fd, b, 8L);
            return new CounterRead(result(r, cs), r == 8 ? b.get(JAVA_LONG, 0) : 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** write(2) of one u64 to an eventfd (native byte order); value 8 on success. */
    public static SysResult eventfdWrite(int fd, long value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment b = arena.allocate(JAVA_LONG);
            b.set(JAVA_LONG, 0, value);
            long r = (long) WRITE.invokeExact(cs, fd, b, 8L);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The RLIMIT_NOFILE soft limit (rlim_cur) from getrlimit(2); RLIM_INFINITY reads as -1. */
    public static long nofileSoftLimit() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment rl = arena.allocate(16, 8); // struct rlimit { rlim_t rlim_cur, rlim_max; }
            int r = (int) GETRLIMIT.invokeExact(cs, RLIMIT_NOFILE, rl);
            result(r, cs).orThrow("getrlimit(RLIMIT_NOFILE)");
            return rl.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The soft limit (rlim_cur) of {@code resource} from getrlimit(2); RLIM_INFINITY reads as -1. */
    public static long softLimit(int resource) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment rl = arena.allocate(16, 8); // struct rlimit { rlim_t rlim_cur, rlim_max; }
            int r = (int) GETRLIMIT.invokeExact(cs, resource, rl);
            result(r, cs).orThrow("getrlimit(" + resource + ")");
            return rl.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The hard limit (rlim_max) of {@code resource} from getrlimit(2); RLIM_INFINITY reads as -1. */
    public static long hardLimit(int resource) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment rl = arena.allocate(16, 8); // struct rlimit { rlim_t rlim_cur, rlim_max; }
            int r = (int) GETRLIMIT.invokeExact(cs, resource, rl);
            result(r, cs).orThrow("getrlimit(" + resource + ")");
            return rl.get(JAVA_LONG, 8);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** setrlimit(2) of the soft limit {@code cur} of {@code resource}, its hard limit kept. */
    public static SysResult setSoftLimit(int resource, long cur) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment rl = arena.allocate(16, 8);
            int g = (int) GETRLIMIT.invokeExact(cs, resource, rl);
            result(g, cs).orThrow("getrlimit(" + resource + ")");
            rl.set(JAVA_LONG, 0, cur);
            int r = (int) SETRLIMIT.invokeExact(cs, resource, rl);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
