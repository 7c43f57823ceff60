package kpath.model.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import kpath.model.proc.OpenFile.PollReq;
import kpath.uapi.Errno;

/**
 * IORING_OP_RECV with IOSQE_ASYNC (open question 5, U-RCV-05): io_init_req sets REQ_F_FORCE_ASYNC,
 * io_submit_sqe hands the request to io-wq without an inline try (io_queue_sqe_fallback →
 * io_queue_iowq), and an io-wq worker issues it (io_uring/io_uring.c io_wq_submit_work): the opcode
 * polls (def->pollin) and the socket can be polled, so it issues it non-blocking
 * (IO_URING_F_NONBLOCK: io_uring/net.c io_recv adds MSG_DONTWAIT) and, on -EAGAIN, arms a poll
 * (io_arm_poll_handler, IO_APOLL_OK) and returns. The wake-up's task work (io_apoll_task_func →
 * io_req_task_submit) sees REQ_F_FORCE_ASYNC still set and queues it to io-wq again; the worker's
 * next try reads, and io_req_complete_post posts the CQE from the worker. So an empty O_NONBLOCK
 * socket never completes it with -EAGAIN: it stays pending until the peer sends.
 *
 * <p>The race: if the socket became readable between the worker's try and its poll's arming,
 * io_arm_poll_handler returns IO_APOLL_READY and the worker retries *blocking*; should another
 * reader take the bytes in between, IORING_OP_RECV's sock_recvmsg has no MSG_DONTWAIT and O_NONBLOCK
 * is not looked at (unix_stream_read_generic: sock_rcvtimeo(sk, flags &amp; MSG_DONTWAIT)), so the
 * worker sleeps, and -EAGAIN still cannot surface; IORING_OP_RECVMSG's ____sys_recvmsg (net/socket.c)
 * ORs in MSG_DONTWAIT for an O_NONBLOCK file, so there it could. The model takes a worker's try
 * and its arming as one step: that window is not modelled (RECVMSG is not an opcode of the model).
 *
 * <p>In the model the request is a {@link PollReq} (op RECV) of its ring whose user_data is in
 * {@link OpenFile.IoUring#forcedAsync}: without events while it waits for a worker (on no wait
 * queue), with the read's poll mask once armed.
 */
final class IoWqRecv {
    private IoWqRecv() {}

    /**
     * Whether the model knows the SQEs' IOSQE_ASYNC on ring {@code ring}: only on a RECV of an AF_UNIX
     * stream socket, alone (no other IOSQE flag, no link, not following a link flag, no MSG_DONTWAIT —
     * REQ_F_NOWAIT makes the worker's -EAGAIN final, posted by task work —, no POLL_FIRST, no buffer
     * select), on a ring that is neither SQPOLL nor DEFER_TASKRUN, with a user_data no other request of
     * the ring or SQE of the call has. While such a RECV is alive (or submitted) an ASYNC_CANCEL or
     * POLL_REMOVE (which could find it in io-wq or armed) and another SQE with its user_data are not
     * modelled.
     */
    static boolean modelled(World w, OpenFile.IoUring ring, List<Sqe> all) {
        List<Long> alive = new ArrayList<>(ring.forcedAsync());
        for (int i = 0; i < all.size(); i++) {
            Sqe q = all.get(i);
            if (!q.async()) {
                continue;
            }
            long ud = q.userData();
            boolean clash = ring.polls().stream().anyMatch(p -> p.userData() == ud)
                    || all.stream().filter(x -> x != q).anyMatch(x -> x.userData() == ud);
            if (!q.op().equals("RECV") || q.link() || q.drain() || q.skip() || q.dontwait() || q.pollFirst() || q.bufGroup() >= 0
                    || i > 0 && all.get(i - 1).link() || ring.sqpoll() || ring.deferTaskrun() || clash
                    || !(w.fileOf(q.fd()) != null && w.files.get(w.fileOf(q.fd())) instanceof OpenFile.UnixStream)) {
                return false;
            }
            alive.add(ud);
        }
        return alive.isEmpty() || all.stream().noneMatch(x -> !x.async() && (x.op().equals("ASYNC_CANCEL") || x.op().equals("POLL_REMOVE")
                || alive.contains(x.userData())));
    }

