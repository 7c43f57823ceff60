package kpath.model.proc;

import kpath.uapi.Mask;

import java.util.List;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static kpath.uapi.Mask.*;
import static kpath.model.proc.ProcRule.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * TCP sockets in the readiness model: tcp_poll's masks for a fresh socket, a listener and both
 * ends of a loopback connection through data, FIN, RST and close (catalog readiness FD-T1..T8).
 * Method: drive the model call by call, checking results and poll snapshots.
 */
class TcpReadinessExamples {

    static final int ALL = IN | OUT | RDNORM | WRNORM | PRI | RDHUP;

    static R connected() {
        return new R().call(new Socket("l0", 20), "l0:20").call(new Bind("l0"), "0").call(new Listen("l0", 8), "0")
                .call(new Socket("c0", 21), "c0:21").call(new Connect("c0", "l0"), "EINPROGRESS").expect(ConnectTcpInProgress)
                .call(new Accept4("l0", "a0", 22), "a0:22").expect(AcceptTcp);
    }

    @Example
    void aFreshSocketIsWritableAndHungUp() { // FD-T2
        new R().call(new Socket("u0", 20), "u0:20").expect(SocketOk).poll("u0", ALL, "POLLOUT|POLLHUP|POLLWRNORM")
                .call(new Read("u0", 1), "ENOTCONN").call(new Write("u0", 1), "EPIPE")
                .call(new Shutdown("u0", 1), "ENOTCONN");
    }

    @Example
    void aListenerIsReadableIffAChildIsQueued() { // FD-T7, catalog tcp P1/P2
        R r = new R().call(new Socket("l0", 20), "l0:20").call(new Listen("l0", 8), "0").expect(ListenTcp)
                .epoll("e0").add("e0", "l0", IN | ET).poll("l0", ALL, "0")
                .call(new Socket("c0", 21), "c0:21").call(new Connect("c0", "l0"), "EINPROGRESS")
                .poll("l0", ALL, "POLLIN|POLLRDNORM").waitFor("e0", 8, "l0=EPOLLIN")
                .call(new Socket("c1", 22), "c1:22").call(new Connect("c1", "l0"), "EINPROGRESS").waitFor("e0", 8, "l0=EPOLLIN")
                .call(new Accept4("l0", "a0", 23), "a0:23").call(new Accept4("l0", "a1", 24), "a1:24")
                .call(new Accept4("l0", "a2", 25), "EAGAIN").poll("l0", ALL, "0");
        r.call(new Accept4("c0", "a3", 26), "EINVAL").call(new Listen("c0", 1), "EINVAL").call(new Listen("e0", 1), "ENOTSOCK")
                .call(new Bind("e0"), "ENOTSOCK").call(new Bind("zz"), "EBADF").call(new Listen("zz", 1), "EBADF")
                .call(new Accept4("zz", "a4", 27), "EBADF").call(new Read("l0", 1), "ENOTCONN");
        assertTrue(Proc.successors(r.s, new Connect("e0", "l0")).isEmpty());
        assertTrue(Proc.successors(r.s, new Accept4("l0", "a0", 30)).isEmpty());
    }

    @Example
    void dataFinAndBothDirectionsShut() { // FD-T1, FD-T2, FD-T3
        R r = connected().epoll("e0").add("e0", "a0", IN | RDHUP).add("e0", "c0", OUT | ET)
                .waitFor("e0", 8, "c0=EPOLLOUT").poll("a0", ALL, "POLLOUT|POLLWRNORM")
                .call(new Write("c0", 5), "5").expect(WriteTcp).waitFor("e0", 8, "a0=EPOLLIN")
                .call(new Read("a0", 2), "2").expect(ReadTcp).call(new Read("a0", 9), "3").call(new Read("a0", 9), "EAGAIN")
                .call(new Shutdown("c0", 1), "0").expect(ShutdownTcp).waitFor("e0", 8, "a0=EPOLLIN|EPOLLRDHUP", "c0=EPOLLOUT")
                .call(new Read("a0", 9), "0").expect(ReadTcpEof).call(new Write("c0", 1), "EPIPE");
        r.call(new Shutdown("a0", 1), "0").poll("c0", ALL, "POLLIN|POLLOUT|POLLHUP|POLLRDNORM|POLLWRNORM|POLLRDHUP")
                .poll("a0", ALL, "POLLIN|POLLOUT|POLLHUP|POLLRDNORM|POLLWRNORM|POLLRDHUP")
                .call(new Shutdown("a0", 1), "ENOTCONN");
    }

