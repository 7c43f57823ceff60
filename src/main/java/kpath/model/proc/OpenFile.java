package kpath.model.proc;

import kpath.uapi.IoUringAbi;

import kpath.uapi.Mask;

import java.util.List;

/**
 * An open file description the readiness model knows, with just the state its {@code poll}
 * method reads. Files live while an fd refers to them (epoll holds no reference).
 */
public sealed interface OpenFile {


    /**
     * A pipe's read end; the pipe's contents live here.
     *
     * @param writer      the write end's file id
     * @param bytes       unread bytes
     * @param writerAlive the write end is still open (pipe->writers > 0)
     */
    record PipeRead(String writer, long bytes, boolean writerAlive) implements OpenFile {}

    /** A pipe's write end. The pipe never fills in this model (see package-info). */
    record PipeWrite(String reader, boolean readerAlive) implements OpenFile {}

    /**
     * One end of an AF_UNIX stream socketpair.
     *
     * @param peer     the other end's file id
     * @param rcvQueue this end's receive queue: one skb per write the peer made, its unread bytes
     * @param shutdown sk_shutdown bits ({@link kpath.model.sock.SkShutdown})
     * @param err      sk_err set (ECONNRESET: the peer closed with unread data)
     * @param sndbuf   sk_sndbuf: net.core.wmem_default at creation, then what SO_SNDBUF set
     * @param wmem     sk_wmem_alloc less its initial reference: the truesize of this end's skbs not yet
     *                 freed (queued on the peer) — net/core/sock.c skb_set_owner_w, sock_wfree
     * @param truesize what each skb this end sends is charged: the kernel's figure for the trace's writes,
     *                 measured at capture (SIOCOUTQ) and recorded in its header; 0 where it was not
     *                 recorded (then nothing is charged and the socket stays writable)
     * @param nospace  SOCKWQ_ASYNC_NOSPACE: a send found no room (sock_alloc_send_pskb) while the socket
     *                 had SOCK_FASYNC (sk_set_bit sets it only then), and no SOCK_WAKE_SPACE has cleared it
     *                 since (sock_wake_async runs only with SOCK_FASYNC: the bit outlives O_ASYNC cleared)
     */
    record UnixStream(String peer, List<Long> rcvQueue, int shutdown, boolean err, int sndbuf, long wmem, int truesize,
                      boolean nospace) implements OpenFile {

        public UnixStream {
            rcvQueue = List.copyOf(rcvQueue);
        }

        /** The same socket with another receive queue, shutdown and error (its send side as it is). */
        UnixStream with(List<Long> q, int shut, boolean error) {
            return new UnixStream(peer, q, shut, error, sndbuf, wmem, truesize, nospace);
        }

        /** The same socket with another send side: sk_sndbuf, sk_wmem_alloc, SOCKWQ_ASYNC_NOSPACE. */
        UnixStream sending(int buf, long charged, boolean noSpace) {
            return new UnixStream(peer, rcvQueue, shutdown, err, buf, charged, truesize, noSpace);
        }
    }

    /** An eventfd: its 64-bit counter (unsigned; values stay small here) and EFD_SEMAPHORE. */
    record EventFd(long count, boolean semaphore) implements OpenFile {}

    /**
     * An epoll instance: its interest list (in insertion order), its ready list, and the tasks
     * sleeping in epoll_wait on it.
     *
     * @param items   one item per (file, fd) pair
     * @param rdllist keys of queued items, in order
     * @param wq      ep->wq: tasks sleeping in epoll_wait, head first: the newest sleeper (each waits exclusively)
     */
    record Epoll(List<Item> items, List<Key> rdllist, List<String> wq) implements OpenFile {
        public Epoll {
            items = List.copyOf(items);
            rdllist = List.copyOf(rdllist);
            wq = List.copyOf(wq);
        }

        /** The same sleepers, with these items and this ready list. */
        public Epoll with(List<Item> newItems, List<Key> newRdllist) {
            return new Epoll(newItems, newRdllist, wq);
        }
    }

