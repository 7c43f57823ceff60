package kpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import kpath.trace.Line.Blank;
import kpath.trace.Line.Comment;
import org.junit.jupiter.api.Test;

class TraceRoundTripTest {

    static final String EXAMPLE = """
            kpath-trace 1
            scenario: accept-queue-fill-backlog-2
            kernel: 6.18.44-fc-v657
            arch: x86_64
            netns: host
            peer: loopback
            sysctl: net.core.somaxconn=4096
            sysctl: net.ipv4.tcp_syncookies=1
            # A free-text narrative: comment lines start with '#', anywhere after the first line.
            +0.000000 listen(L, 2) = 0
            +0.000112 connect(c1) = -1 EINPROGRESS
            +0.000300 accept4(L, 0) = c1
            +0.000400 accept4(L, SOCK_NONBLOCK) = -1 EAGAIN
            +0.000500 t1 -> accept4(L, SOCK_NONBLOCK)
            +0.010500 t1 <- c2
            +0.020000 < S c1
            +0.020100 > S. c1
            +0.030000 observe tcp_info(L) state=LISTEN unacked=2 sacked=1
            +0.030100 observe poll(L) revents=EPOLLIN|EPOLLRDNORM
            +0.030200 observe netstat ListenOverflows=1 ListenDrops=1
            +0.030300 observe client(c1) state=ESTABLISHED
            +0.030400 end
            """;

    private static Trace parse(String text) throws TraceFormatException {
        return TraceReader.parse(text, "x.trace");
    }

    @Test
    void exampleRoundTrips() throws TraceFormatException {
        assertEquals(EXAMPLE, TraceWriter.format(parse(EXAMPLE)));
        assertEquals(EXAMPLE, parse(EXAMPLE).toString());
    }

    @Test
    void exampleHeader() throws TraceFormatException {
        Header h = parse(EXAMPLE).header();
        assertEquals(1, h.version());
        assertEquals("accept-queue-fill-backlog-2", h.scenario());
        assertEquals("6.18.44-fc-v657", h.kernel());
        assertEquals("x86_64", h.arch());
        assertEquals(Header.Netns.HOST, h.netns());
        assertEquals(Header.Peer.LOOPBACK, h.peer());
        assertEquals(List.of(Map.entry("net.core.somaxconn", "4096"), Map.entry("net.ipv4.tcp_syncookies", "1")),
                new ArrayList<>(h.sysctls().entrySet()));
        assertEquals(List.of(), h.extra());
    }

    @Test
    void exampleEvents() throws TraceFormatException {
        Trace t = parse(EXAMPLE);
        assertEquals(new Comment(9, " A free-text narrative: comment lines start with '#', anywhere after the first line."),
                t.lines().getFirst());
        List<Event> e = t.events();
        assertEquals(12, e.size());
        assertEquals(new Syscall(10, 0, "listen", List.of("L", "2"), Result.ok("0")), e.get(0));
        assertEquals(new Syscall(11, 112, "connect", List.of("c1"), Result.error("EINPROGRESS")), e.get(1));
        assertEquals(new Syscall(12, 300, "accept4", List.of("L", "0"), Result.ok("c1")), e.get(2));
        assertEquals(new Syscall(13, 400, "accept4", List.of("L", "SOCK_NONBLOCK"), Result.error("EAGAIN")), e.get(3));
        assertEquals(new CallStart(14, 500, "t1", "accept4", List.of("L", "SOCK_NONBLOCK")), e.get(4));
        assertEquals(new CallReturn(15, 10_500, "t1", Result.ok("c2")), e.get(5));
        assertEquals(new Packet(16, 20_000, Direction.IN, "S", "c1"), e.get(6));
        assertEquals(new Packet(17, 20_100, Direction.OUT, "S.", "c1"), e.get(7));
        Observation tcpInfo = assertInstanceOf(Observation.class, e.get(8));
        assertEquals("tcp_info", tcpInfo.what());
        assertEquals(Optional.of("L"), tcpInfo.target());
        assertEquals(List.of("state", "unacked", "sacked"), List.copyOf(tcpInfo.values().sequencedKeySet()));
        assertEquals("2", tcpInfo.values().get("unacked"));
        Observation netstat = assertInstanceOf(Observation.class, e.get(10));
        assertEquals(Optional.empty(), netstat.target());
        assertEquals(Map.of("ListenOverflows", "1", "ListenDrops", "1"), netstat.values());
        assertEquals(30_300, e.get(11).timeMicros());
        assertEquals(List.of(), t.pendingCalls());
        assertEquals(Optional.of(new Line.End(22, 30_400)), t.end(), "the end marker is the last line, not an event");
        assertTrue(t.complete());
        assertEquals(22, t.lastLineNo());
    }

    @Test
    void aTraceWithoutItsEndMarkerReadsAsIncompleteAtItsLastLine() throws TraceFormatException {
        String cut = EXAMPLE.substring(0, EXAMPLE.indexOf("+0.030000"));
        Trace t = parse(cut);
        assertFalse(t.complete());
        assertEquals(Optional.empty(), t.end());
        assertEquals(17, t.lastLineNo());
        assertEquals(cut, TraceWriter.format(t), "an incomplete trace still writes out as it was read");
        Trace headerOnly = parse(EXAMPLE.substring(0, EXAMPLE.indexOf("# A free-text")));
        assertFalse(headerOnly.complete());
        assertEquals(8, headerOnly.lastLineNo(), "a header-only trace ends at its last header line");
        Trace noEvents = parse("kpath-trace 1\nscenario: s\nkernel: k\narch: a\nnetns: host\npeer: tun\n"
                + "+0.000001 end\n");
        assertTrue(noEvents.complete(), "a trace of no events can be complete");
        assertEquals(List.of(), noEvents.events());
    }

