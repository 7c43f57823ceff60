package kpath.model.proc;

import java.util.ArrayList;
import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.OpenFile.PollReq;
import kpath.model.proc.ProcAction.CqReap;
import kpath.model.proc.ProcAction.IoUringEnter;
import kpath.model.proc.ProcAction.IoUringSetup;
import kpath.uapi.Errno;
import kpath.uapi.IoUringAbi;
import kpath.uapi.Mask;

import static kpath.model.proc.ProcRule.*;

/**
 * io_uring/io_uring.c (and io_uring/nop.c): a ring's setup, io_uring_enter's submission and wait,
 * how a completion is posted — into the CQ, or onto the overflow list while the CQ is full or the
 * list is not empty — and how the list is flushed. Named IoUring; the file is
 * {@link OpenFile.IoUring}. Poll requests and cancellation: {@link IoPoll}.
 */
final class IoUring {
    private IoUring() {}

    /**
     * kernel: io_uring_setup — EINVAL for a reserved field set or a flag outside
     * IORING_SETUP_FLAGS; io_uring_fill_params — EINVAL for 0 entries or more than
     * IORING_MAX_ENTRIES, which IORING_SETUP_CLAMP clamps instead; the SQ rounded up to a power of
     * two, the CQ twice that, or with IORING_SETUP_CQSIZE cq_entries (EINVAL for 0, clamped or
     * EINVAL above IORING_MAX_CQ_ENTRIES) rounded up, EINVAL when that is below the SQ;
     * IORING_SETUP_NO_SQARRAY: a ring without an SQ array; IORING_SETUP_SQPOLL: a ring whose SQ
     * thread submits (io_uring/sqpoll.c io_sq_offload_create; 6.18 makes it for an unprivileged
     * caller); IORING_SETUP_DEFER_TASKRUN with SINGLE_ISSUER: a ring whose task work is local
     * ({@link IoLocalWork}; EINVAL without SINGLE_ISSUER or with SQPOLL). Other known flags are not
     * modelled.
     */
    static ProcRule setup(World w, IoUringSetup a) {
        int flags = a.flags();
        boolean clamp = (flags & IoUringAbi.IORING_SETUP_CLAMP) != 0;
        boolean cqsize = (flags & IoUringAbi.IORING_SETUP_CQSIZE) != 0;
        if (a.resv() || (flags & ~IoUringAbi.IORING_SETUP_FLAGS) != 0) {
            return w.fail(Errno.EINVAL, IoUringSetupEinval);
        }
        if (IoLocalWork.refused(flags)) {
            return w.fail(Errno.EINVAL, IoUringSetupEinval);
        }
        boolean defer = (flags & IoUringAbi.IORING_SETUP_DEFER_TASKRUN) != 0;
        if ((flags & ~(IoUringAbi.IORING_SETUP_CLAMP | IoUringAbi.IORING_SETUP_CQSIZE | IoUringAbi.IORING_SETUP_NO_SQARRAY
                | IoUringAbi.IORING_SETUP_SQPOLL | (defer ? IoUringAbi.IORING_SETUP_SINGLE_ISSUER | IoUringAbi.IORING_SETUP_DEFER_TASKRUN : 0))) != 0) {
            return null; // IOPOLL, SQ_AFF, ATTACH_WQ, SINGLE_ISSUER without DEFER_TASKRUN, ...: not modelled
        }
        if (a.entries() <= 0 || a.entries() > IoUringAbi.IORING_MAX_ENTRIES && !clamp
                || cqsize && (a.cqEntries() <= 0 || a.cqEntries() > IoUringAbi.IORING_MAX_CQ_ENTRIES && !clamp)) {
            return w.fail(Errno.EINVAL, IoUringSetupEinval);
        }
        int sq = roundUp(Math.min(a.entries(), IoUringAbi.IORING_MAX_ENTRIES));
        int cq = cqsize ? roundUp(Math.min(a.cqEntries(), IoUringAbi.IORING_MAX_CQ_ENTRIES)) : 2 * sq;
        if (cq < sq) {
            return w.fail(Errno.EINVAL, IoUringSetupEinval); // "if (p->cq_entries < p->sq_entries)"
        }
        boolean noSqArray = (flags & IoUringAbi.IORING_SETUP_NO_SQARRAY) != 0; // io_allocate_scq_urings: no ctx->sq_array
        boolean sqpoll = (flags & IoUringAbi.IORING_SETUP_SQPOLL) != 0; // io_sq_offload_create: create_io_thread(io_sq_thread)
        ProcRule r = FdTable.install(w, a.name(), a.number(), new OpenFile.IoUring(sq, cq, List.of(), List.of(), List.of(), "",
                List.of(), List.of(), false, List.of(), 0, false, 0, noSqArray, sqpoll, List.of(), List.of(), List.of(), defer),
                null, 0, null, IoUringSetupOk);
        if (r != null) {
            w.out = new CopyOut.Params(sq, cq, IoUringAbi.IORING_FEATURES); // io_uring_create: p->features = IORING_FEAT_FLAGS
        }
        return r;
    }

