package kpath.model.proc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import kpath.model.proc.ProcAction.Sigaction;
import kpath.model.proc.ProcState.SigInfo;
import kpath.model.proc.ProcState.Signals;
import kpath.uapi.Errno;
import kpath.uapi.Signal;

import static kpath.model.proc.ProcRule.*;

/**
 * A signal's action and its delivery to the main task. kernel/signal.c: do_sigaction sets the
 * action; get_signal, on the way back to user space, dequeues each pending signal the task's mask
 * lets through (next_signal: the lowest number first), drops an ignored one and goes on, and hands
 * one with a handler to arch/x86/kernel/signal.c handle_signal, which sets up its frame: the
 * handler runs before the interrupted program does. The main task blocks every signal the model
 * knows, so only a call that swaps in a mask of its own (io_pgetevents) lets one through.
 * Not modelled: SA_RESTART (no call here restarts by it: -ERESTARTNOHAND ignores it), sa_mask,
 * SA_NODEFER, and a signal whose default action ends the process (no successor).
 */
final class SignalDelivery {
    private SignalDelivery() {}

    /**
     * rt_sigaction(signo, act). kernel/signal.c do_sigaction — EINVAL for a number outside 1.._NSIG
     * and for SIGKILL or SIGSTOP (sig_kernel_only); an action that ignores the signal (SIG_IGN, or
     * SIG_DFL of one ignored by default: sig_handler_ignored) discards its pending instances
     * (flush_sigqueue_mask; POSIX.1 3.3.1.3).
     */
    static ProcRule sigaction(World w, Sigaction a) {
        int n = a.signo();
        if (n < 1 || n > Signal.NSIG || n == Signal.SIGKILL || n == Signal.SIGSTOP) {
            return w.fail(Errno.EINVAL, SigactionEinval);
        }
        Set<Integer> handled = new HashSet<>(w.sigio.handled());
        Set<Integer> ignored = new HashSet<>(w.sigio.ignored());
        handled.remove(n);
        ignored.remove(n);
        if (a.action().equals("handler")) {
            handled.add(n);
        } else if (a.action().equals("SIG_IGN")) {
            ignored.add(n);
        }
        w.sigio = w.sigio.withActions(handled, ignored);
        if (dropped(w.sigio, n)) {
            w.sigio = without(w.sigio, n, true);
        }
        w.ret = 0;
        w.out = CopyOut.NONE;
        return SigactionOk;
    }

    /**
     * The pending signals {@code mask} (the signals it blocks) lets through, lowest first; none for a
     * null mask (no sigset: the main task's own mask blocks every signal the model knows).
     */
    static SortedSet<Integer> through(Signals s, Set<Integer> mask) {
        SortedSet<Integer> t = new TreeSet<>();
        if (mask == null) {
            return t;
        }
        if (s.plain()) {
            t.add(Signal.SIGIO.number());
        }
        if (s.urg()) {
            t.add(Signal.SIGURG.number());
        }
        for (SigInfo x : s.queue()) {
            t.add(x.signo());
        }
        t.removeAll(mask);
        return t;
    }

    /** What delivering signals left: the pending signals after it, and whether a handler ran. */
    record Delivered(Signals after, boolean handler) {}

    /**
     * Delivers the pending signals {@code through} on the way back to user space. kernel/signal.c
     * get_signal: an ignored signal (SIG_IGN, or SIG_DFL of one ignored by default) is dropped,
     * every instance; a signal with a handler gives up one instance (collect_signal: the oldest),
     * and its frame's mask blocks it until the handler returns (signal_delivered), when the saved
     * mask blocks it again, so the others stay pending; each other signal let through gets a frame
     * of its own before the program runs (exit_to_user_mode_loop). Null when one would end the
     * process (SIG_DFL, "Term"): not modelled.
     */
    static Delivered deliver(Signals s, SortedSet<Integer> through) {
        Signals after = s;
        boolean handler = false;
        for (int n : through) {
            if (dropped(s, n)) {
                after = without(after, n, true);
            } else if (s.handled().contains(n)) {
                after = without(after, n, false);
                handler = true;
            } else {
                return null;
            }
        }
        return new Delivered(after, handler);
    }

    /** sizeof(sigset_t) on x86_64 (_NSIG / 8): the sigsetsize set_user_sigmask insists on. */
    static final long SIGSET_BYTES = Signal.NSIG / 8;

    /** kernel/signal.c set_user_sigmask: no sigset, or one of sizeof(sigset_t); else the call is EINVAL. */
    static boolean sigsetValid(Set<Integer> mask, long sigsetsize) {
        return mask == null || sigsetsize == SIGSET_BYTES;
    }

    /**
     * epoll_pwait, ppoll or pselect6 of the main task (timeout 0): set_user_sigmask swaps in usig's
     * mask (EINVAL first unless sigsetsize is sizeof(sigset_t)), then the call ({@code call}). When
     * it counts as interrupted, -ERESTARTNOHAND ({@link #interrupted}); else
     * restore_saved_sigmask_unless puts the main task's mask back at once, and the signals stay
     * pending. fs/eventpoll.c ep_poll with a zero timeout returns before it looks at signal_pending,
     * so epoll_pwait never is; fs/select.c do_poll and core_sys_select are when nothing is ready
     * and a signal is pending (an error comes first).
     */
    static ProcRule sigmasked(World w, ProcAction.Sigmasked a, java.util.function.Supplier<ProcRule> call) {
        if (!sigsetValid(a.mask(), a.sigsetsize())) {
            return w.fail(Errno.EINVAL, SigmaskEinval);
        }
        SortedSet<Integer> through = through(w.sigio, a.mask());
        ProcRule r = call.get();
        if (r == null || through.isEmpty() || a.call() instanceof ProcAction.EpollWait || w.ret != 0) {
            return r;
        }
        return interrupted(w, through);
    }

    /**
     * The main task's call found nothing while the signals {@code through} were let through:
     * -ERESTARTNOHAND, then their delivery ({@link #deliver}). With a handler run the call returns
     * EINTR (arch/x86/kernel/signal.c handle_signal); with none it restarts
     * (arch_do_signal_or_restart) and, nothing let through any more, finds what it found: its
     * result (0) and copy-out stand. Null when a signal would end the process.
     */
    static ProcRule interrupted(World w, SortedSet<Integer> through) {
        Delivered d = deliver(w.sigio, through);
        if (d == null) {
            return null;
        }
        w.sigio = d.after();
        return d.handler() ? w.fail(Errno.EINTR, SignalEintr) : SignalRestarted;
    }

    /** Whether signal {@code n}'s action ignores it (kernel/signal.c sig_handler_ignored). */
    private static boolean dropped(Signals s, int n) {
        return s.ignored().contains(n) || !s.handled().contains(n) && Signal.defaultIgnored(n);
    }

    /** {@code s} without signal {@code n}: every instance, or its oldest. */
    private static Signals without(Signals s, int n, boolean all) {
        Signals t = s;
        if (n == Signal.SIGIO.number()) {
            t = t.withPlain(false);
        }
        if (n == Signal.SIGURG.number()) {
            t = t.withUrg(false);
        }
        List<SigInfo> q = new ArrayList<>();
        boolean taken = false;
        for (SigInfo x : t.queue()) {
            if (x.signo() == n && (all || !taken)) {
                taken = true;
            } else {
                q.add(x);
            }
        }
        return t.withQueue(q);
    }
}
