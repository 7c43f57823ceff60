-------------------------------- MODULE Aio --------------------------------
(***************************************************************************)
(* fs/aio.c (Aio in Java): io_setup, io_submit of IOCB_CMD_POLLs and of    *)
(* PREAD/PWRITE of pipes and AF_UNIX sockets (done inside the call), with *)
(* IOCB_FLAG_RESFD,                                                        *)
(* io_cancel, io_getevents, io_destroy, the kernel worker that completes   *)
(* a poll woken without a key or cancelled, and delayed_fput_work, which   *)
(* drops the files such polls held (AioDelayedFput).  A task's IOCB_CMD_   *)
(* PREAD of an empty blocking pipe or socket sleeps inside io_submit        *)
(* (Tasks.tla).  A PREAD of an O_DIRECT file (ReadWrite.tla RegularPread)  *)
(* misaligned to its stx_dio_offset_align completes inside io_submit with  *)
(* -EINVAL; an aligned one is completed later by its bios (AioDioOne).     *)
(* io_submit takes its iocbs in order and stops at the first that fails.   *)
(* A poll that finds its file ready completes inside io_submit with the    *)
(* polled mask; one that waits is completed by the wake-up itself          *)
(* (AioPollWake, AioRing.tla).  IOCB_CMD_FSYNC/FDSYNC of a regular file   *)
(* waits for the worker (AioFsyncOne).  io_submit is EAGAIN once the      *)
(* context's requests hold its slots (AioSlots, SlotsFull: one CPU's       *)
(* count, from the possible CPUs the trace records).  Not modelled: slots  *)
(* stranded in other CPUs' caches, io_submit's cap of nr at nr_events,     *)
(* the system-wide aio_nr io_setup counts against aio-max-nr, other        *)
(* commands,                                                               *)
(* the main task's waiting io_getevents (a task's waits, Tasks.tla),       *)
(* work_need_resched.  Whether a keyed wake-up                             *)
(* finds ctx_lock free is chosen ahead by a hidden step                    *)
(* (AioTrylockFails): it marks the poll busy.                              *)
(***************************************************************************)
EXTENDS SelectPoll, AioRing, FileTable, ReadWrite, SignalDelivery

\* fs/aio.c (kpath.uapi.AioAbi): the largest nr_events ioctx_alloc takes, its doubled count within
\* 0x10000000 / sizeof(struct io_event) (32).
IO_SETUP_MAX_NR_EVENTS == 4194304

\* x86-64's PAGE_SIZE and sizeof(struct aio_ring) (kpath.uapi.AioAbi).
PAGE_SIZE == 4096
AIO_RING_BYTES == 32
IO_EVENT_BYTES == 32

\* kernel: ioctx_alloc, aio_setup_ring (AioAbi.ringNr): the ring's nr, as struct aio_ring holds it,
\* with p CPUs possible; 0 when p is not known. nr_events = max(n, 4p) * 2, two more, rounded up to
\* whole pages with the ring's header; as many io_events as those pages hold.
AioRingNr(n, p) ==
    IF p <= 0 THEN 0
    ELSE LET maxReqs == 2 * (IF n > 4 * p THEN n ELSE 4 * p)
             pages == (AIO_RING_BYTES + IO_EVENT_BYTES * (maxReqs + 2) + PAGE_SIZE - 1) \div PAGE_SIZE
         IN  (PAGE_SIZE * pages - AIO_RING_BYTES) \div IO_EVENT_BYTES

\* kernel: ioctx_alloc, aio_setup_ring (AioAbi.slots): how many requests a context of n events takes
\* before io_submit is EAGAIN, on one CPU; 0 when p is not known (not modelled). The ring's nr less
\* one are the slots; req_batch = that / 4p, and a CPU takes whole batches only (get_reqs_available).
AioSlots(n, p) ==
    IF p <= 0 THEN 0
    ELSE LET avail == AioRingNr(n, p) - 1
             batch == avail \div (4 * p) \* at least 2: the ring holds 8p + 2 events or more
         IN  (avail \div batch) * batch