    /** include/linux/log2.h roundup_pow_of_two, for 1 <= n <= IORING_MAX_CQ_ENTRIES. */
    private static int roundUp(int n) {
        int p = 1;
        while (p < n) {
            p <<= 1;
        }
        return p;
    }

    /**
     * A ring being changed by one step: its CQ, overflow list, polls, unconsumed SQEs and drain
     * state (defer list, drain_active, requests in io-wq, requests not yet freed, drain_disabled),
     * posted to in order.
     */
    static final class Ring {
        final String id;
        final OpenFile.IoUring file;
        final List<Cqe> cq;
        final List<Cqe> overflow;
        final List<PollReq> polls;
        final List<Sqe> sq;
        final List<Sqe> defer;
        boolean drainActive;
        final List<Long> iowq;
        int unfreed;
        boolean drainDisabled;
        int sqDropped;
        final List<OpenFile.Splice> splices;
        final List<OpenFile.Kbuf> kbufs;
        final List<Integer> bufGroups;
        final List<Long> forcedAsync;

        Ring(String id, OpenFile.IoUring file) {
            this.id = id;
            this.file = file;
            cq = new ArrayList<>(file.cq());
            overflow = new ArrayList<>(file.overflow());
            polls = new ArrayList<>(file.polls());
            sq = new ArrayList<>(file.sq());
            defer = new ArrayList<>(file.defer());
            drainActive = file.drainActive();
            iowq = new ArrayList<>(file.iowq());
            unfreed = file.unfreed();
            drainDisabled = file.drainDisabled();
            sqDropped = file.sqDropped();
            splices = new ArrayList<>(file.splices());
            kbufs = new ArrayList<>(file.kbufs());
            bufGroups = new ArrayList<>(file.bufGroups());
            forcedAsync = new ArrayList<>(file.forcedAsync());
        }

