------------------------------- MODULE IoPoll -------------------------------
(***************************************************************************)
(* io_uring/poll.c and io_uring/cancel.c (IoPoll in Java), and             *)
(* io_uring_enter (io_uring/io_uring.c; IoUring.enter in Java), which sits *)
(* here because it issues every opcode and POLL_ADD polls files           *)
(* (FilePoll, SelectPoll.tla and below).  The SQEs a call submits are its  *)
(* argument sqes, records [op, userData, fd, events, multishot, target]    *)
(* (SqeType).  A poll request is [userData, file, events, multishot,       *)
(* pending, cancelled]: pending, its task work is queued (a wake-up        *)
(* reached it, PollWake; or a multishot poll found its file ready when     *)
(* armed); cancelled, ASYNC_CANCEL took it.  The task work runs before the *)
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

\* kernel: io_poll_add -> __io_arm_poll_handler: the file is polled at once; a one-shot request
\* that finds it ready completes inline with the mask; a multishot one is armed with its task work
\* queued (it posts with F_MORE); else it waits on the file's queue. A bad fd: -EBADF.
PollAdd(w, r, q) ==
    LET f == FileOf(q.fd)
        ev == q.events \cup Unmask
        p == FilePoll(w, f)
        m == p.m \cap ev
    IN  IF f = None THEN [w |-> w, r |-> Post(r, Cqe(q.userData, Err("EBADF"), 0))]
        ELSE IF m # {} /\ ~q.multishot THEN [w |-> p.w, r |-> Post(r, Cqe(q.userData, SumBits(m), 0))]
        ELSE [w |-> p.w, r |-> [r EXCEPT !.polls = Append(@, [userData |-> q.userData, file |-> f, events |-> ev,
                                    multishot |-> q.multishot, pending |-> m # {}, cancelled |-> FALSE])]]

\* kernel: io_async_cancel -> io_poll_cancel: the first armed poll with that user_data is taken
\* and its task work posts -ECANCELED; the cancel completes with 0, or -ENOENT.
PollCancel(r, q) ==
    LET is == {i \in 1..Len(r.polls) : r.polls[i].userData = q.target /\ ~r.polls[i].cancelled}
    IN  IF is = {} THEN Post(r, Cqe(q.userData, Err("ENOENT"), 0))
        ELSE LET i == CHOOSE j \in is : \A k \in is : j <= k
             IN  Post([r EXCEPT !.polls[i].pending = TRUE, !.polls[i].cancelled = TRUE], Cqe(q.userData, 0, 0))

\* kernel: io_submit_sqes: the SQEs in order (io_nop: res 0).
RECURSIVE Submit(_, _, _)
Submit(w, r, sqes) ==
    IF sqes = <<>> THEN [w |-> w, r |-> r]
    ELSE LET q == Head(sqes)
             x == CASE q.op = "POLL_ADD"     -> PollAdd(w, r, q)
                    [] q.op = "ASYNC_CANCEL" -> [w |-> w, r |-> PollCancel(r, q)]
                    [] OTHER                 -> [w |-> w, r |-> Post(r, Cqe(q.userData, 0, 0))]
         IN  Submit(x.w, x.r, Tail(sqes))

\* kernel: io_poll_task_func -> io_poll_check_events: each pending poll of ring x, oldest first,
\* polls its file again: a cancelled one posts -ECANCELED and goes; a mask of 0 leaves it armed;
\* else a one-shot poll posts the mask and goes, a multishot one posts it with F_MORE and stays.
RECURSIVE PollWork(_, _, _, _)
PollWork(w, x, ps, kept) ==
    IF ps = <<>> THEN [w EXCEPT !.files[x].polls = kept]
    ELSE LET p == Head(ps)
             done(w1, c) == PollWork([w1 EXCEPT !.files[x] = Post(@, c)], x, Tail(ps), kept)
             keep(w1, q) == PollWork(w1, x, Tail(ps), Append(kept, q))
             more(w1, c, q) == PollWork([w1 EXCEPT !.files[x] = Post(@, c)], x, Tail(ps), Append(kept, q))
         IN  IF ~p.pending THEN keep(w, p)
             ELSE IF p.cancelled THEN done(w, Cqe(p.userData, Err("ECANCELED"), 0))
             ELSE IF p.file \notin DOMAIN w.files THEN keep(w, [p EXCEPT !.pending = FALSE])
             ELSE LET fp == FilePoll(w, p.file)
                      m == fp.m \cap p.events
                  IN  IF m = {} THEN keep(fp.w, [p EXCEPT !.pending = FALSE])
                      ELSE IF p.multishot THEN more(fp.w, Cqe(p.userData, SumBits(m), CqeFMore), [p EXCEPT !.pending = FALSE])
                      ELSE done(fp.w, Cqe(p.userData, SumBits(m), 0))

RECURSIVE RunTaskWork(_, _)
RunTaskWork(w, rs) == IF rs = <<>> THEN w ELSE RunTaskWork(PollWork(w, Head(rs), w.files[Head(rs)].polls, <<>>), Tail(rs))

\* The rings' file ids in Java's String order.
RingIds(w) == SelectSeq(NameOrder, LAMBDA n : n \in DOMAIN w.files /\ w.files[n].kind = "IoUring")

TaskWork(w) == RunTaskWork(w, RingIds(w))

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
           w1 == [s.w EXCEPT !.files[f] = s.r]
           w2 == IF getevents THEN TaskWork(w1) ELSE w1
           w3 == IF getevents THEN [w2 EXCEPT !.files[f] = Flush(@)] ELSE w2
       IN  /\ ~getevents \/ Len(w3.files[f].cq) >= Min(minComplete, w3.files[f].cqEntries)
           /\ Commit(w3, Len(sqes), NoCopy)

IoUringEnter(fd, sqes, minComplete, getevents) ==
    \/ Ebadf(FileOf(fd) = None, Main)
    \/ IoUringEnterEopnotsupp(fd)
    \/ IoUringEnterOk(fd, sqes, minComplete, getevents)

=============================================================================