\* kernel: aio_get_req -> get_reqs_available, then user_refill_reqs_available (the slots of events
\* io_getevents took come back before it tries again): the context's requests hold all its slots --
\* polls not completed (and queued FSYNCs), events not taken, a task's read asleep inside io_submit.
SlotsFull(w, ctx) ==
    /\ w.files[ctx].slots > 0
    /\ Cardinality({i \in 1..Len(w.files[ctx].polls) : ~w.files[ctx].polls[i].done}) + Len(w.files[ctx].events)
       + Cardinality({t \in DOMAIN w.tasks : w.tasks[t].call.call = "IoSubmit" /\ w.tasks[t].call.ctx = ctx
                                              /\ w.tasks[t].on # {}}) >= w.files[ctx].slots

AioEinval(bad, by) == Runs(by) /\ bad /\ FailBy(by, "EINVAL")
AioEagain(bad, by) == Runs(by) /\ bad /\ FailBy(by, "EAGAIN")
AioEopnotsupp(bad, by) == Runs(by) /\ bad /\ FailBy(by, "EOPNOTSUPP")

\* A context io_submit, io_cancel, io_getevents and io_destroy find (lookup_ioctx): not one destroyed
\* and kept only for its polls' delayed fputs (dead).
Ctx(c) == c \in DOMAIN files /\ files[c].kind = "AioCtx" /\ ~files[c].dead
LiveCtx(w, c) == c \in DOMAIN w.files /\ w.files[c].kind = "AioCtx" /\ ~w.files[c].dead

\* A task's io_submit holds a request of context c: its read took the file and has not finished.
InFlight(c) == \E t \in DOMAIN tasks : tasks[t].call.call = "IoSubmit" /\ tasks[t].call.ctx = c /\ tasks[t].on # {}
\* A task waits in io_destroy of c: the dead context stays for it.
Destroying(w, c) == \E t \in DOMAIN w.tasks : w.tasks[t].phase # "DONE" /\ w.tasks[t].call.call = "IoDestroy" /\ w.tasks[t].call.ctx = c
\* A task waits in io_getevents on c (io_destroy of it is not modelled: kill_ioctx wakes it).
GeteventsWaits(c) == \E t \in DOMAIN tasks : tasks[t].phase # "DONE" /\ tasks[t].call.call = "IoGetevents" /\ tasks[t].call.ctx = c

\* kernel: io_setup: EINVAL when *ctxp is not 0 (ctx names a context set up before) or for 0 events;
\* ioctx_alloc: EINVAL when the doubled count is too large, then EAGAIN for more than aio-max-nr
\* (aioMaxNr, the trace header's fs.aio-max-nr). Other processes' contexts (aio_nr) are not
\* observable: the model counts none. The context's id is copied out.
IoSetupRefused(nrEvents, ctx) == (ctx \in DOMAIN files /\ files[ctx].kind = "AioCtx") \/ nrEvents <= 0 \/ nrEvents > IO_SETUP_MAX_NR_EVENTS
CtxFresh(ctx) == ctx \notin DOMAIN files /\ Fresh(ctx)

IoSetupEagain(nrEvents, ctx, aioMaxNr, possibleCpus) ==
    /\ ~IoSetupRefused(nrEvents, ctx) /\ CtxFresh(ctx) /\ nrEvents > aioMaxNr /\ Fail("EAGAIN")

IoSetupOk(nrEvents, ctx, aioMaxNr, possibleCpus) ==
    /\ ~IoSetupRefused(nrEvents, ctx) /\ CtxFresh(ctx) /\ nrEvents <= aioMaxNr
    /\ Commit([World EXCEPT !.files = Put(@, ctx, [kind |-> "AioCtx", events |-> <<>>, polls |-> <<>>, putting |-> {},
                                                   dead |-> FALSE, slots |-> AioSlots(nrEvents, possibleCpus),
                                                   nr |-> AioRingNr(nrEvents, possibleCpus)])], 0, NoCopy)

IoSetup(nrEvents, ctx, aioMaxNr, possibleCpus) ==
    \/ AioEinval(IoSetupRefused(nrEvents, ctx), Main)
    \/ IoSetupEagain(nrEvents, ctx, aioMaxNr, possibleCpus)
    \/ IoSetupOk(nrEvents, ctx, aioMaxNr, possibleCpus)

\* kernel: io_submit_one: EINVAL when aio_reserved2 is not 0, before the fd is looked at;
\* __io_submit_one: fget of aio_fildes (EBADF), then with IOCB_FLAG_RESFD eventfd_ctx_fdget
\* of aio_resfd: EBADF without the fd, EINVAL when it is no eventfd; an opcode it does not know
\* (OPk) is EINVAL; then aio_read, aio_write: aio_prep_rw -> kiocb_set_rw_flags, EOPNOTSUPP for a
\* flag outside RWF_SUPPORTED; EBADF when the file is not open for the direction; rw_verify_area:
\* EINVAL for a negative aio_offset; aio_poll: EINVAL when aio_offset, aio_nbytes or aio_rw_flags
\* is not 0, and a file without a poll method (regular) sets up no wait queue, so unless
\* DEFAULT_POLLMASK meets the events the iocb is EINVAL ("same as no support for IOCB_CMD_POLL");
\* "" when the iocb is taken.
IocbErr(q) ==
    IF q.reserved2 # 0 THEN "EINVAL"
    ELSE IF FileOf(q.fd) = None THEN "EBADF"
    ELSE IF q.resfd # "" /\ FileOf(q.resfd) = None THEN "EBADF"
    ELSE IF q.resfd # "" /\ files[FileOf(q.resfd)].kind # "EventFd" THEN "EINVAL"
    ELSE IF q.op \notin {"POLL", "PREAD", "PWRITE", "FSYNC", "FDSYNC"} THEN "EINVAL"
    \* aio_fsync: EINVAL with aio_buf, aio_offset, aio_nbytes or aio_rw_flags set, or for a file
    \* without ->fsync (only regular files have one here)
    ELSE IF q.op \in {"FSYNC", "FDSYNC"} THEN
         IF q.offset # 0 \/ q.nbytes # 0 \/ q.rwFlags # {} \/ files[FileOf(q.fd)].kind # "Regular" THEN "EINVAL" ELSE ""
    ELSE IF q.op = "POLL" THEN
         IF q.offset # 0 \/ q.nbytes # 0 \/ q.rwFlags # {} THEN "EINVAL"
         ELSE IF files[FileOf(q.fd)].kind = "Regular" /\ FilePoll(World, FileOf(q.fd)).m \cap q.events = {} THEN "EINVAL"
         ELSE ""
    ELSE IF "unknown" \in q.rwFlags THEN "EOPNOTSUPP"
    ELSE IF \/ q.op = "PREAD" /\ files[FileOf(q.fd)].kind = "PipeWrite"
            \/ q.op = "PWRITE" /\ files[FileOf(q.fd)].kind \in {"PipeRead", "Regular"} THEN "EBADF"
    ELSE IF q.offset < 0 THEN "EINVAL"
    ELSE ""

\* kernel: io_submit_one: aio_reserved2 (EINVAL), then aio_get_req (EAGAIN when the context is
\* full in the world w, as io_submit has made it so far), then IocbErr's.
IocbErrIn(w, ctx, q) ==
    IF q.reserved2 # 0 THEN "EINVAL" ELSE IF SlotsFull(w, ctx) THEN "EAGAIN" ELSE IocbErr(q)

\* Reads and writes of other files than pipes, AF_UNIX sockets and regular files are not
\* modelled, nor rw flags but RWF_NOWAIT.
\* Nor a direct read of a regular file the model cannot tell the result of (RegularPreadModelled).
Unmodelled(q) ==
    /\ IocbErr(q) = "" /\ q.op # "POLL"
    /\ \/ files[FileOf(q.fd)].kind \notin {"PipeRead", "PipeWrite", "Regular", "UnixStream"}
       \/ "other" \in q.rwFlags
       \/ /\ q.op = "PREAD" /\ files[FileOf(q.fd)].kind = "Regular"
          /\ ~RegularPreadModelled(files[FileOf(q.fd)], q.offset, q.nbytes)

\* kernel: fs/pipe.c anon_pipe_read: a read of some bytes of an empty pipe with a writer waits on
\* rd_wait, unless the file is O_NONBLOCK or the iocb has IOCB_NOWAIT (RWF_NOWAIT): then EAGAIN.
\* net/socket.c sock_read_iter: at aio_offset 0, a read of some bytes of a blocking socket without
\* IOCB_NOWAIT (no MSG_DONTWAIT) sleeps in unix_stream_data_wait when nothing is there.
AioReadSleeps(w, q, f) ==
    /\ q.op = "PREAD" /\ f \in blocking /\ q.nbytes > 0 /\ "RWF_NOWAIT" \notin q.rwFlags
    /\ \/ w.files[f].kind = "PipeRead" /\ w.files[f].bytes = 0 /\ w.files[f].writerAlive
       \/ w.files[f].kind = "UnixStream" /\ q.offset = 0 /\ w.files[f].rcvQueue = <<>> /\ ~w.files[f].err
          /\ ~RcvShut(w.files[f].shutdown)

\* kernel: aio_poll: the mask at once (an event, its eventfd signalled), or wait on the file's queue.
AioPollOne(w, ctx, q) ==
    LET f == FileOf(q.fd)
        e == IF q.resfd = "" THEN "" ELSE FileOf(q.resfd)
        p == FilePoll(w, f)
        m == p.m \cap q.events
        c == p.w.files[ctx]
    IN  IF m # {}
        THEN WakeTasks(EventfdSignals([p.w EXCEPT !.files[ctx] = [c EXCEPT !.events = Append(@, [data |-> q.data, res |-> SumBits(m)])]],
                                      <<e>>), ctx, {}) \* aio_complete: wake_up(&ctx->wait)
        ELSE [p.w EXCEPT !.files[ctx] = [c EXCEPT !.polls = Append(@, [data |-> q.data, file |-> f, events |-> q.events,
                                                                       work |-> FALSE, cancelled |-> FALSE, resfd |-> e, busy |-> FALSE,
                                                                       done |-> FALSE, res |-> 0])]]

\* kernel: aio_fsync: schedule_work(aio_fsync_work), always: the request waits for the worker
\* (AioPollWork), kept as a poll of no events that no io_cancel reaches (cancelled), which the worker
\* completes with res 0 (vfs_fsync of a file the scenarios did not write) and whose fput waits for
\* delayed_fput_work, as a cancelled poll's.
AioFsyncOne(w, ctx, q, f) ==
    [w EXCEPT !.files[ctx].polls = Append(@, [data |-> q.data, file |-> f, events |-> {}, work |-> TRUE, cancelled |-> TRUE,
                                              resfd |-> IF q.resfd = "" THEN "" ELSE FileOf(q.resfd), busy |-> FALSE,
                                              done |-> FALSE, res |-> 0])]

\* kernel: an O_DIRECT read whose bios were submitted: __iomap_dio_rw returns -EIOCBQUEUED, so
\* aio_rw_done posts nothing; the last bio's end_io (iomap_dio_bio_end_io; a read completes inline
\* there) calls aio_complete_rw with res r in interrupt context, whose fput waits for
\* delayed_fput_work. Kept like an FSYNC (AioPollWork completes it), with its own res.
AioDioOne(w, ctx, q, f, r) ==
    [w EXCEPT !.files[ctx].polls = Append(@, [data |-> q.data, file |-> f, events |-> {}, work |-> TRUE, cancelled |-> TRUE,
                                              resfd |-> IF q.resfd = "" THEN "" ELSE FileOf(q.resfd), busy |-> FALSE,
                                              done |-> FALSE, res |-> r])]

\* kernel: aio_read, aio_write -> pipe_read, pipe_write (Pipe.tla) or a regular file's buffered read
\* (ReadWrite.tla ReadRegularEof), inside io_submit, of file f: aio_rw_done completes the iocb with
\* what it returned (an O_NONBLOCK pipe's -EAGAIN too, and an RWF_NOWAIT read's) and signals its eventfd.
AioRwOne(w, ctx, q, f) ==
    LET e == IF q.resfd = "" THEN "" ELSE FileOf(q.resfd)
        r == IF w.files[f].kind = "Regular" THEN [w |-> w, ret |-> RegularPread(w.files[f], q.offset, q.nbytes)]
             \* net/socket.c sock_read_iter, sock_write_iter: ESPIPE unless ki_pos is 0; a read of 0 bytes is 0
             ELSE IF w.files[f].kind = "UnixStream" /\ q.offset # 0 THEN [w |-> w, ret |-> Err("ESPIPE")]
             ELSE IF w.files[f].kind = "UnixStream" /\ q.op = "PWRITE" THEN UnixSendOut(w, f, q.nbytes)
             ELSE IF w.files[f].kind = "UnixStream" /\ q.nbytes = 0 THEN [w |-> w, ret |-> 0]
             ELSE IF w.files[f].kind = "UnixStream" THEN UnixRecvOut(w, f, q.nbytes)
             ELSE IF q.op = "PREAD" THEN PipeReadOut(w, f, q.nbytes)
             ELSE PipeWriteOut(w, f, q.nbytes)
    IN  IF ~LiveCtx(r.w, ctx) THEN r.w \* a read that slept through io_destroy: its event goes to a ring no one reads
        ELSE IF w.files[f].kind = "Regular" /\ w.files[f].direct /\ r.ret > 0 THEN AioDioOne(r.w, ctx, q, f, r.ret)
        ELSE WakeTasks(EventfdSignals([r.w EXCEPT !.files[ctx].events = Append(@, [data |-> q.data, res |-> r.ret])], <<e>>),
                  ctx, {}) \* aio_complete: wake_up(&ctx->wait)

\* kernel: io_submit_one for iocbs i.. of qs in the world w, iocb i holding file held when a task
\* slept in its read ("" when it is yet to be taken): [w: the world after, n: how many of qs were
\* taken in all, stop: "ok" (all), "err" (iocb n+1 failed), "unmodelled", or "sleep" (the read of
\* iocb n+1 sleeps, on file on)].
RECURSIVE SubmitFrom(_, _, _, _, _)
SubmitFrom(w, ctx, qs, i, held) ==
    IF i > Len(qs) THEN [w |-> w, n |-> Len(qs), stop |-> "ok", on |-> ""]
    ELSE LET q == qs[i]
             f == IF held # "" THEN held ELSE FileOf(q.fd)
         IN  IF held = "" /\ ~LiveCtx(w, ctx) THEN [w |-> w, n |-> i - 1, stop |-> "unmodelled", on |-> ""]
             ELSE IF held = "" /\ IocbErrIn(w, ctx, q) # "" THEN [w |-> w, n |-> i - 1, stop |-> "err", on |-> ""]
             ELSE IF held = "" /\ Unmodelled(q) THEN [w |-> w, n |-> i - 1, stop |-> "unmodelled", on |-> ""]
             ELSE IF AioReadSleeps(w, q, f) THEN [w |-> w, n |-> i - 1, stop |-> "sleep", on |-> f]
             ELSE SubmitFrom(IF q.op = "POLL" THEN AioPollOne(w, ctx, q)
                             ELSE IF q.op \in {"FSYNC", "FDSYNC"} THEN AioFsyncOne(w, ctx, q, f)
                             ELSE AioRwOne(w, ctx, q, f), ctx, qs, i + 1, "")

\* Where by's io_submit goes on from: the iocb after those taken before it slept (need), holding
\* its file (on); the main task's, and a task's first run, from the first.
SubmitStart(by) == IF by.task = None THEN 1 ELSE tasks[by.task].need + 1
SubmitHeld(by) == IF by.task = None \/ tasks[by.task].on = {} THEN "" ELSE CHOOSE f \in tasks[by.task].on : TRUE
Submitted(ctx, qs, by) == SubmitFrom(World, ctx, qs, SubmitStart(by), SubmitHeld(by))
Fresh1(by) == SubmitStart(by) = 1 /\ SubmitHeld(by) = ""

\* The task of by leaves the read it slept in ([w EXCEPT tasks[t] = x]: done, or asleep in a later
\* iocb): io_submit_one's iocb_put lets go of its file, as task work before the call returns
\* (iocb_destroy -> fput), released when nothing else refers to it; the step's other variables.
SubmitMoves(by, w, x) ==
    LET w1 == [w EXCEPT !.tasks[by.task] = x]
        left == SubmitHeld(by) # "" /\ SubmitHeld(by) \notin x.on
        w0 == IF left THEN ReleaseHeld(w1, <<SubmitHeld(by)>>) ELSE w1
        c  == by.call.ctx
        \* iocb_destroy -> percpu_ref_put(&ctx->reqs): the last request done completes io_destroy's wait
        w2 == IF left /\ c \in DOMAIN w0.files /\ w0.files[c].kind = "AioCtx" /\ w0.files[c].dead THEN WakeTasks(w0, c, {}) ELSE w0
    IN  /\ files' = w2.files /\ exclusive' = w2.exclusive /\ tasks' = w2.tasks /\ Alive(w2)
        /\ sigio' \in {w2.sigio} \cup {Send(w2.sigio, y) : y \in w2.race}
        /\ ~TaskWorkDue
        /\ UNCHANGED <<numbers, fds, ret, out>>

\* io_submit of by ends with result r in the world w (Finish, and for a task SubmitMoves).
SubmitFinish(by, w, r) ==
    IF by.task = None THEN Finish(by, w, r, NoCopy) ELSE SubmitMoves(by, w, Done(tasks[by.task], r, NoCopy))

\* kernel: io_submit -> io_submit_one for each iocb in turn: all taken ...
IoSubmitOk(ctx, qs, by) ==
    /\ Runs(by) /\ (Ctx(ctx) \/ SubmitHeld(by) # "") /\ Submitted(ctx, qs, by).stop = "ok"
    /\ SubmitFinish(by, Submitted(ctx, qs, by).w, Len(qs))

\* ... or some, then one failed: "return i ? i : ret".
IoSubmitStopsShort(ctx, qs, by) ==
    /\ Runs(by) /\ (Ctx(ctx) \/ SubmitHeld(by) # "") /\ Submitted(ctx, qs, by).stop = "err" /\ Submitted(ctx, qs, by).n > 0
    /\ SubmitFinish(by, Submitted(ctx, qs, by).w, Submitted(ctx, qs, by).n)

\* The first iocb's own error, when the call begins with it.
FirstErr(ctx, qs, by) == IF Ctx(ctx) /\ Len(qs) > 0 /\ Fresh1(by) THEN IocbErrIn(World, ctx, qs[1]) ELSE ""

IoSubmit(ctx, qs, by) ==
    \/ AioEinval(~Ctx(ctx) /\ SubmitHeld(by) = "", by)
    \/ Ebadf(FirstErr(ctx, qs, by) = "EBADF", by)
    \/ AioEinval(FirstErr(ctx, qs, by) = "EINVAL", by)
    \/ AioEopnotsupp(FirstErr(ctx, qs, by) = "EOPNOTSUPP", by)
    \/ AioEagain(FirstErr(ctx, qs, by) = "EAGAIN", by)
    \/ IoSubmitOk(ctx, qs, by)
    \/ IoSubmitStopsShort(ctx, qs, by)

\* The context's active polls for the iocb with this data (io_cancel took the cancelled ones off).
Active(ctx, data) == {i \in 1..Len(files[ctx].polls) : files[ctx].polls[i].data = data /\ ~files[ctx].polls[i].cancelled
                                                       /\ ~files[ctx].polls[i].done}

\* kernel: io_cancel -> aio_poll_cancel: the first such poll is marked and its work queued; EINPROGRESS.
IoCancelEinprogress(ctx, data) ==
    /\ Ctx(ctx) /\ Active(ctx, data) # {}
    /\ LET i == CHOOSE i \in Active(ctx, data) : \A j \in Active(ctx, data) : i <= j
       IN  Commit([World EXCEPT !.files[ctx].polls[i].work = TRUE, !.files[ctx].polls[i].cancelled = TRUE,
                                 !.files[ctx].polls[i].busy = FALSE],
                  Err("EINPROGRESS"), NoCopy)

IoCancel(ctx, data) ==
    \/ AioEinval(IF Ctx(ctx) THEN Active(ctx, data) = {} ELSE TRUE, Main)
    \/ IoCancelEinprogress(ctx, data)

\* The events a task's io_getevents took before (while it waits), none for the main task's.
TakenBefore(by) == IF by.task # None /\ "aioEvents" \in DOMAIN tasks[by.task].out THEN tasks[by.task].out.aioEvents ELSE <<>>

\* kernel: read_events -> aio_read_events, one check: after the events taken before, up to nr of
\* them in all (aio_read_events_ring reads nr - *i), oldest first; the world after, the events.
GeteventsStep(ctx, nr, by) ==
    LET n == Min(nr - Len(TakenBefore(by)), Len(files[ctx].events)) IN
    [w |-> [World EXCEPT !.files[ctx].events = SubSeq(@, n + 1, Len(@))],
     taken |-> TakenBefore(by) \o SubSeq(files[ctx].events, 1, n)]

\* kernel: io_getevents -> do_io_getevents (EINVAL unless 0 <= min_nr <= nr): up to nr events, oldest first (the main task's timeout only lets the worker
\* run first; a task that took fewer than min_nr sleeps instead, TaskSleeps in Tasks.tla).
\* quiet: no signal is let through (io_pgetevents, below; always for io_getevents).
IoGeteventsOk(ctx, minNr, nr, quiet, by) ==
    /\ quiet /\ Runs(by) /\ Ctx(ctx) /\ minNr >= 0 /\ minNr <= nr
    /\ LET s == GeteventsStep(ctx, nr, by) IN Finish(by, s.w, Len(s.taken), [aioEvents |-> s.taken])

GeteventsEinval(ctx, minNr, nr) == ~Ctx(ctx) \/ minNr < 0 \/ minNr > nr

IoGetevents(ctx, minNr, nr, by) ==
    \/ AioEinval(GeteventsEinval(ctx, minNr, nr), by)
    \/ IoGeteventsOk(ctx, minNr, nr, TRUE, by)

\* io_pgetevents lets no signal through: no usig (the main task's mask blocks every signal the
\* model knows), or a valid one whose mask blocks every pending one.
PgetQuiet(usig, mask, sigsetsize) == SigmaskOk(usig, sigsetsize) /\ (~usig \/ Through(sigio, mask) = {})
\* ... or it lets some through, none of which would end the process.
PgetLoud(usig, mask, sigsetsize) ==
    /\ usig /\ SigmaskOk(usig, sigsetsize) /\ Through(sigio, mask) # {} /\ ~Ends(sigio, Through(sigio, mask))

\* kernel: io_pgetevents -> do_io_getevents took events or failed EINVAL while the mask let signals
\* through: "interrupted = signal_pending(current)", so restore_saved_sigmask_unless(interrupted)
\* leaves the swapped mask for their delivery on the way out, and the result stands.
IoPgeteventsSignalled(ctx, minNr, nr, usig, mask, sigsetsize) ==
    /\ PgetLoud(usig, mask, sigsetsize)
    /\ LET sig == Delivered(sigio, Through(sigio, mask)) IN
       IF GeteventsEinval(ctx, minNr, nr)
       THEN Finish(Main, [World EXCEPT !.sigio = sig], Err("EINVAL"), NoCopy)
       ELSE LET s == GeteventsStep(ctx, nr, Main) IN
            /\ Len(s.taken) > 0
            /\ Finish(Main, [s.w EXCEPT !.sigio = sig], Len(s.taken), [aioEvents |-> s.taken])

\* Interrupted with no event taken: -ERESTARTNOHAND (SignalEintr, SignalRestarted).
PgetInterrupted(ctx, minNr, nr, usig, mask, sigsetsize) ==
    PgetLoud(usig, mask, sigsetsize) /\ ~GeteventsEinval(ctx, minNr, nr) /\ Len(GeteventsStep(ctx, nr, Main).taken) = 0

IoPgetevents(ctx, minNr, nr, usig, mask, sigsetsize) ==
    \/ SigmaskEinval(usig, sigsetsize)
    \/ AioEinval(PgetQuiet(usig, mask, sigsetsize) /\ GeteventsEinval(ctx, minNr, nr), Main)
    \/ IoGeteventsOk(ctx, minNr, nr, PgetQuiet(usig, mask, sigsetsize), Main)
    \/ IoPgeteventsSignalled(ctx, minNr, nr, usig, mask, sigsetsize)
    \/ SignalEintr(PgetInterrupted(ctx, minNr, nr, usig, mask, sigsetsize), Through(sigio, mask), World)
    \/ SignalRestarted(PgetInterrupted(ctx, minNr, nr, usig, mask, sigsetsize), Through(sigio, mask), World,
                       [aioEvents |-> <<>>])

\* kernel: io_destroy -> kill_ioctx: the context goes; free_ioctx_users cancels its waiting polls,
\* whose work a kernel worker runs: iocb_put's fput from the worker defers __fput to
\* delayed_fput_work, so each poll's file stays referred to after io_destroy returns (it waits for
\* the requests, not for that fput) until AioDelayedFput: the context is kept, dead, for that long.
\* Not modelled: io_destroy of a context a task waits on in io_getevents (kill_ioctx wakes it); one
\* a task reads in inside io_submit is a task's io_destroy (IoDestroyOk below, TaskSleeps).
\* kill_ioctx in the world w: the context goes, kept dead while its cancelled polls' files wait
\* for delayed_fput_work, or while keep.
Kill(w, ctx, keep) ==
    LET c == w.files[ctx]
        held == c.putting \cup {c.polls[i].file : i \in 1..Len(c.polls)}
    IN  [w EXCEPT !.files = IF held = {} /\ ~keep THEN Del(@, ctx)
                            ELSE [@ EXCEPT ![ctx] = [kind |-> "AioCtx", events |-> <<>>, polls |-> <<>>,
                                                     putting |-> held, dead |-> TRUE, slots |-> c.slots, nr |-> c.nr]]]

\* The main task's io_destroy (not while a task waits on the context: a read in io_submit makes it
\* wait, a task's call). A task's: kill_ioctx at once, then wait_for_completion, uninterruptible,
\* until no read inside io_submit holds a request (TaskSleeps in Tasks.tla), the dead context kept
\* meanwhile; then it returns 0, and the context goes unless files still wait for their fput.
IoDestroyOk(ctx, by) ==
    /\ Runs(by)
    /\ IF by.task = None
       THEN /\ Ctx(ctx) /\ ~\E t \in DOMAIN tasks : tasks[t].phase # "DONE" /\ tasks[t].call.call \in {"IoGetevents", "IoSubmit"}
                                                 /\ tasks[t].call.ctx = ctx
            /\ Commit(Kill(World, ctx, FALSE), 0, NoCopy)
       ELSE LET first == tasks[by.task].on = {}
                w0 == IF first THEN Kill(World, ctx, FALSE) ELSE World
                w  == IF ctx \in DOMAIN w0.files /\ w0.files[ctx].putting = {} THEN [w0 EXCEPT !.files = Del(@, ctx)] ELSE w0
            IN  /\ \/ ~first
                   \/ Ctx(ctx) /\ ~GeteventsWaits(ctx)
                /\ ~InFlight(ctx)
                /\ Finish(by, w, 0, NoCopy)

IoDestroy(ctx, by) ==
    \/ AioEinval(~Ctx(ctx) /\ IF by.task = None THEN TRUE ELSE tasks[by.task].on = {}, by)
    \/ IoDestroyOk(ctx, by)

\* Hidden: kernel: fs/file_table.c delayed_fput: delayed_fput_work runs the fputs handed to it from
\* a kernel worker (AIO polls the worker completed, or that io_destroy cancelled): each file nothing
\* else refers to is released, in Java's order; a dead context goes with them (ret and out stay).
AioDelayedFput ==
    /\ \E x \in DOMAIN files : files[x].kind = "AioCtx" /\ files[x].putting # {}
    /\ ~TaskWorkDue
    /\ LET ps == SelectSeq(NameOrder, LAMBDA n : \E x \in DOMAIN files : files[x].kind = "AioCtx" /\ n \in files[x].putting)
           w0 == [World EXCEPT !.files = [x \in {y \in DOMAIN @ : ~(@[y].kind = "AioCtx" /\ @[y].dead /\ ~Destroying(World, y))} |->
                                            IF @[x].kind = "AioCtx" THEN [@[x] EXCEPT !.putting = {}] ELSE @[x]]]
           w  == ReleaseHeld(w0, ps)
       IN  /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
           /\ sigio' \in {w.sigio} \cup {Send(w.sigio, x) : x \in w.race}
    /\ UNCHANGED <<numbers, fds, ret, out>>

DelayedFputWork == AioDelayedFput

\* kernel: aio_poll_complete_work, for the polls of context x whose work is queued: each polls its
\* file again; a mask, or a cancel, completes it (res 0 when nothing is ready), else 0 re-arms it;
\* then the eventfds of those completed are signalled.
RECURSIVE AioWork(_, _, _, _, _)
AioWork(w, x, ps, kept, sig) ==
    IF ps = <<>> THEN LET w1 == EventfdSignals([w EXCEPT !.files[x].polls = kept], sig)
                      IN  IF sig = <<>> THEN w1 ELSE WakeTasks(w1, x, {}) \* aio_complete: wake_up(&ctx->wait)
    ELSE LET p == Head(ps) IN
         IF ~p.work THEN AioWork(w, x, Tail(ps), Append(kept, p), sig)
         ELSE LET fp == FilePoll(w, p.file) \* the poll holds its file
                  m == fp.m \cap p.events
              IN  IF m = {} /\ ~p.cancelled THEN AioWork(fp.w, x, Tail(ps), Append(kept, [p EXCEPT !.work = FALSE]), sig)
                  ELSE AioWork([fp.w EXCEPT !.files[x].events = Append(@, [data |-> p.data, res |-> IF m = {} THEN p.res ELSE SumBits(m)]),
                                            !.files[x].putting = @ \cup {p.file}], \* iocb_put -> fput from the worker: delayed
                               x, Tail(ps), kept, Append(sig, p.resfd))

RECURSIVE AioWorkAll(_, _)
AioWorkAll(w, xs) == IF xs = <<>> THEN w ELSE AioWorkAll(AioWork(w, Head(xs), w.files[Head(xs)].polls, <<>>, <<>>), Tail(xs))

\* Hidden: a kernel worker runs the queued AIO poll work (ret and out stay).
AioPollWoken ==
    /\ \E x \in DOMAIN files : files[x].kind = "AioCtx" /\ \E i \in 1..Len(files[x].polls) : files[x].polls[i].work
    /\ ~TaskWorkDue
    /\ LET w == AioWorkAll(World, AioIds(World)) \* the completed polls' files wait for AioDelayedFput
       IN  /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
           /\ sigio' \in {w.sigio} \cup {Send(w.sigio, x) : x \in w.race}
    /\ UNCHANGED <<numbers, fds, ret, out>>

AioPollWork == AioPollWoken

\* Hidden: someone else holds a context's ctx_lock when a waiting poll's next keyed wake-up comes:
\* aio_poll_wake takes it with spin_trylock_irqsave (it already holds the wait queue's lock), so
\* that wake-up queues the poll's work instead of completing it inline (AioPollWake).
AioCtxLockBusy ==
    /\ ~TaskWorkDue
    /\ \E x \in DOMAIN files :
         /\ files[x].kind = "AioCtx"
         /\ \E i \in 1..Len(files[x].polls) :
              /\ ~files[x].polls[i].work /\ ~files[x].polls[i].busy /\ ~files[x].polls[i].done
              /\ files' = [files EXCEPT ![x].polls[i].busy = TRUE]
    /\ UNCHANGED <<numbers, fds, ret, out, tasks, exclusive, blocking, fasync, owner, sigio>>

AioTrylockFails == AioCtxLockBusy

\* The files of the polls completed inline, in Java's order.
DonePut(w) == SelectSeq(NameOrder, LAMBDA n : \E x \in DOMAIN w.files :
                  w.files[x].kind = "AioCtx" /\ \E i \in 1..Len(w.files[x].polls) :
                      w.files[x].polls[i].done /\ w.files[x].polls[i].file = n)

\* kernel: kernel/task_work.c task_work_run -> ____fput, on the way back to user space: the polls
\* completed inline drop their files, each released when nothing else refers to it. Due at once
\* (TaskWorkDue), after io_uring's task work (DOUBT: the kernel runs them in the order queued).
AioFput ==
    /\ \E x \in DOMAIN files : files[x].kind = "AioCtx" /\ \E i \in 1..Len(files[x].polls) : files[x].polls[i].done
    /\ ~RingTaskWorkDue
    /\ LET w0 == [World EXCEPT !.files = [x \in DOMAIN @ |-> IF @[x].kind = "AioCtx"
                                                            THEN [@[x] EXCEPT !.polls = SelectSeq(@, LAMBDA p : ~p.done)]
                                                            ELSE @[x]]]
           w  == ReleaseHeld(w0, DonePut(World))
       IN  /\ files' = w.files /\ tasks' = w.tasks /\ exclusive' = w.exclusive /\ Alive(w)
           /\ sigio' \in {w.sigio} \cup {Send(w.sigio, x) : x \in w.race}
    /\ UNCHANGED <<numbers, fds, ret, out>>

=============================================================================
