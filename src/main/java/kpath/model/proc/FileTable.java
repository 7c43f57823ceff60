package kpath.model.proc;

import kpath.model.proc.OpenFile.*;
import kpath.uapi.Errno;

import static kpath.model.proc.ProcRule.*;

/**
 * close(2) and the end of a file. kernel: fs/file.c file_close_fd takes the fd; fs/file_table.c
 * __fput runs when the last reference goes (epoll holds none: events keep arriving while any fd
 * refers to the file).
 */
final class FileTable {
    private FileTable() {}

    /** close(2): the fd goes; the file goes only with its last fd. */
    static ProcRule close(World w, String fd) {
        String open = w.openName(fd);
        String file = open == null ? null : w.fds.remove(open);
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        w.ret = 0;
        if (w.fds.containsValue(file)) {
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
            case EventFd _, Epoll _, Regular _, OpenFile.IoUring _, OpenFile.AioCtx _ -> { } // no one else to tell
        }
    }
}
