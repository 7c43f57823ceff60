package kpath.model.glibc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import kpath.model.IoModel;
import kpath.model.Model;
import kpath.model.Rule;
import kpath.model.RuleClass;
import kpath.model.Transition;

/**
 * What glibc's POSIX AIO must look like for the two-phase row a trace claims ({@link IoModel}): a
 * trace of the glibc path says which call ran and which model and waiter it claims, then what
 * aio_read, aio_error, aio_return, aio_suspend and aio_cancel returned and what procfs showed
 * meanwhile, for at most two requests on one pipe: the first ({@code cb0}) and one queued behind
 * it ({@code cb1}). This machine reads those observations in order and explains a line only when
 * the claim and glibc's queue (rt/aio_misc.c, rt/aio_cancel.c, rt/aio_notify.c) allow it. Pure; the
 * spec specs/GlibcAio.tla says the same with the same names.
 */
public final class GlibcAio implements Model<GlibcAio.State, GlibcAio.Action> {

    /** Thread roles: the caller of aio_*, a helper glibc made for a request, a SIGEV_THREAD callback's thread. */
    public static final List<String> THREADS = List.of("caller", "helper", "notify");
    /** Who waits for data under a claim: the caller, a glibc helper, or no thread. */
    public static final List<String> WAITERS = List.of("caller", "helper", "none");
    /** The two requests: the first on the fd, and one queued behind it. */
    public static final List<String> CBS = List.of("first", "second");
    /** What aio_read did: queued (0, EINPROGRESS), refused EINVAL or EAGAIN, or another outcome. */
    public static final List<String> SUBMITS = List.of("queued", "EINVAL", "EAGAIN", "other");
    /** The helper threads there are after an aio_read (2: two or more). */
    public static final List<Integer> HELPERS = List.of(0, 1, 2);
    /** The call a sleeping thread is in: read on the pipe, a futex wait, or another. */
    public static final List<String> HOWS = List.of("read", "futex", "other");
    /** aio_error and aio_return of a finished request: 0 and bytes, ECANCELED and -1, still EINPROGRESS, or another. */
    public static final List<String> RESULTS = List.of("bytes", "canceled", "inprogress", "other");
    /** How completion is notified: not at all, by SIGEV_THREAD, by SIGEV_SIGNAL. */
    public static final List<String> SIGEVS = List.of("none", "thread", "signal");
    /** aio_cancel's answers, or -1/another value. */
    public static final List<String> ANSWERS = List.of("AIO_CANCELED", "AIO_NOTCANCELED", "AIO_ALLDONE", "other");

    /**
     * @param phase   start (no claim), wait (before the data), copy (data written), done (the first
     *                request's result read)
     * @param sigev   how completion is notified: none, thread (SIGEV_THREAD), signal (SIGEV_SIGNAL)
     * @param sawWait whether the wait the claim describes has been seen
     * @param queued  whether the first request is queued
     * @param second  the second request: none, queued, canceled, reported (its ECANCELED read)
     * @param suspend the caller in aio_suspend: none, asleep, woken
     * @param nFirst  whether the first request's notification (callback or signal) came
     * @param nSecond whether the second request's notification came
     * @param masked  whether the completion signal was seen blocked in every thread
     */
    public record State(String phase, String model, String waiter, String sigev, boolean sawWait, boolean queued,
                        String second, String suspend, boolean nFirst, boolean nSecond, boolean masked) {
        State with(String p, boolean saw, boolean q, String sec, String sus, boolean n1, boolean n2) {
            return new State(p, model, waiter, sigev, saw, q, sec, sus, n1, n2, masked);
        }
    }

