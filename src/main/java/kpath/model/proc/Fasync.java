package kpath.model.proc;

import kpath.model.proc.OpenFile.*;
import kpath.model.proc.ProcAction.Fcntl;
import kpath.uapi.Errno;
import kpath.uapi.Signal;

import static kpath.model.proc.ProcRule.*;

/**
 * Signal-driven I/O. kernel: fs/fcntl.c — F_SETFL's O_ASYNC joins a file's fasync list,
 * F_SETOWN_EX names the task SIGIO goes to, kill_fasync sends it; the main task blocks SIGIO and
 * takes it with rt_sigtimedwait (kernel/signal.c). Signals other than SIGIO, F_SETSIG and si_band
 * are not modelled.
 */
final class Fasync {
    private Fasync() {}

    /**
     * fcntl F_SETFL / F_SETOWN_EX. kernel: fs/fcntl.c setfl — a change of O_ASYNC calls the file's
     * ->fasync (pipe_fasync, sock_fasync) to join or leave its fasync list; files without one
     * (eventfd, epoll, regular) keep the flag but never signal. O_ASYNC on TCP sockets, and taking
     * O_NONBLOCK off anything but a socketpair end or an eventfd, are not modelled.
     */
    static ProcRule fcntl(World w, Fcntl c) {
        String file = w.fileOf(c.fd());
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        OpenFile f = w.files.get(file);
        w.ret = 0;
        if (c.cmd().equals("F_SETOWN_EX")) {
            w.owner.add(file); // f_setown_ex: SIGIO goes to the calling task
            return FcntlSetown;
        }
        boolean nonblock = (c.flags() & Fcntl.O_NONBLOCK) != 0;
        boolean async = (c.flags() & Fcntl.O_ASYNC) != 0;
        if ((!nonblock && !(f instanceof UnixStream || f instanceof EventFd)) || (async && f instanceof TcpSock)) {
            return null;
        }
        if (nonblock) {
            w.blocking.remove(file);
        } else {
            w.blocking.add(file);
        }
        if (f instanceof PipeRead || f instanceof PipeWrite || f instanceof UnixStream) {
            if (async) {
                w.fasync.add(file);
            } else {
                w.fasync.remove(file);
            }
        }
        return FcntlSetflAsync;
    }

    /** kernel: kill_fasync → send_sigio: only a file on the fasync list with an owner signals. */
    static void killFasync(World w, String file) {
        if (w.fasync.contains(file) && w.owner.contains(file)) {
            w.sigio = true;
        }
    }

    /** rt_sigtimedwait({SIGIO}, timeout 0): takes the pending SIGIO, or EAGAIN (kernel/signal.c do_sigtimedwait). */
    static ProcRule sigtimedwait(World w) {
        if (!w.sigio) {
            return w.fail(Errno.EAGAIN, SigtimedwaitEagain);
        }
        w.sigio = false;
        w.ret = Signal.SIGIO.number();
        return SigioTaken;
    }
}
