package kpath.kernel.readiness;

import java.util.List;
import java.util.Optional;
import kpath.kernel.Fds;
import kpath.kernel.Scenario;
import kpath.trace.Trace;

import static kpath.kernel.LibcFile.EFD_NONBLOCK;
import static kpath.kernel.LibcPoll.EPOLLET;
import static kpath.kernel.LibcPoll.EPOLLEXCLUSIVE;
import static kpath.kernel.LibcPoll.EPOLLIN;
import static kpath.kernel.LibcPoll.EPOLL_CTL_ADD;
import static kpath.kernel.LibcPoll.POLLIN;
import static kpath.kernel.LibcPoll.POLLOUT;
import static kpath.kernel.LibcSocket.SHUT_WR;
import static kpath.kernel.readiness.ReadinessRecorder.pfd;
import static kpath.kernel.readiness.ReadinessScenarios.BUF;
import static kpath.kernel.readiness.ReadinessScenarios.MAX;

/**
 * Multi-threaded readiness scenarios: tasks (platform threads, {@link Tasks}) sleep in epoll_wait,
 * poll, select or a blocking read, and the main thread's calls wake them, or they time out. Before
 * the main thread acts on a sleeping task it waits (bounded) until /proc shows the task sleeping in
 * the call's kernel function and records {@code observe task(tN) state=S wchan=FN}. Unprivileged,
 * host netns, no network traffic; every wait has a finite timeout or is released by the scenario;
 * each scenario takes well under 2 s. Same recorder and trace conventions as
 * {@link ReadinessScenarios}; traces go to {@code traces/readiness/<name>.trace}.
 *
 * <p>Topology lines in the narratives use the notation of the kernel selftest
 * tools/testing/selftests/filesystems/epoll/epoll_wakeup_test.c: {@code (ew)} epoll_wait,
 * {@code (p)} poll, {@code (s)} select, {@code (r)} read, {@code (lt)}/{@code (et)} the mode of an
 * epoll item.
 */
public final class ThreadedReadinessScenarios {

    private ThreadedReadinessScenarios() {
    }

    /** Timeout of a wait that is meant to be woken: it expires only when a wakeup is lost. */
    static final int WOKEN_MS = 2000;
    /** Timeout of a wait that one of two competing waiters is meant to reach. */
    static final int RACE_MS = 300;
    /** Timeout of a wait with nothing ready, meant to expire. */
    static final int EXPIRE_MS = 100;

    /** The threaded scenarios. */
    public static List<Scenario> all() {
        return List.of(
                epollWaitEtWakesOneOfTwo(),
                epollWaitLtWakesBoth(),
                epollExclusiveWakesOneInstance(),
                pollAndSelectSleepersWoken(),
                waitsTimeOut(),
                epollWaitInfiniteWokenByEventfd(),
                nestedEpollWaiterWoken(),
                blockingReadWaitThenCopy(),
                pollOnEpollFdSleeper(),
                epollWaitWokenByCtlAddReady());
    }

    /** The scenario called {@code name}, if this list has one. */
    public static Optional<Scenario> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    // ---- plumbing ----

    @FunctionalInterface
    interface Body {
        void run(ReadinessRecorder rec, Tasks tasks) throws Exception;
    }

    private record Threaded(String name, String narrative, Body body) implements Scenario {
        @Override
        public boolean privileged() {
            return false;
        }

