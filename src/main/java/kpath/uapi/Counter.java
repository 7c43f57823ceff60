package kpath.uapi;

/**
 * The TcpExt counters of {@code /proc/net/netstat} the TCP path moves (include/uapi/linux/snmp.h;
 * names as net/ipv4/proc.c snmp4_net_list prints them), for the model, the checker and the capture
 * code that reads them.
 */
public enum Counter {
    ListenOverflows, ListenDrops, TCPReqQFullDrop, TCPReqQFullDoCookies, SyncookiesSent,
    SyncookiesRecv, SyncookiesFailed, EmbryonicRsts
}
