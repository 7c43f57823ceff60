package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.PollReq;
import kpath.model.proc.Sqe;
import kpath.uapi.Errno;

/**
 * io_uring/timeout.c: IORING_OP_LINK_TIMEOUT behind a POLL_ADD. While its head waits the armed
 * timer is the LINK_TIMEOUT SQE at the head of the poll's chain ({@link PollReq#linked}); once it
 * fired or was disarmed it is a request of op LINK_TIMEOUT in the ring's list with its task work
 * queued: no file and no events, since link timeouts sit on ctx->ltimeout_list, which no cancel
 * searches (io_try_cancel → io_timeout_cancel walks ctx->timeout_list), and len its head's user_data.
 */
final class IoTimeout {
    private IoTimeout() {}

    static final String OP = "LINK_TIMEOUT";

    /**
     * Whether the model knows what the LINK_TIMEOUTs among the SQEs do: each is the second and last
     * member of a chain whose head is a valid POLL_ADD with IOSQE_IO_LINK (not HARDLINK), and no
     * timer with its user_data is armed on the ring (the hidden step names a timer by its
     * user_data). Timeouts behind other opcodes or in longer chains, and the prep errors
     * (__io_timeout_prep: no head, a LINK_TIMEOUT behind a LINK_TIMEOUT), are not modelled.
     */
    static boolean modelled(OpenFile.IoUring ring, List<Sqe> all) {
        for (int i = 0; i < all.size(); i++) {
            Sqe q = all.get(i);
            if (!q.op().equals(OP)) {
                continue;
            }
            Sqe head = i > 0 ? all.get(i - 1) : null;
            if (head == null || !head.op().equals("POLL_ADD") || head.len() != 0 || !head.link() || head.hardlink()
                    || i > 1 && all.get(i - 2).link() || q.link() || armed(ring, q.userData())
                    || all.stream().filter(x -> x.op().equals(OP) && x.userData() == q.userData()).count() > 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether ring {@code ring} has a LINK_TIMEOUT with this user_data armed. (One whose task work
     * is queued needs no look: while it is, no call is a step.)
     */
    private static boolean armed(OpenFile.IoUring ring, long userData) {
        return ring.polls().stream().anyMatch(p -> !p.linked().isEmpty() && p.linked().getFirst().op().equals(OP)
                && p.linked().getFirst().userData() == userData);
    }

    /**
     * kernel: io_disarm_next — the head completed (inline, from its task work, or failed): the timer
     * is cancelled (__io_disarm_linked_timeout: hrtimer_try_to_cancel; or, never armed, the
     * REQ_F_ARM_LTIMEOUT branch) and io_req_queue_tw_complete(link, -ECANCELED) queues the timeout's
     * task work, behind any queued before: it posts -ECANCELED then.
     */
    static void disarm(IoUring.Ring r, Sqe q) {
        r.polls.add(new PollReq(q.userData(), "", 0, false, true, true, List.of(), false, OP, 0));
    }

    /**
     * Hidden: kernel: io_link_timeout_fn — the timer of the LINK_TIMEOUT {@code userData} fires while
     * its head waits: io_remove_next_linked takes it out of the head's chain, the head gains a
     * reference (timeout->prev), and io_req_task_link_timeout is queued as task work
     * (io_req_task_work_add). The first ring in id order, the first poll, holding it; null when none.
     */
    static ProcRule fire(World w, long userData) {
        for (var e : new java.util.TreeMap<>(w.files).entrySet()) {
            if (!(e.getValue() instanceof OpenFile.IoUring ring)) {
                continue;
            }
            for (int i = 0; i < ring.polls().size(); i++) {
                PollReq p = ring.polls().get(i);
                if (!p.linked().isEmpty() && p.linked().getFirst().op().equals(OP) && p.linked().getFirst().userData() == userData) {
                    IoUring.Ring r = new IoUring.Ring(e.getKey(), ring);
                    r.polls.set(i, new PollReq(p.userData(), p.file(), p.events(), p.multishot(), p.pending(), p.cancelled(),
                            p.linked().subList(1, p.linked().size()), p.hardlink(), p.op(), p.len()));
                    r.polls.add(new PollReq(userData, "", 0, false, true, false, List.of(), false, OP, p.userData()));
                    w.files.put(e.getKey(), r.freeze());
                    return ProcRule.IoLinkTimeoutFn;
                }
            }
        }
        return null;
    }

    /**
     * kernel: io_req_task_link_timeout, the task work of a fired timer {@code t} (taken off the
     * list): io_try_cancel of its head's user_data (cancel flags 0: the first request in the cancel
     * table's walk with that user_data, {@link IoPoll#cancelMatch}) marks the head cancelled and
     * queues its task work, behind this one, which posts -ECANCELED; the timeout completes with
     * "ret ?: -ETIME": -ETIME, or -ENOENT when nothing was found. Its CQE comes first: it is posted
     * by this task work's flush, the head's by its own task work after.
     */
    static long expired(IoUring.Ring r, PollReq t) {
        Sqe byUserData = Sqe.cancel(0, t.len());
        int i = IoPoll.first(r, p -> IoPoll.cancelMatch(byUserData, null, p));
        if (i < 0) {
            return -Errno.ENOENT.number();
        }
        IoPoll.take(r, i);
        return -Errno.ETIME.number();
    }
}
