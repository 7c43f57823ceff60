package kpath.kernel;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.*;

class TcpPacketTest {

    private static final int A = LibcSocket.ipv4("192.0.2.2");
    private static final int B = LibcSocket.ipv4("192.0.2.1");

    @Test
    void roundTripWithMssAndPayloadVerifiesChecksums() {
        TcpPacket syn = TcpPacket.of(A, 40000, B, 8080, 0xfffffff0L, 0, TcpPacket.SYN, 65535).withMss(1460);
        byte[] wire = syn.toBytes();
        assertEquals(20 + 24, wire.length);
        assertEquals(syn, TcpPacket.parse(wire, true).orElseThrow());
        assertTrue(TcpPacket.checksumsValid(wire));

        TcpPacket data = TcpPacket.of(B, 8080, A, 40000, 7, 0xfffffff1L, TcpPacket.PSH | TcpPacket.ACK, 501)
                .withPayload(new byte[] {1, 2, 3, 4, 5}); // odd length exercises checksum padding
        byte[] w2 = data.toBytes();
        TcpPacket back = TcpPacket.parse(w2, true).orElseThrow();
        assertEquals(data, back);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, back.payload());
        assertEquals(OptionalInt.empty(), back.mss());
    }

    @Test
    void corruptedPacketFailsVerificationButParsesLeniently() {
        byte[] wire = TcpPacket.of(A, 1, B, 2, 100, 0, TcpPacket.SYN, 1000).withPayload(new byte[] {9}).toBytes();
        wire[wire.length - 1] ^= 0x01; // payload bit flip: TCP checksum wrong
        assertTrue(TcpPacket.parse(wire, true).isEmpty());
        assertTrue(TcpPacket.parse(wire).isPresent());
        byte[] wire2 = TcpPacket.of(A, 1, B, 2, 100, 0, TcpPacket.SYN, 1000).toBytes();
        wire2[8] = 63; // TTL changed without fixing the IPv4 header checksum
        assertFalse(TcpPacket.checksumsValid(wire2));
    }

    @Test
    void ipv4HeaderChecksumMatchesKnownVector() {
        // classic example header 4500 0073 0000 4000 4011 [b861] c0a8 0001 c0a8 00c7
        int[] h = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0, 0,
            0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
        byte[] b = new byte[h.length];
        for (int i = 0; i < h.length; i++) {
            b[i] = (byte) h[i];
        }
        assertEquals(0xb861, TcpPacket.checksum(b, 0, b.length, 0));
    }

    @Test
    void nonTcpAndNonIpv4AreEmpty() {
        byte[] wire = TcpPacket.of(A, 1, B, 2, 0, 0, TcpPacket.SYN, 0).toBytes();
        byte[] udp = wire.clone();
        udp[9] = 17;
        assertTrue(TcpPacket.parse(udp).isEmpty());
        byte[] v6 = wire.clone();
        v6[0] = 0x60;
        assertTrue(TcpPacket.parse(v6).isEmpty());
        assertTrue(TcpPacket.parse(new byte[10]).isEmpty());
        byte[] truncated = java.util.Arrays.copyOf(wire, 30);
        assertTrue(TcpPacket.parse(truncated).isEmpty());
    }

    @Test
    void flagsTextIsPacketdrillStyle() {
        assertEquals("S", flags(TcpPacket.SYN));
        assertEquals("S.", flags(TcpPacket.SYN | TcpPacket.ACK));
        assertEquals(".", flags(TcpPacket.ACK));
        assertEquals("R", flags(TcpPacket.RST));
        assertEquals("R.", flags(TcpPacket.RST | TcpPacket.ACK));
        assertEquals("F.", flags(TcpPacket.FIN | TcpPacket.ACK));
        assertEquals("P.", flags(TcpPacket.PSH | TcpPacket.ACK));
        assertEquals("FP.", flags(TcpPacket.FIN | TcpPacket.PSH | TcpPacket.ACK));
    }

    private static String flags(int f) {
        return TcpPacket.of(A, 1, B, 2, 0, 0, f, 0).flagsText();
    }

    @Test
    void rejectsOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> TcpPacket.of(A, 70000, B, 2, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> TcpPacket.of(A, 1, B, 2, 1L << 32, 0, 0, 0));
    }

    @Test
    void tcpInfoDecodesUapiOffsets() {
        byte[] raw = new byte[TcpInfo.MIN_LENGTH];
        raw[0] = 10;                 // tcpi_state
        raw[2] = 3;                  // tcpi_retransmits
        raw[6] = (byte) 0x72;        // rcv_wscale 7 (high nibble), snd_wscale 2 (low nibble)
        raw[24] = 2;                 // tcpi_unacked (u32 LE at 24)
        raw[28] = 1;                 // tcpi_sacked (u32 LE at 28)
        raw[100] = 5;                // tcpi_total_retrans
        TcpInfo i = TcpInfo.decode(raw);
        assertEquals("LISTEN", i.stateName());
        assertEquals(3, i.retransmits());
        assertEquals(2, i.sndWscale());
        assertEquals(7, i.rcvWscale());
        assertEquals(2, i.unacked());
        assertEquals(1, i.sacked());
        assertEquals(5, i.totalRetrans());
        assertEquals(0, i.bytesAcked(), "absent when the kernel returned only 104 bytes");
    }
}
