package kpath.kernel;

import kpath.uapi.Mask;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
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
 * FFM bindings for readiness: poll(2) and the raw select(2) (fs/select.c), epoll_create1,
 * epoll_ctl and epoll_wait (fs/eventpoll.c), also the variants that pass a NULL event pointer or
 * a maxevents &le; 0 through to the kernel. Linkage and errno capture are {@link Libc}'s.
 */
public final class LibcPoll {

    private LibcPoll() {
    }

    // ---- constants (x86_64 values; file named per constant group) ----

    // include/uapi/linux/eventpoll.h
    public static final int EPOLL_CLOEXEC = LibcFile.O_CLOEXEC;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    // the event bits: include/uapi/linux/eventpoll.h and asm-generic/poll.h, named once in kpath.uapi.Mask
    public static final int EPOLLIN = Mask.IN, EPOLLPRI = Mask.PRI, EPOLLOUT = Mask.OUT, EPOLLERR = Mask.ERR,
            EPOLLHUP = Mask.HUP, EPOLLRDNORM = Mask.RDNORM, EPOLLRDBAND = Mask.RDBAND, EPOLLWRNORM = Mask.WRNORM,
            EPOLLWRBAND = Mask.WRBAND, EPOLLMSG = Mask.MSG, EPOLLRDHUP = Mask.RDHUP, EPOLLEXCLUSIVE = Mask.EXCLUSIVE,
            EPOLLWAKEUP = Mask.WAKEUP, EPOLLONESHOT = Mask.ONESHOT, EPOLLET = Mask.ET;
    public static final int POLLIN = Mask.IN, POLLPRI = Mask.PRI, POLLOUT = Mask.OUT, POLLERR = Mask.ERR,
            POLLHUP = Mask.HUP, POLLNVAL = Mask.NVAL, POLLRDNORM = Mask.RDNORM, POLLRDBAND = Mask.RDBAND,
            POLLWRNORM = Mask.WRNORM, POLLWRBAND = Mask.WRBAND, POLLRDHUP = Mask.RDHUP;
    /** arch/x86/entry/syscalls/syscall_64.tbl */
    public static final long SYS_SELECT = 23;
    /** The fd_set bitmaps {@link #select} passes hold at least this many bits (the glibc FD_SETSIZE). */
    public static final int FD_SET_BITS = 1024;

    // ---- result records for calls with out-parameters ----

    /** One poll(2) entry: fd and requested events (POLLIN ...). */
    public record PollFd(int fd, int events) {
    }

    /** poll result: {@code result.value()} is the ready count, {@code revents[i]} belongs to fds[i]. */
    public record PollResult(SysResult result, int[] revents) {
        public PollResult {
            revents = revents.clone();
        }

        @Override
        public int[] revents() {
            return revents.clone();
        }

        /** revents of entry i. */
        public int revents(int i) {
            return revents[i];
        }
    }

    /** One epoll_event: events mask and the u64 user data. */
    public record EpollEvent(int events, long data) {
    }

    /** epoll_wait result: {@code result.value()} is the number of events returned. */
    public record EpollWaitResult(SysResult result, List<EpollEvent> events) {
        public EpollWaitResult {
            events = List.copyOf(events);
        }
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

    /**
     * struct epoll_event is packed on x86_64 (include/uapi/linux/eventpoll.h EPOLL_PACKED):
     * u32 events at 0, u64 data at 4, 12 bytes total.
     */
    static final StructLayout EPOLL_EVENT = MemoryLayout.structLayout(
            JAVA_INT.withName("events"),
            JAVA_LONG.withByteAlignment(1).withName("data"));

    /** struct pollfd (include/uapi/asm-generic/poll.h): int fd, short events, short revents. */
    static final long POLLFD_SIZE = 8;

