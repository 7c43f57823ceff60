package kpath.kernel;

import kpath.uapi.FileFlags;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static kpath.kernel.Libc.CAPTURE_LAYOUT;
import static kpath.kernel.Libc.link;
import static kpath.kernel.Libc.result;
import static kpath.kernel.Libc.rethrow;

/**
 * FFM bindings for the socket calls (net/socket.c) on AF_INET and AF_UNIX: socket, bind, listen,
 * connect, accept4, shutdown, socketpair, the socket options, and struct tcp_info
 * (getsockopt TCP_INFO, net/ipv4/tcp.c tcp_get_info). Linkage and errno capture are
 * {@link Libc}'s.
 */
public final class LibcSocket {

    private LibcSocket() {
    }

    // ---- constants (x86_64 values; file named per constant group) ----

    // include/linux/socket.h
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    // include/linux/net.h enum sock_type; SOCK_NONBLOCK/CLOEXEC = O_NONBLOCK/O_CLOEXEC
    public static final int SOCK_STREAM = FileFlags.SOCK_STREAM;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_NONBLOCK = FileFlags.SOCK_NONBLOCK;
    public static final int SOCK_CLOEXEC = FileFlags.SOCK_CLOEXEC;
    // include/uapi/asm-generic/socket.h
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_ERROR = 4;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_KEEPALIVE = 9;
    public static final int SO_LINGER = 13;
    public static final int SO_REUSEPORT = 15;
    /** SO_RCVTIMEO_OLD: on x86_64 time_t is 64-bit so SO_RCVTIMEO == SO_RCVTIMEO_OLD (struct timeval). */
    public static final int SO_RCVTIMEO = 20;
    // include/uapi/linux/in.h
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 6;
    public static final int INADDR_ANY = 0;
    /** 127.0.0.1 in host byte order. */
    public static final int INADDR_LOOPBACK = 0x7f000001;
    // include/uapi/linux/tcp.h
    public static final int TCP_NODELAY = 1;
    public static final int TCP_MAXSEG = 2;
    public static final int TCP_SYNCNT = 7;
    public static final int TCP_DEFER_ACCEPT = 9;
    public static final int TCP_INFO = 11;
    // include/linux/net.h enum sock_shutdown_cmd
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    // ---- result records for calls with out-parameters ----

    /** accept4 result: {@code result.value()} is the new fd; peer address (host order) and port. */
    public record Accepted(SysResult result, int peerAddress, int peerPort) {
        /** The accepted fd (only valid when {@code result.ok()}). */
        public int fd() {
            return result.intValue();
        }
    }

    /** getsockopt with an int option value. */
    public record IntOption(SysResult result, int value) {
    }

    /** getsockopt with a raw option value, trimmed to the optlen the kernel returned. */
    public record BytesOption(SysResult result, byte[] value) {
        public BytesOption {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }

    // ---- linkage ----

    private static final ValueLayout.OfShort BE_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BE_INT = JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN);

    /** struct sockaddr_in (include/uapi/linux/in.h): family u16 host order, port/addr network order, 8 pad. */
    private static final long SOCKADDR_IN_SIZE = 16;

