package kpath.kernel.tcp;

import kpath.kernel.Scenario;

import kpath.kernel.Fds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import kpath.kernel.LibcSocket;
import kpath.kernel.NetNamespace;
import kpath.kernel.ProcNet;
import kpath.kernel.Tun;
import kpath.trace.Header;
import kpath.trace.Trace;

/**
 * The battery of TCP passive-open scenarios whose traces the checker replays against
 * {@code kpath.model.tcp.TcpListen}. Unprivileged ones run in the host namespace over loopback;
 * privileged ones each run in a fresh private network namespace, set their sysctls there before
 * the listener exists, and talk to it through loopback or a TUN device. A scenario that reads the
 * netstat counters is privileged even without sysctls ({@link #counting}): only a private
 * namespace's counters are its own.
 */
public final class TcpScenarios {

    /** The kernel path these scenarios record: the {@code path:} header of their traces and their traces/ folder. */
    public static final String PATH = "tcp";

    private TcpScenarios() {
    }

    /** Wall-clock limit for a private-namespace scenario. */
    static final Duration NETNS_LIMIT = Duration.ofSeconds(30);

    /** The whole battery, unprivileged scenarios first. */
    public static List<Scenario> all() {
        List<Scenario> s = new ArrayList<>();
        s.add(acceptQueueFill(0));
        s.add(acceptQueueFill(1));
        s.add(acceptQueueFill(3));
        s.add(acceptEmptyNonblockEagain());
        s.add(accept4SockNonblockBlocks());
        s.add(listenerReadiness());
        s.add(listenBacklogClampAndRelisten());
        s.add(listenerCloseResetsQueued());
        s.add(queuedChildPeerResetStillAccepted());
        s.add(synQueueFillSyncookies0());
        s.add(synQueueFullSyncookies1());
        s.add(syncookies2Always());
        s.add(finalAckFullAcceptQueue(0));
        s.add(finalAckFullAcceptQueue(1));
        s.add(somaxconnBelowBacklog());
        s.add(synackRetransmitCount());
        s.add(TcpScaleScenarios.acceptQueueFill100Clients());
        s.add(TcpScaleScenarios.synQueueFill50Requests());
        return List.copyOf(s);
    }

    /** The scenario called {@code name}, if the battery has one. */
    public static Optional<Scenario> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    // ---- plumbing ----

    @FunctionalInterface
    interface LoopbackBody {
        void run(Recorder rec, Harness h, Loopback clients) throws Exception;
    }

    @FunctionalInterface
    interface TunBody {
        void run(Recorder rec, Harness h, TunPeers peers) throws Exception;
    }

    @FunctionalInterface
    private interface Capturer {
        Trace capture(Scenario self) throws Exception;
    }

