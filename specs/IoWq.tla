-------------------------------- MODULE IoWq --------------------------------
(***************************************************************************)
(* The io-wq side of io_uring/io_uring.c (io_wq_submit_work, io_wq_free_work *)
(* and the submitter's frees), split from IoPoll.tla, which issues what is  *)
(* handed to io-wq: the hidden steps of its workers — a released NOP        *)
(* (IOSQE_IO_DRAIN), a SPLICE a cancel signalled, a RECV with IOSQE_ASYNC   *)
(* (Java: IoUring.ioWqWork, spliceInterrupted, IoWqRecv.work) — and the     *)
(* frees that follow (IoUring.ioWqFree).  Readiness.tla takes IoWqWork and   *)
(* IoWqFree as hidden steps.                                               *)
(***************************************************************************)
EXTENDS IoPoll

\* Hidden: an io-wq worker runs one released request of ring x (any: workers run side by side): a
\* NOP completes with 0 and io_req_complete_post posts its CQE and commits (cq_wait, poll_wq, the
\* eventfd); the request waits for its free (IoWqFreed). A CQE that finds the CQ full goes onto the
\* overflow list here; the kernel hands it to the submitter's task work, which posts it there or,
\* if the CQ has room by then, into the CQ: both orders are steps here. The worker runs at its own
\* time (io_queue_iowq -> io_wq_enqueue, a worker thread made on first use): the CQE may be there at
\* the next reap or not yet, both measured. (Java: IoUring.ioWqWork)
IoWqNopDone ==
    /\ ~TaskWorkDue
    /\ \E x \in DOMAIN files : files[x].kind = "IoUring" /\ \E i \in 1..Len(files[x].iowq) :
         LET r  == files[x]
             r1 == [Post(r, Cqe(r.iowq[i], 0, 0)) EXCEPT !.iowq = SubSeq(@, 1, i - 1) \o SubSeq(@, i + 1, Len(@)),
                                                        !.unfreed = @ + 1]
             w  == CommitRing([World EXCEPT !.files[x] = r1], x, r)
         IN  /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
             /\ sigio' \in {w.sigio} \cup {Send(w.sigio, y) : y \in w.race}
    /\ UNCHANGED <<numbers, fds, ret, out>>

\* Hidden: the io-wq worker of a SPLICE an ASYNC_CANCEL signalled (TIF_NOTIFY_SIGNAL, io_uring/io-wq.c
\* __io_wq_worker_cancel) wakes: fs/splice.c ipipe_prep sees signal_pending, -ERESTARTSYS, which
\* io_uring/splice.c io_splice posts unconverted (-512, measured on 6.18); the pipe's bytes stay; the
\* request waits for its free (IoWqFreed). (Java: IoUring.spliceInterrupted)
IoWqSpliceInterrupted ==
    /\ ~TaskWorkDue
    /\ \E x \in DOMAIN files : files[x].kind = "IoUring" /\ \E i \in 1..Len(files[x].splices) :
         /\ files[x].splices[i].signalled
         /\ LET r  == files[x]
                r1 == [Post(r, Cqe(r.splices[i].userData, Err("ERESTARTSYS"), 0)) EXCEPT !.splices = SubSeq(@, 1, i - 1) \o SubSeq(@, i + 1, Len(@)),
                                                                        !.unfreed = @ + 1]
                w  == CommitRing([World EXCEPT !.files[x] = r1], x, r)
            IN  /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
                /\ sigio' \in {w.sigio} \cup {Send(w.sigio, y) : y \in w.race}
    /\ UNCHANGED <<numbers, fds, ret, out>>

\* Hidden: an io-wq worker runs a forced-async RECV of ring x waiting for it (kernel: io_wq_submit_work:
\* the opcode polls and the socket can be polled, so IO_URING_F_NONBLOCK, io_recv's MSG_DONTWAIT), at its
\* own time: -EAGAIN arms its poll (io_arm_poll_handler, IO_APOLL_OK; the window in which the socket turns
\* ready before the arming, IO_APOLL_READY and a blocking retry, is one step here); else the read's result
\* (bytes, 0 at the peer's close) is posted by the worker (io_req_complete_post, commit) and the request
\* waits for its free. Not while no fd refers to the socket (the worker's fget: -EBADF, not modelled).
\* (Java: IoWqRecv.work)
IoWqRecvIssued ==
    /\ ~TaskWorkDue
    /\ \E x \in DOMAIN files : files[x].kind = "IoUring" /\ \E i \in 1..Len(files[x].polls) :
         LET r  == files[x]
             p  == r.polls[i]
             rd == NowaitRead(World, x, r, p.file, p.len)
             done == Post([rd.r EXCEPT !.polls = SubSeq(@, 1, i - 1) \o SubSeq(@, i + 1, Len(@)),
                                       !.forcedAsync = SelectSeq(@, LAMBDA u : u # p.userData),
                                       !.unfreed = @ + 1],
                          Cqe(p.userData, rd.res, RecvFlags("RECV", rd.w, p.file, rd.res)))
             armed == [rd.r EXCEPT !.polls[i].events = ApollIn]
             w0 == CommitRing([rd.w EXCEPT !.files[x] = IF rd.res = Err("EAGAIN") THEN armed ELSE done], x, r)
             w  == IF rd.res # Err("EAGAIN") /\ Unreferenced(w0, p.file) THEN Release(w0, p.file) ELSE w0
         IN  /\ \E k \in 1..Len(r.forcedAsync) : r.forcedAsync[k] = p.userData
             /\ p.events = {} /\ ~p.pending /\ \E y \in DOMAIN fds : fds[y] = p.file
             /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
             /\ sigio' \in {w.sigio} \cup {Send(w.sigio, y) : y \in w.race}
    /\ UNCHANGED <<numbers, fds, ret, out>>

IoWqWork ==
    \/ IoWqNopDone
    \/ IoWqSpliceInterrupted
    \/ IoWqRecvIssued

\* Hidden: the submitter's task work frees the requests io-wq completed (io_wq_free_work ->
\* io_free_req -> io_req_task_work_add: task_work_add with TWA_SIGNAL, run whenever the submitter
\* next returns to user space; task_work_run takes all that are queued, every ring), and the flush
\* after it (__io_submit_flush_completions) runs io_queue_deferred. Not due. (Java: IoUring.ioWqFree)
IoWqFreed ==
    /\ ~TaskWorkDue
    /\ \E x \in DOMAIN files : files[x].kind = "IoUring" /\ files[x].unfreed > 0
    /\ files' = [x \in DOMAIN files |-> IF files[x].kind = "IoUring" /\ files[x].unfreed > 0
                                        THEN ReleaseDeferred([files[x] EXCEPT !.unfreed = 0]) ELSE files[x]]
    /\ UNCHANGED <<numbers, fds, ret, out, tasks, exclusive, blocking, fasync, owner, sigio>>

IoWqFree == IoWqFreed

=============================================================================