        /** The index in kbufs of group {@code g}'s first buffer (io_provided_buffer_select: list_first_entry), -1 for none. */
        int firstBuf(int g) {
            for (int i = 0; i < kbufs.size(); i++) {
                if (kbufs.get(i).bgid() == g) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * kernel: io_queue_deferred (6.18: "ctx->nr_req_allocated != ctx->nr_drained") — the
         * head of the defer list starts only when every request the ring has allocated is on the
         * list: none armed ({@code polls}), none in io-wq or waiting to be freed. Then the head
         * goes, and after a head without IOSQE_IO_DRAIN every entry up to the next drained one;
         * each is queued as task work (io_req_task_queue) that hands it, REQ_F_FORCE_ASYNC, to
         * io-wq (io_req_task_submit → io_queue_iowq): its CQE comes from a worker later
         * ({@link ProcAction.IoWqWork}). The kernel calls it from io_drain_req and from every flush
         * of completions (__io_submit_flush_completions), which follows every free. A request that
         * completed inline earlier in the same submission is allocated until the flush at its end
         * (io_submit_state_end), so the kernel starts a drained SQE behind it only then, not in
         * io_drain_req; that changes nothing a step can see (the worker runs after the call either
         * way, and the SQEs behind it find a request allocated either way), so it is not told
         * apart, and nothing else is freed during a submission.
         */
        void release() {
            if (defer.isEmpty() || !polls.isEmpty() || !iowq.isEmpty() || unfreed > 0 || !splices.isEmpty()) {
                return;
            }
            Sqe head = defer.removeFirst();
            iowq.add(head.userData());
            while (!head.drain() && !defer.isEmpty() && !defer.getFirst().drain()) {
                iowq.add(defer.removeFirst().userData());
            }
        }

        /**
         * kernel: io_drain_req — an SQE forced async while drain_active goes onto the defer list,
         * which io_queue_deferred tries at once; "if (!drain &amp;&amp; list_empty(&amp;ctx->defer_list))
         * ctx->drain_active = false".
         */
        void drainReq(Sqe q) {
            defer.add(q);
            release();
            if (!q.drain() && defer.isEmpty()) {
                drainActive = false;
            }
        }

        /**
         * Runs {@code step} on the world with this ring stored in it, then takes the ring back as
         * the step left it: a read a request makes may wake polls of this very ring.
         */
        long through(World w, java.util.function.ToLongFunction<World> step) {
            w.files.put(id, freeze());
            long res = step.applyAsLong(w);
            OpenFile.IoUring now = (OpenFile.IoUring) w.files.get(id);
            cq.clear();
            cq.addAll(now.cq());
            overflow.clear();
            overflow.addAll(now.overflow());
            polls.clear();
            polls.addAll(now.polls());
            return res;
        }

        /**
         * kernel: io_cqe_cache_refill — a CQE goes to the CQ only while the overflow list is empty
         * ("Force overflow the completion", to keep order) and the CQ has room; else onto the list
         * (io_cqring_event_overflow, which sets IORING_SQ_CQ_OVERFLOW).
         */
        void post(long userData, long res, int flags) {
            Cqe c = new Cqe(userData, res, flags);
            if (fits()) {
                cq.add(c);
            } else {
                overflow.add(c);
            }
        }

        /** Whether a CQE posted now goes into the CQ (io_get_cqe succeeds): the list is empty and the CQ has room. */
        boolean fits() {
            return overflow.isEmpty() && cq.size() < file.cqEntries();
        }

        /** kernel: io_cqring_overflow_flush — as many as fit, oldest first. */
        void flush() {
            while (!overflow.isEmpty() && cq.size() < file.cqEntries()) {
                cq.add(overflow.removeFirst());
            }
        }

        OpenFile.IoUring freeze() {
            return new OpenFile.IoUring(file.sqEntries(), file.cqEntries(), cq, overflow, polls, file.evfd(), sq, defer,
                    drainActive, iowq, unfreed, drainDisabled, sqDropped, file.noSqArray(), file.sqpoll(), splices, kbufs, bufGroups,
                    file.deferTaskrun(), forcedAsync);
        }
    }

    /**
     * Stores the ring {@code id} as {@code r} left it, wakes its queues, and signals its registered
     * eventfd once if the CQ tail moved since {@code before}, both with EPOLL_URING_WAKE in the key (io_uring/eventfd.c
     * io_eventfd_flush_signal: one signal per commit that posted to the CQ; a CQE that only went
     * onto the overflow list posts none). kernel: __io_cq_unlock_post — io_cqring_wake wakes
     * ctx->cq_wait (io_wake_function decides, {@link #shouldWake}); io_commit_cqring_flush →
     * io_poll_wq_wake wakes ctx->poll_wq with EPOLLIN (poll_activated from io_uring_create on a ring
     * without IORING_SETUP_DEFER_TASKRUN): the epoll items and poll and select sleepers on the ring's
     * file, when the commit posted a CQE (to the CQ or the overflow list).
     */
    static void commit(World w, String id, OpenFile.IoUring before, Ring r) {
        OpenFile.IoUring after = r.freeze();
        w.files.put(id, after);
        Wait.wakeCqWait(w, id, after.cq().size() - before.cq().size()); // the CQ tail moved that far
        if (after.cq().size() > before.cq().size() || after.overflow().size() > before.overflow().size()) {
            // poll_wq (io_poll_wq_wake: EPOLL_URING_WAKE | EPOLLIN): the ring file's epoll items, poll and select sleepers
            Wait.wake(w, id, Mask.IN | Mask.URING_WAKE);
        }
        if (after.cq().size() > before.cq().size() && w.files.get(after.evfd()) instanceof OpenFile.EventFd) {
            EventfdFile.signal(w, after.evfd(), Mask.URING_WAKE); // __io_eventfd_signal: eventfd_signal_mask(EPOLL_URING_WAKE)
        }
    }

    /**
     * kernel: io_wake_function — a wake-up of ctx->cq_wait wakes a task waiting in io_cqring_wait
     * only when its wait is met (io_should_wake: the CQ tail reached the head when it began waiting
     * plus min_complete, however many the application has reaped since) or the overflow list holds
     * CQEs for it to flush (io_has_work).
     */
    static boolean shouldWake(World w, String id, Task t) {
        return t.need() <= 0 || !((OpenFile.IoUring) w.files.get(id)).overflow().isEmpty();
    }

    /** How far the CQ tail of ring {@code id} must move to meet {@code e}'s wait: min(min_complete, cq_entries) minus the CQEs there. */
    static int stillNeeded(World w, String id, IoUringEnter e) {
        OpenFile.IoUring r = (OpenFile.IoUring) w.files.get(id);
        return Math.min(e.minComplete(), r.cqEntries()) - r.cq().size();
    }

    /**
     * kernel: io_uring_register(IORING_REGISTER_EVENTFD) → io_eventfd_register — EBADF for a ring
     * fd or an eventfd fd not open; EBUSY when one is registered already; EINVAL when the fd is no
     * eventfd (eventfd_ctx_fdget). Registering on a file that is no ring (EOPNOTSUPP) is not
     * modelled: not one of the calls.
     */
    static ProcRule registerEventfd(World w, ProcAction.IoUringRegisterEventfd a) {
        String file = w.fileOf(a.fd());
        String evfd = w.fileOf(a.eventfd());
        if (file == null || !(w.files.get(file) instanceof OpenFile.IoUring ring)) {
            return file == null ? w.fail(Errno.EBADF, Ebadf) : null;
        }
        if (!ring.evfd().isEmpty()) {
            return w.fail(Errno.EBUSY, IoUringRegisterEbusy);
        }
        if (evfd == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        if (!(w.files.get(evfd) instanceof OpenFile.EventFd)) {
            return w.fail(Errno.EINVAL, IoUringRegisterEinval);
        }
        if (ring.deferTaskrun()) {
            return null; // io_req_local_work_add signals it when the list was empty: not modelled
        }
        w.files.put(file, new OpenFile.IoUring(ring.sqEntries(), ring.cqEntries(), ring.cq(), ring.overflow(),
                ring.polls(), evfd, ring.sq(), ring.defer(), ring.drainActive(), ring.iowq(), ring.unfreed(), ring.drainDisabled(),
                ring.sqDropped(), ring.noSqArray(), ring.sqpoll(), ring.splices(), ring.kbufs(), ring.bufGroups(), ring.deferTaskrun(),
                ring.forcedAsync()));
        w.ret = 0;
        return IoUringRegisterEventfdOk;
    }

    /**
     * kernel: io_uring_enter — EBADF without a file, EOPNOTSUPP for one that is not a ring; then
     * io_submit_sqes ({@link IoPoll#submit}: every SQE the SQ holds, chain by chain, until one fails
     * to initialise) and, when all were consumed and with GETEVENTS, io_cqring_wait: run the task
     * work, flush the overflow list, done once min(min_complete, cq_entries) CQEs are in the ring.
     * Returns the count consumed, or the wait's 0 when nothing was. Null when the call would sleep,
     * the SQ could not have held the SQEs, or one reads a file whose read is not modelled.
     */
    static ProcRule enter(World w, IoUringEnter e) {
        ProcRule r = submitAndWait(w, e, true);
        return r == TaskSleeps ? null : r; // the main task never sleeps: that call is a task's
    }

    /**
     * The main task's io_uring_enter with GETEVENTS and a sigset ({@code mask}, null for none). kernel:
     * io_cqring_wait — a wait met at once returns before the mask is looked at; else set_user_sigmask
     * (EINVAL unless {@code sigsetsize} is sizeof(sigset_t)), and io_cqring_wait_schedule returns
     * -EINTR, not a restart, when a signal it lets through is pending — whatever the signal's action
     * ({@link SignalDelivery#deliver} on the way out: restore_saved_sigmask_unless(ret == -EINTR)).
     * It returns 0 instead when CQEs are there ("cq.head == cq.tail ? ret : 0"), and io_uring_enter
     * the count it submitted, if any. Null when it would sleep, or a signal would end the process.
     */
    static ProcRule enterMasked(World w, IoUringEnter e, java.util.SortedSet<Integer> mask, long sigsetsize) {
        ProcRule r = submitAndWait(w, e, true);
        if (r != TaskSleeps) {
            return r;
        }
        long consumed = w.ret;
        w.out = CopyOut.NONE;
        if (!SignalDelivery.sigsetValid(mask, sigsetsize)) {
            w.ret = consumed > 0 ? consumed : -Errno.EINVAL.number();
            return IoCqringWaitEinval;
        }
        java.util.SortedSet<Integer> through = SignalDelivery.through(w.sigio, mask);
        SignalDelivery.Delivered d = through.isEmpty() ? null : SignalDelivery.deliver(w.sigio, through);
        if (d == null) {
            return null; // it sleeps (a task's call), or a signal ends the process
        }
        w.sigio = d.after();
        boolean empty = ((OpenFile.IoUring) w.files.get(w.fileOf(e.fd()))).cq().isEmpty();
        w.ret = consumed > 0 ? consumed : empty ? -Errno.EINTR.number() : 0;
        return IoCqringWaitEintr;
    }

    /**
     * io_uring_enter as a task makes it ({@link #enter}): {@code TaskSleeps}, with the count
     * consumed in ret, when io_cqring_wait would sleep (the task goes on ctx->cq_wait).
     */
    static ProcRule submitAndWait(World w, IoUringEnter e) {
        return submitAndWait(w, e, false);
    }

    /**
     * io_uring_enter by the main task ({@code main}: it made every ring, so it is a SINGLE_ISSUER
     * ring's submitter_task) or another. Null for another task on a DEFER_TASKRUN ring: kernel:
     * io_uring_add_tctx_node (with SQEs) and io_cqring_wait's io_allowed_run_tw (with GETEVENTS)
     * give it -EEXIST — not modelled; and for an IORING_ENTER_EXT_ARG with a bad argsz there, since
     * io_run_local_work_locked runs after the submission, before io_get_ext_arg's -EINVAL.
     */
    private static ProcRule submitAndWait(World w, IoUringEnter e, boolean main) {
        String file = w.fileOf(e.fd());
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf); // fget
        }
        if (!(w.files.get(file) instanceof OpenFile.IoUring ring)) {
            return w.fail(Errno.EOPNOTSUPP, IoUringEnterEopnotsupp); // !io_is_uring_fops
        }
        if (ring.deferTaskrun() && (!main || e.extArg() && e.argsz() != IoUringAbi.GETEVENTS_ARG_SIZE)) {
            // another task: -EEXIST; a bad argsz: io_run_local_work_locked runs after the submission,
            // before io_get_ext_arg's -EINVAL — neither modelled
            return null;
        }
        List<Sqe> all = new ArrayList<>(ring.sq());
        all.addAll(e.sqes());
        if (ring.sqpoll()) {
            return enterSqpoll(w, all, e);
        }
        if (all.size() > ring.sqEntries() || !all.stream().allMatch(q -> IoPoll.modelled(w, q)) || !IoPoll.hashable(ring, all)
                || !IoPoll.drainModelled(ring, all) || !IoPoll.sqArrayModelled(ring, all) || !IoPoll.linkModelled(all)
                || !IoTimeout.modelled(ring, all) || !IoPoll.spliceModelled(ring, all) || !IoKbuf.bufModelled(w, ring, all)
                || !IoLocalWork.modelled(ring, all) || !IoWqRecv.modelled(w, ring, all)) {
            return null;
        }
        Ring r = new Ring(file, ring);
        int consumed = IoPoll.submit(w, r, all);
        commit(w, file, ring, r);
        if (e.getevents() && consumed == all.size() && e.extArg() && e.argsz() != IoUringAbi.GETEVENTS_ARG_SIZE) {
            // io_get_ext_arg: -EINVAL before io_cqring_wait; io_uring_enter returns it only when nothing was submitted
            w.ret = consumed > 0 ? consumed : -Errno.EINVAL.number();
            return IoUringEnterOk;
        }
        if (e.getevents() && consumed == all.size()) { // "if (ret != to_submit) goto out": no wait
            if (ring.deferTaskrun()) {
                IoLocalWork.run(w, file); // io_run_local_work_locked, then io_cqring_wait's io_run_local_work
            }
            IoPoll.taskWork(w); // io_run_task_work before the flush
            OpenFile.IoUring before = (OpenFile.IoUring) w.files.get(file);
            Ring after = new Ring(file, before);
            after.flush();
            commit(w, file, before, after);
            w.ret = consumed;
            if (after.cq.size() < Math.min(e.minComplete(), ring.cqEntries())) {
                // it sleeps in io_cqring_wait; a min_wait_usec (the struct's old pad) changes that wait: not modelled
                return e.pad() != 0 ? null : TaskSleeps;
            }
        }
        w.ret = consumed;
        return IoUringEnterOk;
    }

