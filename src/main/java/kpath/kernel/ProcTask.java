package kpath.kernel;

import java.nio.file.Path;

/**
 * What procfs says of one thread of this process: its scheduler state and its wait channel, from
 * {@code /proc/self/task/TID/stat} and {@code /proc/self/task/TID/wchan}. The readiness capture
 * uses them to see that a task really sleeps inside a call before the main thread acts on it.
 */
public final class ProcTask {

    private ProcTask() {
    }

    /**
     * One reading. {@code state} is the stat state letter ({@code S} = interruptible sleep,
     * {@code R} = running, ...); {@code wchan} is the kernel function the thread sleeps in, exactly
     * as read ({@code 0} when it does not sleep). Both are {@code -} when the thread has gone.
     */
    public record Reading(String state, String wchan) {
    }

    private static final Path TASKS = Path.of("/proc/self/task");

    /**
     * Reads the state and wait channel of thread {@code tid} of this process.
     * fs/proc/array.c do_task_stat writes "pid (comm) state ..."; comm may hold spaces and ')', so
     * the state is the field after the last ')'. fs/proc/base.c proc_pid_wchan writes the symbol
     * of get_wchan(), which skips scheduler functions (those marked __sched), or "0".
     */
    public static Reading read(int tid) {
        Path dir = TASKS.resolve(Integer.toString(tid));
        String stat;
        String wchan;
        try {
            stat = ProcNet.readProc(dir.resolve("stat"));
            wchan = ProcNet.readProc(dir.resolve("wchan")).strip();
        } catch (IllegalArgumentException gone) {
            return new Reading("-", "-");
        }
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            throw new IllegalStateException("unexpected " + dir.resolve("stat") + ": " + stat);
        }
        String state = stat.substring(close + 2, close + 3);
        return new Reading(state, wchan.isEmpty() ? "0" : wchan);
    }

    /**
     * The signal sets of one thread: {@code pending} is its own pending set (thread-directed
     * signals, SigPnd), {@code sharedPending} the process's (ShdPnd), {@code blocked} its mask
     * (SigBlk); bit n-1 stands for signal n.
     */
    public record Signals(long pending, long sharedPending, long blocked) {
        /** Whether signal {@code sig} is in {@code set}. */
        public static boolean has(long set, int sig) {
            return (set & (1L << (sig - 1))) != 0;
        }
    }

    /**
     * Reads the signal sets of thread {@code tid} of this process from
     * {@code /proc/self/task/TID/status} (fs/proc/array.c task_sig writes each as 16 hex digits);
     * empty when the thread has gone.
     */
    public static java.util.Optional<Signals> signals(int tid) {
        String status;
        try {
            status = ProcNet.readProc(TASKS.resolve(Integer.toString(tid)).resolve("status"));
        } catch (IllegalArgumentException gone) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Signals(sigset(status, "SigPnd:"), sigset(status, "ShdPnd:"),
                sigset(status, "SigBlk:")));
    }

    private static long sigset(String status, String key) {
        return status.lines().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> Long.parseUnsignedLong(l.substring(key.length()).strip(), 16))
                .orElseThrow(() -> new IllegalStateException("no " + key + " in a task's status"));
    }
}
