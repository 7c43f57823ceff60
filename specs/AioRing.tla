------------------------------ MODULE AioRing ------------------------------
(***************************************************************************)
(* fs/aio.c, the part a wake-up reaches (Aio in Java): an AIO context is   *)
(* [kind |-> "AioCtx", events, polls], kept in files under the name the    *)
(* trace gives it and reached by no fd; events are the completed io_events *)
(* [data, res] not yet taken, polls the waiting IOCB_CMD_POLL requests     *)
(* [data, file, events, work, cancelled, resfd, busy, done] (resfd: the   *)
(* eventfd file IOCB_FLAG_RESFD names, "" for none; busy: its next keyed  *)
(* wake-up finds ctx_lock taken, see AioTrylockFails in Aio.tla; done:    *)
(* completed inline, its file still held until the fput task work,       *)
(* AioFput in Aio.tla).  aio_poll_wake lives here because  *)
(* Wait.tla calls it, and signals the eventfds (EventfdSignals, Wait.tla); *)
(* the syscalls are in Aio.tla, which polls files (FilePoll).               *)
(***************************************************************************)
EXTENDS FdTable, PollBits

\* The AIO contexts in Java's order.
AioIds(w) == SelectSeq(NameOrder, LAMBDA n : n \in DOMAIN w.files /\ w.files[n].kind = "AioCtx")

\* A wake-up on f with key hits a poll of f whose events it meets (any, without a key); it completes
\* it at once when it has a key, the poll's work is not queued and ctx_lock is free (aio_poll_wake:
\* !req->work_scheduled && spin_trylock_irqsave(&ctx->ctx_lock)).
AioHit(p, f, key) == ~p.done /\ p.file = f /\ (key = {} \/ key \cap p.events # {})
AioDone(p, f, key) == AioHit(p, f, key) /\ key # {} /\ ~p.work /\ ~p.busy

\* kernel: aio_poll_wake: a key that misses a poll's events leaves it; a key completes it at once
\* with the whole key as res (mangle_poll(mask), not masked by the events asked for), unless its
\* work is queued or ctx_lock is taken -- done: iocb_put's fput defers __fput to the waker's task
\* work, so the poll holds its file until AioFput; else it queues its completion work (aio_poll_complete_work, AioPollWork in Aio.tla).
AioPollWake(w, f, key) ==
    LET done(p) == AioDone(p, f, key)
        ctx(c) == LET ds == SelectSeq(c.polls, done)
                  IN  [c EXCEPT
                        !.events = @ \o [i \in 1..Len(ds) |-> [data |-> ds[i].data, res |-> SumBits(key)]],
                        !.polls = [i \in 1..Len(c.polls) |->
                                     IF done(c.polls[i]) THEN [c.polls[i] EXCEPT !.done = TRUE, !.busy = FALSE]
                                     ELSE IF AioHit(c.polls[i], f, key) THEN [c.polls[i] EXCEPT !.work = TRUE, !.busy = FALSE]
                                     ELSE c.polls[i]]]
    IN  [w EXCEPT !.files = [x \in DOMAIN w.files |->
            IF w.files[x].kind = "AioCtx" THEN ctx(w.files[x]) ELSE w.files[x]]]

\* The eventfds of the polls such a wake-up completes, context by context ("" for none).
RECURSIVE AioWakeResfds(_, _, _, _)
AioWakeResfds(w, xs, f, key) ==
    IF xs = <<>> THEN <<>>
    ELSE LET ds == SelectSeq(w.files[Head(xs)].polls, LAMBDA p : AioDone(p, f, key))
         IN  [i \in 1..Len(ds) |-> ds[i].resfd] \o AioWakeResfds(w, Tail(xs), f, key)

=============================================================================
