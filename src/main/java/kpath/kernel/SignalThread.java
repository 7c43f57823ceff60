package kpath.kernel;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The thread a signal scenario runs on: a platform thread of its own, so that the signals it blocks
 * and owns (SIGURG, SIGIO, the scenarios' real-time one) are pending on it alone and no other JVM
 * thread ever has them delivered; and the take of what is left when its scenario ends.
 */
public final class SignalThread {
    private SignalThread() {}

    /** Bound on the whole run of one scenario on its signal thread (its tasks have their own bounds). */
    public static final Duration RUN = Duration.ofSeconds(30);
    /**
     * How many times the signal thread calls rt_sigtimedwait to take what is left before it ends
     * (real-time signals queue, one per send).
     */
    public static final int DRAIN_TRIES = 32;

    /**
     * Runs {@code body} on a new daemon platform thread named after {@code name} and waits for it,
     * {@code bound} at most; rethrows what the body threw.
     */
    public static <T> T run(String name, Duration bound, Callable<T> body) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().name("kpath-" + name + "-signals").daemon(true).unstarted(() -> {
            try {
                done.complete(body.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        t.start();
        if (!t.join(bound)) {
            throw new IllegalStateException(name + ": the signal thread did not end within " + bound.toSeconds() + " s");
        }
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            if (e.getCause() instanceof Error x) {
                throw x;
            }
            throw e;
        }
    }

    /** What {@link #drain} took, and the thread's signal sets after it. */
    public record Drained(int taken, ProcTask.Signals after) {
        /** Whether SIGURG, SIGIO or the real-time signal is still pending for the thread or its process. */
        public boolean left() {
            for (int sig : new int[] {LibcSignal.SIGURG, LibcSignal.SIGIO, LibcSignal.SIG_RT}) {
                if (ProcTask.Signals.has(after.pending(), sig) || ProcTask.Signals.has(after.sharedPending(), sig)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * On the signal thread {@code tid}, once its fds are closed (nothing sends it these signals any
     * more): takes them with rt_sigtimedwait, {@code tries} at most (a real-time one queues per
     * send), then reads its sets in {@code /proc/self/task/TID/status}.
     */
    public static Drained drain(int tid, int tries) {
        int taken = 0;
        for (int i = 0; i < tries && LibcSignal.sigtimedwait(LibcSignal.SIGURG, LibcSignal.SIGIO, LibcSignal.SIG_RT).result().ok(); i++) {
            taken++;
        }
        return new Drained(taken, ProcTask.signals(tid).orElseThrow());
    }

    /** {@code failure}, with {@code more} added (suppressed) when both are there; either when one is. */
    public static Exception with(Exception failure, Exception more) {
        if (failure == null) {
            return more;
        }
        if (more != null) {
            failure.addSuppressed(more);
        }
        return failure;
    }
}
