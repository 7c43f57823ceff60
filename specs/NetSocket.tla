----------------------------- MODULE NetSocket -----------------------------
(***************************************************************************)
(* net/socket.c: the socket calls that reach both AF_UNIX and TCP         *)
(* sockets (NetSocket in Java): shutdown, send with MSG_OOB.               *)
(***************************************************************************)
EXTENDS AfUnix, TcpLoopback

\* kernel: __sys_shutdown_sock: sockfd_lookup (ENOTSOCK), then sock->ops->shutdown.
Shutdown(fd, how) ==
    LET f == FileOf(fd) IN
    \/ Ebadf(f = None, Main)
    \/ SockEnotsock(f # None /\ files[f].kind \notin {"TcpSock", "UnixStream"})
    \/ inet_shutdown(fd, how)
    \/ ShutdownUnix(fd, how)

\* send(fd, n, MSG_OOB). kernel: __sys_sendto: sockfd_lookup_light (ENOTSOCK), then sock_sendmsg:
\* TCP's urgent data; AF_UNIX's MSG_OOB is not modelled (no step).
SendOob(fd, n) ==
    LET f == FileOf(fd) IN
    \/ Ebadf(f = None, Main)
    \/ SockEnotsock(f # None /\ files[f].kind \notin {"TcpSock", "UnixStream"})
    \/ tcp_sendmsg_oob(fd, n)

\* setsockopt(fd, SOL_SOCKET, SO_SNDBUF, val), getsockopt(fd, SOL_SOCKET, SO_SNDBUF). kernel:
\* __sys_setsockopt, __sys_getsockopt: sockfd_lookup (ENOTSOCK), then the socket's own; a TCP
\* socket's SO_SNDBUF is not modelled (no step).
Setsockopt(fd, val, wmemMax, sndbufMin) ==
    LET f == FileOf(fd) IN
    \/ Ebadf(f = None, Main)
    \/ SockEnotsock(f # None /\ files[f].kind \notin {"UnixStream", "TcpSock"})
    \/ SetsockoptSndbuf(fd, val, wmemMax, sndbufMin)
Getsockopt(fd) ==
    LET f == FileOf(fd) IN
    \/ Ebadf(f = None, Main)
    \/ SockEnotsock(f # None /\ files[f].kind \notin {"UnixStream", "TcpSock"})
    \/ GetsockoptSndbuf(fd)

=============================================================================
