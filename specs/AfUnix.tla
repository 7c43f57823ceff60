------------------------------ MODULE AfUnix -------------------------------
(***************************************************************************)
(* net/unix/af_unix.c: AF_UNIX stream socketpairs (AfUnix in Java).  Each  *)
(* write is one skb on the peer's receive queue, charged to the sender's   *)
(* sk_wmem_alloc (wmem) at the truesize the trace recorded until the       *)
(* reader frees it (sock_wfree -> UnixWriteSpace).  Their wake-ups with a  *)
(* signal go through SockWake.                                             *)
(***************************************************************************)
EXTENDS Fasync

\* sndbuf: sk_sndbuf (net.core.wmem_default, then SO_SNDBUF); wmem: the truesize of this end's skbs
\* not yet freed; truesize: what each skb it sends is charged, as the trace recorded it (0: not
\* recorded, nothing charged); nospace: SOCKWQ_ASYNC_NOSPACE.
UnixFile(p, sndbuf, truesize) ==
    [kind |-> "UnixStream", peer |-> p, rcvQueue |-> <<>>, shutdown |-> 0, err |-> FALSE,
     sndbuf |-> sndbuf, wmem |-> 0, truesize |-> truesize, nospace |-> FALSE]

\* man: socketpair(2): fresh names only; without SOCK_NONBLOCK a read of an empty end sleeps.
SocketpairFds(a, an, b, bn, sndbuf, truesize) ==
    <<[id |-> a, number |-> an, file |-> UnixFile(b, sndbuf, truesize)],
      [id |-> b, number |-> bn, file |-> UnixFile(a, sndbuf, truesize)]>>
SocketpairOk(a, an, b, bn, nonblock, sndbuf, truesize) ==
    LET nf == SocketpairFds(a, an, b, bn, sndbuf, truesize)
    IN  CanCreate(numbers, nf) /\ NumbersFree(nf) /\ Become(Created(nf, ~nonblock))

Socketpair(a, an, b, bn, nonblock, sndbuf, truesize) == SocketpairOk(a, an, b, bn, nonblock, sndbuf, truesize)

\* kernel: unix_writable: (refcount_read(&sk->sk_wmem_alloc) << 2) <= sk_sndbuf; the refcount is
\* wmem plus sk_alloc's reference, plus one more while sock_wfree calls sk_write_space (refs 1 or 2).
UnixWritable(u, refs) == (u.wmem + refs) * 4 <= u.sndbuf