    /**
     * kernel: io_uring_enter on an IORING_SETUP_SQPOLL ring — "For SQ polling, the thread will do
     * all submissions and completions. Just return the requested submit count": it returns
     * to_submit, all the SQ holds (what the SQ thread, {@link #sqThread}, has not taken yet),
     * submitting nothing. Null with GETEVENTS (io_cqring_wait on such a ring is not modelled) and
     * with SQEs in the call's line: on an SQPOLL ring they are published with {@link
     * ProcAction.SqPublish}, as the SQ thread may take them before the call reads the SQ head.
     * -EOWNERDEAD ("sq_data->thread == NULL") needs the SQ thread gone while the ring lives: not
     * modelled.
     */
    private static ProcRule enterSqpoll(World w, List<Sqe> all, IoUringEnter e) {
        if (e.getevents() || e.extArg() || !e.sqes().isEmpty()) {
            return null;
        }
        w.ret = all.size(); // "ret = to_submit"
        return IoUringEnterSqpoll;
    }

    /**
     * Whether the model knows what the SQ thread does with these SQEs on ring {@code ring}: they fit
     * the SQ and each is a NOP without IOSQE flags (its CQE is posted inline by the SQ thread; other
     * opcodes, whose task work would run on the SQ thread, are not modelled on an SQPOLL ring).
     */
    static boolean sqThreadModelled(OpenFile.IoUring ring, List<Sqe> all) {
        return all.size() <= ring.sqEntries() && all.stream().allMatch(q -> q.op().equals("NOP") && !q.link() // a hard link is a link
                && !q.drain() && !q.skip());
    }