    private record Defined(String name, String narrative, boolean privileged, Capturer capturer) implements Scenario {
        @Override
        public Trace capture() throws Exception {
            return capturer.capture(this);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Unprivileged: host netns, listener on 127.0.0.1:ephemeral, loopback clients. */
    private static Scenario host(String name, String narrative, LoopbackBody body) {
        return new Defined(name, narrative, false, self -> {
            try (Fds fds = new Fds()) {
                Recorder rec = new Recorder(self.name(), self.narrative(), Header.Netns.HOST, Header.Peer.LOOPBACK);
                Harness h = Harness.bound(rec, fds, LibcSocket.INADDR_LOOPBACK);
                body.run(rec, h, new Loopback(h));
                return rec.end();
            }
        });
    }

    /**
     * Privileged: a fresh netns with its default sysctls, listener on 127.0.0.1, loopback clients;
     * for a scenario that reads the netstat counters, which in the host namespace also count every
     * other TCP connection on the machine (another capture's too).
     */
    static Scenario counting(String name, String narrative, LoopbackBody body) {
        return netnsLoopback(name, narrative, Map.of(), body);
    }

    /** Privileged: a fresh netns with {@code sysctls} set, listener on 127.0.0.1, loopback clients. */
    private static Scenario netnsLoopback(String name, String narrative, Map<String, String> sysctls,
                                          LoopbackBody body) {
        return new Defined(name, narrative, true, self -> NetNamespace.runInPrivateNetns(NETNS_LIMIT, () -> {
            setSysctls(sysctls);
            try (Fds fds = new Fds()) {
                Recorder rec = new Recorder(self.name(), self.narrative(), Header.Netns.PRIVATE, Header.Peer.LOOPBACK);
                noteSysctls(rec, sysctls);
                Harness h = Harness.bound(rec, fds, LibcSocket.INADDR_LOOPBACK);
                body.run(rec, h, new Loopback(h));
                return rec.end();
            }
        }));
    }

    /** Privileged: a fresh netns with {@code sysctls} set, listener on 192.0.2.1, peers injected through TUN. */
    static Scenario netnsTun(String name, String narrative, Map<String, String> sysctls, Duration limit,
                                     TunBody body) {
        return new Defined(name, narrative, true, self -> NetNamespace.runInPrivateNetns(limit, () -> {
            setSysctls(sysctls);
            try (Fds fds = new Fds(); Tun tun = Tun.open()) {
                TunPeers.drainNoise(tun);
                Recorder rec = new Recorder(self.name(), self.narrative(), Header.Netns.PRIVATE, Header.Peer.TUN);
                noteSysctls(rec, sysctls);
                Harness h = Harness.bound(rec, fds, Tun.LOCAL_ADDRESS);
                rec.comment("listener L on 192.0.2.1:" + h.port + "; peers are 192.0.2.2:4000N, played through TUN");
                body.run(rec, h, new TunPeers(h, tun));
                return rec.end();
            }
        }));
    }

    private static void setSysctls(Map<String, String> sysctls) {
        sysctls.forEach(ProcNet::setSysctlInPrivateNetns);
    }

    private static void noteSysctls(Recorder rec, Map<String, String> sysctls) {
        if (!sysctls.isEmpty()) {
            List<String> set = new ArrayList<>();
            sysctls.forEach((k, v) -> set.add(k + "=" + v));
            rec.comment("set in this private netns before the listener was created: " + String.join(", ", set));
        }
    }

    static Map<String, String> sysctls(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** After a loopback connect: the client's view, the listener's queue lengths and the counters. */
    static void afterConnect(Recorder rec, Harness h, Loopback clients, String c) {
        clients.observe(c);
        h.observeTcpInfo();
        rec.observeNetstat();
    }

    /** After a TUN step: the listener's queues and counters. */
    static void afterTunStep(Harness h) {
        h.observeQueues();
    }

    // ---- 1. accept-queue-fill-backlog-B ----

    static Scenario acceptQueueFill(int backlog) {
        int n = backlog + 3;
        return counting("accept-queue-fill-backlog-" + backlog,
                "Accept-queue capacity on loopback (catalog L3, S1, H1, S2, A7): listen(L, " + backlog + ") then "
                        + n + " non-blocking clients connect one at a time and nobody accepts. sk_acceptq_is_full is"
                        + " 'A > B', so B+1 handshakes complete and later SYNs are dropped silently (ListenOverflows,"
                        + " ListenDrops), leaving those clients in SYN_SENT. Then the queue is drained with a"
                        + " non-blocking accept until EAGAIN, oldest first. The run ends well within the ~1 s a"
                        + " dropped client waits before retransmitting its SYN.",
                (rec, h, clients) -> {
                    rec.comment("B = min(" + backlog + ", somaxconn); tcp_info on a listener shows A (unacked) and B (sacked)");
                    h.listen(backlog);
                    h.observeTcpInfo();
                    rec.observeNetstat();
                    for (int i = 1; i <= n; i++) {
                        rec.blank();
                        rec.comment("client " + i + " of " + n + ": does its handshake complete, or is its SYN dropped?");
                        String c = clients.connect();
                        afterConnect(rec, h, clients, c);
                    }
                    drainAndClose(rec, h);
                });
    }

    // ---- 2. accept-empty-nonblock-eagain ----

    static Scenario acceptEmptyNonblockEagain() {
        return host("accept-empty-nonblock-eagain",
                "accept on an empty queue of a listener whose file has O_NONBLOCK returns EAGAIN (catalog A2),"
                        + " with and without SOCK_NONBLOCK in accept4's flags: the listener's file flag, not the"
                        + " accept4 flag, decides whether accept blocks. poll on the empty listener reports nothing"
                        + " (catalog P1).",
                (rec, h, clients) -> {
                    h.listen(1);
                    h.observeTcpInfo();
                    rec.comment("empty accept queue: a listener is readable only when A > 0");
                    h.observePoll();
                    h.setNonblock();
                    rec.comment("O_NONBLOCK on the listener: accept on the empty queue must not block");
                    h.accept(false);
                    h.accept(true);
                    h.observeTcpInfo();
                    h.closeListener();
                });
    }

    // ---- 3. accept4-sock-nonblock-blocks ----

    static Scenario accept4SockNonblockBlocks() {
        return host("accept4-sock-nonblock-blocks",
                "accept4(L, SOCK_NONBLOCK) on a blocking listener with an empty queue blocks (catalog A3):"
                        + " SOCK_NONBLOCK only marks the new fd, and only the listener's own O_NONBLOCK makes accept"
                        + " return EAGAIN. A helper thread t1 makes the call; after 200 ms it has not returned. A"
                        + " client then connects, its child is queued, and t1 wakes with that child.",
                (rec, h, clients) -> {
                    h.listen(1);
                    h.observeTcpInfo();
                    rec.comment("t1 calls accept4(L, SOCK_NONBLOCK) on the blocking, empty listener");
                    AtomicReference<LibcSocket.Accepted> got = new AtomicReference<>();
                    AtomicReference<Throwable> failed = new AtomicReference<>();
                    long started = rec.now();
                    Thread t1 = Thread.ofPlatform().name("kpath-accept-t1").daemon(true).start(() -> {
                        try {
                            got.set(LibcSocket.accept4(h.lfd, LibcSocket.SOCK_NONBLOCK));
                        } catch (Throwable t) {
                            failed.set(t);
                        }
                    });
                    boolean returnedEarly = t1.join(Duration.ofMillis(200));
                    if (returnedEarly) {
                        if (failed.get() != null) {
                            throw new IllegalStateException("accept thread failed", failed.get());
                        }
                        LibcSocket.Accepted a = got.get();
                        if (a.result().ok()) {
                            h.fds.own(a.fd());
                        }
                        rec.comment("t1's accept4 returned within 200 ms");
                        rec.syscall("accept4", Recorder.result(a.result(), h.nameOfPort(a.peerPort())),
                                Harness.L, "SOCK_NONBLOCK");
                        h.closeListener();
                        return;
                    }
                    rec.callStart(started, "t1", "accept4", Harness.L, "SOCK_NONBLOCK");
                    rec.comment("still blocked after 200 ms; now a client connects");
                    String c = clients.connect();
                    boolean returned = t1.join(Duration.ofSeconds(2));
                    if (!returned) {
                        // unblock the thread: shutdown(SHUT_RD) makes a sleeping accept fail (catalog A6)
                        LibcSocket.shutdown(h.lfd, LibcSocket.SHUT_RDWR);
                        boolean ended = t1.join(Duration.ofSeconds(2));
                        LibcSocket.Accepted late = got.get();
                        if (late != null && late.result().ok()) {
                            h.fds.own(late.fd());
                        }
                        throw new IllegalStateException("t1's accept4 did not return within 2 s of connect(" + c
                                + ")" + (ended ? "" : "; thread still blocked after shutdown"));
                    }
                    if (failed.get() != null) {
                        throw new IllegalStateException("accept thread failed", failed.get());
                    }
                    LibcSocket.Accepted a = got.get();
                    if (a.result().ok()) {
                        h.fds.own(a.fd());
                    }
                    rec.callReturn("t1", Recorder.result(a.result(), h.nameOfPort(a.peerPort())));
                    clients.observe(c);
                    h.observeTcpInfo();
                    h.closeListener();
                });
    }

    // ---- 4. listener-readiness ----

    static Scenario listenerReadiness() {
        return host("listener-readiness",
                "poll(2) readiness of a listening socket (catalog P1, P2): before listen the socket is a plain"
                        + " TCP_CLOSE socket; a listener with an empty accept queue reports no events; with children"
                        + " queued it reports POLLIN|POLLRDNORM and never POLLOUT/POLLHUP. Observed after listen,"
                        + " after each of two connects, after each accept, and after EAGAIN on the empty queue.",
                (rec, h, clients) -> {
                    rec.comment("bound, not yet listening: tcp_poll of a TCP_CLOSE socket");
                    h.observePoll();
                    h.listen(2);
                    h.observePoll();
                    for (int i = 0; i < 2; i++) {
                        String c = clients.connect();
                        clients.observe(c);
                        h.observeTcpInfo();
                        h.observePoll();
                    }
                    rec.comment("blocking accepts on a non-empty queue (each guarded by a bounded poll for POLLIN)");
                    for (int i = 0; i < 2; i++) {
                        h.acceptReadable(false, 1000);
                        h.observeTcpInfo();
                        h.observePoll();
                    }
                    h.setNonblock();
                    h.accept(false);
                    h.observePoll();
                    h.closeListener();
                });
    }

    // ---- 5. listen-backlog-clamp-and-relisten ----

    static Scenario listenBacklogClampAndRelisten() {
        return counting("listen-backlog-clamp-and-relisten",
                "listen's backlog is clamped to net.core.somaxconn, compared as unsigned so -1 means 'as much as"
                        + " allowed' (catalog L1, L2); calling listen again on a listener only rewrites the backlog and"
                        + " keeps the queued children (L4). listen(L, 100000), listen(L, -1), then listen(L, 1) with"
                        + " two clients queued, then listen(L, 3) and two more clients, then accept all.",
                (rec, h, clients) -> {
                    rec.comment("backlog above somaxconn: sacked (B) shows the clamp");
                    h.listen(100000);
                    h.observeTcpInfo();
                    rec.comment("negative backlog: compared as unsigned, so clamped too");
                    h.listen(-1);
                    h.observeTcpInfo();
                    rec.comment("shrink to 1: the queue holds B+1 = 2");
                    h.listen(1);
                    h.observeTcpInfo();
                    for (int i = 0; i < 2; i++) {
                        String c = clients.connect();
                        afterConnect(rec, h, clients, c);
                    }
                    rec.comment("re-listen with 3: A is kept, only B changes");
                    h.listen(3);
                    h.observeTcpInfo();
                    for (int i = 0; i < 2; i++) {
                        String c = clients.connect();
                        afterConnect(rec, h, clients, c);
                    }
                    h.setNonblock();
                    h.acceptUntilError(false);
                    h.closeListener();
                });
    }

    // ---- 6. listener-close-resets-queued ----

    static Scenario listenerCloseResetsQueued() {
        return counting("listener-close-resets-queued",
                "Closing a listener with children still in its accept queue disconnects each child, which sends"
                        + " RST to its peer (catalog C1): both clients, ESTABLISHED before, read as reset (TCP_CLOSE"
                        + " with SO_ERROR ECONNRESET) after close(L).",
                (rec, h, clients) -> {
                    h.listen(4);
                    String c1 = clients.connect();
                    afterConnect(rec, h, clients, c1);
                    String c2 = clients.connect();
                    afterConnect(rec, h, clients, c2);
                    rec.comment("close the listener with two un-accepted children");
                    h.closeListener();
                    clients.settleErrors(200, c1, c2);
                    rec.comment("the clients' own sockets after the listener's close");
                    clients.observe(c1);
                    clients.observe(c2);
                    rec.observeNetstat();
                });
    }

    // ---- 7. queued-child-peer-reset-still-accepted ----

    static Scenario queuedChildPeerResetStillAccepted() {
        return counting("queued-child-peer-reset-still-accepted",
                "A child reset by its peer while it waits in the accept queue stays queued and accept still returns"
                        + " it (catalog A8): c1 connects, then aborts (close with SO_LINGER {1, 0}, so its kernel"
                        + " sends RST); the listener's queue length does not change and accept4 returns c1's child.",
                (rec, h, clients) -> {
                    h.listen(4);
                    String c1 = clients.connect();
                    afterConnect(rec, h, clients, c1);
                    rec.comment("c1 aborts: its RST reaches the queued child");
                    clients.abort(c1);
                    h.observeTcpInfo();
                    rec.observeNetstat();
                    rec.comment("accept still returns the reset child");
                    h.acceptReadable(false, 1000);
                    h.observeTcpInfo();
                    rec.observeNetstat();
                    h.closeListener();
                });
    }

    // ---- 8. syn-queue-fill-syncookies-0 ----

    static Scenario synQueueFillSyncookies0() {
        return netnsTun("syn-queue-fill-syncookies-0",
                "SYN-queue limit without syncookies (catalog S1, S4): with tcp_syncookies=0 and listen(L, 2), five"
                        + " peers send a SYN and never ACK. inet_csk_reqsk_queue_is_full is 'Q > B' on this kernel, so"
                        + " requests are admitted (SYN-ACK, one SYN_RECV entry each) while Q <= B, and later SYNs are"
                        + " dropped without a reply (TCPReqQFullDrop, ListenDrops).",
                sysctls("net.ipv4.tcp_syncookies", "0"), NETNS_LIMIT,
                (rec, h, peers) -> {
                    h.listen(2);
                    afterTunStep(h);
                    for (int i = 1; i <= 5; i++) {
                        rec.blank();
                        rec.comment("SYN " + i + " of 5: admitted as a request, or dropped?");
                        String c = peers.syn();
                        peers.observe(c);
                        afterTunStep(h);
                    }
                });
    }

    // ---- 9. syn-queue-full-syncookies-1 ----

    static Scenario synQueueFullSyncookies1() {
        return netnsTun("syn-queue-full-syncookies-1",
                "A full SYN queue with tcp_syncookies=1 answers with a cookie SYN-ACK and keeps no request"
                        + " (catalog S3); the cookie ACK creates the child directly in the accept queue (H7). listen(L,"
                        + " 1): c1 and c2 become requests (Q <= B), c3 finds Q > B and gets a cookie; c3's ACK is"
                        + " validated (SyncookiesRecv) and queued; then c1's ACK completes its request too.",
                sysctls("net.ipv4.tcp_syncookies", "1"), NETNS_LIMIT,
                (rec, h, peers) -> {
                    h.listen(1);
                    afterTunStep(h);
                    String c1 = peers.syn();
                    afterTunStep(h);
                    String c2 = peers.syn();
                    afterTunStep(h);
                    rec.comment("Q = 2 > B = 1: the third SYN gets a cookie SYN-ACK, no request");
                    String c3 = peers.syn();
                    afterTunStep(h);
                    rec.comment("c3's cookie ACK: no request exists, the cookie is checked");
                    peers.ack(c3);
                    peers.observe(c3);
                    afterTunStep(h);
                    rec.comment("c1's ACK completes its request (A = 1, not > B)");
                    peers.ack(c1);
                    peers.observe(c1);
                    afterTunStep(h);
                    rec.blank();
                    h.setNonblock();
                    h.acceptUntilError(false);
                    afterTunStep(h);
                    peers.observe(c2);
                });
    }

    // ---- 10. syncookies-2-always ----

    static Scenario syncookies2Always() {
        return netnsTun("syncookies-2-always",
                "tcp_syncookies=2 sends a cookie SYN-ACK for every SYN, even with an empty SYN queue, so no request"
                        + " sock (no SYN_RECV entry) ever exists (catalog S5); the ACK is validated as a cookie and the"
                        + " child goes straight to the accept queue (H7).",
                sysctls("net.ipv4.tcp_syncookies", "2"), NETNS_LIMIT,
                (rec, h, peers) -> {
                    h.listen(4);
                    afterTunStep(h);
                    rec.comment("empty queues, yet syncookies=2 answers with a cookie");
                    String c1 = peers.syn();
                    peers.observe(c1);
                    afterTunStep(h);
                    peers.ack(c1);
                    afterTunStep(h);
                    h.setNonblock();
                    h.acceptUntilError(false);
                    rec.observeNetstat();
                });
    }

    // ---- 11. final-ack-full-accept-queue-abort-0/1 ----

    static Scenario finalAckFullAcceptQueue(int abort) {
        String narrative = "An admitted request whose final ACK finds the accept queue full (A > B):"
                + " listen(L, 1) with syncookies=1; c1 and c2 send SYNs, c1 completes (A = 1), c3's SYN is still"
                + " admitted (A = 1 is not > 1, Q = 1 <= 1), c2 completes (A = 2), and then c3's ACK finds A = 2 > B = 1"
                + " (ListenOverflows, ListenDrops). "
                + (abort == 0
                ? "With tcp_abort_on_overflow=0 the ACK is dropped and the request kept, marked acked (catalog"
                + " H2); after one accept frees room, c3's repeated ACK completes the handshake."
                : "With tcp_abort_on_overflow=1 the kernel answers c3 with RST and drops the request (catalog H3,"
                + " EmbryonicRsts).");
        return netnsTun("final-ack-full-accept-queue-abort-" + abort, narrative,
                sysctls("net.ipv4.tcp_syncookies", "1", "net.ipv4.tcp_abort_on_overflow", Integer.toString(abort)),
                NETNS_LIMIT,
                (rec, h, peers) -> {
                    h.listen(1);
                    afterTunStep(h);
                    String c1 = peers.syn();
                    afterTunStep(h);
                    String c2 = peers.syn();
                    afterTunStep(h);
                    peers.ack(c1);
                    afterTunStep(h);
                    rec.comment("c3's SYN while A = 1 = B: still admitted as a request");
                    String c3 = peers.syn();
                    afterTunStep(h);
                    peers.ack(c2);
                    afterTunStep(h);
                    rec.comment("c3's final ACK finds A = 2 > B = 1");
                    peers.ack(c3);
                    peers.observe(c3);
                    afterTunStep(h);
                    if (abort == 0) {
                        rec.blank();
                        rec.comment("free one slot, then c3 repeats its ACK: the acked request now completes");
                        h.setNonblock();
                        h.accept(false);
                        h.observeTcpInfo();
                        peers.ack(c3);
                        peers.observe(c3);
                        afterTunStep(h);
                    }
                });
    }

    // ---- 12. somaxconn-below-backlog ----

    static Scenario somaxconnBelowBacklog() {
        return netnsLoopback("somaxconn-below-backlog",
                "net.core.somaxconn caps listen's backlog (catalog L1, L2): with somaxconn=2 in a private namespace,"
                        + " listen(L, 8) and listen(L, -1) both give B = 2, so the accept queue takes B+1 = 3"
                        + " loopback clients and the fourth SYN is dropped (ListenOverflows, ListenDrops).",
                sysctls("net.core.somaxconn", "2"),
                (rec, h, clients) -> {
                    rec.comment("backlog 8 above somaxconn 2");
                    h.listen(8);
                    h.observeTcpInfo();
                    h.listen(-1);
                    h.observeTcpInfo();
                    rec.observeNetstat();
                    for (int i = 1; i <= 4; i++) {
                        rec.blank();
                        String c = clients.connect();
                        afterConnect(rec, h, clients, c);
                    }
                    rec.blank();
                    h.setNonblock();
                    h.acceptUntilError(false);
                    rec.observeNetstat();
                    h.closeListener();
                });
    }

    // ---- 13. synack-retransmit-count ----

    static Scenario synackRetransmitCount() {
        return netnsTun("synack-retransmit-count",
                "SYN-ACK retransmission and request expiry (catalog T1): with tcp_synack_retries=2 a request whose"
                        + " peer never ACKs gets its SYN-ACK retransmitted when the request timer fires (about 1 s and"
                        + " 3 s after the SYN), and when the timer fires again with num_timeout = 2 (about 7 s) the"
                        + " request is dropped silently: no segment, the SYN_RECV entry disappears.",
                sysctls("net.ipv4.tcp_synack_retries", "2"), Duration.ofSeconds(25),
                (rec, h, peers) -> {
                    h.listen(4);
                    afterTunStep(h);
                    String c1 = peers.syn();
                    peers.observe(c1);
                    afterTunStep(h);
                    rec.blank();
                    rec.comment("wait: up to 9 s for the request timer, recording every segment it sends;"
                            + " synrecv(L) after each one, and again once the request is gone");
                    boolean gone = peers.waitRecording(Duration.ofSeconds(9), Duration.ofMillis(50),
                            h::observeSynRecv, () -> ProcNet.synRecvCount(h.port) == 0);
                    if (!gone) {
                        rec.comment("the request was still there after 9 s");
                    }
                    h.observeQueues();
                    rec.comment("wait: 300 ms more to see that the expiry sent nothing");
                    peers.waitRecording(Duration.ofMillis(300), Duration.ofMillis(50), h::observeSynRecv, () -> false);
                    peers.observe(c1);
                    h.observeQueues();
                });
    }

    /** The end of a fill: the queue drained oldest first until EAGAIN, the counters read, the listener closed. */
    static void drainAndClose(Recorder rec, Harness h) {
        rec.blank();
        rec.comment("drain the accept queue: FIFO order, then EAGAIN on the empty non-blocking listener");
        h.setNonblock();
        h.acceptUntilError(false);
        rec.observeNetstat();
        h.closeListener();
    }
}
