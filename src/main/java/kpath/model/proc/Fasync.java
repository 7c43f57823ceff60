package kpath.model.proc;

import java.util.ArrayList;
import java.util.List;
import kpath.model.proc.OpenFile.*;
import kpath.model.proc.ProcAction.Fcntl;
import kpath.model.proc.ProcAction.Sigtimedwait;
import kpath.model.proc.ProcState.FOwner;
import kpath.model.proc.ProcState.SigInfo;
import kpath.model.proc.ProcState.Signals;
import kpath.uapi.Errno;
import kpath.uapi.SigPoll;
import kpath.uapi.Signal;

import static kpath.model.proc.ProcRule.*;

/**
 * Signal-driven I/O. kernel: fs/fcntl.c — F_SETFL's O_ASYNC joins a file's fasync list,
 * F_SETOWN_EX names the task the signal goes to, F_SETSIG chooses the signal, kill_fasync sends
 * it (send_sigio_to_task): plain SIGIO, or the chosen signal with si_fd and si_band — SIGIO so
 * pending once, a real-time signal queued once per send. ioctl FIOASYNC joins or leaves the
 * fasync list like O_ASYNC. The main task blocks them and takes them with rt_sigtimedwait
 * (kernel/signal.c). Not modelled: F_SETSIG with a standard signal other than SIGIO.
 * RLIMIT_SIGPENDING (setrlimit) bounds the queue: a real-time signal over it falls back on plain SIGIO.
 * Sockets signal through net/socket.c sock_wake_async ({@link #sockWakeAsync}).
 */
final class Fasync {
    private Fasync() {}

    /**
     * fcntl F_SETFL / F_SETOWN_EX / F_SETSIG / F_GETSIG / F_GETOWN / F_GETOWN_EX. kernel: fs/fcntl.c setfl — a change of
     * O_ASYNC calls the file's ->fasync (pipe_fasync, sock_fasync) to join or leave its fasync
     * list (fasync_helper records the fd); files without one (eventfd, epoll, regular) keep the
     * flag but never signal. Taking O_NONBLOCK off anything but a socketpair end, an eventfd or
     * a connected TCP socket is not modelled.
     */
    static ProcRule fcntl(World w, Fcntl c) {
        String file = w.fileOf(c.fd());
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        OpenFile f = w.files.get(file);
        FOwner own = w.owner.getOrDefault(file, new FOwner(false, 0));
        w.ret = 0;
        switch (c.cmd()) {
            case "F_SETOWN_EX" -> {
                w.owner.put(file, new FOwner(true, own.signum())); // f_setown_ex: the calling task
                return FcntlSetown;
            }
            case "F_SETSIG" -> {
                if (c.flags() < 0 || c.flags() > Signal.NSIG) {
                    return w.fail(Errno.EINVAL, FcntlSetsigEinval); // !valid_signal(arg)
                }
                if (c.flags() != 0 && c.flags() != Signal.SIGIO.number() && c.flags() < Signal.SIGRTMIN.number()) {
                    return null; // a standard signal other than SIGIO: not modelled
                }
                w.owner.put(file, new FOwner(own.tid(), c.flags())); // f_owner->signum = arg
                return FcntlSetsig;
            }
            case "F_GETSIG" -> {
                w.ret = own.signum(); // 0 also for a file without an f_owner
                return FcntlGetsig;
            }
            case "F_GETOWN" -> {
                // f_getown: pid_vnr of the owner's pid (the main task's, named main), 0 without one
                w.ret = own.tid() ? Signal.PID_MAX_LIMIT : 0;
                return FcntlGetown;
            }
            case "F_GETOWN_EX" -> {
                // f_getown_ex: a zeroed f_owner_ex, or the owner's pid and its pid_type as F_OWNER_*;
                // F_SETOWN_EX named the main task with F_OWNER_TID (PIDTYPE_PID), and a kzalloc'ed
                // f_owner (F_SETSIG alone) has pid_type 0 = PIDTYPE_PID too
                w.out = new CopyOut.Owner("F_OWNER_TID", own.tid() ? "main" : "0");
                return FcntlGetownEx;
            }
            default -> { }
        }
        boolean nonblock = (c.flags() & Fcntl.O_NONBLOCK) != 0;
        boolean async = (c.flags() & Fcntl.O_ASYNC) != 0;
        if (!nonblock && !(f instanceof UnixStream || f instanceof EventFd || f instanceof TcpSock t && !t.peer().isEmpty())) {
            return null;
        }
        if (nonblock) {
            w.blocking.remove(file);
        } else {
            w.blocking.add(file);
        }
        if (!async) {
            w.fasync.remove(file);
        } else if (!w.fasync.containsKey(file) && hasFasync(f)) { // only a change of FASYNC reaches ->fasync
            w.fasync.put(file, w.openName(c.fd())); // ->fasync sets FASYNC: setfl's SETFL_MASK has no FASYNC
        }
        return FcntlSetflAsync;
    }

