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
import kpath.kernel.ProcNet;
import kpath.kernel.scenario.Scenario;
import kpath.trace.Event;
import kpath.trace.Header;
import kpath.trace.Line;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import kpath.trace.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Structural checks of captured TCP readiness traces (loopback). As in
 * {@link ReadinessScenariosTest}, nothing here says what the kernel should report; the tests check
 * that a capture is well formed, names its fds consistently (including the TCP calls socket, bind,
 * listen, connect, accept4), pairs each result with its observation, and leaks no fd.
 */
class TcpReadinessScenariosTest {

    private static final List<String> NAMES = List.of("tcp-listener-readiness", "tcp-connected-data-and-shutdown",
            "tcp-reset-by-close-with-unread-data", "tcp-peer-close-fin");

    @Test
    void scenariosAreNamedDescribedUnprivilegedAndInTheBattery() {
        List<Scenario> all = TcpReadinessScenarios.all();
        assertEquals(NAMES, all.stream().map(Scenario::name).toList());
        List<String> battery = ReadinessScenarios.all().stream().map(Scenario::name).toList();
        assertEquals(battery.size(), Set.copyOf(battery).size(), "duplicate names in the battery");
        for (Scenario s : all) {
            assertTrue(s.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), s.name());
            assertFalse(s.narrative().isBlank(), s.name());
            assertFalse(s.privileged(), s.name());
            assertTrue(battery.contains(s.name()), s.name() + " is in ReadinessScenarios.all()");
            assertTrue(ReadinessScenarios.byName(s.name()).isPresent(), s.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp-listener-readiness", "tcp-connected-data-and-shutdown",
        "tcp-reset-by-close-with-unread-data", "tcp-peer-close-fin"})
    void scenarioIsWellFormedAndLeaksNoFd(String name) throws Exception {
        Scenario s = TcpReadinessScenarios.byName(name).orElseThrow();
        s.capture(); // warm-up: the JVM opens some files lazily on first use
        int before = openFds();
        Trace t = s.capture();
        assertEquals(before, openFds(), "fds open before and after the capture");
        assertWellFormed(t, name);
    }

    @Test
    void writtenTracesReadBackWhenPresent() throws Exception {
        for (String name : NAMES) {
            Path p = Path.of("traces/readiness", name + ".trace");
            if (Files.exists(p)) {
                Trace t = TraceReader.read(p);
                assertEquals(name, t.header().scenario());
                assertNamesDefinedBeforeUse(t.events());
            }
        }
    }

    // ---- structural assertions ----

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

        assertObservationsFollowTheirCall(t.events());
        assertNamesDefinedBeforeUse(t.events());
        assertTcpCallShapes(t.events());
    }

    /** epoll_wait/events and poll/revents pairing, as in {@link ReadinessScenariosTest}. */
    private static void assertObservationsFollowTheirCall(List<Event> events) {
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            Event next = i + 1 < events.size() ? events.get(i + 1) : null;
            if (e instanceof Event.Observation o && !o.what().equals("poll")) {
                Event.Syscall call = assertInstanceOf(Event.Syscall.class, i > 0 ? events.get(i - 1) : null,
                        "before " + o);
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
                    default -> fail("unexpected observation " + o);
                }
            }
            if (e instanceof Event.Observation o && o.what().equals("poll")) {
                assertEquals(List.of("revents"), List.copyOf(o.values().keySet()), o.toString());
            }
            if (e instanceof Event.Syscall s && !s.result().isError() && s.result().value().matches("[1-9][0-9]*")) {
                String expected = switch (s.name()) {
                    case "epoll_wait" -> "events";
                    case "poll" -> "revents";
                    default -> null;
                };
                if (expected != null) {
                    assertTrue(next instanceof Event.Observation o && o.what().equals(expected),
                            s + " is followed by observe " + expected);
                }
            }
        }
    }

    /** Creation results are NAME:FD; each name is created once and used only after. */
    private static void assertNamesDefinedBeforeUse(List<Event> events) {
        Set<String> known = new HashSet<>();
        Set<String> creators = Set.of("socket", "accept4", "epoll_create1");
        for (Event e : events) {
            if (e instanceof Event.Observation o && o.target().isPresent() && !o.what().equals("events")) {
                assertTrue(known.contains(o.target().get()), o + " names an fd not created yet");
            }
            if (!(e instanceof Event.Syscall s)) {
                continue;
            }
            List<String> used = new ArrayList<>();
            if (creators.contains(s.name())) {
                if (s.name().equals("accept4")) {
                    used.add(s.args().getFirst());
                }
                if (!s.result().isError()) {
                    String part = s.result().value();
                    assertTrue(part.matches("[a-z][a-z0-9]*:[0-9]+"), s.toString());
                    assertTrue(known.add(part.substring(0, part.indexOf(':'))), "created twice: " + s);
                }
            } else {
                switch (s.name()) {
                    case "epoll_ctl" -> {
                        used.add(s.args().get(0));
                        used.add(s.args().get(2));
                    }
                    case "connect" -> used.addAll(s.args());
                    case "epoll_wait", "read", "write", "close", "shutdown", "bind", "listen" ->
                            used.add(s.args().getFirst());
                    case "poll" -> s.args().subList(0, s.args().size() - 1)
                            .forEach(a -> used.add(a.substring(0, a.indexOf('='))));
                    default -> fail("unexpected syscall " + s);
                }
            }
            for (String n : used) {
                assertTrue(known.contains(n), n + " used before it was created: " + s);
            }
        }
    }

    /** The TCP lines have the documented shapes. */
    private static void assertTcpCallShapes(List<Event> events) {
        for (Event e : events) {
            if (!(e instanceof Event.Syscall s)) {
                continue;
            }
            switch (s.name()) {
                case "socket" -> {
                    assertEquals(List.of("AF_INET", "SOCK_STREAM|SOCK_NONBLOCK"), s.args(), s.toString());
                    assertTrue(s.result().value().matches("[lcu][0-9]+:[0-9]+"), s.toString());
                }
                case "bind" -> {
                    assertEquals("127.0.0.1:0", s.args().get(1), s.toString());
                    assertTrue(s.args().getFirst().matches("l[0-9]+"), s.toString());
                }
                case "listen" -> assertTrue(s.args().get(1).matches("[0-9]+"), s.toString());
                case "connect" -> {
                    assertEquals(2, s.args().size(), s.toString());
                    assertTrue(s.args().get(0).matches("c[0-9]+"), s.toString());
                    assertTrue(s.args().get(1).matches("l[0-9]+"), s.toString());
                }
                case "accept4" -> {
                    assertEquals(List.of("SOCK_NONBLOCK"), s.args().subList(1, s.args().size()), s.toString());
                    assertTrue(s.result().isError() || s.result().value().matches("a[0-9]+:[0-9]+"), s.toString());
                }
                case "poll", "epoll_wait" -> assertTrue(Integer.parseInt(s.args().getLast()) >= 0, "bounded: " + s);
                default -> {
                }
            }
        }
    }

    private static int openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }
}
