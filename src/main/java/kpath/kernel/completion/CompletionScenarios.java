package kpath.kernel.completion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.stream.LongStream;
import kpath.kernel.Fds;
import kpath.kernel.LibcIoUring;
import kpath.kernel.PrivilegeException;
import kpath.kernel.ProcNet;
import kpath.kernel.Scenario;
import kpath.kernel.TaskThreads;
import kpath.trace.Trace;

import kpath.kernel.completion.CompletionRecorder.Sqe;

import kpath.uapi.AioAbi;

import static kpath.uapi.IoUringAbi.IORING_ENTER_GETEVENTS;
import static kpath.uapi.IoUringAbi.IORING_SETUP_CLAMP;
import static kpath.uapi.IoUringAbi.IORING_SETUP_CQSIZE;
import static kpath.uapi.IoUringAbi.IORING_SETUP_NO_SQARRAY;

/**
 * The battery of completion scenarios: io_uring's rings, sizes, NOPs and CQ overflow, in one
 * unprivileged process in the host namespace. Row ids (U-SET-01, U-OVF-04, ...) refer to the
 * completions catalogue. Where io_uring is switched off ({@code kernel.io_uring_disabled = 2}) each
 * io_uring scenario is skipped with that reason; the native AIO ones ({@link AioScenarios}) still run. Traces go to {@code traces/completion/<name>.trace}.
 */
public final class CompletionScenarios {

    /** The kernel path these scenarios record: the {@code path:} header of their traces and their traces/ folder. */
    public static final String PATH = "completion";

    private CompletionScenarios() {}

    /** The whole battery, in capture order. */
    public static List<Scenario> all() {
        return List.of(setupSizesAndErrors(), setupFlags(), enterErrors(), enterFlags(), overflowKeptAndFlushed(), overflowKeepsOrder(),
                pollAddOneshot(), pollAddMultishotAndCancel(), links(), registeredEventfd(), readAndRecv(), recvPollFirst(),
                submitStopsAtInvalid(), write(), multishotOverflow(), requestHoldsFile(), pollRemove(), cancelFlags(), cancelMatchFlags(), pollUpdate(),
                AioScenarios.aioPoll(), AioScenarios.submitStopsShort(), AioScenarios.cancelPoll(),
                AioScenarios.resfd(), AioScenarios.preadPwritePipe(), AioScenarios.preadPwriteUnix(),
                AioScenarios.preadRegularFile(), AioScenarios.fsync(), AioScenarios.submitEagainWhenSlotsAreHeld(), AioScenarios.setupMapsTheRing(),
                AioScenarios.pollOfAFileWithoutPoll(),
                AioScenarios.pollHoldsItsFile(), AioScenarios.setupLimits(), TaskScenarios.enterSleeps(),
                TaskScenarios.geteventsSleeps(), TaskScenarios.ringPollWoken(), TaskScenarios.ringEpollWoken(),
                TaskScenarios.submitSleepsOnBlockingPipe(), TaskScenarios.submitSleepsOnBlockingUnix(), TaskScenarios.destroyWhileSubmitSleeps(), AioScenarios.rwFlagsNowait(), AioScenarios.submitEinvalFields(),
                TaskScenarios.destroyPutsPolledFileLater(), TaskScenarios.enterTimeout(),
                TaskScenarios.drain(), drainAfterSkip(), pollOfOwnEventfdOneShot(), sqArrayDropped(), ringOffsets(), noSqArray(),
                TaskScenarios.linkEndsWithTheCall(), linkChainOf100(), recvPeerCloses(),
                TaskScenarios.ringCloseCancelsLater());
    }

    /** The scenario called {@code name}, if the battery has one. */
    public static Optional<Scenario> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    static Scenario setupSizesAndErrors() {
        return scenario("io-uring-setup-sizes-and-errors", """
                io_uring_setup rounds entries up to a power of two and makes the CQ twice the SQ \
                (U-SET-01: 1 -> 1/2, 3 -> 4/8, 4 -> 4/8); 0 entries and more than IORING_MAX_ENTRIES \
                (32768) are EINVAL (U-SET-02, U-SET-03).""", rec -> {
            for (int entries : new int[] {1, 3, 4}) {
                String u = rec.setup(entries);
                rec.close(u);
            }
            rec.setup(0);
            rec.setup(32769);
        });
    }

