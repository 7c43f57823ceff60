----------------------------- MODULE ReadWrite -----------------------------
(***************************************************************************)
(* fs/read_write.c vfs_read / vfs_write (ReadWrite in Java): the fd must   *)
(* be open for the direction (EBADF) and the file must have the method     *)
(* (EINVAL: an epoll file has none); then the file's own read or write.    *)
(* read(2) is made by the main task or by a task (a blocking file).        *)
(***************************************************************************)
EXTENDS Pipe, AfUnix, EventfdFile, TcpLoopback

\* A read of a blocking file with nothing to read sleeps (unix_stream_data_wait,
\* eventfd_read_iter, sk_wait_data): the main task makes no such call, a task sleeps (TaskSleeps).
WouldSleep(fd, n) ==
    LET f == FileOf(fd) IN
    /\ f # None
    /\ \/ files[f].kind = "UnixStream" /\ UnixWouldSleep(f)
       \/ files[f].kind = "EventFd" /\ EventfdWouldSleep(f, n)
       \/ files[f].kind = "TcpSock" /\ TcpWouldSleep(f)
       \/ files[f].kind = "PipeRead" /\ f \in blocking /\ files[f].bytes = 0 /\ files[f].writerAlive /\ n > 0 \* anon_pipe_read

\* vfs_read of an empty regular file (read(2) of one with data, which moves f_pos, is not modelled).
ReadRegularEof(fd, n, by) == Runs(by) /\ Is(FileOf(fd), "Regular") /\ files[FileOf(fd)].size = 0 /\ Finish(by, World, 0, NoCopy)

\* (ReadWrite.preadModelled) Whether the model knows what a read of n bytes at off of the regular
\* file r returns: a buffered read always; a direct one when the alignment was recorded and the
\* read does not cross the end of the file (iomap_dio_iter would meet the hole past the last block).
RegularPreadModelled(r, off, n) == ~r.direct \/ (r.align > 0 /\ (n = 0 \/ off >= r.size \/ off + n <= r.size))

\* (ReadWrite.pread) kernel: fs/iomap/direct-io.c __iomap_dio_rw: 0 for no bytes and at or past
\* i_size, as a buffered read (mm/filemap.c filemap_read); iomap_dio_bio_iter: EINVAL when
\* "(pos | length) & (alignment - 1)", alignment the bdev's logical block size (ext4's
\* stx_dio_offset_align), before any bio; else the bytes up to i_size.
RegularPread(r, off, n) ==
    IF n = 0 \/ off >= r.size THEN 0
    ELSE IF r.direct /\ (off % r.align # 0 \/ n % r.align # 0) THEN Err("EINVAL")
    ELSE IF n < r.size - off THEN n ELSE r.size - off

Write(fd, n) ==
    LET f == FileOf(fd) IN
    \/ Ebadf(f = None \/ Is(f, "PipeRead") \/ Is(f, "Regular"), Main) \* !FMODE_WRITE (regular files are read-only)
    \/ IoEinval(Is(f, "Epoll") \/ Is(f, "IoUring"), Main) \* no ->write_iter
    \/ pipe_write(fd, n)
    \/ unix_stream_sendmsg(fd, n)
    \/ eventfd_write(fd, n)
    \/ tcp_sendmsg(fd, n)

Read(fd, n, by) ==
    LET f == FileOf(fd) IN
    \/ Ebadf(f = None \/ Is(f, "PipeWrite"), by) \* !FMODE_READ
    \/ IoEinval(Is(f, "Epoll") \/ Is(f, "IoUring"), by) \* no ->read_iter
    \/ pipe_read(fd, n, by)
    \/ unix_stream_recvmsg(fd, n, by)
    \/ eventfd_read(fd, n, by)
    \/ tcp_recvmsg(fd, n, by)
    \/ ReadRegularEof(fd, n, by)

=============================================================================
