package kpath.uapi;

/**
 * The sysctls the TCP passive-open path reads, by their kernel names (Documentation/networking/
 * ip-sysctl.rst): what every TCP trace header lists and what the model's Sysctls record holds.
 */
public enum Sysctl {
    SOMAXCONN("net.core.somaxconn"),
    TCP_MAX_SYN_BACKLOG("net.ipv4.tcp_max_syn_backlog"),
    TCP_SYNCOOKIES("net.ipv4.tcp_syncookies"),
    TCP_ABORT_ON_OVERFLOW("net.ipv4.tcp_abort_on_overflow"),
    TCP_SYNACK_RETRIES("net.ipv4.tcp_synack_retries");

    private final String kernelName;

    Sysctl(String kernelName) {
        this.kernelName = kernelName;
    }

    /** The name under /proc/sys, dotted: {@code net.core.somaxconn}. */
    public String kernelName() {
        return kernelName;
    }

    /** The kernel names in declaration order. */
    public static java.util.List<String> names() {
        return java.util.Arrays.stream(values()).map(Sysctl::kernelName).toList();
    }
}
