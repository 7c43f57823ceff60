package kpath.kernel.readiness;

import java.util.List;
import java.util.Optional;
import kpath.kernel.Scenario;

import static kpath.kernel.LibcPoll.EPOLLET;
import static kpath.kernel.LibcPoll.EPOLLIN;
import static kpath.kernel.LibcPoll.EPOLLOUT;
import static kpath.kernel.LibcPoll.EPOLLRDHUP;
import static kpath.kernel.LibcPoll.EPOLL_CTL_ADD;
import static kpath.kernel.LibcPoll.POLLIN;
import static kpath.kernel.LibcPoll.POLLOUT;
import static kpath.kernel.LibcSocket.SHUT_WR;
import static kpath.kernel.readiness.ReadinessRecorder.pfd;
import static kpath.kernel.readiness.ReadinessScenarios.BUF;
import static kpath.kernel.readiness.ReadinessScenarios.MAX;
import static kpath.kernel.readiness.ReadinessScenarios.scenario;

/**
 * Readiness scenarios for TCP sockets on loopback (127.0.0.1, host netns, unprivileged): a
 * listener's accept queue, a connected pair's data, shutdown, FIN and RST. Same recorder and trace
 * conventions as {@link ReadinessScenarios}; single-threaded, every wait bounded. The handshake
 * and every segment on loopback are normally processed before the sending call returns; where a
 * step depends on the peer having processed a segment, a bounded {@code poll} (timeout
 * {@link #SETTLE_MS}) is recorded first, so a slow delivery shows in the trace instead of racing.
 */
public final class TcpReadinessScenarios {

    private TcpReadinessScenarios() {
    }

    /** Bound of the waits that let a loopback handshake or segment arrive. */
    static final int SETTLE_MS = 1000;
    /** listen(2) backlog. */
    static final int BACKLOG = 8;

    /** The TCP readiness scenarios. */
    public static List<Scenario> all() {
        return List.of(
                tcpListenerReadiness(),
                tcpConnectedDataAndShutdown(),
                tcpResetByCloseWithUnreadData(),
                tcpPeerCloseFin());
    }

    /** The scenario called {@code name}, if this list has one. */
    public static Optional<Scenario> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static void step(ReadinessRecorder rec, String text) {
        rec.blank();
        rec.comment(text);
    }

    /** socket + bind(127.0.0.1:0) + listen: the listener's name. */
    static String listener(ReadinessRecorder rec) {
        String l = rec.tcpSocket("l");
        rec.bindLoopback(l).orThrow("bind(" + l + ")");
        rec.listen(l, BACKLOG).orThrow("listen(" + l + ")");
        return l;
    }

    /** A client connected to {@code l} (bounded wait for POLLOUT) and its accepted peer. */
    static ReadinessRecorder.Pair connectedPair(ReadinessRecorder rec, String l) {
        String c = rec.tcpSocket("c");
        rec.connect(c, l);
        rec.poll(SETTLE_MS, pfd(c, POLLOUT));
        rec.poll(SETTLE_MS, pfd(l, POLLIN));
        String a = rec.accept4(l).orElseThrow(() -> new IllegalStateException("accept4(" + l + ") failed"));
        return new ReadinessRecorder.Pair(c, a);
    }

    // ---- 1 ----

    static Scenario tcpListenerReadiness() {
        return scenario("tcp-listener-readiness",
                "A listening TCP socket's readiness is its accept queue: l0 listens on 127.0.0.1, e0 watches"
                        + " it with EPOLLIN (LT) and e1 with EPOLLIN|EPOLLET. Before any connect l0 polls 0; a"
                        + " fresh socket u0 that was never bound or connected (TCP_CLOSE) is polled too. Each"
                        + " completed handshake (c0, then c1) queues a connection and wakes l0; accept4 takes"
                        + " them one by one, and a third accept4 fails with EAGAIN. Each client's POLLOUT"
                        + " (handshake done) is waited for with a bounded poll.",
                rec -> {
                    rec.comment("a TCP socket that was never bound or connected (TCP_CLOSE)");
                    String u0 = rec.tcpSocket("u");
                    rec.observePoll(u0);
                    rec.close(u0);

                    step(rec, "l0 listening, nothing queued");
                    String l0 = listener(rec);
                    String e0 = rec.epollCreate();
                    String e1 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, l0, EPOLLIN);
                    rec.epollCtl(e1, EPOLL_CTL_ADD, l0, EPOLLIN | EPOLLET);
                    rec.observePoll(l0);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e1, MAX, 0);

                    step(rec, "c0 connects: one connection queued");
                    String c0 = rec.tcpSocket("c");
                    rec.connect(c0, l0);
                    rec.poll(SETTLE_MS, pfd(c0, POLLOUT));
                    rec.poll(SETTLE_MS, pfd(l0, POLLIN));
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e1, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e1, MAX, 0);
                    rec.observePoll(l0);

