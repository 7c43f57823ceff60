package kpath.check.tcp;

import kpath.uapi.FileFlags;

import kpath.uapi.Counter;
import kpath.uapi.Sysctl;

import kpath.check.CheckException;
import kpath.check.Flags;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import kpath.uapi.Mask;
import kpath.model.tcp.ClientState;

import kpath.model.tcp.KernelProfile;
import kpath.model.tcp.ListenState;
import kpath.model.tcp.Segment;
import kpath.model.tcp.Sysctls;
import kpath.model.tcp.TcpAction;
import kpath.model.tcp.TcpBounds;
import kpath.model.tcp.TcpListen;
import kpath.trace.Event;
import kpath.trace.Header;
import kpath.trace.Trace;

/**
 * How the lines of a TCP trace read as steps of {@link kpath.model.tcp.TcpListen}: the one place
 * that maps trace syntax to model actions and observations, for the Java checker and the TLC
 * trace module alike.
 */
public final class TcpTraceSteps {
    private TcpTraceSteps() {}

    /** A trace event as the model sees it. */
    public sealed interface Step {
        int line();
    }

    /** The program or a peer did {@code action}; the step's result must be {@code ret} when present. */
    public record Act(int line, TcpAction action, Optional<String> ret, boolean anyOk) implements Step {}

    /** The kernel sent {@code segment} (seen on the TUN device). */
    public record Emit(int line, Segment segment) implements Step {}

    /** The kernel's state was observed; each key must have the value given. */
    public record Observe(int line, String what, Map<String, String> values) implements Step {}

    /** The sysctl names the model reads, as they stand in a trace header. */
    public static final List<String> SYSCTLS = Sysctl.names();

    /** The model's universe for this trace: its peers, its listen() backlogs, its sysctls and kernel. */
    public static TcpBounds boundsOf(Trace trace, String file) throws CheckException {
        Header h = trace.header();
        int[] v = new int[SYSCTLS.size()];
        for (int i = 0; i < v.length; i++) {
            String value = h.sysctls().get(SYSCTLS.get(i));
            if (value == null) {
                throw new CheckException(file + ":1: the header lacks 'sysctl: " + SYSCTLS.get(i) + "=…', which the TCP model needs");
            }
            try {
                v[i] = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new CheckException(file + ":1: header sysctl " + SYSCTLS.get(i) + "='" + value
                        + "' is not an integer");
            }
        }
        Sysctls sysctls;
        try {
            sysctls = new Sysctls(v[0], v[1], v[2], v[3], v[4]);
        } catch (IllegalArgumentException e) {
            throw new CheckException(file + ":1: header: " + e.getMessage());
        }
        KernelProfile profile;
        try {
            profile = KernelProfile.forRelease(h.kernel());
        } catch (IllegalArgumentException e) {
            throw new CheckException(file + ":1: header kernel '" + h.kernel()
                    + "' is not a kernel release like 6.18.44");
        }
        Set<String> clients = new TreeSet<>();
        Set<Integer> backlogs = new LinkedHashSet<>();
        for (Step s : steps(trace, file)) {
            switch (s) {
                case Act a -> {
                    if (a.action() instanceof TcpAction.Listen l) {
                        backlogs.add(l.backlog());
                    }
                    if (a.action() instanceof TcpAction.Network n) {
                        clients.add(n.client());
                    }
                    if (a.action() instanceof TcpAction.Connect c) {
                        clients.add(c.client());
                    }
                }
                case Emit e -> clients.add(e.segment().client());
                case Observe o -> {
                    if (o.what().startsWith("client:")) {
                        clients.add(o.what().substring("client:".length()));
                    }
                }
            }
        }
        return new TcpBounds(List.copyOf(clients), List.copyOf(backlogs), Set.of(sysctls), profile);
    }

    public static List<Step> steps(Trace trace, String file) throws CheckException {
        List<Step> out = new ArrayList<>();
        for (Event e : trace.events()) {
            out.add(step(e, file));
        }
        return out;
    }

