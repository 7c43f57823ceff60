package kpath.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
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
 * FFM bindings for readiness: poll(2) (fs/select.c do_sys_poll) and epoll_create1, epoll_ctl,
 * epoll_wait (fs/eventpoll.c). Linkage and errno capture are {@link Libc}'s.
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
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLPRI = 0x002;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDNORM = 0x040;
    public static final int EPOLLWRNORM = 0x100;
    public static final int EPOLLRDHUP = 0x2000;
    public static final int EPOLLEXCLUSIVE = 1 << 28;
    public static final int EPOLLONESHOT = 1 << 30;
    public static final int EPOLLET = 1 << 31;
    // include/uapi/asm-generic/poll.h
    public static final int POLLIN = 0x001;
    public static final int POLLPRI = 0x002;
    public static final int POLLOUT = 0x004;
    public static final int POLLERR = 0x008;
    public static final int POLLHUP = 0x010;
    public static final int POLLNVAL = 0x020;
    public static final int POLLRDHUP = 0x2000;

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

    // ---- linkage ----

    /**
     * struct epoll_event is packed on x86_64 (include/uapi/linux/eventpoll.h EPOLL_PACKED):
     * u32 events at 0, u64 data at 4, 12 bytes total.
     */
    static final StructLayout EPOLL_EVENT = MemoryLayout.structLayout(
            JAVA_INT.withName("events"),
            JAVA_LONG.withByteAlignment(1).withName("data"));

    /** struct pollfd (include/uapi/asm-generic/poll.h): int fd, short events, short revents. */
    private static final long POLLFD_SIZE = 8;

    private static final MethodHandle POLL = link("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EPOLL_CREATE1 = link("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = link("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_WAIT = link("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment evs = arena.allocate(EPOLL_EVENT, maxEvents);
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
}
