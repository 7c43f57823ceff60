package kpath.model.proc;

import java.util.ArrayList;
import java.util.List;
import kpath.model.proc.OpenFile.Epoll;
import kpath.model.proc.ProcAction.*;

import static kpath.model.proc.ProcRule.*;

/**
 * Tasks in calls that may sleep: epoll_wait, poll or select with a timeout, a read of a blocking
 * file, io_uring_enter waiting for CQEs, io_getevents waiting for events, io_submit whose read of an
 * empty blocking pipe or socket waits inside the call, io_destroy waiting for such a read (not modelled: two such readers of one pipe, exclusive waiters). A task enters its call ({@link TaskCall}), runs when the scheduler lets it ({@link TaskRun}:
 * it checks its files and either finishes or sleeps on wait queues), is woken by the wake-up path
 * ({@link Wait}: runnable again), may time out ({@link TaskTimeout}), and returns
 * ({@link TaskReturn}). Runs and timeouts are hidden steps: a checker explores where they fall.
 */
final class Tasks {
    private Tasks() {}

    static ProcRule enter(World w, TaskCall c) {
        if (w.tasks.containsKey(c.task())) {
            return null; // a task makes one call at a time
        }
        w.tasks.put(c.task(), Task.entered(c.call(), c.untimed() ? -1 : c.timeout()));
        return TaskEnters;
    }

    /**
     * The scheduler runs a task in its call: it checks its files as the one-line call would. With
     * a result (or a zero timeout, or after its timer fired) it is DONE; otherwise it goes to
     * sleep. The check's side effects stay (an epoll scan drops items no longer ready).
     */
    static ProcRule run(World w, String name) {
        Task t = w.tasks.get(name);
        if (t == null || t.phase() != Task.Phase.RUNNING) {
            return null;
        }
        long mainRet = w.ret;
        CopyOut mainOut = w.out;
        w.ret = 0;
        w.out = CopyOut.NONE;
        boolean sleeps = t.call() instanceof Read r && ReadWrite.wouldSleep(w, r);
        ProcRule rule = switch (t.call()) {
            case EpollWait x -> Eventpoll.epollWait(w, x.epfd(), x.maxevents());
            case Poll x -> SelectPoll.poll(w, x.fds());
            case Select x -> SelectPoll.select(w, x);
            case Read x -> sleeps ? TaskSleeps : ReadWrite.read(w, x.fd(), x.n());
            case IoUringEnter x -> t.timedOut() ? IoUring.timedOut(w, x, name)
                    : t.on().isEmpty() ? IoUring.submitAndWait(w, x) : IoUring.cqWait(w, t.on().getFirst(), name);
            case IoGetevents x -> Aio.getevents(w, x, t.out() instanceof CopyOut.AioEvents e ? e.events() : List.of());
            // from the iocb it slept in (need), whose file it holds (on), or from the first
            case IoSubmit x -> Aio.submit(w, x, t.need(), t.on().isEmpty() ? null : t.on().getFirst());
            case IoDestroy x -> Aio.destroy(w, x, t);
            default -> throw new AssertionError("a task's call is checked at TaskCall");
        };
        sleeps = switch (t.call()) {
            case Read _ -> sleeps;
            case IoUringEnter _, IoSubmit _, IoDestroy _ -> rule == TaskSleeps; // io_cqring_wait: fewer than min_complete CQEs; a pipe's read
            // fs/aio.c read_events: aio_read_events took fewer than min_nr, and the timer has not fired
            case IoGetevents g -> rule == IoGeteventsOk && w.ret < g.minNr() && t.timeout() != 0 && !t.timedOut();
            default -> w.ret == 0 && t.timeout() != 0 && !t.timedOut();
        };
        long ret = w.ret;
        CopyOut out = w.out;
        w.ret = mainRet;
        w.out = mainOut;
        if (!sleeps) {
            w.tasks.put(name, t.done(ret, out));
        } else {
            sleep(w, name, w.tasks.get(name), ret, out); // as the check left it (a commit moves a waiter's need)
        }
        if (t.call() instanceof IoSubmit && !t.on().isEmpty() && !w.tasks.get(name).on().contains(t.on().getFirst())) {
            // fs/aio.c io_submit_one → iocb_put → fput of the read it slept in, as task work before it returns
            FileTable.unref(w, t.on().getFirst());
            String ctx = ((IoSubmit) t.call()).ctx();
            if (w.files.get(ctx) instanceof OpenFile.AioCtx c && c.dead()) {
                // iocb_destroy → percpu_ref_put(&ctx->reqs): the last request done completes io_destroy's wait
                Wait.wakeTasks(w, ctx, 0);
            }
        }
        return sleeps ? TaskSleeps : rule;
    }

