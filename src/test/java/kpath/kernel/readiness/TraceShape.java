package kpath.kernel.readiness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import kpath.kernel.ProcNet;
import kpath.kernel.Scenario;
import kpath.trace.Event;
import kpath.trace.Header;
import kpath.trace.Line;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import kpath.trace.TraceWriter;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The shape every readiness capture must have, whatever the kernel answered and however its
 * threads were scheduled (the grammar of {@code kpath.kernel.readiness}'s package documentation):
 * the header of a capture on this kernel, each result followed by its observation, every fd named
 * at creation before any line uses it; and the bookkeeping around a capture (open fds, live
 * threads, the battery). What the kernel should report is for the model checker, not for these.
 */
final class TraceShape {

    private TraceShape() {
    }

    /** A kebab-case scenario name. */
    static final String KEBAB_CASE = "[a-z0-9]+(-[a-z0-9]+)*";

    /** Where the written traces are. */
    private static final Path TRACES = Path.of("traces/readiness");

    /** A capture or run of a scenario. */
    @FunctionalInterface
    interface Capture<T> {
        T run() throws Exception;
    }

    // ---- around a capture ----

    /**
     * Every scenario has a kebab-case name matching {@code namePattern}, a narrative, needs no
     * privilege, and is in {@link ReadinessScenarios#all()} (whose names are unique) and found by
     * {@link ReadinessScenarios#byName}.
     */
    static void assertNamedDescribedUnprivilegedAndInTheBattery(List<Scenario> scenarios, String namePattern) {
        List<String> battery = ReadinessScenarios.all().stream().map(Scenario::name).toList();
        assertEquals(battery.size(), Set.copyOf(battery).size(), "duplicate names in the battery");
        for (Scenario s : scenarios) {
            assertTrue(s.name().matches(KEBAB_CASE), s.name());
            assertTrue(s.name().matches(namePattern), s.name() + " matches " + namePattern);
            assertFalse(s.narrative().isBlank(), s.name());
            assertFalse(s.privileged(), s.name());
            assertTrue(battery.contains(s.name()), s.name() + " is in ReadinessScenarios.all()");
            assertTrue(ReadinessScenarios.byName(s.name()).isPresent(), s.name());
        }
    }

    /**
     * Runs {@code capture} once to warm up (the JVM opens some files lazily on first use), then
     * again, and checks that the second run leaves as many fds open as it found; its result.
     */
    static <T> T leavingNoFdOpen(Capture<T> capture) throws Exception {
        capture.run();
        int before = openFds();
        T result = capture.run();
        assertEquals(before, openFds(), "fds open before and after the capture");
        return result;
    }

    /** How many fds this process has open. */
    static int openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }

    /** The names of the live threads a run of {@code scenario} started ({@code kpath-SCENARIO-...}). */
    static List<String> liveThreads(String scenario) {
        String prefix = "kpath-" + scenario + "-";
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }

    /**
     * Each of {@code names} (none may be missing) has its trace written under
     * {@code traces/readiness}, which reads back, names its scenario, pairs results with
     * observations, names fds before use, and passes {@code scenarioChecks}.
     */
    static void assertWrittenTraces(List<String> names, Consumer<List<Event>> scenarioChecks) throws Exception {
        assertFalse(names.isEmpty(), "no scenario names: the check would be vacuous");
        for (String name : names) {
            Path p = TRACES.resolve(name + ".trace");
            assertTrue(Files.exists(p), p + " is missing: ./kpath capture " + name);
            Trace t = TraceReader.read(p);
            assertEquals(name, t.header().scenario(), p.toString());
            assertObservationsFollowTheirCall(t.events());
            assertNamesDefinedBeforeUse(t.events());
            scenarioChecks.accept(t.events());
        }
    }

    // ---- the trace ----

    /**
     * A capture of {@code name} on this kernel: the header says so ({@code netns: host},
     * {@code peer: loopback}, no sysctls but the two an {@code af-unix-send} line comes with,
     * {@code path: readiness}, {@code captured-by: kpath}), the narrative comes first,
     * the text reads back unchanged, results are followed by their observations and names are
     * created before use.
     */
    static void assertWellFormed(Trace t, String name) throws Exception {
        Header h = t.header();
        assertEquals(name, h.scenario());
        assertFalse(h.kernel().isBlank());
        assertEquals(ProcNet.kernelRelease(), h.kernel());
        assertEquals(Header.Netns.HOST, h.netns());
        assertEquals(Header.Peer.LOOPBACK, h.peer());
        boolean unixSend = h.extra().stream().anyMatch(x -> x.getKey().equals(kpath.uapi.UnixSend.KEY));
        assertEquals(unixSend ? java.util.Set.of(kpath.uapi.UnixSend.WMEM_DEFAULT, kpath.uapi.UnixSend.WMEM_MAX) : java.util.Set.of(),
                h.sysctls().keySet());
        if (unixSend) {
            h.extra().stream().filter(x -> x.getKey().equals(kpath.uapi.UnixSend.KEY))
                    .forEach(x -> kpath.uapi.UnixSend.parse(x.getValue()));
        }
        assertTrue(h.extra().contains(Map.entry("captured-by", "kpath")), h.extra().toString());
        assertEquals(java.util.Optional.of(kpath.kernel.readiness.ReadinessScenarios.PATH), h.path(),
                "the trace declares its path");
        assertInstanceOf(Line.Comment.class, t.lines().getFirst(), "the narrative comes first");

        String text = TraceWriter.format(t);
        assertEquals(text, TraceWriter.format(TraceReader.parse(text, name)), "reads back unchanged");

        assertObservationsFollowTheirCall(t.events());
        assertNamesDefinedBeforeUse(t.events());
    }

    /**
     * {@code observe events/revents/fdsets/read} follows exactly the call that produced it — a
     * single-line call or a task's {@code tN <-}, whose call is looked up by task — and every
     * positive epoll_wait, poll and select result, and every eventfd read of 8 bytes (also through
     * a dup), is followed by its observation. {@code observe poll(NAME)} has the one key revents;
     * {@code observe task(tN)} has the keys state and wchan and names a task that has made a call.
     */
    static void assertObservationsFollowTheirCall(List<Event> events) {
        Map<String, Event.CallStart> lastCall = new HashMap<>();
        Set<String> eventfds = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            Event next = i + 1 < events.size() ? events.get(i + 1) : null;
            switch (e) {
                case Event.CallStart s -> lastCall.put(s.task(), s);
                case Event.Syscall s when !s.result().isError() && isCreation(s) -> {
                    boolean copiesEventfd = !s.name().equals("eventfd") && !s.args().isEmpty()
                            && eventfds.contains(s.args().getFirst());
                    if (s.name().equals("eventfd") || copiesEventfd) {
                        createdNames(s).forEach(eventfds::add);
                    }
                }
                case Event.Observation o ->
                        assertObservationFollowsItsCall(o, i > 0 ? events.get(i - 1) : null, lastCall);
                default -> {
                }
            }
            Call call = Call.completed(e, lastCall);
            if (call != null && call.result().matches("[1-9][0-9]*")) {
                String expected = switch (call.name()) {
                    case "epoll_wait", "epoll_pwait" -> "events";
                    case "poll", "ppoll" -> "revents";
                    case "select", "pselect6" -> "fdsets";
                    case "read" -> eventfds.contains(call.args().getFirst()) && call.result().equals("8")
                            ? "read" : null;
                    default -> null;
                };
                if (expected != null) {
                    assertTrue(next instanceof Event.Observation o && o.what().equals(expected),
                            e + " is followed by observe " + expected);
                }
            }
        }
    }

    private static void assertObservationFollowsItsCall(Event.Observation o, Event prev,
                                                        Map<String, Event.CallStart> lastCall) {
        switch (o.what()) {
            case "poll" -> {
                assertEquals(List.of("revents"), List.copyOf(o.values().keySet()), o.toString());
                return;
            }
            case "task" -> {
                assertEquals(List.of("state", "wchan"), List.copyOf(o.values().keySet()), o.toString());
                assertTrue(lastCall.containsKey(o.target().orElseThrow()), o + " names a task that has made a call");
                return;
            }
            default -> {
            }
        }
        Call call = Call.completed(prev, lastCall);
        assertNotNull(call, "no call before " + o);
        switch (o.what()) {
            case "events" -> {
                assertTrue(List.of("epoll_wait", "epoll_pwait").contains(call.name()), o.toString());
                assertEquals(o.target().orElseThrow(), call.args().getFirst(), o.toString());
                assertEquals(Integer.toString(o.values().size()), call.result(), o.toString());
            }
            case "revents" -> {
                assertTrue(List.of("poll", "ppoll").contains(call.name()), o.toString());
                assertEquals(Integer.toString(o.values().size()), call.result(), o.toString());
            }
            case "fdsets" -> {
                assertTrue(List.of("select", "pselect6").contains(call.name()), o.toString());
                assertEquals(List.of("rd", "wr", "ex"), List.copyOf(o.values().keySet()), o.toString());
                int bits = o.values().values().stream()
                        .mapToInt(v -> v.equals("-") ? 0 : v.split("\\|").length).sum();
                assertEquals(Integer.toString(bits), call.result(), o.toString());
            }
            case "owner" -> {
                assertEquals("fcntl", call.name(), o.toString());
                assertEquals(List.of("type", "pid"), List.copyOf(o.values().keySet()), o.toString());
                assertTrue(List.of("0", "main").contains(o.values().get("pid")), o.toString());
            }
            case "siginfo" -> {
                assertEquals("rt_sigtimedwait", call.name(), o.toString());
                // SEND_SIG_PRIV's siginfo (SIGURG): SI_KERNEL, no si_fd or si_band
                assertEquals("SI_KERNEL".equals(o.values().get("si_code")) ? List.of("si_signo", "si_code")
                        : List.of("si_signo", "si_code", "si_fd", "si_band"), List.copyOf(o.values().keySet()), o.toString());
                assertEquals(o.values().get("si_signo"), call.result(), o.toString());
            }
            case "read" -> {
                assertEquals("read", call.name(), o.toString());
                assertEquals(o.target().orElseThrow(), call.args().getFirst(), o.toString());
                assertEquals("8", call.result(), o.toString());
            }
            case "optval" -> {
                assertEquals("getsockopt", call.name(), o.toString());
                assertEquals(o.target().orElseThrow(), call.args().getFirst(), o.toString());
                assertEquals(List.of("SOL_SOCKET", "SO_SNDBUF"), call.args().subList(1, 3), o.toString());
                assertEquals("0", call.result(), o.toString());
            }
            default -> fail("unexpected observation " + o);
        }
    }

    /** A call that has returned without an error: a single-line call, or a task's call at its {@code tN <-}. */
    private record Call(String name, List<String> args, String result) {

        /** The call {@code e} completes, or null when {@code e} completes none or the call failed. */
        static Call completed(Event e, Map<String, Event.CallStart> lastCall) {
            if (e instanceof Event.Syscall s && !s.result().isError()) {
                return new Call(s.name(), s.args(), s.result().value());
            }
            if (e instanceof Event.CallReturn r && !r.result().isError()) {
                Event.CallStart start = lastCall.get(r.task());
                assertNotNull(start, "return without a call: " + r);
                return new Call(start.name(), start.args(), r.result().value());
            }
            return null;
        }
    }

    /** The calls that name the fds they create, with {@code NAME:FD} results. */
    private static final Set<String> CREATORS = Set.of("pipe2", "socketpair", "eventfd", "epoll_create1", "dup",
            "openat", "socket", "accept4");

    private static boolean isCreation(Event.Syscall s) {
        return CREATORS.contains(s.name()) || (s.name().equals("fcntl") && s.args().get(1).equals("F_DUPFD"));
    }

    /** The names a successful creation's {@code NAME:FD,...} result gives. */
    private static List<String> createdNames(Event.Syscall s) {
        List<String> names = new ArrayList<>();
        for (String part : s.result().value().split(",")) {
            assertTrue(part.matches("[a-z][a-z0-9]*:[0-9]+"), s.toString());
            names.add(part.substring(0, part.indexOf(':')));
        }
        return names;
    }

    /**
     * Creation results (of pipe2, socketpair, eventfd, epoll_create1, dup, openat, socket, accept4
     * and fcntl F_DUPFD) are {@code NAME:FD} lists, and only accept4 may fail instead; each name is
     * created once, and every fd argument — of single-line calls and of task calls, and the target
     * of an observation other than {@code task(tN)} — names an fd created before it ({@code -1} only
     * as a poll entry). socketpair is AF_UNIX SOCK_STREAM, blocking or not; eventfd flags are 0 or
     * include EFD_NONBLOCK.
     */
    static void assertNamesDefinedBeforeUse(List<Event> events) {
        Set<String> known = new HashSet<>();
        for (Event e : events) {
            String name;
            List<String> args;
            switch (e) {
                case Event.Syscall s -> {
                    name = s.name();
                    args = s.args();
                }
                case Event.CallStart c -> {
                    name = c.name();
                    args = c.args();
                }
                case Event.Observation o when o.target().isPresent() && !o.what().equals("task") -> {
                    assertTrue(known.contains(o.target().get()), o + " names an fd not created yet");
                    continue;
                }
                default -> {
                    continue;
                }
            }
            List<String> used = new ArrayList<>();
            switch (name) {
                case "pipe2", "socketpair", "eventfd", "epoll_create1", "openat", "socket", "rt_sigtimedwait", "setrlimit",
                        "rt_sigaction" -> {
                }
                case "epoll_ctl" -> {
                    used.add(args.get(0));
                    used.add(args.get(2));
                }
                case "connect" -> used.addAll(args);
                case "epoll_wait", "epoll_pwait", "read", "write", "send", "close", "shutdown", "bind", "listen", "accept4", "dup", "fcntl", "ioctl",
                        "setsockopt", "getsockopt" ->
                        used.add(args.getFirst());
                case "poll", "ppoll" -> args.stream().filter(a -> a.contains("=")).map(a -> a.substring(0, a.indexOf('=')))
                        .filter(n -> !n.equals("-1")).forEach(used::add);
                case "select", "pselect6" -> args.subList(1, 4).forEach(a -> {
                    if (!a.equals("-")) {
                        used.addAll(List.of(a.split("\\|")));
                    }
                });
                default -> fail("unexpected call " + e);
            }
            for (String n : used) {
                assertTrue(known.contains(n), n + " used before it was created: " + e);
            }
            if (e instanceof Event.Syscall s && isCreation(s)) {
                switch (s.name()) {
                    case "socketpair" -> assertTrue(List.of(List.of("AF_UNIX", "SOCK_STREAM"),
                            List.of("AF_UNIX", "SOCK_STREAM|SOCK_NONBLOCK")).contains(s.args()), s.toString());
                    case "eventfd" -> assertTrue(s.args().get(1).equals("0")
                            || s.args().get(1).contains("EFD_NONBLOCK"), s.toString());
                    default -> {
                    }
                }
                if (s.name().equals("accept4") && s.result().isError()) {
                    continue;
                }
                for (String created : createdNames(s)) {
                    assertTrue(known.add(created), "created twice: " + s);
                }
            }
        }
    }
}
