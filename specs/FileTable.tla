----------------------------- MODULE FileTable -----------------------------
(***************************************************************************)
(* close(2) and the end of a file (FileTable in Java).  fs/file.c          *)
(* file_close_fd takes the fd; fs/file_table.c __fput runs when the last   *)
(* reference goes.  Epoll holds none, and neither does a task in a call    *)
(* here (the kernel's fdget and poll table do): closing the last fd of a   *)
(* file a task waits on releases it at once.                               *)
(***************************************************************************)
EXTENDS Pipe, AfUnix, TcpLoopback

\* The last reference is gone: fs/eventpoll.c eventpoll_release_file (the file's items and their
\* exclusive entries go, and an epoll's own exclusive entries), then f_op->release.
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
          [] OTHER -> w1

\* close(2): the fd goes; the file goes only with its last fd (__fput). Events keep arriving for
\* items added under a closed fd while the file lives (man: epoll(7) Q6).
CloseFd(fd) ==
    LET o == OpenName(fd) IN
    /\ o # None /\ \E x \in DOMAIN fds \ {o} : fds[x] = fds[o]
    /\ fds' = Del(fds, o)
    /\ ret' = 0 /\ out' = NoCopy
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, files, tasks, exclusive, blocking, fasync, owner, sigio>>

CloseRelease(fd) ==
    LET o == OpenName(fd)
        w == Release(World, fds[o])
    IN
    /\ o # None /\ ~\E x \in DOMAIN fds \ {o} : fds[x] = fds[o]
    /\ fds' = Del(fds, o)
    /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive
    /\ ret' = 0 /\ out' = NoCopy
    /\ sigio' \in {w.sigio} \cup {Send(w.sigio, x) : x \in w.race}
    \* __fput: ->fasync(-1, file, 0) before ->release; the file's flags and owner go with it
    /\ blocking' = blocking \ {fds[o]}
    /\ fasync' = [x \in DOMAIN fasync \ {fds[o]} |-> fasync[x]] /\ owner' = [x \in DOMAIN owner \ {fds[o]} |-> owner[x]]
    /\ ~TaskWorkDue
    /\ UNCHANGED numbers

Close(fd) ==
    \/ Ebadf(OpenName(fd) = None, Main)
    \/ CloseFd(fd)
    \/ CloseRelease(fd)

=============================================================================
