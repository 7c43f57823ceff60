package kpath.model.tcp;

/**
 * The sysctls the passive-open path reads, per network namespace, with their kernel names.
 *
 * @param somaxconn            net.core.somaxconn: the clamp on listen()'s backlog
 * @param tcpMaxSynBacklog     net.ipv4.tcp_max_syn_backlog: only the syncookies=0 last-quarter rule
 * @param tcpSyncookies        net.ipv4.tcp_syncookies: 0 never, 1 when the SYN queue is full, 2 always
 * @param tcpAbortOnOverflow   net.ipv4.tcp_abort_on_overflow: 1 resets a final ACK that finds the accept queue full
 * @param tcpSynackRetries     net.ipv4.tcp_synack_retries: SYN-ACK retransmissions before a request expires
 */
public record Sysctls(int somaxconn, int tcpMaxSynBacklog, int tcpSyncookies, int tcpAbortOnOverflow,
                      int tcpSynackRetries) {
    public Sysctls {
        if (somaxconn < 0 || tcpMaxSynBacklog < 0 || tcpSynackRetries < 0) {
            throw new IllegalArgumentException("negative sysctl in " + this);
        }
        if (tcpSyncookies < 0 || tcpSyncookies > 2) {
            throw new IllegalArgumentException("net.ipv4.tcp_syncookies must be 0, 1 or 2, not " + tcpSyncookies);
        }
        if (tcpAbortOnOverflow < 0 || tcpAbortOnOverflow > 1) {
            throw new IllegalArgumentException("net.ipv4.tcp_abort_on_overflow must be 0 or 1, not " + tcpAbortOnOverflow);
        }
    }

    /** The Linux defaults on this kernel series (catalog tcp §0). */
    public static Sysctls linuxDefaults() {
        return new Sysctls(4096, 2048, 1, 0, 5);
    }

    public Sysctls withSomaxconn(int v) {
        return new Sysctls(v, tcpMaxSynBacklog, tcpSyncookies, tcpAbortOnOverflow, tcpSynackRetries);
    }

    public Sysctls withTcpSyncookies(int v) {
        return new Sysctls(somaxconn, tcpMaxSynBacklog, v, tcpAbortOnOverflow, tcpSynackRetries);
    }

    public Sysctls withTcpAbortOnOverflow(int v) {
        return new Sysctls(somaxconn, tcpMaxSynBacklog, tcpSyncookies, v, tcpSynackRetries);
    }

    public Sysctls withTcpSynackRetries(int v) {
        return new Sysctls(somaxconn, tcpMaxSynBacklog, tcpSyncookies, tcpAbortOnOverflow, v);
    }

    public Sysctls withTcpMaxSynBacklog(int v) {
        return new Sysctls(somaxconn, v, tcpSyncookies, tcpAbortOnOverflow, tcpSynackRetries);
    }
}
