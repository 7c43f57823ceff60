package kpath.kernel;

import kpath.uapi.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Thin FFM downcalls into glibc for the socket/epoll/netns syscalls kpath needs (Linux x86_64 only).
 *
 * <p>Every call captures errno via {@link Linker.Option#captureCallState} and returns a
 * {@link SysResult}; calls with out-parameters return a small record holding the
 * {@code SysResult} and the decoded data. Each call uses one confined arena, closed before
 * returning, so no native memory outlives the call.
 */
public final class Libc {

    private Libc() {
    }

    // ---- constants (x86_64 values; file named per constant group) ----

    // include/linux/socket.h
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    // include/linux/net.h enum sock_type; SOCK_NONBLOCK/CLOEXEC = O_NONBLOCK/O_CLOEXEC
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    // include/uapi/asm-generic/fcntl.h
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
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
    // include/uapi/linux/eventpoll.h
    public static final int EPOLL_CLOEXEC = O_CLOEXEC;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLPRI = 0x002;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDNORM = 0x040;
    public static final int EPOLLWRNORM = 0x100;
    public static final int EPOLLRDHUP = 0x2000;
    public static final int EPOLLEXCLUSIVE = 1 << 28;
    public static final int EPOLLONESHOT = 1 << 30;
    public static final int EPOLLET = 1 << 31;
    // include/uapi/asm-generic/poll.h
    public static final int POLLIN = 0x001;
    public static final int POLLPRI = 0x002;
    public static final int POLLOUT = 0x004;
    public static final int POLLERR = 0x008;
    public static final int POLLHUP = 0x010;
    public static final int POLLNVAL = 0x020;
    public static final int POLLRDHUP = 0x2000;
    // include/uapi/linux/sched.h
    public static final int CLONE_NEWNET = 0x40000000;
    // include/uapi/linux/eventfd.h (= O_NONBLOCK / O_CLOEXEC)
    public static final int EFD_NONBLOCK = O_NONBLOCK;
    public static final int EFD_CLOEXEC = O_CLOEXEC;

    /** Symbolic name of an x86_64 errno ({@link Errno}), or "E?&lt;n&gt;" when not in the table. */
    public static String errnoName(int errno) {
        return Errno.nameOf(errno);
    }

    // ---- result records for calls with out-parameters ----

    /** accept4 result: {@code result.value()} is the new fd; peer address (host order) and port. */
    public record Accepted(SysResult result, int peerAddress, int peerPort) {
        /** The accepted fd (only valid when {@code result.ok()}). */
        public int fd() {
            return result.intValue();
        }
    }

    /** pipe2/socketpair result: the two fds (only valid when {@code result.ok()}). */
    public record FdPair(SysResult result, int first, int second) {
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

    /** One poll(2) entry: fd and requested events (POLLIN ...). */
    public record PollFd(int fd, int events) {
    }

    /** poll result: {@code result.value()} is the ready count, {@code revents[i]} belongs to fds[i]. */
    public record PollResult(SysResult result, int[] revents) {
        public PollResult {
            revents = revents.clone();
        }

        @Override
        public int[] revents() {
            return revents.clone();
        }

        /** revents of entry i. */
        public int revents(int i) {
            return revents[i];
        }
    }

    /** One epoll_event: events mask and the u64 user data. */
    public record EpollEvent(int events, long data) {
    }

    /** epoll_wait result: {@code result.value()} is the number of events returned. */
    public record EpollWaitResult(SysResult result, List<EpollEvent> events) {
        public EpollWaitResult {
            events = List.copyOf(events);
        }
    }

    // ---- linkage ----

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_HANDLE =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final ValueLayout.OfShort BE_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BE_INT = JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN);

    /** struct sockaddr_in (include/uapi/linux/in.h): family u16 host order, port/addr network order, 8 pad. */
    private static final long SOCKADDR_IN_SIZE = 16;

    /**
     * struct epoll_event is packed on x86_64 (include/uapi/linux/eventpoll.h EPOLL_PACKED):
     * u32 events at 0, u64 data at 4, 12 bytes total.
     */
    static final StructLayout EPOLL_EVENT = MemoryLayout.structLayout(
            JAVA_INT.withName("events"),
            JAVA_LONG.withByteAlignment(1).withName("data"));

    /** struct pollfd (include/uapi/asm-generic/poll.h): int fd, short events, short revents. */
    private static final long POLLFD_SIZE = 8;

    private static final MethodHandle SOCKET = link("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = link("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = link("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CONNECT = link("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle ACCEPT4 = link("accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = link("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = link("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKNAME = link("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETPEERNAME = link("getpeername", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    // fcntl, ioctl and open are variadic in C: the third argument is the first variadic one
    private static final MethodHandle FCNTL = link("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = link("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = link("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle POLL = link("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EPOLL_CREATE1 = link("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = link("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_WAIT = link("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle UNSHARE = link("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle IOCTL = link("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle OPEN = link("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle EVENTFD = link("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle PIPE2 = link("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SOCKETPAIR = link("socketpair",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SHUTDOWN = link("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    @SuppressWarnings("restricted") // native access is enabled by the launcher/surefire (--enable-native-access)
    static MethodHandle link(String name, FunctionDescriptor fd, Linker.Option... extra) {
        MemorySegment symbol = LOOKUP.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: " + name));
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol, fd, options);
    }

    static SysResult result(long ret, MemorySegment capture) {
        // errno is only defined when the call failed; glibc leaves stale values otherwise
        int errno = ret == -1 ? (int) ERRNO_HANDLE.get(capture, 0L) : 0;
        return new SysResult(ret, errno);
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("downcall failed", t);
    }

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

    /** close(2). */
    public static SysResult close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) CLOSE.invokeExact(cs, fd);
            return result(r, cs);
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

    /** socketpair(2). */
    public static FdPair socketpair(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int r = (int) SOCKETPAIR.invokeExact(cs, domain, type, protocol, fds);
            SysResult res = result(r, cs);
            return res.ok() ? new FdPair(res, fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1))
                    : new FdPair(res, -1, -1);
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

    // ---- fds ----

    /** fcntl(2) with an int argument (F_GETFL ignores it). */
    public static SysResult fcntl(int fd, int cmd, int arg) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) FCNTL.invokeExact(cs, fd, cmd, arg);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** read(2) into {@code buf[off, off+len)}; value is the byte count (0 = EOF). */
    public static SysResult read(int fd, byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment b = arena.allocate(Math.max(1, len));
            long r = (long) READ.invokeExact(cs, fd, b, (long) len);
            SysResult res = result(r, cs);
            if (r > 0) {
                MemorySegment.copy(b, JAVA_BYTE, 0, buf, off, (int) r);
            }
            return res;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** read(2) into the whole buffer. */
    public static SysResult read(int fd, byte[] buf) {
        return read(fd, buf, 0, buf.length);
    }

    /** write(2) of {@code buf[off, off+len)}; value is the byte count written. */
    public static SysResult write(int fd, byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment b = arena.allocate(Math.max(1, len));
            MemorySegment.copy(buf, off, b, JAVA_BYTE, 0, len);
            long r = (long) WRITE.invokeExact(cs, fd, b, (long) len);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** write(2) of the whole buffer. */
    public static SysResult write(int fd, byte[] buf) {
        return write(fd, buf, 0, buf.length);
    }

    /** poll(2) over {@code fds}; {@code timeoutMs} &lt; 0 blocks forever (avoid: keep waits bounded). */
    public static PollResult poll(List<PollFd> fds, int timeoutMs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment arr = arena.allocate(Math.max(1, fds.size()) * POLLFD_SIZE, 4);
            for (int i = 0; i < fds.size(); i++) {
                arr.set(JAVA_INT, i * POLLFD_SIZE, fds.get(i).fd());
                arr.set(JAVA_SHORT, i * POLLFD_SIZE + 4, (short) fds.get(i).events());
            }
            MemorySegment ptr = fds.isEmpty() ? MemorySegment.NULL : arr; // invokeExact needs the static type
            int r = (int) POLL.invokeExact(cs, ptr, (long) fds.size(), timeoutMs);
            int[] revents = new int[fds.size()];
            for (int i = 0; i < revents.length; i++) {
                revents[i] = Short.toUnsignedInt(arr.get(JAVA_SHORT, i * POLLFD_SIZE + 6));
            }
            return new PollResult(result(r, cs), revents);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** poll(2) on a single fd; value is 1 when ready, 0 on timeout. */
    public static PollResult poll(int fd, int events, int timeoutMs) {
        return poll(List.of(new PollFd(fd, events)), timeoutMs);
    }

    /** epoll_create1(2). */
    public static SysResult epollCreate1(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) EPOLL_CREATE1.invokeExact(cs, flags);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** epoll_ctl(2) with an events mask and u64 user data (ignored for EPOLL_CTL_DEL). */
    public static SysResult epollCtl(int epfd, int op, int fd, int events, long data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment ev = arena.allocate(EPOLL_EVENT);
            ev.set(JAVA_INT, 0, events);
            ev.set(JAVA_LONG.withByteAlignment(1), 4, data);
            int r = (int) EPOLL_CTL.invokeExact(cs, epfd, op, fd, ev);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** epoll_wait(2) for up to {@code maxEvents} events. */
    public static EpollWaitResult epollWait(int epfd, int maxEvents, int timeoutMs) {
        if (maxEvents <= 0) {
            throw new IllegalArgumentException("maxEvents must be > 0");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment evs = arena.allocate(EPOLL_EVENT, maxEvents);
            int r = (int) EPOLL_WAIT.invokeExact(cs, epfd, evs, maxEvents, timeoutMs);
            List<EpollEvent> out = new ArrayList<>();
            for (int i = 0; i < r; i++) {
                long base = i * EPOLL_EVENT.byteSize();
                out.add(new EpollEvent(evs.get(JAVA_INT, base), evs.get(JAVA_LONG.withByteAlignment(1), base + 4)));
            }
            return new EpollWaitResult(result(r, cs), out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** unshare(2): affects only the calling thread for CLONE_NEWNET. */
    public static SysResult unshare(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) UNSHARE.invokeExact(cs, flags);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** ioctl(2) with a pointer argument (caller owns {@code arg}, e.g. a struct ifreq). */
    public static SysResult ioctl(int fd, long request, MemorySegment arg) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) IOCTL.invokeExact(cs, fd, request, arg);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** open(2) without O_CREAT (mode is passed as 0). */
    public static SysResult open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment p = arena.allocateFrom(path);
            int r = (int) OPEN.invokeExact(cs, p, flags, 0);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** eventfd(2). */
    public static SysResult eventfd(int initval, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) EVENTFD.invokeExact(cs, initval, flags);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** pipe2(2): first = read end, second = write end. */
    public static FdPair pipe2(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int r = (int) PIPE2.invokeExact(cs, fds, flags);
            SysResult res = result(r, cs);
            return res.ok() ? new FdPair(res, fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1))
                    : new FdPair(res, -1, -1);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
