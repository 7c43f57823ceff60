package kpath.model.proc;

import java.util.List;
import kpath.model.Transition;
import kpath.model.proc.ProcAction.*;

/**
 * Readiness on Linux 6.18: the poll methods of pipes, AF_UNIX stream sockets, eventfds, loopback
 * TCP sockets and epoll files; the wake-up path from a file's wait queue to {@code ep_poll_callback}
 * and {@code pollwake}; epoll_ctl, epoll_wait (level- and edge-triggered, EPOLLONESHOT,
 * EPOLLEXCLUSIVE, nested epoll), poll and select; tasks that sleep in them; SIGIO.
 *
 * <p>This class is the entry point: it hands each syscall to the class named after the kernel
 * source that implements it — {@link FdTable} (fs/file.c), {@link FileTable} (fs/file_table.c),
 * {@link ReadWrite} (fs/read_write.c), {@link Pipe} (fs/pipe.c), {@link AfUnix}
 * (net/unix/af_unix.c), {@link EventfdFile} (fs/eventfd.c), {@link TcpLoopback} (net/ipv4),
 * {@link NetSocket} (net/socket.c), {@link Eventpoll} (fs/eventpoll.c), {@link SelectPoll}
 * (fs/select.c), {@link Wait} (kernel/sched/wait.c), {@link Tasks} (the tasks that sleep) and
 * {@link Fasync} (fs/fcntl.c), {@link IoUring} (io_uring/io_uring.c), {@link IoPoll} (io_uring/poll.c, cancel.c), {@link IoTimeout} (io_uring/timeout.c), {@link IoKbuf} (io_uring/kbuf.c), {@link Aio} (fs/aio.c). specs/Readiness.tla is split the same way.
 *
 * <p>One-line calls are made by the main task and never sleep. Calls that may sleep are made by
 * {@link Task}s: see {@link Tasks}. Pipes never fill and TCP sockets are always writable (the data in
 * play is small); an AF_UNIX stream socket's send buffer fills (see {@link AfUnix}). See package-info for the rest.
 */
public final class Proc {

    private Proc() {}

    /**
     * The outcomes of {@code a} in {@code s}: one transition, or none when {@code a} is not enabled;
     * two when a woken reader races sock_wake_async (SIGIO sent or not).
     */
    public static List<Transition<ProcState>> successors(ProcState s, ProcAction a) {
        if ((IoPoll.due(s) || Aio.fputDue(s)) != a instanceof IoUringTaskWork) {
            return List.of(); // task work (io_uring's, an AIO fput) runs before anything else, and only when due
        }
        if ((a instanceof AioPollWork || a instanceof DelayedFputWork || a instanceof AioTrylockFails
                || a instanceof IoWqWork || a instanceof IoWqFree || a instanceof IoUringExitWork || a instanceof IoLinkTimeout
                || a instanceof IoSqThread) && !s.hasAsyncFiles()) {
            return List.of(); // kernel work needs a ring or an AIO context (a replay asks before every line)
        }
        if (a instanceof AioTrylockFails) {
            return Aio.lockBusy(s).stream().map(n -> new Transition<>(ProcRule.AioCtxLockBusy, n)).toList();
        }
        if (a instanceof IoWqWork) {
            return java.util.stream.Stream.concat(
                    IoUring.ioWqWork(s).stream().flatMap(w -> outcomes(ProcRule.IoWqNopDone, w).stream()),
                    java.util.stream.Stream.concat(
                            IoUring.spliceInterrupted(s).stream().flatMap(w -> outcomes(ProcRule.IoWqSpliceInterrupted, w).stream()),
                            IoWqRecv.work(s).stream().flatMap(w -> outcomes(ProcRule.IoWqRecvIssued, w).stream()))).toList();
        }
        if (a instanceof IoSqThread) {
            return IoUring.sqThread(s).stream().flatMap(w -> outcomes(ProcRule.IoSqThreadSubmit, w).stream()).toList();
        }
        World w = new World(s);
        if (a instanceof TaskCall || a instanceof TaskRun || a instanceof TaskTimeout || a instanceof CqReap || a instanceof SqPublish
                || a instanceof IoUringTaskWork || a instanceof AioPollWork || a instanceof DelayedFputWork
                || a instanceof IoWqFree || a instanceof IoUringExitWork || a instanceof IoLinkTimeout) {
            w.ret = s.ret(); // not the main task's call: its last result stays
            w.out = s.out();
        }
        ProcRule rule = step(w, a);
        if (rule == null) {
            return List.of();
        }
        return outcomes(rule, w);
    }

    /** The step's outcome in {@code w}: one, or two when a woken reader races sock_wake_async. */
    private static List<Transition<ProcState>> outcomes(ProcRule rule, World w) {
        ProcState next = w.build();
        ProcState.Signals sent = w.race == null ? next.sigio() : Fasync.send(next.sigio(), w.race);
        if (!sent.equals(next.sigio())) { // the woken reader may clear SOCKWQ_ASYNC_WAITDATA first
            ProcState signalled = new ProcState(next.numbers(), next.fds(), next.files(), next.ret(), next.out(),
                    next.tasks(), next.exclusive(), next.blocking(), next.fasync(), next.owner(), sent);
            return List.of(new Transition<>(rule, next), new Transition<>(rule, signalled));
        }
        return List.of(new Transition<>(rule, next));
    }

