package kpath.model.proc;

import kpath.model.proc.OpenFile.TcpSock;
import kpath.model.proc.OpenFile.UnixStream;
import kpath.uapi.Errno;

import static kpath.model.proc.ProcRule.*;

/** net/socket.c: the socket calls that reach both AF_UNIX and TCP sockets (shutdown, send with MSG_OOB). */
final class NetSocket {
    private NetSocket() {}

    /** kernel: __sys_shutdown_sock — sockfd_lookup (ENOTSOCK), then sock->ops->shutdown. */
    static ProcRule shutdown(World w, String fd, int how) {
        String file = w.fileOf(fd);
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        return switch (w.files.get(file)) {
            case TcpSock t -> TcpLoopback.shutdown(w, file, t, how); // inet_shutdown
            case UnixStream u -> AfUnix.shutdown(w, file, u, how); // unix_shutdown
            default -> w.fail(Errno.ENOTSOCK, SockEnotsock);
        };
    }

    /**
     * send(fd, n, MSG_OOB). kernel: __sys_sendto — sockfd_lookup_light (ENOTSOCK), then
     * sock_sendmsg: TCP's urgent data; AF_UNIX's MSG_OOB is not modelled.
     */
    static ProcRule sendOob(World w, String fd, long n) {
        String file = w.fileOf(fd);
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        return switch (w.files.get(file)) {
            case TcpSock t -> TcpLoopback.sendOob(w, file, t, n);
            case UnixStream _ -> null;
            default -> w.fail(Errno.ENOTSOCK, SockEnotsock);
        };
    }

    /**
     * setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &val). kernel: __sys_setsockopt — sockfd_lookup
     * (ENOTSOCK), then sock_setsockopt; a TCP socket's SO_SNDBUF is not modelled.
     */
    static ProcRule setsockoptSndbuf(World w, ProcAction.Setsockopt a) {
        String file = w.fileOf(a.fd());
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        return switch (w.files.get(file)) {
            case UnixStream u -> AfUnix.setsockoptSndbuf(w, file, u, a);
            case TcpSock _ -> null;
            default -> w.fail(Errno.ENOTSOCK, SockEnotsock);
        };
    }

    /** getsockopt(fd, SOL_SOCKET, SO_SNDBUF): as {@link #setsockoptSndbuf}, sk_getsockopt. */
    static ProcRule getsockoptSndbuf(World w, String fd) {
        String file = w.fileOf(fd);
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        return switch (w.files.get(file)) {
            case UnixStream u -> AfUnix.getsockoptSndbuf(w, u);
            case TcpSock _ -> null;
            default -> w.fail(Errno.ENOTSOCK, SockEnotsock);
        };
    }
}
