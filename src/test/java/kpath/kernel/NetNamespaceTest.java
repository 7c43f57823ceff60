package kpath.kernel;

import kpath.uapi.Errno;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static kpath.kernel.LibcFile.*;
import static kpath.kernel.LibcPoll.*;
import static kpath.kernel.LibcSocket.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import org.junit.jupiter.api.parallel.Isolated;

// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class NetNamespaceTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String SYNCOOKIES = "net.ipv4.tcp_syncookies";

    private static void assumePrivileged() {
        var problem = NetNamespace.privilegeProblem();
        assumeTrue(problem.isEmpty(), () -> "skipped: " + problem.orElse(""));
    }

    /**
     * Only a missing privilege makes a privileged test or scenario skip; any other failure to
     * create the namespace fails it. Method: stand in for unshare(2) with each of its errors.
     * EPERM (unshare(2): "did not have the required privileges") is reported as the missing
     * privilege; ENOSPC (user.max_net_namespaces reached), ENOMEM, EINVAL (no CONFIG_NET_NS) and an
     * undocumented EACCES are thrown, naming the errno, never returned as a reason to skip.
     */
    @Test
    void onlyEpermFromUnshareIsAMissingPrivilege() {
        List<Integer> flags = new java.util.ArrayList<>();
        assertEquals(java.util.Optional.of(NetNamespace.EPERM_MESSAGE), NetNamespace.privilegeProblem(f -> {
            flags.add(f);
            return new SysResult(-1, Errno.EPERM.number());
        }));
        assertEquals(List.of(LibcNamespace.CLONE_NEWNET), flags, "the probe unshares the network namespace only");
        for (Errno e : List.of(Errno.ENOSPC, Errno.ENOMEM, Errno.EINVAL, Errno.EACCES)) {
            IllegalStateException x = assertThrows(IllegalStateException.class,
                    () -> NetNamespace.privilegeProblem(f -> new SysResult(-1, e.number())),
                    e + " must not be reported as a missing privilege");
            assertTrue(x.getMessage().contains("unshare(CLONE_NEWNET) failed: " + e.name()), x.getMessage());
            assertInstanceOf(ErrnoException.class, x.getCause());
        }
    }

    @Test
    void sysctlWrittenInsideStaysInside() throws Exception {
        assumePrivileged();
        String hostBefore = ProcNet.sysctl(SYNCOOKIES);
        String inside = NetNamespace.runInPrivateNetns(LIMIT, () -> {
            assertTrue(NetNamespace.isInPrivateNetns());
            ProcNet.setSysctlInPrivateNetns(SYNCOOKIES, "0");
            return ProcNet.sysctl(SYNCOOKIES);
        });
        assertEquals("0", inside);
        assertEquals(hostBefore, ProcNet.sysctl(SYNCOOKIES), "host value must be unchanged");
        assertFalse(NetNamespace.isInPrivateNetns());
    }

    @Test
    void multiDigitSysctlsReadBackWhole() throws Exception {
        assumePrivileged();
        String hostSomaxconn = ProcNet.sysctl("net.core.somaxconn");
        String[] inside = NetNamespace.runInPrivateNetns(LIMIT, () -> {
            ProcNet.setSysctlInPrivateNetns("net.core.somaxconn", "1234");
            // global net.core values are visible but read-only in a child netns (6.x): refused up front
            if (Files.exists(Path.of("/proc/sys/net/core/rmem_max"))) {
                IllegalStateException ro = assertThrows(IllegalStateException.class,
                        () -> ProcNet.setSysctlInPrivateNetns("net.core.rmem_max", "1"));
                assertTrue(ro.getMessage().contains("read-only"), ro.getMessage());
            }
            return new String[] {ProcNet.sysctl("net.core.somaxconn"), ProcNet.sysctl("net.ipv4.ip_local_port_range")};
        });
        assertEquals("1234", inside[0]);
        assertTrue(inside[1].matches("\\d+\\s+\\d+"), inside[1]);
        assertEquals(hostSomaxconn, ProcNet.sysctl("net.core.somaxconn"));
    }

    @Test
    void sysctlWritesAreRefusedOutsideAndOutsideAllowedSubtrees() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProcNet.setSysctlInPrivateNetns(SYNCOOKIES, "0"));
        assertTrue(e.getMessage().contains("runInPrivateNetns"), e.getMessage());
        assertThrows(IllegalStateException.class, Tun::open);
        assumePrivileged();
        NetNamespace.runInPrivateNetns(LIMIT, () -> {
            assertThrows(IllegalStateException.class,
                    () -> ProcNet.setSysctlInPrivateNetns("net.ipv6.conf.all.forwarding", "1"));
            assertThrows(IllegalArgumentException.class,
                    () -> ProcNet.setSysctlInPrivateNetns("net.ipv4.../x", "1"));
            return null;
        });
    }

    @Test
    void procThreadSelfShowsTheThreadsNamespaceButProcSelfDoesNot() throws Exception {
        assumePrivileged();
        NetNamespace.runInPrivateNetns(LIMIT, () -> {
            try (Fds fds = new Fds()) {
                // fresh netns: counters start at zero, lo is up so loopback works
                assertEquals(0L, ProcNet.netstat().get("Tcp.PassiveOpens"));
                int l = fds.own(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket");
                bind(l, INADDR_LOOPBACK, 0).orThrow("bind");
                listen(l, 8).orThrow("listen");
                int port = getsockname(l).intValue();
                int c = fds.own(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), "client");
                SysResult r = connect(c, INADDR_LOOPBACK, port);
                assertTrue(r.ok() || r.failedWith(Errno.EINPROGRESS.number()), r.toString());
                assertEquals(1, poll(l, POLLIN, 2000).result().value(), "loopback handshake in the netns");
                assertTrue(Waits.until(Duration.ofSeconds(2), () -> ProcNet.netstat().get("Tcp.PassiveOpens") == 1L));

                boolean inThreadSelf = ProcNet.tcpSockets().stream()
                        .anyMatch(s -> s.localPort() == port && s.state() == TcpInfo.TCP_LISTEN);
                assertTrue(inThreadSelf, "listener visible via /proc/thread-self/net/tcp");
                // /proc/net -> /proc/self/net follows the thread-group leader, i.e. the host netns
                List<String> leader = Files.readAllLines(Path.of("/proc/self/net/tcp"));
                String portHex = String.format(":%04X ", port);
                boolean inLeader = leader.stream().skip(1)
                        .anyMatch(line -> line.trim().split("\\s+")[1].endsWith(portHex.trim())
                                && line.trim().split("\\s+")[3].equals("0A")
                                && line.trim().split("\\s+")[1].startsWith("0100007F"));
                assertFalse(inLeader, "listener must not appear in the leader's /proc/self/net/tcp");
            }
            return null;
        });
    }

    @Test
    void overrunningBodyTimesOut() {
        assumePrivileged();
        TimeoutException e = assertThrows(TimeoutException.class,
                () -> NetNamespace.runInPrivateNetns(Duration.ofMillis(200), () -> {
                    // bounded: at most 5 s, leaves early once interrupted
                    for (int i = 0; i < 250 && !Thread.currentThread().isInterrupted(); i++) {
                        LibcPoll.poll(List.of(), 20);
                    }
                    return null;
                }));
        assertTrue(e.getMessage().contains("exceeded"), e.getMessage());
    }

    @Test
    void bodyExceptionsPropagate() {
        assumePrivileged();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetNamespace.runInPrivateNetns(LIMIT, () -> {
                    throw new IllegalArgumentException("from body");
                }));
        assertEquals("from body", e.getMessage());
    }

    @Test
    void procBasics() {
        assertEquals(System.getProperty("os.arch").equals("amd64") ? "x86_64" : ProcNet.arch(), ProcNet.arch());
        assertFalse(ProcNet.kernelRelease().isBlank());
        var stats = ProcNet.netstat();
        assertTrue(stats.containsKey("ListenOverflows"));
        assertTrue(stats.containsKey("Tcp.PassiveOpens"));
        assertTrue(stats.keySet().stream().anyMatch(k -> k.startsWith("IpExt.")));
        assertThrows(IllegalArgumentException.class, () -> ProcNet.sysctl("kernel.osrelease"));
    }
}
