package kpath.uapi;

/**
 * The errno values, with their Linux x86_64 numbers (include/uapi/asm-generic/errno-base.h and
 * errno.h; ERESTARTSYS from include/linux/errno.h, kernel-internal, yet a SPLICE's CQE carries it):
 * what the models return and the capture code reads, named once.
 */
public enum Errno {
    EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EIO(5), ENXIO(6),
    EBADF(9), EAGAIN(11), ENOMEM(12), EACCES(13), EFAULT(14), EBUSY(16),
    EEXIST(17), ENODEV(19), EINVAL(22), ENFILE(23), EMFILE(24), ENOTTY(25),
    ENOSPC(28), ESPIPE(29), EPIPE(32), ENOSYS(38), ELOOP(40), ETIME(62), ENOTSOCK(88), EMSGSIZE(90),
    ENOPROTOOPT(92), EPROTONOSUPPORT(93), EOPNOTSUPP(95), EAFNOSUPPORT(97), EADDRINUSE(98), EADDRNOTAVAIL(99),
    ENETUNREACH(101), ECONNABORTED(103), ECONNRESET(104), ENOBUFS(105), EISCONN(106), ENOTCONN(107),
    ETIMEDOUT(110), ECONNREFUSED(111), EHOSTUNREACH(113), EALREADY(114), EINPROGRESS(115), ECANCELED(125),
    ERESTARTSYS(512);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The symbolic name of {@code number}, or "E?&lt;n&gt;" when it is not in the table. */
    public static String nameOf(int number) {
        for (Errno e : values()) {
            if (e.number == number) {
                return e.name();
            }
        }
        return "E?" + number;
    }
}
