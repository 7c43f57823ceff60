package kpath.model.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kpath.model.proc.OpenFile.PollReq;
import kpath.model.proc.Sqe;
import kpath.uapi.Errno;
import kpath.uapi.IoUringAbi;
import kpath.uapi.Mask;

/**
 * io_uring/poll.c, io_uring/cancel.c and the link chains of io_uring/io_uring.c: issuing a chain
 * of SQEs (IOSQE_IO_LINK: a member starts when the one before it completed, and all that follow a
 * failure complete with -ECANCELED, io_fail_links; after an IOSQE_IO_HARDLINK member the next
 * starts even when it failed), IORING_OP_POLL_ADD (one-shot and multishot),
 * the wake-up that reaches an armed poll (io_poll_wake), its task work (io_poll_task_func), and
 * IORING_OP_ASYNC_CANCEL of a poll. The task work runs before the submitter returns to user space
 * and is a step of its own here ({@link ProcAction.IoUringTaskWork}), due at once.
 */
final class IoPoll {
    private IoPoll() {}

    /** io_uring/poll.c IO_POLL_UNMASK: the bits every poll request waits for besides those asked. */
    static final int UNMASK = Mask.ERR | Mask.HUP | Mask.NVAL | Mask.RDHUP;

    /**
     * kernel: io_submit_sqes — the SQEs in order, chain by chain (a chain ends at an SQE without
     * IOSQE_IO_LINK or at the last one: chains do not span calls, and one still open at the last
     * goes to io-wq, io_submit_state_end). A chain with a member that fails to initialise (INVALID:
     * io_init_req, opcode >= IORING_OP_LAST) is failed whole by io_submit_fail_init and
     * io_queue_sqe_fallback: that member gets -EINVAL, every other -ECANCELED (hard links too); the
     * head's CQE comes at once, the rest's from io_fail_links after the submission. When the failed
     * member ends its chain without a link flag the submission stops after it, and the SQEs behind
     * it stay in the SQ. An SQ array entry at or beyond sq_entries (io_get_sqe) is dropped: the
     * kernel's head moves past it, sq_dropped counts it, and the submission stops there without
     * counting it ("ret -= left"; not -EAGAIN, since the request it allocated went back to the
     * cache). Returns how many SQEs were submitted (a dropped entry not among them).
     */
    static int submit(World w, IoUring.Ring r, List<Sqe> all) {
        r.sq.clear();
        List<Sqe> later = new ArrayList<>();
        int from = 0;
        int dropped = 0;
        for (int i = 0; i < all.size(); i++) {
            Sqe q = all.get(i);
            if (q.op().equals("SQ_ARRAY")) { // io_get_sqe: "head >= ctx->sq_entries" (sqArrayModelled: no other entry)
                r.sqDropped++;
                dropped = 1;
                r.sq.addAll(all.subList(i + 1, all.size()));
                break;
            }
            if (q.link() && i < all.size() - 1) {
                continue;
            }
            List<Sqe> chain = all.subList(from, i + 1);
            from = i + 1;
            // io_init_req: IOSQE_CQE_SKIP_SUCCESS sets ctx->drain_disabled (after the opcode check:
            // not for INVALID); then IOSQE_IO_DRAIN fails with -EOPNOTSUPP (io_init_fail_req), its
            // CQE posted by io_queue_sqe_fallback, and the submission stops after it, as for INVALID
            r.drainDisabled |= q.skip() && !q.op().equals("INVALID");
            if (q.drain() && r.drainDisabled) {
                r.post(q.userData(), -Errno.EOPNOTSUPP.number(), 0); // a lone SQE here (drainModelled)
                r.sq.addAll(all.subList(i + 1, all.size()));
                break;
            }
            // IOSQE_IO_DRAIN → io_init_drain sets drain_active; while it is set every SQE is
            // REQ_F_FORCE_ASYNC, and io_queue_sqe_fallback hands it to io_drain_req
            r.drainActive |= q.drain();
            if (r.drainActive) {
                r.drainReq(q); // a lone NOP here (drainModelled)
                continue;
            }
            if (q.skip() && q.op().equals("NOP")) {
                continue; // io_nop succeeds: REQ_F_CQE_SKIP, no CQE (__io_submit_flush_completions)
            }
            if (q.op().equals("SPLICE")) { // REQ_F_FORCE_ASYNC: io_queue_iowq; the worker sleeps (spliceSleeps)
                r.splices.add(new OpenFile.Splice(q.userData(), false));
                continue;
            }
            if (q.async()) { // IOSQE_ASYNC: REQ_F_FORCE_ASYNC, io_queue_sqe_fallback -> io_queue_iowq (a lone RECV, IoWqRecv.modelled)
                IoWqRecv.queue(w, r, q);
                continue;
            }
            if (chain.stream().noneMatch(IoPoll::invalid) && q.link()) {
                // io_submit_state_end: a chain still open when the SQEs run out (its last SQE has a
                // link flag) ends there; io_queue_sqe_fallback → io_queue_iowq hands it to io-wq
                r.iowq.add(chain.getFirst().userData()); // a lone NOP here (linkModelled)
                continue;
            }
            if (chain.stream().noneMatch(IoPoll::invalid)) {
                issue(w, r, chain);
                continue;
            }
            r.post(chain.getFirst().userData(), initFailed(chain.getFirst()), 0);
            later.addAll(chain.subList(1, chain.size()));
            if (invalid(q) && !q.link()) {
                r.sq.addAll(all.subList(i + 1, all.size()));
                break;
            }
        }
        later.forEach(q -> r.post(q.userData(), initFailed(q), 0));
        return all.size() - r.sq.size() - dropped;
    }

