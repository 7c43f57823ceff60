package kpath.kernel.readiness;

import java.util.List;
import kpath.kernel.Scenario;
import kpath.trace.Event;
import kpath.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Structural checks of captured TCP readiness traces (loopback). As in
 * {@link ReadinessScenariosTest}, nothing here says what the kernel should report; the tests check
 * that a capture is well formed, names its fds consistently (including the TCP calls socket, bind,
 * listen, connect, accept4), pairs each result with its observation, and leaks no fd.
 */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class TcpReadinessScenariosTest {

    private static final List<String> NAMES = List.of("tcp-listener-readiness", "tcp-connected-data-and-shutdown",
            "tcp-reset-by-close-with-unread-data", "tcp-peer-close-fin");

    @Test
    void scenariosAreNamedDescribedUnprivilegedAndInTheBattery() {
        List<Scenario> all = TcpReadinessScenarios.all();
        assertEquals(NAMES, all.stream().map(Scenario::name).toList());
        TraceShape.assertNamedDescribedUnprivilegedAndInTheBattery(all, TraceShape.KEBAB_CASE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp-listener-readiness", "tcp-connected-data-and-shutdown",
        "tcp-reset-by-close-with-unread-data", "tcp-peer-close-fin"})
    void scenarioIsWellFormedAndLeaksNoFd(String name) throws Exception {
        Scenario s = TcpReadinessScenarios.byName(name).orElseThrow();
        Trace t = TraceShape.leavingNoFdOpen(s::capture);
        TraceShape.assertWellFormed(t, name);
        assertTcpCallShapes(t.events());
    }

    @Test
    void everyScenarioHasItsWrittenTraceAndItReadsBack() throws Exception {
        TraceShape.assertWrittenTraces(NAMES, TcpReadinessScenariosTest::assertTcpCallShapes);
    }

    // ---- structural assertions ----

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
}
