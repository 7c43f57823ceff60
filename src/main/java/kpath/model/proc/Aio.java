package kpath.model.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kpath.model.proc.OpenFile.AioCtx;
import kpath.model.proc.OpenFile.AioEvent;
import kpath.model.proc.OpenFile.AioPoll;
import kpath.model.proc.OpenFile.PipeRead;
import kpath.model.proc.OpenFile.PipeWrite;
import kpath.model.proc.OpenFile.Regular;
import kpath.model.proc.OpenFile.UnixStream;
import kpath.model.proc.ProcAction.Iocb;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.AioAbi;
import kpath.uapi.Errno;

import static kpath.model.proc.ProcRule.*;

/**
 * fs/aio.c: native AIO contexts, IOCB_CMD_POLL, IOCB_CMD_PREAD and PWRITE of pipes, AF_UNIX
 * stream sockets and regular files (done inside io_submit: an O_NONBLOCK pipe's or socket's read
 * with nothing there completes with -EAGAIN, a socket's at a non-zero offset with -ESPIPE, a
 * buffered read of a file with what it read), io_cancel and io_getevents. io_submit takes its
 * iocbs in order and stops at the first that fails: it returns how many it took, or that one's
 * error when it is the first. A poll that finds its file ready completes inside io_submit with
 * the polled mask; one that waits is completed by the wake-up itself, with the wake-up's key as
 * res (aio_poll_wake: not masked by the events asked for), unless its completion work is already
 * queued or the context's ctx_lock is taken ({@link AioTrylockFails}, chosen ahead by a hidden
 * step); such a wake-up, one without a key, or io_cancel, queues that work ({@link AioPollWork}), which
 * polls again and completes a cancelled poll even with mask 0. IOCB_CMD_FSYNC and FDSYNC of a
 * regular file are always done by that worker (aio_fsync → aio_fsync_work, res vfs_fsync's: 0
 * here), kept meanwhile as a request no io_cancel reaches ({@link AioPoll#fsync}); of a file
 * without ->fsync (a pipe, a socket, an eventfd), or with aio_nbytes, aio_offset or aio_rw_flags
 * set, they are EINVAL. A completion of an iocb with
 * IOCB_FLAG_RESFD signals its eventfd ({@link EventfdFile#signal}). An IOCB_CMD_PREAD of a file
 * opened with O_DIRECT ({@link ReadWrite#pread}) misaligned to the file's stx_dio_offset_align
 * completes inside io_submit with -EINVAL, io_submit still counting it; an aligned one that reads
 * bytes is completed later by its bios ({@link AioPoll#dio}), as the worker step. io_submit is EAGAIN once the
 * context's requests hold all its slots, a count the CPU count sets ({@link #full}). Not modelled:
 * the slots where the trace did not record the CPU count, slots stranded in other CPUs' caches (the
 * model counts for a submitter on one CPU), io_submit's cap of nr at the ring's nr_events, the
 * system-wide aio_nr that io_setup counts against aio-max-nr, other commands and files, rw flags
 * but RWF_NOWAIT (a task's read of an empty blocking pipe or socket sleeps inside io_submit: {@link Tasks}), a waiting
 * io_getevents of the main task (its timeout only lets the worker run first; a task's waits:
 * {@link Tasks}, woken by every completion, aio_complete's wake_up(&ctx->wait)), io_destroy of a
 * context a task waits on in io_getevents (a task's io_destroy waits for a read inside io_submit:
 * {@link #destroy(World, IoDestroy, Task)}), work_need_resched (a second wake-up
 * while the work is queued makes the worker poll once more), the eventfd signal of a RESFD poll
 * io_destroy cancels, io_destroy's wait for a queued FSYNC (the model drops it like a cancelled
 * poll; its file waits for delayed_fput_work either way). The fput of a poll completed by the worker or cancelled by io_destroy waits
 * for delayed_fput_work ({@link #delayedFput}), a hidden step.
 */
final class Aio {
    private Aio() {}

