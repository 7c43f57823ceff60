package kpath.kernel.readiness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import kpath.kernel.PrivilegeException;
import kpath.kernel.ProcNet;
import kpath.kernel.scenario.Scenario;
import kpath.trace.Event;
import kpath.trace.Header;
import kpath.trace.Line;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import kpath.trace.TraceWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Structural checks of captured readiness traces. Nothing here says what the kernel should
 * report (the model checker compares that); the tests check that a capture is well formed,
 * names its fds consistently, pairs each result with its observation, and leaks no fd.
 */
class ReadinessScenariosTest {

    @Test
    void batteryNamesAreUniqueKebabCaseAndDescribed() {
        List<Scenario> all = ReadinessScenarios.all();
        assertEquals(15 + TcpReadinessScenarios.all().size() + ThreadedReadinessScenarios.all().size()
                + SigioScenarios.all().size(), all.size());
        assertEquals(all.size(), all.stream().map(Scenario::name).distinct().count(), "duplicate names");
        for (Scenario s : all) {
            assertTrue(s.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), s.name());
            assertFalse(s.narrative().isBlank(), s.name());
            assertFalse(s.privileged(), s.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll-ctl-errors", "select-poll-epoll-agree", "epoll-dup-close-keeps-events-under-old-fd",
        "eventfd-counter-readiness", "select-nfds-beyond-fd-setsize"})
    void scenarioIsWellFormedAndLeaksNoFd(String name) throws Exception {
        Scenario s = ReadinessScenarios.byName(name).orElseThrow();
        try {
            s.capture(); // warm-up: the JVM opens some files lazily on first use
        } catch (PrivilegeException e) {
            Assumptions.abort(name + " is skipped here: " + e.getMessage());
        }
        int before = openFds();
        Trace t = s.capture();
        assertEquals(before, openFds(), "fds open before and after the capture");
        assertWellFormed(t, name);
    }

    // ---- structural assertions ----

    private static void assertWellFormed(Trace t, String name) throws Exception {
        Header h = t.header();
        assertEquals(name, h.scenario());
        assertFalse(h.kernel().isBlank());
        assertEquals(ProcNet.kernelRelease(), h.kernel());
        assertEquals(Header.Netns.HOST, h.netns());
        assertEquals(Header.Peer.LOOPBACK, h.peer());
        assertTrue(h.sysctls().isEmpty());
        assertTrue(h.extra().contains(Map.entry("captured-by", "kpath")), h.extra().toString());
        assertInstanceOf(Line.Comment.class, t.lines().getFirst(), "the narrative comes first");

        String text = TraceWriter.format(t);
        assertEquals(text, TraceWriter.format(TraceReader.parse(text, name)), "reads back unchanged");

        assertObservationsFollowTheirCall(t.events());
        assertNamesDefinedBeforeUse(t.events());
    }

    /**
     * {@code observe events(eN)} follows exactly the epoll_wait on eN with a result of its entry
     * count, and every epoll_wait with a positive result is followed by one; the same for
     * {@code poll}/{@code observe revents} and {@code select}/{@code observe fdsets}, and for an
     * eventfd {@code read = 8}/{@code observe read(vN)}.
     */
    private static void assertObservationsFollowTheirCall(List<Event> events) {
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            Event next = i + 1 < events.size() ? events.get(i + 1) : null;
            if (e instanceof Event.Observation o && !o.what().equals("poll")) {
                Event prev = i > 0 ? events.get(i - 1) : null;
                Event.Syscall call = assertInstanceOf(Event.Syscall.class, prev, "before " + o);
                switch (o.what()) {
                    case "events" -> {
                        assertEquals("epoll_wait", call.name(), o.toString());
                        assertEquals(o.target().orElseThrow(), call.args().getFirst(), o.toString());
                        assertEquals(Integer.toString(o.values().size()), call.result().value(), o.toString());
                    }
                    case "revents" -> {
                        assertEquals("poll", call.name(), o.toString());
                        assertEquals(Integer.toString(o.values().size()), call.result().value(), o.toString());
                    }
                    case "fdsets" -> {
                        assertEquals("select", call.name(), o.toString());
                        assertEquals(List.of("rd", "wr", "ex"), List.copyOf(o.values().keySet()));
                        int bits = o.values().values().stream()
                                .mapToInt(v -> v.equals("-") ? 0 : v.split("\\|").length).sum();
                        assertEquals(Integer.toString(bits), call.result().value(), o.toString());
                    }
                    case "read" -> {
                        assertEquals("read", call.name(), o.toString());
                        assertEquals(o.target().orElseThrow(), call.args().getFirst());
                        assertEquals("8", call.result().value());
                    }
                    default -> fail("unexpected observation " + o);
                }
            }
            if (e instanceof Event.Syscall s && !s.result().isError() && s.result().value().matches("[1-9][0-9]*")) {
                String expected = switch (s.name()) {
                    case "epoll_wait" -> "events";
                    case "poll" -> "revents";
                    case "select" -> "fdsets";
                    default -> null;
                };
                if (expected != null) {
                    assertTrue(next instanceof Event.Observation o && o.what().equals(expected),
                            s + " is followed by observe " + expected);
                }
            }
        }
    }

    /** Creation results (also of fcntl F_DUPFD) are NAME:FD lists; each name is created once and used only after. */
    private static void assertNamesDefinedBeforeUse(List<Event> events) {
        Set<String> known = new HashSet<>();
        Set<String> creators = Set.of("pipe2", "socketpair", "eventfd", "epoll_create1", "dup", "openat");
        for (Event e : events) {
            if (!(e instanceof Event.Syscall s)) {
                continue;
            }
            if (creators.contains(s.name()) || (s.name().equals("fcntl") && s.args().get(1).equals("F_DUPFD"))) {
                for (String part : s.result().value().split(",")) {
                    assertTrue(part.matches("[a-z][a-z0-9]*:[0-9]+"), s.toString());
                    assertTrue(known.add(part.substring(0, part.indexOf(':'))), "created twice: " + s);
                }
                continue;
            }
            List<String> used = new ArrayList<>();
            switch (s.name()) {
                case "epoll_ctl" -> {
                    used.add(s.args().get(0));
                    used.add(s.args().get(2));
                }
                case "epoll_wait", "read", "write", "close", "shutdown" -> used.add(s.args().getFirst());
                case "poll" -> s.args().subList(0, s.args().size() - 1)
                        .forEach(a -> used.add(a.substring(0, a.indexOf('='))));
                case "select" -> s.args().subList(1, 4).forEach(a -> {
                    if (!a.equals("-")) {
                        used.addAll(List.of(a.split("\\|")));
                    }
                });
                default -> fail("unexpected syscall " + s);
            }
            for (String n : used) {
                assertTrue(n.equals("-1") || known.contains(n), n + " used before it was created: " + s);
            }
        }
    }

    private static int openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }
}
