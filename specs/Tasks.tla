------------------------------- MODULE Tasks -------------------------------
(***************************************************************************)
(* Tasks in calls that may sleep (Tasks in Java): epoll_wait, poll or      *)
(* select with a timeout, a read of a blocking file, io_uring_enter with   *)
(* GETEVENTS (on its ring's cq_wait), io_getevents (on its context's       *)
(* wait queue), io_submit whose read of an empty blocking pipe sleeps in   *)
(* the call (on the pipe's queue, holding the file).  A task enters its    *)
(* call (TaskCall), runs when the scheduler lets it (TaskRun: it checks    *)
(* its files as the one-line call would, then finishes, or sleeps on wait  *)
(* queues), is woken by the wake-up path (runnable again), may time out    *)
(* (TaskTimeout), and returns (TaskReturn).  A run that finishes is named  *)
(* by the rule of its check (EpollWaitEdgeTaken, PollOk, ReadUnix, ...),   *)
(* one that sleeps TaskSleeps.  The calls a task or the main task can make *)
(* take the caller as their last argument: Main, or [task |-> t, call |->  *)
(* c].                                                                     *)
(***************************************************************************)
EXTENDS ReadWrite, SelectPoll, IoPoll, Aio

\* A call that takes no timeout (Java: TaskCall.untimed): read, io_submit, io_destroy, and
\* io_uring_enter without IORING_ENTER_EXT_ARG (argsz -1).
Untimed(c) == c.call \in {"Read", "IoSubmit", "IoDestroy"} \/ (c.call = "IoUringEnter" /\ c.argsz = -1)

\* Task t enters call c (an EpollWait, Poll, Select, Read, IoUringEnter, IoGetevents, IoSubmit or
\* IoDestroy record) with timeout ms (-1 infinite, and no timer when Untimed). A task makes one call
\* at a time.
TaskEnters(t, c, timeout) ==
    /\ t \notin DOMAIN tasks
    /\ tasks' = Put(tasks, t, Entered(c, IF Untimed(c) THEN -1 ELSE timeout))
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, ret, out, exclusive, blocking, fasync, owner, sigio>>

\* The scheduler runs task t and its check finds nothing: it goes to sleep. epoll_wait at the head
\* of ep->wq (kernel: fs/eventpoll.c ep_poll, __add_wait_queue_exclusive); poll and select on
\* every polled file's queue (fs/select.c do_poll, do_select: poll_schedule_timeout); a read on its
\* file's queue; io_uring_enter on its ring's cq_wait, keeping the count it submitted (io_uring/
\* io_uring.c io_cqring_wait: prepare_to_wait_exclusive; woken, it flushes and checks again without
\* submitting); io_getevents on its context's wait queue, keeping the events it took (fs/aio.c
\* read_events: wait_event_interruptible_hrtimeout). The check's side effects stay (an epoll scan
\* drops items no longer ready).
TaskSleeps(t) ==
    LET x == tasks[t]
        c == x.call
        SleepWith(w, on, r, o, n) ==
            /\ files' = w.files /\ exclusive' = w.exclusive
            /\ tasks' = [w.tasks EXCEPT ![t] = SleepingWith(@, on, r, o, n)]
            /\ ~TaskWorkDue
            /\ UNCHANGED <<numbers, fds, ret, out, blocking, fasync, owner, sigio>>
        Sleep(w, on) == SleepWith(w, on, x.ret, x.out, x.need)
    IN
    /\ t \in DOMAIN tasks /\ x.phase = "RUNNING"
    /\ CASE c.call = "Read" -> WouldSleep(c.fd, c.n) /\ Sleep(World, {FileOf(c.fd)})
         [] c.call = "EpollWait" ->
              LET f == FileOf(c.epfd) IN
              /\ Is(f, "Epoll") /\ c.maxevents > 0
              /\ LET s == EpollWaitScan(World, f, c.maxevents) IN
                 SleepsOn(x, s.res) /\ Sleep([s.w EXCEPT !.files[f].wq = <<t>> \o @], {})
         [] c.call = "Poll" ->
              LET s == PollFds(World, c.pfds, 0, <<>>) IN
              SleepsOn(x, s.count) /\ Sleep(s.w, {FileOf(c.pfds[i].fd) : i \in 1..Len(c.pfds)} \ {None})
         [] c.call = "Select" ->
              LET in == InRange(c.nfds, c.rd, c.wr, c.ex) IN
              /\ c.nfds >= 0 /\ \A d \in in : FileOf(d) # None
              /\ LET s == SelectResult(World, c.nfds, c.rd, c.wr, c.ex) IN
                 SleepsOn(x, s.count) /\ Sleep(s.w, {FileOf(d) : d \in in})
         [] c.call = "IoUringEnter" /\ ~x.timedOut ->
              IF x.on # {}
              THEN LET y == CHOOSE y \in x.on : TRUE IN
                   /\ Live(World, y, "IoUring") /\ CqRecheck(y).tasks[t].need > 0
                   /\ SleepWith(CqRecheck(y), x.on, x.ret, NoCopy, CqRecheck(y).tasks[t].need)
              ELSE LET f == FileOf(c.fd) IN
                   /\ CanEnter(f, c.sqes)
                   /\ LET s == EnterStep(f, c.sqes, c.minComplete, c.getevents, c.argsz) IN
                      /\ ~s.met
                      /\ c.pad = 0 \* a min_wait_usec changes the wait: not modelled
                      \* iowq.cq_tail = head + min_complete: the tail has min - (tail - head) to go
                      /\ SleepWith(s.w, {f}, s.consumed, NoCopy, Min(c.minComplete, s.w.files[f].cqEntries) - Len(s.w.files[f].cq))
         [] c.call = "IoSubmit" ->
              \* fs/pipe.c anon_pipe_read inside io_submit (fs/aio.c aio_read): on the pipe's rd_wait, in
              \* iocb need + 1, whose file its request holds; the count taken before it kept
              /\ \/ Ctx(c.ctx)
                 \/ SubmitHeld([task |-> t, call |-> c]) # ""
              /\ LET s == Submitted(c.ctx, c.iocbs, [task |-> t, call |-> c]) IN
                 /\ s.stop = "sleep"
                 /\ SubmitMoves([task |-> t, call |-> c], s.w, SleepingWith(x, {s.on}, s.n, NoCopy, s.n))
         \* fs/aio.c io_destroy: kill_ioctx (the first time), then wait_for_completion on the context's requests
         [] c.call = "IoDestroy" ->
              /\ \/ x.on # {}
                 \/ Ctx(c.ctx) /\ ~GeteventsWaits(c.ctx)
              /\ InFlight(c.ctx)
              /\ Sleep(IF x.on = {} THEN Kill(World, c.ctx, TRUE) ELSE World, {c.ctx})
         [] c.call = "IoGetevents" ->
              /\ Ctx(c.ctx) /\ c.nr >= 0 /\ c.minNr <= c.nr
              /\ LET s == GeteventsStep(c.ctx, c.nr, [task |-> t, call |-> c]) IN
                 SleepsOn(x, Len(s.taken)) /\ SleepWith(s.w, {c.ctx}, Len(s.taken), [aioEvents |-> s.taken], 0)
         [] OTHER -> FALSE

