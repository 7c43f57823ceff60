package kpath.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;

/**
 * The header of a trace: the version line and the {@code key: value} lines after it.
 * {@code toString()} is the header's text, every line ending in {@code '\n'}, in the canonical
 * order: the {@link #REQUIRED_KEYS}, then the {@code sysctl} lines, then the {@link #extra} keys.
 *
 * @param version always {@link #VERSION}
 * @param sysctls {@code sysctl: name=value} lines, in order; read-only
 * @param extra   any other {@code key: value} lines, in order (keys may repeat); read-only
 */
public record Header(int version, String scenario, String kernel, String arch, Netns netns, Peer peer,
                     SequencedMap<String, String> sysctls, List<Map.Entry<String, String>> extra) {

    /** The only version of the format there is. */
    public static final int VERSION = 1;

    /** The first line of every trace. */
    public static final String MAGIC = "kpath-trace " + VERSION;

    /** The keys every header has, in the order they are written. */
    public static final List<String> REQUIRED_KEYS = List.of("scenario", "kernel", "arch", "netns", "peer");

    /** The key of the repeatable {@code sysctl: name=value} line. */
    public static final String SYSCTL = "sysctl";

    /**
     * The extra key naming the kernel path a trace records ({@code path: tcp}); the checkers pick
     * the path's binding by it. A trace without it is routed by the folder it lies in.
     */
    public static final String PATH = "path";

    private static final Set<String> RESERVED = Set.of("scenario", "kernel", "arch", "netns", "peer", SYSCTL);

    /** The network namespace the trace was captured in. */
    public enum Netns {
        HOST, PRIVATE;

        /** As written in a trace: {@code host}, {@code private}. */
        public String token() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The value written as {@code token}, if any. */
        public static Optional<Netns> of(String token) {
            for (Netns n : values()) {
                if (n.token().equals(token)) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }
    }

    /** Where the scenario's peer lives. */
    public enum Peer {
        LOOPBACK, TUN;

        /** As written in a trace: {@code loopback}, {@code tun}. */
        public String token() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The value written as {@code token}, if any. */
        public static Optional<Peer> of(String token) {
            for (Peer p : values()) {
                if (p.token().equals(token)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    public Header {
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported trace version " + version + ": expected " + VERSION);
        }
        Syntax.value(scenario, "header key 'scenario'");
        Syntax.value(kernel, "header key 'kernel'");
        Syntax.value(arch, "header key 'arch'");
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(sysctls, "sysctls");
        Objects.requireNonNull(extra, "extra");
        SequencedMap<String, String> s = new LinkedHashMap<>();
        sysctls.forEach((name, value) -> {
            Syntax.require(Syntax.SYSCTL_NAME, name, "sysctl name", "a name like net.core.somaxconn");
            s.put(name, Syntax.value(value, "sysctl '" + name + "'"));
        });
        sysctls = Collections.unmodifiableSequencedMap(s);
        List<Map.Entry<String, String>> x = new ArrayList<>();
        for (Map.Entry<String, String> e : extra) {
            String key = Syntax.require(Syntax.HEADER_KEY, e.getKey(), "header key", "[a-z][a-z0-9-]*");
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("header key '" + key + "' is not an extra key");
            }
            String v = Syntax.value(e.getValue(), "header key '" + key + "'");
            if (key.equals(PATH)) {
                Syntax.require(Syntax.HEADER_KEY, v, "path name", "[a-z][a-z0-9-]*, e.g. tcp");
                if (x.stream().anyMatch(y -> y.getKey().equals(PATH))) {
                    throw new IllegalArgumentException("header key 'path' given twice");
                }
            }
            x.add(Map.entry(key, v));
        }
        extra = List.copyOf(x);
    }

    /** A version-1 header without sysctls or extra keys. */
    public static Header of(String scenario, String kernel, String arch, Netns netns, Peer peer) {
        return new Header(VERSION, scenario, kernel, arch, netns, peer, new LinkedHashMap<>(), List.of());
    }

    /** The kernel path the trace declares ({@code path:}), if it declares one. */
    public Optional<String> path() {
        return extra.stream().filter(e -> e.getKey().equals(PATH)).map(Map.Entry::getValue).findFirst();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(MAGIC).append('\n');
        line(sb, "scenario", scenario);
        line(sb, "kernel", kernel);
        line(sb, "arch", arch);
        line(sb, "netns", netns.token());
        line(sb, "peer", peer.token());
        sysctls.forEach((name, value) -> line(sb, SYSCTL, name + "=" + value));
        extra.forEach(e -> line(sb, e.getKey(), e.getValue()));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append(": ").append(value).append('\n');
    }
}
