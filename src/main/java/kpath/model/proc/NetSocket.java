package kpath.model.proc;

import kpath.model.proc.OpenFile.TcpSock;
import kpath.model.proc.OpenFile.UnixStream;
import kpath.uapi.Errno;

import static kpath.model.proc.ProcRule.*;

/** net/socket.c: the socket calls that reach both AF_UNIX and TCP sockets. */
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
}
