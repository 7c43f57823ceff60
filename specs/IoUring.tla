------------------------------ MODULE IoUring ------------------------------
(***************************************************************************)
(* io_uring/io_uring.c (IoUring in Java): a ring's setup, how a           *)
(* completion is posted (into the CQ, or onto the overflow list while the  *)
(* CQ is full or the list is not empty) and how the list is flushed, the   *)
(* application's reap, the ring's poll method, and io_poll_wake, which a   *)
(* wake-up reaches (Wait.tla calls it).  A ring file is [kind |->          *)
(* "IoUring", sqEntries, cqEntries, cq, overflow, polls]: cq holds the     *)
(* CQEs between CQ head and tail, overflow ctx->cq_overflow_list           *)
(* (IORING_FEAT_NODROP), polls the armed POLL_ADD requests, oldest first,  *)
(* evfd the registered eventfd's file id ("" for none), sq the SQEs a     *)
(* submission left unconsumed; defer ctx->defer_list (IOSQE_IO_DRAIN,      *)
(* IoPoll.tla ReleaseDeferred), drainActive ctx->drain_active, iowq the   *)
(* user_data of requests released to io-wq, unfreed those io-wq         *)
(* completed and the submitter's task work has not freed yet;            *)
(* drainDisabled ctx->drain_disabled (IOSQE_CQE_SKIP_SUCCESS seen).        *)
(* sqDropped rings->sq_dropped: SQ array entries io_get_sqe dropped;      *)
(* noSqArray IORING_SETUP_NO_SQARRAY (no SQ array: indexed by the tail);  *)
(* sqpoll IORING_SETUP_SQPOLL (the SQ thread submits, IoPoll.tla IoSqThread); *)
(* splices the SPLICE requests asleep in io-wq, [userData, signalled];    *)
(* kbufs the legacy provided buffers, [bgid, bid, len], each group's in  *)
(* its list's order; bufGroups the buffer groups made, in that order.    *)
(* deferTaskrun IORING_SETUP_DEFER_TASKRUN (with SINGLE_ISSUER): its       *)
(* pending polls are local work (ctx->work_llist), run only when the       *)
(* submitter enters with GETEVENTS (IoPoll.tla LocalWork).                 *)
(* forcedAsync the user_data of the IOSQE_ASYNC RECVs alive: each has a    *)
(* request in polls, without events while it waits for an io-wq worker    *)
(* (IoWq.tla IoWqRecvIssued), else armed.                                  *)
(* io_uring_enter, the opcodes and the task work are in IoPoll.tla: they   *)
(* poll files (FilePoll), which sits above this module.  Not modelled:     *)
(* setup flags other than CLAMP, CQSIZE, NO_SQARRAY, SQPOLL and           *)
(* DEFER_TASKRUN|SINGLE_ISSUER (features:                                  *)
(* the 6.18 set, Uapi IoringFeatures), CQEs dropped when the              *)
(* overflow entry cannot be allocated.  A commit's wake-ups of cq_wait and *)
(* poll_wq: IoPoll.tla CommitRing.                                         *)
(***************************************************************************)
EXTENDS FdTable

\* include/uapi/linux/io_uring.h, io_uring/io_uring.h (kpath.uapi.IoUringAbi)
IORING_MAX_ENTRIES == 32768
IORING_MAX_CQ_ENTRIES == 2 * IORING_MAX_ENTRIES

\* include/linux/log2.h roundup_pow_of_two(n), from p = 1
RECURSIVE RoundUp(_, _)
RoundUp(p, n) == IF p >= n THEN p ELSE RoundUp(2 * p, n)

Clamp(n, max) == IF n > max THEN max ELSE n

IoUringFds(name, number, sq, cq, noSqArray, sqpoll, deferTaskrun) ==
    <<[id |-> name, number |-> number,
       file |-> [kind |-> "IoUring", sqEntries |-> sq, cqEntries |-> cq, cq |-> <<>>, overflow |-> <<>>,
                 polls |-> <<>>, evfd |-> "", sq |-> <<>>, defer |-> <<>>, drainActive |-> FALSE, iowq |-> <<>>,
                 unfreed |-> 0, drainDisabled |-> FALSE, sqDropped |-> 0, noSqArray |-> noSqArray, sqpoll |-> sqpoll,
                 splices |-> <<>>, kbufs |-> <<>>, bufGroups |-> <<>>, deferTaskrun |-> deferTaskrun, forcedAsync |-> <<>>]]>>

\* io_uring_setup's flags as a set: "IORING_SETUP_CLAMP", "IORING_SETUP_CQSIZE",
\* "IORING_SETUP_NO_SQARRAY" (a ring without an SQ array), "IORING_SETUP_SQPOLL" (a ring whose SQ
\* thread submits: io_uring/sqpoll.c io_sq_offload_create), "IORING_SETUP_SINGLE_ISSUER" and
\* "IORING_SETUP_DEFER_TASKRUN" (a ring whose task work is local, IoPoll.tla LocalWork), and "unknown"
\* for any bit outside IORING_SETUP_FLAGS (the Java model reads the bits; other known flags are
\* not modelled). cq is params.cq_entries, resv whether params.resv has a bit set.
\* kernel: io_uring_fill_params: the SQ size (CLAMP: at most IORING_MAX_ENTRIES) rounded up; the CQ
\* twice that, or with CQSIZE cq_entries (CLAMP: at most IORING_MAX_CQ_ENTRIES) rounded up.
SetupSq(entries) == RoundUp(1, Clamp(entries, IORING_MAX_ENTRIES))
SetupCq(entries, flags, cq) ==
    IF "IORING_SETUP_CQSIZE" \in flags THEN RoundUp(1, Clamp(cq, IORING_MAX_CQ_ENTRIES)) ELSE 2 * SetupSq(entries)

\* kernel: io_uring_setup: EINVAL for a reserved field set or an unknown flag; io_uring_fill_params:
\* for 0 entries, more than IORING_MAX_ENTRIES without CLAMP; with CQSIZE for cq_entries 0, more
\* than IORING_MAX_CQ_ENTRIES without CLAMP, or a CQ smaller than the SQ; io_uring_sanitise_params
\* (io_uring_create in 6.18): DEFER_TASKRUN without SINGLE_ISSUER, or with SQPOLL.
DeferRefused(flags) ==
    /\ "IORING_SETUP_DEFER_TASKRUN" \in flags
    /\ ("IORING_SETUP_SINGLE_ISSUER" \notin flags \/ "IORING_SETUP_SQPOLL" \in flags)
SetupRefused(entries, flags, cq, resv) ==
    \/ resv \/ "unknown" \in flags \/ entries <= 0 \/ DeferRefused(flags)
    \/ entries > IORING_MAX_ENTRIES /\ "IORING_SETUP_CLAMP" \notin flags
    \/ /\ "IORING_SETUP_CQSIZE" \in flags
       /\ \/ cq <= 0
          \/ cq > IORING_MAX_CQ_ENTRIES /\ "IORING_SETUP_CLAMP" \notin flags
          \/ SetupCq(entries, flags, cq) < SetupSq(entries)

IoUringSetupEinval(entries, flags, cq, resv) == SetupRefused(entries, flags, cq, resv) /\ Fail("EINVAL")

\* The sizes, and the features 6.18 has (io_uring_create: p->features), are copied out into io_uring_params.
IoUringSetupOk(name, number, entries, flags, cq, resv) ==
    /\ ~SetupRefused(entries, flags, cq, resv)
    /\ LET sq == SetupSq(entries)
           c == SetupCq(entries, flags, cq)
           nf == IoUringFds(name, number, sq, c, "IORING_SETUP_NO_SQARRAY" \in flags, "IORING_SETUP_SQPOLL" \in flags,
                            "IORING_SETUP_DEFER_TASKRUN" \in flags)
       IN  /\ CanCreate(numbers, nf) /\ NumbersFree(nf)
           /\ Become([Created(nf, FALSE) EXCEPT !.out = [sqEntries |-> sq, cqEntries |-> c, features |-> IoringFeatures]])

IoUringSetup(name, number, entries, flags, cq, resv) ==
    \/ IoUringSetupEinval(entries, flags, cq, resv)
    \/ IoUringSetupOk(name, number, entries, flags, cq, resv)

\* kernel: io_cqe_cache_refill: a CQE goes to the CQ only while the overflow list is empty ("Force
\* overflow the completion", to keep order) and the CQ has room; else onto the list
\* (io_cqring_event_overflow, which sets IORING_SQ_CQ_OVERFLOW).
\* Whether a CQE posted now goes into the CQ (io_get_cqe succeeds).
Fits(r) == r.overflow = <<>> /\ Len(r.cq) < r.cqEntries

Post(r, c) ==
    IF Fits(r)
    THEN [r EXCEPT !.cq = Append(@, c)]
    ELSE [r EXCEPT !.overflow = Append(@, c)]

\* kernel: io_cqring_overflow_flush: as many as fit, oldest first.
RECURSIVE Flush(_)
Flush(r) ==
    IF r.overflow = <<>> \/ Len(r.cq) >= r.cqEntries THEN r
    ELSE Flush([r EXCEPT !.cq = Append(@, Head(r.overflow)), !.overflow = Tail(@)])

Cqe(userData, res, flags) == [userData |-> userData, res |-> res, flags |-> flags]

\* kernel: io_poll_wake (io_uring/poll.c): a wake-up on f with key (any when {}) queues the task
\* work of the armed polls on f it matches (io_poll_get_ownership: not those whose task work is
\* queued); they are non-exclusive entries of f's queue. With "URING_WAKE" in the key
\* (EPOLL_URING_WAKE: a ring's eventfd signal or poll_wq) a multishot poll becomes one-shot
\* ("poll->events |= EPOLLONESHOT").
PollWake(w, f, key) ==
    \* (not a request without events, on no wait queue: a forced-async RECV waiting for io-wq)
    LET mark(p) == IF p.file = f /\ ~p.pending /\ p.events # {} /\ (key = {} \/ key \cap p.events # {})
                   THEN [p EXCEPT !.pending = TRUE, !.multishot = @ /\ "URING_WAKE" \notin key] ELSE p
    IN  [w EXCEPT !.files = [x \in DOMAIN w.files |->
            IF w.files[x].kind = "IoUring"
            THEN [w.files[x] EXCEPT !.polls = [i \in 1..Len(w.files[x].polls) |-> mark(w.files[x].polls[i])]]
            ELSE w.files[x]]]

\* kernel: io_uring_register(IORING_REGISTER_EVENTFD) -> io_eventfd_register: EBADF for a ring fd
\* or an eventfd fd not open; EBUSY when one is registered already; EINVAL when the fd is no eventfd
\* (eventfd_ctx_fdget). On a file that is no ring (EOPNOTSUPP): not modelled, not a call.
IoUringRegisterEventfdOk(fd, eventfd) ==
    LET f == FileOf(fd) e == FileOf(eventfd) IN
    /\ Is(f, "IoUring") /\ files[f].evfd = "" /\ Is(e, "EventFd")
    /\ ~files[f].deferTaskrun \* io_req_local_work_add signals it when the list was empty: not modelled
    /\ Commit([World EXCEPT !.files[f].evfd = e], 0, NoCopy)
IoUringRegisterEbusy(fd) == Is(FileOf(fd), "IoUring") /\ files[FileOf(fd)].evfd # "" /\ Fail("EBUSY")
IoUringRegisterEinval(fd, eventfd) ==
    /\ Is(FileOf(fd), "IoUring") /\ files[FileOf(fd)].evfd = ""
    /\ FileOf(eventfd) # None /\ ~Is(FileOf(eventfd), "EventFd") /\ Fail("EINVAL")

IoUringRegisterEventfd(fd, eventfd) ==
    \/ Ebadf(FileOf(fd) = None, Main)
    \/ IoUringRegisterEbusy(fd)
    \/ Ebadf(Is(FileOf(fd), "IoUring") /\ files[FileOf(fd)].evfd = "" /\ FileOf(eventfd) = None, Main)
    \/ IoUringRegisterEinval(fd, eventfd)
    \/ IoUringRegisterEventfdOk(fd, eventfd)

\* Not a syscall (io_uring(7)): the application takes every CQE between head and tail and
\* reads sq_flags; nothing moves from the overflow list by itself. ret stays the last call's.
CqReaped(fd) ==
    LET f == FileOf(fd) IN
    /\ Is(f, "IoUring")
    /\ files' = [files EXCEPT ![f].cq = <<>>]
    /\ out' = [cqes |-> files[f].cq, overflowFlag |-> files[f].overflow # <<>>, dropped |-> 0]
    /\ ~TaskWorkDue
    /\ UNCHANGED <<numbers, fds, ret, tasks, exclusive, blocking, fasync, owner, sigio>>

CqReap(fd) == CqReaped(fd)

\* kernel: io_uring_fill_params: sq_off and cq_off, offsetof each field of struct io_rings;
\* io_uring_create: sq_off.array, rings_size's struct_size(rings, cqes, cq_entries) aligned to
\* SMP_CACHE_BYTES; with IORING_SETUP_NO_SQARRAY array is not written: what the application passed,
\* 0 here. (Java: OpenFile.IoUring sqOff, cqOff)
SqOffOf(r) == [head |-> IoRingsSqOff.head, tail |-> IoRingsSqOff.tail, ring_mask |-> IoRingsSqOff.ring_mask,
               ring_entries |-> IoRingsSqOff.ring_entries, flags |-> IoRingsSqOff.flags, dropped |-> IoRingsSqOff.dropped,
               array |-> IF r.noSqArray THEN 0
                         ELSE ((IoRingsCqOff.cqes + CqeBytes * r.cqEntries + SmpCacheBytes - 1) \div SmpCacheBytes) * SmpCacheBytes]
\* Not a syscall: what setup wrote into io_uring_params for the ring fd names (<<>> for no ring).
SqOff(fd) == IF Is(FileOf(fd), "IoUring") THEN SqOffOf(files[FileOf(fd)]) ELSE <<>>
CqOff(fd) == IF Is(FileOf(fd), "IoUring") THEN IoRingsCqOff ELSE <<>>

\* Not a syscall: the application reads rings->sq_dropped of the ring fd names (-1 for no ring).
SqDropped(fd) == IF Is(FileOf(fd), "IoUring") THEN files[FileOf(fd)].sqDropped ELSE -1

\* kernel: io_uring_poll: writable while the SQ has room (always, between calls); readable with
\* CQEs in the ring, the overflow bit set, or local work queued (io_has_work: a DEFER_TASKRUN ring's
\* work_llist not empty, its pending polls here).
LocalWorkPending(r) == r.deferTaskrun /\ \E i \in 1..Len(r.polls) : r.polls[i].pending
IoUringPoll(r) == {"OUT", "WRNORM"} \cup (IF r.cq # <<>> \/ r.overflow # <<>> \/ LocalWorkPending(r) THEN {"IN", "RDNORM"} ELSE {})

\* Invariants: the CQ never holds more than its size; both sizes are powers of two, the CQ no smaller.
CqWithinItsSize == \A f \in DOMAIN files : files[f].kind = "IoUring" => Len(files[f].cq) <= files[f].cqEntries
RingSizesPowersOfTwo == \A f \in DOMAIN files : files[f].kind = "IoUring" =>
                /\ RoundUp(1, files[f].sqEntries) = files[f].sqEntries /\ RoundUp(1, files[f].cqEntries) = files[f].cqEntries
                /\ files[f].cqEntries >= files[f].sqEntries

=============================================================================
