------------------------------ MODULE Sigmask ------------------------------
(***************************************************************************)
(* epoll_pwait, ppoll and pselect6 of the main task (timeout 0) with       *)
(* usig's signal mask swapped in (SignalDelivery.sigmasked in Java).  The  *)
(* mask swap, EINTR and the restart are SignalDelivery.tla's; what differs *)
(* is when each call counts as interrupted.  fs/eventpoll.c ep_poll with a *)
(* zero timeout returns before it looks at signal_pending: epoll_pwait is  *)
(* never interrupted, its mask goes back and the signals stay pending.     *)
(* fs/select.c do_poll and core_sys_select: nothing ready and a signal     *)
(* pending is -ERESTARTNOHAND; anything ready, or an error, and the mask   *)
(* goes back (poll_select_finish: restore_saved_sigmask_unless).           *)
(* io_uring_enter with GETEVENTS and its sigset (IoUringEnterMasked): a    *)
(* wait met at once never reads the mask; else io_cqring_wait_schedule     *)
(* returns -EINTR itself, whatever the signal's action.                    *)
(***************************************************************************)
EXTENDS SelectPoll, IoPoll, SignalDelivery

\* The main task when ok, else no one (Runs is FALSE): the call's own rules label the step, taken
\* only when ok. (TLC names a step by the operator applied when an argument reads the state, so
\* Pselect6 applies Select's disjuncts one by one.)
MainIf(ok) == IF ok THEN Main ELSE [task |-> "-", call |-> None]  \* "-" names no task

\* The pending signals the mask lets through; none without usig.
LetThrough(usig, mask) == IF usig THEN Through(sigio, mask) ELSE {}

EpollPwait(epfd, maxevents, usig, mask, sigsetsize) ==
    \/ SigmaskEinval(usig, sigsetsize)
    \/ EpollWait(epfd, maxevents, MainIf(SigmaskOk(usig, sigsetsize)))

\* do_poll: nothing ready (PollFds) and a signal pending.
PollInterrupted(pfds, usig, mask, sigsetsize) ==
    SigmaskOk(usig, sigsetsize) /\ LetThrough(usig, mask) # {} /\ PollFds(World, pfds, 0, <<>>).count = 0

Ppoll(pfds, usig, mask, sigsetsize) ==
    \/ SigmaskEinval(usig, sigsetsize)
    \/ PollOk(pfds, MainIf(SigmaskOk(usig, sigsetsize) /\ ~PollInterrupted(pfds, usig, mask, sigsetsize)))
    \/ SignalEintr(PollInterrupted(pfds, usig, mask, sigsetsize), LetThrough(usig, mask), PollFds(World, pfds, 0, <<>>).w)
    \/ SignalRestarted(PollInterrupted(pfds, usig, mask, sigsetsize), LetThrough(usig, mask),
                       PollFds(World, pfds, 0, <<>>).w, [revents |-> <<>>])

\* core_sys_select: do_select found nothing (SelectResult) and a signal is pending; EINVAL and EBADF
\* come first.
SelectInterrupted(nfds, rd, wr, ex, usig, mask, sigsetsize) ==
    /\ SigmaskOk(usig, sigsetsize) /\ LetThrough(usig, mask) # {}
    /\ nfds >= 0 /\ \A f \in InRange(nfds, rd, wr, ex) : FileOf(f) # None
    /\ SelectResult(World, nfds, rd, wr, ex).count = 0

Pselect6(nfds, rd, wr, ex, usig, mask, sigsetsize) ==
    \/ SigmaskEinval(usig, sigsetsize)
    \/ SelectEinval(nfds, rd, wr, ex, MainIf(SigmaskOk(usig, sigsetsize)))
    \/ Ebadf(nfds >= 0 /\ \E f \in InRange(nfds, rd, wr, ex) : FileOf(f) = None, MainIf(SigmaskOk(usig, sigsetsize)))
    \/ SelectOk(nfds, rd, wr, ex, MainIf(SigmaskOk(usig, sigsetsize) /\ ~SelectInterrupted(nfds, rd, wr, ex, usig, mask, sigsetsize)))
    \/ SignalEintr(SelectInterrupted(nfds, rd, wr, ex, usig, mask, sigsetsize), LetThrough(usig, mask),
                   SelectResult(World, nfds, rd, wr, ex).w)
    \/ SignalRestarted(SelectInterrupted(nfds, rd, wr, ex, usig, mask, sigsetsize), LetThrough(usig, mask),
                       SelectResult(World, nfds, rd, wr, ex).w, SelectResult(World, nfds, rd, wr, ex).out)

\* io_uring/io_uring.c io_cqring_wait, for the main task's io_uring_enter with GETEVENTS and a sigset
\* (no EXT_ARG): the wait is not met at once (EnterStep), so set_user_sigmask runs, after the submission.
EnterMaskWait(f, sqes, minComplete) ==
    Is(f, "IoUring") /\ CanEnter(f, sqes) /\ ~files[f].sqpoll /\ ~EnterStep(f, sqes, minComplete, TRUE, -1).met

\* set_user_sigmask: EINVAL unless the size is sizeof(sigset_t); io_uring_enter returns the count it
\* submitted, if any.
IoCqringWaitEinval(fd, sqes, minComplete, usig, sigsetsize) ==
    LET f == FileOf(fd) IN
    /\ ~SigmaskOk(usig, sigsetsize) /\ EnterMaskWait(f, sqes, minComplete)
    /\ LET s == EnterStep(f, sqes, minComplete, TRUE, -1) IN
       Finish(Main, s.w, IF s.consumed > 0 THEN s.consumed ELSE Err("EINVAL"), NoCopy)

\* io_cqring_wait_schedule: a pending signal the mask lets through is -EINTR, not a restart, whatever its
\* action; restore_saved_sigmask_unless(ret == -EINTR) leaves the mask for its delivery. The wait
\* returns 0 when CQEs are there ("cq.head == cq.tail ? ret : 0"), io_uring_enter the count submitted.
IoCqringWaitEintr(fd, sqes, minComplete, usig, mask, sigsetsize) ==
    LET f == FileOf(fd) IN
    /\ usig /\ SigmaskOk(usig, sigsetsize) /\ EnterMaskWait(f, sqes, minComplete)
    /\ LET s == EnterStep(f, sqes, minComplete, TRUE, -1)
           through == Through(s.w.sigio, mask)
       IN  /\ through # {} /\ ~Ends(s.w.sigio, through)
           /\ Finish(Main, [s.w EXCEPT !.sigio = Delivered(s.w.sigio, through)],
                     IF s.consumed > 0 THEN s.consumed ELSE IF s.w.files[f].cq = <<>> THEN Err("EINTR") ELSE 0, NoCopy)

\* A wait met at once is io_uring_enter's own (IoUringEnter); one that is not, with no signal let
\* through, would sleep: a task's call, no step here.
IoUringEnterMasked(fd, sqes, minComplete, usig, mask, sigsetsize) ==
    \/ IoUringEnter(fd, sqes, minComplete, TRUE, -1, 0, Main)
    \/ IoCqringWaitEinval(fd, sqes, minComplete, usig, sigsetsize)
    \/ IoCqringWaitEintr(fd, sqes, minComplete, usig, mask, sigsetsize)

=============================================================================
