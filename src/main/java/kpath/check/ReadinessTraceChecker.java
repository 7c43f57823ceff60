package kpath.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kpath.model.Transition;
import kpath.model.readiness.Mask;
import kpath.model.readiness.Readiness;
import kpath.model.readiness.ReadinessAction;
import kpath.model.readiness.ReadinessAction.*;
import kpath.model.readiness.ReadinessState;
import kpath.trace.Event;
import kpath.trace.Line;
import kpath.trace.Trace;

/**
 * Replays a readiness trace against {@link Readiness}. Every effect of a readiness syscall
 * happens inside the call (no timers, no peers acting on their own), so one model state follows
 * the trace; each result, and each event, revents or fd set copied out, must match.
 */
public final class ReadinessTraceChecker {

    /** Whether a trace belongs to this checker: it creates readiness files and has no TCP listener. */
    public static boolean handles(Trace t) {
        return t.events().stream().anyMatch(e -> e instanceof Event.Syscall s
                && Set.of("pipe2", "socketpair", "eventfd", "epoll_create1", "socket").contains(s.name()));
    }

    public CheckReport check(Trace trace, String file) throws CheckException {
        ReadinessState s = ReadinessState.initial();
        List<String> out = new ArrayList<>();
        out.add("# check " + file + " — kernel " + trace.header().kernel() + ", readiness model");
        int n = 0;
        for (Line line : trace.lines()) {
            if (!(line instanceof Event ev)) {
                continue;
            }
            n++;
            String where = file + ":" + ev.lineNo() + ": ";
            String echo = String.format("%5d  %s", ev.lineNo(), ev);
            String problem;
            String rule = "";
            switch (ev) {
                case Event.Syscall sc -> {
                    ReadinessAction a = action(sc, where);
                    List<Transition<ReadinessState>> ts = Readiness.successors(s, a);
                    if (ts.isEmpty()) {
                        problem = a + " is not possible here (a name reused?)";
                    } else {
                        Transition<ReadinessState> t = ts.getFirst();
                        String want = sc.result().errno().orElse(sc.result().value());
                        boolean ok = sc.result().isAny() ? !t.next().ret().startsWith("E") : want.equals(t.next().ret());
                        problem = ok ? null : "model returns " + t.next().ret() + " (" + t.rule() + ")";
                        rule = "   [" + t.rule() + "]";
                        s = t.next();
                    }
                }
                case Event.Observation o -> {
                    String p = observe(o, s, where);
                    problem = p;
                    if (o.what().equals("poll") && p == null) {
                        // a one-fd poll snapshot is a real poll call: it can change nested epolls
                        s = Readiness.successors(s, snapshot(o)).getFirst().next();
                    }
                }
                default -> throw new CheckException(where + "readiness traces have no " + ev.getClass().getSimpleName()
                        + " lines");
            }
            out.add(echo + rule);
            if (problem != null) {
                out.add("       ^ the model disagrees: " + problem);
                out.add("# trace REJECTED at line " + ev.lineNo());
                return new CheckReport(file, CheckReport.Verdict.REJECTED, ev.lineNo(), String.join("\n", out), 1);
            }
        }
        out.add("# trace ACCEPTED: " + n + " events");
        return new CheckReport(file, CheckReport.Verdict.ACCEPTED, -1, String.join("\n", out), 1);
    }

    /** What the last call copied out, compared with an observation line; null when they agree. */
    private static String observe(Event.Observation o, ReadinessState s, String where) throws CheckException {
        List<String> seen = o.values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        switch (o.what()) {
            case "events", "revents", "read" -> {
                List<String> model = s.out();
                List<String> got = o.what().equals("read") ? List.of("value=" + o.values().get("value")) : seen;
                return sameEvents(got, model) ? null : "model copied out " + model + ", the kernel " + got;
            }
            case "fdsets" -> {
                for (String set : List.of("rd", "wr", "ex")) {
                    String kernel = o.values().getOrDefault(set, "-");
                    String model = s.out().stream().filter(x -> x.startsWith(set + "=")).findFirst()
                            .map(x -> x.substring(set.length() + 1)).orElse("-");
                    if (!names(kernel).equals(names(model))) {
                        return "model's " + set + " set is " + model + ", the kernel's " + kernel;
                    }
                }
                return null;
            }
            case "poll" -> {
                String fd = o.target().orElseThrow(() -> new CheckException(where + "observe poll needs an fd: poll(r0)"));
                List<Transition<ReadinessState>> ts = Readiness.successors(s, snapshot(o));
                List<String> outv = ts.getFirst().next().out();
                int model = outv.isEmpty() ? 0 : Mask.parse(outv.getFirst().substring(fd.length() + 1));
                int kernel = Mask.parse(o.values().getOrDefault("revents", "0"));
                return model == kernel ? null
                        : "model polls " + fd + " as " + Mask.text(model, "POLL") + ", the kernel " + Mask.text(kernel, "POLL");
            }
            default -> throw new CheckException(where + "the readiness model cannot observe '" + o.what() + "'");
        }
    }

    static final int SNAPSHOT_EVENTS = Mask.IN | Mask.OUT | Mask.RDNORM | Mask.WRNORM | Mask.PRI | Mask.RDHUP;

    private static Poll snapshot(Event.Observation o) {
        return new Poll(List.of(new PollFd(o.target().orElseThrow(), SNAPSHOT_EVENTS)));
    }