    static Step step(Event e, String file) throws CheckException {
        String where = file + ":" + e.lineNo() + ": ";
        return switch (e) {
            case Event.Syscall s -> {
                TcpAction a = syscall(s.name(), s.args(), where);
                boolean any = s.result().isAny();
                Optional<String> ret = any ? Optional.empty()
                        : Optional.of(s.result().errno().orElse(s.result().value()));
                yield new Act(e.lineNo(), a, ret, any);
            }
            case Event.CallStart s -> {
                if (!s.name().equals("accept4")) {
                    throw new CheckException(where + "only accept4 may block in a TCP trace, not " + s.name());
                }
                yield new Act(e.lineNo(), syscall(s.name(), s.args(), where), Optional.of("BLOCKED"), false);
            }
            case Event.CallReturn r -> new Act(e.lineNo(), new TcpAction.AcceptWakeup(),
                    r.result().isAny() ? Optional.empty() : Optional.of(r.result().errno().orElse(r.result().value())),
                    r.result().isAny());
            case Event.Packet p -> packet(p, where);
            case Event.Observation o -> observation(o, where);
        };
    }

    /** The one listener a TCP trace names; the model has no other fd. */
    static final String LISTENER = "L";

    private static TcpAction syscall(String name, List<String> args, String where) throws CheckException {
        if (Set.of("listen", "fcntl", "accept4", "close").contains(name) && !args.isEmpty()
                && !args.getFirst().equals(LISTENER)) {
            throw new CheckException(where + name + " on '" + args.getFirst()
                    + "': the TCP model's one fd is the listener " + LISTENER);
        }
        switch (name) {
            case "listen" -> {
                expectArgs(name, args, 2, where);
                try {
                    return new TcpAction.Listen(Integer.parseInt(args.get(1)));
                } catch (NumberFormatException ex) {
                    throw new CheckException(where + "listen backlog '" + args.get(1) + "' is not an integer");
                }
            }
            case "fcntl" -> {
                expectArgs(name, args, 3, where);
                if (!args.get(1).equals("F_SETFL")) {
                    throw new CheckException(where + "the TCP model takes fcntl F_SETFL only, not '"
                            + args.get(1) + "'");
                }
                return new TcpAction.Fcntl(Flags.of(args.get(2), Set.of("O_NONBLOCK"), where).contains("O_NONBLOCK"));
            }
            case "accept4" -> {
                expectArgs(name, args, 2, where);
                return new TcpAction.Accept4(Flags.of(args.get(1), FileFlags.names(FileFlags.ACCEPT4), where)
                        .contains("SOCK_NONBLOCK"));
            }
            case "close" -> {
                expectArgs(name, args, 1, where);
                return new TcpAction.Close();
            }
            case "connect" -> {
                expectArgs(name, args, 1, where);
                return new TcpAction.Connect(args.get(0));
            }
            default -> throw new CheckException(where + "the TCP model has no syscall '" + name + "'");
        }
    }

    private static void expectArgs(String name, List<String> args, int n, String where) throws CheckException {
        if (args.size() != n) {
            throw new CheckException(where + name + " takes " + n + " argument(s) in a TCP trace, not " + args.size());
        }
    }

    private static Step packet(Event.Packet p, String where) throws CheckException {
        if (p.dir() == Event.Direction.OUT) {
            return new Emit(p.lineNo(), new Segment(p.flags(), p.peer()));
        }
        TcpAction a = switch (p.flags()) {
            case "S" -> new TcpAction.SynArrives(p.peer());
            case "." -> new TcpAction.AckArrives(p.peer());
            case "R", "R." -> new TcpAction.RstArrives(p.peer());
            default -> throw new CheckException(where + "the TCP model takes S, . and R from peers, not '" + p.flags() + "'");
        };
        return new Act(p.lineNo(), a, Optional.empty(), false);
    }