    public sealed interface Action {}
    /** {@code observe api(r0) … model=M waiter=W sigev=none|thread|signal}. */
    public record Claim(String model, String waiter, String sigev) implements Action {}
    /** {@code observe queued(cbN) reqprio=P ret=R error=E helpers=H}: {@code valid}, P in [0, AIO_PRIO_DELTA_MAX]. */
    public record Submit(String cb, boolean valid, String result, int helpers) implements Action {}
    /** {@code observe task(T) … state= wchan= syscall= [fd=r0]}: {@code asleep} = state S at the call's wchan. */
    public record Sleeps(String thread, String how, boolean onPipe, boolean asleep) implements Action {}
    /** {@code observe kernel(r0) io_uring=N aio=N}: whether any io_uring or AIO ring exists. */
    public record Kernel(boolean ring) implements Action {}
    /** {@code observe send(w0) bytes=N}. */
    public record Send() implements Action {}
    /** {@code observe suspended(caller) ret=R}: aio_suspend returned 0 ({@code ok}) or failed. */
    public record Suspended(boolean ok) implements Action {}
    /** {@code observe done(cbN) error=E return=R}. */
    public record Done(String cb, String result) implements Action {}
    /** {@code observe cancel(cbN) ret=ANSWER}. */
    public record Cancel(String cb, String answer) implements Action {}
    /** {@code observe notify(cbN) thread=T fresh=0|1}. */
    public record Notify(String cb, String thread, boolean fresh) implements Action {}
    /** {@code observe sigmask(r0) signo=S threads=N blocking=M}: {@code all}, every thread (N = M > 0) blocks S. */
    public record Masked(boolean all) implements Action {}
    /** {@code observe signal(cbN) signo=S code=C pid=P}: rt_sigtimedwait took it; {@code asyncio}: C = SI_ASYNCIO, P this process. */
    public record Signal(String cb, boolean asyncio) implements Action {}

    public enum GlibcRule implements Rule {
        Claim(RuleClass.FAST_SUCCEED, "the call runs under the claimed row of the two-phase table"),
        ReqprioRefused(RuleClass.FAST_FAIL, "aio_reqprio outside [0, AIO_PRIO_DELTA_MAX] is EINVAL before anything is queued or a thread made (glibc rt/aio_misc.c __aio_enqueue_request)"),
        QueuedToNewHelper(RuleClass.FAST_SUCCEED, "aio_read queues the request and returns 0, aio_error EINPROGRESS; a detached helper thread is made for it (rt/aio_misc.c __aio_enqueue_request, aio_create_helper_thread)"),
        QueuedBehindRunning(RuleClass.FAST_SUCCEED, "a request for an fd a helper works on is queued behind it, no new thread: one at a time per fd (rt/aio_misc.c __aio_enqueue_request, running = queued)"),
        HelperSleepsInRead(RuleClass.BLOCK, "the helper's pread fails ESPIPE on the pipe and it sleeps in read(2) (rt/aio_misc.c handle_fildes_io; fs/pipe.c anon_pipe_read)"),
        SuspendSleeps(RuleClass.BLOCK, "aio_suspend sleeps in a futex wait on its counter (rt/aio_suspend.c; sysdeps/nptl/aio_misc.h AIO_MISC_WAIT)"),
        NoKernelRing(RuleClass.KERNEL, "no io_uring instance and no AIO ring: nothing completes in the kernel (man aio(7) NOTES)"),
        KernelRing(RuleClass.KERNEL, "an io_uring or AIO ring exists for the kernel to post the completion to"),
        DataArrives(RuleClass.NETWORK, "the pipe is written; the waiter's wait ends"),
        SuspendWoken(RuleClass.SLOW_SUCCEED, "the finished request's __aio_notify wakes aio_suspend, which returns 0 (rt/aio_notify.c; man aio_suspend(3))"),
        ReadDone(RuleClass.SLOW_SUCCEED, "after the read, aio_error is 0 and aio_return the byte count (man aio_error(3), aio_return(3))"),
        CancelQueued(RuleClass.FAST_SUCCEED, "aio_cancel of a queued request removes it: AIO_CANCELED (rt/aio_cancel.c __aio_remove_request)"),
        CanceledResult(RuleClass.FAST_FAIL, "a cancelled request's aio_error is ECANCELED, aio_return -1 (rt/aio_cancel.c)"),
        CancelRunning(RuleClass.FAST_FAIL, "aio_cancel of the request a helper works on: AIO_NOTCANCELED (rt/aio_cancel.c: running == allocated)"),
        CancelDone(RuleClass.FAST_FAIL, "aio_cancel of a finished request: AIO_ALLDONE (rt/aio_cancel.c: __error_code is no longer EINPROGRESS)"),
        NotifyOnNewThread(RuleClass.SLOW_SUCCEED, "each finished or cancelled request's SIGEV_THREAD callback runs on a new detached thread (rt/aio_notify.c __aio_notify_only)"),
        SignalBlockedEverywhere(RuleClass.KERNEL, "the completion signal is blocked in every thread, glibc's helpers too (sysdeps/unix/sysv/linux/aio_misc.h __aio_create_helper_thread blocks all), so only rt_sigtimedwait takes it (kernel/signal.c complete_signal)"),
        SignalQueued(RuleClass.SLOW_SUCCEED, "a finished request's SIGEV_SIGNAL is queued to the process with si_code SI_ASYNCIO (rt/aio_notify.c __aio_notify_only; sysdeps/unix/sysv/linux/aio_sigqueue.c rt_sigqueueinfo)");

