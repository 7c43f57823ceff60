-------------------------------- MODULE Aio --------------------------------
(***************************************************************************)
(* fs/aio.c (Aio in Java): io_setup, io_submit of IOCB_CMD_POLLs and of    *)
(* PREAD/PWRITE of pipes (done inside the call), with IOCB_FLAG_RESFD,     *)
(* io_cancel, io_getevents, io_destroy, and the kernel                     *)
(* worker that completes a poll woken without a key or cancelled.          *)
(* io_submit takes its iocbs in order and stops at the first that fails.   *)
(* A poll that finds its file ready completes inside io_submit with the    *)
(* polled mask; one that waits is completed by the wake-up itself          *)
(* (AioPollWake, AioRing.tla).  Not modelled: the context's size, the      *)
(* system-wide aio_nr io_setup counts against aio-max-nr, other commands,  *)
(* the main task's waiting io_getevents (a task's waits, Tasks.tla),       *)
(* work_need_resched.  Whether a keyed wake-up                             *)
(* finds ctx_lock free is chosen ahead by a hidden step                    *)
(* (AioTrylockFails): it marks the poll busy.                              *)
(***************************************************************************)
EXTENDS SelectPoll, AioRing, FileTable

\* fs/aio.c (kpath.uapi.AioAbi): the largest nr_events ioctx_alloc takes, its doubled count within
\* 0x10000000 / sizeof(struct io_event) (32).
IO_SETUP_MAX_NR_EVENTS == 4194304

AioEinval(bad, by) == Runs(by) /\ bad /\ FailBy(by, "EINVAL")

Ctx(c) == c \in DOMAIN files /\ files[c].kind = "AioCtx"