    private static final MethodHandle SOCKET = link("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = link("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = link("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CONNECT = link("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle ACCEPT4 = link("accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = link("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = link("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKNAME = link("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETPEERNAME = link("getpeername", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SOCKETPAIR = link("socketpair",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SHUTDOWN = link("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SEND = link("send",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, JAVA_INT, ADDRESS, ValueLayout.JAVA_LONG, JAVA_INT));

    // ---- address helpers ----

    /** Parses dotted-quad IPv4 text into an int in host order. */
    public static int ipv4(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int addr = 0;
        for (String p : parts) {
            int octet = Integer.parseInt(p);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            addr = (addr << 8) | octet;
        }
        return addr;
    }

    /** Formats a host-order IPv4 int as dotted quad. */
    public static String ipv4ToString(int addr) {
        return ((addr >>> 24) & 0xff) + "." + ((addr >>> 16) & 0xff) + "." + ((addr >>> 8) & 0xff) + "." + (addr & 0xff);
    }

    private static MemorySegment sockaddrIn(Arena arena, int addrHostOrder, int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        MemorySegment sa = arena.allocate(SOCKADDR_IN_SIZE, 4); // zeroed: sin_zero stays 0
        sa.set(JAVA_SHORT, 0, (short) AF_INET);
        sa.set(BE_SHORT, 2, (short) port);
        sa.set(BE_INT, 4, addrHostOrder);
        return sa;
    }

    private static int sockaddrPort(MemorySegment sa) {
        return Short.toUnsignedInt(sa.get(BE_SHORT, 2));
    }

    private static int sockaddrAddr(MemorySegment sa) {
        return sa.get(BE_INT, 4);
    }

    // ---- sockets ----


    /** socket(2). */
    public static SysResult socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) SOCKET.invokeExact(cs, domain, type, protocol);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** bind(2) to an IPv4 address (host order) and port. */
    public static SysResult bind(int fd, int addrHostOrder, int port) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment sa = sockaddrIn(arena, addrHostOrder, port);
            int r = (int) BIND.invokeExact(cs, fd, sa, (int) SOCKADDR_IN_SIZE);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** listen(2). */
    public static SysResult listen(int fd, int backlog) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) LISTEN.invokeExact(cs, fd, backlog);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** connect(2) to an IPv4 address (host order) and port; EINPROGRESS on nonblocking sockets. */
    public static SysResult connect(int fd, int addrHostOrder, int port) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment sa = sockaddrIn(arena, addrHostOrder, port);
            int r = (int) CONNECT.invokeExact(cs, fd, sa, (int) SOCKADDR_IN_SIZE);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** accept4(2) returning the new fd plus the peer's IPv4 address and port. */
    public static Accepted accept4(int fd, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment sa = arena.allocate(SOCKADDR_IN_SIZE, 4);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, (int) SOCKADDR_IN_SIZE);
            int r = (int) ACCEPT4.invokeExact(cs, fd, sa, len, flags);
            SysResult res = result(r, cs);
            return res.ok() ? new Accepted(res, sockaddrAddr(sa), sockaddrPort(sa)) : new Accepted(res, 0, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** setsockopt(2) with an int value. */
    public static SysResult setsockoptInt(int fd, int level, int option, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment v = arena.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            int r = (int) SETSOCKOPT.invokeExact(cs, fd, level, option, v, 4);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** setsockopt(2) with raw bytes (e.g. struct linger, struct timeval) in native layout. */
    public static SysResult setsockopt(int fd, int level, int option, byte[] value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment v = arena.allocate(Math.max(1, value.length), 8);
            MemorySegment.copy(value, 0, v, JAVA_BYTE, 0, value.length);
            int r = (int) SETSOCKOPT.invokeExact(cs, fd, level, option, v, value.length);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** getsockopt(2) for an int option. */
    public static IntOption getsockoptInt(int fd, int level, int option) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment v = arena.allocate(JAVA_INT);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 4);
            int r = (int) GETSOCKOPT.invokeExact(cs, fd, level, option, v, len);
            SysResult res = result(r, cs);
            return new IntOption(res, res.ok() ? v.get(JAVA_INT, 0) : 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** getsockopt(2) into a buffer of {@code maxLen} bytes; the value is trimmed to the returned optlen. */
    public static BytesOption getsockopt(int fd, int level, int option, int maxLen) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment v = arena.allocate(Math.max(1, maxLen), 8);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, maxLen);
            int r = (int) GETSOCKOPT.invokeExact(cs, fd, level, option, v, len);
            SysResult res = result(r, cs);
            if (!res.ok()) {
                return new BytesOption(res, new byte[0]);
            }
            int n = Math.min(maxLen, len.get(JAVA_INT, 0));
            return new BytesOption(res, v.asSlice(0, n).toArray(JAVA_BYTE));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** getsockname(2); on success {@code value()} is the local port. */
    public static SysResult getsockname(int fd) {
        return nameCall(GETSOCKNAME, fd);
    }

    /** getpeername(2); on success {@code value()} is the peer port. */
    public static SysResult getpeername(int fd) {
        return nameCall(GETPEERNAME, fd);
    }

    private static SysResult nameCall(MethodHandle h, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment sa = arena.allocate(SOCKADDR_IN_SIZE, 4);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, (int) SOCKADDR_IN_SIZE);
            int r = (int) h.invokeExact(cs, fd, sa, len);
            SysResult res = result(r, cs);
            return res.ok() ? new SysResult(sockaddrPort(sa), 0) : res;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** shutdown(2) with SHUT_RD/SHUT_WR/SHUT_RDWR. */
    public static SysResult shutdown(int fd, int how) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) SHUTDOWN.invokeExact(cs, fd, how);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** send(2) of {@code len} zero bytes with {@code flags} (MSG_OOB: urgent data, net/ipv4/tcp.c tcp_sendmsg_locked). */
    public static SysResult send(int fd, int len, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment b = arena.allocate(Math.max(1, len)); // zeroed
            long r = (long) SEND.invokeExact(cs, fd, b, (long) len, flags);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** socketpair(2). */
    public static LibcFile.FdPair socketpair(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int r = (int) SOCKETPAIR.invokeExact(cs, domain, type, protocol, fds);
            SysResult res = result(r, cs);
            return res.ok() ? new LibcFile.FdPair(res, fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1))
                    : new LibcFile.FdPair(res, -1, -1);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Reads struct tcp_info via getsockopt(IPPROTO_TCP, TCP_INFO); throws {@link ErrnoException} on failure. */
    public static TcpInfo getTcpInfo(int fd) {
        BytesOption opt = getsockopt(fd, IPPROTO_TCP, TCP_INFO, TcpInfo.BUFFER_SIZE);
        opt.result().orThrow("getsockopt(" + fd + ", TCP_INFO)");
        return TcpInfo.decode(opt.value());
    }
}
