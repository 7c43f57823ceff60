package kpath.model.readiness;

import kpath.uapi.Mask;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import kpath.model.Model;
import kpath.model.Transition;
import kpath.model.proc.*;
import kpath.model.proc.OpenFile.*;

/**
 * {@link Proc} as a {@link Model} with a finite action universe, for exhaustive exploration
 * against specs/Readiness.tla. {@link #variables} gives a state in the spec's shapes: masks are sets
 * of bit names (TLA+ has no bitwise operators), files are records with a {@code kind} field.
 */
public final class ReadinessModel implements Model<ProcState, ProcAction> {

    /**
     * @param setup    creation calls applied in order from {@link ProcState#initial()}; each must
     *                 succeed, and the state they lead to is the single initial state
     * @param universe the actions considered in every state
     */
    public record Bounds(List<ProcAction> setup, List<ProcAction> universe) {
        public Bounds {
            setup = List.copyOf(setup);
            universe = List.copyOf(universe);
        }
    }

    private final Bounds bounds;
    private final ProcState initial;

    public ReadinessModel(Bounds bounds) {
        this.bounds = bounds;
        ProcState s = ProcState.initial();
        for (ProcAction a : bounds.setup()) {
            List<Transition<ProcState>> ts = Proc.successors(s, a);
            if (ts.size() != 1 || ts.getFirst().rule().ruleClass() != kpath.model.RuleClass.FAST_SUCCEED) {
                throw new IllegalArgumentException("setup call " + a + " does not succeed: " + ts);
            }
            s = ts.getFirst().next();
        }
        this.initial = s;
    }

    public Bounds bounds() {
        return bounds;
    }

    @Override
    public Set<ProcState> initialStates() {
        return Set.of(initial);
    }

    @Override
    public List<ProcAction> actions(ProcState state) {
        return bounds.universe();
    }

    @Override
    public List<Transition<ProcState>> successors(ProcState state, ProcAction action) {
        return Proc.successors(state, action);
    }

    /** The bit names of {@code mask}, as the spec's mask sets hold them. */
    public static Set<String> bits(int mask) {
        Set<String> s = new LinkedHashSet<>();
        for (var e : BIT_NAMES.entrySet()) {
            if ((mask & e.getKey()) != 0) {
                s.add(e.getValue());
            }
        }
        return s;
    }

    private static final Map<Integer, String> BIT_NAMES = bitNames();

    private static Map<Integer, String> bitNames() {
        Map<Integer, String> m = new java.util.LinkedHashMap<>();
        m.put(Mask.IN, "IN");
        m.put(Mask.PRI, "PRI");
        m.put(Mask.OUT, "OUT");
        m.put(Mask.ERR, "ERR");
        m.put(Mask.HUP, "HUP");
        m.put(Mask.NVAL, "NVAL");
        m.put(Mask.RDNORM, "RDNORM");
        m.put(Mask.RDBAND, "RDBAND");
        m.put(Mask.WRNORM, "WRNORM");
        m.put(Mask.WRBAND, "WRBAND");
        m.put(Mask.MSG, "MSG");
        m.put(Mask.RDHUP, "RDHUP");
        m.put(Mask.EXCLUSIVE, "EXCLUSIVE");
        m.put(Mask.WAKEUP, "WAKEUP");
        m.put(Mask.ONESHOT, "ONESHOT");
        m.put(Mask.ET, "ET");
        return m;
    }

    /**
     * What an {@code observe} line reads: what the main task's last call copied out (events,
     * revents, fd sets, a value read), and each task's phase ({@code observe task(tN)} from
     * /proc/self/task/TID), and each live AIO context's event ring ({@code observe aio_ring(aK)}
     * reads struct aio_ring): its nr and how many events it holds (tail − head, modulo nr). The
     * spec's {@code Observables} has the same fields.
     */
    public static SortedMap<String, Object> observe(ProcState s) {
        SortedMap<String, Object> o = new TreeMap<>();
        o.put("out", copyOut(s.out()));
        Map<String, Object> rings = new TreeMap<>();
        s.files().forEach((id, f) -> {
            if (f instanceof AioCtx c && !c.dead()) {
                rings.put(id, Map.of("nr", c.nr(), "ready", c.events().size()));
            }
        });
        o.put("aioRing", new kpath.model.TlaFunction(rings));
        Map<String, Object> phase = new TreeMap<>();
        s.tasks().forEach((name, t) -> phase.put(name, t.phase().name()));
        o.put("phase", new kpath.model.TlaFunction(phase));
        return o;
    }

    @Override
    public SortedMap<String, Object> observables(ProcState s) {
        return observe(s);
    }

