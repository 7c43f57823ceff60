package kpath.kernel.completion;

import java.util.List;
import kpath.kernel.Scenario;

import static kpath.kernel.completion.CompletionScenarios.POLLIN;
import static kpath.kernel.completion.CompletionScenarios.scenario;

/** Completion scenarios of io_uring/rw.c and io_uring/net.c (READ, WRITE and RECV on pipes and sockets, their internal polls, and the file a request holds); {@link CompletionScenarios#all} lists them in the battery. */
final class RwScenarios {
    private RwScenarios() {}

    /** include/uapi/asm-generic/poll.h */
    static Scenario readAndRecv() {
        return scenario("io-uring-read-and-recv", """
                IORING_OP_READ and IORING_OP_RECV (U-RCV-01..04, U-RCV-07): on a pipe or socket with data \
                they complete inside io_uring_enter with the bytes read; on an empty one the \
                non-blocking attempt fails with EAGAIN and an internal poll is armed (io_uring/poll.c \
                io_arm_poll_handler), so no CQE comes until a write wakes it and its task work reads \
                again. RECV with MSG_DONTWAIT completes with -EAGAIN at once. ASYNC_CANCEL of an armed \
                RECV: 0, then the RECV's -ECANCELED; RECV on a pipe: -ENOTSOCK. In a link chain a \
                READ that returns fewer bytes than asked fails the link (U-LNK-02: the next member \
                gets -ECANCELED), a short RECV does not; a read armed on a pipe whose writer closes \
                ends with 0 (end of file), short too.""", rec -> {
            long buf = CompletionRecorder.BUFFER;
            String u = rec.setup(4);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            rec.submit(u, List.of(Sqe.read(1, r, 8, buf)), 0, 0);
            rec.reap(u);
            rec.write(w, 3);
            rec.reap(u);
            rec.write(w, 5);
            rec.submit(u, List.of(Sqe.read(2, r, 2, buf), Sqe.read(3, r, 8, buf)), 0, 0);
            rec.reap(u);
            String s = rec.socketpair();
            String peer = "s" + (Integer.parseInt(s.substring(1)) + 1);
            rec.submit(u, List.of(Sqe.recv(4, s, 16, false, buf)), 0, 0);
            rec.reap(u);
            rec.write(peer, 4);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(5, s, 16, true, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.read(6, s, 16, buf)), 0, 0);
            rec.reap(u);
            rec.write(peer, 2);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(7, s, 16, false, buf)), 0, 0);
            rec.submit(u, List.of(Sqe.cancel(8, 7)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(9, r, 16, false, buf)), 0, 0);
            rec.reap(u);
            rec.write(w, 8);
            rec.submit(u, List.of(Sqe.read(10, r, 8, buf).linked(), Sqe.nop(11)), 0, 0);
            rec.reap(u);
            rec.write(w, 3);
            rec.submit(u, List.of(Sqe.read(12, r, 8, buf).linked(), Sqe.nop(13)), 0, 0);
            rec.reap(u);
            rec.write(peer, 3);
            rec.submit(u, List.of(Sqe.recv(14, s, 16, false, buf).linked(), Sqe.nop(15)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.read(16, r, 8, buf).linked(), Sqe.nop(17)), 0, 0);
            rec.reap(u);
            rec.closeFd(w);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario recvPollFirst() {
        return scenario("io-uring-recv-poll-first", """
                IORING_RECVSEND_POLL_FIRST in a RECV's ioprio (U-RCV-06): io_recv returns -EAGAIN before \
                trying while the request has not been polled (io_uring/net.c io_recv: REQ_F_POLLED), so \
                io_queue_async arms the internal poll at once (io_uring/poll.c io_arm_poll_handler). On an \
                empty socket: no CQE until a write. On a socket with data the poll finds it ready and \
                queues task work that receives: the CQE comes after those posted inline by the same \
                submission (a NOP behind it completes first; without the flag the RECV's CQE comes \
                first). With MSG_DONTWAIT too, the -EAGAIN fails the request (REQ_F_NOWAIT) and the data \
                stays. The flag is checked before the socket, so a RECV with it on a pipe arms a poll and \
                gets -ENOTSOCK only when the pipe becomes readable. A ready one is in no cancel table \
                (__io_arm_poll_handler returns before io_poll_req_insert): an ASYNC_CANCEL behind it in \
                the same submission gets -ENOENT, and the RECV its bytes.""", rec -> {
            long buf = CompletionRecorder.BUFFER;
            String u = rec.setup(4);
            String s = rec.socketpair();
            String peer = "s" + (Integer.parseInt(s.substring(1)) + 1);
            rec.submit(u, List.of(Sqe.recvPollFirst(1, s, 16, false, buf)), 0, 0);
            rec.reap(u);
            rec.write(peer, 4);
            rec.reap(u);
            rec.write(peer, 3);
            rec.submit(u, List.of(Sqe.recvPollFirst(2, s, 16, false, buf), Sqe.nop(3)), 0, 0);
            rec.reap(u);
            rec.write(peer, 3);
            rec.submit(u, List.of(Sqe.recv(4, s, 16, false, buf), Sqe.nop(5)), 0, 0);
            rec.reap(u);
            rec.write(peer, 2);
            rec.submit(u, List.of(Sqe.recvPollFirst(6, s, 16, true, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(7, s, 16, false, buf)), 0, 0);
            rec.reap(u);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            rec.submit(u, List.of(Sqe.recvPollFirst(8, r, 16, false, buf)), 0, 0);
            rec.reap(u);
            rec.write(w, 1);
            rec.reap(u);
            rec.write(peer, 3);
            rec.submit(u, List.of(Sqe.recvPollFirst(9, s, 16, false, buf), Sqe.cancel(10, 9)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario recvSockNonempty() {
        return scenario("io-uring-recv-sock-nonempty", """
                IORING_CQE_F_SOCK_NONEMPTY (4) on a RECV that leaves bytes in an AF_UNIX stream socket \
                (U-CQE-04): io_recvmsg_prep_setup sets msg_get_inq for IORING_OP_RECV, io_recv sets \
                msg_inq to -1 before sock_recvmsg, net/unix/af_unix.c unix_stream_read_generic (since 6.17's \
                SO_INQ) writes the receive queue's length left (u->inq_len) into msg_inq when the read \
                succeeded, and io_recv_finish adds the flag when it is above 0. 5 bytes queued: RECV of 2 \
                has 4, so does the next, the third takes the last byte without it. An armed RECV woken by \
                a write of 5 reads 2 in its task work: 4 too. A READ of a socket leaving bytes has no \
                such flag (io_uring/rw.c). Two writes (3 and 4 bytes, two skbs): a RECV of 5 spans \
                them and has the flag, the one taking the rest has not. MSG_DONTWAIT with data: the \
                same. The peer closed with 3 bytes left: a RECV of 2 has the flag, the last byte and \
                end of file (res 0) have not.""", rec -> {
            long buf = CompletionRecorder.BUFFER;
            String u = rec.setup(4);
            String s = rec.socketpair();
            String peer = "s" + (Integer.parseInt(s.substring(1)) + 1);
            rec.write(peer, 5);
            rec.submit(u, List.of(Sqe.recv(1, s, 2, false, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(2, s, 2, false, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(3, s, 2, false, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(4, s, 2, false, buf)), 0, 0);
            rec.reap(u);
            rec.write(peer, 5);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.read(5, s, 2, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(6, s, 16, false, buf)), 0, 0);
            rec.reap(u);
            rec.write(peer, 3);
            rec.write(peer, 4);
            rec.submit(u, List.of(Sqe.recv(7, s, 5, false, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(8, s, 16, false, buf)), 0, 0);
            rec.reap(u);
            rec.write(peer, 3);
            rec.submit(u, List.of(Sqe.recv(9, s, 2, true, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(10, s, 16, true, buf)), 0, 0);
            rec.reap(u);
            rec.write(peer, 3);
            rec.closeFd(peer);
            rec.submit(u, List.of(Sqe.recv(11, s, 2, false, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(12, s, 16, false, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(13, s, 16, false, buf)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario providedBuffers() {
        return scenario("io-uring-provided-buffers", """
                Legacy provided buffers (U-CQE-04: IORING_CQE_F_BUFFER, 1, with the bid in the upper 16 bits, \
                IORING_CQE_BUFFER_SHIFT). IORING_OP_PROVIDE_BUFFERS of 3 buffers of 4 bytes, bids 0..2, to group 7 \
                completes with 0 (io_uring/kbuf.c io_manage_buffers_legacy, io_add_buffers: list_add_tail). A RECV \
                with IOSQE_BUFFER_SELECT and buf_group 7 takes the list's first buffer (io_provided_buffer_select: \
                list_first_entry), lowest bid first, reading at most its length (all of it for len 0): 10 bytes \
                queued, RECV of 0 reads 4 into bid 0 (flags 1 | 4, bytes left), RECV of 2 reads 2 into bid 1, RECV \
                of 16 the last 4 into bid 2. The group empty: -ENOBUFS, on an empty socket and on one with data. \
                PROVIDE_BUFFERS of bids 10 and 11; REMOVE_BUFFERS of 1 removes the first (bid 10) and completes with \
                1; the next RECV gets bid 11. REMOVE_BUFFERS of 5 from the emptied group: 0 (the group stays); of a \
                group never made: -ENOENT.""", rec -> {
            long buf = CompletionRecorder.BUFFER;
            long bufs = CompletionRecorder.BUFFER + 2048;
            String u = rec.setup(4);
            String s = rec.socketpair();
            String peer = "s" + (Integer.parseInt(s.substring(1)) + 1);
            rec.submit(u, List.of(Sqe.provideBuffers(1, 7, 3, 0, 4, bufs)), 0, 0);
            rec.reap(u);
            rec.write(peer, 10);
            rec.submit(u, List.of(Sqe.recv(2, s, 0, false, buf).selecting(7)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(3, s, 2, false, buf).selecting(7)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(4, s, 16, false, buf).selecting(7)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(5, s, 16, false, buf).selecting(7)), 0, 0);
            rec.reap(u);
            rec.write(peer, 3);
            rec.submit(u, List.of(Sqe.recv(6, s, 16, false, buf).selecting(7)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.provideBuffers(7, 7, 2, 10, 8, bufs)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.removeBuffers(8, 7, 1)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(9, s, 16, false, buf).selecting(7)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.removeBuffers(10, 7, 5)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.removeBuffers(11, 9, 1)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario recvPeerCloses() {
        return scenario("io-uring-recv-peer-closes", """
                An armed RECV whose peer closes completes with 0 (U-RCV-09; net/unix/af_unix.c \
                unix_release_sock, unix_stream_read_generic): RECV 1 on an empty AF_UNIX stream \
                socket finds nothing and arms its internal poll (io_arm_poll_handler), no CQE; \
                closing the other end sets the socket's sk_shutdown and wakes its queue \
                (sk_state_change), the task work receives again and finds end of file: res 0. A RECV \
                submitted after that completes with 0 at once.""", rec -> {
            long buf = CompletionRecorder.BUFFER;
            String u = rec.setup(4);
            String s = rec.socketpair();
            String peer = "s" + (Integer.parseInt(s.substring(1)) + 1);
            rec.submit(u, List.of(Sqe.recv(1, s, 16, false, buf)), 0, 0);
            rec.reap(u);
            rec.closeFd(peer);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.recv(2, s, 16, false, buf)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario write() {
        return scenario("io-uring-write", """
                IORING_OP_WRITE on pipes and sockets: it completes inside io_uring_enter with the \
                bytes written, and its wake-up reaches a READ or RECV armed on the other end in the \
                same submission, whose task work completes it before the call returns (CQE order: \
                the write, then the read). On a pipe's read end it is -EBADF (not FMODE_WRITE); \
                once the reader is gone, -EPIPE, which fails its link.""", rec -> {
            long buf = CompletionRecorder.BUFFER;
            String u = rec.setup(4);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            rec.submit(u, List.of(Sqe.read(1, r, 8, buf), Sqe.write(2, w, 3, buf)), 0, 0);
            rec.reap(u);
            String s = rec.socketpair();
            String peer = "s" + (Integer.parseInt(s.substring(1)) + 1);
            rec.submit(u, List.of(Sqe.recv(3, s, 16, false, buf), Sqe.write(4, peer, 5, buf)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.write(5, r, 1, buf)), 0, 0);
            rec.reap(u);
            rec.closeFd(r);
            rec.submit(u, List.of(Sqe.write(6, w, 1, buf).linked(), Sqe.nop(7)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario requestHoldsFile() {
        return scenario("io-uring-request-holds-its-file", """
                A request holds a reference to its file (U-RCV-08): closing the pipe's read end \
                while a POLL_ADD is armed on it does not release the file, so a write still finds a \
                reader and wakes the poll, which completes; only then, the last reference gone, the \
                read end is released and a write fails with EPIPE. The same for an armed READ, \
                which still reads the bytes.""", rec -> {
            String u = rec.setup(4);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            rec.submit(u, List.of(Sqe.pollAdd(1, r, POLLIN, false)), 0, 0);
            rec.closeFd(r);
            rec.write(w, 1);
            rec.reap(u);
            rec.write(w, 1);
            String r1 = rec.pipe2();
            String w1 = "w" + r1.substring(1);
            rec.submit(u, List.of(Sqe.read(2, r1, 8, CompletionRecorder.BUFFER)), 0, 0);
            rec.closeFd(r1);
            rec.write(w1, 3);
            rec.reap(u);
            rec.write(w1, 1);
            rec.close(u);
        });
    }
}
