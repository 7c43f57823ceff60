-------------------------------- MODULE Aio --------------------------------
(***************************************************************************)
(* fs/aio.c (Aio in Java): io_setup, io_submit of IOCB_CMD_POLL,           *)
(* io_getevents with a zero timeout, io_destroy, and the kernel worker     *)
(* that completes a poll woken without a key.  A poll that finds its file  *)
(* ready completes inside io_submit with the polled mask; one that waits   *)
(* is completed by the wake-up itself (AioPollWake, AioRing.tla).  Not     *)
(* modelled: the context's size limits, other commands, io_cancel,         *)
(* IOCB_FLAG_RESFD, a waiting io_getevents.                                *)
(***************************************************************************)
EXTENDS SelectPoll, AioRing

\* kernel: io_setup -> ioctx_alloc: EINVAL for 0 events; the context's id is copied out.
AioEinval(bad) == bad /\ Fail("EINVAL")
IoSetupOk(nrEvents, ctx) ==
    /\ nrEvents > 0 /\ ctx \notin DOMAIN files /\ ctx \notin DOMAIN numbers
    /\ Commit([World EXCEPT !.files = Put(@, ctx, [kind |-> "AioCtx", events |-> <<>>, polls |-> <<>>])], 0, NoCopy)

IoSetup(nrEvents, ctx) ==
    \/ AioEinval(nrEvents <= 0)
    \/ IoSetupOk(nrEvents, ctx)

Ctx(c) == c \in DOMAIN files /\ files[c].kind = "AioCtx"

\* kernel: io_submit -> io_submit_one -> aio_poll: the mask at once, or wait on the file's queue.
IoSubmitPollOk(ctx, data, fd, events) ==
    LET f == FileOf(fd) IN
    /\ Ctx(ctx) /\ f # None
    /\ LET p == FilePoll(World, f)
           m == p.m \cap events
           c == p.w.files[ctx]
           c1 == IF m # {} THEN [c EXCEPT !.events = Append(@, [data |-> data, res |-> SumBits(m)])]
                 ELSE [c EXCEPT !.polls = Append(@, [data |-> data, file |-> f, events |-> events, work |-> FALSE])]
       IN  Commit([p.w EXCEPT !.files[ctx] = c1], 1, NoCopy)

IoSubmitPoll(ctx, data, fd, events) ==
    \/ AioEinval(~Ctx(ctx))
    \/ Ebadf(Ctx(ctx) /\ FileOf(fd) = None, Main)
    \/ IoSubmitPollOk(ctx, data, fd, events)

\* kernel: io_getevents, zero timeout: up to nr events, oldest first.
IoGeteventsOk(ctx, minNr, nr) ==
    /\ Ctx(ctx) /\ nr >= 0 /\ minNr <= nr
    /\ LET n == Min(nr, Len(files[ctx].events)) IN
       Commit([World EXCEPT !.files[ctx].events = SubSeq(@, n + 1, Len(@))], n,
              [aioEvents |-> SubSeq(files[ctx].events, 1, n)])

IoGetevents(ctx, minNr, nr) ==
    \/ AioEinval(~Ctx(ctx) \/ nr < 0 \/ minNr > nr)
    \/ IoGeteventsOk(ctx, minNr, nr)

\* kernel: io_destroy -> kill_ioctx: the context goes with its waiting requests.
IoDestroyOk(ctx) == Ctx(ctx) /\ Commit([World EXCEPT !.files = Del(@, ctx)], 0, NoCopy)

IoDestroy(ctx) ==
    \/ AioEinval(~Ctx(ctx))
    \/ IoDestroyOk(ctx)

\* kernel: aio_poll_complete_work, for the polls of context x whose work is queued: each polls its
\* file again; a mask completes it, 0 re-arms it.
RECURSIVE AioWork(_, _, _, _)
AioWork(w, x, ps, kept) ==
    IF ps = <<>> THEN [w EXCEPT !.files[x].polls = kept]
    ELSE LET p == Head(ps) IN
         IF ~p.work THEN AioWork(w, x, Tail(ps), Append(kept, p))
         ELSE IF p.file \notin DOMAIN w.files THEN AioWork(w, x, Tail(ps), Append(kept, [p EXCEPT !.work = FALSE]))
         ELSE LET fp == FilePoll(w, p.file)
                  m == fp.m \cap p.events
              IN  IF m = {} THEN AioWork(fp.w, x, Tail(ps), Append(kept, [p EXCEPT !.work = FALSE]))
                  ELSE AioWork([fp.w EXCEPT !.files[x].events = Append(@, [data |-> p.data, res |-> SumBits(m)])],
                               x, Tail(ps), kept)

AioIds(w) == SelectSeq(NameOrder, LAMBDA n : n \in DOMAIN w.files /\ w.files[n].kind = "AioCtx")

RECURSIVE AioWorkAll(_, _)
AioWorkAll(w, xs) == IF xs = <<>> THEN w ELSE AioWorkAll(AioWork(w, Head(xs), w.files[Head(xs)].polls, <<>>), Tail(xs))

\* Hidden: a kernel worker runs the queued AIO poll work (ret and out stay).
AioPollWoken ==
    /\ \E x \in DOMAIN files : files[x].kind = "AioCtx" /\ \E i \in 1..Len(files[x].polls) : files[x].polls[i].work
    /\ ~TaskWorkDue
    /\ LET w == AioWorkAll(World, AioIds(World)) IN files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive
    /\ UNCHANGED <<numbers, fds, ret, out, blocking, fasync, owner, sigio>>

AioPollWork == AioPollWoken

=============================================================================