    /**
     * kernel: io_setup — EINVAL when *ctxp is not 0 (the name is one set up before) or for 0
     * events; ioctx_alloc — EINVAL when the doubled count overflows the ring's limit, then
     * EAGAIN when nr_events exceeds aio-max-nr; the context's id is copied out. The system-wide
     * check (aio_nr, every process's contexts, plus nr_events above aio-max-nr: EAGAIN) is not
     * modelled: other processes' contexts are not observable, so the model has aio_nr 0.
     */
    static ProcRule setup(World w, IoSetup a) {
        if (w.files.get(a.ctx()) instanceof AioCtx || a.nrEvents() <= 0 || a.nrEvents() > AioAbi.IO_SETUP_MAX_NR_EVENTS) {
            return w.fail(Errno.EINVAL, AioEinval);
        }
        if (w.files.containsKey(a.ctx()) || w.numbers.containsKey(a.ctx())) {
            return null; // names are fresh
        }
        if (a.nrEvents() > a.aioMaxNr()) {
            return w.fail(Errno.EAGAIN, IoSetupEagain); // "(unsigned long)max_reqs > aio_max_nr"
        }
        w.files.put(a.ctx(), new AioCtx(AioAbi.slots(a.nrEvents(), a.possibleCpus()), AioAbi.ringNr(a.nrEvents(), a.possibleCpus())));
        w.ret = 0;
        return IoSetupOk;
    }

    /**
     * kernel: io_submit — EINVAL without the context; then io_submit_one for each iocb in turn,
     * stopping at the first that fails: "return i ? i : ret". The main task's call never sleeps:
     * one whose read would is a task's ({@link #submit(World, IoSubmit, int, String)}).
     */
    static ProcRule submit(World w, IoSubmit a) {
        ProcRule r = submit(w, a, 0, null);
        return r == TaskSleeps ? null : r;
    }

    /**
     * io_submit from iocb {@code from} on; {@code held}: the file iocb {@code from} holds, taken
     * before a task slept in its read (null when it is yet to be taken). An IOCB_CMD_PREAD of an
     * empty blocking pipe sleeps inside the call (fs/aio.c aio_read → the pipe's read_iter,
     * fs/pipe.c anon_pipe_read: wait_event_interruptible_exclusive on rd_wait): TaskSleeps, with
     * ret the count taken before it.
     */
    static ProcRule submit(World w, IoSubmit a, int from, String held) {
        if (held == null && !live(w, a.ctx())) {
            return w.fail(Errno.EINVAL, AioEinval); // lookup_ioctx
        }
        for (int i = from; i < a.iocbs().size(); i++) {
            Iocb q = a.iocbs().get(i);
            boolean taken = held != null && i == from;
            if (!taken && !live(w, a.ctx())) {
                return null; // not modelled: iocbs after a read that slept through io_destroy's kill_ioctx
            }
            Errno e = taken ? null : refused(w, q, a.ctx());
            String file = taken ? held : w.fileOf(q.fd());
            if (e == null && !q.op().equals("POLL") && (!(w.files.get(file) instanceof PipeRead
                    || w.files.get(file) instanceof PipeWrite || w.files.get(file) instanceof Regular
                    || w.files.get(file) instanceof UnixStream) || (q.rwFlags() & AioAbi.RWF_OTHER) != 0)) {
                return null; // reads and writes of pipes, AF_UNIX sockets and regular files only, with no rw flag but RWF_NOWAIT
            }
            if (e == null && q.op().equals("PREAD") && w.files.get(file) instanceof Regular f && !ReadWrite.preadModelled(f, q.offset(), q.nbytes())) {
                return null;
            }
            if (e != null && i == 0) {
                return w.fail(e, e == Errno.EBADF ? Ebadf : e == Errno.EOPNOTSUPP ? AioEopnotsupp
                        : e == Errno.EAGAIN ? AioEagain : AioEinval);
            }
            if (e != null) {
                w.ret = i;
                w.out = CopyOut.NONE;
                return IoSubmitStopsShort;
            }
            if (wouldSleep(w, q, file)) {
                w.ret = i;
                w.out = CopyOut.NONE;
                return TaskSleeps;
            }
            if (q.op().equals("POLL")) {
                poll(w, a.ctx(), q);
            } else if (fsync(q)) {
                AioCtx now = (AioCtx) w.files.get(a.ctx());
                List<AioPoll> polls = new ArrayList<>(now.polls());
                polls.add(AioPoll.fsync(q.data(), file, q.resfd().isEmpty() ? "" : w.fileOf(q.resfd())));
                w.files.put(a.ctx(), now.with(now.events(), polls)); // aio_fsync: schedule_work(aio_fsync_work)
            } else {
                rw(w, a.ctx(), q, file);
            }
        }
        w.ret = a.iocbs().size();
        return IoSubmitOk;
    }

