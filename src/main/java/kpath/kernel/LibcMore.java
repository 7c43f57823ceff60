package kpath.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * FFM bindings beside the subsystem ones ({@link LibcFile}, {@link LibcPoll}), for the readiness
 * scenarios (Linux x86_64 only): dup, raw select(2), openat, eventfd counter read/write, gettid,
 * epoll_ctl/epoll_wait variants that can pass a NULL event pointer or a maxevents &le; 0, and for
 * signal-driven I/O fcntl(F_SETOWN_EX), pthread_sigmask of SIGIO, the raw rt_sigtimedwait(2) and getrlimit(2).
 * Same conventions as {@link Libc}: errno captured with {@link Linker.Option#captureCallState},
 * one confined arena per call.
 */
public final class LibcMore {

    private LibcMore() {
    }

    // include/uapi/linux/eventfd.h
    public static final int EFD_SEMAPHORE = 1;
    // include/uapi/linux/eventpoll.h (bits Libc does not name)
    public static final int EPOLLRDBAND = 0x080;
    public static final int EPOLLWRBAND = 0x200;
    public static final int EPOLLMSG = 0x400;
    public static final int EPOLLWAKEUP = 1 << 29;
    // include/uapi/asm-generic/poll.h
    public static final int POLLRDNORM = 0x040;
    public static final int POLLRDBAND = 0x080;
    public static final int POLLWRNORM = 0x100;
    public static final int POLLWRBAND = 0x200;
    // include/uapi/linux/fcntl.h
    public static final int AT_FDCWD = -100;
    /** arch/x86/entry/syscalls/syscall_64.tbl */
    public static final long SYS_SELECT = 23;
    /** arch/x86/entry/syscalls/syscall_64.tbl */
    public static final long SYS_GETTID = 186;
    /** The fd_set bitmaps {@link #select} passes hold at least this many bits (the glibc FD_SETSIZE). */
    public static final int FD_SET_BITS = 1024;
    // include/uapi/asm-generic/fcntl.h
    public static final int F_DUPFD = 0;
    public static final int F_SETOWN_EX = 15;
    public static final int F_GETOWN_EX = 16;
    /** struct f_owner_ex.type: the signal goes to this one thread (thread-directed). */
    public static final int F_OWNER_TID = 0;
    /** FASYNC: signal-driven I/O (octal 020000 on x86_64). */
    public static final int O_ASYNC = 0x2000;
    // arch/x86/include/uapi/asm/signal.h
    public static final int SIGIO = 29;
    // include/uapi/asm-generic/signal-defs.h
    public static final int SIG_BLOCK = 0;
    /** arch/x86/entry/syscalls/syscall_64.tbl */
    public static final long SYS_RT_SIGTIMEDWAIT = 128;
    // include/uapi/asm-generic/resource.h
    public static final int RLIMIT_NOFILE = 7;
    /** glibc's sigset_t: 1024 bits, of which the kernel uses the first 64 (_NSIG). */
    static final long GLIBC_SIGSET_BYTES = 128;
    /** The kernel's sigset_t on x86_64 (_NSIG / 8): the sigsetsize rt_sigtimedwait insists on. */
    static final long KERNEL_SIGSET_BYTES = 8;
    /** struct siginfo (include/uapi/asm-generic/siginfo.h SI_MAX_SIZE). */
    static final long SIGINFO_BYTES = 128;

    /** A u64 read from an eventfd: {@code value} is valid when {@code result.value() == 8}. */
    public record CounterRead(SysResult result, long value) {
    }

    /** select result: the three sets as the kernel wrote them back (null where null was passed). */
    public record SelectResult(SysResult result, long[] read, long[] write, long[] except) {
        public SelectResult {
            read = read == null ? null : read.clone();
            write = write == null ? null : write.clone();
            except = except == null ? null : except.clone();
        }

        @Override
        public long[] read() {
            return read == null ? null : read.clone();
        }

        @Override
        public long[] write() {
            return write == null ? null : write.clone();
        }

        @Override
        public long[] except() {
            return except == null ? null : except.clone();
        }
    }

    /** Whether bit {@code fd} is set in {@code set} (null = empty). */
    public static boolean isSet(long[] set, int fd) {
        return set != null && fd >= 0 && fd / 64 < set.length && (set[fd / 64] & (1L << (fd % 64))) != 0;
    }

    /** A bitmap of {@link #FD_SET_BITS} bits with {@code fds} set. */
    public static long[] fdSet(int... fds) {
        return fdSet(FD_SET_BITS, fds);
    }

    /**
     * A bitmap of {@code bits} bits (rounded up to whole 64-bit words, as the kernel's
     * fs/select.c FDS_BYTES reads them) with {@code fds} set: the kernel's select takes any nfds,
     * and reads nfds bits of each set, so a set for nfds &gt; FD_SETSIZE must be this large.
     */
    public static long[] fdSet(int bits, int... fds) {
        if (bits <= 0) {
            throw new IllegalArgumentException("a bitmap of " + bits + " bits");
        }
        long[] set = new long[(bits + 63) / 64];
        for (int fd : fds) {
            if (fd < 0 || fd >= set.length * 64) {
                throw new IllegalArgumentException("fd " + fd + " outside 0.." + (set.length * 64 - 1));
            }
            set[fd / 64] |= 1L << (fd % 64);
        }
        return set;
    }

    // ---- linkage ----

    // linkage, errno capture and struct epoll_event are Libc's (one copy in kpath.kernel)
    private static final ValueLayout.OfLong PACKED_LONG = JAVA_LONG.withByteAlignment(1);

    private static final MethodHandle DUP = Libc.link("dup", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    // long syscall(long number, ...): every argument passed as a full 64-bit register
    private static final MethodHandle SYSCALL5 = Libc.link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
            Linker.Option.firstVariadicArg(1));
    // the same variadic syscall(2) with the number alone
    private static final MethodHandle SYSCALL0 = Libc.link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle OPENAT = Libc.link("openat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(3));
    private static final MethodHandle READ = Libc.link("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = Libc.link("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle EPOLL_CTL = Libc.link("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_WAIT = Libc.link("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    // fcntl(int fd, int cmd, ...) with a pointer as the variadic argument (F_SETOWN_EX, F_GETOWN_EX)
    private static final MethodHandle FCNTL_PTR = Libc.link("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(2));
    // int pthread_sigmask(int how, const sigset_t *set, sigset_t *oldset): returns an error number
    private static final MethodHandle PTHREAD_SIGMASK = Libc.link("pthread_sigmask",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    // syscall(nr, set, info, timeout, sigsetsize) for rt_sigtimedwait
    private static final MethodHandle SYSCALL_SIGTIMEDWAIT = Libc.link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    // int getrlimit(int resource, struct rlimit *rlim)
    private static final MethodHandle GETRLIMIT = Libc.link("getrlimit",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    // ---- calls ----

    /** dup(2). */
    public static SysResult dup(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            int r = (int) DUP.invokeExact(cs, fd);
            return Libc.result(r, cs);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * gettid(2) (number 186) of the calling thread: the id that names it under
     * {@code /proc/self/task/}. It cannot fail.
     */
    public static int gettid() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            long r = (long) SYSCALL0.invokeExact(cs, SYS_GETTID);
            return Libc.result(r, cs).orThrow("gettid").intValue();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** openat(2) without O_CREAT (mode 0); {@code dirfd} may be {@link #AT_FDCWD}. */
    public static SysResult openat(int dirfd, String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            MemorySegment p = arena.allocateFrom(path);
            int r = (int) OPENAT.invokeExact(cs, dirfd, p, flags, 0);
            return Libc.result(r, cs);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * The raw select(2) system call (number 23, not a libc wrapper). Each non-null set is a bitmap
     * of at least {@code nfds} bits (use {@link #fdSet}); a null set is passed as NULL. The timeout
     * must be &ge; 0 microseconds (a bounded wait): it is passed as a struct timeval.
     */
    public static SelectResult select(int nfds, long[] read, long[] write, long[] except, long timeoutMicros) {
        if (timeoutMicros < 0) {
            throw new IllegalArgumentException("select timeout must be >= 0 (bounded), got " + timeoutMicros);
        }
        for (long[] set : new long[][] {read, write, except}) {
            if (set != null && nfds > set.length * 64) {
                throw new IllegalArgumentException("nfds " + nfds + " exceeds a set of " + set.length * 64 + " bits");
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            MemorySegment rd = setSegment(arena, read);
            MemorySegment wr = setSegment(arena, write);
            MemorySegment ex = setSegment(arena, except);
            MemorySegment tv = arena.allocate(16, 8);
            tv.set(JAVA_LONG, 0, timeoutMicros / 1_000_000);
            tv.set(JAVA_LONG, 8, timeoutMicros % 1_000_000);
            long r = (long) SYSCALL5.invokeExact(cs, SYS_SELECT, (long) nfds, rd, wr, ex, tv);
            return new SelectResult(Libc.result(r, cs), back(rd, read), back(wr, write), back(ex, except));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    private static MemorySegment setSegment(Arena arena, long[] set) {
        if (set == null) {
            return MemorySegment.NULL;
        }
        MemorySegment s = arena.allocate(JAVA_LONG, Math.max(1, set.length));
        for (int i = 0; i < set.length; i++) {
            s.setAtIndex(JAVA_LONG, i, set[i]);
        }
        return s;
    }

    private static long[] back(MemorySegment s, long[] original) {
        if (original == null) {
            return null;
        }
        long[] out = new long[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.getAtIndex(JAVA_LONG, i);
        }
        return out;
    }

    /** read(2) of one u64 from an eventfd (native byte order); value valid when 8 bytes came back. */
    public static CounterRead eventfdRead(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            MemorySegment b = arena.allocate(JAVA_LONG);
            long r = (long) READ.invokeExact(cs, fd, b, 8L);
            return new CounterRead(Libc.result(r, cs), r == 8 ? b.get(JAVA_LONG, 0) : 0);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** write(2) of one u64 to an eventfd (native byte order); value 8 on success. */
    public static SysResult eventfdWrite(int fd, long value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            MemorySegment b = arena.allocate(JAVA_LONG);
            b.set(JAVA_LONG, 0, value);
            long r = (long) WRITE.invokeExact(cs, fd, b, 8L);
            return Libc.result(r, cs);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** epoll_ctl(2) with a NULL event pointer (allowed for DEL since 2.6.9; EFAULT for ADD/MOD). */
    public static SysResult epollCtlNullEvent(int epfd, int op, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            int r = (int) EPOLL_CTL.invokeExact(cs, epfd, op, fd, MemorySegment.NULL);
            return Libc.result(r, cs);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * epoll_wait(2) passing {@code maxEvents} through unchecked (0 or negative reach the kernel);
     * the buffer holds max(1, maxEvents) events. {@code timeoutMs} must be &ge; 0 (bounded).
     */
    public static LibcPoll.EpollWaitResult epollWaitRaw(int epfd, int maxEvents, int timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("epoll_wait timeout must be >= 0 (bounded), got " + timeoutMs);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            MemorySegment evs = arena.allocate(LibcPoll.EPOLL_EVENT, Math.max(1, maxEvents));
            int r = (int) EPOLL_WAIT.invokeExact(cs, epfd, evs, maxEvents, timeoutMs);
            List<LibcPoll.EpollEvent> out = new ArrayList<>();
            for (int i = 0; i < r; i++) {
                long base = i * LibcPoll.EPOLL_EVENT.byteSize();
                out.add(new LibcPoll.EpollEvent(evs.get(JAVA_INT, base), evs.get(PACKED_LONG, base + 4)));
            }
            return new LibcPoll.EpollWaitResult(Libc.result(r, cs), out);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    // ---- signal-driven I/O ----

    /**
     * fcntl(fd, F_SETOWN_EX, {F_OWNER_TID, tid}): SIGIO for this file goes to thread {@code tid}
     * alone (fs/fcntl.c f_setown_ex → __f_setown with PIDTYPE_PID, so send_sigio signals that one
     * task and the signal is pending on it, never on another thread of the process).
     */
    public static SysResult fcntlSetownExTid(int fd, int tid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            MemorySegment owner = arena.allocate(8, 4); // struct f_owner_ex { int type; pid_t pid; }
            owner.set(JAVA_INT, 0, F_OWNER_TID);
            owner.set(JAVA_INT, 4, tid);
            int r = (int) FCNTL_PTR.invokeExact(cs, fd, F_SETOWN_EX, owner);
            return Libc.result(r, cs);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Blocks SIGIO in the calling thread: pthread_sigmask(SIG_BLOCK, {SIGIO}, NULL). A blocked
     * thread-directed SIGIO stays pending on the thread until {@link #sigtimedwaitSigio} takes it;
     * its default action (terminate the process) never runs. Throws if the call fails.
     */
    public static void blockSigio() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            int err = (int) PTHREAD_SIGMASK.invokeExact(cs, SIG_BLOCK, sigioSet(arena, GLIBC_SIGSET_BYTES),
                    MemorySegment.NULL);
            if (err != 0) {
                throw new ErrnoException("pthread_sigmask(SIG_BLOCK, {SIGIO})", err);
            }
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Whether SIGIO is blocked in the calling thread (pthread_sigmask with a NULL set reads the mask). */
    public static boolean sigioBlocked() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            MemorySegment old = arena.allocate(GLIBC_SIGSET_BYTES, 8);
            int err = (int) PTHREAD_SIGMASK.invokeExact(cs, SIG_BLOCK, MemorySegment.NULL, old);
            if (err != 0) {
                throw new ErrnoException("pthread_sigmask(SIG_BLOCK, NULL, &old)", err);
            }
            return (old.get(JAVA_LONG, 0) & sigioBit()) != 0;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * The raw rt_sigtimedwait(2) (number 128) for {SIGIO} with a zero timeout: 29 (SIGIO) when one
     * was pending on the thread or the process and is now taken, -1 EAGAIN when none was. It
     * never waits. kernel/signal.c do_sigtimedwait dequeues the thread's pending set first.
     */
    public static SysResult sigtimedwaitSigio() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            MemorySegment set = sigioSet(arena, KERNEL_SIGSET_BYTES);
            MemorySegment info = arena.allocate(SIGINFO_BYTES, 8);
            MemorySegment zero = arena.allocate(16, 8); // struct timespec {0, 0}
            long r = (long) SYSCALL_SIGTIMEDWAIT.invokeExact(cs, SYS_RT_SIGTIMEDWAIT, set, info, zero, KERNEL_SIGSET_BYTES);
            return Libc.result(r, cs);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The RLIMIT_NOFILE soft limit (rlim_cur) from getrlimit(2); RLIM_INFINITY reads as -1. */
    public static long nofileSoftLimit() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(Libc.CAPTURE_LAYOUT);
            MemorySegment rl = arena.allocate(16, 8); // struct rlimit { rlim_t rlim_cur, rlim_max; }
            int r = (int) GETRLIMIT.invokeExact(cs, RLIMIT_NOFILE, rl);
            Libc.result(r, cs).orThrow("getrlimit(RLIMIT_NOFILE)");
            return rl.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
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
