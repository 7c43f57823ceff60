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
import static kpath.kernel.Libc.rethrow;
import static kpath.kernel.Libc.result;

/**
 * The raw system calls that wait with a signal mask swapped in (kernel/signal.c set_user_sigmask):
 * epoll_pwait(2), ppoll(2) and pselect6 (glibc's wrappers would pass their own sigsetsize and
 * rewrite a timeout), each with a zero timeout. {@code mask} is the kernel sigset_t's first 64 bits,
 * passed with {@code sigsetsize}; a null mask passes NULL. Marshaling is {@link LibcPoll}'s.
 */
public final class LibcPwait {
    private LibcPwait() {}

    /** arch/x86/entry/syscalls/syscall_64.tbl */
    static final long SYS_PSELECT6 = 270, SYS_PPOLL = 271, SYS_EPOLL_PWAIT = 281;

    // syscall(nr, epfd, events, maxevents, timeout, sigmask, sigsetsize)
    private static final MethodHandle SYSCALL_EPOLL_PWAIT = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    // syscall(nr, fds, nfds, tsp, sigmask, sigsetsize)
    private static final MethodHandle SYSCALL_PPOLL = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    // syscall(nr, nfds, rd, wr, ex, tsp, sig)
    private static final MethodHandle SYSCALL6_SELECT = link("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
            Linker.Option.firstVariadicArg(1));

    private static MemorySegment sigset(Arena arena, Long mask) {
        if (mask == null) {
            return MemorySegment.NULL;
        }
        MemorySegment set = arena.allocate(JAVA_LONG);
        set.set(JAVA_LONG, 0, mask);
        return set;
    }

    /** epoll_pwait(epfd, events, maxevents, 0, sigmask, sigsetsize) (number 281). */
    public static LibcPoll.EpollWaitResult epollPwait(int epfd, int maxEvents, Long mask, long sigsetsize) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment evs = arena.allocate(LibcPoll.EPOLL_EVENT, Math.max(1, maxEvents));
            long r = (long) SYSCALL_EPOLL_PWAIT.invokeExact(cs, SYS_EPOLL_PWAIT, (long) epfd, evs, (long) maxEvents, 0L,
                    sigset(arena, mask), sigsetsize);
            List<LibcPoll.EpollEvent> out = new ArrayList<>();
            for (int i = 0; i < r; i++) {
                long base = i * LibcPoll.EPOLL_EVENT.byteSize();
                out.add(new LibcPoll.EpollEvent(evs.get(JAVA_INT, base), evs.get(JAVA_LONG.withByteAlignment(1), base + 4)));
            }
            return new LibcPoll.EpollWaitResult(result(r, cs), out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** ppoll(fds, nfds, &{0, 0}, sigmask, sigsetsize) (number 271). */
    public static LibcPoll.PollResult ppoll(List<LibcPoll.PollFd> fds, Long mask, long sigsetsize) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment arr = arena.allocate(Math.max(1, fds.size()) * LibcPoll.POLLFD_SIZE, 4);
            for (int i = 0; i < fds.size(); i++) {
                arr.set(JAVA_INT, i * LibcPoll.POLLFD_SIZE, fds.get(i).fd());
                arr.set(JAVA_SHORT, i * LibcPoll.POLLFD_SIZE + 4, (short) fds.get(i).events());
            }
            MemorySegment ts = Libc.timespec(arena, 0);
            long r = (long) SYSCALL_PPOLL.invokeExact(cs, SYS_PPOLL, arr, (long) fds.size(), ts, sigset(arena, mask), sigsetsize);
            int[] revents = new int[fds.size()];
            for (int i = 0; i < revents.length; i++) {
                revents[i] = Short.toUnsignedInt(arr.get(JAVA_SHORT, i * LibcPoll.POLLFD_SIZE + 6));
            }
            return new LibcPoll.PollResult(result(r, cs), revents);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * pselect6(nfds, rd, wr, ex, &{0, 0}, &{sigmask, sigsetsize}) (number 270): fs/select.c reads its
     * sixth argument as a pointer to that pair; null sets pass NULL.
     */
    public static LibcPoll.SelectResult pselect6(int nfds, long[] read, long[] write, long[] except, Long mask, long sigsetsize) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment rd = LibcPoll.setSegment(arena, read);
            MemorySegment wr = LibcPoll.setSegment(arena, write);
            MemorySegment ex = LibcPoll.setSegment(arena, except);
            MemorySegment ts = Libc.timespec(arena, 0);
            MemorySegment sig = arena.allocate(16, 8);
            sig.set(ADDRESS, 0, sigset(arena, mask));
            sig.set(JAVA_LONG, 8, sigsetsize);
            long r = (long) SYSCALL6_SELECT.invokeExact(cs, SYS_PSELECT6, (long) nfds, rd, wr, ex, ts, sig);
            return new LibcPoll.SelectResult(result(r, cs), LibcPoll.back(rd, read), LibcPoll.back(wr, write),
                    LibcPoll.back(ex, except));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
