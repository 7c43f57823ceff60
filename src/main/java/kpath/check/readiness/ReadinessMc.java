package kpath.check.readiness;

import kpath.check.CheckException;
import kpath.check.Explorer;
import kpath.check.GraphComparison;
import kpath.check.StateGraph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import kpath.model.proc.OpenFile;
import kpath.model.proc.OpenFile.Epoll;
import kpath.model.proc.OpenFile.EventFd;
import kpath.model.proc.OpenFile.Item;
import kpath.model.proc.OpenFile.PipeRead;
import kpath.model.proc.OpenFile.TcpSock;
import kpath.model.proc.OpenFile.UnixStream;
import kpath.uapi.IoUringAbi;
import kpath.uapi.Mask;
import kpath.model.proc.Proc;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction;
import kpath.model.proc.ProcAction.*;
import kpath.model.readiness.ReadinessModel;
import kpath.model.proc.ProcState;
import kpath.model.proc.Task;

/**
 * The bounds of specs/MCReadiness.tla, its state constraint and the invariants of
 * specs/Readiness.tla by the same names, for exploring the Java model the way TLC explores the
 * spec; and the Java-vs-TLC state-graph comparison at those bounds.
 */
public final class ReadinessMc {
    private ReadinessMc() {}

    public static final String MODULE = "MCReadiness";
    public static final String CFG = "MCReadiness.cfg";
    /** MCMax: pipe bytes, unread socket bytes and eventfd counts above it are not explored. */
    public static final int MAX = 2;

    /** MCSetup: a pipe (r0, w0), two epolls (e0, e1), an unconnected TCP socket (l0). */
    public static List<ProcAction> setup() {
        return List.of(new Pipe2("r0", 3, "w0", 4), new EpollCreate1("e0", 5), new EpollCreate1("e1", 6),
                new Socket("l0", 7));
    }

    private static final int IN = Mask.IN, ET = Mask.ET, ONESHOT = Mask.ONESHOT;

    private static EpollCtl add(String ep, String fd, int events) {
        return new EpollCtl(ep, Op.EPOLL_CTL_ADD, fd, events);
    }

    private static EpollCtl mod(String ep, String fd, int events) {
        return new EpollCtl(ep, Op.EPOLL_CTL_MOD, fd, events);
    }

    private static EpollCtl del(String ep, String fd) {
        return new EpollCtl(ep, Op.EPOLL_CTL_DEL, fd, 0);
    }