        private final RuleClass ruleClass;
        private final String summary;

        GlibcRule(RuleClass ruleClass, String summary) {
            this.ruleClass = ruleClass;
            this.summary = summary;
        }

        @Override
        public RuleClass ruleClass() {
            return ruleClass;
        }

        @Override
        public String summary() {
            return summary;
        }
    }

    public static final State INITIAL = new State("start", "none", "none", "none", false, false, "none", "none", false, false, false);

    /** The phases in which a trace may end with its requests accounted for ({@link #ends}). */
    public static final Set<String> SECOND_ENDS = Set.of("none", "reported");

    /** Whether a trace may end in {@code s}: the first request read, the second none or reported, every callback run. */
    public static boolean ends(State s) {
        return s.phase().equals("done") && SECOND_ENDS.contains(s.second()) && !s.suspend().equals("asleep")
                && (s.sigev().equals("none") || (s.nFirst() && (s.second().equals("none") || s.nSecond())));
    }

    @Override
    public Set<State> initialStates() {
        return Set.of(INITIAL);
    }

    @Override
    public List<Action> actions(State state) {
        List<Action> out = new ArrayList<>();
        List<Boolean> bools = List.of(false, true);
        for (IoModel m : IoModel.ALL) {
            for (String w : WAITERS) {
                for (String s : SIGEVS) {
                    out.add(new Claim(m.name(), w, s));
                }
            }
        }
        for (String cb : CBS) {
            for (boolean v : bools) {
                for (String r : SUBMITS) {
                    for (int h : HELPERS) {
                        out.add(new Submit(cb, v, r, h));
                    }
                }
            }
            RESULTS.forEach(r -> out.add(new Done(cb, r)));
            ANSWERS.forEach(a -> out.add(new Cancel(cb, a)));
            for (String t : THREADS) {
                for (boolean f : bools) {
                    out.add(new Notify(cb, t, f));
                }
            }
            for (boolean b : bools) {
                out.add(new Signal(cb, b));
            }
        }
        for (boolean b : bools) {
            out.add(new Kernel(b));
            out.add(new Suspended(b));
            out.add(new Masked(b));
            for (String t : THREADS) {
                for (String h : HOWS) {
                    for (boolean p : bools) {
                        out.add(new Sleeps(t, h, p, b));
                    }
                }
            }
        }
        out.add(new Send());
        return out;
    }

