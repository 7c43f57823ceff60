package kpath.check.completion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import kpath.check.CheckException;
import kpath.check.Explorer;
import kpath.check.GraphComparison;
import kpath.check.readiness.ReadinessMc;
import kpath.model.proc.OpenFile;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.ProcState;
import kpath.model.readiness.ReadinessModel;
import kpath.uapi.AioAbi;
import kpath.uapi.IoUringAbi;
import kpath.uapi.Mask;

import static kpath.uapi.IoUringAbi.IORING_SETUP_CLAMP;
import static kpath.uapi.IoUringAbi.IORING_SETUP_CQSIZE;

/**
 * The bounds of specs/MCCompletion.tla, its state constraint and its invariants by the same
 * names, for exploring the process model's io_uring part the way TLC explores the spec; and the
 * Java-vs-TLC state-graph comparison at those bounds. Calls render as MCCompletion.tla writes
 * them ({@link ReadinessMc#tla}).
 */
public final class CompletionMc {
    private CompletionMc() {}

    public static final String MODULE = "MCCompletion";
    public static final String CFG = "MCCompletion.cfg";
    /** MCMax: more CQEs on the overflow list, polls armed, pipe bytes or eventfd count are not explored. */
    public static final int MAX = 1;

    /** MCSetup: a pipe (r0, w0) and an eventfd (v0) to poll; the pipe also shows EOPNOTSUPP. */
    public static List<ProcAction> setup() {
        return List.of(new Pipe2("r0", 3, "w0", 4), new Eventfd("v0", 6, 0, false));
    }

    private static Sqe nop(long userData) {
        return Sqe.nop(userData);
    }

    /** MCCalls, in the order MCCompletion.tla lists them. */
    public static List<ProcAction> universe() {
        return List.of(
                new IoUringSetup("u0", 5, 1), new IoUringSetup("(none)", -1, 0),
                new IoUringSetup("u0", 5, 1, IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP, 2, false),
                new IoUringSetup("(none)", -1, 2, IORING_SETUP_CQSIZE, 1, false), new IoUringSetup("(none)", -1, 1, IORING_SETUP_CQSIZE, 0, false),
                new IoUringSetup("(none)", -1, 1, IORING_SETUP_CQSIZE, IoUringAbi.IORING_MAX_CQ_ENTRIES + 1, false),
                new IoUringSetup("(none)", -1, IoUringAbi.IORING_MAX_ENTRIES + 1, 0, 0, false),
                new IoUringSetup("(none)", -1, 1, 1 << 31, 0, false), new IoUringSetup("(none)", -1, 1, 0, 0, true),
                new IoUringEnter("u0", List.of(nop(1)), 0, false),
                new IoUringEnter("u0", List.of(nop(1), nop(2)), 0, false),
                new IoUringEnter("u0", List.of(), 0, true), new IoUringEnter("u0", List.of(), 2, true),
                new IoUringEnter("r0", List.of(), 0, false), new IoUringEnterBadFlags("u0", 1 << 31),
                new CqReap("u0"), new Read("u0", 8),
                new Poll(List.of(new PollFd("u0", Mask.IN | Mask.OUT))), new Close("u0"),
                new IoUringEnter("u0", List.of(Sqe.pollAdd(3, "r0", Mask.IN, false)), 0, false),
                new IoUringEnter("u0", List.of(Sqe.pollAdd(4, "v0", Mask.IN, true)), 0, false),
                new IoUringEnter("u0", List.of(Sqe.pollAdd(5, "x9", Mask.IN, false)), 0, false),
                new IoUringEnter("u0", List.of(Sqe.cancel(6, 4)), 0, false),
                new Write("w0", 1), new Read("r0", 1), new Write("v0", 1), new Read("v0", 8),
                new IoUringTaskWork(), new IoUringExitWork());
    }

    public static ReadinessModel model() {
        return new ReadinessModel(new ReadinessModel.Bounds(setup(), universe()));
    }

    /** specs/MCCompletionLinks.tla: link chains on a 2-entry ring, which two SQEs fit, and a registered eventfd with a multishot poll of it. */
    public static final String LINKS_MODULE = "MCCompletionLinks";
    public static final String LINKS_CFG = "MCCompletionLinks.cfg";

