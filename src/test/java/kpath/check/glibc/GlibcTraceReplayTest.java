package kpath.check.glibc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import kpath.check.CheckReport;
import kpath.check.SpecText;
import kpath.check.TlcRejection;
import kpath.kernel.glibc.GlibcScenarios;
import kpath.model.IoModel;
import kpath.trace.Event;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The glibc battery is committed, one trace per scenario (each checked against its golden output by
 * kpath.cli.GoldenOutputTest), each claiming the two-phase row the table gives aio_read; and each
 * wrong belief about glibc's POSIX AIO — "it is kernel-asynchronous", "aio_read blocks the
 * caller", "the helper waits some other way", "aio_suspend waits on the fd", "a running request can
 * be cancelled", "the callback runs on the helper", "a second request on the fd gets its own
 * thread", "the completion signal is not SI_ASYNCIO" — written into a trace as its claim or an observation is rejected by both checkers
 * because of the line that shows otherwise, the Java model for the stated reason.
 */
@ExtendWith(TlcRejection.class)
class GlibcTraceReplayTest {

    static final Path DIR = Path.of("traces", "glibc");
    static final Path READ = DIR.resolve("glibc-aio-read-pipe.trace");
    static final Path CANCEL = DIR.resolve("glibc-aio-cancel-queued-behind-running.trace");
    static final Path SIGNAL = DIR.resolve("glibc-aio-sigev-signal.trace");

