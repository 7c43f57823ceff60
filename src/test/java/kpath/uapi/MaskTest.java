package kpath.uapi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Poll and epoll bits are named once and read back. Method: format and parse masks. */
class MaskTest {

    @Test
    void namesReadBackAndUnnamedBitsAreKeptAsHex() {
        int m = Mask.IN | Mask.RDNORM | Mask.ET;
        assertEquals("EPOLLIN|EPOLLRDNORM|EPOLLET", Mask.textExact(m, "EPOLL"));
        assertEquals(m, Mask.parse(Mask.text(m, "EPOLL")));
        assertEquals("POLLIN|0x4000", Mask.textExact(Mask.IN | 0x4000, "POLL"));
        assertEquals("0x4000", Mask.textExact(0x4000, "POLL"));
        assertEquals("0", Mask.textExact(0, "POLL"));
        assertThrows(IllegalArgumentException.class, () -> Mask.parse("EPOLLFOO"));
    }
}
