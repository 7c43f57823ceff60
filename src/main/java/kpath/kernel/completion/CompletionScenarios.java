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
                PollScenarios.pollAddOneshot(), PollScenarios.pollAddMultishotAndCancel(), PollScenarios.multishotInAndOut(), links(), PollScenarios.registeredEventfd(), RwScenarios.readAndRecv(), RwScenarios.recvPollFirst(),
                submitStopsAtInvalid(), RwScenarios.write(), PollScenarios.multishotOverflow(), RwScenarios.requestHoldsFile(), PollScenarios.pollRemove(), CancelScenarios.cancelFlags(), CancelScenarios.cancelMatchFlags(), PollScenarios.pollUpdate(),
                AioScenarios.aioPoll(), AioScenarios.submitStopsShort(), AioScenarios.cancelPoll(),
                AioScenarios.resfd(), AioScenarios.preadPwritePipe(), AioScenarios.preadPwriteUnix(),
                AioScenarios.preadRegularFile(), AioScenarios.preadDirectAlignment(), AioScenarios.fsync(), AioScenarios.submitEagainWhenSlotsAreHeld(), AioScenarios.setupMapsTheRing(),
                AioScenarios.pollOfAFileWithoutPoll(),
                AioScenarios.pollHoldsItsFile(), AioScenarios.setupLimits(), TaskScenarios.enterSleeps(),
                TaskScenarios.geteventsSleeps(), TaskScenarios.ringPollWoken(), TaskScenarios.ringEpollWoken(),
                TaskScenarios.submitSleepsOnBlockingPipe(), TaskScenarios.submitSleepsOnBlockingUnix(), TaskScenarios.destroyWhileSubmitSleeps(), AioScenarios.rwFlagsNowait(), AioScenarios.submitEinvalFields(),
                TaskScenarios.destroyPutsPolledFileLater(), TaskScenarios.enterTimeout(),
                TaskScenarios.drain(), drainAfterSkip(), PollScenarios.pollOfOwnEventfdOneShot(), sqArrayDropped(), ringOffsets(), noSqArray(),
                TaskScenarios.linkEndsWithTheCall(), linkChainOf100(), RwScenarios.recvPeerCloses(),
                TaskScenarios.ringCloseCancelsLater(), TimeoutScenarios.linkTimeout(), SqpollScenarios.sqpoll(),
                CancelScenarios.cancelRunningSplice(), RwScenarios.recvSockNonempty(), RwScenarios.providedBuffers(),
                SignalScenarios.pgeteventsEintr(), SignalScenarios.pgeteventsIgnoredAndQueued(), SignalScenarios.enterSigmask(),
                DeferTaskrunScenarios.setupAndLocalWork(), DeferTaskrunScenarios.multishotInAndOut(),
                AsyncRecvScenarios.asyncRecvNonblock());
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
    /** {@code unixSend}: the largest write whose AF_UNIX charge the header records (0: none). */
    private record Defined(String name, String narrative, TaskBody body, boolean ioUring, int unixSend) implements Scenario {
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
            java.util.List<java.util.Map.Entry<String, String>> more = java.util.List.of();
            if (unixSend > 0) {
                kpath.kernel.readiness.UnixSendProbe.Lines l = kpath.kernel.readiness.UnixSendProbe.measure(unixSend);
                sysctls.putAll(l.sysctls());
                more = l.extra();
            }
            // TaskThreads closes first: it releases and joins the threads before the rings and fds close
            try (Fds fds = new Fds(); CompletionRecorder rec = new CompletionRecorder(name, narrative, fds, sysctls, more);
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
        return new Defined(name, narrative, (rec, tasks) -> body.run(rec), true, 0);
    }

    /**
     * An io_uring scenario whose header records what AF_UNIX sends of 1 to {@code maxWrite} bytes are
     * charged here ({@link kpath.kernel.readiness.UnixSendProbe}).
     */
    static Scenario withUnixSend(String name, String narrative, int maxWrite, Body body) {
        return new Defined(name, narrative, (rec, tasks) -> body.run(rec), true, maxWrite);
    }

    /** A native AIO scenario (fs/aio.c): it runs also where io_uring is switched off. */
    static Scenario aioScenario(String name, String narrative, Body body) {
        return new Defined(name, narrative, (rec, tasks) -> body.run(rec), false, 0);
    }

    /** A scenario with tasks; {@code ioUring}: skipped where io_uring is switched off. */
    static Scenario threaded(String name, String narrative, boolean ioUring, TaskBody body) {
        return new Defined(name, narrative, body, ioUring, 0);
    }

}
