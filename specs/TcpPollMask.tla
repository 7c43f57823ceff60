---------------------------- MODULE TcpPollMask ----------------------------
(***************************************************************************)
(* The poll method of a TCP socket, once for every spec that polls one    *)
(* (TcpListen.tla's listener, Readiness.tla's loopback sockets); the Java *)
(* home is kpath.model.sock.TcpPollMask. Results are sets of poll bit     *)
(* names (PollBits.tla gives their values). A pure module: no variables.  *)
(***************************************************************************)
EXTENDS Integers

\* include/net/inet_connection_sock.h inet_csk_listen_poll (via net/ipv4/tcp.c
\* tcp_poll): a listener is readable iff a child is queued, and never anything else.
TcpListenerPoll(acceptQueueEmpty) == IF acceptQueueEmpty THEN {} ELSE {"IN", "RDNORM"}

\* net/ipv4/tcp.c tcp_poll for a socket that is not listening. shutdown holds the
\* sk_shutdown bits (RCV_SHUTDOWN = 1, SEND_SHUTDOWN = 2): hung up once both are set or
\* in TCP_CLOSE (a socket that never connected is), readable on data or a received FIN,
\* writable here always (room in the send buffer at these sizes), EPOLLERR on an error.
TcpSocketPoll(tcpClose, shutdown, rcvBytes, error) ==
    (IF shutdown = 3 \/ tcpClose THEN {"HUP"} ELSE {})
    \cup (IF shutdown % 2 = 1 THEN {"IN", "RDNORM", "RDHUP"} ELSE {})
    \cup (IF rcvBytes > 0 THEN {"IN", "RDNORM"} ELSE {})
    \cup {"OUT", "WRNORM"}
    \cup (IF error THEN {"ERR"} ELSE {})
=============================================================================
