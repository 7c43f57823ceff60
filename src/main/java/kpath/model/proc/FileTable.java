package kpath.model.proc;

import kpath.model.proc.OpenFile.*;
import kpath.uapi.Errno;

import static kpath.model.proc.ProcRule.*;

/**
 * close(2) and the end of a file. kernel: fs/file.c file_close_fd takes the fd; fs/file_table.c
 * __fput runs when the last reference goes (epoll holds none: events keep arriving while any fd
 * refers to the file; an armed io_uring request holds one, io_uring/io_uring.c io_file_get_normal, and
 * so does an AIO request, fs/aio.c __io_submit_one's fget, until iocb_destroy).
 */
final class FileTable {
    private FileTable() {}

    /** close(2): the fd goes; the file goes only with its last fd, when no io_uring or AIO request holds it. */
    static ProcRule close(World w, String fd) {
        String open = w.openName(fd);
        String file = open == null ? null : w.fds.remove(open);
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        if (IoUring.spliceAsleep(w)) {
            return null; // not modelled: the SPLICE in io-wq may hold the file (IoPoll.spliceSleeps)
        }
        w.ret = 0;
        if (w.fds.containsValue(file) || IoPoll.holds(w, file) || Aio.holds(w, file)) {
            return CloseFd; // events keep arriving for items added under this fd (man: epoll(7) Q6)
        }
        release(w, file);
        return CloseRelease;
    }

    /**
     * kernel: fs/file_table.c __fput — ->fasync(-1) leaves the fasync list, eventpoll_release_file
     * drops the file's epoll items (and their exclusive entries; an epoll's own entries go with it),
     * then f_op->release wakes the other side.
     */
    private static void release(World w, String file) {
        w.exclusive.removeIf(x -> x.ep().equals(file) || x.key().file().equals(file));
        w.fasync.remove(file);
        w.owner.remove(file);
        w.blocking.remove(file);
        for (String ep : w.epollIds()) {
            Epoll e = (Epoll) w.files.get(ep);
            w.files.put(ep, e.with(e.items().stream().filter(i -> !i.key().file().equals(file)).toList(),
                    e.rdllist().stream().filter(k -> !k.file().equals(file)).toList()));
        }
        switch (w.files.remove(file)) {
            case PipeRead p -> Pipe.releaseRead(w, p);
            case PipeWrite p -> Pipe.releaseWrite(w, p);
            case UnixStream u -> AfUnix.release(w, u);
            case TcpSock t -> TcpLoopback.release(w, t);
            case OpenFile.IoUring u -> {
                if (!u.polls().isEmpty()) {
                    w.files.put(file, u); // io_uring_release: its exit work cancels them later (IoUring.exitWork)
                }
            }
            case EventFd _, Epoll _, Regular _, OpenFile.AioCtx _ -> { } // no one else to tell
        }
    }

    /**
     * A request let go of {@code file} (kernel: io_uring io_put_file, aio iocb_destroy → fput): with no fd and no
     * other request holding it, that was its last reference, and the file is released.
     */
    static void unref(World w, String file) {
        if (w.files.containsKey(file) && !w.fds.containsValue(file) && !IoPoll.holds(w, file) && !Aio.holds(w, file)) {
            release(w, file);
        }
    }
}