    /**
     * The application publishes SQEs with the SQ tail alone (io_uring(7): a release store the kernel
     * reads with an acquire load, io_sqring_entries): they wait in the SQ, for the SQ thread on an
     * SQPOLL ring, for the next io_uring_enter on another. Null when the fd is no ring, or the SQEs
     * are not {@link #sqThreadModelled}. ret stays the last call's.
     */
    static ProcRule publish(World w, ProcAction.SqPublish p) {
        String file = w.fileOf(p.fd());
        if (file == null || !(w.files.get(file) instanceof OpenFile.IoUring ring)) {
            return null;
        }
        List<Sqe> all = new ArrayList<>(ring.sq());
        all.addAll(p.sqes());
        if (!sqThreadModelled(ring, all)) {
            return null;
        }
        w.files.put(file, new OpenFile.IoUring(ring.sqEntries(), ring.cqEntries(), ring.cq(), ring.overflow(), ring.polls(),
                ring.evfd(), all, ring.defer(), ring.drainActive(), ring.iowq(), ring.unfreed(), ring.drainDisabled(),
                ring.sqDropped(), ring.noSqArray(), ring.sqpoll(), ring.splices(), ring.kbufs(), ring.bufGroups(), ring.deferTaskrun(),
                ring.forcedAsync()));
        return SqPublished;
    }

