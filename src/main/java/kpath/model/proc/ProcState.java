package kpath.model.proc;

import kpath.model.ArrayMap;
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
public final class ProcState {
    // a class, not a record, only to keep its hash: a replay hashes each state several times, and a
    // state's hash walks every map in it
    private final Map<String, Integer> numbers;
    private final Map<String, String> fds;
    private final Map<String, OpenFile> files;
    private final long ret;
    private final CopyOut out;
    private final Map<String, Task> tasks;
    private final List<Exclusive> exclusive;
    private final Set<String> blocking;
    private final Map<String, String> fasync;
    private final Map<String, FOwner> owner;
    private final Signals sigio;
    // caches, transient: not part of the value (kpath.check.Fingerprint skips them)
    private transient int hash;
    private transient byte async; // 0 not yet known, 1 no ring and no AIO context, 2 some


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
     * The main task's pending signals: {@code plain}, plain SIGIO without siginfo; {@code urg}, SIGURG
     * (fs/fcntl.c send_sigurg: SEND_SIG_PRIV, pending once); {@code queue},
     * the signals with a siginfo, oldest first: a real-time one once per send, SIGIO (chosen
     * with F_SETSIG) at most once. A standard signal already pending is not queued again, with or
     * without siginfo (kernel/signal.c legacy_queue). {@code limit}: RLIMIT_SIGPENDING's soft limit
     * once setrlimit set it, -1 before (the default, thousands, is never reached here); it counts
     * every pending signal of the user, and traces that set it show no other pending first.
     * And the process's actions for them (rt_sigaction): {@code handled}, the signals with a handler,
     * {@code ignored}, those set to SIG_IGN; any other has SIG_DFL. The main task blocks all of them
     * except while a call with a signal mask swaps its own in (io_pgetevents).
     */
    public record Signals(boolean plain, boolean urg, List<SigInfo> queue, long limit, Set<Integer> handled,
                          Set<Integer> ignored) {
        public static final Signals NONE = new Signals(false, false, List.of(), -1, Set.of(), Set.of());

        public Signals {
            queue = List.copyOf(queue);
            handled = Set.copyOf(handled);
            ignored = Set.copyOf(ignored);
        }

        Signals withPlain(boolean p) {
            return new Signals(p, urg, queue, limit, handled, ignored);
        }

        Signals withUrg(boolean u) {
            return new Signals(plain, u, queue, limit, handled, ignored);
        }

        Signals withQueue(List<SigInfo> q) {
            return new Signals(plain, urg, q, limit, handled, ignored);
        }

        Signals withLimit(long l) {
            return new Signals(plain, urg, queue, l, handled, ignored);
        }

        Signals withActions(Set<Integer> h, Set<Integer> i) {
            return new Signals(plain, urg, queue, limit, h, i);
        }

        /** How many signals are pending: each holds a struct sigqueue counted against the limit, plain SIGIO and SIGURG too. */
        int pending() {
            return (plain ? 1 : 0) + (urg ? 1 : 0) + queue.size();
        }
    }

    /** An EPOLLEXCLUSIVE item's entry on its target's wait queue: the epoll and the item's key. */
    public record Exclusive(String ep, OpenFile.Key key) {}

    public ProcState(Map<String, Integer> numbers, Map<String, String> fds, Map<String, OpenFile> files,
                     long ret, CopyOut out) {
        this(numbers, fds, files, ret, out, Map.of(), List.of(), Set.of(), Map.of(), Map.of(), Signals.NONE);
    }

    public ProcState(Map<String, Integer> numbers, Map<String, String> fds, Map<String, OpenFile> files,
                     long ret, CopyOut out, Map<String, Task> tasks, List<Exclusive> exclusive,
                     Set<String> blocking, Map<String, String> fasync, Map<String, FOwner> owner, Signals sigio) {
        this.numbers = ArrayMap.copyOf(numbers);
        this.fds = ArrayMap.copyOf(fds);
        this.files = ArrayMap.copyOf(files);
        this.ret = ret;
        this.out = Objects.requireNonNull(out);
        this.tasks = ArrayMap.copyOf(tasks);
        this.exclusive = List.copyOf(exclusive);
        this.blocking = Set.copyOf(blocking);
        this.fasync = ArrayMap.copyOf(fasync);
        this.owner = ArrayMap.copyOf(owner);
        this.sigio = Objects.requireNonNull(sigio);
        for (String file : this.fds.values()) {
            if (!this.files.containsKey(file)) {
                throw new IllegalArgumentException("an open fd refers to a released file " + file);
            }
        }
    }

    public Map<String, Integer> numbers() {
        return numbers;
    }

    public Map<String, String> fds() {
        return fds;
    }

    public Map<String, OpenFile> files() {
        return files;
    }

    public long ret() {
        return ret;
    }

    public CopyOut out() {
        return out;
    }

    public Map<String, Task> tasks() {
        return tasks;
    }

    public List<Exclusive> exclusive() {
        return exclusive;
    }

    public Set<String> blocking() {
        return blocking;
    }

    public Map<String, String> fasync() {
        return fasync;
    }

    public Map<String, FOwner> owner() {
        return owner;
    }

    public Signals sigio() {
        return sigio;
    }

    /**
     * Whether some file is an io_uring or an AIO context: only then can kernel work (task work, an
     * AIO worker, a delayed fput) be due, which every step of every state asks.
     */
    public boolean hasAsyncFiles() {
        if (async == 0) {
            boolean any = false;
            for (OpenFile f : files.values()) {
                any |= f instanceof OpenFile.IoUring || f instanceof OpenFile.AioCtx;
            }
            async = (byte) (any ? 2 : 1);
        }
        return async == 2;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ProcState p && hashCode() == p.hashCode() && ret == p.ret
                && numbers.equals(p.numbers) && fds.equals(p.fds) && files.equals(p.files) && out.equals(p.out)
                && tasks.equals(p.tasks) && exclusive.equals(p.exclusive) && blocking.equals(p.blocking)
                && fasync.equals(p.fasync) && owner.equals(p.owner) && sigio.equals(p.sigio);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(numbers, fds, files, ret, out, tasks, exclusive, blocking, fasync, owner, sigio);
            hash = h == 0 ? 1 : h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "ProcState[numbers=" + numbers + ", fds=" + fds + ", files=" + files + ", ret=" + ret + ", out=" + out
                + ", tasks=" + tasks + ", exclusive=" + exclusive + ", blocking=" + blocking + ", fasync=" + fasync
                + ", owner=" + owner + ", sigio=" + sigio + "]";
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
