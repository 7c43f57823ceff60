package kpath.model.jdk;

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
 * What a JDK API's observed behaviour must look like for the two-phase row it claims
 * ({@link IoModel}): a trace of the jdk path says which API ran and which model and waiter it
 * claims, then what procfs showed while the read waited and after the data came, or how the JDK
 * refused a further read, or failed the pending one for a close or a timeout. This machine
 * reads those observations in order; it explains a line only when the claim allows it. Pure; the
 * spec specs/JdkIo.tla says the same with the same names.
 */
public final class JdkIo implements Model<JdkIo.State, JdkIo.Action> {

    /** Thread roles: the API's caller, or a thread the JDK made. */
    public static final List<String> THREADS = List.of("caller", "jdk");
    /** Who waits for data under a claim: the caller, a JDK thread, or no thread. */
    public static final List<String> WAITERS = List.of("caller", "jdk", "none");
    /** The call a sleeping thread is in: read/recv, epoll_wait, poll/select, or another. */
    public static final List<String> HOWS = List.of("read", "epoll", "poll", "other");
    /** The file that call works on: the socket, an epoll file that lists it, or another. */
    public static final List<String> FDS = List.of("socket", "epoll", "other");
    /** Why a pending read failed: its channel's close, its timeout, or another reason. */
    public static final List<String> CAUSES = List.of("close", "timeout", "other");
    /** What a refused read threw: ReadPendingException, IllegalStateException (reading killed), or another. */
    public static final List<String> REFUSALS = List.of("pending", "killed", "other");
    /** The phases in which a trace may end: the data reached the user, or the read failed as the JDK says. */
    public static final Set<String> ENDS = Set.of("done", "closed", "timedout");

    /**
     * @param phase   start (no claim yet), wait (before the data), copy (data sent), done (the user has
     *                it); closing (closed with the read pending), closed (the read failed for it),
     *                timedout (the read failed for its timeout)
     * @param sawWait whether the wait the claim describes has been seen
     */
    public record State(String phase, String model, String waiter, boolean sawWait) {}

    public sealed interface Action {}
    /** {@code observe api(c0) … model=M waiter=W}. */
    public record Claim(String model, String waiter) implements Action {}
    /** {@code observe returned(caller) pending=1}: the API call returned before the data. */
    public record Returned(boolean pending) implements Action {}
    /** {@code observe task(T) … state= wchan= syscall= fd=}: {@code asleep} = state S at the call's wchan. */
    public record Sleeps(String thread, String how, String fd, boolean asleep) implements Action {}
    /** {@code observe epoll(eN) c0=MASK …}: whether EPOLLIN is armed, whether EPOLLONESHOT is set. */
    public record Interest(boolean in, boolean oneshot) implements Action {}
    /** {@code observe kernel(c0) … io_uring=N aio=N}: whether any io_uring or AIO ring exists. */
    public record Kernel(boolean ring) implements Action {}
    /** {@code observe send(p0) bytes=N}. */
    public record Send() implements Action {}
    /** {@code observe complete(c0) thread=T bytes=N}. */
    public record Complete(String thread) implements Action {}
    /**
     * {@code observe refused(caller) exception=E syscr=N baseline=B}: a further read threw at once;
     * {@code exception}: "pending" (ReadPendingException), "killed" (IllegalStateException) or
     * "other"; {@code reached}: it made a read-family call (N > B).
     */
    public record Refused(String exception, boolean reached) implements Action {}
    /** {@code observe close(caller)}: the caller closed the channel with the read pending. */
    public record Close() implements Action {}
    /** {@code observe failed(c0) thread=T exception=E}: the pending read failed; cause "close", "timeout" or "other". */
    public record Failed(String thread, String cause) implements Action {}
    /** {@code observe epoll(eN) …} with no {@code c0=} key: the epoll file no longer lists the socket. */
    public record Unlisted() implements Action {}

