package kpath.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Flag and mask words as traces write them: bit names joined with '|', "0" for none. */
public final class Bits {

    private Bits() {
    }

    /** epoll event bits in the order a trace writes them, then the input-only flags. */
    static final List<Map.Entry<String, Integer>> EPOLL = List.of(
            Map.entry("EPOLLIN", LibcPoll.EPOLLIN), Map.entry("EPOLLPRI", LibcPoll.EPOLLPRI),
            Map.entry("EPOLLOUT", LibcPoll.EPOLLOUT), Map.entry("EPOLLERR", LibcPoll.EPOLLERR),
            Map.entry("EPOLLHUP", LibcPoll.EPOLLHUP), Map.entry("EPOLLRDNORM", LibcPoll.EPOLLRDNORM),
            Map.entry("EPOLLRDBAND", LibcPoll.EPOLLRDBAND), Map.entry("EPOLLWRNORM", LibcPoll.EPOLLWRNORM),
            Map.entry("EPOLLWRBAND", LibcPoll.EPOLLWRBAND), Map.entry("EPOLLMSG", LibcPoll.EPOLLMSG),
            Map.entry("EPOLLRDHUP", LibcPoll.EPOLLRDHUP), Map.entry("EPOLLEXCLUSIVE", LibcPoll.EPOLLEXCLUSIVE),
            Map.entry("EPOLLWAKEUP", LibcPoll.EPOLLWAKEUP), Map.entry("EPOLLONESHOT", LibcPoll.EPOLLONESHOT),
            Map.entry("EPOLLET", LibcPoll.EPOLLET));

    /** poll bits in the order a trace writes them (include/uapi/asm-generic/poll.h). */
    static final List<Map.Entry<String, Integer>> POLL = List.of(
            Map.entry("POLLIN", LibcPoll.POLLIN), Map.entry("POLLPRI", LibcPoll.POLLPRI),
            Map.entry("POLLOUT", LibcPoll.POLLOUT), Map.entry("POLLERR", LibcPoll.POLLERR),
            Map.entry("POLLHUP", LibcPoll.POLLHUP), Map.entry("POLLNVAL", LibcPoll.POLLNVAL),
            Map.entry("POLLRDNORM", LibcPoll.POLLRDNORM), Map.entry("POLLRDBAND", LibcPoll.POLLRDBAND),
            Map.entry("POLLWRNORM", LibcPoll.POLLWRNORM), Map.entry("POLLWRBAND", LibcPoll.POLLWRBAND),
            Map.entry("POLLRDHUP", LibcPoll.POLLRDHUP));

    /** eventfd(2) flags. */
    static final List<Map.Entry<String, Integer>> EFD = List.of(
            Map.entry("EFD_NONBLOCK", LibcFile.EFD_NONBLOCK), Map.entry("EFD_SEMAPHORE", LibcFile.EFD_SEMAPHORE),
            Map.entry("EFD_CLOEXEC", LibcFile.EFD_CLOEXEC));

    /** fcntl(F_SETFL) flags a readiness trace writes (include/uapi/asm-generic/fcntl.h). */
    static final List<Map.Entry<String, Integer>> SETFL = List.of(
            Map.entry("O_NONBLOCK", LibcFile.O_NONBLOCK), Map.entry("O_ASYNC", LibcFile.O_ASYNC));

    public static String epoll(int mask) {
        return text(mask, EPOLL);
    }

    public static String poll(int mask) {
        return text(mask, POLL);
    }

    public static String efd(int flags) {
        return text(flags, EFD);
    }

    public static String setfl(int flags) {
        return text(flags, SETFL);
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
