------------------------------- MODULE Proc --------------------------------
(***************************************************************************)
(* A process's kernel objects, shared by every spec of a path that works   *)
(* on file descriptors (Readiness.tla now, completions next); Java:        *)
(* kpath.model.proc, same names.  This module holds the constants, the     *)
(* variables, masks as sets of bit names, tasks, the World the wake-up     *)
(* path threads through, how a call finishes, and the errno rules several  *)
(* files share.  The modules above it add one kernel source file each:     *)
(* FdTable < Wait < Fasync, EventfdFile < Pipe, AfUnix, TcpLoopback <     *)
(* Eventpoll < SelectPoll < FileTable, ReadWrite, NetSocket < Tasks.       *)
(*                                                                         *)
(* Contract.  A path's root module (Readiness.tla) EXTENDS the top module, *)
(* instantiates the constants (Setup, Calls, NameOrder, UMax), and builds  *)
(* Init from Setup and Next from the actions it explores; a path with      *)
(* variables of its own conjoins UNCHANGED of them to every action taken   *)
(* from here.  Every action here changes only the variables in vars,       *)
(* labels itself with a rule name of kpath.model.proc.ProcRule, and keeps  *)
(* OpenFdsReferToLiveFiles (FdTable).  A file kind a path adds gets its    *)
(* poll method in Eventpoll's FilePoll; every change that can make a file  *)
(* ready goes through Wake (Wait), every signal through KillFasync.        *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets, TLC, Uapi

CONSTANTS
    Setup,      \* the creation calls that make the initial state, in order
    Calls,      \* the calls the program may make: records with a field call
    NameOrder,  \* every fd name and file id in play, in Java's String order
    UMax        \* ULLONG_MAX, the eventfd counter's limit

ASSUME UMaxIsNat == UMax \in Nat /\ UMax > 1
ASSUME NameOrderIsSeq == NameOrder \in Seq(STRING)

VARIABLES
    numbers,    \* every fd name ever created and its number (closed names stay)
    fds,        \* the open fds: name -> file id
    files,      \* the live files by id: records with a field kind
    ret,        \* the main task's last return value: a count, an fd number, or -errno
    out,        \* what the main task's last call copied to user memory besides it (CopyOut)
    tasks,      \* tasks inside a call that may sleep, by name: records (see Entered)
    exclusive,  \* the EPOLLEXCLUSIVE wait-queue entries [ep, key], oldest first
    blocking,   \* files opened without O_NONBLOCK: a read of them sleeps, no EAGAIN
    fasync,     \* files with O_ASYNC on their fasync list (pipe ends, AF_UNIX stream sockets)
    owner,      \* files with an f_owner: [tid: F_SETOWN_EX named the main task, signum: F_SETSIG's, 0 = SIGIO]
    sigio       \* the main task's pending signals (it blocks them): [plain: SIGIO, pending once;
                \* urg: SIGURG (send_sigurg), pending once; queue: the real-time signals'
                \* siginfos, one per send, oldest first; limit: RLIMIT_SIGPENDING;
                \* handled, ignored: the signals with a handler, with SIG_IGN (SignalDelivery.tla)]

vars == <<numbers, fds, files, ret, out, tasks, exclusive, blocking, fasync, owner, sigio>>

None == ""   \* no file, no fd, no task; a pollfd with a negative fd
NoFunction == [x \in {} |-> 0]

\* What a call copies out (kpath.model.proc.CopyOut): nothing; epoll_wait's struct
\* epoll_event array [events |-> <<[data, events]>>]; poll's pollfds whose revents is not 0
\* [revents |-> <<[fd, revents]>>]; select's fd sets [rd, wr, ex]; an eventfd's counter
\* [value |-> n]; pipe2's and socketpair's fds [fds |-> <<a, b>>]. Masks are sets of bit names.
NoCopy == [none |-> TRUE]

-----------------------------------------------------------------------------
(* Masks: sets of bit names (kpath.uapi.Mask)                               *)

EventBits == {"IN", "PRI", "OUT", "ERR", "HUP", "NVAL", "RDNORM", "RDBAND", "WRNORM",
              "WRBAND", "MSG", "RDHUP"}
\* fs/eventpoll.c EP_PRIVATE_BITS
Private == {"WAKEUP", "ONESHOT", "ET", "EXCLUSIVE"}
\* fs/select.c POLLIN_SET, POLLOUT_SET, POLLEX_SET
InSet == {"RDNORM", "RDBAND", "IN", "HUP", "ERR"}
OutSet == {"WRBAND", "WRNORM", "OUT", "ERR"}
ExSet == {"PRI"}

\* sk_shutdown bits: RCV_SHUTDOWN 1, SEND_SHUTDOWN 2, SHUTDOWN_MASK 3.
RcvShut(s) == s % 2 = 1
SendShut(s) == (s \div 2) % 2 = 1
Or(a, b) == (IF RcvShut(a) \/ RcvShut(b) THEN 1 ELSE 0) + (IF SendShut(a) \/ SendShut(b) THEN 2 ELSE 0)

Min(a, b) == IF a < b THEN a ELSE b
MaxOf(S) == IF S = {} THEN 0 ELSE CHOOSE m \in S : \A x \in S : x <= m

-----------------------------------------------------------------------------
(* Functions, epoll items and the World                                     *)

Put(f, k, v) == [x \in DOMAIN f \cup {k} |-> IF x = k THEN v ELSE f[x]]
Del(f, k) == [x \in DOMAIN f \ {k} |-> f[x]]
InSeq(x, s) == \E i \in 1..Len(s) : s[i] = x
Reverse(s) == [i \in 1..Len(s) |-> s[Len(s) - i + 1]]

\* An epoll item is keyed by its file and the fd it was added under (fs/eventpoll.c ep_cmp_ffd).
Key(it) == [file |-> it.file, fd |-> it.fd]
ItemOf(items, k) == items[CHOOSE i \in 1..Len(items) : Key(items[i]) = k]
\* Only a fired ONESHOT item keeps nothing but private bits.
Armed(it) == it.events \ Private # {}

EpollFiles == {f \in DOMAIN files : files[f].kind = "Epoll"}

\* What the wake-up path and the poll methods change, threaded through them as one value w
\* (kpath.model.proc.World): the files, the tasks, the exclusive entries and the pending signals;
\* race: {} or the signal a woken reader's race with sock_wake_async may send (see SockWake).
World == [files |-> files, tasks |-> tasks, exclusive |-> exclusive, sigio |-> sigio, race |-> {}]

\* How many signals are pending: each holds a struct sigqueue that RLIMIT_SIGPENDING counts.
SigPending(s) == (IF s.plain THEN 1 ELSE 0) + (IF s.urg THEN 1 ELSE 0) + Len(s.queue)

\* The pending signals s with signal sent sent. kernel/signal.c __send_signal_locked: a standard
\* signal already pending is not queued again (legacy_queue: its first siginfo stays); a real-time
\* one always is, unless RLIMIT_SIGPENDING is reached (__sigqueue_alloc): then plain SIGIO goes
\* instead (fs/fcntl.c send_sigio_to_task). Plain SIGIO (fd "", SEND_SIG_PRIV) carries no siginfo.
Send(s, sent) ==
    LET x == IF sent.signo >= SignalNumber.SIGRTMIN /\ s.limit >= 0 /\ SigPending(s) + 1 > s.limit
             THEN [sent EXCEPT !.signo = SignalNumber.SIGIO, !.fd = "", !.band = {}]
             ELSE sent
    IN
    IF x.signo < SignalNumber.SIGRTMIN
       /\ ((x.signo = SignalNumber.SIGIO /\ s.plain) \/ (\E i \in 1..Len(s.queue) : s.queue[i].signo = x.signo)) THEN s
    ELSE IF x.fd = "" THEN [s EXCEPT !.plain = TRUE]
    ELSE [s EXCEPT !.queue = Append(@, x)]

Live(w, f, k) == f \in DOMAIN w.files /\ w.files[f].kind = k

\* Epoll file ids in a fixed order, so wake-ups visit epolls deterministically.
EpollIds(w) == SelectSeq(NameOrder, LAMBDA n : n \in DOMAIN w.files /\ w.files[n].kind = "Epoll")

-----------------------------------------------------------------------------
(* Tasks (kpath.model.proc.Task).  A task is a record: call (the call *)
(* record), timeout (ms, -1 infinite), phase ("RUNNING": runnable, it will *)
(* check its files; "SLEEPING": on wait queues; "DONE": its result is      *)
(* copied out), on (the files whose wait queues hold it while it sleeps in *)
(* poll, select or read, io_uring_enter on its ring's cq_wait, io_getevents *)
(* on its context's wait; an epoll_wait sleeper is on its epoll's wq       *)
(* instead), timedOut (its timer fired), ret and out (its result once      *)
(* DONE; while io_uring_enter waits, the count it submitted; while         *)
(* io_getevents waits, the events it took so far), need (io_uring_enter    *)
(* once it waits: how far the CQ tail still has to move, io_cqring_wait's  *)
(* iowq.cq_tail minus the tail; 0 otherwise).                              *)

Entered(c, timeout) == [call |-> c, timeout |-> timeout, phase |-> "RUNNING", on |-> {},
                        timedOut |-> FALSE, ret |-> 0, out |-> NoCopy, need |-> 0]
Running(x) == [x EXCEPT !.phase = "RUNNING"]
Sleeping(x, on) == [x EXCEPT !.phase = "SLEEPING", !.on = on]
SleepingWith(x, on, r, o, n) == [x EXCEPT !.phase = "SLEEPING", !.on = on, !.ret = r, !.out = o, !.need = n]
Expired(x) == [x EXCEPT !.phase = "RUNNING", !.on = {}, !.timedOut = TRUE]
Done(x, r, o) == [x EXCEPT !.phase = "DONE", !.on = {}, !.ret = r, !.out = o, !.need = 0]

\* Some io_uring ring has task work due (a poll's, IoPoll.tla): it runs before the submitter
\* returns to user space, so no other step is taken first; every action conjoins ~TaskWorkDue
\* (Java: Proc.successors).
\* A DEFER_TASKRUN ring's is local work, not due (IoPoll.tla LocalWork).
RingTaskWorkDue == \E x \in DOMAIN files : files[x].kind = "IoUring" /\ ~files[x].deferTaskrun /\ \E i \in 1..Len(files[x].polls) : files[x].polls[i].pending
\* ... or the fput of an AIO poll completed inline (Aio.tla AioFput).
\* A SPLICE sleeps in an io-wq worker (IoPoll.tla SpliceSleeps): a pipe write that would wake it and
\* a close of a file it may hold are not modelled meanwhile (Java: IoUring.spliceAsleep).
SpliceAsleep == \E x \in DOMAIN files : files[x].kind = "IoUring" /\ files[x].splices # <<>>

TaskWorkDue == RingTaskWorkDue \/ \E x \in DOMAIN files : files[x].kind = "AioCtx" /\ \E i \in 1..Len(files[x].polls) : files[x].polls[i].done

-----------------------------------------------------------------------------
(* How a call finishes                                                      *)

\* Who makes a call: the main task, whose calls never sleep and leave their result in ret and
\* out; or task t running its call c ([task |-> t, call |-> c], see TaskRun), whose result stays
\* with the task until it returns.
Main == [task |-> None, call |-> None]
Runs(by) ==
    \/ by.task = None
    \/ by.task \in DOMAIN tasks /\ tasks[by.task].phase = "RUNNING" /\ tasks[by.task].call = by.call

\* A task's call with result r sleeps instead of finishing (Tasks.run): epoll_wait, poll and
\* select that found nothing, io_getevents that took fewer than min_nr (fs/aio.c read_events),
\* with a timeout that is not 0 and has not fired. (A read and io_uring_enter sleep in their own
\* actions, TaskSleeps.)
SleepsOn(x, r) ==
    /\ \/ x.call.call \in {"EpollWait", "Poll", "Select"} /\ r = 0
       \/ x.call.call = "IoGetevents" /\ r >= 0 /\ r < x.call.minNr
    /\ x.timeout # 0 /\ ~x.timedOut

\* The call of by finishes: the world w after it, its result r and what it copies out o. A
\* task is DONE (its call returns at TaskReturn).
Finish(by, w, r, o) ==
    /\ files' = w.files /\ exclusive' = w.exclusive
    /\ IF by.task = None
       THEN tasks' = w.tasks /\ ret' = r /\ out' = o
       ELSE /\ ~SleepsOn(tasks[by.task], r)
            /\ tasks' = [w.tasks EXCEPT ![by.task] = Done(tasks[by.task], r, o)]
            /\ UNCHANGED <<ret, out>>
    /\ sigio' \in {w.sigio} \cup {Send(w.sigio, x) : x \in w.race}
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, blocking, fasync, owner>>

\* A call of by that only fails with errno e (a name: "EAGAIN").
FailBy(by, e) == Finish(by, World, Err(e), NoCopy)

\* The main task's syscall that only returns an errno, or that changes the world only.
Fail(e) == FailBy(Main, e)
Commit(w, r, o) == Finish(Main, w, r, o)

-----------------------------------------------------------------------------
(* Errno rules that several files share.  Each caller passes the kernel's  *)
(* condition for its case (bad); the rule's name labels the step.  TLC     *)
(* explores each disjunct of an action on its own (no short-circuit), so   *)
(* every condition must be well defined by itself.                         *)

\* fs/eventfd.c: a write of ULLONG_MAX, a read of fewer than 8 bytes; fs/read_write.c: read or
\* write on an epoll file (no ->read_iter, ->write_iter).
IoEinval(bad, by) == Runs(by) /\ bad /\ FailBy(by, "EINVAL")

\* Writing with no reader, or to a socket shut for sending (pipe_write, unix_stream_sendmsg,
\* tcp_sendmsg_locked).
IoEpipe(bad) == bad /\ Fail("EPIPE")

\* net/socket.c sockfd_lookup_light: not a socket (shutdown(2)), or not a TCP socket (bind(2) and
\* listen(2), which only TCP sockets make here).
SockEnotsock(bad) == bad /\ Fail("ENOTSOCK")

=============================================================================