    @Test
    void theBatteryIsCommittedAndClaimsWhatTheTableSays() throws Exception {
        try (Stream<Path> s = Files.list(DIR)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".trace")).sorted().toList();
            assertEquals(GlibcScenarios.all().stream().map(x -> x.name() + ".trace").sorted().toList(), names);
        }
        for (Path p : List.of(READ, CANCEL, SIGNAL)) {
            Trace t = TraceReader.read(p);
            Event.Observation api = t.events().stream().filter(e -> e instanceof Event.Observation o && o.what().equals("api"))
                    .map(e -> (Event.Observation) e).findFirst().orElseThrow();
            assertEquals(IoModel.GLIBC.get(api.values().get("call")), List.of(api.values().get("model"), api.values().get("waiter")), p.toString());
            assertTrue(new GlibcBinding().replay(t, p.toString()).accepted(), p::toString);
        }
    }

    /** Both checkers reject the edit because of its line: the Java model stops there for {@code reason}, TLC too. */
    static void rejectedByBoth(String[] e, String reason) throws Exception {
        int line = Integer.parseInt(e[1]);
        GlibcBinding b = new GlibcBinding();
        CheckReport r = b.replay(TraceReader.parse(e[0], "edited.trace"), "edited.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(line, r.divergenceLine(), r::text);
        assertTrue(r.text().contains(reason), r::text);
        TlcRejection.atLine(b, e[0], line);
    }

    static String[] at(String[] e, String marker) {
        String[] ls = e[0].split("\n");
        for (int i = 0; i < ls.length; i++) {
            if (ls[i].contains(marker)) {
                return new String[] {e[0], String.valueOf(i + 1)};
            }
        }
        throw new AssertionError("no line with " + marker);
    }

    @Test
    void posixAioClaimedKernelAsynchronousIsRejectedWhereAHelperIsMade() throws Exception {
        // P-01, P-09: the belief "POSIX AIO is kernel AIO": no thread would be made, yet aio_read made one.
        String[] e = SpecText.edit(READ, "observe api(r0)", 1, "observe api(r0) call=aio_read model=asynchronous waiter=none sigev=none");
        rejectedByBoth(at(e, "reqprio=0 "), "under this claim no thread would be made for it");
    }

    @Test
    void aKernelAioRingThatIsNotThereIsRejected() throws Exception {
        // P-09: the same belief as an observation: an /[aio] mapping beside glibc's helper.
        rejectedByBoth(SpecText.edit(READ, "observe kernel(r0)", 1, "observe kernel(r0) io_uring=0 aio=1"),
                "an io_uring or AIO ring exists, yet the claim is not asynchronous");
    }

    @Test
    void aioReadClaimedBlockingOnTheCallerIsRejected() throws Exception {
        // P-01: the belief "aio_read blocks its caller": it returned 0 with the request in progress.
        String[] e = SpecText.edit(READ, "observe api(r0)", 1, "observe api(r0) call=aio_read model=blocking waiter=caller sigev=none");
        rejectedByBoth(at(e, "reqprio=0 "), "the caller is the waiter, so its aio_read cannot return before the data");
    }

    @Test
    void aHelperWaitingOtherThanInReadIsRejected() throws Exception {
        // P-02: the belief "the helper waits for a kernel completion": it sleeps in read(2) on the pipe.
        rejectedByBoth(SpecText.edit(READ, "observe task(helper0)", 1,
                "observe task(helper0) comm=kpath-aio state=S wchan=read_events syscall=io_getevents fd=r0 count=100"),
                "a helper thread sleeps in other on the pipe, which is not how the blocking model waits here");
    }

    @Test
    void aResultStillInProgressAfterTheDataIsRejected() throws Exception {
        // P-03: after the write aio_error is 0 and aio_return the byte count.
        rejectedByBoth(SpecText.edit(READ, "observe done(cb0)", 1, "observe done(cb0) error=EINPROGRESS return=0"),
                "aio_error/aio_return of the first request say inprogress");
    }

    @Test
    void anInvalidReqprioRefusedOtherThanEinvalIsRejected() throws Exception {
        // P-04: reqprio 21 is EINVAL, before any thread is made.
        rejectedByBoth(SpecText.edit(READ, "observe queued(cb0)", 1,
                "observe queued(cb0) reqprio=21 ret=-1 errno=EAGAIN error=EAGAIN helpers=0"),
                "glibc refuses it with EINVAL before any thread is made");
    }

    @Test
    void aioSuspendWaitingOnThePipeIsRejected() throws Exception {
        // P-07: the belief "aio_suspend waits on the fd": it waits on a futex of glibc's.
        rejectedByBoth(SpecText.edit(READ, "observe task(caller)", 1,
                "observe task(caller) comm=kpath-aio state=S wchan=anon_pipe_read syscall=read fd=r0 count=100"),
                "a caller thread sleeps in read on the pipe, which is not how the blocking model waits here");
    }

    @Test
    void aioSuspendThatFailsAfterTheCompletionIsRejected() throws Exception {
        rejectedByBoth(SpecText.edit(READ, "observe suspended(caller)", 1, "observe suspended(caller) ret=-1 errno=EAGAIN"),
                "aio_suspend failed, yet the request it waits for was done");
    }

    @Test
    void aSecondHelperForTheSameFdIsRejected() throws Exception {
        // P-01: requests on one fd run one at a time: no thread for the second.
        rejectedByBoth(SpecText.edit(CANCEL, "observe queued(cb1)", 1,
                "observe queued(cb1) reqprio=0 ret=0 error=EINPROGRESS helpers=2"),
                "the second request on the fd with 2 helper(s) there");
    }

    @Test
    void cancellingTheRunningRequestIsRejected() throws Exception {
        // P-08: a request a helper works on is AIO_NOTCANCELED.
        rejectedByBoth(SpecText.edit(CANCEL, "observe cancel(cb0)", 1, "observe cancel(cb0) ret=AIO_CANCELED"),
                "aio_cancel of the first request answered AIO_CANCELED");
    }

    @Test
    void theQueuedRequestNotCancelledIsRejected() throws Exception {
        rejectedByBoth(SpecText.edit(CANCEL, "observe cancel(cb1)", 1, "observe cancel(cb1) ret=AIO_NOTCANCELED"),
                "aio_cancel of the second request answered AIO_NOTCANCELED");
    }

    @Test
    void theCallbackOnTheHelperIsRejected() throws Exception {
        // P-05: each callback runs on a new thread, not on the helper that did the read.
        rejectedByBoth(SpecText.edit(CANCEL, "observe notify(cb0)", 1, "observe notify(cb0) thread=helper0 fresh=0"),
                "the first request's callback ran on a not new helper thread");
    }

    @Test
    void aSignalNotBlockedEverywhereIsRejected() throws Exception {
        // P-06: a process-directed signal reaches rt_sigtimedwait only when no thread can take it first.
        rejectedByBoth(SpecText.edit(SIGNAL, "observe sigmask(r0)", 1, "observe sigmask(r0) signo=SIGRTMIN+3 threads=21 blocking=20"),
                "the completion signal is not blocked in every thread");
    }

    @Test
    void aSignalWithAnotherSiCodeIsRejected() throws Exception {
        // P-06: glibc's rt_sigqueueinfo sets si_code SI_ASYNCIO (not SI_QUEUE, -1) and si_pid its own.
        rejectedByBoth(SpecText.edit(SIGNAL, "observe signal(cb0)", 1, "observe signal(cb0) signo=SIGRTMIN+3 code=-1 pid=self"),
                "without si_code SI_ASYNCIO from this process");
    }

    @Test
    void aTraceThatEndsBeforeTheSignalIsRejectedAtTheEnd() throws Exception {
        String text = Files.readString(SIGNAL).replaceAll("(?m)^\\+\\S+ observe signal\\(cb0\\).*\\n", "");
        CheckReport r = new GlibcBinding().replay(TraceReader.parse(text, "cut.trace"), "cut.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(-1, r.divergenceLine());
        assertEquals("REJECTED", new GlibcBinding().tlc(TraceReader.parse(text, "cut.trace"), "cut.trace", Duration.ofMinutes(2)).verdict());
    }

    @Test
    void aTraceThatEndsBeforeTheResultIsRejectedAtTheEnd() throws Exception {
        String text = Files.readString(READ).replaceAll("(?m)^\\+\\S+ observe done\\(cb0\\).*\\n", "");
        CheckReport r = new GlibcBinding().replay(TraceReader.parse(text, "cut.trace"), "cut.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(-1, r.divergenceLine());
        assertTrue(r.text().contains("the trace ends before the first request's result was read"), r::text);
        assertEquals("REJECTED", new GlibcBinding().tlc(TraceReader.parse(text, "cut.trace"), "cut.trace", Duration.ofMinutes(2)).verdict());
    }
}
