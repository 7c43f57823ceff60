package kpath.check.readiness;

import kpath.check.CheckException;
import kpath.model.proc.ProcAction.*;
import kpath.trace.Event;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import kpath.uapi.UnixSend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What an AF_UNIX send reads of the trace (the header's af-unix-send line and its two sysctls) and
 * the SO_SNDBUF calls as the model takes them; malformed lines are one message naming file:line.
 */
class SendSyntaxExamples {

    static final String HOST = "sysctl: net.core.wmem_default=212992\nsysctl: net.core.wmem_max=4194304\n";
    static final String SEND = "af-unix-send: truesize=768 max-write=2 sock-min-sndbuf=4608\n";

    private static Trace trace(String sysctls, String extra, String line) throws Exception {
        return TraceReader.parse("kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\n" + sysctls
                + "path: readiness\ncaptured-by: kpath\n" + extra + "\n+0.1 " + line + "\n+0.2 end\n", "t");
    }

    private static kpath.model.proc.ProcAction action(Trace t) throws Exception {
        return ProcSyntax.action((Event.Syscall) t.events().getFirst(), "t:11: ", ProcSyntax.aioHost(t.header(), "t"));
    }

    @Test
    void aSocketpairTakesItsSendBufferAndChargeFromTheHeader() throws Exception {
        assertEquals(new Socketpair("s0", 4, "s1", 5, true, 212992, 768),
                action(trace(HOST, SEND, "socketpair(AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK) = s0:4,s1:5")));
        assertEquals(new Socketpair("s0", 4, "s1", 5, false, 1000, 768),
                action(trace("sysctl: net.core.wmem_default=1000\n", SEND, "socketpair(AF_UNIX, SOCK_STREAM) = s0:4,s1:5")));
    }

    @Test
    void withoutTheHeaderNothingIsCharged() throws Exception {
        Socketpair p = (Socketpair) action(trace("", "", "socketpair(AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK) = s0:4,s1:5"));
        assertEquals(new Socketpair("s0", 4, "s1", 5, true), p);
        assertEquals(0, p.truesize());
        assertEquals(Socketpair.WMEM_DEFAULT_UNRECORDED, p.sndbuf());
    }

    @Test
    void soSndbufCallsCarryTheHostsFigures() throws Exception {
        assertEquals(new Setsockopt("s0", 1, 4194304, 4608), action(trace(HOST, SEND, "setsockopt(s0, SOL_SOCKET, SO_SNDBUF, 1) = 0")));
        assertEquals(new Setsockopt("s0", -1, 4194304, 4608), action(trace(HOST, SEND, "setsockopt(s0, SOL_SOCKET, SO_SNDBUF, -1) = 0")));
        assertEquals(new Getsockopt("s0"), action(trace("", "", "getsockopt(s0, SOL_SOCKET, SO_SNDBUF) = 0")));
        assertEquals("setsockopt(s0, SOL_SOCKET, SO_SNDBUF, 1)", new Setsockopt("s0", 1, 4194304, 4608).toString());
        assertEquals("getsockopt(s0, SOL_SOCKET, SO_SNDBUF)", new Getsockopt("s0").toString());
    }

    @Test
    void malformedSendLinesAreBadInput() throws Exception {
        CheckException a = assertThrows(CheckException.class,
                () -> action(trace(HOST, SEND, "getsockopt(s0, SOL_SOCKET, SO_RCVBUF) = 0")));
        assertEquals("t:11: the model takes getsockopt(fd, SOL_SOCKET, SO_SNDBUF) only, not getsockopt(s0, SOL_SOCKET, SO_RCVBUF)",
                a.getMessage());
        CheckException b = assertThrows(CheckException.class,
                () -> action(trace("sysctl: net.core.wmem_max=4194304\n", "", "setsockopt(s0, SOL_SOCKET, SO_SNDBUF, 1) = 0")));
        assertTrue(b.getMessage().startsWith("t:11: setsockopt(SO_SNDBUF) needs the header's"), b.getMessage());
        CheckException c = assertThrows(CheckException.class,
                () -> ProcSyntax.aioHost(trace("sysctl: net.core.wmem_max=big\n", SEND, "close(s0) = 0").header(), "t"));
        assertEquals("t:1: header sysctl net.core.wmem_max='big' is not an integer", c.getMessage());
        for (String bad : new String[] {"truesize=0 max-write=2 sock-min-sndbuf=4608", "truesize=768", "truesize=x max-write=2 sock-min-sndbuf=1"}) {
            CheckException d = assertThrows(CheckException.class,
                    () -> ProcSyntax.aioHost(trace(HOST, UnixSend.KEY + ": " + bad + "\n", "close(s0) = 0").header(), "t"), bad);
            assertTrue(d.getMessage().startsWith("t:1: header af-unix-send: expected"), d.getMessage());
        }
        assertEquals(new UnixSend(768, 2, 4608), UnixSend.parse(new UnixSend(768, 2, 4608).text()));
    }
}
