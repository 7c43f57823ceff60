package kpath.model.proc;

import kpath.model.sock.InetCskAccept;
import kpath.model.sock.TcpPollMask;

import kpath.model.sock.SkShutdown;

import java.util.ArrayList;
import java.util.List;
import kpath.model.proc.OpenFile.TcpSock;
import kpath.model.proc.OpenFile.UnixStream;
import kpath.model.proc.ProcAction.Accept4;
import kpath.model.proc.ProcAction.Socket;
import kpath.uapi.Errno;
import kpath.uapi.Mask;
import kpath.uapi.SigPoll;

import static kpath.model.proc.ProcRule.*;

/**
 * TCP sockets on loopback, as far as readiness needs them (net/ipv4/tcp.c, af_inet.c,
 * inet_connection_sock.c, tcp_input.c). Every socket is non-blocking until F_SETFL takes
 * O_NONBLOCK off a connected one (then a task's read sleeps in sk_wait_data); connect completes
 * the handshake inside the call; every segment is processed before the sending call returns;
 * TIME_WAIT, LAST_ACK and retransmissions are not modelled. Signal-driven I/O: each arrival asks
 * sk_wake_async for its signal ({@link Fasync#sockWakeAsync}).
 */
final class TcpLoopback {
    private TcpLoopback() {}

    /** socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK): TCP_CLOSE, no peer. */
    static ProcRule socket(World w, Socket o) {
        return FdTable.install(w, o.name(), o.number(), new TcpSock("CLOSE", "", 0, 0, "", List.of()), null, 0,
                null, SocketOk);
    }

    /**
     * kernel: tcp_poll — a listener is readable iff a child is queued (inet_csk_listen_poll);
     * otherwise HUP when both directions are shut or the socket is closed, IN|RDHUP once a FIN
     * arrived, IN with data, OUT always (send space, or sending shut down), ERR with a pending error.
     */
    static int poll(TcpSock t) {
        return t.state().equals("LISTEN") ? TcpPollMask.listener(t.acceptQueue().isEmpty())
                : TcpPollMask.socket(t.state().equals("CLOSE"), t.shutdown(), t.rcvBytes(), !t.err().isEmpty())
                        | (t.urg() ? Mask.PRI : 0); // tcp_poll: urg_data & TCP_URG_VALID
    }

    /** bind to 127.0.0.1, any port (net/socket.c __sys_bind): no readiness effect. */
    static ProcRule bind(World w, String fd) {
        String file = w.fileOf(fd);
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        if (!(w.files.get(file) instanceof TcpSock)) {
            return w.fail(Errno.ENOTSOCK, SockEnotsock); // sockfd_lookup_light
        }
        w.ret = 0;
        return BindOk;
    }

    /** kernel: af_inet.c inet_listen — only an unconnected socket may listen. */
    static ProcRule listen(World w, String fd) {
        String file = w.fileOf(fd);
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        if (!(w.files.get(file) instanceof TcpSock t)) {
            return w.fail(Errno.ENOTSOCK, SockEnotsock); // sockfd_lookup_light
        }
        if (!(t.state().equals("CLOSE") || t.state().equals("LISTEN")) || !t.peer().isEmpty()) {
            return w.fail(Errno.EINVAL, TcpSockEinval);
        }
        w.files.put(file, new TcpSock("LISTEN", "", 0, 0, "", t.acceptQueue()));
        w.ret = 0;
        return ListenTcp;
    }

    /**
     * A non-blocking connect to a loopback listener. The handshake completes inside the call
     * (softirq processing at release_sock), so it returns EINPROGRESS with the client established
     * and the child queued. kernel: tcp_finish_connect → sk_state_change (no key);
     * tcp_child_process → the listener's sk_data_ready (sock_def_readable).
     */
    static ProcRule connect(World w, String fd, String listener) {
        String file = w.fileOf(fd);
        String lfile = w.fileOf(listener);
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        if (!(w.files.get(file) instanceof TcpSock c) || !c.state().equals("CLOSE") || !c.peer().isEmpty()
                || lfile == null || !(w.files.get(lfile) instanceof TcpSock l) || !l.state().equals("LISTEN")) {
            return null; // not modelled: connecting anything but a fresh socket to a live listener
        }
        String child = lfile + "." + file;
        w.files.put(child, new TcpSock("ESTABLISHED", file, 0, 0, "", List.of()));
        w.files.put(file, new TcpSock("ESTABLISHED", child, 0, 0, "", List.of()));
        List<String> q = new ArrayList<>(l.acceptQueue());
        q.add(child);
        w.files.put(lfile, new TcpSock("LISTEN", "", 0, 0, "", q));
        Wait.wake(w, file, 0);
        // tcp_rcv_synsent_state_process: sk_state_change, then sk_wake_async(SOCK_WAKE_IO, POLL_OUT)
        Fasync.sockWakeAsync(w, file, Fasync.SockWake.IO, SigPoll.POLL_OUT);
        Wait.wake(w, lfile, Mask.IN | Mask.PRI | Mask.RDNORM | Mask.RDBAND);
        Fasync.sockWakeAsync(w, lfile, Fasync.SockWake.WAITD, SigPoll.POLL_IN); // sock_def_readable
        w.ret = -Errno.EINPROGRESS.number();
        return ConnectTcpInProgress;
    }