    /**
     * kernel: fs/pipe.c anon_pipe_read — a read of some bytes of an empty pipe with a writer
     * waits, unless the file is O_NONBLOCK or the iocb has IOCB_NOWAIT (RWF_NOWAIT): then EAGAIN.
     * net/socket.c sock_read_iter — at aio_offset 0, a read of some bytes of a blocking socket
     * without IOCB_NOWAIT (no MSG_DONTWAIT) sleeps in unix_stream_data_wait when nothing is there.
     */
    private static boolean wouldSleep(World w, Iocb q, String file) {
        if (!q.op().equals("PREAD") || !w.blocking.contains(file) || q.nbytes() <= 0 || (q.rwFlags() & AioAbi.RWF_NOWAIT) != 0) {
            return false;
        }
        return switch (w.files.get(file)) {
            case PipeRead p -> p.bytes() == 0 && p.writerAlive();
            case UnixStream u -> q.offset() == 0 && AfUnix.wouldSleep(u);
            default -> false;
        };
    }

    /**
     * kernel: io_submit_one — EINVAL when aio_reserved2 is not 0; then aio_get_req, EAGAIN when the
     * context's requests hold all its slots ({@link #full}), before the fd is looked at;
     * __io_submit_one — fget of aio_fildes (EBADF), then with IOCB_FLAG_RESFD
     * eventfd_ctx_fdget of aio_resfd: EBADF without the fd, EINVAL when it is no eventfd; an
     * opcode it does not know is EINVAL; then the command's own checks.
     */
    private static Errno refused(World w, Iocb q, String ctx) {
        if (q.reserved2() != 0) {
            return Errno.EINVAL; // "reserve field set"
        }
        if (full(w, ctx)) {
            return Errno.EAGAIN; // "req = aio_get_req(ctx); if (unlikely(!req)) return -EAGAIN;"
        }
        if (w.fileOf(q.fd()) == null) {
            return Errno.EBADF;
        }
        if (!q.resfd().isEmpty()) {
            String e = w.fileOf(q.resfd());
            if (e == null || !(w.files.get(e) instanceof OpenFile.EventFd)) {
                return e == null ? Errno.EBADF : Errno.EINVAL;
            }
        }
        if (!List.of("POLL", "PREAD", "PWRITE", "FSYNC", "FDSYNC").contains(q.op())) {
            return Errno.EINVAL; // "invalid aio operation"
        }
        return rwRefused(w, q);
    }

    /**
     * kernel: aio_read, aio_write — aio_prep_rw → kiocb_set_rw_flags: EOPNOTSUPP for a flag outside
     * RWF_SUPPORTED; EBADF when the file is not open for the direction (FMODE_READ, FMODE_WRITE;
     * the scenarios open regular files read-only); rw_verify_area: EINVAL for a negative
     * aio_offset. aio_poll — EINVAL when aio_offset, aio_nbytes or aio_rw_flags is not 0; a file
     * without a poll method (a regular file) sets up no wait queue: unless its DEFAULT_POLLMASK
     * meets the events, the iocb fails with EINVAL ("same as no support for IOCB_CMD_POLL").
     */
    private static Errno rwRefused(World w, Iocb q) {
        OpenFile f = w.files.get(w.fileOf(q.fd()));
        if (q.op().equals("POLL")) {
            return q.offset() != 0 || q.nbytes() != 0 || q.rwFlags() != 0
                    || f instanceof Regular && (SelectPoll.vfsPoll(w, w.fileOf(q.fd())) & q.events()) == 0 ? Errno.EINVAL : null;
        }
        if (fsync(q)) {
            // aio_fsync: "if (unlikely(iocb->aio_buf || iocb->aio_offset || iocb->aio_nbytes ||
            // iocb->aio_rw_flags))", then a file without ->fsync (a pipe, a socket, an eventfd): EINVAL
            return q.offset() != 0 || q.nbytes() != 0 || q.rwFlags() != 0 || !(f instanceof Regular) ? Errno.EINVAL : null;
        }
        if ((q.rwFlags() & AioAbi.RWF_UNKNOWN) != 0) {
            return Errno.EOPNOTSUPP;
        }
        if (q.op().equals("PREAD") && f instanceof PipeWrite || q.op().equals("PWRITE") && (f instanceof PipeRead || f instanceof Regular)) {
            return Errno.EBADF;
        }
        return q.offset() < 0 ? Errno.EINVAL : null;
    }

