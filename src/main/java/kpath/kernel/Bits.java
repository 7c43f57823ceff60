package kpath.kernel;

import kpath.uapi.FileFlags;

import kpath.uapi.Mask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Flag and mask words as traces write them: bit names joined with '|', "0" for none. */
public final class Bits {

    private Bits() {
    }

    /** epoll event bits, named by {@link Mask}. */
    public static String epoll(int mask) {
        return Mask.textExact(mask, "EPOLL");
    }

    /** poll event bits, named by {@link Mask}. */
    public static String poll(int mask) {
        return Mask.textExact(mask, "POLL");
    }

    /**
     * A call's signal mask as its trace line ends: {@code [SIG|SIG], SIZE} (the signals it blocks,
     * {@code []} for none, and the sigsetsize passed), or {@code NULL}.
     */
    public static List<String> sigmask(java.util.SortedSet<Integer> blocks, long sigsetsize) {
        return blocks == null ? List.of("NULL") : List.of("[" + String.join("|",
                blocks.stream().map(kpath.uapi.Signal::text).toList()) + "]", Long.toString(sigsetsize));
    }

    public static String efd(int flags) {
        return text(flags, FileFlags.EFD);
    }

    public static String setfl(int flags) {
        return text(flags, FileFlags.SETFL);
    }

    public static String epollOp(int op) {
        return switch (op) {
            case LibcPoll.EPOLL_CTL_ADD -> "EPOLL_CTL_ADD";
            case LibcPoll.EPOLL_CTL_DEL -> "EPOLL_CTL_DEL";
            case LibcPoll.EPOLL_CTL_MOD -> "EPOLL_CTL_MOD";
            default -> Integer.toString(op);
        };
    }

    public static String shutHow(int how) {
        return switch (how) {
            case LibcSocket.SHUT_RD -> "SHUT_RD";
            case LibcSocket.SHUT_WR -> "SHUT_WR";
            case LibcSocket.SHUT_RDWR -> "SHUT_RDWR";
            default -> Integer.toString(how);
        };
    }

    /** Named bits joined with '|' in table order; unknown bits as one hex word; "0" for none. */
    public static String text(int mask, List<Map.Entry<String, Integer>> table) {
        if (mask == 0) {
            return "0";
        }
        List<String> parts = new ArrayList<>();
        int rest = mask;
        for (Map.Entry<String, Integer> e : table) {
            if ((mask & e.getValue()) != 0) {
                parts.add(e.getKey());
                rest &= ~e.getValue();
            }
        }
        if (rest != 0) {
            parts.add("0x" + Integer.toHexString(rest));
        }
        return String.join("|", parts);
    }
}