    /**
     * MCCalls, zone by zone. The pipe and both epolls: level-triggered, edge-triggered and ONESHOT
     * items, MOD re-arming, e1 nested in e0, the writer's close (EPOLLHUP), epoll_wait with
     * maxevents 1 (unsent items back at the head) and 2, poll of an epoll (drops stale items), select,
     * and the calls that fail before any file is touched. Each other zone starts with its creation call.
     * Tasks (t1-t6) sleep in epoll_wait (wake-one, ep_done_scan, the EPOLLEXCLUSIVE walk), poll,
     * select and a blocking read; each comes with its runs, its timer (when it has a timeout) and its return.
     */
    public static List<ProcAction> universe() {
        List<ProcAction> u = new ArrayList<>(pipeZone());
        // a second pipe, created here: its writer's close reaches e0 as EPOLLHUP; EBADF after it; p1 owned
        // and O_ASYNC: every read of p0, even EAGAIN, signals it (fs/pipe.c pipe_read: kill_fasync);
        // F_SETSIG makes that a real-time signal (35), queued per read with POLL_OUT's band, or EINVAL (65)
        u.addAll(List.of(new Pipe2("p0", 8, "p1", 9), new Close("p1"),
                new Fcntl("p1", "F_SETOWN_EX", 0), new Fcntl("p1", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC), new Read("p0", 1), new Write("p1", 1),
                add("e0", "p0", IN), new Fcntl("p1", "F_SETSIG", 35), new Fcntl("p1", "F_SETSIG", 65), new Fcntl("p1", "F_GETSIG", 0), new Fcntl("p1", "F_GETOWN_EX", 0),
                // F_SETSIG SIGIO: pending once with the first siginfo; FIOASYNC on and off on p1, on e0 (ENOTTY)
                new Fcntl("p1", "F_SETSIG", 29), new Ioctl("p1", "FIOASYNC", 1), new Ioctl("p1", "FIOASYNC", 0),
                new Ioctl("e0", "FIOASYNC", 1),
                new Sigtimedwait(new java.util.TreeSet<>(Set.of(29, 35)))));
        // a socketpair: data (skbs of 1 and 2, partial and multi-skb reads), SHUT_WR (RDHUP, EPIPE),
        // close with unread data (ECONNRESET), write space
        u.addAll(List.of(new Socketpair("s0", 10, "s1", 11), new Write("s1", 1), new Write("s1", 2),
                new Read("s0", 1), new Read("s0", 2),
                new Shutdown("s1", Shutdown.SHUT_WR), new Close("s0"), new Read("s1", 1),
                add("e0", "s0", IN | ET), add("e0", "s1", Mask.OUT | ET)));
        // an eventfd and a dup of it: two items on one file (wake order), EXCLUSIVE, close of one fd
        u.addAll(List.of(new Eventfd("v0", 12, 0, false), new Write("v0", 1), new Read("v0", 8), new Read("v0", 1),
                add("e0", "v0", IN), new Dup("v0", "d0", 13), new Close("v0"), add("e0", "d0", IN),
                add("e0", "d0", IN | Mask.EXCLUSIVE), mod("e0", "d0", IN)));
        u.addAll(semaphoreZone());
        u.addAll(fileZone());
        u.addAll(nestZone());
        // TCP on loopback: listener, connect, accept, data, FIN both ways, RST (ECONNRESET, EPIPE),
        // the listener's close resetting a queued child's peer
        u.addAll(List.of(new Listen("l0", 1), new Bind("l0"), new Socket("c0", 17), new Connect("c0", "l0"),
                new Accept4("l0", "a0", 18), new Write("c0", 1), new Read("a0", 1), new Shutdown("c0", Shutdown.SHUT_WR),
                new Shutdown("a0", Shutdown.SHUT_WR), new Close("a0"), new Close("l0"), new Read("l0", 1),
                add("e0", "l0", IN), add("e0", "a0", IN | ET)));
        // a blocking socketpair: a read of the empty end is no one-line call; t4 sleeps in read(b0)
        // until data; t5 in select(b1 readable): the write space wake-up (EPOLLOUT) of a read of b0
        // misses its key, its timer ends it
        u.addAll(List.of(new Socketpair("b0", 21, "b1", 22, false), new Write("b1", 1), new Read("b0", 1)));
        u.addAll(task("t4", new Read("b0", 1), -1));
        u.addAll(task("t5", new Select(23, Set.of("b1"), Set.of(), Set.of()), 1));
        // SIGIO: b0 owned and O_ASYNC (still blocking): data for b0 signals, except while t4 waits
        // for data in read(b0) — then both outcomes (the woken reader may clear WAITDATA first)
        u.addAll(List.of(new Fcntl("b0", "F_SETOWN_EX", 0), new Fcntl("b0", "F_SETFL", Fcntl.O_ASYNC), Sigtimedwait.SIGIO));
        // t1 and t2 in epoll_wait(e0) with y0's item level- or edge-triggered: a wake-up wakes one
        // sleeper (the newest), a level-triggered item left on the ready list wakes the next (ep_done_scan)
        u.addAll(List.of(new Eventfd("y0", 23, 0, false), add("e0", "y0", IN), add("e0", "y0", IN | ET),
                new Write("y0", 1)));
        u.addAll(task("t1", new EpollWait("e0", 1), 1));
        u.addAll(task("t2", new EpollWait("e0", 1), 1));
        // EPOLLEXCLUSIVE items on x0 in e0 and e3, t6 in epoll_wait(e0): the walk stops at e0's item
        // when it woke t6, and goes on to e3's otherwise
        u.addAll(List.of(new Eventfd("x0", 19, 0, false), new EpollCreate1("e3", 20),
                add("e0", "x0", IN | Mask.EXCLUSIVE), add("e3", "x0", IN | Mask.EXCLUSIVE), new Write("x0", 1)));
        u.addAll(task("t6", new EpollWait("e0", 1), 1));
        return u;
    }

    /**
     * The first zone of MCCalls: the pipe and the epolls e0, e1 (see {@link #universe}). Alone it is
     * the bounds of BrokenReadinessEtRequeued's graph comparison (BrokenCalls): it holds every kind of
     * epoll item, and its graph is a small part of the whole.
     */
    public static List<ProcAction> pipeZone() {
        return List.of(
                new Write("w0", 1), new Read("r0", 1),
                add("e0", "r0", IN), add("e0", "r0", IN | ET), add("e0", "r0", IN | ONESHOT),
                mod("e0", "r0", IN), mod("e0", "r0", IN | ET), del("e0", "r0"),
                add("e1", "r0", IN), add("e0", "e1", IN), del("e0", "e1"),
                new Close("w0"),
                new EpollWait("e0", 1), new EpollWait("e0", 2), new EpollWait("e1", 1), new EpollWait("e0", 0),
                new Poll(List.of(new PollFd("e0", IN), new PollFd("l0", IN), new PollFd("a0", IN), new PollFd(null, IN))),
                new EpollCtl("e0", Op.EPOLL_CTL_ADD, "r0", 0, true),
                new EpollCtl("e0", Op.INVALID, "r0", IN),
                new Select(-1, Set.of("r0"), Set.of(), Set.of()),
                new Select(5, Set.of("r0", "e0"), Set.of("w0"), Set.of("r0")));
    }

