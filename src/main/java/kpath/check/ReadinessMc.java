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
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import kpath.model.readiness.FileState;
import kpath.model.readiness.FileState.Epoll;
import kpath.model.readiness.FileState.EventFd;
import kpath.model.readiness.FileState.Item;
import kpath.model.readiness.FileState.PipeRead;
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

    /** StateConstraint: pipe bytes, each receive queue's bytes and each eventfd count at most MCMax. */
    public static Predicate<ReadinessState> constraint() {
        return s -> s.files().values().stream().allMatch(f -> switch (f) {
            case PipeRead p -> p.bytes() <= MAX;
            case UnixStream u -> u.rcvQueue().stream().mapToLong(Long::longValue).sum() <= MAX;
            case EventFd e -> e.count() >= 0 && e.count() <= MAX;
            default -> true;
        });
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

    /** The rule names on the edges of a graph. */
    public static Set<String> labels(StateGraph g) {
        Set<String> s = new java.util.TreeSet<>();
        g.edges().forEach(e -> s.add(e.label()));
        return s;
    }
}
