package kpath.kernel.readiness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kpath.kernel.Fds;
import kpath.kernel.ProcTask;
import kpath.kernel.Scenario;
import kpath.trace.Event;
import kpath.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Structural checks of the multi-threaded readiness captures, run on this kernel. Method: capture
 * each scenario and check what must hold however the threads are scheduled — every {@code tN ->}
 * returns later, each result is followed by its observation, a task seen sleeping has not yet
 * returned, names are created before use, no fd or thread outlives the capture — never which task
 * woke or what a call returned (the model checker compares that).
 */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class ThreadedReadinessScenariosTest {

    static List<String> names() {
        return ThreadedReadinessScenarios.all().stream().map(Scenario::name).toList();
    }

    /** The wait channels a task may be seen sleeping in (Tasks' constants). */
    private static final List<String> SLEEPS = List.of(kpath.trace.Wchan.EPOLL_WAIT,
            kpath.trace.Wchan.POLL, kpath.trace.Wchan.UNIX_READ, kpath.trace.Wchan.EVENTFD_READ);

    @Test
    void scenariosAreNamedDescribedUnprivilegedAndInTheBattery() {
        assertEquals(10, names().size());
        TraceShape.assertNamedDescribedUnprivilegedAndInTheBattery(ThreadedReadinessScenarios.all(),
                TraceShape.KEBAB_CASE);
    }

    @ParameterizedTest
    @MethodSource("names")
    void scenarioIsWellFormedAndLeaksNoFdOrThread(String name) throws Exception {
        Scenario s = ThreadedReadinessScenarios.byName(name).orElseThrow();
        Trace t = TraceShape.leavingNoFdOpen(s::capture);
        assertTrue(TraceShape.liveThreads(name).isEmpty(), "task threads still alive: " + TraceShape.liveThreads(name));
        TraceShape.assertWellFormed(t, name);
        assertTrue(t.events().stream().anyMatch(e -> e instanceof Event.CallStart), "a task makes a call");
        assertTasksPairAndObserveWhileSleeping(t.events());
    }

    @Test
    void everyScenarioHasItsWrittenTraceAndItReadsBack() throws Exception {
        TraceShape.assertWrittenTraces(names(),
                ThreadedReadinessScenariosTest::assertTasksPairAndObserveWhileSleeping);
    }

    @Test
    void aFailingScenarioReleasesItsSleepingTasksAndClosesItsFds() throws Exception {
        failWithTwoSleepingReaders(); // warm-up: the JVM opens some files lazily on first use
        int before = TraceShape.openFds();
        IllegalStateException e = failWithTwoSleepingReaders();
        assertEquals(before, TraceShape.openFds(), "every fd closed");
        assertTrue(TraceShape.liveThreads("failing").isEmpty(), "released tasks ended");
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
                    Tasks.Call c1 = tasks.read(tasks.start(), s.first(), 64);
                    Tasks.Call c2 = tasks.read(tasks.start(), v0, 8);
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
                    tasks.observeSleeping(tasks.read(tasks.start(), s.first(), 64));
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
                    if (SLEEPS.stream().anyMatch(f -> kpath.kernel.TraceLog.sleepsIn(reading, f))) {
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
}
