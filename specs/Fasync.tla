------------------------------ MODULE Fasync -------------------------------
(***************************************************************************)
(* Signal-driven I/O (Fasync in Java).  fs/fcntl.c: F_SETFL's O_ASYNC     *)
(* joins a file's fasync list (fasync: file -> the fd of its entry),       *)
(* F_SETOWN_EX names the task the signal goes to and F_SETSIG the signal   *)
(* (owner: file -> [tid, signum]), kill_fasync sends it: plain SIGIO, or   *)
(* the chosen signal with si_fd and si_band -- SIGIO so pending once, a    *)
(* real-time one queued once per send (sigio: [plain, queue]).  ioctl      *)
(* FIOASYNC joins or leaves the list like O_ASYNC.  The main task blocks   *)
(* them and takes them with rt_sigtimedwait (kernel/signal.c).  Not        *)
(* modelled: F_SETSIG with a standard signal other than SIGIO.  Sockets    *)
(* signal through SockWakeAsync (net/socket.c sock_wake_async).            *)
(* setrlimit(RLIMIT_SIGPENDING) bounds the queue: a real-time signal       *)
(* over it falls back on plain SIGIO (Send, Proc.tla).                     *)
(* Only ->fasync sets FASYNC (setfl's SETFL_MASK leaves it out), so a     *)
(* file without one never has it: fasync is exactly the files with it.    *)
(***************************************************************************)
EXTENDS Wait

NoOwner == [tid |-> FALSE, signum |-> 0]
OwnerOf(f) == IF f \in DOMAIN owner THEN owner[f] ELSE NoOwner

\* The signal kill_fasync(f, reason) sends, as a set: {} when none. kernel: fs/fcntl.c send_sigio:
\* only a file on the fasync list with an owner; send_sigio_to_task: signum 0 sends plain SIGIO
\* (no si_fd), any other a siginfo with si_code reason, si_fd and si_band = band_table[reason].
SigioFor(f, reason) ==
    IF f \in DOMAIN fasync /\ OwnerOf(f).tid
    THEN {IF owner[f].signum = 0
          THEN [signo |-> SignalNumber.SIGIO, code |-> reason, fd |-> "", band |-> {}]
          ELSE [signo |-> owner[f].signum, code |-> reason, fd |-> fasync[f], band |-> SigPollBand[reason]]}
    ELSE {}

\* kernel: fs/fcntl.c kill_fasync -> send_sigio -> send_sigio_to_task.
KillFasync(w, f, reason) == IF SigioFor(f, reason) = {} THEN w
                            ELSE [w EXCEPT !.sigio = Send(@, CHOOSE x \in SigioFor(f, reason) : TRUE)]

\* SOCKWQ_ASYNC_WAITDATA: a read task has slept on f and has not run since (it sets the bit before
\* it sleeps -- net/core/sock.c sk_wait_data for TCP, net/unix/af_unix.c unix_stream_data_wait --
\* and clears it once it runs again).
WaitData(w, f) == \E t \in DOMAIN w.tasks : w.tasks[t].call.call \in {"Read", "IoSubmit"} /\ f \in w.tasks[t].on

\* sk_wake_async(sk, how, reason). kernel: net/socket.c sock_wake_async: SOCK_WAKE_WAITD ("WAITD")
\* sends nothing while SOCKWQ_ASYNC_WAITDATA is set, SOCK_WAKE_IO ("IO") always calls kill_fasync,
\* SOCK_WAKE_URG ("URG") calls kill_fasync(SIGURG), whose kill_fasync_rcu skips a file whose signal
\* is 0 (SIGURG has its own: SendSigurg). SOCK_WAKE_SPACE (signal only if
\* test_and_clear_bit(SOCKWQ_ASYNC_NOSPACE)) is AF_UNIX's alone here: AfUnix.tla UnixWriteSpace.
SockWakeAsync(w, f, how, reason) ==
    LET skip == IF how = "URG" THEN OwnerOf(f).signum = 0 ELSE how = "WAITD" /\ WaitData(w, f)
    IN  IF skip THEN w ELSE KillFasync(w, f, reason)

\* fs/fcntl.c send_sigurg(file): with an owner, SIGURG to it (send_sigurg_to_task: SEND_SIG_PRIV, so
\* si_code SI_KERNEL and no si_fd; a standard signal, pending once: kernel/signal.c legacy_queue);
\* without one nothing. It reads only the owner: no fasync entry is needed. The owner blocks SIGURG,
\* so kernel/signal.c sig_ignored does not drop it (ignored by default). HasOwner: what it returns.
HasOwner(f) == OwnerOf(f).tid
SendSigurg(w, f) == IF HasOwner(f) THEN [w EXCEPT !.sigio.urg = TRUE] ELSE w

\* fcntl F_SETOWN_EX (F_OWNER_TID): the signal for this file goes to the main task.
FcntlSetown(fd, cmd) ==
    /\ cmd = "F_SETOWN_EX" /\ FileOf(fd) # None
    /\ owner' = (FileOf(fd) :> [OwnerOf(FileOf(fd)) EXCEPT !.tid = TRUE]) @@ owner
    /\ ret' = 0 /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, sigio>>

\* fcntl F_SETSIG: f_owner->signum = sig, 0 for plain SIGIO (fs/fcntl.c do_fcntl). A standard
\* signal other than SIGIO is not modelled.
FcntlSetsig(fd, cmd, sig) ==
    LET f == FileOf(fd) IN
    /\ cmd = "F_SETSIG" /\ f # None
    /\ sig \in {0, SignalNumber.SIGIO} \/ sig \in SignalNumber.SIGRTMIN..NSig
    /\ owner' = (f :> [OwnerOf(f) EXCEPT !.signum = sig]) @@ owner
    /\ ret' = 0 /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, sigio>>

\* kernel/signal.c valid_signal: a number above _NSIG (or below 0, as unsigned) -> EINVAL.
FcntlSetsigEinval(fd, cmd, sig) == cmd = "F_SETSIG" /\ FileOf(fd) # None /\ (sig < 0 \/ sig > NSig) /\ Fail("EINVAL")

\* fcntl F_GETSIG: the file's signal, 0 when none was set.
FcntlGetsig(fd, cmd) ==
    /\ cmd = "F_GETSIG" /\ FileOf(fd) # None
    /\ ret' = OwnerOf(FileOf(fd)).signum /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, owner, sigio>>

\* fcntl F_GETOWN (fs/fcntl.c f_getown): the owner's pid, the main task's (PidMaxLimit, the trace's
\* main), 0 without an owner.
FcntlGetown(fd, cmd) ==
    /\ cmd = "F_GETOWN" /\ FileOf(fd) # None
    /\ ret' = (IF OwnerOf(FileOf(fd)).tid THEN PidMaxLimit ELSE 0) /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, owner, sigio>>

\* fcntl F_GETOWN_EX: the owner as struct f_owner_ex (fs/fcntl.c f_getown_ex): F_OWNER_TID and the
\* main task, or pid 0 (a zeroed f_owner_ex, or a kzalloc'ed f_owner: pid_type 0 is PIDTYPE_PID).
FcntlGetownEx(fd, cmd) ==
    /\ cmd = "F_GETOWN_EX" /\ FileOf(fd) # None
    /\ ret' = 0 /\ out' = [ownerType |-> "F_OWNER_TID", pid |-> IF OwnerOf(FileOf(fd)).tid THEN "main" ELSE "0"]
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, owner, sigio>>

\* A file with a ->fasync method (pipe_fasync, sock_fasync); eventfd, epoll, regular and io_uring files have none.
HasFasync(f) == files[f].kind \in {"PipeRead", "PipeWrite", "UnixStream", "TcpSock"}

\* fcntl F_SETFL. kernel: fs/fcntl.c setfl: a change of O_ASYNC calls ->fasync (pipe_fasync,
\* sock_fasync; fasync_helper records the fd); eventfd, epoll and regular files have none. Not
\* modelled: taking O_NONBLOCK off anything but a socketpair end, an eventfd or a connected TCP socket.
FcntlSetflAsync(fd, cmd, nonblock, async) ==
    LET f == FileOf(fd) IN
    /\ cmd = "F_SETFL" /\ f # None
    /\ nonblock \/ files[f].kind \in {"UnixStream", "EventFd"} \/ (files[f].kind = "TcpSock" /\ files[f].peer # "")
    /\ blocking' = IF nonblock THEN blocking \ {f} ELSE blocking \cup {f}
    /\ fasync' = IF ~async THEN [x \in DOMAIN fasync \ {f} |-> fasync[x]]
                 ELSE IF f \in DOMAIN fasync \/ ~HasFasync(f) THEN fasync
                 ELSE fasync @@ (f :> OpenName(fd))
    /\ ret' = 0 /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, owner, sigio>>

\* ioctl(fd, FIOASYNC, &on). kernel: fs/ioctl.c ioctl_fioasync: when FASYNC would change, ->fasync
\* joins or leaves the list (the entry records the fd); no change: 0, nothing called.
IoctlFioasync(fd, cmd, on) ==
    LET f == FileOf(fd) IN
    /\ cmd = "FIOASYNC" /\ f # None
    /\ (on # 0) = (f \in DOMAIN fasync) \/ HasFasync(f)
    /\ fasync' = IF (on # 0) = (f \in DOMAIN fasync) THEN fasync
                 ELSE IF on # 0 THEN fasync @@ (f :> OpenName(fd))
                 ELSE [x \in DOMAIN fasync \ {f} |-> fasync[x]]
    /\ ret' = 0 /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, owner, sigio>>

\* ... a file without ->fasync whose FASYNC would change: ENOTTY. It never has FASYNC, so that is
\* every FIOASYNC 1 on it, where F_SETFL O_ASYNC returns 0.
IoctlEnotty(fd, cmd, on) ==
    LET f == FileOf(fd) IN
    cmd = "FIOASYNC" /\ f # None /\ (on # 0) # (f \in DOMAIN fasync) /\ ~HasFasync(f) /\ Fail("ENOTTY")

Ioctl(fd, cmd, on) ==
    \/ Ebadf(FileOf(fd) = None, Main)
    \/ IoctlFioasync(fd, cmd, on)
    \/ IoctlEnotty(fd, cmd, on)

Fcntl(fd, cmd, nonblock, async, sig) ==
    \/ Ebadf(FileOf(fd) = None, Main)
    \/ FcntlSetown(fd, cmd)
    \/ FcntlSetsig(fd, cmd, sig)
    \/ FcntlSetsigEinval(fd, cmd, sig)
    \/ FcntlGetsig(fd, cmd)
    \/ FcntlGetownEx(fd, cmd)
    \/ FcntlGetown(fd, cmd)
    \/ FcntlSetflAsync(fd, cmd, nonblock, async)

\* setrlimit(RLIMIT_SIGPENDING, {cur, max}): the soft limit on the user's pending signals
\* (kernel/sys.c do_prlimit), read when a signal is queued (Send). Lowering it drops nothing.
SetrlimitOk(resource, cur) ==
    /\ resource = "RLIMIT_SIGPENDING"
    /\ sigio' = [sigio EXCEPT !.limit = cur]
    /\ ret' = 0 /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, owner>>

Setrlimit(resource, cur) == SetrlimitOk(resource, cur)

\* SIGURG pending and waited for (kernel/signal.c next_signal: 23 is below SIGIO and the real-time
\* signals).
UrgWaited(set) == sigio.urg /\ SignalNumber.SIGURG \in set

\* rt_sigtimedwait(set, 0): SIGURG first; its siginfo is SEND_SIG_PRIV's (si_code SI_KERNEL, no si_fd
\* or si_band: kernel/signal.c __send_signal_locked).
SigurgTaken(set) ==
    /\ UrgWaited(set)
    /\ sigio' = [sigio EXCEPT !.urg = FALSE] /\ ret' = SignalNumber.SIGURG
    /\ out' = [signo |-> SignalNumber.SIGURG, code |-> "SI_KERNEL", fd |-> "", band |-> {}]
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, owner>>

\* rt_sigtimedwait(set, 0): then the pending plain SIGIO (29; no siginfo).
SigioTaken(set) ==
    /\ ~UrgWaited(set) /\ sigio.plain /\ SignalNumber.SIGIO \in set
    /\ sigio' = [sigio EXCEPT !.plain = FALSE] /\ ret' = SignalNumber.SIGIO /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, owner>>

\* The positions of queued signals of the set.
Waited(set) == {i \in 1..Len(sigio.queue) : sigio.queue[i].signo \in set}

\* kernel/signal.c next_signal, collect_signal: the lowest-numbered signal of the set with a siginfo
\* (SIGIO chosen with F_SETSIG, or real-time), its oldest queued instance; its siginfo is copied out.
SiginfoTaken(set) ==
    /\ ~UrgWaited(set) /\ ~(sigio.plain /\ SignalNumber.SIGIO \in set) /\ Waited(set) # {}
    /\ LET low == CHOOSE s \in {sigio.queue[i].signo : i \in Waited(set)} :
                      \A i \in Waited(set) : s <= sigio.queue[i].signo
           k   == CHOOSE i \in Waited(set) : sigio.queue[i].signo = low /\ \A j \in Waited(set) : sigio.queue[j].signo = low => i <= j
           x   == sigio.queue[k]
       IN  /\ sigio' = [sigio EXCEPT !.queue = [i \in 1..Len(sigio.queue) - 1 |->
                                                 IF i < k THEN sigio.queue[i] ELSE sigio.queue[i + 1]]]
           /\ ret' = x.signo /\ out' = [signo |-> x.signo, code |-> x.code, fd |-> x.fd, band |-> x.band]
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, owner>>

\* kernel/signal.c do_sigtimedwait: no signal of the set pending and a zero timeout -> EAGAIN.
SigtimedwaitEagain(set) == ~UrgWaited(set) /\ ~(sigio.plain /\ SignalNumber.SIGIO \in set) /\ Waited(set) = {} /\ Fail("EAGAIN")

Sigtimedwait(set) ==
    \/ SigtimedwaitEagain(set)
    \/ SigurgTaken(set)
    \/ SigioTaken(set)
    \/ SiginfoTaken(set)

=============================================================================