    /**
     * A TCP socket on loopback: unconnected (TCP_CLOSE), listening, or one end of a connection.
     *
     * @param state       "CLOSE", "LISTEN" or "ESTABLISHED" (CLOSE_WAIT and FIN_WAIT are ESTABLISHED with shutdown bits)
     * @param peer        the other end's file id ("" when none)
     * @param rcvBytes    unread bytes
     * @param shutdown    sk_shutdown bits, as for {@link UnixStream}
     * @param err         pending sk_err ("" when none): ECONNRESET, EPIPE
     * @param acceptQueue a listener's children, oldest first (their file ids)
     * @param urg         an urgent byte arrived and is unread (tp->urg_data TCP_URG_VALID): out of band, so
     *                    not in rcvBytes; a read of the socket is not modelled while it is there
     */
    record TcpSock(String state, String peer, long rcvBytes, int shutdown, String err, List<String> acceptQueue, boolean urg)
            implements OpenFile {
        public TcpSock {
            acceptQueue = List.copyOf(acceptQueue);
        }

        /** Without urgent data. */
        TcpSock(String state, String peer, long rcvBytes, int shutdown, String err, List<String> acceptQueue) {
            this(state, peer, rcvBytes, shutdown, err, acceptQueue, false);
        }

        TcpSock with(String st, int sh, String e) {
            return new TcpSock(st, peer, rcvBytes, sh, e, acceptQueue, urg);
        }
    }

