package kpath.model.proc;

import kpath.model.proc.OpenFile.*;
import kpath.model.proc.ProcAction.Read;
import kpath.uapi.Errno;

import static kpath.model.proc.ProcRule.*;

/**
 * fs/read_write.c vfs_read / vfs_write: the fd must be open for the direction (EBADF) and the
 * file must have the method (EINVAL: an epoll file has none); then the file's own read or write.
 */
final class ReadWrite {
    private ReadWrite() {}

    static ProcRule write(World w, String fd, long n) {
        String file = w.fileOf(fd);
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        return writeFile(w, file, n);
    }

    /** The write of an open file, as io_uring's WRITE also makes it (io_uring/rw.c io_write). */
    static ProcRule writeFile(World w, String file, long n) {
        return switch (w.files.get(file)) {
            case PipeWrite p -> Pipe.write(w, p, n);
            case UnixStream u -> AfUnix.sendmsg(w, u, n);
            case EventFd e -> EventfdFile.write(w, file, e, n);
            case TcpSock t -> TcpLoopback.sendmsg(w, file, t, n);
            case PipeRead _ -> w.fail(Errno.EBADF, Ebadf); // not FMODE_WRITE
            case Regular _ -> w.fail(Errno.EBADF, Ebadf); // opened read-only by the scenarios
            case Epoll _, OpenFile.IoUring _, OpenFile.AioCtx _ -> w.fail(Errno.EINVAL, IoEinval); // no write method
        };
    }

    static ProcRule read(World w, String fd, long n) {
        String file = w.fileOf(fd);
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        return readFile(w, file, n);
    }

    /** The read of an open file, as io_uring's READ and RECV also make it (io_uring/rw.c io_read, net.c io_recv). */
    static ProcRule readFile(World w, String file, long n) {
        return switch (w.files.get(file)) {
            case PipeRead p -> Pipe.read(w, file, p, n);
            case UnixStream u -> AfUnix.recvmsg(w, file, u, n);
            case EventFd e -> EventfdFile.read(w, file, e, n);
            case TcpSock t -> TcpLoopback.recvmsg(w, file, t, n);
            case PipeWrite _ -> w.fail(Errno.EBADF, Ebadf); // not FMODE_READ
            case Epoll _, OpenFile.IoUring _, OpenFile.AioCtx _ -> w.fail(Errno.EINVAL, IoEinval); // no read method
            case Regular _ -> {
                w.ret = 0; // the scenarios' files are empty
                yield ReadRegularEof;
            }
        };
    }

    /** A read of a blocking file with nothing to read sleeps: not a one-line call. */
    static boolean wouldSleep(World w, Read r) {
        String file = w.fileOf(r.fd());
        if (file == null || !w.blocking.contains(file)) {
            return false;
        }
        return switch (w.files.get(file)) {
            case UnixStream u -> AfUnix.wouldSleep(u);
            case EventFd e -> EventfdFile.wouldSleep(e, r.n());
            case TcpSock t -> TcpLoopback.wouldSleep(t);
            case PipeRead p -> p.bytes() == 0 && p.writerAlive() && r.n() > 0; // fs/pipe.c anon_pipe_read
            default -> false;
        };
    }
}