    /**
     * Task {@code name} goes to sleep: epoll_wait on ep->wq (kernel: fs/eventpoll.c ep_poll), poll
     * and select on every polled file's queue (fs/select.c do_poll, do_select:
     * poll_schedule_timeout), a read on the file's queue, io_uring_enter on its ring's cq_wait,
     * io_getevents on its context's wait queue.
     */
    private static void sleep(World w, String name, Task t, long partRet, CopyOut partOut) {
        switch (t.call()) {
            case EpollWait x -> {
                String ep = w.fileOf(x.epfd());
                Epoll e = (Epoll) w.files.get(ep);
                List<String> wq = new ArrayList<>(e.wq());
                wq.addFirst(name); // __add_wait_queue_exclusive adds at the head: the newest sleeper wakes first
                w.files.put(ep, new Epoll(e.items(), e.rdllist(), wq));
                w.tasks.put(name, t.sleeping(List.of())); // on ep->wq, not on a file's queue
            }
            case Poll x -> w.tasks.put(name, t.sleeping(files(w, x.fds().stream().map(PollFd::fd).toList())));
            case Select x -> w.tasks.put(name, t.sleeping(files(w, SelectPoll.inRange(w, x)))); // only fds below nfds
            // io_uring/io_uring.c io_cqring_wait: prepare_to_wait_exclusive on ctx->cq_wait, the count it submitted
            // kept; the first time, iowq.cq_tail = head + min_complete: the tail has min - (tail - head) to go
            case IoUringEnter x -> w.tasks.put(name, t.on().isEmpty()
                    ? t.sleeping(List.of(w.fileOf(x.fd())), partRet, CopyOut.NONE, IoUring.stillNeeded(w, w.fileOf(x.fd()), x))
                    : t.sleeping(t.on(), partRet, CopyOut.NONE, t.need()));
            // fs/aio.c read_events: wait_event_interruptible_hrtimeout on ctx->wait, the events taken so far kept
            case IoGetevents x -> w.tasks.put(name, t.sleeping(List.of(x.ctx()), partRet, partOut, 0));
            // fs/aio.c io_destroy: wait_for_completion until the context's requests are done
            case IoDestroy x -> w.tasks.put(name, t.sleeping(List.of(x.ctx())));
            // fs/pipe.c anon_pipe_read inside io_submit: on the pipe's rd_wait, in iocb number partRet (need),
            // whose file its request holds; the count taken before it kept
            case IoSubmit x -> w.tasks.put(name, t.sleeping(List.of(partRet == t.need() && !t.on().isEmpty() ? t.on().getFirst()
                    : w.fileOf(x.iocbs().get((int) partRet).fd())), partRet, CopyOut.NONE, (int) partRet));
            default -> w.tasks.put(name, t.sleeping(List.of(w.fileOf(((Read) t.call()).fd()))));
        }
    }

    /** The open files behind these fd names, sorted, without repeats. */
    private static List<String> files(World w, List<String> names) {
        return names.stream().filter(n -> n != null && w.fileOf(n) != null).map(w::fileOf).distinct().sorted().toList();
    }

    /**
     * A sleeping task's timer fires (hrtimer_wakeup). kernel: fs/eventpoll.c ep_poll — still on
     * ep->wq, so no events: it returns 0 at once; fs/select.c do_poll, do_select — timed_out: one
     * more scan, then return; fs/aio.c read_events (wait_event_interruptible_hrtimeout) — one
     * more aio_read_events, then return what it took; io_uring/io_uring.c io_cqring_wait (with
     * IORING_ENTER_EXT_ARG) — -ETIME ({@link IoUring#timedOut}). A read and io_uring_enter without
     * EXT_ARG have no timer.
     */
    static ProcRule timeout(World w, String name) {
        Task t = w.tasks.get(name);
        if (t == null || t.phase() != Task.Phase.SLEEPING || t.timeout() <= 0) {
            return null;
        }
        if (t.call() instanceof EpollWait) {
            for (String ep : w.epollIds()) {
                Epoll e = (Epoll) w.files.get(ep);
                w.files.put(ep, new Epoll(e.items(), e.rdllist(), e.wq().stream().filter(x -> !x.equals(name)).toList()));
            }
            w.tasks.put(name, t.done(0, new CopyOut.Events(List.of())));
        } else {
            w.tasks.put(name, t.expired());
        }
        return TaskTimesOut;
    }

    /** The call returns: its result becomes the last result, and the task leaves. */
    static ProcRule taskReturn(World w, String name) {
        Task t = w.tasks.get(name);
        if (t == null || t.phase() != Task.Phase.DONE) {
            return null;
        }
        w.tasks.remove(name);
        w.ret = t.ret();
        w.out = t.out();
        return TaskReturns;
    }
}
