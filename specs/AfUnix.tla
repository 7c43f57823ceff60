------------------------------ MODULE AfUnix -------------------------------
(***************************************************************************)
(* net/unix/af_unix.c: AF_UNIX stream socketpairs (AfUnix in Java).  Each  *)
(* write is one skb on the peer's receive queue; the sender always has     *)
(* room (little wmem in use).  Their wake-ups with a signal go through     *)
(* SockWake.                                                               *)
(***************************************************************************)
EXTENDS Fasync

UnixFile(p) == [kind |-> "UnixStream", peer |-> p, rcvQueue |-> <<>>, shutdown |-> 0, err |-> FALSE]

\* man: socketpair(2): fresh names only; without SOCK_NONBLOCK a read of an empty end sleeps.
SocketpairFds(a, an, b, bn) ==
    <<[id |-> a, number |-> an, file |-> UnixFile(b)], [id |-> b, number |-> bn, file |-> UnixFile(a)]>>
SocketpairOk(a, an, b, bn, nonblock) ==
    LET nf == SocketpairFds(a, an, b, bn) IN CanCreate(numbers, nf) /\ NumbersFree(nf) /\ Become(Created(nf, ~nonblock))

Socketpair(a, an, b, bn, nonblock) == SocketpairOk(a, an, b, bn, nonblock)

\* kernel: unix_poll (always writable here)
UnixPoll(u) ==
    (IF u.err THEN {"ERR"} ELSE {}) \cup (IF u.shutdown = 3 THEN {"HUP"} ELSE {})
    \cup (IF RcvShut(u.shutdown) THEN {"RDHUP", "IN", "RDNORM"} ELSE {})
    \cup (IF u.rcvQueue # <<>> THEN {"IN", "RDNORM"} ELSE {}) \cup {"OUT", "WRNORM", "WRBAND"}

\* A socket's wake-up on f with key (net/core/sock.c sock_def_readable, sock_def_wakeup), then,
\* unless reason is "", sk_wake_async(SOCK_WAKE_WAITD, reason). kernel: net/socket.c
\* sock_wake_async: no signal while a reader waits for data, unless the woken reader clears the
\* bit first (race: both outcomes, see Finish).
SockWake(w, f, key, reason) ==
    LET w1 == Wake(w, f, key) IN
    IF reason = "" THEN w1
    ELSE IF ~WaitData(w, f) THEN KillFasync(w1, f, reason)
    ELSE [w1 EXCEPT !.race = SigioFor(f, reason)]

\* kernel: unix_stream_sendmsg, as a function of the world w: [w, ret]. EPIPE once either side
\* shut this direction (pipe_err); else one skb; sk_data_ready -> sock_def_readable: the wake-up,
\* then sk_wake_async(SOCK_WAKE_WAITD, POLL_IN). io_uring's WRITE writes through it too.
UnixSendOut(w, f, n) ==
    LET p == w.files[f].peer IN
    IF SendShut(w.files[f].shutdown) \/ ~Live(w, p, "UnixStream") \/ RcvShut(w.files[p].shutdown)
    THEN [w |-> w, ret |-> Err("EPIPE")]
    ELSE [w |-> SockWake([w EXCEPT !.files[p].rcvQueue = Append(@, n)], p, {"IN", "PRI", "RDNORM", "RDBAND"}, "POLL_IN"),
          ret |-> n]

WriteUnix(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "UnixStream") /\ ~SendShut(files[f].shutdown)
    /\ LET p == files[f].peer IN
       /\ Live(World, p, "UnixStream") /\ ~RcvShut(files[p].shutdown)
       /\ Commit(UnixSendOut(World, f, n).w, n, NoCopy)

\* kernel: unix_stream_sendmsg: EPIPE once either side shut this direction (pipe_err).
unix_stream_sendmsg(fd, n) ==
    LET f == FileOf(fd) IN
    \/ IoEpipe(/\ Is(f, "UnixStream")
               /\ \/ SendShut(files[f].shutdown)
                  \/ ~Live(World, files[f].peer, "UnixStream")
                  \/ Live(World, files[f].peer, "UnixStream") /\ RcvShut(files[files[f].peer].shutdown))
    \/ WriteUnix(fd, n)

\* Unread skbs, oldest first: what a read of left bytes takes.
RECURSIVE Consume(_, _)
Consume(q, left) ==
    IF q = <<>> \/ left <= 0 THEN [q |-> q, got |-> 0, consumed |-> 0]
    ELSE IF left >= Head(q)
         THEN LET r == Consume(Tail(q), left - Head(q))
              IN  [q |-> r.q, got |-> r.got + Head(q), consumed |-> r.consumed + 1]
         ELSE [q |-> <<Head(q) - left>> \o Tail(q), got |-> left, consumed |-> 0]

\* kernel: unix_stream_read_generic, as a function of the world w: [w, ret]. With an empty queue:
\* sock_error first (ECONNRESET, once), then RCV_SHUTDOWN (0), then EAGAIN; else whole and partial
\* skbs in order, and consume_skb -> sock_wfree -> unix_write_space wakes the sender once per skb
\* freed. io_uring's READ and RECV read through it too.
UnixRecvOut(w, f, n) ==
    LET u == w.files[f] IN
    IF u.rcvQueue # <<>>
    THEN LET r  == Consume(u.rcvQueue, n)
             w1 == [w EXCEPT !.files[f].rcvQueue = r.q]
         IN  [w |-> IF u.peer \in DOMAIN w1.files THEN WakeTimes(w1, u.peer, {"OUT", "WRNORM", "WRBAND"}, r.consumed) ELSE w1,
              ret |-> r.got]
    ELSE IF u.err THEN [w |-> [w EXCEPT !.files[f].err = FALSE], ret |-> Err("ECONNRESET")]
    ELSE IF RcvShut(u.shutdown) THEN [w |-> w, ret |-> 0]
    ELSE [w |-> w, ret |-> Err("EAGAIN")]

UnixRecvDone(by, f, n) == Finish(by, UnixRecvOut(World, f, n).w, UnixRecvOut(World, f, n).ret, NoCopy)

ReadUnix(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "UnixStream") /\ files[f].rcvQueue # <<>>
    /\ UnixRecvDone(by, f, n)

ReadUnixReset(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "UnixStream") /\ files[f].rcvQueue = <<>> /\ files[f].err
    /\ UnixRecvDone(by, f, n)

ReadUnixEof(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "UnixStream") /\ files[f].rcvQueue = <<>> /\ ~files[f].err /\ RcvShut(files[f].shutdown)
    /\ UnixRecvDone(by, f, n)

\* kernel: unix_stream_read_generic sleeps in unix_stream_data_wait with no data, error or shutdown.
UnixWouldSleep(f) ==
    f \in blocking /\ files[f].rcvQueue = <<>> /\ ~files[f].err /\ ~RcvShut(files[f].shutdown)

\* Nothing to read on a non-blocking socket (a blocking reader sleeps instead: TaskSleeps).
ReadUnixEagain(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "UnixStream") /\ files[f].rcvQueue = <<>> /\ ~files[f].err
    /\ ~RcvShut(files[f].shutdown) /\ f \notin blocking
    /\ UnixRecvDone(by, f, n)

\* kernel: unix_stream_read_generic: with an empty queue, sock_error first, then RCV_SHUTDOWN,
\* then EAGAIN.
unix_stream_recvmsg(fd, n, by) ==
    \/ ReadUnixReset(fd, n, by)
    \/ ReadUnixEof(fd, n, by)
    \/ ReadUnixEagain(fd, n, by)
    \/ ReadUnix(fd, n, by)

\* kernel: unix_shutdown: this side and the peer's mirror bits, each woken without key.
\* how: SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2; mode = how + 1.
ShutdownUnix(fd, how) ==
    LET f    == FileOf(fd)
        mode == how + 1
    IN
    /\ Is(f, "UnixStream")
    /\ LET w1 == Wake([World EXCEPT !.files[f].shutdown = Or(@, mode)], f, {})
           p  == files[f].peer
           pm == (IF RcvShut(mode) THEN 2 ELSE 0) + (IF SendShut(mode) THEN 1 ELSE 0)
       \* only the peer that lost its receive side gets sk_wake_async: POLL_HUP when it is shut
       \* both ways by this call (pm = SHUTDOWN_MASK), else POLL_IN
       IN  Commit(IF ~Live(w1, p, "UnixStream") THEN w1
                  ELSE SockWake([w1 EXCEPT !.files[p].shutdown = Or(@, pm)], p, {},
                                IF pm = 3 THEN "POLL_HUP" ELSE IF RcvShut(pm) THEN "POLL_IN" ELSE ""),
                  0, NoCopy)

\* kernel: unix_release_sock: the peer gets SHUTDOWN_MASK, and ECONNRESET if this end still
\* held unread data; sk_state_change, no key, and sk_wake_async(POLL_HUP)
UnixRelease(w, x) ==
    IF Live(w, x.peer, "UnixStream")
    THEN SockWake([w EXCEPT !.files[x.peer].shutdown = 3, !.files[x.peer].err = @ \/ x.rcvQueue # <<>>],
                  x.peer, {}, "POLL_HUP")
    ELSE w

=============================================================================
