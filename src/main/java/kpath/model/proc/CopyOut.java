package kpath.model.proc;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a call copied to user memory besides its return value, as values (masks are bit sets, fds
 * are the trace's names). The spec's {@code out} holds the same records ({@code Proc.tla}).
 */
public sealed interface CopyOut {

    /** Nothing copied out (a failed call copies nothing). */
    record None() implements CopyOut {}

    /** epoll_wait's {@code struct epoll_event} array, in report order: {@code data} names the fd the item was added under. */
    record Events(List<EpollEvent> events) implements CopyOut {
        public Events {
            events = List.copyOf(events);
        }
    }

    record EpollEvent(String data, int events) {}

    /** poll's {@code struct pollfd} entries whose {@code revents} is not 0, in array order. */
    record Revents(List<PollRevents> revents) implements CopyOut {
        public Revents {
            revents = List.copyOf(revents);
        }
    }

    record PollRevents(String fd, int revents) {}

    /** select's three result {@code fd_set}s. */
    record FdSets(SortedSet<String> rd, SortedSet<String> wr, SortedSet<String> ex) implements CopyOut {
        public FdSets {
            rd = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(rd));
            wr = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(wr));
            ex = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(ex));
        }

        public static FdSets of(Set<String> rd, Set<String> wr, Set<String> ex) {
            return new FdSets(new TreeSet<>(rd), new TreeSet<>(wr), new TreeSet<>(ex));
        }
    }

    /** An eventfd read's 8-byte counter value (unsigned; small here). */
    record Value(long value) implements CopyOut {}

    /** pipe2's and socketpair's {@code int fds[2]}. */
    record FdPair(int first, int second) implements CopyOut {}

    /** io_uring_setup's {@code struct io_uring_params}: the ring sizes and the features it wrote back. */
    record Params(int sqEntries, int cqEntries, int features) implements CopyOut {
        /** With the features Linux 6.18 reports ({@link kpath.uapi.IoUringAbi#IORING_FEATURES}). */
        public Params(int sqEntries, int cqEntries) {
            this(sqEntries, cqEntries, kpath.uapi.IoUringAbi.IORING_FEATURES);
        }
    }

    /**
     * Not a call's: what the application read from a ring's shared memory when it reaped — every
     * CQE between head and tail, whether sq_flags has IORING_SQ_CQ_OVERFLOW, and the CQ's
     * cq_overflow counter of dropped CQEs (0 under IORING_FEAT_NODROP unless an allocation fails,
     * which the model does not do).
     */
    record Reaped(List<OpenFile.Cqe> cqes, boolean cqOverflowFlag, long dropped) implements CopyOut {
        public Reaped {
            cqes = List.copyOf(cqes);
        }
    }

    /** io_getevents's struct io_event array, oldest first. */
    record AioEvents(List<OpenFile.AioEvent> events) implements CopyOut {
        public AioEvents {
            events = List.copyOf(events);
        }
    }

    /**
     * rt_sigtimedwait's siginfo of a signal F_SETSIG chose: si_signo, si_code (a {@code POLL_*}
     * name), si_fd (the trace's name of the fd) and si_band (a poll mask).
     */
    record SigInfo(int signo, String code, String fd, int band) implements CopyOut {}

    /**
     * F_GETOWN_EX's struct f_owner_ex: its type ({@code F_OWNER_TID}) and pid, the owner task's name
     * ({@code main}: the main task) or {@code 0} for none.
     */
    record Owner(String type, String pid) implements CopyOut {}

    CopyOut NONE = new None();
}
