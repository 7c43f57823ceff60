package kpath.model.proc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One state of a process's files as readiness sees them.
 *
 * @param numbers every fd name ever created and its number (closed names stay, for select/poll)
 * @param fds     the open fds: name → file id
 * @param files   the live files by id (an id is the name of the fd that created the file)
 * @param ret     the last syscall's return value as the kernel returns it: a count, an fd number, or
 *                -errno (0 before any call)
 * @param out       what the last syscall copied to user memory besides that value
 * @param tasks     tasks inside a call that may sleep, by name (t1, t2, ...)
 * @param exclusive the EPOLLEXCLUSIVE wait-queue entries, oldest first: add_wait_queue_exclusive
 *                  appends them at the tail of the target's wait queue, where wake-ups reach them last
 * @param blocking  files opened without O_NONBLOCK: a read on them sleeps instead of failing EAGAIN
 * @param fasync    files with O_ASYNC on their fasync list (pipe ends, AF_UNIX stream sockets), each
 *                  with the fd its entry names (fa_fd: the fd of the F_SETFL that put it there)
 * @param owner     files with an f_owner: whether it names the main task (F_SETOWN_EX) and the
 *                  signal F_SETSIG chose (0: SIGIO)
 * @param sigio     the signals pending for the main task, which blocks them and takes them with
 *                  rt_sigtimedwait
 */
public record ProcState(Map<String, Integer> numbers, Map<String, String> fds, Map<String, OpenFile> files,
                             long ret, CopyOut out, Map<String, Task> tasks, List<Exclusive> exclusive,
                             Set<String> blocking, Map<String, String> fasync, Map<String, FOwner> owner,
                             Signals sigio) {

    /**
     * A file's f_owner (fs/fcntl.c): {@code tid} when F_SETOWN_EX named the main task, and the
     * signal F_SETSIG set ({@code signum}, 0 for plain SIGIO).
     */
    public record FOwner(boolean tid, int signum) {}

    /**
     * The siginfo of a queued signal (fs/fcntl.c send_sigio_to_task): its number, si_code (the
     * reason kill_fasync passed), si_fd (the fd name of the fasync entry) and si_band (a poll mask);
     * plain SIGIO, sent with SEND_SIG_PRIV, carries none: fd "" ({@link #priv}).
     */
    public record SigInfo(int signo, kpath.uapi.SigPoll code, String fd, int band) {
        /** Plain SIGIO (f_owner's signum 0): sent with SEND_SIG_PRIV, no siginfo. */
        public boolean priv() {
            return fd.isEmpty();
        }
    }

    /**
     * The main task's pending signals: {@code plain}, plain SIGIO without siginfo; {@code queue},
     * the signals with a siginfo, oldest first: a real-time one once per send, SIGIO (chosen
     * with F_SETSIG) at most once. A standard signal already pending is not queued again, with or
     * without siginfo (kernel/signal.c legacy_queue). {@code limit}: RLIMIT_SIGPENDING's soft limit
     * once setrlimit set it, -1 before (the default, thousands, is never reached here); it counts
     * every pending signal of the user, and traces that set it show no other pending first.
     */
    public record Signals(boolean plain, List<SigInfo> queue, long limit) {
        public static final Signals NONE = new Signals(false, List.of(), -1);

        public Signals {
            queue = List.copyOf(queue);
        }

        Signals withPlain(boolean p) {
            return new Signals(p, queue, limit);
        }

        Signals withQueue(List<SigInfo> q) {
            return new Signals(plain, q, limit);
        }

        /** How many signals are pending: each holds a struct sigqueue counted against the limit, plain SIGIO too. */
        int pending() {
            return (plain ? 1 : 0) + queue.size();
        }
    }

    /** An EPOLLEXCLUSIVE item's entry on its target's wait queue: the epoll and the item's key. */
    public record Exclusive(String ep, OpenFile.Key key) {}

    public ProcState(Map<String, Integer> numbers, Map<String, String> fds, Map<String, OpenFile> files,
                          long ret, CopyOut out) {
        this(numbers, fds, files, ret, out, Map.of(), List.of(), Set.of(), Map.of(), Map.of(), Signals.NONE);
    }

    public ProcState {
        numbers = Map.copyOf(numbers);
        fds = Map.copyOf(fds);
        files = Map.copyOf(files);
        Objects.requireNonNull(out);
        tasks = Map.copyOf(tasks);
        exclusive = List.copyOf(exclusive);
        blocking = Set.copyOf(blocking);
        fasync = Map.copyOf(fasync);
        owner = Map.copyOf(owner);
        Objects.requireNonNull(sigio);
        for (String file : fds.values()) {
            if (!files.containsKey(file)) {
                throw new IllegalArgumentException("an open fd refers to a released file " + file);
            }
        }
    }

    public static ProcState initial() {
        return new ProcState(Map.of(), Map.of(), Map.of(), 0, CopyOut.NONE);
    }

    /** The file an open fd refers to, or null when the fd is not open. */
    public OpenFile fileOf(String fd) {
        String id = fds.get(fd);
        return id == null ? null : files.get(id);
    }
}
