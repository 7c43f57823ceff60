------------------------------- MODULE Pipe --------------------------------
(***************************************************************************)
(* fs/pipe.c: a pipe made by pipe2(O_NONBLOCK), its read end holding the   *)
(* contents (Pipe in Java).  The pipe never fills, so writes never wait    *)
(* and reads wake no writer; pipe_write's poll_usage is taken as set       *)
(* (every modelled pipe is polled before it is written), so every write    *)
(* wakes the readers.                                                      *)
(***************************************************************************)
EXTENDS Fasync

PipeReadFile(w) == [kind |-> "PipeRead", writer |-> w, bytes |-> 0, writerAlive |-> TRUE]
PipeWriteFile(r) == [kind |-> "PipeWrite", reader |-> r, readerAlive |-> TRUE]
PipeFds(r, rn, w, wn) == <<[id |-> r, number |-> rn, file |-> PipeReadFile(w)],
                           [id |-> w, number |-> wn, file |-> PipeWriteFile(r)]>>

\* man: pipe2(2): fresh names only
\* man: pipe2(2): fresh names only; without O_NONBLOCK (blocks) a read of the empty pipe sleeps.
Pipe2Ok(r, rn, w, wn, blocks) ==
    LET nf == PipeFds(r, rn, w, wn) IN CanCreate(numbers, nf) /\ NumbersFree(nf) /\ Become(Created(nf, blocks))

Pipe2(r, rn, w, wn) == Pipe2Ok(r, rn, w, wn, FALSE)
Pipe2Blocking(r, rn, w, wn) == Pipe2Ok(r, rn, w, wn, TRUE)

\* kernel: pipe_poll: the read side has data, and HUP once no writer is left; the write side
\* always has room here, and ERR once no reader is left.
PipePoll(x) ==
    IF x.kind = "PipeRead"
    THEN (IF x.bytes > 0 THEN {"IN", "RDNORM"} ELSE {}) \cup (IF x.writerAlive THEN {} ELSE {"HUP"})
    ELSE {"OUT", "WRNORM"} \cup (IF x.readerAlive THEN {} ELSE {"ERR"})

\* pipe_read ends, whatever it returns, in kill_fasync(&pipe->fasync_writers).
PipeReadKill(w, f, n) == IF Live(w, f, "PipeRead") /\ n > 0 THEN KillFasync(w, w.files[f].writer, "POLL_OUT") ELSE w

\* kernel: pipe_write, as a function of the world w: [w, ret]. EPIPE without readers; else it
\* wakes the readers after every write (poll_usage), then kill_fasync(&pipe->fasync_readers,
\* SIGIO, POLL_IN). io_uring's WRITE writes through it too.
PipeWriteOut(w, f, n) ==
    LET rd == w.files[f].reader IN
    IF ~w.files[f].readerAlive THEN [w |-> w, ret |-> Err("EPIPE")]
    ELSE [w |-> KillFasync(Wake([w EXCEPT !.files[rd].bytes = @ + n], rd, {"IN", "RDNORM"}), rd, "POLL_IN"), ret |-> n]

WritePipe(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "PipeWrite") /\ files[f].readerAlive /\ ~SpliceAsleep \* it could wake a SPLICE in io-wq: not modelled
    /\ Commit(PipeWriteOut(World, f, n).w, n, NoCopy)

\* kernel: pipe_write: EPIPE without readers.
pipe_write(fd, n) ==
    LET f == FileOf(fd) IN
    \/ IoEpipe(Is(f, "PipeWrite") /\ ~files[f].readerAlive)
    \/ WritePipe(fd, n)

\* kernel: pipe_read, as a function of the world w: [w, ret]. A null read succeeds with 0 before
\* anything else ("Null read succeeds"); the data (the pipe was never full, so it wakes no writer);
\* with none, 0 once no writer is left (!pipe->writers), else EAGAIN. Whatever it returns, a read
\* of some bytes ends in kill_fasync(&pipe->fasync_writers). io_uring's READ reads through it too.
PipeReadOut(w, f, n) ==
    LET p == w.files[f]
        k == PipeReadKill(w, f, n)
    IN  IF n = 0 THEN [w |-> w, ret |-> 0]
        ELSE IF p.bytes > 0 THEN [w |-> [k EXCEPT !.files[f].bytes = @ - Min(n, p.bytes)], ret |-> Min(n, p.bytes)]
        ELSE IF ~p.writerAlive THEN [w |-> k, ret |-> 0]
        ELSE [w |-> k, ret |-> Err("EAGAIN")]

PipeReadDone(by, f, n) == Finish(by, PipeReadOut(World, f, n).w, PipeReadOut(World, f, n).ret, NoCopy)

ReadPipe(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "PipeRead") /\ (files[f].bytes > 0 \/ n = 0)
    /\ PipeReadDone(by, f, n)

ReadPipeEof(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "PipeRead") /\ files[f].bytes = 0 /\ ~files[f].writerAlive /\ n > 0
    /\ PipeReadDone(by, f, n)

\* O_NONBLOCK (a blocking pipe's reader sleeps instead: TaskSleeps).
ReadPipeEagain(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "PipeRead") /\ files[f].bytes = 0 /\ files[f].writerAlive /\ n > 0 /\ f \notin blocking
    /\ PipeReadDone(by, f, n)

pipe_read(fd, n, by) ==
    \/ ReadPipe(fd, n, by)
    \/ ReadPipeEof(fd, n, by)
    \/ ReadPipeEagain(fd, n, by)

\* kernel: pipe_release: the other side is woken without a key, and signalled (kill_fasync of
\* fasync_readers with POLL_IN, of fasync_writers with POLL_OUT).
PipeRelease(w, x) ==
    IF x.kind = "PipeRead"
    THEN IF Live(w, x.writer, "PipeWrite")
         THEN KillFasync(Wake([w EXCEPT !.files[x.writer].readerAlive = FALSE], x.writer, {}), x.writer, "POLL_OUT")
         ELSE w
    ELSE IF Live(w, x.reader, "PipeRead")
         THEN KillFasync(Wake([w EXCEPT !.files[x.reader].writerAlive = FALSE], x.reader, {}), x.reader, "POLL_IN")
         ELSE w

=============================================================================