    static Scenario setupFlags() {
        return scenario("io-uring-setup-flags", """
                io_uring_setup's params (io_uring/io_uring.c io_uring_setup, io_uring_fill_params): \
                IORING_SETUP_CLAMP makes 40000 entries 32768 instead of EINVAL (U-SET-03); \
                IORING_SETUP_CQSIZE takes the CQ's size from cq_entries, rounded up to a power of \
                two (64 -> 64, 100 -> 128), compared with the SQ only after both are rounded (3 and \
                3 -> 4/4), EINVAL for 0, for one smaller than the SQ (8 and 4) and for more than \
                IORING_MAX_CQ_ENTRIES (65536) unless CLAMP clamps it (U-SET-04); a flag no 6.18 \
                kernel has and a reserved field set are EINVAL (U-SET-05).""", rec -> {
            rec.close(rec.setup(40000, IORING_SETUP_CLAMP, 0, false));
            rec.close(rec.setup(4, IORING_SETUP_CQSIZE, 64, false));
            rec.close(rec.setup(4, IORING_SETUP_CQSIZE, 100, false));
            rec.close(rec.setup(3, IORING_SETUP_CQSIZE, 3, false));
            rec.setup(4, IORING_SETUP_CQSIZE, 0, false);
            rec.setup(8, IORING_SETUP_CQSIZE, 4, false);
            rec.setup(4, IORING_SETUP_CQSIZE, 65537, false);
            rec.close(rec.setup(4, IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP, 100000, false));
            rec.setup(4, 1 << 31, 0, false);
            rec.setup(4, 0, 0, true);
        });
    }

    static Scenario enterErrors() {
        return scenario("io-uring-enter-errors", """
                io_uring_enter on a pipe is EOPNOTSUPP and on a closed ring's fd EBADF (U-ENT-05); \
                with nothing queued it submits nothing and returns 0 (U-ENT-01); a NOP completes inline \
                with res 0 and its user_data (U-CQE-01, U-CQE-03).""", rec -> {
            String u = rec.setup(2);
            String r = rec.pipe2();
            rec.enterOn(r, rec.fd(r));
            rec.enter(u, List.of(), 0, 0);
            rec.enter(u, List.of(7L), 1, IORING_ENTER_GETEVENTS);
            rec.reap(u);
            int fd = rec.fd(u);
            rec.close(u);
            rec.enterOn(u, fd);
        });
    }

    static Scenario enterFlags() {
        return scenario("io-uring-enter-flags", """
                io_uring_enter refuses a flag outside IORING_ENTER_FLAGS with EINVAL before it looks \
                at the fd (U-ENT-05; io_uring/io_uring.c io_uring_enter): on the ring (0x100, the \
                first bit 6.18 has no flag for), on a pipe (EINVAL, not EOPNOTSUPP) and on fd -1 \
                (EINVAL, not EBADF); fd -1 with flags 0 is EBADF; the ring still works after.""", rec -> {
            String u = rec.setup(2);
            String r = rec.pipe2();
            rec.enterWithFlags(u, rec.fd(u), 0x100);
            rec.enterWithFlags(r, rec.fd(r), 1 << 31);
            rec.enterWithFlags("-1", -1, 1 << 31);
            rec.enterOn("-1", -1);
            rec.enter(u, List.of(), 0, 0);
            rec.close(u);
        });
    }

