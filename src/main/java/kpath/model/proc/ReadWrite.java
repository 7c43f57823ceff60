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
        if (w.files.get(file) instanceof OpenFile.PipeWrite p && p.readerAlive() && IoUring.spliceAsleep(w)) {
            return null; // not modelled: it could wake the SPLICE in io-wq
        }
        if (w.files.get(file) instanceof UnixStream u && AfUnix.sendWouldSleep(w, file, u)) {
            return null; // not modelled: sock_wait_for_wmem
        }
        return writeFile(w, file, n);
    }

    /** The write of an open file, as io_uring's WRITE also makes it (io_uring/rw.c io_write). */
    static ProcRule writeFile(World w, String file, long n) {
        return switch (w.files.get(file)) {
            case PipeWrite p -> Pipe.write(w, p, n);
            case UnixStream u -> AfUnix.sendmsg(w, file, u, n);
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
            case Regular f -> {
                if (f.size() != 0) {
                    yield null; // not modelled: read(2) of a file with data moves f_pos
                }
                w.ret = 0; // an empty file
                yield ReadRegularEof;
            }
        };
    }

    /**
     * Whether the model knows what a read of {@code n} bytes at {@code off} of {@code f} returns
     * ({@link #pread}): a buffered read always; a direct read when the alignment was recorded and
     * the read does not cross the end of the file (iomap_dio_iter would then meet the hole past
     * the last block, which it zero-fills with no alignment check).
     */
    static boolean preadModelled(Regular f, long off, long n) {
        return !f.direct() || f.align() > 0 && (n == 0 || off >= f.size() || off + n <= f.size());
    }

    /**
     * What a read of {@code n} bytes at {@code off} (not negative: rw_verify_area) of a regular
     * file returns. kernel: fs/iomap/direct-io.c __iomap_dio_rw — 0 for no bytes ("if
     * (!iomi.len) return NULL") and at or past i_size ("if (iomi.pos >= dio->i_size) goto
     * out_free_dio"), as a buffered read (mm/filemap.c filemap_read); iomap_dio_bio_iter — EINVAL
     * when "(pos | length) & (alignment - 1)", alignment bdev_logical_block_size for ext4 (no
     * IOMAP_DIO_FSBLOCK_ALIGNED; fs/ext4/inode.c ext4_getattr reports the same value as
     * stx_dio_offset_align), checked on every extent before any bio: the whole read fails; else
     * the bytes up to i_size.
     */
    static long pread(Regular f, long off, long n) {
        if (n == 0 || off >= f.size()) {
            return 0;
        }
        if (f.direct() && (off % f.align() != 0 || n % f.align() != 0)) {
            return -Errno.EINVAL.number();
        }
        return Math.min(n, f.size() - off);
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