    /** kernel: inet_connection_sock.c inet_csk_accept (the listener is O_NONBLOCK). */
    static ProcRule accept4(World w, Accept4 a) {
        if (w.numbers.containsKey(a.name())) {
            return null;
        }
        String lfile = w.fileOf(a.fd());
        TcpSock l = lfile != null && w.files.get(lfile) instanceof TcpSock t && t.state().equals("LISTEN") ? t : null;
        // every loopback socket here is O_NONBLOCK: the call never sleeps
        switch (InetCskAccept.check(lfile != null, l != null, l == null || l.acceptQueue().isEmpty(), true)) {
            case EBADF -> {
                return w.fail(Errno.EBADF, Ebadf);
            }
            case EINVAL -> {
                return w.fail(Errno.EINVAL, TcpSockEinval);
            }
            case EAGAIN -> {
                return w.fail(Errno.EAGAIN, AcceptTcpEagain);
            }
            case BLOCK -> throw new AssertionError("impossible: a non-blocking accept never sleeps"); // coverage: impossible
            case DEQUEUE -> { }
        }
        if (w.numberOpen(a.number())) {
            return null;
        }
        String child = l.acceptQueue().getFirst();
        w.files.put(lfile, new TcpSock("LISTEN", "", 0, 0, "", l.acceptQueue().subList(1, l.acceptQueue().size())));
        w.numbers.put(a.name(), a.number());
        w.fds.put(a.name(), child);
        w.ret = a.number();
        return AcceptTcp;
    }

    /**
     * kernel: tcp.c tcp_sendmsg_locked — a pending error first (sock_error clears it), EPIPE once
     * sending is shut or the socket is not connected; on loopback the data lands on the peer at
     * once (tcp_data_ready → sock_def_readable), one segment per send (the sends here are small):
     * one sk_wake_async(SOCK_WAKE_WAITD, POLL_IN) per send.
     */
    static ProcRule sendmsg(World w, String file, TcpSock t, long n) {
        if (!t.err().isEmpty()) {
            w.files.put(file, t.with(t.state(), t.shutdown(), ""));
            return w.fail(Errno.valueOf(t.err()), TcpSockError);
        }
        if ((t.shutdown() & SkShutdown.SEND_SHUTDOWN) != 0 || !t.state().equals("ESTABLISHED")) {
            return w.fail(Errno.EPIPE, IoEpipe); // do_error
        }
        if (w.files.get(t.peer()) instanceof TcpSock p && !p.state().equals("CLOSE")) {
            w.files.put(t.peer(), new TcpSock(p.state(), p.peer(), p.rcvBytes() + n, p.shutdown(), p.err(), p.acceptQueue(), p.urg()));
            Wait.wake(w, t.peer(), Mask.IN | Mask.PRI | Mask.RDNORM | Mask.RDBAND);
            Fasync.sockWakeAsync(w, t.peer(), Fasync.SockWake.WAITD, SigPoll.POLL_IN); // sock_def_readable
            w.ret = n;
            return WriteTcp;
        }
        // The peer's socket is gone: its orphan answers the data with RST (tcp_rcv_state_process TCPAbortOnData).
        reset(w, file, t);
        w.ret = n;
        return WriteTcpReset;
    }

