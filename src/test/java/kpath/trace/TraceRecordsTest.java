package kpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import kpath.trace.Event.CallReturn;
import kpath.trace.Event.CallStart;
import kpath.trace.Event.Direction;
import kpath.trace.Event.Observation;
import kpath.trace.Event.Packet;
import kpath.trace.Event.Syscall;
import org.junit.jupiter.api.Test;

/** The records refuse what they could not write back, so every built trace is a valid one. */
class TraceRecordsTest {

    private static final Header HEADER = Header.of("s", "k", "x86_64", Header.Netns.HOST, Header.Peer.LOOPBACK);

    @Test
    void results() {
        assertEquals("-1 EAGAIN", Result.error("EAGAIN").toString());
        assertTrue(Result.error("EAGAIN").isError());
        assertEquals("-1", Result.error("EAGAIN").value());
        assertEquals("c1", Result.ok("c1").toString());
        assertFalse(Result.ok("c1").isError());
        assertEquals("-", Result.any().toString());
        assertTrue(Result.any().isAny());
        assertFalse(Result.ok("0").isAny());
        assertThrows(IllegalArgumentException.class, () -> Result.ok("-1"));
        assertThrows(IllegalArgumentException.class, () -> Result.ok("a b"));
        assertThrows(IllegalArgumentException.class, () -> Result.ok(""));
        assertThrows(IllegalArgumentException.class, () -> Result.error("eagain"));
        assertThrows(IllegalArgumentException.class, () -> new Result(Optional.of("EAGAIN"), "0"));
    }

    @Test
    void eventsRefuseWhatTheyCouldNotWrite() {
        assertThrows(IllegalArgumentException.class, () -> new Syscall(1, 0, "acept4", List.of("L"), Result.ok("0")));
        assertThrows(IllegalArgumentException.class, () -> new Syscall(1, 0, "accept4", List.of(), Result.ok("0")));
        assertThrows(IllegalArgumentException.class, () -> new Syscall(1, 0, "accept4", List.of("L, 0"), Result.ok("0")));
        assertThrows(IllegalArgumentException.class, () -> new Syscall(1, 0, "accept4", List.of(" L"), Result.ok("0")));
        assertThrows(IllegalArgumentException.class, () -> new Syscall(1, 0, "poll", List.of("f(x)"), Result.ok("0")));
        assertThrows(IllegalArgumentException.class, () -> new Syscall(1, -1, "listen", List.of("L"), Result.ok("0")));
        assertThrows(IllegalArgumentException.class, () -> new CallStart(1, 0, "T1", "listen", List.of("L")));
        assertThrows(IllegalArgumentException.class, () -> new CallReturn(1, 0, "1", Result.ok("0")));
        assertThrows(IllegalArgumentException.class, () -> new Packet(1, 0, Direction.IN, "SYN", "c1"));
        assertThrows(IllegalArgumentException.class, () -> new Packet(1, 0, Direction.IN, "S", "c 1"));
        assertThrows(IllegalArgumentException.class,
                () -> new Observation(1, 0, "poll", Optional.of("L"), new LinkedHashMap<>()));
        assertThrows(IllegalArgumentException.class,
                () -> new Observation(1, 0, "poll", Optional.of("L L"), new LinkedHashMap<>(Map.of("a", "1"))));
        assertThrows(IllegalArgumentException.class,
                () -> new Observation(1, 0, "poll", Optional.empty(), new LinkedHashMap<>(Map.of("a", "1 2"))));
        assertThrows(IllegalArgumentException.class, () -> new Line.Comment(1, "two\nlines"));
    }

    @Test
    void recordsAreImmutableCopies() {
        List<String> args = new ArrayList<>(List.of("L", "2"));
        Syscall s = new Syscall(1, 0, "listen", args, Result.ok("0"));
        args.set(0, "X");
        assertEquals("listen(L, 2) = 0", s.toString());
        assertThrows(UnsupportedOperationException.class, () -> s.args().add("x"));
        SequencedMap<String, String> values = new LinkedHashMap<>();
        values.put("a", "1");
        Observation o = new Observation(1, 0, "netstat", Optional.empty(), values);
        values.put("b", "2");
        assertEquals("observe netstat a=1", o.toString());
        assertThrows(UnsupportedOperationException.class, () -> o.values().put("c", "3"));
    }