    /**
     * An io_uring instance (io_uring/io_uring.c). The SQEs a call queues are its arguments
     * ({@link ProcAction.IoUringEnter}); between calls the SQ holds only those a submission left
     * unconsumed.
     *
     * @param sqEntries the SQ ring's size
     * @param cqEntries the CQ ring's size
     * @param cq        the CQEs between CQ head and tail, oldest first
     * @param overflow  ctx->cq_overflow_list: CQEs that did not fit, oldest first (IORING_FEAT_NODROP)
     * @param polls     armed IORING_OP_POLL_ADD requests, oldest first
     * @param evfd      the eventfd registered with IORING_REGISTER_EVENTFD (its file id), "" for none
     * @param sq        SQEs published but not consumed: io_submit_sqes stopped before them, oldest first
     * @param defer     ctx->defer_list: SQEs io_drain_req deferred, oldest first (NOPs here)
     * @param drainActive ctx->drain_active: set by an IOSQE_IO_DRAIN SQE; every SQE is forced async
     *                  and goes through io_drain_req until a non-drained one finds the list empty
     * @param iowq      user_data of requests io_queue_deferred released to io-wq, not yet completed
     * @param unfreed   requests io-wq completed whose free (the submitter's task work) has not run
     * @param drainDisabled ctx->drain_disabled: an IOSQE_CQE_SKIP_SUCCESS SQE was seen, IOSQE_IO_DRAIN fails from then on
     * @param sqDropped rings->sq_dropped: SQ array entries io_get_sqe dropped (at or beyond sq_entries)
     * @param noSqArray IORING_SETUP_NO_SQARRAY: no SQ array, the SQ is indexed by the tail alone
     * @param sqpoll    IORING_SETUP_SQPOLL: the SQ thread (io_sq_thread) submits what the SQ holds, io_uring_enter does not
     * @param splices   SPLICE requests asleep in an io-wq worker, oldest first
     * @param kbufs     legacy provided buffers (IORING_OP_PROVIDE_BUFFERS), each group's in its list's order
     * @param bufGroups the buffer groups made (ctx->io_bl_xa), in the order they were; a group stays when emptied
     * @param deferTaskrun IORING_SETUP_DEFER_TASKRUN (with SINGLE_ISSUER): a pending poll's task work is
     *                  local work (ctx->work_llist), run only when the submitter enters with GETEVENTS ({@link IoLocalWork})
     * @param forcedAsync user_data of the IOSQE_ASYNC RECVs alive ({@link IoWqRecv}): each has a request in
     *                  {@code polls}, on no wait queue (no events) while it waits for an io-wq worker, else armed
     */
    record IoUring(int sqEntries, int cqEntries, List<Cqe> cq, List<Cqe> overflow, List<PollReq> polls, String evfd,
                   List<Sqe> sq, List<Sqe> defer, boolean drainActive, List<Long> iowq, int unfreed,
                   boolean drainDisabled, int sqDropped, boolean noSqArray, boolean sqpoll, List<Splice> splices,
                   List<Kbuf> kbufs, List<Integer> bufGroups, boolean deferTaskrun, List<Long> forcedAsync)
            implements OpenFile {
        public IoUring {
            forcedAsync = List.copyOf(forcedAsync);
            kbufs = List.copyOf(kbufs);
            bufGroups = List.copyOf(bufGroups);
            cq = List.copyOf(cq);
            overflow = List.copyOf(overflow);
            polls = List.copyOf(polls);
            sq = List.copyOf(sq);
            defer = List.copyOf(defer);
            iowq = List.copyOf(iowq);
            splices = List.copyOf(splices);
        }

        /** A ring with no IOSQE_ASYNC RECV. */
        public IoUring(int sqEntries, int cqEntries, List<Cqe> cq, List<Cqe> overflow, List<PollReq> polls, String evfd,
                       List<Sqe> sq, List<Sqe> defer, boolean drainActive, List<Long> iowq, int unfreed,
                       boolean drainDisabled, int sqDropped, boolean noSqArray, boolean sqpoll, List<Splice> splices,
                       List<Kbuf> kbufs, List<Integer> bufGroups, boolean deferTaskrun) {
            this(sqEntries, cqEntries, cq, overflow, polls, evfd, sq, defer, drainActive, iowq, unfreed, drainDisabled, sqDropped,
                    noSqArray, sqpoll, splices, kbufs, bufGroups, deferTaskrun, List.of());
        }

        /** A ring without IORING_SETUP_DEFER_TASKRUN: its task work runs when the submitter returns to user space. */
        public IoUring(int sqEntries, int cqEntries, List<Cqe> cq, List<Cqe> overflow, List<PollReq> polls, String evfd,
                       List<Sqe> sq, List<Sqe> defer, boolean drainActive, List<Long> iowq, int unfreed,
                       boolean drainDisabled, int sqDropped, boolean noSqArray, boolean sqpoll, List<Splice> splices,
                       List<Kbuf> kbufs, List<Integer> bufGroups) {
            this(sqEntries, cqEntries, cq, overflow, polls, evfd, sq, defer, drainActive, iowq, unfreed, drainDisabled, sqDropped,
                    noSqArray, sqpoll, splices, kbufs, bufGroups, false);
        }

        /** A ring with no provided buffer and no buffer group. */
        public IoUring(int sqEntries, int cqEntries, List<Cqe> cq, List<Cqe> overflow, List<PollReq> polls, String evfd,
                       List<Sqe> sq, List<Sqe> defer, boolean drainActive, List<Long> iowq, int unfreed,
                       boolean drainDisabled, int sqDropped, boolean noSqArray, boolean sqpoll, List<Splice> splices) {
            this(sqEntries, cqEntries, cq, overflow, polls, evfd, sq, defer, drainActive, iowq, unfreed, drainDisabled, sqDropped,
                    noSqArray, sqpoll, splices, List.of(), List.of());
        }

        /** A ring with no SPLICE in io-wq. */
        public IoUring(int sqEntries, int cqEntries, List<Cqe> cq, List<Cqe> overflow, List<PollReq> polls, String evfd,
                       List<Sqe> sq, List<Sqe> defer, boolean drainActive, List<Long> iowq, int unfreed,
                       boolean drainDisabled, int sqDropped, boolean noSqArray, boolean sqpoll) {
            this(sqEntries, cqEntries, cq, overflow, polls, evfd, sq, defer, drainActive, iowq, unfreed, drainDisabled, sqDropped,
                    noSqArray, sqpoll, List.of());
        }

        /** A ring without an SQ thread (no IORING_SETUP_SQPOLL). */
        public IoUring(int sqEntries, int cqEntries, List<Cqe> cq, List<Cqe> overflow, List<PollReq> polls, String evfd,
                       List<Sqe> sq, List<Sqe> defer, boolean drainActive, List<Long> iowq, int unfreed,
                       boolean drainDisabled, int sqDropped, boolean noSqArray) {
            this(sqEntries, cqEntries, cq, overflow, polls, evfd, sq, defer, drainActive, iowq, unfreed, drainDisabled, sqDropped,
                    noSqArray, false);
        }

        /** A ring with an SQ array (no IORING_SETUP_NO_SQARRAY). */
        public IoUring(int sqEntries, int cqEntries, List<Cqe> cq, List<Cqe> overflow, List<PollReq> polls, String evfd,
                       List<Sqe> sq, List<Sqe> defer, boolean drainActive, List<Long> iowq, int unfreed,
                       boolean drainDisabled, int sqDropped) {
            this(sqEntries, cqEntries, cq, overflow, polls, evfd, sq, defer, drainActive, iowq, unfreed, drainDisabled, sqDropped,
                    false);
        }

        /** A ring that has dropped no SQ array entry. */
        public IoUring(int sqEntries, int cqEntries, List<Cqe> cq, List<Cqe> overflow, List<PollReq> polls, String evfd,
                       List<Sqe> sq, List<Sqe> defer, boolean drainActive, List<Long> iowq, int unfreed,
                       boolean drainDisabled) {
            this(sqEntries, cqEntries, cq, overflow, polls, evfd, sq, defer, drainActive, iowq, unfreed, drainDisabled, 0);
        }

        /** A ring that has seen no IOSQE_CQE_SKIP_SUCCESS SQE (ctx->drain_disabled clear). */
        public IoUring(int sqEntries, int cqEntries, List<Cqe> cq, List<Cqe> overflow, List<PollReq> polls, String evfd,
                       List<Sqe> sq, List<Sqe> defer, boolean drainActive, List<Long> iowq, int unfreed) {
            this(sqEntries, cqEntries, cq, overflow, polls, evfd, sq, defer, drainActive, iowq, unfreed, false);
        }

        /** A ring with no drained request (ctx->defer_list empty, drain_active clear, nothing in io-wq). */
        public IoUring(int sqEntries, int cqEntries, List<Cqe> cq, List<Cqe> overflow, List<PollReq> polls, String evfd,
                       List<Sqe> sq) {
            this(sqEntries, cqEntries, cq, overflow, polls, evfd, sq, List.of(), false, List.of(), 0);
        }

        /**
         * kernel: io_uring_fill_params — io_uring_params.sq_off: offsetof each field of struct
         * io_rings (head, tail, ring_mask, ring_entries, flags, dropped); io_uring_create — array,
         * the SQ array's offset, rings_size's "struct_size(rings, cqes, cq_entries)" aligned to
         * SMP_CACHE_BYTES: fixed by the layout and the CQ's size, not by where the rings are. With
         * IORING_SETUP_NO_SQARRAY the kernel does not write array ("if (!(p->flags &
         * IORING_SETUP_NO_SQARRAY))"): it stays what the application passed, 0 here (the recorder
         * passes params zeroed but for flags, cq_entries and resv).
         */
        public java.util.SequencedMap<String, Integer> sqOff() {
            var m = new java.util.LinkedHashMap<String, Integer>();
            m.put("head", IoUringAbi.RINGS_SQ_HEAD);
            m.put("tail", IoUringAbi.RINGS_SQ_TAIL);
            m.put("ring_mask", IoUringAbi.RINGS_SQ_RING_MASK);
            m.put("ring_entries", IoUringAbi.RINGS_SQ_RING_ENTRIES);
            m.put("flags", IoUringAbi.RINGS_SQ_FLAGS);
            m.put("dropped", IoUringAbi.RINGS_SQ_DROPPED);
            int cqes = IoUringAbi.RINGS_CQES + IoUringAbi.CQE_BYTES * cqEntries;
            m.put("array", noSqArray ? 0 : (cqes + IoUringAbi.SMP_CACHE_BYTES - 1) / IoUringAbi.SMP_CACHE_BYTES * IoUringAbi.SMP_CACHE_BYTES);
            return m;
        }

        /** kernel: io_uring_fill_params — io_uring_params.cq_off: offsetof each field of struct io_rings. */
        public java.util.SequencedMap<String, Integer> cqOff() {
            var m = new java.util.LinkedHashMap<String, Integer>();
            m.put("head", IoUringAbi.RINGS_CQ_HEAD);
            m.put("tail", IoUringAbi.RINGS_CQ_TAIL);
            m.put("ring_mask", IoUringAbi.RINGS_CQ_RING_MASK);
            m.put("ring_entries", IoUringAbi.RINGS_CQ_RING_ENTRIES);
            m.put("overflow", IoUringAbi.RINGS_CQ_OVERFLOW);
            m.put("cqes", IoUringAbi.RINGS_CQES);
            m.put("flags", IoUringAbi.RINGS_CQ_FLAGS);
            return m;
        }

        IoUring with(List<Cqe> newCq, List<Cqe> newOverflow, List<PollReq> newPolls) {
            return new IoUring(sqEntries, cqEntries, newCq, newOverflow, newPolls, evfd, sq, defer, drainActive, iowq, unfreed,
                    drainDisabled, sqDropped, noSqArray, sqpoll, splices, kbufs, bufGroups, deferTaskrun, forcedAsync);
        }
    }