    @Override
    public List<Transition<State>> successors(State s, Action a) {
        return switch (a) {
            case Claim c -> s.phase().equals("start")
                    ? one(GlibcRule.Claim, new State("wait", c.model(), c.waiter(), c.sigev(), false, false, "none", "none", false, false, false))
                    : List.of();
            case Submit x -> submit(s, x);
            case Sleeps z -> sleeps(s, z);
            case Kernel k -> !s.phase().equals("start") && k.ring() == IoModel.completesInKernel(s.model())
                    ? one(k.ring() ? GlibcRule.KernelRing : GlibcRule.NoKernelRing,
                            s.with(s.phase(), s.sawWait() || k.ring(), s.queued(), s.second(), s.suspend(), s.nFirst(), s.nSecond()))
                    : List.of();
            case Send x -> s.phase().equals("wait") && s.queued() && (s.sawWait() || !IoModel.sleepsWhileWaiting(s.model()))
                    ? one(GlibcRule.DataArrives, s.with("copy", s.sawWait(), true, s.second(), s.suspend(), s.nFirst(), s.nSecond()))
                    : List.of();
            // rt/aio_notify.c __aio_notify: --*counterp, then the futex wake (AIO_MISC_NOTIFY)
            case Suspended u -> u.ok() && s.suspend().equals("asleep") && Set.of("copy", "done").contains(s.phase())
                    ? one(GlibcRule.SuspendWoken, s.with(s.phase(), s.sawWait(), s.queued(), s.second(), "woken", s.nFirst(), s.nSecond()))
                    : List.of();
            case Done d -> done(s, d);
            case Cancel c -> cancel(s, c);
            case Notify n -> n.thread().equals("notify") && n.fresh() ? notified(s, n.cb(), "thread", GlibcRule.NotifyOnNewThread) : List.of();
            // kernel/signal.c complete_signal: a thread that does not block it may take it first
            case Masked m -> m.all() && s.sigev().equals("signal") && s.queued() && !s.masked()
                    ? one(GlibcRule.SignalBlockedEverywhere, new State(s.phase(), s.model(), s.waiter(), s.sigev(), s.sawWait(),
                            s.queued(), s.second(), s.suspend(), s.nFirst(), s.nSecond(), true))
                    : List.of();
            case Signal g -> g.asyncio() && s.masked() ? notified(s, g.cb(), "signal", GlibcRule.SignalQueued) : List.of();
        };
    }

    private static List<Transition<State>> submit(State s, Submit x) {
        if (!s.phase().equals("wait")) {
            return List.of();
        }
        // __aio_enqueue_request: the reqprio check comes before get_elem and any thread
        if (!x.valid()) {
            return x.cb().equals("first") && !s.queued() && x.result().equals("EINVAL") && x.helpers() == 0
                    ? one(GlibcRule.ReqprioRefused, s) : List.of();
        }
        if (!x.result().equals("queued") || s.waiter().equals("caller")) {
            return List.of(); // a queued request returns at once: the caller does not wait
        }
        // a new fd: nthreads < aio_threads and no idle thread, so one helper is made for it
        if (x.cb().equals("first") && !s.queued() && x.helpers() == (s.waiter().equals("helper") ? 1 : 0)) {
            return one(GlibcRule.QueuedToNewHelper, s.with(s.phase(), s.sawWait(), true, s.second(), s.suspend(), s.nFirst(), s.nSecond()));
        }
        // the fd is worked on: running = queued, no thread made
        if (x.cb().equals("second") && s.queued() && s.second().equals("none") && s.waiter().equals("helper") && x.helpers() == 1) {
            return one(GlibcRule.QueuedBehindRunning, s.with(s.phase(), s.sawWait(), s.queued(), "queued", s.suspend(), s.nFirst(), s.nSecond()));
        }
        return List.of();
    }