    /**
     * Whether the model knows what the SQ array entries among the SQEs do: the ring has an SQ array
     * (with IORING_SETUP_NO_SQARRAY there is none to write), and each is at or beyond
     * sq_entries (dropped; an entry below names an SQE slot, whose contents the model does not
     * keep) and does not follow a link flag (a chain the drop cuts short is not modelled).
     */
    static boolean sqArrayModelled(OpenFile.IoUring ring, List<Sqe> all) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).op().equals("SQ_ARRAY") && (ring.noSqArray() || all.get(i).len() < ring.sqEntries()
                    || i > 0 && all.get(i - 1).link())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the model knows what the SQEs do to the drain state: from the first IOSQE_IO_DRAIN
     * SQE on (from the first one when drain_active is set already) each must be a NOP without a
     * link flag. Drained links (drain_next), other opcodes forced async (a poll armed by an io-wq
     * worker), and an ASYNC_CANCEL while a request is in io-wq (io_async_cancel_one looks there
     * too) are not modelled. IOSQE_CQE_SKIP_SUCCESS is modelled on a NOP (no CQE) and an INVALID
     * SQE (it fails: req_set_fail clears REQ_F_CQE_SKIP, the CQE is posted) without a link flag,
     * not while draining; a drained or skipping SQE must not end a link chain.
     */
    static boolean drainModelled(OpenFile.IoUring ring, List<Sqe> all) {
        boolean draining = ring.drainActive();
        for (int i = 0; i < all.size(); i++) {
            Sqe q = all.get(i);
            draining |= q.drain();
            if (draining && (!q.op().equals("NOP") || q.link() || q.skip()) || q.op().equals("ASYNC_CANCEL") && !ring.iowq().isEmpty()
                    || (q.drain() || q.skip()) && i > 0 && all.get(i - 1).link()
                    || q.skip() && (q.link() || !List.of("NOP", "INVALID").contains(q.op()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the model knows what happens to a chain still open when the SQEs run out (the last
     * has IOSQE_IO_LINK or IOSQE_IO_HARDLINK; io_submit_state_end → io_queue_sqe_fallback): one with
     * a member that fails at init is failed whole, inline, like any such chain; else io_queue_iowq
     * hands it to io-wq, modelled for a lone NOP ({@link IoUring#ioWqWork}). An io-wq worker
     * running a longer chain member by member (io_wq_free_work → io_req_find_next) is not.
     */
    static boolean linkModelled(List<Sqe> all) {
        int n = all.size();
        if (n == 0 || !all.get(n - 1).link()) {
            return true;
        }
        int from = n - 1;
        while (from > 0 && all.get(from - 1).link()) {
            from--;
        }
        List<Sqe> chain = all.subList(from, n);
        return chain.stream().anyMatch(IoPoll::invalid) || chain.size() == 1 && chain.getFirst().op().equals("NOP");
    }

    private static boolean invalid(Sqe q) {
        // io_init_req: an opcode beyond IORING_OP_LAST; io_poll_add_prep: a len flag other than MULTI (LEVEL)
        return q.op().equals("INVALID") || (q.op().equals("POLL_ADD") && q.len() != 0)
                || (q.op().equals("ASYNC_CANCEL") && cancelRefused(q.events()))
                || (q.op().equals("POLL_REMOVE") && updateRefused(q));
    }

    /**
     * kernel: io_async_cancel_prep — -EINVAL for a flag outside CANCEL_FLAGS, and for
     * IORING_ASYNC_CANCEL_ANY with FD or OP.
     */
    private static boolean cancelRefused(int f) {
        return (f & ~IoUringAbi.CANCEL_FLAGS) != 0 || (f & IoUringAbi.IORING_ASYNC_CANCEL_ANY) != 0
                && (f & (IoUringAbi.IORING_ASYNC_CANCEL_FD | IoUringAbi.IORING_ASYNC_CANCEL_OP)) != 0;
    }

    /**
     * kernel: io_poll_remove_prep — -EINVAL for a len flag other than UPDATE_EVENTS, UPDATE_USER_DATA
     * and ADD_MULTI, for ADD_MULTI alone ("meaningless without update"), for an off without
     * UPDATE_USER_DATA and for poll32_events without UPDATE_EVENTS.
     */
    private static boolean updateRefused(Sqe q) {
        int ev = IoUringAbi.IORING_POLL_UPDATE_EVENTS;
        int ud = IoUringAbi.IORING_POLL_UPDATE_USER_DATA;
        return (q.len() & ~(ev | ud | IoUringAbi.IORING_POLL_ADD_MULTI)) != 0 || q.len() == IoUringAbi.IORING_POLL_ADD_MULTI
                || (q.len() & ud) == 0 && q.off() != 0 || (q.len() & ev) == 0 && q.events() != 0;
    }

    /** A member of a chain failed at init: its own -EINVAL, or -ECANCELED. */
    private static long initFailed(Sqe q) {
        return invalid(q) ? -Errno.EINVAL.number() : -Errno.ECANCELED.number();
    }

    /**
     * Issues a link chain, head first: each member that completes at once without failing lets the
     * next start; one that fails cancels the rest; a request that waits takes the rest with it.
     */
    static void issue(World w, IoUring.Ring r, List<Sqe> chain) {
        for (int i = 0; i < chain.size(); i++) {
            Sqe q = chain.get(i);
            List<Sqe> rest = chain.subList(i + 1, chain.size());
            // a buffer-selecting RECV's buffer, taken if it reads (bufModelled: it does, or its group is empty)
            int sel = q.op().equals("RECV") && q.bufGroup() >= 0 ? r.firstBuf(q.bufGroup()) : -1;
            OpenFile.Kbuf kbuf = sel >= 0 ? r.kbufs.get(sel) : null;
            long res = switch (q.op()) {
                case "POLL_ADD" -> add(w, r, q, rest);
                case "ASYNC_CANCEL" -> cancel(w, r, q);
                case "POLL_REMOVE" -> remove(w, r, q);
                case "READ", "RECV" -> read(w, r, q, rest);
                case "WRITE" -> write(w, r, q);
                case "PROVIDE_BUFFERS" -> IoKbuf.provide(r, q);
                case "REMOVE_BUFFERS" -> IoKbuf.removeBuffers(r, q);
                case "LINK_TIMEOUT" -> { // reached: its head completed (IoTimeout.modelled: the timeout ends the chain)
                    IoTimeout.disarm(r, q);
                    yield ARMED;
                }
                default -> 0; // io_nop
            };
            if (res == ARMED) {
                return;
            }
            r.post(q.userData(), res, (q.op().equals("RECV") ? recvFlags(w, w.fileOf(q.fd()), res) : 0) | IoKbuf.bufFlags(kbuf, res));
            if (failsLink(q.op(), q.len(), res) && !q.hardlink()) {
                fail(r, rest);
                return;
            }
        }
    }

    /**
     * Whether a result fails the link (req_set_fail): any error; for READ and WRITE also a result
     * short of the length asked (io_uring/rw.c __io_complete_rw_common: res != req->cqe.res); a
     * short RECV does not (io_uring/net.c io_recv fails only below min_ret, 0 without MSG_WAITALL).
     */
    static boolean failsLink(String op, long len, long res) {
        return res < 0 || ((op.equals("READ") || op.equals("WRITE")) && res != len);
    }

    /**
     * The CQE flags of a RECV that completed with {@code res}, {@code file} as the read left it:
     * IORING_CQE_F_SOCK_NONEMPTY when bytes are left in the socket. io_recvmsg_prep_setup sets
     * msg_get_inq for IORING_OP_RECV and io_recv sets msg_inq to -1 before sock_recvmsg;
     * net/unix/af_unix.c unix_stream_read_generic (since 6.17's SO_INQ) writes u->inq_len into
     * msg_inq when the read succeeded ("(copied ?: err) >= 0": end of file too, with 0 left); and
     * io_uring/net.c io_recv_finish adds the flag when msg_inq is above 0. A RECV that fails never
     * reaches io_recv_finish with a msg_inq set (-EAGAIN returns before it; -ENOTSOCK before the
     * read; -ECONNRESET leaves it -1). READ (io_uring/rw.c) posts no such flag.
     */
    static int recvFlags(World w, String file, long res) {
        return res >= 0 && file != null && w.files.get(file) instanceof OpenFile.UnixStream u && !u.rcvQueue().isEmpty()
                ? IoUringAbi.IORING_CQE_F_SOCK_NONEMPTY : 0;
    }

    /** A poll armed: it completes later. */
    private static final long ARMED = Long.MIN_VALUE;

    /**
     * kernel: io_fail_links — the rest of a chain completes with -ECANCELED, in order; a
     * LINK_TIMEOUT there is disarmed first (io_disarm_next, {@link IoTimeout#disarm}).
     */
    private static void fail(IoUring.Ring r, List<Sqe> rest) {
        rest.forEach(q -> {
            if (q.op().equals(IoTimeout.OP)) {
                IoTimeout.disarm(r, q);
            } else {
                r.post(q.userData(), -Errno.ECANCELED.number(), 0);
            }
        });
    }

    /**
     * kernel: io_poll_add → __io_arm_poll_handler — polls the file at once: a one-shot request
     * finding it ready completes with the mask; a multishot one is armed with its task work
     * queued (it posts with IORING_CQE_F_MORE); else it waits on the file's queue, the rest of its
     * chain with it. A bad fd fails the request with -EBADF.
     */
    private static long add(World w, IoUring.Ring r, Sqe q, List<Sqe> rest) {
        String file = w.fileOf(q.fd());
        if (file == null) {
            return -Errno.EBADF.number();
        }
        int events = q.events() | UNMASK;
        int mask = SelectPoll.vfsPoll(w, file) & events;
        if (mask != 0 && !q.multishot()) {
            return mask;
        }
        r.polls.add(new PollReq(q.userData(), file, events, q.multishot(), mask != 0, false, rest, q.hardlink(),
                q.op(), 0));
        return ARMED;
    }

    /**
     * kernel: io_async_cancel → __io_async_cancel → io_try_cancel → io_poll_cancel — the requests it
     * matches ({@link #cancelMatch}), taken in the cancel table's order ({@link #walk}), are marked
     * cancelled with their task work queued, which posts -ECANCELED (io_poll_cancel_req); the cancel
     * itself completes with 0, or -ENOENT when none matches; with IORING_ASYNC_CANCEL_ALL (or ANY)
     * it takes every match once (io_cancel_match_sequence) and completes with how many, 0 when none.
     * A request cancelled before whose task work has not run yet is still in the table and is
     * found and counted again (io_poll_cancel_req does not unhash it; its task work does). With IORING_ASYNC_CANCEL_FD the
     * fd is looked up first: -EBADF when it is not open (io_file_get_normal) and, with
     * IORING_ASYNC_CANCEL_FD_FIXED, always (io_file_get_fixed: the fd indexes the ring's registered
     * files, and the model's rings have none).
     */
    private static long cancel(World w, IoUring.Ring r, Sqe q) {
        for (int i = 0; i < r.splices.size(); i++) {
            if (r.splices.get(i).userData() == q.target()) { // a plain cancel here (spliceModelled)
                // io_async_cancel_one: io_wq_cancel_cb finds it running (IO_WQ_CANCEL_RUNNING) → -EALREADY;
                // __io_wq_worker_cancel sets TIF_NOTIFY_SIGNAL on its worker (io_uring/io-wq.c)
                r.splices.set(i, new OpenFile.Splice(q.target(), true));
                return -Errno.EALREADY.number();
            }
        }
        int f = q.events();
        boolean all = (f & (IoUringAbi.IORING_ASYNC_CANCEL_ALL | IoUringAbi.IORING_ASYNC_CANCEL_ANY)) != 0;
        boolean byFd = (f & IoUringAbi.IORING_ASYNC_CANCEL_FD) != 0;
        String file = byFd ? w.fileOf(q.fd()) : null;
        if (byFd && (file == null || (f & IoUringAbi.IORING_ASYNC_CANCEL_FD_FIXED) != 0)) {
            return -Errno.EBADF.number();
        }
        List<Integer> found = walk(r, p -> cancelMatch(q, file, p)).stream().limit(all ? Long.MAX_VALUE : 1).toList();
        takeAll(r, found);
        return all ? found.size() : found.isEmpty() ? -Errno.ENOENT.number() : 0;
    }

    /**
     * kernel: io_cancel_req_match — IORING_ASYNC_CANCEL_ANY matches every request; else each of
     * IORING_ASYNC_CANCEL_FD (the request's file is {@code file}) and IORING_ASYNC_CANCEL_OP (its
     * opcode is sqe->len as a u8, io_async_cancel_prep) must hold, and the user_data must be the
     * SQE's target with IORING_ASYNC_CANCEL_USERDATA or when neither FD nor OP is set. A request
     * without events is in no table: a POLL_FIRST RECV whose poll found the file ready
     * (__io_arm_poll_handler returns before io_poll_req_insert; IO_APOLL_READY queues its task work).
     */
    static boolean cancelMatch(Sqe q, String file, PollReq p) {
        int f = q.events();
        boolean byFd = (f & IoUringAbi.IORING_ASYNC_CANCEL_FD) != 0;
        boolean byOp = (f & IoUringAbi.IORING_ASYNC_CANCEL_OP) != 0;
        boolean byUserData = (f & IoUringAbi.IORING_ASYNC_CANCEL_USERDATA) != 0 || !byFd && !byOp;
        return p.events() != 0 && ((f & IoUringAbi.IORING_ASYNC_CANCEL_ANY) != 0
                || (!byFd || p.file().equals(file)) && (!byOp || IoUringAbi.opcode(p.op()) == (q.len() & 0xff))
                && (!byUserData || p.userData() == q.target()));
    }

    /**
     * The index of the first request {@code match} accepts in the order the cancel table is walked
     * (io_poll_find, io_poll_file_find): bucket by bucket ({@link #bucket} of its user_data), each
     * newest first (io_poll_req_insert adds at the head); -1 for none. The list is in arming order
     * (a read armed again after a wake-up keeps its place here; the kernel inserts it anew; and a
     * request a cancel took goes to the end, its task work's place, where the kernel leaves it in
     * its bucket: a later cancel of the same submission finds it newer than it is).
     */
    static int first(IoUring.Ring r, java.util.function.Predicate<PollReq> match) {
        return first(r, match, List.of());
    }

    /** {@link #first} among the requests whose index is not in {@code skip}. */
    private static int first(IoUring.Ring r, java.util.function.Predicate<PollReq> match, List<Integer> skip) {
        int best = -1;
        for (int i = 0; i < r.polls.size(); i++) {
            if (!skip.contains(i) && match.test(r.polls.get(i)) && (best < 0 || !before(r, best, i))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The indices of the requests {@code match} accepts, in the order the cancel table is walked
     * (as {@link #first} finds them one by one).
     */
    private static List<Integer> walk(IoUring.Ring r, java.util.function.Predicate<PollReq> match) {
        List<Integer> found = new ArrayList<>();
        for (int i = first(r, match, found); i >= 0; i = first(r, match, found)) {
            found.add(i);
        }
        return found;
    }

    /** Whether request {@code j} comes before {@code k} (j &lt; k) in the cancel table's walk. */
    private static boolean before(IoUring.Ring r, int j, int k) {
        long a = r.polls.get(j).userData();
        long b = r.polls.get(k).userData();
        int ba = bucket(a, r.file.cqEntries());
        int bb = bucket(b, r.file.cqEntries());
        return a != b && ba < bb; // same bucket: the newer (k) first
    }

    /** include/linux/hash.h GOLDEN_RATIO_64. */
    static final long GOLDEN_RATIO_64 = 0x61C8864680B583EBL;

    /**
     * kernel: hash_long(user_data, hash_bits), the bucket of ctx->cancel_table; hash_bits is
     * ilog2(cq_entries) - 5 clamped to 1..8 (io_ring_ctx_alloc).
     */
    static int bucket(long userData, int cqEntries) {
        int bits = Math.clamp(31 - Integer.numberOfLeadingZeros(cqEntries) - 5, 1, 8);
        return (int) ((userData * GOLDEN_RATIO_64) >>> (64 - bits));
    }

    /**
     * Request {@code i} is marked cancelled with its task work queued (io_poll_execute): after any
     * queued before, so it goes to the end of the list, unless its task work was queued already
     * (io_poll_get_ownership fails: that task work finds it cancelled).
     */
    static void take(IoUring.Ring r, int i) {
        takeAll(r, List.of(i));
    }

    /**
     * {@link #take} of requests {@code found}, one after the other in that order (a request taken
     * twice keeps the place it went to the first time: its task work is queued).
     */
    private static void takeAll(IoUring.Ring r, List<Integer> found) {
        List<PollReq> moved = new ArrayList<>();
        List<PollReq> kept = new ArrayList<>();
        for (int i = 0; i < r.polls.size(); i++) {
            PollReq p = r.polls.get(i);
            kept.add(found.contains(i) && !p.pending() ? null : found.contains(i) ? p.with(true, true) : p);
        }
        for (int i : found) {
            if (!r.polls.get(i).pending()) {
                moved.add(r.polls.get(i).with(true, true));
            }
        }
        r.polls.clear();
        kept.stream().filter(java.util.Objects::nonNull).forEach(r.polls::add);
        r.polls.addAll(moved);
    }

    /** Whether every user_data a cancel table walk may compare fits the spec's hash ({@code < 2^14}, TLC's integers). */
    static boolean hashable(OpenFile.IoUring ring, List<Sqe> sqes) {
        boolean walks = sqes.stream().anyMatch(q -> q.op().equals("ASYNC_CANCEL") && (q.events()
                & (IoUringAbi.IORING_ASYNC_CANCEL_FD | IoUringAbi.IORING_ASYNC_CANCEL_ANY | IoUringAbi.IORING_ASYNC_CANCEL_OP)) != 0);
        return !walks || ring.polls().stream().allMatch(p -> p.userData() >= 0 && p.userData() < HASHABLE)
                && sqes.stream().allMatch(q -> q.userData() >= 0 && q.userData() < HASHABLE && q.off() >= 0 && q.off() < HASHABLE);
    }

    /** The user_data below which the spec computes hash_long (IoPoll.tla HashLong). */
    static final long HASHABLE = 1 << 14;

    /**
     * kernel: io_poll_remove — io_poll_find(poll_only): the first POLL_ADD request with that
     * user_data in the table's order (not a READ or RECV waiting on its internal poll), else -ENOENT;
     * io_poll_disarm: -EALREADY when its task work is already queued (io_poll_get_ownership fails;
     * a cancel earlier in the same submission queued it, and left the request in the table).
     * Without update flags it is taken off its queue and completes with -ECANCELED through task
     * work. With IORING_POLL_UPDATE_EVENTS its event bits become the SQE's (poll32_events, with
     * IO_POLL_UNMASK; one-shot or multishot stays as it was), with IORING_POLL_UPDATE_USER_DATA its
     * user_data the SQE's off, and io_poll_add arms it again: it polls the file, and one ready for
     * the new events has its task work queued (a one-shot poll then completes with the mask, after
     * the remove's CQE; a multishot one posts with F_MORE). The remove itself completes with 0.
     */
    private static long remove(World w, IoUring.Ring r, Sqe q) {
        int i = first(r, p -> p.userData() == q.target() && p.op().equals("POLL_ADD"));
        if (i < 0) {
            return -Errno.ENOENT.number();
        }
        PollReq p = r.polls.get(i);
        if (p.pending()) {
            return -Errno.EALREADY.number();
        }
        boolean events = (q.len() & IoUringAbi.IORING_POLL_UPDATE_EVENTS) != 0;
        boolean userData = (q.len() & IoUringAbi.IORING_POLL_UPDATE_USER_DATA) != 0;
        if (!events && !userData) {
            take(r, i);
            return 0;
        }
        int ev = events ? q.events() | UNMASK : p.events();
        r.polls.remove(i);
        boolean ready = (r.through(w, x -> SelectPoll.vfsPoll(x, p.file())) & ev) != 0;
        r.polls.add(new PollReq(userData ? q.off() : p.userData(), p.file(), ev, p.multishot(), ready, false, p.linked(),
                p.hardlink(), p.op(), 0));
        return 0;
    }

    /** io_arm_poll_handler's mask for a read (def->pollin), with IO_POLL_UNMASK: what wakes its internal poll. */
    static final int APOLL_IN = Mask.IN | Mask.RDNORM | Mask.PRI | UNMASK;

    /**
     * kernel: io_read / io_recv, issued non-blocking (IOCB_NOWAIT; MSG_DONTWAIT) — EBADF for a bad
     * fd or a file not open for reading (!FMODE_READ), ENOTSOCK for RECV on a file that is no
     * socket (sock_from_file); then the file's own read. Where it finds nothing (-EAGAIN), RECV with
     * MSG_DONTWAIT fails with -EAGAIN (REQ_F_NOWAIT); else io_queue_async arms an internal poll
     * (io_arm_poll_handler) and the request, the rest of its chain with it, waits for a wake-up.
     * O_NONBLOCK on the file does not change this (pipes and sockets support nowait).
     * A RECV with IORING_RECVSEND_POLL_FIRST returns -EAGAIN before any other check while it has not
     * been polled (io_uring/net.c io_recv: REQ_F_POLLED): with MSG_DONTWAIT that fails it, else the
     * poll is armed at once, its task work queued if the file is ready already (io_uring/poll.c
     * __io_arm_poll_handler → IO_APOLL_READY, io_uring/io_uring.c io_queue_async: io_req_task_queue).
     */
    private static long read(World w, IoUring.Ring r, Sqe q, List<Sqe> rest) {
        String file = w.fileOf(q.fd());
        if (file == null) {
            return -Errno.EBADF.number();
        }
        if (q.pollFirst()) {
            if (q.dontwait()) {
                return -Errno.EAGAIN.number();
            }
            boolean ready = (r.through(w, x -> SelectPoll.vfsPoll(x, file)) & APOLL_IN) != 0;
            // ready: on no wait queue and in no cancel table (io_poll_remove_entries, no io_poll_req_insert): no events
            r.polls.add(new PollReq(q.userData(), file, ready ? 0 : APOLL_IN, false, ready, false, rest, q.hardlink(), q.op(), q.len()));
            return ARMED;
        }
        OpenFile f = w.files.get(file);
        if (q.op().equals("RECV") && !(f instanceof OpenFile.UnixStream)) {
            return -Errno.ENOTSOCK.number();
        }
        if (q.bufGroup() >= 0) {
            return IoKbuf.select(r, q, n -> r.through(w, x -> nowait(x, file, n)));
        }
        long res = r.through(w, x -> nowait(x, file, q.len()));
        if (res != -Errno.EAGAIN.number() || q.dontwait()) {
            return res;
        }
        r.polls.add(new PollReq(q.userData(), file, APOLL_IN, false, false, false, rest, q.hardlink(), q.op(), q.len()));
        return ARMED;
    }

    /**
     * kernel: io_write, issued non-blocking — EBADF for a bad fd; then the file's own write
     * ({@link ReadWrite#writeFile}: EBADF without FMODE_WRITE), which here never finds the file
     * full: it completes at once, and its wake-up may reach polls of this ring.
     */
    private static long write(World w, IoUring.Ring r, Sqe q) {
        String file = w.fileOf(q.fd());
        if (file == null) {
            return -Errno.EBADF.number();
        }
        return r.through(w, x -> fileCall(x, () -> ReadWrite.writeFile(x, file, q.len())));
    }

    /** The file's own read of {@code n} bytes ({@link ReadWrite#readFile}); the caller's ret and out stay. */
    static long nowait(World w, String file, long n) {
        return fileCall(w, () -> ReadWrite.readFile(w, file, n));
    }

    /** Runs a file's own read or write for a request: its result, with the caller's ret and out kept. */
    private static long fileCall(World w, Runnable call) {
        long ret = w.ret;
        CopyOut out = w.out;
        call.run();
        long res = w.ret;
        w.ret = ret;
        w.out = out;
        return res;
    }

    /**
     * Whether a SPLICE is one the model knows: alone (no IOSQE flag), from the empty read end of a
     * blocking pipe whose writer is open to the write end of another blocking pipe whose reader is
     * open, len not 0. io_uring/splice.c __io_splice_prep sets REQ_F_FORCE_ASYNC, so io_queue_sqe
     * hands it to io-wq (io_queue_iowq), where io_splice → do_splice → splice_pipe_to_pipe →
     * ipipe_prep waits in pipe_wait_readable. Not modelled: data, EOF or a non-blocking file
     * (-EAGAIN), a bad fd, the same pipe on both sides.
     */
    private static boolean spliceSleeps(World w, Sqe q) {
        String in = w.fileOf(q.fdIn());
        String out = w.fileOf(q.fd());
        return !q.link() && !q.drain() && !q.skip() && q.len() > 0 && in != null && out != null
                && w.files.get(in) instanceof OpenFile.PipeRead r && r.bytes() == 0 && r.writerAlive()
                && w.files.get(out) instanceof OpenFile.PipeWrite o && o.readerAlive() && !o.reader().equals(in)
                && w.blocking.contains(in) && w.blocking.contains(out);
    }

    /**
     * Whether the model knows what the SQEs do to a SPLICE in io-wq: while one is there (or is
     * submitted earlier in the same call: a worker may not have taken it yet, and a cancel that finds
     * it queued — IO_WQ_CANCEL_OK — is not modelled) an ASYNC_CANCEL is a plain one (no flags) whose
     * user_data no armed request has, and there is no WRITE (it could wake the splice); a second
     * SPLICE (in the same call, or while one is there) is not modelled either.
     */
    static boolean spliceModelled(OpenFile.IoUring ring, List<Sqe> all) {
        boolean splice = !ring.splices().isEmpty();
        for (int i = 0; i < all.size(); i++) {
            Sqe q = all.get(i);
            if (q.op().equals("SPLICE") && (splice || all.subList(i + 1, all.size()).stream().anyMatch(x -> x.op().equals("ASYNC_CANCEL") || x.op().equals("SPLICE")))
                    || splice && q.op().equals("WRITE")
                    || splice && q.op().equals("ASYNC_CANCEL") && (q.events() != 0
                    || ring.polls().stream().anyMatch(p -> p.userData() == q.target()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the model knows what {@code q} does to the file it names: READ and WRITE are modelled on pipes and AF_UNIX stream sockets. */
    static boolean modelled(World w, Sqe q) {
        String file = w.fileOf(q.fd());
        if (q.op().equals("SPLICE")) {
            return spliceSleeps(w, q);
        }
        return !(q.op().equals("READ") || q.op().equals("WRITE")) || file == null || w.files.get(file) instanceof OpenFile.PipeRead
                || w.files.get(file) instanceof OpenFile.PipeWrite || w.files.get(file) instanceof OpenFile.UnixStream;
    }

    /**
     * kernel: io_poll_wake — a wake-up on {@code file} with {@code key} (0: any) queues the task work
     * of the polls it matches (io_poll_get_ownership: not those whose task work is queued; not a
     * request without events, on no wait queue: a forced-async RECV waiting for io-wq, {@link IoWqRecv}); with
     * EPOLL_URING_WAKE in the key (io_uring woke: a ring's eventfd signal or poll_wq) a multishot
     * poll becomes one-shot ("poll->events |= EPOLLONESHOT", the circular dependency between CQ
     * posting and the event).
     */
    static void wake(World w, String file, int key) {
        boolean uring = (key & Mask.URING_WAKE) != 0;
        for (Map.Entry<String, OpenFile.IoUring> e : rings(w).entrySet()) {
            List<PollReq> polls = e.getValue().polls().stream().map(p -> p.file().equals(file) && !p.pending() && p.events() != 0
                    && (key == 0 || (key & p.events()) != 0) ? oneShotIf(uring, p.with(true, false)) : p).toList();
            w.files.put(e.getKey(), e.getValue().with(e.getValue().cq(), e.getValue().overflow(), polls));
        }
    }

    private static PollReq oneShotIf(boolean uring, PollReq p) {
        return uring ? new PollReq(p.userData(), p.file(), p.events(), false, p.pending(), p.cancelled(), p.linked(), p.hardlink(),
                p.op(), p.len()) : p;
    }

    /**
     * kernel: task_work_run → io_poll_task_func → io_poll_check_events — until no poll is pending,
     * the first one (rings in id order, polls oldest first) runs: a cancelled one posts -ECANCELED
     * and goes, cancelling its chain; one whose file now polls 0 stays armed; else a one-shot poll
     * posts the mask, goes, and issues its chain; a multishot one posts it with IORING_CQE_F_MORE
     * and stays — unless that CQE would not go into the CQ (it is full, or the overflow list holds
     * CQEs): io_req_post_cqe fails, and io_poll_check_events ends the request, which completes
     * with the mask and no F_MORE (onto the overflow list) like a one-shot poll. Then each ring commits once (a registered eventfd is signalled).
     * A DEFER_TASKRUN ring's pending polls are its local work, left for {@link IoLocalWork#run}.
     */
    static void taskWork(World w) {
        taskWork(w, id -> !(w.files.get(id) instanceof OpenFile.IoUring r && r.deferTaskrun()));
    }

    /** {@link #taskWork} of the rings {@code which} names: the rings' task work, or one ring's local work. */
    static void taskWork(World w, java.util.function.Predicate<String> which) {
        Map<String, OpenFile.IoUring> before = new TreeMap<>(rings(w));
        before.keySet().removeIf(which.negate());
        for (String id = firstDue(w, which); id != null; id = firstDue(w, which)) {
            IoUring.Ring r = new IoUring.Ring(id, (OpenFile.IoUring) w.files.get(id));
            int at = 0;
            while (!r.polls.get(at).pending()) {
                at++;
            }
            PollReq p = r.polls.get(at);
            boolean polled = p.op().equals("POLL_ADD");
            int mask = p.cancelled() || !polled ? 0 : SelectPoll.vfsPoll(w, p.file()) & p.events();
            if (p.op().equals(IoTimeout.OP) && !p.cancelled()) { // a fired timer's io_req_task_link_timeout
                r.polls.remove(at);
                r.post(p.userData(), IoTimeout.expired(r, p), 0);
            } else if (p.cancelled()) {
                r.polls.remove(at);
                r.post(p.userData(), -Errno.ECANCELED.number(), 0);
                if (p.hardlink()) {
                    issue(w, r, p.linked());
                } else {
                    fail(r, p.linked());
                }
            } else if (!polled && IoWqRecv.forced(r, p)) {
                IoWqRecv.requeue(r, at); // io_req_task_submit: REQ_F_FORCE_ASYNC, io_queue_iowq
            } else if (!polled) {
                reissue(w, r, at);
            } else if (mask == 0) {
                r.polls.set(at, p.with(false, false));
            } else if (p.multishot() && r.fits()) {
                r.polls.set(at, p.with(false, false));
                r.post(p.userData(), mask, IoUringAbi.IORING_CQE_F_MORE);
            } else { // a multishot CQE that does not fit ends the request (io_req_post_cqe fails)
                r.polls.remove(at);
                r.post(p.userData(), mask, 0);
                issue(w, r, p.linked());
            }
            w.files.put(id, r.freeze());
            FileTable.unref(w, p.file()); // a request that went dropped its file reference
        }
        for (Map.Entry<String, OpenFile.IoUring> e : before.entrySet()) { // one commit per ring for the whole run
            if (w.files.get(e.getKey()) instanceof OpenFile.IoUring now) {
                IoUring.Ring r = new IoUring.Ring(e.getKey(), now);
                r.release(); // the flush (ctx_flush_and_put) runs io_queue_deferred: a poll that went may start the list
                IoUring.commit(w, e.getKey(), e.getValue(), r);
                if (now.polls().isEmpty() && IoUring.dying(w, e.getKey())) {
                    w.files.remove(e.getKey()); // a closed ring's last request went: nothing is left for its exit work
                }
            }
        }
    }

    /**
     * kernel: io_apoll_task_func → io_req_task_submit — the woken read is issued again: if it
     * still finds nothing it arms its poll again; else it completes and goes, and its chain
     * starts, or is cancelled when the result fails the link. A RECV armed by
     * IORING_RECVSEND_POLL_FIRST on a file that is no socket gets -ENOTSOCK now (io_uring/net.c
     * io_recv: sock_from_file comes after the POLL_FIRST check).
     */
    private static void reissue(World w, IoUring.Ring r, int at) {
        PollReq p = r.polls.get(at);
        r.polls.set(at, p.events() != 0 ? p.with(false, false) // wake-ups change only flags: the poll keeps its place
                : new PollReq(p.userData(), p.file(), APOLL_IN, false, false, false, p.linked(), p.hardlink(), p.op(), p.len()));
        long res = p.op().equals("RECV") && !(w.files.get(p.file()) instanceof OpenFile.UnixStream)
                ? -Errno.ENOTSOCK.number()
                : r.through(w, x -> nowait(x, p.file(), p.len())); // the request holds its file
        if (res == -Errno.EAGAIN.number()) {
            return;
        }
        r.polls.remove(at);
        r.post(p.userData(), res, p.op().equals("RECV") ? recvFlags(w, p.file(), res) : 0);
        if (failsLink(p.op(), p.len(), res) && !p.hardlink()) {
            fail(r, p.linked());
        } else {
            issue(w, r, p.linked());
        }
    }

    /** Whether an armed request of some ring holds a reference to {@code file}. */
    static boolean holds(World w, String file) {
        return w.files.values().stream().anyMatch(f -> f instanceof OpenFile.IoUring r
                && r.polls().stream().anyMatch(p -> p.file().equals(file)));
    }

    /** The first ring (in id order) of those {@code which} names with a pending poll, or null. */
    private static String firstDue(World w, java.util.function.Predicate<String> which) {
        return rings(w).entrySet().stream().filter(e -> which.test(e.getKey()) && e.getValue().polls().stream().anyMatch(PollReq::pending))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** Whether some ring has task work due: no other step is taken first. A DEFER_TASKRUN ring's is local work, not due. */
    static boolean due(ProcState s) {
        if (!s.hasAsyncFiles()) {
            return false;
        }
        for (OpenFile f : s.files().values()) { // a loop, not a stream: every step of every state asks
            if (f instanceof OpenFile.IoUring r && !r.deferTaskrun()) {
                for (PollReq p : r.polls()) {
                    if (p.pending()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The rings by file id, in id order. */
    private static Map<String, OpenFile.IoUring> rings(World w) {
        if (!w.mayHave(OpenFile.IoUring.class)) {
            return Map.of(); // most states have no ring, and every wake-up asks
        }
        Map<String, OpenFile.IoUring> m = new TreeMap<>();
        w.files.forEach((id, f) -> {
            if (f instanceof OpenFile.IoUring r) {
                m.put(id, r);
            }
        });
        return m;
    }
}
