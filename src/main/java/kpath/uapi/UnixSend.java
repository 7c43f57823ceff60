package kpath.uapi;

import java.util.Map;

/**
 * What an AF_UNIX stream send is charged, as a trace's header records it: the kernel's figures,
 * measured at capture, never the model's own. {@code af-unix-send: truesize=768 max-write=2
 * sock-min-sndbuf=4608} says that every write of 1 to max-write bytes made one skb charged
 * {@code truesize} to its sender's sk_wmem_alloc (read with SIOCOUTQ, net/unix/af_unix.c
 * unix_outq_len, after one such write on a fresh socketpair), and that SO_SNDBUF 0 read back
 * SOCK_MIN_SNDBUF (include/net/sock.h: twice TCP_SKB_MIN_TRUESIZE, built from struct sk_buff's
 * size). Both depend on the kernel build's allocation sizes.
 *
 * @param truesize  an skb's truesize for a write of 1 to maxWrite bytes; 0: not recorded
 * @param maxWrite  the largest write measured
 * @param sndbufMin SOCK_MIN_SNDBUF; 0: not recorded
 */
public record UnixSend(int truesize, int maxWrite, int sndbufMin) {
    /** The header key. */
    public static final String KEY = "af-unix-send";
    /** The sysctls a trace with sends that fill records: each socket's first sk_sndbuf, and SO_SNDBUF's cap. */
    public static final String WMEM_DEFAULT = "net.core.wmem_default";
    public static final String WMEM_MAX = "net.core.wmem_max";
    /** include/uapi/asm-generic/sockios.h: SIOCOUTQ (TIOCOUTQ), an AF_UNIX socket's unfreed wmem. */
    public static final long SIOCOUTQ = 0x5411;

    /** Nothing recorded: no skb is charged. */
    public static final UnixSend UNRECORDED = new UnixSend(0, 0, 0);

    /** The header value: {@code truesize=768 max-write=2 sock-min-sndbuf=4608}. */
    public String text() {
        return "truesize=" + truesize + " max-write=" + maxWrite + " sock-min-sndbuf=" + sndbufMin;
    }

    /** Reads {@link #text()}; throws IllegalArgumentException naming what is missing. */
    public static UnixSend parse(String value) {
        Map<String, String> kv = new java.util.HashMap<>();
        for (String x : value.trim().split("\\s+")) {
            String[] p = x.split("=", 2);
            kv.put(p[0], p.length == 2 ? p[1] : "");
        }
        try {
            UnixSend u = new UnixSend(Integer.parseInt(kv.getOrDefault("truesize", "")),
                    Integer.parseInt(kv.getOrDefault("max-write", "")), Integer.parseInt(kv.getOrDefault("sock-min-sndbuf", "")));
            if (u.truesize() <= 0 || u.maxWrite() <= 0 || u.sndbufMin() <= 0) {
                throw new IllegalArgumentException("expected positive truesize=N max-write=N sock-min-sndbuf=N, not '" + value + "'");
            }
            return u;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected truesize=N max-write=N sock-min-sndbuf=N, not '" + value + "'");
        }
    }
}
