------------------------------- MODULE IoPoll -------------------------------
(***************************************************************************)
(* io_uring/poll.c and io_uring/cancel.c (IoPoll in Java), and             *)
(* io_uring_enter (io_uring/io_uring.c; IoUring.enter in Java), which sits *)
(* here because it issues every opcode and POLL_ADD polls files           *)
(* (FilePoll, SelectPoll.tla and below).  The SQEs a call submits are its  *)
(* argument sqes, records [op, userData, fd, events, multishot, target,    *)
(* link].  A poll request is [userData, file, events, multishot, pending,  *)
(* cancelled, linked]: pending, its task work is queued (a wake-up reached *)
(* it, PollWake; or a multishot poll found its file ready when armed);     *)
(* cancelled, ASYNC_CANCEL took it; linked, the rest of its link chain.  The task work runs before the *)
(* submitter returns to user space: IoUringTaskWork, due at once (every    *)
(* other action conjoins ~TaskWorkDue, Proc.tla).  A CQE's res is a        *)
(* number: -errno, or a poll mask as the kernel writes it (SumBits).       *)
(* Not modelled: a polled file closed while its poll is armed (the         *)
(* request holds a reference in the kernel; here the file goes and the     *)
(* poll never fires), opcodes other than NOP, POLL_ADD and ASYNC_CANCEL.   *)
(***************************************************************************)
EXTENDS SelectPoll, PollBits

\* io_uring/poll.c IO_POLL_UNMASK: the bits every poll request waits for besides those asked.
Unmask == {"ERR", "HUP", "NVAL", "RDHUP"}

\* include/uapi/linux/io_uring.h IORING_CQE_F_MORE
CqeFMore == 2

\* kernel: io_fail_links: the rest of a chain completes with -ECANCELED, in order.
RECURSIVE FailRest(_, _)
FailRest(r, qs) == IF qs = <<>> THEN r ELSE FailRest(Post(r, Cqe(Head(qs).userData, Err("ECANCELED"), 0)), Tail(qs))

\* kernel: io_async_cancel -> io_poll_cancel: the first poll with that user_data not yet cancelled
\* (its index, or 0): its task work will post -ECANCELED (io_req_task_queue_fail).
CancelIndex(r, q) ==
    LET is == {i \in 1..Len(r.polls) : r.polls[i].userData = q.target /\ ~r.polls[i].cancelled}
    IN  IF is = {} THEN 0 ELSE CHOOSE j \in is : \A k \in is : j <= k

\* Issues a link chain (IOSQE_IO_LINK), head first: a member that completes at once with res >= 0
\* lets the next start; one that fails cancels the rest, unless it is IOSQE_IO_HARDLINK; a poll that
\* waits takes the rest with it.
\* POLL_ADD (kernel: io_poll_add -> __io_arm_poll_handler) polls the file at once: a one-shot
\* request finding it ready completes with the mask; a multishot one is armed with its task work
\* queued (it posts with F_MORE); else it waits on the file's queue. A bad fd: -EBADF. Returns [w, r].
RECURSIVE Issue(_, _, _)
Issue(w, r, chain) ==
    IF chain = <<>> THEN [w |-> w, r |-> r]
    ELSE LET q == Head(chain)
             rest == Tail(chain)
             ok(w1, r1, res) == Issue(w1, Post(r1, Cqe(q.userData, res, 0)), rest)
             failed(r1, res) == IF q.hardlink THEN Issue(w, Post(r1, Cqe(q.userData, res, 0)), rest)
                                ELSE [w |-> w, r |-> FailRest(Post(r1, Cqe(q.userData, res, 0)), rest)]
             f == FileOf(q.fd)
             p == FilePoll(w, f)
             ev == q.events \cup Unmask
             m == p.m \cap ev
             c == CancelIndex(r, q)
         IN  CASE q.op = "ASYNC_CANCEL" /\ c = 0 -> failed(r, Err("ENOENT"))
               [] q.op = "ASYNC_CANCEL" -> ok(w, [r EXCEPT !.polls[c].pending = TRUE, !.polls[c].cancelled = TRUE], 0)
               [] q.op = "POLL_ADD" /\ f = None -> failed(r, Err("EBADF"))
               [] q.op = "POLL_ADD" /\ m # {} /\ ~q.multishot -> ok(p.w, r, SumBits(m))
               [] q.op = "POLL_ADD" ->
                    [w |-> p.w, r |-> [r EXCEPT !.polls = Append(@, [userData |-> q.userData, file |-> f, events |-> ev,
                         multishot |-> q.multishot, pending |-> m # {}, cancelled |-> FALSE, linked |-> rest,
                         hardlink |-> q.hardlink])]]
               [] OTHER -> ok(w, r, 0)

\* The length of the link chain at the head of sqes: up to the first SQE without IOSQE_IO_LINK.
RECURSIVE ChainLen(_, _)
ChainLen(sqes, i) == IF i >= Len(sqes) \/ ~sqes[i].link THEN i ELSE ChainLen(sqes, i + 1)

\* kernel: io_submit_sqes: the SQEs in order, chain by chain.
RECURSIVE Submit(_, _, _)
Submit(w, r, sqes) ==
    IF sqes = <<>> THEN [w |-> w, r |-> r]
    ELSE LET n == ChainLen(sqes, 1)
             x == Issue(w, r, SubSeq(sqes, 1, n))
         IN  Submit(x.w, x.r, SubSeq(sqes, n + 1, Len(sqes)))

\* The rings' file ids in Java's String order.
RingIds(w) == SelectSeq(NameOrder, LAMBDA n : n \in DOMAIN w.files /\ w.files[n].kind = "IoUring")
Pending(w, x) == \E i \in 1..Len(w.files[x].polls) : w.files[x].polls[i].pending

\* kernel: io_poll_task_func -> io_poll_check_events, for the first pending poll of ring x: a
\* cancelled one posts -ECANCELED and goes, cancelling its chain (issuing it, if hardlinked); one
\* whose file now polls 0 stays
\* armed; else a one-shot poll posts the mask, goes and issues its chain; a multishot one posts it
\* with F_MORE and stays.
RunFirst(w, x) ==
    LET r == w.files[x]
        i == CHOOSE j \in 1..Len(r.polls) : r.polls[j].pending /\ \A k \in 1..(j - 1) : ~r.polls[k].pending
        p == r.polls[i]
        gone == [r EXCEPT !.polls = SubSeq(@, 1, i - 1) \o SubSeq(@, i + 1, Len(@))]
        fp == FilePoll(w, p.file)
        m == fp.m \cap p.events
        idle == [r EXCEPT !.polls[i].pending = FALSE]
        cancelled == Post(gone, Cqe(p.userData, Err("ECANCELED"), 0))
        hard == Issue(w, cancelled, p.linked)
    IN  IF p.cancelled /\ p.hardlink THEN [hard.w EXCEPT !.files[x] = hard.r]
        ELSE IF p.cancelled THEN [w EXCEPT !.files[x] = FailRest(cancelled, p.linked)]
        ELSE IF p.file \notin DOMAIN w.files THEN [w EXCEPT !.files[x] = idle]
        ELSE IF m = {} THEN [fp.w EXCEPT !.files[x] = idle]
        ELSE IF p.multishot THEN [fp.w EXCEPT !.files[x] = Post(idle, Cqe(p.userData, SumBits(m), CqeFMore))]
        ELSE LET y == Issue(fp.w, Post(gone, Cqe(p.userData, SumBits(m), 0)), p.linked)
             IN  [y.w EXCEPT !.files[x] = y.r]

\* kernel: eventfd_signal: the counter goes up by 1 and wakes with EPOLLIN.
EventfdSignal(w, e) == Wake([w EXCEPT !.files[e].count = @ + 1], e, {"IN"})

\* Ring x commits: its registered eventfd is signalled once if the CQ tail moved since before
\* (io_uring/eventfd.c io_eventfd_flush_signal; a CQE that only overflowed posts none).
CommitRing(w, x, before) ==
    LET e == w.files[x].evfd IN
    IF Len(w.files[x].cq) > Len(before.cq) /\ Live(w, e, "EventFd") THEN EventfdSignal(w, e) ELSE w

RECURSIVE CommitAll(_, _, _)
CommitAll(w, xs, w0) ==
    IF xs = <<>> THEN w
    ELSE LET x == Head(xs) IN
         CommitAll(IF Live(w, x, "IoUring") THEN CommitRing(w, x, w0.files[x]) ELSE w, Tail(xs), w0)

\* kernel: task_work_run: until no poll is pending, the first one (rings in name order) runs.
RECURSIVE RunAll(_)
RunAll(w) ==
    LET due == SelectSeq(RingIds(w), LAMBDA x : Pending(w, x))
    IN  IF due = <<>> THEN w ELSE RunAll(RunFirst(w, Head(due)))

\* The task work, then one commit per ring for the whole run.
TaskWork(w) == CommitAll(RunAll(w), RingIds(w), w)

\* Hidden, due at once: the task work of every pending poll runs (ret and out stay).
IoUringPollTaskWork ==
    /\ TaskWorkDue
    /\ LET w == TaskWork(World) IN files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive
    /\ UNCHANGED <<numbers, fds, ret, out, blocking, fasync, owner, sigio>>

IoUringTaskWork == IoUringPollTaskWork

\* kernel: io_uring_enter: a file that is not a ring (!io_is_uring_fops).
IoUringEnterEopnotsupp(fd) == FileOf(fd) # None /\ ~Is(FileOf(fd), "IoUring") /\ Fail("EOPNOTSUPP")

\* kernel: io_uring_enter: submit, then with GETEVENTS io_cqring_wait: run the task work, flush,
\* done once min(min_complete, cq_entries) CQEs are in the ring. The SQ holds at most sqEntries.
\* Returns the count submitted, or the wait's 0 when nothing was.
IoUringEnterOk(fd, sqes, minComplete, getevents) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "IoUring") /\ Len(sqes) <= files[f].sqEntries
    /\ LET s  == Submit(World, files[f], sqes)
           w1 == CommitRing([s.w EXCEPT !.files[f] = s.r], f, files[f])
           w2 == IF getevents THEN TaskWork(w1) ELSE w1
           w3 == IF getevents THEN CommitRing([w2 EXCEPT !.files[f] = Flush(@)], f, w2.files[f]) ELSE w2
       IN  /\ ~getevents \/ Len(w3.files[f].cq) >= Min(minComplete, w3.files[f].cqEntries)
           /\ Commit(w3, Len(sqes), NoCopy)

IoUringEnter(fd, sqes, minComplete, getevents) ==
    \/ Ebadf(FileOf(fd) = None, Main)
    \/ IoUringEnterEopnotsupp(fd)
    \/ IoUringEnterOk(fd, sqes, minComplete, getevents)

=============================================================================
