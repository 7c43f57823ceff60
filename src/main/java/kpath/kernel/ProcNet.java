package kpath.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Per-network-namespace counters, sockets and sysctls read from procfs.
 *
 * <p>Always reads {@code /proc/thread-self/net/...}: {@code /proc/net} is a symlink to
 * {@code /proc/self/net}, which shows the thread-group leader's netns, not the netns of a thread
 * that called unshare(CLONE_NEWNET) (fs/proc/proc_net.c get_proc_task_net uses the task the
 * path names). {@code /proc/sys/net} is resolved against the netns of the thread that opens the file
 * (net/sysctl_net.c net_ctl_header_lookup / is_seen use current->nsproxy->net_ns).
 */
public final class ProcNet {

    private ProcNet() {
    }

    private static final Path NET = Path.of("/proc/thread-self/net");
    private static final int PROC_READ_CHUNK = 64 * 1024;
    private static final int PROC_MAX_BYTES = 64 * 1024 * 1024;
    private static final Path PROC_SYS = Path.of("/proc/sys");
    private static final Pattern SYSCTL_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+");

    /** One IPv4 TCP socket line from /proc/thread-self/net/tcp (addresses in host order). */
    public record TcpSocket(int localAddress, int localPort, int remoteAddress, int remotePort, int state) {
    }

    /**
     * TcpExt/IpExt/... counters from {@code netstat} plus all {@code snmp} sections.
     * Keys: TcpExt fields bare ("ListenOverflows"), other netstat sections "IpExt.InOctets",
     * snmp fields "Tcp.PassiveOpens", "Ip.Forwarding", ...
     */
    public static Map<String, Long> netstat() {
        Map<String, Long> out = new LinkedHashMap<>();
        parsePairs(readLines(NET.resolve("netstat")), true, out);
        parsePairs(readLines(NET.resolve("snmp")), false, out);
        return out;
    }