    public enum JdkRule implements Rule {
        Claim(RuleClass.FAST_SUCCEED, "the API runs under the claimed row of the two-phase table"),
        CallerReturned(RuleClass.FAST_SUCCEED, "the call returns with the read pending: the caller does not wait"),
        SleepsInRead(RuleClass.BLOCK, "the waiter sleeps in read on the socket (net/core/sock.c sk_wait_data)"),
        SleepsInEpollWait(RuleClass.BLOCK, "the waiter sleeps in epoll_wait on an epoll file that lists the socket (fs/eventpoll.c do_epoll_wait)"),
        SleepsInPoll(RuleClass.BLOCK, "the waiter sleeps in poll/select on the socket (fs/select.c poll_schedule_timeout)"),
        InterestLevel(RuleClass.KERNEL, "the epoll file lists the socket level-triggered with EPOLLIN (fs/eventpoll.c ep_insert)"),
        InterestOneShot(RuleClass.KERNEL, "the epoll file lists the socket with EPOLLIN|EPOLLONESHOT, armed"),
        InterestDisarmed(RuleClass.KERNEL, "a fired one-shot item stays listed with no events (fs/eventpoll.c ep_send_events: events &= EP_PRIVATE_BITS)"),
        NoKernelRing(RuleClass.KERNEL, "no io_uring instance and no AIO ring: nothing completes in the kernel"),
        KernelRing(RuleClass.KERNEL, "an io_uring or AIO ring exists for the kernel to post the completion to"),
        DataArrives(RuleClass.NETWORK, "the peer sends; the waiter's wait ends"),
        CopyOnWaiter(RuleClass.SLOW_SUCCEED, "the data reaches the API's user on the waiting side: the caller, or a JDK thread when JDK threads wait"),
        ReadPendingRefused(RuleClass.FAST_FAIL, "a second read while one is pending throws ReadPendingException before any system call (sun.nio.ch.AsynchronousSocketChannelImpl.read)"),
        CloseCalled(RuleClass.FAST_SUCCEED, "the caller closes the channel with the read pending (UnixAsynchronousSocketChannelImpl.implClose)"),
        CloseFailsRead(RuleClass.SLOW_FAIL, "close fails the pending read with AsynchronousCloseException on a JDK thread (implClose -> finish; Invoker.invokeIndirectly)"),
        ItemRemovedOnClose(RuleClass.KERNEL, "the closed socket's item is gone from the epoll file (fs/eventpoll.c eventpoll_release_file, from fs/file_table.c __fput)"),
        TimeoutFailsRead(RuleClass.SLOW_FAIL, "the read's timer fails it with InterruptedByTimeoutException on a JDK thread (UnixAsynchronousSocketChannelImpl readTimeoutTask)"),
        ReadKilledRefused(RuleClass.FAST_FAIL, "after a timeout a read throws IllegalStateException before any system call (readTimeoutTask: enableReading(true) sets readKilled)"),
        InterestArmedAfterTimeout(RuleClass.KERNEL, "the timed-out read leaves the one-shot item armed: the timer is the JDK's, the kernel is not told");

        private final RuleClass ruleClass;
        private final String summary;

