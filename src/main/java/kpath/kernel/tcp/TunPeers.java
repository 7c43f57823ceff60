package kpath.kernel.tcp;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.BooleanSupplier;
import kpath.kernel.Tun;
import kpath.kernel.TcpPacket;
import kpath.trace.Event;

/**
 * Remote peers 192.0.2.2:port played by the harness through the TUN device. Each injected
 * segment is written as {@code < FLAGS cN}; after it the device is drained until quiet and every
 * IPv4 TCP segment the kernel sent to the peer address is written as {@code > FLAGS cN}, in order.
 */
final class TunPeers {

    /** A drain ends after this long without a packet … */
    static final Duration QUIET = Duration.ofMillis(40);
    /** … or after this long in total. */
    static final Duration DRAIN_MAX = Duration.ofMillis(600);

    private static final int FIRST_PORT = 40001;
    private static final int MSS = 1460;
    private static final int WINDOW = 65535;

    private final Harness h;
    private final Tun tun;
    private final Map<String, Peer> peers = new HashMap<>();
    private final Map<Integer, String> byPort = new HashMap<>();

    /** The harness's own record of one peer. */
    private static final class Peer {
        final int port;
        final long isn;
        long serverIsn = -1; // from the last SYN-ACK seen
        String view = "SYN_SENT";

        Peer(int port, long isn) {
            this.port = port;
            this.isn = isn;
        }
    }

    TunPeers(Harness h, Tun tun) {
        this.h = h;
        this.tun = tun;
    }

    /** A new peer injects its SYN (with an MSS option): {@code < S cN}; returns cN. */
    String syn() {
        int n = peers.size() + 1;
        int port = FIRST_PORT + n - 1;
        Peer p = new Peer(port, 1_000_000L * n + 4_321L);
        String name = h.nameClient(port);
        peers.put(name, p);
        byPort.put(port, name);
        inject(name, TcpPacket.of(Tun.PEER_ADDRESS, port, Tun.LOCAL_ADDRESS, h.port, p.isn, 0, TcpPacket.SYN, WINDOW)
                .withMss(MSS), "S");
        return name;
    }

    /** The final ACK: seq = client ISN+1, ack = server ISN+1 of the last SYN-ACK seen for {@code c}. */
    void ack(String c) {
        Peer p = peer(c);
        if (p.serverIsn < 0) {
            throw new IllegalStateException(c + " has seen no SYN-ACK to acknowledge");
        }
        inject(c, TcpPacket.of(Tun.PEER_ADDRESS, p.port, Tun.LOCAL_ADDRESS, h.port, (p.isn + 1) & 0xffffffffL,
                (p.serverIsn + 1) & 0xffffffffL, TcpPacket.ACK, WINDOW), ".");
    }

    /** A RST from the peer (seq = ISN+1, in window): {@code < R cN}. */
    void rst(String c) {
        Peer p = peer(c);
        inject(c, TcpPacket.of(Tun.PEER_ADDRESS, p.port, Tun.LOCAL_ADDRESS, h.port, (p.isn + 1) & 0xffffffffL, 0,
                TcpPacket.RST, 0), "R");
        p.view = "CLOSED"; // the peer aborted the connection itself
    }

    private void inject(String c, TcpPacket packet, String flags) {
        tun.write(packet);
        h.rec.packet(Event.Direction.IN, flags, c);
        drain();
    }

    /** Reads the device until quiet (bounded) and records what the kernel sent. */
    void drain() {
        for (byte[] raw : tun.drain(QUIET, DRAIN_MAX)) {
            record(raw);
        }
    }

    /**
     * Waits up to {@code max} for the kernel to send something, recording every packet; after each
     * packet, and after each quiet read of {@code tick}, runs {@code after} (observations) or checks
     * {@code done}. Bounded in time and in iterations.
     *
     * @param afterPacket run after every recorded packet
     * @param done        checked after each quiet tick; ends the wait when true
     * @return true when {@code done} became true, false when {@code max} passed
     */
    boolean waitRecording(Duration max, Duration tick, Runnable afterPacket, BooleanSupplier done) {
        long deadline = System.nanoTime() + max.toNanos();
        long maxIterations = max.toMillis() / Math.max(1, tick.toMillis()) + 1_000;
        for (long i = 0; i < maxIterations; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Optional<byte[]> raw = tun.read(Duration.ofNanos(Math.min(left, tick.toNanos())));
            if (raw.isPresent()) {
                if (record(raw.get())) {
                    afterPacket.run();
                }
            } else if (done.getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records one packet the kernel sent: a TCP segment to the peer address as {@code > FLAGS cN}
     * (cN by destination port, {@code p<port>} for a port no peer used); anything else as a comment.
     *
     * @return whether it was a TCP segment to the peer
     */
    private boolean record(byte[] raw) {
        Optional<TcpPacket> parsed = TcpPacket.parse(raw);
        if (parsed.isEmpty() || parsed.get().dstAddr() != Tun.PEER_ADDRESS) {
            h.rec.comment("kernel sent a packet that is not an IPv4 TCP segment to the peer (" + raw.length
                    + " bytes" + (parsed.map(p -> ": " + p).orElse("")) + ")");
            return false;
        }
        TcpPacket p = parsed.get();
        String name = byPort.getOrDefault(p.dstPort(), "p" + p.dstPort());
        h.rec.packet(Event.Direction.OUT, p.flagsText(), name);
        Peer peer = peers.get(name);
        if (peer != null) {
            if (p.has(TcpPacket.RST)) {
                peer.view = "RESET";
            } else if (p.has(TcpPacket.SYN | TcpPacket.ACK)) {
                peer.serverIsn = p.seq();
                if (!peer.view.equals("RESET")) {
                    peer.view = "ESTABLISHED";
                }
            }
        }
        return true;
    }

    /**
     * {@code observe client(c) state=…}: the harness's own view — SYN_SENT until a SYN-ACK arrives,
     * ESTABLISHED after one, RESET after the kernel sent it a RST, CLOSED after it sent one itself.
     */
    void observe(String c) {
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("state", peer(c).view);
        h.rec.observe("client", c, v);
    }

    private Peer peer(String c) {
        Peer p = peers.get(c);
        if (p == null) {
            throw new IllegalArgumentException("no peer " + c);
        }
        return p;
    }

    /** Drains what the kernel emitted when the device came up, before recording starts; returns the count. */
    static int drainNoise(Tun tun) {
        List<byte[]> noise = tun.drain(Duration.ofMillis(50), Duration.ofMillis(500));
        return noise.size();
    }
}
