package kpath.kernel.completion;

import java.time.Duration;
import java.util.List;
import java.util.SequencedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import kpath.kernel.Fds;
import kpath.kernel.LibcSignal;
import kpath.kernel.ProcNet;
import kpath.kernel.SignalThread;
import kpath.kernel.Scenario;
import kpath.trace.Trace;
import kpath.uapi.AioAbi;

import static kpath.kernel.completion.CompletionScenarios.POLLIN;

/**
 * Signals delivered to a task in io_pgetevents (fs/aio.c; catalogue A-GEV-03): the mask the call
 * swaps in, and what get_signal does on the way out with each signal it lets through.
 *
 * <p>Safety: SIGIO's and a real-time signal's default action ends the process. Each scenario runs
 * on a dedicated platform thread that first blocks SIGIO, the real-time signal and SIGURG, and
 * names itself the pipe's owner thread-directed (F_OWNER_TID), so they are pending on that thread
 * only. A mask that lets one through is passed only once the scenario has set its action to a
 * handler (glibc's abs: no Java runs on a signal's frame) or SIG_IGN; the model has no successor
 * for a SIG_DFL one. After the body the thread takes what is still pending, puts back every action
 * it changed, and checks {@code /proc/self/task/TID/status}; the caller joins it, bounded.
 */
final class SignalScenarios {
    private SignalScenarios() {}

    private static final Duration RUN = SignalThread.RUN;
    private static final int DRAIN_TRIES = SignalThread.DRAIN_TRIES;
    private static final int SIGIO = LibcSignal.SIGIO, SIG_RT = LibcSignal.SIG_RT;
    private static final SortedSet<Integer> NONE = new TreeSet<>();

    static Scenario pgeteventsEintr() {
        return new Signalled("aio-pgetevents-sigmask", """
                io_pgetevents (A-GEV-03) is io_getevents with a signal mask swapped in for the call \
                (fs/aio.c io_pgetevents, set_user_sigmask): the thread blocks SIGIO, its pipe's \
                write makes one pending, and a mask that keeps it blocked, a NULL usig or plain \
                io_getevents return 0 as if nothing were pending. A sigsetsize other than \
                sizeof(sigset_t), 8, is EINVAL before anything else. A mask that lets it through, \
                with a handler installed: no event taken, so -ERESTARTNOHAND, which the handler's \
                delivery turns into EINTR, and the SIGIO is gone (rt_sigtimedwait finds none). With \
                an event there the call returns it, and the handler runs all the same on the way \
                out (restore_saved_sigmask_unless); with a bad min_nr it fails EINVAL, and the \
                signal is delivered too. rt_sigaction of SIGKILL or SIGSTOP is EINVAL (do_sigaction: \
                sig_kernel_only); the last signal, 64, takes a handler.""", (rec, sig) -> {
            String a = rec.aioSetup(4);
            String r = sigioPipe(rec, sig);
            String w = "w" + r.substring(1);
            rec.write(w, 1);
            sig.pgetevents(a, 0, 1, new TreeSet<>(List.of(SIGIO)), 8);
            rec.aioGetevents(a, 0, 1);
            sig.pgetevents(a, 0, 1, null, 0);
            sig.pgetevents(a, 0, 1, NONE, 7);
            sig.pgetevents(a, 0, 1, NONE, 8);
            sig.sigtimedwait(SIGIO);
            sig.pgetevents(a, 0, 1, NONE, 8);
            rec.read(r, 1);
            rec.aioSubmitPoll(a, 7, r, POLLIN);
            rec.write(w, 1);
            sig.pgetevents(a, 0, 1, NONE, 8);
            sig.sigtimedwait(SIGIO);
            rec.read(r, 1);
            rec.write(w, 1);
            sig.pgetevents(a, 2, 1, NONE, 8);
            sig.sigtimedwait(SIGIO);
            sig.sigaction(9, "handler");
            sig.sigaction(19, "handler");
            sig.sigaction(64, "handler");
        });
    }

    static Scenario pgeteventsIgnoredAndQueued() {
        return new Signalled("aio-pgetevents-sigmask-queued-and-ignored", """
                What get_signal does with each signal io_pgetevents' mask lets through \
                (kernel/signal.c get_signal, A-GEV-03): the pipe's signal is a real-time one \
                (F_SETSIG), queued once per write. With a handler, one instance is delivered (EINTR) \
                and the other stays pending: the handler's frame blocks the signal, and the saved \
                mask the handler returns to blocks it again (rt_sigtimedwait then takes it). Under \
                SIG_IGN a blocked signal is still queued (sig_ignored never drops a blocked one), \
                and the call that lets it through drops it on the way out and, with no handler run, \
                restarts itself: it returns 0, not EINTR. Setting SIG_IGN while one is pending \
                discards it (do_sigaction, POSIX.1 3.3.1.3).""", (rec, sig) -> {
            String a = rec.aioSetup(4);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            sig.setownTid(r);
            sig.setsig(r, SIG_RT);
            sig.setflAsync(r);
            sig.sigaction(SIG_RT, "handler");
            rec.write(w, 1);
            rec.write(w, 1);
            sig.pgetevents(a, 0, 1, NONE, 8);
            sig.sigtimedwait(SIG_RT);
            sig.sigtimedwait(SIG_RT);
            sig.sigaction(SIG_RT, "SIG_IGN");
            rec.write(w, 1);
            sig.pgetevents(a, 0, 1, NONE, 8);
            sig.sigtimedwait(SIG_RT);
            sig.sigaction(SIG_RT, "handler");
            rec.write(w, 1);
            sig.sigaction(SIG_RT, "SIG_IGN");
            sig.sigtimedwait(SIG_RT);
        });
    }

