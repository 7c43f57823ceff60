package kpath.uapi;

/**
 * The sysctls the TCP passive-open path reads, by their kernel names (Documentation/networking/
 * ip-sysctl.rst): what every TCP trace header lists. The model's Sysctls record holds the
 * {@link #names() model's}; the {@link #clockNames() clock's} only time a connecting client's SYN
 * retransmissions in the checkers ({@code kpath.check.tcp.TcpTime}), and a header may lack them
 * (traces captured before they were recorded, kernels without tcp_syn_linear_timeouts).
 */
public enum Sysctl {
    SOMAXCONN("net.core.somaxconn", true),
    TCP_MAX_SYN_BACKLOG("net.ipv4.tcp_max_syn_backlog", true),
    TCP_SYNCOOKIES("net.ipv4.tcp_syncookies", true),
    TCP_ABORT_ON_OVERFLOW("net.ipv4.tcp_abort_on_overflow", true),
    TCP_SYNACK_RETRIES("net.ipv4.tcp_synack_retries", true),
    /** SYN retransmissions of a connecting client before ETIMEDOUT (net/ipv4/tcp_timer.c tcp_write_timeout). */
    TCP_SYN_RETRIES("net.ipv4.tcp_syn_retries", false),
    /** Linux 6.5 on: SYN retransmissions that keep a 1 s RTO (net/ipv4/tcp_timer.c tcp_retransmit_timer). */
    TCP_SYN_LINEAR_TIMEOUTS("net.ipv4.tcp_syn_linear_timeouts", false);

    private final String kernelName;
    private final boolean model;

    Sysctl(String kernelName, boolean model) {
        this.kernelName = kernelName;
        this.model = model;
    }

    /** The name under /proc/sys, dotted: {@code net.core.somaxconn}. */
    public String kernelName() {
        return kernelName;
    }

    /** The kernel names the model reads, in declaration order: every TCP header has them. */
    public static java.util.List<String> names() {
        return java.util.Arrays.stream(values()).filter(s -> s.model).map(Sysctl::kernelName).toList();
    }

    /** The kernel names only the checkers' clock reads, in declaration order. */
    public static java.util.List<String> clockNames() {
        return java.util.Arrays.stream(values()).filter(s -> !s.model).map(Sysctl::kernelName).toList();
    }
}
