package kpath.kernel;

import kpath.uapi.Errno;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static kpath.kernel.LibcFile.*;
import static kpath.kernel.LibcPoll.*;
import static kpath.kernel.LibcSocket.*;
import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Accept-queue capacity on the host loopback: with backlog 1 the queue holds two connections,
 * because include/net/sock.h sk_acceptq_is_full() tests sk_ack_backlog &gt; sk_max_ack_backlog.
 */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class LoopbackAcceptQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @Test
    void backlogOneQueuesTwoConnectionsAndDropsTheThird() {
        long overflowsBefore = ProcNet.netstat().get("ListenOverflows");
        try (Fds fds = new Fds()) {
            int listener = fds.own(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket");
            setsockoptInt(listener, SOL_SOCKET, SO_REUSEADDR, 1).orThrow("SO_REUSEADDR");
            bind(listener, INADDR_LOOPBACK, 0).orThrow("bind");
            listen(listener, 1).orThrow("listen");
            int port = getsockname(listener).orThrow("getsockname").intValue();
            assertTrue(port > 0);

            // the listener must itself be nonblocking for accept to return EAGAIN
            int fl = fcntl(listener, F_GETFL, 0).orThrow("F_GETFL").intValue();
            fcntl(listener, F_SETFL, fl | O_NONBLOCK).orThrow("F_SETFL");
            assertEquals(O_NONBLOCK, fcntl(listener, F_GETFL, 0).intValue() & O_NONBLOCK);

            int[] clientPorts = new int[3];
            int[] clients = new int[3];
            for (int i = 0; i < 3; i++) {
                clients[i] = fds.own(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), "client socket");
                SysResult c = connect(clients[i], INADDR_LOOPBACK, port);
                assertTrue(c.ok() || c.failedWith(Errno.EINPROGRESS.number()), "connect: " + c);
                clientPorts[i] = getsockname(clients[i]).orThrow("client getsockname").intValue();
                if (i < 2) {
                    int expected = i + 1;
                    // loopback delivers the handshake via softirq: wait (bounded) until the child is queued
                    assertTrue(Waits.until(WAIT, () -> getTcpInfo(listener).unacked() == expected),
                            "connection " + expected + " never reached the accept queue: " + getTcpInfo(listener));
                    PollResult w = poll(clients[i], POLLOUT, 1000);
                    assertEquals(1, w.result().value(), "client " + i + " not writable");
                    assertEquals(0, getsockoptInt(clients[i], SOL_SOCKET, SO_ERROR).value());
                }
            }
            // the third SYN is dropped (queue full): ListenOverflows grows, the client stays in SYN_SENT
            assertTrue(Waits.until(WAIT, () -> ProcNet.netstat().get("ListenOverflows") > overflowsBefore),
                    "ListenOverflows did not increase");
            assertEquals(0, poll(clients[2], POLLOUT, 50).result().value(), "third client should not be connected");
            assertEquals(TcpInfo.TCP_SYN_SENT, getTcpInfo(clients[2]).state());

            TcpInfo info = getTcpInfo(listener);
            assertEquals(TcpInfo.TCP_LISTEN, info.state(), info.stateName());
            assertEquals(2, info.unacked(), "tcpi_unacked on LISTEN = sk_ack_backlog");
            assertEquals(1, info.sacked(), "tcpi_sacked on LISTEN = sk_max_ack_backlog");

            // close the SYN_SENT client so its SYN retransmit (~1 s) cannot refill the queue mid-test
            fds.close(clients[2]);

            for (int i = 0; i < 2; i++) {
                Accepted a = accept4(listener, SOCK_NONBLOCK | SOCK_CLOEXEC);
                int fd = fds.own(a.result(), "accept4 #" + i);
                assertEquals(clientPorts[i], a.peerPort(), "FIFO accept order");
                assertEquals(INADDR_LOOPBACK, a.peerAddress());
                assertEquals(clientPorts[i], getpeername(fd).intValue());
                assertEquals(TcpInfo.TCP_ESTABLISHED, getTcpInfo(fd).state());
            }
            Accepted empty = accept4(listener, SOCK_NONBLOCK | SOCK_CLOEXEC);
            assertEquals(-1, empty.result().value());
            assertEquals("EAGAIN", empty.result().errnoName());
            assertEquals(0, getTcpInfo(listener).unacked());
        }
    }

    @Test
    void errnoIsCapturedForBadFd() {
        SysResult r = close(-1);
        assertEquals(-1, r.value());
        assertEquals(Errno.EBADF.number(), r.errno());
        assertEquals("EBADF", r.errnoName());
        ErrnoException e = assertThrows(ErrnoException.class, () -> r.orThrow("close(-1)"));
        assertTrue(e.getMessage().contains("EBADF"), e.getMessage());
    }

    @Test
    void pipeEventfdEpollAndSocketpairWork() {
        try (Fds fds = new Fds()) {
            FdPair p = pipe2(O_NONBLOCK | O_CLOEXEC);
            p.result().orThrow("pipe2");
            int rd = fds.own(p.first());
            int wr = fds.own(p.second());
            assertEquals("EAGAIN", read(rd, new byte[4]).errnoName());
            int ep = fds.own(epollCreate1(EPOLL_CLOEXEC), "epoll_create1");
            epollCtl(ep, EPOLL_CTL_ADD, rd, EPOLLIN | EPOLLRDHUP, 0x1234_5678_9abcL).orThrow("epoll_ctl");
            assertEquals(0, epollWait(ep, 4, 0).events().size());
            assertEquals(3, write(wr, new byte[] {1, 2, 3}).value());
            EpollWaitResult w = epollWait(ep, 4, 1000);
            assertEquals(1, w.result().value());
            assertEquals(new EpollEvent(EPOLLIN, 0x1234_5678_9abcL), w.events().get(0));
            byte[] buf = new byte[8];
            assertEquals(3, read(rd, buf).value());
            assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(buf, 3));
            epollCtl(ep, EPOLL_CTL_DEL, rd, 0, 0).orThrow("epoll_ctl DEL");

            int efd = fds.own(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), "eventfd");
            assertEquals(0, poll(efd, POLLIN, 0).result().value());

            FdPair sp = socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sp.result().orThrow("socketpair");
            int a = fds.own(sp.first());
            int b = fds.own(sp.second());
            shutdown(a, SHUT_WR).orThrow("shutdown");
            PollResult pr = poll(b, POLLIN, 1000);
            assertEquals(1, pr.result().value());
            assertEquals(0, read(b, buf).value(), "EOF after peer SHUT_WR");
            assertEquals("ENOTSOCK", getsockname(rd).errnoName());
            assertEquals("ENOENT", open("/nonexistent/kpath", O_RDONLY).errnoName());
        }
    }
}
