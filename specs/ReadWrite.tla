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

\* vfs_read of a regular file: the scenarios' files are empty.
ReadRegularEof(fd, n, by) == Runs(by) /\ Is(FileOf(fd), "Regular") /\ Finish(by, World, 0, NoCopy)

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