    /**
     * A legacy provided buffer (io_uring/kbuf.c struct io_buffer): its group, bid and length
     * (min(len, MAX_RW_COUNT), io_add_buffers).
     */
    record Kbuf(int bgid, int bid, long len) {
    }

    /**
     * An IORING_OP_SPLICE asleep in an io-wq worker (io_uring/splice.c __io_splice_prep forces it
     * async; do_splice waits in pipe_wait_readable for its empty input pipe); {@code signalled}: an
     * ASYNC_CANCEL found it running (io_wq_cancel_cb: IO_WQ_CANCEL_RUNNING) and __io_wq_worker_cancel
     * set TIF_NOTIFY_SIGNAL on its worker, so it wakes and ends.
     */
    record Splice(long userData, boolean signalled) {
    }

    /**
     * An armed poll request (io_uring/poll.c): its user_data, the file it polls, the mask it
     * waits for (requested | EPOLLERR | EPOLLHUP | EPOLLNVAL | EPOLLRDHUP, IO_POLL_UNMASK),
     * multishot; {@code pending}: its task work is queued (a wake-up reached it, or a multishot
     * poll found its file ready when armed); {@code cancelled}: ASYNC_CANCEL took it, its task
     * work posts -ECANCELED; {@code linked}: the rest of its link chain (IOSQE_IO_LINK), issued when it
     * completes, cancelled when it fails unless {@code hardlink} (IOSQE_IO_HARDLINK); {@code op}:
     * POLL_ADD, or READ / RECV for the internal poll a read armed when it found nothing
     * (io_arm_poll_handler), whose task work reads {@code len} bytes again.
     */
    record PollReq(long userData, String file, int events, boolean multishot, boolean pending, boolean cancelled,
                   List<Sqe> linked, boolean hardlink, String op, long len) {
        public PollReq {
            linked = List.copyOf(linked);
        }

        PollReq with(boolean newPending, boolean newCancelled) {
            return new PollReq(userData, file, events, multishot, newPending, newCancelled, linked, hardlink, op, len);
        }
    }