    /** MCCompletionLinks's setup: a pipe (r0, w0) and an eventfd (v0). */
    public static List<ProcAction> linksSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4), new Eventfd("v0", 6, 0, false));
    }

    /**
     * MCCompletionLinks's calls: the setup of a 2-entry ring u1 (CQ 4), a one-shot poll of r0 with a NOP linked to it, a cancel of that
     * poll with a NOP linked to the cancel, a cancel that finds nothing with a NOP linked (and one
     * hard-linked) to it,
     * the write and read that wake and empty r0, reaps, a GETEVENTS flush and the task work; the
     * eventfd v0 registered with the ring (its counter goes up once per commit that posts to the
     * CQ), read, and the pipe refused as one.
     */
    public static List<ProcAction> linksUniverse() {
        return List.of(new IoUringSetup("u1", 5, 2),
                new IoUringEnter("u1", List.of(Sqe.pollAdd(1, "r0", Mask.IN, false).linked(), nop(2)), 0, false),
                new IoUringEnter("u1", List.of(Sqe.cancel(3, 1).linked(), nop(4)), 0, false),
                new IoUringEnter("u1", List.of(Sqe.cancel(5, 9).linked(), nop(6)), 0, false),
                new IoUringEnter("u1", List.of(Sqe.cancel(5, 9).hardlinked(), nop(6)), 0, false),
                new Write("w0", 1), new Read("r0", 1), new CqReap("u1"),
                new IoUringEnter("u1", List.of(), 0, true), new IoUringTaskWork(),
                new IoUringRegisterEventfd("u1", "v0"), new IoUringRegisterEventfd("u1", "r0"), new Read("v0", 8),
                new IoUringEnter("u1", List.of(Sqe.pollAdd(7, "v0", Mask.IN, true)), 0, false));
    }

    public static ReadinessModel linksModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(linksSetup(), linksUniverse()));
    }

    /** specs/MCCompletionTimeout.tla: IORING_OP_LINK_TIMEOUT behind a POLL_ADD, its timer and its disarming. */
    public static final String TIMEOUT_MODULE = "MCCompletionTimeout";
    public static final String TIMEOUT_CFG = "MCCompletionTimeout.cfg";

    /** MCCompletionTimeout's setup: a pipe (r0, w0). */
    public static List<ProcAction> timeoutSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4));
    }

    /**
     * MCCompletionTimeout's calls: a 2-entry ring u1 (CQ 4); a one-shot poll of r0 with a LINK_TIMEOUT
     * of 100 ms behind it; the timer firing; an ASYNC_CANCEL of the poll; the write and read that
     * wake and empty r0; reaps and the task work.
     */
    public static List<ProcAction> timeoutUniverse() {
        return List.of(new IoUringSetup("u1", 5, 2),
                new IoUringEnter("u1", List.of(Sqe.pollAdd(1, "r0", Mask.IN, false).linked(), Sqe.linkTimeout(2, 100)), 0, false),
                new IoLinkTimeout(2), new IoUringEnter("u1", List.of(Sqe.cancel(3, 1)), 0, false),
                new Write("w0", 1), new Read("r0", 1), new CqReap("u1"), new IoUringTaskWork());
    }

    public static ReadinessModel timeoutModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(timeoutSetup(), timeoutUniverse()));
    }

    /** specs/MCCompletionDrain.tla: IOSQE_IO_DRAIN, the defer list, io-wq and the frees that restart the list. */
    public static final String DRAIN_MODULE = "MCCompletionDrain";
    public static final String DRAIN_CFG = "MCCompletionDrain.cfg";
    /** MCDrainMax: more requests deferred, in io-wq and waiting for their free together are not explored. */
    public static final int DRAIN_MAX = 2;
    /** MCBufMax: more provided buffers on a ring are not explored. */
    public static final int BUF_MAX = 2;

    /** MCCompletionDrain's setup: a pipe (r0, w0). */
    public static List<ProcAction> drainSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4));
    }

    /**
     * MCCompletionDrain's calls: a 2-entry ring u1 (CQ 4); a one-shot poll of r0 with a drained NOP
     * behind it (it waits for the poll); a NOP alone with IOSQE_IO_LINK (its chain ends with the
     * call and goes to io-wq; not taken while drain_active); a NOP and a drained NOP in one
     * submission (the first completes inline, or is deferred while drain_active, and is freed only
     * by the flush at the batch's end, which starts the second); a NOP with IOSQE_CQE_SKIP_SUCCESS
     * (no CQE, and a drained SQE fails with -EOPNOTSUPP from then on); the write that wakes r0,
     * reaps, the task work, an io-wq worker and the frees.
     */
    public static List<ProcAction> drainUniverse() {
        return List.of(new IoUringSetup("u1", 5, 2),
                new IoUringEnter("u1", List.of(Sqe.pollAdd(1, "r0", Mask.IN, false), nop(2).drained()), 0, false),
                new IoUringEnter("u1", List.of(nop(3).linked()), 0, false),
                new IoUringEnter("u1", List.of(nop(4), nop(5).drained()), 0, false),
                new IoUringEnter("u1", List.of(nop(6).skipped()), 0, false),
                new Write("w0", 1), new CqReap("u1"), new IoUringTaskWork(), new IoWqWork(), new IoWqFree());
    }

    public static ReadinessModel drainModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(drainSetup(), drainUniverse()));
    }

    /** specs/MCCompletionSplice.tla: a SPLICE asleep in io-wq, its cancel (-EALREADY) and the worker's -ERESTARTSYS. */
    public static final String SPLICE_MODULE = "MCCompletionSplice";
    public static final String SPLICE_CFG = "MCCompletionSplice.cfg";

    /** MCCompletionSplice's setup: two blocking pipes (r0, w0) and (r1, w1). */
    public static List<ProcAction> spliceSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4, false), new Pipe2("r1", 5, "w1", 6, false));
    }

    /**
     * MCCompletionSplice's calls: a 2-entry ring u1 (CQ 4); a SPLICE of r0 to w1 (io-wq; asleep while
     * r0 is empty); a plain cancel of it; a write of w0 (not modelled while the splice sleeps) and a
     * read of r0; reaps, the task work, an io-wq worker, the frees, the ring's close.
     */
    public static List<ProcAction> spliceUniverse() {
        return List.of(new IoUringSetup("u1", 7, 2),
                new IoUringEnter("u1", List.of(Sqe.splice(1, "r0", "w1", 8)), 0, false),
                new IoUringEnter("u1", List.of(Sqe.cancel(2, 1)), 0, false),
                new Write("w0", 1), new Read("r0", 1), new CqReap("u1"), new IoUringTaskWork(), new IoWqWork(), new IoWqFree(),
                new Close("u1"));
    }

    public static ReadinessModel spliceModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(spliceSetup(), spliceUniverse()));
    }

    /** specs/MCCompletionSqpoll.tla: IORING_SETUP_SQPOLL, SQEs published with the SQ tail alone and the SQ thread. */
    public static final String SQPOLL_MODULE = "MCCompletionSqpoll";
    public static final String SQPOLL_CFG = "MCCompletionSqpoll.cfg";

    /** MCCompletionSqpoll's setup: nothing (the ring is one of the calls). */
    public static List<ProcAction> sqpollSetup() {
        return List.of();
    }

    /**
     * MCCompletionSqpoll's calls: a 2-entry SQPOLL ring u1 (CQ 4); two NOPs published with the SQ
     * tail alone (the SQ thread may take one or both); io_uring_enter with no SQE of its own (it
     * returns to_submit); the SQ thread; reaps and the ring's close.
     */
    public static List<ProcAction> sqpollUniverse() {
        return List.of(new IoUringSetup("u1", 5, 2, IoUringAbi.IORING_SETUP_SQPOLL, 0, false),
                new SqPublish("u1", List.of(nop(2), nop(3))),
                new IoUringEnter("u1", List.of(), 0, false), new IoSqThread(), new CqReap("u1"), new Close("u1"));
    }

    public static ReadinessModel sqpollModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(sqpollSetup(), sqpollUniverse()));
    }

    /** specs/MCCompletionSockNonempty.tla: IORING_CQE_F_SOCK_NONEMPTY on a RECV that leaves bytes in an AF_UNIX socket. */
    public static final String SOCK_NONEMPTY_MODULE = "MCCompletionSockNonempty";
    public static final String SOCK_NONEMPTY_CFG = "MCCompletionSockNonempty.cfg";

    /** MCCompletionSockNonempty's setup: an AF_UNIX stream socketpair (s0, s1) with SOCK_NONBLOCK. */
    public static List<ProcAction> sockNonemptySetup() {
        return List.of(new Socketpair("s0", 3, "s1", 4, true));
    }

    /**
     * MCCompletionSockNonempty's calls: a 2-entry ring u1 (CQ 4); a write of 2 bytes to s1; a RECV
     * of 1 byte of s0 (inline with the flag when a byte is left, without it when it took the last;
     * armed on an empty s0, its task work reads after a write); a READ of 1 byte of s0 (never the
     * flag); the peer's close (end of file: res 0, no flag); reaps and the task work.
     */
    public static List<ProcAction> sockNonemptyUniverse() {
        return List.of(new IoUringSetup("u1", 5, 2), new Write("s1", 2),
                new IoUringEnter("u1", List.of(Sqe.recv(1, "s0", 1, false)), 0, false),
                new IoUringEnter("u1", List.of(Sqe.read(2, "s0", 1)), 0, false),
                new Close("s1"), new CqReap("u1"), new IoUringTaskWork());
    }

    public static ReadinessModel sockNonemptyModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(sockNonemptySetup(), sockNonemptyUniverse()));
    }

    /** specs/MCCompletionDefer.tla: a ring made with IORING_SETUP_DEFER_TASKRUN|SINGLE_ISSUER, whose task work is local work. */
    public static final String DEFER_MODULE = "MCCompletionDefer";
    public static final String DEFER_CFG = "MCCompletionDefer.cfg";

    /** MCCompletionDefer's setup: a pipe (r0, w0) with O_NONBLOCK. */
    public static List<ProcAction> deferSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4));
    }

    /**
     * MCCompletionDefer's calls: a 1-entry DEFER_TASKRUN|SINGLE_ISSUER ring u1 (CQ 2); a multishot
     * POLL_ADD of r0 for POLLIN (its task work local work when r0 is ready); io_uring_enter with no
     * SQE and GETEVENTS, min_complete 0 (it runs the local work); a write to w0 and a read of r0;
     * reaps; a poll of u1 for POLLIN (readable with local work queued); the task work (never due for
     * u1); the ring's close and its exit work.
     */
    public static List<ProcAction> deferUniverse() {
        return List.of(new IoUringSetup("u1", 5, 1, IoUringAbi.IORING_SETUP_SINGLE_ISSUER | IoUringAbi.IORING_SETUP_DEFER_TASKRUN, 0, false),
                new IoUringEnter("u1", List.of(Sqe.pollAdd(1, "r0", Mask.IN, true)), 0, false),
                new IoUringEnter("u1", List.of(), 0, true), new Write("w0", 1), new Read("r0", 1), new CqReap("u1"),
                new Poll(List.of(new PollFd("u1", Mask.IN))), new IoUringTaskWork(), new Close("u1"), new IoUringExitWork());
    }

    public static ReadinessModel deferModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(deferSetup(), deferUniverse()));
    }

    /** specs/MCCompletionAsyncRecv.tla: a RECV with IOSQE_ASYNC, issued by an io-wq worker. */
    public static final String ASYNC_RECV_MODULE = "MCCompletionAsyncRecv";
    public static final String ASYNC_RECV_CFG = "MCCompletionAsyncRecv.cfg";

    /** MCCompletionAsyncRecv's setup: an AF_UNIX stream socketpair (s0, s1) with SOCK_NONBLOCK. */
    public static List<ProcAction> asyncRecvSetup() {
        return List.of(new Socketpair("s0", 3, "s1", 4, true));
    }

    /**
     * MCCompletionAsyncRecv's calls: a 1-entry ring u1 (CQ 2); a RECV of 1 byte of s0 with IOSQE_ASYNC
     * (to io-wq; the worker's -EAGAIN arms a poll, whose task work queues it again); a write of 1 byte
     * to s1; the peer's close; reaps; the task work, the io-wq worker and the frees.
     */
    public static List<ProcAction> asyncRecvUniverse() {
        return List.of(new IoUringSetup("u1", 5, 1), new IoUringEnter("u1", List.of(Sqe.recv(1, "s0", 1, false).forcedAsync()), 0, false),
                new Write("s1", 1), new Close("s1"), new CqReap("u1"), new IoUringTaskWork(), new IoWqWork(), new IoWqFree());
    }

    public static ReadinessModel asyncRecvModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(asyncRecvSetup(), asyncRecvUniverse()));
    }

    /** specs/MCCompletionBuffers.tla: legacy provided buffers (PROVIDE_BUFFERS, REMOVE_BUFFERS, a RECV with IOSQE_BUFFER_SELECT). */
    public static final String BUFFERS_MODULE = "MCCompletionBuffers";
    public static final String BUFFERS_CFG = "MCCompletionBuffers.cfg";

    /** MCCompletionBuffers's setup: an AF_UNIX stream socketpair (s0, s1) with SOCK_NONBLOCK. */
    public static List<ProcAction> buffersSetup() {
        return List.of(new Socketpair("s0", 3, "s1", 4, true));
    }

    /**
     * MCCompletionBuffers's calls: a 2-entry ring u1 (CQ 4); a write of 2 bytes to s1; PROVIDE_BUFFERS of 2
     * buffers of 1 byte, bids 0 and 1, to group 7; a RECV of s0 with IOSQE_BUFFER_SELECT from group 7
     * (len 0: the buffer's length; -ENOBUFS when the group is empty, not taken while s0 is empty and the
     * group is not: BufModelled); REMOVE_BUFFERS of 1 from group 7 and from group 9 (never made:
     * -ENOENT); reaps.
     */
    public static List<ProcAction> buffersUniverse() {
        return List.of(new IoUringSetup("u1", 5, 2), new Write("s1", 2),
                new IoUringEnter("u1", List.of(Sqe.provideBuffers(1, 7, 2, 0, 1)), 0, false),
                new IoUringEnter("u1", List.of(Sqe.recv(2, "s0", 0, false).selecting(7)), 0, false),
                new IoUringEnter("u1", List.of(Sqe.removeBuffers(3, 7, 1)), 0, false),
                new IoUringEnter("u1", List.of(Sqe.removeBuffers(4, 9, 1)), 0, false),
                new CqReap("u1"));
    }

    public static ReadinessModel buffersModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(buffersSetup(), buffersUniverse()));
    }

    /** specs/MCCompletionReads.tla: READ and RECV, and submissions that stop at an invalid SQE. */
    public static final String READS_MODULE = "MCCompletionReads";
    public static final String READS_CFG = "MCCompletionReads.cfg";

    /** MCCompletionReads's setup: a pipe (r0, w0). */
    public static List<ProcAction> readsSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4));
    }

    /**
     * MCCompletionReads's calls: a 2-entry ring u1 (CQ 4); a READ of r0 with a NOP linked to it
     * (armed while r0 is empty, and short, so failing the link, when r0 holds 1 byte of the 2
     * asked); a RECV of r0 with IORING_RECVSEND_POLL_FIRST (armed, or its task work queued when r0 is
     * readable; -ENOTSOCK from that task work) then an invalid SQE that stops
     * the submission, leaving the NOP behind it in the SQ, and one that ends a chain; a WRITE of
     * w0, whose wake-up reaches the READ in the same ring; the write that wakes r0, the reader's close (an armed READ keeps the file), reaps, a GETEVENTS enter and the task work.
     */
    public static List<ProcAction> readsUniverse() {
        return List.of(new IoUringSetup("u1", 5, 2),
                new IoUringEnter("u1", List.of(Sqe.read(7, "r0", 2).linked(), nop(8)), 0, false),
                new IoUringEnter("u1", List.of(Sqe.recv(16, "r0", 1, false).pollingFirst(), Sqe.invalid(9), nop(10)), 0, false),
                new IoUringEnter("u1", List.of(nop(12).linked(), Sqe.invalid(13)), 0, false),
                new IoUringEnter("u1", List.of(Sqe.write(15, "w0", 1)), 0, false),
                new Write("w0", 1), new Close("r0"), new CqReap("u1"),
                new IoUringEnter("u1", List.of(), 0, true), new IoUringTaskWork());
    }

    public static ReadinessModel readsModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(readsSetup(), readsUniverse()));
    }

    /** specs/MCAio.tla: native AIO polls. */
    public static final String AIO_MODULE = "MCAio";
    public static final String AIO_CFG = "MCAio.cfg";

    /** MCAio's setup: a pipe (r0, w0), an eventfd v0 and a regular file f0. */
    public static List<ProcAction> aioSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4), new Eventfd("v0", 5, 0, false), new Open("f0", 6));
    }

    /**
     * MCAio's calls: an AIO context a0 under an aio-max-nr of 1 (and setups of 0 events, of 2:
     * EAGAIN, of 4194305: EINVAL before the limit; a0 set up again: EINVAL), a poll of r0; two iocbs, the
     * first with IOCB_FLAG_RESFD v0, the second of no fd (io_submit stops short); one whose resfd
     * is no eventfd (EINVAL); io_cancel of the first poll; an IOCB_CMD_PREAD of r0, a PWRITE of w0
     * with RESFD v0, a PREAD of w0 (EBADF), a PREAD and a PWRITE (EBADF) of f0, a POLLPRI poll of f0 (EINVAL: no poll
     * method); io_getevents (and one with min_nr -1: EINVAL), io_destroy, the write and
     * read of the pipe, a read of v0, the reader's close (a waiting poll holds r0), and the writer's close, whose wake-up without a key leaves
     * the poll to a worker (AioPollWork), and the hidden step that marks a waiting poll's context
     * lock busy for its next keyed wake-up (AioTrylockFails); a PREAD with an aio_rw_flags bit
     * outside RWF_SUPPORTED (EOPNOTSUPP), one with RWF_NOWAIT at offset -1, a POLL with aio_nbytes
     * 1, an unknown opcode of r0, and one of no fd with aio_reserved2 set (EINVAL), and
     * delayed_fput_work (DelayedFputWork, rule AioDelayedFput); an IOCB_CMD_FDSYNC of r0 (EINVAL: a
     * pipe has no ->fsync; an FSYNC of a regular file, done by the worker: MCAioTasks).
     */
    public static List<ProcAction> aioUniverse() {
        return List.of(new IoSetup(1, "a0", 1), new IoSetup(0, "a0", 1), new IoSetup(2, "a0", 1),
                new IoSetup(AioAbi.IO_SETUP_MAX_NR_EVENTS + 1, "a0", AioAbi.IO_SETUP_MAX_NR_EVENTS + 1),
                new IoSubmit("a0", 7, "r0", Mask.IN),
                new IoSubmit("a0", List.of(new Iocb(8, "r0", Mask.IN, "v0"), new Iocb(9, "zz", Mask.IN))),
                new IoSubmit("a0", List.of(new Iocb(9, "r0", Mask.IN, "w0"))), new IoCancel("a0", 7),
                new IoSubmit("a0", List.of(Iocb.rw(false, 10, "r0", 1, ""))),
                new IoSubmit("a0", List.of(Iocb.rw(true, 11, "w0", 1, "v0"))),
                new IoSubmit("a0", List.of(Iocb.rw(false, 12, "w0", 1, ""))),
                new IoSubmit("a0", List.of(Iocb.rw(false, 13, "f0", 1, ""))),
                new IoSubmit("a0", List.of(Iocb.rw(true, 14, "f0", 1, ""))),
                new IoSubmit("a0", List.of(new Iocb(15, "f0", Mask.PRI, ""))),
                new IoSubmit("a0", List.of(Iocb.rw(false, 16, "r0", 1, "").with(0x40000000, 0, 0))),
                new IoSubmit("a0", List.of(Iocb.rw(false, 17, "r0", 1, "").with(AioAbi.RWF_NOWAIT, -1, 0))),
                new IoSubmit("a0", List.of(new Iocb("POLL", 18, "r0", Mask.IN, 1, ""))),
                new IoSubmit("a0", List.of(new Iocb("OP9", 19, "r0", 0, 0, ""))),
                new IoSubmit("a0", List.of(new Iocb("OP9", 20, "zz", 0, 0, "").with(0, 0, 1))),
                new IoSubmit("a0", List.of(new Iocb("FDSYNC", 22, "r0", 0, 0, ""))),
                new IoGetevents("a0", 0, 2), new IoGetevents("a0", -1, 2), new IoDestroy("a0"), new Write("w0", 1), new Read("r0", 1),
                new Read("v0", 8), new Close("w0"), new Close("r0"), new AioPollWork(), new AioTrylockFails(),
                new IoUringTaskWork(), new DelayedFputWork());
    }

    public static ReadinessModel aioModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(aioSetup(), aioUniverse()));
    }

    public static final String SIGIO_MODULE = "MCSigio";
    public static final String SIGIO_CFG = "MCSigio.cfg";

    /** MCSigio's setup: a pipe (r0, w0) and RLIMIT_SIGPENDING 2, which bounds the queue. */
    public static List<ProcAction> sigioSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4), new Setrlimit("RLIMIT_SIGPENDING", 2));
    }

    /**
     * MCSigio's calls: r0 owned and async (O_ASYNC or FIOASYNC) with a real-time signal (35),
     * SIGIO chosen (29) or plain (0); writes and reads of the pipe send them; the limit lowered to
     * 1; rt_sigtimedwait takes them.
     */
    public static List<ProcAction> sigioUniverse() {
        return List.of(new Fcntl("r0", "F_SETOWN_EX", 0), new Fcntl("r0", "F_GETOWN", 0),
                new Fcntl("r0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC),
                new Fcntl("r0", "F_SETSIG", 35), new Fcntl("r0", "F_SETSIG", 29), new Fcntl("r0", "F_SETSIG", 0),
                new Ioctl("r0", "FIOASYNC", 0), new Write("w0", 1), new Read("r0", 1),
                new Setrlimit("RLIMIT_SIGPENDING", 1), new Sigtimedwait(new java.util.TreeSet<>(java.util.Set.of(29, 35))));
    }

    public static ReadinessModel sigioModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(sigioSetup(), sigioUniverse()));
    }


    /** specs/MCSndbuf.tla: an AF_UNIX send buffer that fills, and SOCK_WAKE_SPACE's signal (catalogue S-04). */
    public static final String SNDBUF_MODULE = "MCSndbuf";
    public static final String SNDBUF_CFG = "MCSndbuf.cfg";

    /**
     * MCSndbuf's setup: a socketpair (s0, s1) whose sk_sndbuf is 8 and whose skbs are charged 8 each
     * (small stand-ins for the header's figures): one send fills it.
     */
    public static List<ProcAction> sndbufSetup() {
        return List.of(new Socketpair("s0", 3, "s1", 4, true, 8, 8));
    }

    /**
     * MCSndbuf's calls: s0 owned and async; SO_SNDBUF 1 (SOCK_MIN_SNDBUF 4: too small for the freed
     * room to make s0 writable in sock_wfree) and 9 (capped at wmem_max 4: 8; the copied-out values stay within MCUMax) and read back; s0's one-byte
     * send, s1's one-byte read; rt_sigtimedwait takes SIGIO.
     */
    public static List<ProcAction> sndbufUniverse() {
        return List.of(new Fcntl("s0", "F_SETOWN_EX", 0), new Fcntl("s0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC),
                new Setsockopt("s0", 1, 4, 4), new Setsockopt("s0", 9, 4, 4), new Getsockopt("s0"),
                new Write("s0", 1), new Read("s1", 1), new Sigtimedwait(new java.util.TreeSet<>(java.util.Set.of(29))));
    }

    public static ReadinessModel sndbufModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(sndbufSetup(), sndbufUniverse()));
    }

    /** specs/MCSigmask.tla: io_pgetevents' signal mask and the delivery it lets through (catalogue A-GEV-03). */
    public static final String SIGMASK_MODULE = "MCSigmask";
    public static final String SIGMASK_CFG = "MCSigmask.cfg";

    /** MCSigmask's setup: a pipe (r0, w0), an epoll e0 and RLIMIT_SIGPENDING 2, which bounds the queue. */
    public static List<ProcAction> sigmaskSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4), new EpollCreate1("e0", 5), new Setrlimit("RLIMIT_SIGPENDING", 2));
    }

    /**
     * MCSigmask's calls: an AIO context a0 with a poll of r0 (an event to take); r0 owned and async,
     * plain SIGIO or a real-time signal (35) chosen; the pipe's write and read; a handler for SIGIO
     * and SIG_DFL again, a handler or SIG_IGN for 35, and SIGKILL's (EINVAL); io_pgetevents that lets
     * both through, lets none through, has a bad sigsetsize, has no usig, or a bad min_nr; rt_sigtimedwait;
     * r0 in e0, and epoll_pwait, ppoll and pselect6 of r0 that let both through.
     */
    public static List<ProcAction> sigmaskUniverse() {
        java.util.SortedSet<Integer> none = new java.util.TreeSet<>();
        java.util.SortedSet<Integer> both = new java.util.TreeSet<>(java.util.Set.of(29, 35));
        return List.of(new IoSetup(1, "a0"), new IoSubmit("a0", 7, "r0", Mask.IN),
                new Fcntl("r0", "F_SETOWN_EX", 0), new Fcntl("r0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC),
                new Fcntl("r0", "F_SETSIG", 35), new Write("w0", 1), new Read("r0", 1),
                new Sigaction(29, "handler"), new Sigaction(29, "SIG_DFL"), new Sigaction(35, "handler"),
                new Sigaction(35, "SIG_IGN"), new Sigaction(9, "handler"),
                new Sigmasked(new IoGetevents("a0", 0, 1), none, 8), new Sigmasked(new IoGetevents("a0", 0, 1), both, 8),
                new Sigmasked(new IoGetevents("a0", 0, 1), none, 7), new Sigmasked(new IoGetevents("a0", 0, 1), null, 0),
                new Sigmasked(new IoGetevents("a0", 2, 1), none, 8), new Sigtimedwait(both),
                new EpollCtl("e0", Op.EPOLL_CTL_ADD, "r0", Mask.IN), new Sigmasked(new EpollWait("e0", 1), none, 8),
                new Sigmasked(new Poll(List.of(new PollFd("r0", Mask.IN))), none, 8),
                new Sigmasked(new Select(8, java.util.Set.of("r0"), java.util.Set.of(), java.util.Set.of()), none, 8));
    }

    public static ReadinessModel sigmaskModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(sigmaskSetup(), sigmaskUniverse()));
    }

    /** specs/MCSigmaskRing.tla: io_uring_enter's GETEVENTS wait with a sigset (io_cqring_wait). */
    public static final String SIGMASK_RING_MODULE = "MCSigmaskRing";
    public static final String SIGMASK_RING_CFG = "MCSigmaskRing.cfg";

    /**
     * MCSigmaskRing's calls: a ring u0 (1 entry); r0 owned and async, its write sends SIGIO and its
     * read empties it; a handler for SIGIO, or SIG_IGN; a NOP submitted without waiting and the reap;
     * io_uring_enter waiting for one CQE with a sigset that lets SIGIO through, of size 8 or 7;
     * rt_sigtimedwait.
     */
    public static List<ProcAction> sigmaskRingUniverse() {
        java.util.SortedSet<Integer> none = new java.util.TreeSet<>();
        return List.of(new IoUringSetup("u0", 5, 1), new Fcntl("r0", "F_SETOWN_EX", 0),
                new Fcntl("r0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC), new Write("w0", 1), new Read("r0", 1),
                new Sigaction(29, "handler"), new Sigaction(29, "SIG_IGN"),
                new IoUringEnter("u0", List.of(Sqe.nop(1)), 0, false), new CqReap("u0"),
                new Sigmasked(new IoUringEnter("u0", List.of(), 1, true), none, 8),
                new Sigmasked(new IoUringEnter("u0", List.of(), 1, true), none, 7),
                new Sigtimedwait(new java.util.TreeSet<>(java.util.Set.of(29))));
    }

    public static ReadinessModel sigmaskRingModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(sigioSetup(), sigmaskRingUniverse()));
    }

    /** specs/MCCompletionTasks.tla: a task asleep in io_uring_enter with GETEVENTS. */
    public static final String TASKS_MODULE = "MCCompletionTasks";
    public static final String TASKS_CFG = "MCCompletionTasks.cfg";

    /** MCCompletionTasks's setup: a pipe (r0, w0) and an epoll e0. */
    public static List<ProcAction> tasksSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4), new EpollCreate1("e0", 6));
    }

    /** MCAioTasks's setup: a blocking pipe (r0, w0) and a regular file f0. */
    public static List<ProcAction> aioTasksSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4, false), new Open("f0", 5));
    }

    /**
     * MCCompletionTasks's calls: a 1-entry ring u1 (CQ 2), a POLL_ADD of r0 and a NOP by the main
     * task, t1 in io_uring_enter(u1, -, 2, GETEVENTS) (it sleeps until two CQEs are in the ring), the
     * write and read of the pipe, reaps and the task work; an edge-triggered epoll item on u1 (each
     * commit that posts wakes the ring's poll_wq: ep_poll_callback) and the main task's epoll_wait.
     */
    public static List<ProcAction> tasksUniverse() {
        return List.of(new IoUringSetup("u1", 5, 1),
                new IoUringEnter("u1", List.of(Sqe.pollAdd(1, "r0", Mask.IN, false)), 0, false),
                new IoUringEnter("u1", List.of(nop(2)), 0, false),
                new TaskCall("t1", new IoUringEnter("u1", List.of(), 2, true), -1), new TaskRun("t1"), new TaskReturn("t1"),
                new Write("w0", 1), new Read("r0", 1), new CqReap("u1"), new IoUringTaskWork(),
                new EpollCtl("e0", Op.EPOLL_CTL_ADD, "u1", Mask.IN | Mask.ET),
                new EpollWait("e0", 1));
    }

    public static ReadinessModel tasksModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(tasksSetup(), tasksUniverse()));
    }

    /** specs/MCAioTasks.tla: a task asleep in io_getevents. */
    public static final String AIO_TASKS_MODULE = "MCAioTasks";
    public static final String AIO_TASKS_CFG = "MCAioTasks.cfg";

    /**
     * MCAioTasks's calls: an AIO context a0 with a poll of r0, t1 in io_getevents(a0, 1, 2) with a
     * 1 ms timeout (it sleeps until an event comes or its timer fires) or in io_submit of a PREAD of
     * the blocking pipe r0 (it sleeps inside the call until the write or the writer's close), the
     * write and read of the pipe, the writer's close, and io_destroy (not taken while t1 waits on a0);
     * an IOCB_CMD_FSYNC of f0, which waits for the worker (AioPollWork) whose completion wakes t1, and
     * delayed_fput_work (DelayedFputWork), which then drops f0's reference.
     */
    public static List<ProcAction> aioTasksUniverse() {
        return List.of(new IoSetup(1, "a0"), new IoSubmit("a0", 7, "r0", Mask.IN),
                new TaskCall("t1", new IoGetevents("a0", 1, 2), 1),
                new TaskCall("t1", new IoSubmit("a0", List.of(Iocb.rw(false, 8, "r0", 1, ""))), -1), new TaskRun("t1"),
                new TaskTimeout("t1"), new TaskReturn("t1"), new Write("w0", 1), new Read("r0", 1), new Close("w0"),
                new IoDestroy("a0"), new IoUringTaskWork(), new IoSubmit("a0", List.of(new Iocb("FSYNC", 9, "f0", 0, 0, ""))),
                new AioPollWork(), new DelayedFputWork());
    }

    public static ReadinessModel aioTasksModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(aioTasksSetup(), aioTasksUniverse()));
    }

    /** specs/MCAioSlots.tla: io_submit's EAGAIN once a context's requests hold all its slots. */
    public static final String AIO_SLOTS_MODULE = "MCAioSlots";
    public static final String AIO_SLOTS_CFG = "MCAioSlots.cfg";

    /** MCAioSlots's setup: a pipe (r0, w0). */
    public static List<ProcAction> aioSlotsSetup() {
        return List.of(new Pipe2("r0", 3, "w0", 4));
    }

    /**
     * MCAioSlots's calls: a context a0 of 1 event with 1 possible CPU (124 slots) and polls of the
     * empty pipe, each waiting, until io_submit is EAGAIN.
     */
    public static List<ProcAction> aioSlotsUniverse() {
        return List.of(new IoSetup(1, "a0", AioAbi.AIO_MAX_NR_DEFAULT, 1), new IoSubmit("a0", 7, "r0", Mask.IN));
    }

    public static ReadinessModel aioSlotsModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(aioSlotsSetup(), aioSlotsUniverse()));
    }

    /** specs/MCAioDirect.tla: AIO reads of regular files with data, buffered and O_DIRECT. */
    public static final String AIO_DIRECT_MODULE = "MCAioDirect";
    public static final String AIO_DIRECT_CFG = "MCAioDirect.cfg";

    /**
     * MCAioDirect's setup: d0, a file of 4 bytes opened with O_DIRECT whose stx_dio_offset_align
     * is 2, and f0, one of 3 bytes opened without it.
     */
    public static List<ProcAction> aioDirectSetup() {
        return List.of(new Open("d0", 3, true, 4, 2), new Open("f0", 4, false, 3, 2));
    }

    /**
     * MCAioDirect's calls: an AIO context a0; PREADs of d0: 2 bytes (its bios complete it later:
     * AioPollWork), 1 byte at offset 1 and 1 byte (misaligned: -EINVAL at once), 2 bytes at offset
     * 4 (the end: 0), 4 bytes at offset 2 (across the end: not modelled); a PREAD of 4 bytes of f0
     * (buffered: 3); read(2) of f0 (not modelled); io_getevents; io_cancel of the read in flight
     * (EINVAL); d0's close (the read in flight holds it until delayed_fput_work); io_destroy.
     */
    public static List<ProcAction> aioDirectUniverse() {
        return List.of(new IoSetup(1, "a0", AioAbi.AIO_MAX_NR_DEFAULT, 0),
                new IoSubmit("a0", List.of(Iocb.rw(false, 1, "d0", 2, ""))),
                new IoSubmit("a0", List.of(Iocb.rw(false, 2, "d0", 1, "").with(0, 1, 0))),
                new IoSubmit("a0", List.of(Iocb.rw(false, 3, "d0", 1, ""))),
                new IoSubmit("a0", List.of(Iocb.rw(false, 4, "d0", 2, "").with(0, 4, 0))),
                new IoSubmit("a0", List.of(Iocb.rw(false, 5, "d0", 4, "").with(0, 2, 0))),
                new IoSubmit("a0", List.of(Iocb.rw(false, 6, "f0", 4, ""))),
                new Read("f0", 1), new IoGetevents("a0", 0, 1), new IoCancel("a0", 1), new Close("d0"),
                new IoDestroy("a0"), new AioPollWork(), new DelayedFputWork());
    }

    public static ReadinessModel aioDirectModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(aioDirectSetup(), aioDirectUniverse()));
    }

    /** specs/MCAioUnix.tla: AIO reads and writes of an AF_UNIX socketpair, a task asleep in io_submit's read. */
    public static final String AIO_UNIX_MODULE = "MCAioUnix";
    public static final String AIO_UNIX_CFG = "MCAioUnix.cfg";

    /** A blocking AF_UNIX stream socketpair (s0, s1). */
    public static List<ProcAction> aioUnixSetup() {
        return List.of(new Socketpair("s0", 3, "s1", 4, false));
    }

    /**
     * MCAioUnix's calls: an AIO context a0; t1 in io_submit of a PREAD of s0, which sleeps in the
     * socket's read until a PWRITE to s1 or s1's close wakes it; a PREAD of s0 with
     * RWF_NOWAIT (EAGAIN when empty), a PWRITE of s1 at aio_offset 1 (ESPIPE), a PWRITE of s1, a
     * PREAD of s0 of 0 bytes (0); io_getevents; s1's close; t2 in io_destroy(a0), which waits while
     * t1's read holds a request.
     */
    public static List<ProcAction> aioUnixUniverse() {
        return List.of(new IoSetup(1, "a0"),
                new TaskCall("t1", new IoSubmit("a0", List.of(Iocb.rw(false, 8, "s0", 1, ""))), -1), new TaskRun("t1"),
                new TaskReturn("t1"),
                new IoSubmit("a0", List.of(Iocb.rw(false, 9, "s0", 1, "").with(AioAbi.RWF_NOWAIT, 0, 0))),
                new IoSubmit("a0", List.of(Iocb.rw(true, 10, "s1", 1, "").with(0, 1, 0))),
                new IoSubmit("a0", List.of(Iocb.rw(true, 11, "s1", 1, ""))),
                new IoSubmit("a0", List.of(Iocb.rw(false, 12, "s0", 0, ""))),
                new IoGetevents("a0", 0, 2), new Close("s1"),
                new TaskCall("t2", new IoDestroy("a0"), -1), new TaskRun("t2"), new TaskReturn("t2"));
    }

    public static ReadinessModel aioUnixModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(aioUnixSetup(), aioUnixUniverse()));
    }

    /**
     * StateConstraint: at most MCMax CQEs on a ring's overflow list, polls armed (a LINK_TIMEOUT's queued task work is not one), pipe bytes, unread
     * skbs of a socket, eventfd count, AIO events and polls (a context whose slots are known, as many
     * polls as they allow: MCAioSlots); at most MCDrainMax requests deferred, in io-wq and unfreed together;
     * at most MCBufMax provided buffers on a ring.
     */
    public static Predicate<ProcState> constraint() {
        return s -> s.files().values().stream().allMatch(f -> switch (f) {
            case OpenFile.IoUring r -> r.overflow().size() <= MAX
                    && r.polls().stream().filter(p -> !p.op().equals("LINK_TIMEOUT")).count() <= MAX
                    && r.defer().size() + r.iowq().size() + r.unfreed() <= DRAIN_MAX
                    && r.kbufs().size() <= BUF_MAX;
            case OpenFile.AioCtx c -> c.events().size() <= MAX && c.polls().size() <= (c.slots() > 0 ? c.slots() : MAX);
            case OpenFile.PipeRead p -> p.bytes() <= MAX;
            case OpenFile.EventFd e -> e.count() <= MAX;
            case OpenFile.UnixStream u -> u.rcvQueue().size() <= MAX;
            default -> true;
        });
    }

    /** The invariants, in the order MCCompletion.cfg lists them (TypeOK aside). */
    public static Map<String, Predicate<ProcState>> invariants() {
        Map<String, Predicate<ProcState>> m = new LinkedHashMap<>();
        m.put("OpenFdsReferToLiveFiles", s -> s.files().keySet().containsAll(s.fds().values()));
        m.put("CqWithinItsSize", s -> rings(s).stream().allMatch(r -> r.cq().size() <= r.cqEntries()));
        m.put("CancelledPollsArePending", s -> rings(s).stream()
                .allMatch(r -> r.polls().stream().allMatch(p -> !p.cancelled() || p.pending())));
        m.put("RingSizesPowersOfTwo", s -> rings(s).stream().allMatch(r -> Integer.bitCount(r.sqEntries()) == 1
                && Integer.bitCount(r.cqEntries()) == 1 && r.cqEntries() >= r.sqEntries()));
        return m;
    }

    private static List<OpenFile.IoUring> rings(ProcState s) {
        return s.files().values().stream().filter(f -> f instanceof OpenFile.IoUring)
                .map(f -> (OpenFile.IoUring) f).toList();
    }

    /** The model's reachable graph at these bounds; the model is pure, so one JVM explores the same bounds once. */
    public static Explorer.Result explore(ReadinessModel model) {
        return EXPLORED.plain(model.bounds(), () -> explorer(model));
    }

    /** As {@link #explore}, each state with its observables ({@link Explorer#withObservables}). */
    public static Explorer.Result exploreObserved(ReadinessModel model) {
        return EXPLORED.observed(model.bounds(), () -> explorer(model));
    }

    private static final kpath.check.Explorations<ReadinessModel.Bounds> EXPLORED = new kpath.check.Explorations<>();

    public static Explorer<ProcState, ProcAction> explorer(ReadinessModel model) {
        return Explorer.of(model).constraint(constraint()).invariants(invariants());
    }

    /** The Java graph of {@code model} against TLC's for {@code module} in {@code specDir}. */
    public static GraphComparison.Outcome compare(ReadinessModel model, Path specDir, String module, String cfg,
                                                  Duration timeout) throws CheckException {
        return GraphComparison.against(explore(model), specDir, module, cfg, timeout);
    }

    /** The observables of {@code model} against the spec's Observables, at these bounds. */
    public static GraphComparison.Outcome compareObservables(ReadinessModel model, Path specDir, String module,
                                                             String cfg, Duration timeout) throws CheckException {
        return GraphComparison.observables(exploreObserved(model), specDir, module, cfg, timeout);
    }
}