    @Override
    public SortedMap<String, Object> variables(ProcState s) {
        SortedMap<String, Object> v = new TreeMap<>();
        v.put("numbers", new TreeMap<>(s.numbers()));
        v.put("fds", new TreeMap<>(s.fds()));
        Map<String, Object> files = new TreeMap<>();
        s.files().forEach((id, f) -> files.put(id, file(f)));
        v.put("files", files);
        v.put("ret", s.ret());
        v.put("out", copyOut(s.out()));
        Map<String, Object> tasks = new TreeMap<>();
        s.tasks().forEach((name, t) -> tasks.put(name, task(t)));
        v.put("tasks", tasks);
        List<Object> exclusive = new ArrayList<>();
        for (ProcState.Exclusive x : s.exclusive()) {
            exclusive.add(Map.of("ep", x.ep(), "key", Map.of("file", x.key().file(), "fd", x.key().fd())));
        }
        v.put("exclusive", exclusive);
        v.put("blocking", new TreeSet<>(s.blocking()));
        v.put("fasync", new TreeMap<>(s.fasync()));
        Map<String, Object> owner = new TreeMap<>();
        s.owner().forEach((f, o) -> owner.put(f, Map.of("tid", o.tid(), "signum", o.signum())));
        v.put("owner", owner);
        v.put("sigio", Map.of("plain", s.sigio().plain(), "urg", s.sigio().urg(), "queue", s.sigio().queue().stream().map(ReadinessModel::sigInfo).toList(),
                "limit", s.sigio().limit(), "handled", new TreeSet<>(s.sigio().handled()), "ignored", new TreeSet<>(s.sigio().ignored())));
        return v;
    }

    /**
     * What a call copied out, as the spec's record: {@code [none |-> TRUE]}, {@code [events |-> <<[data, events]>>]},
     * {@code [revents |-> <<[fd, revents]>>]}, {@code [rd, wr, ex]}, {@code [value |-> n]} or {@code [fds |-> <<a, b>>]};
     * masks as sets of bit names.
     */
    public static Map<String, Object> copyOut(CopyOut o) {
        Map<String, Object> r = new TreeMap<>();
        switch (o) {
            case CopyOut.None x -> r.put("none", true);
            case CopyOut.Events e -> r.put("events", e.events().stream()
                    .map(x -> (Object) Map.of("data", x.data(), "events", bits(x.events()))).toList());
            case CopyOut.Revents e -> r.put("revents", e.revents().stream()
                    .map(x -> (Object) Map.of("fd", x.fd(), "revents", bits(x.revents()))).toList());
            case CopyOut.FdSets f -> {
                r.put("rd", f.rd());
                r.put("wr", f.wr());
                r.put("ex", f.ex());
            }
            case CopyOut.Value v -> r.put("value", v.value());
            case CopyOut.FdPair f -> r.put("fds", List.of(f.first(), f.second()));
            case CopyOut.Params p -> {
                r.put("sqEntries", p.sqEntries());
                r.put("cqEntries", p.cqEntries());
                r.put("features", p.features());
            }
            case CopyOut.AioEvents x -> r.put("aioEvents", x.events().stream()
                    .map(e -> (Object) Map.of("data", e.data(), "res", e.res())).toList());
            case CopyOut.Owner x -> {
                r.put("ownerType", x.type());
                r.put("pid", x.pid());
            }
            case CopyOut.SigInfo x -> {
                r.put("signo", x.signo());
                r.put("code", x.code());
                r.put("fd", x.fd());
                r.put("band", bits(x.band()));
            }
            case CopyOut.Reaped x -> {
                r.put("cqes", cqes(x.cqes()));
                r.put("overflowFlag", x.cqOverflowFlag());
                r.put("dropped", x.dropped());
            }
        }
        return r;
    }

    /** A queued signal as the spec's record [signo, code, fd, band] (specs/Fasync.tla). */
    public static Object sigInfo(kpath.model.proc.ProcState.SigInfo x) {
        return Map.of("signo", x.signo(), "code", x.code().name(), "fd", x.fd(), "band", bits(x.band()));
    }

    /** A task as the spec's record; its {@code on} list (sorted, no repeats) as a set. */
    private static Map<String, Object> task(Task t) {
        Map<String, Object> r = new TreeMap<>();
        r.put("call", call(t.call()));
        r.put("timeout", t.timeout());
        r.put("phase", t.phase().name());
        r.put("on", new TreeSet<>(t.on()));
        r.put("timedOut", t.timedOut());
        r.put("ret", t.ret());
        r.put("out", copyOut(t.out()));
        r.put("need", t.need());
        return r;
    }

