------------------------------ MODULE AioRing ------------------------------
(***************************************************************************)
(* fs/aio.c, the part a wake-up reaches (Aio in Java): an AIO context is   *)
(* [kind |-> "AioCtx", events, polls], kept in files under the name the    *)
(* trace gives it and reached by no fd; events are the completed io_events *)
(* [data, res] not yet taken, polls the waiting IOCB_CMD_POLL requests     *)
(* [data, file, events, work].  aio_poll_wake lives here because Wait.tla  *)
(* calls it; the syscalls are in Aio.tla, which polls files (FilePoll).    *)
(***************************************************************************)
EXTENDS FdTable, PollBits

\* kernel: aio_poll_wake: a key that misses a poll's events leaves it; a key completes it at once
\* with the whole key as res (mangle_poll(mask), not masked by the events asked for); no key
\* queues its completion work (aio_poll_complete_work, AioPollWork in Aio.tla).
AioPollWake(w, f, key) ==
    LET hit(p) == p.file = f /\ (key = {} \/ key \cap p.events # {})
        ctx(c) == [c EXCEPT
            !.events = @ \o (IF key = {} THEN <<>>
                             ELSE [i \in 1..Len(SelectSeq(c.polls, hit)) |->
                                     [data |-> SelectSeq(c.polls, hit)[i].data, res |-> SumBits(key)]]),
            !.polls = IF key = {}
                      THEN [i \in 1..Len(c.polls) |-> IF hit(c.polls[i]) THEN [c.polls[i] EXCEPT !.work = TRUE]
                                                      ELSE c.polls[i]]
                      ELSE SelectSeq(c.polls, LAMBDA p : ~hit(p))]
    IN  [w EXCEPT !.files = [x \in DOMAIN w.files |->
            IF w.files[x].kind = "AioCtx" THEN ctx(w.files[x]) ELSE w.files[x]]]

=============================================================================
