package kpath.check.readiness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.model.proc.ProcState;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Java readiness checker alone on edited twins of committed traces (no TLC, so PIT runs these
 * against every mutant): where it rejects and why, when a timer may fire, and which observe lines
 * it refuses to read. {@link ReadinessTraceReplayTest} checks edits of the same kind against both checkers.
 */
class ReadinessTraceCheckerExamples {

    static final Path DIR = ReadinessTraceReplayTest.DIR;
    static final Path WAITERS = ReadinessTraceReplayTest.ET_WAITERS;
    static final Path TIMEOUTS = DIR.resolve("waits-time-out.trace");
    static final Path EVENTFD = DIR.resolve("eventfd-counter-readiness.trace");
    static final Path BLOCKING = DIR.resolve("blocking-read-wait-then-copy.trace");

    static CheckReport java(String text) throws Exception {
        return ReadinessTraceChecker.check(TraceReader.parse(text, "edited.trace"), "edited.trace");
    }

    /** The edit {@code e} (text, line) is rejected at its line, for the reason {@code says}. */
    static void rejected(String[] e, String says) throws Exception {
        CheckReport r = java(e[0]);
        assertFalse(r.accepted(), r::text);
        assertEquals(Integer.parseInt(e[1]), r.divergenceLine(), r::text);
        assertTrue(r.text().contains(says), () -> "the report should say '" + says + "':\n" + r.text());
    }

    static String[] edit(Path trace, String marker, String replacement) throws Exception {
        return ReadinessTraceReplayTest.edit(trace, marker, 1, replacement);
    }

    /** The message with which {@link ReadinessTraceChecker#validate} refuses the edit {@code e}. */
    static String invalid(String[] e) {
        return assertThrows(CheckException.class,
                () -> ReadinessTraceChecker.validate(TraceReader.parse(e[0], "edited.trace"), "edited.trace")).getMessage();
    }

    @Test
    void theUneditedTwinsAreValidAndAccepted() throws Exception {
        for (Path p : java.util.List.of(WAITERS, TIMEOUTS, EVENTFD, BLOCKING)) {
            String text = Files.readString(p);
            ReadinessTraceChecker.validate(TraceReader.parse(text, p.toString()), p.toString());
            CheckReport r = java(text);
            assertTrue(r.accepted(), r::text);
        }
    }

    @Nested
    class Tasks {
        @Test
        void aSleeperSeenRunningWithNoWakeupIsRejected() throws Exception {
            // /proc says t1 is asleep in epoll_wait; state R at once after, with no wake-up, cannot be
            String[] asleep = edit(WAITERS, "observe task(t1) state=S", "observe task(t1) state=S wchan=do_epoll_wait");
            java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(asleep[0].split("\n")));
            int at = Integer.parseInt(asleep[1]);
            String time = lines.get(at - 1).substring(0, lines.get(at - 1).indexOf(' '));
            lines.add(at, time + " observe task(t1) state=R wchan=0");
            rejected(new String[] {String.join("\n", lines) + "\n", String.valueOf(at + 1)},
                    "the model disagrees: the kernel has t1 running (state R), the model asleep");
        }