        JdkRule(RuleClass ruleClass, String summary) {
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

    public static final State INITIAL = new State("start", "none", "none", false);

    @Override
    public Set<State> initialStates() {
        return Set.of(INITIAL);
    }

    /** Every action at the MC bounds: each claim, each observation shape. */
    @Override
    public List<Action> actions(State state) {
        List<Action> out = new ArrayList<>();
        for (IoModel m : IoModel.ALL) {
            for (String w : WAITERS) {
                out.add(new Claim(m.name(), w));
            }
        }
        for (boolean b : List.of(false, true)) {
            out.add(new Returned(b));
            out.add(new Kernel(b));
            for (boolean c : List.of(false, true)) {
                out.add(new Interest(b, c));
            }
            for (String t : THREADS) {
                for (String h : HOWS) {
                    for (String f : FDS) {
                        out.add(new Sleeps(t, h, f, b));
                    }
                }
            }
        }
        out.add(new Send());
        out.add(new Close());
        out.add(new Unlisted());
        for (String t : THREADS) {
            out.add(new Complete(t));
            for (String c : CAUSES) {
                out.add(new Failed(t, c));
            }
        }
        for (String e : REFUSALS) {
            for (boolean c : List.of(false, true)) {
                out.add(new Refused(e, c));
            }
        }
        return out;
    }

    @Override
    public List<Transition<State>> successors(State s, Action a) {
        return switch (a) {
            case Claim c -> s.phase().equals("start")
                    ? one(JdkRule.Claim, new State("wait", c.model(), c.waiter(), false)) : List.of();
            case Returned r -> s.phase().equals("wait") && r.pending() && !s.waiter().equals("caller")
                    ? one(JdkRule.CallerReturned, s) : List.of();
            case Sleeps z -> sleeps(s, z);
            case Interest i -> interest(s, i);
            case Kernel k -> !s.phase().equals("start") && k.ring() == IoModel.completesInKernel(s.model())
                    ? one(k.ring() ? JdkRule.KernelRing : JdkRule.NoKernelRing,
                            new State(s.phase(), s.model(), s.waiter(), s.sawWait() || k.ring()))
                    : List.of();
            case Send x -> s.phase().equals("wait") && (s.sawWait() || !IoModel.sleepsWhileWaiting(s.model()))
                    ? one(JdkRule.DataArrives, new State("copy", s.model(), s.waiter(), s.sawWait())) : List.of();
            case Complete c -> s.phase().equals("copy") && c.thread().equals(s.waiter().equals("none") ? "caller" : s.waiter())
                    ? one(JdkRule.CopyOnWaiter, new State("done", s.model(), s.waiter(), s.sawWait())) : List.of();
            // sun.nio.ch.AsynchronousSocketChannelImpl.read: "if (reading) throw new ReadPendingException()" under readLock
            case Refused r -> refused(s, r);
            // sun.nio.ch.UnixAsynchronousSocketChannelImpl.implClose: unregister, close the fd, finish(false, true, true)
            case Close x -> s.phase().equals("wait") && s.waiter().equals("jdk")
                    ? one(JdkRule.CloseCalled, new State("closing", s.model(), s.waiter(), s.sawWait())) : List.of();
            case Failed f -> failed(s, f);
            // fs/eventpoll.c eventpoll_release_file: the last fput of the socket removes its items
            case Unlisted u -> s.phase().equals("closed") ? one(JdkRule.ItemRemovedOnClose, s) : List.of();
        };
    }

    private static List<Transition<State>> sleeps(State s, Sleeps z) {
        if (!s.phase().equals("wait") || !z.asleep() || !z.thread().equals(s.waiter())) {
            return List.of();
        }
        State next = new State(s.phase(), s.model(), s.waiter(), true);
        // net/core/sock.c sk_wait_data: a blocking read sleeps on the socket itself
        if (s.model().equals("blocking") && z.how().equals("read") && z.fd().equals("socket")) {
            return one(JdkRule.SleepsInRead, next);
        }
        // fs/eventpoll.c do_epoll_wait on an epoll file whose interest list holds the socket
        if (s.model().equals("multiplexed") && z.how().equals("epoll") && z.fd().equals("epoll")) {
            return one(JdkRule.SleepsInEpollWait, next);
        }
        // fs/select.c do_sys_poll / do_select on the socket
        if (s.model().equals("multiplexed") && z.how().equals("poll") && z.fd().equals("socket")) {
            return one(JdkRule.SleepsInPoll, next);
        }
        return List.of();
    }

    private static List<Transition<State>> refused(State s, Refused r) {
        if (r.reached()) {
            return List.of(); // both refusals come before any system call
        }
        if (s.phase().equals("wait") && s.waiter().equals("jdk") && r.exception().equals("pending")) {
            return one(JdkRule.ReadPendingRefused, s);
        }
        // readTimeoutTask: enableReading(true) sets readKilled; read: "if (readKilled) throw new IllegalStateException"
        if (s.phase().equals("timedout") && r.exception().equals("killed")) {
            return one(JdkRule.ReadKilledRefused, s);
        }
        return List.of();
    }

    private static List<Transition<State>> failed(State s, Failed f) {
        if (!f.thread().equals("jdk") || !s.waiter().equals("jdk")) {
            return List.of(); // Invoker.invokeIndirectly: the handler runs on the group's pool
        }
        // finishRead after implClose: the closed channel's read fails with AsynchronousCloseException
        if (s.phase().equals("closing") && f.cause().equals("close")) {
            return one(JdkRule.CloseFailsRead, new State("closed", s.model(), s.waiter(), s.sawWait()));
        }
        // readTimeoutTask: InterruptedByTimeoutException, after the wait it ends
        if (s.phase().equals("wait") && s.sawWait() && f.cause().equals("timeout")) {
            return one(JdkRule.TimeoutFailsRead, new State("timedout", s.model(), s.waiter(), s.sawWait()));
        }
        return List.of();
    }

    private static List<Transition<State>> interest(State s, Interest i) {
        // readTimeoutTask changes no epoll item: the one-shot item stays armed
        if (s.phase().equals("timedout") && i.in() && i.oneshot()) {
            return one(JdkRule.InterestArmedAfterTimeout, s);
        }
        // fs/eventpoll.c ep_send_events: a reported EPOLLONESHOT item keeps only EP_PRIVATE_BITS
        if (s.phase().equals("done") && !i.in() && i.oneshot()) {
            return one(JdkRule.InterestDisarmed, s);
        }
        if (s.phase().equals("wait") && i.in() && s.model().equals("multiplexed")) {
            return one(i.oneshot() ? JdkRule.InterestOneShot : JdkRule.InterestLevel, s);
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
        v.put("sawWait", s.sawWait());
        return v;
    }
}
