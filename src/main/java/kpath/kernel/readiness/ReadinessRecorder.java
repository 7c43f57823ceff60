package kpath.kernel.readiness;

import java.util.List;
import kpath.kernel.Fds;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcPoll;
import kpath.kernel.SysResult;

/**
 * Makes the syscalls of one readiness scenario and records each as a trace line while it
 * happens. Every fd is named at creation ({@link FdNames}), owned by the scenario's {@link Fds}
 * (so it is closed also on failure), and written as {@code name:fd}. Every value written comes
 * from a syscall's result; waits are bounded (timeouts must be &ge; 0).
 *
 * <p>Lines written (see {@code package-info.java} of this package for the whole syntax):
 * creations ({@code pipe2(O_NONBLOCK) = r0:7,w0:8}), I/O, {@code epoll_ctl}, {@code epoll_wait}
 * followed by {@code observe events(eN) ...}, {@code poll(...)} followed by
 * {@code observe revents ...}, {@code select(...)} followed by {@code observe fdsets ...},
 * {@code fcntl(...)} (F_DUPFD, F_SETFL, F_SETOWN_EX), {@code rt_sigtimedwait(SIGIO, 0)}, {@code rt_sigaction},
 * and {@code ppoll}, {@code pselect6} and {@code epoll_pwait} with a signal mask.
 *
 * <p>Tasks (threads of a threaded scenario, see {@link Tasks}) write a call in two lines,
 * {@code tN -> call} and {@code tN <- result}, and the main thread writes {@code observe task(tN)
 * state=S wchan=FN} while a task sleeps. The recorder has one lock (its monitor), and the order of
 * the lines is the order of the kernel's effects because of how it is held:
 * <ul>
 *   <li>a main-thread call holds it across the syscall and the writing of its line(s), including
 *       the observe lines after it, so its effect lies before its line and no task line comes
 *       between;</li>
 *   <li>a task writes {@code tN ->} under the lock, releases it, makes the syscall, and writes
 *       {@code tN <-} and its observe lines under the lock again, so every effect of the call lies
 *       between its two lines;</li>
 *   <li>the main thread reads a task's /proc state and writes {@code observe task} in one hold, so
 *       a task seen sleeping has not yet written its {@code tN <-}.</li>
 * </ul>
 * Each line's time is taken when it is written (now(), monotonic).
 *
 * <p>The calls are split by subsystem over the classes this one extends, one object with one lock:
 * {@link CreateCalls} (fds are made), {@link WaitCalls} (epoll, poll, select), {@link IoCalls}
 * (read, write, close, fcntl, signals); this class adds the calls of tasks, which release the lock
 * while they wait.
 */
public final class ReadinessRecorder extends IoCalls {

    /** Largest byte count one {@link #write} makes (content is irrelevant). */
    public static final int MAX_WRITE = 1 << 16;

    /** A pair of names: pipe (read, write) or socketpair (first, second). */
    public record Pair(String first, String second) {
    }

    /** One poll(2) entry: a name, or null for a negative fd (written {@code -1}). */
    public record PollEntry(String name, int events) {
    }

    /** The header is read now; the narrative becomes the leading {@code #} comment. */
    public ReadinessRecorder(String scenario, String narrative, Fds fds) {
        super(scenario, narrative, fds, null);
    }

    /** The same, with the header lines of {@code host}: what AF_UNIX sends are charged here. */
    ReadinessRecorder(String scenario, String narrative, Fds fds, UnixSendProbe.Lines host) {
        super(scenario, narrative, fds, host);
    }

    /** A poll entry for the named fd. */
    public static PollEntry pfd(String name, int events) {
        return new PollEntry(name, events);
    }

    /** A poll entry with fd -1. */
    public static PollEntry negativeFd(int events) {
        return new PollEntry(null, events);
    }

    // ---- tasks: called on the task's own thread (see Tasks) ----

