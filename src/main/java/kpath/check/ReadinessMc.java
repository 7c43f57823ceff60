package kpath.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import kpath.model.readiness.FileState;
import kpath.model.readiness.FileState.Epoll;
import kpath.model.readiness.FileState.EventFd;
import kpath.model.readiness.FileState.Item;
import kpath.model.readiness.FileState.PipeRead;
import kpath.model.readiness.FileState.TcpSock;
import kpath.model.readiness.FileState.UnixStream;
import kpath.model.readiness.Mask;
import kpath.model.readiness.ReadinessAction;
import kpath.model.readiness.ReadinessAction.*;
import kpath.model.readiness.ReadinessModel;
import kpath.model.readiness.ReadinessState;

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

    /** MCSetup: one pipe, one socketpair, one eventfd, two epolls. */
    public static List<ReadinessAction> setup() {
        return List.of(new Pipe2("r0", 3, "w0", 4), new Socketpair("s0", 5, "s1", 6),
                new Eventfd("v0", 7, 0, false), new EpollCreate1("e0", 8), new EpollCreate1("e1", 9));
    }

    /** MCCalls, in the spec's order (the order does not change the graph). */
    public static List<ReadinessAction> universe() {
        int in = Mask.IN;
        List<ReadinessAction> u = new ArrayList<>();
        u.add(new Write("w0", 1));
        u.add(new Write("s1", 1));
        u.add(new Write("v0", 1));
        u.add(new Read("r0", 1));
        u.add(new Read("s0", 1));
        u.add(new Read("v0", 8));
        for (String fd : List.of("r0", "s0", "v0", "e1")) {
            for (int m : List.of(in, in | Mask.ET, in | Mask.ONESHOT)) {
                u.add(new EpollCtl("e0", Op.EPOLL_CTL_ADD, fd, m));
                u.add(new EpollCtl("e0", Op.EPOLL_CTL_MOD, fd, m));
            }
            u.add(new EpollCtl("e0", Op.EPOLL_CTL_DEL, fd, 0));
        }
        u.add(new EpollCtl("e1", Op.EPOLL_CTL_ADD, "r0", in));
        u.add(new EpollCtl("e1", Op.EPOLL_CTL_DEL, "r0", 0));
        u.add(new EpollWait("e0", 1));
        u.add(new EpollWait("e0", 2));
        u.add(new EpollWait("e1", 1));
        u.add(new Poll(List.of(new PollFd("e0", in))));
        u.add(new Close("w0"));
        u.add(new Shutdown("s1", Shutdown.SHUT_WR));
        return u;
    }

    public static ReadinessModel.Bounds bounds() {
        return new ReadinessModel.Bounds(setup(), universe());
    }

    public static ReadinessModel model() {
        return new ReadinessModel(bounds());
    }

    /**
     * MCZones: groups of fd names (and file ids). The pipe and the epolls are free; of these groups
     * at most one may differ from the initial state at a time, so the groups' behaviours add up
     * instead of multiplying (each group meets the epolls on its own).
     */
    public static List<Set<String>> zones() {
        return ZONES;
    }

    private static final List<Set<String>> ZONES = List.of(Set.of("s0", "s1"), Set.of("v0"));

    /** StateConstraint: data at most MCMax (pipe bytes, unread socket bytes, eventfd counts); at most one zone touched. */
    public static Predicate<ReadinessState> constraint() {
        return constraint(MAX, zones(), model().initialStates().iterator().next());
    }

    public static Predicate<ReadinessState> constraint(int max, List<Set<String>> zones, ReadinessState initial) {
        Predicate<ReadinessState> data = s -> s.files().values().stream().allMatch(f -> switch (f) {
            case PipeRead p -> p.bytes() <= max;
            case UnixStream u -> u.rcvQueue().stream().mapToLong(Long::longValue).sum() <= max;
            case EventFd e -> e.count() >= 0 && e.count() <= max;
            case TcpSock t -> t.rcvBytes() <= max;
            default -> true;
        });
        return s -> data.test(s) && zones.stream().filter(z -> touched(s, z, initial)).count() <= 1;
    }

    /** Some name of {@code zone} is created, opened, closed or released, its file changed, or an epoll watches it. */
    static boolean touched(ReadinessState s, Set<String> zone, ReadinessState initial) {
        for (String n : zone) {
            if (!Objects.equals(s.numbers().get(n), initial.numbers().get(n))
                    || !Objects.equals(s.fds().get(n), initial.fds().get(n))
                    || !Objects.equals(s.files().get(n), initial.files().get(n))) {
                return true;
            }
        }
        return epolls(s).stream().anyMatch(e -> e.items().stream()
                .anyMatch(i -> zone.contains(i.key().file()) || zone.contains(i.key().fd())));
    }

    /** The invariants, in the order MCReadiness.cfg lists them. */
    public static Map<String, Predicate<ReadinessState>> invariants() {
        Map<String, Predicate<ReadinessState>> m = new LinkedHashMap<>();
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
        return m;
    }

    private static List<Epoll> epolls(ReadinessState s) {
        List<Epoll> es = new ArrayList<>();
        for (FileState f : s.files().values()) {
            if (f instanceof Epoll e) {
                es.add(e);
            }
        }
        return es;
    }

    /** Explores {@code model} under the MC constraint and invariants. */
    public static Explorer.Result explore(ReadinessModel model) {
        return Explorer.of(model).constraint(constraint()).invariants(invariants()).explore();
    }

    /** As {@link GraphComparison#tcp}: the Java graph of {@code model} against TLC's for {@code module} in {@code specDir}. */
    public static GraphComparison.Outcome compare(ReadinessModel model, Path specDir, String module, String cfg,
                                                  Duration timeout) throws CheckException {
        Explorer.Result java = explore(model);
        Path dot = null;
        try {
            dot = Files.createTempFile("kpath-tlc", ".dot");
            TlcResult tlc = Tlc.run(specDir, module, cfg, Optional.of(dot), timeout);
            if (!tlc.succeeded()) {
                throw new CheckException(specDir.resolve(module + ".tla") + ": TLC did not complete: " + tlc.report());
            }
            return new GraphComparison.Outcome(java, tlc, StateGraph.compare(java.graph(), StateGraph.fromDot(dot)));
        } catch (IOException e) {
            throw new CheckException("cannot read TLC's state graph: " + e.getMessage());
        } finally {
            if (dot != null) {
                try {
                    Files.deleteIfExists(dot);
                } catch (IOException ignored) {
                    // a leftover temp file does not change the comparison
                }
            }
        }
    }

    /** The call record of specs/Readiness.tla for {@code a}, as MCReadiness.tla writes it. */
    public static String tla(ReadinessAction a) {
        return switch (a) {
            case Pipe2 p -> rec("Pipe2", "r", str(p.r()), "rn", p.rn(), "w", str(p.w()), "wn", p.wn());
            case Socketpair p -> rec("Socketpair", "a", str(p.a()), "an", p.an(), "b", str(p.b()), "bn", p.bn());
            case Eventfd e -> rec("Eventfd", "name", str(e.name()), "number", e.number(), "initval", e.initval(),
                    "semaphore", e.semaphore() ? "TRUE" : "FALSE");
            case EpollCreate1 e -> rec("EpollCreate1", "name", str(e.name()), "number", e.number());
            case Open o -> rec("Open", "name", str(o.name()), "number", o.number());
            case Socket o -> rec("Socket", "name", str(o.name()), "number", o.number());
            case Bind b -> rec("Bind", "fd", str(b.fd()));
            case Listen l -> rec("Listen", "fd", str(l.fd()), "backlog", l.backlog());
            case Connect c -> rec("Connect", "fd", str(c.fd()), "listener", str(c.listener()));
            case Accept4 x -> rec("Accept4", "fd", str(x.fd()), "name", str(x.name()), "number", x.number());
            case Dup d -> rec("Dup", "fd", str(d.fd()), "name", str(d.name()), "number", d.number());
            case Write w -> rec("Write", "fd", str(w.fd()), "n", w.n());
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
        };
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
        Set<String> s = new java.util.TreeSet<>();
        g.edges().forEach(e -> s.add(e.label()));
        return s;
    }
}
