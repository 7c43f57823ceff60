package kpath.kernel.tcp;

import kpath.kernel.Scenario;
import kpath.kernel.Capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import kpath.kernel.NetNamespace;
import kpath.kernel.PrivilegeException;
import kpath.kernel.ProcNet;
import kpath.trace.Event;
import kpath.trace.Header;
import kpath.trace.Line;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import kpath.trace.TraceWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Structural checks of captured traces. These tests say nothing about what the kernel should do
 * (the checker compares that with the model); they check that a capture is well formed, complete
 * in its header, leaks no fds and leaves the host's sysctls alone.
 */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class TcpScenariosTest {

    @Test
    void batteryNamesAreUniqueKebabCaseAndDescribed() {
        List<Scenario> all = TcpScenarios.all();
        assertEquals(all.size(), all.stream().map(Scenario::name).distinct().count(), "duplicate names");
        for (Scenario s : all) {
            assertTrue(s.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), s.name());
            assertFalse(s.narrative().isBlank(), s.name());
        }
    }

    @Test
    void unprivilegedEmptyAcceptScenarioIsWellFormedAndLeaksNoFd() throws Exception {
        checkUnprivileged("accept-empty-nonblock-eagain");
    }

    @Test
    void unprivilegedListenerReadinessScenarioIsWellFormedAndLeaksNoFd() throws Exception {
        checkUnprivileged("listener-readiness");
    }

    /**
     * A scenario that reads the netstat counters runs in a private namespace, whose counters count
     * only its own connections. Method: capture one that does, on loopback with no sysctl set; and
     * read the committed traces, where every one with an {@code observe netstat} line says
     * {@code netns: private}.
     */
    @Test
    void aCountingScenarioRunsInAPrivateNamespaceAndLeaksNoFd() throws Exception {
        Optional<String> problem = NetNamespace.privilegeProblem();
        assumeTrue(problem.isEmpty(), () -> "skipped: " + problem.orElse(""));
        String name = "accept-queue-fill-backlog-1";
        Scenario s = scenario(name);
        assertTrue(s.privileged(), "reads counters, so needs a private namespace");
        s.capture(); // warm-up
        int fdsBefore = openFds();
        Trace t = s.capture();
        assertEquals(fdsBefore, openFds(), "fds open before and after the capture");
        assertWellFormed(t, name, Header.Netns.PRIVATE, Header.Peer.LOOPBACK);
        assertClientNamesInConnectOrder(t);
        assertTrue(t.events().stream().anyMatch(TcpScenariosTest::readsCounters), "observes netstat");
    }

    @Test
    void everyCommittedTraceThatReadsCountersWasCapturedInAPrivateNamespace() throws Exception {
        int counting = 0;
        for (Scenario s : TcpScenarios.all()) {
            Trace t = TraceReader.read(Path.of("traces", TcpScenarios.PATH, s.name() + ".trace"));
            if (t.events().stream().anyMatch(TcpScenariosTest::readsCounters)) {
                counting++;
                assertEquals(Header.Netns.PRIVATE, t.header().netns(), s.name() + " reads the netstat counters");
                assertTrue(s.privileged(), s.name() + " reads the netstat counters, so needs a private namespace");
            }
        }
        assertTrue(counting >= 6, "traces that read counters: " + counting);
    }

    @Test
    void theRecorderReadsNoCountersInTheHostNamespace() {
        Recorder host = new Recorder("host", "a host-namespace recorder", Header.Netns.HOST, Header.Peer.LOOPBACK);
        IllegalStateException e = assertThrows(IllegalStateException.class, host::observeNetstat);
        assertTrue(e.getMessage().contains("only in a private network namespace"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> host.counterDelta("ListenOverflows"));
        assertThrows(IllegalStateException.class, () -> new Recorder("liar", "says private, runs on the host",
                Header.Netns.PRIVATE, Header.Peer.LOOPBACK), "a private header on a host thread");
        assertTrue(host.trace().events().isEmpty(), "a refused reading writes no line");
    }

    private static boolean readsCounters(Event e) {
        return e instanceof Event.Observation o && o.what().equals("netstat");
    }

    private static void checkUnprivileged(String name) throws Exception {
        Scenario s = scenario(name);
        assertFalse(s.privileged());
        s.capture(); // warm-up: the JVM opens some files lazily on first use
        int fdsBefore = openFds();
        Trace t = s.capture();
        assertEquals(fdsBefore, openFds(), "fds open before and after the capture");
        assertWellFormed(t, name, Header.Netns.HOST, Header.Peer.LOOPBACK);
        assertClientNamesInConnectOrder(t);
    }

    @Test
    void privilegedTunScenarioIsWellFormedLeaksNoFdAndLeavesHostSysctlsAlone() throws Exception {
        Optional<String> problem = NetNamespace.privilegeProblem();
        assumeTrue(problem.isEmpty(), () -> "skipped: " + problem.orElse(""));
        String name = "syncookies-2-always";
        Scenario s = scenario(name);
        assertTrue(s.privileged());
        Map<String, String> hostBefore = hostSysctls();
        try {
            s.capture(); // warm-up
        } catch (PrivilegeException e) {
            // e.g. a user namespace's root and a /dev/net/tun only the real root may open
            Assumptions.abort("skipped: " + e.getMessage());
        }
        int fdsBefore = openFds();
        Trace t = s.capture();
        assertEquals(fdsBefore, openFds(), "fds open before and after the capture");
        assertEquals(hostBefore, hostSysctls(), "host sysctls after a private-netns scenario");
        assertWellFormed(t, name, Header.Netns.PRIVATE, Header.Peer.TUN);
        assertTrue(t.events().stream().anyMatch(e -> e instanceof Event.Packet p && p.dir() == Event.Direction.IN),
                "a TUN scenario injects segments");
    }

    @Test
    void captureRunWritesTracesAndKeepsGoingAfterAFailure(@TempDir Path dir) throws Exception {
        Scenario broken = new Scenario() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String narrative() {
                return "always fails";
            }

            @Override
            public boolean privileged() {
                return false;
            }

            @Override
            public Trace capture() {
                throw new IllegalStateException("boom");
            }
        };
        Scenario good = scenario("accept-empty-nonblock-eagain");
        Capture.run(List.of(good), dir); // warm-up
        int fdsBefore = openFds();
        List<Capture.Outcome> out = Capture.run(List.of(broken, good), dir);
        assertEquals(fdsBefore, openFds());
        assertEquals(2, out.size());
        Capture.Outcome.Failed f = assertInstanceOf(Capture.Outcome.Failed.class, out.get(0));
        assertTrue(f.message().contains("boom"), f.message());
        assertFalse(Files.exists(dir.resolve("broken.trace")));
        Capture.Outcome.Written w = assertInstanceOf(Capture.Outcome.Written.class, out.get(1));
        assertEquals(dir.resolve("accept-empty-nonblock-eagain.trace"), w.path());
        Trace read = TraceReader.read(w.path());
        assertEquals("accept-empty-nonblock-eagain", read.header().scenario());
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }

    // ---- structural assertions ----

    private static void assertWellFormed(Trace t, String name, Header.Netns netns, Header.Peer peer) throws Exception {
        Header h = t.header();
        assertEquals(name, h.scenario());
        assertEquals(ProcNet.kernelRelease(), h.kernel());
        assertEquals(netns, h.netns());
        assertEquals(peer, h.peer());
        List<String> listed = new ArrayList<>(Recorder.SYSCTLS);
        Recorder.CLOCK_SYSCTLS.stream().filter(n -> Files.exists(Path.of("/proc/sys", n.replace('.', '/'))))
                .forEach(listed::add);
        assertEquals(listed, List.copyOf(h.sysctls().keySet()), "the model's sysctls, then the clock's this kernel has, in order");
        h.sysctls().forEach((k, v) -> assertTrue(v.matches("-?[0-9]+"), k + "=" + v));
        assertTrue(h.extra().contains(Map.entry("captured-by", "kpath")), h.extra().toString());
        assertEquals(java.util.Optional.of(TcpScenarios.PATH), h.path(), "the trace declares its path");
        assertInstanceOf(Line.Comment.class, t.lines().getFirst(), "the narrative comes first");

        // the text reads back to the same trace
        String text = TraceWriter.format(t);
        assertEquals(text, TraceWriter.format(TraceReader.parse(text, name)));

        List<Event> events = t.events();
        assertFalse(events.isEmpty());
        assertTrue(events.stream().anyMatch(e -> e instanceof Event.Syscall s && s.name().equals("listen")));
        for (Event e : events) {
            if (e instanceof Event.Observation o && o.what().equals("netstat")) {
                assertEquals(Recorder.COUNTERS, List.copyOf(o.values().keySet()), o.toString());
            }
        }
        assertSegmentsFollowInjectionOrWait(t);
        assertTrue(t.pendingCalls().isEmpty(), "calls left in progress: " + t.pendingCalls());
    }

    /**
     * Every {@code >} line follows, past other {@code >} lines, observations and comments, either an
     * injected {@code <} segment or a {@code # wait} comment.
     */
    private static void assertSegmentsFollowInjectionOrWait(Trace t) {
        List<Line> lines = t.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (!(lines.get(i) instanceof Event.Packet p) || p.dir() != Event.Direction.OUT) {
                continue;
            }
            boolean explained = false;
            for (int j = i - 1; j >= 0 && !explained; j--) {
                Line l = lines.get(j);
                if (l instanceof Event.Packet q && q.dir() == Event.Direction.IN) {
                    explained = true;
                } else if (l instanceof Line.Comment c && c.text().strip().startsWith("wait")) {
                    explained = true;
                } else if (!(l instanceof Event.Packet || l instanceof Event.Observation || l instanceof Line.Comment
                        || l instanceof Line.Blank)) {
                    break;
                }
            }
            assertTrue(explained, "line " + i + " '" + TraceWriter.formatLine(p)
                    + "' follows neither an injection nor a wait");
        }
    }

    /** Clients are named c1, c2, … in connect order, and accept only returns names that connected. */
    private static void assertClientNamesInConnectOrder(Trace t) {
        List<String> connected = new ArrayList<>();
        for (Event e : t.events()) {
            if (e instanceof Event.Syscall s && s.name().equals("connect")) {
                assertEquals("c" + (connected.size() + 1), s.args().getFirst(), s.toString());
                connected.add(s.args().getFirst());
            }
            if (e instanceof Event.Syscall s && s.name().equals("accept4") && !s.result().isError()) {
                assertTrue(connected.contains(s.result().value()), s.toString());
            }
        }
    }

    // ---- helpers ----

    private static Scenario scenario(String name) {
        return TcpScenarios.byName(name).orElseThrow(() -> new AssertionError("no scenario " + name));
    }

    private static int openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }

    /** The five sysctls plus the IPv6 default Tun touches, read in the host netns (this thread). */
    private static Map<String, String> hostSysctls() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : Recorder.SYSCTLS) {
            m.put(n, ProcNet.sysctl(n));
        }
        for (String n : Set.of("net.ipv6.conf.default.disable_ipv6", "net.ipv6.conf.all.disable_ipv6")) {
            if (Files.exists(Path.of("/proc/sys/" + n.replace('.', '/')))) {
                m.put(n, ProcNet.sysctl(n));
            }
        }
        return m;
    }
}