    // both files are "Section: name name ..." followed by "Section: value value ..."
    private static void parsePairs(List<String> lines, boolean bareTcpExt, Map<String, Long> out) {
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String[] names = lines.get(i).trim().split("\\s+");
            String[] values = lines.get(i + 1).trim().split("\\s+");
            if (names.length != values.length || !names[0].endsWith(":") || !names[0].equals(values[0])) {
                throw new IllegalStateException("unexpected header/value pair: '" + lines.get(i) + "' / '"
                        + lines.get(i + 1) + "'");
            }
            String section = names[0].substring(0, names[0].length() - 1);
            for (int k = 1; k < names.length; k++) {
                String key = bareTcpExt && section.equals("TcpExt") ? names[k] : section + "." + names[k];
                out.put(key, Long.parseLong(values[k]));
            }
        }
    }

    /** IPv4 TCP sockets of the calling thread's netns, including request socks (state 03, SYN_RECV). */
    public static List<TcpSocket> tcpSockets() {
        List<String> lines = readLines(NET.resolve("tcp"));
        List<TcpSocket> out = new ArrayList<>();
        // format: net/ipv4/tcp_ipv4.c tcp4_seq_show / get_tcp4_sock / get_openreq4:
        // "sl local_address rem_address st ...", addresses as %08X of the __be32, ports %04X host order
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            String[] local = f[1].split(":");
            String[] remote = f[2].split(":");
            out.add(new TcpSocket(
                    Integer.reverseBytes(Integer.parseUnsignedInt(local[0], 16)),
                    Integer.parseInt(local[1], 16),
                    Integer.reverseBytes(Integer.parseUnsignedInt(remote[0], 16)),
                    Integer.parseInt(remote[1], 16),
                    Integer.parseInt(f[3], 16)));
        }
        return out;
    }

    /** Number of SYN_RECV (st == 03) entries whose local port is {@code localPort}. */
    public static int synRecvCount(int localPort) {
        int n = 0;
        for (TcpSocket s : tcpSockets()) {
            if (s.state() == TcpInfo.TCP_SYN_RECV && s.localPort() == localPort) {
                n++;
            }
        }
        return n;
    }

    /** Reads a net.* sysctl as seen from the calling thread's netns, e.g. "net.ipv4.tcp_syncookies". */
    public static String sysctl(String name) {
        Path p = sysctlPath(name, "net.");
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no such sysctl in this thread's netns: " + name);
        }
        return readProc(p).strip();
    }

    /** Reads an fs.* sysctl, global to the machine, e.g. "fs.aio-max-nr". */
    public static String fsSysctl(String name) {
        return readProc(sysctlPath(name, "fs.")).strip();
    }

    /**
     * Writes a net.ipv4.* or net.core.* sysctl, only on a thread inside a namespace created by
     * {@link NetNamespace#runInPrivateNetns}; refuses (IllegalStateException) anywhere else.
     */
    public static void setSysctlInPrivateNetns(String name, String value) {
        writeSysctlInPrivateNetns(name, value, "net.ipv4.", "net.core.");
    }

    /** Shared guarded writer; {@code allowedPrefixes} limits which subtrees a caller may touch. */
    static void writeSysctlInPrivateNetns(String name, String value, String... allowedPrefixes) {
        NetNamespace.requirePrivateNetns("setting sysctl " + name);
        boolean allowed = false;
        for (String prefix : allowedPrefixes) {
            allowed |= name.startsWith(prefix);
        }
        if (!allowed) {
            throw new IllegalStateException("sysctl " + name + " not allowed; only " + String.join(", ", allowedPrefixes));
        }
        if (value.isEmpty() || value.chars().anyMatch(c -> c == '\n' || c == 0)) {
            throw new IllegalArgumentException("bad sysctl value: '" + value + "'");
        }
        Path p = sysctlPath(name, "net.");
        if (Files.exists(p) && !Files.isWritable(p)) {
            // e.g. net.core.rmem_max: visible in every netns but global, so the kernel makes it 0444 there
            // (net/core/sysctl_net_core.c sysctl_core_net_init clears the write bits)
            throw new IllegalStateException("sysctl " + name + " is read-only in a non-init netns (global value)");
        }
        try {
            // WRITE only (no CREATE): a sysctl missing in this netns must fail, not be created
            Files.writeString(p, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such sysctl in this netns (global sysctls are hidden "
                    + "outside init_net): " + name, e);
        } catch (IOException e) {
            throw new UncheckedIOException("write " + p, e);
        }
    }

    private static Path sysctlPath(String name, String requiredPrefix) {
        if (!SYSCTL_NAME.matcher(name).matches() || !name.startsWith(requiredPrefix)) {
            throw new IllegalArgumentException("not a " + requiredPrefix + "* sysctl name: " + name);
        }
        return PROC_SYS.resolve(name.replace('.', '/'));
    }

    /** uname -r, from /proc/sys/kernel/osrelease. */
    public static String kernelRelease() {
        return readTrimmed(PROC_SYS.resolve("kernel/osrelease"));
    }

    /** uname -m ("x86_64"), from /proc/sys/kernel/arch, falling back to os.arch. */
    public static String arch() {
        Path p = PROC_SYS.resolve("kernel/arch");
        if (Files.isReadable(p)) {
            return readTrimmed(p);
        }
        String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return a.equals("amd64") ? "x86_64" : a;
    }

    private static String readTrimmed(Path p) {
        return readProc(p).strip();
    }

    private static List<String> readLines(Path p) {
        return readProc(p).lines().toList();
    }

    /**
     * Reads a procfs file with large read(2) calls. Files.readString/readAllBytes must not be used:
     * procfs reports size 0, so the JDK first reads a single byte, and numeric sysctl handlers return
     * EOF for any read at a nonzero offset (kernel/sysctl.c __do_proc_dointvec: "*ppos &amp;&amp; !write"),
     * which truncates "4096" to "4".
     */
    static String readProc(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(PROC_READ_CHUNK);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < PROC_MAX_BYTES / PROC_READ_CHUNK; i++) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    return out.toString(StandardCharsets.US_ASCII);
                }
                out.write(buf.array(), 0, n);
            }
            throw new IllegalStateException(p + " larger than " + PROC_MAX_BYTES + " bytes");
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file in this thread's view of procfs: " + p, e);
        } catch (IOException e) {
            throw new UncheckedIOException("read " + p, e);
        }
    }
}
