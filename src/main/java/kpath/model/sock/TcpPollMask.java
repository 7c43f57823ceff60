package kpath.model.sock;

import kpath.uapi.Mask;

/**
 * The poll method of a TCP socket, once for every path that polls one (the passive-open listener,
 * the readiness path's loopback sockets): net/ipv4/tcp.c tcp_poll, and for a listener
 * include/net/inet_connection_sock.h inet_csk_listen_poll.
 */
public final class TcpPollMask {
    private TcpPollMask() {}

    /** inet_csk_listen_poll: a listener is readable iff a child is queued, and never anything else. */
    public static int listener(boolean acceptQueueEmpty) {
        return acceptQueueEmpty ? 0 : Mask.IN | Mask.RDNORM;
    }

    /**
     * tcp_poll for a socket that is not listening: hung up once both directions are shut or the
     * socket is in TCP_CLOSE (a socket that never connected is), readable on data or a received
     * FIN, writable here always (the send buffer has room at these sizes), EPOLLERR on a pending
     * error.
     */
    public static int socket(boolean tcpClose, int shutdown, long rcvBytes, boolean error) {
        int m = 0;
        if (shutdown == SkShutdown.SHUTDOWN_MASK || tcpClose) {
            m |= Mask.HUP;
        }
        if ((shutdown & SkShutdown.RCV_SHUTDOWN) != 0) {
            m |= Mask.IN | Mask.RDNORM | Mask.RDHUP;
        }
        if (rcvBytes > 0) {
            m |= Mask.IN | Mask.RDNORM;
        }
        m |= Mask.OUT | Mask.WRNORM;
        if (error) {
            m |= Mask.ERR;
        }
        return m;
    }
}
