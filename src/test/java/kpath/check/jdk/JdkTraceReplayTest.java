package kpath.check.jdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import kpath.check.CheckReport;
import kpath.check.TlcTraceValidator;
import kpath.kernel.jdk.JdkScenarios;
import kpath.model.IoModel;
import kpath.trace.Event;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The jdk battery is committed, one trace per scenario (each checked against its golden output by
 * kpath.cli.GoldenOutputTest), each claiming the two-phase row the table gives its API; and each
 * wrong belief about the JDK — "AsynchronousSocketChannel is kernel-asynchronous", "Socket's
 * InputStream.read does not block", "a second read is tried in the kernel", "a closed socket stays
 * in the JDK's epoll file", "a read timeout disarms the poll" — written into a trace as its claim or
 * an observation is rejected by both checkers because of the line that shows otherwise, the Java
 * model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class JdkTraceReplayTest {

    static final Path DIR = Path.of("traces", "jdk");
    static final Path ASYNC = DIR.resolve("jdk-asynchronous-socket-channel-read.trace");
    static final Path FIXED = DIR.resolve("jdk-asynchronous-socket-channel-read-fixed-pool.trace");
    static final Path SOCKET = DIR.resolve("jdk-socket-inputstream-read.trace");
    static final Path SELECTOR = DIR.resolve("jdk-selector-select.trace");
    static final Path TIMED = DIR.resolve("jdk-socket-inputstream-read-with-timeout.trace");
    static final Path SECOND = DIR.resolve("jdk-asynchronous-socket-channel-second-read.trace");
    static final Path CLOSED = DIR.resolve("jdk-asynchronous-socket-channel-close-pending-read.trace");
    static final Path TIMEOUT = DIR.resolve("jdk-asynchronous-socket-channel-read-timeout.trace");

    @Test
    void theBatteryIsCommittedAndClaimsWhatTheTableSays() throws Exception {
        try (Stream<Path> s = Files.list(DIR)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".trace")).sorted().toList();
            assertEquals(JdkScenarios.all().stream().map(x -> x.name() + ".trace").sorted().toList(), names);
        }
        List<String> claimed = new java.util.ArrayList<>();
        for (Path p : List.of(ASYNC, FIXED, SOCKET, TIMED, SELECTOR, SECOND, CLOSED, TIMEOUT)) {
            Trace t = TraceReader.read(p);
            Event.Observation api = t.events().stream().filter(e -> e instanceof Event.Observation o && o.what().equals("api"))
                    .map(e -> (Event.Observation) e).findFirst().orElseThrow();
            String key = api.values().get("call") + (api.values().getOrDefault("so_timeout", "0").equals("0") ? "" : "+SO_TIMEOUT");
            claimed.add(key);
            assertEquals(IoModel.JDK.get(key), List.of(api.values().get("model"), api.values().get("waiter")), p.toString());
        }
        assertEquals(IoModel.JDK.keySet(), new java.util.HashSet<>(claimed));
    }

    /**
     * Both checkers reject the edit because of its line: the Java model stops there for
     * {@code reason}, and TLC's furthest behaviour explains every line before it.
     */
    static void rejectedByBoth(Path original, String[] e, String reason) throws Exception {
        int line = Integer.parseInt(e[1]);
        JdkBinding b = new JdkBinding();
        CheckReport r = b.replay(TraceReader.parse(e[0], "edited.trace"), "edited.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(line, r.divergenceLine(), r::text);
        assertTrue(r.text().contains(reason), r::text);
        kpath.check.TlcRejection.atLine(b, e[0], line);
    }

    @Test
    void asynchronousSocketChannelClaimedKernelAsynchronousIsRejected() throws Exception {
        // The belief "Java AIO on Linux is kernel AIO": no thread would wait for data, yet one sleeps in epoll_wait.
        String[] e = kpath.check.SpecText.edit(ASYNC, "observe api(c0)", 1,
                "observe api(c0) call=AsynchronousSocketChannel.read class=sun.nio.ch.UnixAsynchronousSocketChannelImpl"
                        + " provider=sun.nio.ch.LinuxAsynchronousChannelProvider model=asynchronous waiter=none");
        String[] atTask = new String[] {e[0], String.valueOf(lineOf(e[0], "observe task(jdk0)"))};
        rejectedByBoth(ASYNC, atTask, "claim model=asynchronous waiter=none: the none thread waits, but a jdk thread sleeps in epoll on epoll");
    }

    @Test
    void aKernelRingThatIsNotThereIsRejected() throws Exception {
        // The same belief, written as an observation: a native AIO ring beside the JDK's epoll file.
        rejectedByBoth(FIXED, kpath.check.SpecText.edit(FIXED, "observe kernel(c0)", 1, "observe kernel(c0) nonblock=1 epolls=1 io_uring=0 aio=1"),
                "an io_uring or AIO ring exists, yet the claim is not asynchronous");
    }

    @Test
    void theHandlerOnTheCallerIsRejected() throws Exception {
        rejectedByBoth(FIXED, kpath.check.SpecText.edit(FIXED, "observe complete(c0)", 1, "observe complete(c0) thread=caller bytes=3"),
                "the data reached the user on a caller thread, not on the waiting side (jdk)");
    }

    @Test
    void socketReadClaimedNonBlockingIsRejectedWhereTheCallerSleeps() throws Exception {
        // The belief "InputStream.read on a socket is non-blocking underneath": the caller sleeps in read(2).
        String[] e = kpath.check.SpecText.edit(SOCKET, "observe api(c0)", 1,
                "observe api(c0) call=InputStream.read class=java.net.Socket$SocketInputStream so_timeout=0"
                        + " model=nonblocking waiter=caller");
        rejectedByBoth(SOCKET, new String[] {e[0], String.valueOf(lineOf(e[0], "observe task(caller)"))},
                "caller sleeps in read on socket, which is not how the nonblocking model waits");
    }

    @Test
    void aSelectorThreadThatIsNotAsleepIsRejected() throws Exception {
        // A thread in epoll_wait that is running, not asleep at do_epoll_wait, is no waiter.
        String[] e = kpath.check.SpecText.edit(SELECTOR, "observe task(caller)", 1,
                "observe task(caller) comm=kpath-selector state=R wchan=0 syscall=epoll_wait fd=e0 maxevents=1024 timeout=5000");
        rejectedByBoth(SELECTOR, e, "the thread is not asleep at its call's wait channel");
    }

    @Test
    void aSecondReadThatReachesTheKernelIsRejected() throws Exception {
        // The belief "the second read is tried and fails in the kernel": its read-family calls would grow.
        rejectedByBoth(SECOND, kpath.check.SpecText.edit(SECOND, "observe refused(caller)", 1,
                "observe refused(caller) call=AsynchronousSocketChannel.read exception=java.nio.channels.ReadPendingException syscr=3 baseline=2"),
                "the refused read reached the kernel");
    }

    @Test
    void aSecondReadThatIsNotRefusedIsRejected() throws Exception {
        rejectedByBoth(SECOND, kpath.check.SpecText.edit(SECOND, "observe refused(caller)", 1,
                "observe refused(caller) call=AsynchronousSocketChannel.read exception=none syscr=2 baseline=2"),
                "the read threw neither ReadPendingException nor IllegalStateException");
    }

    @Test
    void theSocketStillListedAfterCloseIsRejected() throws Exception {
        // The belief "the JDK's epoll file keeps the closed socket's item": the kernel drops it at the last fput.
        rejectedByBoth(CLOSED, kpath.check.SpecText.edit(CLOSED, "observe epoll(e0) pipe0=", 1,
                "observe epoll(e0) c0=EPOLLIN|EPOLLERR|EPOLLHUP|EPOLLONESHOT pipe0=EPOLLIN|EPOLLERR|EPOLLHUP"),
                "(phase closed): the epoll item armed, one-shot is not what it allows");
    }

    @Test
    void aCloseFailureOnTheClosingCallerIsRejected() throws Exception {
        // implClose calls finish(false, …): the handler is invoked indirectly, on a JDK thread.
        rejectedByBoth(CLOSED, kpath.check.SpecText.edit(CLOSED, "observe failed(c0)", 1,
                "observe failed(c0) thread=caller exception=java.nio.channels.AsynchronousCloseException"),
                "a read failure for close on a caller thread is not what the JDK does here");
    }

    @Test
    void aTimeoutThatDisarmsTheItemIsRejected() throws Exception {
        // The belief "the read timeout is the kernel's and cancels the poll": the item stays armed.
        rejectedByBoth(TIMEOUT, kpath.check.SpecText.edit(TIMEOUT, "observe epoll(e0)", 2,
                "observe epoll(e0) c0=EPOLLONESHOT pipe0=EPOLLIN|EPOLLERR|EPOLLHUP"),
                "(phase timedout): the epoll item not armed, one-shot is not what it allows");
    }

    @Test
    void aReadAfterTheTimeoutThatReachesTheKernelIsRejected() throws Exception {
        // readKilled is checked before any I/O: the read after the timeout makes no read-family call.
        rejectedByBoth(TIMEOUT, kpath.check.SpecText.edit(TIMEOUT, "observe refused(caller)", 1,
                "observe refused(caller) call=AsynchronousSocketChannel.read exception=java.lang.IllegalStateException syscr=3 baseline=2"),
                "the refused read reached the kernel");
    }

    @Test
    void aReadAfterTheTimeoutRefusedAsPendingIsRejected() throws Exception {
        // The belief "the timed-out read is still pending": it is not; reading is killed instead.
        rejectedByBoth(TIMEOUT, kpath.check.SpecText.edit(TIMEOUT, "observe refused(caller)", 1,
                "observe refused(caller) call=AsynchronousSocketChannel.read exception=java.nio.channels.ReadPendingException syscr=2 baseline=2"),
                "a read refused as pending here");
    }

    @Test
    void aTimeoutFailureForAnotherReasonIsRejected() throws Exception {
        rejectedByBoth(TIMEOUT, kpath.check.SpecText.edit(TIMEOUT, "observe failed(c0)", 1,
                "observe failed(c0) thread=jdk1 exception=java.nio.channels.AsynchronousCloseException"),
                "a read failure for close on a jdk thread is not what the JDK does here");
    }

    @Test
    void aTraceThatEndsBeforeTheCopyIsRejectedAtTheEnd() throws Exception {
        String text = Files.readString(SOCKET).replaceAll("(?m)^\\+\\S+ observe complete\\(c0\\).*\\n", "");
        CheckReport r = new JdkBinding().replay(TraceReader.parse(text, "cut.trace"), "cut.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(-1, r.divergenceLine());
        assertTrue(r.text().contains("the trace ends before the data reached the API's user"), r::text);
        assertEquals("REJECTED", new JdkBinding().tlc(TraceReader.parse(text, "cut.trace"), "cut.trace", Duration.ofMinutes(2)).verdict());
    }

    static int lineOf(String text, String marker) {
        String[] ls = text.split("\n");
        for (int i = 0; i < ls.length; i++) {
            if (ls[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + marker);
    }

    static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p);
    }
}