        @Override
        public Trace capture() throws Exception {
            // Tasks closes first: it releases and joins the threads before Fds closes their fds
            try (Fds fds = new Fds()) {
                ReadinessRecorder rec = new ReadinessRecorder(name, narrative, fds);
                try (Tasks tasks = new Tasks(name, rec)) {
                    body.run(rec, tasks);
                }
                return rec.end();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Scenario threaded(String name, String narrative, Body body) {
        return new Threaded(name, narrative, body);
    }

    private static void step(ReadinessRecorder rec, String text) {
        rec.blank();
        rec.comment(text);
    }

    /** Hands a call to its task and waits (bounded) until the task is seen sleeping in it. */
    private static Tasks.Call sleeping(Tasks tasks, Tasks.Call c) {
        tasks.observeSleeping(c);
        return c;
    }

    // ---- 1 ----

    static Scenario epollWaitEtWakesOneOfTwo() {
        return threaded("epoll-wait-et-wakes-one-of-two",
                "Two tasks sleep in epoll_wait on one epoll whose only item is edge-triggered"
                        + " (epoll_wakeup_test.c epoll10): pipe r0 is in e0 with EPOLLIN|EPOLLET; t1, then t2,"
                        + " call epoll_wait(e0, 8, " + RACE_MS + ") and are seen sleeping. One byte written to"
                        + " w0 queues r0 once (fs/eventpoll.c ep_poll_callback), and wake_up(&ep->wq) wakes one"
                        + " waiter, because ep_poll sleeps exclusively on ep->wq: that task returns 1, the other"
                        + " finds the ready list empty and returns 0 at its timeout. The byte stays unread, and"
                        + " epoll_wait reports nothing more (ET)."
                        + "\ntopology: t1 -(ew)-> e0 <-(ew)- t2; e0 -(et)-> r0",
                (rec, tasks) -> {
                    var p = rec.pipe2();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, p.first(), EPOLLIN | EPOLLET);
                    Tasks.Task t1 = tasks.start();
                    Tasks.Task t2 = tasks.start();
                    step(rec, "t1, then t2, sleep in epoll_wait(e0); include/linux/wait.h __add_wait_queue_exclusive"
                            + " puts each at the head of ep->wq, so a wakeup reaches the last sleeper first");
                    var c1 = sleeping(tasks, tasks.epollWait(t1, e0, MAX, RACE_MS));
                    var c2 = sleeping(tasks, tasks.epollWait(t2, e0, MAX, RACE_MS));
                    step(rec, "one byte: one waiter is woken and takes the event; the other times out");
                    rec.write(p.second(), 1);
                    c1.await();
                    c2.await();
                    step(rec, "the byte is unread, but the ET item was harvested: nothing is reported");
                    rec.epollWait(e0, MAX, 0);
                });
    }

    // ---- 2 ----

    static Scenario epollWaitLtWakesBoth() {
        return threaded("epoll-wait-lt-wakes-both",
                "Two tasks sleep in epoll_wait on one epoll whose only item is level-triggered"
                        + " (epoll_wakeup_test.c epoll9): pipe r0 is in e0 with EPOLLIN; t1, then t2, call"
                        + " epoll_wait(e0, 8, " + WOKEN_MS + ") and are seen sleeping. One byte written to w0"
                        + " wakes one waiter (ep_poll sleeps exclusively on ep->wq); it returns r0 and, r0 being"
                        + " level-triggered, fs/eventpoll.c ep_send_events puts it back on the ready list, and"
                        + " ep_done_scan wakes the next waiter because the list is not empty. Nobody reads, so"
                        + " both return 1, and a later epoll_wait still reports r0."
                        + "\ntopology: t1 -(ew)-> e0 <-(ew)- t2; e0 -(lt)-> r0",
                (rec, tasks) -> {
                    var p = rec.pipe2();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, p.first(), EPOLLIN);
                    Tasks.Task t1 = tasks.start();
                    Tasks.Task t2 = tasks.start();
                    step(rec, "t1, then t2, sleep in epoll_wait(e0)");
                    var c1 = sleeping(tasks, tasks.epollWait(t1, e0, MAX, WOKEN_MS));
                    var c2 = sleeping(tasks, tasks.epollWait(t2, e0, MAX, WOKEN_MS));
                    step(rec, "one byte, never read: the LT item is re-queued after each delivery");
                    rec.write(p.second(), 1);
                    c1.await();
                    c2.await();
                    rec.epollWait(e0, MAX, 0);
                });
    }