    /** Whether the file has a ->fasync method (pipe_fasync, sock_fasync); eventfd, epoll, regular and io_uring files have none. */
    private static boolean hasFasync(OpenFile f) {
        return f instanceof PipeRead || f instanceof PipeWrite || f instanceof UnixStream || f instanceof TcpSock;
    }

    /**
     * ioctl(fd, FIOASYNC, &on). kernel: fs/ioctl.c ioctl_fioasync — when FASYNC would change, the
     * file's ->fasync joins or leaves the list (fasync_helper records the fd); a file without one
     * gives ENOTTY. Such a file never has FASYNC (only ->fasync sets it: fs/fcntl.c setfl's
     * SETFL_MASK leaves it out), so FIOASYNC 1 on it is always ENOTTY, where F_SETFL O_ASYNC
     * returns 0. No change: 0, nothing called.
     */
    static ProcRule fioasync(World w, ProcAction.Ioctl c) {
        String file = w.fileOf(c.fd());
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        OpenFile f = w.files.get(file);
        w.ret = 0;
        if ((c.arg() != 0) == w.fasync.containsKey(file)) {
            return IoctlFioasync;
        }
        if (!hasFasync(f)) {
            return w.fail(Errno.ENOTTY, IoctlEnotty);
        }
        if (c.arg() != 0) {
            w.fasync.put(file, w.openName(c.fd()));
        } else {
            w.fasync.remove(file);
        }
        return IoctlFioasync;
    }

    /**
     * The signal kill_fasync(file, reason) sends, or null when it sends none. kernel: fs/fcntl.c
     * kill_fasync → send_sigio: only a file on the fasync list with an owner signals;
     * send_sigio_to_task: signum 0 sends plain SIGIO (SEND_SIG_PRIV, no si_fd), any other a
     * siginfo with si_code = reason, si_fd = the entry's fd and si_band = band_table[reason].
     */
    static SigInfo signal(World w, String file, SigPoll reason) {
        FOwner own = w.owner.get(file);
        if (!w.fasync.containsKey(file) || own == null || !own.tid()) {
            return null;
        }
        return own.signum() == 0 ? new SigInfo(Signal.SIGIO.number(), reason, "", 0)
                : new SigInfo(own.signum(), reason, w.fasync.get(file), reason.band());
    }

    /**
     * {@code s} with signal {@code sent} sent. kernel/signal.c __send_signal_locked: a standard
     * signal already pending is not queued again (legacy_queue), so its first siginfo stays; a
     * real-time one always is, unless RLIMIT_SIGPENDING is reached: then plain SIGIO goes instead
     * (fs/fcntl.c send_sigio_to_task's fall back).
     */
    static Signals send(Signals s, SigInfo sent) {
        // __sigqueue_alloc: over RLIMIT_SIGPENDING no sigqueue, so -EAGAIN for a real-time signal;
        // send_sigio_to_task then falls back on plain SIGIO (SEND_SIG_PRIV: allowed over the limit)
        boolean full = sent.signo() >= Signal.SIGRTMIN.number() && s.limit() >= 0 && s.pending() + 1 > s.limit();
        SigInfo x = full ? new SigInfo(Signal.SIGIO.number(), sent.code(), "", 0) : sent;
        boolean pending = (x.signo() == Signal.SIGIO.number() && s.plain())
                || s.queue().stream().anyMatch(q -> q.signo() == x.signo());
        if (x.signo() < Signal.SIGRTMIN.number() && pending) {
            return s;
        }
        if (x.priv()) {
            return s.withPlain(true);
        }
        List<SigInfo> q = new ArrayList<>(s.queue());
        q.add(x);
        return s.withQueue(q);
    }

    /** How a socket asks for its signal (include/linux/net.h SOCK_WAKE_*): the three the model uses. */
    enum SockWake {
        /** SOCK_WAKE_URG: urgent data — kill_fasync with SIGURG, always. */
        URG,
        /** SOCK_WAKE_WAITD: data or a FIN arrived — no signal while a reader waits for data. */
        WAITD,
        /** SOCK_WAKE_IO: always (an error, a completed connect). */
        IO
    }