    /**
     * A native AIO context (fs/aio.c kioctx), named by the trace (its aio_context_t is an address);
     * it lives in the files map without an fd, as the kernel backs it with an anonymous file.
     *
     * @param events  completed io_events not yet taken by io_getevents, oldest first
     * @param polls   IOCB_CMD_POLL requests waiting on their files, oldest first
     * @param putting the files of polls put from a kernel worker, whose __fput waits for
     *                delayed_fput_work (fs/file_table.c fput): still referred to until it runs
     * @param dead    destroyed by io_destroy, kept only while {@code putting} is not empty: no call finds it
     * @param slots   how many requests it takes before io_submit is EAGAIN ({@link kpath.uapi.AioAbi#slots});
     *                0 when the CPU count was not recorded: not modelled
     * @param nr      the event ring's size, struct aio_ring's nr ({@link kpath.uapi.AioAbi#ringNr}); 0 when not known
     */
    record AioCtx(List<AioEvent> events, List<AioPoll> polls, List<String> putting, boolean dead, int slots, int nr)
            implements OpenFile {
        public AioCtx {
            events = List.copyOf(events);
            polls = List.copyOf(polls);
            putting = List.copyOf(putting);
        }

        /** A new, empty context of a ring of {@code nr} events whose requests may hold {@code slots} of it (0: not modelled). */
        public AioCtx(int slots, int nr) {
            this(List.of(), List.of(), List.of(), false, slots, nr);
        }

        /** The same context with these events and polls. */
        public AioCtx with(List<AioEvent> newEvents, List<AioPoll> newPolls) {
            return new AioCtx(newEvents, newPolls, putting, dead, slots, nr);
        }
    }

    /** A struct io_event: the iocb's aio_data and res. */
    record AioEvent(long data, long res) {}

