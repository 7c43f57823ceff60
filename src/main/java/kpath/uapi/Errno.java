package kpath.uapi;

/** The errno values the models return, with their Linux x86_64 numbers (uapi asm-generic/errno*.h). */
public enum Errno {
    EPERM(1), ENOENT(2), EINTR(4), EBADF(9), EAGAIN(11), ENOMEM(12), EACCES(13), EFAULT(14),
    EEXIST(17), EINVAL(22), EMFILE(24), EPIPE(32), ELOOP(40), ENOTSOCK(88), EOPNOTSUPP(95),
    ECONNRESET(104), EISCONN(106), ENOTCONN(107), ETIMEDOUT(110), ECONNREFUSED(111),
    EALREADY(114), EINPROGRESS(115);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