    /** A task's call as the spec's call record (as specs/MCReadiness.tla writes it). */
    private static Map<String, Object> call(ProcAction a) {
        Map<String, Object> r = new TreeMap<>();
        switch (a) {
            case ProcAction.EpollWait x -> {
                r.put("call", "EpollWait");
                r.put("epfd", x.epfd());
                r.put("maxevents", x.maxevents());
            }
            case ProcAction.Poll x -> {
                r.put("call", "Poll");
                List<Object> pfds = new ArrayList<>();
                for (ProcAction.PollFd p : x.fds()) {
                    pfds.add(Map.of("fd", p.fd() == null ? "" : p.fd(), "events", bits(p.events())));
                }
                r.put("pfds", pfds);
            }
            case ProcAction.Select x -> {
                r.put("call", "Select");
                r.put("nfds", x.nfds());
                r.put("rd", new TreeSet<>(x.rd()));
                r.put("wr", new TreeSet<>(x.wr()));
                r.put("ex", new TreeSet<>(x.ex()));
            }
            case ProcAction.Read x -> {
                r.put("call", "Read");
                r.put("fd", x.fd());
                r.put("n", x.n());
            }
            case ProcAction.IoUringEnter x -> {
                r.put("call", "IoUringEnter");
                r.put("fd", x.fd());
                r.put("sqes", x.sqes().stream().map(ReadinessModel::sqe).toList());
                r.put("minComplete", x.minComplete());
                r.put("getevents", x.getevents());
                r.put("argsz", x.argsz());
                r.put("pad", x.pad());
            }
            case ProcAction.IoGetevents x -> {
                r.put("call", "IoGetevents");
                r.put("ctx", x.ctx());
                r.put("minNr", x.minNr());
                r.put("nr", x.nr());
            }
            case ProcAction.IoSubmit x -> {
                r.put("call", "IoSubmit");
                r.put("ctx", x.ctx());
                r.put("iocbs", x.iocbs().stream().map(q -> {
                    Map<String, Object> m = new TreeMap<>();
                    m.put("op", q.op());
                    m.put("data", q.data());
                    m.put("fd", q.fd());
                    m.put("events", bits(q.events()));
                    m.put("nbytes", q.nbytes());
                    m.put("resfd", q.resfd());
                    m.put("rwFlags", kpath.uapi.AioAbi.rwFlagNames(q.rwFlags()));
                    m.put("offset", q.offset());
                    m.put("reserved2", q.reserved2());
                    return (Object) m;
                }).toList());
            }
            case ProcAction.IoDestroy x -> {
                r.put("call", "IoDestroy");
                r.put("ctx", x.ctx());
            }
            default -> throw new IllegalArgumentException("a task's call may sleep: epoll_wait, poll, select, read,"
                    + " io_uring_enter, io_getevents, io_submit or io_destroy, not " + a);
        }
        return r;
    }

