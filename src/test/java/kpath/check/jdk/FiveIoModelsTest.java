package kpath.check.jdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kpath.check.CheckReport;
import kpath.check.PathBinding;
import kpath.check.SpecText;
import kpath.check.TlcRejection;
import kpath.check.completion.CompletionBinding;
import kpath.check.readiness.ReadinessBinding;
import kpath.model.IoModel;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The five I/O models of the two-phase table ({@link IoModel}) are each shown by committed traces,
 * reused rather than captured twice: every trace a row names is accepted by its path's Java checker
 * (TLC's verdicts are in the golden outputs) and holds the lines that show the row's wait phase;
 * and a trace edited into the opposite model — a non-blocking read that sleeps, a blocking read
 * that does not — is rejected by both process checkers at the edited line.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class FiveIoModelsTest {

    static final Path BLOCKING = Path.of("traces", "readiness", "blocking-read-wait-then-copy.trace");

    /** For each row, a line each of its readiness/completion traces must hold (a regular expression). */
    static final Map<String, String> SHOWS = Map.of(
            "blocking", "(?s).*observe task\\(t\\d+\\) state=S wchan=unix_stream_read_generic.*",
            "nonblocking", "(?s).*read\\(s\\d+, 4096\\) = -1 EAGAIN.*",
            "multiplexed", "(?s).*observe task\\(t\\d+\\) state=S wchan=(do_epoll_wait|poll_schedule_timeout).*",
            "signal", "(?s).*rt_sigtimedwait\\(SIGIO, 0\\) = SIGIO.*read\\(r0, 4096\\) = [1-9].*",
            "asynchronous", "(?s).*(observe reap\\(u\\d+\\) cqes=\\d|io_getevents\\(a\\d+, 0, 4, 0\\) = [1-9]).*");

    static PathBinding binding(String path) {
        return switch (path) {
            case "readiness" -> new ReadinessBinding();
            case "completion" -> new CompletionBinding();
            case "glibc" -> new kpath.check.glibc.GlibcBinding();
            default -> new JdkBinding();
        };
    }

    @Test
    void everyRowIsShownByTracesBothCheckersAccept() throws Exception {
        for (IoModel m : IoModel.ALL) {
            for (String t : m.traces()) {
                Path p = Path.of("traces", t + ".trace");
                String path = t.substring(0, t.indexOf('/'));
                CheckReport r = binding(path).replay(TraceReader.read(p), p.toString());
                assertTrue(r.accepted(), r::text);
                assertTrue(Files.readString(p.resolveSibling(p.getFileName() + ".expected")).contains("TLC: ACCEPTED"), p::toString);
                if (!path.equals("jdk") && !path.equals("glibc")) {
                    assertTrue(Files.readString(p).matches(SHOWS.get(m.name())), p + " shows no " + m.name() + " wait");
                } else {
                    assertTrue(Files.readString(p).contains(" model=" + m.name() + " "), p::toString);
                }
            }
        }
    }

    static void rejectedByBoth(String text, int line) throws Exception {
        CheckReport r = new ReadinessBinding().replay(TraceReader.parse(text, "edited.trace"), "edited.trace");
        assertFalse(r.accepted(), r::text);
        assertEquals(line, r.divergenceLine(), r::text);
        TlcRejection.atLine(new ReadinessBinding(), text, line);
    }

    @Test
    void aNonBlockingReadThatSleepsIsRejected() throws Exception {
        // The belief "a read waits for data whatever the flags": t3 sleeping in read of the
        // SOCK_NONBLOCK end s2; net/unix/af_unix.c unix_stream_read_generic returns -EAGAIN instead.
        String[] e = SpecText.edit(BLOCKING, "read(s2, 4096) = -1 EAGAIN", 1,
                "t3 -> read(s2, 4096)\n+0.006600 observe task(t3) state=S wchan=unix_stream_read_generic");
        rejectedByBoth(e[0], Integer.parseInt(e[1]) + 1);
    }

    @Test
    void aBlockingReadThatReturnsAtOnceIsRejected() throws Exception {
        // The belief "read returns what is there, nothing": the sleeping reader of the blocking end
        // s0 gets EAGAIN; unix_stream_read_generic waits, and the write it waited for is copied.
        String[] e = SpecText.edit(BLOCKING, "t1 <- 3", 1, "t1 <- -1 EAGAIN");
        rejectedByBoth(e[0], Integer.parseInt(e[1]));
    }

    @Test
    void theRowsSayWhichPhaseBlocksTheCaller() {
        assertEquals(List.of("blocking", "multiplexed"),
                IoModel.ALL.stream().filter(IoModel::waitBlocks).map(IoModel::name).toList());
        assertEquals(List.of("asynchronous"),
                IoModel.ALL.stream().filter(m -> !m.copyBlocks()).map(IoModel::name).toList());
    }
}
