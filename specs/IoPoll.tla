------------------------------- MODULE IoPoll -------------------------------
(***************************************************************************)
(* io_uring/poll.c and io_uring/cancel.c (IoPoll in Java), and             *)
(* io_uring_enter (io_uring/io_uring.c; IoUring.enter in Java), which sits *)
(* here because it issues every opcode and POLL_ADD polls files           *)
(* (FilePoll, SelectPoll.tla and below).  The SQEs a call submits are its  *)
(* argument sqes, records [op, userData, fd, events, multishot, target,    *)
(* link].  A poll request is [userData, file, events, multishot, pending,  *)
(* cancelled, linked]: pending, its task work is queued (a wake-up reached *)
(* it, PollWake; or a multishot poll found its file ready when armed);     *)
(* cancelled, ASYNC_CANCEL took it; linked, the rest of its link chain.  The task work runs before the *)
(* submitter returns to user space: IoUringTaskWork, due at once (every    *)
(* other action conjoins ~TaskWorkDue, Proc.tla).  A CQE's res is a        *)
(* number: -errno, or a poll mask as the kernel writes it (SumBits).       *)
(* An armed request holds a reference to its file (FileTable.tla Held):   *)
(* closing the last fd leaves the file, which goes with the request.       *)
(* POLL_REMOVE (with or without update flags) and ASYNC_CANCEL's flags   *)
(* are checked by TLC through their traces, not in an MC module: each    *)
(* CQE they add multiplies the CQ contents there.  Not modelled: opcodes *)
(* other than NOP, PROVIDE_BUFFERS, REMOVE_BUFFERS (BufModelled), POLL_ADD, POLL_REMOVE, ASYNC_CANCEL (its FD_FIXED with *)
(* FD is -EBADF: the rings have no registered files),                      *)
(* READ, WRITE and RECV (INVALID: one beyond IORING_OP_LAST), READ and     *)
(* WRITE of files other than pipes and AF_UNIX stream sockets, a full pipe *)
(* or socket (a WRITE that would wait).                                    *)
(***************************************************************************)
EXTENDS IoTimeout

\* io_uring/poll.c IO_POLL_UNMASK: the bits every poll request waits for besides those asked.
Unmask == {"ERR", "HUP", "NVAL", "RDHUP"}

\* include/uapi/linux/io_uring.h IORING_CQE_F_MORE
CqeFMore == 2
\* include/uapi/linux/io_uring.h IORING_CQE_F_SOCK_NONEMPTY
CqeFSockNonempty == 4

\* The CQE flags of a RECV that completed with res, the socket f as the read left it in w (Java:
\* IoPoll.recvFlags): IORING_CQE_F_SOCK_NONEMPTY when bytes are left. io_recvmsg_prep_setup sets
\* msg_get_inq for IORING_OP_RECV, io_recv sets msg_inq to -1 before sock_recvmsg; net/unix/af_unix.c
\* unix_stream_read_generic (since 6.17's SO_INQ) writes u->inq_len into msg_inq when the read
\* succeeded, end of file too; io_uring/net.c io_recv_finish adds the flag when msg_inq > 0. A
\* failed RECV posts none; READ (io_uring/rw.c) none either.
RecvFlags(op, w, f, res) ==
    IF op = "RECV" /\ res >= 0 /\ w.files[f].kind = "UnixStream" /\ w.files[f].rcvQueue # <<>>
    THEN CqeFSockNonempty ELSE 0

\* kernel: io_fail_links: the rest of a chain completes with -ECANCELED, in order; a LINK_TIMEOUT
\* there is disarmed first (io_disarm_next, IoTimeout.tla Disarm).
RECURSIVE FailRest(_, _)
FailRest(r, qs) ==
    IF qs = <<>> THEN r
    ELSE FailRest(IF Head(qs).op = "LINK_TIMEOUT" THEN Disarm(r, Head(qs))
                  ELSE Post(r, Cqe(Head(qs).userData, Err("ECANCELED"), 0)), Tail(qs))

\* include/linux/hash.h hash_long(v, bits) = v * GOLDEN_RATIO_64 >> (64 - bits), for 0 <= v < 2^14
\* (Java: IoPoll.bucket; IoPoll.hashable keeps the user_data a walk compares below that): the
\* product's top 16-bit limb, computed limb by limb (TLC's integers are 32-bit). GoldenLimbs are
\* 0x61C8864680B583EB's, low first.
GoldenLimbs == <<33771, 32949, 34374, 25032>>
RECURSIVE TopLimb(_, _, _)
TopLimb(v, k, carry) ==
    LET p == v * GoldenLimbs[k] + carry IN IF k = 4 THEN p % 65536 ELSE TopLimb(v, k + 1, p \div 65536)
RECURSIVE Log2(_)
Log2(n) == IF n <= 1 THEN 0 ELSE 1 + Log2(n \div 2)
\* kernel: io_ring_ctx_alloc: hash_bits = ilog2(cq_entries) - 5, clamped to 1..8.
HashBits(cq) == LET b == Log2(cq) - 5 IN IF b < 1 THEN 1 ELSE IF b > 8 THEN 8 ELSE b
Bucket(v, cq) == TopLimb(v, 1, 0) \div (2 ^ (16 - HashBits(cq)))

\* Whether request j comes before k (j < k) in the walk of ctx->cancel_table (io_poll_find,
\* io_poll_file_find): bucket by bucket, each newest first (io_poll_req_insert adds at the head).
\* The polls are in arming order (a read armed again after a wake-up keeps its place here; a request
\* a cancel took goes to the end, its task work's place, where the kernel leaves it in its bucket).
Before(r, j, k) ==
    r.polls[j].userData # r.polls[k].userData
    /\ Bucket(r.polls[j].userData, r.cqEntries) < Bucket(r.polls[k].userData, r.cqEntries)

\* The first of the requests S (indices) in that walk, 0 for none.
FirstOf(r, S) == IF S = {} THEN 0 ELSE CHOOSE j \in S : \A k \in S \ {j} : IF j < k THEN Before(r, j, k) ELSE ~Before(r, k, j)

\* Request i is marked cancelled with its task work queued (io_poll_execute), after any queued
\* before: it goes to the end of the list, unless its task work was queued already
\* (io_poll_get_ownership fails: that task work finds it cancelled).
Take(r, i) ==
    IF r.polls[i].pending THEN [r EXCEPT !.polls[i].cancelled = TRUE]
    ELSE [r EXCEPT !.polls = SubSeq(@, 1, i - 1) \o SubSeq(@, i + 1, Len(@))
                             \o <<[@[i] EXCEPT !.pending = TRUE, !.cancelled = TRUE]>>]

\* kernel: io_cancel_req_match: the requests an ASYNC_CANCEL q matches (one cancelled before whose
\* task work has not run is still in the table: io_poll_cancel_req does not unhash it);
\* IORING_ASYNC_CANCEL_ANY every one; else IORING_ASYNC_CANCEL_FD (the file of its fd) and
\* IORING_ASYNC_CANCEL_OP (the opcode in len, read into a u8 by io_async_cancel_prep) must hold, and
\* the user_data with IORING_ASYNC_CANCEL_USERDATA or when neither FD nor OP is set. A request
\* with no events is in no table (a POLL_FIRST RECV that found its file ready: IO_APOLL_READY).
CancelMatch(r, q) ==
    {i \in 1..Len(r.polls) :
        /\ r.polls[i].events # {}
        /\ \/ "ANY" \in q.events
           \/ /\ ("FD" \in q.events => r.polls[i].file = FileOf(q.fd))
              /\ ("OP" \in q.events => IoringOpNumber[r.polls[i].op] = q.len % 256)
              /\ (("USERDATA" \in q.events \/ {"FD", "OP"} \cap q.events = {}) => r.polls[i].userData = q.target)}

\* The requests S (indices) in the walk's order.
RECURSIVE WalkOrder(_, _)
WalkOrder(r, S) == IF S = {} THEN <<>> ELSE LET j == FirstOf(r, S) IN <<j>> \o WalkOrder(r, S \ {j})

\* Take of the requests js (indices), one after the other: those whose task work was queued are
\* marked in place, the others go to the end in that order.
TakeAll(r, js) ==
    LET T     == {js[k] : k \in 1..Len(js)}
        m     == [i \in 1..Len(r.polls) |-> IF i \in T THEN [r.polls[i] EXCEPT !.pending = TRUE, !.cancelled = TRUE] ELSE r.polls[i]]
        kept  == SelectSeq([i \in 1..Len(r.polls) |-> i], LAMBDA i : i \notin T \/ r.polls[i].pending)
        moved == SelectSeq(js, LAMBDA i : ~r.polls[i].pending)
    IN  [r EXCEPT !.polls = [k \in 1..Len(kept) |-> m[kept[k]]] \o [k \in 1..Len(moved) |-> m[moved[k]]]]

\* kernel: __io_async_cancel with IORING_ASYNC_CANCEL_ALL (or ANY): every match once
\* (io_cancel_match_sequence), in the walk's order; [r, n] with n how many.
CancelAll(r, q) == LET js == WalkOrder(r, CancelMatch(r, q)) IN [r |-> TakeAll(r, js), n |-> Len(js)]

\* kernel: io_poll_remove -> io_poll_find(poll_only): the first POLL_ADD request (not a READ or RECV
\* on its internal poll) with that user_data in the walk, 0 for none; io_poll_disarm refuses one
\* whose task work is queued (-EALREADY; a cancel earlier in the submission queued it).
RemoveIndex(r, q) ==
    FirstOf(r, {i \in 1..Len(r.polls) : r.polls[i].userData = q.target /\ r.polls[i].op = "POLL_ADD"})

\* POLL_REMOVE's len (include/uapi/linux/io_uring.h): IORING_POLL_UPDATE_EVENTS, IORING_POLL_UPDATE_USER_DATA.
UpdatesEvents(q) == (q.len \div 2) % 2 = 1
UpdatesUserData(q) == (q.len \div 4) % 2 = 1

\* kernel: io_poll_remove with update flags: the poll's event bits become the SQE's (with
\* IO_POLL_UNMASK; one-shot or multishot stays), its user_data the SQE's off, and io_poll_add arms
\* it again: it polls the file, and one ready for the new events has its task work queued. [w, r].
Rearm(w, x, r, i, q) ==
    LET p  == r.polls[i]
        ev == IF UpdatesEvents(q) THEN q.events \cup Unmask ELSE p.events
        r1 == [r EXCEPT !.polls = SubSeq(@, 1, i - 1) \o SubSeq(@, i + 1, Len(@))]
        fp == FilePoll([w EXCEPT !.files[x] = r1], p.file)
        np == [p EXCEPT !.events = ev, !.userData = IF UpdatesUserData(q) THEN q.off ELSE p.userData,
                        !.pending = fp.m \cap ev # {}]
    IN  [w |-> fp.w, r |-> [fp.w.files[x] EXCEPT !.polls = Append(@, np)]]

\* io_arm_poll_handler's mask for a read (def->pollin), with IO_POLL_UNMASK.
ApollIn == {"IN", "RDNORM", "PRI"} \cup Unmask

\* A RECV's IORING_RECVSEND_POLL_FIRST: the field pollFirst only where set (Java: ReadinessMc.sqe).
PollFirst(q) == "pollFirst" \in DOMAIN q

\* Whether a result fails the link (req_set_fail): any error; for READ and WRITE also a result short
\* of the length asked (io_uring/rw.c __io_complete_rw_common); a short RECV does not (io_uring/net.c io_recv).
FailsLink(op, len, res) == res < 0 \/ (op \in {"READ", "WRITE"} /\ res # len)

\* IOSQE_BUFFER_SELECT on a RECV, or the group of PROVIDE_BUFFERS and REMOVE_BUFFERS: the field bufGroup
\* only where set (Java: ReadinessMc.sqe).
BufSelect(q) == "bufGroup" \in DOMAIN q
\* include/uapi/linux/io_uring.h IORING_CQE_F_BUFFER, IORING_CQE_BUFFER_SHIFT (2^16)
CqeFBuffer == 1
BufShift == 65536
\* The index in r.kbufs of group g's first buffer (io_provided_buffer_select: list_first_entry), 0 if none.
FirstBuf(r, g) ==
    IF \E i \in 1..Len(r.kbufs) : r.kbufs[i].bgid = g
    THEN CHOOSE i \in 1..Len(r.kbufs) : r.kbufs[i].bgid = g /\ \A j \in 1..(i - 1) : r.kbufs[j].bgid # g
    ELSE 0
DropBuf(r, i) == [r EXCEPT !.kbufs = SubSeq(@, 1, i - 1) \o SubSeq(@, i + 1, Len(@))]
HasGroup(r, g) == \E i \in 1..Len(r.bufGroups) : r.bufGroups[i] = g
\* kernel: io_manage_buffers_legacy -> io_add_buffers: the group made if new; nbufs (q.target) buffers
\* of q.len bytes, bids from q.off, at the tail of its list (list_add_tail). (Java: IoPoll.provide)
Provide(r, q) ==
    [r EXCEPT !.kbufs = @ \o [k \in 1..q.target |-> [bgid |-> q.bufGroup, bid |-> q.off + k - 1, len |-> q.len]],
              !.bufGroups = IF HasGroup(r, q.bufGroup) THEN @ ELSE Append(@, q.bufGroup)]
\* kernel: io_remove_buffers_legacy: up to n of group g's buffers from the head of its list; [r, n]
\* with n how many. (Java: IoPoll.removeBuffers)
RECURSIVE RemoveBufs(_, _, _)
RemoveBufs(r, g, n) ==
    IF n = 0 \/ FirstBuf(r, g) = 0 THEN [r |-> r, n |-> 0]
    ELSE LET y == RemoveBufs(DropBuf(r, FirstBuf(r, g)), g, n - 1) IN [r |-> y.r, n |-> y.n + 1]

\* The file's own read (pipe_read, unix_stream_recvmsg) for a request of ring x, with the ring r
\* stored in the world first and taken back after: a read may wake polls of that very ring.
NowaitRead(w, x, r, f, n) ==
    LET w1 == [w EXCEPT !.files[x] = r]
        o  == IF w1.files[f].kind = "PipeRead" THEN PipeReadOut(w1, f, n) ELSE UnixRecvOut(w1, f, n)
    IN  [w |-> o.w, r |-> o.w.files[x], res |-> o.ret]

\* The file's own write (pipe_write, unix_stream_sendmsg) for a request of ring x, the ring stored
\* and taken back as NowaitRead does: the write may wake polls of that very ring.
NowaitWrite(w, x, r, f, n) ==
    LET w1 == [w EXCEPT !.files[x] = r]
        o  == IF w1.files[f].kind = "PipeWrite" THEN PipeWriteOut(w1, f, n) ELSE UnixSendOut(w1, f, n)
    IN  [w |-> o.w, r |-> o.w.files[x], res |-> o.ret]

\* The index of ring r's SPLICE in io-wq with user_data ud, 0 if none.
SpliceOf(r, ud) == IF \E i \in 1..Len(r.splices) : r.splices[i].userData = ud
                   THEN CHOOSE i \in 1..Len(r.splices) : r.splices[i].userData = ud ELSE 0

\* Issues a link chain of ring x (IOSQE_IO_LINK), head first: a member that completes at once
\* without failing the link lets the next start; one that fails cancels the rest, unless it is
\* IOSQE_IO_HARDLINK; a request that waits takes the rest with it.
\* POLL_ADD (kernel: io_poll_add -> __io_arm_poll_handler) polls the file at once: a one-shot
\* request finding it ready completes with the mask; a multishot one is armed with its task work
\* queued (it posts with F_MORE); else it waits on the file's queue. A bad fd: -EBADF.
\* READ and RECV (kernel: io_read, io_recv, issued non-blocking): EBADF for a bad fd or a file not
\* open for reading, ENOTSOCK for RECV on a file that is no socket; then the file's own read; where
\* it finds nothing, RECV with MSG_DONTWAIT fails with -EAGAIN, else an internal poll is armed
\* (io_queue_async -> io_arm_poll_handler). WRITE (kernel: io_write): EBADF for a bad fd or a file
\* not open for writing; then the file's own write, which never finds the file full here. Returns [w, r].
RECURSIVE Issue(_, _, _, _)
Issue(w, x, r, chain) ==
    IF chain = <<>> THEN [w |-> w, r |-> r]
    ELSE LET q == Head(chain)
             rest == Tail(chain)
             doneF(w1, r1, res, fl) ==
                 IF FailsLink(q.op, q.len, res) /\ ~q.hardlink
                 THEN [w |-> w1, r |-> FailRest(Post(r1, Cqe(q.userData, res, fl)), rest)]
                 ELSE Issue(w1, x, Post(r1, Cqe(q.userData, res, fl)), rest)
             done(w1, r1, res) == doneF(w1, r1, res, 0)
             f == FileOf(q.fd)
             p == FilePoll(w, f)
             ev == q.events \cup Unmask
             m == p.m \cap ev
             c == FirstOf(r, CancelMatch(r, q))
             ca == CancelAll(r, q)
             rd == NowaitRead(w, x, r, f, q.len)
             wr == NowaitWrite(w, x, r, f, q.len)
             reads == q.op \in {"READ", "RECV"}
             rm == RemoveIndex(r, q)
             up == Rearm(w, x, r, rm, q)
             sp == SpliceOf(r, q.target)
             rb == RemoveBufs(r, q.bufGroup, q.target)
             \* a buffer-selecting RECV (BufModelled: it reads, or its group is empty): io_recv ->
             \* io_recv_buf_select -> io_provided_buffer_select takes the group's first buffer, reading
             \* min(len, its length) (all of it for len 0); the CQE has IORING_CQE_F_BUFFER and the bid
             \* (__io_put_kbufs), the buffer is freed (io_kbuf_drop_legacy)
             kb == FirstBuf(r, q.bufGroup)
             kn == IF q.len = 0 \/ q.len > r.kbufs[kb].len THEN r.kbufs[kb].len ELSE q.len
             kr == NowaitRead(w, x, DropBuf(r, kb), f, kn)
         IN  CASE q.op = "ASYNC_CANCEL" /\ sp # 0 -> done(w, [r EXCEPT !.splices[sp].signalled = TRUE], Err("EALREADY"))
               [] q.op = "ASYNC_CANCEL" /\ "FD" \in q.events /\ (f = None \/ "FD_FIXED" \in q.events) -> done(w, r, Err("EBADF"))
               [] q.op = "ASYNC_CANCEL" /\ {"ALL", "ANY"} \cap q.events # {} -> done(w, ca.r, ca.n)
               [] q.op = "ASYNC_CANCEL" /\ c = 0 -> done(w, r, Err("ENOENT"))
               [] q.op = "ASYNC_CANCEL" -> done(w, Take(r, c), 0)
               [] q.op = "POLL_REMOVE" /\ rm = 0 -> done(w, r, Err("ENOENT"))
               [] q.op = "POLL_REMOVE" /\ r.polls[rm].pending -> done(w, r, Err("EALREADY"))
               [] q.op = "POLL_REMOVE" /\ (UpdatesEvents(q) \/ UpdatesUserData(q)) -> done(up.w, up.r, 0)
               [] q.op = "POLL_REMOVE" -> done(w, Take(r, rm), 0)
               [] q.op = "PROVIDE_BUFFERS" -> done(w, Provide(r, q), 0)
               \* io_manage_buffers_legacy: REMOVE_BUFFERS of a group never made is -ENOENT
               [] q.op = "REMOVE_BUFFERS" /\ ~HasGroup(r, q.bufGroup) -> done(w, r, Err("ENOENT"))
               [] q.op = "REMOVE_BUFFERS" -> done(w, rb.r, rb.n)
               [] q.op = "POLL_ADD" /\ f = None -> done(w, r, Err("EBADF"))
               [] q.op = "POLL_ADD" /\ m # {} /\ ~q.multishot -> done(p.w, r, SumBits(m))
               [] q.op = "POLL_ADD" ->
                    [w |-> p.w, r |-> [r EXCEPT !.polls = Append(@, [userData |-> q.userData, file |-> f, events |-> ev,
                         multishot |-> q.multishot, pending |-> m # {}, cancelled |-> FALSE, linked |-> rest,
                         hardlink |-> q.hardlink, op |-> q.op, len |-> 0])]]
               [] reads /\ f = None -> done(w, r, Err("EBADF"))
               \* io_uring/net.c io_recv: POLL_FIRST returns -EAGAIN before any other check until polled;
               \* with MSG_DONTWAIT that fails it (io_queue_async: REQ_F_NOWAIT), else the poll is armed at
               \* once, its task work queued if the file is ready (__io_arm_poll_handler: IO_APOLL_READY,
               \* which leaves it on no wait queue and out of the cancel table: no events)
               [] PollFirst(q) /\ q.dontwait -> done(w, r, Err("EAGAIN"))
               [] PollFirst(q) ->
                    [w |-> p.w, r |-> [r EXCEPT !.polls = Append(@, [userData |-> q.userData, file |-> f,
                         events |-> IF p.m \cap ApollIn # {} THEN {} ELSE ApollIn, multishot |-> FALSE,
                         pending |-> p.m \cap ApollIn # {}, cancelled |-> FALSE,
                         linked |-> rest, hardlink |-> q.hardlink, op |-> q.op, len |-> q.len])]]
               [] q.op = "RECV" /\ w.files[f].kind # "UnixStream" -> done(w, r, Err("ENOTSOCK"))
               \* io_buffer_select finds no list, or an empty one: io_recv fails with -ENOBUFS
               [] q.op = "RECV" /\ BufSelect(q) /\ kb = 0 -> done(w, r, Err("ENOBUFS"))
               [] q.op = "RECV" /\ BufSelect(q) ->
                    doneF(kr.w, kr.r, kr.res, RecvFlags(q.op, kr.w, f, kr.res) + CqeFBuffer + r.kbufs[kb].bid * BufShift)
               [] q.op = "READ" /\ w.files[f].kind = "PipeWrite" -> done(w, r, Err("EBADF"))
               [] reads /\ rd.res = Err("EAGAIN") /\ ~q.dontwait ->
                    [w |-> rd.w, r |-> [rd.r EXCEPT !.polls = Append(@, [userData |-> q.userData, file |-> f,
                         events |-> ApollIn, multishot |-> FALSE, pending |-> FALSE, cancelled |-> FALSE,
                         linked |-> rest, hardlink |-> q.hardlink, op |-> q.op, len |-> q.len])]]
               [] reads -> doneF(rd.w, rd.r, rd.res, RecvFlags(q.op, rd.w, f, rd.res))
               [] q.op = "WRITE" /\ (f = None \/ w.files[f].kind = "PipeRead") -> done(w, r, Err("EBADF"))
               [] q.op = "WRITE" -> done(wr.w, wr.r, wr.res)
               \* reached: its head completed (TimeoutModelled: the timeout ends the chain)
               [] q.op = "LINK_TIMEOUT" -> [w |-> w, r |-> Disarm(r, q)]
               [] OTHER -> done(w, r, 0)

\* The length of the link chain at the head of sqes: up to the first SQE without IOSQE_IO_LINK.
RECURSIVE ChainLen(_, _)
ChainLen(sqes, i) == IF i >= Len(sqes) \/ ~sqes[i].link THEN i ELSE ChainLen(sqes, i + 1)

\* io_init_req refuses the SQE: an opcode beyond IORING_OP_LAST, or a POLL_ADD whose len has a flag
\* other than IORING_POLL_ADD_MULTI (io_poll_add_prep; IORING_POLL_ADD_LEVEL is one: len 8 here).
\* io_async_cancel_prep: a cancel flag 6.18 does not know ("unknown"), or ANY with FD or OP.
\* io_poll_remove_prep: a len flag other than UPDATE_EVENTS (2), UPDATE_USER_DATA (4) and ADD_MULTI
\* (1), ADD_MULTI alone, an off without UPDATE_USER_DATA, poll32_events without UPDATE_EVENTS.
InitFails(q) ==
    \/ q.op = "INVALID" \/ (q.op = "POLL_ADD" /\ q.len # 0)
    \/ q.op = "ASYNC_CANCEL" /\ ("unknown" \in q.events \/ ("ANY" \in q.events /\ {"FD", "OP"} \cap q.events # {}))
    \/ q.op = "POLL_REMOVE" /\ (q.len >= 8 \/ q.len = 1 \/ (~UpdatesUserData(q) /\ q.off # 0) \/ (~UpdatesEvents(q) /\ q.events # {}))

\* A member of a chain failed at init: its own -EINVAL, or -ECANCELED.
InitFailed(q) == IF InitFails(q) THEN Err("EINVAL") ELSE Err("ECANCELED")

RECURSIVE PostLater(_, _)
PostLater(r, qs) == IF qs = <<>> THEN r ELSE PostLater(Post(r, Cqe(Head(qs).userData, InitFailed(Head(qs)), 0)), Tail(qs))

\* IOSQE_IO_DRAIN: the SQE record has the field drain only where it is set (Java: ReadinessMc.sqe).
Drained(q) == "drain" \in DOMAIN q
\* IOSQE_CQE_SKIP_SUCCESS: the field skip, likewise.
Skips(q) == "skip" \in DOMAIN q
\* IOSQE_ASYNC: the field async, likewise (Java: Sqe.async; IoWqRecv).
ForcedAsync(q) == "async" \in DOMAIN q

\* The entries io_queue_deferred takes after a head without IOSQE_IO_DRAIN: up to the next drained one.
RECURSIVE RunLen(_, _)
RunLen(d, i) == IF i > Len(d) \/ Drained(d[i]) THEN i - 1 ELSE RunLen(d, i + 1)

\* kernel: io_queue_deferred (6.18: "ctx->nr_req_allocated != ctx->nr_drained"): the head of
\* ring r's defer list starts only when every request the ring has allocated is on the list: none
\* armed (polls), none in io-wq or waiting to be freed. Then the head goes, and after a head without
\* IOSQE_IO_DRAIN every entry up to the next drained one; each is queued as task work
\* (io_req_task_queue) that hands it, REQ_F_FORCE_ASYNC, to io-wq (io_req_task_submit ->
\* io_queue_iowq): its CQE comes from a worker later (IoWqNopDone). The kernel calls it from
\* io_drain_req and from every flush of completions (__io_submit_flush_completions), which follows
\* every free. A request completed inline earlier in the same submission stays allocated until the
\* flush at its end, so the kernel starts a drained SQE behind it only then: nothing a step sees
\* changes, so it is not told apart. (Java: IoUring.Ring.release)
ReleaseDeferred(r) ==
    IF r.defer = <<>> \/ r.polls # <<>> \/ r.iowq # <<>> \/ r.unfreed > 0 \/ r.splices # <<>> THEN r
    ELSE LET n == IF Drained(Head(r.defer)) THEN 1 ELSE RunLen(r.defer, 2)
         IN  [r EXCEPT !.iowq = @ \o [i \in 1..n |-> r.defer[i].userData], !.defer = SubSeq(@, n + 1, Len(@))]

\* kernel: io_drain_req: an SQE forced async while drain_active goes onto the defer list, which
\* io_queue_deferred tries at once; "if (!drain && list_empty(&ctx->defer_list)) ctx->drain_active = false".
DrainReq(r, q) ==
    LET r1 == ReleaseDeferred([r EXCEPT !.defer = Append(@, q)])
    IN  IF ~Drained(q) /\ r1.defer = <<>> THEN [r1 EXCEPT !.drainActive = FALSE] ELSE r1

\* kernel: io_submit_sqes: the SQEs in order, chain by chain. A chain with a member that fails to
\* initialise (io_init_req) is failed whole (io_submit_fail_init, io_queue_sqe_fallback): the head's
\* CQE at once, the rest's (later) from io_fail_links after the submission. When the failed member
\* ends its chain without a link flag the submission stops and the SQEs behind it stay in the SQ
\* (r.sq). io_init_req: an IOSQE_IO_DRAIN SQE sets drain_active (io_init_drain); while it is set
\* every SQE is REQ_F_FORCE_ASYNC and io_queue_sqe_fallback hands it to io_drain_req (a lone NOP
\* here, DrainModelled). IOSQE_CQE_SKIP_SUCCESS: a NOP posts nothing (__io_submit_flush_completions
\* skips REQ_F_CQE_SKIP); an INVALID one fails and posts (req_set_fail clears REQ_F_CQE_SKIP).
\* Returns [w, r, later].
RECURSIVE Submit(_, _, _, _, _)
Submit(w, x, r, sqes, later) ==
    IF sqes = <<>> THEN [w |-> w, r |-> [r EXCEPT !.sq = <<>>], later |-> later]
    \* io_get_sqe: an SQ array entry at or beyond sq_entries (SqArrayModelled) is dropped and counted
    \* in sq_dropped; the submission stops there, the entries behind it stay in the SQ
    ELSE IF Head(sqes).op = "SQ_ARRAY"
    THEN [w |-> w, r |-> [r EXCEPT !.sq = Tail(sqes), !.sqDropped = @ + 1], later |-> later]
    ELSE LET n     == ChainLen(sqes, 1)
             chain == SubSeq(sqes, 1, n)
             back  == SubSeq(sqes, n + 1, Len(sqes))
             r1    == Post(r, Cqe(chain[1].userData, InitFailed(chain[1]), 0))
             \* io_init_req: CQE_SKIP_SUCCESS sets drain_disabled (not for INVALID: the opcode check
             \* comes first); then a drained SQE fails with -EOPNOTSUPP and ends the submission
             rs    == IF Skips(chain[n]) /\ chain[n].op # "INVALID" THEN [r EXCEPT !.drainDisabled = TRUE] ELSE r
         IN  IF Drained(chain[n]) /\ rs.drainDisabled
             THEN [w |-> w, r |-> [Post(rs, Cqe(chain[n].userData, Err("EOPNOTSUPP"), 0)) EXCEPT !.sq = back], later |-> later]
             ELSE IF r.drainActive \/ Drained(chain[n])
             THEN Submit(w, x, DrainReq([rs EXCEPT !.drainActive = TRUE], chain[n]), back, later)
             \* a NOP with CQE_SKIP_SUCCESS succeeds: REQ_F_CQE_SKIP, no CQE
             ELSE IF Skips(chain[n]) /\ chain[n].op = "NOP" THEN Submit(w, x, rs, back, later)
             ELSE IF \E i \in 1..n : InitFails(chain[i])
             THEN IF InitFails(chain[n]) /\ ~chain[n].link
                  THEN [w |-> w, r |-> [r1 EXCEPT !.sq = back], later |-> later \o Tail(chain)]
                  ELSE Submit(w, x, r1, back, later \o Tail(chain))
             \* io_submit_state_end: a chain still open when the SQEs run out ends there, and
             \* io_queue_sqe_fallback -> io_queue_iowq hands it to io-wq (a lone NOP here, LinkModelled)
             ELSE IF chain[n].link THEN Submit(w, x, [r EXCEPT !.iowq = Append(@, chain[1].userData)], back, later)
             \* REQ_F_FORCE_ASYNC (__io_splice_prep): io_queue_iowq; the worker sleeps (SpliceSleeps)
             ELSE IF chain[n].op = "SPLICE"
             THEN Submit(w, x, [r EXCEPT !.splices = Append(@, [userData |-> chain[n].userData, signalled |-> FALSE])], back, later)
             \* IOSQE_ASYNC: REQ_F_FORCE_ASYNC, io_queue_sqe_fallback -> io_queue_iowq; the request waits for
             \* an io-wq worker on no wait queue, no events (a lone RECV, ForcedAsyncModelled; IoWqRecvIssued)
             ELSE IF ForcedAsync(chain[n])
             THEN Submit(w, x, [r EXCEPT !.polls = Append(@, [userData |-> chain[n].userData, file |-> FileOf(chain[n].fd), events |-> {},
                                                             multishot |-> FALSE, pending |-> FALSE, cancelled |-> FALSE, linked |-> <<>>,
                                                             hardlink |-> FALSE, op |-> "RECV", len |-> chain[n].len]),
                                         !.forcedAsync = Append(@, chain[n].userData)], back, later)
             ELSE LET y == Issue(w, x, r, chain) IN Submit(y.w, x, y.r, back, later)

\* The rings' file ids in Java's String order.
RingIds(w) == SelectSeq(NameOrder, LAMBDA n : n \in DOMAIN w.files /\ w.files[n].kind = "IoUring")

\* Ring x is closed but not yet gone (io_uring_release -> io_ring_ctx_wait_and_kill queued
\* io_ring_exit_work): no fd and no request refers to it; its armed requests still hold their files.
\* (Java: IoUring.dying)
Dying(w, x) == x \in DOMAIN w.files /\ w.files[x].kind = "IoUring" /\ ~(\E y \in DOMAIN fds : fds[y] = x) /\ ~HeldIn(w, x)
Pending(w, x) == \E i \in 1..Len(w.files[x].polls) : w.files[x].polls[i].pending

\* kernel: io_poll_task_func -> io_poll_check_events, for the first pending poll of ring x: a
\* cancelled one posts -ECANCELED and goes, cancelling its chain (issuing it, if hardlinked); one
\* whose file now polls 0 stays
\* armed; else a one-shot poll posts the mask, goes and issues its chain; a multishot one posts it
\* with F_MORE and stays, unless that CQE would not go into the CQ (io_req_post_cqe fails): then
\* the request ends, its CQE without F_MORE, like a one-shot poll's.
RunFirstDone(w, x) ==
    LET r == w.files[x]
        i == CHOOSE j \in 1..Len(r.polls) : r.polls[j].pending /\ \A k \in 1..(j - 1) : ~r.polls[k].pending
        p == r.polls[i]
        gone == [r EXCEPT !.polls = SubSeq(@, 1, i - 1) \o SubSeq(@, i + 1, Len(@))]
        fp == FilePoll(w, p.file)
        m == fp.m \cap p.events
        \* (a request without events, IO_APOLL_READY's, arms its internal poll if it waits again)
        idle == [r EXCEPT !.polls[i].pending = FALSE, !.polls[i].events = IF @ = {} THEN ApollIn ELSE @]
        cancelled == Post(gone, Cqe(p.userData, Err("ECANCELED"), 0))
        hard == Issue(w, x, cancelled, p.linked)
        \* io_apoll_task_func -> io_req_task_submit: a woken read is issued again; a RECV armed by
        \* POLL_FIRST on a file that is no socket gets -ENOTSOCK now (io_recv: sock_from_file after it)
        rd == IF p.op = "RECV" /\ w.files[p.file].kind # "UnixStream"
              THEN [w |-> w, r |-> idle, res |-> Err("ENOTSOCK")]
              ELSE NowaitRead(w, x, idle, p.file, p.len)
        read == Post([rd.r EXCEPT !.polls = SubSeq(@, 1, i - 1) \o SubSeq(@, i + 1, Len(@))], Cqe(p.userData, rd.res, RecvFlags(p.op, rd.w, p.file, rd.res)))
        next == IF FailsLink(p.op, p.len, rd.res) /\ ~p.hardlink
                THEN [w |-> rd.w, r |-> FailRest(read, p.linked)] ELSE Issue(rd.w, x, read, p.linked)
        \* a fired timer's task work (io_uring/timeout.c io_req_task_link_timeout): io_try_cancel of
        \* its head's user_data (cancel flags 0) takes the first match in the walk, whose own task work
        \* then posts -ECANCELED after this one; the timeout completes with "ret ?: -ETIME" (-ENOENT
        \* when nothing was found). (Java: IoTimeout.expired)
        head == FirstOf(gone, CancelMatch(gone, [op |-> "ASYNC_CANCEL", events |-> {}, target |-> p.len, fd |-> "", len |-> 0]))
        expired == IF head = 0 THEN Post(gone, Cqe(p.userData, Err("ENOENT"), 0))
                   ELSE Post(Take(gone, head), Cqe(p.userData, Err("ETIME"), 0))
    IN  IF p.op = "LINK_TIMEOUT" /\ ~p.cancelled THEN [w EXCEPT !.files[x] = expired]
        ELSE IF p.cancelled /\ p.hardlink THEN [hard.w EXCEPT !.files[x] = hard.r]
        ELSE IF p.cancelled THEN [w EXCEPT !.files[x] = FailRest(cancelled, p.linked)]
        \* io_apoll_task_func -> io_req_task_submit of a forced-async RECV (REQ_F_FORCE_ASYNC): io_queue_iowq,
        \* off the socket's queue, waiting for a worker again (IoWqRecvIssued)
        ELSE IF p.op # "POLL_ADD" /\ \E k \in 1..Len(r.forcedAsync) : r.forcedAsync[k] = p.userData
        THEN [w EXCEPT !.files[x].polls[i] = [@ EXCEPT !.pending = FALSE, !.events = {}]]
        ELSE IF p.op # "POLL_ADD" /\ rd.res = Err("EAGAIN") THEN [rd.w EXCEPT !.files[x] = rd.r]
        ELSE IF p.op # "POLL_ADD" THEN [next.w EXCEPT !.files[x] = next.r]
        ELSE IF m = {} THEN [fp.w EXCEPT !.files[x] = idle]
        ELSE IF p.multishot /\ Fits(r) THEN [fp.w EXCEPT !.files[x] = Post(idle, Cqe(p.userData, SumBits(m), CqeFMore))]
        ELSE LET y == Issue(fp.w, x, Post(gone, Cqe(p.userData, SumBits(m), 0)), p.linked)
             IN  [y.w EXCEPT !.files[x] = y.r]

\* The first pending poll of ring x runs; if it went, its file reference goes with it
\* (io_put_file), and with no fd and no other request that was the last.
RunFirst(w, x) ==
    LET r == w.files[x]
        p == r.polls[CHOOSE j \in 1..Len(r.polls) : r.polls[j].pending /\ \A k \in 1..(j - 1) : ~r.polls[k].pending]
        y == RunFirstDone(w, x)
    IN  IF Unreferenced(y, p.file) THEN Release(y, p.file) ELSE y

\* kernel: __io_eventfd_signal -> eventfd_signal_mask(EPOLL_URING_WAKE): the counter goes up by 1
\* and wakes with EPOLLIN and EPOLL_URING_WAKE (Wait.tla EventfdSignals without the latter).
EventfdSignal(w, e) == Wake([w EXCEPT !.files[e].count = @ + 1], e, {"IN", "URING_WAKE"})

\* Ring x commits (__io_cq_unlock_post): io_cqring_wake wakes its cq_wait sleepers (Wait.tla
\* WakeCqWait: io_wake_function wakes those whose wait is met); when the commit posted a CQE (to the
\* CQ or the overflow list), io_commit_cqring_flush -> io_poll_wq_wake also wakes its poll_wq with
\* EPOLLIN (poll_activated from io_uring_create on a ring without IORING_SETUP_DEFER_TASKRUN): the
\* epoll items and poll and select sleepers on the ring's file (Wake); and its registered eventfd is
\* signalled once if the CQ tail moved since before (io_uring/eventfd.c io_eventfd_flush_signal; a
\* CQE that only overflowed posts none).
CommitRing(w0, x, before) ==
    LET posted == Len(w0.files[x].cq) > Len(before.cq) \/ Len(w0.files[x].overflow) > Len(before.overflow)
        w1 == WakeCqWait(w0, x, Len(w0.files[x].cq) - Len(before.cq)) \* the CQ tail moved that far
        w == IF posted THEN Wake(w1, x, {"IN", "URING_WAKE"}) ELSE w1 \* io_poll_wq_wake: EPOLL_URING_WAKE | EPOLLIN
        e == w.files[x].evfd
    IN  IF Len(w.files[x].cq) > Len(before.cq) /\ Live(w, e, "EventFd") THEN EventfdSignal(w, e) ELSE w

RECURSIVE CommitAll(_, _, _)
CommitAll(w, xs, w0) ==
    IF xs = <<>> THEN w
    ELSE LET x == Head(xs) IN
         \* the flush (ctx_flush_and_put) runs io_queue_deferred: a poll that went may start the list
         CommitAll(IF Live(w, x, "IoUring") THEN CommitRing([w EXCEPT !.files[x] = ReleaseDeferred(@)], x, w0.files[x]) ELSE w,
                   Tail(xs), w0)

\* kernel: task_work_run: until no poll is pending, the first one (rings in name order) runs. A
\* DEFER_TASKRUN ring's pending polls are its local work (LocalWork), not the task's.
TaskRings(w) == SelectSeq(RingIds(w), LAMBDA x : ~w.files[x].deferTaskrun)
RECURSIVE RunAll(_)
RunAll(w) ==
    LET due == SelectSeq(TaskRings(w), LAMBDA x : Pending(w, x))
    IN  IF due = <<>> THEN w ELSE RunAll(RunFirst(w, Head(due)))

\* The task work, then one commit per ring for the whole run.
\* A closed ring whose last request went has nothing left for its exit work: it goes.
TaskWork(w) ==
    LET w1 == CommitAll(RunAll(w), TaskRings(w), w)
        fs == w1.files
    IN  [w1 EXCEPT !.files = [y \in {z \in DOMAIN fs : ~(Dying(w1, z) /\ fs[z].polls = <<>> /\ ~fs[z].deferTaskrun)} |-> fs[y]]]

\* kernel: __io_run_local_work (IORING_SETUP_DEFER_TASKRUN): the submitter, entering ring x with
\* GETEVENTS (io_uring_enter -> io_run_local_work_locked; io_cqring_wait -> io_run_local_work), runs
\* the ring's ctx->work_llist oldest first, each as the task work runs a poll, then one flush. The
\* model runs until none is pending; the kernel takes the list once and again only while fewer than
\* min_events were posted (io_run_local_work_continue): DOUBT, see Java IoLocalWork.run.
RECURSIVE RunLocal(_, _)
RunLocal(w, x) == IF Pending(w, x) THEN RunLocal(RunFirst(w, x), x) ELSE w
LocalWork(w, x) == CommitAll(RunLocal(w, x), <<x>>, w)

\* Whether the model knows what the SQEs do on a DEFER_TASKRUN ring r: nothing may go to io-wq (a
\* drained SQE, a SPLICE, a chain still open when the SQEs run out), since an io-wq completion there
\* is handed to local work too (io_req_complete_post: ctx->lockless_cq). (Java: IoLocalWork.modelled)
LocalModelled(r, all) ==
    r.deferTaskrun =>
        /\ ~r.drainActive
        /\ \A i \in 1..Len(all) : ~Drained(all[i]) /\ ~ForcedAsync(all[i]) /\ all[i].op # "SPLICE"
        /\ (Len(all) > 0 => ~all[Len(all)].link)

\* Hidden, due at once: the task work of every pending poll runs (ret and out stay).
IoUringPollTaskWork ==
    /\ RingTaskWorkDue
    /\ LET w == TaskWork(World) IN
       /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
       /\ sigio' \in {w.sigio} \cup {Send(w.sigio, x) : x \in w.race}
    /\ UNCHANGED <<numbers, fds, ret, out>>



\* Whether the model knows what the SQ thread does with these SQEs on ring r: they fit the SQ and
\* each is a NOP without IOSQE flags (posted inline by the SQ thread; other opcodes, whose task work
\* would run on that thread, are not modelled on an SQPOLL ring). (Java: IoUring.sqThreadModelled)
SqThreadModelled(r, all) ==
    /\ Len(all) <= r.sqEntries
    /\ \A i \in 1..Len(all) : all[i].op = "NOP" /\ ~all[i].link /\ ~Drained(all[i]) /\ ~Skips(all[i]) \* a hard link is a link

\* Not a syscall (io_uring(7)): the application writes SQEs and publishes them with a release store of
\* the SQ tail alone: they wait in the SQ, for the SQ thread on an SQPOLL ring (IoSqThread), for the
\* next io_uring_enter on another. ret and out stay the last call's. (Java: IoUring.publish)
SqPublished(fd, sqes) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "IoUring")
    /\ SqThreadModelled(files[f], files[f].sq \o sqes)
    /\ ~TaskWorkDue
    /\ files' = [files EXCEPT ![f].sq = @ \o sqes]
    /\ UNCHANGED <<numbers, fds, ret, out, tasks, exclusive, blocking, fasync, owner, sigio>>

SqPublish(fd, sqes) == SqPublished(fd, sqes)

\* The NOPs qs complete in order, each posting 0 (io_nop).
RECURSIVE PostNops(_, _)
PostNops(r, qs) == IF qs = <<>> THEN r ELSE PostNops(Post(r, Cqe(Head(qs).userData, 0, 0)), Tail(qs))

\* Hidden: kernel: io_sq_thread -> __io_sq_thread, the SQ thread of an IORING_SETUP_SQPOLL ring x, at
\* its own time: to_submit = io_sqring_entries (the tail it loads: any count published so far, each
\* SQE's tail store being its own), io_submit_sqes takes that many in order, and the commit wakes
\* cq_wait, poll_wq and the eventfd. Its idle sleep (IORING_SQ_NEED_WAKEUP) is not modelled: it may
\* run at any time. (Java: IoUring.sqThread)
IoSqThreadSubmit ==
    /\ ~TaskWorkDue
    /\ \E x \in DOMAIN files : files[x].kind = "IoUring" /\ files[x].sqpoll /\ SqThreadModelled(files[x], files[x].sq)
         /\ \E n \in 1..Len(files[x].sq) :
              LET r  == files[x]
                  r1 == [PostNops(r, SubSeq(r.sq, 1, n)) EXCEPT !.sq = SubSeq(@, n + 1, Len(@))]
                  w  == CommitRing([World EXCEPT !.files[x] = r1], x, r)
              IN  /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
                  /\ sigio' \in {w.sigio} \cup {Send(w.sigio, y) : y \in w.race}
    /\ UNCHANGED <<numbers, fds, ret, out>>

IoSqThread == IoSqThreadSubmit

\* Rings xs, in turn, go; the files their requests held are released if nothing else refers to them
\* (io_put_file -> fput), in Java's order.
RECURSIVE ExitRings(_, _)
ExitRings(w, xs) ==
    IF xs = <<>> THEN w
    ELSE LET x  == Head(xs)
             ps == SelectSeq(NameOrder, LAMBDA n : \E i \in 1..Len(w.files[x].polls) : w.files[x].polls[i].file = n)
             fs == w.files
         IN  ExitRings(ReleaseHeld([w EXCEPT !.files = [y \in DOMAIN fs \ {x} |-> fs[y]]], ps), Tail(xs))

\* Hidden: kernel: io_ring_exit_work, on a workqueue (iou_wq) at its own time: every closed ring's
\* remaining requests are cancelled (io_uring_try_cancel_requests -> io_poll_remove_all) and each
\* drops its file; their CQEs go to a ring no one can map any more (not modelled). (Java:
\* IoUring.exitWork)
IoRingExitWork ==
    /\ ~TaskWorkDue
    /\ \E x \in DOMAIN files : Dying(World, x)
    /\ LET w == ExitRings(World, SelectSeq(RingIds(World), LAMBDA x : Dying(World, x))) IN
       /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
       /\ sigio' \in {w.sigio} \cup {Send(w.sigio, x) : x \in w.race}
    /\ UNCHANGED <<numbers, fds, ret, out>>

IoUringExitWork == IoRingExitWork

\* kernel: io_uring_enter: a flag outside IORING_ENTER_FLAGS ("unknown" in flags) is EINVAL before
\* the fd is looked up (IoUringEnterBadFlags: nothing but the flags matters).
IoUringEnterEinval(flags) == "unknown" \in flags /\ Fail("EINVAL")
IoUringEnterBadFlags(fd, flags) == IoUringEnterEinval(flags)

\* Whether by is a task woken in io_cqring_wait: it submitted on its first run and waits on its
\* ring's cq_wait (on), which it keeps until it returns (Java: Tasks.run, IoUring.cqWait).
WokenInCqWait(by) == by.task # None /\ tasks[by.task].on # {}
\* Whether by is a task whose IORING_ENTER_EXT_ARG timer fired while it waited (Tasks.tla TaskTimesOut).
TimedOutInCqWait(by) == by.task # None /\ tasks[by.task].timedOut
WaitRing(by) == CHOOSE x \in tasks[by.task].on : TRUE

\* kernel: io_uring_enter: a file that is not a ring (!io_is_uring_fops).
IoUringEnterEopnotsupp(fd, by) ==
    /\ Runs(by) /\ ~WokenInCqWait(by) /\ ~TimedOutInCqWait(by) /\ FileOf(fd) # None /\ ~Is(FileOf(fd), "IoUring")
    /\ FailBy(by, "EOPNOTSUPP")

\* Whether the model knows what the SQEs do to ring r's drain state: from the first IOSQE_IO_DRAIN
\* SQE on (from the first when drain_active is set) each is a NOP without a link flag. Drained links
\* (drain_next), other opcodes forced async, and an ASYNC_CANCEL while a request is in io-wq
\* (io_async_cancel_one looks there too) are not modelled. IOSQE_CQE_SKIP_SUCCESS is modelled on a
\* NOP or INVALID SQE without a link flag, not while draining; a drained or skipping SQE must not
\* end a link chain. (Java: IoPoll.drainModelled)
DrainModelled(r, all) ==
    \A i \in 1..Len(all) :
        /\ (r.drainActive \/ \E j \in 1..i : Drained(all[j])) => all[i].op = "NOP" /\ ~all[i].link /\ ~Skips(all[i])
        /\ all[i].op = "ASYNC_CANCEL" => r.iowq = <<>>
        /\ (Drained(all[i]) \/ Skips(all[i])) /\ i > 1 => ~all[i - 1].link
        /\ Skips(all[i]) => all[i].op \in {"NOP", "INVALID"} /\ ~all[i].link

\* Whether the model knows what happens to a chain still open when the SQEs run out (the last SQE
\* has a link flag; io_submit_state_end -> io_queue_sqe_fallback): one with a member that fails at
\* init is failed whole, inline; else io_queue_iowq hands it to io-wq, modelled for a lone NOP
\* (IoWqNopDone). (Java: IoPoll.linkModelled)
LinkModelled(all) ==
    LET n == Len(all) IN
    n > 0 /\ all[n].link =>
        LET s == CHOOSE k \in 1..n : (k = 1 \/ ~all[k - 1].link) /\ \A j \in k..(n - 1) : all[j].link
        IN  (\E j \in s..n : InitFails(all[j])) \/ (s = n /\ all[n].op = "NOP")

\* A SPLICE's input fd: the field fdIn only where set (Java: ReadinessMc.sqe).
FdIn(q) == IF "fdIn" \in DOMAIN q THEN q.fdIn ELSE ""

\* Whether a SPLICE is one the model knows: alone (no IOSQE flag), from the empty read end of a
\* blocking pipe whose writer is open to the write end of another blocking pipe whose reader is open,
\* len not 0: io_uring/splice.c __io_splice_prep forces it to io-wq, where do_splice ->
\* splice_pipe_to_pipe -> ipipe_prep waits in pipe_wait_readable. (Java: IoPoll.spliceSleeps)
SpliceSleeps(q) ==
    LET src == FileOf(FdIn(q))
        dst == FileOf(q.fd)
    IN  /\ ~q.link /\ ~Drained(q) /\ ~Skips(q) /\ q.len > 0 /\ src # None /\ dst # None
        /\ files[src].kind = "PipeRead" /\ files[src].bytes = 0 /\ files[src].writerAlive
        /\ files[dst].kind = "PipeWrite" /\ files[dst].readerAlive /\ files[dst].reader # src
        /\ src \in blocking /\ dst \in blocking

\* Whether the model knows what q does to the file it names: READ and WRITE are modelled on pipes
\* and AF_UNIX stream sockets, SPLICE as SpliceSleeps says.
Modelled(q) ==
    IF q.op = "SPLICE" THEN SpliceSleeps(q)
    ELSE IF q.op \notin {"READ", "WRITE"} \/ FileOf(q.fd) = None THEN TRUE
    ELSE files[FileOf(q.fd)].kind \in {"PipeRead", "PipeWrite", "UnixStream"}

\* Whether the model knows what the SQEs do to a SPLICE in io-wq: while one is there (or is
\* submitted earlier in the same call: a cancel that finds it still queued, IO_WQ_CANCEL_OK, is not
\* modelled) an ASYNC_CANCEL is a plain one whose user_data no armed request has, and no WRITE (it
\* could wake the splice); one SPLICE at a time.
\* (Java: IoPoll.spliceModelled)
SpliceModelled(r, all) ==
    \A i \in 1..Len(all) :
        /\ all[i].op = "SPLICE" => r.splices = <<>> /\ \A j \in (i + 1)..Len(all) : all[j].op \notin {"ASYNC_CANCEL", "SPLICE"}
        /\ r.splices # <<>> => all[i].op # "WRITE"
        /\ r.splices # <<>> /\ all[i].op = "ASYNC_CANCEL"
           => all[i].events = {} /\ \A k \in 1..Len(r.polls) : r.polls[k].userData # all[i].target

\* Whether every user_data a cancel table walk may compare is below 2^14, where Bucket is computed
\* (Java: IoPoll.hashable): checked when an ASYNC_CANCEL walks every bucket (FD, ANY or OP).
Hashable(r, all) ==
    (\E i \in 1..Len(all) : all[i].op = "ASYNC_CANCEL" /\ {"FD", "ANY", "OP"} \cap all[i].events # {})
    => /\ \A i \in 1..Len(r.polls) : r.polls[i].userData >= 0 /\ r.polls[i].userData < 16384
       /\ \A i \in 1..Len(all) : all[i].userData >= 0 /\ all[i].userData < 16384 /\ all[i].off >= 0 /\ all[i].off < 16384

\* Whether the ring has an SQ array (not IORING_SETUP_NO_SQARRAY) for the SQ array entries among
\* the SQEs, and each is at or beyond sq_entries (dropped; one below names an
\* SQE slot, whose contents the model does not keep) and follows no link flag. (Java: IoPoll.sqArrayModelled)
SqArrayModelled(r, all) ==
    \A i \in 1..Len(all) : all[i].op = "SQ_ARRAY" => ~r.noSqArray /\ all[i].len >= r.sqEntries /\ (i > 1 => ~all[i - 1].link)

\* Whether the model knows what the provided-buffer SQEs do: PROVIDE_BUFFERS and REMOVE_BUFFERS without
\* IOSQE flags, with a count of 1 to 65536 (PROVIDE: a length not 0, bids within 65536); a RECV with
\* IOSQE_BUFFER_SELECT alone in its call, without IOSQE flags, MSG_DONTWAIT or POLL_FIRST, on an
\* AF_UNIX stream socket whose group is empty or which holds data; no READ with it. (Java: IoPoll.bufModelled)
BufModelled(r, all) ==
    \A i \in 1..Len(all) :
        LET q == all[i]
            flags == q.link \/ Drained(q) \/ Skips(q)
        IN  /\ q.op = "PROVIDE_BUFFERS" => ~flags /\ q.target >= 1 /\ q.target <= 65536 /\ q.len >= 1 /\ q.off + q.target <= 65536
            /\ q.op = "REMOVE_BUFFERS" => ~flags /\ q.target >= 1 /\ q.target <= 65536
            /\ q.op = "READ" => ~BufSelect(q)
            /\ q.op = "RECV" /\ BufSelect(q) =>
                  /\ Len(all) = 1 /\ ~flags /\ ~q.dontwait /\ ~PollFirst(q) /\ FileOf(q.fd) # None
                  /\ files[FileOf(q.fd)].kind = "UnixStream"
                  /\ (FirstBuf(r, q.bufGroup) # 0 => files[FileOf(q.fd)].rcvQueue # <<>> /\ ~files[FileOf(q.fd)].err)

\* Whether the model knows the SQEs' IOSQE_ASYNC on ring r (Java: IoWqRecv.modelled): only on a RECV of
\* an AF_UNIX stream socket, alone (no other IOSQE flag, no link, not after a link flag, no MSG_DONTWAIT
\* — REQ_F_NOWAIT makes the worker's -EAGAIN final —, no POLL_FIRST, no buffer select), on a ring neither
\* SQPOLL nor DEFER_TASKRUN, with a user_data no request of the ring nor other SQE has; while one is alive
\* or submitted, no ASYNC_CANCEL or POLL_REMOVE and no other SQE with its user_data.
ForcedAsyncModelled(r, all) ==
    LET asyncs == {i \in 1..Len(all) : ForcedAsync(all[i])}
        alive  == {r.forcedAsync[k] : k \in 1..Len(r.forcedAsync)} \cup {all[i].userData : i \in asyncs}
    IN  /\ \A i \in asyncs :
              LET q == all[i] IN
              /\ q.op = "RECV" /\ ~q.link /\ ~Drained(q) /\ ~Skips(q) /\ ~q.dontwait /\ ~PollFirst(q) /\ ~BufSelect(q)
              /\ (i > 1 => ~all[i - 1].link) /\ ~r.sqpoll /\ ~r.deferTaskrun
              /\ ~(\E k \in 1..Len(r.polls) : r.polls[k].userData = q.userData)
              /\ ~(\E j \in 1..Len(all) : j # i /\ all[j].userData = q.userData)
              /\ FileOf(q.fd) # None /\ files[FileOf(q.fd)].kind = "UnixStream"
        /\ alive # {} => \A j \in 1..Len(all) : ~ForcedAsync(all[j]) =>
              /\ all[j].op \notin {"ASYNC_CANCEL", "POLL_REMOVE"} /\ all[j].userData \notin alive

\* Whether io_uring_enter can be taken on ring f with these SQEs: the SQ holds at most sqEntries, and
\* the model knows what each SQE does.
CanEnter(f, sqes) ==
    /\ Is(f, "IoUring")
    /\ Len(files[f].sq \o sqes) <= files[f].sqEntries
    /\ \A i \in 1..Len(files[f].sq \o sqes) : Modelled((files[f].sq \o sqes)[i])
    /\ Hashable(files[f], files[f].sq \o sqes)
    /\ DrainModelled(files[f], files[f].sq \o sqes)
    /\ SqArrayModelled(files[f], files[f].sq \o sqes)
    /\ LinkModelled(files[f].sq \o sqes)
    /\ TimeoutModelled(files[f], files[f].sq \o sqes)
    /\ SpliceModelled(files[f], files[f].sq \o sqes)
    /\ BufModelled(files[f], files[f].sq \o sqes)
    /\ LocalModelled(files[f], files[f].sq \o sqes)
    /\ ForcedAsyncModelled(files[f], files[f].sq \o sqes)

\* kernel: io_uring_enter: submit every SQE the SQ holds (those left by an earlier call first), then,
\* when all were consumed ("if (ret != to_submit) goto out") and with GETEVENTS, io_cqring_wait:
\* run the task work, flush; the wait is met once min(min_complete, cq_entries) CQEs are in the
\* ring. The world after, the count consumed, and whether the wait is met.
\* With IORING_ENTER_EXT_ARG (argsz # -1) an argsz other than sizeof(struct io_uring_getevents_arg),
\* 24, is -EINVAL from io_get_ext_arg, after the submission and before the wait: the call returns it
\* only when it consumed nothing (res).
EnterStep(f, sqes, minComplete, getevents, argsz) ==
    LET all      == files[f].sq \o sqes
        s        == Submit(World, f, files[f], all, <<>>)
        \* a dropped SQ array entry is consumed but not counted ("ret -= left")
        consumed == Len(all) - Len(s.r.sq) - (s.r.sqDropped - files[f].sqDropped)
        badArg   == getevents /\ consumed = Len(all) /\ argsz # -1 /\ argsz # 24
        wait     == getevents /\ consumed = Len(all) /\ ~badArg
        w1 == CommitRing([s.w EXCEPT !.files[f] = PostLater(s.r, s.later)], f, files[f])
        \* a DEFER_TASKRUN ring's local work first (io_run_local_work_locked, io_cqring_wait), then the task's
        w2 == IF wait THEN TaskWork(IF files[f].deferTaskrun THEN LocalWork(w1, f) ELSE w1) ELSE w1
        w3 == IF wait THEN CommitRing([w2 EXCEPT !.files[f] = Flush(@)], f, w2.files[f]) ELSE w2
    IN  [w |-> w3, consumed |-> consumed, met |-> ~wait \/ CqWaitMet(w3.files[f], minComplete),
         res |-> IF badArg /\ consumed = 0 THEN Err("EINVAL") ELSE consumed]

\* kernel: io_cqring_wait's loop, for a task woken on ring x's cq_wait: its task work ran (due at
\* once), it flushes the overflow list (the commit moves the task's need); the world after; the wait
\* is met when the task's need is no more than 0 (io_should_wake).
CqRecheck(x) == CommitRing([World EXCEPT !.files[x] = Flush(@)], x, files[x])

\* io_uring_enter returns the count consumed, or the wait's 0 when nothing was: the main task's call
\* when the wait is met at once; a task's first run likewise (else it sleeps, TaskSleeps in
\* Tasks.tla); a woken task's run once the CQ tail reached its target, with the count it submitted.
\* A task whose IORING_ENTER_EXT_ARG timer fired (kernel: io_cqring_wait_schedule -ETIME, out of the
\* loop before the overflow flush) returns the count it submitted, or with none -ETIME if the CQ is
\* empty, else 0 (io_cqring_wait: "cq.head == cq.tail ? ret : 0").
IoUringEnterOk(fd, sqes, minComplete, getevents, argsz, pad, by) ==
    /\ Runs(by)
    /\ IF TimedOutInCqWait(by)
       THEN LET f == FileOf(fd) IN
            /\ Is(f, "IoUring")
            /\ Finish(by, World, IF tasks[by.task].ret > 0 THEN tasks[by.task].ret
                                 ELSE IF files[f].cq = <<>> THEN Err("ETIME") ELSE 0, NoCopy)
       ELSE IF WokenInCqWait(by)
       THEN LET x == WaitRing(by) IN
            /\ Live(World, x, "IoUring")
            /\ CqRecheck(x).tasks[by.task].need = 0
            /\ Finish(by, CqRecheck(x), tasks[by.task].ret, NoCopy)
       ELSE LET f == FileOf(fd) IN
            /\ CanEnter(f, sqes) /\ ~files[f].sqpoll
            \* another task on a DEFER_TASKRUN ring: -EEXIST (io_uring_add_tctx_node, io_allowed_run_tw); an
            \* EXT_ARG with a bad argsz there (io_run_local_work_locked runs before io_get_ext_arg's -EINVAL): not modelled
            /\ (files[f].deferTaskrun => by.task = None /\ argsz \in {-1, 24})
            /\ LET s == EnterStep(f, sqes, minComplete, getevents, argsz) IN
               s.met /\ Finish(by, s.w, s.res, NoCopy)

\* kernel: io_uring_enter on an IORING_SETUP_SQPOLL ring: "For SQ polling, the thread will do all
\* submissions and completions. Just return the requested submit count": to_submit, all the SQ holds
\* (what the SQ thread has not taken), submitting nothing. With GETEVENTS (io_cqring_wait on such a
\* ring), or SQEs in the call (published with SqPublish: the thread may take them before the call
\* reads the SQ head): not modelled. -EOWNERDEAD (the SQ thread gone while the ring lives): not
\* modelled. (Java: IoUring.enterSqpoll)
IoUringEnterSqpoll(fd, sqes, getevents, argsz, by) ==
    LET f == FileOf(fd) IN
    /\ sqes = <<>> /\ ~getevents /\ argsz = -1
    /\ Is(f, "IoUring") /\ files[f].sqpoll
    /\ Runs(by) /\ ~WokenInCqWait(by) /\ ~TimedOutInCqWait(by)
    /\ Finish(by, World, Len(files[f].sq), NoCopy)

IoUringEnter(fd, sqes, minComplete, getevents, argsz, pad, by) ==
    \/ Ebadf(FileOf(fd) = None /\ ~WokenInCqWait(by) /\ ~TimedOutInCqWait(by), by)
    \/ IoUringEnterEopnotsupp(fd, by)
    \/ IoUringEnterSqpoll(fd, sqes, getevents, argsz, by)
    \/ IoUringEnterOk(fd, sqes, minComplete, getevents, argsz, pad, by)

=============================================================================
