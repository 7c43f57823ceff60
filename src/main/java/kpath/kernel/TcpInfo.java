package kpath.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decoded {@code struct tcp_info} (uapi: include/uapi/linux/tcp.h), the prefix up to
 * {@code tcpi_total_retrans} plus a few later counters when the kernel returned them.
 *
 * <p>Byte offsets (x86_64, verified against the uapi header): eight u8 fields at 0..7
 * (state, ca_state, retransmits, probes, backoff, options, snd/rcv_wscale nibbles, app_limited bits),
 * then u32s: rto 8, ato 12, snd_mss 16, rcv_mss 20, unacked 24, sacked 28, lost 32, retrans 36,
 * fackets 40, last_data_sent 44, last_ack_sent 48, last_data_recv 52, last_ack_recv 56, pmtu 60,
 * rcv_ssthresh 64, rtt 68, rttvar 72, snd_ssthresh 76, snd_cwnd 80, advmss 84, reordering 88,
 * rcv_rtt 92, rcv_space 96, total_retrans 100; u64 pacing_rate 104, max_pacing_rate 112,
 * bytes_acked 120, bytes_received 128; u32 segs_out 136, segs_in 140, notsent_bytes 144, min_rtt 148.
 *
 * <p>On a LISTEN socket net/ipv4/tcp.c tcp_get_info() reuses two fields:
 * {@code unacked} = current accept-queue length (sk_ack_backlog) and
 * {@code sacked} = the backlog limit (sk_max_ack_backlog).
 *
 * <p>u32 fields are widened to non-negative longs.
 */
public record TcpInfo(
        int length,
        int state,
        int caState,
        int retransmits,
        int probes,
        int backoff,
        int options,
        int sndWscale,
        int rcvWscale,
        long rto,
        long ato,
        long sndMss,
        long rcvMss,
        long unacked,
        long sacked,
        long lost,
        long retrans,
        long fackets,
        long lastDataSent,
        long lastAckSent,
        long lastDataRecv,
        long lastAckRecv,
        long pmtu,
        long rcvSsthresh,
        long rtt,
        long rttvar,
        long sndSsthresh,
        long sndCwnd,
        long advmss,
        long reordering,
        long rcvRtt,
        long rcvSpace,
        long totalRetrans,
        long bytesAcked,
        long bytesReceived,
        long segsOut,
        long segsIn,
        long minRtt) {

    /** Buffer handed to getsockopt; larger than any current struct tcp_info (kernel copies min(len, sizeof)). */
    static final int BUFFER_SIZE = 512;

    /** Bytes up to and including tcpi_total_retrans: the kernel has returned at least this since 2.6. */
    static final int MIN_LENGTH = 104;

    // include/net/tcp_states.h
    public static final int TCP_ESTABLISHED = 1;
    public static final int TCP_SYN_SENT = 2;
    public static final int TCP_SYN_RECV = 3;
    public static final int TCP_FIN_WAIT1 = 4;
    public static final int TCP_FIN_WAIT2 = 5;
    public static final int TCP_TIME_WAIT = 6;
    public static final int TCP_CLOSE = 7;
    public static final int TCP_CLOSE_WAIT = 8;
    public static final int TCP_LAST_ACK = 9;
    public static final int TCP_LISTEN = 10;
    public static final int TCP_CLOSING = 11;
    public static final int TCP_NEW_SYN_RECV = 12;

    private static final String[] STATE_NAMES = {
        "?0", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
        "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};

    /** Kernel name of {@link #state()}, e.g. "LISTEN". */
    public String stateName() {
        return state >= 0 && state < STATE_NAMES.length ? STATE_NAMES[state] : "?" + state;
    }

    static TcpInfo decode(byte[] raw) {
        if (raw.length < MIN_LENGTH) {
            throw new IllegalStateException("struct tcp_info too short: " + raw.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        int wscale = u8(b, 6);
        return new TcpInfo(
                raw.length,
                u8(b, 0), u8(b, 1), u8(b, 2), u8(b, 3), u8(b, 4), u8(b, 5),
                wscale & 0x0f, (wscale >>> 4) & 0x0f, // bitfields: snd_wscale is the low nibble on little-endian
                u32(b, 8), u32(b, 12), u32(b, 16), u32(b, 20),
                u32(b, 24), u32(b, 28), u32(b, 32), u32(b, 36), u32(b, 40),
                u32(b, 44), u32(b, 48), u32(b, 52), u32(b, 56),
                u32(b, 60), u32(b, 64), u32(b, 68), u32(b, 72), u32(b, 76), u32(b, 80), u32(b, 84), u32(b, 88),
                u32(b, 92), u32(b, 96), u32(b, 100),
                u64(b, 120), u64(b, 128), u32(b, 136), u32(b, 140), u32(b, 148));
    }

    private static int u8(ByteBuffer b, int off) {
        return Byte.toUnsignedInt(b.get(off));
    }

    // fields beyond what this kernel returned read as 0
    private static long u32(ByteBuffer b, int off) {
        return off + 4 <= b.limit() ? Integer.toUnsignedLong(b.getInt(off)) : 0;
    }

    private static long u64(ByteBuffer b, int off) {
        return off + 8 <= b.limit() ? b.getLong(off) : 0;
    }
}
