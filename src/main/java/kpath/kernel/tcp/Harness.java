package kpath.kernel.tcp;

import kpath.kernel.Fds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcPoll;
import kpath.kernel.LibcSocket;
import kpath.kernel.SysResult;
import kpath.trace.Result;

/**
 * The listener under test, named {@code L} in the trace, and the names of its peers
 * ({@code c1}, {@code c2}, … in connect order, looked up by the peer's port). Every listener
 * syscall it makes is recorded with the result the kernel returned.
 */
final class Harness {

    static final String L = "L";

    /** Upper bound on accept calls in {@link #acceptUntilEagain}. */
    private static final int MAX_ACCEPTS = 64;

    final Recorder rec;
    final Fds fds;
    /** The listener fd. */
    final int lfd;
    /** The listener's local port. */
    final int port;

    private final Map<Integer, String> byPort = new HashMap<>();
    private int clients;

    private Harness(Recorder rec, Fds fds, int lfd, int port) {
        this.rec = rec;
        this.fds = fds;
        this.lfd = lfd;
        this.port = port;
    }

    /** A blocking TCP socket bound to {@code addr}:0 (an ephemeral port), not yet listening. */
    static Harness bound(Recorder rec, Fds fds, int addrHostOrder) {
        int fd = fds.own(LibcSocket.socket(LibcSocket.AF_INET, LibcSocket.SOCK_STREAM | LibcSocket.SOCK_CLOEXEC, 0),
                "socket(listener)");
        LibcSocket.bind(fd, addrHostOrder, 0).orThrow("bind(listener, " + LibcSocket.ipv4ToString(addrHostOrder) + ":0)");
        int port = LibcSocket.getsockname(fd).orThrow("getsockname(listener)").intValue();
        return new Harness(rec, fds, fd, port);
    }

    /** Gives the next peer name to the peer using {@code peerPort}. */
    String nameClient(int peerPort) {
        String name = "c" + (++clients);
        if (byPort.putIfAbsent(peerPort, name) != null) {
            throw new IllegalStateException("two clients on port " + peerPort);
        }
        return name;
    }

    /** The name of the peer on {@code peerPort}, or {@code p<port>} for a port no client used. */
    String nameOfPort(int peerPort) {
        return byPort.getOrDefault(peerPort, "p" + peerPort);
    }

    // ---- recorded listener syscalls ----

    /** {@code listen(L, backlog)}. */
    SysResult listen(int backlog) {
        SysResult r = LibcSocket.listen(lfd, backlog);
        rec.syscall("listen", r, "0", L, Integer.toString(backlog));
        return r;
    }

    /** {@code fcntl(L, F_SETFL, O_NONBLOCK)}. */
    SysResult setNonblock() {
        SysResult r = LibcFile.fcntl(lfd, LibcFile.F_SETFL, LibcFile.O_NONBLOCK);
        rec.syscall("fcntl", r, "0", L, "F_SETFL", "O_NONBLOCK");
        return r;
    }

    /**
     * {@code accept4(L, 0|SOCK_NONBLOCK)}; the accepted fd is owned by {@link #fds} and named
     * after its peer port. Call it only when it cannot block (O_NONBLOCK set, or the listener
     * polled readable).
     *
     * @return the peer's name, or empty when the call failed
     */
    Optional<String> accept(boolean sockNonblock) {
        LibcSocket.Accepted a = LibcSocket.accept4(lfd, sockNonblock ? LibcSocket.SOCK_NONBLOCK : 0);
        String name = a.result().ok() ? nameOfPort(a.peerPort()) : "-";
        if (a.result().ok()) {
            fds.own(a.fd());
        }
        rec.syscall("accept4", Recorder.result(a.result(), name), L, sockNonblock ? "SOCK_NONBLOCK" : "0");
        return a.result().ok() ? Optional.of(name) : Optional.empty();
    }

    /**
     * Blocking-listener accept that cannot hang: polls L for POLLIN for at most {@code waitMs}
     * first and throws if it does not become readable.
     */
    Optional<String> acceptReadable(boolean sockNonblock, int waitMs) {
        LibcPoll.PollResult pr = LibcPoll.poll(lfd, LibcPoll.POLLIN, waitMs);
        if (!pr.result().ok() || pr.result().value() == 0) {
            throw new IllegalStateException("listener not readable within " + waitMs
                    + " ms; refusing a blocking accept that could hang");
        }
        return accept(sockNonblock);
    }

    /**
     * Accepts until a failure (EAGAIN on a non-blocking listener), at most {@link #MAX_ACCEPTS}
     * times, observing tcp_info(L) after each successful accept.
     */
    List<String> acceptUntilError(boolean sockNonblock) {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < MAX_ACCEPTS; i++) {
            Optional<String> c = accept(sockNonblock);
            if (c.isEmpty()) {
                return got;
            }
            got.add(c.get());
            observeTcpInfo();
        }
        throw new IllegalStateException("more than " + MAX_ACCEPTS + " accepts without EAGAIN");
    }

    /** {@code close(L)}. */
    SysResult closeListener() {
        SysResult r = fds.close(lfd);
        rec.syscall("close", r, "0", L);
        return r;
    }

    // ---- observations of the listener ----

    void observeTcpInfo() {
        rec.observeTcpInfo(L, lfd);
    }

    void observeSynRecv() {
        rec.observeSynRecv(L, port);
    }

    void observePoll() {
        rec.observePoll(L, lfd);
    }

    /** tcp_info(L), synrecv(L) and netstat. */
    void observeQueues() {
        observeTcpInfo();
        observeSynRecv();
        rec.observeNetstat();
    }
}
