package kpath.kernel;

import java.util.ArrayDeque;
import java.util.Deque;

/** Test helper: owns fds and closes them all (newest first), also when a test fails. */
final class Fds implements AutoCloseable {

    private final Deque<Integer> fds = new ArrayDeque<>();

    /** Registers the fd of a successful call; throws if the call failed. */
    int own(SysResult r, String what) {
        int fd = r.orThrow(what).intValue();
        fds.push(fd);
        return fd;
    }

    /** Registers an fd obtained some other way (e.g. the second fd of a pair). */
    int own(int fd) {
        fds.push(fd);
        return fd;
    }

    /** Closes one fd early and forgets it. */
    void close(int fd) {
        if (fds.remove(fd)) {
            Libc.close(fd);
        }
    }

    @Override
    public void close() {
        while (!fds.isEmpty()) {
            Libc.close(fds.pop());
        }
    }
}
