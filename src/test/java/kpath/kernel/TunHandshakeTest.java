package kpath.kernel;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static kpath.kernel.LibcFile.*;
import static kpath.kernel.LibcPoll.*;
import static kpath.kernel.LibcSocket.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import org.junit.jupiter.api.parallel.Isolated;

/** Drives a passive open from a fake peer (192.0.2.2) through a TUN device inside a private netns. */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class TunHandshakeTest {

    private static final int PEER_PORT = 40000;
    private static final long PEER_ISS = 1_000_000L;
    private static final Duration WAIT = Duration.ofSeconds(3);

    @Test
    void injectedHandshakeReachesTheAcceptQueue() throws Exception {
        var problem = NetNamespace.privilegeProblem();
        assumeTrue(problem.isEmpty(), () -> "skipped: " + problem.orElse(""));
        NetNamespace.runInPrivateNetns(Duration.ofSeconds(30), () -> {
            Tun opened;
            try {
                opened = Tun.open();
            } catch (PrivilegeException e) {
                // e.g. a user namespace's root and a /dev/net/tun only the real root may open
                Assumptions.abort("skipped: " + e.getMessage());
                return null;
            }
            try (Tun tun = opened; Fds fds = new Fds()) {
                int l = fds.own(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket");
                bind(l, Tun.LOCAL_ADDRESS, 0).orThrow("bind 192.0.2.1");
                listen(l, 4).orThrow("listen");
                int port = getsockname(l).intValue();
                tun.drain(Duration.ofMillis(50), Duration.ofMillis(500)); // whatever the kernel emitted on link-up

                tun.write(TcpPacket.of(Tun.PEER_ADDRESS, PEER_PORT, Tun.LOCAL_ADDRESS, port,
                        PEER_ISS, 0, TcpPacket.SYN, 65535).withMss(1460));
                TcpPacket synAck = tun.readTcp(WAIT, p -> p.dstPort() == PEER_PORT && p.srcPort() == port)
                        .orElseThrow(() -> new AssertionError("no SYN-ACK from the kernel"));
                assertEquals("S.", synAck.flagsText(), synAck.toString());
                assertEquals(PEER_ISS + 1, synAck.ack());
                assertEquals(Tun.PEER_ADDRESS, synAck.dstAddr());
                assertEquals(Tun.LOCAL_ADDRESS, synAck.srcAddr());
                assertTrue(synAck.mss().isPresent(), "Linux always sends MSS on SYN-ACK");
                assertEquals(1, ProcNet.synRecvCount(port), "request sock listed as SYN_RECV (03)");
                assertEquals(0, getTcpInfo(l).unacked(), "not yet in the accept queue");

                tun.write(TcpPacket.of(Tun.PEER_ADDRESS, PEER_PORT, Tun.LOCAL_ADDRESS, port,
                        PEER_ISS + 1, (synAck.seq() + 1) & 0xffffffffL, TcpPacket.ACK, 65535));
                assertEquals(1, poll(l, POLLIN, (int) WAIT.toMillis()).result().value(), "listener readable");
                TcpInfo info = getTcpInfo(l);
                assertEquals(1, info.unacked(), info.toString());
                assertEquals(4, info.sacked());
                assertEquals(0, ProcNet.synRecvCount(port));

                Accepted a = accept4(l, SOCK_CLOEXEC);
                fds.own(a.result(), "accept4");
                assertEquals(PEER_PORT, a.peerPort());
                assertEquals(Tun.PEER_ADDRESS, a.peerAddress());
            }
            return null;
        });
    }
}
