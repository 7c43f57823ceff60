package kpath.kernel.tcp;

import kpath.uapi.Errno;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import kpath.kernel.LibcPoll;
import kpath.kernel.LibcSocket;
import kpath.kernel.ProcNet;
import kpath.kernel.SysResult;
import kpath.kernel.TcpInfo;
import kpath.trace.Event;
import kpath.trace.SyscallNames;

/**
 * Local clients connecting over loopback to the listener on 127.0.0.1: non-blocking sockets,
 * named in connect order. A client's state is read from its own socket (TCP_INFO, SO_ERROR).
 */
final class Loopback {

    /** How long a connect is given to settle (handshake done, or SYN dropped) before observing. */
    private static final int SETTLE_MS = 50;
    private static final int TICK_MS = 2;

    private final Harness h;
    private final Map<String, Integer> fdOf = new HashMap<>();
    /** Clients whose SO_ERROR read ECONNRESET/ECONNREFUSED once (SO_ERROR clears on read). */
    private final Set<String> sawReset = new HashSet<>();

    Loopback(Harness h) {
        this.h = h;
    }

    int fd(String c) {
        Integer fd = fdOf.get(c);
        if (fd == null) {
            throw new IllegalArgumentException("no client " + c);
        }
        return fd;
    }

    /**
     * Opens a non-blocking client, records {@code connect(cN) = …}, then lets the handshake
     * settle: waits (bounded) until the client is writable and the listener port has no
     * SYN_RECV entry left.
     */
    String connect() {
        String name = open();
        settle(fdOf.get(name));
        return name;
    }

    /**
     * Opens a non-blocking client and records {@code connect(cN) = …} like {@link #connect()}, but
     * only waits up to {@code pollMs} for the client to become writable and does not read the
     * listener's SYN_RECV entries: on loopback the SYN, the SYN-ACK and the ACK are processed in
     * softirq before connect returns, and reading /proc/net/tcp costs milliseconds per client. For
     * scenarios that must stay short; what the handshake did is read by the observations that follow.
     */
    String connectQuick(int pollMs) {
        String name = open();
        LibcPoll.poll(fdOf.get(name), LibcPoll.POLLOUT, pollMs);
        return name;
    }

    private String open() {
        int fd = h.fds.own(LibcSocket.socket(LibcSocket.AF_INET,
                LibcSocket.SOCK_STREAM | LibcSocket.SOCK_NONBLOCK | LibcSocket.SOCK_CLOEXEC, 0), "socket(client)");
        SysResult r = LibcSocket.connect(fd, LibcSocket.INADDR_LOOPBACK, h.port);
        if (!r.ok() && r.errno() != Errno.EINPROGRESS.number()) {
            throw new IllegalStateException("connect(127.0.0.1:" + h.port + ") failed: " + r);
        }
        int localPort = LibcSocket.getsockname(fd).orThrow("getsockname(client)").intValue();
        String name = h.nameClient(localPort);
        fdOf.put(name, fd);
        h.rec.syscall("connect", r, "0", name);
        return name;
    }

    /** Bounded settle after a connect: client writable (or erred) and no request left on the listener port. */
    private void settle(int fd) {
        LibcPoll.poll(fd, LibcPoll.POLLOUT, SETTLE_MS);
        long deadline = System.nanoTime() + SETTLE_MS * 1_000_000L;
        for (int i = 0; i < SETTLE_MS / TICK_MS + 1 && ProcNet.synRecvCount(h.port) > 0; i++) {
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            LibcPoll.poll(List.of(), TICK_MS);
        }
    }

    /** Waits at most {@code ms} for each client to report an error or hang-up (used after the listener resets them). */
    void settleErrors(int ms, String... clients) {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        for (String c : clients) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            LibcPoll.poll(fd(c), LibcPoll.POLLERR | LibcPoll.POLLHUP, (int) left);
        }
    }

    /**
     * {@code observe client(c) state=…} from the client socket: tcpi_state 1 ESTABLISHED,
     * 2 SYN_SENT, 7 (CLOSE) with SO_ERROR ECONNRESET or ECONNREFUSED (now or at an earlier read)
     * RESET; anything else is written as the kernel's state name.
     */
    void observe(String c) {
        int fd = fd(c);
        TcpInfo info = LibcSocket.getTcpInfo(fd);
        String state = switch (info.state()) {
            case TcpInfo.TCP_ESTABLISHED -> "ESTABLISHED";
            case TcpInfo.TCP_SYN_SENT -> "SYN_SENT";
            case TcpInfo.TCP_CLOSE -> {
                LibcSocket.IntOption err = LibcSocket.getsockoptInt(fd, LibcSocket.SOL_SOCKET, LibcSocket.SO_ERROR);
                err.result().orThrow("getsockopt(SO_ERROR)");
                if (err.value() == Errno.ECONNRESET.number() || err.value() == Errno.ECONNREFUSED.number()) {
                    sawReset.add(c);
                }
                yield sawReset.contains(c) ? "RESET" : "CLOSE";
            }
            default -> Recorder.stateName(info.state());
        };
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("state", state);
        h.rec.observe("client", c, v);
    }

    /**
     * Closes client {@code c} with SO_LINGER {1, 0}, so its kernel sends RST instead of FIN, and
     * records it as {@code abort(c) = …}.
     */
    SysResult abort(String c) {
        int fd = fd(c);
        byte[] linger = {1, 0, 0, 0, 0, 0, 0, 0}; // struct linger { int l_onoff = 1; int l_linger = 0; } little-endian
        LibcSocket.setsockopt(fd, LibcSocket.SOL_SOCKET, LibcSocket.SO_LINGER, linger).orThrow("setsockopt(SO_LINGER)");
        SysResult r = h.fds.close(fd);
        fdOf.remove(c);
        if (SyscallNames.isKnown("abort")) {
            h.rec.syscall("abort", r, "0", c);
        } else {
            // The trace format only takes names of real system calls, and abort is the harness's
            // close with SO_LINGER {1, 0}. What reaches the listener is the client's RST: write that.
            r.orThrow("close(" + c + ") with SO_LINGER {1, 0}");
            h.rec.comment("harness: close(" + c + ") with SO_LINGER {1, 0} returned 0, so " + c
                    + "'s kernel sent RST; written as '< R " + c + "' because the trace format has no 'abort' call");
            h.rec.packet(Event.Direction.IN, "R", c);
        }
        return r;
    }
}
