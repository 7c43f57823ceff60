----------------------------- MODULE NetSocket -----------------------------
(***************************************************************************)
(* net/socket.c: the socket call that reaches both AF_UNIX and TCP         *)
(* sockets (NetSocket in Java).                                            *)
(***************************************************************************)
EXTENDS AfUnix, TcpLoopback

\* kernel: __sys_shutdown_sock: sockfd_lookup (ENOTSOCK), then sock->ops->shutdown.
Shutdown(fd, how) ==
    LET f == FileOf(fd) IN
    \/ Ebadf(f = None, Main)
    \/ SockEnotsock(f # None /\ files[f].kind \notin {"TcpSock", "UnixStream"})
    \/ inet_shutdown(fd, how)
    \/ ShutdownUnix(fd, how)

=============================================================================
