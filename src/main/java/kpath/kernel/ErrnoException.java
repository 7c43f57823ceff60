package kpath.kernel;

import kpath.uapi.Errno;

/** A failed system call, carrying its errno and symbolic name. */
public final class ErrnoException extends RuntimeException {

    private final int errno;

    /**
     * @param what  the operation that failed, e.g. "bind(127.0.0.1:0)"
     * @param errno the captured errno
     */
    public ErrnoException(String what, int errno) {
        super(what + " failed: " + Errno.nameOf(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    /** The captured errno. */
    public int errno() {
        return errno;
    }

    /** Symbolic errno name, e.g. "EPERM". */
    public String errnoName() {
        return Errno.nameOf(errno);
    }
}
