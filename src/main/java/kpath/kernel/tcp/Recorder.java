package kpath.kernel.tcp;

import kpath.uapi.Mask;

import kpath.uapi.Counter;
import kpath.uapi.Sysctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import kpath.kernel.LibcPoll;
import kpath.kernel.LibcSocket;
import kpath.kernel.NetNamespace;
import kpath.kernel.ProcNet;
import kpath.kernel.TcpInfo;
import kpath.kernel.TraceLog;
import kpath.trace.Header;

/**
 * Builds the trace of one scenario run while it happens: stamps each line with the microseconds
 * since the recorder was created (from {@link System#nanoTime()}; informative only), writes the
 * header from what the kernel reports at that moment, and turns syscall results and kernel reads
 * into events. Counters are recorded as deltas against a {@link ProcNet#netstat()} baseline read
 * when the recorder is created.
 *
 * <p>Create the recorder on the thread, and so in the network namespace, the scenario runs in:
 * the sysctls, counters and sockets it reads are that namespace's. Counters are read only in a
 * private namespace: the host namespace's count every TCP connection on the machine, another
 * capture's included, so a delta there is not the scenario's own.
 */
public final class Recorder extends TraceLog {

    /** The sysctls every header lists, read in the scenario's namespace at capture time. */
    public static final List<String> SYSCTLS = Sysctl.names();

    /**
     * The sysctls that time a client's SYN retransmissions, listed after {@link #SYSCTLS} when this
     * kernel has them (tcp_syn_linear_timeouts only since Linux 6.5).
     */
    public static final List<String> CLOCK_SYSCTLS = Sysctl.clockNames();

    /** The TcpExt counters every {@code observe netstat} line lists, as deltas. */
    public static final List<String> COUNTERS = java.util.Arrays.stream(Counter.values()).map(Enum::name).toList();


    /** The events an {@code observe poll} asks for: POLLIN|POLLOUT|POLLRDNORM|POLLWRNORM. */
    public static final int POLL_EVENTS = Mask.IN | Mask.OUT | Mask.RDNORM | Mask.WRNORM;

    /** The counters when the recorder was created; null in the host namespace, where none are read. */
    private final Map<String, Long> baseline;

    /**
     * Reads the header facts and the counter baseline now, in the calling thread's namespace.
     *
     * @param scenario  the scenario name (header {@code scenario:})
     * @param narrative written as {@code #} comment lines at the top of the body
     */
    public Recorder(String scenario, String narrative, Header.Netns netns, Header.Peer peer) {
        super(scenario, narrative, TcpScenarios.PATH, netns, peer, sysctlsNow());
        this.baseline = netns == Header.Netns.PRIVATE ? counters() : null;
    }

    /**
     * The counters of this thread's namespace.
     *
     * @throws IllegalStateException unless the recorder and this thread are in a private namespace
     */
    private Map<String, Long> counters() {
        if (header().netns() != Header.Netns.PRIVATE || !NetNamespace.isInPrivateNetns()) {
            throw new IllegalStateException(header().scenario() + ": netstat counters are read only in a private"
                    + " network namespace (NetNamespace.runInPrivateNetns): the host's count every TCP connection"
                    + " on the machine, another capture's included");
        }
        return ProcNet.netstat();
    }

    private static SequencedMap<String, String> sysctlsNow() {
        SequencedMap<String, String> sysctls = new LinkedHashMap<>();
        for (String name : SYSCTLS) {
            sysctls.put(name, ProcNet.sysctl(name));
        }
        for (String name : CLOCK_SYSCTLS) {
            if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/sys", name.replace('.', '/')))) {
                sysctls.put(name, ProcNet.sysctl(name));
            }
        }
        return sysctls;
    }

    /** {@code observe tcp_info(name) state=… unacked=… sacked=…} from getsockopt(TCP_INFO) on {@code fd}. */
    public void observeTcpInfo(String name, int fd) {
        TcpInfo info = LibcSocket.getTcpInfo(fd);
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("state", listenerStateName(info.state()));
        v.put("unacked", Long.toString(info.unacked()));
        v.put("sacked", Long.toString(info.sacked()));
        observe("tcp_info", name, v);
    }

    /** {@code observe synrecv(name) count=…}: SYN_RECV entries for {@code localPort}. */
    public void observeSynRecv(String name, int localPort) {
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("count", Integer.toString(ProcNet.synRecvCount(localPort)));
        observe("synrecv", name, v);
    }

    /** {@code observe poll(name) revents=…}: poll(2) with {@link #POLL_EVENTS} and timeout 0. */
    public void observePoll(String name, int fd) {
        LibcPoll.PollResult pr = LibcPoll.poll(fd, POLL_EVENTS, 0);
        pr.result().orThrow("poll(" + name + ")");
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("revents", kpath.kernel.Bits.poll(pr.revents(0)));
        observe("poll", name, v);
    }

    /** {@code observe netstat …}: all {@link #COUNTERS} as deltas since the baseline. */
    public void observeNetstat() {
        Map<String, Long> now = counters();
        SequencedMap<String, String> v = new LinkedHashMap<>();
        for (String c : COUNTERS) {
            Long a = now.get(c);
            Long b = baseline.get(c);
            if (a == null || b == null) {
                throw new IllegalStateException("TcpExt counter " + c + " missing from /proc/thread-self/net/netstat");
            }
            v.put(c, Long.toString(a - b));
        }
        observe("netstat", null, v);
    }

    /** A raw counter delta since the baseline (any {@link ProcNet#netstat()} key), for comments and sanity checks. */
    public long counterDelta(String key) {
        Map<String, Long> now = counters();
        return now.getOrDefault(key, 0L) - baseline.getOrDefault(key, 0L);
    }

    /** tcpi_state of a listener as a trace writes it: LISTEN, CLOSE, or the kernel's name. */
    static String listenerStateName(int state) {
        return switch (state) {
            case TcpInfo.TCP_LISTEN -> "LISTEN";
            case TcpInfo.TCP_CLOSE -> "CLOSE";
            default -> stateName(state);
        };
    }

    /** The kernel's name of a TCP state (include/net/tcp_states.h). */
    static String stateName(int state) {
        String[] names = {"?0", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
            "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};
        return state >= 0 && state < names.length ? names[state] : "STATE" + state;
    }

}