    /**
     * Whether {@code ctx}'s requests hold all its slots ({@link AioCtx#slots}, when known): those not
     * completed (waiting polls, queued FSYNCs, a task's read asleep inside io_submit) and the events
     * not yet taken. kernel: aio_get_req → get_reqs_available, and when that fails
     * user_refill_reqs_available, which gives back the slots of the events io_getevents took
     * (refill_reqs_available: completed_events less those still in the ring) before it tries again.
     */
    private static boolean full(World w, String ctx) {
        AioCtx c = (AioCtx) w.files.get(ctx);
        if (c.slots() == 0) {
            return false;
        }
        long reads = w.tasks.values().stream().filter(t -> t.call() instanceof IoSubmit s && s.ctx().equals(ctx)
                && !t.on().isEmpty()).count();
        return c.polls().stream().filter(p -> !p.done()).count() + c.events().size() + reads >= c.slots();
    }

    /** IOCB_CMD_FSYNC or IOCB_CMD_FDSYNC (aio_fsync's datasync: the same for the files modelled). */
    private static boolean fsync(Iocb q) {
        return q.op().equals("FSYNC") || q.op().equals("FDSYNC");
    }

    /**
     * kernel: aio_read, aio_write → the file's read_iter or write_iter (pipe_read, pipe_write;
     * sock_read_iter, sock_write_iter: {@link #sockRw}), inside io_submit; aio_rw_done completes the iocb with what it returned, an O_NONBLOCK
     * pipe's -EAGAIN included (and an RWF_NOWAIT read's: IOCB_NOWAIT), and signals its eventfd.
     */
    private static void rw(World w, String ctx, Iocb q, String file) {
        String resfd = q.resfd().isEmpty() ? "" : w.fileOf(q.resfd());
        if (w.files.get(file) instanceof UnixStream u) {
            sockRw(w, file, u, q);
        } else if (w.files.get(file) instanceof PipeRead p) {
            Pipe.read(w, file, p, q.nbytes());
        } else if (w.files.get(file) instanceof Regular f) {
            w.ret = ReadWrite.pread(f, q.offset(), q.nbytes()); // buffered, or O_DIRECT refused (-EINVAL) or at EOF: at once
            if (f.direct() && w.ret > 0) { // bios submitted: -EIOCBQUEUED, their end_io completes it
                AioCtx now = (AioCtx) w.files.get(ctx);
                List<AioPoll> polls = new ArrayList<>(now.polls());
                polls.add(AioPoll.dio(q.data(), file, resfd, w.ret));
                w.files.put(ctx, now.with(now.events(), polls));
                return;
            }
        } else {
            Pipe.write(w, (PipeWrite) w.files.get(file), q.nbytes());
        }
        if (!live(w, ctx)) {
            return; // a read that slept through io_destroy: its event goes to a ring no one reads again
        }
        AioCtx now = (AioCtx) w.files.get(ctx);
        List<AioEvent> events = new ArrayList<>(now.events());
        events.add(new AioEvent(q.data(), w.ret));
        w.files.put(ctx, now.with(events, now.polls()));
        signal(w, List.of(resfd));
        Wait.wakeTasks(w, ctx, 0); // aio_complete: wake_up(&ctx->wait)
    }

    /**
     * kernel: net/socket.c sock_read_iter, sock_write_iter — ESPIPE unless aio_offset is 0; a read
     * of 0 bytes is 0 ("Match SYS5 behaviour"); else unix_stream_recvmsg or unix_stream_sendmsg,
     * with MSG_DONTWAIT for an O_NONBLOCK file or IOCB_NOWAIT (a blocking read that would wait
     * sleeps before this: {@link #wouldSleep}).
     */
    private static void sockRw(World w, String file, UnixStream u, Iocb q) {
        if (q.offset() != 0) {
            w.ret = -Errno.ESPIPE.number(); // "if (iocb->ki_pos != 0) return -ESPIPE;"
        } else if (q.op().equals("PWRITE")) {
            AfUnix.sendmsg(w, file, u, q.nbytes());
        } else if (q.nbytes() == 0) {
            w.ret = 0; // "if (!iov_iter_count(to)) return 0;"
        } else {
            AfUnix.recvmsg(w, file, u, q.nbytes());
        }
    }