    /**
     * Hidden: kernel: io_sq_thread → __io_sq_thread, the SQ thread of an IORING_SETUP_SQPOLL ring,
     * at its own time: to_submit = io_sqring_entries (the tail it loads, acquire: any count the
     * application has published so far, as each SQE's tail store is its own), io_submit_sqes takes
     * that many in order — a NOP completes inline and its CQE is committed (cq_wait, poll_wq, the
     * eventfd). One world per SQPOLL ring and count from 1 to what its SQ holds. The thread's idle
     * sleep (IORING_SQ_NEED_WAKEUP after sq_thread_idle) is not modelled: it may run at any time.
     */
    static List<World> sqThread(ProcState s) {
        List<World> out = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(s.files()).entrySet()) {
            if (e.getValue() instanceof OpenFile.IoUring ring && ring.sqpoll() && sqThreadModelled(ring, ring.sq())) {
                for (int n = 1; n <= ring.sq().size(); n++) {
                    World w = new World(s);
                    w.ret = s.ret();
                    w.out = s.out();
                    Ring r = new Ring(e.getKey(), ring);
                    for (Sqe q : ring.sq().subList(0, n)) {
                        r.post(q.userData(), 0, 0); // io_nop: 0
                    }
                    r.sq.subList(0, n).clear();
                    commit(w, e.getKey(), ring, r);
                    out.add(w);
                }
            }
        }
        return out;
    }

