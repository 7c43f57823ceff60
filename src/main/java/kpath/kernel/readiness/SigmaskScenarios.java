package kpath.kernel.readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcPoll;
import kpath.kernel.LibcSignal;
import kpath.kernel.Scenario;
import kpath.kernel.readiness.ReadinessRecorder.PollEntry;

import static kpath.kernel.readiness.SigioScenarios.async;
import static kpath.kernel.readiness.SigioScenarios.sigio;
import static kpath.kernel.readiness.SigioScenarios.step;

/**
 * ppoll, pselect6 and epoll_pwait with a signal mask swapped in (kernel/signal.c set_user_sigmask;
 * catalogue SEL-15, SEL-16, POLL-11, EW-10, EW-15), on the signal thread of {@link SigioScenarios}:
 * the pipe's SIGIO is pending, blocked, and each call's mask keeps it blocked or lets it through.
 * A mask lets SIGIO through only while its action is a handler (glibc's abs) or SIG_IGN; the
 * scenario puts the action back before the thread takes what is left.
 */
final class SigmaskScenarios {
    private SigmaskScenarios() {}

    private static final int SIGIO = LibcSignal.SIGIO;
    private static final SortedSet<Integer> NONE = new TreeSet<>();

    static List<Scenario> all() {
        return List.of(waitsWithSigmask());
    }

    static Scenario waitsWithSigmask() {
        return sigio("sigmask-ppoll-pselect6-epoll-pwait", """
                ppoll, pselect6 and epoll_pwait swap in a signal mask for the call as io_pgetevents does \
                (set_user_sigmask: a sigsetsize other than 8 is EINVAL first), but each decides \
                differently whether a signal it lets through interrupts it. With nothing ready, \
                ppoll (fs/select.c do_poll) and pselect6 (core_sys_select) return -ERESTARTNOHAND: \
                EINTR once the handler ran, a restart that returns 0 when SIGIO is ignored. With an \
                fd ready they return it and put the mask back at once (poll_select_finish: \
                restore_saved_sigmask_unless), so SIGIO stays pending, where io_pgetevents delivers it \
                anyway. epoll_pwait with a zero timeout returns before ep_poll looks at \
                signal_pending: never EINTR, and SIGIO stays pending too.""", (rec, tasks) -> {
            var p = rec.pipe2();
            String r0 = p.first();
            String w0 = p.second();
            String e0 = rec.epollCreate();
            rec.epollCtl(e0, LibcPoll.EPOLL_CTL_ADD, r0, LibcPoll.EPOLLIN);
            async(rec, r0, LibcFile.O_NONBLOCK | LibcFile.O_ASYNC);
            List<LibcSignal.Saved> saved = new ArrayList<>();
            try {
                saved.add(rec.sigaction(SIGIO, "handler"));
                step(rec, "a SIGIO pending, blocked, and r0 empty again");
                rec.write(w0, 1);
                rec.read(r0, 1);
                PollEntry in = new PollEntry(r0, LibcPoll.POLLIN);
                rec.ppoll(new TreeSet<>(List.of(SIGIO)), 8, in);
                rec.ppoll(null, 0, in);
                rec.ppoll(NONE, 7, in);
                step(rec, "epoll_pwait lets it through, and is not interrupted at timeout 0");
                rec.epollPwait(e0, 1, NONE, 8);
                step(rec, "pselect6 lets it through with nothing ready: EINTR, and the handler took it");
                rec.pselect6(List.of(r0), List.of(), List.of(), NONE, 8);
                rec.sigtimedwait(SIGIO);
                step(rec, "r0 ready: ppoll and epoll_pwait return it, the mask goes back, SIGIO stays");
                rec.write(w0, 1);
                rec.ppoll(NONE, 8, in);
                rec.epollPwait(e0, 1, NONE, 8);
                rec.sigtimedwait(SIGIO);
                step(rec, "nothing ready again: ppoll is interrupted");
                rec.write(w0, 1);
                rec.read(r0, 2);
                rec.ppoll(NONE, 8, in);
                rec.sigtimedwait(SIGIO);
                step(rec, "SIGIO ignored: still queued while blocked; pselect6 drops it and restarts");
                rec.sigaction(SIGIO, "SIG_IGN");
                rec.write(w0, 1);
                rec.read(r0, 1);
                rec.pselect6(List.of(r0), List.of(), List.of(), NONE, 8);
                rec.sigtimedwait(SIGIO);
            } finally {
                for (LibcSignal.Saved s : saved) {
                    if (s != null) {
                        LibcSignal.restore(s);
                    }
                }
            }
        });
    }
}