    /** kernel: aio_poll — the mask at once (completed, and its eventfd signalled), or wait on the file's queue. */
    private static void poll(World w, String ctx, Iocb q) {
        String file = w.fileOf(q.fd());
        String resfd = q.resfd().isEmpty() ? "" : w.fileOf(q.resfd());
        int mask = SelectPoll.vfsPoll(w, file) & q.events();
        AioCtx now = (AioCtx) w.files.get(ctx); // vfs_poll of an epoll may have changed the world
        List<AioEvent> events = new ArrayList<>(now.events());
        List<AioPoll> polls = new ArrayList<>(now.polls());
        if (mask != 0) {
            events.add(new AioEvent(q.data(), mask));
        } else {
            polls.add(new AioPoll(q.data(), file, q.events(), resfd));
        }
        w.files.put(ctx, now.with(events, polls));
        if (mask != 0) {
            signal(w, List.of(resfd));
            Wait.wakeTasks(w, ctx, 0); // aio_complete: wake_up(&ctx->wait)
        }
    }

    /**
     * kernel: io_cancel — EINVAL without the context or without an active request for the iocb
     * (one cancelled already has left the list); a poll's cancel (aio_poll_cancel) marks it and
     * queues its completion work, and io_cancel returns EINPROGRESS: the event comes through the ring.
     */
    static ProcRule cancel(World w, IoCancel a) {
        if (!live(w, a.ctx())) {
            return w.fail(Errno.EINVAL, AioEinval);
        }
        AioCtx ctx = (AioCtx) w.files.get(a.ctx());
        List<AioPoll> polls = new ArrayList<>(ctx.polls());
        for (int i = 0; i < polls.size(); i++) {
            AioPoll p = polls.get(i);
            if (p.data() == a.data() && !p.cancelled() && !p.done()) { // a done one left active_reqs
                polls.set(i, new AioPoll(p.data(), p.file(), p.events(), true, true, p.resfd(), false, false, p.res()));
                w.files.put(a.ctx(), ctx.with(ctx.events(), polls));
                return w.fail(Errno.EINPROGRESS, IoCancelEinprogress);
            }
        }
        return w.fail(Errno.EINVAL, AioEinval);
    }

    /**
     * kernel: io_getevents → do_io_getevents — up to nr events, oldest first; EINVAL without the
     * context, or unless 0 <= min_nr <= nr ("if (likely(min_nr <= nr && min_nr >= 0))").
     */
    static ProcRule getevents(World w, IoGetevents a) {
        return getevents(w, a, List.of());
    }

    /**
     * kernel: read_events → aio_read_events, one check of a task's io_getevents: after the
     * events it took before ({@code before}), up to nr of them in all (aio_read_events_ring reads
     * nr - *i); the result counts them all. Whether it then sleeps is the task's (min_nr, the timer).
     */
    static ProcRule getevents(World w, IoGetevents a, List<AioEvent> before) {
        if (!live(w, a.ctx()) || a.minNr() < 0 || a.minNr() > a.nr()) {
            return w.fail(Errno.EINVAL, AioEinval);
        }
        AioCtx ctx = (AioCtx) w.files.get(a.ctx());
        int n = Math.min(a.nr() - before.size(), ctx.events().size());
        List<AioEvent> taken = new ArrayList<>(before);
        taken.addAll(ctx.events().subList(0, n));
        w.files.put(a.ctx(), ctx.with(ctx.events().subList(n, ctx.events().size()), ctx.polls()));
        w.ret = taken.size();
        w.out = new CopyOut.AioEvents(taken);
        return IoGeteventsOk;
    }

    /**
     * kernel: io_pgetevents — set_user_sigmask swaps in usig's mask (EINVAL, before anything else,
     * unless sigsetsize is sizeof(sigset_t)), then do_io_getevents as io_getevents, then
     * "interrupted = signal_pending(current)": a pending signal the mask lets through. Interrupted
     * with no event taken, the call returns -ERESTARTNOHAND; either way
     * restore_saved_sigmask_unless(interrupted) leaves the swapped mask for the delivery on the way
     * out ({@link SignalDelivery#deliver}). There -ERESTARTNOHAND becomes EINTR once a handler runs
     * (arch/x86/kernel/signal.c handle_signal); with none the call restarts (arch_do_signal_or_restart),
     * and, nothing let through any more, returns what io_getevents does. A NULL usig keeps the main
     * task's mask, which blocks every signal the model knows.
     */
    static ProcRule pgetevents(World w, IoGetevents a, java.util.SortedSet<Integer> mask, long sigsetsize) {
        if (!SignalDelivery.sigsetValid(mask, sigsetsize)) {
            return w.fail(Errno.EINVAL, SigmaskEinval);
        }
        java.util.SortedSet<Integer> through = SignalDelivery.through(w.sigio, mask);
        ProcRule r = getevents(w, a);
        if (through.isEmpty()) {
            return r;
        }
        if (w.ret == 0) {
            return SignalDelivery.interrupted(w, through);
        }
        SignalDelivery.Delivered d = SignalDelivery.deliver(w.sigio, through);
        if (d == null) {
            return null; // a signal whose default action ends the process: not modelled
        }
        w.sigio = d.after();
        return IoPgeteventsSignalled;
    }