    // ---- 3 ----

    static Scenario epollExclusiveWakesOneInstance() {
        return threaded("epoll-exclusive-wakes-one-instance",
                "EPOLLEXCLUSIVE with sleeping waiters (man epoll_ctl(2) EPOLLEXCLUSIVE; the single-threaded"
                        + " counterpart is epoll-exclusive-two-instances): pipe r0 is in e0 and in e1, both with"
                        + " EPOLLIN|EPOLLEXCLUSIVE, so fs/eventpoll.c ep_ptable_queue_proc adds both entries to"
                        + " the pipe's wait queue as exclusive, e0's first. t1 sleeps in epoll_wait(e0), t2 in"
                        + " epoll_wait(e1), " + RACE_MS + " ms each. One byte written to w0 runs the pipe's wait"
                        + " queue with one exclusive wakeup: ep_poll_callback of the first entry queues r0 on its"
                        + " epoll and wakes its waiter, and reports that it woke one, so the walk stops. One task"
                        + " returns 1, the other 0 at its timeout; epoll_wait(e0, 8, 0) and epoll_wait(e1, 8, 0)"
                        + " then show which instance had r0 queued (an LT item stays queued after delivery; the"
                        + " other instance never re-polls r0, so it reports nothing). Part two, without"
                        + " EXCLUSIVE: pipe r1 in e2 and e3, t1 on e2, t2 on e3: the byte wakes both."
                        + "\ntopology: t1 -(ew)-> e0 -(lt,excl)-> r0 <-(lt,excl)- e1 <-(ew)- t2"
                        + "\npart two: t1 -(ew)-> e2 -(lt)-> r1 <-(lt)- e3 <-(ew)- t2",
                (rec, tasks) -> {
                    var p = rec.pipe2();
                    String e0 = rec.epollCreate();
                    String e1 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, p.first(), EPOLLIN | EPOLLEXCLUSIVE);
                    rec.epollCtl(e1, EPOLL_CTL_ADD, p.first(), EPOLLIN | EPOLLEXCLUSIVE);
                    Tasks.Task t1 = tasks.start();
                    Tasks.Task t2 = tasks.start();
                    step(rec, "t1 sleeps on e0, t2 on e1");
                    var c1 = sleeping(tasks, tasks.epollWait(t1, e0, MAX, RACE_MS));
                    var c2 = sleeping(tasks, tasks.epollWait(t2, e1, MAX, RACE_MS));
                    step(rec, "one byte: one exclusive wakeup of the pipe's wait queue");
                    rec.write(p.second(), 1);
                    c1.await();
                    c2.await();
                    step(rec, "which instance had r0 queued");
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e1, MAX, 0);

                    step(rec, "part two: the same without EPOLLEXCLUSIVE; every entry is woken");
                    var q = rec.pipe2();
                    String e2 = rec.epollCreate();
                    String e3 = rec.epollCreate();
                    rec.epollCtl(e2, EPOLL_CTL_ADD, q.first(), EPOLLIN);
                    rec.epollCtl(e3, EPOLL_CTL_ADD, q.first(), EPOLLIN);
                    var c3 = sleeping(tasks, tasks.epollWait(t1, e2, MAX, WOKEN_MS));
                    var c4 = sleeping(tasks, tasks.epollWait(t2, e3, MAX, WOKEN_MS));
                    rec.write(q.second(), 1);
                    c3.await();
                    c4.await();
                    rec.epollWait(e2, MAX, 0);
                    rec.epollWait(e3, MAX, 0);
                });
    }

    // ---- 4 ----

    static Scenario pollAndSelectSleepersWoken() {
        return threaded("poll-and-select-sleepers-woken",
                "poll and select sleepers on one pipe: t1 sleeps in poll(r0=POLLIN, " + WOKEN_MS + "), t2 in"
                        + " select(.., r0, -, -, " + WOKEN_MS + "). Each added a non-exclusive entry to the pipe's"
                        + " wait queue (fs/select.c __pollwait) and sleeps in poll_schedule_timeout. One byte"
                        + " written to w0 wakes every such entry (pollwake), so both return 1 with r0 readable."
                        + "\ntopology: t1 -(p)-> r0 <-(s)- t2",
                (rec, tasks) -> {
                    var p = rec.pipe2();
                    String r0 = p.first();
                    Tasks.Task t1 = tasks.start();
                    Tasks.Task t2 = tasks.start();
                    step(rec, "t1 sleeps in poll, t2 in select, both on r0");
                    var c1 = sleeping(tasks, tasks.poll(t1, WOKEN_MS, pfd(r0, POLLIN)));
                    var c2 = sleeping(tasks, tasks.select(t2, List.of(r0), List.of(), List.of(), WOKEN_MS));
                    step(rec, "one byte wakes both");
                    rec.write(p.second(), 1);
                    c1.await();
                    c2.await();
                });
    }

    // ---- 5 ----

    static Scenario waitsTimeOut() {
        return threaded("waits-time-out",
                "Waits with nothing ready expire: pipe r0 is empty and in e0 (EPOLLIN). t1 sleeps in"
                        + " epoll_wait(e0, 8, " + EXPIRE_MS + "), t2 in poll(r0=POLLIN, " + EXPIRE_MS + "), t3 in"
                        + " select(.., r0, -, -, " + EXPIRE_MS + "); nothing is written, and each returns 0 when"
                        + " its hrtimer expires (fs/eventpoll.c ep_poll, fs/select.c poll_schedule_timeout)."
                        + " Then t1 polls w0 for POLLOUT: an empty pipe has room, so do_poll finds it ready on"
                        + " its first pass and returns 1 without sleeping."
                        + "\ntopology: t1 -(ew)-> e0 -(lt)-> r0; t2 -(p)-> r0; t3 -(s)-> r0; t1 -(p)-> w0",
                (rec, tasks) -> {
                    var p = rec.pipe2();
                    String r0 = p.first();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, r0, EPOLLIN);
                    Tasks.Task t1 = tasks.start();
                    Tasks.Task t2 = tasks.start();
                    Tasks.Task t3 = tasks.start();
                    step(rec, "three sleepers, nothing written");
                    var c1 = sleeping(tasks, tasks.epollWait(t1, e0, MAX, EXPIRE_MS));
                    var c2 = sleeping(tasks, tasks.poll(t2, EXPIRE_MS, pfd(r0, POLLIN)));
                    var c3 = sleeping(tasks, tasks.select(t3, List.of(r0), List.of(), List.of(), EXPIRE_MS));
                    c1.await();
                    c2.await();
                    c3.await();
                    step(rec, "a poll that is ready at once never sleeps");
                    tasks.poll(t1, EXPIRE_MS, pfd(p.second(), POLLOUT)).await();
                });
    }

    // ---- 6 ----

    static Scenario epollWaitInfiniteWokenByEventfd() {
        return threaded("epoll-wait-infinite-woken-by-eventfd",
                "An epoll_wait without timeout (-1) is ended only by an event: eventfd v0 (EFD_NONBLOCK,"
                        + " counter 0) is in e0 with EPOLLIN; t1 sleeps in epoll_wait(e0, 8, -1). write(v0, 1)"
                        + " makes the counter non-zero and fs/eventfd.c eventfd_write wakes v0's wait queue"
                        + " (wake_up_locked_poll), whose entry is e0's item: ep_poll_callback queues v0 and wakes"
                        + " t1, which returns 1 with v0=EPOLLIN (epoll_wakeup_test.c epoll60 does the same with"
                        + " ten waiters). The main thread then reads the counter."
                        + "\ntopology: t1 -(ew)-> e0 -(lt)-> v0",
                (rec, tasks) -> {
                    String v0 = rec.eventfd(0, EFD_NONBLOCK);
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, v0, EPOLLIN);
                    Tasks.Task t1 = tasks.start();
                    step(rec, "t1 sleeps with no timeout (released through v0 should the capture fail)");
                    var c1 = sleeping(tasks, tasks.epollWait(t1, e0, MAX, -1, v0));
                    step(rec, "adding 1 to v0 wakes it");
                    rec.write(v0, 1);
                    c1.await();
                    rec.read(v0, 8);
                });
    }

    // ---- 7 ----

    static Scenario nestedEpollWaiterWoken() {
        return threaded("nested-epoll-waiter-woken",
                "A waiter on an outer epoll is woken through an inner one (the topology of"
                        + " epoll_wakeup_test.c epoll17, with t1 sleeping as in epoll25): e1 watches pipe r0"
                        + " (EPOLLIN), e0 watches e1 (EPOLLIN); t1 sleeps in epoll_wait(e0, 8, " + WOKEN_MS + ")."
                        + " One byte written to w0 runs ep_poll_callback of e1's item: e1 has no epoll_wait"
                        + " waiter, but its poll wait queue holds e0's item, so ep_poll_safewake wakes it;"
                        + " ep_poll_callback of e0's item queues e1 and wakes t1, which returns 1 with"
                        + " e1=EPOLLIN. The main thread then finds r0 ready in e1."
                        + "\ntopology: t1 -(ew)-> e0 -(lt)-> e1 -(lt)-> r0",
                (rec, tasks) -> {
                    var p = rec.pipe2();
                    String e0 = rec.epollCreate();
                    String e1 = rec.epollCreate();
                    rec.epollCtl(e1, EPOLL_CTL_ADD, p.first(), EPOLLIN);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, e1, EPOLLIN);
                    Tasks.Task t1 = tasks.start();
                    step(rec, "t1 sleeps on the outer epoll");
                    var c1 = sleeping(tasks, tasks.epollWait(t1, e0, MAX, WOKEN_MS));
                    step(rec, "one byte to the inner epoll's pipe");
                    rec.write(p.second(), 1);
                    c1.await();
                    rec.epollWait(e1, MAX, 0);
                });
    }

    // ---- 8 ----

    static Scenario blockingReadWaitThenCopy() {
        return threaded("blocking-read-wait-then-copy",
                "The two phases of a blocking read (the blocking I/O model): waiting for data, then copying"
                        + " it to the caller. s0/s1 is a blocking AF_UNIX socketpair. t1 calls read(s0, " + BUF
                        + ") with nothing queued and sleeps in net/unix/af_unix.c unix_stream_read_generic"
                        + " (unix_stream_data_wait); write(s1, 3) queues an skb and wakes it, and the same call"
                        + " copies the 3 bytes and returns 3. t1 reads again and sleeps; shutdown(s1, SHUT_WR)"
                        + " sets RCV_SHUTDOWN on s0 and wakes it, and it returns 0 (end of file). A blocking"
                        + " eventfd v0 = eventfd(0, 0): t2 calls read(v0, 8) and sleeps in fs/eventfd.c"
                        + " eventfd_read_iter; write(v0, 2) wakes it and it returns 8 with the value 2 (the"
                        + " counter is reset to 0). The non-blocking contrast: a read of an empty non-blocking"
                        + " socketpair end or eventfd fails at once with EAGAIN."
                        + "\ntopology: t1 -(r)-> s0; t2 -(r)-> v0",
                (rec, tasks) -> {
                    var s = rec.socketpairBlocking();
                    String s0 = s.first();
                    String s1 = s.second();
                    Tasks.Task t1 = tasks.start();
                    Tasks.Task t2 = tasks.start();
                    step(rec, "wait for data, then copy: t1 sleeps in read(s0) until s1 writes");
                    var c1 = sleeping(tasks, tasks.read(t1, s0, BUF));
                    rec.write(s1, 3);
                    c1.await();
                    step(rec, "t1 sleeps in read(s0) again; the peer's SHUT_WR ends it with 0");
                    var c2 = sleeping(tasks, tasks.read(t1, s0, BUF));
                    rec.shutdown(s1, SHUT_WR);
                    c2.await();

                    step(rec, "a blocking eventfd: t2 sleeps in read(v0) until the counter is non-zero");
                    String v0 = rec.eventfd(0, 0);
                    var c3 = sleeping(tasks, tasks.read(t2, v0, 8));
                    rec.write(v0, 2);
                    c3.await();

                    step(rec, "non-blocking: nothing to read is EAGAIN, at once");
                    var n = rec.socketpair();
                    rec.read(n.first(), BUF);
                    String v1 = rec.eventfd(0, EFD_NONBLOCK);
                    rec.read(v1, 8);
                });
    }

    // ---- 9 ----

    static Scenario pollOnEpollFdSleeper() {
        return threaded("poll-on-epoll-fd-sleeper",
                "poll(2) on an epoll fd sleeps until the epoll has something ready (epoll_wakeup_test.c"
                        + " epoll13, its poll waiter t1): e0 watches pipe r0 (EPOLLIN); t1 sleeps in"
                        + " poll(e0=POLLIN, " + WOKEN_MS + "), its entry on e0's poll wait queue (fs/eventpoll.c"
                        + " ep_eventpoll_poll). One byte written to w0: ep_poll_callback queues r0 on e0, finds no"
                        + " epoll_wait waiter on ep->wq, and wakes ep->poll_wait (ep_poll_safewake); t1 re-polls"
                        + " e0, which is now readable, and returns 1 with e0=POLLIN. The main thread's"
                        + " epoll_wait then returns r0."
                        + "\ntopology: t1 -(p)-> e0 -(lt)-> r0",
                (rec, tasks) -> {
                    var p = rec.pipe2();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, p.first(), EPOLLIN);
                    Tasks.Task t1 = tasks.start();
                    step(rec, "t1 sleeps in poll on the epoll fd");
                    var c1 = sleeping(tasks, tasks.poll(t1, WOKEN_MS, pfd(e0, POLLIN)));
                    rec.write(p.second(), 1);
                    c1.await();
                    rec.epollWait(e0, MAX, 0);
                });
    }

    // ---- 10 ----

    static Scenario epollWaitWokenByCtlAddReady() {
        return threaded("epoll-wait-woken-by-ctl-add-ready",
                "epoll_ctl ADD of a ready fd wakes a sleeping epoll_wait: e0 is empty and t1 sleeps in"
                        + " epoll_wait(e0, 8, " + WOKEN_MS + "). One byte is written to w0 while r0 is not in e0:"
                        + " nothing reaches e0, and t1 is seen still sleeping. Then epoll_ctl(e0, ADD, r0,"
                        + " EPOLLIN): fs/eventpoll.c ep_insert polls r0, finds it readable, puts it on the ready"
                        + " list and wakes ep->wq, so t1 returns 1 with r0=EPOLLIN."
                        + "\ntopology: t1 -(ew)-> e0 -(lt, added while t1 sleeps)-> r0",
                (rec, tasks) -> {
                    var p = rec.pipe2();
                    String e0 = rec.epollCreate();
                    Tasks.Task t1 = tasks.start();
                    step(rec, "t1 sleeps on the empty e0");
                    var c1 = sleeping(tasks, tasks.epollWait(t1, e0, MAX, WOKEN_MS));
                    step(rec, "r0 becomes readable but is not watched: t1 sleeps on");
                    rec.write(p.second(), 1);
                    tasks.observeSleeping(c1);
                    step(rec, "ADD of the ready r0 wakes t1");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, p.first(), EPOLLIN);
                    c1.await();
                });
    }
}
