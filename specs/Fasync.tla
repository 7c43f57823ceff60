------------------------------ MODULE Fasync -------------------------------
(***************************************************************************)
(* Signal-driven I/O (Fasync in Java).  fs/fcntl.c: F_SETFL's O_ASYNC     *)
(* joins a file's fasync list, F_SETOWN_EX names the task SIGIO goes to,   *)
(* kill_fasync sends it; the main task blocks SIGIO and takes it with      *)
(* rt_sigtimedwait (kernel/signal.c).  Not modelled: other signals,        *)
(* F_SETSIG, si_band, O_ASYNC on TCP sockets.                              *)
(***************************************************************************)
EXTENDS Wait

\* kernel: fs/fcntl.c kill_fasync -> send_sigio: only a file on the fasync list with an owner signals.
KillFasync(w, f) == IF f \in fasync /\ f \in owner THEN [w EXCEPT !.sigio = TRUE] ELSE w

\* fcntl F_SETOWN_EX (F_OWNER_TID): SIGIO for this file goes to the main task.
FcntlSetown(fd, cmd) ==
    /\ cmd = "F_SETOWN_EX" /\ FileOf(fd) # None
    /\ owner' = owner \cup {FileOf(fd)}
    /\ ret' = 0 /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, sigio>>

\* fcntl F_SETFL. kernel: fs/fcntl.c setfl: a change of O_ASYNC calls ->fasync (pipe_fasync,
\* sock_fasync); eventfd, epoll and regular files have none. Not modelled: O_ASYNC on TCP sockets,
\* taking O_NONBLOCK off anything but a socketpair end or an eventfd.
FcntlSetflAsync(fd, cmd, nonblock, async) ==
    LET f == FileOf(fd) IN
    /\ cmd = "F_SETFL" /\ f # None
    /\ nonblock \/ files[f].kind \in {"UnixStream", "EventFd"}
    /\ ~(async /\ files[f].kind = "TcpSock")
    /\ blocking' = IF nonblock THEN blocking \ {f} ELSE blocking \cup {f}
    /\ fasync' = IF files[f].kind \notin {"PipeRead", "PipeWrite", "UnixStream"} THEN fasync
                 ELSE IF async THEN fasync \cup {f} ELSE fasync \ {f}
    /\ ret' = 0 /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, owner, sigio>>

Fcntl(fd, cmd, nonblock, async) ==
    \/ Ebadf(FileOf(fd) = None, Main)
    \/ FcntlSetown(fd, cmd)
    \/ FcntlSetflAsync(fd, cmd, nonblock, async)

\* rt_sigtimedwait({SIGIO}, 0): takes the pending SIGIO.
SigioTaken ==
    /\ sigio
    /\ sigio' = FALSE /\ ret' = SignalNumber.SIGIO /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, owner>>

\* kernel/signal.c do_sigtimedwait: no signal pending and a zero timeout -> EAGAIN.
SigtimedwaitEagain == ~sigio /\ Fail("EAGAIN")

Sigtimedwait ==
    \/ SigtimedwaitEagain
    \/ SigioTaken

=============================================================================