    /**
     * sk_wake_async(sk, how, reason). kernel: net/socket.c sock_wake_async — only a socket on a
     * fasync list signals; SOCK_WAKE_WAITD skips the signal while SOCKWQ_ASYNC_WAITDATA is set
     * ({@link #waitdata}: a reader waits for data), SOCK_WAKE_IO always calls kill_fasync, and
     * SOCK_WAKE_URG always calls kill_fasync(SIGURG), whose kill_fasync_rcu skips a file whose
     * signal is 0 (SIGURG has its own: {@link #sendSigurg}).
     * SOCK_WAKE_SPACE (signal only if test_and_clear_bit(SOCKWQ_ASYNC_NOSPACE)) is AF_UNIX's alone
     * here: {@code AfUnix.writeSpace}.
     */
    static void sockWakeAsync(World w, String file, SockWake how, SigPoll reason) {
        FOwner own = w.owner.get(file);
        if (how == SockWake.URG ? own != null && own.signum() != 0 : how == SockWake.IO || !waitdata(w, file)) {
            killFasync(w, file, reason);
        }
    }

    /**
     * fs/fcntl.c send_sigurg(file): with an owner, SIGURG to it (send_sigurg_to_task: SEND_SIG_PRIV, so
     * si_code SI_KERNEL and no si_fd; a standard signal, pending once — kernel/signal.c legacy_queue),
     * and true; without one nothing, and false. It reads only the owner: no fasync entry is needed.
     * The owner blocks SIGURG, so kernel/signal.c sig_ignored does not drop it (ignored by default).
     */
    static boolean sendSigurg(World w, String file) {
        FOwner own = w.owner.get(file);
        if (own == null || !own.tid()) {
            return false;
        }
        w.sigio = w.sigio.withUrg(true);
        return true;
    }

    /**
     * SOCKWQ_ASYNC_WAITDATA: a read task has slept on {@code file} and has not run since (it sets the
     * bit before it sleeps — net/core/sock.c sk_wait_data for TCP, net/unix/af_unix.c
     * unix_stream_data_wait — and clears it once it runs again).
     */
    static boolean waitdata(World w, String file) {
        return w.tasks.values().stream().anyMatch(t -> (t.call() instanceof ProcAction.Read
                || t.call() instanceof ProcAction.IoSubmit) && t.on().contains(file)); // a read inside io_submit too (fs/aio.c aio_read)
    }

    /** kill_fasync(&file's list, SIGIO, reason). */
    static void killFasync(World w, String file, SigPoll reason) {
        SigInfo x = signal(w, file, reason);
        if (x != null) {
            w.sigio = send(w.sigio, x);
        }
    }

    /**
     * setrlimit(RLIMIT_SIGPENDING, {n, max}): the soft limit on the user's pending signals
     * (kernel/sys.c do_prlimit), read when a signal is queued (kernel/signal.c __sigqueue_alloc).
     * Lowering it below what is pending drops nothing.
     */
    static ProcRule setrlimit(World w, ProcAction.Setrlimit a) {
        w.sigio = w.sigio.withLimit(a.cur());
        w.ret = 0;
        return SetrlimitOk;
    }

    /**
     * rt_sigtimedwait(set, timeout 0). kernel/signal.c do_sigtimedwait → dequeue_signal →
     * next_signal: the lowest-numbered pending signal of the set (SIGURG, 23, then SIGIO, 29, before
     * any real-time one; SIGURG's siginfo is SEND_SIG_PRIV's: si_code SI_KERNEL), and of a real-time signal its oldest queued instance (collect_signal),
     * whose siginfo is copied out (plain SIGIO has none); none pending: EAGAIN.
     */
    static ProcRule sigtimedwait(World w, Sigtimedwait c) {
        if (w.sigio.urg() && c.set().contains(Signal.SIGURG.number())) { // 23, below SIGIO and the real-time ones
            w.sigio = w.sigio.withUrg(false);
            w.ret = Signal.SIGURG.number();
            w.out = new CopyOut.SigInfo(Signal.SIGURG.number(), "SI_KERNEL", "", 0);
            return SigurgTaken;
        }
        if (w.sigio.plain() && c.set().contains(Signal.SIGIO.number())) {
            w.sigio = w.sigio.withPlain(false);
            w.ret = Signal.SIGIO.number();
            return SigioTaken;
        }
        SigInfo first = null;
        for (SigInfo x : w.sigio.queue()) {
            if (c.set().contains(x.signo()) && (first == null || x.signo() < first.signo())) {
                first = x;
            }
        }
        if (first == null) {
            return w.fail(Errno.EAGAIN, SigtimedwaitEagain);
        }
        List<SigInfo> q = new ArrayList<>(w.sigio.queue());
        q.remove(first); // the oldest equal entry: records are equal by value
        w.sigio = w.sigio.withQueue(q);
        w.ret = first.signo();
        w.out = new CopyOut.SigInfo(first.signo(), first.code().name(), first.fd(), first.band());
        return SiginfoTaken;
    }
}