    /**
     * {@code tN -> epoll_wait(EP, MAX, TIMEOUT)}, the wait with the lock released, then
     * {@code tN <- n} and, when n &gt; 0, {@code observe events(EP) ...}. TIMEOUT -1 waits until an
     * event comes: the scenario must be able to release the task.
     */
    public int taskEpollWait(String task, String ep, int maxEvents, int timeoutMs) {
        if (maxEvents <= 0 || timeoutMs < -1) {
            throw new IllegalArgumentException("task epoll_wait needs maxevents > 0 and timeout >= -1");
        }
        int fd;
        synchronized (this) {
            fd = names.fd(ep);
            callStart(task, "epoll_wait", ep, Integer.toString(maxEvents), Integer.toString(timeoutMs));
        }
        LibcPoll.EpollWaitResult w = LibcPoll.epollWait(fd, maxEvents, timeoutMs);
        synchronized (this) {
            callReturn(task, result(w.result()));
            return epollEvents(ep, w);
        }
    }

    /**
     * {@code tN -> poll(NAME=EVENTS, ..., TIMEOUT)}, the wait with the lock released, then
     * {@code tN <- n} and, when n &gt; 0, {@code observe revents ...}. TIMEOUT -1 waits until an
     * event comes: the scenario must be able to release the task.
     */
    public int taskPoll(String task, int timeoutMs, PollEntry... entries) {
        if (timeoutMs < -1) {
            throw new IllegalArgumentException("task poll timeout must be >= -1");
        }
        List<LibcPoll.PollFd> pfds;
        synchronized (this) {
            pfds = pollFds(entries);
            callStart(task, "poll", pollArgs(timeoutMs, entries));
        }
        LibcPoll.PollResult pr = LibcPoll.poll(pfds, timeoutMs);
        synchronized (this) {
            callReturn(task, result(pr.result()));
            return revents(pr, entries);
        }
    }

    /**
     * {@code tN -> select(NFDS, RD, WR, EX, TIMEOUT)} with nfds = highest fd named + 1, the wait
     * with the lock released, then {@code tN <- n} and, when n &gt; 0, {@code observe fdsets ...}.
     * The timeout must be &ge; 0.
     */
    public int taskSelect(String task, List<String> rd, List<String> wr, List<String> ex, int timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("task select timeout must be >= 0 (bounded)");
        }
        int nfds;
        long[][] sets;
        synchronized (this) {
            nfds = nfds(rd, wr, ex);
            sets = new long[][] {set(rd, nfds), set(wr, nfds), set(ex, nfds)};
            callStart(task, "select", selectArgs(nfds, rd, wr, ex, timeoutMs));
        }
        LibcPoll.SelectResult r = LibcPoll.select(nfds, sets[0], sets[1], sets[2], timeoutMs * 1000L);
        synchronized (this) {
            callReturn(task, result(r.result()));
            return fdsets(r, nfds, rd, wr, ex);
        }
    }

    /**
     * {@code tN -> read(NAME, MAX)}, the read with the lock released, then {@code tN <- n}.
     * Eventfds: {@code tN -> read(NAME, 8)}, then {@code tN <- 8} and {@code observe read(NAME)
     * value=V}. On a blocking fd the read sleeps until data, EOF or a shutdown: the scenario must be
     * able to release the task.
     */
    public SysResult taskRead(String task, String name, int max) {
        FdNames.Named f;
        synchronized (this) {
            f = names.get(name);
            boolean counter = f.kind() == FdNames.Kind.EVENTFD;
            callStart(task, "read", name, counter ? "8" : Integer.toString(readSize(max)));
        }
        if (f.kind() == FdNames.Kind.EVENTFD) {
            LibcFile.CounterRead cr = LibcFile.eventfdRead(f.fd());
            synchronized (this) {
                callReturn(task, result(cr.result()));
                counterRead(name, cr);
                return cr.result();
            }
        }
        SysResult r = LibcFile.read(f.fd(), new byte[max]);
        synchronized (this) {
            callReturn(task, result(r));
            return r;
        }
    }

    // ---- helpers ----

    /** The SIGPIPE disposition of this process from /proc/self/status (for a comment). */
    public static String sigpipeDisposition() {
        try {
            List<String> status = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"));
            long ign = mask(status, "SigIgn:");
            long cgt = mask(status, "SigCgt:");
            long bit = 1L << (13 - 1);
            return (ign & bit) != 0 ? "ignored (SigIgn)" : (cgt & bit) != 0 ? "caught by a handler (SigCgt)" : "default (terminate)";
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static long mask(List<String> status, String key) {
        return status.stream().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> Long.parseUnsignedLong(l.substring(key.length()).strip(), 16)).orElse(0L);
    }
}
