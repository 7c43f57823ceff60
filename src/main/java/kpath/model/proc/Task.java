package kpath.model.proc;

import java.util.List;
import java.util.Objects;

/**
 * A task (thread) inside a call that may sleep: epoll_wait, poll or select with a timeout, a
 * read of a blocking file, io_uring_enter with IORING_ENTER_GETEVENTS, or io_getevents. Its phases are the two of every blocking I/O model: it waits for data
 * ({@link Phase#SLEEPING}, on wait queues), then, woken and run, it copies the result out
 * ({@link Phase#DONE}). When the task enters the kernel and when it runs after a wake-up is the
 * scheduler's choice, so both are separate steps (see {@code Tasks}).
 *
 * @param call     the call: {@code EpollWait}, {@code Poll}, {@code Select}, {@code Read},
 *                 {@code IoUringEnter} or {@code IoGetevents}
 * @param timeout  milliseconds: -1 infinite, 0 never sleeps (a read and io_uring_enter have -1)
 * @param phase    where the task is
 * @param on       the files whose wait queues hold the task while it sleeps (poll, select, read;
 *                 io_uring_enter on its ring's cq_wait, io_getevents on its context's wait; an
 *                 epoll_wait sleeper is on its epoll's {@code wq} instead); kept after a wake-up
 *                 until the task runs, as a woken reader keeps SOCKWQ_ASYNC_WAITDATA set until then
 *                 (and as io_uring_enter's woken task loops in io_cqring_wait without submitting again)
 * @param timedOut the timer fired while it slept (poll, select and io_getevents check once more, then return)
 * @param ret      the return value once DONE (0 before; while io_uring_enter waits, the count it
 *                 submitted; while io_getevents waits, the count of events it took so far)
 * @param out      what it copies out once DONE: events, revents, fd sets, an eventfd value, AIO
 *                 events (io_getevents: those taken so far while it waits)
 * @param need     io_uring_enter once it waits: how far the CQ tail still has to move
 *                 (io_cqring_wait's iowq.cq_tail, the head when it began waiting plus min_complete,
 *                 minus the tail; 0 once the tail passed it); 0 otherwise
 */
public record Task(ProcAction call, int timeout, Phase phase, List<String> on, boolean timedOut, long ret,
                   CopyOut out, int need) {

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
        return new Task(call, timeout, Phase.RUNNING, List.of(), false, 0, CopyOut.NONE, 0);
    }

    Task running() {
        return new Task(call, timeout, Phase.RUNNING, on, timedOut, ret, out, need);
    }

    Task sleeping(List<String> files) {
        return new Task(call, timeout, Phase.SLEEPING, files, timedOut, ret, out, need);
    }

    /** Asleep on {@code files}, holding what the call has done so far: its result and copy-out. */
    Task sleeping(List<String> files, long partRet, CopyOut partOut, int stillNeeded) {
        return new Task(call, timeout, Phase.SLEEPING, files, timedOut, partRet, partOut, stillNeeded);
    }

    /** The CQ tail moved by {@code posted}: that much less to wait for (none once it passed the target). */
    Task tailMoved(int posted) {
        return new Task(call, timeout, phase, on, timedOut, ret, out, Math.max(0, need - posted));
    }

    Task expired() {
        return new Task(call, timeout, Phase.RUNNING, List.of(), true, ret, out, need);
    }

    Task done(long result, CopyOut copied) {
        return new Task(call, timeout, Phase.DONE, List.of(), timedOut, result, copied, 0);
    }
}
