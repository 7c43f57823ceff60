package kpath.kernel.readiness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kpath.kernel.Fds;
import kpath.kernel.LibcSignal;
import kpath.kernel.ProcTask;
import kpath.kernel.Scenario;
import kpath.trace.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static kpath.kernel.LibcFile.O_ASYNC;
import static kpath.kernel.LibcFile.O_NONBLOCK;
import static kpath.kernel.LibcSignal.SIGIO;
import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Structural checks of the signal-driven I/O captures, run on this kernel. Method: capture each
 * scenario on its signal thread and check what must hold whatever the kernel answered — the fcntl
 * and rt_sigtimedwait lines have their fixed syntax, names are created before use, no fd, thread
 * or pending SIGIO outlives the capture, and SIGIO is never unblocked where it could be sent —
 * never whether a SIGIO came (the model checker compares that).
 */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class SigioScenariosTest {

    static List<String> names() {
        return SigioScenarios.all().stream().map(Scenario::name).toList();
    }

    /** How long the kernel may take to reap a thread after Java's join returned. */
    private static final Duration REAP = Duration.ofSeconds(2);

    @Test
    void scenariosAreNamedDescribedUnprivilegedAndInTheBattery() {
        assertEquals(11, names().size());
        TraceShape.assertNamedDescribedUnprivilegedAndInTheBattery(SigioScenarios.all(), "sigio(-[a-z0-9]+)+");
    }

    @ParameterizedTest
    @MethodSource("names")
    void scenarioIsWellFormedAndLeavesNoFdThreadOrPendingSigio(String name) throws Exception {
        SigioScenarios.SignalThreadRun run = TraceShape.leavingNoFdOpen(() -> runOrSkip(name));
        assertFalse(ProcTask.Signals.has(run.after().pending(), SIGIO), "SIGIO pending on the signal thread after the drain");
        assertTrue(ProcTask.Signals.has(run.after().blocked(), SIGIO), "SIGIO blocked on the signal thread to the end");
        assertFalse(ProcTask.Signals.has(run.after().pending(), LibcSignal.SIG_RT), "SIG_RT pending after the drain");
        assertTrue(ProcTask.Signals.has(run.after().blocked(), LibcSignal.SIG_RT), "SIG_RT blocked to the end");
        assertFalse(ProcTask.Signals.has(run.after().pending(), LibcSignal.SIGURG), "SIGURG pending after the drain");
        assertTrue(run.drained() < SigioScenarios.DRAIN_TRIES, "the drain ended with EAGAIN, took " + run.drained());
        assertNothingLeft(name, run.tid());
        TraceShape.assertWellFormed(run.trace(), name);
        assertSignalLines(run.trace().events());
    }

    @Test
    void everyScenarioHasItsWrittenTraceAndItReadsBack() throws Exception {
        TraceShape.assertWrittenTraces(names(), SigioScenariosTest::assertSignalLines);
    }

    /**
     * The run of {@code name}; skipped (not failed) when the scenario itself says the machine does
     * not allow it, as capture does: the RLIMIT_SIGPENDING scenario when another process of this
     * user has signals pending.
     */
    private static SigioScenarios.SignalThreadRun runOrSkip(String name) throws Exception {
        try {
            return SigioScenarios.runByName(name);
        } catch (kpath.kernel.PrivilegeException e) {
            org.junit.jupiter.api.Assumptions.abort(e.getMessage());
            throw e; // not reached
        }
    }

    @Test
    void theRtQueueScenarioRestoresTheSoftLimit() throws Exception {
        long before = kpath.kernel.LibcFile.softLimit(kpath.kernel.LibcFile.RLIMIT_SIGPENDING);
        runOrSkip("sigio-rt-queue-full-falls-back-to-sigio");
        assertEquals(before, kpath.kernel.LibcFile.softLimit(kpath.kernel.LibcFile.RLIMIT_SIGPENDING));
    }

    @Test
    void theRecorderRefusesSigioOwnershipOnAThreadWithSigioUnblocked() throws Exception {
        assertFalse(LibcSignal.sigioBlocked(), "the test thread has SIGIO unblocked");
        try (Fds fds = new Fds()) {
            ReadinessRecorder rec = new ReadinessRecorder("unblocked", "F_SETOWN_EX on an unblocked thread", fds);
            var p = rec.pipe2();
            assertThrows(IllegalStateException.class, () -> rec.fcntlSetownEx(p.first()));
            assertThrows(IllegalStateException.class, () -> rec.fcntlSetfl(p.first(), O_NONBLOCK | O_ASYNC));
            assertThrows(IllegalStateException.class, () -> rec.fcntlSetsig(p.first(), LibcSignal.SIG_RT));
            assertTrue(rec.trace().events().stream().noneMatch(e -> e instanceof Event.Syscall s && s.name().equals("fcntl")),
                    "a refused call writes no line");
        }
    }

    @Test
    void theRecorderRefusesUrgentDataOnAThreadWithSigurgUnblocked() throws Exception {
        assertFalse(LibcSignal.sigurgBlocked(), "the test thread has SIGURG unblocked");
        try (Fds fds = new Fds()) {
            ReadinessRecorder rec = new ReadinessRecorder("unblocked", "send(MSG_OOB) on an unblocked thread", fds);
            var p = rec.pipe2();
            assertThrows(IllegalStateException.class, () -> rec.sendOob(p.second(), 1));
            assertTrue(rec.trace().events().stream().noneMatch(e -> e instanceof Event.Syscall s && s.name().equals("send")),
                    "a refused call writes no line");
        }
    }

    @Test
    void aFailingBodyStillTakesItsSigioClosesItsFdsAndEnds() throws Exception {
        assertThrows(IllegalStateException.class, () -> failWithSigioPending(new AtomicLong())); // warm-up
        int before = TraceShape.openFds();
        AtomicLong tid = new AtomicLong();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> failWithSigioPending(tid));
        assertEquals("the scenario fails here", e.getMessage());
        assertEquals(0, e.getSuppressed().length, "the drain took the pending SIGIO: " + List.of(e.getSuppressed()));
        assertEquals(before, TraceShape.openFds(), "every fd closed");
        assertNothingLeft("failing-sigio", (int) tid.get());
    }

    /** A body that leaves a SIGIO pending on its signal thread, then fails. */
    private static void failWithSigioPending(AtomicLong tid) throws Exception {
        SigioScenarios.run("failing-sigio", "a scenario that fails with SIGIO pending", (rec, tasks) -> {
            tid.set(LibcSignal.gettid());
            var p = rec.pipe2();
            rec.fcntlSetownEx(p.first());
            rec.fcntlSetfl(p.first(), O_NONBLOCK | O_ASYNC);
            rec.write(p.second(), 1);
            assertTrue(ProcTask.Signals.has(ProcTask.signals(LibcSignal.gettid()).orElseThrow().pending(), SIGIO),
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
        List<String> alive = TraceShape.liveThreads(scenario);
        assertTrue(alive.isEmpty(), "threads still alive: " + alive);
        Path task = Path.of("/proc/self/task", Integer.toString(tid));
        long deadline = System.nanoTime() + REAP.toNanos();
        while (Files.exists(task) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
        }
        assertFalse(Files.exists(task), "the signal thread " + tid + " is reaped");
        long shared = ProcTask.signals(LibcSignal.gettid()).orElseThrow().sharedPending();
        assertFalse(ProcTask.Signals.has(shared, SIGIO), "SIGIO pending on the process");
    }

    @Test
    void theRecorderRefusesASignalItDoesNotBlock() throws Exception {
        SigioScenarios.run("setsig-refused", "F_SETSIG with a signal the thread does not block", (rec, tasks) -> {
            var p = rec.pipe2();
            assertThrows(IllegalArgumentException.class, () -> rec.fcntlSetsig(p.first(), 10));
            assertThrows(IllegalArgumentException.class, () -> rec.fcntlSetsig(p.first(), 64));
            assertTrue(rec.trace().events().stream().noneMatch(e -> e instanceof Event.Syscall s && s.name().equals("fcntl")),
                    "a refused call writes no line");
        });
    }

    /**
     * {@code fcntl(NAME, F_SETOWN_EX, F_OWNER_TID)} and {@code fcntl(NAME, F_SETFL, FLAGS)} with FLAGS
     * one of 0, O_NONBLOCK, O_ASYNC, O_NONBLOCK|O_ASYNC; {@code fcntl(NAME, F_SETSIG, SIG)} and
     * {@code fcntl(NAME, F_GETSIG)}; {@code ioctl(NAME, FIOASYNC, 0|1)}; {@code rt_sigtimedwait(SIGIO, 0)} returning SIGIO or -1 EAGAIN,
     * {@code rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0)} also SIGRTMIN+3, {@code rt_sigtimedwait(SIGURG|SIGIO|SIGRTMIN+3, 0)}
     * also SIGURG; {@code send(NAME, 1, MSG_OOB) = 1}; every trace takes signals.
     */
    private static final String RT = kpath.uapi.Signal.text(LibcSignal.SIG_RT);

    private static void assertSignalLines(List<Event> events) {
        int takes = 0;
        for (Event e : events) {
            if (!(e instanceof Event.Syscall s)) {
                continue;
            }
            switch (s.name()) {
                case "fcntl" -> {
                    if (s.args().get(1).equals("F_GETOWN_EX")) {
                        assertEquals(List.of("0"), List.of(s.result().value()), s.toString());
                        continue;
                    }
                    if (s.args().get(1).equals("F_GETOWN")) {
                        assertTrue(List.of("0", "main").contains(s.result().value()), s.toString());
                        continue;
                    }
                    if (s.args().get(1).equals("F_GETSIG")) {
                        assertEquals(2, s.args().size(), s.toString());
                        assertTrue(List.of("0", RT, "SIGIO").contains(s.result().value()), s.toString());
                        continue;
                    }
                    assertEquals(3, s.args().size(), s.toString());
                    switch (s.args().get(1)) {
                        case "F_SETSIG" -> assertTrue(List.of("0", RT, "SIGIO", "65").contains(s.args().get(2)), s.toString());
                        case "F_SETOWN_EX" -> assertEquals("F_OWNER_TID", s.args().get(2), s.toString());
                        case "F_SETFL" -> assertTrue(List.of("0", "O_NONBLOCK", "O_ASYNC", "O_NONBLOCK|O_ASYNC")
                                .contains(s.args().get(2)), s.toString());
                        default -> fail("unexpected fcntl " + s);
                    }
                    assertTrue(s.result().isError() || s.result().value().equals("0"), s.toString());
                }
                case "rt_sigtimedwait" -> {
                    takes++;
                    assertTrue(List.of(List.of("SIGIO", "0"), List.of("SIGIO|" + RT, "0"), List.of("SIGURG|SIGIO|" + RT, "0"))
                            .contains(s.args()), s.toString());
                    assertTrue(s.result().value().equals("SIGIO") || s.result().value().equals(RT) && s.args().get(0).contains(RT)
                            || s.result().value().equals("SIGURG") && s.args().get(0).startsWith("SIGURG|")
                            || s.result().errno().orElse("").equals("EAGAIN"), s.toString());
                }
                case "send" -> {
                    assertEquals(List.of("1", "MSG_OOB"), s.args().subList(1, 3), s.toString());
                    assertEquals("1", s.result().value(), s.toString());
                }
                case "ioctl" -> {
                    assertEquals(List.of("FIOASYNC"), s.args().subList(1, 2), s.toString());
                    assertTrue(List.of("0", "1").contains(s.args().get(2)), s.toString());
                    assertTrue(s.result().errno().orElse("").equals("ENOTTY") || s.result().value().equals("0"), s.toString());
                }
                default -> {
                }
            }
        }
        assertTrue(takes > 0, "the trace takes signals");
    }
}
