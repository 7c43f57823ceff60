package kpath.model.proc;

import java.util.List;
import java.util.Objects;

/**
 * A task (thread) inside a call that may sleep: epoll_wait, poll or select with a timeout, or a
 * read of a blocking file. Its phases are the two of every blocking I/O model: it waits for data
 * ({@link Phase#SLEEPING}, on wait queues), then, woken and run, it copies the result out
 * ({@link Phase#DONE}). When the task enters the kernel and when it runs after a wake-up is the
 * scheduler's choice, so both are separate steps (see {@code Tasks}).
 *
 * @param call     the call: {@code EpollWait}, {@code Poll}, {@code Select} or {@code Read}
 * @param timeout  milliseconds: -1 infinite, 0 never sleeps (a read has -1)
 * @param phase    where the task is
 * @param on       the files whose wait queues hold the task while it sleeps (poll, select, read;
 *                 an epoll_wait sleeper is on its epoll's {@code wq} instead); kept after a wake-up
 *                 until the task runs, as a woken reader keeps SOCKWQ_ASYNC_WAITDATA set until then
 * @param timedOut the timer fired while it slept (poll and select scan once more, then return)
 * @param ret      the return value once DONE (0 before)
 * @param out      what it copies out once DONE: events, revents, fd sets, an eventfd value
 */
public record Task(ProcAction call, int timeout, Phase phase, List<String> on, boolean timedOut, long ret,
                   CopyOut out) {

    public enum Phase {
        /** In the kernel and runnable: it will check its files (again). */
        RUNNING,
        /** Waiting for data: on wait queues until a wake-up or its timer. */
        SLEEPING,
        /** Its result is copied out; the call returns when the task is next observed. */
        DONE
    }

    public Task {
        Objects.requireNonNull(call);
        Objects.requireNonNull(phase);
        on = List.copyOf(on);
        Objects.requireNonNull(out);
    }

    /** A task that has just entered {@code call}. */
    public static Task entered(ProcAction call, int timeout) {
        return new Task(call, timeout, Phase.RUNNING, List.of(), false, 0, CopyOut.NONE);
    }

    Task running() {
        return new Task(call, timeout, Phase.RUNNING, on, timedOut, ret, out);
    }

    Task sleeping(List<String> files) {
        return new Task(call, timeout, Phase.SLEEPING, files, timedOut, ret, out);
    }

    Task expired() {
        return new Task(call, timeout, Phase.RUNNING, List.of(), true, ret, out);
    }

    Task done(long result, CopyOut copied) {
        return new Task(call, timeout, Phase.DONE, List.of(), timedOut, result, copied);
    }
}
