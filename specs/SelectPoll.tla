----------------------------- MODULE SelectPoll ----------------------------
(***************************************************************************)
(* fs/select.c: poll(2) and select(2) (SelectPoll in Java): the main       *)
(* task's with timeout 0; a task's check when it runs (TaskRun), after     *)
(* which it may sleep instead.  pollwake's key test is in Wait.tla.        *)
(***************************************************************************)
EXTENDS Eventpoll

\* kernel: do_sys_poll / do_pollfd: a negative fd is skipped, a closed one is POLLNVAL.
RECURSIVE PollFds(_, _, _, _)
PollFds(w, ps, count, o) ==
    IF ps = <<>> THEN [w |-> w, count |-> count, out |-> o]
    ELSE LET p == Head(ps)
             f == FileOf(p.fd)
             r == IF f = None THEN [w |-> w, m |-> {"NVAL"}] ELSE FilePoll(w, f)
             m == IF f = None THEN {"NVAL"} ELSE r.m \cap (p.events \cup {"ERR", "HUP"})
         IN  IF p.fd = None THEN PollFds(w, Tail(ps), count, o)
             ELSE IF m = {} THEN PollFds(r.w, Tail(ps), count, o)
             ELSE PollFds(r.w, Tail(ps), count + 1, Append(o, [fd |-> p.fd, revents |-> m]))

\* The fds of a select in number order.
RECURSIVE ByNumber(_)
ByNumber(S) == IF S = {} THEN <<>>
               ELSE LET m == CHOOSE x \in S : \A y \in S : numbers[x] <= numbers[y]
                    IN  <<m>> \o ByNumber(S \ {m})

RECURSIVE SelectScan(_, _, _, _, _, _)
SelectScan(w, order, rd, wr, ex, sets) ==
    IF order = <<>> THEN [w |-> w, rd |-> sets[1], wr |-> sets[2], ex |-> sets[3]]
    ELSE LET fd == Head(order)
             r  == FilePoll(w, FileOf(fd))
             s1 == IF fd \in rd /\ r.m \cap InSet # {} THEN sets[1] \cup {fd} ELSE sets[1]
             s2 == IF fd \in wr /\ r.m \cap OutSet # {} THEN sets[2] \cup {fd} ELSE sets[2]
             s3 == IF fd \in ex /\ r.m \cap ExSet # {} THEN sets[3] \cup {fd} ELSE sets[3]
         IN  SelectScan(r.w, Tail(order), rd, wr, ex, <<s1, s2, s3>>)

\* kernel: do_select over the fds in range: [w, count, out]; the result counts bits.
SelectResult(w, nfds, rd, wr, ex) ==
    LET r == SelectScan(w, ByNumber(InRange(nfds, rd, wr, ex)), rd, wr, ex, <<{}, {}, {}>>) IN
    [w |-> r.w, count |-> Cardinality(r.rd) + Cardinality(r.wr) + Cardinality(r.ex),
     out |-> [rd |-> r.rd, wr |-> r.wr, ex |-> r.ex]]

\* kernel: do_sys_poll / do_pollfd (PollFds)
PollOk(pfds, by) ==
    /\ Runs(by)
    /\ LET r == PollFds(World, pfds, 0, <<>>) IN Finish(by, r.w, r.count, [revents |-> r.out])

Poll(pfds, by) == PollOk(pfds, by)

SelectEinval(nfds, rd, wr, ex, by) == Runs(by) /\ nfds < 0 /\ FailBy(by, "EINVAL")

\* kernel: core_sys_select / do_select (SelectResult)
SelectOk(nfds, rd, wr, ex, by) ==
    /\ Runs(by) /\ nfds >= 0 /\ \A f \in InRange(nfds, rd, wr, ex) : FileOf(f) # None
    /\ LET r == SelectResult(World, nfds, rd, wr, ex) IN Finish(by, r.w, r.count, r.out)

\* core_sys_select: EINVAL for nfds < 0; max_select_fd: EBADF for a set bit of a closed fd.
Select(nfds, rd, wr, ex, by) ==
    \/ SelectEinval(nfds, rd, wr, ex, by)
    \/ Ebadf(nfds >= 0 /\ \E f \in InRange(nfds, rd, wr, ex) : FileOf(f) = None, by)
    \/ SelectOk(nfds, rd, wr, ex, by)

=============================================================================