    /**
     * Whether a step the program does not make may be enabled in {@code s}: a task's run or timeout
     * needs a task, kernel work (io_uring task work, an AIO worker, a delayed fput) a ring or an AIO
     * context. A replay skips the search for such steps when no state may take one.
     */
    public static boolean mayStepUnseen(ProcState s) {
        return !s.tasks().isEmpty() || s.hasAsyncFiles();
    }

    /** Applies {@code a} to {@code w}: its rule, or null when it is not enabled. */
    private static ProcRule step(World w, ProcAction a) {
        return switch (a) {
            case Pipe2 p -> Pipe.pipe2(w, p);
            case Socketpair p -> AfUnix.socketpair(w, p);
            case Eventfd e -> EventfdFile.eventfd(w, e);
            case EpollCreate1 e -> Eventpoll.epollCreate1(w, e);
            case Open o -> FdTable.open(w, o);
            case Socket o -> TcpLoopback.socket(w, o);
            case Bind x -> TcpLoopback.bind(w, x.fd());
            case Listen x -> TcpLoopback.listen(w, x.fd());
            case Connect x -> TcpLoopback.connect(w, x.fd(), x.listener());
            case Accept4 x -> TcpLoopback.accept4(w, x);
            case Dup d -> FdTable.dup(w, d);
            case Write x -> ReadWrite.write(w, x.fd(), x.n());
            case SendOob x -> NetSocket.sendOob(w, x.fd(), x.n());
            case Read x -> ReadWrite.wouldSleep(w, x) ? null : ReadWrite.read(w, x.fd(), x.n()); // a task's call
            case Shutdown x -> NetSocket.shutdown(w, x.fd(), x.how());
            case Close x -> FileTable.close(w, x.fd());
            case EpollCtl x -> Eventpoll.epollCtl(w, x);
            case EpollWait x -> Eventpoll.epollWait(w, x.epfd(), x.maxevents());
            case Poll x -> SelectPoll.poll(w, x.fds());
            case Select x -> SelectPoll.select(w, x);
            case Sigmasked x when x.call() instanceof IoUringEnter e -> IoUring.enterMasked(w, e, x.mask(), x.sigsetsize());
            case Sigmasked x when x.call() instanceof IoGetevents g -> Aio.pgetevents(w, g, x.mask(), x.sigsetsize());
            case Sigmasked x -> SignalDelivery.sigmasked(w, x, () -> switch (x.call()) {
                case EpollWait e -> Eventpoll.epollWait(w, e.epfd(), e.maxevents());
                case Poll p -> SelectPoll.poll(w, p.fds());
                default -> SelectPoll.select(w, (Select) x.call());
            });
            case TaskCall x -> Tasks.enter(w, x);
            case TaskRun x -> Tasks.run(w, x.task());
            case TaskTimeout x -> Tasks.timeout(w, x.task());
            case TaskReturn x -> Tasks.taskReturn(w, x.task());
            case Fcntl x -> Fasync.fcntl(w, x);
            case Ioctl x -> Fasync.fioasync(w, x);
            case Setsockopt x -> NetSocket.setsockoptSndbuf(w, x);
            case Getsockopt x -> NetSocket.getsockoptSndbuf(w, x.fd());
            case Setrlimit x -> Fasync.setrlimit(w, x);
            case Sigtimedwait x -> Fasync.sigtimedwait(w, x);
            case Sigaction x -> SignalDelivery.sigaction(w, x);
            case IoUringSetup x -> IoUring.setup(w, x);
            case IoUringEnter x -> IoUring.enter(w, x);
            case IoUringEnterBadFlags x -> IoUring.enterBadFlags(w, x);
            case CqReap x -> IoUring.reap(w, x);
            case SqPublish x -> IoUring.publish(w, x);
            case IoSqThread x -> null; // coverage: impossible — handled in successors
            case IoUringRegisterEventfd x -> IoUring.registerEventfd(w, x);
            case IoSetup x -> Aio.setup(w, x);
            case IoSubmit x -> Aio.submit(w, x);
            case IoCancel x -> Aio.cancel(w, x);
            case IoGetevents x -> Aio.getevents(w, x);
            case IoDestroy x -> Aio.destroy(w, x);
            case AioPollWork x -> Aio.work(w);
            case DelayedFputWork x -> Aio.delayedFput(w);
            case AioTrylockFails x -> null; // coverage: impossible — handled in successors
            case IoWqWork x -> null; // coverage: impossible — handled in successors
            case IoWqFree x -> IoUring.ioWqFree(w);
            case IoUringExitWork x -> IoUring.exitWork(w);
            case IoLinkTimeout x -> IoTimeout.fire(w, x.userData());
            case IoUringTaskWork x -> {
                if (!IoPoll.due(w.build())) {
                    yield Aio.fput(w); // DOUBT: with both due, io_uring's runs first here
                }
                IoPoll.taskWork(w);
                yield ProcRule.IoUringPollTaskWork;
            }
        };
    }
}