    /**
     * kernel: io_submit_sqe → io_queue_sqe_fallback → io_queue_iowq — the request goes to io-wq (it
     * holds its socket: the model keeps a close of it meanwhile out, see {@link #work}).
     */
    static void queue(World w, IoUring.Ring r, Sqe q) {
        r.polls.add(new PollReq(q.userData(), w.fileOf(q.fd()), 0, false, false, false, List.of(), false, "RECV", q.len()));
        r.forcedAsync.add(q.userData());
    }

    /** Whether the poll {@code p} of ring {@code r} is a forced-async RECV's (its task work queues it to io-wq again). */
    static boolean forced(IoUring.Ring r, PollReq p) {
        return r.forcedAsync.contains(p.userData());
    }

    /**
     * kernel: io_apoll_task_func → io_req_task_submit — "else if (req->flags &amp; REQ_F_FORCE_ASYNC)
     * io_queue_iowq(req)": the woken request leaves the socket's queue (io_poll_remove_entries) and
     * waits for a worker again.
     */
    static void requeue(IoUring.Ring r, int at) {
        PollReq p = r.polls.get(at);
        r.polls.set(at, new PollReq(p.userData(), p.file(), 0, false, false, false, p.linked(), p.hardlink(), p.op(), p.len()));
    }

    /**
     * Hidden: an io-wq worker runs a queued forced-async RECV (io_wq_submit_work), at its own time:
     * the non-blocking read ({@link IoPoll#nowait}); -EAGAIN arms its poll (io_arm_poll_handler,
     * IO_APOLL_OK; the ready window, IO_APOLL_READY, is one step here); anything else — bytes, 0 at
     * the peer's close — completes it: io_req_complete_post posts the CQE (with
     * IORING_CQE_F_SOCK_NONEMPTY when bytes are left, io_recv_finish) and commits; the request waits
     * for its free ({@link IoUring#ioWqFree}). One world per queued request. None while no fd refers
     * to the socket any more (the worker's fget of a closed fd, -EBADF: not modelled).
     */
    static List<World> work(ProcState s) {
        List<World> out = new ArrayList<>();
        for (var e : new TreeMap<>(s.files()).entrySet()) {
            if (!(e.getValue() instanceof OpenFile.IoUring ring) || ring.forcedAsync().isEmpty()) {
                continue;
            }
            for (int i = 0; i < ring.polls().size(); i++) {
                PollReq p = ring.polls().get(i);
                if (!ring.forcedAsync().contains(p.userData()) || p.events() != 0 || p.pending() || !s.fds().containsValue(p.file())) {
                    continue;
                }
                World w = new World(s);
                w.ret = s.ret();
                w.out = s.out();
                IoUring.Ring r = new IoUring.Ring(e.getKey(), ring);
                long res = r.through(w, x -> IoPoll.nowait(x, p.file(), p.len()));
                if (res == -Errno.EAGAIN.number()) {
                    r.polls.set(i, new PollReq(p.userData(), p.file(), IoPoll.APOLL_IN, false, false, false, p.linked(), p.hardlink(),
                            p.op(), p.len()));
                } else {
                    r.polls.remove(i);
                    r.forcedAsync.remove(Long.valueOf(p.userData()));
                    r.post(p.userData(), res, IoPoll.recvFlags(w, p.file(), res));
                    r.unfreed++;
                }
                IoUring.commit(w, e.getKey(), ring, r);
                if (res != -Errno.EAGAIN.number()) {
                    FileTable.unref(w, p.file()); // the request's file goes with it (io_put_file)
                }
                out.add(w);
            }
        }
        return out;
    }
}