    private static Map<String, Object> file(OpenFile f) {
        Map<String, Object> r = new TreeMap<>();
        switch (f) {
            case PipeRead p -> {
                r.put("kind", "PipeRead");
                r.put("writer", p.writer());
                r.put("bytes", p.bytes());
                r.put("writerAlive", p.writerAlive());
            }
            case PipeWrite p -> {
                r.put("kind", "PipeWrite");
                r.put("reader", p.reader());
                r.put("readerAlive", p.readerAlive());
            }
            case UnixStream u -> {
                r.put("kind", "UnixStream");
                r.put("peer", u.peer());
                r.put("rcvQueue", u.rcvQueue());
                r.put("shutdown", u.shutdown());
                r.put("err", u.err());
                r.put("sndbuf", u.sndbuf());
                r.put("wmem", u.wmem());
                r.put("truesize", u.truesize());
                r.put("nospace", u.nospace());
            }
            case TcpSock t -> {
                r.put("kind", "TcpSock");
                r.put("state", t.state());
                r.put("peer", t.peer());
                r.put("rcvBytes", t.rcvBytes());
                r.put("shutdown", t.shutdown());
                r.put("err", t.err());
                r.put("acceptQueue", t.acceptQueue());
                r.put("urg", t.urg());
            }
            case EventFd e -> {
                r.put("kind", "EventFd");
                r.put("count", e.count());
                r.put("semaphore", e.semaphore());
            }
            case Epoll e -> {
                r.put("kind", "Epoll");
                List<Object> items = new ArrayList<>();
                for (Item i : e.items()) {
                    items.add(Map.of("file", i.key().file(), "fd", i.key().fd(), "events", bits(i.events())));
                }
                r.put("items", items);
                List<Object> rdl = new ArrayList<>();
                for (Key k : e.rdllist()) {
                    rdl.add(Map.of("file", k.file(), "fd", k.fd()));
                }
                r.put("rdllist", rdl);
                r.put("wq", e.wq());
            }
            case Regular x -> {
                r.put("kind", "Regular");
                r.put("direct", x.direct());
                r.put("size", x.size());
                r.put("align", x.align());
            }
            case AioCtx c -> {
                r.put("kind", "AioCtx");
                r.put("events", c.events().stream().map(e -> (Object) Map.of("data", e.data(), "res", e.res())).toList());
                r.put("polls", c.polls().stream().map(p -> (Object) Map.of("data", p.data(), "file", p.file(),
                        "events", bits(p.events()), "work", p.work(), "cancelled", p.cancelled(), "resfd", p.resfd(),
                        "busy", p.busy(), "done", p.done(), "res", p.res())).toList());
                r.put("putting", new TreeSet<>(c.putting()));
                r.put("dead", c.dead());
                r.put("slots", c.slots());
                r.put("nr", c.nr());
            }
            case IoUring u -> {
                r.put("kind", "IoUring");
                r.put("sqEntries", u.sqEntries());
                r.put("cqEntries", u.cqEntries());
                r.put("cq", cqes(u.cq()));
                r.put("overflow", cqes(u.overflow()));
                r.put("evfd", u.evfd());
                r.put("polls", u.polls().stream().map(p -> {
                    Map<String, Object> m = new TreeMap<>();
                    m.put("userData", p.userData());
                    m.put("file", p.file());
                    m.put("events", bits(p.events()));
                    m.put("multishot", p.multishot());
                    m.put("pending", p.pending());
                    m.put("cancelled", p.cancelled());
                    m.put("linked", p.linked().stream().map(ReadinessModel::sqe).toList());
                    m.put("hardlink", p.hardlink());
                    m.put("op", p.op());
                    m.put("len", p.len());
                    return (Object) m;
                }).toList());
                r.put("sq", u.sq().stream().map(ReadinessModel::sqe).toList());
                r.put("defer", u.defer().stream().map(ReadinessModel::sqe).toList());
                r.put("drainActive", u.drainActive());
                r.put("iowq", u.iowq());
                r.put("unfreed", u.unfreed());
                r.put("drainDisabled", u.drainDisabled());
                r.put("sqDropped", u.sqDropped());
                r.put("noSqArray", u.noSqArray());
                r.put("sqpoll", u.sqpoll());
                r.put("splices", u.splices().stream().map(q -> (Object) new TreeMap<String, Object>(
                        Map.of("userData", q.userData(), "signalled", q.signalled()))).toList());
                r.put("kbufs", u.kbufs().stream().map(b -> (Object) new TreeMap<String, Object>(
                        Map.of("bgid", b.bgid(), "bid", b.bid(), "len", b.len()))).toList());
                r.put("bufGroups", u.bufGroups());
                r.put("deferTaskrun", u.deferTaskrun());
                r.put("forcedAsync", u.forcedAsync());
            }
        }
        return r;
    }

    /** An SQE as the spec's record (IoPoll.tla SqeType). */
    private static Object sqe(kpath.model.proc.Sqe q) {
        Map<String, Object> m = new TreeMap<>();
        m.put("op", q.op());
        m.put("userData", q.userData());
        m.put("fd", q.fd());
        m.put("events", q.op().equals("ASYNC_CANCEL") ? cancelFlags(q.events()) : bits(q.events()));
        m.put("multishot", q.multishot());
        m.put("target", q.target());
        m.put("link", q.link());
        m.put("hardlink", q.hardlink());
        m.put("len", q.len());
        m.put("dontwait", q.dontwait());
        m.put("off", q.off());
        if (q.drain()) {
            m.put("drain", true); // only when set (IoPoll.tla Drained)
        }
        if (q.skip()) {
            m.put("skip", true); // only when set (IoPoll.tla Skips)
        }
        if (!q.fdIn().isEmpty()) {
            m.put("fdIn", q.fdIn()); // only when set (IoPoll.tla FdIn)
        }
        if (q.bufGroup() >= 0) {
            m.put("bufGroup", q.bufGroup()); // only when set (IoPoll.tla BufSelect)
        }
        if (q.pollFirst()) {
            m.put("pollFirst", true); // only when set (IoPoll.tla PollFirst)
        }
        return m;
    }

    /**
     * ASYNC_CANCEL's cancel_flags as the spec reads them (IoPoll.tla): the names of the flags
     * 6.18 knows, "unknown" for any other bit.
     */
    public static java.util.Set<String> cancelFlags(int flags) {
        java.util.Set<String> s = new java.util.TreeSet<>();
        String[] names = {"ALL", "FD", "ANY", "FD_FIXED", "USERDATA", "OP"};
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                s.add(names[i]);
            }
        }
        if ((flags & ~kpath.uapi.IoUringAbi.CANCEL_FLAGS) != 0) {
            s.add("unknown");
        }
        return s;
    }

    /** CQEs as the spec's records {@code [userData, res, flags]}. */
    private static List<Object> cqes(List<Cqe> l) {
        return l.stream().map(c -> (Object) Map.of("userData", c.userData(), "res", c.res(), "flags", c.flags())).toList();
    }
}