    @Example
    void closeWithUnreadDataResetsThePeer() { // FD-T6
        connected().call(new Write("c0", 3), "3").call(new Close("a0"), "0").expect(CloseRelease)
                .poll("c0", ALL, "POLLIN|POLLOUT|POLLERR|POLLHUP|POLLRDNORM|POLLWRNORM|POLLRDHUP")
                .call(new Read("c0", 9), "ECONNRESET").expect(TcpSockError)
                .poll("c0", ALL, "POLLIN|POLLOUT|POLLHUP|POLLRDNORM|POLLWRNORM|POLLRDHUP").call(new Read("c0", 9), "0");
    }

    @Example
    void writingToAClosedPeerGetsAResetThenEpipe() {
        connected().call(new Close("a0"), "0").poll("c0", ALL, "POLLIN|POLLOUT|POLLRDNORM|POLLWRNORM|POLLRDHUP")
                .call(new Read("c0", 9), "0").call(new Write("c0", 1), "1").expect(WriteTcpReset)
                .poll("c0", ALL, "POLLIN|POLLOUT|POLLERR|POLLHUP|POLLRDNORM|POLLWRNORM|POLLRDHUP")
                .call(new Write("c0", 1), "EPIPE").expect(TcpSockError).call(new Write("c0", 1), "EPIPE").expect(IoEpipe);
    }

    @Example
    void closingAListenerResetsQueuedChildren() {
        R r = new R().call(new Socket("l0", 20), "l0:20").call(new Listen("l0", 8), "0")
                .call(new Socket("c0", 21), "c0:21").call(new Connect("c0", "l0"), "EINPROGRESS").call(new Close("l0"), "0");
        r.poll("c0", ALL, "POLLIN|POLLOUT|POLLERR|POLLHUP|POLLRDNORM|POLLWRNORM|POLLRDHUP").call(new Read("c0", 1), "ECONNRESET");
        assertEquals(List.of("c0"), r.s.files().keySet().stream().sorted().toList());
    }

    @Example
    void actionsPrintAsTraceLines() {
        assertEquals("socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK) = l0:3", new Socket("l0", 3).toString());
        assertEquals("bind(l0, 127.0.0.1:0)", new Bind("l0").toString());
        assertEquals("listen(l0, 8)", new Listen("l0", 8).toString());
        assertEquals("connect(c0, l0)", new Connect("c0", "l0").toString());
        assertEquals("accept4(l0, SOCK_NONBLOCK) = a0:5", new Accept4("l0", "a0", 5).toString());
    }
    @Example
    void listenAgainKeepsListeningButAnOnceConnectedSocketMayNot() { // inet_listen: SS_UNCONNECTED, CLOSE or LISTEN
        R r = connected().call(new Listen("l0", 4), "0").expect(ListenTcp).call(new Listen("a0", 1), "EINVAL")
                .call(new Write("c0", 1), "1").call(new Close("a0"), "0"); // RST: c0 is TCP_CLOSE, still connected once
        r.poll("c0", ALL, "POLLIN|POLLOUT|POLLERR|POLLHUP|POLLRDNORM|POLLWRNORM|POLLRDHUP")
                .call(new Listen("c0", 1), "EINVAL").expect(TcpSockEinval);
    }

    @Example
    void shutdownOfTheReadSideSendsNoFin() { // tcp_shutdown: a FIN only for SEND_SHUTDOWN
        connected().call(new Shutdown("c0", Shutdown.SHUT_RD), "0").expect(ShutdownTcp)
                .poll("a0", ALL, "POLLOUT|POLLWRNORM").call(new Read("a0", 1), "EAGAIN");
    }

    @Example
    void connectOfAClosedFdIsEbadf() { // __sys_connect: fdget fails
        R r = new R().call(new Socket("l0", 20), "l0:20").call(new Listen("l0", 8), "0")
                .call(new Socket("c0", 21), "c0:21").call(new Close("c0"), "0");
        r.call(new Connect("c0", "l0"), "EBADF").expect(Ebadf);
    }
}