    private static final MethodHandle POLL = link("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EPOLL_CREATE1 = link("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = link("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_WAIT = link("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    // long syscall(long number, ...): every argument passed as a full 64-bit register
    private static final MethodHandle SYSCALL5 = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
            Linker.Option.firstVariadicArg(1));

    // ---- calls ----

    /** poll(2) over {@code fds}; {@code timeoutMs} &lt; 0 blocks forever (avoid: keep waits bounded). */
    public static PollResult poll(List<PollFd> fds, int timeoutMs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment arr = arena.allocate(Math.max(1, fds.size()) * POLLFD_SIZE, 4);
            for (int i = 0; i < fds.size(); i++) {
                arr.set(JAVA_INT, i * POLLFD_SIZE, fds.get(i).fd());
                arr.set(JAVA_SHORT, i * POLLFD_SIZE + 4, (short) fds.get(i).events());
            }
            MemorySegment ptr = fds.isEmpty() ? MemorySegment.NULL : arr; // invokeExact needs the static type
            int r = (int) POLL.invokeExact(cs, ptr, (long) fds.size(), timeoutMs);
            int[] revents = new int[fds.size()];
            for (int i = 0; i < revents.length; i++) {
                revents[i] = Short.toUnsignedInt(arr.get(JAVA_SHORT, i * POLLFD_SIZE + 6));
            }
            return new PollResult(result(r, cs), revents);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** poll(2) on a single fd; value is 1 when ready, 0 on timeout. */
    public static PollResult poll(int fd, int events, int timeoutMs) {
        return poll(List.of(new PollFd(fd, events)), timeoutMs);
    }

    /** epoll_create1(2). */
    public static SysResult epollCreate1(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) EPOLL_CREATE1.invokeExact(cs, flags);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** epoll_ctl(2) with an events mask and u64 user data (ignored for EPOLL_CTL_DEL). */
    public static SysResult epollCtl(int epfd, int op, int fd, int events, long data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment ev = arena.allocate(EPOLL_EVENT);
            ev.set(JAVA_INT, 0, events);
            ev.set(JAVA_LONG.withByteAlignment(1), 4, data);
            int r = (int) EPOLL_CTL.invokeExact(cs, epfd, op, fd, ev);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** epoll_wait(2) for up to {@code maxEvents} events. */
    public static EpollWaitResult epollWait(int epfd, int maxEvents, int timeoutMs) {
        if (maxEvents <= 0) {
            throw new IllegalArgumentException("maxEvents must be > 0");
        }
        return epollWaitInto(epfd, maxEvents, timeoutMs);
    }

    /** epoll_ctl(2) with a NULL event pointer (allowed for DEL since 2.6.9; EFAULT for ADD/MOD). */
    public static SysResult epollCtlNullEvent(int epfd, int op, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) EPOLL_CTL.invokeExact(cs, epfd, op, fd, MemorySegment.NULL);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * epoll_wait(2) passing {@code maxEvents} through unchecked (0 or negative reach the kernel);
     * the buffer holds max(1, maxEvents) events. {@code timeoutMs} must be &ge; 0 (bounded).
     */
    public static EpollWaitResult epollWaitRaw(int epfd, int maxEvents, int timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("epoll_wait timeout must be >= 0 (bounded), got " + timeoutMs);
        }
        return epollWaitInto(epfd, maxEvents, timeoutMs);
    }

    /** The call itself, into a buffer of max(1, maxEvents) events; maxEvents reaches the kernel as given. */
    private static EpollWaitResult epollWaitInto(int epfd, int maxEvents, int timeoutMs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment evs = arena.allocate(EPOLL_EVENT, Math.max(1, maxEvents));
            int r = (int) EPOLL_WAIT.invokeExact(cs, epfd, evs, maxEvents, timeoutMs);
            List<EpollEvent> out = new ArrayList<>();
            for (int i = 0; i < r; i++) {
                long base = i * EPOLL_EVENT.byteSize();
                out.add(new EpollEvent(evs.get(JAVA_INT, base), evs.get(JAVA_LONG.withByteAlignment(1), base + 4)));
            }
            return new EpollWaitResult(result(r, cs), out);
        } catch (Throwable t) {
            throw rethrow(t);
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
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment rd = setSegment(arena, read);
            MemorySegment wr = setSegment(arena, write);
            MemorySegment ex = setSegment(arena, except);
            MemorySegment tv = arena.allocate(16, 8);
            tv.set(JAVA_LONG, 0, timeoutMicros / 1_000_000);
            tv.set(JAVA_LONG, 8, timeoutMicros % 1_000_000);
            long r = (long) SYSCALL5.invokeExact(cs, SYS_SELECT, (long) nfds, rd, wr, ex, tv);
            return new SelectResult(result(r, cs), back(rd, read), back(wr, write), back(ex, except));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Native buffers prepared once for one call repeated many times, as a benchmark repeats it:
     * poll(2) over a fixed pollfd array, the raw select(2) over a fixed read set (copied afresh
     * before each call, since the kernel writes the set back), epoll_wait(2) into a fixed buffer.
     * No per-call marshaling: a call costs one downcall and the kernel's work. Unlike the other
     * bindings it owns native memory until {@link #close}; it owns no fd.
     */
    public static final class Prepared implements AutoCloseable {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
        private final MemorySegment pollfds;
        private final long nfdsPoll;
        private final int nfdsSelect;
        private final MemorySegment readTemplate;
        private final MemorySegment read;
        private final MemorySegment tv = arena.allocate(16, 8);
        private final int epfd;
        private final int maxEvents;
        private final MemorySegment events;

        /**
         * Buffers for poll and select over {@code fds} (each asked for {@code pollEvents}; select's
         * read set holds them all, nfds = the largest + 1) and for epoll_wait on {@code epfd} with
         * {@code maxEvents} (&gt; 0) events.
         */
        public Prepared(int[] fds, int pollEvents, int epfd, int maxEvents) {
            if (maxEvents <= 0) {
                throw new IllegalArgumentException("maxEvents must be > 0");
            }
            int max = -1;
            for (int fd : fds) {
                max = Math.max(max, fd);
            }
            this.nfdsPoll = fds.length;
            this.nfdsSelect = max + 1;
            this.pollfds = arena.allocate(Math.max(1, fds.length) * POLLFD_SIZE, 4);
            for (int i = 0; i < fds.length; i++) {
                pollfds.set(JAVA_INT, i * POLLFD_SIZE, fds[i]);
                pollfds.set(JAVA_SHORT, i * POLLFD_SIZE + 4, (short) pollEvents);
            }
            long[] set = fdSet(Math.max(1, nfdsSelect), fds);
            this.readTemplate = arena.allocate(JAVA_LONG, set.length);
            this.read = arena.allocate(JAVA_LONG, set.length);
            for (int i = 0; i < set.length; i++) {
                readTemplate.setAtIndex(JAVA_LONG, i, set[i]);
            }
            this.epfd = epfd;
            this.maxEvents = maxEvents;
            this.events = arena.allocate(EPOLL_EVENT, maxEvents);
        }

        /** select's nfds: the largest fd + 1. */
        public int selectNfds() {
            return nfdsSelect;
        }

        /** poll(2) over the prepared pollfd array; {@code timeoutMs} must be &ge; 0 (bounded). */
        public SysResult poll(int timeoutMs) {
            bounded(timeoutMs);
            try {
                int r = (int) POLL.invokeExact(cs, pollfds, nfdsPoll, timeoutMs);
                return result(r, cs);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** The raw select(2) of the prepared read set (no write or except set); {@code timeoutMicros} &ge; 0. */
        public SysResult select(long timeoutMicros) {
            bounded(timeoutMicros);
            read.copyFrom(readTemplate);
            tv.set(JAVA_LONG, 0, timeoutMicros / 1_000_000);
            tv.set(JAVA_LONG, 8, timeoutMicros % 1_000_000);
            try {
                long r = (long) SYSCALL5.invokeExact(cs, SYS_SELECT, (long) nfdsSelect, read,
                        MemorySegment.NULL, MemorySegment.NULL, tv);
                return result(r, cs);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** epoll_wait(2) on the prepared epfd into the prepared buffer; {@code timeoutMs} must be &ge; 0. */
        public SysResult epollWait(int timeoutMs) {
            bounded(timeoutMs);
            try {
                int r = (int) EPOLL_WAIT.invokeExact(cs, epfd, events, maxEvents, timeoutMs);
                return result(r, cs);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        private static void bounded(long timeout) {
            if (timeout < 0) {
                throw new IllegalArgumentException("timeout must be >= 0 (bounded), got " + timeout);
            }
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    static MemorySegment setSegment(Arena arena, long[] set) {
        if (set == null) {
            return MemorySegment.NULL;
        }
        MemorySegment s = arena.allocate(JAVA_LONG, Math.max(1, set.length));
        for (int i = 0; i < set.length; i++) {
            s.setAtIndex(JAVA_LONG, i, set[i]);
        }
        return s;
    }

    static long[] back(MemorySegment s, long[] original) {
        if (original == null) {
            return null;
        }
        long[] out = new long[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.getAtIndex(JAVA_LONG, i);
        }
        return out;
    }
}