\* kernel: io_setup: EINVAL when *ctxp is not 0 (ctx names a context set up before) or for 0 events;
\* ioctx_alloc: EINVAL when the doubled count is too large, then EAGAIN for more than aio-max-nr
\* (aioMaxNr, the trace header's fs.aio-max-nr). Other processes' contexts (aio_nr) are not
\* observable: the model counts none. The context's id is copied out.
IoSetupRefused(nrEvents, ctx) == Ctx(ctx) \/ nrEvents <= 0 \/ nrEvents > IO_SETUP_MAX_NR_EVENTS
CtxFresh(ctx) == ctx \notin DOMAIN files /\ Fresh(ctx)

IoSetupEagain(nrEvents, ctx, aioMaxNr) ==
    /\ ~IoSetupRefused(nrEvents, ctx) /\ CtxFresh(ctx) /\ nrEvents > aioMaxNr /\ Fail("EAGAIN")

IoSetupOk(nrEvents, ctx, aioMaxNr) ==
    /\ ~IoSetupRefused(nrEvents, ctx) /\ CtxFresh(ctx) /\ nrEvents <= aioMaxNr
    /\ Commit([World EXCEPT !.files = Put(@, ctx, [kind |-> "AioCtx", events |-> <<>>, polls |-> <<>>])], 0, NoCopy)

IoSetup(nrEvents, ctx, aioMaxNr) ==
    \/ AioEinval(IoSetupRefused(nrEvents, ctx), Main)
    \/ IoSetupEagain(nrEvents, ctx, aioMaxNr)
    \/ IoSetupOk(nrEvents, ctx, aioMaxNr)

\* kernel: __io_submit_one: fget of aio_fildes (EBADF), then with IOCB_FLAG_RESFD eventfd_ctx_fdget
\* of aio_resfd: EBADF without the fd, EINVAL when it is no eventfd; then aio_read, aio_write:
\* EBADF when the file is not open for the direction; aio_poll: a file without a poll method (regular)
\* sets up no wait queue, so unless DEFAULT_POLLMASK meets the events the iocb is EINVAL ("same as no
\* support for IOCB_CMD_POLL"); "" when the iocb is taken.
IocbErr(q) ==
    IF FileOf(q.fd) = None THEN "EBADF"
    ELSE IF q.resfd # "" /\ FileOf(q.resfd) = None THEN "EBADF"
    ELSE IF q.resfd # "" /\ files[FileOf(q.resfd)].kind # "EventFd" THEN "EINVAL"
    ELSE IF \/ q.op = "PREAD" /\ files[FileOf(q.fd)].kind = "PipeWrite"
            \/ q.op = "PWRITE" /\ files[FileOf(q.fd)].kind \in {"PipeRead", "Regular"} THEN "EBADF"
    ELSE IF q.op = "POLL" /\ files[FileOf(q.fd)].kind = "Regular" /\ FilePoll(World, FileOf(q.fd)).m \cap q.events = {} THEN "EINVAL"
    ELSE ""

\* Reads and writes of other files than pipes and regular files are not modelled.
Unmodelled(q) == IocbErr(q) = "" /\ q.op # "POLL" /\ files[FileOf(q.fd)].kind \notin {"PipeRead", "PipeWrite", "Regular"}

\* How many iocbs io_submit takes: those before the first that fails (or is not modelled).
Taken(qs) ==
    LET bad == {i \in 1..Len(qs) : IocbErr(qs[i]) # "" \/ Unmodelled(qs[i])}
    IN  IF bad = {} THEN Len(qs) ELSE (CHOOSE i \in bad : \A j \in bad : i <= j) - 1

\* kernel: aio_poll: the mask at once (an event, its eventfd signalled), or wait on the file's queue.
AioPollOne(w, ctx, q) ==
    LET f == FileOf(q.fd)
        e == IF q.resfd = "" THEN "" ELSE FileOf(q.resfd)
        p == FilePoll(w, f)
        m == p.m \cap q.events
        c == p.w.files[ctx]
    IN  IF m # {}
        THEN WakeTasks(EventfdSignals([p.w EXCEPT !.files[ctx] = [c EXCEPT !.events = Append(@, [data |-> q.data, res |-> SumBits(m)])]],
                                      <<e>>), ctx, {}) \* aio_complete: wake_up(&ctx->wait)
        ELSE [p.w EXCEPT !.files[ctx] = [c EXCEPT !.polls = Append(@, [data |-> q.data, file |-> f, events |-> q.events,
                                                                       work |-> FALSE, cancelled |-> FALSE, resfd |-> e, busy |-> FALSE,
                                                                       done |-> FALSE])]]

\* kernel: aio_read, aio_write -> pipe_read, pipe_write (Pipe.tla) or a regular file's buffered read
\* (ReadWrite.tla ReadRegularEof), inside io_submit: aio_rw_done
\* completes the iocb with what it returned (an O_NONBLOCK pipe's -EAGAIN too) and signals its eventfd.
AioRwOne(w, ctx, q) ==
    LET f == FileOf(q.fd)
        e == IF q.resfd = "" THEN "" ELSE FileOf(q.resfd)
        r == IF w.files[f].kind = "Regular" THEN [w |-> w, ret |-> 0] \* vfs_read of ReadRegularEof: the files are empty
             ELSE IF q.op = "PREAD" THEN PipeReadOut(w, f, q.nbytes)
             ELSE PipeWriteOut(w, f, q.nbytes)
    IN  WakeTasks(EventfdSignals([r.w EXCEPT !.files[ctx].events = Append(@, [data |-> q.data, res |-> r.ret])], <<e>>),
                  ctx, {}) \* aio_complete: wake_up(&ctx->wait)

RECURSIVE AioPolls(_, _, _)
AioPolls(w, ctx, qs) ==
    IF qs = <<>> THEN w
    ELSE AioPolls(IF Head(qs).op = "POLL" THEN AioPollOne(w, ctx, Head(qs)) ELSE AioRwOne(w, ctx, Head(qs)), ctx, Tail(qs))

\* kernel: io_submit -> io_submit_one for each iocb in turn: all taken ...
IoSubmitOk(ctx, qs) ==
    /\ Ctx(ctx) /\ Taken(qs) = Len(qs)
    /\ Commit(AioPolls(World, ctx, qs), Len(qs), NoCopy)

\* ... or some, then one failed: "return i ? i : ret".
IoSubmitStopsShort(ctx, qs) ==
    /\ Ctx(ctx) /\ 0 < Taken(qs) /\ Taken(qs) < Len(qs) /\ IocbErr(qs[Taken(qs) + 1]) # ""
    /\ Commit(AioPolls(World, ctx, SubSeq(qs, 1, Taken(qs))), Taken(qs), NoCopy)

IoSubmit(ctx, qs) ==
    \/ AioEinval(~Ctx(ctx), Main)
    \/ Ebadf(Ctx(ctx) /\ Len(qs) > 0 /\ IocbErr(qs[1]) = "EBADF", Main)
    \/ AioEinval(Ctx(ctx) /\ Len(qs) > 0 /\ IocbErr(qs[1]) = "EINVAL", Main)
    \/ IoSubmitOk(ctx, qs)
    \/ IoSubmitStopsShort(ctx, qs)

\* The context's active polls for the iocb with this data (io_cancel took the cancelled ones off).
Active(ctx, data) == {i \in 1..Len(files[ctx].polls) : files[ctx].polls[i].data = data /\ ~files[ctx].polls[i].cancelled
                                                       /\ ~files[ctx].polls[i].done}

\* kernel: io_cancel -> aio_poll_cancel: the first such poll is marked and its work queued; EINPROGRESS.
IoCancelEinprogress(ctx, data) ==
    /\ Ctx(ctx) /\ Active(ctx, data) # {}
    /\ LET i == CHOOSE i \in Active(ctx, data) : \A j \in Active(ctx, data) : i <= j
       IN  Commit([World EXCEPT !.files[ctx].polls[i].work = TRUE, !.files[ctx].polls[i].cancelled = TRUE,
                                 !.files[ctx].polls[i].busy = FALSE],
                  Err("EINPROGRESS"), NoCopy)

IoCancel(ctx, data) ==
    \/ AioEinval(IF Ctx(ctx) THEN Active(ctx, data) = {} ELSE TRUE, Main)
    \/ IoCancelEinprogress(ctx, data)

\* The events a task's io_getevents took before (while it waits), none for the main task's.
TakenBefore(by) == IF by.task # None /\ "aioEvents" \in DOMAIN tasks[by.task].out THEN tasks[by.task].out.aioEvents ELSE <<>>

\* kernel: read_events -> aio_read_events, one check: after the events taken before, up to nr of
\* them in all (aio_read_events_ring reads nr - *i), oldest first; the world after, the events.
GeteventsStep(ctx, nr, by) ==
    LET n == Min(nr - Len(TakenBefore(by)), Len(files[ctx].events)) IN
    [w |-> [World EXCEPT !.files[ctx].events = SubSeq(@, n + 1, Len(@))],
     taken |-> TakenBefore(by) \o SubSeq(files[ctx].events, 1, n)]

\* kernel: io_getevents -> do_io_getevents (EINVAL unless 0 <= min_nr <= nr): up to nr events, oldest first (the main task's timeout only lets the worker
\* run first; a task that took fewer than min_nr sleeps instead, TaskSleeps in Tasks.tla).
IoGeteventsOk(ctx, minNr, nr, by) ==
    /\ Runs(by) /\ Ctx(ctx) /\ minNr >= 0 /\ minNr <= nr
    /\ LET s == GeteventsStep(ctx, nr, by) IN Finish(by, s.w, Len(s.taken), [aioEvents |-> s.taken])

IoGetevents(ctx, minNr, nr, by) ==
    \/ AioEinval(~Ctx(ctx) \/ minNr < 0 \/ minNr > nr, by)
    \/ IoGeteventsOk(ctx, minNr, nr, by)

\* kernel: io_destroy -> kill_ioctx: the context goes with its waiting requests, which let go of
\* their files (DOUBT: free_ioctx_users cancels them, and the worker puts them later).
\* Not modelled: io_destroy of a context a task waits on in io_getevents (kill_ioctx wakes it, and its
\* last check reads what the cancelled requests post).
IoDestroyOk(ctx) ==
    /\ Ctx(ctx) /\ ~\E t \in DOMAIN tasks : tasks[t].phase # "DONE" /\ tasks[t].call.call = "IoGetevents" /\ tasks[t].call.ctx = ctx
    /\ LET ps == files[ctx].polls
           w  == ReleaseHeld([World EXCEPT !.files = Del(@, ctx)],
                             SelectSeq(NameOrder, LAMBDA n : \E i \in 1..Len(ps) : ps[i].file = n))
       IN  /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
           /\ sigio' \in {w.sigio} \cup {Send(w.sigio, x) : x \in w.race}
           /\ ret' = 0 /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds>>

IoDestroy(ctx) ==
    \/ AioEinval(~Ctx(ctx), Main)
    \/ IoDestroyOk(ctx)

\* kernel: aio_poll_complete_work, for the polls of context x whose work is queued: each polls its
\* file again; a mask, or a cancel, completes it (res 0 when nothing is ready), else 0 re-arms it;
\* then the eventfds of those completed are signalled.
RECURSIVE AioWork(_, _, _, _, _)
AioWork(w, x, ps, kept, sig) ==
    IF ps = <<>> THEN LET w1 == EventfdSignals([w EXCEPT !.files[x].polls = kept], sig)
                      IN  IF sig = <<>> THEN w1 ELSE WakeTasks(w1, x, {}) \* aio_complete: wake_up(&ctx->wait)
    ELSE LET p == Head(ps) IN
         IF ~p.work THEN AioWork(w, x, Tail(ps), Append(kept, p), sig)
         ELSE LET fp == FilePoll(w, p.file) \* the poll holds its file
                  m == fp.m \cap p.events
              IN  IF m = {} /\ ~p.cancelled THEN AioWork(fp.w, x, Tail(ps), Append(kept, [p EXCEPT !.work = FALSE]), sig)
                  ELSE AioWork([fp.w EXCEPT !.files[x].events = Append(@, [data |-> p.data, res |-> SumBits(m)])],
                               x, Tail(ps), kept, Append(sig, p.resfd))

RECURSIVE AioWorkAll(_, _)
AioWorkAll(w, xs) == IF xs = <<>> THEN w ELSE AioWorkAll(AioWork(w, Head(xs), w.files[Head(xs)].polls, <<>>, <<>>), Tail(xs))

\* The files of the polls the worker completes (in Java's order): its iocb_put lets go of them
\* (DOUBT: fput from a kernel worker defers __fput to delayed_fput_work, a jiffy later).
WorkPut(w) == SelectSeq(NameOrder, LAMBDA n : \E x \in DOMAIN w.files :
                  w.files[x].kind = "AioCtx" /\ \E i \in 1..Len(w.files[x].polls) :
                      w.files[x].polls[i].work /\ w.files[x].polls[i].file = n)

\* Hidden: a kernel worker runs the queued AIO poll work (ret and out stay).
AioPollWoken ==
    /\ \E x \in DOMAIN files : files[x].kind = "AioCtx" /\ \E i \in 1..Len(files[x].polls) : files[x].polls[i].work
    /\ ~TaskWorkDue
    /\ LET w0 == AioWorkAll(World, AioIds(World))
           w  == ReleaseHeld(w0, WorkPut(World))
       IN  /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
           /\ sigio' \in {w.sigio} \cup {Send(w.sigio, x) : x \in w.race}
    /\ UNCHANGED <<numbers, fds, ret, out>>

AioPollWork == AioPollWoken

\* Hidden: someone else holds a context's ctx_lock when a waiting poll's next keyed wake-up comes:
\* aio_poll_wake takes it with spin_trylock_irqsave (it already holds the wait queue's lock), so
\* that wake-up queues the poll's work instead of completing it inline (AioPollWake).
AioCtxLockBusy ==
    /\ ~TaskWorkDue
    /\ \E x \in DOMAIN files :
         /\ files[x].kind = "AioCtx"
         /\ \E i \in 1..Len(files[x].polls) :
              /\ ~files[x].polls[i].work /\ ~files[x].polls[i].busy /\ ~files[x].polls[i].done
              /\ files' = [files EXCEPT ![x].polls[i].busy = TRUE]
    /\ UNCHANGED <<numbers, fds, ret, out, tasks, exclusive, blocking, fasync, owner, sigio>>

AioTrylockFails == AioCtxLockBusy

\* The files of the polls completed inline, in Java's order.
DonePut(w) == SelectSeq(NameOrder, LAMBDA n : \E x \in DOMAIN w.files :
                  w.files[x].kind = "AioCtx" /\ \E i \in 1..Len(w.files[x].polls) :
                      w.files[x].polls[i].done /\ w.files[x].polls[i].file = n)

\* kernel: kernel/task_work.c task_work_run -> ____fput, on the way back to user space: the polls
\* completed inline drop their files, each released when nothing else refers to it. Due at once
\* (TaskWorkDue), after io_uring's task work (DOUBT: the kernel runs them in the order queued).
AioFput ==
    /\ \E x \in DOMAIN files : files[x].kind = "AioCtx" /\ \E i \in 1..Len(files[x].polls) : files[x].polls[i].done
    /\ ~RingTaskWorkDue
    /\ LET w0 == [World EXCEPT !.files = [x \in DOMAIN @ |-> IF @[x].kind = "AioCtx"
                                                            THEN [@[x] EXCEPT !.polls = SelectSeq(@, LAMBDA p : ~p.done)]
                                                            ELSE @[x]]]
           w  == ReleaseHeld(w0, DonePut(World))
       IN  /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
           /\ sigio' \in {w.sigio} \cup {Send(w.sigio, x) : x \in w.race}
    /\ UNCHANGED <<numbers, fds, ret, out>>

=============================================================================