    /** Task {@code t}'s call with {@code timeout} ms, its runs, its timer when it has one, and its return. */
    /** MCSemaphoreCalls: a semaphore eventfd; t3 in poll(v1, POLLIN) until a write (its key) or its timer. */
    public static List<ProcAction> semaphoreZone() {
        List<ProcAction> u = new ArrayList<>(List.of(new Eventfd("v1", 14, 0, true), new Write("v1", 1), new Read("v1", 8)));
        u.addAll(task("t3", new Poll(List.of(new PollFd("v1", IN))), 1));
        return u;
    }

    /** MCFileCalls: a regular file, which has no poll method. */
    public static List<ProcAction> fileZone() {
        return List.of(new Open("f0", 15), add("e0", "f0", IN), new Shutdown("f0", Shutdown.SHUT_WR),
                new Read("f0", 1), new Write("f0", 1));
    }

    /** MCNestCalls: a third epoll, e0 inside e2, then e2 into e0 loops. */
    public static List<ProcAction> nestZone() {
        return List.of(new EpollCreate1("e2", 16), add("e2", "e0", IN), add("e0", "e2", IN), new Close("e2"));
    }

    /** specs/MCReadinessScale.tla: over a million states, for the counting explorer's benchmark and TLC's. */
    public static final String SCALE = "MCReadinessScale";

    /** MCScaleCalls: the pipe, semaphore, file and nesting zones, all free at once (their states multiply). */
    public static ReadinessModel.Bounds scaleBounds() {
        List<ProcAction> u = new ArrayList<>(pipeZone());
        u.addAll(semaphoreZone());
        u.addAll(fileZone());
        u.addAll(nestZone());
        return new ReadinessModel.Bounds(setup(), u);
    }

    /** The explorer at MCReadinessScale's bounds: ScaleConstraint is DataBounded, no zone limit. */
    public static Explorer<ProcState, ProcAction> scaleExplorer() {
        return explorer(new ReadinessModel(scaleBounds()), List.of(), MAX);
    }

    private static List<ProcAction> task(String t, ProcAction call, int timeout) {
        List<ProcAction> a = new ArrayList<>(List.of(new TaskCall(t, call, timeout), new TaskRun(t)));
        if (timeout > 0) {
            a.add(new TaskTimeout(t));
        }
        a.add(new TaskReturn(t));
        return a;
    }

    public static ReadinessModel.Bounds bounds() {
        return new ReadinessModel.Bounds(setup(), universe());
    }

    public static ReadinessModel model() {
        return new ReadinessModel(bounds());
    }

    /**
     * MCZones: groups of fd names, file ids and task names; e0 is in none. At most one zone may differ
     * from the initial state at a time, so the zones' behaviours add up instead of multiplying: each
     * zone meets e0 on its own, the pipe zone has e1 nested in e0, and each task shares the zone of the
     * files it waits for.
     */
    public static List<Set<String>> zones() {
        return ZONES;
    }

    private static final List<Set<String>> ZONES = List.of(Set.of("r0", "w0", "e1"), Set.of("p0", "p1"),
            Set.of("s0", "s1"), Set.of("v0", "d0"), Set.of("v1", "t3"), Set.of("f0"), Set.of("e2"),
            Set.of("l0", "c0", "a0", "l0.c0"), Set.of("b0", "b1", "t4", "t5"), Set.of("y0", "t1", "t2"),
            Set.of("x0", "e3", "t6"));

    /**
     * StateConstraint: at most MCMax queued real-time signals; data at most MCMax (pipe bytes, unread
     * socket bytes, eventfd counts); at most one zone touched.
     */
    public static Predicate<ProcState> constraint() {
        return constraint(MAX, zones(), model().initialStates().iterator().next()).and(ReadinessMc::queueBounded);
    }

    /** At most MCMax real-time signals queued (Len(sigio.queue) <= MCMax). */
    static boolean queueBounded(ProcState s) {
        return s.sigio().queue().size() <= MAX;
    }

    public static Predicate<ProcState> constraint(int max, List<Set<String>> zones, ProcState initial) {
        Predicate<ProcState> data = s -> s.files().values().stream().allMatch(f -> switch (f) {
            case PipeRead p -> p.bytes() <= max;
            case UnixStream u -> u.rcvQueue().stream().mapToLong(Long::longValue).sum() <= max;
            case EventFd e -> e.count() >= 0 && e.count() <= max;
            case TcpSock t -> t.rcvBytes() <= max;
            default -> true;
        });
        return s -> data.test(s) && zones.stream().filter(z -> touched(s, z, initial)).count() <= 1;
    }

    /**
     * Some name of {@code zone} got a number or lost its fd, its file changed or went, an epoll item
     * names it, or it is a task inside a call.
     */
    static boolean touched(ProcState s, Set<String> zone, ProcState initial) {
        for (String n : zone) {
            if (s.numbers().containsKey(n) != initial.numbers().containsKey(n)
                    || s.fds().containsKey(n) != initial.fds().containsKey(n)
                    || !Objects.equals(s.files().get(n), initial.files().get(n))
                    || s.tasks().containsKey(n) != initial.tasks().containsKey(n)
                    || s.fasync().containsKey(n) != initial.fasync().containsKey(n)
                    || s.owner().containsKey(n) != initial.owner().containsKey(n)) {
                return true;
            }
        }
        return epolls(s).stream().anyMatch(e -> e.items().stream()
                .anyMatch(i -> zone.contains(i.key().file()) || zone.contains(i.key().fd())));
    }