    private static List<Transition<State>> sleeps(State s, Sleeps z) {
        if (!s.phase().equals("wait") || !s.queued() || !z.asleep()) {
            return List.of();
        }
        // handle_fildes_io: pread is ESPIPE on a pipe, then read(2), which sleeps in the pipe
        if (z.thread().equals("helper") && s.waiter().equals("helper") && s.model().equals("blocking")
                && z.how().equals("read") && z.onPipe()) {
            return one(GlibcRule.HelperSleepsInRead, s.with(s.phase(), true, s.queued(), s.second(), s.suspend(), s.nFirst(), s.nSecond()));
        }
        // aio_suspend: AIO_MISC_WAIT, a futex wait on its own counter, not on the fd
        if (z.thread().equals("caller") && z.how().equals("futex") && !z.onPipe() && s.suspend().equals("none")) {
            return one(GlibcRule.SuspendSleeps, s.with(s.phase(), s.sawWait(), s.queued(), s.second(), "asleep", s.nFirst(), s.nSecond()));
        }
        return List.of();
    }

    private static List<Transition<State>> done(State s, Done d) {
        if (d.cb().equals("first") && s.phase().equals("copy") && d.result().equals("bytes")) {
            return one(GlibcRule.ReadDone, s.with("done", s.sawWait(), s.queued(), s.second(), s.suspend(), s.nFirst(), s.nSecond()));
        }
        if (d.cb().equals("second") && s.second().equals("canceled") && d.result().equals("canceled")) {
            return one(GlibcRule.CanceledResult, s.with(s.phase(), s.sawWait(), s.queued(), "reported", s.suspend(), s.nFirst(), s.nSecond()));
        }
        return List.of();
    }

    private static List<Transition<State>> cancel(State s, Cancel c) {
        // rt/aio_cancel.c: a queued entry is removed; one a thread has (running == allocated) stays
        if (c.cb().equals("second") && s.second().equals("queued") && c.answer().equals("AIO_CANCELED")) {
            return one(GlibcRule.CancelQueued, s.with(s.phase(), s.sawWait(), s.queued(), "canceled", s.suspend(), s.nFirst(), s.nSecond()));
        }
        if (c.cb().equals("first") && s.queued() && s.phase().equals("wait") && s.waiter().equals("helper")
                && c.answer().equals("AIO_NOTCANCELED")) {
            return one(GlibcRule.CancelRunning, s);
        }
        if (c.cb().equals("first") && s.phase().equals("done") && c.answer().equals("AIO_ALLDONE")) {
            return one(GlibcRule.CancelDone, s);
        }
        return List.of();
    }

    /**
     * A request's notification, once, as {@code sigev} asks: __aio_notify_only makes a detached
     * thread for SIGEV_THREAD, queues the signal for SIGEV_SIGNAL.
     */
    private static List<Transition<State>> notified(State s, String cb, String sigev, GlibcRule rule) {
        if (!s.sigev().equals(sigev)) {
            return List.of();
        }
        if (cb.equals("first") && !s.nFirst() && Set.of("copy", "done").contains(s.phase())) {
            return one(rule, s.with(s.phase(), s.sawWait(), s.queued(), s.second(), s.suspend(), true, s.nSecond()));
        }
        // aio_cancel notifies what it removed (rt/aio_cancel.c: __aio_notify (req))
        if (cb.equals("second") && !s.nSecond() && Set.of("canceled", "reported").contains(s.second())) {
            return one(rule, s.with(s.phase(), s.sawWait(), s.queued(), s.second(), s.suspend(), s.nFirst(), true));
        }
        return List.of();
    }

    private static List<Transition<State>> one(Rule r, State next) {
        return List.of(new Transition<>(r, next));
    }

    @Override
    public SortedMap<String, Object> variables(State s) {
        SortedMap<String, Object> v = new TreeMap<>();
        v.put("phase", s.phase());
        v.put("model", s.model());
        v.put("waiter", s.waiter());
        v.put("sigev", s.sigev());
        v.put("sawWait", s.sawWait());
        v.put("queued", s.queued());
        v.put("second", s.second());
        v.put("suspend", s.suspend());
        v.put("nFirst", s.nFirst());
        v.put("nSecond", s.nSecond());
        v.put("masked", s.masked());
        return v;
    }
}
