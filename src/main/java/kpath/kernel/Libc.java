package kpath.kernel;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The linkage every FFM binding of kpath shares (Linux x86_64, glibc): one native linker, errno
 * captured with {@link Linker.Option#captureCallState} on every downcall, and the
 * {@link SysResult} built from it. The bindings live by kernel subsystem and link through here:
 * {@link LibcSocket} (sockets, TCP_INFO), {@link LibcPoll} (poll, select, epoll), {@link LibcFile}
 * (read/write, fcntl, open, dup, pipe2, eventfd, ioctl, RLIMIT_NOFILE), {@link LibcSignal}
 * (gettid, F_SETOWN_EX, SIGIO mask and rt_sigtimedwait) and {@link LibcNamespace} (unshare).
 *
 * <p>Conventions of every binding: it returns a {@code SysResult}, or for out-parameters a small
 * record holding it and the decoded data; it uses one confined arena, closed before returning, so
 * no native memory outlives the call.
 */
public final class Libc {

    private Libc() {
    }


    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    /** The call-state segment each downcall writes errno into: allocate one per call. */
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_HANDLE =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /**
     * A downcall handle for the libc symbol {@code name} that captures errno; the handle takes the
     * capture segment ({@link #CAPTURE_LAYOUT}) as its first argument.
     */
    @SuppressWarnings("restricted") // native access is enabled by the launcher/surefire (--enable-native-access)
    static MethodHandle link(String name, FunctionDescriptor fd, Linker.Option... extra) {
        MemorySegment symbol = LOOKUP.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: " + name));
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol, fd, options);
    }

    /** The result of a call that returned {@code ret}, with the errno it captured. */
    static SysResult result(long ret, MemorySegment capture) {
        // errno is only defined when the call failed; glibc leaves stale values otherwise
        int errno = ret == -1 ? (int) ERRNO_HANDLE.get(capture, 0L) : 0;
        return new SysResult(ret, errno);
    }

    /** A struct __kernel_timespec of {@code millis} (tv_sec, tv_nsec), allocated in {@code arena}. */
    public static MemorySegment timespec(java.lang.foreign.Arena arena, long millis) {
        MemorySegment ts = arena.allocate(16, 8);
        ts.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, millis / 1000);
        ts.set(java.lang.foreign.ValueLayout.JAVA_LONG, 8, (millis % 1000) * 1_000_000L);
        return ts;
    }

    /** What a binding throws when invokeExact threw {@code t}: errors as they are, checked ones wrapped. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("downcall failed", t);
    }
}