    static Scenario overflowKeptAndFlushed() {
        return scenario("io-uring-cq-overflow-kept-and-flushed", """
                A 2-entry ring has a 4-entry CQ. Six NOPs, two per io_uring_enter and nobody reaping: the \
                first four fill the CQ, the other two wait on the overflow list (IORING_FEAT_NODROP: \
                nothing dropped, cq_overflow 0) and IORING_SQ_CQ_OVERFLOW is set (U-OVF-01, U-OVF-03). \
                Reaping frees the CQ but moves nothing in; nor does an io_uring_enter without \
                IORING_ENTER_GETEVENTS (U-OVF-05, open question 2); one with it flushes the list in \
                order and clears the flag.""", rec -> {
            String u = rec.setup(2);
            for (long batch = 0; batch < 3; batch++) {
                rec.enter(u, List.of(2 * batch + 1, 2 * batch + 2), 0, 0);
            }
            rec.reap(u);
            rec.reap(u);
            rec.enter(u, List.of(), 0, 0);
            rec.reap(u);
            rec.enter(u, List.of(), 0, IORING_ENTER_GETEVENTS);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario overflowKeepsOrder() {
        return scenario("io-uring-cq-overflow-keeps-order", """
                While completions wait on the overflow list, a new one goes there too, even when the CQ \
                has room, so completions reach the ring in order (U-OVF-04, io_uring.c \
                io_cqe_cache_refill: "Force overflow the completion"). A 1-entry ring has a 2-entry CQ: \
                NOPs 1..3 leave 3 overflowed; reap 1 and 2; NOP 4 overflows behind 3; an \
                io_uring_enter with IORING_ENTER_GETEVENTS and min_complete 2 flushes 3 and 4.""", rec -> {
            String u = rec.setup(1);
            for (long ud : LongStream.rangeClosed(1, 3).toArray()) {
                rec.enter(u, List.of(ud), 0, 0);
            }
            rec.reap(u);
            rec.enter(u, List.of(4L), 0, 0);
            rec.reap(u);
            rec.enter(u, List.of(), 2, IORING_ENTER_GETEVENTS);
            rec.reap(u);
            rec.close(u);
        });
    }

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

    static Scenario links() {
        return scenario("io-uring-links", """
                IOSQE_IO_LINK (U-LNK-01..03): a linked SQE starts only when the one before it has \
                completed, and is cancelled (-ECANCELED) when that one fails: a cancel that finds \
                nothing fails (-ENOENT) and takes the NOP linked to it; a NOP linked to a poll of an \
                empty pipe waits for the poll, and completes right after it once a write wakes it; a \
                cancelled poll takes its linked NOP with it. IOSQE_IO_HARDLINK (U-LNK-04): a failure \
                does not cancel the next member, which runs.""", rec -> {
            String u = rec.setup(4);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            rec.submit(u, List.of(Sqe.cancel(1, 99).linked(), Sqe.nop(2)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(3, r, POLLIN, false).linked(), Sqe.nop(4)), 0, 0);
            rec.reap(u);
            rec.write(w, 1);
            rec.reap(u);
            rec.read(r, 8);
            rec.submit(u, List.of(Sqe.pollAdd(5, r, POLLIN, false).linked(), Sqe.nop(6)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(7, 5)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(8, 99).hardlinked(), Sqe.nop(9)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(10, r, POLLIN, false).hardlinked(), Sqe.nop(11)), 0, 0);
            rec.submit(u, List.of(Sqe.cancel(12, 10)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario linkChainOf100() {
        return scenario("io-uring-link-chain-of-100", """
                A chain of 100 NOPs completes in user_data order (U-LNK-05; io_uring/io_uring.c \
                io_submit_sqe, io_free_batch_list → io_queue_next): a 128-entry ring (CQ 256), NOPs \
                0..99 in one submission, every one but the last with IOSQE_IO_LINK. The head runs \
                inline; each member's completion queues the next as task work (io_req_task_queue), \
                which runs before io_uring_enter returns to user space, so one reap after the call \
                takes all 100, 0 each, in chain order. (The enter and reap lines list all 100.)""", rec -> {
            String u = rec.setup(128);
            List<Sqe> chain = new java.util.ArrayList<>();
            for (long ud = 0; ud < 100; ud++) {
                chain.add(ud < 99 ? Sqe.nop(ud).linked() : Sqe.nop(ud));
            }
            rec.submit(u, chain, 0, 0);
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

    static Scenario submitStopsAtInvalid() {
        return scenario("io-uring-submit-stops-at-invalid", """
                An SQE that fails to initialise (an opcode beyond IORING_OP_LAST) completes with \
                -EINVAL and ends the submission (U-ENT-06, open question 3): io_uring_enter returns \
                how many SQEs it consumed, the failed one included, and the SQEs after it stay in the \
                SQ for the next call. Inside a link chain the failure does not stop the submission: \
                the failed member gets its own error, every other member -ECANCELED (U-LNK-04).""", rec -> {
            String u = rec.setup(4);
            rec.submit(u, List.of(Sqe.nop(1), Sqe.invalid(2), Sqe.nop(3)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.nop(4).linked(), Sqe.invalid(5).linked(), Sqe.nop(6), Sqe.nop(7)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.nop(8).hardlinked(), Sqe.invalid(9).hardlinked(), Sqe.nop(10)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario noSqArray() {
        return scenario("io-uring-no-sqarray", """
                IORING_SETUP_NO_SQARRAY (6.6; U-RING-06; io_uring/io_uring.c io_uring_create, \
                io_get_sqe): the ring has no SQ array and the kernel does not write sq_off.array, \
                which stays what the application passed (0 here); the SQE it takes is the one at the \
                SQ head's slot, the tail's when the application wrote it. Six NOPs through a 4-entry \
                ring, three a call, so the second three wrap around the slots; then an ordinary ring's \
                offsets beside it.""", rec -> {
            String u = rec.setup(4, IORING_SETUP_NO_SQARRAY, 0, false);
            rec.observeOffsets(u);
            rec.enter(u, List.of(1L, 2L, 3L), 0, 0);
            rec.reap(u);
            rec.enter(u, List.of(4L, 5L, 6L), 0, 0);
            rec.reap(u);
            String v = rec.setup(4);
            rec.observeOffsets(v);
            rec.close(v);
            rec.close(u);
        });
    }

    static Scenario ringOffsets() {
        return scenario("io-uring-ring-offsets", """
                The ring offsets io_uring_setup writes into io_uring_params (U-RING-01; \
                io_uring/io_uring.c io_uring_fill_params, rings_size): sq_off and cq_off name the \
                fields of struct io_rings, fixed by its layout, whatever the sizes; sq_off.array, \
                the SQ array's place behind the CQEs, grows with the CQ (struct_size(rings, cqes, \
                cq_entries), aligned to the cache line). Rings of 1, 4, 4 with a CQ of 64, and 3 \
                with a CQ of 3 (4/4); the recorder maps each ring's three regions at \
                IORING_OFF_SQ_RING, IORING_OFF_CQ_RING and IORING_OFF_SQES with these offsets and \
                runs a NOP through it.""", rec -> {
            String u = rec.setup(1);
            rec.observeOffsets(u);
            rec.enter(u, List.of(1L), 0, 0);
            rec.reap(u);
            rec.close(u);
            u = rec.setup(4);
            rec.observeOffsets(u);
            rec.close(u);
            u = rec.setup(4, IORING_SETUP_CQSIZE, 64, false);
            rec.observeOffsets(u);
            rec.enter(u, List.of(2L), 0, 0);
            rec.reap(u);
            rec.close(u);
            u = rec.setup(3, IORING_SETUP_CQSIZE, 3, false);
            rec.observeOffsets(u);
            rec.close(u);
        });
    }

    static Scenario sqArrayDropped() {
        return scenario("io-uring-sq-array-dropped", """
                An SQ array entry at or beyond sq_entries (U-RING-04; io_uring/io_uring.c io_get_sqe, \
                io_submit_sqes): the kernel drops it — its head moves past the entry and sq_dropped \
                counts it — and the submission stops there without counting it, so io_uring_enter \
                returns how many SQEs it submitted before (0 here, not -EAGAIN: the request it \
                allocated went back to the cache) and the SQEs behind the entry stay in the SQ for \
                the next call. An entry of 4 and one of 100 on a 4-entry ring.""", rec -> {
            String u = rec.setup(4);
            rec.submit(u, List.of(Sqe.sqArray(4), Sqe.nop(1)), 0, 0);
            rec.observeSq(u);
            rec.reap(u);
            rec.submit(u, List.of(), 0, 0);
            rec.observeSq(u);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.nop(2), Sqe.sqArray(100), Sqe.nop(3)), 0, 0);
            rec.observeSq(u);
            rec.reap(u);
            rec.submit(u, List.of(), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario drainAfterSkip() {
        return scenario("io-uring-drain-after-cqe-skip", """
                IOSQE_CQE_SKIP_SUCCESS (U-DRN-02; io_uring/io_uring.c io_init_req, \
                __io_submit_flush_completions): a NOP with the flag succeeds and posts no CQE, and it \
                sets the ring's drain_disabled, so an IOSQE_IO_DRAIN SQE after it fails at init with \
                -EOPNOTSUPP and ends the submission like any SQE that fails to initialise (the SQEs \
                behind it stay in the SQ); a drained SQE in a later call fails the same way: \
                drain_disabled is never cleared. An SQE with the flag that fails posts its CQE \
                (req_set_fail clears REQ_F_CQE_SKIP): an opcode beyond IORING_OP_LAST, refused before \
                io_init_req looks at the flags.""", rec -> {
            String u = rec.setup(4);
            rec.submit(u, List.of(Sqe.invalid(1).skipped()), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.nop(2).skipped(), Sqe.nop(3).drained(), Sqe.nop(4)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.nop(5).drained()), 0, 0);
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

    static final int POLLIN = kpath.uapi.Mask.IN;

    // ---- plumbing ----

    @FunctionalInterface
    interface Body {
        void run(CompletionRecorder rec) throws Exception;
    }

    /** A scenario body with tasks: threads that make the calls that sleep ({@link TaskThreads}). */
    interface TaskBody {
        void run(CompletionRecorder rec, TaskThreads tasks) throws Exception;
    }

    /** {@code ioUring}: skipped where io_uring is switched off (native AIO does not depend on it). */
    private record Defined(String name, String narrative, TaskBody body, boolean ioUring) implements Scenario {
        @Override
        public boolean privileged() {
            return false;
        }

        @Override
        public Trace capture() throws Exception {
            String off = ioUring ? LibcIoUring.disabled() : null;
            if (off != null) {
                throw new PrivilegeException(off);
            }
            SequencedMap<String, String> sysctls = new LinkedHashMap<>();
            if (!ioUring) { // io_setup reads fs.aio-max-nr
                sysctls.put(AioAbi.AIO_MAX_NR_SYSCTL, ProcNet.fsSysctl(AioAbi.AIO_MAX_NR_SYSCTL));
            }
            // TaskThreads closes first: it releases and joins the threads before the rings and fds close
            try (Fds fds = new Fds(); CompletionRecorder rec = new CompletionRecorder(name, narrative, fds, sysctls);
                    TaskThreads tasks = new TaskThreads(name, rec)) {
                body.run(rec, tasks);
                return rec.end();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Scenario scenario(String name, String narrative, Body body) {
        return new Defined(name, narrative, (rec, tasks) -> body.run(rec), true);
    }

    /** A native AIO scenario (fs/aio.c): it runs also where io_uring is switched off. */
    static Scenario aioScenario(String name, String narrative, Body body) {
        return new Defined(name, narrative, (rec, tasks) -> body.run(rec), false);
    }

    /** A scenario with tasks; {@code ioUring}: skipped where io_uring is switched off. */
    static Scenario threaded(String name, String narrative, boolean ioUring, TaskBody body) {
        return new Defined(name, narrative, body, ioUring);
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

    static Scenario cancelFlags() {
        return scenario("io-uring-cancel-flags", """
                IORING_OP_ASYNC_CANCEL's cancel_flags (U-CAN-04..06; io_uring/cancel.c io_async_cancel_prep, \
                io_async_cancel, __io_async_cancel, io_cancel_req_match): IORING_ASYNC_CANCEL_ALL cancels \
                every request with that user_data and completes with how many (0, not -ENOENT, when none); \
                IORING_ASYNC_CANCEL_FD matches by the SQE's fd instead (one request; with ALL, every one on \
                that file; -ENOENT when none, -EBADF for an fd not open), an armed READ's internal poll \
                too; IORING_ASYNC_CANCEL_ANY cancels every request (ALL implied). Each cancelled request \
                completes with -ECANCELED after the cancel's CQE, in the order the cancel found them: \
                io_poll_find looks in the user_data's bucket of ctx->cancel_table, newest first; \
                io_poll_file_find walks the buckets in order (hash_long of user_data, 1 bit for this \
                16-entry CQ), each newest first; behind task work queued before (a multishot poll ready when \
                armed posts first). A flag 6.18 does not know, or FD with ANY, fails the SQE \
                at init (-EINVAL), which stops the submission like an invalid opcode.""", rec -> {
            long buf = CompletionRecorder.BUFFER;
            String u = rec.setup(8);
            String r = rec.pipe2();
            String r1 = rec.pipe2();
            int all = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_ALL;
            int byFd = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_FD;
            int any = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_ANY;
            rec.submit(u, List.of(Sqe.pollAdd(1, r, POLLIN, false), Sqe.pollAdd(2, r, POLLIN, false),
                    Sqe.pollAdd(1, r1, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(3, 1, all, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(4, 1, all, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(5, r, POLLIN, false), Sqe.pollAdd(6, r1, POLLIN, false),
                    Sqe.pollAdd(7, r, POLLIN, false), Sqe.pollAdd(8, r, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(9, 0, byFd, r)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(10, 0, byFd | all, r)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(11, 0, byFd, r)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.read(12, r1, 8, buf), Sqe.pollAdd(13, r, POLLIN, true)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(14, 0, any, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(15, 0, any, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.read(16, r1, 8, buf)), 0, 0);
            rec.submit(u, List.of(Sqe.cancel(17, 0, byFd, r1)), 0, 0);
            rec.reap(u);
            String r2 = rec.pipe2();
            rec.closeFd(r2);
            rec.submit(u, List.of(Sqe.cancel(18, 0, byFd, r2)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(19, 0, 1 << 6, null), Sqe.nop(20)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(21, 0, byFd | any, r), Sqe.nop(22)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(), 0, 0);
            rec.reap(u);
            rec.write("w" + r1.substring(1), 1);
            rec.submit(u, List.of(Sqe.pollAdd(23, r, POLLIN, false), Sqe.pollAdd(24, r1, POLLIN, true), Sqe.cancel(25, 23)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(26, 0, any, null)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario cancelMatchFlags() {
        return scenario("io-uring-cancel-match-flags", """
                IORING_OP_ASYNC_CANCEL's other match flags (io_uring/cancel.c io_async_cancel_prep, \
                io_async_cancel, io_cancel_req_match; io_uring/poll.c __io_poll_cancel): \
                IORING_ASYNC_CANCEL_OP matches by opcode, sqe->len read into a u8 (262 is POLL_ADD's 6), \
                an armed READ's internal poll by READ's; it walks the buckets like FD (each newest first), \
                and with FD both must match. IORING_ASYNC_CANCEL_USERDATA adds the user_data to FD or OP \
                (with FD the request on that file with that user_data, not the first on the file); alone \
                it is the plain match; with ANY it is ignored. IORING_ASYNC_CANCEL_FD_FIXED without FD is \
                ignored; with FD the fd is an index into the ring's registered files, of which this ring \
                has none: -EBADF even for an open fd's number. OP with ANY fails the SQE at init (-EINVAL), \
                which stops the submission. A request cancelled earlier in the same submission is still in \
                the cancel table until its task work runs (io_poll_cancel_req does not unhash it): a later \
                cancel finds it again (0; with ALL it is counted again), and POLL_REMOVE finds its task \
                work queued (-EALREADY); it completes with -ECANCELED once.""", rec -> {
            long buf = CompletionRecorder.BUFFER;
            String u = rec.setup(8);
            String r0 = rec.pipe2();
            String r1 = rec.pipe2();
            int all = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_ALL;
            int byFd = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_FD;
            int any = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_ANY;
            int fixed = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_FD_FIXED;
            int userData = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_USERDATA;
            int op = kpath.uapi.IoUringAbi.IORING_ASYNC_CANCEL_OP;
            int read = kpath.uapi.IoUringAbi.IORING_OP_READ;
            int pollAdd = kpath.uapi.IoUringAbi.IORING_OP_POLL_ADD;
            rec.submit(u, List.of(Sqe.pollAdd(1, r0, POLLIN, false), Sqe.read(2, r0, 8, buf), Sqe.pollAdd(3, r1, POLLIN, false),
                    Sqe.read(4, r1, 8, buf), Sqe.pollAdd(6, r0, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(5, 0, op, null, read)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(7, 2, op | userData, null, pollAdd)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(8, 2, op | userData, null, read)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(9, 3, byFd | userData, r0)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(10, 1, byFd | userData, r0)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(11, 6, all | byFd | userData, r0)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(12, 3, userData, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(13, r0, POLLIN, false), Sqe.pollAdd(14, r1, POLLIN, false), Sqe.read(15, r1, 8, buf),
                    Sqe.pollAdd(16, r0, POLLIN, false), Sqe.read(17, r0, 8, buf), Sqe.pollAdd(18, r1, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(19, 14, fixed, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(20, 0, byFd | fixed, r0)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(21, 0, all | op, null, 256 + pollAdd)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(22, 0, all | op | byFd, r1, read)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(23, 0, op | any, null, read), Sqe.nop(24)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(25, 99, any | userData, null)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.pollAdd(26, r0, POLLIN, false), Sqe.pollAdd(31, r0, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.cancel(27, 26), Sqe.cancel(28, 26), Sqe.cancel(29, 26, all, null), Sqe.pollRemove(30, 26),
                    Sqe.cancel(32, 0, byFd | all, r0)), 0, 0);
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
}
