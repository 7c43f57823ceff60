package kpath.model.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kpath.model.proc.OpenFile.PollReq;
import kpath.model.proc.ProcAction.Sqe;
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
     * IOSQE_IO_LINK or at the last one). A chain with a member that fails to initialise (INVALID:
     * io_init_req, opcode >= IORING_OP_LAST) is failed whole by io_submit_fail_init and
     * io_queue_sqe_fallback: that member gets -EINVAL, every other -ECANCELED (hard links too); the
     * head's CQE comes at once, the rest's from io_fail_links after the submission. When the failed
     * member ends its chain without a link flag the submission stops after it, and the SQEs behind
     * it stay in the SQ. Returns how many SQEs were consumed.
     */
    static int submit(World w, IoUring.Ring r, List<Sqe> all) {
        r.sq.clear();
        List<Sqe> later = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < all.size(); i++) {
            Sqe q = all.get(i);
            if (q.link() && i < all.size() - 1) {
                continue;
            }
            List<Sqe> chain = all.subList(from, i + 1);
            from = i + 1;
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
        return all.size() - r.sq.size();
    }

    private static boolean invalid(Sqe q) {
        // io_init_req: an opcode beyond IORING_OP_LAST; io_poll_add_prep: a len flag other than MULTI (LEVEL)
        return q.op().equals("INVALID") || (q.op().equals("POLL_ADD") && q.len() != 0);
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
            long res = switch (q.op()) {
                case "POLL_ADD" -> add(w, r, q, rest);
                case "ASYNC_CANCEL" -> cancel(r, q);
                case "POLL_REMOVE" -> remove(r, q);
                case "READ", "RECV" -> read(w, r, q, rest);
                case "WRITE" -> write(w, r, q);
                default -> 0; // io_nop
            };
            if (res == ARMED) {
                return;
            }
            r.post(q.userData(), res, 0);
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

    /** A poll armed: it completes later. */
    private static final long ARMED = Long.MIN_VALUE;

    /** kernel: io_fail_links — the rest of a chain completes with -ECANCELED, in order. */
    private static void fail(IoUring.Ring r, List<Sqe> rest) {
        rest.forEach(q -> r.post(q.userData(), -Errno.ECANCELED.number(), 0));
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
     * kernel: io_async_cancel → io_poll_cancel — the first poll with that user_data is taken off
     * its queue and its task work posts -ECANCELED (io_req_task_queue_fail); the cancel itself
     * completes with 0, or -ENOENT when no request matches.
     */
    private static long cancel(IoUring.Ring r, Sqe q) {
        return take(r, q, false);
    }

    /**
     * The first request not yet cancelled with user_data {@code q.target()} (only a POLL_ADD when
     * {@code pollOnly}): -EALREADY when its task work is queued and {@code pollOnly} (io_poll_disarm;
     * a cancel marks it anyway), else marked cancelled with its task work queued, 0; -ENOENT for none.
     */
    private static long take(IoUring.Ring r, Sqe q, boolean pollOnly) {
        for (int i = 0; i < r.polls.size(); i++) {
            PollReq p = r.polls.get(i);
            if (p.userData() == q.target() && !p.cancelled() && (!pollOnly || p.op().equals("POLL_ADD"))) {
                if (pollOnly && p.pending()) {
                    return -Errno.EALREADY.number();
                }
                r.polls.set(i, p.with(true, true));
                return 0;
            }
        }
        return -Errno.ENOENT.number();
    }

    /**
     * kernel: io_poll_remove — io_poll_find(poll_only): only a POLL_ADD request with that user_data
     * (not a READ or RECV waiting on its internal poll), else -ENOENT; io_poll_disarm: -EALREADY
     * when its task work is already queued (io_poll_get_ownership fails); else it is taken off its
     * queue and completes with -ECANCELED through task work, and the remove itself with 0.
     */
    private static long remove(IoUring.Ring r, Sqe q) {
        return take(r, q, true);
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
     */
    private static long read(World w, IoUring.Ring r, Sqe q, List<Sqe> rest) {
        String file = w.fileOf(q.fd());
        if (file == null) {
            return -Errno.EBADF.number();
        }
        OpenFile f = w.files.get(file);
        if (q.op().equals("RECV") && !(f instanceof OpenFile.UnixStream)) {
            return -Errno.ENOTSOCK.number();
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
    private static long nowait(World w, String file, long n) {
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

    /** Whether the model knows what {@code q} does to the file it names: READ and WRITE are modelled on pipes and AF_UNIX stream sockets. */
    static boolean modelled(World w, Sqe q) {
        String file = w.fileOf(q.fd());
        return !(q.op().equals("READ") || q.op().equals("WRITE")) || file == null || w.files.get(file) instanceof OpenFile.PipeRead
                || w.files.get(file) instanceof OpenFile.PipeWrite || w.files.get(file) instanceof OpenFile.UnixStream;
    }

    /** kernel: io_poll_wake — a wake-up on {@code file} with {@code key} (0: any) queues the task work of the polls it matches. */
    static void wake(World w, String file, int key) {
        for (Map.Entry<String, OpenFile.IoUring> e : rings(w).entrySet()) {
            List<PollReq> polls = e.getValue().polls().stream().map(p -> p.file().equals(file) && !p.pending()
                    && (key == 0 || (key & p.events()) != 0) ? p.with(true, false) : p).toList();
            w.files.put(e.getKey(), e.getValue().with(e.getValue().cq(), e.getValue().overflow(), polls));
        }
    }

    /**
     * kernel: task_work_run → io_poll_task_func → io_poll_check_events — until no poll is pending,
     * the first one (rings in id order, polls oldest first) runs: a cancelled one posts -ECANCELED
     * and goes, cancelling its chain; one whose file now polls 0 stays armed; else a one-shot poll
     * posts the mask, goes, and issues its chain; a multishot one posts it with IORING_CQE_F_MORE
     * and stays — unless that CQE would not go into the CQ (it is full, or the overflow list holds
     * CQEs): io_req_post_cqe fails, and io_poll_check_events ends the request, which completes
     * with the mask and no F_MORE (onto the overflow list) like a one-shot poll. Then each ring commits once (a registered eventfd is signalled).
     */
    static void taskWork(World w) {
        Map<String, OpenFile.IoUring> before = rings(w);
        for (String id = firstDue(w); id != null; id = firstDue(w)) {
            IoUring.Ring r = new IoUring.Ring(id, (OpenFile.IoUring) w.files.get(id));
            int at = 0;
            while (!r.polls.get(at).pending()) {
                at++;
            }
            PollReq p = r.polls.get(at);
            boolean polled = p.op().equals("POLL_ADD");
            int mask = p.cancelled() || !polled ? 0 : SelectPoll.vfsPoll(w, p.file()) & p.events();
            if (p.cancelled()) {
                r.polls.remove(at);
                r.post(p.userData(), -Errno.ECANCELED.number(), 0);
                if (p.hardlink()) {
                    issue(w, r, p.linked());
                } else {
                    fail(r, p.linked());
                }
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
                IoUring.commit(w, e.getKey(), e.getValue(), new IoUring.Ring(e.getKey(), now));
            }
        }
    }

    /**
     * kernel: io_apoll_task_func → io_req_task_submit — the woken read is issued again: if it
     * still finds nothing it arms its poll again; else it completes and goes, and its chain
     * starts, or is cancelled when the result fails the link.
     */
    private static void reissue(World w, IoUring.Ring r, int at) {
        PollReq p = r.polls.get(at);
        r.polls.set(at, p.with(false, false)); // wake-ups change only flags: the poll keeps its place
        long res = r.through(w, x -> nowait(x, p.file(), p.len())); // the request holds its file
        if (res == -Errno.EAGAIN.number()) {
            return;
        }
        r.polls.remove(at);
        r.post(p.userData(), res, 0);
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

    /** The first ring (in id order) with a pending poll, or null. */
    private static String firstDue(World w) {
        return rings(w).entrySet().stream().filter(e -> e.getValue().polls().stream().anyMatch(PollReq::pending))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** Whether some ring has task work due: no other step is taken first. */
    static boolean due(ProcState s) {
        return s.files().values().stream().anyMatch(f -> f instanceof OpenFile.IoUring r
                && r.polls().stream().anyMatch(PollReq::pending));
    }

    /** The rings by file id, in id order. */
    private static Map<String, OpenFile.IoUring> rings(World w) {
        Map<String, OpenFile.IoUring> m = new TreeMap<>();
        w.files.forEach((id, f) -> {
            if (f instanceof OpenFile.IoUring r) {
                m.put(id, r);
            }
        });
        return m;
    }
}
