---------------------------- MODULE EventfdFile ----------------------------
(***************************************************************************)
(* fs/eventfd.c: an eventfd's 64-bit counter (EventfdFile in Java: the     *)
(* syscall's record is Eventfd).  ULLONG_MAX is the constant UMax (TLC's   *)
(* integers are 32-bit).                                                   *)
(***************************************************************************)
EXTENDS Wait

\* man: eventfd(2): fresh names only; without EFD_NONBLOCK a read of a zero counter sleeps.
EventfdFds(name, number, initval, semaphore) ==
    <<[id |-> name, number |-> number, file |-> [kind |-> "EventFd", count |-> initval, semaphore |-> semaphore]]>>
EventfdOk(name, number, initval, semaphore, nonblock) ==
    LET nf == EventfdFds(name, number, initval, semaphore)
    IN  CanCreate(numbers, nf) /\ NumbersFree(nf) /\ Become(Created(nf, ~nonblock))

Eventfd(name, number, initval, semaphore, nonblock) == EventfdOk(name, number, initval, semaphore, nonblock)

\* kernel: eventfd_poll
EventfdPoll(e) ==
    (IF e.count # 0 THEN {"IN"} ELSE {}) \cup (IF e.count = UMax THEN {"ERR"} ELSE {})
    \cup (IF UMax - 1 > e.count THEN {"OUT"} ELSE {})

\* kernel: eventfd_write: waitqueue_active -> wake_up_locked_poll(EPOLLIN)
WriteEventfd(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "EventFd") /\ n # UMax /\ UMax - files[f].count > n
    /\ Commit(Wake([World EXCEPT !.files[f].count = @ + n], f, {"IN"}), 8, NoCopy)

\* A non-blocking eventfd that would wait: a read at 0 (eventfd_read_iter), a write whose sum
\* would reach ULLONG_MAX (eventfd_write).
EventfdEagain(bad, by) == Runs(by) /\ bad /\ FailBy(by, "EAGAIN")

\* kernel: eventfd_write: EINVAL for ULLONG_MAX; EAGAIN when the sum would reach it (O_NONBLOCK).
eventfd_write(fd, n) ==
    LET f == FileOf(fd) IN
    \/ IoEinval(Is(f, "EventFd") /\ n = UMax, Main)
    \/ EventfdEagain(Is(f, "EventFd") /\ n # UMax /\ UMax - files[f].count <= n, Main)
    \/ WriteEventfd(fd, n)

\* kernel: eventfd_read_iter -> wake_up_locked_poll(EPOLLOUT)
ReadEventfd(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "EventFd") /\ n >= 8 /\ files[f].count # 0
    /\ LET v == IF files[f].semaphore THEN 1 ELSE files[f].count IN
       Finish(by, Wake([World EXCEPT !.files[f].count = @ - v], f, {"OUT"}), 8, [value |-> v])

\* kernel: eventfd_read_iter sleeps while the counter is 0 (8-byte reads only).
EventfdWouldSleep(f, n) == f \in blocking /\ files[f].count = 0 /\ n >= 8

\* kernel: eventfd_read_iter: EINVAL under 8 bytes, EAGAIN at 0 (a blocking reader sleeps instead).
eventfd_read(fd, n, by) ==
    LET f == FileOf(fd) IN
    \/ IoEinval(Is(f, "EventFd") /\ n < 8, by)
    \/ EventfdEagain(Is(f, "EventFd") /\ n >= 8 /\ files[f].count = 0 /\ f \notin blocking, by)
    \/ ReadEventfd(fd, n, by)

=============================================================================
