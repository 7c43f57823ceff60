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
import static kpath.kernel.Libc.rethrow;
import static kpath.kernel.Libc.result;

/**
 * FFM bindings for signal-driven I/O and the thread that receives it: gettid(2), fcntl(F_SETOWN_EX)
 * (fs/fcntl.c), pthread_sigmask of SIGIO, and the raw rt_sigtimedwait(2) (kernel/signal.c).
 * Linkage and errno capture are {@link Libc}'s.
 */
public final class LibcSignal {

    private LibcSignal() {
    }

    /** arch/x86/entry/syscalls/syscall_64.tbl */
    public static final long SYS_GETTID = 186;
    // include/uapi/asm-generic/fcntl.h
    public static final int F_SETOWN_EX = 15;
    public static final int F_GETOWN_EX = 16;
    /** struct f_owner_ex.type: the signal goes to this one thread (thread-directed). */
    public static final int F_OWNER_TID = 0;
    public static final int SIGIO = kpath.uapi.Signal.SIGIO.number();
    // include/uapi/asm-generic/signal-defs.h
    public static final int SIG_BLOCK = 0;
    /** arch/x86/entry/syscalls/syscall_64.tbl */
    public static final long SYS_RT_SIGTIMEDWAIT = 128;
    /** glibc's sigset_t: 1024 bits, of which the kernel uses the first 64 (_NSIG). */
    static final long GLIBC_SIGSET_BYTES = 128;
    /** The kernel's sigset_t on x86_64 (_NSIG / 8): the sigsetsize rt_sigtimedwait insists on. */
    static final long KERNEL_SIGSET_BYTES = 8;
    /** struct siginfo (include/uapi/asm-generic/siginfo.h SI_MAX_SIZE). */
    static final long SIGINFO_BYTES = 128;

    // the variadic syscall(2) with the number alone
    private static final MethodHandle SYSCALL0 = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    // fcntl(int fd, int cmd, ...) with a pointer as the variadic argument (F_SETOWN_EX, F_GETOWN_EX)
    private static final MethodHandle FCNTL_PTR = link("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(2));
    // int pthread_sigmask(int how, const sigset_t *set, sigset_t *oldset): returns an error number
    private static final MethodHandle PTHREAD_SIGMASK = link("pthread_sigmask",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    // syscall(nr, set, info, timeout, sigsetsize) for rt_sigtimedwait
    private static final MethodHandle SYSCALL_SIGTIMEDWAIT = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));

    /**
     * gettid(2) (number 186) of the calling thread: the id that names it under
     * {@code /proc/self/task/}. It cannot fail.
     */
    public static int gettid() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            long r = (long) SYSCALL0.invokeExact(cs, SYS_GETTID);
            return result(r, cs).orThrow("gettid").intValue();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * fcntl(fd, F_SETOWN_EX, {F_OWNER_TID, tid}): SIGIO for this file goes to thread {@code tid}
     * alone (fs/fcntl.c f_setown_ex → __f_setown with PIDTYPE_PID, so send_sigio signals that one
     * task and the signal is pending on it, never on another thread of the process).
     */
    public static SysResult fcntlSetownExTid(int fd, int tid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment owner = arena.allocate(8, 4); // struct f_owner_ex { int type; pid_t pid; }
            owner.set(JAVA_INT, 0, F_OWNER_TID);
            owner.set(JAVA_INT, 4, tid);
            int r = (int) FCNTL_PTR.invokeExact(cs, fd, F_SETOWN_EX, owner);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Blocks SIGIO in the calling thread: pthread_sigmask(SIG_BLOCK, {SIGIO}, NULL). A blocked
     * thread-directed SIGIO stays pending on the thread until {@link #sigtimedwaitSigio} takes it;
     * its default action (terminate the process) never runs. Throws if the call fails.
     */
    public static void blockSigio() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int err = (int) PTHREAD_SIGMASK.invokeExact(cs, SIG_BLOCK, sigioSet(arena, GLIBC_SIGSET_BYTES),
                    MemorySegment.NULL);
            if (err != 0) {
                throw new ErrnoException("pthread_sigmask(SIG_BLOCK, {SIGIO})", err);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Whether SIGIO is blocked in the calling thread (pthread_sigmask with a NULL set reads the mask). */
    public static boolean sigioBlocked() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment old = arena.allocate(GLIBC_SIGSET_BYTES, 8);
            int err = (int) PTHREAD_SIGMASK.invokeExact(cs, SIG_BLOCK, MemorySegment.NULL, old);
            if (err != 0) {
                throw new ErrnoException("pthread_sigmask(SIG_BLOCK, NULL, &old)", err);
            }
            return (old.get(JAVA_LONG, 0) & sigioBit()) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The raw rt_sigtimedwait(2) (number 128) for {SIGIO} with a zero timeout: 29 (SIGIO) when one
     * was pending on the thread or the process and is now taken, -1 EAGAIN when none was. It
     * never waits. kernel/signal.c do_sigtimedwait dequeues the thread's pending set first.
     */
    public static SysResult sigtimedwaitSigio() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment set = sigioSet(arena, KERNEL_SIGSET_BYTES);
            MemorySegment info = arena.allocate(SIGINFO_BYTES, 8);
            MemorySegment zero = arena.allocate(16, 8); // struct timespec {0, 0}
            long r = (long) SYSCALL_SIGTIMEDWAIT.invokeExact(cs, SYS_RT_SIGTIMEDWAIT, set, info, zero, KERNEL_SIGSET_BYTES);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Bit SIGIO-1 of the first 64-bit word of a sigset_t (signal n is bit n-1). */
    public static long sigioBit() {
        return 1L << (SIGIO - 1);
    }

    private static MemorySegment sigioSet(Arena arena, long bytes) {
        MemorySegment set = arena.allocate(bytes, 8); // zeroed
        set.set(JAVA_LONG, 0, sigioBit());
        return set;
    }
}
