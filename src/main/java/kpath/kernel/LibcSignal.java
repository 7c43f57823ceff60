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
    /** include/uapi/asm-generic/fcntl.h. */
    public static final int F_GETOWN = 9;
    /** struct f_owner_ex.type: the signal goes to this one thread (thread-directed). */
    public static final int F_OWNER_TID = 0;
    public static final int SIGIO = kpath.uapi.Signal.SIGIO.number();
    public static final int SIGURG = kpath.uapi.Signal.SIGURG.number();
    /**
     * The real-time signal the F_SETSIG scenarios choose: the kernel's SIGRTMIN + 3 (35). glibc
     * keeps 32 and 33 for itself (pthread_sigmask would not block them) and the JVM sends none
     * of the real-time signals, so only F_SETSIG's sends can make it pending.
     */
    public static final int SIG_RT = kpath.uapi.Signal.SIGRTMIN.number() + 3;
    // include/uapi/asm-generic/fcntl.h
    public static final int F_SETSIG = 10;
    public static final int F_GETSIG = 11;
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
     * Blocks SIGIO and {@link #SIG_RT} in the calling thread: pthread_sigmask(SIG_BLOCK, {SIGIO,
     * SIG_RT}, NULL). A blocked thread-directed signal stays pending on the thread until
     * rt_sigtimedwait takes it; its default action (terminate the process) never runs. Throws if
     * the call fails.
     */
    public static void blockSigio() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int err = (int) PTHREAD_SIGMASK.invokeExact(cs, SIG_BLOCK, sigset(arena, GLIBC_SIGSET_BYTES, SIGIO, SIG_RT),
                    MemorySegment.NULL);
            if (err != 0) {
                throw new ErrnoException("pthread_sigmask(SIG_BLOCK, {SIGIO, SIG_RT})", err);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Blocks SIGURG in the calling thread. SIGURG's default action is to ignore it, and
     * kernel/signal.c sig_ignored drops an ignored signal at sending unless the target blocks it:
     * only blocked does it stay pending for rt_sigtimedwait. Throws if the call fails.
     */
    public static void blockSigurg() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int err = (int) PTHREAD_SIGMASK.invokeExact(cs, SIG_BLOCK, sigset(arena, GLIBC_SIGSET_BYTES, SIGURG),
                    MemorySegment.NULL);
            if (err != 0) {
                throw new ErrnoException("pthread_sigmask(SIG_BLOCK, {SIGURG})", err);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Whether SIGURG is blocked in the calling thread. */
    public static boolean sigurgBlocked() {
        return (blockedMask() & (1L << (SIGURG - 1))) != 0;
    }

    /** Whether SIGIO and {@link #SIG_RT} are both blocked in the calling thread. */
    public static boolean sigioBlocked() {
        long rt = 1L << (SIG_RT - 1);
        return (blockedMask() & (sigioBit() | rt)) == (sigioBit() | rt);
    }

    /** The calling thread's blocked set, first 64 bits (pthread_sigmask with a NULL set reads the mask). */
    public static long blockedMask() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment old = arena.allocate(GLIBC_SIGSET_BYTES, 8);
            int err = (int) PTHREAD_SIGMASK.invokeExact(cs, SIG_BLOCK, MemorySegment.NULL, old);
            if (err != 0) {
                throw new ErrnoException("pthread_sigmask(SIG_BLOCK, NULL, &old)", err);
            }
            return old.get(JAVA_LONG, 0);
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

    /**
     * fcntl(fd, F_SETSIG, sig) (fs/fcntl.c do_fcntl): the file's signal-driven I/O signal, 0 for
     * plain SIGIO; EINVAL above _NSIG.
     */
    public static SysResult fcntlSetsig(int fd, int sig) {
        return LibcFile.fcntl(fd, F_SETSIG, sig);
    }

    /** What fcntl(F_GETOWN_EX) returned and the struct f_owner_ex it filled (type, pid). */
    public record OwnerEx(SysResult result, int type, int pid) {
    }

    /** fcntl(fd, F_GETOWN_EX, &owner) (fs/fcntl.c f_getown_ex): the owner's pid and its F_OWNER_* type. */
    public static OwnerEx fcntlGetownEx(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment owner = arena.allocate(8, 4); // struct f_owner_ex { int type; pid_t pid; }
            owner.set(JAVA_INT, 0, -1);
            owner.set(JAVA_INT, 4, -1);
            int r = (int) FCNTL_PTR.invokeExact(cs, fd, F_GETOWN_EX, owner);
            return new OwnerEx(result(r, cs), owner.get(JAVA_INT, 0), owner.get(JAVA_INT, 4));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** fcntl(fd, F_GETSIG): the file's signal, 0 when none was set. */
    public static SysResult fcntlGetsig(int fd) {
        return LibcFile.fcntl(fd, F_GETSIG, 0);
    }

    /**
     * What rt_sigtimedwait returned and the siginfo it filled: si_code, and for a SIGPOLL-style
     * si_code (POLL_IN .. POLL_HUP) si_band and si_fd (struct siginfo on x86_64: si_signo at 0,
     * si_code at 8, the _sigpoll union member's long si_band at 16 and int si_fd at 24).
     */
    public record Taken(SysResult result, int code, long band, int fd) {
    }

    /**
     * The raw rt_sigtimedwait(2) for the signals {@code sigs} with a zero timeout: the signal
     * taken and its siginfo, or -1 EAGAIN when none of them was pending. It never waits.
     * kernel/signal.c do_sigtimedwait: the lowest-numbered pending signal of the set.
     */
    public static Taken sigtimedwait(int... sigs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment set = sigset(arena, KERNEL_SIGSET_BYTES, sigs);
            MemorySegment info = arena.allocate(SIGINFO_BYTES, 8);
            MemorySegment zero = arena.allocate(16, 8); // struct timespec {0, 0}
            long r = (long) SYSCALL_SIGTIMEDWAIT.invokeExact(cs, SYS_RT_SIGTIMEDWAIT, set, info, zero, KERNEL_SIGSET_BYTES);
            SysResult res = result(r, cs);
            return res.ok() ? new Taken(res, info.get(JAVA_INT, 8), info.get(JAVA_LONG, 16), info.get(JAVA_INT, 24))
                    : new Taken(res, 0, 0, -1);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * What rt_sigtimedwait returned for a queued signal and its siginfo's _rt member: si_code, si_pid
     * and si_value (struct siginfo on x86_64: si_code at 8, si_pid at 16, si_value at 24).
     */
    public record RtTaken(SysResult result, int code, int pid, long value) {
    }

    /**
     * The raw rt_sigtimedwait(2) for signal {@code sig}, waiting at most {@code millis}: the signal
     * and its siginfo, or -1 EAGAIN when none came. The signal must be blocked in every thread of
     * the process, or the kernel may deliver it to another (kernel/signal.c complete_signal). Not an
     * overload of {@link #sigtimedwait(int...)}: a call with two signals would pick it, wait their
     * first number of milliseconds for the second alone, and leave SIGIO pending (it did, and a
     * later unblock ended the JVM).
     */
    public static RtTaken sigtimedwaitFor(long millis, int sig) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment set = sigset(arena, KERNEL_SIGSET_BYTES, sig);
            MemorySegment info = arena.allocate(SIGINFO_BYTES, 8);
            MemorySegment ts = Libc.timespec(arena, millis);
            long r = (long) SYSCALL_SIGTIMEDWAIT.invokeExact(cs, SYS_RT_SIGTIMEDWAIT, set, info, ts, KERNEL_SIGSET_BYTES);
            SysResult res = result(r, cs);
            return res.ok() ? new RtTaken(res, info.get(JAVA_INT, 8), info.get(JAVA_INT, 16), info.get(JAVA_LONG, 24))
                    : new RtTaken(res, 0, 0, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- signal actions: sigaction(2) ----

    /** glibc's struct sigaction on x86_64: sa_handler (8 bytes), sa_mask (128), sa_flags (int), sa_restorer. */
    static final long SIGACTION_BYTES = 152;
    // int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact): glibc's, which sets
    // SA_RESTORER and its own __restore_rt (the raw rt_sigaction needs one on x86_64)
    private static final MethodHandle SIGACTION = link("sigaction", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /**
     * The handler the scenarios install: glibc's abs(int), which a signal calls as abs(signo). It
     * touches no memory and returns at once, so it is async-signal-safe and needs no Java upcall
     * (the JVM must not run Java code on a signal's frame).
     */
    private static final MemorySegment HANDLER = Linker.nativeLinker().defaultLookup().find("abs")
            .orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: abs"));

    /** A signal's action as sigaction(2) read it, to put back with {@link #restore}. */
    public record Saved(int sig, byte[] action) {}

    /** sigaction's result and, when it succeeded, the action it replaced. */
    public record Changed(SysResult result, Saved old) {}

    /**
     * sigaction(sig, {action, empty sa_mask, sa_flags 0}, &old): {@code action} "handler" ({@link #HANDLER};
     * no SA_RESTART, no SA_SIGINFO), "SIG_IGN" or "SIG_DFL".
     */
    public static Changed sigaction(int sig, String action) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment act = arena.allocate(SIGACTION_BYTES, 8); // zeroed: empty sa_mask, sa_flags 0
            act.set(ADDRESS, 0, switch (action) {
                case "handler" -> HANDLER;
                case "SIG_IGN" -> MemorySegment.ofAddress(1); // include/uapi/asm-generic/signal-defs.h
                case "SIG_DFL" -> MemorySegment.NULL;
                default -> throw new IllegalArgumentException("a signal action is handler, SIG_IGN or SIG_DFL, not " + action);
            });
            MemorySegment old = arena.allocate(SIGACTION_BYTES, 8);
            int r = (int) SIGACTION.invokeExact(cs, sig, act, old);
            SysResult res = result(r, cs);
            return new Changed(res, res.ok() ? new Saved(sig, old.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)) : null);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Puts back the action {@code s} saved. Throws if sigaction fails. */
    public static void restore(Saved s) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment act = arena.allocate(SIGACTION_BYTES, 8);
            act.copyFrom(MemorySegment.ofArray(s.action()));
            int r = (int) SIGACTION.invokeExact(cs, s.sig(), act, MemorySegment.NULL);
            SysResult res = result(r, cs);
            if (!res.ok()) {
                throw new ErrnoException("sigaction(" + s.sig() + ") to put back its action", res.errno());
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The signals the model knows, as sigset bits: SIGURG, SIGIO and the scenarios' real-time one. */
    public static final long MODELLED = 1L << (SIGURG - 1) | 1L << (SIGIO - 1) | 1L << (SIG_RT - 1);

    /**
     * The sigset a call swaps in for a trace's mask {@code blocks} (signals the model knows), or null
     * for none: the calling thread's blocked set with those signals' bits as {@code blocks} says, so a
     * signal the JVM uses is blocked or not in the call as it is outside it.
     */
    public static Long swapIn(java.util.Set<Integer> blocks) {
        if (blocks == null) {
            return null;
        }
        long b = blockedMask() & ~MODELLED;
        for (int s : blocks) {
            if ((MODELLED & 1L << (s - 1)) == 0) {
                throw new IllegalArgumentException("a trace's mask names only SIGURG, SIGIO and SIG_RT, not " + s);
            }
            b |= 1L << (s - 1);
        }
        return b;
    }

    /** A zeroed sigset_t of {@code bytes} with the bits of {@code sigs} (signal n is bit n-1). */
    private static MemorySegment sigset(Arena arena, long bytes, int... sigs) {
        MemorySegment set = arena.allocate(bytes, 8);
        long bits = 0;
        for (int sig : sigs) {
            if (sig < 1 || sig > 64) {
                throw new IllegalArgumentException("no signal " + sig);
            }
            bits |= 1L << (sig - 1);
        }
        set.set(JAVA_LONG, 0, bits);
        return set;
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
