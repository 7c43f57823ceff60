package kpath.model.proc;

import java.util.List;
import java.util.TreeMap;
import kpath.model.proc.OpenFile.Epoll;
import kpath.model.proc.OpenFile.Item;
import kpath.uapi.Mask;

/** kernel/sched/wait.c: a wake-up on a file's wait queue, and who it reaches. */
final class Wait {
    private Wait() {}

    /**
     * A wake-up on {@code file}'s wait queue with poll key {@code key}. kernel: __wake_up_common
     * walks the queue head to tail. add_wait_queue puts an entry at the head and
     * add_wait_queue_exclusive at the tail, so every non-exclusive entry comes first (the newest
     * first): epoll items ({@link Eventpoll#epPollCallback}), and tasks sleeping in poll or select
     * ({@link SelectPoll#pollwake}) or read (autoremove_wake_function: any key). Then the
     * EPOLLEXCLUSIVE items, oldest first, until one reports that it woke a waiter — unless the
     * wake-up is for all (key 0 here: wake_up_interruptible_all from release, shutdown and state changes).
     */
    static void wake(World w, String file, int uringKey) {
        IoPoll.wake(w, file, uringKey); // io_poll_wake entries: non-exclusive, they only queue task work
        // EPOLL_URING_WAKE matters to io_poll_wake only: never in an epoll item's or a poll's events,
        // and aio_poll_wake's mangle_poll drops it
        int key = uringKey & ~Mask.URING_WAKE;
        Aio.wake(w, file, key); // aio_poll_wake entries: non-exclusive
        for (String ep : w.epollIds()) {
            List<Item> items = ((Epoll) w.files.get(ep)).items();
            List<Item> onFile = null;                   // most wake-ups reach no item of most epolls
            for (Item i : items) {
                if (i.key().file().equals(file) && (i.events() & Mask.EXCLUSIVE) == 0) {
                    if (onFile == null) {
                        onFile = new java.util.ArrayList<>(2);
                    }
                    onFile.add(i);
                }
            }
            if (onFile != null) {
                for (Item item : onFile.reversed()) {
                    Eventpoll.epPollCallback(w, ep, item, key);
                }
            }
        }
        wakeTasks(w, file, key);
        if (w.exclusive.isEmpty()) {
            return;
        }
        for (ProcState.Exclusive x : List.copyOf(w.exclusive)) {
            if (x.key().file().equals(file) && w.files.get(x.ep()) instanceof Epoll e) {
                Item item = e.items().stream().filter(i -> i.key().equals(x.key())).findFirst().orElseThrow();
                if (Eventpoll.epPollCallback(w, x.ep(), item, key) && key != 0) {
                    break; // nr_exclusive = 1: one exclusive entry woke a task
                }
            }
        }
    }

    /**
     * A ring's cq_wait (io_uring/io_uring.c io_cqring_wake, at every commit), whose CQ tail moved
     * by {@code posted}: the tasks waiting in io_uring_enter on {@code ring} (asleep, or woken and
     * not yet run) have that much less to wait for, and each asleep is woken only when its wait is
     * met or CQEs overflowed (io_wake_function, {@link IoUring#shouldWake}); nothing else sleeps on it.
     */
    static void wakeCqWait(World w, String ring, int posted) {
        for (String t : new TreeMap<>(w.tasks).keySet()) {
            Task task = w.tasks.get(t);
            if (task.phase() != Task.Phase.DONE && task.call() instanceof ProcAction.IoUringEnter && task.on().contains(ring)) {
                Task moved = task.tailMoved(posted);
                w.tasks.put(t, moved.phase() == Task.Phase.SLEEPING && IoUring.shouldWake(w, ring, moved) ? moved.running() : moved);
            }
        }
    }

    /**
     * The tasks sleeping on {@code queue} that a wake-up with {@code key} reaches, made runnable:
     * poll and select sleepers whose key matches ({@link SelectPoll#pollwake}), readers
     * (autoremove_wake_function: any key), an AIO context's io_getevents sleepers (fs/aio.c
     * aio_complete: wake_up(&ctx->wait), any), which the context wakes when it posts.
     */
    static void wakeTasks(World w, String queue, int key) {
        if (w.tasks.isEmpty()) {
            return;
        }
        for (String t : new TreeMap<>(w.tasks).keySet()) {
            Task task = w.tasks.get(t);
            if (task.phase() == Task.Phase.SLEEPING && task.on().contains(queue) && SelectPoll.pollwake(w, task, queue, key)) {
                w.tasks.put(t, task.running());
            }
        }
    }
}
