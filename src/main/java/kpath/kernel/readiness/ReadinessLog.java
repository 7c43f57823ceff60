package kpath.kernel.readiness;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import kpath.kernel.Fds;
import kpath.kernel.SysResult;
import kpath.kernel.TraceLog;
import kpath.trace.Header;
import kpath.trace.Result;

/**
 * The state every layer of the readiness recorder shares: the scenario's owned fds ({@link Fds},
 * closed also on failure), their names ({@link FdNames}), and which of them are blocking. The
 * layers above add the calls by subsystem: {@link CreateCalls} (fds are made), {@link WaitCalls}
 * (epoll, poll, select), {@link IoCalls} (read, write, close, fcntl, signals), and
 * {@link ReadinessRecorder} (the calls of tasks), the one type scenarios use. They are one object
 * and so have one lock, its monitor, which {@link TraceLog} also takes for every line.
 */
abstract sealed class ReadinessLog extends TraceLog permits CreateCalls {

    final Fds fds;
    final FdNames names = new FdNames();
    /** Names of fds opened without O_NONBLOCK: only a task may read them (see {@link IoCalls#read}). */
    final Set<String> blocking = new HashSet<>();

    /** The header is read now; the narrative becomes the leading {@code #} comment. */
    ReadinessLog(String scenario, String narrative, Fds fds, UnixSendProbe.Lines host) {
        super(scenario, narrative, ReadinessScenarios.PATH, Header.Netns.HOST, Header.Peer.LOOPBACK,
                host == null ? new LinkedHashMap<>() : host.sysctls(), host == null ? java.util.List.of() : host.extra());
        this.fds = fds;
    }

    public FdNames names() {
        return names;
    }

    /** The fd number a name had at creation. */
    public int fd(String name) {
        return names.fd(name);
    }

    /** Whether the name's fd was opened blocking (no O_NONBLOCK; dups share the open file). */
    public synchronized boolean isBlocking(String name) {
        names.get(name);
        return blocking.contains(name);
    }

    // ---- text ----

    static Result result(SysResult r) {
        return result(r, Long.toString(r.value()));
    }

    static String named(String name, int fd) {
        return name + ":" + fd;
    }
}
