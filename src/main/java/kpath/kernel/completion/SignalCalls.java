package kpath.kernel.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import kpath.kernel.Bits;
import kpath.kernel.LibcAio;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcSignal;
import kpath.kernel.SysResult;
import kpath.kernel.TraceLog;
import kpath.uapi.Signal;

/**
 * A completion recorder's signal calls, for the scenarios of {@link SignalScenarios}: signal-driven
 * I/O on a pipe (fcntl F_SETOWN_EX, F_SETFL, F_SETSIG), the process's action for a signal
 * (sigaction), rt_sigtimedwait with a zero timeout, and io_pgetevents with a signal mask. Each call
 * holds the recorder's lock across its syscall and its lines, as the recorder's own do. Every action
 * it changes is put back by {@link #close()}, also on failure.
 */
final class SignalCalls implements AutoCloseable {
    private final CompletionRecorder rec;
    private final List<LibcSignal.Saved> saved = new ArrayList<>();

    SignalCalls(CompletionRecorder rec) {
        this.rec = rec;
    }

    private static kpath.trace.Result result(SysResult r) {
        return TraceLog.result(r, Long.toString(r.value()));
    }

    /** {@code fcntl(NAME, F_SETOWN_EX, F_OWNER_TID) = 0}: the file's signal goes to the calling thread alone. */
    void setownTid(String name) {
        synchronized (rec) {
            SysResult r = LibcSignal.fcntlSetownExTid(rec.fd(name), LibcSignal.gettid());
            rec.syscall("fcntl", result(r), name, "F_SETOWN_EX", "F_OWNER_TID");
        }
    }

    /** {@code fcntl(NAME, F_SETFL, O_NONBLOCK|O_ASYNC) = 0}: the file joins its fasync list. */
    void setflAsync(String name) {
        synchronized (rec) {
            int flags = LibcFile.O_NONBLOCK | LibcFile.O_ASYNC;
            SysResult r = LibcFile.fcntl(rec.fd(name), LibcFile.F_SETFL, flags);
            rec.syscall("fcntl", result(r), name, "F_SETFL", Bits.setfl(flags));
        }
    }

    /** {@code fcntl(NAME, F_SETSIG, SIG) = 0}: SIG, with siginfo, instead of plain SIGIO. */
    void setsig(String name, int sig) {
        synchronized (rec) {
            SysResult r = LibcSignal.fcntlSetsig(rec.fd(name), sig);
            rec.syscall("fcntl", result(r), name, "F_SETSIG", Signal.text(sig));
        }
    }

    /** {@code rt_sigaction(SIG, ACTION) = r}: ACTION handler, SIG_IGN or SIG_DFL (glibc's sigaction). */
    void sigaction(int sig, String action) {
        synchronized (rec) {
            LibcSignal.Changed c = LibcSignal.sigaction(sig, action);
            if (c.old() != null && saved.stream().noneMatch(s -> s.sig() == sig)) {
                saved.add(c.old()); // the first action replaced is the one to put back
            }
            rec.syscall("rt_sigaction", result(c.result()), Signal.text(sig), action);
        }
    }

    /**
     * {@code rt_sigtimedwait(SIG|SIG, 0) = SIG} or {@code = -1 EAGAIN}: the lowest pending signal of
     * the set, taken.
     */
    void sigtimedwait(int... sigs) {
        synchronized (rec) {
            SysResult r = LibcSignal.sigtimedwait(sigs).result();
            List<String> names = new ArrayList<>();
            for (int s : sigs) {
                names.add(Signal.text(s));
            }
            rec.syscall("rt_sigtimedwait", TraceLog.result(r, r.ok() ? Signal.text((int) r.value()) : ""),
                    String.join("|", names), "0");
        }
    }

    /**
     * {@code io_pgetevents(aK, MIN, NR, 0, [SIG|SIG], SIZE) = n} with a zero timeout and usig's mask
     * blocking {@code mask} ({@code []} for none), or with a NULL usig ({@code mask} null), and
     * {@code observe aio_events(aK)} after a success.
     */
    void pgetevents(String ctx, int minNr, int nr, SortedSet<Integer> mask, long sigsetsize) {
        synchronized (rec) {
            LibcAio.Events r = LibcAio.pgetevents(rec.context(ctx), minNr, nr, 0, LibcSignal.swapIn(mask), sigsetsize);
            List<String> args = new ArrayList<>(List.of(ctx, Integer.toString(minNr), Integer.toString(nr), "0"));
            args.addAll(Bits.sigmask(mask, sigsetsize));
            rec.syscall("io_pgetevents", result(r.result()), args.toArray(String[]::new));
            rec.aioEvents(ctx, r);
        }
    }

    /** Puts back every action {@link #sigaction} changed. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (LibcSignal.Saved s : saved) {
            try {
                LibcSignal.restore(s);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        saved.clear();
        if (first != null) {
            throw first;
        }
    }
}
