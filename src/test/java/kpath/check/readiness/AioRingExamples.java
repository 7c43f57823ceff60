package kpath.check.readiness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads {@code observe aio_ring(aK)} (struct aio_ring and its mapping, A-SET-01):
 * what aio_setup_ring fixes for every ring is refused as bad input, naming the line; nr and the
 * events the ring holds (tail − head) are the model's, on edits of
 * traces/completion/aio-setup-maps-the-ring.trace (no TLC, so PIT runs these).
 */
class AioRingExamples {

    static final Path RING = Path.of("traces/completion/aio-setup-maps-the-ring.trace");
    static final String FIRST = "observe aio_ring(a0) nr=127 head=0 tail=0";

    static CheckReport check(String text) throws Exception {
        return ReadinessTraceChecker.check(kpath.trace.TraceReader.parse(text, "edited.trace"), "edited.trace");
    }

    /** The lines read before any checker runs ({@link ReadinessTraceChecker#validate}). */
    static void validate(String text) throws Exception {
        ReadinessTraceChecker.validate(kpath.trace.TraceReader.parse(text, "edited.trace"), "edited.trace");
    }

    static String line(String fields) {
        return "observe aio_ring(a0) " + fields;
    }

    @Test
    void theCommittedTraceIsAccepted() throws Exception {
        validate(Files.readString(RING));
        CheckReport r = check(Files.readString(RING));
        assertTrue(r.accepted(), r::text);
    }

    @Test
    void aRingAioSetupRingDidNotWriteIsRefusedNamingTheLine() throws Exception {
        String ok = "magic=0xa10a10a1 compat_features=1 incompat_features=0 header_length=32";
        for (var bad : List.of(
                List.of("nr=127 head=0 tail=0 " + ok, "it needs map_bytes=<u32>"),
                List.of("nr=127 head=0 tail=x " + ok + " map_bytes=4096", "it needs tail=<u32>"),
                List.of("nr=127 head=0 tail=0 " + ok + " map_bytes=4294967296", "it needs map_bytes=<u32>"),
                List.of("nr=127 head=0 tail=0 " + ok + " map_bytes=-1", "it needs map_bytes=<u32>"),
                List.of("nr=127 head=0 tail=0 " + ok.replace("0xa10a10a1", "0xa10a10a2") + " map_bytes=4096", "not a ring"),
                List.of("nr=127 head=0 tail=0 " + ok.replace("compat_features=1", "compat_features=0") + " map_bytes=4096", "not a ring"),
                List.of("nr=127 head=0 tail=0 " + ok.replace("incompat_features=0", "incompat_features=1") + " map_bytes=4096", "not a ring"),
                List.of("nr=127 head=0 tail=0 " + ok.replace("header_length=32", "header_length=64") + " map_bytes=4096", "not a ring"),
                List.of("nr=127 head=127 tail=0 " + ok + " map_bytes=4096", "head and tail index a ring of nr events: both below nr"),
                List.of("nr=127 head=0 tail=127 " + ok + " map_bytes=4096", "head and tail index a ring of nr events: both below nr"),
                List.of("nr=127 head=0 tail=0 " + ok + " map_bytes=8192", "map_bytes is the ring's whole pages"),
                List.of("nr=100 head=0 tail=0 " + ok + " map_bytes=3232", "map_bytes is the ring's whole pages"))) {
            String[] e = ReadinessTraceReplayTest.edit(RING, FIRST, 1, line(bad.get(0)));
            CheckException x = assertThrows(CheckException.class, () -> validate(e[0]), bad.get(0));
            assertTrue(x.getMessage().startsWith("edited.trace:" + e[1] + ": observe aio_ring: " + bad.get(1)), x.getMessage());
        }
        String[] e = ReadinessTraceReplayTest.edit(RING, FIRST, 1, "observe aio_ring nr=127");
        CheckException x = assertThrows(CheckException.class, () -> validate(e[0]));
        assertEquals("edited.trace:" + e[1] + ": observe aio_ring needs a target: aio_ring(x)", x.getMessage());
    }

    @Test
    void aFieldReadsInDecimalOrHex() throws Exception {
        var o = (kpath.trace.Event.Observation) kpath.trace.TraceReader.parse("kpath-trace 1\nscenario: x\nkernel: k\narch: a\n"
                + "netns: host\npeer: loopback\npath: completion\n\n+0.1 observe aio_ring(a0) nr=0x7f head=12 tail=0x\n+0.2 end\n",
                "x").events().getFirst();
        assertEquals(127, ReadinessTraceChecker.aioRingField(o, "nr"));
        assertEquals(12, ReadinessTraceChecker.aioRingField(o, "head"));
        assertEquals(-1, ReadinessTraceChecker.aioRingField(o, "tail"));
        assertEquals(-1, ReadinessTraceChecker.aioRingField(o, "magic"), "missing");
    }

    @Test
    void aRingTheModelDoesNotHoldIsRejected() throws Exception {
        String rest = " magic=0xa10a10a1 compat_features=1 incompat_features=0 header_length=32 map_bytes=4096";
        String[] e = ReadinessTraceReplayTest.edit(RING, "observe aio_ring(a0) nr=127 head=0 tail=1", 1,
                "observe aio_ring(a1) nr=127 head=0 tail=1" + rest);
        CheckReport r = check(e[0]);
        assertFalse(r.accepted());
        assertEquals(Integer.parseInt(e[1]), r.divergenceLine(), r::text);
        assertTrue(r.text().contains("a1 is no live AIO context"), r::text);
        String[] w = ReadinessTraceReplayTest.edit(RING, "observe aio_ring(a0) nr=127 head=0 tail=1", 1,
                "observe aio_ring(a0) nr=127 head=126 tail=0" + rest); // tail wrapped past head: 1 held
        assertTrue(check(w[0]).accepted(), "tail - head counts modulo nr");
    }
}
