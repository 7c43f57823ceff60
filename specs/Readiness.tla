----------------------------- MODULE Readiness -----------------------------
(***************************************************************************)
(* Readiness on Linux 6.18: the poll methods of pipes, AF_UNIX stream      *)
(* sockets, TCP sockets on loopback, eventfds and epoll files; the wake-up *)
(* path from a file's wait queue to ep_poll_callback and to sleeping       *)
(* tasks; epoll_ctl, epoll_wait (level- and edge-triggered, EPOLLONESHOT,  *)
(* EPOLLEXCLUSIVE, nested epoll), poll and select; SIGIO.  The root of a   *)
(* spec split by kernel source file, as kpath.model.readiness is:          *)
(*                                                                         *)
(*   Proc           constants, variables, masks, tasks, how a call ends    *)
(*   FdTable        fs/file.c: fd numbers, dup, EBADF                      *)
(*   Wait           kernel/sched/wait.c: wake-ups, ep_poll_callback        *)
(*   Fasync         fs/fcntl.c: O_ASYNC, F_SETOWN_EX, SIGIO                *)
(*   Pipe, AfUnix, EventfdFile, TcpLoopback   the files' own methods       *)
(*   Eventpoll      fs/eventpoll.c: epoll_ctl, epoll_wait, vfs_poll        *)
(*   SelectPoll     fs/select.c: poll, select                              *)
(*   FileTable      close(2), fs/file_table.c __fput                       *)
(*   ReadWrite      fs/read_write.c: read(2), write(2)                     *)
(*   IoUring        io_uring/io_uring.c: setup, enter, overflow, reap      *)
(*   IoPoll         io_uring/poll.c, cancel.c: polls, links, task work     *)
(*   AioRing, Aio   fs/aio.c: contexts, IOCB_CMD_POLL, io_cancel, getevents*)
(*   NetSocket      net/socket.c: shutdown(2)                              *)
(*   Tasks          the tasks that sleep in epoll_wait, poll, select, read *)
(*                                                                         *)
(* Each syscall's action lists its checks and errnos in the kernel's       *)
(* order, then its outcomes (its sub-actions are the rule names of         *)
(* kpath.model.proc.ProcRule); a rule that several calls share   *)
(* (Ebadf, IoEinval, ...) takes the caller's condition.  Masks are sets of *)
(* bit names ("IN", "RDNORM", "ET", ...): TLA+ has no bitwise operators.   *)
(* The state holds values, not trace text: ret is what the kernel returns  *)
(* (-errno on failure, Uapi.tla), out what the call copied out (a record,  *)
(* CopyOutType); the trace module turns a trace's text into these values.  *)
(*                                                                         *)
(* Modelling simplifications:                                              *)
(*  - time is not modelled: a sleeping task's timer may fire at any step   *)
(*    (a trace check bounds it by the clock); runs are scheduled in any    *)
(*    order; signals (EINTR), busy polling and ep->ovflist (callbacks      *)
(*    during a scan) are not modelled;                                     *)
(*  - the non-exclusive entries of a wait queue (epoll items, tasks in     *)
(*    poll, select or read) are all called by a wake-up, so only the       *)
(*    order of the epoll items is kept; the EPOLLEXCLUSIVE entries are one *)
(*    list, oldest first (exclusive);                                      *)
(*  - a task in a call holds no reference on its files (the kernel's fdget *)
(*    and poll table do): closing the last fd of a file a task waits on    *)
(*    releases it at once;                                                 *)
(*  - pipes never fill and sockets are always writable (little data);      *)
(*  - pipe_write's poll_usage: every pipe is taken as polled, so every     *)
(*    write wakes its readers;                                             *)
(*  - fd allocation is not modelled: creation calls carry the numbers the  *)
(*    kernel gave; a name whose fd was closed resolves to whatever open fd *)
(*    now holds its number;                                                *)
(*  - TCP on loopback only: connect completes the handshake inside the     *)
(*    call; TIME_WAIT, LAST_ACK and retransmissions are not modelled;      *)
(*  - the eventfd counter limit ULLONG_MAX is the constant UMax (TLC's     *)
(*    integers are 32-bit);                                                *)
(*  - no EFAULT but epoll_ctl's NULL event, no epoll limits                *)
(*    (max_user_watches, reverse path counts).                             *)
(***************************************************************************)
EXTENDS Tasks, FileTable, NetSocket, IoPoll, IoWq, Aio, Sigmask

-----------------------------------------------------------------------------
(* The initial state: what the Setup calls leave                            *)

\* The regular file an Open call makes: an empty one without O_DIRECT unless the call says more.
OpenedFile(c) == IF "direct" \in DOMAIN c THEN RegularFile(c.direct, c.size, c.align) ELSE RegularFile(FALSE, 0, 0)

\* A socketpair's sk_sndbuf and skb truesize, as the trace's header recorded them; where it did not,
\* net.core.wmem_default's boot value (SK_WMEM_DEFAULT, 212992) and nothing charged.
SocketpairSend(c) == IF "sndbuf" \in DOMAIN c THEN [sndbuf |-> c.sndbuf, truesize |-> c.truesize]
                     ELSE [sndbuf |-> 212992, truesize |-> 0]

\* The fds a creation call makes: [id, number, file] each.
NewFds(c) ==
    CASE c.call = "Pipe2" -> PipeFds(c.r, c.rn, c.w, c.wn)
      [] c.call = "Socketpair" -> SocketpairFds(c.a, c.an, c.b, c.bn, SocketpairSend(c).sndbuf, SocketpairSend(c).truesize)
      [] c.call = "Eventfd" -> EventfdFds(c.name, c.number, c.initval, c.semaphore)
      [] c.call = "EpollCreate1" -> EpollFds(c.name, c.number)
      [] c.call = "Open" -> RegularFds(c.name, c.number, OpenedFile(c))
      [] c.call = "Socket" -> SocketFds(c.name, c.number)

\* A socketpair or an eventfd made without SOCK_NONBLOCK / EFD_NONBLOCK is blocking.
Blocks(c) == "nonblock" \in DOMAIN c /\ ~c.nonblock

RECURSIVE SetupWorld(_, _)
SetupWorld(s, cs) == IF cs = <<>> THEN s
                     ELSE IF Head(cs).call = "Setrlimit" THEN SetupWorld([s EXCEPT !.ret = 0, !.out = NoCopy], Tail(cs))
                     ELSE SetupWorld(Create(s, NewFds(Head(cs)), Blocks(Head(cs))), Tail(cs))

\* The signal limit a Setrlimit among the Setup calls leaves (the last one); -1 when none.
SetupLimit == LET ls == {i \in 1..Len(Setup) : Setup[i].call = "Setrlimit"}
              IN  IF ls = {} THEN -1 ELSE Setup[CHOOSE i \in ls : \A j \in ls : j <= i].cur

Initial == SetupWorld([numbers |-> NoFunction, fds |-> NoFunction, files |-> NoFunction, ret |-> 0,
                       out |-> NoCopy, blocking |-> {}], Setup)

Init ==
    /\ numbers = Initial.numbers
    /\ fds = Initial.fds
    /\ files = Initial.files
    /\ ret = Initial.ret
    /\ out = Initial.out
    /\ tasks = NoFunction
    /\ exclusive = <<>>
    /\ blocking = Initial.blocking
    /\ fasync = NoFunction /\ owner = NoFunction /\ sigio = [plain |-> FALSE, urg |-> FALSE, queue |-> <<>>, limit |-> SetupLimit,
                                                           handled |-> {}, ignored |-> {}]

-----------------------------------------------------------------------------
(* The steps                                                                *)

CallsOf(k) == {c \in Calls : c.call = k}

\* The process's syscalls: the main task's one-line calls, and a task's call and return.
SyscallNext ==
    \/ \E c \in CallsOf("Pipe2") : Pipe2Ok(c.r, c.rn, c.w, c.wn, Blocks(c)) \* Pipe2, or Pipe2Blocking without O_NONBLOCK
    \/ \E c \in CallsOf("Socketpair") : Socketpair(c.a, c.an, c.b, c.bn, c.nonblock, SocketpairSend(c).sndbuf,
                                                  SocketpairSend(c).truesize)
    \/ \E c \in CallsOf("Eventfd") : Eventfd(c.name, c.number, c.initval, c.semaphore, c.nonblock)
    \/ \E c \in CallsOf("EpollCreate1") : EpollCreate1(c.name, c.number)
    \/ \E c \in CallsOf("Open") : LET r == OpenedFile(c) IN Open(c.name, c.number, r.direct, r.size, r.align)
    \/ \E c \in CallsOf("Socket") : Socket(c.name, c.number)
    \/ \E c \in CallsOf("Bind") : Bind(c.fd)
    \/ \E c \in CallsOf("Listen") : Listen(c.fd, c.backlog)
    \/ \E c \in CallsOf("Connect") : Connect(c.fd, c.listener)
    \/ \E c \in CallsOf("Accept4") : Accept4(c.fd, c.name, c.number)
    \/ \E c \in CallsOf("Dup") : Dup(c.fd, c.name, c.number)
    \/ \E c \in CallsOf("Write") : Write(c.fd, c.n)
    \/ \E c \in CallsOf("SendOob") : SendOob(c.fd, c.n)
    \/ \E c \in CallsOf("Read") : Read(c.fd, c.n, Main)
    \/ \E c \in CallsOf("Shutdown") : Shutdown(c.fd, c.how)
    \/ \E c \in CallsOf("Close") : Close(c.fd)
    \/ \E c \in CallsOf("EpollCtl") : EpollCtl(c.epfd, c.op, c.fd, c.events, c.nullEvent)
    \/ \E c \in CallsOf("EpollWait") : EpollWait(c.epfd, c.maxevents, Main)
    \/ \E c \in CallsOf("Poll") : Poll(c.pfds, Main)
    \/ \E c \in CallsOf("Select") : Select(c.nfds, c.rd, c.wr, c.ex, Main)
    \/ \E c \in CallsOf("EpollPwait") : EpollPwait(c.epfd, c.maxevents, c.usig, c.mask, c.sigsetsize)
    \/ \E c \in CallsOf("Ppoll") : Ppoll(c.pfds, c.usig, c.mask, c.sigsetsize)
    \/ \E c \in CallsOf("Pselect6") : Pselect6(c.nfds, c.rd, c.wr, c.ex, c.usig, c.mask, c.sigsetsize)
    \/ \E c \in CallsOf("IoUringEnterMasked") : IoUringEnterMasked(c.fd, c.sqes, c.minComplete, c.usig, c.mask, c.sigsetsize)
    \/ \E c \in CallsOf("Fcntl") : Fcntl(c.fd, c.cmd, c.nonblock, c.async, c.sig)
    \/ \E c \in CallsOf("Ioctl") : Ioctl(c.fd, c.cmd, c.arg)
    \/ \E c \in CallsOf("Setsockopt") : Setsockopt(c.fd, c.val, c.wmemMax, c.sndbufMin)
    \/ \E c \in CallsOf("Getsockopt") : Getsockopt(c.fd)
    \/ \E c \in CallsOf("Setrlimit") : Setrlimit(c.resource, c.cur)
    \/ \E c \in CallsOf("Sigtimedwait") : Sigtimedwait(c.set)
    \/ \E c \in CallsOf("Sigaction") : Sigaction(c.signo, c.action)
    \/ \E c \in CallsOf("IoUringSetup") : IoUringSetup(c.name, c.number, c.entries, c.flags, c.cqEntries, c.resv)
    \/ \E c \in CallsOf("IoUringEnter") : IoUringEnter(c.fd, c.sqes, c.minComplete, c.getevents, c.argsz, c.pad, Main)
    \/ \E c \in CallsOf("IoUringEnterBadFlags") : IoUringEnterBadFlags(c.fd, c.flags)
    \/ \E c \in CallsOf("IoUringRegisterEventfd") : IoUringRegisterEventfd(c.fd, c.eventfd)
    \/ \E c \in CallsOf("CqReap") : CqReap(c.fd) \* the application reaps: not a syscall
    \/ \E c \in CallsOf("SqPublish") : SqPublish(c.fd, c.sqes) \* the application stores the SQ tail: not a syscall
    \/ \E c \in CallsOf("IoSetup") : IoSetup(c.nrEvents, c.ctx, c.aioMaxNr, c.possibleCpus)
    \/ \E c \in CallsOf("IoSubmit") : IoSubmit(c.ctx, c.iocbs, Main)
    \/ \E c \in CallsOf("IoCancel") : IoCancel(c.ctx, c.data)
    \/ \E c \in CallsOf("IoGetevents") : IoGetevents(c.ctx, c.minNr, c.nr, Main)
    \/ \E c \in CallsOf("IoPgetevents") : IoPgetevents(c.ctx, c.minNr, c.nr, c.usig, c.mask, c.sigsetsize)
    \/ \E c \in CallsOf("IoDestroy") : IoDestroy(c.ctx, Main)
    \/ \E c \in CallsOf("TaskCall") : TaskCall(c.task, c.op, c.timeout)
    \/ \E c \in CallsOf("TaskReturn") : TaskReturn(c.task)

\* The kernel's own steps: the scheduler runs a task, a task's timer fires, a LINK_TIMEOUT's timer fires.
KernelNext ==
    \/ \E c \in CallsOf("TaskRun") : TaskRun(c.task)
    \/ \E c \in CallsOf("TaskTimeout") : TaskTimeout(c.task)
    \/ \E c \in CallsOf("AioPollWork") : AioPollWork
    \/ \E c \in CallsOf("AioTrylockFails") : AioTrylockFails
    \/ \E c \in CallsOf("DelayedFputWork") : DelayedFputWork
    \/ \E c \in CallsOf("IoWqWork") : IoWqWork
    \/ \E c \in CallsOf("IoWqFree") : IoWqFree
    \/ \E c \in CallsOf("IoSqThread") : IoSqThread
    \/ \E c \in CallsOf("IoUringExitWork") : IoUringExitWork
    \/ \E c \in CallsOf("IoLinkTimeout") : IoLinkTimeout(c.userData)

\* The task's task work (io_uring's, the fput of AIO polls done inline) is due at once: while it is,
\* it is the only step (IoPoll.tla, Aio.tla).
IoUringTaskWork ==
    \/ IoUringPollTaskWork
    \/ AioFput

TaskWorkNext == \E c \in CallsOf("IoUringTaskWork") : IoUringTaskWork

\* Nothing outside the process acts: both ends of every pipe and socket, and the client of every
\* listener, are this process's fds (a peer's data is another fd's Write).
EnvironmentNext == FALSE

Next == SyscallNext \/ KernelNext \/ TaskWorkNext \/ EnvironmentNext

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Types                                                                    *)

Bits == EventBits \cup Private
CqeType == [userData : Nat, res : Int, flags : Nat]
\* events: poll bits, or an ASYNC_CANCEL's cancel_flags by name ("unknown": a bit 6.18 does not know);
\* off: a POLL_REMOVE's new user_data.
\* drain: IOSQE_IO_DRAIN, a field only where set (IoPoll.tla Drained); skip: IOSQE_CQE_SKIP_SUCCESS,
\* likewise (IoPoll.tla Skips; never with drain: DrainModelled); pollFirst: a RECV's
\* IORING_RECVSEND_POLL_FIRST, likewise (IoPoll.tla PollFirst); fdIn: a SPLICE's input fd, likewise (IoPoll.tla FdIn);
\* bufGroup: a RECV's IOSQE_BUFFER_SELECT group, or the group of PROVIDE_BUFFERS and REMOVE_BUFFERS (IoPoll.tla BufSelect).
SqeType == [op : STRING, userData : Nat, fd : STRING,
            events : SUBSET (Bits \cup {"ALL", "FD", "ANY", "FD_FIXED", "USERDATA", "OP", "unknown"}), multishot : BOOLEAN,
            target : Nat, link : BOOLEAN, hardlink : BOOLEAN, len : Nat, dontwait : BOOLEAN, off : Nat]
        \cup [op : STRING, userData : Nat, fd : STRING,
            events : SUBSET (Bits \cup {"ALL", "FD", "ANY", "FD_FIXED", "USERDATA", "OP", "unknown"}), multishot : BOOLEAN,
            target : Nat, link : BOOLEAN, hardlink : BOOLEAN, len : Nat, dontwait : BOOLEAN, off : Nat, drain : {TRUE}]
        \cup [op : STRING, userData : Nat, fd : STRING,
            events : SUBSET (Bits \cup {"ALL", "FD", "ANY", "FD_FIXED", "USERDATA", "OP", "unknown"}), multishot : BOOLEAN,
            target : Nat, link : BOOLEAN, hardlink : BOOLEAN, len : Nat, dontwait : BOOLEAN, off : Nat, skip : {TRUE}]
        \cup [op : STRING, userData : Nat, fd : STRING,
            events : SUBSET (Bits \cup {"ALL", "FD", "ANY", "FD_FIXED", "USERDATA", "OP", "unknown"}), multishot : BOOLEAN,
            target : Nat, link : BOOLEAN, hardlink : BOOLEAN, len : Nat, dontwait : BOOLEAN, off : Nat, pollFirst : {TRUE}]
        \cup [op : STRING, userData : Nat, fd : STRING,
            events : SUBSET (Bits \cup {"ALL", "FD", "ANY", "FD_FIXED", "USERDATA", "OP", "unknown"}), multishot : BOOLEAN,
            target : Nat, link : BOOLEAN, hardlink : BOOLEAN, len : Nat, dontwait : BOOLEAN, off : Nat, fdIn : STRING]
        \cup [op : STRING, userData : Nat, fd : STRING,
            events : SUBSET (Bits \cup {"ALL", "FD", "ANY", "FD_FIXED", "USERDATA", "OP", "unknown"}), multishot : BOOLEAN,
            target : Nat, link : BOOLEAN, hardlink : BOOLEAN, len : Nat, dontwait : BOOLEAN, off : Nat, bufGroup : Nat]
KeyType == [file : STRING, fd : STRING]
IocbType == [op : STRING, data : Nat, fd : STRING, events : SUBSET Bits, nbytes : Int, resfd : STRING,
             rwFlags : SUBSET {"RWF_NOWAIT", "other", "unknown"}, offset : Int, reserved2 : Nat]
FileType ==
    [kind : {"PipeRead"}, writer : STRING, bytes : Nat, writerAlive : BOOLEAN]
    \cup [kind : {"PipeWrite"}, reader : STRING, readerAlive : BOOLEAN]
    \cup [kind : {"UnixStream"}, peer : STRING, rcvQueue : Seq(Nat), shutdown : 0..3, err : BOOLEAN,
           sndbuf : Nat, wmem : Nat, truesize : Nat, nospace : BOOLEAN]
    \cup [kind : {"EventFd"}, count : 0..UMax, semaphore : BOOLEAN]
    \cup [kind : {"Epoll"}, items : Seq([file : STRING, fd : STRING, events : SUBSET Bits]),
          rdllist : Seq(KeyType), wq : Seq(STRING)]
    \cup [kind : {"TcpSock"}, state : {"CLOSE", "LISTEN", "ESTABLISHED"}, peer : STRING, rcvBytes : Nat,
          shutdown : 0..3, err : {"", "ECONNRESET", "EPIPE"}, acceptQueue : Seq(STRING), urg : BOOLEAN]
    \cup [kind : {"Regular"}, direct : BOOLEAN, size : Nat, align : Nat]
    \cup [kind : {"IoUring"}, sqEntries : Nat, cqEntries : Nat, cq : Seq(CqeType), overflow : Seq(CqeType),
          polls : Seq([userData : Nat, file : STRING, events : SUBSET Bits, multishot : BOOLEAN,
                       pending : BOOLEAN, cancelled : BOOLEAN, linked : Seq(SqeType), hardlink : BOOLEAN,
                       op : STRING, len : Nat]),
          evfd : STRING, sq : Seq(SqeType), defer : Seq(SqeType), drainActive : BOOLEAN, iowq : Seq(Nat), unfreed : Nat,
          drainDisabled : BOOLEAN, sqDropped : Nat, noSqArray : BOOLEAN, sqpoll : BOOLEAN,
          splices : Seq([userData : Nat, signalled : BOOLEAN]),
          kbufs : Seq([bgid : Nat, bid : Nat, len : Nat]), bufGroups : Seq(Nat), deferTaskrun : BOOLEAN,
          forcedAsync : Seq(Nat)]
    \cup [kind : {"AioCtx"}, events : Seq([data : Nat, res : Int]),
          polls : Seq([data : Nat, file : STRING, events : SUBSET Bits, work : BOOLEAN, cancelled : BOOLEAN,
                       resfd : STRING, busy : BOOLEAN, done : BOOLEAN, res : Int]),
          putting : SUBSET STRING, dead : BOOLEAN, slots : Nat, nr : Nat]
\* A queued signal's siginfo (Fasync.tla SigioFor).
SigInfoType == [signo : Int, code : DOMAIN SigPollCode, fd : STRING, band : SUBSET Bits]

CopyOutType ==
    {NoCopy} \cup [events : Seq([data : STRING, events : SUBSET Bits])]
    \cup [revents : Seq([fd : STRING, revents : SUBSET Bits])]
    \cup [rd : SUBSET STRING, wr : SUBSET STRING, ex : SUBSET STRING]
    \cup [value : 0..UMax] \cup [fds : Seq(Nat)]
    \cup [signo : Int, code : DOMAIN SigPollCode \cup {"SI_KERNEL"}, fd : STRING, band : SUBSET Bits]
    \cup [ownerType : {"F_OWNER_TID"}, pid : STRING]
    \cup [sqEntries : Nat, cqEntries : Nat, features : Nat] \cup [cqes : Seq(CqeType), overflowFlag : BOOLEAN, dropped : Nat]
    \cup [aioEvents : Seq([data : Nat, res : Int])]
\* The calls a task may sleep in.
SleepCallType ==
    [call : {"EpollWait"}, epfd : STRING, maxevents : Int]
    \cup [call : {"Poll"}, pfds : Seq([fd : STRING, events : SUBSET Bits])]
    \cup [call : {"Select"}, nfds : Int, rd : SUBSET STRING, wr : SUBSET STRING, ex : SUBSET STRING]
    \cup [call : {"Read"}, fd : STRING, n : Nat]
    \cup [call : {"IoUringEnter"}, fd : STRING, sqes : Seq(SqeType), minComplete : Nat, getevents : BOOLEAN,
          argsz : Int, pad : Nat]
    \cup [call : {"IoGetevents"}, ctx : STRING, minNr : Int, nr : Int]
    \cup [call : {"IoSubmit"}, ctx : STRING, iocbs : Seq(IocbType)]
    \cup [call : {"IoDestroy"}, ctx : STRING]
TaskType == [call : SleepCallType, timeout : Int, phase : {"RUNNING", "SLEEPING", "DONE"}, on : SUBSET STRING,
             timedOut : BOOLEAN, ret : Int, out : CopyOutType, need : Int]

TypeOK ==
    /\ numbers \in [DOMAIN numbers -> Nat]
    /\ fds \in [DOMAIN fds -> STRING] /\ DOMAIN fds \subseteq DOMAIN numbers
    /\ \A f \in DOMAIN files : files[f] \in FileType
    /\ ret \in Int /\ out \in CopyOutType
    /\ \A t \in DOMAIN tasks : tasks[t] \in TaskType
    /\ exclusive \in Seq([ep : STRING, key : KeyType])
    /\ blocking \in SUBSET STRING /\ fasync \in [DOMAIN fasync -> STRING]
    /\ owner \in [DOMAIN owner -> [tid : BOOLEAN, signum : 0..NSig]]
    /\ sigio \in [plain : BOOLEAN, urg : BOOLEAN, queue : Seq(SigInfoType), limit : Int,
                  handled : SUBSET (1..NSig), ignored : SUBSET (1..NSig)]

\* What a trace's observe lines read (Java: ReadinessModel.observe, same fields): what the main
\* task's last call copied out, each task's phase (/proc/self/task/TID/stat and wchan), and each
\* live AIO context's event ring (struct aio_ring): its nr and the events it holds (tail - head mod nr).
Observables == [out |-> out, phase |-> [t \in DOMAIN tasks |-> tasks[t].phase],
                aioRing |-> [c \in {x \in DOMAIN files : files[x].kind = "AioCtx" /\ ~files[x].dead} |->
                               [nr |-> files[c].nr, ready |-> Len(files[c].events)]]]

=============================================================================
