----------------------------- MODULE Readiness -----------------------------
(***************************************************************************)
(* Readiness on Linux 6.18: the poll methods of pipes, AF_UNIX stream      *)
(* sockets, TCP sockets on loopback, eventfds and epoll files; the wake-up *)
(* path from a file's wait queue to ep_poll_callback; epoll_ctl,           *)
(* epoll_wait (level- and edge-triggered, EPOLLONESHOT, nested epoll),     *)
(* poll and select (fs/eventpoll.c, fs/select.c, fs/pipe.c, fs/eventfd.c,  *)
(* net/unix/af_unix.c, net/ipv4/tcp.c).  Variable and action names are    *)
(* those of the Java model kpath.model.readiness.Readiness (the            *)
(* specification this module mirrors); each sub-action is a rule name of   *)
(* kpath.model.readiness.ReadinessRule.  A rule that several syscalls      *)
(* share (Ebadf, IoEagain, ...) is one operator taking the call as a       *)
(* record, a disjunction of one case per syscall.                          *)
(*                                                                         *)
(* Masks are sets of bit names ("IN", "RDNORM", "ET", ...): TLA+ has no    *)
(* bitwise operators.  A file's id is the name of the fd that created it   *)
(* (an accepted child: "listener.client").                                 *)
(*                                                                         *)
(* Modelling simplifications:                                              *)
(*  - every call is non-blocking and made by one task: there are no        *)
(*    sleeping waiters, so EPOLLEXCLUSIVE's wake-one, the thundering herd  *)
(*    and timeouts are not modelled; epoll_wait has timeout 0;             *)
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
(*  - no signal-driven I/O, no EFAULT but epoll_ctl's NULL event, no       *)
(*    epoll limits (max_user_watches, reverse path counts).                *)
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
    numbers,  \* every fd name ever created and its number (closed names stay)
    fds,      \* the open fds: name -> file id
    files,    \* the live files by id: records with a field kind
    ret,      \* the last syscall's result
    out       \* what the last syscall copied out, as trace text

vars == <<numbers, fds, files, ret, out>>

None == ""   \* no file, no fd; a pollfd with a negative fd

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
Live(fs, f, k) == f \in DOMAIN fs /\ fs[f].kind = k
Fresh(n) == n \notin DOMAIN numbers

Key(it) == [file |-> it.file, fd |-> it.fd]
ItemOf(items, k) == items[CHOOSE i \in 1..Len(items) : Key(items[i]) = k]
Armed(it) == it.events \ Private # {}

\* Epoll file ids in a fixed order, so wake-ups visit epolls deterministically.
EpollIds(fs) == SelectSeq(NameOrder, LAMBDA n : n \in DOMAIN fs /\ fs[n].kind = "Epoll")

-----------------------------------------------------------------------------
(* The poll methods (f_op->poll).  Polling an epoll file re-polls its ready *)
(* items and drops those no longer ready, so FilePoll returns the files     *)
(* after the poll as well as the mask: [fs |-> files, m |-> mask].          *)

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

FilePoll(fs, f) ==
    LET x == fs[f] IN
    IF x.kind = "Epoll" THEN EpPoll(fs, f, x.rdllist)
    ELSE [fs |-> fs,
          m  |-> CASE x.kind = "PipeRead"   -> (IF x.bytes > 0 THEN {"IN", "RDNORM"} ELSE {})
                                               \cup (IF x.writerAlive THEN {} ELSE {"HUP"})
                   [] x.kind = "PipeWrite"  -> {"OUT", "WRNORM"} \cup (IF x.readerAlive THEN {} ELSE {"ERR"})
                   [] x.kind = "UnixStream" -> UnixPoll(x)
                   [] x.kind = "TcpSock"    -> TcpPoll(x)
                   [] x.kind = "EventFd"    -> EventfdPoll(x)
                   \* kernel: fs/select.c DEFAULT_POLLMASK for files without ->poll
                   [] x.kind = "Regular"    -> {"IN", "OUT", "RDNORM", "WRNORM"}]

\* kernel: fs/eventpoll.c __ep_eventpoll_poll: readable iff some queued item still polls ready;
\* the leading items that do not are unlinked (list_del_init).
EpPoll(fs, f, rdl) ==
    IF rdl = <<>> THEN [fs |-> [fs EXCEPT ![f].rdllist = <<>>], m |-> {}]
    ELSE LET it == ItemOf(fs[f].items, Head(rdl))
             r  == FilePoll(fs, it.file)
         IN  IF r.m \cap it.events # {}
             THEN [fs |-> [r.fs EXCEPT ![f].rdllist = rdl], m |-> {"IN", "RDNORM"}]
             ELSE EpPoll(r.fs, f, Tail(rdl))

-----------------------------------------------------------------------------
(* The wake-up path.  A wake-up on a file's wait queue with a poll key      *)
(* ({} for none, as wake_up_interruptible_all) runs ep_poll_callback for    *)
(* each epoll item hooked there.                                            *)

\* kernel: ep_ptable_queue_proc: add_wait_queue puts an entry at the head, add_wait_queue_exclusive
\* at the tail, and __wake_up_common walks head to tail: newest first, then exclusive ones oldest first.
WakeOrder(items, f) ==
    LET on == SelectSeq(items, LAMBDA i : i.file = f)
    IN  Reverse(SelectSeq(on, LAMBDA i : "EXCLUSIVE" \notin i.events))
        \o SelectSeq(on, LAMBDA i : "EXCLUSIVE" \in i.events)

RECURSIVE Wake(_, _, _), WakeEpolls(_, _, _, _), Callbacks(_, _, _, _), Callback(_, _, _, _)

Wake(fs, f, key) == WakeEpolls(fs, EpollIds(fs), f, key)

WakeEpolls(fs, eps, f, key) ==
    IF eps = <<>> THEN fs
    ELSE WakeEpolls(Callbacks(fs, Head(eps), WakeOrder(fs[Head(eps)].items, f), key), Tail(eps), f, key)

Callbacks(fs, ep, its, key) ==
    IF its = <<>> THEN fs ELSE Callbacks(Callback(fs, ep, Head(its), key), ep, Tail(its), key)

\* kernel: fs/eventpoll.c ep_poll_callback: a disarmed item or a key that misses the item's mask
\* does nothing; otherwise the item goes to the tail of rdllist unless already there, and the epolls
\* watching this one are woken with EPOLLIN (ep_poll_safewake).
Callback(fs, ep, it, key) ==
    IF ~Armed(it) \/ (key # {} /\ key \cap it.events = {}) THEN fs
    ELSE Wake(IF InSeq(Key(it), fs[ep].rdllist) THEN fs
              ELSE [fs EXCEPT ![ep].rdllist = Append(@, Key(it))], ep, {"IN"})

RECURSIVE WakeTimes(_, _, _, _)
WakeTimes(fs, f, key, k) == IF k = 0 THEN fs ELSE WakeTimes(Wake(fs, f, key), f, key, k - 1)

-----------------------------------------------------------------------------
(* Files going away                                                         *)

\* kernel: net/ipv4/tcp_input.c tcp_reset -> tcp_done: EPIPE in CLOSE_WAIT, else ECONNRESET; no key.
Reset(fs, f) ==
    LET t == fs[f] IN
    Wake([fs EXCEPT ![f] = [kind |-> "TcpSock", state |-> "CLOSE", peer |-> t.peer, rcvBytes |-> t.rcvBytes,
                            shutdown |-> 3, err |-> IF RcvShut(t.shutdown) THEN "EPIPE" ELSE "ECONNRESET",
                            acceptQueue |-> <<>>]], f, {})

\* kernel: inet_csk_listen_stop: each child still queued is freed and its peer reset.
RECURSIVE ResetChildren(_, _)
ResetChildren(fs, q) ==
    IF q = <<>> THEN fs
    ELSE LET c   == fs[Head(q)]
             fs1 == Del(fs, Head(q))
         IN  ResetChildren(IF Live(fs1, c.peer, "TcpSock") THEN Reset(fs1, c.peer) ELSE fs1, Tail(q))

\* kernel: net/ipv4/tcp.c __tcp_close: unread data means RST, otherwise a FIN (tcp_fin on the peer).
ReleaseTcp(fs, t) ==
    IF t.state = "LISTEN" THEN ResetChildren(fs, t.acceptQueue)
    ELSE IF ~Live(fs, t.peer, "TcpSock") \/ fs[t.peer].state = "CLOSE" THEN fs
    ELSE IF t.rcvBytes > 0 THEN Reset(fs, t.peer)
    ELSE Wake([fs EXCEPT ![t.peer].shutdown = Or(@, 1)], t.peer, {})

\* The last reference is gone: fs/eventpoll.c eventpoll_release_file, then f_op->release.
Release(fs, f) ==
    LET x  == fs[f]
        fs1 == [y \in DOMAIN fs \ {f} |->
                  IF fs[y].kind = "Epoll"
                  THEN [fs[y] EXCEPT !.items = SelectSeq(fs[y].items, LAMBDA i : i.file # f),
                                     !.rdllist = SelectSeq(fs[y].rdllist, LAMBDA k : k.file # f)]
                  ELSE fs[y]]
    IN  CASE x.kind = "PipeRead" ->
               \* kernel: fs/pipe.c pipe_release: wake the other side, no key
               IF Live(fs1, x.writer, "PipeWrite")
               THEN Wake([fs1 EXCEPT ![x.writer].readerAlive = FALSE], x.writer, {}) ELSE fs1
          [] x.kind = "PipeWrite" ->
               IF Live(fs1, x.reader, "PipeRead")
               THEN Wake([fs1 EXCEPT ![x.reader].writerAlive = FALSE], x.reader, {}) ELSE fs1
          [] x.kind = "UnixStream" ->
               \* kernel: net/unix/af_unix.c unix_release_sock: the peer gets SHUTDOWN_MASK, and
               \* ECONNRESET if this end still held unread data; sk_state_change, no key
               IF Live(fs1, x.peer, "UnixStream")
               THEN Wake([fs1 EXCEPT ![x.peer].shutdown = 3, ![x.peer].err = @ \/ x.rcvQueue # <<>>],
                         x.peer, {})
               ELSE fs1
          [] x.kind = "TcpSock" -> ReleaseTcp(fs1, x)
          [] OTHER -> fs1

-----------------------------------------------------------------------------
(* Epoll helpers                                                            *)

\* ep_insert / ep_modify: poll the new item; if ready and not queued, queue it and wake watchers.
QueueIfReady(fs, ep, it) ==
    LET r == FilePoll(fs, it.file) IN
    IF r.m \cap it.events = {} \/ InSeq(Key(it), r.fs[ep].rdllist) THEN r.fs
    ELSE Wake([r.fs EXCEPT ![ep].rdllist = Append(@, Key(it))], ep, {"IN"})

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
SendEvents(fs, f, tx, res, max, o) ==
    IF tx = <<>> \/ res >= max THEN [fs |-> fs, tx |-> tx, res |-> res, out |-> o]
    ELSE LET k   == Head(tx)
             it  == ItemOf(fs[f].items, k)
             p   == FilePoll(fs, k.file)
             rev == p.m \cap it.events
             its == p.fs[f].items
             fs1 == IF "ONESHOT" \in it.events
                    THEN [p.fs EXCEPT ![f].items = [i \in 1..Len(its) |->
                             IF Key(its[i]) = k THEN [its[i] EXCEPT !.events = it.events \cap Private] ELSE its[i]]]
                    ELSE IF "ET" \notin it.events THEN [p.fs EXCEPT ![f].rdllist = Append(@, k)]
                    ELSE p.fs
         IN  IF rev = {} THEN SendEvents(p.fs, f, Tail(tx), res, max, o)
             ELSE SendEvents(fs1, f, Tail(tx), res + 1, max, Append(o, k.fd \o "=" \o MaskText(rev, "EPOLL")))

-----------------------------------------------------------------------------
(* poll and select                                                          *)

RECURSIVE PollFds(_, _, _, _)
PollFds(fs, ps, count, o) ==
    IF ps = <<>> THEN [fs |-> fs, count |-> count, out |-> o]
    ELSE LET p == Head(ps)
             f == FileOf(p.fd)
             r == IF f = None THEN [fs |-> fs, m |-> {"NVAL"}] ELSE FilePoll(fs, f)
             m == IF f = None THEN {"NVAL"} ELSE r.m \cap (p.events \cup {"ERR", "HUP"})
         IN  IF p.fd = None THEN PollFds(fs, Tail(ps), count, o)
             ELSE IF m = {} THEN PollFds(r.fs, Tail(ps), count, o)
             ELSE PollFds(r.fs, Tail(ps), count + 1, Append(o, p.fd \o "=" \o MaskText(m, "POLL")))

\* The fds of a select whose numbers are below nfds, and those in number order.
InRange(nfds, rd, wr, ex) == {f \in rd \cup wr \cup ex : f \in DOMAIN numbers /\ numbers[f] < nfds}
RECURSIVE ByNumber(_)
ByNumber(S) == IF S = {} THEN <<>>
               ELSE LET m == CHOOSE x \in S : \A y \in S : numbers[x] <= numbers[y]
                    IN  <<m>> \o ByNumber(S \ {m})

RECURSIVE SelectScan(_, _, _, _, _, _, _)
SelectScan(fs, order, rd, wr, ex, sets, acc) ==
    IF order = <<>> THEN [fs |-> fs, rd |-> sets[1], wr |-> sets[2], ex |-> sets[3]]
    ELSE LET fd == Head(order)
             r  == FilePoll(fs, FileOf(fd))
             s1 == IF fd \in rd /\ r.m \cap InSet # {} THEN sets[1] \cup {fd} ELSE sets[1]
             s2 == IF fd \in wr /\ r.m \cap OutSet # {} THEN sets[2] \cup {fd} ELSE sets[2]
             s3 == IF fd \in ex /\ r.m \cap ExSet # {} THEN sets[3] \cup {fd} ELSE sets[3]
         IN  SelectScan(r.fs, Tail(order), rd, wr, ex, <<s1, s2, s3>>, acc)

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
                                       file |-> [kind |-> "Epoll", items |-> <<>>, rdllist |-> <<>>]]>>
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

\* The world [numbers, fds, files, ret] after a creation call.
Create(w, c) ==
    LET nf  == NewFds(c)
        ids == {nf[i].id : i \in 1..Len(nf)}
        at(x) == nf[CHOOSE i \in 1..Len(nf) : nf[i].id = x]
    IN  [numbers |-> [x \in DOMAIN w.numbers \cup ids |-> IF x \in ids THEN at(x).number ELSE w.numbers[x]],
         fds     |-> [x \in DOMAIN w.fds \cup ids |-> IF x \in ids THEN x ELSE w.fds[x]],
         files   |-> [x \in DOMAIN w.files \cup ids |-> IF x \in ids THEN at(x).file ELSE w.files[x]],
         ret     |-> IF Len(nf) = 1 THEN NameNumber(nf[1].id, nf[1].number)
                     ELSE NameNumber(nf[1].id, nf[1].number) \o "," \o NameNumber(nf[2].id, nf[2].number)]

RECURSIVE SetupWorld(_, _)
SetupWorld(w, cs) == IF cs = <<>> THEN w ELSE SetupWorld(Create(w, Head(cs)), Tail(cs))

NoFunction == [x \in {} |-> 0]
Initial == SetupWorld([numbers |-> NoFunction, fds |-> NoFunction, files |-> NoFunction, ret |-> "-"], Setup)

Init ==
    /\ numbers = Initial.numbers
    /\ fds = Initial.fds
    /\ files = Initial.files
    /\ ret = Initial.ret
    /\ out = <<>>

-----------------------------------------------------------------------------
(* Step helpers                                                             *)

\* A syscall that only returns an errno.
Fail(e) == ret' = e /\ out' = <<>> /\ UNCHANGED <<numbers, fds, files>>

\* A syscall that changes files only.
Commit(fs, r, o) == files' = fs /\ ret' = r /\ out' = o /\ UNCHANGED <<numbers, fds>>

\* The state after a creation call (its guard is CanCreate).
Created(c) == Create([numbers |-> numbers, fds |-> fds, files |-> files, ret |-> "-"], c)
Become(w) == numbers' = w.numbers /\ fds' = w.fds /\ files' = w.files /\ ret' = w.ret /\ out' = <<>>

-----------------------------------------------------------------------------
(* Rules that several syscalls share: one case per call, c the call record. *)
(* TLC explores each disjunct of an action on its own (no short-circuit), so *)
(* every disjunct below is well defined by itself.                          *)

\* man: EBADF — the fd number is not open, or not open for this (fs/read_write.c: !FMODE_WRITE,
\* !FMODE_READ; fs/select.c max_select_fd: a set bit for a closed fd).
Ebadf(c) ==
    /\ CASE c.call \in {"Bind", "Listen", "Connect", "Shutdown"} -> FileOf(c.fd) = None
         [] c.call \in {"Dup", "Accept4"} -> Fresh(c.name) /\ FileOf(c.fd) = None
         [] c.call = "Close" -> OpenName(c.fd) = None
         [] c.call = "Write" -> FileOf(c.fd) = None \/ Is(FileOf(c.fd), "PipeRead") \/ Is(FileOf(c.fd), "Regular")
         [] c.call = "Read" -> FileOf(c.fd) = None \/ Is(FileOf(c.fd), "PipeWrite")
         [] c.call = "EpollCtl" -> ~(c.nullEvent /\ c.op # "EPOLL_CTL_DEL")
                                   /\ (FileOf(c.epfd) = None \/ FileOf(c.fd) = None)
         [] c.call = "EpollWait" -> FileOf(c.epfd) = None
         [] c.call = "Select" -> c.nfds >= 0 /\ \E f \in InRange(c.nfds, c.rd, c.wr, c.ex) : FileOf(f) = None
         [] OTHER -> FALSE
    /\ Fail("EBADF")

\* Not a socket: shutdown(2), and bind(2) and listen(2) on a non-TCP file.
ShutdownEnotsock(c) ==
    /\ FileOf(c.fd) # None
    /\ CASE c.call \in {"Bind", "Listen"} -> files[FileOf(c.fd)].kind # "TcpSock"
         [] c.call = "Shutdown" -> files[FileOf(c.fd)].kind \notin {"TcpSock", "UnixStream"}
         [] OTHER -> FALSE
    /\ Fail("ENOTSOCK")

\* A TCP socket in the wrong state (inet_listen, inet_csk_accept, tcp_recvmsg, inet_shutdown).
SockEinval(c) ==
    LET f == FileOf(c.fd) IN
    \/ /\ c.call = "Listen" /\ Is(f, "TcpSock")
       /\ ~(files[f].state \in {"CLOSE", "LISTEN"} /\ files[f].peer = "")
       /\ Fail("EINVAL")
    \/ /\ c.call = "Accept4" /\ Fresh(c.name) /\ f # None
       /\ ~(files[f].kind = "TcpSock" /\ files[f].state = "LISTEN")
       /\ Fail("EINVAL")
    \/ /\ c.call = "Read" /\ Is(f, "TcpSock")
       /\ \/ files[f].state = "LISTEN"
          \/ files[f].rcvBytes = 0 /\ files[f].err = "" /\ ~RcvShut(files[f].shutdown) /\ files[f].state = "CLOSE"
       /\ Fail("ENOTCONN")
    \/ /\ c.call = "Shutdown" /\ Is(f, "TcpSock") /\ files[f].state # "ESTABLISHED"
       /\ Fail("ENOTCONN")

\* Nothing to read yet, eventfd overflow, or no child to accept.
IoEagain(c) ==
    /\ LET f == FileOf(c.fd) IN
       CASE c.call = "Write" ->
              \* kernel: fs/eventfd.c eventfd_write, ULLONG_MAX - count <= n
              Is(f, "EventFd") /\ c.n # UMax /\ UMax - files[f].count <= c.n
         [] c.call = "Read" ->
              \/ Is(f, "PipeRead") /\ files[f].bytes = 0 /\ files[f].writerAlive
              \/ Is(f, "UnixStream") /\ files[f].rcvQueue = <<>> /\ ~files[f].err /\ ~RcvShut(files[f].shutdown)
              \/ Is(f, "EventFd") /\ c.n >= 8 /\ files[f].count = 0
              \/ Is(f, "TcpSock") /\ files[f].state \notin {"LISTEN", "CLOSE"} /\ files[f].rcvBytes = 0
                 /\ files[f].err = "" /\ ~RcvShut(files[f].shutdown)
         [] c.call = "Accept4" ->
              Fresh(c.name) /\ Is(f, "TcpSock") /\ files[f].state = "LISTEN" /\ files[f].acceptQueue = <<>>
         [] OTHER -> FALSE
    /\ Fail("EAGAIN")

\* Writing with no reader, or to a socket shut for sending (pipe_write, unix_stream_sendmsg, tcp_sendmsg_locked).
IoEpipe(c) ==
    /\ LET f == FileOf(c.fd) IN
       \/ Is(f, "PipeWrite") /\ ~files[f].readerAlive
       \/ /\ Is(f, "UnixStream")
          /\ \/ SendShut(files[f].shutdown)
             \/ ~Live(files, files[f].peer, "UnixStream")
             \/ Live(files, files[f].peer, "UnixStream") /\ RcvShut(files[files[f].peer].shutdown)
       \/ /\ Is(f, "TcpSock") /\ files[f].err = ""
          /\ (SendShut(files[f].shutdown) \/ files[f].state # "ESTABLISHED")
    /\ Fail("EPIPE")

\* fs/eventfd.c: a write of ULLONG_MAX, a read of fewer than 8 bytes; read/write on an epoll file.
IoEinval(c) ==
    /\ LET f == FileOf(c.fd) IN
       \/ Is(f, "Epoll")
       \/ c.call = "Write" /\ Is(f, "EventFd") /\ c.n = UMax
       \/ c.call = "Read" /\ Is(f, "EventFd") /\ c.n < 8
    /\ Fail("EINVAL")

\* read(2) at end of file: a pipe whose writers are gone (pipe_read), a regular file.
ReadPipeEof(c) ==
    /\ LET f == FileOf(c.fd) IN
       \/ Is(f, "PipeRead") /\ files[f].bytes = 0 /\ ~files[f].writerAlive
       \/ Is(f, "Regular")
    /\ ret' = "0" /\ out' = <<>> /\ UNCHANGED <<numbers, fds, files>>

\* A pending TCP error is reported and cleared (sock_error) by write, or by read once no data is left.
TcpSockError(c) ==
    LET f == FileOf(c.fd) IN
    /\ Is(f, "TcpSock") /\ files[f].err # ""
    /\ c.call = "Read" => files[f].state # "LISTEN" /\ files[f].rcvBytes = 0
    /\ Commit([files EXCEPT ![f].err = ""], files[f].err, <<>>)

-----------------------------------------------------------------------------
(* File creation, dup, close                                                *)

\* man: pipe2(2), socketpair(2), eventfd(2), epoll_create1(2), openat(2), socket(2): fresh names only
Pipe2Ok(r, rn, w, wn) ==
    LET c == [call |-> "Pipe2", r |-> r, rn |-> rn, w |-> w, wn |-> wn] IN CanCreate(numbers, c) /\ NumbersFree(c) /\ Become(Created(c))
Pipe2(r, rn, w, wn) == Pipe2Ok(r, rn, w, wn)

SocketpairOk(a, an, b, bn) ==
    LET c == [call |-> "Socketpair", a |-> a, an |-> an, b |-> b, bn |-> bn] IN CanCreate(numbers, c) /\ NumbersFree(c) /\ Become(Created(c))
Socketpair(a, an, b, bn) == SocketpairOk(a, an, b, bn)

EventfdOk(name, number, initval, semaphore) ==
    LET c == [call |-> "Eventfd", name |-> name, number |-> number, initval |-> initval, semaphore |-> semaphore]
    IN  CanCreate(numbers, c) /\ NumbersFree(c) /\ Become(Created(c))
Eventfd(name, number, initval, semaphore) == EventfdOk(name, number, initval, semaphore)

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
    /\ UNCHANGED files

Dup(fd, name, number) ==
    \/ DupOk(fd, name, number)
    \/ Ebadf([call |-> "Dup", fd |-> fd, name |-> name, number |-> number])

\* close(2): the fd goes; the file goes only with its last fd (fs/file_table.c __fput). Events keep
\* arriving for items added under a closed fd while the file lives (man: epoll(7) Q6).
CloseFd(fd) ==
    LET o == OpenName(fd) IN
    /\ o # None /\ \E x \in DOMAIN fds \ {o} : fds[x] = fds[o]
    /\ fds' = Del(fds, o)
    /\ ret' = "0" /\ out' = <<>>
    /\ UNCHANGED <<numbers, files>>

CloseRelease(fd) ==
    LET o == OpenName(fd) IN
    /\ o # None /\ ~\E x \in DOMAIN fds \ {o} : fds[x] = fds[o]
    /\ fds' = Del(fds, o)
    /\ files' = Release(files, fds[o])
    /\ ret' = "0" /\ out' = <<>>
    /\ UNCHANGED numbers

Close(fd) == CloseFd(fd) \/ CloseRelease(fd) \/ Ebadf([call |-> "Close", fd |-> fd])

-----------------------------------------------------------------------------
(* TCP sockets on loopback                                                  *)

BindOk(fd) == Is(FileOf(fd), "TcpSock") /\ ret' = "0" /\ out' = <<>> /\ UNCHANGED <<numbers, fds, files>>

Bind(fd) ==
    \/ BindOk(fd)
    \/ Ebadf([call |-> "Bind", fd |-> fd])
    \/ ShutdownEnotsock([call |-> "Bind", fd |-> fd])

\* kernel: net/ipv4/af_inet.c inet_listen: only an unconnected socket may listen.
ListenOk(fd, backlog) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].state \in {"CLOSE", "LISTEN"} /\ files[f].peer = ""
    /\ Commit([files EXCEPT ![f] = TcpFile("LISTEN", "", files[f].acceptQueue)], "0", <<>>)

Listen(fd, backlog) ==
    LET c == [call |-> "Listen", fd |-> fd, backlog |-> backlog] IN
    \/ ListenOk(fd, backlog) \/ Ebadf(c) \/ ShutdownEnotsock(c) \/ SockEinval(c)

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
       IN  Commit(Wake(Wake(fs1, f, {}), l, {"IN", "PRI", "RDNORM", "RDBAND"}), "EINPROGRESS", <<>>)

Connect(fd, listener) ==
    \/ ConnectInProgress(fd, listener)
    \/ Ebadf([call |-> "Connect", fd |-> fd, listener |-> listener])

\* kernel: net/ipv4/inet_connection_sock.c inet_csk_accept (the listener is O_NONBLOCK)
AcceptOk(fd, name, number) ==
    LET l == FileOf(fd) IN
    /\ Fresh(name) /\ Is(l, "TcpSock") /\ files[l].state = "LISTEN" /\ files[l].acceptQueue # <<>>
    /\ NumberFree(number)
    /\ files' = [files EXCEPT ![l] = TcpFile("LISTEN", "", Tail(files[l].acceptQueue))]
    /\ numbers' = Put(numbers, name, number)
    /\ fds' = Put(fds, name, Head(files[l].acceptQueue))
    /\ ret' = NameNumber(name, number) /\ out' = <<>>

Accept4(fd, name, number) ==
    LET c == [call |-> "Accept4", fd |-> fd, name |-> name, number |-> number] IN
    \/ AcceptOk(fd, name, number) \/ Ebadf(c) \/ SockEinval(c) \/ IoEagain(c)

-----------------------------------------------------------------------------
(* write(2)                                                                 *)

\* kernel: fs/pipe.c pipe_write wakes readers after every write once the pipe was polled (poll_usage)
WritePipe(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "PipeWrite") /\ files[f].readerAlive
    /\ LET rd == files[f].reader IN
       Commit(Wake([files EXCEPT ![rd].bytes = @ + n], rd, {"IN", "RDNORM"}), ToString(n), <<>>)

\* kernel: net/unix/af_unix.c unix_stream_sendmsg: one skb; sk_data_ready -> sock_def_readable
WriteUnix(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "UnixStream") /\ ~SendShut(files[f].shutdown)
    /\ LET p == files[f].peer IN
       /\ Live(files, p, "UnixStream") /\ ~RcvShut(files[p].shutdown)
       /\ Commit(Wake([files EXCEPT ![p].rcvQueue = Append(@, n)], p, {"IN", "PRI", "RDNORM", "RDBAND"}),
                 ToString(n), <<>>)

\* kernel: fs/eventfd.c eventfd_write: waitqueue_active -> wake_up_locked_poll(EPOLLIN)
WriteEventfd(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "EventFd") /\ n # UMax /\ UMax - files[f].count > n
    /\ Commit(Wake([files EXCEPT ![f].count = @ + n], f, {"IN"}), "8", <<>>)

\* kernel: net/ipv4/tcp.c tcp_sendmsg_locked; on loopback tcp_data_ready -> sock_def_readable
WriteTcp(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].err = "" /\ ~SendShut(files[f].shutdown) /\ files[f].state = "ESTABLISHED"
    /\ LET p == files[f].peer IN
       /\ Live(files, p, "TcpSock") /\ files[p].state # "CLOSE"
       /\ Commit(Wake([files EXCEPT ![p].rcvBytes = @ + n], p, {"IN", "PRI", "RDNORM", "RDBAND"}),
                 ToString(n), <<>>)

\* The peer's socket is gone: its orphan answers the data with RST (TCPAbortOnData).
WriteTcpReset(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].err = "" /\ ~SendShut(files[f].shutdown) /\ files[f].state = "ESTABLISHED"
    /\ ~(Live(files, files[f].peer, "TcpSock") /\ files[files[f].peer].state # "CLOSE")
    /\ Commit(Reset(files, f), ToString(n), <<>>)

Write(fd, n) ==
    LET c == [call |-> "Write", fd |-> fd, n |-> n] IN
    \/ WritePipe(fd, n) \/ WriteUnix(fd, n) \/ WriteEventfd(fd, n)
    \/ WriteTcp(fd, n) \/ WriteTcpReset(fd, n) \/ TcpSockError(c)
    \/ Ebadf(c) \/ IoEpipe(c) \/ IoEinval(c) \/ IoEagain(c)

-----------------------------------------------------------------------------
(* read(2)                                                                  *)

\* kernel: fs/pipe.c pipe_read (the pipe was never full, so it wakes no writer)
ReadPipe(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "PipeRead") /\ files[f].bytes > 0
    /\ Commit([files EXCEPT ![f].bytes = @ - Min(n, files[f].bytes)], ToString(Min(n, files[f].bytes)), <<>>)

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
ReadUnix(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "UnixStream") /\ files[f].rcvQueue # <<>>
    /\ LET r   == Consume(files[f].rcvQueue, n)
           fs1 == [files EXCEPT ![f].rcvQueue = r.q]
           p   == files[f].peer
       IN  Commit(IF p \in DOMAIN fs1 THEN WakeTimes(fs1, p, {"OUT", "WRNORM", "WRBAND"}, r.consumed) ELSE fs1,
                  ToString(r.got), <<>>)

\* unix_stream_read_generic: sock_error first, then RCV_SHUTDOWN, then EAGAIN
ReadUnixReset(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "UnixStream") /\ files[f].rcvQueue = <<>> /\ files[f].err
    /\ Commit([files EXCEPT ![f].err = FALSE], "ECONNRESET", <<>>)

ReadUnixEof(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "UnixStream") /\ files[f].rcvQueue = <<>> /\ ~files[f].err /\ RcvShut(files[f].shutdown)
    /\ ret' = "0" /\ out' = <<>> /\ UNCHANGED <<numbers, fds, files>>

\* kernel: fs/eventfd.c eventfd_read -> wake_up_locked_poll(EPOLLOUT)
ReadEventfd(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "EventFd") /\ n >= 8 /\ files[f].count # 0
    /\ LET v == IF files[f].semaphore THEN 1 ELSE files[f].count IN
       Commit(Wake([files EXCEPT ![f].count = @ - v], f, {"OUT"}), "8", <<"value=" \o ToString(v)>>)

\* kernel: net/ipv4/tcp.c tcp_recvmsg
ReadTcp(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].state # "LISTEN" /\ files[f].rcvBytes > 0
    /\ Commit([files EXCEPT ![f].rcvBytes = @ - Min(n, files[f].rcvBytes)], ToString(Min(n, files[f].rcvBytes)), <<>>)

ReadTcpEof(fd, n) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "TcpSock") /\ files[f].state # "LISTEN" /\ files[f].rcvBytes = 0 /\ files[f].err = ""
    /\ RcvShut(files[f].shutdown)
    /\ ret' = "0" /\ out' = <<>> /\ UNCHANGED <<numbers, fds, files>>

Read(fd, n) ==
    LET c == [call |-> "Read", fd |-> fd, n |-> n] IN
    \/ ReadPipe(fd, n) \/ ReadUnix(fd, n) \/ ReadUnixReset(fd, n) \/ ReadUnixEof(fd, n)
    \/ ReadEventfd(fd, n) \/ ReadTcp(fd, n) \/ ReadTcpEof(fd, n) \/ TcpSockError(c)
    \/ ReadPipeEof(c) \/ Ebadf(c) \/ IoEinval(c) \/ IoEagain(c) \/ SockEinval(c)

-----------------------------------------------------------------------------
(* shutdown(2)                                                              *)

\* kernel: net/unix/af_unix.c unix_shutdown: this side and the peer's mirror bits, each woken
\* without key. how: SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2; mode = how + 1.
ShutdownUnix(fd, how) ==
    LET f    == FileOf(fd)
        mode == how + 1
    IN
    /\ Is(f, "UnixStream")
    /\ LET fs1 == Wake([files EXCEPT ![f].shutdown = Or(@, mode)], f, {})
           p   == files[f].peer
           pm  == (IF RcvShut(mode) THEN 2 ELSE 0) + (IF SendShut(mode) THEN 1 ELSE 0)
       IN  Commit(IF Live(fs1, p, "UnixStream") THEN Wake([fs1 EXCEPT ![p].shutdown = Or(@, pm)], p, {}) ELSE fs1,
                  "0", <<>>)

\* kernel: net/ipv4/af_inet.c inet_shutdown, tcp_shutdown (FIN), tcp_fin on the peer. Once both
\* directions are shut both sides are done (TIME_WAIT, LAST_ACK -> CLOSE).
ShutdownTcp(fd, how) ==
    LET f    == FileOf(fd)
        mode == how + 1
    IN
    /\ Is(f, "TcpSock") /\ files[f].state = "ESTABLISHED"
    /\ LET me  == Or(files[f].shutdown, mode)
           p   == files[f].peer
           fs1 == [files EXCEPT ![f].shutdown = me]
           fs2 == IF SendShut(mode) /\ Live(fs1, p, "TcpSock")
                  THEN LET pm == Or(fs1[p].shutdown, 1) IN
                       Wake(IF pm = 3 /\ me = 3
                            THEN [fs1 EXCEPT ![f].state = "CLOSE", ![f].shutdown = 3,
                                             ![p].state = "CLOSE", ![p].shutdown = 3]
                            ELSE [fs1 EXCEPT ![p].shutdown = pm], p, {})
                  ELSE fs1
       IN  Commit(Wake(fs2, f, {}), "0", <<>>)

Shutdown(fd, how) ==
    LET c == [call |-> "Shutdown", fd |-> fd, how |-> how] IN
    \/ ShutdownUnix(fd, how) \/ ShutdownTcp(fd, how)
    \/ Ebadf(c) \/ ShutdownEnotsock(c) \/ SockEinval(c)

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

\* ep_insert: an item already ready goes on rdllist at once
EpollCtlAdd(epfd, op, fd, events, nullEvent) ==
    /\ op = "EPOLL_CTL_ADD" /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ ~Found(epfd, fd)
    /\ LET ef == FileOf(epfd)
           it == [file |-> FileOf(fd), fd |-> fd, events |-> events \cup {"ERR", "HUP"}]
       IN  Commit(QueueIfReady([files EXCEPT ![ef].items = Append(@, it)], ef, it), "0", <<>>)

\* ep_remove: unlinked from rdllist too, so a queued event is never reported
EpollCtlDel(epfd, op, fd, events, nullEvent) ==
    /\ op = "EPOLL_CTL_DEL" /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ Found(epfd, fd)
    /\ LET ef == FileOf(epfd)
           k  == [file |-> FileOf(fd), fd |-> OpenName(fd)]
       IN  Commit([files EXCEPT ![ef].items = SelectSeq(@, LAMBDA i : Key(i) # k),
                                ![ef].rdllist = SelectSeq(@, LAMBDA x : x # k)], "0", <<>>)

\* ep_modify re-polls: a ready item is reported again
EpollCtlMod(epfd, op, fd, events, nullEvent) ==
    /\ op = "EPOLL_CTL_MOD" /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ Found(epfd, fd)
    /\ "EXCLUSIVE" \notin FoundItem(epfd, fd).events
    /\ LET ef  == FileOf(epfd)
           k   == [file |-> FileOf(fd), fd |-> OpenName(fd)]
           it  == [file |-> FileOf(fd), fd |-> fd, events |-> events \cup {"ERR", "HUP"}]
           its == files[ef].items
       IN  Commit(QueueIfReady([files EXCEPT ![ef].items = [i \in 1..Len(its) |-> IF Key(its[i]) = k THEN it ELSE its[i]]],
                               ef, it), "0", <<>>)

EpollCtl(epfd, op, fd, events, nullEvent) ==
    \/ EpollCtlAdd(epfd, op, fd, events, nullEvent)
    \/ EpollCtlMod(epfd, op, fd, events, nullEvent)
    \/ EpollCtlDel(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEfault(epfd, op, fd, events, nullEvent)
    \/ Ebadf([call |-> "EpollCtl", epfd |-> epfd, op |-> op, fd |-> fd, events |-> events, nullEvent |-> nullEvent])
    \/ EpollCtlEperm(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEinval(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEloop(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEexist(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEnoent(epfd, op, fd, events, nullEvent)

-----------------------------------------------------------------------------
(* epoll_wait(2), poll(2), select(2), all with timeout 0                    *)

\* kernel: fs/eventpoll.c do_epoll_wait, ep_send_events: take the ready list, report what still
\* polls ready; items not reached because maxevents was hit go back to the head (ep_done_scan).
EpollWaitOk(epfd, maxevents) ==
    LET f == FileOf(epfd) IN
    /\ Is(f, "Epoll") /\ maxevents > 0
    /\ LET r    == SendEvents([files EXCEPT ![f].rdllist = <<>>], f, files[f].rdllist, 0, maxevents, <<>>)
           rest == r.tx \o SelectSeq(r.fs[f].rdllist, LAMBDA k : ~InSeq(k, r.tx))
       IN  Commit([r.fs EXCEPT ![f].rdllist = rest], ToString(r.res), r.out)

\* ep_check_params: maxevents <= 0 or not an epoll file
EpollWaitEinval(epfd, maxevents) ==
    LET f == FileOf(epfd) IN
    /\ f # None /\ (maxevents <= 0 \/ files[f].kind # "Epoll")
    /\ Fail("EINVAL")

EpollWait(epfd, maxevents) ==
    \/ EpollWaitOk(epfd, maxevents) \/ EpollWaitEinval(epfd, maxevents)
    \/ Ebadf([call |-> "EpollWait", epfd |-> epfd, maxevents |-> maxevents])

\* kernel: fs/select.c do_sys_poll / do_pollfd: a negative fd is skipped, a closed one is POLLNVAL.
PollOk(pfds) ==
    LET r == PollFds(files, pfds, 0, <<>>) IN
    /\ files' = r.fs /\ ret' = ToString(r.count) /\ out' = r.out
    /\ UNCHANGED <<numbers, fds>>

Poll(pfds) == PollOk(pfds)

\* kernel: fs/select.c core_sys_select / do_select; the result counts bits.
SelectOk(nfds, rd, wr, ex) ==
    LET in == InRange(nfds, rd, wr, ex) IN
    /\ nfds >= 0 /\ \A f \in in : FileOf(f) # None
    /\ LET r == SelectScan(files, ByNumber(in), rd, wr, ex, <<{}, {}, {}>>, 0) IN
       Commit(r.fs, ToString(Cardinality(r.rd) + Cardinality(r.wr) + Cardinality(r.ex)),
              <<"rd=" \o JoinNames(r.rd), "wr=" \o JoinNames(r.wr), "ex=" \o JoinNames(r.ex)>>)

SelectEinval(nfds, rd, wr, ex) == nfds < 0 /\ Fail("EINVAL")

Select(nfds, rd, wr, ex) ==
    \/ SelectOk(nfds, rd, wr, ex) \/ SelectEinval(nfds, rd, wr, ex)
    \/ Ebadf([call |-> "Select", nfds |-> nfds, rd |-> rd, wr |-> wr, ex |-> ex])

-----------------------------------------------------------------------------
CallsOf(k) == {c \in Calls : c.call = k}

Next ==
    \/ \E c \in CallsOf("Pipe2") : Pipe2(c.r, c.rn, c.w, c.wn)
    \/ \E c \in CallsOf("Socketpair") : Socketpair(c.a, c.an, c.b, c.bn)
    \/ \E c \in CallsOf("Eventfd") : Eventfd(c.name, c.number, c.initval, c.semaphore)
    \/ \E c \in CallsOf("EpollCreate1") : EpollCreate1(c.name, c.number)
    \/ \E c \in CallsOf("Open") : Open(c.name, c.number)
    \/ \E c \in CallsOf("Socket") : Socket(c.name, c.number)
    \/ \E c \in CallsOf("Bind") : Bind(c.fd)
    \/ \E c \in CallsOf("Listen") : Listen(c.fd, c.backlog)
    \/ \E c \in CallsOf("Connect") : Connect(c.fd, c.listener)
    \/ \E c \in CallsOf("Accept4") : Accept4(c.fd, c.name, c.number)
    \/ \E c \in CallsOf("Dup") : Dup(c.fd, c.name, c.number)
    \/ \E c \in CallsOf("Write") : Write(c.fd, c.n)
    \/ \E c \in CallsOf("Read") : Read(c.fd, c.n)
    \/ \E c \in CallsOf("Shutdown") : Shutdown(c.fd, c.how)
    \/ \E c \in CallsOf("Close") : Close(c.fd)
    \/ \E c \in CallsOf("EpollCtl") : EpollCtl(c.epfd, c.op, c.fd, c.events, c.nullEvent)
    \/ \E c \in CallsOf("EpollWait") : EpollWait(c.epfd, c.maxevents)
    \/ \E c \in CallsOf("Poll") : Poll(c.pfds)
    \/ \E c \in CallsOf("Select") : Select(c.nfds, c.rd, c.wr, c.ex)

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

=============================================================================