    /**
     * kernel: io_destroy → kill_ioctx — the context goes; EINVAL without it. free_ioctx_users
     * cancels its waiting polls, whose work a kernel worker runs: iocb_put's fput from the worker
     * defers __fput to delayed_fput_work, so each poll's file stays referred to after io_destroy
     * returns (it waits for the requests, wait_for_completion, not for that fput) until
     * {@link #delayedFput}: the context is kept, dead, for that long. (Measured: a write right
     * after io_destroy still finds the reader whose last fd was closed.)
     */
    static ProcRule destroy(World w, IoDestroy a) {
        if (!live(w, a.ctx())) {
            return w.fail(Errno.EINVAL, AioEinval);
        }
        if (w.tasks.values().stream().anyMatch(t -> t.phase() != Task.Phase.DONE && (t.call() instanceof IoGetevents g
                && g.ctx().equals(a.ctx()) || t.call() instanceof IoSubmit s && s.ctx().equals(a.ctx())))) {
            // not modelled: kill_ioctx wakes io_getevents sleepers; a read in io_submit makes io_destroy wait: a task's call
            return null;
        }
        kill(w, a.ctx(), false);
        w.ret = 0;
        return IoDestroyOk;
    }

    /**
     * A task's io_destroy. kernel: io_destroy → kill_ioctx at once (the context is dead: later
     * lookups fail), then wait_for_completion — uninterruptible, state D — until the context's
     * requests are done: a read asleep inside io_submit holds one ({@link #inFlight}), and its
     * iocb_destroy's percpu_ref_put lets io_destroy go on ({@link Tasks}). The context is kept,
     * dead, while the call waits. Not modelled: a task in io_getevents on it (kill_ioctx wakes it).
     */
    static ProcRule destroy(World w, IoDestroy a, Task t) {
        if (t.on().isEmpty()) {
            if (!live(w, a.ctx())) {
                return w.fail(Errno.EINVAL, AioEinval);
            }
            if (w.tasks.values().stream().anyMatch(x -> x.phase() != Task.Phase.DONE && x.call() instanceof IoGetevents g
                    && g.ctx().equals(a.ctx()))) {
                return null;
            }
            kill(w, a.ctx(), inFlight(w, a.ctx()));
        }
        w.ret = 0;
        if (inFlight(w, a.ctx())) {
            return TaskSleeps;
        }
        if (w.files.get(a.ctx()) instanceof AioCtx c && c.putting().isEmpty()) {
            w.files.remove(a.ctx()); // dead: nothing else keeps it
        }
        return IoDestroyOk;
    }

    /** Whether a task's io_submit holds a request of {@code ctx}: its read took the file and has not finished. */
    static boolean inFlight(World w, String ctx) {
        return w.tasks.values().stream().anyMatch(t -> t.call() instanceof IoSubmit s && s.ctx().equals(ctx) && !t.on().isEmpty());
    }

    /** Whether a task waits in io_destroy of {@code ctx}: the dead context stays for it. */
    private static boolean destroying(World w, String ctx) {
        return w.tasks.values().stream().anyMatch(t -> t.phase() != Task.Phase.DONE && t.call() instanceof IoDestroy d
                && d.ctx().equals(ctx));
    }

    /**
     * kernel: kill_ioctx — the context goes; free_ioctx_users cancels its waiting polls, whose files
     * wait for delayed_fput_work: the context is kept, dead, while they do, or while {@code keep}.
     */
    private static void kill(World w, String ctx, boolean keep) {
        AioCtx c = (AioCtx) w.files.get(ctx);
        List<String> held = new ArrayList<>(c.putting());
        c.polls().forEach(p -> held.add(p.file()));
        if (held.isEmpty() && !keep) {
            w.files.remove(ctx);
        } else {
            w.files.put(ctx, new AioCtx(List.of(), List.of(), held.stream().distinct().sorted().toList(), true, c.slots(), c.nr()));
        }
    }