    /** The invariants, in the order MCReadiness.cfg lists them. */
    public static Map<String, Predicate<ProcState>> invariants() {
        Map<String, Predicate<ProcState>> m = new LinkedHashMap<>();
        m.put("ItemOnReadyListAtMostOnce", s -> epolls(s).stream()
                .allMatch(e -> new HashSet<>(e.rdllist()).size() == e.rdllist().size()));
        m.put("ReadyListSubsetOfInterestList", s -> epolls(s).stream()
                .allMatch(e -> e.items().stream().map(Item::key).toList().containsAll(e.rdllist())));
        m.put("OpenFdsReferToLiveFiles", s -> s.files().keySet().containsAll(s.fds().values()));
        m.put("ItemsWatchLiveFiles", s -> epolls(s).stream()
                .allMatch(e -> e.items().stream().allMatch(i -> s.files().containsKey(i.key().file()))));
        m.put("StoredMaskHasErrHupUnlessDisarmed", s -> epolls(s).stream()
                .allMatch(e -> e.items().stream().allMatch(i -> !i.armed()
                        || (i.events() & (Mask.ERR | Mask.HUP)) == (Mask.ERR | Mask.HUP))));
        m.put("EpWaitQueueHoldsEpollWaitSleepers", s -> epolls(s).stream().allMatch(e -> e.wq().stream()
                .allMatch(t -> s.tasks().containsKey(t) && s.tasks().get(t).phase() == Task.Phase.SLEEPING
                        && s.tasks().get(t).call() instanceof EpollWait)));
        m.put("TaskOnAtMostOneEpWaitQueue", s -> {
            List<String> all = epolls(s).stream().flatMap(e -> e.wq().stream()).toList();
            return new HashSet<>(all).size() == all.size();
        });
        m.put("ExclusiveListHoldsTheExclusiveItems", s -> {
            Set<ProcState.Exclusive> items = new HashSet<>();
            s.files().forEach((id, f) -> {
                if (f instanceof Epoll e) {
                    e.items().stream().filter(i -> (i.events() & Mask.EXCLUSIVE) != 0)
                            .forEach(i -> items.add(new ProcState.Exclusive(id, i.key())));
                }
            });
            return new HashSet<>(s.exclusive()).size() == s.exclusive().size() && items.equals(new HashSet<>(s.exclusive()));
        });
        m.put("EtOneshotNotReportedTwicePerCallback", s -> s.fds().entrySet().stream()
                .filter(x -> s.files().get(x.getValue()) instanceof Epoll).allMatch(x -> {
                    Epoll e = (Epoll) s.files().get(x.getValue());
                    ProcState a = Proc.successors(s, new EpollWait(x.getKey(), e.rdllist().size() + 1))
                            .getFirst().next();
                    Epoll after = (Epoll) a.files().get(x.getValue());
                    return after.rdllist().stream().allMatch(k -> after.items().stream().filter(i -> i.key().equals(k))
                            .allMatch(i -> (i.events() & (Mask.ET | Mask.ONESHOT)) == 0));
                }));
        return m;
    }

    private static List<Epoll> epolls(ProcState s) {
        List<Epoll> es = new ArrayList<>();
        for (OpenFile f : s.files().values()) {
            if (f instanceof Epoll e) {
                es.add(e);
            }
        }
        return es;
    }

    /** Explores {@code model} under the MC constraint and invariants. */
    public static Explorer.Result explore(ReadinessModel model) {
        return EXPLORED.plain(model.bounds(), () -> explorer(model));
    }

    /** As {@link #explore}, each state with its observables ({@link Explorer#withObservables}). */
    public static Explorer.Result exploreObserved(ReadinessModel model) {
        return EXPLORED.observed(model.bounds(), () -> explorer(model));
    }

    // ---- specs/MCSigioTcp.tla: signal-driven I/O on loopback TCP ----

    public static final String SIGIO_TCP_MODULE = "MCSigioTcp";
    public static final String SIGIO_TCP_CFG = "MCSigioTcp.cfg";

    /** MCSigioTcpSetup: a socket to listen (l0) and one to connect (c0). */
    public static List<ProcAction> sigioTcpSetup() {
        return List.of(new Socket("l0", 3), new Socket("c0", 4));
    }