    /** Events compare by name and by bit set, in order. */
    private static boolean sameEvents(List<String> kernel, List<String> model) {
        if (kernel.size() != model.size()) {
            return false;
        }
        for (int i = 0; i < kernel.size(); i++) {
            String[] k = kernel.get(i).split("=", 2);
            String[] m = model.get(i).split("=", 2);
            if (!k[0].equals(m[0])) {
                return false;
            }
            boolean same = k[0].equals("value") ? k[1].equals(m[1]) : Mask.parse(k[1]) == Mask.parse(m[1]);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> names(String set) {
        return set.equals("-") ? Set.of() : new HashSet<>(List.of(set.split("\\|")));
    }

    // ---- trace syntax → actions ----------------------------------------------------------------

    static ReadinessAction action(Event.Syscall sc, String where) throws CheckException {
        List<String> a = sc.args();
        String r = sc.result().value();
        try {
            return switch (sc.name()) {
                case "pipe2" -> {
                    String[][] p = created(r, 2, where);
                    yield new Pipe2(p[0][0], Integer.parseInt(p[0][1]), p[1][0], Integer.parseInt(p[1][1]));
                }
                case "socketpair" -> {
                    String[][] p = created(r, 2, where);
                    yield new Socketpair(p[0][0], Integer.parseInt(p[0][1]), p[1][0], Integer.parseInt(p[1][1]),
                            a.stream().anyMatch(x -> x.contains("SOCK_NONBLOCK")));
                }
                case "eventfd", "eventfd2" -> {
                    String[][] p = created(r, 1, where);
                    yield new Eventfd(p[0][0], Integer.parseInt(p[0][1]), Long.parseUnsignedLong(a.get(0)),
                            a.size() > 1 && a.get(1).contains("EFD_SEMAPHORE"), a.size() > 1 && a.get(1).contains("EFD_NONBLOCK"));
                }
                case "epoll_create1" -> {
                    String[][] p = created(r, 1, where);
                    yield new EpollCreate1(p[0][0], Integer.parseInt(p[0][1]));
                }
                case "openat", "open" -> {
                    String[][] p = created(r, 1, where);
                    yield new Open(p[0][0], Integer.parseInt(p[0][1]));
                }
                case "socket" -> {
                    String[][] p = created(r, 1, where);
                    yield new Socket(p[0][0], Integer.parseInt(p[0][1]));
                }
                case "bind" -> new Bind(a.get(0));
                case "listen" -> new Listen(a.get(0), Integer.parseInt(a.get(1)));
                case "connect" -> new Connect(a.get(0), a.get(1));
                case "accept4" -> {
                    if (sc.result().isError()) {
                        yield new Accept4(a.get(0), "(none)", -1);
                    }
                    String[][] p = created(r, 1, where);
                    yield new Accept4(a.get(0), p[0][0], Integer.parseInt(p[0][1]));
                }
                case "dup" -> {
                    String[][] p = created(r, 1, where);
                    yield new Dup(a.get(0), p[0][0], Integer.parseInt(p[0][1]));
                }
                case "write" -> new Write(a.get(0), Long.parseUnsignedLong(a.get(1)));
                case "read" -> new Read(a.get(0), Long.parseLong(a.get(1)));
                case "shutdown" -> new Shutdown(a.get(0), List.of("SHUT_RD", "SHUT_WR", "SHUT_RDWR").indexOf(a.get(1)));
                case "close" -> new Close(a.get(0));
                case "epoll_ctl" -> new EpollCtl(a.get(0), op(a.get(1)), a.get(2),
                        a.get(3).equals("-") ? 0 : Mask.parse(a.get(3)), a.get(3).equals("-"));
                case "epoll_wait", "epoll_pwait" -> new EpollWait(a.get(0), Integer.parseInt(a.get(1)));
                case "poll" -> {
                    List<PollFd> fds = new ArrayList<>();
                    for (String p : a.subList(0, a.size() - 1)) {
                        String[] kv = p.split("=", 2);
                        fds.add(new PollFd(kv[0].startsWith("-") ? null : kv[0], Mask.parse(kv[1])));
                    }
                    yield new Poll(fds);
                }
                case "select" -> new Select(Integer.parseInt(a.get(0)), set(a.get(1)), set(a.get(2)), set(a.get(3)));
                default -> throw new CheckException(where + "the readiness model has no syscall '" + sc.name() + "'");
            };
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new CheckException(where + "cannot read " + sc + ": " + e.getMessage());
        }
    }

    private static ReadinessAction.Op op(String s) {
        return switch (s) {
            case "EPOLL_CTL_ADD" -> Op.EPOLL_CTL_ADD;
            case "EPOLL_CTL_MOD" -> Op.EPOLL_CTL_MOD;
            case "EPOLL_CTL_DEL" -> Op.EPOLL_CTL_DEL;
            default -> Op.INVALID;
        };
    }

    private static Set<String> set(String s) {
        return s.equals("-") ? Set.of() : new LinkedHashSet<>(List.of(s.split("\\|")));
    }

    /** "r0:7,w0:8" → {{r0, 7}, {w0, 8}}. */
    private static String[][] created(String result, int n, String where) throws CheckException {
        String[] parts = result.split(",");
        if (parts.length != n) {
            throw new CheckException(where + "expected " + n + " name:number result(s), got '" + result + "'");
        }
        String[][] r = new String[n][];
        for (int i = 0; i < n; i++) {
            r[i] = parts[i].split(":");
            if (r[i].length != 2) {
                throw new CheckException(where + "a created fd is written name:number, not '" + parts[i] + "'");
            }
        }
        return r;
    }

}
