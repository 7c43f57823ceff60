package kpath.kernel.readiness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import kpath.kernel.Fds;
import kpath.kernel.LibcMore;
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

import static kpath.kernel.Libc.O_NONBLOCK;
import static kpath.kernel.LibcMore.O_ASYNC;
import static kpath.kernel.LibcMore.SIGIO;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Structural checks of the signal-driven I/O captures, run on this kernel. Method: capture each
 * scenario on its signal thread and check what must hold whatever the kernel answered — the fcntl
 * and rt_sigtimedwait lines have their fixed syntax, names are created before use, no fd, thread
 * or pending SIGIO outlives the capture, and SIGIO is never unblocked where it could be sent —
 * never whether a SIGIO came (the model checker compares that).
 */
class SigioScenariosTest {

    static List<String> names() {
        return SigioScenarios.all().stream().map(Scenario::name).toList();
    }

    /** How long the kernel may take to reap a thread after Java's join returned. */
    private static final Duration REAP = Duration.ofSeconds(2);

    @Test
    void scenariosAreNamedDescribedUnprivilegedAndInTheBattery() {
        List<String> battery = ReadinessScenarios.all().stream().map(Scenario::name).toList();
        assertEquals(battery.size(), Set.copyOf(battery).size(), "duplicate names in the battery");
        assertEquals(2, names().size());
        for (Scenario s : SigioScenarios.all()) {
            assertTrue(s.name().matches("sigio(-[a-z0-9]+)+"), s.name());
            assertFalse(s.narrative().isBlank(), s.name());
            assertFalse(s.privileged(), s.name());
            assertTrue(battery.contains(s.name()), s.name() + " is in ReadinessScenarios.all()");
            assertTrue(ReadinessScenarios.byName(s.name()).isPresent(), s.name());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void scenarioIsWellFormedAndLeavesNoFdThreadOrPendingSigio(String name) throws Exception {
        SigioScenarios.runByName(name); // warm-up: the JVM opens some files lazily on first use
        int before = openFds();
        SigioScenarios.SignalThreadRun run = SigioScenarios.runByName(name);
        assertEquals(before, openFds(), "fds open before and after the capture");
        assertFalse(ProcTask.Signals.has(run.after().pending(), SIGIO), "SIGIO pending on the signal thread after the drain");
        assertTrue(ProcTask.Signals.has(run.after().blocked(), SIGIO), "SIGIO blocked on the signal thread to the end");
        assertTrue(run.drained() < SigioScenarios.DRAIN_TRIES, "the drain ended with EAGAIN, took " + run.drained());
        assertNothingLeft(name, run.tid());
        assertWellFormed(run.trace(), name);
    }

    @Test
    void writtenTracesReadBackWhenPresent() throws Exception {
        for (String name : names()) {
            Path p = Path.of("traces/readiness", name + ".trace");
            if (Files.exists(p)) {
                Trace t = TraceReader.read(p);
                assertEquals(name, t.header().scenario());
                assertSignalLines(t.events());
                assertNamesDefinedBeforeUse(t.events());
            }
        }
    }

    @Test
    void theRecorderRefusesSigioOwnershipOnAThreadWithSigioUnblocked() throws Exception {
        assertFalse(LibcMore.sigioBlocked(), "the test thread has SIGIO unblocked");
        try (Fds fds = new Fds()) {
            ReadinessRecorder rec = new ReadinessRecorder("unblocked", "F_SETOWN_EX on an unblocked thread", fds);
            var p = rec.pipe2();
            assertThrows(IllegalStateException.class, () -> rec.fcntlSetownEx(p.first()));
            assertThrows(IllegalStateException.class, () -> rec.fcntlSetfl(p.first(), O_NONBLOCK | O_ASYNC));
            assertTrue(rec.trace().events().stream().noneMatch(e -> e instanceof Event.Syscall s && s.name().equals("fcntl")),
                    "a refused call writes no line");
        }
    }

    @Test
    void aFailingBodyStillTakesItsSigioClosesItsFdsAndEnds() throws Exception {
        assertThrows(IllegalStateException.class, () -> failWithSigioPending(new AtomicLong())); // warm-up
        int before = openFds();
        AtomicLong tid = new AtomicLong();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> failWithSigioPending(tid));
        assertEquals("the scenario fails here", e.getMessage());
        assertEquals(0, e.getSuppressed().length, "the drain took the pending SIGIO: " + List.of(e.getSuppressed()));
        assertEquals(before, openFds(), "every fd closed");
        assertNothingLeft("failing-sigio", (int) tid.get());
    }

    /** A body that leaves a SIGIO pending on its signal thread, then fails. */
    private static void failWithSigioPending(AtomicLong tid) throws Exception {
        SigioScenarios.run("failing-sigio", "a scenario that fails with SIGIO pending", (rec, tasks) -> {
            tid.set(LibcMore.gettid());
            var p = rec.pipe2();
            rec.fcntlSetownEx(p.first());
            rec.fcntlSetfl(p.first(), O_NONBLOCK | O_ASYNC);
            rec.write(p.second(), 1);
            assertTrue(ProcTask.Signals.has(ProcTask.signals(LibcMore.gettid()).orElseThrow().pending(), SIGIO),
                    "a SIGIO is pending on the signal thread");
            throw new IllegalStateException("the scenario fails here");
        });
    }

    @Test
    void aTaskStartedByTheSignalThreadHasSigioBlocked() throws Exception {
        AtomicLong blocked = new AtomicLong();
        SigioScenarios.run("task-mask", "a task's signal mask", (rec, tasks) -> {
            int tid = tasks.start().tid();
            blocked.set(ProcTask.signals(tid).orElseThrow().blocked());
        });
        assertTrue(ProcTask.Signals.has(blocked.get(), SIGIO), "a task inherits the signal thread's mask");
    }

    // ---- structural assertions ----

    /** No thread of the run alive, its TID reaped (bounded wait), and no SIGIO pending on the process. */
    private static void assertNothingLeft(String scenario, int tid) {
        String prefix = "kpath-" + scenario + "-";
        List<String> alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith(prefix)).toList();
        assertTrue(alive.isEmpty(), "threads still alive: " + alive);
        Path task = Path.of("/proc/self/task", Integer.toString(tid));
        long deadline = System.nanoTime() + REAP.toNanos();
        while (Files.exists(task) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
        }
        assertFalse(Files.exists(task), "the signal thread " + tid + " is reaped");
        long shared = ProcTask.signals(LibcMore.gettid()).orElseThrow().sharedPending();
        assertFalse(ProcTask.Signals.has(shared, SIGIO), "SIGIO pending on the process");
    }

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
        assertSignalLines(t.events());
        assertNamesDefinedBeforeUse(t.events());
    }

    /**
     * {@code fcntl(NAME, F_SETOWN_EX, F_OWNER_TID)} and {@code fcntl(NAME, F_SETFL, FLAGS)} with FLAGS
     * one of 0, O_NONBLOCK, O_ASYNC, O_NONBLOCK|O_ASYNC; {@code rt_sigtimedwait(SIGIO, 0)} returning
     * SIGIO or -1 EAGAIN; every trace takes signals.
     */
    private static void assertSignalLines(List<Event> events) {
        int takes = 0;
        for (Event e : events) {
            if (!(e instanceof Event.Syscall s)) {
                continue;
            }
            switch (s.name()) {
                case "fcntl" -> {
                    assertEquals(3, s.args().size(), s.toString());
                    switch (s.args().get(1)) {
                        case "F_SETOWN_EX" -> assertEquals("F_OWNER_TID", s.args().get(2), s.toString());
                        case "F_SETFL" -> assertTrue(List.of("0", "O_NONBLOCK", "O_ASYNC", "O_NONBLOCK|O_ASYNC")
                                .contains(s.args().get(2)), s.toString());
                        default -> fail("unexpected fcntl " + s);
                    }
                    assertTrue(s.result().isError() || s.result().value().equals("0"), s.toString());
                }
                case "rt_sigtimedwait" -> {
                    takes++;
                    assertEquals(List.of("SIGIO", "0"), s.args(), s.toString());
                    assertTrue(s.result().value().equals("SIGIO")
                            || s.result().errno().orElse("").equals("EAGAIN"), s.toString());
                }
                default -> {
                }
            }
        }
        assertTrue(takes > 0, "the trace takes signals");
    }

    /** Creation results are NAME:FD lists; each name is created once and used only after, by any thread. */
    private static void assertNamesDefinedBeforeUse(List<Event> events) {
        Set<String> known = new HashSet<>();
        Set<String> creators = Set.of("pipe2", "socketpair", "eventfd", "epoll_create1", "dup");
        for (Event e : events) {
            String name;
            List<String> args;
            if (e instanceof Event.Syscall s) {
                if (creators.contains(s.name())) {
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
            List<String> used = switch (name) {
                case "rt_sigtimedwait" -> List.of();
                case "fcntl", "read", "write", "close", "shutdown", "epoll_wait" -> List.of(args.getFirst());
                case "epoll_ctl" -> List.of(args.get(0), args.get(2));
                case "poll" -> args.subList(0, args.size() - 1).stream().map(a -> a.substring(0, a.indexOf('='))).toList();
                default -> fail("unexpected call " + e);
            };
            for (String n : used) {
                assertTrue(known.contains(n), n + " used before it was created: " + e);
            }
        }
    }

    private static int openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }
}
