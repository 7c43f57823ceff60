---------------------------- MODULE TcpLoopback ----------------------------
(***************************************************************************)
(* TCP sockets on loopback, as far as readiness needs them (TcpLoopback in *)
(* Java; net/ipv4/tcp.c, af_inet.c, inet_connection_sock.c, tcp_input.c).  *)
(* Every socket is non-blocking until F_SETFL takes O_NONBLOCK off a       *)
(* connected one (a task's read then sleeps in sk_wait_data); connect      *)
(* completes the handshake inside the call; every segment is processed    *)
(* before the sending call returns; TIME_WAIT, LAST_ACK and                *)
(* retransmissions are not modelled.  Signal-driven I/O: each arrival asks *)
(* sk_wake_async for its signal (SockWakeAsync, Fasync.tla).               *)
(***************************************************************************)
EXTENDS Fasync, TcpPollMask, InetCskAccept

\* urg: an urgent byte arrived and is unread (tp->urg_data TCP_URG_VALID): out of band, so not in
\* rcvBytes; a read of the socket is not modelled while it is there.
TcpFile(st, p, q) == [kind |-> "TcpSock", state |-> st, peer |-> p, rcvBytes |-> 0, shutdown |-> 0,
                      err |-> "", acceptQueue |-> q, urg |-> FALSE]

\* kernel: tcp_poll; a listener: inet_csk_listen_poll (one home: TcpPollMask.tla)
TcpPoll(t) ==
    IF t.state = "LISTEN" THEN TcpListenerPoll(t.acceptQueue = <<>>)
    ELSE TcpSocketPoll(t.state = "CLOSE", t.shutdown, t.rcvBytes, t.err # "")
         \cup (IF t.urg THEN {"PRI"} ELSE {}) \* tcp_poll: urg_data & TCP_URG_VALID

\* man: socket(2) (AF_INET, SOCK_STREAM|SOCK_NONBLOCK): fresh names only
SocketFds(name, number) == <<[id |-> name, number |-> number, file |-> TcpFile("CLOSE", "", <<>>)]>>
SocketOk(name, number) ==
    LET nf == SocketFds(name, number) IN CanCreate(numbers, nf) /\ NumbersFree(nf) /\ Become(Created(nf, FALSE))

Socket(name, number) == SocketOk(name, number)

\* bind to 127.0.0.1, any port: no readiness effect.
BindOk(fd) == Is(FileOf(fd), "TcpSock") /\ Commit(World, 0, NoCopy)

\* net/socket.c __sys_bind: sockfd_lookup_light (ENOTSOCK).
Bind(fd) ==
    \/ Ebadf(FileOf(fd) = None, Main)
    \/ SockEnotsock(FileOf(fd) # None /\ files[FileOf(fd)].kind # "TcpSock")
    \/ BindOk(fd)

\* A TCP socket in the wrong state: listen of a connected socket (inet_listen), accept on one not
\* listening (inet_csk_accept; here also on any other file).
TcpSockEinval(bad) == bad /\ Fail("EINVAL")

\* A TCP socket not connected: read of a listener or a closed socket (tcp_recvmsg), shutdown
\* (inet_shutdown).
TcpSockEnotconn(bad, by) == Runs(by) /\ bad /\ FailBy(by, "ENOTCONN")

\* kernel: net/ipv4/af_inet.c inet_listen: only an unconnected socket may listen.
ListenTcp(fd, backlog) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].state \in {"CLOSE", "LISTEN"} /\ files[f].peer = ""
    /\ Commit([World EXCEPT !.files[f] = TcpFile("LISTEN", "", files[f].acceptQueue)], 0, NoCopy)

\* net/socket.c __sys_listen: sockfd_lookup_light (ENOTSOCK), then inet_listen (EINVAL).
Listen(fd, backlog) ==
    LET f == FileOf(fd) IN
    \/ Ebadf(f = None, Main)
    \/ SockEnotsock(f # None /\ files[f].kind # "TcpSock")
    \/ TcpSockEinval(Is(f, "TcpSock") /\ ~(files[f].state \in {"CLOSE", "LISTEN"} /\ files[f].peer = ""))
    \/ ListenTcp(fd, backlog)

\* A non-blocking connect to a loopback listener: the handshake completes inside the call, so it
\* returns EINPROGRESS with the client established and the child queued. kernel: tcp_finish_connect
\* -> sk_state_change (no key), then tcp_rcv_synsent_state_process's sk_wake_async(SOCK_WAKE_IO,
\* POLL_OUT); tcp_child_process -> the listener's sk_data_ready (sock_def_readable: POLL_IN).
\* Connecting anything but a fresh socket to a live listener is not modelled (no step).
ConnectTcpInProgress(fd, listener) ==
    LET f == FileOf(fd)
        l == FileOf(listener)
        child == l \o "." \o f
    IN
    /\ Is(f, "TcpSock") /\ files[f].state = "CLOSE" /\ files[f].peer = ""
    /\ Is(l, "TcpSock") /\ files[l].state = "LISTEN"
    /\ LET fs1 == [x \in DOMAIN files \cup {child} |->
                     IF x = child THEN TcpFile("ESTABLISHED", f, <<>>)
                     ELSE IF x = f THEN TcpFile("ESTABLISHED", child, <<>>)
                     ELSE IF x = l THEN TcpFile("LISTEN", "", Append(files[l].acceptQueue, child))
                     ELSE files[x]]
       IN  Commit(SockWakeAsync(Wake(SockWakeAsync(Wake([World EXCEPT !.files = fs1], f, {}), f, "IO", "POLL_OUT"),
                                      l, {"IN", "PRI", "RDNORM", "RDBAND"}), l, "WAITD", "POLL_IN"),
                  Err("EINPROGRESS"), NoCopy)

Connect(fd, listener) ==
    \/ Ebadf(FileOf(fd) = None, Main)
    \/ ConnectTcpInProgress(fd, listener)

\* kernel: net/ipv4/inet_connection_sock.c inet_csk_accept (the listener is O_NONBLOCK)
\* accept4's checks (InetCskAccept.tla) on fd's file l; every loopback socket is O_NONBLOCK
AcceptChecked(l) ==
    LET listening == l # None /\ Is(l, "TcpSock") /\ files[l].state = "LISTEN"
    IN  AcceptCheck(l # None, listening, IF listening THEN files[l].acceptQueue = <<>> ELSE TRUE, TRUE)

AcceptTcp(fd, name, number) ==
    LET l == FileOf(fd) IN
    /\ Fresh(name) /\ AcceptChecked(l) = "DEQUEUE"
    /\ NumberFree(number)
    /\ files' = [files EXCEPT ![l] = TcpFile("LISTEN", "", Tail(files[l].acceptQueue))]
    /\ numbers' = Put(numbers, name, number)
    /\ fds' = Put(fds, name, Head(files[l].acceptQueue))
    /\ ret' = number /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<tasks, exclusive, blocking, fasync, owner, sigio>>

\* inet_csk_accept: no child queued on a non-blocking listener.
AcceptTcpEagain(fd, name, number) ==
    LET l == FileOf(fd) IN
    /\ Fresh(name) /\ AcceptChecked(l) = "EAGAIN"
    /\ Fail("EAGAIN")

\* inet_csk_accept: EINVAL unless listening, EAGAIN with no child queued.
Accept4(fd, name, number) ==
    LET l == FileOf(fd) IN
    \/ Ebadf(Fresh(name) /\ AcceptChecked(l) = "EBADF", Main)
    \/ TcpSockEinval(Fresh(name) /\ AcceptChecked(l) = "EINVAL")
    \/ AcceptTcpEagain(fd, name, number)
    \/ AcceptTcp(fd, name, number)

\* kernel: net/ipv4/tcp_input.c tcp_reset -> tcp_done: EPIPE in CLOSE_WAIT, else ECONNRESET; no key.
\* tcp_done_with_error -> sk_error_report (sock_def_error_report): sk_wake_async(SOCK_WAKE_IO,
\* POLL_ERR), sent even while a reader waits for data.
Reset(w, f) ==
    LET t == w.files[f] IN
    SockWakeAsync(
      Wake([w EXCEPT !.files[f] = [kind |-> "TcpSock", state |-> "CLOSE", peer |-> t.peer, rcvBytes |-> t.rcvBytes,
                                   shutdown |-> 3, err |-> IF RcvShut(t.shutdown) THEN "EPIPE" ELSE "ECONNRESET",
                                   acceptQueue |-> <<>>, urg |-> t.urg]], f, {}),
      f, "IO", "POLL_ERR")

\* A FIN reaches f (its RCV_SHUTDOWN already set). kernel: tcp_input.c tcp_data_queue -> tcp_fin:
\* sk_state_change, then sk_wake_async(SOCK_WAKE_WAITD, POLL_HUP) when f is now shut both ways or
\* closed (a closed socket here is shut both ways), else POLL_IN; then tcp_data_ready (SOCK_DONE is
\* set) -> sock_def_readable: sk_wake_async(SOCK_WAKE_WAITD, POLL_IN) again. (The model's wake-ups
\* stay the one without a key.)
Fin(w, f) ==
    LET w1 == Wake(w, f, {})
        hup == w.files[f].shutdown = 3
    IN  SockWakeAsync(SockWakeAsync(w1, f, "WAITD", IF hup THEN "POLL_HUP" ELSE "POLL_IN"), f, "WAITD", "POLL_IN")

\* A pending TCP error is reported and cleared (sock_error) by write, or by read once no data is
\* left: bad holds for the TCP socket f.
TcpSockError(bad, f, by) == Runs(by) /\ bad /\ Finish(by, [World EXCEPT !.files[f].err = ""], Err(files[f].err), NoCopy)

\* kernel: net/ipv4/tcp.c tcp_sendmsg_locked; on loopback tcp_data_ready -> sock_def_readable, one
\* segment per send (the sends here are small): one sk_wake_async(SOCK_WAKE_WAITD, POLL_IN) each.
WriteTcp(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].err = "" /\ ~SendShut(files[f].shutdown) /\ files[f].state = "ESTABLISHED"
    /\ LET p == files[f].peer IN
       /\ Live(World, p, "TcpSock") /\ files[p].state # "CLOSE"
       /\ Commit(SockWakeAsync(Wake([World EXCEPT !.files[p].rcvBytes = @ + n], p, {"IN", "PRI", "RDNORM", "RDBAND"}),
                               p, "WAITD", "POLL_IN"),
                 n, NoCopy)

\* The peer's socket is gone: its orphan answers the data with RST (TCPAbortOnData).
WriteTcpReset(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].err = "" /\ ~SendShut(files[f].shutdown) /\ files[f].state = "ESTABLISHED"
    /\ ~(Live(World, files[f].peer, "TcpSock") /\ files[files[f].peer].state # "CLOSE")
    /\ Commit(Reset(World, f), n, NoCopy)

\* kernel: tcp_sendmsg_locked: a pending error first, then EPIPE once sending is shut or the
\* socket is not connected (do_error).
tcp_sendmsg(fd, n) ==
    LET f == FileOf(fd) IN
    \/ TcpSockError(Is(f, "TcpSock") /\ files[f].err # "", f, Main)
    \/ IoEpipe(Is(f, "TcpSock") /\ files[f].err = "" /\ (SendShut(files[f].shutdown) \/ files[f].state # "ESTABLISHED"))
    \/ WriteTcp(fd, n)
    \/ WriteTcpReset(fd, n)

\* send(fd, 1, MSG_OOB) on a connected socket: one urgent byte (net/ipv4/tcp.c tcp_sendmsg_locked,
\* tcp_mark_urg), with sendmsg's errors first. On the peer p: tcp_urg -> tcp_check_urg, a new urgent
\* pointer -> net/core/sock.c sk_send_sigurg: SIGURG to the owner (SendSigurg) and, only when there is
\* one, sk_wake_async(SOCK_WAKE_URG, POLL_PRI); then tcp_urg finds the byte in the segment
\* (TCP_URG_VALID) and calls sk_data_ready, and tcp_data_queue's tcp_data_ready calls it again
\* (sock_def_readable: SOCK_WAKE_WAITD, POLL_IN each). Without SO_OOBINLINE read(2) never returns the
\* byte: rcvBytes stays. Not modelled (no step): more than one byte, a peer that already has an
\* urgent byte, a peer that is gone.
SendOobTcp(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].err = "" /\ ~SendShut(files[f].shutdown) /\ files[f].state = "ESTABLISHED"
    /\ n = 1
    /\ LET p   == files[f].peer
           Rd  == {"IN", "PRI", "RDNORM", "RDBAND"}
           w1  == SendSigurg([World EXCEPT !.files[p].urg = TRUE], p)
           w2  == IF HasOwner(p) THEN SockWakeAsync(w1, p, "URG", "POLL_PRI") ELSE w1
           w3  == SockWakeAsync(Wake(w2, p, Rd), p, "WAITD", "POLL_IN")
       IN  /\ Live(World, p, "TcpSock") /\ files[p].state # "CLOSE" /\ ~files[p].urg
           /\ Commit(SockWakeAsync(Wake(w3, p, Rd), p, "WAITD", "POLL_IN"), n, NoCopy)

\* send(MSG_OOB): sendmsg's errors (tcp_sendmsg_locked), then the urgent byte.
tcp_sendmsg_oob(fd, n) ==
    LET f == FileOf(fd) IN
    \/ TcpSockError(Is(f, "TcpSock") /\ files[f].err # "", f, Main)
    \/ IoEpipe(Is(f, "TcpSock") /\ files[f].err = "" /\ (SendShut(files[f].shutdown) \/ files[f].state # "ESTABLISHED"))
    \/ SendOobTcp(fd, n)

\* kernel: net/ipv4/tcp.c tcp_recvmsg
ReadTcp(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "TcpSock") /\ ~files[f].urg /\ files[f].state # "LISTEN" /\ files[f].rcvBytes > 0
    /\ Finish(by, [World EXCEPT !.files[f].rcvBytes = @ - Min(n, files[f].rcvBytes)],
              Min(n, files[f].rcvBytes), NoCopy)

ReadTcpEof(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "TcpSock") /\ ~files[f].urg /\ files[f].state # "LISTEN" /\ files[f].rcvBytes = 0 /\ files[f].err = ""
    /\ RcvShut(files[f].shutdown)
    /\ Finish(by, World, 0, NoCopy)

\* kernel: tcp_recvmsg_locked: with nothing to return (no data, no error, no FIN, not closed) a
\* blocking read sleeps in net/core/sock.c sk_wait_data. Only a connected socket is ever blocking
\* here, and a closed one is shut both ways, so the state need not be looked at.
TcpWouldSleep(f) == f \in blocking /\ ~files[f].urg /\ files[f].rcvBytes = 0 /\ files[f].err = "" /\ ~RcvShut(files[f].shutdown)

\* No data, no FIN, no error on a connected non-blocking socket (a blocking reader sleeps instead:
\* TaskSleeps).
ReadTcpEagain(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "TcpSock") /\ ~files[f].urg /\ f \notin blocking /\ files[f].state \notin {"LISTEN", "CLOSE"} /\ files[f].rcvBytes = 0
    /\ files[f].err = "" /\ ~RcvShut(files[f].shutdown)
    /\ FailBy(by, "EAGAIN")

\* kernel: tcp_recvmsg: ENOTCONN on a listener; data first, then a pending error, then end of
\* file after a FIN, ENOTCONN once closed, else EAGAIN. Not modelled (no step) while an urgent byte is
\* there: tcp_recvmsg_locked skips it and stops at it.
tcp_recvmsg(fd, n, by) ==
    LET f == FileOf(fd) IN
    \/ TcpSockEnotconn(/\ Is(f, "TcpSock") /\ ~files[f].urg
                       /\ \/ files[f].state = "LISTEN"
                          \/ files[f].rcvBytes = 0 /\ files[f].err = "" /\ ~RcvShut(files[f].shutdown) /\ files[f].state = "CLOSE",
                       by)
    \/ ReadTcp(fd, n, by)
    \/ TcpSockError(Is(f, "TcpSock") /\ ~files[f].urg /\ files[f].err # "" /\ files[f].state # "LISTEN" /\ files[f].rcvBytes = 0, f, by)
    \/ ReadTcpEof(fd, n, by)
    \/ ReadTcpEagain(fd, n, by)

\* kernel: net/ipv4/af_inet.c inet_shutdown, tcp_shutdown (FIN), tcp_fin on the peer. Once both
\* directions are shut both sides are done (TIME_WAIT, LAST_ACK -> CLOSE).
ShutdownTcp(fd, how) ==
    LET f    == FileOf(fd)
        mode == how + 1
    IN
    /\ Is(f, "TcpSock") /\ files[f].state = "ESTABLISHED"
    /\ LET me == Or(files[f].shutdown, mode)
           p  == files[f].peer
           w1 == [World EXCEPT !.files[f].shutdown = me]
           w2 == IF SendShut(mode) /\ Live(w1, p, "TcpSock")
                 THEN LET pm == Or(w1.files[p].shutdown, 1) IN
                      Fin(IF pm = 3 /\ me = 3
                          THEN [w1 EXCEPT !.files[f].state = "CLOSE", !.files[f].shutdown = 3,
                                          !.files[p].state = "CLOSE", !.files[p].shutdown = 3]
                          ELSE [w1 EXCEPT !.files[p].shutdown = pm], p)
                 ELSE w1
       IN  Commit(Wake(w2, f, {}), 0, NoCopy)

\* kernel: inet_shutdown: ENOTCONN unless connected.
inet_shutdown(fd, how) ==
    LET f == FileOf(fd) IN
    \/ TcpSockEnotconn(Is(f, "TcpSock") /\ files[f].state # "ESTABLISHED", Main)
    \/ ShutdownTcp(fd, how)

\* kernel: inet_csk_listen_stop: each child still queued is freed and its peer reset.
RECURSIVE ResetChildren(_, _)
ResetChildren(w, q) ==
    IF q = <<>> THEN w
    ELSE LET c  == w.files[Head(q)]
             w1 == [w EXCEPT !.files = Del(@, Head(q))]
         IN  ResetChildren(IF Live(w1, c.peer, "TcpSock") THEN Reset(w1, c.peer) ELSE w1, Tail(q))

\* kernel: net/ipv4/tcp.c __tcp_close: unread data means RST (an unread urgent byte's segment too),
\* otherwise a FIN (tcp_fin on the peer).
ReleaseTcp(w, t) ==
    IF t.state = "LISTEN" THEN ResetChildren(w, t.acceptQueue)
    ELSE IF ~Live(w, t.peer, "TcpSock") \/ w.files[t.peer].state = "CLOSE" THEN w
    ELSE IF t.rcvBytes > 0 \/ t.urg THEN Reset(w, t.peer)
    ELSE Fin([w EXCEPT !.files[t.peer].shutdown = Or(@, 1)], t.peer)

=============================================================================
