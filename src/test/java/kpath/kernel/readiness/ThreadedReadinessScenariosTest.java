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
import java.util.stream.Stream;
import kpath.kernel.Fds;
import kpath.kernel.ProcNet;
import kpath.kernel.ProcTask;
import kpath.kernel.scenario.Scenario;
import kpath.trace.Event;
import kpath.trace.Header;
import kpath.trace.Line;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import kpath.trace.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Structural checks of the multi-threaded readiness captures, run on this kernel. Method: capture
 * each scenario and check what must hold however the threads are scheduled — every {@code tN ->}
 * returns later, each result is followed by its observation, a task seen sleeping has not yet
 * returned, names are created before use, no fd or thread outlives the capture — never which task
 * woke or what a call returned (the model checker compares that).
 */
class ThreadedReadinessScenariosTest {

    static List<String> names() {
        return ThreadedReadinessScenarios.all().stream().map(Scenario::name).toList();
    }

    /** The wait channels a task may be seen sleeping in (Tasks' constants). */
    private static final List<String> SLEEPS = List.of(Tasks.WCHAN_EPOLL_WAIT, Tasks.WCHAN_POLL,
            Tasks.WCHAN_UNIX_READ, Tasks.WCHAN_EVENTFD_READ);

    @Test
    void scenariosAreNamedDescribedUnprivilegedAndInTheBattery() {
        List<String> battery = ReadinessScenarios.all().stream().map(Scenario::name).toList();
        assertEquals(battery.size(), Set.copyOf(battery).size(), "duplicate names in the battery");
        assertEquals(10, names().size());
        for (Scenario s : ThreadedReadinessScenarios.all()) {
            assertTrue(s.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), s.name());
            assertFalse(s.narrative().isBlank(), s.name());
            assertFalse(s.privileged(), s.name());
            assertTrue(battery.contains(s.name()), s.name() + " is in ReadinessScenarios.all()");
            assertTrue(ReadinessScenarios.byName(s.name()).isPresent(), s.name());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void scenarioIsWellFormedAndLeaksNoFdOrThread(String name) throws Exception {
        Scenario s = ThreadedReadinessScenarios.byName(name).orElseThrow();
        s.capture(); // warm-up: the JVM opens some files lazily on first use
        int before = openFds();
        Trace t = s.capture();
        assertEquals(before, openFds(), "fds open before and after the capture");
        assertTrue(taskThreads(name).isEmpty(), "task threads still alive: " + taskThreads(name));
        assertWellFormed(t, name);
    }

    @Test
    void writtenTracesReadBackWhenPresent() throws Exception {
        for (String name : names()) {
            Path p = Path.of("traces/readiness", name + ".trace");
            if (Files.exists(p)) {
                Trace t = TraceReader.read(p);
                assertEquals(name, t.header().scenario());
                assertTasksPairAndObserveWhileSleeping(t.events());
                assertObservationsFollowTheirCall(t.events());
                assertNamesDefinedBeforeUse(t.events());
            }
        }
    }

    @Test
    void aFailingScenarioReleasesItsSleepingTasksAndClosesItsFds() throws Exception {
        failWithTwoSleepingReaders(); // warm-up: the JVM opens some files lazily on first use
        int before = openFds();
        IllegalStateException e = failWithTwoSleepingReaders();
        assertEquals(before, openFds(), "every fd closed");
        assertTrue(taskThreads("failing").isEmpty(), "released tasks ended");
        assertEquals("the scenario fails here", e.getMessage());
        assertEquals(1, e.getSuppressed().length, "Tasks.close reports the calls it released");
        String closeMessage = e.getSuppressed()[0].getMessage();
        assertTrue(closeMessage.startsWith("failing: "), closeMessage);
        assertTrue(closeMessage.contains("t1 had not returned from read(s0, 64)"), closeMessage);
        assertTrue(closeMessage.contains("t2 had not returned from read(v0, 8)"), closeMessage);
        assertFalse(closeMessage.contains("did not end"), closeMessage);
    }

    /** A scenario body that fails while t1 sleeps in a blocking socket read and t2 in a blocking eventfd read. */
    private static IllegalStateException failWithTwoSleepingReaders() {
        return assertThrows(IllegalStateException.class, () -> {
            try (Fds fds = new Fds()) {
                ReadinessRecorder rec = new ReadinessRecorder("failing", "a scenario that fails", fds);
                try (Tasks tasks = new Tasks("failing", rec)) {
                    var s = rec.socketpairBlocking();
                    String v0 = rec.eventfd(0, 0);
                    Tasks.Call c1 = tasks.start().read(s.first(), 64);
                    Tasks.Call c2 = tasks.start().read(v0, 8);
                    assertTrue(tasks.observeSleeping(c1), "t1 sleeps in read(s0)");
                    assertTrue(tasks.observeSleeping(c2), "t2 sleeps in read(v0)");
                    throw new IllegalStateException("the scenario fails here");
                }
            }
        });
    }

    @Test
    void aCallNobodyWaitsForIsNamedWhenTheScenarioEnds() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (Fds fds = new Fds()) {
                ReadinessRecorder rec = new ReadinessRecorder("forgetful", "a scenario that forgets a task", fds);
                try (Tasks tasks = new Tasks("forgetful", rec)) {
                    var s = rec.socketpairBlocking();
                    tasks.observeSleeping(tasks.start().read(s.first(), 64));
                }
            }
        });
        assertTrue(e.getMessage().startsWith("forgetful: t1 had not returned from read(s0, 64)"), e.getMessage());
    }

    @Test
    void theMainThreadMayNotReadABlockingFd() throws Exception {
        try (Fds fds = new Fds()) {
            ReadinessRecorder rec = new ReadinessRecorder("main-read", "the main thread reads a blocking fd", fds);
            var s = rec.socketpairBlocking();
            assertThrows(IllegalStateException.class, () -> rec.read(s.first(), 64));
            String v0 = rec.eventfd(0, 0);
            assertThrows(IllegalStateException.class, () -> rec.read(v0, 8));
        }
    }

    @Test
    void aTaskReportsItsOwnThreadId() throws Exception {
        try (Fds fds = new Fds()) {
            ReadinessRecorder rec = new ReadinessRecorder("tid", "a task's TID", fds);
            try (Tasks tasks = new Tasks("tid", rec)) {
                int tid = tasks.start().tid();
                assertNotEquals(ProcessHandle.current().pid(), (long) tid, "a task is not the main thread");
                assertTrue(Files.isDirectory(Path.of("/proc/self/task", Integer.toString(tid))), "TID " + tid);
                assertNotEquals("-", ProcTask.read(tid).state());
            }
        }
    }

    // ---- structural assertions ----

    private static void assertWellFormed(Trace t, String name) throws Exception {
        Header h = t.header();
        assertEquals(name, h.scenario());
        assertEquals(ProcNet.kernelRelease(), h.kernel());
        assertEquals(Header.Netns.HOST, h.netns());
        assertEquals(Header.Peer.LOOPBACK, h.peer());
        assertTrue(h.sysctls().isEmpty());
        assertTrue(h.extra().contains(Map.entry("captured-by", "kpath")), h.extra().toString());
        assertInstanceOf(Line.Comment.class, t.lines().getFirst(), "the narrative comes first");

        String text = TraceWriter.format(t);
        assertEquals(text, TraceWriter.format(TraceReader.parse(text, name)), "reads back unchanged");

        List<Event> events = t.events();
        assertTrue(events.stream().anyMatch(e -> e instanceof Event.CallStart), "a task makes a call");
        assertTasksPairAndObserveWhileSleeping(events);
        assertObservationsFollowTheirCall(events);
        assertNamesDefinedBeforeUse(events);
    }

    /**
     * Every {@code tN -> call} returns later ({@code tN <- n} or {@code -1 ERRNO}); task calls are
     * epoll_wait, poll, select or read with the single-line argument shapes; an {@code observe
     * task(tN)} has the keys state and wchan, and when it reports a sleep in one of the known
     * wait channels, tN's call is still in progress (the reading and its line are one lock hold).
     */
    private static void assertTasksPairAndObserveWhileSleeping(List<Event> events) {
        Map<String, Event.CallStart> open = new HashMap<>();
        boolean sawSleep = false;
        for (Event e : events) {
            switch (e) {
                case Event.CallStart s -> {
                    assertTrue(s.task().matches("t[1-9][0-9]*"), s.toString());
                    assertNull(open.put(s.task(), s), "one call at a time: " + s);
                    switch (s.name()) {
                        case "epoll_wait" -> {
                            assertEquals(3, s.args().size(), s.toString());
                            assertTrue(Integer.parseInt(s.args().get(2)) >= -1, s.toString());
                        }
                        case "poll" -> {
                            assertTrue(s.args().size() >= 2, s.toString());
                            assertTrue(Integer.parseInt(s.args().getLast()) >= 0, "bounded: " + s);
                        }
                        case "select" -> {
                            assertEquals(5, s.args().size(), s.toString());
                            assertTrue(Integer.parseInt(s.args().getLast()) >= 0, "bounded: " + s);
                        }
                        case "read" -> assertEquals(2, s.args().size(), s.toString());
                        default -> fail("unexpected task call " + s);
                    }
                }
                case Event.CallReturn r -> {
                    assertNotNull(open.remove(r.task()), "return without a call: " + r);
                    assertTrue(r.result().isError() || r.result().value().matches("0|[1-9][0-9]*"), r.toString());
                }
                case Event.Observation o when o.what().equals("task") -> {
                    assertEquals(List.of("state", "wchan"), List.copyOf(o.values().keySet()), o.toString());
                    String task = o.target().orElseThrow();
                    ProcTask.Reading reading = new ProcTask.Reading(o.values().get("state"), o.values().get("wchan"));
                    if (SLEEPS.stream().anyMatch(f -> ReadinessRecorder.sleepsIn(reading, f))) {
                        sawSleep = true;
                        assertTrue(open.containsKey(task), task + " seen sleeping without a call in progress: " + o);
                    }
                }
                default -> {
                }
            }
        }
        assertTrue(open.isEmpty(), "calls that never returned: " + open.values());
        assertTrue(sawSleep, "some task is seen sleeping");
    }

    /**
     * {@code observe events/revents/fdsets/read} follows exactly the call that produced it — a
     * single-line call or a task's return, whose call is looked up by task — and every positive
     * epoll_wait, poll and select result, and every eventfd read of 8 bytes, is followed by its
     * observation.
     */
    private static void assertObservationsFollowTheirCall(List<Event> events) {
        Map<String, Event.CallStart> lastCall = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e instanceof Event.CallStart s) {
                lastCall.put(s.task(), s);
            }
            Event next = i + 1 < events.size() ? events.get(i + 1) : null;
            if (e instanceof Event.Observation o && !o.what().equals("poll") && !o.what().equals("task")) {
                Event prev = i > 0 ? events.get(i - 1) : null;
                String name;
                List<String> args;
                String result;
                if (prev instanceof Event.Syscall call) {
                    name = call.name();
                    args = call.args();
                    result = call.result().value();
                } else if (prev instanceof Event.CallReturn ret) {
                    Event.CallStart call = lastCall.get(ret.task());
                    name = call.name();
                    args = call.args();
                    result = ret.result().value();
                } else {
                    throw new AssertionError("no call before " + o);
                }
                switch (o.what()) {
                    case "events" -> {
                        assertEquals("epoll_wait", name, o.toString());
                        assertEquals(o.target().orElseThrow(), args.getFirst(), o.toString());
                        assertEquals(Integer.toString(o.values().size()), result, o.toString());
                    }
                    case "revents" -> {
                        assertEquals("poll", name, o.toString());
                        assertEquals(Integer.toString(o.values().size()), result, o.toString());
                    }
                    case "fdsets" -> {
                        assertEquals("select", name, o.toString());
                        assertEquals(List.of("rd", "wr", "ex"), List.copyOf(o.values().keySet()));
                        int bits = o.values().values().stream()
                                .mapToInt(v -> v.equals("-") ? 0 : v.split("\\|").length).sum();
                        assertEquals(Integer.toString(bits), result, o.toString());
                    }
                    case "read" -> {
                        assertEquals("read", name, o.toString());
                        assertEquals(o.target().orElseThrow(), args.getFirst());
                        assertEquals("8", result);
                    }
                    default -> fail("unexpected observation " + o);
                }
            }
            String name = null;
            String result = null;
            List<String> args = null;
            if (e instanceof Event.Syscall s && !s.result().isError()) {
                name = s.name();
                result = s.result().value();
                args = s.args();
            } else if (e instanceof Event.CallReturn r && !r.result().isError()) {
                Event.CallStart call = lastCall.get(r.task());
                name = call.name();
                result = r.result().value();
                args = call.args();
            }
            if (name != null && result.matches("[1-9][0-9]*")) {
                String expected = switch (name) {
                    case "epoll_wait" -> "events";
                    case "poll" -> "revents";
                    case "select" -> "fdsets";
                    case "read" -> args.getFirst().startsWith("v") && result.equals("8") ? "read" : null;
                    default -> null;
                };
                if (expected != null) {
                    assertTrue(next instanceof Event.Observation o && o.what().equals(expected),
                            e + " is followed by observe " + expected);
                }
            }
        }
    }

    /** Creation results are NAME:FD lists; each name is created once and used only after, by any thread. */
    private static void assertNamesDefinedBeforeUse(List<Event> events) {
        Set<String> known = new HashSet<>();
        Set<String> creators = Set.of("pipe2", "socketpair", "eventfd", "epoll_create1");
        for (Event e : events) {
            String name;
            List<String> args;
            if (e instanceof Event.Syscall s) {
                if (creators.contains(s.name())) {
                    switch (s.name()) {
                        case "socketpair" -> assertTrue(List.of(List.of("AF_UNIX", "SOCK_STREAM"),
                                List.of("AF_UNIX", "SOCK_STREAM|SOCK_NONBLOCK")).contains(s.args()), s.toString());
                        case "eventfd" -> assertTrue(s.args().get(1).equals("0")
                                || s.args().get(1).contains("EFD_NONBLOCK"), s.toString());
                        default -> {
                        }
                    }
                    for (String part : s.result().value().split(",")) {
                        assertTrue(part.matches("[a-z][a-z0-9]*:[0-9]+"), s.toString());
                        assertTrue(known.add(part.substring(0, part.indexOf(':'))), "created twice: " + s);
                    }
                    continue;
                }
                name = s.name();
                args = s.args();
            } else if (e instanceof Event.CallStart c) {
                name = c.name();
                args = c.args();
            } else {
                if (e instanceof Event.Observation o && o.target().isPresent() && !o.what().equals("task")) {
                    assertTrue(known.contains(o.target().get()), o + " names an fd not created yet");
                }
                continue;
            }
            List<String> used = new ArrayList<>();
            switch (name) {
                case "epoll_ctl" -> {
                    used.add(args.get(0));
                    used.add(args.get(2));
                }
                case "epoll_wait", "read", "write", "close", "shutdown" -> used.add(args.getFirst());
                case "poll" -> args.subList(0, args.size() - 1).forEach(a -> used.add(a.substring(0, a.indexOf('='))));
                case "select" -> args.subList(1, 4).forEach(a -> {
                    if (!a.equals("-")) {
                        used.addAll(List.of(a.split("\\|")));
                    }
                });
                default -> fail("unexpected call " + e);
            }
            for (String n : used) {
                assertTrue(known.contains(n), n + " used before it was created: " + e);
            }
        }
    }

    private static List<String> taskThreads(String scenario) {
        String prefix = "kpath-" + scenario + "-t";
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }

    private static int openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }
}
