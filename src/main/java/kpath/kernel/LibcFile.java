package kpath.kernel;

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
 * FFM bindings for calls on files and fds (fs/): open, close, read, write, fcntl, ioctl, and the
 * fd pairs and counters the readiness scenarios make (pipe2, fs/pipe.c; eventfd, fs/eventfd.c).
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
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    // include/uapi/linux/eventfd.h (= O_NONBLOCK / O_CLOEXEC)
    public static final int EFD_NONBLOCK = O_NONBLOCK;
    public static final int EFD_CLOEXEC = O_CLOEXEC;

    /** pipe2/socketpair result: the two fds (only valid when {@code result.ok()}). */
    public record FdPair(SysResult result, int first, int second) {
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
}
