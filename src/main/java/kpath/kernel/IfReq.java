package kpath.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * struct ifreq helpers (uapi: include/uapi/linux/if.h): char ifr_name[IFNAMSIZ=16] at 0, then a
 * union at 16 whose largest member is struct ifmap (24 bytes on x86_64), so sizeof(struct ifreq) == 40.
 * ifr_flags is a short at 16; ifr_addr/ifr_netmask is a struct sockaddr at 16
 * (sa_family u16 at 16, sin_port at 18, sin_addr at 20).
 *
 * <p>Interface ioctls act on the netns of the socket they are issued on, which is the netns of the
 * thread that created the socket (net/socket.c sock_create uses current->nsproxy->net_ns).
 */
final class IfReq {

    private IfReq() {
    }

    static final int IFNAMSIZ = 16;
    static final long IFREQ_SIZE = 40;

    // include/uapi/linux/sockios.h
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final long SIOCSIFADDR = 0x8916;
    static final long SIOCSIFNETMASK = 0x891c;
    // include/uapi/linux/if.h enum net_device_flags
    static final short IFF_UP = 0x1;

    private static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN);

    /** A zeroed 40-byte ifreq with ifr_name set. */
    static MemorySegment ifreq(Arena arena, String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must be 1.." + (IFNAMSIZ - 1) + " bytes: " + name);
        }
        MemorySegment req = arena.allocate(IFREQ_SIZE, 8);
        MemorySegment.copy(n, 0, req, JAVA_BYTE, 0, n.length);
        return req;
    }

    /** Sets IFF_UP on {@code name} using the AF_INET control socket {@code sock}. */
    static void bringUp(int sock, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment req = ifreq(arena, name);
            LibcFile.ioctl(sock, SIOCGIFFLAGS, req).orThrow("ioctl(SIOCGIFFLAGS, " + name + ")");
            short flags = req.get(JAVA_SHORT, 16);
            req.set(JAVA_SHORT, 16, (short) (flags | IFF_UP));
            LibcFile.ioctl(sock, SIOCSIFFLAGS, req).orThrow("ioctl(SIOCSIFFLAGS, " + name + ")");
        }
    }

    /** SIOCSIFADDR / SIOCSIFNETMASK with an AF_INET sockaddr (address in host order). */
    static void setInetAddr(int sock, String name, long request, int addrHostOrder) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment req = ifreq(arena, name);
            req.set(JAVA_SHORT, 16, (short) LibcSocket.AF_INET);
            req.set(BE_INT, 20, addrHostOrder);
            LibcFile.ioctl(sock, request, req).orThrow("ioctl(0x" + Long.toHexString(request) + ", " + name + ")");
        }
    }

    /** Opens the AF_INET datagram socket used for interface ioctls, in the calling thread's netns. */
    static int controlSocket() {
        return LibcSocket.socket(LibcSocket.AF_INET, LibcSocket.SOCK_DGRAM | LibcSocket.SOCK_CLOEXEC, 0)
                .orThrow("socket(AF_INET, SOCK_DGRAM)").intValue();
    }
}
