package kpath.check.readiness;

import kpath.check.CheckReport;
import kpath.check.TlcRejection;
import kpath.check.CheckException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every readiness trace captured on the kernel and committed under traces/readiness/ is
 * explained by the Java model and by specs/Readiness.tla; traces edited the way a wrong belief
 * about edge triggering or select would write them are rejected. Method: replay with both checkers.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class ReadinessTraceReplayTest {

    static final Path DIR = Path.of("traces", "readiness");
    static final Path ET = DIR.resolve("epoll-et-socketpair-once-per-arrival.trace");

    static List<Path> traces() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        }
    }

    @Test
    void theBatteryIsCommitted() throws IOException {
        List<String> names = traces().stream().map(p -> p.getFileName().toString()).toList();
        List<String> battery = kpath.kernel.readiness.ReadinessScenarios.all().stream().map(s -> s.name() + ".trace")
                .sorted().toList();
        assertEquals(battery, names, "traces/readiness holds one trace per scenario of the battery, and no other"
                + " (./kpath capture SCENARIO)");
    }

    // Each committed trace is checked by both checkers against its golden output: kpath.cli.GoldenOutputTest.

    static String[] edit(Path trace, String marker, int nth, String replacement) throws IOException {
        return kpath.check.SpecText.edit(trace, marker, nth, replacement);
    }

    /** Both checkers reject the edit {@code e} at its line; the Java model's report says {@code reason}. */
    static void rejectedByBoth(String[] e, String reason) throws Exception {
        int line = Integer.parseInt(e[1]);
        CheckReport r = ReadinessTraceChecker.check(TraceReader.parse(e[0], "edited.trace"), "edited.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(line, r.divergenceLine(), r::text);
        assertTrue(r.text().contains(reason), r::text);
        TlcRejection.atLine(new ReadinessBinding(), e[0], line);
    }

    @Test
    void anEdgeTriggeredItemReportedTwiceForOneArrivalIsRejected() throws Exception {
        // The belief "ET reports while data is unread" would make the second wait return 1.
        String[] e = edit(ET, "epoll_wait(e0, 8, 0) = 0", 1, "epoll_wait(e0, 8, 0) = 1");
        rejectedByBoth(e, "model returns 0");
    }

    @Test
    void aSecondArrivalThatReportsNothingIsRejected() throws Exception {
        // The belief "ET only fires on empty → non-empty" would make the wait after the second write return 0.
        String[] e = edit(ET, "epoll_wait(e0, 8, 0) = 1", 2, "epoll_wait(e0, 8, 0) = 0");
        rejectedByBoth(e, "model returns 1");
    }

    @Test
    void aSelectThatCountsFdsInsteadOfBitsIsRejected() throws Exception {
        Path sel = DIR.resolve("select-poll-epoll-agree.trace");
        String text = Files.readString(sel);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(select\\([^)]*\\)) = (\\d+)").matcher(text);
        assertTrue(m.find(), sel + " has no successful select");
        String edited = text.substring(0, m.start()) + m.group(1) + " = " + (Integer.parseInt(m.group(2)) + 1)
                + text.substring(m.end());
        int line = text.substring(0, m.start()).split("\n", -1).length;
        CheckReport r = ReadinessTraceChecker.check(TraceReader.parse(edited, "edited.trace"), "edited.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(line, r.divergenceLine(), r::text);
        assertTrue(r.text().contains("model returns " + m.group(2)), r::text);
        TlcRejection.atLine(new ReadinessBinding(), edited, line);
    }

    @Test
    void aNullReadOfAnEmptyPipeFailingLikeAOneByteReadIsRejected() throws Exception {
        // fs/pipe.c pipe_read: "Null read succeeds" before the EAGAIN of an empty pipe.
        String[] e = edit(DIR.resolve("pipe-ends-hup-and-err.trace"), "read(r0, 0) = 0", 1, "read(r0, 0) = -1 EAGAIN");
        rejectedByBoth(e, "model returns 0");
    }

    // ---- F_SETSIG: beliefs about real-time signals ----

    static final Path SETSIG = DIR.resolve("sigio-setsig-queues-rt-signals.trace");

    @Test
    void aRealTimeSignalCoalescedLikeSigioIsRejected() throws Exception {
        // The belief "signal-driven I/O is pending once, whatever the signal": the second wait after
        // two writes would find nothing. kernel/signal.c: only a standard signal meets legacy_queue.
        String[] e = edit(SETSIG, "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = SIGRTMIN+3", 2,
                "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = -1 EAGAIN");
        rejectedByBoth(e, "model returns 35");
    }

    @Test
    void siFdNamingTheFcntlSetsigFdIsRejected() throws Exception {
        // The belief "si_fd is the fd F_SETSIG was called on" (r0): fasync_helper records the fd of
        // the F_SETFL that set O_ASYNC (r0d), and closing r0d does not change it.
        String[] e = edit(SETSIG, "si_fd=r0d", 1,
                "observe siginfo si_signo=SIGRTMIN+3 si_code=POLL_IN si_fd=r0 si_band=POLLIN|POLLRDNORM");
        rejectedByBoth(e, "model copied out si_signo=SIGRTMIN+3 si_code=POLL_IN si_fd=r0d");
    }

    static final Path SETSIG_SIGIO = DIR.resolve("sigio-setsig-sigio-and-fioasync.trace");

    @Test
    void sigioChosenWithSetsigQueuedLikeARealTimeSignalIsRejected() throws Exception {
        // The belief "a signal with a siginfo queues": SIGIO stays a standard signal (legacy_queue),
        // so the read's POLL_OUT for w0 is lost while the write's POLL_IN is pending.
        String[] e = edit(SETSIG_SIGIO, "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = -1 EAGAIN", 2,
                "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = SIGIO");
        rejectedByBoth(e, "model returns -1 EAGAIN");
    }

    @Test
    void anOwnerBeforeFSetownExReadByFGetownIsRejected() throws Exception {
        // The belief "a file is owned by the thread that opened it": F_GETOWN is 0 until F_SETOWN_EX.
        String[] e = edit(SETSIG_SIGIO, "fcntl(r0, F_GETOWN) = 0", 1, "fcntl(r0, F_GETOWN) = main");
        rejectedByBoth(e, "model returns 0");
    }

    @Test
    void fioasyncOnAnEventfdAfterSetflAsyncIsNotEnottyIsRejected() throws Exception {
        // The belief "F_SETFL O_ASYNC sets FASYNC on any file": then FIOASYNC 1 would change nothing
        // (0); only ->fasync sets it (fs/fcntl.c setfl), and an eventfd has none.
        String[] e = edit(SETSIG_SIGIO, "ioctl(v0, FIOASYNC, 1) = -1 ENOTTY", 2, "ioctl(v0, FIOASYNC, 1) = 0");
        rejectedByBoth(e, "model returns -1 ENOTTY");
    }

    // ---- O_ASYNC on TCP: beliefs about sk_wake_async ----

    static final Path TCP_ARRIVAL = DIR.resolve("sigio-tcp-signal-per-arrival.trace");
    static final String RT_TAKEN = "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = SIGRTMIN+3";
    static final String RT_NONE = "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = -1 EAGAIN";

    @Test
    void aTcpSignalOnlyWhenTheReceiveQueueWasEmptyIsRejected() throws Exception {
        // The belief "SIGIO is edge-triggered on empty -> non-empty" (catalogue S-02 says per arrival):
        // the second of three unread sends would signal nothing. tcp_data_ready runs per segment.
        String[] e = edit(TCP_ARRIVAL, RT_TAKEN, 4, RT_NONE);
        rejectedByBoth(e, "model returns 35");
    }

    @Test
    void oneSignalPerFinIsRejected() throws Exception {
        // The belief "a FIN is one event": tcp_fin's sk_wake_async and tcp_data_ready's sock_def_readable
        // both ask for POLL_IN.
        String[] e = edit(TCP_ARRIVAL, RT_TAKEN, 8, RT_NONE);
        rejectedByBoth(e, "model returns 35");
    }

    @Test
    void aFinToASocketShutBothWaysReportedAsPollInIsRejected() throws Exception {
        // The belief "a FIN is POLL_IN": tcp_fin sends POLL_HUP once the socket is shut both ways.
        String[] e = edit(TCP_ARRIVAL, "si_code=POLL_HUP si_fd=c0", 1,
                "observe siginfo si_signo=SIGRTMIN+3 si_code=POLL_IN si_fd=c0 si_band=POLLIN|POLLRDNORM");
        rejectedByBoth(e, "model copied out si_signo=SIGRTMIN+3 si_code=POLL_HUP si_fd=c0");
    }

    static final Path TCP_WAITER = DIR.resolve("sigio-tcp-waiting-reader-suppresses-signal.trace");

    @Test
    void aTcpSignalWhileAReaderWaitsInSkWaitDataIsRejected() throws Exception {
        // The belief "a blocked reader does not stop SIGIO" (or AF_UNIX's race, where the woken reader
        // may clear the bit first): on TCP the bit is tested under the socket lock the reader needs.
        String[] e = edit(TCP_WAITER, RT_NONE, 2, RT_TAKEN);
        rejectedByBoth(e, "model returns -1 EAGAIN");
    }

    @Test
    void aRstSuppressedByAWaitingReaderIsRejected() throws Exception {
        // The belief "a waiting reader suppresses every socket signal": sock_def_error_report asks for
        // SOCK_WAKE_IO, which sock_wake_async never skips.
        String[] e = edit(TCP_WAITER, RT_TAKEN, 2, RT_NONE);
        rejectedByBoth(e, "model returns 35");
    }

    @Test
    void aFinSignalledDespiteAWaitingReaderIsRejected() throws Exception {
        // The belief "only data is suppressed": tcp_fin's POLL_IN is SOCK_WAKE_WAITD too.
        String[] e = edit(TCP_WAITER, RT_NONE, 4, RT_TAKEN);
        rejectedByBoth(e, "model returns -1 EAGAIN");
    }

    static final Path RT_FULL = DIR.resolve("sigio-rt-queue-full-falls-back-to-sigio.trace");

    @Test
    void aRealTimeSignalOverTheLimitQueuedOrLostIsRejected() throws Exception {
        // The beliefs "the real-time queue only grows" and "over the limit the signal is lost": either
        // way the first wait would take SIGRTMIN+3; send_sigio_to_task sent plain SIGIO instead.
        String[] e = edit(RT_FULL, "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = SIGIO", 1,
                "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = SIGRTMIN+3");
        rejectedByBoth(e, "model returns 29");
    }

    @Test
    void anOwnerBeforeFSetownExIsRejected() throws Exception {
        // The belief "a file is owned by the process that opened it": F_GETOWN_EX before F_SETOWN_EX
        // would name this thread; the kernel's f_owner has no pid until F_SETOWN_EX.
        String[] e = edit(SETSIG, "observe owner type=F_OWNER_TID pid=0", 1, "observe owner type=F_OWNER_TID pid=main");
        rejectedByBoth(e[0], Integer.parseInt(e[1]));
    }

    @Test
    void aHangupBandWithoutErrIsRejected() throws Exception {
        // The belief "si_band is the POLLHUP the file's poll reports": band_table[POLL_HUP] is POLLHUP|POLLERR.
        String[] e = edit(SETSIG, "si_band=POLLERR|POLLHUP", 1,
                "observe siginfo si_signo=SIGRTMIN+3 si_code=POLL_HUP si_fd=s0 si_band=POLLHUP");
        rejectedByBoth(e[0], Integer.parseInt(e[1]));
    }

    // ---- sleeping tasks: beliefs about who a wake-up wakes ----

    static final Path ET_WAITERS = DIR.resolve("epoll-wait-et-wakes-one-of-two.trace");

    /** Both checkers reject {@code text} at line {@code line}. */
    private static void rejectedByBoth(String text, int line) throws Exception {
        CheckReport r = ReadinessTraceChecker.check(TraceReader.parse(text, "edited.trace"), "edited.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(line, r.divergenceLine(), r::text);
        TlcRejection.atLine(new ReadinessBinding(), text, line);
    }

    @Test
    void anEdgeTriggeredArrivalReportedToBothSleepersIsRejected() throws Exception {
        // The belief "every sleeper wakes" (a herd) would let the second task return the event too.
        String[] e = edit(ET_WAITERS, "t1 <- 0", 1, "t1 <- 1");
        rejectedByBoth(e[0], Integer.parseInt(e[1]));
    }

    @Test
    void theFirstSleeperTakingTheEventIsRejected() throws Exception {
        // The belief "ep->wq is first come, first served": the kernel wakes the newest sleeper.
        String[] a = edit(ET_WAITERS, "t2 <- 1", 1, "t1 <- 1");
        Path tmp = Files.createTempFile("kpath-edited", ".trace");
        try {
            Files.writeString(tmp, a[0]);
            String[] b = edit(tmp, "t1 <- 0", 1, "t2 <- 0");
            rejectedByBoth(b[0], Integer.parseInt(a[1]));
        } finally {
            Files.delete(tmp);
        }
    }

    @Test
    void aTimeoutBeforeItsDeadlineIsRejected() throws Exception {
        // t1's 300 ms timer cannot have fired 0.1 ms after the write: the timestamp rule.
        String text = Files.readString(ET_WAITERS);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\+(\\d+\\.\\d+) t2 <- 1").matcher(text);
        assertTrue(m.find(), ET_WAITERS + " has no 't2 <- 1'");
        String early = String.format(java.util.Locale.ROOT, "+%.6f", Double.parseDouble(m.group(1)) + 0.0002);
        String[] e = edit(ET_WAITERS, "t1 <- 0", 1, "t1 <- 0");
        List<String> lines = new java.util.ArrayList<>(List.of(e[0].split("\n")));
        int at = Integer.parseInt(e[1]) - 1;
        lines.set(at, early + lines.get(at).substring(lines.get(at).indexOf(' ')));
        rejectedByBoth(String.join("\n", lines) + "\n", at + 1);
    }

    @Test
    void anExclusiveWakeupReachingBothInstancesIsRejected() throws Exception {
        // The belief "EPOLLEXCLUSIVE only limits waiters within one epoll": both instances would wake.
        Path ex = DIR.resolve("epoll-exclusive-wakes-one-instance.trace");
        String[] e = edit(ex, "t2 <- 0", 1, "t2 <- 1");
        rejectedByBoth(e[0], Integer.parseInt(e[1]));
    }

    @Test
    void aSleeperSeenRunningWithNoWakeupIsRejected() throws Exception {
        // /proc says t1 is asleep in epoll_wait; seen running (state R) at the same moment, with no
        // wake-up and its timer not due, it cannot be: observe task reads R as "not asleep"
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(ET_WAITERS));
        int at = -1;
        for (int i = 0; i < lines.size() && at < 0; i++) {
            if (lines.get(i).contains("observe task(t1) state=S")) {
                at = i;
            }
        }
        assertTrue(at >= 0, ET_WAITERS + " has no sight of t1 asleep");
        String asleep = lines.get(at);
        lines.add(at + 1, asleep.substring(0, asleep.indexOf(' ')) + " observe task(t1) state=R wchan=0");
        String text = String.join("\n", lines) + "\n";
        CheckReport r = ReadinessTraceChecker.check(TraceReader.parse(text, "edited.trace"), "edited.trace");
        assertTrue(r.text().contains("the kernel has t1 running (state R), the model asleep"), r::text);
        rejectedByBoth(text, at + 2);
    }

    @Test
    void aTaskStateProcDoesNotKnowIsBadInput() throws Exception {
        String[] e = edit(ET_WAITERS, "observe task(t1) state=S", 1, "observe task(t1) state=Q wchan=0");
        CheckException x = assertThrows(CheckException.class,
                () -> ReadinessTraceChecker.validate(TraceReader.parse(e[0], "edited.trace"), "edited.trace"));
        assertTrue(x.getMessage().startsWith("edited.trace:" + e[1] + ": observe task needs state="), x::getMessage);
    }
}