    /**
     * A waiting IOCB_CMD_POLL: its aio_data, file and requested mask; {@code work}: its completion
     * work (aio_poll_complete_work) is queued, for a kernel worker to run — by a wake-up without a
     * key or by io_cancel; {@code cancelled}: io_cancel took it off the context's active requests;
     * {@code resfd}: the eventfd file its completion signals (IOCB_FLAG_RESFD), "" for none;
     * {@code busy}: its next keyed wake-up will find the context's ctx_lock taken, so it cannot
     * complete inline (aio_poll_wake's spin_trylock_irqsave fails) — meaningful only while no work
     * is queued; {@code done}: completed inline by a wake-up, its event posted, but its reference to
     * the file not yet dropped: fput in task context defers __fput to the task's task work;
     * {@code res}: what its completion posts when nothing is polled (an O_DIRECT read's bytes).
     */
    record AioPoll(long data, String file, int events, boolean work, boolean cancelled, String resfd, boolean busy,
                   boolean done, long res) {
        /** A poll (or FSYNC) whose worker completion carries no res of its own: its mask, or 0. */
        public AioPoll(long data, String file, int events, boolean work, boolean cancelled, String resfd, boolean busy,
                       boolean done) {
            this(data, file, events, work, cancelled, resfd, busy, done, 0);
        }

        AioPoll(long data, String file, int events, String resfd) {
            this(data, file, events, false, false, resfd, false, false);
        }

        /**
         * An IOCB_CMD_FSYNC or FDSYNC of {@code file}: fs/aio.c aio_fsync schedules aio_fsync_work at
         * once, and no io_cancel reaches it (it is not on active_reqs), so it is kept as a request of
         * no events whose work is queued and that counts as cancelled: the worker completes it with
         * res 0 (vfs_fsync of a file the scenarios did not write) and its fput waits for delayed_fput_work.
         */
        static AioPoll fsync(long data, String file, String resfd) {
            return new AioPoll(data, file, 0, true, true, resfd, false, false);
        }

        /**
         * An O_DIRECT IOCB_CMD_PREAD whose bios are in flight: __iomap_dio_rw returned -EIOCBQUEUED,
         * so aio_rw_done posts nothing; the last bio's end_io (iomap_dio_bio_end_io, a read completes
         * inline there: IOMAP_DIO_INLINE_COMP) calls aio_complete_rw with {@code res}, in interrupt
         * context, whose fput waits for delayed_fput_work. Kept like an FSYNC: no events, its
         * completion queued, out of io_cancel's reach (aio_read sets no ki_cancel).
         */
        static AioPoll dio(long data, String file, String resfd, long res) {
            return new AioPoll(data, file, 0, true, true, resfd, false, false, res);
        }

        AioPoll queued() {
            return new AioPoll(data, file, events, true, cancelled, resfd, false, false, res);
        }

        AioPoll rearmed() {
            return new AioPoll(data, file, events, false, cancelled, resfd, false, false, res);
        }

        AioPoll lockBusy() {
            return new AioPoll(data, file, events, work, cancelled, resfd, true, false, res);
        }

        AioPoll completed() {
            return new AioPoll(data, file, events, false, cancelled, resfd, false, true, res);
        }
    }

    /** A completion queue entry: struct io_uring_cqe's user_data, res and flags. */
    record Cqe(long userData, long res, int flags) {}

    /**
     * A regular file, opened read-only: it has no poll method, so epoll refuses it (EPERM) and
     * poll/select see DEFAULT_POLLMASK.
     *
     * @param direct opened with O_DIRECT
     * @param size   i_size: the bytes the scenario wrote before the trace began (0: an empty file)
     * @param align  the file offset and length alignment of its direct I/O, statx's
     *               stx_dio_offset_align (0 when not recorded)
     */
    record Regular(boolean direct, long size, int align) implements OpenFile {
        /** An empty file opened without O_DIRECT. */
        public Regular() {
            this(false, 0, 0);
        }
    }

    /** An epoll item's key: the target file and the fd number it was added under (fs/eventpoll.c ep_cmp_ffd). */
    record Key(String file, String fd) {}

    /**
     * An epoll item.
     *
     * @param key    target file and fd
     * @param events the stored mask: requested | EPOLLERR | EPOLLHUP, or only private bits once a ONESHOT item fired
     */
    record Item(Key key, int events) {
        public boolean armed() {
            return (events & ~Mask.PRIVATE) != 0;
        }
    }
}
