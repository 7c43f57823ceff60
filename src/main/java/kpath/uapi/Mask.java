package kpath.uapi;

import java.util.ArrayList;
import java.util.List;

/**
 * Poll and epoll bits (include/uapi/asm-generic/poll.h, include/uapi/linux/eventpoll.h; on x86_64
 * the POLL* and EPOLL* event bits have the same values) and their names in traces.
 */
public final class Mask {
    private Mask() {}

    public static final int IN = 0x001, PRI = 0x002, OUT = 0x004, ERR = 0x008, HUP = 0x010, NVAL = 0x020,
            RDNORM = 0x040, RDBAND = 0x080, WRNORM = 0x100, WRBAND = 0x200, MSG = 0x400, RDHUP = 0x2000;
    public static final int EXCLUSIVE = 1 << 28, WAKEUP = 1 << 29, ONESHOT = 1 << 30, ET = 1 << 31;
    /** include/uapi/linux/eventpoll.h EPOLL_URING_WAKE: a wake-up key bit, set when io_uring itself wakes (never polled for). */
    public static final int URING_WAKE = 1 << 27;

    /** fs/eventpoll.c EP_PRIVATE_BITS: never reported, kept when a ONESHOT item disarms. */
    public static final int PRIVATE = WAKEUP | ONESHOT | ET | EXCLUSIVE;
    /** fs/eventpoll.c EPOLLEXCLUSIVE_OK_BITS. */
    public static final int EXCLUSIVE_OK = IN | OUT | ERR | HUP | WAKEUP | ET | EXCLUSIVE;
    /** fs/select.c POLLIN_SET, POLLOUT_SET, POLLEX_SET. */
    public static final int IN_SET = RDNORM | RDBAND | IN | HUP | ERR, OUT_SET = WRBAND | WRNORM | OUT | ERR, EX_SET = PRI;

    private static final String[] NAMES = {"IN", "PRI", "OUT", "ERR", "HUP", "NVAL", "RDNORM", "RDBAND", "WRNORM",
            "WRBAND", "MSG", "RDHUP"};
    private static final int[] BITS = {IN, PRI, OUT, ERR, HUP, NVAL, RDNORM, RDBAND, WRNORM, WRBAND, MSG, RDHUP};

    /** {@code prefix}-named bits joined by '|', e.g. "EPOLLIN|EPOLLRDNORM"; "0" for none. */
    public static String text(int mask, String prefix) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < BITS.length; i++) {
            if ((mask & BITS[i]) != 0) {
                names.add(prefix + NAMES[i]);
            }
        }
        if ((mask & EXCLUSIVE) != 0) names.add("EPOLLEXCLUSIVE");
        if ((mask & WAKEUP) != 0) names.add("EPOLLWAKEUP");
        if ((mask & ONESHOT) != 0) names.add("EPOLLONESHOT");
        if ((mask & ET) != 0) names.add("EPOLLET");
        return names.isEmpty() ? "0" : String.join("|", names);
    }

    /**
     * As {@link #text}, for what the kernel returned: any bit without a name here follows as one
     * hex word ("EPOLLIN|0x4000"), so nothing the kernel said is dropped.
     */
    public static String textExact(int mask, String prefix) {
        int named = 0;
        for (int b : BITS) {
            named |= b;
        }
        named |= EXCLUSIVE | WAKEUP | ONESHOT | ET;
        int rest = mask & ~named;
        String text = text(mask & named, prefix);
        return rest == 0 ? text : (text.equals("0") ? "" : text + "|") + "0x" + Integer.toHexString(rest);
    }

    /** Parses "EPOLLIN|EPOLLET", "POLLIN|POLLOUT" or "0". */
    public static int parse(String text) {
        if (text.equals("0")) {
            return 0;
        }
        int m = 0;
        for (String part : text.split("\\|")) {
            m |= bit(part);
        }
        return m;
    }

    private static int bit(String name) {
        switch (name) {
            case "EPOLLEXCLUSIVE": return EXCLUSIVE;
            case "EPOLLWAKEUP": return WAKEUP;
            case "EPOLLONESHOT": return ONESHOT;
            case "EPOLLET": return ET;
            default:
                String base = name.startsWith("EPOLL") ? name.substring(5) : name.startsWith("POLL") ? name.substring(4) : "";
                for (int i = 0; i < NAMES.length; i++) {
                    if (NAMES[i].equals(base)) {
                        return BITS[i];
                    }
                }
                throw new IllegalArgumentException("unknown poll bit '" + name + "'");
        }
    }
}
