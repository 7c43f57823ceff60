package kpath.kernel.tcp;

import kpath.uapi.Counter;
import kpath.uapi.Sysctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import kpath.kernel.Libc;
import kpath.kernel.ProcNet;
import kpath.kernel.SysResult;
import kpath.kernel.TcpInfo;
import kpath.trace.Event;
import kpath.trace.Header;
import kpath.trace.Line;
import kpath.trace.Result;
import kpath.trace.Trace;

/**
 * Builds the trace of one scenario run while it happens: stamps each line with the microseconds
 * since the recorder was created (from {@link System#nanoTime()}; informative only), writes the
 * header from what the kernel reports at that moment, and turns syscall results and kernel reads
 * into events. Counters are recorded as deltas against a {@link ProcNet#netstat()} baseline read
 * when the recorder is created.
 *
 * <p>Create the recorder on the thread, and so in the network namespace, the scenario runs in:
 * the sysctls, counters and sockets it reads are that namespace's.
 */
public final class Recorder {

    /** The sysctls every header lists, read in the scenario's namespace at capture time. */
    public static final List<String> SYSCTLS = Sysctl.names();

    /** The TcpExt counters every {@code observe netstat} line lists, as deltas. */
    public static final List<String> COUNTERS = java.util.Arrays.stream(Counter.values()).map(Enum::name).toList();


    /** The events an {@code observe poll} asks for: POLLIN|POLLOUT|POLLRDNORM|POLLWRNORM. */
    public static final int POLL_EVENTS = 0x1 | 0x4 | 0x40 | 0x100;

    private static final int WRAP = 96;

    private final long startNanos;
    private final Header header;
    private final Map<String, Long> baseline;
    private final List<Line> lines = new ArrayList<>();
    private long lastMicros;

    /**
     * Reads the header facts and the counter baseline now, in the calling thread's namespace.
     *
     * @param scenario  the scenario name (header {@code scenario:})
     * @param narrative written as {@code #} comment lines at the top of the body
     */
    public Recorder(String scenario, String narrative, Header.Netns netns, Header.Peer peer) {
        this.startNanos = System.nanoTime();
        SequencedMap<String, String> sysctls = new LinkedHashMap<>();
        for (String name : SYSCTLS) {
            sysctls.put(name, ProcNet.sysctl(name));
        }
        this.header = new Header(Header.VERSION, scenario, ProcNet.kernelRelease(), ProcNet.arch(), netns, peer,
                sysctls, List.of(Map.entry(Header.PATH, TcpScenarios.PATH), Map.entry("captured-by", "kpath")));
        for (String l : wrap(narrative.strip(), WRAP)) {
            lines.add(new Line.Comment(0, l.isEmpty() ? "" : " " + l));
        }
        lines.add(new Line.Blank(0));
        this.baseline = ProcNet.netstat();
    }

    /** The header as read when the recorder was created. */
    public Header header() {
        return header;
    }

    /** Microseconds since the recorder was created; never less than the last line's time. */
    public long now() {
        long t = Math.max(lastMicros, (System.nanoTime() - startNanos) / 1_000);
        lastMicros = t;
        return t;
    }

    /** A {@code #} comment: why the next line matters. */
    public void comment(String text) {
        for (String l : wrap(text.strip(), WRAP)) {
            lines.add(new Line.Comment(0, l.isEmpty() ? "" : " " + l));
        }
    }

    /** A blank line, to group steps. */
    public void blank() {
        lines.add(new Line.Blank(0));
    }

    /** {@code name(args) = result}. */
    public void syscall(String name, Result result, String... args) {
        lines.add(new Event.Syscall(0, now(), name, List.of(args), result));
    }

    /** {@code name(args) = ...} from a {@link SysResult}: the errno name on failure, else {@code okValue}. */
    public void syscall(String name, SysResult r, String okValue, String... args) {
        syscall(name, result(r, okValue), args);
    }

    /** {@code task -> name(args)} stamped with {@code atMicros} (a {@link #now()} taken when the call started). */
    public void callStart(long atMicros, String task, String name, String... args) {
        long t = Math.max(atMicros, lastMicros);
        lastMicros = t;
        lines.add(new Event.CallStart(0, t, task, name, List.of(args)));
    }

    /** {@code task <- result}. */
    public void callReturn(String task, Result result) {
        lines.add(new Event.CallReturn(0, now(), task, result));
    }

    /** {@code < FLAGS peer} or {@code > FLAGS peer}. */
    public void packet(Event.Direction dir, String flags, String peer) {
        lines.add(new Event.Packet(0, now(), dir, flags, peer));
    }

    /** {@code observe what(target) k=v ...}; {@code target} may be null. */
    public void observe(String what, String target, SequencedMap<String, String> values) {
        lines.add(new Event.Observation(0, now(), what, Optional.ofNullable(target), values));
    }

    /** {@code observe tcp_info(name) state=… unacked=… sacked=…} from getsockopt(TCP_INFO) on {@code fd}. */
    public void observeTcpInfo(String name, int fd) {
        TcpInfo info = kpath.kernel.Libc.getTcpInfo(fd);
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
        Libc.PollResult pr = Libc.poll(fd, POLL_EVENTS, 0);
        pr.result().orThrow("poll(" + name + ")");
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("revents", kpath.kernel.Bits.poll(pr.revents(0)));
        observe("poll", name, v);
    }

    /** {@code observe netstat …}: all {@link #COUNTERS} as deltas since the baseline. */
    public void observeNetstat() {
        Map<String, Long> now = ProcNet.netstat();
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
        Map<String, Long> now = ProcNet.netstat();
        return now.getOrDefault(key, 0L) - baseline.getOrDefault(key, 0L);
    }

    /** The trace so far. */
    public Trace trace() {
        return new Trace(header, lines);
    }

    // ---- text helpers ----

    /** A syscall's result as a trace {@link Result} (also for the readiness recorder). */
    public static Result result(SysResult r, String okValue) {
        if (r.ok()) {
            return Result.ok(okValue);
        }
        String name = Libc.errnoName(r.errno());
        if (name.startsWith("E?")) {
            throw new IllegalStateException("errno " + r.errno() + " has no name in Libc's table");
        }
        return Result.error(name);
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

    /** Greedy word wrap; never returns an empty list. */
    public static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\\R")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            out.add(line.toString());
        }
        return out;
    }
}
