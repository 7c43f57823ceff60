package kpath.kernel.completion;

import java.util.List;
import kpath.kernel.Scenario;
import static kpath.uapi.IoUringAbi.IORING_ENTER_GETEVENTS;

import static kpath.kernel.completion.CompletionScenarios.POLLIN;
import static kpath.kernel.completion.CompletionScenarios.scenario;

/** Completion scenarios of io_uring/poll.c (IORING_OP_POLL_ADD, POLL_REMOVE and its updates, multishot polls) and io_uring/eventfd.c (a registered eventfd); {@link CompletionScenarios#all} lists them in the battery. */
final class PollScenarios {
    private PollScenarios() {}

    static Scenario pollAddOneshot() {
        return scenario("io-uring-poll-add-oneshot", """
                IORING_OP_POLL_ADD, one-shot (U-POLL-01): on an empty pipe it is armed and posts nothing; \
                a write to the pipe completes it with res = the ready mask (POLLIN), and a second write \
                posts nothing more. On a pipe that is already readable it completes inside \
                io_uring_enter. Each completion is in the ring by the time the write or the enter \
                that caused it has returned (task work runs before the return to user space).""", rec -> {
            String u = rec.setup(4);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            rec.submit(u, List.of(Sqe.pollAdd(1, r, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.write(w, 1);
            rec.reap(u);
            rec.write(w, 1);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(2, r, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.read(r, 8);
            rec.close(u);
        });
    }

    static Scenario pollAddMultishotAndCancel() {
        return scenario("io-uring-poll-add-multishot-and-cancel", """
                A multishot IORING_OP_POLL_ADD on an eventfd (U-POLL-02): each write is a wake-up and \
                posts one CQE with IORING_CQE_F_MORE, while the request stays armed. \
                IORING_OP_ASYNC_CANCEL of it (U-CAN-01) completes with 0 and the poll's last CQE is \
                -ECANCELED without F_MORE; a second cancel of the same user_data finds nothing: \
                -ENOENT.""", rec -> {
            String u = rec.setup(4);
            String v = rec.eventfd();
            rec.submit(u, List.of(Sqe.pollAdd(1, v, POLLIN, true)), 0, 0);
            rec.reap(u);
            rec.write(v, 1);
            rec.reap(u);
            rec.write(v, 1);
            rec.reap(u);
            rec.read(v, 8);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(2, 1)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(3, 1)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    /**
     * U-POL-05 without DEFER_TASKRUN: a multishot poll for POLLIN|POLLOUT on a socketpair end whose
     * send buffer is past unix_writable reports POLLIN when the peer sends and POLLOUT when the peer
     * reads.
     */
    static Scenario multishotInAndOut() {
        return CompletionScenarios.withUnixSend("io-uring-poll-multishot-in-and-out", """
                A multishot POLL_ADD of POLLIN|POLLOUT on a socketpair end s0 whose send buffer holds \
                too much to be writable (U-POL-05, liburing test/poll.c test_missing_events, on a ring \
                without IORING_SETUP_DEFER_TASKRUN): SO_SNDBUF 1 makes sk_sndbuf SOCK_MIN_SNDBUF \
                (net/core/sock.c __sock_set_sndbuf), and two 2-byte sends charge s0 two skbs' \
                truesize (the header's af-unix-send, measured with SIOCOUTQ), past unix_writable's \
                four times the refcount, so the poll finds neither bit and waits. s1's send wakes s0 \
                with POLLIN (sock_def_readable); s1's read frees s0's skbs, and sock_wfree -> \
                unix_write_space wakes it with POLLOUT once it is writable. The CQEs' masks together \
                hold both.""", 2, rec -> {
            String u = rec.setup(4);
            String[] s = PollScenarios.fullSenderPolled(rec, u);
            String s0 = s[0];
            String s1 = s[1];
            rec.write(s1, 2);
            rec.reap(u);
            rec.read(s1, 4096);
            rec.reap(u);
            rec.read(s0, 4096);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(2, 1)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario pollRemove() {
        return scenario("io-uring-poll-remove", """
                IORING_OP_POLL_REMOVE (U-POL-08), without update flags: io_uring/poll.c io_poll_remove \
                looks only for POLL_ADD requests (io_poll_find with poll_only), so a READ waiting on \
                its internal poll is not found (-ENOENT) where ASYNC_CANCEL finds it; a waiting \
                POLL_ADD is taken off its queue (io_poll_disarm): the remove completes with 0 and the \
                poll with -ECANCELED; removing it again finds nothing (-ENOENT). A multishot poll whose \
                file is ready when armed has its task work queued already, so a POLL_REMOVE in the \
                same submission cannot take it (io_poll_get_ownership fails): -EALREADY, and the \
                poll posts its CQE with IORING_CQE_F_MORE; a later remove takes it. The uapi's \
                IORING_POLL_ADD_LEVEL (U-POL-10) is refused: io_poll_add_prep allows no len flag but \
                IORING_POLL_ADD_MULTI, so the SQE fails to initialise (-EINVAL) and, like an invalid \
                opcode, stops the submission: the NOP behind it stays in the SQ until the next enter.""", rec -> {
            long buf = CompletionRecorder.BUFFER;
            String u = rec.setup(8);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            rec.submit(u, List.of(Sqe.pollAdd(1, r, POLLIN, false), Sqe.read(2, r, 8, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollRemove(3, 2)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollRemove(4, 1)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollRemove(5, 1)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(6, w, kpath.uapi.Mask.OUT, true), Sqe.pollRemove(7, 6)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollRemove(8, 6)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(9, 2)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAddLevel(10, r, POLLIN), Sqe.nop(11)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario pollUpdate() {
        return scenario("io-uring-poll-update", """
                IORING_OP_POLL_REMOVE with update flags in len (U-POL-07, U-POL-08; io_uring/poll.c \
                io_poll_remove_prep, io_poll_remove): IORING_POLL_UPDATE_USER_DATA gives the armed \
                POLL_ADD the SQE's off as its user_data and IORING_POLL_UPDATE_EVENTS the SQE's \
                poll32_events; the poll is taken off its queue and armed again (io_poll_add), so it \
                completes at once when the file is ready for the new events. The update completes \
                with 0; the old user_data then finds nothing (-ENOENT). A multishot poll stays \
                multishot (only the event bits change). An update of a poll whose task work is queued \
                is -EALREADY; of one that does not exist -ENOENT; IORING_POLL_ADD_MULTI alone in len \
                is refused at init (-EINVAL, the submission stops).""", rec -> {
            String u = rec.setup(8);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            rec.submit(u, List.of(Sqe.pollAdd(1, r, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollUpdate(2, 1, null, 3L, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollUpdate(4, 1, null, 5L, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(6, w, POLLIN, false)), 0, 0);
            rec.submit(u, List.of(Sqe.pollUpdate(7, 6, kpath.uapi.Mask.OUT, null, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollUpdate(8, 3, POLLIN | kpath.uapi.Mask.PRI, 9L, false)), 0, 0);
            rec.reap(u);
            rec.write(w, 1);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(10, r, POLLIN, true), Sqe.pollUpdate(11, 10, null, 12L, false)), 0, 0);
            rec.reap(u);
            rec.read(r, 8);
            rec.submit(u, List.of(Sqe.pollUpdate(13, 10, null, 12L, false)), 0, 0);
            rec.reap(u);
            rec.write(w, 1);
            rec.reap(u);
            rec.read(r, 8);
            rec.submit(u, List.of(Sqe.pollRemove(14, 12)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollUpdate(15, 99, POLLIN, null, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollUpdate(16, 99, null, null, true), Sqe.nop(17)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario multishotOverflow() {
        return scenario("io-uring-multishot-poll-overflow", """
                A multishot POLL_ADD whose CQE finds the CQ full (U-OVF-08): io_poll_check_events \
                cannot post the CQE with IORING_CQE_F_MORE beside the ring, so it ends the request: \
                the last CQE goes onto the overflow list without F_MORE, and later wake-ups post \
                nothing. A 1-entry ring (CQ 2), a multishot poll of an empty pipe, then write and \
                read cycles without reaping.""", rec -> {
            String u = rec.setup(1);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            rec.submit(u, List.of(Sqe.pollAdd(1, r, POLLIN, true)), 0, 0);
            for (int i = 0; i < 4; i++) {
                rec.write(w, 1);
                rec.read(r, 1);
            }
            rec.reap(u);
            rec.submit(u, List.of(), 0, IORING_ENTER_GETEVENTS);
            rec.reap(u);
            rec.write(w, 1);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario registeredEventfd() {
        return scenario("io-uring-registered-eventfd", """
                IORING_REGISTER_EVENTFD (U-EVFD-01): the ring signals a registered eventfd when it \
                posts completions to the CQ: once per io_uring_enter that posted any, however many \
                (two NOPs: 1); a batch whose last CQE overflowed signals for those that fit; a \
                CQE that only overflows, behind others waiting, signals nothing; the GETEVENTS flush \
                signals; so does a poll's completion from its task work. The counter is read after each.""", rec -> {
            String u = rec.setup(2);
            String v = rec.eventfd();
            rec.registerEventfd(u, v);
            rec.enter(u, List.of(1L, 2L), 0, 0);
            rec.read(v, 8);
            rec.enter(u, List.of(3L), 0, 0);
            rec.read(v, 8);
            rec.enter(u, List.of(4L, 5L), 0, 0);
            rec.read(v, 8);
            rec.reap(u);
            rec.enter(u, List.of(6L), 0, 0);
            rec.read(v, 8);
            rec.enter(u, List.of(), 0, IORING_ENTER_GETEVENTS);
            rec.read(v, 8);
            rec.reap(u);
            String r = rec.pipe2();
            rec.submit(u, List.of(Sqe.pollAdd(4, r, POLLIN, false)), 0, 0);
            rec.read(v, 8);
            rec.write("w" + r.substring(1), 1);
            rec.read(v, 8);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario pollOfOwnEventfdOneShot() {
        return scenario("io-uring-poll-own-eventfd-oneshot", """
                A wake-up from the ring itself makes a multishot poll one-shot (U-POL-06; \
                io_uring/poll.c io_poll_wake, io_uring/eventfd.c __io_eventfd_signal): a multishot \
                POLL_ADD of the ring's own registered eventfd waits; a NOP's completion signals the \
                eventfd with EPOLL_URING_WAKE, and io_poll_wake sets EPOLLONESHOT, so the poll's CQE \
                comes without IORING_CQE_F_MORE and the request ends: the next NOP's signal brings no \
                CQE. The counter is read after: one signal per commit that posted (the NOP's, the \
                poll's from its task work, the second NOP's). A multishot poll of it that a write \
                wakes posts with F_MORE; the ring's signal for that CQE comes at the flush after the \
                task work (io_req_post_cqe only sets cq_flush), when the poll is armed again and not \
                owned, and makes it one-shot: a second CQE without F_MORE, and the request ends.""", rec -> {
            String u = rec.setup(4);
            String v = rec.eventfd();
            rec.registerEventfd(u, v);
            rec.submit(u, List.of(Sqe.pollAdd(1, v, POLLIN, true)), 0, 0);
            rec.reap(u);
            rec.enter(u, List.of(2L), 0, 0);
            rec.reap(u);
            rec.enter(u, List.of(3L), 0, 0);
            rec.reap(u);
            rec.read(v, 8);
            rec.submit(u, List.of(Sqe.pollAdd(4, v, POLLIN, true)), 0, 0);
            rec.reap(u);
            rec.write(v, 1);
            rec.reap(u);
            rec.read(v, 8);
            rec.close(u);
        });
    }

    /**
     * U-POL-05's start, on ring {@code u} of either kind: a socketpair whose s0 has SO_SNDBUF 1 (read
     * back) and two 2-byte sends charged, past unix_writable, then a multishot POLLIN|POLLOUT poll of
     * s0 (user_data 1) submitted and the CQ reaped; s0's and s1's names.
     */
    static String[] fullSenderPolled(CompletionRecorder rec, String u) {
        String s0 = rec.socketpair();
        String s1 = "s" + (Integer.parseInt(s0.substring(1)) + 1);
        rec.setsockoptSndbuf(s0, 1);
        rec.getsockoptSndbuf(s0);
        rec.write(s0, 2);
        rec.write(s0, 2);
        rec.submit(u, List.of(Sqe.pollAdd(1, s0, POLLIN | kpath.uapi.Mask.OUT, true)), 0, 0);
        rec.reap(u);
        return new String[] {s0, s1};
    }
}