    /**
     * MCSigioTcpCalls: c0 owned and async, non-blocking before or after its connect (POLL_OUT),
     * blocking once connected; a0's data, SHUT_WR and close (a FIN: POLL_IN twice, or POLL_HUP then
     * POLL_IN once c0 shut its own sending; a RST's POLL_ERR when a byte from c0 is unread); t1 asleep
     * in read(c0) (SOCKWQ_ASYNC_WAITDATA); a0's urgent byte (SIGURG to c0's owner); rt_sigtimedwait for
     * SIGURG and SIGIO.
     */
    public static List<ProcAction> sigioTcpUniverse() {
        List<ProcAction> u = new ArrayList<>(List.of(new Listen("l0", 8), new Connect("c0", "l0"), new Accept4("l0", "a0", 5),
                new Fcntl("c0", "F_SETOWN_EX", 0), new Fcntl("c0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC),
                new Fcntl("c0", "F_SETFL", Fcntl.O_ASYNC), new Write("a0", 1), new Write("c0", 1), new SendOob("a0", 1),
                new Shutdown("a0", Shutdown.SHUT_WR), new Shutdown("c0", Shutdown.SHUT_WR), new Close("a0"),
                new Sigtimedwait(new java.util.TreeSet<>(Set.of(kpath.uapi.Signal.SIGURG.number(), kpath.uapi.Signal.SIGIO.number())))));
        u.addAll(task("t1", new Read("c0", 1), -1));
        return u;
    }

    /** MCSigioTcpMax: at most 1 unread byte per socket (and 1 queued signal). */
    public static final int SIGIO_TCP_MAX = 1;

    /** MCSigioTcpZones: one zone, so the zone constraint bounds nothing here. */
    public static final List<Set<String>> SIGIO_TCP_ZONES = List.of(Set.of("l0", "c0", "a0", "l0.c0", "t1"));

    public static ReadinessModel sigioTcpModel() {
        return new ReadinessModel(new ReadinessModel.Bounds(sigioTcpSetup(), sigioTcpUniverse()));
    }

    /** MCSigioTcp's names in Java's String order. */
    public static List<String> sigioTcpNames() {
        return List.of("a0", "c0", "l0", "l0.c0");
    }

    /** The Java graph of MCSigioTcp's bounds against TLC's (MCReadiness's constraint and invariants, its own zones). */
    public static GraphComparison.Outcome compareSigioTcp(Path specDir, Duration timeout) throws CheckException {
        return GraphComparison.against(sigioTcpObserved().withoutObservables(), specDir, SIGIO_TCP_MODULE,
                SIGIO_TCP_CFG, timeout);
    }

    /** MCSigioTcp's bounds explored once, with the observables. */
    static Explorer.Result sigioTcpObserved() {
        ReadinessModel m = sigioTcpModel();
        return EXPLORED.observed(m.bounds(), () -> explorer(m, SIGIO_TCP_ZONES, SIGIO_TCP_MAX));
    }

    /** The observables of MCSigioTcp's bounds against the spec's. */
    public static GraphComparison.Outcome compareSigioTcpObservables(Path specDir, Duration timeout) throws CheckException {
        return GraphComparison.observables(sigioTcpObserved(), specDir, SIGIO_TCP_MODULE, SIGIO_TCP_CFG, timeout);
    }

    /** Explorations by bounds: the model is pure, so one JVM explores the same bounds once. */
    private static final kpath.check.Explorations<ReadinessModel.Bounds> EXPLORED = new kpath.check.Explorations<>();

    /** The Java explorer at these bounds: MCReadiness's constraint and invariants. */
    public static Explorer<ProcState, ProcAction> explorer(ReadinessModel model) {
        return explorer(model, zones(), MAX);
    }

    /**
     * The Java explorer of {@code model} with MCReadiness's constraint over {@code zones} and data and
     * queued signals at most {@code max}, and its invariants.
     */
    public static Explorer<ProcState, ProcAction> explorer(ReadinessModel model, List<Set<String>> zones, int max) {
        return Explorer.of(model).constraint(constraint(max, zones, model.initialStates().iterator().next())
                        .and(s -> s.sigio().queue().size() <= max))
                .invariants(invariants());
    }

    /** The observables of {@code model} against the spec's Observables, at these bounds. */
    public static GraphComparison.Outcome compareObservables(ReadinessModel model, Path specDir, String module,
                                                             String cfg, Duration timeout) throws CheckException {
        return GraphComparison.observables(exploreObserved(model), specDir, module, cfg, timeout);
    }

    /** The Java graph of {@code model} against TLC's for {@code module} in {@code specDir}. */
    public static GraphComparison.Outcome compare(ReadinessModel model, Path specDir, String module, String cfg,
                                                  Duration timeout) throws CheckException {
        return GraphComparison.against(explore(model), specDir, module, cfg, timeout);
    }

    /** The call record of specs/Readiness.tla for {@code a}, as MCReadiness.tla writes it. */
    public static String tla(ProcAction a) {
        return switch (a) {
            case Pipe2 p -> p.nonblock() ? rec("Pipe2", "r", str(p.r()), "rn", p.rn(), "w", str(p.w()), "wn", p.wn())
                    : rec("Pipe2", "r", str(p.r()), "rn", p.rn(), "w", str(p.w()), "wn", p.wn(), "nonblock", bool(false));
            case Socketpair p -> p.equals(new Socketpair(p.a(), p.an(), p.b(), p.bn(), p.nonblock()))
                    ? rec("Socketpair", "a", str(p.a()), "an", p.an(), "b", str(p.b()), "bn", p.bn(), "nonblock", bool(p.nonblock()))
                    : rec("Socketpair", "a", str(p.a()), "an", p.an(), "b", str(p.b()), "bn", p.bn(), "nonblock", bool(p.nonblock()),
                            "sndbuf", p.sndbuf(), "truesize", p.truesize());
            case Eventfd e -> rec("Eventfd", "name", str(e.name()), "number", e.number(), "initval", e.initval(),
                    "semaphore", bool(e.semaphore()), "nonblock", bool(e.nonblock()));
            case EpollCreate1 e -> rec("EpollCreate1", "name", str(e.name()), "number", e.number());
            case Open o -> o.equals(new Open(o.name(), o.number())) ? rec("Open", "name", str(o.name()), "number", o.number())
                    : rec("Open", "name", str(o.name()), "number", o.number(), "direct", o.direct() ? "TRUE" : "FALSE", "size", o.size(), "align", o.align());
            case Socket o -> rec("Socket", "name", str(o.name()), "number", o.number());
            case Bind b -> rec("Bind", "fd", str(b.fd()));
            case Listen l -> rec("Listen", "fd", str(l.fd()), "backlog", l.backlog());
            case Connect c -> rec("Connect", "fd", str(c.fd()), "listener", str(c.listener()));
            case Accept4 x -> rec("Accept4", "fd", str(x.fd()), "name", str(x.name()), "number", x.number());
            case Dup d -> rec("Dup", "fd", str(d.fd()), "name", str(d.name()), "number", d.number());
            case Write w -> rec("Write", "fd", str(w.fd()), "n", w.n());
            case SendOob s -> rec("SendOob", "fd", str(s.fd()), "n", s.n());
            case Read r -> rec("Read", "fd", str(r.fd()), "n", r.n());
            case Shutdown x -> rec("Shutdown", "fd", str(x.fd()), "how", x.how());
            case Close c -> rec("Close", "fd", str(c.fd()));
            case EpollCtl c -> rec("EpollCtl", "epfd", str(c.epfd()), "op", str(c.op().name()), "fd", str(c.fd()),
                    "events", set(ReadinessModel.bits(c.events())), "nullEvent", c.nullEvent() ? "TRUE" : "FALSE");
            case EpollWait e -> rec("EpollWait", "epfd", str(e.epfd()), "maxevents", e.maxevents());
            case Poll p -> rec("Poll", "pfds", "<<" + String.join(", ", p.fds().stream()
                    .map(f -> "[fd |-> " + str(f.fd() == null ? "" : f.fd()) + ", events |-> "
                            + set(ReadinessModel.bits(f.events())) + "]").toList()) + ">>");
            case Select x -> rec("Select", "nfds", x.nfds(), "rd", set(x.rd()), "wr", set(x.wr()), "ex", set(x.ex()));
            case TaskCall t -> rec("TaskCall", "task", str(t.task()), "op", tla(t.call()), "timeout", t.timeout());
            case TaskRun t -> rec("TaskRun", "task", str(t.task()));
            case TaskTimeout t -> rec("TaskTimeout", "task", str(t.task()));
            case TaskReturn t -> rec("TaskReturn", "task", str(t.task()));
            case Fcntl f -> rec("Fcntl", "fd", str(f.fd()), "cmd", str(f.cmd()),
                    "nonblock", bool(f.cmd().equals("F_SETFL") && (f.flags() & Fcntl.O_NONBLOCK) != 0),
                    "async", bool(f.cmd().equals("F_SETFL") && (f.flags() & Fcntl.O_ASYNC) != 0),
                    "sig", f.cmd().equals("F_SETSIG") ? f.flags() : 0);
            case Setrlimit x -> rec("Setrlimit", "resource", str(x.resource()), "cur", x.cur());
            case Ioctl x -> rec("Ioctl", "fd", str(x.fd()), "cmd", str(x.cmd()), "arg", x.arg());
            case Setsockopt x -> rec("Setsockopt", "fd", str(x.fd()), "val", x.val(), "wmemMax", x.wmemMax(),
                    "sndbufMin", x.sndbufMin());
            case Getsockopt x -> rec("Getsockopt", "fd", str(x.fd()));
            case Sigtimedwait x -> rec("Sigtimedwait", "set", "{" + String.join(", ", x.set().stream().map(String::valueOf).toList()) + "}");
            case Sigaction x -> rec("Sigaction", "signo", x.signo(), "action", str(x.action()));
            case Sigmasked x -> {
                String usig = bool(x.mask() != null);
                String mask = x.mask() == null ? "{}" : "{" + String.join(", ", x.mask().stream().map(String::valueOf).toList()) + "}";
                long size = x.mask() == null ? 0 : x.sigsetsize();
                yield switch (x.call()) {
                    case EpollWait e -> rec("EpollPwait", "epfd", str(e.epfd()), "maxevents", e.maxevents(), "usig", usig, "mask", mask,
                            "sigsetsize", size);
                    case Poll p -> rec("Ppoll", "pfds", tla(p).substring(tla(p).indexOf("<<"), tla(p).length() - 1), "usig", usig,
                            "mask", mask, "sigsetsize", size);
                    case IoGetevents g -> rec("IoPgetevents", "ctx", str(g.ctx()), "minNr", g.minNr(), "nr", g.nr(), "usig", usig,
                            "mask", mask, "sigsetsize", size);
                    case IoUringEnter e -> rec("IoUringEnterMasked", "fd", str(e.fd()), "sqes", "<<" + String.join(", ", e.sqes()
                            .stream().map(ReadinessMc::sqe).toList()) + ">>", "minComplete", e.minComplete(), "usig", usig, "mask", mask,
                            "sigsetsize", size);
                    default -> {
                        Select q = (Select) x.call();
                        yield rec("Pselect6", "nfds", q.nfds(), "rd", set(q.rd()), "wr", set(q.wr()), "ex", set(q.ex()), "usig", usig,
                                "mask", mask, "sigsetsize", size);
                    }
                };
            }
            case IoUringSetup u -> rec("IoUringSetup", "name", str(u.name()), "number", u.number(), "entries", u.entries(),
                    "flags", setupFlags(u.flags()), "cqEntries", u.cqEntries(), "resv", bool(u.resv()));
            case IoUringEnter e -> rec("IoUringEnter", "fd", str(e.fd()), "sqes", "<<" + String.join(", ", e.sqes().stream()
                    .map(ReadinessMc::sqe).toList()) + ">>", "minComplete", e.minComplete(), "getevents", bool(e.getevents()),
                    "argsz", e.argsz(), "pad", e.pad());
            case CqReap r -> rec("CqReap", "fd", str(r.fd()));
            case SqPublish p -> rec("SqPublish", "fd", str(p.fd()), "sqes", "<<" + String.join(", ", p.sqes().stream()
                    .map(ReadinessMc::sqe).toList()) + ">>");
            case IoSqThread x -> rec("IoSqThread");
            case IoUringEnterBadFlags e -> rec("IoUringEnterBadFlags", "fd", str(e.fd()), "flags", enterFlags(e.flags()));
            case IoUringRegisterEventfd r -> rec("IoUringRegisterEventfd", "fd", str(r.fd()), "eventfd", str(r.eventfd()));
            case IoSetup x -> rec("IoSetup", "nrEvents", x.nrEvents(), "ctx", str(x.ctx()), "aioMaxNr", x.aioMaxNr(),
                    "possibleCpus", x.possibleCpus());
            case IoSubmit x -> rec("IoSubmit", "ctx", str(x.ctx()), "iocbs", iocbs(x));
            case IoCancel x -> rec("IoCancel", "ctx", str(x.ctx()), "data", x.data());
            case IoGetevents x -> rec("IoGetevents", "ctx", str(x.ctx()), "minNr", x.minNr(), "nr", x.nr());
            case IoDestroy x -> rec("IoDestroy", "ctx", str(x.ctx()));
            case AioPollWork x -> rec("AioPollWork");
            case DelayedFputWork x -> rec("DelayedFputWork");
            case AioTrylockFails x -> rec("AioTrylockFails");
            case IoUringTaskWork x -> rec("IoUringTaskWork");
            case IoWqWork x -> rec("IoWqWork");
            case IoUringExitWork x -> rec("IoUringExitWork");
            case IoWqFree x -> rec("IoWqFree");
            case IoLinkTimeout x -> rec("IoLinkTimeout", "userData", x.userData());
        };
    }

    /**
     * io_uring_setup's flags as the spec reads them: the names of IORING_SETUP_CLAMP,
     * IORING_SETUP_CQSIZE, IORING_SETUP_NO_SQARRAY, IORING_SETUP_SQPOLL, IORING_SETUP_SINGLE_ISSUER and
     * IORING_SETUP_DEFER_TASKRUN, and "unknown" for any bit outside IORING_SETUP_FLAGS.
     */
    public static String setupFlags(int flags) {
        Set<String> s = new TreeSet<>();
        if ((flags & IoUringAbi.IORING_SETUP_CLAMP) != 0) {
            s.add("IORING_SETUP_CLAMP");
        }
        if ((flags & IoUringAbi.IORING_SETUP_CQSIZE) != 0) {
            s.add("IORING_SETUP_CQSIZE");
        }
        if ((flags & IoUringAbi.IORING_SETUP_NO_SQARRAY) != 0) {
            s.add("IORING_SETUP_NO_SQARRAY");
        }
        if ((flags & IoUringAbi.IORING_SETUP_SQPOLL) != 0) {
            s.add("IORING_SETUP_SQPOLL");
        }
        if ((flags & IoUringAbi.IORING_SETUP_SINGLE_ISSUER) != 0) {
            s.add("IORING_SETUP_SINGLE_ISSUER");
        }
        if ((flags & IoUringAbi.IORING_SETUP_DEFER_TASKRUN) != 0) {
            s.add("IORING_SETUP_DEFER_TASKRUN");
        }
        if ((flags & ~IoUringAbi.IORING_SETUP_FLAGS) != 0) {
            s.add("unknown");
        }
        return set(s);
    }

    /** io_uring_enter's flags as the spec reads them: "unknown" for any bit outside IORING_ENTER_FLAGS. */
    public static String enterFlags(int flags) {
        return (flags & ~IoUringAbi.IORING_ENTER_FLAGS) != 0 ? "{\"unknown\"}" : "{}";
    }

    /**
     * io_submit's iocbs as the spec's sequence of [op, data, fd, events, nbytes, resfd, rwFlags,
     * offset, reserved2] (Aio.tla IocbType): rwFlags the names "RWF_NOWAIT", "other" (a bit 6.18 may
     * know, not modelled) and "unknown" (a bit outside RWF_SUPPORTED) of the bits set.
     */
    public static String iocbs(IoSubmit x) {
        return "<<" + String.join(", ", x.iocbs().stream().map(q -> "[op |-> " + str(q.op()) + ", data |-> " + q.data()
                + ", fd |-> " + str(q.fd()) + ", events |-> " + set(ReadinessModel.bits(q.events())) + ", nbytes |-> "
                + q.nbytes() + ", resfd |-> " + str(q.resfd()) + ", rwFlags |-> " + set(kpath.uapi.AioAbi.rwFlagNames(q.rwFlags()))
                + ", offset |-> " + q.offset() + ", reserved2 |-> " + q.reserved2() + "]").toList()) + ">>";
    }


    /** An SQE as the spec's record (IoUring.tla SqeType): every field, unused ones "", {}, FALSE, 0; drain, skip and pollFirst only when set. */
    public static String sqe(Sqe q) {
        return "[op |-> " + str(q.op()) + ", userData |-> " + q.userData() + ", fd |-> " + str(q.fd()) + ", events |-> "
                + set(q.op().equals("ASYNC_CANCEL") ? ReadinessModel.cancelFlags(q.events()) : ReadinessModel.bits(q.events()))
                + ", multishot |-> " + bool(q.multishot()) + ", target |-> "
                + q.target() + ", link |-> " + bool(q.link()) + ", hardlink |-> " + bool(q.hardlink()) + ", len |-> "
                + q.len() + ", dontwait |-> " + bool(q.dontwait()) + ", off |-> " + q.off()
                + (q.drain() ? ", drain |-> TRUE" : "") + (q.skip() ? ", skip |-> TRUE" : "")
                + (q.pollFirst() ? ", pollFirst |-> TRUE" : "") + (q.fdIn().isEmpty() ? "" : ", fdIn |-> " + str(q.fdIn()))
                + (q.bufGroup() >= 0 ? ", bufGroup |-> " + q.bufGroup() : "") + (q.async() ? ", async |-> TRUE" : "")
                + "]"; // drain, skip, pollFirst, fdIn, bufGroup and async only when set (IoPoll.tla Drained, Skips, PollFirst, FdIn, BufSelect, ForcedAsync)
    }

    private static String bool(boolean b) {
        return b ? "TRUE" : "FALSE";
    }

    private static String rec(String call, Object... fields) {
        StringBuilder b = new StringBuilder("[call |-> ").append(str(call));
        for (int i = 0; i < fields.length; i += 2) {
            b.append(", ").append(fields[i]).append(" |-> ").append(fields[i + 1]);
        }
        return b.append(']').toString();
    }

    private static String str(String s) {
        return "\"" + s + "\"";
    }

    private static String set(Set<String> s) {
        return "{" + String.join(", ", s.stream().sorted().map(ReadinessMc::str).toList()) + "}";
    }

    /** The rule names on the edges of a graph. */
    public static Set<String> labels(StateGraph g) {
        Set<String> s = new TreeSet<>();
        g.edges().forEach(e -> s.add(e.label()));
        return s;
    }

    /** MCNameOrder: every fd name and file id of the bounds (accepted children are "listener.client"), sorted. */
    public static List<String> names() {
        Set<String> s = new TreeSet<>();
        List<ProcAction> all = new ArrayList<>(setup());
        all.addAll(universe());
        for (ProcAction a : all) {
            switch (a) {
                case Pipe2 p -> s.addAll(List.of(p.r(), p.w()));
                case Socketpair p -> s.addAll(List.of(p.a(), p.b()));
                case Eventfd e -> s.add(e.name());
                case EpollCreate1 e -> s.add(e.name());
                case Open o -> s.add(o.name());
                case Socket o -> s.add(o.name());
                case IoUringSetup u -> s.add(u.name());
                case IoSetup x -> s.add(x.ctx());
                case Dup d -> s.add(d.name());
                case Accept4 x -> s.add(x.name());
                case Connect c -> s.add(c.listener() + "." + c.fd());
                default -> { }
            }
        }
        return List.copyOf(s);
    }
}