                    step(rec, "c1 connects while c0's connection is still queued: a new arrival");
                    String c1 = rec.tcpSocket("c");
                    rec.connect(c1, l0);
                    rec.poll(SETTLE_MS, pfd(c1, POLLOUT));
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e1, MAX, 0);
                    rec.epollWait(e1, MAX, 0);
                    rec.observePoll(l0);

                    step(rec, "accept the first: one still queued");
                    rec.accept4(l0);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e1, MAX, 0);
                    rec.observePoll(l0);

                    step(rec, "accept the second: the queue is empty");
                    rec.accept4(l0);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e1, MAX, 0);
                    rec.observePoll(l0);

                    step(rec, "a third accept4 on the empty queue");
                    rec.accept4(l0);
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(l0);
                });
    }

    // ---- 2 ----

    static Scenario tcpConnectedDataAndShutdown() {
        return scenario("tcp-connected-data-and-shutdown",
                "A connected TCP pair on loopback: c0 connects to l0 and a0 is accepted. e0 watches a0 with"
                        + " EPOLLIN|EPOLLRDHUP (LT) and c0 with EPOLLOUT|EPOLLET. 5 bytes from c0 make a0"
                        + " readable until all are read. shutdown(c0, SHUT_WR) sends a FIN: a0 gets"
                        + " EPOLLIN|EPOLLRDHUP and read returns 0. shutdown(a0, SHUT_WR) sends a0's FIN:"
                        + " with both directions shut, each end reports EPOLLHUP. Then both close.",
                rec -> {
                    String l0 = listener(rec);
                    var p = connectedPair(rec, l0);
                    String c0 = p.first();
                    String a0 = p.second();
                    rec.observePoll(c0);
                    rec.observePoll(a0);
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, a0, EPOLLIN | EPOLLRDHUP);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, c0, EPOLLOUT | EPOLLET);
                    step(rec, "connected, idle: c0 writable (reported once, ET), a0 not readable");
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);

                    step(rec, "c0 sends 5 bytes");
                    rec.write(c0, 5);
                    rec.poll(SETTLE_MS, pfd(a0, POLLIN));
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(a0);

                    step(rec, "a0 reads 2 of them: 3 remain (LT: still reported)");
                    rec.read(a0, 2);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "a0 reads the rest");
                    rec.read(a0, BUF);
                    rec.read(a0, BUF);
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(a0);

                    step(rec, "c0 shuts down its sending side: a FIN to a0");
                    rec.shutdown(c0, SHUT_WR);
                    rec.poll(SETTLE_MS, pfd(a0, POLLIN));
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(a0);
                    rec.observePoll(c0);
                    rec.read(a0, BUF);
                    rec.epollWait(e0, MAX, 0);

                    step(rec, "a0 shuts down its sending side too: a FIN to c0; both directions are shut");
                    rec.shutdown(a0, SHUT_WR);
                    rec.poll(SETTLE_MS, pfd(c0, POLLIN));
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(a0);
                    rec.observePoll(c0);
                    rec.read(c0, BUF);

                    step(rec, "close both");
                    rec.close(c0);
                    rec.close(a0);
                    rec.epollWait(e0, MAX, 0);
                });
    }

    // ---- 3 ----

    static Scenario tcpResetByCloseWithUnreadData() {
        return scenario("tcp-reset-by-close-with-unread-data",
                "Closing a TCP socket that has unread received data sends a RST instead of a FIN"
                        + " (RFC 2525 2.17): c0 sends 3 bytes that a0 never reads, then a0 closes. c0 receives"
                        + " the RST: its pending error (ECONNRESET) shows as POLLERR until a read returns it.",
                rec -> {
                    String l0 = listener(rec);
                    var p = connectedPair(rec, l0);
                    String c0 = p.first();
                    String a0 = p.second();
                    rec.observePoll(c0);

                    step(rec, "c0 sends 3 bytes; a0 does not read them");
                    rec.write(c0, 3);
                    rec.poll(SETTLE_MS, pfd(a0, POLLIN));
                    rec.observePoll(a0);

                    step(rec, "a0 closes with the 3 bytes unread: RST to c0");
                    rec.close(a0);
                    rec.poll(SETTLE_MS, pfd(c0, POLLIN));
                    rec.observePoll(c0);

                    step(rec, "c0 reads: the pending error is returned (and cleared)");
                    rec.read(c0, BUF);
                    rec.observePoll(c0);
                    rec.read(c0, BUF);
                    rec.observePoll(c0);
                });
    }

    // ---- 4 ----

    static Scenario tcpPeerCloseFin() {
        return scenario("tcp-peer-close-fin",
                "Closing a TCP socket with nothing unread sends a FIN: a0 closes, c0 sees EOF"
                        + " (POLLIN|POLLRDHUP, read returns 0) but may still send. a0's socket is gone (orphaned,"
                        + " receive side shut), so c0's next data is answered with a RST, which leaves an error"
                        + " pending on c0 (in CLOSE_WAIT the kernel's tcp_reset sets EPIPE, not ECONNRESET);"
                        + " the next write returns that error and clears it, later writes fail with EPIPE"
                        + " because c0 is shut down in both directions. The process's SIGPIPE"
                        + " disposition (from /proc/self/status at capture time) is noted before the writes.",
                rec -> {
                    String l0 = listener(rec);
                    var p = connectedPair(rec, l0);
                    String c0 = p.first();
                    String a0 = p.second();
                    rec.observePoll(c0);

                    step(rec, "a0 closes with nothing unread: a FIN to c0");
                    rec.close(a0);
                    rec.poll(SETTLE_MS, pfd(c0, POLLIN));
                    rec.observePoll(c0);
                    rec.read(c0, BUF);
                    rec.observePoll(c0);

                    step(rec, "c0 writes 1 byte to the closed peer: the data is sent, a RST comes back (waited"
                            + " for with a bounded poll asking for no events: it returns on POLLERR/POLLHUP)."
                            + " SIGPIPE disposition of this process: " + ReadinessRecorder.sigpipeDisposition());
                    rec.write(c0, 1);
                    rec.poll(SETTLE_MS, pfd(c0, 0));
                    rec.observePoll(c0);

                    step(rec, "further writes");
                    rec.write(c0, 1);
                    rec.observePoll(c0);
                    rec.write(c0, 1);
                    rec.observePoll(c0);
                });
    }
}
