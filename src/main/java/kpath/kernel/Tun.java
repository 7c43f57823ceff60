package kpath.kernel;

import kpath.uapi.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A TUN device "kpath0" with 192.0.2.1/24 inside a private netns; the harness plays the
 * remote peer 192.0.2.2 by writing/reading raw IPv4 packets (IFF_NO_PI).
 *
 * <p>Must be created and used on the thread running {@link NetNamespace#runInPrivateNetns}:
 * /dev/net/tun binds the device to the opener's netns (drivers/net/tun.c tun_chr_open uses
 * current->nsproxy->net_ns). The device disappears when the fd is closed (not persistent).
 */
public final class Tun implements AutoCloseable {

    /** The TUN clone device. */
    static final String DEVICE = "/dev/net/tun";
    /** Interface name. */
    public static final String NAME = "kpath0";
    /** Local address of the tun interface (TEST-NET-1, RFC 5737), host order. */
    public static final int LOCAL_ADDRESS = LibcSocket.ipv4("192.0.2.1");
    /** Address of the peer the harness impersonates, host order. */
    public static final int PEER_ADDRESS = LibcSocket.ipv4("192.0.2.2");
    /** /24 netmask, host order. */
    public static final int NETMASK = 0xffffff00;

    // include/uapi/linux/if_tun.h: TUNSETIFF = _IOW('T', 202, int)
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;

    /** Larger than any packet at the default tun MTU (1500); a short read would truncate a packet. */
    private static final int READ_BUFFER = 65536;
    /** Upper bound on packets one drain() collects. */
    private static final int DRAIN_MAX_PACKETS = 1024;

    private final int fd;
    private final int controlSocket;
    private boolean closed;

    private Tun(int fd, int controlSocket) {
        this.fd = fd;
        this.controlSocket = controlSocket;
    }

