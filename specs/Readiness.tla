----------------------------- MODULE Readiness -----------------------------
(***************************************************************************)
(* Readiness on Linux 6.18: the poll methods of pipes, AF_UNIX stream      *)
(* sockets, TCP sockets on loopback, eventfds and epoll files; the wake-up *)
(* path from a file's wait queue to ep_poll_callback and to sleeping       *)
(* tasks; epoll_ctl, epoll_wait (level- and edge-triggered, EPOLLONESHOT,  *)
(* EPOLLEXCLUSIVE, nested epoll), poll and select (fs/eventpoll.c,         *)
(* fs/select.c, kernel/sched/wait.c, fs/pipe.c, fs/eventfd.c,              *)
(* net/unix/af_unix.c, net/ipv4/tcp.c).  Variable and action names are     *)
(* those of the Java model kpath.model.readiness.Readiness (the            *)
(* specification this module mirrors); each sub-action is a rule name of   *)
(* kpath.model.readiness.ReadinessRule.  A rule that several syscalls      *)
(* share (Ebadf, IoEagain, ...) is one operator taking the call as a       *)
(* record, a disjunction of one case per syscall.                          *)
(*                                                                         *)
(* One-line calls are made by the main task and never sleep.  Calls that   *)
(* may sleep are made by tasks: a task enters its call (TaskCall), runs    *)
(* when the scheduler lets it (TaskRun: it checks its files as the         *)
(* one-line call would, then finishes, or sleeps on wait queues), is woken *)
(* by the wake-up path (runnable again), may time out (TaskTimeout), and   *)
(* returns (TaskReturn).  A run that finishes is named by the rule of its  *)
(* check (EpollWaitOk, PollOk, ReadUnix, ...), one that sleeps TaskSleeps. *)
(* The calls that can be made by a task or by the main task take the       *)
(* caller as their last argument: Main, or [task |-> t, call |-> c].       *)
(*                                                                         *)
(* Masks are sets of bit names ("IN", "RDNORM", "ET", ...): TLA+ has no    *)
(* bitwise operators.  A file's id is the name of the fd that created it   *)
(* (an accepted child: "listener.client").                                 *)
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
EXTENDS Integers, Sequences, FiniteSets, TLC

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
    ret,        \* the main task's last result
    out,        \* what the main task's last call copied out, as trace text
    tasks,      \* tasks inside a call that may sleep, by name: records (see Entered)
    exclusive,  \* the EPOLLEXCLUSIVE wait-queue entries [ep, key], oldest first
    blocking,   \* files opened without O_NONBLOCK: a read of them sleeps, no EAGAIN
    fasync,     \* files with O_ASYNC on their fasync list (pipe ends, AF_UNIX stream sockets)
    owner,      \* files whose SIGIO goes to the main task (F_SETOWN_EX)
    sigio       \* SIGIO is pending for the main task (blocked; a standard signal is pending once)

vars == <<numbers, fds, files, ret, out, tasks, exclusive, blocking, fasync, owner, sigio>>

None == ""   \* no file, no fd, no task; a pollfd with a negative fd

-----------------------------------------------------------------------------
(* Masks and their text                                                     *)

EP_MAX_NESTS == 4

\* Mask.text order: the event bits, then the private ones.
EventBits == <<"IN", "PRI", "OUT", "ERR", "HUP", "NVAL", "RDNORM", "RDBAND", "WRNORM",
               "WRBAND", "MSG", "RDHUP">>
PrivateOrder == <<"EXCLUSIVE", "WAKEUP", "ONESHOT", "ET">>
\* fs/eventpoll.c EP_PRIVATE_BITS, EPOLLEXCLUSIVE_OK_BITS
Private == {"WAKEUP", "ONESHOT", "ET", "EXCLUSIVE"}
ExclusiveOk == {"IN", "OUT", "ERR", "HUP", "WAKEUP", "ET", "EXCLUSIVE"}
\* fs/select.c POLLIN_SET, POLLOUT_SET, POLLEX_SET
InSet == {"RDNORM", "RDBAND", "IN", "HUP", "ERR"}
OutSet == {"WRBAND", "WRNORM", "OUT", "ERR"}
ExSet == {"PRI"}

RECURSIVE Join(_)
Join(s) == IF Len(s) <= 1 THEN (IF s = <<>> THEN "" ELSE Head(s)) ELSE Head(s) \o "|" \o Join(Tail(s))

Prefixed(p, s) == [i \in 1..Len(s) |-> p \o s[i]]

\* Mask.text: "EPOLLIN|EPOLLRDNORM", "0" for none.
MaskText(m, prefix) ==
    LET names == Prefixed(prefix, SelectSeq(EventBits, LAMBDA b : b \in m))
                 \o Prefixed("EPOLL", SelectSeq(PrivateOrder, LAMBDA b : b \in m))
    IN  IF names = <<>> THEN "0" ELSE Join(names)

\* Names in Java's String order, joined by '|'; "-" for none (select's fd sets).
JoinNames(S) == IF S = {} THEN "-" ELSE Join(SelectSeq(NameOrder, LAMBDA n : n \in S))

\* sk_shutdown bits: RCV_SHUTDOWN 1, SEND_SHUTDOWN 2, SHUTDOWN_MASK 3.
RcvShut(s) == s % 2 = 1
SendShut(s) == (s \div 2) % 2 = 1
Or(a, b) == (IF RcvShut(a) \/ RcvShut(b) THEN 1 ELSE 0) + (IF SendShut(a) \/ SendShut(b) THEN 2 ELSE 0)

Min(a, b) == IF a < b THEN a ELSE b
MaxOf(S) == IF S = {} THEN 0 ELSE CHOOSE m \in S : \A x \in S : x <= m

-----------------------------------------------------------------------------
(* Functions, fds and items                                                 *)

Put(f, k, v) == [x \in DOMAIN f \cup {k} |-> IF x = k THEN v ELSE f[x]]
Del(f, k) == [x \in DOMAIN f \ {k} |-> f[x]]
InSeq(x, s) == \E i \in 1..Len(s) : s[i] = x
Reverse(s) == [i \in 1..Len(s) |-> s[Len(s) - i + 1]]

\* The open fd name that holds name's number now, or None (Readiness.W.openName).
OpenName(n) ==
    IF n \in DOMAIN fds THEN n
    ELSE IF n \notin DOMAIN numbers THEN None
    ELSE LET os == {o \in DOMAIN fds : numbers[o] = numbers[n]}
         IN  IF os = {} THEN None ELSE CHOOSE o \in os : TRUE

\* The file behind name's fd number, or None.
FileOf(n) == IF OpenName(n) = None THEN None ELSE fds[OpenName(n)]

Is(f, k) == f # None /\ files[f].kind = k
Fresh(n) == n \notin DOMAIN numbers

Key(it) == [file |-> it.file, fd |-> it.fd]
ItemOf(items, k) == items[CHOOSE i \in 1..Len(items) : Key(items[i]) = k]
Armed(it) == it.events \ Private # {}

\* The fds of a select whose numbers are below nfds: do_select looks at no other.
InRange(nfds, rd, wr, ex) == {f \in rd \cup wr \cup ex : f \in DOMAIN numbers /\ numbers[f] < nfds}

\* What the wake-up path and the poll methods change, threaded through them as one value w
\* (Readiness.W): the files, the tasks and the exclusive entries.
World == [files |-> files, tasks |-> tasks, exclusive |-> exclusive, sigio |-> sigio, race |-> FALSE]

Live(w, f, k) == f \in DOMAIN w.files /\ w.files[f].kind = k

\* Epoll file ids in a fixed order, so wake-ups visit epolls deterministically.
EpollIds(w) == SelectSeq(NameOrder, LAMBDA n : n \in DOMAIN w.files /\ w.files[n].kind = "Epoll")

-----------------------------------------------------------------------------
(* Tasks.  A task is a record: call (the call record), timeout (ms, -1     *)
(* infinite), phase ("RUNNING": runnable, it will check its files;         *)
(* "SLEEPING": on wait queues; "DONE": its result is copied out), on (the  *)
(* files whose wait queues hold it while it sleeps in poll, select or      *)
(* read; an epoll_wait sleeper is on its epoll's wq instead), timedOut     *)
(* (its timer fired), ret and out (its result once DONE).                  *)

Entered(c, timeout) == [call |-> c, timeout |-> timeout, phase |-> "RUNNING", on |-> {},
                        timedOut |-> FALSE, ret |-> "-", out |-> <<>>]
Running(x) == [x EXCEPT !.phase = "RUNNING"]
Sleeping(x, on) == [x EXCEPT !.phase = "SLEEPING", !.on = on]
Expired(x) == [x EXCEPT !.phase = "RUNNING", !.on = {}, !.timedOut = TRUE]
Done(x, r, o) == [x EXCEPT !.phase = "DONE", !.on = {}, !.ret = r, !.out = o]

\* kernel: fs/eventpoll.c wake_up(&ep->wq): epoll_wait sleepers wait exclusively, and ep_poll's
\* __add_wait_queue_exclusive puts each at the head (include/linux/wait.h), so a wake-up wakes the
\* newest sleeper (LIFO); ep_autoremove_wake_function takes it off the queue.
WakeEpWaiter(w, ep) ==
    IF w.files[ep].wq = <<>> THEN w
    ELSE LET t == Head(w.files[ep].wq) IN [w EXCEPT !.files[ep].wq = Tail(@), !.tasks[t] = Running(@)]

\* kernel: fs/select.c pollwake ignores keys that miss the entry's key: for poll the fd's
\* events | POLLERR | POLLHUP, for select POLLEX_SET plus the sets the fd is in (wait_key_set).
PollKey(c, f) == UNION {c.pfds[i].events \cup {"ERR", "HUP"} :
                        i \in {j \in 1..Len(c.pfds) : c.pfds[j].fd # None /\ FileOf(c.pfds[j].fd) = f}}
SelectKey(c, f) ==
    LET in(s) == \E d \in s \cap InRange(c.nfds, c.rd, c.wr, c.ex) : FileOf(d) = f IN
    (IF in(c.rd) THEN InSet \cup ExSet ELSE {}) \cup (IF in(c.wr) THEN OutSet \cup ExSet ELSE {})
    \cup (IF in(c.ex) THEN ExSet ELSE {})

\* Whether a wake-up with key wakes task x, which sleeps on f. A read sleeps in prepare_to_wait
\* (unix_stream_data_wait, eventfd_read_iter): any wake-up wakes it.
Wakes(x, f, key) ==
    \/ key = {}
    \/ x.call.call \notin {"Poll", "Select"}
    \/ x.call.call = "Poll" /\ PollKey(x.call, f) \cap key # {}
    \/ x.call.call = "Select" /\ SelectKey(x.call, f) \cap key # {}

-----------------------------------------------------------------------------
(* The poll methods (f_op->poll).  Polling an epoll file re-polls its ready *)
(* items and drops those no longer ready, and may wake an epoll_wait        *)
(* sleeper, so FilePoll returns the world after the poll as well as the     *)
(* mask: [w |-> world, m |-> mask].                                         *)

\* kernel: net/unix/af_unix.c unix_poll (always writable here)
UnixPoll(u) ==
    (IF u.err THEN {"ERR"} ELSE {}) \cup (IF u.shutdown = 3 THEN {"HUP"} ELSE {})
    \cup (IF RcvShut(u.shutdown) THEN {"RDHUP", "IN", "RDNORM"} ELSE {})
    \cup (IF u.rcvQueue # <<>> THEN {"IN", "RDNORM"} ELSE {}) \cup {"OUT", "WRNORM", "WRBAND"}

\* kernel: net/ipv4/tcp.c tcp_poll; a listener: inet_csk_listen_poll
TcpPoll(t) ==
    IF t.state = "LISTEN" THEN (IF t.acceptQueue = <<>> THEN {} ELSE {"IN", "RDNORM"})
    ELSE (IF t.shutdown = 3 \/ t.state = "CLOSE" THEN {"HUP"} ELSE {})
         \cup (IF RcvShut(t.shutdown) THEN {"IN", "RDNORM", "RDHUP"} ELSE {})
         \cup (IF t.rcvBytes > 0 THEN {"IN", "RDNORM"} ELSE {}) \cup {"OUT", "WRNORM"}
         \cup (IF t.err # "" THEN {"ERR"} ELSE {})

\* kernel: fs/eventfd.c eventfd_poll
EventfdPoll(e) ==
    (IF e.count # 0 THEN {"IN"} ELSE {}) \cup (IF e.count = UMax THEN {"ERR"} ELSE {})
    \cup (IF UMax - 1 > e.count THEN {"OUT"} ELSE {})

RECURSIVE FilePoll(_, _), EpPoll(_, _, _)

FilePoll(w, f) ==
    LET x == w.files[f] IN
    IF x.kind = "Epoll" THEN EpPoll(w, f, x.rdllist)
    ELSE [w |-> w,
          m |-> CASE x.kind = "PipeRead"   -> (IF x.bytes > 0 THEN {"IN", "RDNORM"} ELSE {})
                                              \cup (IF x.writerAlive THEN {} ELSE {"HUP"})
                  [] x.kind = "PipeWrite"  -> {"OUT", "WRNORM"} \cup (IF x.readerAlive THEN {} ELSE {"ERR"})
                  [] x.kind = "UnixStream" -> UnixPoll(x)
                  [] x.kind = "TcpSock"    -> TcpPoll(x)
                  [] x.kind = "EventFd"    -> EventfdPoll(x)
                  \* kernel: fs/select.c DEFAULT_POLLMASK for files without ->poll
                  [] x.kind = "Regular"    -> {"IN", "OUT", "RDNORM", "WRNORM"}]

\* kernel: fs/eventpoll.c __ep_eventpoll_poll: readable iff some queued item still polls ready;
\* the leading items that do not are unlinked (list_del_init). ep_done_scan: items remain on
\* rdllist, so an epoll_wait sleeper is woken to take them.
EpPoll(w, f, rdl) ==
    IF rdl = <<>> THEN [w |-> [w EXCEPT !.files[f].rdllist = <<>>], m |-> {}]
    ELSE LET it == ItemOf(w.files[f].items, Head(rdl))
             r  == FilePoll(w, it.file)
         IN  IF r.m \cap it.events # {}
             THEN [w |-> WakeEpWaiter([r.w EXCEPT !.files[f].rdllist = rdl], f), m |-> {"IN", "RDNORM"}]
             ELSE EpPoll(r.w, f, Tail(rdl))

-----------------------------------------------------------------------------
(* The wake-up path.  A wake-up on a file's wait queue with a poll key      *)
(* ({} for none: wake_up_interruptible_all from release, shutdown and       *)
(* state changes).  kernel: kernel/sched/wait.c __wake_up_common walks the  *)
(* queue head to tail.  add_wait_queue puts an entry at the head and        *)
(* add_wait_queue_exclusive at the tail, so every non-exclusive entry comes *)
(* first (the newest first): epoll items, and tasks sleeping in poll,       *)
(* select or read.  Then the EPOLLEXCLUSIVE items, oldest first, until one  *)
(* reports that it woke a waiter (nr_exclusive = 1), unless the wake-up is  *)
(* for all (key {}).                                                        *)

RECURSIVE Wake(_, _, _), WakeItems(_, _, _, _), Callbacks(_, _, _, _), Callback(_, _, _, _),
          WakeExclusive(_, _, _, _)

\* DOUBT: eventfd_read_iter sleeps through wait_event_interruptible_locked_irq, which adds its
\* entry at the tail (do_wait_intr_irq: __add_wait_queue_entry_tail), behind EPOLLEXCLUSIVE entries
\* added before it; here every task is woken before the exclusive walk, which may stop early.
Wake(w, f, key) ==
    LET w1 == WakeItems(w, EpollIds(w), f, key)
        w2 == [w1 EXCEPT !.tasks = [t \in DOMAIN w1.tasks |->
                 IF w1.tasks[t].phase = "SLEEPING" /\ f \in w1.tasks[t].on /\ Wakes(w1.tasks[t], f, key)
                 THEN Running(w1.tasks[t]) ELSE w1.tasks[t]]]
    IN  WakeExclusive(w2, w2.exclusive, f, key)

\* The non-exclusive items on f of each epoll in turn, newest first.
WakeItems(w, eps, f, key) ==
    IF eps = <<>> THEN w
    ELSE LET its == SelectSeq(w.files[Head(eps)].items, LAMBDA i : i.file = f /\ "EXCLUSIVE" \notin i.events)
         IN  WakeItems(Callbacks(w, Head(eps), Reverse(its), key), Tail(eps), f, key)

Callbacks(w, ep, its, key) ==
    IF its = <<>> THEN w ELSE Callbacks(Callback(w, ep, Head(its), key).w, ep, Tail(its), key)

\* kernel: fs/eventpoll.c ep_poll_callback: a disarmed item or a key that misses the item's mask
\* does nothing; otherwise the item goes to the tail of rdllist unless already there, the newest
\* epoll_wait sleeper is woken, and the epolls and tasks watching this epoll are woken with EPOLLIN
\* (ep_poll_safewake). Every callback counts: that is what edge-triggered reports. Returns the
\* world and ewake: FALSE only for an EPOLLEXCLUSIVE item that woke no sleeper for an event it
\* wants (the wake-up goes on to the next exclusive entry).
Callback(w, ep, it, key) ==
    LET excl == "EXCLUSIVE" \in it.events IN
    IF ~Armed(it) \/ (key # {} /\ key \cap it.events = {}) THEN [w |-> w, ewake |-> ~excl]
    ELSE LET w1 == IF InSeq(Key(it), w.files[ep].rdllist) THEN w
                   ELSE [w EXCEPT !.files[ep].rdllist = Append(@, Key(it))]
             io == key \cap {"IN", "OUT"}
             ewake == /\ w.files[ep].wq # <<>>
                      /\ \/ io = {}
                         \/ io = {"IN"} /\ "IN" \in it.events
                         \/ io = {"OUT"} /\ "OUT" \in it.events
         IN  [w |-> Wake(WakeEpWaiter(w1, ep), ep, {"IN"}), ewake |-> ewake \/ ~excl]

\* The exclusive entries xs on f in turn, until a callback's ewake (unless the wake-up is for all).
WakeExclusive(w, xs, f, key) ==
    IF xs = <<>> THEN w
    ELSE LET x == Head(xs) IN
         IF x.key.file = f /\ Live(w, x.ep, "Epoll")
         THEN LET r == Callback(w, x.ep, ItemOf(w.files[x.ep].items, x.key), key)
              IN  IF r.ewake /\ key # {} THEN r.w ELSE WakeExclusive(r.w, Tail(xs), f, key)
         ELSE WakeExclusive(w, Tail(xs), f, key)

RECURSIVE WakeTimes(_, _, _, _)
WakeTimes(w, f, key, k) == IF k = 0 THEN w ELSE WakeTimes(Wake(w, f, key), f, key, k - 1)

-----------------------------------------------------------------------------
(* Files going away                                                         *)

\* kernel: net/ipv4/tcp_input.c tcp_reset -> tcp_done: EPIPE in CLOSE_WAIT, else ECONNRESET; no key.
Reset(w, f) ==
    LET t == w.files[f] IN
    Wake([w EXCEPT !.files[f] = [kind |-> "TcpSock", state |-> "CLOSE", peer |-> t.peer, rcvBytes |-> t.rcvBytes,
                                 shutdown |-> 3, err |-> IF RcvShut(t.shutdown) THEN "EPIPE" ELSE "ECONNRESET",
                                 acceptQueue |-> <<>>]], f, {})

\* kernel: inet_csk_listen_stop: each child still queued is freed and its peer reset.
RECURSIVE ResetChildren(_, _)
ResetChildren(w, q) ==
    IF q = <<>> THEN w
    ELSE LET c  == w.files[Head(q)]
             w1 == [w EXCEPT !.files = Del(@, Head(q))]
         IN  ResetChildren(IF Live(w1, c.peer, "TcpSock") THEN Reset(w1, c.peer) ELSE w1, Tail(q))

\* kernel: net/ipv4/tcp.c __tcp_close: unread data means RST, otherwise a FIN (tcp_fin on the peer).
ReleaseTcp(w, t) ==
    IF t.state = "LISTEN" THEN ResetChildren(w, t.acceptQueue)
    ELSE IF ~Live(w, t.peer, "TcpSock") \/ w.files[t.peer].state = "CLOSE" THEN w
    ELSE IF t.rcvBytes > 0 THEN Reset(w, t.peer)
    ELSE Wake([w EXCEPT !.files[t.peer].shutdown = Or(@, 1)], t.peer, {})

\* kernel: fs/fcntl.c kill_fasync -> send_sigio: only a file on the fasync list with an owner signals.
KillFasync(w, f) == IF f \in fasync /\ f \in owner THEN [w EXCEPT !.sigio = TRUE] ELSE w

\* SOCKWQ_ASYNC_WAITDATA: a read task has slept on f and has not run since.
WaitData(w, f) == \E t \in DOMAIN w.tasks : w.tasks[t].call.call = "Read" /\ f \in w.tasks[t].on

\* A socket's wake-up on f with key (sock_def_readable, sock_def_wakeup), then, when async,
\* sk_wake_async(SOCK_WAKE_WAITD). kernel: net/socket.c sock_wake_async: no SIGIO while a reader
\* waits for data, unless the woken reader clears the bit first (race: both outcomes, see Finish).
SockWake(w, f, key, async) ==
    LET w1 == Wake(w, f, key) IN
    IF ~async THEN w1
    ELSE IF ~WaitData(w, f) THEN KillFasync(w1, f)
    ELSE IF f \in fasync /\ f \in owner THEN [w1 EXCEPT !.race = TRUE] ELSE w1

\* fs/pipe.c pipe_read ends, whatever it returns, in kill_fasync(&pipe->fasync_writers).
PipeReadKill(w, f, n) == IF Live(w, f, "PipeRead") /\ n > 0 THEN KillFasync(w, w.files[f].writer) ELSE w

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
    IN  CASE x.kind = "PipeRead" ->
               \* kernel: fs/pipe.c pipe_release: wake the other side, no key
               IF Live(w1, x.writer, "PipeWrite")
               THEN KillFasync(Wake([w1 EXCEPT !.files[x.writer].readerAlive = FALSE], x.writer, {}), x.writer)
               ELSE w1
          [] x.kind = "PipeWrite" ->
               IF Live(w1, x.reader, "PipeRead")
               THEN KillFasync(Wake([w1 EXCEPT !.files[x.reader].writerAlive = FALSE], x.reader, {}), x.reader)
               ELSE w1
          [] x.kind = "UnixStream" ->
               \* kernel: net/unix/af_unix.c unix_release_sock: the peer gets SHUTDOWN_MASK, and
               \* ECONNRESET if this end still held unread data; sk_state_change, no key
               IF Live(w1, x.peer, "UnixStream")
               THEN SockWake([w1 EXCEPT !.files[x.peer].shutdown = 3, !.files[x.peer].err = @ \/ x.rcvQueue # <<>>],
                             x.peer, {}, TRUE)
               ELSE w1
          [] x.kind = "TcpSock" -> ReleaseTcp(w1, x)
          [] OTHER -> w1

-----------------------------------------------------------------------------
(* Epoll helpers                                                            *)

\* ep_insert / ep_modify: poll the new item; if ready and not queued, queue it, wake an epoll_wait
\* sleeper (wake_up(&ep->wq)) and the watchers of the epoll (pwake -> ep_poll_safewake).
QueueIfReady(w, ep, it) ==
    LET r == FilePoll(w, it.file) IN
    IF r.m \cap it.events = {} \/ InSeq(Key(it), r.w.files[ep].rdllist) THEN r.w
    ELSE Wake(WakeEpWaiter([r.w EXCEPT !.files[ep].rdllist = Append(@, Key(it))], ep), ep, {"IN"})

RECURSIVE Reaches(_, _, _), Height(_, _), Upwards(_, _)
Reaches(fs, from, target) ==
    \/ from = target
    \/ \E i \in 1..Len(fs[from].items) :
           LET x == fs[from].items[i].file IN fs[x].kind = "Epoll" /\ Reaches(fs, x, target)
\* Epoll levels below ep, and above it.
Height(fs, ep) == MaxOf({1 + Height(fs, fs[ep].items[i].file) :
                         i \in {j \in 1..Len(fs[ep].items) : fs[fs[ep].items[j].file].kind = "Epoll"}})
Upwards(fs, ep) == MaxOf({1 + Upwards(fs, o) :
                          o \in {p \in DOMAIN fs : fs[p].kind = "Epoll" /\ \E i \in 1..Len(fs[p].items) : fs[p].items[i].file = ep}})

\* kernel: fs/eventpoll.c ep_loop_check (6.17 on)
Loops(fs, ep, to) == Reaches(fs, to, ep) \/ Height(fs, to) + 1 + Upwards(fs, ep) > EP_MAX_NESTS

\* ep_send_events: re-poll each item taken from the ready list; skip it if no longer ready;
\* report it; a ONESHOT item disarms, a level-triggered one goes back to the tail.
RECURSIVE SendEvents(_, _, _, _, _, _)
SendEvents(w, f, tx, res, max, o) ==
    IF tx = <<>> \/ res >= max THEN [w |-> w, tx |-> tx, res |-> res, out |-> o]
    ELSE LET k   == Head(tx)
             it  == ItemOf(w.files[f].items, k)
             p   == FilePoll(w, k.file)
             rev == p.m \cap it.events
             its == p.w.files[f].items
             w1  == IF "ONESHOT" \in it.events
                    THEN [p.w EXCEPT !.files[f].items = [i \in 1..Len(its) |->
                             IF Key(its[i]) = k THEN [its[i] EXCEPT !.events = it.events \cap Private] ELSE its[i]]]
                    ELSE IF "ET" \notin it.events THEN [p.w EXCEPT !.files[f].rdllist = Append(@, k)]
                    ELSE p.w
         IN  IF rev = {} THEN SendEvents(p.w, f, Tail(tx), res, max, o)
             ELSE SendEvents(w1, f, Tail(tx), res + 1, max, Append(o, k.fd \o "=" \o MaskText(rev, "EPOLL")))

\* kernel: fs/eventpoll.c do_epoll_wait, ep_send_events: take the ready list, report what still
\* polls ready; items not reached because maxevents was hit go back to the head; ep_done_scan:
\* items left on rdllist (a level-triggered one reported) wake the next epoll_wait sleeper.
\* [w, res, out]
EpollWaitScan(w, f, maxevents) ==
    LET r    == SendEvents([w EXCEPT !.files[f].rdllist = <<>>], f, w.files[f].rdllist, 0, maxevents, <<>>)
        rest == r.tx \o SelectSeq(r.w.files[f].rdllist, LAMBDA k : ~InSeq(k, r.tx))
        w1   == [r.w EXCEPT !.files[f].rdllist = rest]
    IN  [w |-> IF rest # <<>> THEN WakeEpWaiter(w1, f) ELSE w1, res |-> r.res, out |-> r.out]

-----------------------------------------------------------------------------
(* poll and select                                                          *)

\* kernel: fs/select.c do_sys_poll / do_pollfd: a negative fd is skipped, a closed one is POLLNVAL.
RECURSIVE PollFds(_, _, _, _)
PollFds(w, ps, count, o) ==
    IF ps = <<>> THEN [w |-> w, count |-> count, out |-> o]
    ELSE LET p == Head(ps)
             f == FileOf(p.fd)
             r == IF f = None THEN [w |-> w, m |-> {"NVAL"}] ELSE FilePoll(w, f)
             m == IF f = None THEN {"NVAL"} ELSE r.m \cap (p.events \cup {"ERR", "HUP"})
         IN  IF p.fd = None THEN PollFds(w, Tail(ps), count, o)
             ELSE IF m = {} THEN PollFds(r.w, Tail(ps), count, o)
             ELSE PollFds(r.w, Tail(ps), count + 1, Append(o, p.fd \o "=" \o MaskText(m, "POLL")))

\* The fds of a select in number order.
RECURSIVE ByNumber(_)
ByNumber(S) == IF S = {} THEN <<>>
               ELSE LET m == CHOOSE x \in S : \A y \in S : numbers[x] <= numbers[y]
                    IN  <<m>> \o ByNumber(S \ {m})

RECURSIVE SelectScan(_, _, _, _, _, _)
SelectScan(w, order, rd, wr, ex, sets) ==
    IF order = <<>> THEN [w |-> w, rd |-> sets[1], wr |-> sets[2], ex |-> sets[3]]
    ELSE LET fd == Head(order)
             r  == FilePoll(w, FileOf(fd))
             s1 == IF fd \in rd /\ r.m \cap InSet # {} THEN sets[1] \cup {fd} ELSE sets[1]
             s2 == IF fd \in wr /\ r.m \cap OutSet # {} THEN sets[2] \cup {fd} ELSE sets[2]
             s3 == IF fd \in ex /\ r.m \cap ExSet # {} THEN sets[3] \cup {fd} ELSE sets[3]
         IN  SelectScan(r.w, Tail(order), rd, wr, ex, <<s1, s2, s3>>)

\* kernel: fs/select.c do_select over the fds in range: [w, count, out]; the result counts bits.
SelectResult(w, nfds, rd, wr, ex) ==
    LET r == SelectScan(w, ByNumber(InRange(nfds, rd, wr, ex)), rd, wr, ex, <<{}, {}, {}>>) IN
    [w |-> r.w, count |-> Cardinality(r.rd) + Cardinality(r.wr) + Cardinality(r.ex),
     out |-> <<"rd=" \o JoinNames(r.rd), "wr=" \o JoinNames(r.wr), "ex=" \o JoinNames(r.ex)>>]

-----------------------------------------------------------------------------
(* File creation                                                            *)

PipeReadFile(w) == [kind |-> "PipeRead", writer |-> w, bytes |-> 0, writerAlive |-> TRUE]
PipeWriteFile(r) == [kind |-> "PipeWrite", reader |-> r, readerAlive |-> TRUE]
UnixFile(p) == [kind |-> "UnixStream", peer |-> p, rcvQueue |-> <<>>, shutdown |-> 0, err |-> FALSE]
TcpFile(st, p, q) == [kind |-> "TcpSock", state |-> st, peer |-> p, rcvBytes |-> 0, shutdown |-> 0,
                      err |-> "", acceptQueue |-> q]

\* The fds a creation call makes: [id, number, file] each.
NewFds(c) ==
    CASE c.call = "Pipe2" -> <<[id |-> c.r, number |-> c.rn, file |-> PipeReadFile(c.w)],
                               [id |-> c.w, number |-> c.wn, file |-> PipeWriteFile(c.r)]>>
      [] c.call = "Socketpair" -> <<[id |-> c.a, number |-> c.an, file |-> UnixFile(c.b)],
                                    [id |-> c.b, number |-> c.bn, file |-> UnixFile(c.a)]>>
      [] c.call = "Eventfd" -> <<[id |-> c.name, number |-> c.number,
                                  file |-> [kind |-> "EventFd", count |-> c.initval, semaphore |-> c.semaphore]]>>
      [] c.call = "EpollCreate1" -> <<[id |-> c.name, number |-> c.number,
                                       file |-> [kind |-> "Epoll", items |-> <<>>, rdllist |-> <<>>, wq |-> <<>>]]>>
      [] c.call = "Open" -> <<[id |-> c.name, number |-> c.number, file |-> [kind |-> "Regular"]]>>
      [] c.call = "Socket" -> <<[id |-> c.name, number |-> c.number, file |-> TcpFile("CLOSE", "", <<>>)]>>

NameNumber(n, k) == n \o ":" \o ToString(k)

\* The names are fresh: names are never reused, their files are new.
\* The kernel never hands out a number an open fd holds (fs/file.c alloc_fd).
NumberFree(k) == \A o \in DOMAIN fds : numbers[o] # k
NumbersFree(c) ==
    LET nf == NewFds(c) IN
    /\ \A i \in 1..Len(nf) : NumberFree(nf[i].number)
    /\ \A i, j \in 1..Len(nf) : i # j => nf[i].number # nf[j].number

CanCreate(nm, c) ==
    LET nf == NewFds(c) IN
    /\ \A i \in 1..Len(nf) : nf[i].id \notin DOMAIN nm
    /\ \A i, j \in 1..Len(nf) : i # j => nf[i].id # nf[j].id

\* The process [numbers, fds, files, ret, blocking] after a creation call. A socketpair or an
\* eventfd made without SOCK_NONBLOCK / EFD_NONBLOCK (nonblock FALSE) is blocking.
Create(s, c) ==
    LET nf  == NewFds(c)
        ids == {nf[i].id : i \in 1..Len(nf)}
        at(x) == nf[CHOOSE i \in 1..Len(nf) : nf[i].id = x]
    IN  [numbers  |-> [x \in DOMAIN s.numbers \cup ids |-> IF x \in ids THEN at(x).number ELSE s.numbers[x]],
         fds      |-> [x \in DOMAIN s.fds \cup ids |-> IF x \in ids THEN x ELSE s.fds[x]],
         files    |-> [x \in DOMAIN s.files \cup ids |-> IF x \in ids THEN at(x).file ELSE s.files[x]],
         ret      |-> IF Len(nf) = 1 THEN NameNumber(nf[1].id, nf[1].number)
                      ELSE NameNumber(nf[1].id, nf[1].number) \o "," \o NameNumber(nf[2].id, nf[2].number),
         blocking |-> IF "nonblock" \in DOMAIN c /\ ~c.nonblock THEN s.blocking \cup ids ELSE s.blocking]

RECURSIVE SetupWorld(_, _)
SetupWorld(s, cs) == IF cs = <<>> THEN s ELSE SetupWorld(Create(s, Head(cs)), Tail(cs))

NoFunction == [x \in {} |-> 0]
Initial == SetupWorld([numbers |-> NoFunction, fds |-> NoFunction, files |-> NoFunction, ret |-> "-",
                       blocking |-> {}], Setup)

Init ==
    /\ numbers = Initial.numbers
    /\ fds = Initial.fds
    /\ files = Initial.files
    /\ ret = Initial.ret
    /\ out = <<>>
    /\ tasks = NoFunction
    /\ exclusive = <<>>
    /\ blocking = Initial.blocking
    /\ fasync = {} /\ owner = {} /\ sigio = FALSE

-----------------------------------------------------------------------------
(* Step helpers                                                             *)

\* Who makes a call: the main task, whose calls never sleep and leave their result in ret and
\* out; or task t running its call c ([task |-> t, call |-> c], see TaskRun), whose result stays
\* with the task until it returns.
Main == [task |-> None, call |-> None]
Runs(by) ==
    \/ by.task = None
    \/ by.task \in DOMAIN tasks /\ tasks[by.task].phase = "RUNNING" /\ tasks[by.task].call = by.call

\* A task's call with result r sleeps instead of finishing (Readiness.run): epoll_wait, poll and
\* select that found nothing, with a timeout that is not 0 and has not fired.
SleepsOn(x, r) == x.call.call # "Read" /\ r = "0" /\ x.timeout # 0 /\ ~x.timedOut

\* A read of a blocking file with nothing to read sleeps. kernel: unix_stream_read_generic sleeps
\* in unix_stream_data_wait with no data, error or shutdown; fs/eventfd.c eventfd_read_iter while
\* the counter is 0 (8-byte reads only).
WouldSleep(fd, n) ==
    LET f == FileOf(fd) IN
    /\ f # None /\ f \in blocking
    /\ \/ files[f].kind = "UnixStream" /\ files[f].rcvQueue = <<>> /\ ~files[f].err /\ ~RcvShut(files[f].shutdown)
       \/ files[f].kind = "EventFd" /\ files[f].count = 0 /\ n >= 8

\* The call of by finishes: the world w after it, its result r and what it copies out o. A
\* task is DONE (its call returns at TaskReturn).
Finish(by, w, r, o) ==
    /\ files' = w.files /\ exclusive' = w.exclusive
    /\ IF by.task = None
       THEN tasks' = w.tasks /\ ret' = r /\ out' = o
       ELSE /\ ~SleepsOn(tasks[by.task], r)
            /\ tasks' = [w.tasks EXCEPT ![by.task] = Done(tasks[by.task], r, o)]
            /\ UNCHANGED <<ret, out>>
    /\ sigio' \in (IF w.race THEN {w.sigio, TRUE} ELSE {w.sigio})
    /\ UNCHANGED <<numbers, fds, blocking, fasync, owner>>

\* A call of by that only returns an errno.
FailBy(by, e) == Finish(by, World, e, <<>>)

\* The main task's syscall that only returns an errno, or that changes the world only.
Fail(e) == FailBy(Main, e)
Commit(w, r, o) == Finish(Main, w, r, o)

\* The state after a creation call (its guard is CanCreate).
Created(c) == Create([numbers |-> numbers, fds |-> fds, files |-> files, ret |-> "-", blocking |-> blocking], c)
Become(s) ==
    /\ numbers' = s.numbers /\ fds' = s.fds /\ files' = s.files /\ ret' = s.ret /\ out' = <<>>
    /\ blocking' = s.blocking /\ UNCHANGED <<tasks, exclusive, fasync, owner, sigio>>

-----------------------------------------------------------------------------
(* Rules that several syscalls share: one case per call, c the call record, *)
(* by the caller.  TLC explores each disjunct of an action on its own (no   *)
(* short-circuit), so every disjunct below is well defined by itself.       *)

\* man: EBADF — the fd number is not open, or not open for this (fs/read_write.c: !FMODE_WRITE,
\* !FMODE_READ; fs/select.c max_select_fd: a set bit for a closed fd).
Ebadf(c, by) ==
    /\ Runs(by)
    /\ CASE c.call \in {"Bind", "Listen", "Connect", "Shutdown", "Fcntl"} -> FileOf(c.fd) = None
         [] c.call \in {"Dup", "Accept4"} -> Fresh(c.name) /\ FileOf(c.fd) = None
         [] c.call = "Close" -> OpenName(c.fd) = None
         [] c.call = "Write" -> FileOf(c.fd) = None \/ Is(FileOf(c.fd), "PipeRead") \/ Is(FileOf(c.fd), "Regular")
         [] c.call = "Read" -> FileOf(c.fd) = None \/ Is(FileOf(c.fd), "PipeWrite")
         [] c.call = "EpollCtl" -> ~(c.nullEvent /\ c.op # "EPOLL_CTL_DEL")
                                   /\ (FileOf(c.epfd) = None \/ FileOf(c.fd) = None)
         [] c.call = "EpollWait" -> FileOf(c.epfd) = None
         [] c.call = "Select" -> c.nfds >= 0 /\ \E f \in InRange(c.nfds, c.rd, c.wr, c.ex) : FileOf(f) = None
         [] OTHER -> FALSE
    /\ FailBy(by, "EBADF")

\* Not a socket: shutdown(2), and bind(2) and listen(2) on a non-TCP file.
ShutdownEnotsock(c) ==
    /\ FileOf(c.fd) # None
    /\ CASE c.call \in {"Bind", "Listen"} -> files[FileOf(c.fd)].kind # "TcpSock"
         [] c.call = "Shutdown" -> files[FileOf(c.fd)].kind \notin {"TcpSock", "UnixStream"}
         [] OTHER -> FALSE
    /\ Fail("ENOTSOCK")

\* A TCP socket in the wrong state (inet_listen, inet_csk_accept, tcp_recvmsg, inet_shutdown).
SockEinval(c, by) ==
    LET f == FileOf(c.fd) IN
    \/ /\ c.call = "Listen" /\ Is(f, "TcpSock")
       /\ ~(files[f].state \in {"CLOSE", "LISTEN"} /\ files[f].peer = "")
       /\ Fail("EINVAL")
    \/ /\ c.call = "Accept4" /\ Fresh(c.name) /\ f # None
       /\ ~(files[f].kind = "TcpSock" /\ files[f].state = "LISTEN")
       /\ Fail("EINVAL")
    \/ /\ c.call = "Read" /\ Runs(by) /\ Is(f, "TcpSock")
       /\ \/ files[f].state = "LISTEN"
          \/ files[f].rcvBytes = 0 /\ files[f].err = "" /\ ~RcvShut(files[f].shutdown) /\ files[f].state = "CLOSE"
       /\ FailBy(by, "ENOTCONN")
    \/ /\ c.call = "Shutdown" /\ Is(f, "TcpSock") /\ files[f].state # "ESTABLISHED"
       /\ Fail("ENOTCONN")

\* Nothing to read yet (and the file is not blocking), eventfd overflow, or no child to accept.
IoEagain(c, by) ==
    /\ Runs(by)
    /\ LET f == FileOf(c.fd) IN
       CASE c.call = "Write" ->
              \* kernel: fs/eventfd.c eventfd_write, ULLONG_MAX - count <= n
              Is(f, "EventFd") /\ c.n # UMax /\ UMax - files[f].count <= c.n
         [] c.call = "Read" ->
              /\ ~WouldSleep(c.fd, c.n)
              /\ \/ Is(f, "PipeRead") /\ files[f].bytes = 0 /\ files[f].writerAlive
                 \/ Is(f, "UnixStream") /\ files[f].rcvQueue = <<>> /\ ~files[f].err /\ ~RcvShut(files[f].shutdown)
                 \/ Is(f, "EventFd") /\ c.n >= 8 /\ files[f].count = 0
                 \/ Is(f, "TcpSock") /\ files[f].state \notin {"LISTEN", "CLOSE"} /\ files[f].rcvBytes = 0
                    /\ files[f].err = "" /\ ~RcvShut(files[f].shutdown)
         [] c.call = "Accept4" ->
              Fresh(c.name) /\ Is(f, "TcpSock") /\ files[f].state = "LISTEN" /\ files[f].acceptQueue = <<>>
         [] c.call = "Sigtimedwait" -> ~sigio
         [] OTHER -> FALSE
    /\ Finish(by, IF c.call = "Read" THEN PipeReadKill(World, FileOf(c.fd), c.n) ELSE World, "EAGAIN", <<>>)

\* Writing with no reader, or to a socket shut for sending (pipe_write, unix_stream_sendmsg, tcp_sendmsg_locked).
IoEpipe(c) ==
    /\ LET f == FileOf(c.fd) IN
       \/ Is(f, "PipeWrite") /\ ~files[f].readerAlive
       \/ /\ Is(f, "UnixStream")
          /\ \/ SendShut(files[f].shutdown)
             \/ ~Live(World, files[f].peer, "UnixStream")
             \/ Live(World, files[f].peer, "UnixStream") /\ RcvShut(files[files[f].peer].shutdown)
       \/ /\ Is(f, "TcpSock") /\ files[f].err = ""
          /\ (SendShut(files[f].shutdown) \/ files[f].state # "ESTABLISHED")
    /\ Fail("EPIPE")

\* fs/eventfd.c: a write of ULLONG_MAX, a read of fewer than 8 bytes; read/write on an epoll file.
IoEinval(c, by) ==
    /\ Runs(by)
    /\ LET f == FileOf(c.fd) IN
       \/ Is(f, "Epoll")
       \/ c.call = "Write" /\ Is(f, "EventFd") /\ c.n = UMax
       \/ c.call = "Read" /\ Is(f, "EventFd") /\ c.n < 8
    /\ FailBy(by, "EINVAL")

\* read(2) at end of file: a pipe whose writers are gone (pipe_read), a regular file.
ReadPipeEof(c, by) ==
    /\ Runs(by)
    /\ LET f == FileOf(c.fd) IN
       \/ Is(f, "PipeRead") /\ files[f].bytes = 0 /\ ~files[f].writerAlive
       \/ Is(f, "Regular")
    /\ Finish(by, PipeReadKill(World, FileOf(c.fd), c.n), "0", <<>>)

\* A pending TCP error is reported and cleared (sock_error) by write, or by read once no data is left.
TcpSockError(c, by) ==
    LET f == FileOf(c.fd) IN
    /\ Runs(by)
    /\ Is(f, "TcpSock") /\ files[f].err # ""
    /\ c.call = "Read" => files[f].state # "LISTEN" /\ files[f].rcvBytes = 0
    /\ Finish(by, [World EXCEPT !.files[f].err = ""], files[f].err, <<>>)

-----------------------------------------------------------------------------
(* File creation, dup, close                                                *)

\* man: pipe2(2), socketpair(2), eventfd(2), epoll_create1(2), openat(2), socket(2): fresh names only
Pipe2Ok(r, rn, w, wn) ==
    LET c == [call |-> "Pipe2", r |-> r, rn |-> rn, w |-> w, wn |-> wn] IN CanCreate(numbers, c) /\ NumbersFree(c) /\ Become(Created(c))
Pipe2(r, rn, w, wn) == Pipe2Ok(r, rn, w, wn)

SocketpairOk(a, an, b, bn, nonblock) ==
    LET c == [call |-> "Socketpair", a |-> a, an |-> an, b |-> b, bn |-> bn, nonblock |-> nonblock]
    IN  CanCreate(numbers, c) /\ NumbersFree(c) /\ Become(Created(c))
Socketpair(a, an, b, bn, nonblock) == SocketpairOk(a, an, b, bn, nonblock)

EventfdOk(name, number, initval, semaphore, nonblock) ==
    LET c == [call |-> "Eventfd", name |-> name, number |-> number, initval |-> initval, semaphore |-> semaphore,
              nonblock |-> nonblock]
    IN  CanCreate(numbers, c) /\ NumbersFree(c) /\ Become(Created(c))
Eventfd(name, number, initval, semaphore, nonblock) == EventfdOk(name, number, initval, semaphore, nonblock)

EpollCreate1Ok(name, number) ==
    LET c == [call |-> "EpollCreate1", name |-> name, number |-> number] IN CanCreate(numbers, c) /\ NumbersFree(c) /\ Become(Created(c))
EpollCreate1(name, number) == EpollCreate1Ok(name, number)

OpenOk(name, number) ==
    LET c == [call |-> "Open", name |-> name, number |-> number] IN CanCreate(numbers, c) /\ NumbersFree(c) /\ Become(Created(c))
Open(name, number) == OpenOk(name, number)

SocketOk(name, number) ==
    LET c == [call |-> "Socket", name |-> name, number |-> number] IN CanCreate(numbers, c) /\ NumbersFree(c) /\ Become(Created(c))
Socket(name, number) == SocketOk(name, number)

\* man: dup(2)
DupOk(fd, name, number) ==
    /\ Fresh(name) /\ FileOf(fd) # None /\ NumberFree(number)
    /\ numbers' = Put(numbers, name, number)
    /\ fds' = Put(fds, name, FileOf(fd))
    /\ ret' = NameNumber(name, number) /\ out' = <<>>
    /\ UNCHANGED <<files, tasks, exclusive, blocking, fasync, owner, sigio>>

Dup(fd, name, number) ==
    \/ DupOk(fd, name, number)
    \/ Ebadf([call |-> "Dup", fd |-> fd, name |-> name, number |-> number], Main)

\* close(2): the fd goes; the file goes only with its last fd (fs/file_table.c __fput). Events keep
\* arriving for items added under a closed fd while the file lives (man: epoll(7) Q6).
CloseFd(fd) ==
    LET o == OpenName(fd) IN
    /\ o # None /\ \E x \in DOMAIN fds \ {o} : fds[x] = fds[o]
    /\ fds' = Del(fds, o)
    /\ ret' = "0" /\ out' = <<>>
    /\ UNCHANGED <<numbers, files, tasks, exclusive, blocking, fasync, owner, sigio>>

CloseRelease(fd) ==
    LET o == OpenName(fd)
        w == Release(World, fds[o])
    IN
    /\ o # None /\ ~\E x \in DOMAIN fds \ {o} : fds[x] = fds[o]
    /\ fds' = Del(fds, o)
    /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive
    /\ ret' = "0" /\ out' = <<>>
    /\ sigio' \in (IF w.race THEN {w.sigio, TRUE} ELSE {w.sigio})
    \* __fput: ->fasync(-1, file, 0) before ->release; the file's flags and owner go with it
    /\ blocking' = blocking \ {fds[o]} /\ fasync' = fasync \ {fds[o]} /\ owner' = owner \ {fds[o]}
    /\ UNCHANGED numbers

Close(fd) == CloseFd(fd) \/ CloseRelease(fd) \/ Ebadf([call |-> "Close", fd |-> fd], Main)

-----------------------------------------------------------------------------
(* TCP sockets on loopback                                                  *)

BindOk(fd) == Is(FileOf(fd), "TcpSock") /\ Commit(World, "0", <<>>)

Bind(fd) ==
    \/ BindOk(fd)
    \/ Ebadf([call |-> "Bind", fd |-> fd], Main)
    \/ ShutdownEnotsock([call |-> "Bind", fd |-> fd])

\* kernel: net/ipv4/af_inet.c inet_listen: only an unconnected socket may listen.
ListenOk(fd, backlog) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].state \in {"CLOSE", "LISTEN"} /\ files[f].peer = ""
    /\ Commit([World EXCEPT !.files[f] = TcpFile("LISTEN", "", files[f].acceptQueue)], "0", <<>>)

Listen(fd, backlog) ==
    LET c == [call |-> "Listen", fd |-> fd, backlog |-> backlog] IN
    \/ ListenOk(fd, backlog) \/ Ebadf(c, Main) \/ ShutdownEnotsock(c) \/ SockEinval(c, Main)

\* A non-blocking connect to a loopback listener: the handshake completes inside the call, so it
\* returns EINPROGRESS with the client established and the child queued. kernel: tcp_finish_connect
\* -> sk_state_change (no key); tcp_child_process -> the listener's sk_data_ready (sock_def_readable).
\* Connecting anything but a fresh socket to a live listener is not modelled (no step).
ConnectInProgress(fd, listener) ==
    LET f == FileOf(fd)
        l == FileOf(listener)
        child == l \o "." \o f
    IN
    /\ Is(f, "TcpSock") /\ files[f].state = "CLOSE" /\ files[f].peer = ""
    /\ Is(l, "TcpSock") /\ files[l].state = "LISTEN"
    /\ LET fs1 == [x \in DOMAIN files \cup {child} |->
                     IF x = child THEN TcpFile("ESTABLISHED", f, <<>>)
                     ELSE IF x = f THEN TcpFile("ESTABLISHED", child, <<>>)
                     ELSE IF x = l THEN TcpFile("LISTEN", "", Append(files[l].acceptQueue, child))
                     ELSE files[x]]
       IN  Commit(Wake(Wake([World EXCEPT !.files = fs1], f, {}), l, {"IN", "PRI", "RDNORM", "RDBAND"}),
                  "EINPROGRESS", <<>>)

Connect(fd, listener) ==
    \/ ConnectInProgress(fd, listener)
    \/ Ebadf([call |-> "Connect", fd |-> fd, listener |-> listener], Main)

\* kernel: net/ipv4/inet_connection_sock.c inet_csk_accept (the listener is O_NONBLOCK)
AcceptOk(fd, name, number) ==
    LET l == FileOf(fd) IN
    /\ Fresh(name) /\ Is(l, "TcpSock") /\ files[l].state = "LISTEN" /\ files[l].acceptQueue # <<>>
    /\ NumberFree(number)
    /\ files' = [files EXCEPT ![l] = TcpFile("LISTEN", "", Tail(files[l].acceptQueue))]
    /\ numbers' = Put(numbers, name, number)
    /\ fds' = Put(fds, name, Head(files[l].acceptQueue))
    /\ ret' = NameNumber(name, number) /\ out' = <<>>
    /\ UNCHANGED <<tasks, exclusive, blocking, fasync, owner, sigio>>

Accept4(fd, name, number) ==
    LET c == [call |-> "Accept4", fd |-> fd, name |-> name, number |-> number] IN
    \/ AcceptOk(fd, name, number) \/ Ebadf(c, Main) \/ SockEinval(c, Main) \/ IoEagain(c, Main)

-----------------------------------------------------------------------------
(* write(2)                                                                 *)

\* kernel: fs/pipe.c pipe_write wakes readers after every write once the pipe was polled (poll_usage)
WritePipe(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "PipeWrite") /\ files[f].readerAlive
    /\ LET rd == files[f].reader IN
       \* pipe_write: kill_fasync(&pipe->fasync_readers, SIGIO, POLL_IN)
       Commit(KillFasync(Wake([World EXCEPT !.files[rd].bytes = @ + n], rd, {"IN", "RDNORM"}), rd), ToString(n), <<>>)

\* kernel: net/unix/af_unix.c unix_stream_sendmsg: one skb; sk_data_ready -> sock_def_readable
WriteUnix(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "UnixStream") /\ ~SendShut(files[f].shutdown)
    /\ LET p == files[f].peer IN
       /\ Live(World, p, "UnixStream") /\ ~RcvShut(files[p].shutdown)
       \* sock_def_readable: the wake-up, then sk_wake_async(SOCK_WAKE_WAITD, POLL_IN)
       /\ Commit(SockWake([World EXCEPT !.files[p].rcvQueue = Append(@, n)], p, {"IN", "PRI", "RDNORM", "RDBAND"}, TRUE),
                 ToString(n), <<>>)

\* kernel: fs/eventfd.c eventfd_write: waitqueue_active -> wake_up_locked_poll(EPOLLIN)
WriteEventfd(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "EventFd") /\ n # UMax /\ UMax - files[f].count > n
    /\ Commit(Wake([World EXCEPT !.files[f].count = @ + n], f, {"IN"}), "8", <<>>)

\* kernel: net/ipv4/tcp.c tcp_sendmsg_locked; on loopback tcp_data_ready -> sock_def_readable
WriteTcp(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].err = "" /\ ~SendShut(files[f].shutdown) /\ files[f].state = "ESTABLISHED"
    /\ LET p == files[f].peer IN
       /\ Live(World, p, "TcpSock") /\ files[p].state # "CLOSE"
       /\ Commit(Wake([World EXCEPT !.files[p].rcvBytes = @ + n], p, {"IN", "PRI", "RDNORM", "RDBAND"}),
                 ToString(n), <<>>)

\* The peer's socket is gone: its orphan answers the data with RST (TCPAbortOnData).
WriteTcpReset(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].err = "" /\ ~SendShut(files[f].shutdown) /\ files[f].state = "ESTABLISHED"
    /\ ~(Live(World, files[f].peer, "TcpSock") /\ files[files[f].peer].state # "CLOSE")
    /\ Commit(Reset(World, f), ToString(n), <<>>)

Write(fd, n) ==
    LET c == [call |-> "Write", fd |-> fd, n |-> n] IN
    \/ WritePipe(fd, n) \/ WriteUnix(fd, n) \/ WriteEventfd(fd, n)
    \/ WriteTcp(fd, n) \/ WriteTcpReset(fd, n) \/ TcpSockError(c, Main)
    \/ Ebadf(c, Main) \/ IoEpipe(c) \/ IoEinval(c, Main) \/ IoEagain(c, Main)

-----------------------------------------------------------------------------
(* read(2), by the main task or by a task (a blocking file)                 *)

\* kernel: fs/pipe.c pipe_read (the pipe was never full, so it wakes no writer)
ReadPipe(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "PipeRead") /\ files[f].bytes > 0
    /\ Finish(by, PipeReadKill([World EXCEPT !.files[f].bytes = @ - Min(n, files[f].bytes)], f, n),
              ToString(Min(n, files[f].bytes)), <<>>)

\* Unread skbs, oldest first: what a read of left bytes takes.
RECURSIVE Consume(_, _)
Consume(q, left) ==
    IF q = <<>> \/ left <= 0 THEN [q |-> q, got |-> 0, consumed |-> 0]
    ELSE IF left >= Head(q)
         THEN LET r == Consume(Tail(q), left - Head(q))
              IN  [q |-> r.q, got |-> r.got + Head(q), consumed |-> r.consumed + 1]
         ELSE [q |-> <<Head(q) - left>> \o Tail(q), got |-> left, consumed |-> 0]

\* kernel: unix_stream_read_generic; consume_skb -> sock_wfree -> unix_write_space on the sender,
\* once per skb freed
ReadUnix(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "UnixStream") /\ files[f].rcvQueue # <<>>
    /\ LET r  == Consume(files[f].rcvQueue, n)
           w1 == [World EXCEPT !.files[f].rcvQueue = r.q]
           p  == files[f].peer
       IN  Finish(by, IF p \in DOMAIN w1.files THEN WakeTimes(w1, p, {"OUT", "WRNORM", "WRBAND"}, r.consumed) ELSE w1,
                  ToString(r.got), <<>>)

\* unix_stream_read_generic: sock_error first, then RCV_SHUTDOWN, then EAGAIN (or sleep)
ReadUnixReset(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "UnixStream") /\ files[f].rcvQueue = <<>> /\ files[f].err
    /\ Finish(by, [World EXCEPT !.files[f].err = FALSE], "ECONNRESET", <<>>)

ReadUnixEof(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "UnixStream") /\ files[f].rcvQueue = <<>> /\ ~files[f].err /\ RcvShut(files[f].shutdown)
    /\ Finish(by, World, "0", <<>>)

\* kernel: fs/eventfd.c eventfd_read -> wake_up_locked_poll(EPOLLOUT)
ReadEventfd(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "EventFd") /\ n >= 8 /\ files[f].count # 0
    /\ LET v == IF files[f].semaphore THEN 1 ELSE files[f].count IN
       Finish(by, Wake([World EXCEPT !.files[f].count = @ - v], f, {"OUT"}), "8", <<"value=" \o ToString(v)>>)

\* kernel: net/ipv4/tcp.c tcp_recvmsg
ReadTcp(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "TcpSock") /\ files[f].state # "LISTEN" /\ files[f].rcvBytes > 0
    /\ Finish(by, [World EXCEPT !.files[f].rcvBytes = @ - Min(n, files[f].rcvBytes)],
              ToString(Min(n, files[f].rcvBytes)), <<>>)

ReadTcpEof(fd, n, by) ==
    LET f == FileOf(fd) IN
    /\ Runs(by) /\ Is(f, "TcpSock") /\ files[f].state # "LISTEN" /\ files[f].rcvBytes = 0 /\ files[f].err = ""
    /\ RcvShut(files[f].shutdown)
    /\ Finish(by, World, "0", <<>>)

Read(fd, n, by) ==
    LET c == [call |-> "Read", fd |-> fd, n |-> n] IN
    \/ ReadPipe(fd, n, by) \/ ReadUnix(fd, n, by) \/ ReadUnixReset(fd, n, by) \/ ReadUnixEof(fd, n, by)
    \/ ReadEventfd(fd, n, by) \/ ReadTcp(fd, n, by) \/ ReadTcpEof(fd, n, by) \/ TcpSockError(c, by)
    \/ ReadPipeEof(c, by) \/ Ebadf(c, by) \/ IoEinval(c, by) \/ IoEagain(c, by) \/ SockEinval(c, by)

-----------------------------------------------------------------------------
(* shutdown(2)                                                              *)

\* kernel: net/unix/af_unix.c unix_shutdown: this side and the peer's mirror bits, each woken
\* without key. how: SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2; mode = how + 1.
ShutdownUnix(fd, how) ==
    LET f    == FileOf(fd)
        mode == how + 1
    IN
    /\ Is(f, "UnixStream")
    /\ LET w1 == Wake([World EXCEPT !.files[f].shutdown = Or(@, mode)], f, {})
           p  == files[f].peer
           pm == (IF RcvShut(mode) THEN 2 ELSE 0) + (IF SendShut(mode) THEN 1 ELSE 0)
       \* only the peer that lost its receive side gets sk_wake_async (POLL_IN or POLL_HUP)
       IN  Commit(IF ~Live(w1, p, "UnixStream") THEN w1
                  ELSE SockWake([w1 EXCEPT !.files[p].shutdown = Or(@, pm)], p, {}, RcvShut(pm)),
                  "0", <<>>)

\* kernel: net/ipv4/af_inet.c inet_shutdown, tcp_shutdown (FIN), tcp_fin on the peer. Once both
\* directions are shut both sides are done (TIME_WAIT, LAST_ACK -> CLOSE).
ShutdownTcp(fd, how) ==
    LET f    == FileOf(fd)
        mode == how + 1
    IN
    /\ Is(f, "TcpSock") /\ files[f].state = "ESTABLISHED"
    /\ LET me == Or(files[f].shutdown, mode)
           p  == files[f].peer
           w1 == [World EXCEPT !.files[f].shutdown = me]
           w2 == IF SendShut(mode) /\ Live(w1, p, "TcpSock")
                 THEN LET pm == Or(w1.files[p].shutdown, 1) IN
                      Wake(IF pm = 3 /\ me = 3
                           THEN [w1 EXCEPT !.files[f].state = "CLOSE", !.files[f].shutdown = 3,
                                           !.files[p].state = "CLOSE", !.files[p].shutdown = 3]
                           ELSE [w1 EXCEPT !.files[p].shutdown = pm], p, {})
                 ELSE w1
       IN  Commit(Wake(w2, f, {}), "0", <<>>)

Shutdown(fd, how) ==
    LET c == [call |-> "Shutdown", fd |-> fd, how |-> how] IN
    \/ ShutdownUnix(fd, how) \/ ShutdownTcp(fd, how)
    \/ Ebadf(c, Main) \/ ShutdownEnotsock(c) \/ SockEinval(c, Main)

-----------------------------------------------------------------------------
(* epoll_ctl(2). kernel: fs/eventpoll.c do_epoll_ctl, checks in the        *)
(* kernel's order; the stored mask is events | EPOLLERR | EPOLLHUP.         *)

\* copy_from_user of the event before any fd is looked at
CtlEfault(nullEvent, op) == nullEvent /\ op # "EPOLL_CTL_DEL"
\* past fdget(epfd), fdget(fd) and file_can_poll
CtlFiles(epfd, op, fd, nullEvent) ==
    ~CtlEfault(nullEvent, op) /\ FileOf(epfd) # None /\ FileOf(fd) # None /\ ~Is(FileOf(fd), "Regular")
\* f.file == tf.file || !is_file_epoll; EPOLLEXCLUSIVE: not with MOD, not on an epoll, only OK bits
CtlEinval(epfd, op, fd, events) ==
    LET ef == FileOf(epfd) tf == FileOf(fd) IN
    \/ ef = tf \/ files[ef].kind # "Epoll"
    \/ /\ op # "EPOLL_CTL_DEL" /\ "EXCLUSIVE" \in events
       /\ \/ op = "EPOLL_CTL_MOD"
          \/ op = "EPOLL_CTL_ADD" /\ (files[tf].kind = "Epoll" \/ events \ ExclusiveOk # {})
CtlEloop(epfd, op, fd) ==
    op = "EPOLL_CTL_ADD" /\ Is(FileOf(fd), "Epoll") /\ Loops(files, FileOf(epfd), FileOf(fd))
\* every check before the op's own passed
CtlChecked(epfd, op, fd, events, nullEvent) ==
    CtlFiles(epfd, op, fd, nullEvent) /\ ~CtlEinval(epfd, op, fd, events) /\ ~CtlEloop(epfd, op, fd)
Found(epfd, fd) ==
    LET its == files[FileOf(epfd)].items IN \E i \in 1..Len(its) : Key(its[i]) = [file |-> FileOf(fd), fd |-> OpenName(fd)]
FoundItem(epfd, fd) == ItemOf(files[FileOf(epfd)].items, [file |-> FileOf(fd), fd |-> OpenName(fd)])

EpollCtlEfault(epfd, op, fd, events, nullEvent) == CtlEfault(nullEvent, op) /\ Fail("EFAULT")

EpollCtlEperm(epfd, op, fd, events, nullEvent) ==
    /\ ~CtlEfault(nullEvent, op) /\ FileOf(epfd) # None /\ Is(FileOf(fd), "Regular")
    /\ Fail("EPERM")

EpollCtlEinval(epfd, op, fd, events, nullEvent) ==
    /\ CtlFiles(epfd, op, fd, nullEvent)
    /\ \/ CtlEinval(epfd, op, fd, events)
       \/ /\ CtlChecked(epfd, op, fd, events, nullEvent)
          /\ \/ op = "INVALID"
             \/ op = "EPOLL_CTL_MOD" /\ Found(epfd, fd) /\ "EXCLUSIVE" \in FoundItem(epfd, fd).events
    /\ Fail("EINVAL")

EpollCtlEloop(epfd, op, fd, events, nullEvent) ==
    /\ CtlFiles(epfd, op, fd, nullEvent) /\ ~CtlEinval(epfd, op, fd, events) /\ CtlEloop(epfd, op, fd)
    /\ Fail("ELOOP")

EpollCtlEexist(epfd, op, fd, events, nullEvent) ==
    /\ op = "EPOLL_CTL_ADD" /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ Found(epfd, fd)
    /\ Fail("EEXIST")

EpollCtlEnoent(epfd, op, fd, events, nullEvent) ==
    /\ op \in {"EPOLL_CTL_DEL", "EPOLL_CTL_MOD"} /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ ~Found(epfd, fd)
    /\ Fail("ENOENT")

\* ep_insert: an EPOLLEXCLUSIVE item's entry goes to the tail of the target's queue
\* (ep_ptable_queue_proc: add_wait_queue_exclusive); an item already ready goes on rdllist at once.
EpollCtlAdd(epfd, op, fd, events, nullEvent) ==
    /\ op = "EPOLL_CTL_ADD" /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ ~Found(epfd, fd)
    /\ LET ef == FileOf(epfd)
           it == [file |-> FileOf(fd), fd |-> fd, events |-> events \cup {"ERR", "HUP"}]
           w1 == [World EXCEPT !.files[ef].items = Append(@, it),
                               !.exclusive = IF "EXCLUSIVE" \in events THEN Append(@, [ep |-> ef, key |-> Key(it)])
                                             ELSE @]
       IN  Commit(QueueIfReady(w1, ef, it), "0", <<>>)

\* ep_remove: unlinked from rdllist too, so a queued event is never reported
EpollCtlDel(epfd, op, fd, events, nullEvent) ==
    /\ op = "EPOLL_CTL_DEL" /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ Found(epfd, fd)
    /\ LET ef == FileOf(epfd)
           k  == [file |-> FileOf(fd), fd |-> OpenName(fd)]
       IN  Commit([World EXCEPT !.files[ef].items = SelectSeq(@, LAMBDA i : Key(i) # k),
                                !.files[ef].rdllist = SelectSeq(@, LAMBDA x : x # k),
                                !.exclusive = SelectSeq(@, LAMBDA x : x # [ep |-> ef, key |-> k])], "0", <<>>)

\* ep_modify re-polls: a ready item is reported again
EpollCtlMod(epfd, op, fd, events, nullEvent) ==
    /\ op = "EPOLL_CTL_MOD" /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ Found(epfd, fd)
    /\ "EXCLUSIVE" \notin FoundItem(epfd, fd).events
    /\ LET ef  == FileOf(epfd)
           k   == [file |-> FileOf(fd), fd |-> OpenName(fd)]
           it  == [file |-> FileOf(fd), fd |-> fd, events |-> events \cup {"ERR", "HUP"}]
           its == files[ef].items
       IN  Commit(QueueIfReady([World EXCEPT !.files[ef].items = [i \in 1..Len(its) |-> IF Key(its[i]) = k THEN it ELSE its[i]]],
                               ef, it), "0", <<>>)

EpollCtl(epfd, op, fd, events, nullEvent) ==
    \/ EpollCtlAdd(epfd, op, fd, events, nullEvent)
    \/ EpollCtlMod(epfd, op, fd, events, nullEvent)
    \/ EpollCtlDel(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEfault(epfd, op, fd, events, nullEvent)
    \/ Ebadf([call |-> "EpollCtl", epfd |-> epfd, op |-> op, fd |-> fd, events |-> events, nullEvent |-> nullEvent], Main)
    \/ EpollCtlEperm(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEinval(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEloop(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEexist(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEnoent(epfd, op, fd, events, nullEvent)

-----------------------------------------------------------------------------
(* epoll_wait(2), poll(2), select(2): the main task's with timeout 0; a     *)
(* task's check when it runs (TaskRun), after which it may sleep instead.   *)

\* kernel: fs/eventpoll.c do_epoll_wait, ep_send_events (EpollWaitScan)
EpollWaitOk(epfd, maxevents, by) ==
    LET f == FileOf(epfd) IN
    /\ Runs(by) /\ Is(f, "Epoll") /\ maxevents > 0
    /\ LET s == EpollWaitScan(World, f, maxevents) IN Finish(by, s.w, ToString(s.res), s.out)

\* ep_check_params: maxevents <= 0 or not an epoll file
EpollWaitEinval(epfd, maxevents, by) ==
    LET f == FileOf(epfd) IN
    /\ Runs(by) /\ f # None /\ (maxevents <= 0 \/ files[f].kind # "Epoll")
    /\ FailBy(by, "EINVAL")

EpollWait(epfd, maxevents, by) ==
    \/ EpollWaitOk(epfd, maxevents, by) \/ EpollWaitEinval(epfd, maxevents, by)
    \/ Ebadf([call |-> "EpollWait", epfd |-> epfd, maxevents |-> maxevents], by)

\* kernel: fs/select.c do_sys_poll / do_pollfd (PollFds)
PollOk(pfds, by) ==
    /\ Runs(by)
    /\ LET r == PollFds(World, pfds, 0, <<>>) IN Finish(by, r.w, ToString(r.count), r.out)

Poll(pfds, by) == PollOk(pfds, by)

\* kernel: fs/select.c core_sys_select / do_select (SelectResult)
SelectOk(nfds, rd, wr, ex, by) ==
    /\ Runs(by) /\ nfds >= 0 /\ \A f \in InRange(nfds, rd, wr, ex) : FileOf(f) # None
    /\ LET r == SelectResult(World, nfds, rd, wr, ex) IN Finish(by, r.w, ToString(r.count), r.out)

SelectEinval(nfds, rd, wr, ex, by) == Runs(by) /\ nfds < 0 /\ FailBy(by, "EINVAL")

Select(nfds, rd, wr, ex, by) ==
    \/ SelectOk(nfds, rd, wr, ex, by) \/ SelectEinval(nfds, rd, wr, ex, by)
    \/ Ebadf([call |-> "Select", nfds |-> nfds, rd |-> rd, wr |-> wr, ex |-> ex], by)

-----------------------------------------------------------------------------
(* Tasks: calls that sleep                                                  *)

\* Task t enters call c (an EpollWait, Poll, Select or Read record) with timeout ms (-1 infinite;
\* a read has no timer). A task makes one call at a time.
TaskEnters(t, c, timeout) ==
    /\ t \notin DOMAIN tasks
    /\ tasks' = Put(tasks, t, Entered(c, IF c.call = "Read" THEN -1 ELSE timeout))
    /\ UNCHANGED <<numbers, fds, files, ret, out, exclusive, blocking, fasync, owner, sigio>>

\* The scheduler runs task t and its check finds nothing: it goes to sleep. epoll_wait at the head
\* of ep->wq (kernel: fs/eventpoll.c ep_poll, __add_wait_queue_exclusive); poll and select on
\* every polled file's queue (fs/select.c do_poll, do_select: poll_schedule_timeout); a read on its
\* file's queue. The check's side effects stay (an epoll scan drops items no longer ready).
TaskSleeps(t) ==
    LET x == tasks[t]
        c == x.call
        Sleep(w, on) ==
            /\ files' = w.files /\ exclusive' = w.exclusive
            /\ tasks' = [w.tasks EXCEPT ![t] = Sleeping(x, on)]
            /\ UNCHANGED <<numbers, fds, ret, out, blocking, fasync, owner, sigio>>
    IN
    /\ t \in DOMAIN tasks /\ x.phase = "RUNNING"
    /\ CASE c.call = "Read" -> WouldSleep(c.fd, c.n) /\ Sleep(World, {FileOf(c.fd)})
         [] c.call = "EpollWait" ->
              LET f == FileOf(c.epfd) IN
              /\ Is(f, "Epoll") /\ c.maxevents > 0
              /\ LET s == EpollWaitScan(World, f, c.maxevents) IN
                 SleepsOn(x, ToString(s.res)) /\ Sleep([s.w EXCEPT !.files[f].wq = <<t>> \o @], {})
         [] c.call = "Poll" ->
              LET s == PollFds(World, c.pfds, 0, <<>>) IN
              SleepsOn(x, ToString(s.count)) /\ Sleep(s.w, {FileOf(c.pfds[i].fd) : i \in 1..Len(c.pfds)} \ {None})
         [] c.call = "Select" ->
              LET in == InRange(c.nfds, c.rd, c.wr, c.ex) IN
              /\ c.nfds >= 0 /\ \A d \in in : FileOf(d) # None
              /\ LET s == SelectResult(World, c.nfds, c.rd, c.wr, c.ex) IN
                 SleepsOn(x, ToString(s.count)) /\ Sleep(s.w, {FileOf(d) : d \in in})
         [] OTHER -> FALSE

\* The scheduler runs task t (RUNNING): it checks its files as the one-line call would, and
\* finishes with the check's rule, or sleeps (TaskSleeps). Its call is among those Calls lets t
\* make (TaskCall records); as constants they let TLC name each step by its rule.
TaskRun(t) ==
    LET ops(k) == {c.op : c \in {x \in Calls : x.call = "TaskCall" /\ x.task = t /\ x.op.call = k}}
        by(c) == [task |-> t, call |-> c]
    IN
    \/ TaskSleeps(t)
    \/ \E c \in ops("EpollWait") : EpollWait(c.epfd, c.maxevents, by(c))
    \/ \E c \in ops("Poll") : Poll(c.pfds, by(c))
    \/ \E c \in ops("Select") : Select(c.nfds, c.rd, c.wr, c.ex, by(c))
    \/ \E c \in ops("Read") : Read(c.fd, c.n, by(c))

\* A sleeping task's timer fires (hrtimer_wakeup). kernel: fs/eventpoll.c ep_poll — still on
\* ep->wq, so no events: it returns 0 at once and leaves the queue; fs/select.c do_poll,
\* do_select — timed_out: one more check, then return. A read has no timer.
TaskTimesOut(t) ==
    /\ t \in DOMAIN tasks /\ tasks[t].phase = "SLEEPING" /\ tasks[t].timeout > 0
    /\ IF tasks[t].call.call = "EpollWait"
       THEN /\ files' = [f \in DOMAIN files |->
                           IF files[f].kind = "Epoll" THEN [files[f] EXCEPT !.wq = SelectSeq(@, LAMBDA x : x # t)]
                           ELSE files[f]]
            /\ tasks' = [tasks EXCEPT ![t] = Done(@, "0", <<>>)]
       ELSE /\ tasks' = [tasks EXCEPT ![t] = Expired(@)]
            /\ UNCHANGED files
    /\ UNCHANGED <<numbers, fds, ret, out, exclusive, blocking, fasync, owner, sigio>>

\* The call returns: its result becomes the last result, and the task leaves.
TaskReturns(t) ==
    /\ t \in DOMAIN tasks /\ tasks[t].phase = "DONE"
    /\ tasks' = Del(tasks, t)
    /\ ret' = tasks[t].ret /\ out' = tasks[t].out
    /\ UNCHANGED <<numbers, fds, files, exclusive, blocking, fasync, owner, sigio>>

TaskCall(t, c, timeout) == TaskEnters(t, c, timeout)
TaskTimeout(t) == TaskTimesOut(t)
TaskReturn(t) == TaskReturns(t)

-----------------------------------------------------------------------------
CallsOf(k) == {c \in Calls : c.call = k}

-----------------------------------------------------------------------------
(* Signal-driven I/O                                                        *)

\* fcntl F_SETOWN_EX (F_OWNER_TID): SIGIO for this file goes to the main task.
FcntlSetown(fd, cmd) ==
    /\ cmd = "F_SETOWN_EX" /\ FileOf(fd) # None
    /\ owner' = owner \cup {FileOf(fd)}
    /\ ret' = "0" /\ out' = <<>>
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, sigio>>

\* fcntl F_SETFL. kernel: fs/fcntl.c setfl: a change of O_ASYNC calls ->fasync (pipe_fasync,
\* sock_fasync); eventfd, epoll and regular files have none. Not modelled: O_ASYNC on TCP sockets,
\* taking O_NONBLOCK off anything but a socketpair end or an eventfd.
FcntlSetfl(fd, cmd, nonblock, async) ==
    LET f == FileOf(fd) IN
    /\ cmd = "F_SETFL" /\ f # None
    /\ nonblock \/ files[f].kind \in {"UnixStream", "EventFd"}
    /\ ~(async /\ files[f].kind = "TcpSock")
    /\ blocking' = IF nonblock THEN blocking \ {f} ELSE blocking \cup {f}
    /\ fasync' = IF files[f].kind \notin {"PipeRead", "PipeWrite", "UnixStream"} THEN fasync
                 ELSE IF async THEN fasync \cup {f} ELSE fasync \ {f}
    /\ ret' = "0" /\ out' = <<>>
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, owner, sigio>>

Fcntl(fd, cmd, nonblock, async) ==
    \/ FcntlSetown(fd, cmd)
    \/ FcntlSetfl(fd, cmd, nonblock, async)
    \/ Ebadf([call |-> "Fcntl", fd |-> fd], Main)

\* rt_sigtimedwait({SIGIO}, 0): takes the pending SIGIO.
SigioTaken(c) ==
    /\ sigio
    /\ sigio' = FALSE /\ ret' = "SIGIO" /\ out' = <<>>
    /\ UNCHANGED <<numbers, fds, files, tasks, exclusive, blocking, fasync, owner>>

Sigtimedwait == SigioTaken([call |-> "Sigtimedwait"]) \/ IoEagain([call |-> "Sigtimedwait"], Main)

Next ==
    \/ \E c \in CallsOf("Pipe2") : Pipe2(c.r, c.rn, c.w, c.wn)
    \/ \E c \in CallsOf("Socketpair") : Socketpair(c.a, c.an, c.b, c.bn, c.nonblock)
    \/ \E c \in CallsOf("Eventfd") : Eventfd(c.name, c.number, c.initval, c.semaphore, c.nonblock)
    \/ \E c \in CallsOf("EpollCreate1") : EpollCreate1(c.name, c.number)
    \/ \E c \in CallsOf("Open") : Open(c.name, c.number)
    \/ \E c \in CallsOf("Socket") : Socket(c.name, c.number)
    \/ \E c \in CallsOf("Bind") : Bind(c.fd)
    \/ \E c \in CallsOf("Listen") : Listen(c.fd, c.backlog)
    \/ \E c \in CallsOf("Connect") : Connect(c.fd, c.listener)
    \/ \E c \in CallsOf("Accept4") : Accept4(c.fd, c.name, c.number)
    \/ \E c \in CallsOf("Dup") : Dup(c.fd, c.name, c.number)
    \/ \E c \in CallsOf("Write") : Write(c.fd, c.n)
    \/ \E c \in CallsOf("Read") : Read(c.fd, c.n, Main)
    \/ \E c \in CallsOf("Shutdown") : Shutdown(c.fd, c.how)
    \/ \E c \in CallsOf("Close") : Close(c.fd)
    \/ \E c \in CallsOf("EpollCtl") : EpollCtl(c.epfd, c.op, c.fd, c.events, c.nullEvent)
    \/ \E c \in CallsOf("EpollWait") : EpollWait(c.epfd, c.maxevents, Main)
    \/ \E c \in CallsOf("Poll") : Poll(c.pfds, Main)
    \/ \E c \in CallsOf("Select") : Select(c.nfds, c.rd, c.wr, c.ex, Main)
    \/ \E c \in CallsOf("TaskCall") : TaskCall(c.task, c.op, c.timeout)
    \* the kernel's steps for tasks: runs and timer expiries
    \/ \E c \in CallsOf("TaskRun") : TaskRun(c.task)
    \/ \E c \in CallsOf("TaskTimeout") : TaskTimeout(c.task)
    \/ \E c \in CallsOf("TaskReturn") : TaskReturn(c.task)
    \/ \E c \in CallsOf("Fcntl") : Fcntl(c.fd, c.cmd, c.nonblock, c.async)
    \/ \E c \in CallsOf("Sigtimedwait") : Sigtimedwait

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants                                                               *)

EpollFiles == {f \in DOMAIN files : files[f].kind = "Epoll"}

\* ep_poll_callback and ep_insert queue an item only when it is not queued already.
ItemOnReadyListAtMostOnce ==
    \A e \in EpollFiles : \A i, j \in 1..Len(files[e].rdllist) :
        i # j => files[e].rdllist[i] # files[e].rdllist[j]

\* Only items of the interest list are ever queued (ep_remove unlinks them).
ReadyListSubsetOfInterestList ==
    \A e \in EpollFiles : \A i \in 1..Len(files[e].rdllist) :
        \E j \in 1..Len(files[e].items) : Key(files[e].items[j]) = files[e].rdllist[i]

OpenFdsReferToLiveFiles == \A o \in DOMAIN fds : fds[o] \in DOMAIN files

\* eventpoll_release_file removes a file's items from every epoll when the file goes.
ItemsWatchLiveFiles ==
    \A e \in EpollFiles : \A j \in 1..Len(files[e].items) : files[e].items[j].file \in DOMAIN files

\* epoll_ctl adds EPOLLERR | EPOLLHUP; only a fired ONESHOT item keeps just private bits.
StoredMaskHasErrHupUnlessDisarmed ==
    \A e \in EpollFiles : \A j \in 1..Len(files[e].items) :
        Armed(files[e].items[j]) => {"ERR", "HUP"} \subseteq files[e].items[j].events

\* ep->wq holds only tasks sleeping in epoll_wait: ep_poll queues a task just before it sleeps, and
\* a wake-up (ep_autoremove_wake_function) or the timeout takes it off.
EpWaitQueueHoldsEpollWaitSleepers ==
    \A e \in EpollFiles : \A i \in 1..Len(files[e].wq) :
        LET t == files[e].wq[i] IN
        t \in DOMAIN tasks /\ tasks[t].phase = "SLEEPING" /\ tasks[t].call.call = "EpollWait"

\* A task waits on at most one ep->wq, once.
TaskOnAtMostOneEpWaitQueue ==
    \A e, g \in EpollFiles : \A i \in 1..Len(files[e].wq) : \A j \in 1..Len(files[g].wq) :
        files[e].wq[i] = files[g].wq[j] => e = g /\ i = j

\* The exclusive entries are the EPOLLEXCLUSIVE items, each once: ep_insert adds an entry with the
\* item, ep_remove and eventpoll_release_file take both away, and no MOD adds or drops the flag.
ExclusiveListHoldsTheExclusiveItems ==
    /\ \A i, j \in 1..Len(exclusive) : i # j => exclusive[i] # exclusive[j]
    /\ {exclusive[i] : i \in 1..Len(exclusive)}
       = UNION {{[ep |-> e, key |-> Key(files[e].items[j])] :
                 j \in {k \in 1..Len(files[e].items) : "EXCLUSIVE" \in files[e].items[k].events}} : e \in EpollFiles}

\* After an epoll_wait that takes the whole ready list, only level-triggered items are back on it:
\* an edge-triggered or ONESHOT item is never reported twice for one callback (nor before MOD).
EtOneshotNotReportedTwicePerCallback ==
    \A e \in EpollFiles :
        LET a   == EpollWaitScan(World, e, Len(files[e].rdllist) + 1)
            rdl == a.w.files[e].rdllist
        IN  \A i \in 1..Len(rdl) : ItemOf(a.w.files[e].items, rdl[i]).events \cap {"ET", "ONESHOT"} = {}

=============================================================================
