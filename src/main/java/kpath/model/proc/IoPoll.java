package kpath.model.proc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kpath.model.proc.OpenFile.PollReq;
import kpath.model.proc.ProcAction.Sqe;
import kpath.uapi.Errno;
import kpath.uapi.IoUringAbi;
import kpath.uapi.Mask;

/**
 * io_uring/poll.c and io_uring/cancel.c: IORING_OP_POLL_ADD (one-shot and multishot), the wake-up
 * that reaches an armed poll (io_poll_wake), its task work (io_poll_task_func), and
 * IORING_OP_ASYNC_CANCEL of a poll. The task work runs before the submitter returns to user space
 * and is a step of its own here ({@link ProcAction.IoUringTaskWork}), due at once.
 */
final class IoPoll {
    private IoPoll() {}

    /** io_uring/poll.c IO_POLL_UNMASK: the bits every poll request waits for besides those asked. */
    static final int UNMASK = Mask.ERR | Mask.HUP | Mask.NVAL | Mask.RDHUP;

    /**
     * kernel: io_poll_add → __io_arm_poll_handler — polls the file at once: a one-shot request
     * finding it ready completes inline with the mask; a multishot one is armed with its task work
     * queued (it posts with IORING_CQE_F_MORE); else it waits on the file's queue. A bad fd fails
     * the request with -EBADF.
     */
    static void add(World w, IoUring.Ring r, Sqe q) {
        String file = w.fileOf(q.fd());
        if (file == null) {
            r.post(q.userData(), -Errno.EBADF.number(), 0);
            return;
        }
        int events = q.events() | UNMASK;
        int mask = SelectPoll.vfsPoll(w, file) & events;
        if (mask != 0 && !q.multishot()) {
            r.post(q.userData(), mask, 0);
            return;
        }
        r.polls.add(new PollReq(q.userData(), file, events, q.multishot(), mask != 0, false));
    }

    /**
     * kernel: io_async_cancel → io_poll_cancel — a poll with that user_data is taken off its queue
     * and its task work posts -ECANCELED (io_req_task_queue_fail); the cancel itself completes
     * with 0, or -ENOENT when no request matches.
     */
    static void cancel(IoUring.Ring r, Sqe q) {
        for (int i = 0; i < r.polls.size(); i++) {
            PollReq p = r.polls.get(i);
            if (p.userData() == q.target() && !p.cancelled()) {
                r.polls.set(i, new PollReq(p.userData(), p.file(), p.events(), p.multishot(), true, true));
                r.post(q.userData(), 0, 0);
                return;
            }
        }
        r.post(q.userData(), -Errno.ENOENT.number(), 0);
    }

    /** kernel: io_poll_wake — a wake-up on {@code file} with {@code key} (0: any) queues the task work of the polls it matches. */
    static void wake(World w, String file, int key) {
        for (Map.Entry<String, OpenFile.IoUring> e : rings(w).entrySet()) {
            List<PollReq> polls = e.getValue().polls().stream().map(p -> p.file().equals(file) && !p.pending()
                    && (key == 0 || (key & p.events()) != 0)
                    ? new PollReq(p.userData(), p.file(), p.events(), p.multishot(), true, false) : p).toList();
            w.files.put(e.getKey(), e.getValue().with(e.getValue().cq(), e.getValue().overflow(), polls));
        }
    }

    /**
     * kernel: io_poll_task_func → io_poll_check_events — each pending poll, oldest first, polls its
     * file again: a cancelled one posts -ECANCELED and goes; a mask of 0 leaves it armed; else a
     * one-shot poll posts the mask and goes, a multishot one posts it with IORING_CQE_F_MORE and stays.
     */
    static void taskWork(World w) {
        for (String id : rings(w).keySet()) {
            IoUring.Ring r = new IoUring.Ring((OpenFile.IoUring) w.files.get(id));
            for (PollReq p : List.copyOf(r.polls)) {
                if (!p.pending()) {
                    continue;
                }
                int at = r.polls.indexOf(p);
                if (p.cancelled()) {
                    r.polls.remove(at);
                    r.post(p.userData(), -Errno.ECANCELED.number(), 0);
                    continue;
                }
                int mask = w.files.containsKey(p.file()) ? SelectPoll.vfsPoll(w, p.file()) & p.events() : 0;
                if (mask == 0) {
                    r.polls.set(at, new PollReq(p.userData(), p.file(), p.events(), p.multishot(), false, false));
                } else if (p.multishot()) {
                    r.polls.set(at, new PollReq(p.userData(), p.file(), p.events(), true, false, false));
                    r.post(p.userData(), mask, IoUringAbi.IORING_CQE_F_MORE);
                } else {
                    r.polls.remove(at);
                    r.post(p.userData(), mask, 0);
                }
            }
            w.files.put(id, r.freeze());
        }
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
