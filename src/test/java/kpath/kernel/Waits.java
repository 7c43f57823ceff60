package kpath.kernel;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Test helper: bounded waiting on a condition, ticking with poll(2) timeouts. */
final class Waits {

    private Waits() {
    }

    private static final int TICK_MS = 5;

    /** Re-checks {@code condition} every few ms until true or {@code max} elapsed; returns the last result. */
    static boolean until(Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        long maxTicks = max.toMillis() / TICK_MS + 2; // count bound as well as time bound
        for (long i = 0; i < maxTicks; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            LibcPoll.poll(List.of(), TICK_MS); // nfds == 0: a pure timeout
        }
        return condition.getAsBoolean();
    }
}