    /**
     * kernel: io_uring_enter — "if (unlikely(flags & ~IORING_ENTER_FLAGS)) return -EINVAL", before
     * the fd is looked up; null for flags the kernel knows (they go through {@link #enter}).
     */
    static ProcRule enterBadFlags(World w, ProcAction.IoUringEnterBadFlags e) {
        return (e.flags() & ~IoUringAbi.IORING_ENTER_FLAGS) != 0 ? w.fail(Errno.EINVAL, IoUringEnterEinval) : null;
    }

    /**
     * kernel: io_cqring_wait's loop, for task {@code name} woken on ring {@code id}'s cq_wait: it
     * runs its task work (none is left here: it runs at once), flushes the overflow list, and
     * returns once the CQ tail has reached its target (io_should_wake, even when the application
     * has reaped the CQEs meanwhile) — io_uring_enter then returns the count it submitted (the
     * wait's 0 when none) — else it sleeps again ({@code TaskSleeps}). Null when the ring has gone
     * (its last fd closed while the task waited: the model keeps no reference for a task, see
     * package-info).
     */
    static ProcRule cqWait(World w, String id, String name) {
        if (!(w.files.get(id) instanceof OpenFile.IoUring before)) {
            return null;
        }

        Ring after = new Ring(id, before);
        after.flush();
        commit(w, id, before, after); // the flush moves the tail, and this task's need with it
        Task t = w.tasks.get(name);
        w.ret = t.ret();
        return t.need() > 0 ? TaskSleeps : IoUringEnterOk;
    }

    /**
     * kernel: io_cqring_wait, for task {@code name} whose IORING_ENTER_EXT_ARG timer fired while it
     * waited: io_cqring_wait_schedule returns -ETIME and the loop ends before the overflow flush;
     * io_cqring_wait returns it with the CQ empty, else 0 ("cq.head == cq.tail ? ret : 0");
     * io_uring_enter returns that only when it submitted nothing, else the count. Null when the
     * ring has gone.
     */
    static ProcRule timedOut(World w, IoUringEnter e, String name) {
        String id = w.fileOf(e.fd());
        if (id == null || !(w.files.get(id) instanceof OpenFile.IoUring ring)) {
            return null;
        }
        long submitted = w.tasks.get(name).ret();
        w.ret = submitted > 0 ? submitted : ring.cq().isEmpty() ? -Errno.ETIME.number() : 0;
        return IoUringEnterOk;
    }