        @Test
        void aSleepElsewhereSaysNothingOfTheCall() throws Exception {
            // woken by the write, t1 is not asleep in read; a sleep in some other function is not evidence against that
            String[] e = edit(BLOCKING, "write(s1, 3) = 3", "write(s1, 3) = 3");
            java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(e[0].split("\n")));
            int at = Integer.parseInt(e[1]);
            String time = lines.get(at - 1).substring(0, lines.get(at - 1).indexOf(' '));
            lines.add(at, time + " observe task(t1) state=S wchan=futex_wait_queue");
            CheckReport r = java(String.join("\n", lines) + "\n");
            assertTrue(r.accepted(), r::text);
        }

        @Test
        void aTaskSeenAsleepInIoCqringWaitIsAsleepInIoUringEnter() throws Exception {
            // after the second write both CQEs are in the ring: t1 is woken, so /proc cannot show it asleep
            Path enter = Path.of("traces", "completion", "io-uring-enter-getevents-sleeps.trace");
            assertTrue(java(Files.readString(enter)).accepted());
            String[] e = edit(enter, "write(w1, 1) = 1", "write(w1, 1) = 1");
            java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(e[0].split("\n")));
            int at = Integer.parseInt(e[1]);
            String time = lines.get(at - 1).substring(0, lines.get(at - 1).indexOf(' '));
            lines.add(at, time + " observe task(t1) state=S wchan=io_cqring_wait");
            rejected(new String[] {String.join("\n", lines) + "\n", String.valueOf(at + 1)},
                    "the model disagrees: the kernel has t1 asleep in io_cqring_wait, the model RUNNING");
        }

        @Test
        void ioGeteventsSleepsInReadEventsAndIoUringEnterInIoCqringWait() {
            assertTrue(kpath.trace.Wchan.sleepsIn("io_getevents", "read_events"));
            assertFalse(kpath.trace.Wchan.sleepsIn("io_getevents", "io_cqring_wait"));
            assertTrue(kpath.trace.Wchan.sleepsIn("io_uring_enter", "io_cqring_wait"));
            assertFalse(kpath.trace.Wchan.sleepsIn("io_uring_enter", "read_events"));
            assertTrue(kpath.trace.Wchan.sleepsIn("io_submit", "anon_pipe_read")); // aio_read: the file's read_iter
            assertTrue(kpath.trace.Wchan.sleepsIn("io_submit", "unix_stream_read_generic"));
            assertFalse(kpath.trace.Wchan.sleepsIn("io_submit", "read_events"));
            assertTrue(kpath.trace.Wchan.sleepsIn("io_destroy", "__x64_sys_io_destroy"));
            assertFalse(kpath.trace.Wchan.sleepsIn("io_destroy", "anon_pipe_read"));
            kpath.trace.Event.Observation d = new kpath.trace.Event.Observation(1, 0, "task", java.util.Optional.of("t2"),
                    new java.util.LinkedHashMap<>(Map.of("state", "D", "wchan", "__x64_sys_io_destroy")));
            assertEquals(ReadinessTraceChecker.Sight.ASLEEP, ReadinessTraceChecker.sight(new kpath.model.proc.ProcAction.IoDestroy("a0"), d),
                    "io_destroy's wait_for_completion is uninterruptible");
            kpath.trace.Event.Observation dRead = new kpath.trace.Event.Observation(1, 0, "task", java.util.Optional.of("t1"),
                    new java.util.LinkedHashMap<>(Map.of("state", "D", "wchan", "anon_pipe_read")));
            assertEquals(ReadinessTraceChecker.Sight.NOTHING, ReadinessTraceChecker.sight(
                    new kpath.model.proc.ProcAction.IoSubmit("a0", java.util.List.of()), dRead), "only io_destroy sleeps in D");
            kpath.trace.Event.Observation o = new kpath.trace.Event.Observation(1, 0, "task", java.util.Optional.of("t1"),
                    new java.util.LinkedHashMap<>(Map.of("state", "S", "wchan", "read_events")));
            assertEquals(ReadinessTraceChecker.Sight.ASLEEP,
                    ReadinessTraceChecker.sight(new kpath.model.proc.ProcAction.IoGetevents("a0", 1, 4), o));
            assertEquals(ReadinessTraceChecker.Sight.NOTHING, ReadinessTraceChecker.sight(
                    new kpath.model.proc.ProcAction.IoUringEnter("u0", java.util.List.of(), 1, true), o));
        }

        @Test
        void aSightOfATaskInNoCallIsRejected() throws Exception {
            rejected(edit(WAITERS, "observe task(t1) state=S", "observe task(t9) state=S wchan=do_epoll_wait"),
                    "the model disagrees: t9 is in no call");
        }

        @Test
        void aTimerMayFireExactlyAtItsDeadline() throws Exception {
            // t1 -> epoll_wait(e0, 8, 100) at +0.001364: its timer may fire from +0.101364 on
            String text = Files.readString(TIMEOUTS);
            assertTrue(text.contains("+0.001364 t1 -> epoll_wait(e0, 8, 100)"));
            CheckReport r = java(text.replace("+0.101632 t1 <- 0", "+0.101364 t1 <- 0"));
            assertTrue(r.accepted(), r::text);
            String[] early = edit(TIMEOUTS, "t1 <- 0", "t1 <- 0");
            rejected(new String[] {early[0].replace("+0.101632 t1 <- 0", "+0.101363 t1 <- 0"), early[1]},
                    "the model disagrees");
        }

        @Test
        void aLinkTimeoutFiresOnlyOnceItsTimeHasPassedSinceTheCallThatArmedIt() throws Exception {
            String text = Files.readString(Path.of("traces", "completion", "io-uring-link-timeout.trace"));
            String armed = "+0.776042 t1 -> io_uring_enter(u0, POLL_ADD:1:r0:POLLIN:LINK+LINK_TIMEOUT:2:100, 2, IORING_ENTER_GETEVENTS)\n"
                    + "+0.784774 observe task(t1) state=S wchan=io_cqring_wait\n+0.922539 t1 <- 2\n+0.928177 observe reap";
            assertTrue(text.contains(armed));
            // a task's call began at its -> line: 100 ms on is +0.876042
            assertTrue(java(text.replace("+0.922539 t1 <- 2", "+0.876042 t1 <- 2")).accepted());
            assertFalse(java(text.replace("+0.922539 t1 <- 2", "+0.876041 t1 <- 2")).accepted());
            // a main-task call began after the line before it (pipe2 at +0.758087): 100 ms on is +0.858087
            String main = text.replace(armed, "+0.776042 io_uring_enter(u0, POLL_ADD:1:r0:POLLIN:LINK+LINK_TIMEOUT:2:100, 0, 0) = 2\n"
                    + "+0.858087 observe reap");
            CheckReport at = java(main);
            assertTrue(at.accepted(), at::text);
            CheckReport early = java(main.replace("+0.858087 observe reap", "+0.858086 observe reap"));
            assertFalse(early.accepted(), early::text);
            assertEquals(22, early.divergenceLine(), early::text);
            // only a LINK_TIMEOUT arms a timer: a NOP with the same user_data submitted later moves nothing
            String reused = text.replace(armed, "+0.776042 io_uring_enter(u0, POLL_ADD:1:r0:POLLIN:LINK+LINK_TIMEOUT:2:100, 0, 0) = 2\n"
                    + "+0.800000 io_uring_enter(u0, NOP:2, 0, 0) = 1\n+0.858087 observe reap(u0) cqes=2:0:0,2:-62:0,1:-125:0 sq_flags=0 cq_overflow=0\n"
                    + "+0.858088 observe reap").replace("+0.858088 observe reap(u0) cqes=2:-62:0,1:-125:0", "+0.858088 observe reap(u0) cqes=-");
            CheckReport nop = java(reused);
            assertTrue(nop.accepted(), nop::text);
            CheckReport nopEarly = java(reused.replace("+0.858087 observe reap", "+0.858086 observe reap"));
            assertFalse(nopEarly.accepted(), nopEarly::text);
            assertEquals(23, nopEarly.divergenceLine(), nopEarly::text);
        }

        @Test
        void hiddenStepsStopAtTheStateLimit() throws Exception {
            Set<ProcState> one = Set.of(ProcState.initial());
            assertEquals(one, ReadinessTraceChecker.hidden(one, Map.of(), 0, 1, "x: "));
            CheckException e = assertThrows(CheckException.class,
                    () -> ReadinessTraceChecker.hidden(one, Map.of(), 0, 0, "x: "));
            assertEquals("x: more than 0 model states: too many tasks at once", e.getMessage());
        }
    }

    static final Path SETSIG = ReadinessTraceReplayTest.SETSIG;

    @Nested
    class Signals {
        @Test
        void aSignalTheTraceCannotNameIsBadInput() throws Exception {
            String[] wait = edit(SETSIG, "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = -1 EAGAIN",
                    "rt_sigtimedwait(SIGIO|SIGFOO, 0) = -1 EAGAIN");
            assertEquals("edited.trace:" + wait[1] + ": a signal is SIGIO, SIGRTMIN+k or a number, not 'SIGFOO'", invalid(wait));
            String[] set = edit(SETSIG, "fcntl(r0, F_SETSIG, SIGRTMIN+3)", "fcntl(r0, F_SETSIG, SIGRTMIN+40) = 0");
            assertEquals("edited.trace:" + set[1] + ": a signal is SIGIO, SIGRTMIN+k or a number, not 'SIGRTMIN+40'", invalid(set));
        }

        @Test
        void aSiginfoWithoutAPollCodeOrASignalIsBadInput() throws Exception {
            String[] code = edit(SETSIG, "si_fd=r0d", "observe siginfo si_signo=SIGRTMIN+3 si_code=SI_USER si_fd=r0d si_band=POLLIN");
            assertEquals("edited.trace:" + code[1] + ": cannot read observe siginfo: si_code is a POLL_* reason or SI_KERNEL,"
                    + " not 'SI_USER'", invalid(code));
            String[] kernel = edit(SETSIG, "si_fd=r0d", "observe siginfo si_signo=SIGRTMIN+3 si_code=SI_KERNEL si_fd=r0d si_band=POLLIN");
            assertTrue(invalid(kernel).endsWith("a SI_KERNEL siginfo has no si_fd or si_band"), invalid(kernel));
            String[] signo = edit(SETSIG, "si_fd=r0d", "observe siginfo si_signo=SIGX si_code=POLL_IN si_fd=r0d si_band=POLLIN");
            assertTrue(invalid(signo).endsWith("si_signo is a signal (SIGURG, SIGIO, SIGRTMIN+k), not 'SIGX'"), invalid(signo));
            String[] band = edit(SETSIG, "si_fd=r0d", "observe siginfo si_signo=SIGRTMIN+3 si_code=POLL_IN si_fd=r0d");
            assertTrue(invalid(band).endsWith("it needs si_band="), invalid(band));
        }

        @Test
        void aSignalTakenOutOfOrderIsRejected() throws Exception {
            // next_signal takes the lowest number: plain SIGIO before the real-time signal
            String text = Files.readString(SETSIG);
            String[] e = edit(SETSIG, "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = SIGIO", "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = SIGRTMIN+3");
            assertTrue(text.contains("= SIGIO"));
            rejected(e, "model returns 29");
        }

        @Test
        void aGetsigThatForgetsTheSignalIsRejected() throws Exception {
            String[] e = edit(SETSIG, "fcntl(r0, F_GETSIG) = SIGRTMIN+3", "fcntl(r0, F_GETSIG) = 0");
            rejected(e, "model returns 35");
        }
    }

    @Nested
    class Observations {
        @Test
        void aPollSnapshotIsACallOfItsOwnSoItReplacesTheLastCopyOut() throws Exception {
            String[] e = edit(EVENTFD, "observe events(e0) v0=EPOLLOUT", "observe events(e0) v0=EPOLLOUT");
            java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(e[0].split("\n")));
            int at = Integer.parseInt(e[1]);
            String time = lines.get(at - 1).substring(0, lines.get(at - 1).indexOf(' '));
            lines.add(at, time + " observe poll(v0) revents=POLLOUT");
            lines.add(at + 1, time + " observe events(e0) v0=EPOLLOUT");
            rejected(new String[] {String.join("\n", lines) + "\n", String.valueOf(at + 2)}, "model copied out");
        }

        @Test
        void theStepsThemselvesNeedAPollOrTaskTarget() throws Exception {
            // validate() refuses these first; check() alone still names the line
            CheckException poll = assertThrows(CheckException.class,
                    () -> java(edit(EVENTFD, "observe poll(v0) revents=POLLOUT", "observe poll revents=POLLOUT")[0]));
            assertTrue(poll.getMessage().endsWith(": observe poll needs an fd: poll(r0)"), poll::getMessage);
            CheckException task = assertThrows(CheckException.class,
                    () -> java(edit(WAITERS, "observe task(t1) state=S", "observe task state=S")[0]));
            assertTrue(task.getMessage().endsWith(": observe task needs a task: task(t1)"), task::getMessage);
        }

        @Test
        void validationReadsEveryMaskAnObservationHolds() throws Exception {
            String[] events = edit(EVENTFD, "observe events(e0) v0=EPOLLOUT", "observe events(e0) v0=EPOLLBOGUS");
            assertTrue(invalid(events).startsWith("edited.trace:" + events[1] + ": observe events: "), invalid(events));
            String[] revents = edit(TIMEOUTS, "observe revents w0=POLLOUT", "observe revents w0=POLLBOGUS");
            assertTrue(invalid(revents).startsWith("edited.trace:" + revents[1] + ": observe revents: "), invalid(revents));
            String[] poll = edit(EVENTFD, "observe poll(v0) revents=POLLOUT", "observe poll(v0) revents=POLLBOGUS");
            assertTrue(invalid(poll).startsWith("edited.trace:" + poll[1] + ": observe poll: "), invalid(poll));
        }

        @Test
        void validationNamesWhatAnObservationLacks() throws Exception {
            String[] what = edit(EVENTFD, "observe read(v0) value=3", "observe weather(v0) value=3");
            assertEquals("edited.trace:" + what[1] + ": the readiness model cannot observe 'weather' (it reads "
                    + "[aio_events, aio_ring, events, fdsets, offsets, optval, owner, params, poll, publish, read, reap, revents, siginfo, sq, task])", invalid(what));
            String[] target = edit(EVENTFD, "observe poll(v0) revents=POLLOUT", "observe poll revents=POLLOUT");
            assertEquals("edited.trace:" + target[1] + ": observe poll needs a target: poll(x)", invalid(target));
            String[] read = edit(EVENTFD, "observe read(v0) value=3", "observe read(v0) value=-3");
            assertEquals("edited.trace:" + read[1] + ": observe read needs value=<the unsigned 64-bit number read>",
                    invalid(read));
            String[] state = edit(WAITERS, "observe task(t1) state=S", "observe task(t1) state=Q wchan=0");
            assertTrue(invalid(state).startsWith("edited.trace:" + state[1] + ": observe task needs state="), invalid(state));
        }
    }

    @Test
    void theOneArgumentEventfdIsABlockingCounter() throws Exception {
        // eventfd(2) has no flags argument: the same counter as eventfd(0, 0)
        CheckReport r = java(Files.readString(BLOCKING).replace("eventfd(0, 0) = v0:6", "eventfd(0) = v0:6"));
        assertTrue(r.accepted(), r::text);
    }
}
