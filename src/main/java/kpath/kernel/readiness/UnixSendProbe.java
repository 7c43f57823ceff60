package kpath.kernel.readiness;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import kpath.kernel.Fds;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcSocket;
import kpath.kernel.ProcNet;
import kpath.kernel.SysResult;
import kpath.uapi.UnixSend;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Measures what an AF_UNIX stream send is charged on this kernel, for a trace's header
 * ({@link UnixSend}): on fresh non-blocking socketpairs, one write of each size 1..maxWrite and
 * SIOCOUTQ (net/unix/af_unix.c unix_outq_len: sk_wmem_alloc_get) right after it — every size must
 * give the same truesize, or the probe fails; and SO_SNDBUF 0 read back (SOCK_MIN_SNDBUF). Also
 * net.core.wmem_default and net.core.wmem_max, read now. Every fd it makes is closed, also on failure.
 */
public final class UnixSendProbe {
    private UnixSendProbe() {}

    /** The header lines: the two sysctls, then {@code af-unix-send: ...}. */
    public record Lines(SequencedMap<String, String> sysctls, List<Map.Entry<String, String>> extra) {}

    public static Lines measure(int maxWrite) {
        int truesize = 0;
        int min;
        try (Fds fds = new Fds()) {
            for (int n = 1; n <= maxWrite; n++) {
                int[] p = pair(fds);
                SysResult w = LibcFile.write(p[0], new byte[n]);
                w.orThrow("probe write(" + n + ")");
                int t = outq(p[0]);
                if (truesize != 0 && t != truesize) {
                    throw new IllegalStateException("writes of 1.." + maxWrite + " bytes are charged differently: "
                            + truesize + " and " + t + " (at " + n + ")");
                }
                truesize = t;
                fds.close(p[0]);
                fds.close(p[1]);
            }
            int[] p = pair(fds);
            LibcSocket.setsockoptInt(p[0], LibcSocket.SOL_SOCKET, LibcSocket.SO_SNDBUF, 0).orThrow("probe setsockopt(SO_SNDBUF, 0)");
            LibcSocket.IntOption o = LibcSocket.getsockoptInt(p[0], LibcSocket.SOL_SOCKET, LibcSocket.SO_SNDBUF);
            o.result().orThrow("probe getsockopt(SO_SNDBUF)");
            min = o.value();
        }
        SequencedMap<String, String> sysctls = new LinkedHashMap<>();
        sysctls.put(UnixSend.WMEM_DEFAULT, ProcNet.sysctl(UnixSend.WMEM_DEFAULT));
        sysctls.put(UnixSend.WMEM_MAX, ProcNet.sysctl(UnixSend.WMEM_MAX));
        return new Lines(sysctls, List.of(Map.entry(UnixSend.KEY, new UnixSend(truesize, maxWrite, min).text())));
    }

    private static int[] pair(Fds fds) {
        LibcFile.FdPair p = LibcSocket.socketpair(LibcSocket.AF_UNIX, LibcSocket.SOCK_STREAM | LibcSocket.SOCK_NONBLOCK, 0);
        p.result().orThrow("probe socketpair");
        return new int[] {fds.own(p.first()), fds.own(p.second())};
    }

    /** ioctl(fd, SIOCOUTQ, &n): the wmem an AF_UNIX socket has in use. */
    static int outq(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            LibcFile.ioctl(fd, UnixSend.SIOCOUTQ, v).orThrow("ioctl(SIOCOUTQ)");
            return v.get(JAVA_INT, 0);
        }
    }
}
