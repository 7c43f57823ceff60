package kpath.model.tcp;

/**
 * The durations of the passive-open path's two timers, as the kernel computes them: the request
 * sock's SYN-ACK timer on the listener's side and a connecting client's SYN retransmission timer.
 * Pure arithmetic in microseconds of the kernel's jiffies (HZ-independent: both base values are
 * whole seconds); no clock. When a timer fires, and how late it may be, is the checkers' business
 * ({@code kpath.check.tcp.TcpTime}): the model itself has no time, only the steps
 * {@link TcpAction.SynAckTimer} and a peer's retransmitted {@link TcpAction.SynArrives}.
 */
public final class TcpTimers {
    private TcpTimers() {}

    /** include/net/tcp.h TCP_TIMEOUT_INIT, {@code (unsigned)(1*HZ)}: the first RTO of a SYN and of a SYN-ACK. */
    public static final long TCP_TIMEOUT_INIT_US = 1_000_000L;

    /** include/net/tcp.h TCP_RTO_MAX, {@code (unsigned)(120*HZ)}: no RTO and no request timeout exceeds it. */
    public static final long TCP_RTO_MAX_US = 120_000_000L;

    /**
     * How long a request's timer runs after it was armed with {@code numTimeout} firings behind it.
     * Kernel: net/ipv4/tcp_input.c tcp_conn_request arms it with {@code req->timeout =
     * tcp_timeout_init()} (TCP_TIMEOUT_INIT without a BPF sock_ops program) through
     * inet_csk_reqsk_queue_hash_add; net/ipv4/inet_connection_sock.c reqsk_timer_handler re-arms it
     * after each retransmission with {@code reqsk_timeout(req, TCP_RTO_MAX)} =
     * {@code min(req->timeout << num_timeout, TCP_RTO_MAX)}, num_timeout already incremented.
     * The same on every kernel the profiles cover (4.4 to 6.18).
     */
    public static long synAckTimeout(int numTimeout) {
        if (numTimeout < 0) {
            throw new IllegalArgumentException("numTimeout < 0");
        }
        // 1 s << 7 is already past TCP_RTO_MAX; capping the shift keeps it from wrapping (num_timeout is a u8)
        return Math.min(TCP_TIMEOUT_INIT_US << Math.min(numTimeout, 7), TCP_RTO_MAX_US);
    }

    /**
     * How long a connecting client waits before its SYN retransmission number {@code n} (1 for the
     * first retransmission). Kernel: net/ipv4/tcp_output.c tcp_connect arms the retransmit timer
     * with {@code icsk_rto = tcp_timeout_init()} (TCP_TIMEOUT_INIT); net/ipv4/tcp_timer.c
     * tcp_retransmit_timer doubles it (capped at TCP_RTO_MAX) after each retransmission, except in
     * SYN_SENT while {@code total_rto <= tcp_syn_linear_timeouts} (commit ccce324dabfe, Linux 6.5:
     * the first {@code linear} retransmissions after the first keep a 1 s RTO).
     *
     * @param linear net.ipv4.tcp_syn_linear_timeouts (0 on kernels without it)
     */
    public static long synRto(int n, int linear) {
        if (n < 1 || linear < 0) {
            throw new IllegalArgumentException("retransmission " + n + ", linear timeouts " + linear);
        }
        long rto = TCP_TIMEOUT_INIT_US;
        for (int fired = 1; fired < n; fired++) {
            if (fired > linear) {
                rto = Math.min(rto << 1, TCP_RTO_MAX_US);
            }
        }
        return rto;
    }

    /**
     * How many times a connecting client retransmits its SYN before connect fails with ETIMEDOUT.
     * Kernel: net/ipv4/tcp_timer.c tcp_write_timeout — in SYN_SENT, {@code icsk_retransmits >=
     * tcp_syn_retries + tcp_syn_linear_timeouts} expires the connection (Linux 6.5 on; before,
     * {@code linear} is 0).
     */
    public static int synRetransmits(int synRetries, int linear) {
        return synRetries + linear;
    }
}