    /**
     * Hidden: kernel: fs/file_table.c delayed_fput — delayed_fput_work runs every fput handed to it
     * from a kernel worker (AIO polls completed by the worker, or cancelled by io_destroy): each
     * file nothing else refers to is released; a destroyed context goes with its last one.
     */
    static ProcRule delayedFput(World w) {
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, AioCtx> e : contexts(w).entrySet()) {
            AioCtx c = e.getValue();
            if (c.putting().isEmpty()) {
                continue;
            }
            files.addAll(c.putting());
            if (c.dead() && !destroying(w, e.getKey())) {
                w.files.remove(e.getKey());
            } else {
                w.files.put(e.getKey(), new AioCtx(c.events(), c.polls(), List.of(), false, c.slots(), c.nr()));
            }
        }
        if (files.isEmpty()) {
            return null;
        }
        put(w, files);
        return AioDelayedFput;
    }

    /**
     * kernel: aio_poll_wake — a wake-up on {@code file} whose key misses a poll's events leaves it;
     * one with a key completes it at once with the key as res, unless its work is queued
     * (!req->work_scheduled) or ctx_lock is taken (spin_trylock_irqsave fails: {@link AioPoll#busy});
     * else it queues its work. The eventfds of the completed polls are signalled after the walk.
     */
    static void wake(World w, String file, int key) {
        List<String> signals = new ArrayList<>();
        List<String> posted = new ArrayList<>();
        for (Map.Entry<String, AioCtx> e : contexts(w).entrySet()) {
            List<AioEvent> events = new ArrayList<>(e.getValue().events());
            List<AioPoll> polls = new ArrayList<>();
            for (AioPoll p : e.getValue().polls()) {
                if (p.done() || !p.file().equals(file) || (key != 0 && (key & p.events()) == 0)) {
                    polls.add(p);
                } else if (key != 0 && !p.work() && !p.busy()) {
                    events.add(new AioEvent(p.data(), key)); // mangle_poll(mask): the whole key
                    signals.add(p.resfd());
                    polls.add(p.completed()); // iocb_put → fput: __fput deferred to the waker's task work
                } else {
                    polls.add(p.queued());
                }
            }
            w.files.put(e.getKey(), e.getValue().with(events, polls));
            if (events.size() > e.getValue().events().size()) {
                posted.add(e.getKey());
            }
        }
        signal(w, signals);
        posted.forEach(c -> Wait.wakeTasks(w, c, 0)); // aio_complete: wake_up(&ctx->wait)
    }

    /**
     * kernel: aio_poll_complete_work — each queued poll polls its file again: a mask completes it,
     * and so does a cancel (res 0 when nothing is ready); else 0 re-arms it. Context by context,
     * each context's eventfds signalled after its polls. The same step completes a queued FSYNC
     * (aio_fsync_work) and an O_DIRECT read's bios (iomap_dio_bio_end_io → aio_complete_rw), with
     * their own res ({@link AioPoll#dio}).
     */
    static ProcRule work(World w) {
        boolean any = false;
        for (String id : contexts(w).keySet()) {
            AioCtx c = (AioCtx) w.files.get(id);
            List<AioEvent> events = new ArrayList<>(c.events());
            List<AioPoll> polls = new ArrayList<>();
            List<String> signals = new ArrayList<>();
            List<String> put = new ArrayList<>(c.putting());
            for (AioPoll p : c.polls()) {
                if (!p.work()) {
                    polls.add(p);
                    continue;
                }
                any = true;
                int mask = w.files.containsKey(p.file()) ? SelectPoll.vfsPoll(w, p.file()) & p.events() : 0;
                if (mask != 0 || p.cancelled()) {
                    events.add(new AioEvent(p.data(), mask != 0 ? mask : p.res()));
                    signals.add(p.resfd());
                    put.add(p.file());
                } else {
                    polls.add(p.rearmed());
                }
            }
            w.files.put(id, new AioCtx(events, polls, put.stream().distinct().sorted().toList(), c.dead(), c.slots(), c.nr()));
            signal(w, signals);
            if (!signals.isEmpty()) { // one per completed poll
                Wait.wakeTasks(w, id, 0); // aio_complete: wake_up(&ctx->wait)
            }
        }
        // iocb_put → fput from a kernel worker: __fput waits for delayed_fput_work (delayedFput)
        return any ? AioPollWoken : null;
    }

    /**
     * Hidden: the next keyed wake-up of a waiting poll will find its context's ctx_lock taken by
     * someone else (aio_poll_wake takes it with spin_trylock_irqsave, as it already holds the wait
     * queue's lock), so that wake-up queues the work instead of completing it inline. One state
     * for each waiting poll that may be so marked; ret and out stay.
     */
    static List<ProcState> lockBusy(ProcState s) {
        List<ProcState> next = new ArrayList<>();
        if (!s.hasAsyncFiles()) {
            return next;
        }
        for (Map.Entry<String, OpenFile> e : new TreeMap<>(s.files()).entrySet()) {
            if (e.getValue() instanceof AioCtx c) {
                for (int i = 0; i < c.polls().size(); i++) {
                    AioPoll p = c.polls().get(i);
                    if (!p.work() && !p.busy() && !p.done()) {
                        List<AioPoll> polls = new ArrayList<>(c.polls());
                        polls.set(i, p.lockBusy());
                        World w = new World(s);
                        w.ret = s.ret();
                        w.out = s.out();
                        w.files.put(e.getKey(), c.with(c.events(), polls));
                        next.add(w.build());
                    }
                }
            }
        }
        return next;
    }

    /**
     * Whether an AIO request holds a reference to {@code file} (__io_submit_one: fget of
     * aio_fildes, until iocb_destroy): a poll, a poll's fput waiting for delayed_fput_work, or a
     * read a task sleeps in inside io_submit.
     */
    static boolean holds(World w, String file) {
        return w.files.values().stream().anyMatch(f -> f instanceof AioCtx c
                && (c.polls().stream().anyMatch(p -> p.file().equals(file)) || c.putting().contains(file)))
                || w.tasks.values().stream().anyMatch(t -> t.call() instanceof IoSubmit && t.on().contains(file));
    }

    /** Whether {@code ctx} names a context io_submit, io_cancel, io_getevents and io_destroy find (lookup_ioctx). */
    private static boolean live(World w, String ctx) {
        return w.files.get(ctx) instanceof AioCtx c && !c.dead();
    }

    /** Whether a poll completed inline still holds its file: the fput is due as task work. */
    static boolean fputDue(ProcState s) {
        if (!s.hasAsyncFiles()) {
            return false;
        }
        for (OpenFile f : s.files().values()) { // a loop, not a stream: every step of every state asks
            if (f instanceof AioCtx c) {
                for (AioPoll p : c.polls()) {
                    if (p.done()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * kernel: kernel/task_work.c task_work_run → ____fput, on the way back to user space: the
     * polls completed inline drop their files, each released when nothing else refers to it.
     */
    static ProcRule fput(World w) {
        List<String> put = new ArrayList<>();
        for (Map.Entry<String, AioCtx> e : contexts(w).entrySet()) {
            AioCtx c = e.getValue();
            c.polls().stream().filter(AioPoll::done).forEach(p -> put.add(p.file()));
            w.files.put(e.getKey(), c.with(c.events(), c.polls().stream().filter(p -> !p.done()).toList()));
        }
        put(w, put);
        return AioFput;
    }

    /** kernel: aio_complete → eventfd_signal for each completion with IOCB_FLAG_RESFD, while its eventfd is still there. */
    private static void signal(World w, List<String> eventfds) {
        for (String e : eventfds) {
            if (w.files.get(e) instanceof OpenFile.EventFd) {
                EventfdFile.signal(w, e);
            }
        }
    }

    private static Map<String, AioCtx> contexts(World w) {
        if (!w.mayHave(AioCtx.class)) {
            return Map.of(); // most states have no context, and every wake-up asks
        }
        Map<String, AioCtx> m = new TreeMap<>();
        w.files.forEach((id, f) -> {
            if (f instanceof AioCtx c) {
                m.put(id, c);
            }
        });
        return m;
    }

    /** iocb_destroy → fput of each file in {@code files}, in name order: released when nothing else refers to it. */
    private static void put(World w, List<String> files) {
        files.stream().distinct().sorted().forEach(f -> FileTable.unref(w, f));
    }
}
