--------------------------- MODULE InetCskAccept ---------------------------
(***************************************************************************)
(* accept4(2)'s checks, once for every spec that accepts (TcpListen.tla's *)
(* listener, TcpLoopback.tla's loopback listeners); the Java home is      *)
(* kpath.model.sock.InetCskAccept. A pure module: no variables.           *)
(***************************************************************************)

\* net/socket.c __sys_accept4: EBADF for a closed fd; net/ipv4/inet_connection_sock.c
\* inet_csk_accept: EINVAL unless listening, EAGAIN with no child and O_NONBLOCK, else the
\* caller sleeps (inet_csk_wait_for_connect) or takes the oldest child (reqsk_queue_remove).
AcceptCheck(fdOpen, listening, queueEmpty, nonblock) ==
    CASE ~fdOpen -> "EBADF"
      [] ~listening -> "EINVAL"
      [] queueEmpty /\ nonblock -> "EAGAIN"
      [] queueEmpty -> "BLOCK"
      [] OTHER -> "DEQUEUE"
=============================================================================
