package kpath.check.tcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import kpath.check.CheckException;
import kpath.check.Explorer;
import kpath.check.GraphComparison;
import kpath.model.tcp.KernelProfile;
import kpath.model.tcp.TcpListen;
import kpath.model.tcp.ListenState;
import kpath.model.tcp.Sysctls;
import kpath.model.tcp.TcpAction;
import kpath.model.tcp.TcpBounds;

/** The bounds of specs/MCTcpListen.tla, for exploring the Java model the same way TLC explores the spec. */
public final class TcpMc {
    private TcpMc() {}

    public static final String MODULE = "MCTcpListen";
    public static final String CFG = "MCTcpListen.cfg";
    /** The same bounds for kernels before 3479c7549fb1 (SynQueueFullAtBacklog = TRUE). */
    public static final String CFG_PRE_6_13 = "MCTcpListenPre613.cfg";
    public static final int MAX_COUNT = 2;

    /** MCClients, MCBacklogs, MCSysctlChoices and SynQueueFullAtBacklog = FALSE (MCTcpListen.cfg). */
    public static TcpBounds bounds() {
        Set<Sysctls> choices = new HashSet<>();
        for (int sc = 0; sc <= 2; sc++) {
            for (int ab = 0; ab <= 1; ab++) {
                choices.add(new Sysctls(1, 0, sc, ab, 1));
            }
        }
        return new TcpBounds(List.of("c1", "c2"), List.of(-1, 0, 1), choices, KernelProfile.LINUX_6_13_ON);
    }

    /** specs/MCTcpListenLastQuarter: where the syncookies=0 last-quarter rule's quarter matters. */
    public static final String LAST_QUARTER = "MCTcpListenLastQuarter";

    /**
     * Three peers, backlog 2 under somaxconn 2, tcp_max_syn_backlog 2 and syncookies 0: the third
     * SYN meets two requests, where the quarter (2 >> 2 = 0) keeps the rule quiet and a half would drop it.
     */
    public static TcpBounds lastQuarterBounds() {
        return new TcpBounds(List.of("c1", "c2", "c3"), List.of(2), Set.of(new Sysctls(2, 2, 0, 0, 1)),
                KernelProfile.LINUX_6_13_ON);
    }

    /** specs/MCTcpListenScale: bounds for size (over two million states), for the counting explorer and its benchmark. */
    public static final String SCALE = "MCTcpListenScale";

    /**
     * Three peers, backlogs 0, 1 and 2 under somaxconn 2 and tcp_max_syn_backlog 2, every
     * syncookies and abort_on_overflow setting (MCTcpListenScale.tla).
     */
    public static TcpBounds scaleBounds() {
        Set<Sysctls> choices = new HashSet<>();
        for (int sc = 0; sc <= 2; sc++) {
            for (int ab = 0; ab <= 1; ab++) {
                choices.add(new Sysctls(2, 2, sc, ab, 1));
            }
        }
        return new TcpBounds(List.of("c1", "c2", "c3"), List.of(0, 1, 2), choices, KernelProfile.LINUX_6_13_ON);
    }

    /** Explores {@code model} under these bounds and compares with TLC run on {@code module} in {@code specDir}. */
    public static GraphComparison.Outcome compare(TcpListen model, Path specDir, String module, String cfg,
                                                  Duration timeout) throws CheckException {
        return GraphComparison.against(explore(model.bounds(), true).withoutObservables(), specDir, module, cfg,
                timeout);
    }

    /** As {@link #compare}, for the observables: the Java projection against the spec's Observables. */
    public static GraphComparison.Outcome compareObservables(TcpListen model, Path specDir, String module, String cfg,
                                                             Duration timeout) throws CheckException {
        return GraphComparison.observables(explore(model.bounds(), true), specDir, module, cfg, timeout);
    }

    /** Explorations by bounds (and with or without observables): the model is pure, so one JVM explores each once. */
    private static final java.util.Map<java.util.List<Object>, Explorer.Result> EXPLORED =
            new java.util.concurrent.ConcurrentHashMap<>();

    public static Explorer.Result explore(TcpBounds b, boolean observables) {
        return EXPLORED.computeIfAbsent(java.util.List.of(b, observables), k -> {
            Explorer<ListenState, TcpAction> e = explorer(new TcpListen(b));
            return (observables ? e.withObservables() : e).explore();
        });
    }

    /** The Java explorer at these bounds: MCTcpListen's constraint and invariants. */
    public static Explorer<ListenState, TcpAction> explorer(TcpListen model) {
        return Explorer.of(model).constraint(constraint()).invariants(TcpInvariants.all(model.bounds()));
    }

    /** StateConstraint: every counter at most MCMaxCount. */
    public static Predicate<ListenState> constraint() {
        return s -> s.counters().max() <= MAX_COUNT;
    }
}
