package kpath.uapi;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The flag words the models, the checkers and the capture code read and write (x86_64): file
 * status flags (include/uapi/asm-generic/fcntl.h), eventfd flags (include/uapi/linux/eventfd.h),
 * socket type flags (include/linux/net.h), send's MSG_OOB (include/linux/socket.h); and each word's names in the order a trace writes them.
 */
public final class FileFlags {
    private FileFlags() {}

    public static final int O_NONBLOCK = 04000;
    /** FASYNC: signal-driven I/O. */
    public static final int O_ASYNC = 020000;
    public static final int O_CLOEXEC = 02000000;
    /** Direct I/O: reads and writes bypass the page cache (x86_64's value). */
    public static final int O_DIRECT = 040000;

    public static final int EFD_SEMAPHORE = 1, EFD_NONBLOCK = O_NONBLOCK, EFD_CLOEXEC = O_CLOEXEC;

    public static final int SOCK_STREAM = 1, SOCK_NONBLOCK = O_NONBLOCK, SOCK_CLOEXEC = O_CLOEXEC;

    /** send(2)'s flag for urgent (out-of-band) data (include/linux/socket.h); the only send flag a trace writes. */
    public static final int MSG_OOB = 1;

    /** fcntl(F_SETFL) flags a trace writes. */
    public static final List<Map.Entry<String, Integer>> SETFL = List.of(
            Map.entry("O_NONBLOCK", O_NONBLOCK), Map.entry("O_ASYNC", O_ASYNC));

    /** eventfd(2) flags. */
    public static final List<Map.Entry<String, Integer>> EFD = List.of(
            Map.entry("EFD_NONBLOCK", EFD_NONBLOCK), Map.entry("EFD_SEMAPHORE", EFD_SEMAPHORE),
            Map.entry("EFD_CLOEXEC", EFD_CLOEXEC));

    /** socket(2)/socketpair(2) type word for a stream socket, with its flags. */
    public static final List<Map.Entry<String, Integer>> SOCK_TYPE = List.of(
            Map.entry("SOCK_STREAM", SOCK_STREAM), Map.entry("SOCK_NONBLOCK", SOCK_NONBLOCK),
            Map.entry("SOCK_CLOEXEC", SOCK_CLOEXEC));

    /** accept4(2) flags. */
    public static final List<Map.Entry<String, Integer>> ACCEPT4 = SOCK_TYPE.subList(1, 3);

    /** The names of a table. */
    public static Set<String> names(List<Map.Entry<String, Integer>> table) {
        Set<String> s = new TreeSet<>();
        table.forEach(e -> s.add(e.getKey()));
        return s;
    }
}
