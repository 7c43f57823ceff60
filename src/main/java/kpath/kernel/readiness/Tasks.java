package kpath.kernel.readiness;

import java.util.List;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcSocket;
import kpath.kernel.TaskThreads;
import kpath.trace.Wchan;
import kpath.kernel.readiness.ReadinessRecorder.PollEntry;

/**
 * The tasks of one threaded readiness scenario ({@link TaskThreads}: one platform thread per task,
 * every wait bounded) and the readiness calls they make, each recorded as {@code tN -> call} /
 * {@code tN <- result} through the scenario's {@link ReadinessRecorder}: epoll_wait, poll, select
 * and read, with the kernel function each sleeps in ({@link Wchan}) and, for a call that could sleep
 * for ever, its release.
 */
public final class Tasks extends TaskThreads {

    private final ReadinessRecorder rec;

    public Tasks(String scenario, ReadinessRecorder rec) {
        super(scenario, rec);
        this.rec = rec;
    }

    /** A release run on the main thread for a call that sleeps until {@code name} changes state. */
    private Runnable releaseBy(String name) {
        int fd = rec.fd(name);
        return switch (rec.names().kind(name)) {
            case EVENTFD -> () -> LibcFile.eventfdWrite(fd, 1);
            // net/unix/af_unix.c unix_shutdown: RCV_SHUTDOWN on this end, sk_state_change wakes its readers
            case UNIX_STREAM -> () -> LibcSocket.shutdown(fd, LibcSocket.SHUT_RDWR);
            case PIPE_WRITE -> () -> LibcFile.write(fd, new byte[1]);
            // net/ipv4/tcp.c tcp_shutdown → inet_shutdown: RCV_SHUTDOWN, sk_state_change wakes sk_wait_data
            case TCP -> () -> LibcSocket.shutdown(fd, LibcSocket.SHUT_RDWR);
            default -> throw new IllegalArgumentException("no release through " + name);
        };
    }

    /** Task {@code t}: {@code epoll_wait(EP, MAX, TIMEOUT)} with TIMEOUT &ge; 0. */
    public Call epollWait(Task t, String ep, int maxEvents, int timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("an unbounded epoll_wait needs a release: epollWait(.., releaseBy)");
        }
        return epollWait(t, ep, maxEvents, timeoutMs, null);
    }

    /**
     * Task {@code t}: {@code epoll_wait(EP, MAX, TIMEOUT)}; {@code releaseBy} (when not null) names
     * an fd whose change of state wakes the wait should the scenario fail (an eventfd gets 1 added,
     * a socket is shut down, a pipe gets a byte).
     */
    public Call epollWait(Task t, String ep, int maxEvents, int timeoutMs, String releaseBy) {
        Runnable release = releaseBy == null ? null : releaseBy(releaseBy);
        return t.call("epoll_wait(" + ep + ", " + maxEvents + ", " + timeoutMs + ")", Wchan.EPOLL_WAIT, release,
                () -> (long) rec.taskEpollWait(t.name(), ep, maxEvents, timeoutMs));
    }

    /** Task {@code t}: {@code poll(NAME=EVENTS, ..., TIMEOUT)} with TIMEOUT &ge; 0. */
    public Call poll(Task t, int timeoutMs, PollEntry... entries) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("task poll timeout must be >= 0 (bounded)");
        }
        return t.call("poll(.., " + timeoutMs + ")", Wchan.POLL, null,
                () -> (long) rec.taskPoll(t.name(), timeoutMs, entries));
    }

    /** Task {@code t}: {@code select(NFDS, RD, WR, EX, TIMEOUT)} with TIMEOUT &ge; 0. */
    public Call select(Task t, List<String> rd, List<String> wr, List<String> ex, int timeoutMs) {
        return t.call("select(.., " + timeoutMs + ")", Wchan.POLL, null,
                () -> (long) rec.taskSelect(t.name(), rd, wr, ex, timeoutMs));
    }

    /**
     * Task {@code t}: {@code read(NAME, MAX)}. A read of a blocking AF_UNIX stream, TCP socket or
     * eventfd may sleep; it is released by shutdown(SHUT_RDWR) of the socket or by adding 1 to the
     * eventfd. A read of a non-blocking fd never sleeps.
     */
    public Call read(Task t, String name, int max) {
        String wchan = null;
        Runnable release = null;
        if (rec.isBlocking(name)) {
            wchan = switch (rec.names().kind(name)) {
                case UNIX_STREAM -> Wchan.UNIX_READ;
                case EVENTFD -> Wchan.EVENTFD_READ;
                case TCP -> Wchan.TCP_READ;
                default -> throw new IllegalArgumentException("a blocking read of " + name + " cannot be released");
            };
            release = releaseBy(name);
        }
        String size = rec.names().kind(name) == FdNames.Kind.EVENTFD ? "8" : Integer.toString(max);
        return t.call("read(" + name + ", " + size + ")", wchan, release,
                () -> rec.taskRead(t.name(), name, max).value());
    }
}
