package kpath.kernel;

import java.util.ArrayDeque;
import java.util.Deque;

/** Owns the fds of one scenario run or test and closes them all (newest first), also when it fails. */
public final class Fds implements AutoCloseable {

    private final Deque<Integer> fds = new ArrayDeque<>();

    /** Registers the fd of a successful call; throws {@link kpath.kernel.ErrnoException} if it failed. */
    public int own(SysResult r, String what) {
        int fd = r.orThrow(what).intValue();
        fds.push(fd);
        return fd;
    }

    /** Registers an fd obtained some other way. */
    public int own(int fd) {
        fds.push(fd);
        return fd;
    }

    /** Whether {@code fd} is still owned (not yet closed through this scope). */
    public boolean owns(int fd) {
        return fds.contains(fd);
    }

    /** Closes one fd now and forgets it; returns close(2)'s result (or null when not owned). */
    public SysResult close(int fd) {
        if (fds.remove(fd)) {
            return LibcFile.close(fd);
        }
        return null;
    }

    @Override
    public void close() {
        while (!fds.isEmpty()) {
            LibcFile.close(fds.pop());
        }
    }
}
