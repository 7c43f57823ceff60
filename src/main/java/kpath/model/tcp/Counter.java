package kpath.model.tcp;

/**
 * The TcpExt counters of {@code /proc/net/netstat} this path moves (include/uapi/linux/snmp.h;
 * names as net/ipv4/proc.c snmp4_net_list prints them).
 */
public enum Counter {
    ListenOverflows, ListenDrops, TCPReqQFullDrop, TCPReqQFullDoCookies, SyncookiesSent,
    SyncookiesRecv, SyncookiesFailed, EmbryonicRsts
}