    /**
     * send(fd, 1, MSG_OOB) on a connected socket: one urgent byte (net/ipv4/tcp.c tcp_sendmsg_locked,
     * tcp_mark_urg: the urgent pointer past it), with sendmsg's errors first. On the peer the segment
     * goes through tcp_rcv_established's slow path: tcp_urg → tcp_check_urg, a new urgent pointer →
     * net/core/sock.c sk_send_sigurg: SIGURG to the owner ({@link Fasync#sendSigurg}) and, only when
     * there is one, sk_wake_async(SOCK_WAKE_URG, POLL_PRI); then tcp_urg finds the byte in the
     * segment (tp->urg_data = TCP_URG_VALID | byte) and calls sk_data_ready, and tcp_data_queue's
     * tcp_data_ready calls it again (sock_def_readable: sk_wake_async(SOCK_WAKE_WAITD, POLL_IN) each).
     * Without SO_OOBINLINE the byte is not read by read(2), so rcvBytes stays. Not modelled: more
     * than one byte, a peer that already has an urgent byte (tcp_check_urg's handling of the old one),
     * a peer that is gone (its RST).
     */
    static ProcRule sendOob(World w, String file, TcpSock t, long n) {
        if (!t.err().isEmpty() || (t.shutdown() & SkShutdown.SEND_SHUTDOWN) != 0 || !t.state().equals("ESTABLISHED")) {
            return sendmsg(w, file, t, n); // the same errors as a write
        }
        if (n != 1 || !(w.files.get(t.peer()) instanceof TcpSock p) || p.state().equals("CLOSE") || p.urg()) {
            return null;
        }
        w.files.put(t.peer(), new TcpSock(p.state(), p.peer(), p.rcvBytes(), p.shutdown(), p.err(), p.acceptQueue(), true));
        if (Fasync.sendSigurg(w, t.peer())) {
            Fasync.sockWakeAsync(w, t.peer(), Fasync.SockWake.URG, SigPoll.POLL_PRI);
        }
        for (int i = 0; i < 2; i++) { // tcp_urg's sk_data_ready, then tcp_data_ready's
            Wait.wake(w, t.peer(), Mask.IN | Mask.PRI | Mask.RDNORM | Mask.RDBAND);
            Fasync.sockWakeAsync(w, t.peer(), Fasync.SockWake.WAITD, SigPoll.POLL_IN);
        }
        w.ret = n;
        return SendOobTcp;
    }

    /**
     * kernel: tcp.c tcp_recvmsg — ENOTCONN on a listener; data first, then a pending error, then
     * end of file after a FIN, ENOTCONN once closed, else EAGAIN.
     */
    static ProcRule recvmsg(World w, String file, TcpSock t, long n) {
        if (t.urg()) {
            return null; // not modelled: tcp_recvmsg_locked skips the urgent byte and stops at it
        }
        if (t.state().equals("LISTEN")) {
            return w.fail(Errno.ENOTCONN, TcpSockEnotconn);
        }
        if (t.rcvBytes() > 0) {
            long k = Math.min(n, t.rcvBytes());
            w.files.put(file, new TcpSock(t.state(), t.peer(), t.rcvBytes() - k, t.shutdown(), t.err(), t.acceptQueue()));
            w.ret = k;
            return ReadTcp;
        }
        if (!t.err().isEmpty()) {
            w.files.put(file, t.with(t.state(), t.shutdown(), ""));
            return w.fail(Errno.valueOf(t.err()), TcpSockError); // sock_error
        }
        if ((t.shutdown() & SkShutdown.RCV_SHUTDOWN) != 0) {
            w.ret = 0;
            return ReadTcpEof;
        }
        if (t.state().equals("CLOSE")) {
            return w.fail(Errno.ENOTCONN, TcpSockEnotconn);
        }
        return w.fail(Errno.EAGAIN, ReadTcpEagain);
    }

    /**
     * kernel: tcp.c tcp_recvmsg_locked — with nothing to return (no data, no error, no FIN, not
     * closed) a blocking read sleeps in net/core/sock.c sk_wait_data (with an urgent byte there the
     * read is not modelled, {@link #recvmsg}). Only a connected socket is
     * ever blocking here, and a closed one is shut both ways, so the state need not be looked at.
     */
    static boolean wouldSleep(TcpSock t) {
        return !t.urg() && t.rcvBytes() == 0 && t.err().isEmpty() && (t.shutdown() & SkShutdown.RCV_SHUTDOWN) == 0;
    }