    /**
     * Creates kpath0, assigns 192.0.2.1/24, disables IPv6 on it (less noise) and brings it up.
     *
     * @throws IllegalStateException when not on a private-netns thread
     * @throws PrivilegeException    when the device is refused for want of a privilege: open(2) of
     *                               /dev/net/tun fails with EACCES or EPERM (the file's mode and owner
     *                               decide, e.g. 0600 root:root; in a user namespace root's
     *                               CAP_DAC_OVERRIDE does not cover a file whose owner is not mapped
     *                               there, user_namespaces(7)), or ioctl(TUNSETIFF) with EPERM
     *                               (drivers/net/tun.c tun_not_capable: CAP_NET_ADMIN in the user
     *                               namespace that owns the network namespace); other errnos are
     *                               {@link ErrnoException}s
     */
    public static Tun open() {
        NetNamespace.requirePrivateNetns("creating a TUN device");
        // new devices copy net.ipv6.conf.default, so no IPv6 address, RS or MLD packets appear on kpath0
        disableIpv6("net.ipv6.conf.default.disable_ipv6");
        int fd = -1;
        int sock = -1;
        try {
            SysResult opened = LibcFile.open(DEVICE, LibcFile.O_RDWR | LibcFile.O_NONBLOCK | LibcFile.O_CLOEXEC);
            if (opened.failedWith(Errno.EACCES.number()) || opened.failedWith(Errno.EPERM.number())) {
                throw new PrivilegeException("needs read-write access to " + DEVICE + ": open(" + DEVICE + ") = "
                        + opened.errnoName() + " (" + describe(DEVICE) + (UserNamespace.inNonInitialUserNamespace()
                        ? "; in a user namespace root's CAP_DAC_OVERRIDE does not cover a file whose owner is not"
                        + " mapped there, user_namespaces(7)" : "") + ")");
            }
            fd = opened.orThrow("open(" + DEVICE + ")").intValue();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment req = IfReq.ifreq(arena, NAME);
                req.set(JAVA_SHORT, 16, (short) (IFF_TUN | IFF_NO_PI));
                SysResult set = LibcFile.ioctl(fd, TUNSETIFF, req);
                if (set.failedWith(Errno.EPERM.number())) {
                    throw new PrivilegeException("needs CAP_NET_ADMIN over the network namespace to create a TUN"
                            + " device: ioctl(TUNSETIFF, " + NAME + ") = EPERM");
                }
                set.orThrow("ioctl(TUNSETIFF, " + NAME + ")");
            }
            disableIpv6("net.ipv6.conf." + NAME + ".disable_ipv6");
            sock = IfReq.controlSocket();
            IfReq.setInetAddr(sock, NAME, IfReq.SIOCSIFADDR, LOCAL_ADDRESS);
            IfReq.setInetAddr(sock, NAME, IfReq.SIOCSIFNETMASK, NETMASK);
            IfReq.bringUp(sock, NAME);
            Tun tun = new Tun(fd, sock);
            fd = -1;
            sock = -1;
            return tun;
        } finally {
            if (sock >= 0) {
                LibcFile.close(sock);
            }
            if (fd >= 0) {
                LibcFile.close(fd);
            }
        }
    }

    /** The mode and owner of {@code file} as ls -l shows them, e.g. "crw------- nobody:nogroup"; "?" if unreadable. */
    private static String describe(String file) {
        try {
            Path p = Path.of(file);
            var a = Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class);
            return "mode " + java.nio.file.attribute.PosixFilePermissions.toString(a.permissions()) + ", owner "
                    + a.owner().getName() + ":" + a.group().getName();
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return "mode and owner unreadable: " + e.getMessage();
        }
    }

    private static void disableIpv6(String sysctl) {
        // kernels built without IPv6 have no such file; nothing to silence then
        if (Files.exists(Path.of("/proc/sys/" + sysctl.replace('.', '/')))) {
            ProcNet.writeSysctlInPrivateNetns(sysctl, "1", "net.ipv6.conf.");
        }
    }

    /** Injects one IPv4 packet as if received from the wire. */
    public void write(byte[] ipPacket) {
        ensureOpen();
        SysResult r = LibcFile.write(fd, ipPacket);
        r.orThrow("write(tun, " + ipPacket.length + " bytes)");
        if (r.value() != ipPacket.length) {
            throw new IllegalStateException("short tun write: " + r.value() + " of " + ipPacket.length);
        }
    }

    /** Injects a TCP segment. */
    public void write(TcpPacket packet) {
        write(packet.toBytes());
    }

    /** Waits up to {@code wait} for a packet the kernel sent out of kpath0 and returns it. */
    public Optional<byte[]> read(Duration wait) {
        ensureOpen();
        long deadline = System.nanoTime() + wait.toNanos();
        // poll may return early (EINTR, spurious readiness): retry until the deadline, bounded in count too
        for (int attempt = 0; attempt < 1000; attempt++) {
            long remainingMs = Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000);
            LibcPoll.PollResult pr = LibcPoll.poll(fd, LibcPoll.POLLIN, (int) Math.min(Integer.MAX_VALUE, remainingMs));
            if (!pr.result().ok() && pr.result().errno() != Errno.EINTR.number()) {
                pr.result().orThrow("poll(tun)");
            }
            if (pr.result().value() > 0) {
                if ((pr.revents(0) & (LibcPoll.POLLERR | LibcPoll.POLLNVAL)) != 0) {
                    throw new IllegalStateException("tun fd error, revents=0x" + Integer.toHexString(pr.revents(0)));
                }
                byte[] buf = new byte[READ_BUFFER];
                SysResult r = LibcFile.read(fd, buf);
                if (r.ok()) {
                    return Optional.of(Arrays.copyOf(buf, r.intValue()));
                }
                if (r.errno() != Errno.EAGAIN.number() && r.errno() != Errno.EINTR.number()) {
                    r.orThrow("read(tun)");
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Reads packets until none arrives for {@code quiet}, or {@code max} elapses, or 1024 packets. */
    public List<byte[]> drain(Duration quiet, Duration max) {
        List<byte[]> out = new ArrayList<>();
        long deadline = System.nanoTime() + max.toNanos();
        while (out.size() < DRAIN_MAX_PACKETS) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Optional<byte[]> p = read(Duration.ofNanos(Math.min(left, quiet.toNanos())));
            if (p.isEmpty()) {
                break;
            }
            out.add(p.get());
        }
        return out;
    }

    /** Reads until a TCP segment matching {@code filter} arrives (others are skipped), bounded by {@code wait}. */
    public Optional<TcpPacket> readTcp(Duration wait, java.util.function.Predicate<TcpPacket> filter) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (int i = 0; i < DRAIN_MAX_PACKETS; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Optional<byte[]> raw = read(Duration.ofNanos(left));
            if (raw.isEmpty()) {
                break;
            }
            Optional<TcpPacket> p = TcpPacket.parse(raw.get(), true);
            if (p.isPresent() && filter.test(p.get())) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** The tun file descriptor (for poll/epoll). */
    public int fd() {
        ensureOpen();
        return fd;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("tun closed");
        }
    }

    /** Closes the device fd (which removes kpath0) and the control socket. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            LibcFile.close(fd);
        } finally {
            LibcFile.close(controlSocket);
        }
    }
}