    private static Step observation(Event.Observation o, String where) throws CheckException {
        String what = o.what();
        Map<String, String> vs = Map.copyOf(o.values());
        switch (what) {
            case "tcp_info", "synrecv", "poll" -> {
                for (String k : vs.keySet()) {
                    if (!OBSERVABLE_KEYS.get(what).contains(k)) {
                        throw new CheckException(where + "observe " + what + " has no key '" + k + "' (known: "
                                + OBSERVABLE_KEYS.get(what) + ")");
                    }
                }
                if (what.equals("poll")) {
                    try {
                        parseMask(vs.getOrDefault("revents", "0"));
                    } catch (IllegalArgumentException ex) {
                        throw new CheckException(where + ex.getMessage());
                    }
                } else {
                    for (var e : vs.entrySet()) {
                        if (!e.getKey().equals("state")) {
                            count(what, e.getKey(), e.getValue(), where);
                        }
                    }
                }
                return new Observe(o.lineNo(), what, vs);
            }
            case "netstat" -> {
                for (String k : vs.keySet()) {
                    try {
                        Counter.valueOf(k);
                    } catch (IllegalArgumentException ex) {
                        throw new CheckException(where + "observe netstat: the model has no counter '" + k + "'");
                    }
                    count(what, k, vs.get(k), where);
                }
                return new Observe(o.lineNo(), what, vs);
            }
            case "client" -> {
                String c = o.target().orElseThrow(() -> new CheckException(where + "observe client needs a peer: client(c1)"));
                if (!vs.keySet().equals(Set.of("state"))) {
                    throw new CheckException(where + "observe client(" + c + ") takes only state=…");
                }
                return new Observe(o.lineNo(), "client:" + c, vs);
            }
            default -> throw new CheckException(where + "the TCP model cannot observe '" + what + "'");
        }
    }

    /** Whether {@code s} is 1 to {@code max} decimal digits (a loop, not a regex: every observe line asks). */
    static boolean digits(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A count the kernel printed: a non-negative 32-bit integer, or the line is bad input. */
    private static void count(String what, String key, String value, String where) throws CheckException {
        if (!digits(value, 10) || Long.parseLong(value) > Integer.MAX_VALUE) {
            throw new CheckException(where + "observe " + what + ": " + key + "='" + value
                    + "' is not a count (a non-negative 32-bit integer)");
        }
    }

    private static final Map<String, Set<String>> OBSERVABLE_KEYS = Map.of(
            "tcp_info", Set.of("state", "unacked", "sacked"),
            "synrecv", Set.of("count"),
            "poll", Set.of("revents"));

    /** Poll bits by name, through the one table kpath keeps (kpath.uapi.Mask). */
    static int parseMask(String text) {
        return Mask.parse(text);
    }

    /**
     * One value an observe line reads: a field of the model's observables ({@link
     * TcpListen#observables}, the spec's {@code Observables}), the key inside it for the counters
     * and the peers' views, and the value the kernel showed (a poll mask as its number).
     */
    public record Reading(String traceKey, String observable, Optional<String> key, String value, boolean number) {}

    /** The one mapping from an observe line's keys to the observables; the TLA+ trace module uses it too. */
    public static List<Reading> readings(Observe o) {
        List<Reading> rs = new ArrayList<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(o.values()).entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            rs.add(switch (o.what()) {
                case "tcp_info" -> k.equals("state") ? new Reading(k, "tcpInfoState", Optional.empty(), v, false)
                        : new Reading(k, k, Optional.empty(), v, true);
                case "synrecv" -> new Reading(k, "synrecv", Optional.empty(), v, true);
                case "poll" -> new Reading(k, "poll", Optional.empty(), String.valueOf(parseMask(v)), true);
                case "netstat" -> new Reading(k, "netstat", Optional.of(k), v, true);
                default -> new Reading(k, "client", Optional.of(o.what().substring("client:".length())), v, false);
            });
        }
        return rs;
    }

    /** The model's value for a reading, as text: only the observable it names, and only its entry. */
    static String modelValue(Reading r, TcpListen model, ListenState s) {
        return String.valueOf(r.key().isPresent() ? model.observable(s, r.observable(), r.key().get())
                : model.observable(s, r.observable()));
    }

    /** What {@code s} shows for an observation, in the observation's own keys. */
    public static Map<String, String> predicted(Observe o, TcpListen model, ListenState s) {
        Map<String, String> p = new java.util.TreeMap<>();
        for (Reading r : readings(o)) {
            String v = modelValue(r, model, s);
            p.put(r.traceKey(), r.observable().equals("poll") ? maskText(Integer.parseInt(v)) : v);
        }
        return p;
    }

    /** Whether {@code s} agrees with an observation's {@link #readings}. */
    static boolean agrees(List<Reading> readings, TcpListen model, ListenState s) {
        for (Reading r : readings) {
            if (!r.value().equals(modelValue(r, model, s))) {
                return false;
            }
        }
        return true;
    }

    static String maskText(int mask) {
        return Mask.text(mask, "POLL");
    }
}
