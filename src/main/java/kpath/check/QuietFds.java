package kpath.check;

import java.util.concurrent.locks.Lock;

/**
 * While conform captures a scenario, the checkers beside it open no file and start no child.
 * A scenario closes an fd and then uses its number as a closed one (EBADF), or counts on its
 * close dropping a file's last reference: a file another thread opens in between takes the
 * lowest free number (seen: an AIO poll of a closed pipe end found another file), and a child
 * forked in between holds a copy of every fd until its exec (seen: pipe_release's POLL_OUT
 * signal missing). Checker code that may open a file — reading a trace, writing a TLC module,
 * starting TLC, loading a class — runs holding the checker side of conform's lock; waiting for
 * a TLC child does not. Without a lock set (every verb but conform) holding costs nothing.
 */
public final class QuietFds {
    private QuietFds() {}

    private static volatile Lock checkers;

    /** The checkers' side of the lock, or null for none. */
    public static void set(Lock checkerSide) {
        checkers = checkerSide;
    }

    /** Held until closed: the checker side, if set. */
    public static Held hold() {
        Lock l = checkers;
        if (l != null) {
            l.lock();
        }
        return new Held(l);
    }

    /** A hold on the checker side; {@link #close} releases it, once. */
    public static final class Held implements AutoCloseable {
        private Lock lock;

        private Held(Lock lock) {
            this.lock = lock;
        }

        @Override
        public void close() {
            if (lock != null) {
                lock.unlock();
                lock = null;
            }
        }
    }
}
