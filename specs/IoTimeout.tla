------------------------------ MODULE IoTimeout ------------------------------
(***************************************************************************)
(* io_uring/timeout.c (IoTimeout in Java): IORING_OP_LINK_TIMEOUT behind  *)
(* a POLL_ADD.  While its head waits, the armed timer is the LINK_TIMEOUT *)
(* SQE at the head of the poll's chain (linked); once it fired or was     *)
(* disarmed it is a request of op LINK_TIMEOUT in the ring's polls with   *)
(* its task work queued: no file and no events (link timeouts sit on     *)
(* ctx->ltimeout_list, which no cancel searches), len its head's          *)
(* user_data.  The timer firing is a hidden step, IoLinkTimeoutFn: the    *)
(* model has no clock, and a trace module holds it back until its time.   *)
(***************************************************************************)
EXTENDS SelectPoll, PollBits, FileTable

\* kernel: io_disarm_next: the head completed, the timer is cancelled (__io_disarm_linked_timeout,
\* or the REQ_F_ARM_LTIMEOUT branch when it was never armed) and io_req_queue_tw_complete(link,
\* -ECANCELED) queues the timeout's task work behind any queued before. (Java: IoTimeout.disarm)
Disarm(r, q) ==
    [r EXCEPT !.polls = Append(@, [userData |-> q.userData, file |-> "", events |-> {}, multishot |-> FALSE,
                                   pending |-> TRUE, cancelled |-> TRUE, linked |-> <<>>, hardlink |-> FALSE,
                                   op |-> "LINK_TIMEOUT", len |-> 0])]

\* Poll request p holds the armed LINK_TIMEOUT u at the head of its chain.
HoldsTimer(p, u) == p.linked # <<>> /\ p.linked[1].op = "LINK_TIMEOUT" /\ p.linked[1].userData = u

\* Ring r has a LINK_TIMEOUT u armed. (One whose task work is queued needs no look: while it is,
\* no call is a step.)
TimerOf(r, u) == \E i \in 1..Len(r.polls) : HoldsTimer(r.polls[i], u)

\* Whether the model knows what the LINK_TIMEOUTs among the SQEs do: each is the second and last
\* member of a chain whose head is a valid POLL_ADD with IOSQE_IO_LINK (not HARDLINK), and no timer
\* with its user_data is armed on the ring or among the SQEs (the hidden step names a timer by it). The
\* prep errors (__io_timeout_prep) and timeouts behind other opcodes are not modelled.
\* (Java: IoTimeout.modelled)
TimeoutModelled(r, all) ==
    \A i \in 1..Len(all) : all[i].op = "LINK_TIMEOUT" =>
        /\ i > 1 /\ all[i - 1].op = "POLL_ADD" /\ all[i - 1].len = 0 /\ all[i - 1].link /\ ~all[i - 1].hardlink
        /\ (i > 2 => ~all[i - 2].link) /\ ~all[i].link /\ ~TimerOf(r, all[i].userData)
        /\ \A j \in 1..Len(all) : j # i /\ all[j].op = "LINK_TIMEOUT" => all[j].userData # all[i].userData

\* The rings, in Java's String order, whose polls hold the armed timer u.
RingsHolding(u) ==
    SelectSeq(NameOrder, LAMBDA n : n \in DOMAIN files /\ files[n].kind = "IoUring"
                                    /\ \E i \in 1..Len(files[n].polls) : HoldsTimer(files[n].polls[i], u))

\* Hidden: kernel: io_link_timeout_fn: the timer of the LINK_TIMEOUT u fires while its head waits:
\* io_remove_next_linked takes it out of the head's chain, the head gains a reference
\* (timeout->prev), and io_req_task_link_timeout is queued as task work. The first ring in name
\* order, its first poll holding it. (Java: IoTimeout.fire)
IoLinkTimeoutFn(u) ==
    /\ ~TaskWorkDue
    /\ RingsHolding(u) # <<>>
    /\ LET x == RingsHolding(u)[1]
           r == files[x]
           i == CHOOSE j \in 1..Len(r.polls) : HoldsTimer(r.polls[j], u) /\ \A k \in 1..(j - 1) : ~HoldsTimer(r.polls[k], u)
       IN  files' = [files EXCEPT ![x].polls[i].linked = Tail(@),
                                  ![x].polls = Append(@, [userData |-> u, file |-> "", events |-> {}, multishot |-> FALSE,
                                                          pending |-> TRUE, cancelled |-> FALSE, linked |-> <<>>,
                                                          hardlink |-> FALSE, op |-> "LINK_TIMEOUT", len |-> r.polls[i].userData])]
    /\ UNCHANGED <<numbers, fds, ret, out, tasks, exclusive, blocking, fasync, owner, sigio>>

IoLinkTimeout(u) == IoLinkTimeoutFn(u)
=============================================================================
