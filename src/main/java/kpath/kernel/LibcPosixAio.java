package kpath.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.LongConsumer;
import kpath.uapi.PosixAio;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static kpath.kernel.Libc.CAPTURE_LAYOUT;
import static kpath.kernel.Libc.link;
import static kpath.kernel.Libc.rethrow;
import static kpath.kernel.Libc.result;

/**
 * FFM bindings for glibc's POSIX AIO (in libc since glibc 2.34): aio_read, aio_error, aio_return,
 * aio_suspend and aio_cancel on a {@code struct aiocb} laid out as {@link PosixAio} says. They are
 * library calls, not system calls: glibc queues the request and a helper thread of its own reads
 * (rt/aio_misc.c). A control block and its buffer live in the global arena: a helper may still
 * write into them after a failed scenario gave up, so they are never freed (a few hundred bytes
 * per capture).
 */
public final class LibcPosixAio {
    private LibcPosixAio() {}

    private static final MethodHandle AIO_READ = link("aio_read", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle AIO_ERROR = link("aio_error", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle AIO_RETURN = link("aio_return", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    private static final MethodHandle AIO_SUSPEND = link("aio_suspend",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle AIO_CANCEL = link("aio_cancel", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    /** The one SIGEV_THREAD callback, {@code void f(union sigval)}: the value is passed in a register, as a long. */
    private static volatile LongConsumer callback = v -> { };
    private static final MemorySegment CALLBACK_STUB = upcall();

    @SuppressWarnings("restricted")
    private static MemorySegment upcall() {
        try {
            MethodHandle h = MethodHandles.lookup().findStatic(LibcPosixAio.class, "notified",
                    MethodType.methodType(void.class, long.class));
            return Linker.nativeLinker().upcallStub(h, FunctionDescriptor.ofVoid(JAVA_LONG), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void notified(long value) {
        try {
            callback.accept(value);
        } catch (RuntimeException e) {
            // an exception may not leave an upcall (the JVM would exit): the scenario sees no callback
        }
    }

    /** Where SIGEV_THREAD callbacks go from now on: each gets its request's sigev_value. */
    public static void onNotify(LongConsumer c) {
        callback = c;
    }

    /** One control block and its buffer, zeroed. */
    public record Aiocb(MemorySegment cb, MemorySegment buf) {
        public static Aiocb read(int fd, int nbytes, int reqprio) {
            MemorySegment cb = Arena.global().allocate(PosixAio.AIOCB_BYTES, 8);
            MemorySegment buf = Arena.global().allocate(nbytes, 8);
            cb.set(JAVA_INT, PosixAio.AIO_FILDES, fd);
            cb.set(JAVA_INT, PosixAio.AIO_REQPRIO, reqprio);
            cb.set(ADDRESS, PosixAio.AIO_BUF, buf);
            cb.set(JAVA_LONG, PosixAio.AIO_NBYTES, nbytes);
            cb.set(JAVA_LONG, PosixAio.AIO_OFFSET, 0);
            cb.set(JAVA_INT, PosixAio.AIO_SIGEVENT + PosixAio.SIGEV_NOTIFY, PosixAio.SIGEV_NONE);
            return new Aiocb(cb, buf);
        }

        /** Notify by SIGEV_SIGNAL: signal {@code signo} is queued to the process with {@code value}. */
        public Aiocb notifySignal(int signo, long value) {
            long ev = PosixAio.AIO_SIGEVENT;
            cb.set(JAVA_LONG, ev + PosixAio.SIGEV_VALUE, value);
            cb.set(JAVA_INT, ev + PosixAio.SIGEV_SIGNO, signo);
            cb.set(JAVA_INT, ev + PosixAio.SIGEV_NOTIFY, PosixAio.SIGEV_SIGNAL);
            return this;
        }

        /** Notify by SIGEV_THREAD: the callback of {@link #onNotify} runs with {@code value}. */
        public Aiocb notifyThread(long value) {
            long ev = PosixAio.AIO_SIGEVENT;
            cb.set(JAVA_LONG, ev + PosixAio.SIGEV_VALUE, value);
            cb.set(JAVA_INT, ev + PosixAio.SIGEV_NOTIFY, PosixAio.SIGEV_THREAD);
            cb.set(ADDRESS, ev + PosixAio.SIGEV_FUNCTION, CALLBACK_STUB);
            cb.set(ADDRESS, ev + PosixAio.SIGEV_ATTRIBUTES, MemorySegment.NULL);
            return this;
        }
    }

    /** aio_read(3): 0 when queued, -1 and errno when refused. */
    public static SysResult aioRead(Aiocb a) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            return result((int) AIO_READ.invokeExact(cs, a.cb()), cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** aio_error(3): EINPROGRESS, 0, or the request's error number. */
    public static int aioError(Aiocb a) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            return (int) AIO_ERROR.invokeExact(cs, a.cb());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** aio_return(3): the request's read(2)-style result. */
    public static long aioReturn(Aiocb a) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            return (long) AIO_RETURN.invokeExact(cs, a.cb());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** aio_suspend(3) on one request, at most {@code millis}: 0 when it is done, -1 and errno else. */
    public static SysResult aioSuspend(Aiocb a, long millis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment list = arena.allocate(ADDRESS);
            list.set(ADDRESS, 0, a.cb());
            MemorySegment ts = Libc.timespec(arena, millis);
            return result((int) AIO_SUSPEND.invokeExact(cs, list, 1, ts), cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** aio_cancel(3) of one request on {@code fd}: AIO_CANCELED, AIO_NOTCANCELED, AIO_ALLDONE, or -1. */
    public static SysResult aioCancel(int fd, Aiocb a) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            return result((int) AIO_CANCEL.invokeExact(cs, fd, a.cb()), cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
