package kpath.check.readiness;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kpath.check.CheckException;
import kpath.model.proc.ProcAction;
import kpath.model.proc.ProcAction.*;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads rt_sigaction and io_pgetevents lines (ProcSyntax), what it refuses, and that
 * an action's text reads back as the action (no TLC, so PIT runs these).
 */
class SigmaskSyntaxExamples {

    @Test
    void theCallsReadAsTheModelsActions() throws Exception {
        assertEquals(new Sigaction(29, "handler"), action("rt_sigaction(SIGIO, handler) = 0"));
        assertEquals(new Sigaction(35, "SIG_IGN"), action("rt_sigaction(SIGRTMIN+3, SIG_IGN) = 0"));
        assertEquals(new Sigaction(9, "SIG_DFL"), action("rt_sigaction(9, SIG_DFL) = -1 EINVAL"));
        assertEquals(new Sigmasked(new IoGetevents("a0", 0, 1, 0), new TreeSet<>(Set.of(29, 35)), 8),
                action("io_pgetevents(a0, 0, 1, 0, [SIGRTMIN+3|SIGIO], 8) = 0"));
        assertEquals(new Sigmasked(new IoGetevents("a0", 2, 1, 5), new TreeSet<>(), 7),
                action("io_pgetevents(a0, 2, 1, 5, [], 7) = -1 EINVAL"));
        assertEquals(new Sigmasked(new IoGetevents("a0", 0, 1, 0), null, 0), action("io_pgetevents(a0, 0, 1, 0, NULL) = 0"));
    }

    @Test
    void anActionsTextReadsBackAsIt() throws Exception {
        for (ProcAction a : List.of(new Sigaction(23, "SIG_DFL"), new Sigaction(35, "handler"),
                new Sigmasked(new IoGetevents("a0", 1, 4, 0), new TreeSet<>(Set.of(23, 29)), 8),
                new Sigmasked(new IoGetevents("a0", 0, 1, 0), new TreeSet<>(), 8),
                new Sigmasked(new IoGetevents("a0", 0, 1, 0), null, 0))) {
            assertEquals(a, action(a + " = 0"), a.toString());
        }
        for (ProcAction a : List.of(new Sigmasked(new EpollWait("e0", 8), new TreeSet<>(Set.of(29)), 8),
                new Sigmasked(new Poll(List.of(new PollFd("r0", 1), new PollFd(null, 4))), new TreeSet<>(), 7),
                new Sigmasked(new Select(5, Set.of("r0"), Set.of(), Set.of("s0")), null, 0))) {
            assertEquals(a, action(a + " = 0"), a.toString());
        }
        assertEquals("pselect6(5, r0, -, -, 0, [SIGIO], 8)",
                new Sigmasked(new Select(5, Set.of("r0"), Set.of(), Set.of()), new TreeSet<>(Set.of(29)), 8).toString());
        assertEquals("epoll_pwait(e0, 1, 0, NULL)", new Sigmasked(new EpollWait("e0", 1), null, 0).toString());
        assertEquals(new Sigmasked(new Poll(List.of()), new TreeSet<>(), 8), action("ppoll(0, [], 8) = 0"), "no pollfd at all");
        assertThrows(IllegalArgumentException.class, () -> new Sigmasked(new Read("r0", 1), null, 0));
        Sigmasked enter = new Sigmasked(new IoUringEnter("u0", List.of(kpath.model.proc.Sqe.nop(1)), 1, true), new TreeSet<>(), 8);
        assertEquals("io_uring_enter(u0, NOP:1, 1, IORING_ENTER_GETEVENTS, [], 8)", enter.toString());
        assertEquals(enter, action(enter + " = 1"));
        assertThrows(IllegalArgumentException.class, () -> new Sigmasked(new IoUringEnter("u0", List.of(), 1, false), null, 0),
                "a sigset without GETEVENTS is never read");
        assertEquals("io_pgetevents(a0, 0, 1, 0, [SIGURG|SIGIO], 8)",
                new Sigmasked(new IoGetevents("a0", 0, 1, 0), new TreeSet<>(Set.of(29, 23)), 8).toString());
    }

    @Test
    void malformedLinesAreRefusedNamingTheLine() throws Exception {
        for (String bad : List.of("io_pgetevents(a0, 0, 1, 0, [SIGIO)", "io_pgetevents(a0, 0, 1, 0, SIGIO, 8)",
                "io_pgetevents(a0, 0, 1, 0, NULL, 8)", "io_pgetevents(a0, 0, 1, 0)", "io_pgetevents(a0, 0, 1, 0, [SIGIO|SIGIO], 8)",
                "io_pgetevents(a0, 0, 1, 0, [SIGFOO], 8)", "rt_sigaction(SIGIO, maybe)", "rt_sigaction(SIGIO)",
                "rt_sigaction(SIGBAR, handler)", "io_pgetevents(a0, x, 1, 0, [], 8)", "ppoll(r0=POLLIN, 0, SIGIO, 8)",
                "epoll_pwait(e0, 1, 0)", "pselect6(5, r0, -, -, 0, [SIGIO|SIGIO], 8)", "ppoll(NULL)", "epoll_pwait(e0, 1, 0, [], x)")) {
            CheckException x = assertThrows(CheckException.class, () -> action(bad + " = 0"), bad);
            assertTrue(x.getMessage().startsWith("t:1: "), x.getMessage());
            assertFalse(x.getMessage().contains("Exception"), x.getMessage());
        }
        CheckException x = assertThrows(CheckException.class, () -> action("rt_sigaction(SIGIO, maybe) = 0"));
        assertEquals("t:1: the model takes rt_sigaction(SIG, ACTION) with ACTION one of handler, SIG_IGN, SIG_DFL", x.getMessage());
        CheckException z = assertThrows(CheckException.class, () -> action("ppoll(NULL) = 0"));
        assertEquals("t:1: the model takes ppoll(ARGS, [SIG|...], sigsetsize) or ppoll(ARGS, NULL)", z.getMessage());
        CheckException y = assertThrows(CheckException.class, () -> action("io_pgetevents(a0, 0, 1, 0, [SIGIO|SIGIO], 8) = 0"));
        assertEquals("t:1: io_pgetevents' mask names SIGIO twice", y.getMessage());
    }

    private static ProcAction action(String line) throws Exception {
        String text = "kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\npath: completion\n"
                + "captured-by: kpath\n\n+0.1 " + line + "\n+0.2 end\n";
        return ProcSyntax.action((kpath.trace.Event.Syscall) kpath.trace.TraceReader.parse(text, "t").events().getFirst(), "t:1: ");
    }
}