    @Test
    void headerRefusesWhatItCouldNotWrite() {
        assertThrows(IllegalArgumentException.class, () -> new Header(2, "s", "k", "a", Header.Netns.HOST,
                Header.Peer.TUN, new LinkedHashMap<>(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Header.of(" s", "k", "a", Header.Netns.HOST,
                Header.Peer.TUN));
        assertThrows(IllegalArgumentException.class, () -> new Header(1, "s", "k", "a", Header.Netns.HOST,
                Header.Peer.TUN, new LinkedHashMap<>(), List.of(Map.entry("kernel", "k2"))));
        assertThrows(IllegalArgumentException.class, () -> new Header(1, "s", "k", "a", Header.Netns.HOST,
                Header.Peer.TUN, new LinkedHashMap<>(), List.of(Map.entry("Note", "x"))));
        assertThrows(IllegalArgumentException.class, () -> new Header(1, "s", "k", "a", Header.Netns.HOST,
                Header.Peer.TUN, new LinkedHashMap<>(Map.of("a=b", "1")), List.of()));
        assertEquals(Optional.of(Header.Netns.PRIVATE), Header.Netns.of("private"));
        assertEquals(Optional.empty(), Header.Peer.of("LOOPBACK"));
    }

    @Test
    void traceRefusesTimeGoingBackwardsAndUnpairedReturns() {
        Syscall late = new Syscall(1, 200, "listen", List.of("L", "2"), Result.ok("0"));
        Syscall early = new Syscall(2, 100, "listen", List.of("L", "2"), Result.ok("0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trace(HEADER, List.of(late, early)));
        assertEquals("line 2 '+0.000100 listen(L, 2) = 0': time +0.000100 goes backwards (previous +0.000200)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Trace(HEADER, List.of(new CallReturn(1, 0, "t1", Result.ok("0")))));
        assertThrows(IllegalArgumentException.class, () -> new Trace(HEADER, List.of(
                new CallStart(1, 0, "t1", "read", List.of("c1")), new CallStart(2, 0, "t1", "read", List.of("c1")))));
        assertEquals(2, new Trace(HEADER, List.of(early, late)).events().size());
    }

    @Test
    void theEndMarkerIsLastAndNotEarlierThanTheEvents() {
        Syscall at200 = new Syscall(1, 200, "listen", List.of("L", "2"), Result.ok("0"));
        assertTrue(new Trace(HEADER, List.of(at200, new Line.End(2, 200))).complete());
        assertFalse(new Trace(HEADER, List.of(at200)).complete());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trace(HEADER, List.of(at200, new Line.End(2, 199))));
        assertEquals("line 2 '+0.000199 end': end time +0.000199 goes backwards (previous +0.000200)", e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> new Trace(HEADER, List.of(new Line.End(1, 100), at200)));
        assertEquals("line 1 '+0.000100 end': the end marker is the last line of a trace", f.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Trace(HEADER, List.of(at200, new Line.End(2, 300), new Line.Blank(3))));
        assertThrows(IllegalArgumentException.class, () -> new Line.End(0, -1));
    }

    @Test
    void pendingCallsAreThoseNotReturnedInStartOrder() {
        Trace t = new Trace(HEADER, List.of(
                new CallStart(1, 0, "t2", "read", List.of("c1")),
                new CallStart(2, 1, "t1", "read", List.of("c2")),
                new CallReturn(3, 2, "t2", Result.ok("0")),
                new CallStart(4, 3, "t2", "write", List.of("c1")),
                new CallStart(5, 4, "t3", "read", List.of("c3")),
                new CallReturn(6, 5, "t3", Result.error("EINTR"))));
        assertEquals(List.of(2, 4), t.pendingCalls().stream().map(CallStart::lineNo).toList());
    }

    @Test
    void syscallNames() {
        assertTrue(SyscallNames.isKnown("accept4"));
        assertTrue(SyscallNames.isKnown("epoll_pwait2"));
        assertTrue(SyscallNames.isKnown("send"));
        assertFalse(SyscallNames.isKnown("acept4"));
        assertEquals(384, SyscallNames.all().size());
    }
}
