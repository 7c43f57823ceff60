------------------------------- MODULE Wait --------------------------------
(***************************************************************************)
(* kernel/sched/wait.c: a wake-up on a file's wait queue and who it        *)
(* reaches (Wait in Java).  __wake_up_common walks the queue head to tail. *)
(* add_wait_queue puts an entry at the head and add_wait_queue_exclusive   *)
(* at the tail, so every non-exclusive entry comes first (the newest       *)
(* first): epoll items (ep_poll_callback), and tasks sleeping in poll or   *)
(* select (pollwake) or read.  Then the EPOLLEXCLUSIVE items, oldest       *)
(* first, until one reports that it woke a waiter (nr_exclusive = 1),      *)
(* unless the wake-up is for all (key {}: wake_up_interruptible_all from   *)
(* release, shutdown and state changes).  ep_poll_callback lives here, not *)
(* in Eventpoll: it wakes the epoll's own watchers, so it and the walk     *)
(* recurse into each other, and TLA+ keeps mutual recursion in one module. *)
(***************************************************************************)
EXTENDS FdTable, IoUring, AioRing

\* kernel: fs/eventpoll.c wake_up(&ep->wq): epoll_wait sleepers wait exclusively, and ep_poll's
\* __add_wait_queue_exclusive puts each at the head (include/linux/wait.h), so a wake-up wakes the
\* newest sleeper (LIFO); ep_autoremove_wake_function takes it off the queue.
WakeEpWaiter(w, ep) ==
    IF w.files[ep].wq = <<>> THEN w
    ELSE LET t == Head(w.files[ep].wq) IN [w EXCEPT !.files[ep].wq = Tail(@), !.tasks[t] = Running(@)]

\* kernel: fs/select.c pollwake ignores keys that miss the entry's key: for poll the fd's
\* events | POLLERR | POLLHUP, for select POLLEX_SET plus the sets the fd is in (wait_key_set).
PollKey(c, f) == UNION {c.pfds[i].events \cup {"ERR", "HUP"} :
                        i \in {j \in 1..Len(c.pfds) : c.pfds[j].fd # None /\ FileOf(c.pfds[j].fd) = f}}
SelectKey(c, f) ==
    LET in(s) == \E d \in s \cap InRange(c.nfds, c.rd, c.wr, c.ex) : FileOf(d) = f IN
    (IF in(c.rd) THEN InSet \cup ExSet ELSE {}) \cup (IF in(c.wr) THEN OutSet \cup ExSet ELSE {})
    \cup (IF in(c.ex) THEN ExSet ELSE {})

\* Whether a wake-up with key wakes task x, which sleeps on f. A read sleeps in prepare_to_wait
\* (unix_stream_data_wait, eventfd_read_iter): any wake-up wakes it.
\* A task in io_uring_enter waits on its ring's cq_wait (WakeCqWait), not on the ring file's poll_wq.
Wakes(x, f, key) ==
    /\ x.call.call # "IoUringEnter"
    /\ \/ key = {}
       \/ x.call.call \notin {"Poll", "Select"}
       \/ x.call.call = "Poll" /\ PollKey(x.call, f) \cap key # {}
       \/ x.call.call = "Select" /\ SelectKey(x.call, f) \cap key # {}

\* kernel: io_uring/io_uring.c io_cqring_wait's first check: min(min_complete, cq_entries) CQEs are
\* in the ring (__io_cqring_events_user).
CqWaitMet(r, minComplete) == Len(r.cq) >= Min(minComplete, r.cqEntries)

\* A ring x's cq_wait (io_cqring_wake, at every commit), whose CQ tail moved by posted: the tasks
\* waiting in io_uring_enter on x (asleep, or woken and not yet run) have that much less to wait
\* for (need), and each asleep is woken only when its wait is met (io_should_wake: the tail reached
\* its target, however many CQEs the application reaped since) or CQEs overflowed (io_has_work).
WakeCqWait(w, x, posted) ==
    LET moved(y) == [y EXCEPT !.need = IF @ > posted THEN @ - posted ELSE 0] IN \* 0 once the tail passed the target
    [w EXCEPT !.tasks = [t \in DOMAIN w.tasks |->
        IF w.tasks[t].phase # "DONE" /\ w.tasks[t].call.call = "IoUringEnter" /\ x \in w.tasks[t].on
        THEN IF w.tasks[t].phase = "SLEEPING" /\ (moved(w.tasks[t]).need <= 0 \/ w.files[x].overflow # <<>>)
             THEN Running(moved(w.tasks[t])) ELSE moved(w.tasks[t])
        ELSE w.tasks[t]]]

\* The tasks sleeping on queue f that a wake-up with key reaches are made runnable: poll, select and
\* read sleepers (Wakes), an AIO context's io_getevents sleepers (fs/aio.c aio_complete:
\* wake_up(&ctx->wait), any).
WakeTasks(w, f, key) ==
    [w EXCEPT !.tasks = [t \in DOMAIN w.tasks |->
        IF w.tasks[t].phase = "SLEEPING" /\ f \in w.tasks[t].on /\ Wakes(w.tasks[t], f, key)
        THEN Running(w.tasks[t]) ELSE w.tasks[t]]]

\* The AIO contexts a step posted events to (from w0 to w) wake their io_getevents sleepers.
RECURSIVE WakeAioWaiters(_, _, _)
WakeAioWaiters(w0, w, xs) ==
    IF xs = <<>> THEN w
    ELSE WakeAioWaiters(w0, IF Len(w.files[Head(xs)].events) > Len(w0.files[Head(xs)].events)
                            THEN WakeTasks(w, Head(xs), {}) ELSE w, Tail(xs))

RECURSIVE Wake(_, _, _), WakeItems(_, _, _, _), Callbacks(_, _, _, _), Callback(_, _, _, _),
          WakeExclusive(_, _, _, _), EventfdSignals(_, _)

\* DOUBT: eventfd_read_iter sleeps through wait_event_interruptible_locked_irq, which adds its
\* entry at the tail (do_wait_intr_irq: __add_wait_queue_entry_tail), behind EPOLLEXCLUSIVE entries
\* added before it; here every task is woken before the exclusive walk, which may stop early.
\* The key may hold "URING_WAKE" (EPOLL_URING_WAKE: io_uring woke), which matters to io_poll_wake only
\* (PollWake): it is in no epoll item's or poll's events, and aio_poll_wake's mangle_poll drops it.
Wake(w, f, uringKey) ==
    LET key == uringKey \ {"URING_WAKE"}
        w0 == PollWake(w, f, uringKey)
        wa == WakeAioWaiters(w0, EventfdSignals(AioPollWake(w0, f, key), AioWakeResfds(w0, AioIds(w0), f, key)), AioIds(w0))
        w1 == WakeItems(wa, EpollIds(w), f, key)
        w2 == WakeTasks(w1, f, key)
    IN  WakeExclusive(w2, w2.exclusive, f, key)

\* The non-exclusive items on f of each epoll in turn, newest first.
WakeItems(w, eps, f, key) ==
    IF eps = <<>> THEN w
    ELSE LET its == SelectSeq(w.files[Head(eps)].items, LAMBDA i : i.file = f /\ "EXCLUSIVE" \notin i.events)
         IN  WakeItems(Callbacks(w, Head(eps), Reverse(its), key), Tail(eps), f, key)

Callbacks(w, ep, its, key) ==
    IF its = <<>> THEN w ELSE Callbacks(Callback(w, ep, Head(its), key).w, ep, Tail(its), key)

\* kernel: fs/eventpoll.c ep_poll_callback: a disarmed item or a key that misses the item's mask
\* does nothing; otherwise the item goes to the tail of rdllist unless already there, the newest
\* epoll_wait sleeper is woken, and the epolls and tasks watching this epoll are woken with EPOLLIN
\* (ep_poll_safewake). Every callback counts: that is what edge-triggered reports. Returns the
\* world and ewake: FALSE only for an EPOLLEXCLUSIVE item that woke no sleeper for an event it
\* wants (the wake-up goes on to the next exclusive entry).
Callback(w, ep, it, key) ==
    LET excl == "EXCLUSIVE" \in it.events IN
    IF ~Armed(it) \/ (key # {} /\ key \cap it.events = {}) THEN [w |-> w, ewake |-> ~excl]
    ELSE LET w1 == IF InSeq(Key(it), w.files[ep].rdllist) THEN w
                   ELSE [w EXCEPT !.files[ep].rdllist = Append(@, Key(it))]
             io == key \cap {"IN", "OUT"}
             ewake == /\ w.files[ep].wq # <<>>
                      /\ \/ io = {}
                         \/ io = {"IN"} /\ "IN" \in it.events
                         \/ io = {"OUT"} /\ "OUT" \in it.events
         IN  [w |-> Wake(WakeEpWaiter(w1, ep), ep, {"IN"}), ewake |-> ewake \/ ~excl]

\* The exclusive entries xs on f in turn, until a callback's ewake (unless the wake-up is for all).
WakeExclusive(w, xs, f, key) ==
    IF xs = <<>> THEN w
    ELSE LET x == Head(xs) IN
         IF x.key.file = f /\ Live(w, x.ep, "Epoll")
         THEN LET r == Callback(w, x.ep, ItemOf(w.files[x.ep].items, x.key), key)
              IN  IF r.ewake /\ key # {} THEN r.w ELSE WakeExclusive(r.w, Tail(xs), f, key)
         ELSE WakeExclusive(w, Tail(xs), f, key)

\* kernel: fs/aio.c aio_complete -> eventfd_signal, for each completion with IOCB_FLAG_RESFD in turn
\* ("" for none), while its eventfd is still there: the counter goes up by 1 and wakes with EPOLLIN
\* (fs/eventfd.c eventfd_signal_mask; io_uring's registered eventfd too, IoPoll.tla EventfdSignal).
EventfdSignals(w, es) ==
    IF es = <<>> THEN w
    ELSE EventfdSignals(IF Live(w, Head(es), "EventFd") THEN Wake([w EXCEPT !.files[Head(es)].count = @ + 1], Head(es), {"IN"})
                        ELSE w, Tail(es))

RECURSIVE WakeTimes(_, _, _, _)
WakeTimes(w, f, key, k) == IF k = 0 THEN w ELSE WakeTimes(Wake(w, f, key), f, key, k - 1)

=============================================================================