    @Test
    void blankLinesAfterTheEndMarkerAreDropped() throws TraceFormatException {
        Trace t = parse(EXAMPLE + "\n  \n\n");
        assertTrue(t.complete());
        assertEquals(EXAMPLE, TraceWriter.format(t));
    }

    @Test
    void everyLineFormatsAsWrittenAndKeepsItsNumber() throws TraceFormatException {
        List<String> text = EXAMPLE.lines().toList();
        for (Line line : parse(EXAMPLE).lines()) {
            assertEquals(text.get(line.lineNo() - 1), TraceWriter.formatLine(line));
        }
        Syscall s = (Syscall) parse(EXAMPLE).events().get(1);
        assertEquals("connect(c1) = -1 EINPROGRESS", s.toString());
        assertEquals("connect(c1)", s.call());
    }

    @Test
    void blankLinesCommentsExtraKeysAndPendingCallsAreKept() throws TraceFormatException {
        String text = """
                kpath-trace 1
                scenario: s
                kernel: k
                arch: aarch64
                netns: private
                peer: tun
                sysctl: net.ipv4.tcp_rmem=4096 131072 6291456
                captured-by: kpath capture 0.1
                note: two
                note: three

                #no space after the hash, two trailing spaces kept:\s\s
                +0.000000 t1 -> epoll_wait(E, 8, -1)
                +0.000000 t2 -> recvfrom(c1, 100, 0)

                +1.000000 t1 <- 1
                +1.000000 send(c1, 10, 0) = -
                #
                """;
        Trace t = parse(text);
        assertEquals(text, TraceWriter.format(t));
        assertEquals(Header.Netns.PRIVATE, t.header().netns());
        assertEquals(Header.Peer.TUN, t.header().peer());
        assertEquals("4096 131072 6291456", t.header().sysctls().get("net.ipv4.tcp_rmem"));
        assertEquals(List.of(Map.entry("captured-by", "kpath capture 0.1"), Map.entry("note", "two"),
                Map.entry("note", "three")), t.header().extra());
        assertEquals(new Blank(11), t.lines().getFirst());
        assertEquals(new Comment(12, "no space after the hash, two trailing spaces kept:  "), t.lines().get(1));
        assertEquals(List.of(new CallStart(14, 0, "t2", "recvfrom", List.of("c1", "100", "0"))), t.pendingCalls());
        assertTrue(((Syscall) t.events().getLast()).result().isAny());
        assertFalse(((Syscall) t.events().getLast()).result().isError());
    }

    @Test
    void nonCanonicalSpacingIsReadAndWrittenCanonically() throws TraceFormatException {
        String sloppy = "kpath-trace 1  \r\n"
                + "scenario:s\r\n"
                + "kernel:   k  \n"
                + "arch: x86_64\n"
                + "netns: host\n"
                + "peer: loopback\n"
                + "sysctl: a.b = 1\n"
                + "   \n"
                + "  +0.5\taccept4( L ,  0 )=c1  \n"
                + "+1   t1->accept4(L,  0)\n"
                + "+1.25 t1<-   -1   EAGAIN\n"
                + "+2 >   F.   c1\n"
                + "+2 observe  poll(L)   revents=0 \n";
        String canonical = """
                kpath-trace 1
                scenario: s
                kernel: k
                arch: x86_64
                netns: host
                peer: loopback
                sysctl: a.b=1

                +0.500000 accept4(L, 0) = c1
                +1.000000 t1 -> accept4(L, 0)
                +1.250000 t1 <- -1 EAGAIN
                +2.000000 > F. c1
                +2.000000 observe poll(L) revents=0
                """;
        assertEquals(canonical, TraceWriter.format(parse(sloppy)));
        assertEquals(canonical, TraceWriter.format(parse(canonical)));
    }

    @Test
    void aBuiltTraceWritesWhatReadsBack() throws TraceFormatException {
        SequencedMap<String, String> sysctls = new LinkedHashMap<>();
        sysctls.put("net.core.somaxconn", "128");
        Header header = new Header(1, "built", "6.18", "x86_64", Header.Netns.HOST, Header.Peer.LOOPBACK, sysctls,
                List.of(Map.entry("by", "test")));
        SequencedMap<String, String> values = new LinkedHashMap<>();
        values.put("state", "SYN_SENT");
        values.put("b", "2");
        Trace built = new Trace(header, List.of(
                new Comment(0, " built by hand"),
                new Syscall(0, 1, "socket", List.of("AF_INET", "SOCK_STREAM", "0"), Result.ok("c1")),
                new Blank(0),
                new CallStart(0, 2, "t7", "connect", List.of("c1", "127.0.0.1:80")),
                new Packet(0, 3, Direction.OUT, "S", "c1"),
                new Observation(0, 1_000_003, "client", Optional.of("c1"), values),
                new Line.End(0, 1_000_004)));
        String text = TraceWriter.format(built);
        assertEquals("""
                kpath-trace 1
                scenario: built
                kernel: 6.18
                arch: x86_64
                netns: host
                peer: loopback
                sysctl: net.core.somaxconn=128
                by: test
                # built by hand
                +0.000001 socket(AF_INET, SOCK_STREAM, 0) = c1

                +0.000002 t7 -> connect(c1, 127.0.0.1:80)
                +0.000003 > S c1
                +1.000003 observe client(c1) state=SYN_SENT b=2
                +1.000004 end
                """, text);
        Trace back = parse(text);
        assertEquals(built.header(), back.header());
        assertEquals(text, TraceWriter.format(back));
        assertEquals(List.of("t7"), back.pendingCalls().stream().map(CallStart::task).toList());
        assertTrue(back.complete(), "calls still in progress at the end marker are allowed");
    }
}
