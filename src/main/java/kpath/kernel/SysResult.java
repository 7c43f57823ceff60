package kpath.kernel;

import kpath.uapi.Errno;

/**
 * Outcome of one system call: the raw return {@code value} and, when {@code value == -1},
 * the {@code errno} captured right after the call.
 *
 * @param value the syscall's return value (fd, byte count, port, 0 ...), -1 on failure
 * @param errno errno captured by the downcall; only meaningful when {@code value == -1}
 */
public record SysResult(long value, int errno) {

    /** True when the call did not fail (value != -1). */
    public boolean ok() {
        return value != -1;
    }

    /** True when the call failed with exactly this errno. */
    public boolean failedWith(int expectedErrno) {
        return value == -1 && errno == expectedErrno;
    }

    /** Symbolic errno name ("EAGAIN"), "OK" when the call succeeded. */
    public String errnoName() {
        return ok() ? "OK" : Errno.nameOf(errno);
    }

    /** The value as an int (fds, counts, ports). */
    public int intValue() {
        return Math.toIntExact(value);
    }

    /**
     * Returns this result if it succeeded.
     *
     * @throws ErrnoException naming {@code what} and the errno otherwise
     */
    public SysResult orThrow(String what) {
        if (!ok()) {
            throw new ErrnoException(what, errno);
        }
        return this;
    }

    @Override
    public String toString() {
        return ok() ? "SysResult[" + value + "]" : "SysResult[-1 " + errnoName() + "(" + errno + ")]";
    }
}