    /**
     * A FIN reaches {@code file} (its RCV_SHUTDOWN already set). kernel: tcp_input.c tcp_data_queue
     * → tcp_fin: sk_state_change, then sk_wake_async(SOCK_WAKE_WAITD, POLL_HUP) when the socket is
     * now shut both ways or closed (a closed socket here is shut both ways), else POLL_IN; then
     * tcp_data_ready (SOCK_DONE is set) → sock_def_readable: sk_wake_async(SOCK_WAKE_WAITD, POLL_IN)
     * again. (The model's wake-ups stay the one without a key.)
     */
    private static void fin(World w, String file) {
        TcpSock p = (TcpSock) w.files.get(file);
        Wait.wake(w, file, 0);
        boolean hup = p.shutdown() == SkShutdown.SHUTDOWN_MASK;
        Fasync.sockWakeAsync(w, file, Fasync.SockWake.WAITD, hup ? SigPoll.POLL_HUP : SigPoll.POLL_IN);
        Fasync.sockWakeAsync(w, file, Fasync.SockWake.WAITD, SigPoll.POLL_IN);
    }

    /**
     * kernel: af_inet.c inet_shutdown, tcp_shutdown (FIN), tcp_fin on the peer. Once both
     * directions are shut each side is done (TIME_WAIT, LAST_ACK → CLOSE).
     */
    static ProcRule shutdown(World w, String file, TcpSock t, int how) {
        if (!t.state().equals("ESTABLISHED")) {
            return w.fail(Errno.ENOTCONN, TcpSockEnotconn);
        }
        int mode = how + 1;
        TcpSock me = t.with(t.state(), t.shutdown() | mode, t.err());
        w.files.put(file, me);
        if ((mode & SkShutdown.SEND_SHUTDOWN) != 0 && w.files.get(t.peer()) instanceof TcpSock p) {
            TcpSock peer = p.with(p.state(), p.shutdown() | SkShutdown.RCV_SHUTDOWN, p.err());
            w.files.put(t.peer(), peer);
            if (peer.shutdown() == SkShutdown.SHUTDOWN_MASK && me.shutdown() == SkShutdown.SHUTDOWN_MASK) {
                w.files.put(file, me.with("CLOSE", SkShutdown.SHUTDOWN_MASK, me.err()));
                w.files.put(t.peer(), peer.with("CLOSE", SkShutdown.SHUTDOWN_MASK, peer.err()));
            }
            fin(w, t.peer());
        }
        Wait.wake(w, file, 0);
        w.ret = 0;
        return ShutdownTcp;
    }

    /**
     * close() of a TCP socket. kernel: tcp.c __tcp_close — unread data means RST (the peer gets
     * ECONNRESET and is done; an unread urgent byte counts), otherwise a FIN (the peer gets RCV_SHUTDOWN: tcp_fin). A listener
     * resets every child still queued (inet_csk_listen_stop).
     */
    static void release(World w, TcpSock t) {
        if (t.state().equals("LISTEN")) {
            for (String child : t.acceptQueue()) {
                TcpSock c = (TcpSock) w.files.remove(child);
                if (w.files.get(c.peer()) instanceof TcpSock p) {
                    reset(w, c.peer(), p);
                }
            }
            return;
        }
        if (!(w.files.get(t.peer()) instanceof TcpSock p) || p.state().equals("CLOSE")) {
            return;
        }
        if (t.rcvBytes() > 0 || t.urg()) { // the urgent byte's segment is unread data too
            reset(w, t.peer(), p);
        } else {
            w.files.put(t.peer(), p.with(p.state(), p.shutdown() | SkShutdown.RCV_SHUTDOWN, p.err()));
            fin(w, t.peer());
        }
    }

    /**
     * kernel: tcp_input.c tcp_reset → tcp_done: EPIPE in CLOSE_WAIT, else ECONNRESET; woken without a
     * key. tcp_done_with_error → sk_error_report (sock_def_error_report): sk_wake_async(SOCK_WAKE_IO,
     * POLL_ERR), sent even while a reader waits for data.
     */
    private static void reset(World w, String file, TcpSock t) {
        String err = (t.shutdown() & SkShutdown.RCV_SHUTDOWN) != 0 ? "EPIPE" : "ECONNRESET";
        w.files.put(file, new TcpSock("CLOSE", t.peer(), t.rcvBytes(), SkShutdown.SHUTDOWN_MASK, err, List.of(), t.urg()));
        Wait.wake(w, file, 0);
        Fasync.sockWakeAsync(w, file, Fasync.SockWake.IO, SigPoll.POLL_ERR);
    }
}