\* kernel: unix_poll (writable per unix_writable; it sets no SOCKWQ_ASYNC_NOSPACE)
UnixPoll(u) ==
    (IF u.err THEN {"ERR"} ELSE {}) \cup (IF u.shutdown = 3 THEN {"HUP"} ELSE {})
    \cup (IF RcvShut(u.shutdown) THEN {"RDHUP", "IN", "RDNORM"} ELSE {})
    \cup (IF u.rcvQueue # <<>> THEN {"IN", "RDNORM"} ELSE {})
    \cup (IF UnixWritable(u, 1) THEN {"OUT", "WRNORM", "WRBAND"} ELSE {})

\* kernel: unix_write_space: when unix_writable, the wake-up with EPOLLOUT, then
\* sk_wake_async(SOCK_WAKE_SPACE, POLL_OUT): net/socket.c sock_wake_async, reached only for a socket
\* with SOCK_FASYNC (sk_wake_async_rcu), signals only if test_and_clear_bit(SOCKWQ_ASYNC_NOSPACE).
UnixWriteSpace(w, f, refs) ==
    IF ~UnixWritable(w.files[f], refs) THEN w
    ELSE LET w1 == Wake(w, f, {"OUT", "WRNORM", "WRBAND"}) IN
         IF f \in DOMAIN fasync /\ w1.files[f].nospace
         THEN KillFasync([w1 EXCEPT !.files[f].nospace = FALSE], f, "POLL_OUT")
         ELSE w1

\* kernel: net/core/sock.c sock_wfree of k skbs f sent: each uncharges its truesize but one, calls
\* sk_write_space with that reference held, then drops it.
RECURSIVE UnixFree(_, _, _)
UnixFree(w, f, k) ==
    IF k = 0 \/ ~Live(w, f, "UnixStream") THEN w
    ELSE UnixFree(UnixWriteSpace([w EXCEPT !.files[f].wmem = @ - w.files[f].truesize], f, 2), f, k - 1)

\* A socket's wake-up on f with key (net/core/sock.c sock_def_readable, sock_def_wakeup), then,
\* unless reason is "", sk_wake_async(SOCK_WAKE_WAITD, reason). kernel: net/socket.c
\* sock_wake_async: no signal while a reader waits for data, unless the woken reader clears the
\* bit first (race: both outcomes, see Finish).
SockWake(w, f, key, reason) ==
    LET w1 == Wake(w, f, key) IN
    IF reason = "" THEN w1
    ELSE IF ~WaitData(w, f) THEN KillFasync(w1, f, reason)
    ELSE [w1 EXCEPT !.race = SigioFor(f, reason)]

\* No room: sock_alloc_send_pskb sends while sk_wmem_alloc_get(sk) < sk_sndbuf.
UnixNoRoom(u) == u.wmem >= u.sndbuf

\* kernel: unix_stream_sendmsg, as a function of the world w: [w, ret]. EPIPE when this side is
\* shut for sending (pipe_err); then sock_alloc_send_pskb: no room sets SOCKWQ_ASYNC_NOSPACE (sk_set_bit:
\* only for a socket with SOCK_FASYNC, include/net/sock.h) and fails EAGAIN (a blocking send would sleep: not modelled); then EPIPE when the peer is shut for
\* receiving; else one skb, charged to f; sk_data_ready -> sock_def_readable: the wake-up, then
\* sk_wake_async(SOCK_WAKE_WAITD, POLL_IN). io_uring's WRITE writes through it too.
UnixSendOut(w, f, n) ==
    LET p == w.files[f].peer IN
    IF SendShut(w.files[f].shutdown) THEN [w |-> w, ret |-> Err("EPIPE")]
    ELSE IF UnixNoRoom(w.files[f]) THEN [w |-> [w EXCEPT !.files[f].nospace = @ \/ f \in DOMAIN fasync], ret |-> Err("EAGAIN")]
    ELSE IF ~Live(w, p, "UnixStream") \/ RcvShut(w.files[p].shutdown) THEN [w |-> w, ret |-> Err("EPIPE")]
    ELSE [w |-> SockWake([w EXCEPT !.files[p].rcvQueue = Append(@, n), !.files[f].wmem = @ + w.files[f].truesize],
                         p, {"IN", "PRI", "RDNORM", "RDBAND"}, "POLL_IN"),
          ret |-> n]

WriteUnix(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "UnixStream") /\ ~SendShut(files[f].shutdown) /\ ~UnixNoRoom(files[f])
    /\ LET p == files[f].peer IN
       /\ Live(World, p, "UnixStream") /\ ~RcvShut(files[p].shutdown)
       /\ Commit(UnixSendOut(World, f, n).w, n, NoCopy)

\* A non-blocking send with no room: EAGAIN, and SOCKWQ_ASYNC_NOSPACE set.
WriteUnixEagain(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "UnixStream") /\ ~SendShut(files[f].shutdown) /\ UnixNoRoom(files[f]) /\ f \notin blocking
    /\ Commit(UnixSendOut(World, f, n).w, Err("EAGAIN"), NoCopy)

\* kernel: unix_stream_sendmsg: EPIPE when this side is shut for sending (pipe_err), or, with room,
\* the peer for receiving.
unix_stream_sendmsg(fd, n) ==
    LET f == FileOf(fd) IN
    \/ IoEpipe(/\ Is(f, "UnixStream")
               /\ \/ SendShut(files[f].shutdown)
                  \/ ~UnixNoRoom(files[f]) /\ ~Live(World, files[f].peer, "UnixStream")
                  \/ ~UnixNoRoom(files[f]) /\ Live(World, files[f].peer, "UnixStream")
                     /\ RcvShut(files[files[f].peer].shutdown))
    \/ WriteUnixEagain(fd, n)
    \/ WriteUnix(fd, n)

\* kernel: net/core/sock.c sk_setsockopt SO_SNDBUF: the value as a u32 at most net.core.wmem_max
\* (negative values are large), at most INT_MAX / 2, doubled, at least SOCK_MIN_SNDBUF
\* (__sock_set_sndbuf); then sk_write_space. wmemMax and sndbufMin as the trace recorded them.
SndbufOf(val, wmemMax, sndbufMin) ==
    LET v == IF val < 0 \/ val > wmemMax THEN wmemMax ELSE val
        h == IF v > 1073741823 THEN 1073741823 ELSE v
    IN  IF h * 2 > sndbufMin THEN h * 2 ELSE sndbufMin

SetsockoptSndbuf(fd, val, wmemMax, sndbufMin) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "UnixStream")
    /\ Commit(UnixWriteSpace([World EXCEPT !.files[f].sndbuf = SndbufOf(val, wmemMax, sndbufMin)], f, 1), 0, NoCopy)

\* kernel: sk_getsockopt SO_SNDBUF: sk_sndbuf copied out.
GetsockoptSndbuf(fd) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "UnixStream") /\ Commit(World, 0, [value |-> files[f].sndbuf])

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
\* skbs in order, and consume_skb -> sock_wfree (UnixFree) for each skb taken whole. io_uring's
\* READ and RECV read through it too.
UnixRecvOut(w, f, n) ==
    LET u == w.files[f] IN
    IF u.rcvQueue # <<>>
    THEN LET r  == Consume(u.rcvQueue, n)
             w1 == [w EXCEPT !.files[f].rcvQueue = r.q]
         IN  [w |-> UnixFree(w1, u.peer, r.consumed), ret |-> r.got]
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
\* held unread data; sk_state_change, no key, and sk_wake_async(POLL_HUP); then the unread skbs
\* are freed (skb_queue_purge: sock_wfree on the peer for each, UnixFree).
UnixRelease(w, x) ==
    IF Live(w, x.peer, "UnixStream")
    THEN UnixFree(SockWake([w EXCEPT !.files[x.peer].shutdown = 3, !.files[x.peer].err = @ \/ x.rcvQueue # <<>>],
                           x.peer, {}, "POLL_HUP"), x.peer, Len(x.rcvQueue))
    ELSE w

=============================================================================