    static Scenario enterSigmask() {
        return new Signalled("io-uring-enter-sigmask", """
                io_uring_enter with IORING_ENTER_GETEVENTS takes a sigset too (its argument without \
                IORING_ENTER_EXT_ARG; io_uring/io_uring.c io_get_ext_arg, io_cqring_wait), and \
                behaves unlike io_pgetevents, ppoll and pselect6 (U-ENT-04's EINTR). A wait met at \
                once returns before the mask is read: the pending SIGIO stays. A wait that is not \
                met sets the mask only then, so a bad size is EINVAL after the submission; a SIGIO it \
                lets through makes io_cqring_wait_schedule return -EINTR itself — not a restart, so \
                also when SIGIO is ignored — and the signal is delivered on the way out. With a CQE \
                there (fewer than min_complete) the wait returns 0 instead ("cq.head == cq.tail ? \
                ret : 0"), and a call that submitted returns the count.""", (rec, sig) -> {
            String u = rec.setup(4);
            String r = sigioPipe(rec, sig);
            String w = "w" + r.substring(1);
            rec.write(w, 1);
            rec.submitSigmask(u, List.of(Sqe.nop(1)), 1, NONE, 8);
            rec.reap(u);
            rec.submitSigmask(u, List.of(), 1, NONE, 7);
            rec.submitSigmask(u, List.of(), 1, NONE, 8);
            sig.sigtimedwait(SIGIO);
            rec.write(w, 1);
            rec.submit(u, List.of(Sqe.nop(2)), 0, 0);
            rec.submitSigmask(u, List.of(), 2, NONE, 8);
            sig.sigtimedwait(SIGIO);
            rec.reap(u);
            sig.sigaction(SIGIO, "SIG_IGN");
            rec.read(r, 2);
            rec.write(w, 1);
            rec.submitSigmask(u, List.of(), 1, NONE, 8);
            sig.sigtimedwait(SIGIO);
            sig.sigaction(SIGIO, "handler");
            rec.write(w, 1);
            rec.submitSigmask(u, List.of(Sqe.pollAdd(4, w, POLLIN, false)), 1, NONE, 8);
            sig.sigtimedwait(SIGIO);
            rec.reap(u);
        });
    }

    /** A pipe whose read end is owned by this thread and async, with a handler for its SIGIO; its read end's name. */
    private static String sigioPipe(CompletionRecorder rec, SignalCalls sig) {
        String r = rec.pipe2();
        sig.setownTid(r);
        sig.setflAsync(r);
        sig.sigaction(SIGIO, "handler");
        return r;
    }

    @FunctionalInterface
    interface Body {
        void run(CompletionRecorder rec, SignalCalls sig) throws Exception;
    }

    private record Signalled(String name, String narrative, Body body) implements Scenario {
        @Override
        public boolean privileged() {
            return false;
        }

        @Override
        public Trace capture() throws Exception {
            return SignalThread.run(name, RUN, () -> onSignalThread(name, narrative, body));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Trace onSignalThread(String name, String narrative, Body body) throws Exception {
        int tid = LibcSignal.gettid();
        LibcSignal.blockSigio();
        LibcSignal.blockSigurg();
        if (!LibcSignal.sigioBlocked() || !LibcSignal.sigurgBlocked()) {
            throw new IllegalStateException(name + ": SIGIO, SIG_RT or SIGURG is not blocked after pthread_sigmask(SIG_BLOCK)");
        }
        SequencedMap<String, String> sysctls = new java.util.LinkedHashMap<>();
        sysctls.put(AioAbi.AIO_MAX_NR_SYSCTL, ProcNet.fsSysctl(AioAbi.AIO_MAX_NR_SYSCTL));
        Exception failure = null;
        Trace out = null;
        // the actions are put back last: until then a signal still pending finds the scenario's
        SignalCalls calls = null;
        try {
            try (Fds fds = new Fds(); CompletionRecorder rec = new CompletionRecorder(name, narrative, fds, sysctls)) {
                calls = new SignalCalls(rec);
                body.run(rec, calls);
                out = rec.end();
            }
        } catch (Exception e) {
            failure = e;
        }
        SignalThread.Drained d = SignalThread.drain(tid, DRAIN_TRIES);
        try {
            if (calls != null) {
                calls.close();
            }
        } catch (RuntimeException e) {
            failure = SignalThread.with(failure, e);
        }
        failure = SignalThread.with(failure, d.left()
                ? new IllegalStateException(name + ": a signal is still pending after " + DRAIN_TRIES + " takes") : null);
        if (failure != null) {
            throw failure;
        }
        return out;
    }
}
