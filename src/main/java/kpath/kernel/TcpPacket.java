package kpath.kernel;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An IPv4 + TCP segment as written to / read from a TUN device (IFF_NO_PI: raw IP packets).
 * Addresses are host-order ints, seq/ack unsigned 32-bit values held in longs.
 *
 * <p>Only the MSS option is modelled; other options of parsed packets (SACK_PERM, timestamps,
 * window scale) are skipped. Headers follow RFC 791 (IPv4) and RFC 9293 (TCP); the TCP checksum
 * covers the pseudo-header (src, dst, zero, protocol, TCP length).
 *
 * @param mss MSS option (kind 2), normally only on SYN segments
 */
public record TcpPacket(int srcAddr, int srcPort, int dstAddr, int dstPort, long seq, long ack,
                        int flags, int window, OptionalInt mss, byte[] payload) {

    // RFC 9293 section 3.1 control bits
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    private static final int IPPROTO_TCP = 6;
    private static final int IP_HEADER = 20;
    private static final int TCP_HEADER = 20;
    private static final int TTL = 64;
    private static final int IP_DF = 0x4000;

    public TcpPacket {
        checkPort(srcPort);
        checkPort(dstPort);
        if (seq < 0 || seq > 0xffffffffL || ack < 0 || ack > 0xffffffffL) {
            throw new IllegalArgumentException("seq/ack must be unsigned 32-bit: " + seq + "/" + ack);
        }
        if ((flags & ~0xff) != 0 || window < 0 || window > 0xffff) {
            throw new IllegalArgumentException("bad flags/window: " + flags + "/" + window);
        }
        if (mss.isPresent() && (mss.getAsInt() < 0 || mss.getAsInt() > 0xffff)) {
            throw new IllegalArgumentException("bad mss: " + mss);
        }
        payload = payload.clone();
        if (IP_HEADER + TCP_HEADER + 4 + payload.length > 0xffff) {
            throw new IllegalArgumentException("payload too large: " + payload.length);
        }
    }

    /** A segment without options or payload. */
    public static TcpPacket of(int srcAddr, int srcPort, int dstAddr, int dstPort, long seq, long ack, int flags, int window) {
        return new TcpPacket(srcAddr, srcPort, dstAddr, dstPort, seq, ack, flags, window, OptionalInt.empty(), new byte[0]);
    }

    /** Copy with an MSS option. */
    public TcpPacket withMss(int value) {
        return new TcpPacket(srcAddr, srcPort, dstAddr, dstPort, seq, ack, flags, window, OptionalInt.of(value), payload);
    }

    /** Copy with a payload. */
    public TcpPacket withPayload(byte[] data) {
        return new TcpPacket(srcAddr, srcPort, dstAddr, dstPort, seq, ack, flags, window, mss, data);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** True when all bits of {@code mask} are set. */
    public boolean has(int mask) {
        return (flags & mask) == mask;
    }

    /** Serialises to an IPv4 packet with valid IPv4 header and TCP checksums (DF set, TTL 64, id 0). */
    public byte[] toBytes() {
        int optLen = mss.isPresent() ? 4 : 0;
        int tcpLen = TCP_HEADER + optLen + payload.length;
        int total = IP_HEADER + tcpLen;
        ByteBuffer b = ByteBuffer.allocate(total); // big-endian = network order
        b.put((byte) 0x45).put((byte) 0).putShort((short) total);
        b.putShort((short) 0).putShort((short) IP_DF);
        b.put((byte) TTL).put((byte) IPPROTO_TCP).putShort((short) 0); // checksum filled below
        b.putInt(srcAddr).putInt(dstAddr);
        b.putShort((short) srcPort).putShort((short) dstPort);
        b.putInt((int) seq).putInt((int) ack);
        b.put((byte) (((TCP_HEADER + optLen) / 4) << 4)).put((byte) flags);
        b.putShort((short) window).putShort((short) 0).putShort((short) 0); // checksum, urgent ptr
        if (mss.isPresent()) {
            b.put((byte) 2).put((byte) 4).putShort((short) mss.getAsInt()); // kind 2, len 4
        }
        b.put(payload);
        byte[] out = b.array();
        putShort(out, 10, checksum(out, 0, IP_HEADER, 0));
        putShort(out, IP_HEADER + 16, checksum(out, IP_HEADER, tcpLen, pseudoHeaderSum(srcAddr, dstAddr, tcpLen)));
        return out;
    }

    /** Parses without checksum verification; empty for non-IPv4, non-TCP, fragments or truncated packets. */
    public static Optional<TcpPacket> parse(byte[] packet) {
        return parse(packet, false);
    }

    /** Parses; with {@code verifyChecksums} also empty when the IPv4 or TCP checksum is wrong. */
    public static Optional<TcpPacket> parse(byte[] p, boolean verifyChecksums) {
        if (p.length < IP_HEADER || (p[0] >> 4 & 0xf) != 4) {
            return Optional.empty();
        }
        int ihl = (p[0] & 0xf) * 4;
        int total = getShort(p, 2);
        int fragment = getShort(p, 6);
        if (ihl < IP_HEADER || total < ihl + TCP_HEADER || total > p.length
                || (p[9] & 0xff) != IPPROTO_TCP || (fragment & 0x3fff) != 0) { // MF bit or offset: fragment
            return Optional.empty();
        }
        int src = getInt(p, 12);
        int dst = getInt(p, 16);
        int tcpLen = total - ihl;
        if (verifyChecksums && (checksum(p, 0, ihl, 0) != 0
                || checksum(p, ihl, tcpLen, pseudoHeaderSum(src, dst, tcpLen)) != 0)) {
            return Optional.empty();
        }
        int t = ihl;
        int dataOff = ((p[t + 12] >> 4) & 0xf) * 4;
        if (dataOff < TCP_HEADER || dataOff > tcpLen) {
            return Optional.empty();
        }
        OptionalInt mss = OptionalInt.empty();
        for (int i = t + TCP_HEADER; i < t + dataOff; ) {
            int kind = p[i] & 0xff;
            if (kind == 0) {
                break; // end of option list
            }
            if (kind == 1) {
                i++; // NOP
                continue;
            }
            if (i + 1 >= t + dataOff) {
                break;
            }
            int len = p[i + 1] & 0xff;
            if (len < 2 || i + len > t + dataOff) {
                break; // malformed: stop rather than loop
            }
            if (kind == 2 && len == 4) {
                mss = OptionalInt.of(getShort(p, i + 2));
            }
            i += len;
        }
        byte[] payload = Arrays.copyOfRange(p, t + dataOff, ihl + tcpLen);
        return Optional.of(new TcpPacket(src, getShort(p, t), dst, getShort(p, t + 2),
                Integer.toUnsignedLong(getInt(p, t + 4)), Integer.toUnsignedLong(getInt(p, t + 8)),
                p[t + 13] & 0xff, getShort(p, t + 14), mss, payload));
    }

    /** True when both the IPv4 header checksum and the TCP checksum of {@code packet} verify. */
    public static boolean checksumsValid(byte[] packet) {
        return parse(packet, true).isPresent();
    }

    /**
     * Flags in packetdrill notation: F, S, R, P in that order, then "." for ACK
     * (and E/W/U for ECE/CWR/URG): "S", "S.", ".", "R.", "F.", "P.".
     */
    public String flagsText() {
        StringBuilder s = new StringBuilder();
        if (has(FIN)) {
            s.append('F');
        }
        if (has(SYN)) {
            s.append('S');
        }
        if (has(RST)) {
            s.append('R');
        }
        if (has(PSH)) {
            s.append('P');
        }
        if (has(ACK)) {
            s.append('.');
        }
        if (has(ECE)) {
            s.append('E');
        }
        if (has(CWR)) {
            s.append('W');
        }
        if (has(URG)) {
            s.append('U');
        }
        return s.toString();
    }

    // RFC 1071 one's-complement sum over the IPv4 pseudo-header (RFC 9293 section 3.1)
    private static long pseudoHeaderSum(int src, int dst, int tcpLen) {
        return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + IPPROTO_TCP + tcpLen;
    }

    /** RFC 1071 Internet checksum of {@code len} bytes at {@code off}, seeded with {@code initial}. */
    static int checksum(byte[] data, int off, int len, long initial) {
        long sum = initial;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += ((data[off + i] & 0xff) << 8) | (data[off + i + 1] & 0xff);
        }
        if (i < len) {
            sum += (data[off + i] & 0xff) << 8; // odd length: pad with zero byte
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static int getShort(byte[] p, int off) {
        return ((p[off] & 0xff) << 8) | (p[off + 1] & 0xff);
    }

    private static int getInt(byte[] p, int off) {
        return ((p[off] & 0xff) << 24) | ((p[off + 1] & 0xff) << 16) | ((p[off + 2] & 0xff) << 8) | (p[off + 3] & 0xff);
    }

    private static void putShort(byte[] p, int off, int v) {
        p[off] = (byte) (v >>> 8);
        p[off + 1] = (byte) v;
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpPacket t && srcAddr == t.srcAddr && srcPort == t.srcPort && dstAddr == t.dstAddr
                && dstPort == t.dstPort && seq == t.seq && ack == t.ack && flags == t.flags && window == t.window
                && mss.equals(t.mss) && Arrays.equals(payload, t.payload);
    }

    @Override
    public int hashCode() {
        int h = java.util.Objects.hash(srcAddr, srcPort, dstAddr, dstPort, seq, ack, flags, window, mss);
        return 31 * h + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return LibcSocket.ipv4ToString(srcAddr) + ":" + srcPort + " > " + LibcSocket.ipv4ToString(dstAddr) + ":" + dstPort
                + " " + flagsText() + " seq " + seq + " ack " + ack + " win " + window
                + (mss.isPresent() ? " <mss " + mss.getAsInt() + ">" : "") + " len " + payload.length;
    }
}