    /**
     * Hidden: an io-wq worker runs one released request (any: workers run side by side) — a NOP
     * completes with 0 and io_req_complete_post posts its CQE and commits (cq_wait, poll_wq, the
     * eventfd); the request waits for its free ({@link #ioWqFree}). Why the kernel allows both
     * "there at the next reap" and "not yet": io_wq_submit_work runs on a worker thread
     * (io_queue_iowq → io_wq_enqueue, creating the worker on first use), at its own time relative
     * to the submitter; measured both ways (traces/completion/other-outcomes/io-uring-drain.io-wq-late.trace). A CQE that finds the CQ full
     * is posted here onto the overflow list, where the kernel hands it to the submitter's task
     * work, which posts it there or, if the CQ has room by then, into the CQ: both orders are
     * steps of the model. One world per request that may run.
     */
    static List<World> ioWqWork(ProcState s) {
        List<World> out = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(s.files()).entrySet()) {
            if (e.getValue() instanceof OpenFile.IoUring ring) {
                for (int i = 0; i < ring.iowq().size(); i++) {
                    World w = new World(s);
                    w.ret = s.ret();
                    w.out = s.out();
                    Ring r = new Ring(e.getKey(), ring);
                    long ud = r.iowq.remove(i);
                    r.post(ud, 0, 0); // io_nop: 0
                    r.unfreed++;
                    commit(w, e.getKey(), ring, r);
                    out.add(w);
                }
            }
        }
        return out;
    }

    /**
     * Hidden: the io-wq worker of a SPLICE an ASYNC_CANCEL signalled wakes (TIF_NOTIFY_SIGNAL):
     * fs/splice.c ipipe_prep sees signal_pending and returns -ERESTARTSYS, which io_uring/splice.c
     * io_splice posts unconverted (-512, a kernel-internal errno; measured on 6.18); the pipe's
     * bytes stay. The request waits for its free ({@link #ioWqFree}). One world per such request.
     */
    static List<World> spliceInterrupted(ProcState s) {
        List<World> out = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(s.files()).entrySet()) {
            if (e.getValue() instanceof OpenFile.IoUring ring) {
                for (int i = 0; i < ring.splices().size(); i++) {
                    if (!ring.splices().get(i).signalled()) {
                        continue;
                    }
                    World w = new World(s);
                    w.ret = s.ret();
                    w.out = s.out();
                    Ring r = new Ring(e.getKey(), ring);
                    OpenFile.Splice q = r.splices.remove(i);
                    r.post(q.userData(), -Errno.ERESTARTSYS.number(), 0);
                    r.unfreed++;
                    commit(w, e.getKey(), ring, r);
                    out.add(w);
                }
            }
        }
        return out;
    }


    /**
     * Whether a SPLICE sleeps in an io-wq worker ({@link IoPoll#spliceModelled}): a pipe write that
     * would wake it and a close of a file it may hold are not modelled meanwhile.
     */
    static boolean spliceAsleep(World w) {
        return w.files.values().stream().anyMatch(f -> f instanceof OpenFile.IoUring u && !u.splices().isEmpty());
    }

    /**
     * Hidden: the submitter's task work frees the requests io-wq completed (io_wq_free_work →
     * io_free_req → io_req_task_work_add → task_work_add with ctx->notify_method, TWA_SIGNAL; it
     * runs whenever the submitter next returns to user space, and task_work_run takes all that
     * are queued), and the flush after it (__io_submit_flush_completions) runs io_queue_deferred
     * ({@link Ring#release}). Not due: it may come before or after the submitter's next calls.
     * Null when none waits.
     */
    static ProcRule ioWqFree(World w) {
        boolean any = false;
        for (var e : new java.util.TreeMap<>(w.files).entrySet()) {
            if (e.getValue() instanceof OpenFile.IoUring ring && ring.unfreed() > 0) {
                Ring r = new Ring(e.getKey(), ring);
                r.unfreed = 0;
                r.release();
                w.files.put(e.getKey(), r.freeze());
                any = true;
            }
        }
        return any ? IoWqFreed : null;
    }

    /**
     * Whether ring {@code id} is closed but not yet gone: kernel: io_uring_release →
     * io_ring_ctx_wait_and_kill kills the ring's references and queues io_ring_exit_work; until it
     * runs, the ring's armed requests still hold their files. No fd and no request refers to it.
     */
    static boolean dying(World w, String id) {
        return w.files.get(id) instanceof OpenFile.IoUring && !w.fds.containsValue(id) && !IoPoll.holds(w, id);
    }

    /**
     * Hidden: kernel: io_ring_exit_work, on a workqueue (iou_wq) at its own time — every closed
     * ring's remaining requests are cancelled (io_uring_try_cancel_requests → io_poll_remove_all),
     * and each drops its file (io_put_file): a file nothing else refers to is released, in Java's
     * order. Their CQEs go to a ring no one can map any more: not modelled. Null when no ring is
     * closed and holding requests.
     */
    static ProcRule exitWork(World w) {
        List<String> rings = new java.util.TreeMap<>(w.files).keySet().stream().filter(id -> dying(w, id)).toList();
        for (String id : rings) {
            OpenFile.IoUring u = (OpenFile.IoUring) w.files.remove(id);
            u.polls().stream().map(PollReq::file).distinct().sorted().forEach(f -> FileTable.unref(w, f));
        }
        return rings.isEmpty() ? null : IoRingExitWork;
    }

    /** The application reaps a ring it mapped: every CQE in the CQ; sq_flags says whether the list holds more. */
    static ProcRule reap(World w, CqReap r) {
        String file = w.fileOf(r.fd());
        if (file == null || !(w.files.get(file) instanceof OpenFile.IoUring ring)) {
            return null;
        }
        w.out = new CopyOut.Reaped(ring.cq(), !ring.overflow().isEmpty(), 0);
        w.files.put(file, ring.with(List.of(), ring.overflow(), ring.polls()));
        return CqReaped;
    }

    /**
     * kernel: io_uring_poll — writable while the SQ has room (always, between calls), readable with
     * CQEs, overflow, or local work queued (io_has_work: IO_CHECK_CQ_OVERFLOW_BIT, or a
     * DEFER_TASKRUN ring's work_llist not empty — EPOLLIN with the CQ empty, {@link IoLocalWork}).
     */
    static int poll(OpenFile.IoUring r) {
        boolean events = !r.cq().isEmpty() || !r.overflow().isEmpty() || IoLocalWork.pending(r);
        return Mask.OUT | Mask.WRNORM | (events ? Mask.IN | Mask.RDNORM : 0);
    }
}