\* The scheduler runs task t (RUNNING): it checks its files as the one-line call would, and
\* finishes with the check's rule, or sleeps (TaskSleeps). Its call is among those Calls lets t
\* make (TaskCall records); as constants they let TLC name each step by its rule.
TaskRun(t) ==
    LET ops(k) == {c.op : c \in {x \in Calls : x.call = "TaskCall" /\ x.task = t /\ x.op.call = k}}
        by(c) == [task |-> t, call |-> c]
    IN
    \/ TaskSleeps(t)
    \/ \E c \in ops("EpollWait") : EpollWait(c.epfd, c.maxevents, by(c))
    \/ \E c \in ops("Poll") : Poll(c.pfds, by(c))
    \/ \E c \in ops("Select") : Select(c.nfds, c.rd, c.wr, c.ex, by(c))
    \/ \E c \in ops("Read") : Read(c.fd, c.n, by(c))
    \/ \E c \in ops("IoUringEnter") : IoUringEnter(c.fd, c.sqes, c.minComplete, c.getevents, c.argsz, c.pad, by(c))
    \/ \E c \in ops("IoGetevents") : IoGetevents(c.ctx, c.minNr, c.nr, by(c))
    \/ \E c \in ops("IoSubmit") : IoSubmit(c.ctx, c.iocbs, by(c))
    \/ \E c \in ops("IoDestroy") : IoDestroy(c.ctx, by(c))

\* A sleeping task's timer fires (hrtimer_wakeup). kernel: fs/eventpoll.c ep_poll -- still on
\* ep->wq, so no events: it returns 0 at once and leaves the queue; fs/select.c do_poll,
\* do_select -- timed_out: one more check, then return; fs/aio.c read_events -- one more
\* aio_read_events, then return what it took; io_uring_enter with IORING_ENTER_EXT_ARG -- -ETIME
\* (IoPoll.tla IoUringEnterOk). A read and io_uring_enter without EXT_ARG have no timer.
TaskTimesOut(t) ==
    /\ t \in DOMAIN tasks /\ tasks[t].phase = "SLEEPING" /\ tasks[t].timeout > 0
    /\ IF tasks[t].call.call = "EpollWait"
       THEN /\ files' = [f \in DOMAIN files |->
                           IF files[f].kind = "Epoll" THEN [files[f] EXCEPT !.wq = SelectSeq(@, LAMBDA x : x # t)]
                           ELSE files[f]]
            /\ tasks' = [tasks EXCEPT ![t] = Done(@, 0, [events |-> <<>>])]
       ELSE /\ tasks' = [tasks EXCEPT ![t] = Expired(@)]
            /\ UNCHANGED files
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, ret, out, exclusive, blocking, fasync, owner, sigio>>

\* The call returns: its result becomes the last result, and the task leaves.
TaskReturns(t) ==
    /\ t \in DOMAIN tasks /\ tasks[t].phase = "DONE"
    /\ tasks' = Del(tasks, t)
    /\ ret' = tasks[t].ret /\ out' = tasks[t].out
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, exclusive, blocking, fasync, owner, sigio>>

TaskCall(t, c, timeout) == TaskEnters(t, c, timeout)
TaskTimeout(t) == TaskTimesOut(t)
TaskReturn(t) == TaskReturns(t)

=============================================================================
