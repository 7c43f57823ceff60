----------------------------- MODULE FileTable -----------------------------
(***************************************************************************)
(* close(2) and the end of a file (FileTable in Java).  fs/file.c          *)
(* file_close_fd takes the fd; fs/file_table.c __fput runs when the last   *)
(* reference goes: an armed io_uring request holds one, epoll holds none, *)
(* and neither does a task in a call                                       *)
(* here (the kernel's fdget and poll table do): closing the last fd of a   *)
(* file a task waits on releases it at once.                               *)
(***************************************************************************)
EXTENDS Pipe, AfUnix, TcpLoopback

\* An armed io_uring request of some ring in w holds a reference to f (io_file_get_normal), and so
\* does an AIO poll (fs/aio.c __io_submit_one's fget, until iocb_destroy).
\* An AIO poll's file stays held while its fput waits for delayed_fput_work (putting), and so does the
\* file of a read a task sleeps in inside io_submit.
HeldIn(w, f) == \/ \E x \in DOMAIN w.files : w.files[x].kind \in {"IoUring", "AioCtx"} /\ \E i \in 1..Len(w.files[x].polls) : w.files[x].polls[i].file = f
                \/ \E x \in DOMAIN w.files : w.files[x].kind = "AioCtx" /\ f \in w.files[x].putting
                \/ \E t \in DOMAIN w.tasks : w.tasks[t].call.call = "IoSubmit" /\ f \in w.tasks[t].on
Held(f) == HeldIn(World, f)

\* No fd and no request refers to f any more.
Unreferenced(w, f) == f \in DOMAIN w.files /\ ~(\E x \in DOMAIN fds : fds[x] = f) /\ ~HeldIn(w, f)

RECURSIVE Release(_, _), ReleaseHeld(_, _)

\* The last reference is gone: fs/eventpoll.c eventpoll_release_file (the file's items and their
\* exclusive entries go, and an epoll's own exclusive entries), then f_op->release. A ring that
\* still holds armed requests stays, closed (io_uring_release -> io_ring_ctx_wait_and_kill queues
\* io_ring_exit_work, which cancels them later: IoPoll.tla IoRingExitWork); one without goes.
Release(w, f) ==
    LET x  == w.files[f]
        w1 == [files |-> [y \in DOMAIN w.files \ {f} |->
                            IF w.files[y].kind = "Epoll"
                            THEN [w.files[y] EXCEPT !.items = SelectSeq(@, LAMBDA i : i.file # f),
                                                    !.rdllist = SelectSeq(@, LAMBDA k : k.file # f)]
                            ELSE w.files[y]],
               tasks |-> w.tasks,
               exclusive |-> SelectSeq(w.exclusive, LAMBDA e : e.ep # f /\ e.key.file # f),
               sigio |-> w.sigio, race |-> w.race]
    IN  CASE x.kind \in {"PipeRead", "PipeWrite"} -> PipeRelease(w1, x)
          [] x.kind = "UnixStream" -> UnixRelease(w1, x)
          [] x.kind = "TcpSock" -> ReleaseTcp(w1, x)
          [] x.kind = "IoUring" /\ x.polls # <<>> -> LET fs == w1.files IN [w1 EXCEPT !.files = [y \in DOMAIN fs \cup {f} |-> IF y = f THEN x ELSE fs[y]]]
          [] OTHER -> w1

\* Each of fs, in turn, is released if nothing refers to it any more (io_put_file -> fput).
ReleaseHeld(w, fs) ==
    IF fs = <<>> THEN w
    ELSE ReleaseHeld(IF Unreferenced(w, Head(fs)) THEN Release(w, Head(fs)) ELSE w, Tail(fs))

\* What a release took away takes its flags and owner with it (__fput: ->fasync(-1) before ->release).
Alive(w) ==
    /\ blocking' = {x \in blocking : x \in DOMAIN w.files}
    /\ fasync' = [x \in DOMAIN fasync \cap DOMAIN w.files |-> fasync[x]]
    /\ owner' = [x \in DOMAIN owner \cap DOMAIN w.files |-> owner[x]]

\* close(2): the fd goes; the file goes only with its last fd (__fput). Events keep arriving for
\* items added under a closed fd while the file lives (man: epoll(7) Q6).
CloseFd(fd) ==
    LET o == OpenName(fd) IN
    /\ o # None /\ ((\E x \in DOMAIN fds \ {o} : fds[x] = fds[o]) \/ Held(fds[o])) /\ ~SpliceAsleep
    /\ fds' = Del(fds, o)
    /\ ret' = 0 /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, files, tasks, exclusive, blocking, fasync, owner, sigio>>

CloseRelease(fd) ==
    LET o == OpenName(fd)
        w == Release(World, fds[o])
    IN
    /\ o # None /\ ~(\E x \in DOMAIN fds \ {o} : fds[x] = fds[o]) /\ ~Held(fds[o]) /\ ~SpliceAsleep
    /\ fds' = Del(fds, o)
    /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive
    /\ ret' = 0 /\ out' = NoCopy
    /\ sigio' \in {w.sigio} \cup {Send(w.sigio, x) : x \in w.race}
    /\ Alive(w)
    /\ ~TaskWorkDue
    /\ UNCHANGED numbers

Close(fd) ==
    \/ Ebadf(OpenName(fd) = None, Main)
    \/ CloseFd(fd)
    \/ CloseRelease(fd)

=============================================================================
