package kpath.kernel.tcp;

import kpath.kernel.Scenario;

import static kpath.kernel.tcp.TcpScenarios.*;

/**
 * The TCP battery at scale: fills of 100 clients and 50 requests, which the checkers must read in
 * seconds (their hidden steps bounded by the trace's clock). Built with {@link TcpScenarios}'s helpers.
 */
final class TcpScaleScenarios {
    private TcpScaleScenarios() {}

    // ---- 14. accept-queue-fill-100-clients ----

    /** Clients in the large accept-queue fill, and the ms a dropped one is given to settle. */
    static final int FILL_CLIENTS = 100;
    private static final int FILL_SETTLE_MS = 2;

    static Scenario acceptQueueFill100Clients() {
        int backlog = 3;
        return counting("accept-queue-fill-100-clients",
                "The accept-queue fill at scale (catalog L3, S1, H1, S2, A7): listen(L, " + backlog + ") then "
                        + FILL_CLIENTS + " non-blocking loopback clients connect one at a time and nobody accepts; B+1"
                        + " handshakes complete and the other SYNs are dropped (ListenOverflows, ListenDrops), each"
                        + " client left in SYN_SENT with its retransmission timer running. A connect is given at most "
                        + FILL_SETTLE_MS + " ms to become writable (loopback completes a handshake within connect), so"
                        + " the run should end before the first dropped client retransmits, 1 s after its connect; a"
                        + " slower run records the retransmissions in the counters. Then the queue is drained oldest"
                        + " first until EAGAIN and the listener closed.",
                (rec, h, clients) -> {
                    h.listen(backlog);
                    h.observeTcpInfo();
                    rec.observeNetstat();
                    for (int i = 1; i <= FILL_CLIENTS; i++) {
                        String c = clients.connectQuick(FILL_SETTLE_MS);
                        afterConnect(rec, h, clients, c);
                    }
                    drainAndClose(rec, h);
                });
    }

    // ---- 15. syn-queue-fill-50-requests ----

    /** SYNs in the large SYN-queue fill: the listener's backlog admits two fewer. */
    static final int SYN_FILL = 52;

    static Scenario synQueueFill50Requests() {
        int backlog = SYN_FILL - 3;
        return netnsTun("syn-queue-fill-50-requests",
                "The SYN-queue fill at scale (catalog S1, S4, T1): with tcp_syncookies=0 and listen(L, " + backlog + "), "
                        + SYN_FILL + " TUN peers send a SYN each and never ACK. Requests are admitted while"
                        + " Q <= B, so " + (backlog + 1) + " live requests each get a SYN-ACK and the last SYNs are dropped"
                        + " (TCPReqQFullDrop, ListenDrops). The run takes a few seconds, so each request's timer"
                        + " retransmits its SYN-ACK about 1 s and 3 s after its SYN, while the queue is more than"
                        + " half full (reqsk_timer_handler's young-request rule); every segment is recorded.",
                sysctls("net.ipv4.tcp_syncookies", "0"), NETNS_LIMIT,
                (rec, h, peers) -> {
                    h.listen(backlog);
                    afterTunStep(h);
                    for (int i = 1; i <= SYN_FILL; i++) {
                        peers.syn();
                        afterTunStep(h);
                    }
                });
    }
}
