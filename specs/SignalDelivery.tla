--------------------------- MODULE SignalDelivery ---------------------------
(***************************************************************************)
(* A signal's action and its delivery to the main task (SignalDelivery in  *)
(* Java).  kernel/signal.c: do_sigaction sets the action (sigio.handled:   *)
(* the signals with a handler, sigio.ignored: SIG_IGN; any other has       *)
(* SIG_DFL); get_signal, on the way back to user space, dequeues each      *)
(* pending signal the task's mask lets through, lowest first, drops an     *)
(* ignored one and goes on, and hands one with a handler to                *)
(* arch/x86/kernel/signal.c handle_signal.  The main task blocks every     *)
(* signal the model knows, so only a call that swaps in a mask of its own  *)
(* (io_pgetevents, Aio.tla) lets one through.  Not modelled: SA_RESTART,   *)
(* sa_mask, SA_NODEFER, and a signal whose default action ends the         *)
(* process (no successor).                                                 *)
(***************************************************************************)
EXTENDS Fasync

\* Whether signal n's action ignores it (kernel/signal.c sig_handler_ignored).
Dropped(s, n) == n \in s.ignored \/ (n \notin s.handled /\ n \in SignalDefaultIgnored)

\* s without signal n: every instance (all), or its oldest (collect_signal).
RECURSIVE Without(_, _, _)
Without(q, n, all) ==
    IF q = <<>> THEN <<>>
    ELSE IF Head(q).signo = n THEN (IF all THEN Without(Tail(q), n, all) ELSE Tail(q))
    ELSE <<Head(q)>> \o Without(Tail(q), n, all)
SigWithout(s, n, all) ==
    [s EXCEPT !.plain = @ /\ n # SignalNumber.SIGIO, !.urg = @ /\ n # SignalNumber.SIGURG,
              !.queue = Without(@, n, all)]

\* rt_sigaction(signo, act). kernel/signal.c do_sigaction: EINVAL outside 1.._NSIG and for SIGKILL
\* or SIGSTOP (sig_kernel_only).
SigactionEinval(signo) == (signo < 1 \/ signo > NSig \/ signo \in SignalKernelOnly) /\ Fail("EINVAL")

\* The action is set; one that ignores the signal (SIG_IGN, or SIG_DFL of one ignored by default)
\* discards its pending instances (flush_sigqueue_mask; POSIX.1 3.3.1.3).
SigactionOk(signo, action) ==
    /\ signo >= 1 /\ signo <= NSig /\ signo \notin SignalKernelOnly
    /\ LET s == [sigio EXCEPT !.handled = IF action = "handler" THEN @ \cup {signo} ELSE @ \ {signo},
                              !.ignored = IF action = "SIG_IGN" THEN @ \cup {signo} ELSE @ \ {signo}]
       IN  Commit([World EXCEPT !.sigio = IF Dropped(s, signo) THEN SigWithout(s, signo, TRUE) ELSE s], 0, NoCopy)

Sigaction(signo, action) ==
    \/ SigactionEinval(signo)
    \/ SigactionOk(signo, action)

\* The pending signals mask (the signals it blocks) lets through.
Through(s, mask) ==
    ((IF s.plain THEN {SignalNumber.SIGIO} ELSE {}) \cup (IF s.urg THEN {SignalNumber.SIGURG} ELSE {})
     \cup {s.queue[i].signo : i \in 1..Len(s.queue)}) \ mask

\* Whether delivering them ends the process: one has SIG_DFL, "Term" (not modelled).
Ends(s, through) == \E n \in through : ~Dropped(s, n) /\ n \notin s.handled

\* Whether a handler runs for one of them.
Handles(s, through) == \E n \in through : n \in s.handled

\* The pending signals after delivering those let through (kernel/signal.c get_signal): an
\* ignored one dropped, every instance; one with a handler gives up its oldest instance, and its
\* frame's mask, then the saved one, blocks it, so the others stay pending.
RECURSIVE DeliverEach(_, _, _)
DeliverEach(s, ns, orig) ==
    IF ns = {} THEN s
    ELSE LET n == CHOOSE m \in ns : \A k \in ns : m <= k
         IN  DeliverEach(SigWithout(s, n, Dropped(orig, n)), ns \ {n}, orig)
Delivered(s, through) == DeliverEach(s, through, s)

-----------------------------------------------------------------------------
(* A call that swaps in usig's mask (kernel/signal.c set_user_sigmask):     *)
(* io_pgetevents (Aio.tla), epoll_pwait, ppoll and pselect6 (Sigmask.tla).  *)

\* sizeof(sigset_t) on x86_64 (_NSIG / 8): the sigsetsize set_user_sigmask insists on.
SigsetBytes == NSig \div 8

\* set_user_sigmask: EINVAL, before anything else, unless sigsetsize is sizeof(sigset_t).
SigmaskOk(usig, sigsetsize) == ~usig \/ sigsetsize = SigsetBytes
SigmaskEinval(usig, sigsetsize) == ~SigmaskOk(usig, sigsetsize) /\ Fail("EINVAL")

\* The call found nothing and a signal the mask lets through is pending (interrupted, the call's own
\* condition): -ERESTARTNOHAND, and restore_saved_sigmask_unless leaves the swapped mask for the
\* delivery; w is the world after the call's scan. With a handler run the call returns EINTR
\* (arch/x86/kernel/signal.c handle_signal) ...
SignalEintr(interrupted, through, w) ==
    /\ interrupted /\ ~Ends(sigio, through) /\ Handles(sigio, through)
    /\ Finish(Main, [w EXCEPT !.sigio = Delivered(sigio, through)], Err("EINTR"), NoCopy)

\* ... with none (every one ignored, dropped), it restarts (arch_do_signal_or_restart) and, nothing
\* let through any more, finds what it found: copy-out o, and 0.
SignalRestarted(interrupted, through, w, o) ==
    /\ interrupted /\ ~Ends(sigio, through) /\ ~Handles(sigio, through)
    /\ Finish(Main, [w EXCEPT !.sigio = Delivered(sigio, through)], 0, o)

=============================================================================
