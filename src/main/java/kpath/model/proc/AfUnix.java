package kpath.model.proc;

import kpath.model.sock.SkShutdown;

import java.util.ArrayList;
import java.util.List;
import kpath.model.proc.OpenFile.UnixStream;
import kpath.model.proc.ProcAction.Socketpair;
import kpath.uapi.Errno;
import kpath.uapi.Mask;
import kpath.uapi.SigPoll;

import static kpath.model.proc.ProcRule.*;

/**
 * net/unix/af_unix.c: AF_UNIX stream socketpairs. Each write is one skb on the peer's receive
 * queue; the sender always has room (little wmem in use). Their wake-ups with a signal go through
 * {@link #sockWake}.
 */
final class AfUnix {
    private AfUnix() {}

    static ProcRule socketpair(World w, Socketpair p) {
        ProcRule created = FdTable.install(w, p.a(), p.an(), new UnixStream(p.b(), List.of(), 0, false), p.b(),
                p.bn(), new UnixStream(p.a(), List.of(), 0, false), SocketpairOk);
        return FdTable.blocking(w, created, p.nonblock(), p.a(), p.b());
    }

    /** kernel: unix_poll (always writable here: unix_writable with little wmem in use). */
    static int poll(UnixStream u) {
        int m = 0;
        if (u.err()) {
            m |= Mask.ERR;
        }
        if (u.shutdown() == SkShutdown.SHUTDOWN_MASK) {
            m |= Mask.HUP;
        }
        if ((u.shutdown() & SkShutdown.RCV_SHUTDOWN) != 0) {
            m |= Mask.RDHUP | Mask.IN | Mask.RDNORM;
        }
        if (!u.rcvQueue().isEmpty()) {
            m |= Mask.IN | Mask.RDNORM;
        }
        return m | Mask.OUT | Mask.WRNORM | Mask.WRBAND;
    }

    /** kernel: unix_stream_sendmsg — EPIPE once either side shut this direction; else one skb for the peer. */
    static ProcRule sendmsg(World w, UnixStream u, long n) {
        UnixStream peer = w.files.get(u.peer()) instanceof UnixStream x ? x : null;
        if ((u.shutdown() & SkShutdown.SEND_SHUTDOWN) != 0 || peer == null
                || (peer.shutdown() & SkShutdown.RCV_SHUTDOWN) != 0) {
            return w.fail(Errno.EPIPE, IoEpipe); // pipe_err
        }
        List<Long> q = new ArrayList<>(peer.rcvQueue());
        q.add(n);
        w.files.put(u.peer(), new UnixStream(peer.peer(), q, peer.shutdown(), peer.err()));
        // sk_data_ready → sock_def_readable: wake-up, then sk_wake_async(POLL_IN)
        sockWake(w, u.peer(), Mask.IN | Mask.PRI | Mask.RDNORM | Mask.RDBAND, SigPoll.POLL_IN);
        w.ret = n;
        return WriteUnix;
    }

    /**
     * kernel: unix_stream_read_generic — with an empty queue: sock_error first, then RCV_SHUTDOWN
     * (0), then EAGAIN; else whole and partial skbs in order.
     */
    static ProcRule recvmsg(World w, String file, UnixStream u, long n) {
        if (u.rcvQueue().isEmpty()) {
            if (u.err()) {
                w.files.put(file, new UnixStream(u.peer(), u.rcvQueue(), u.shutdown(), false));
                return w.fail(Errno.ECONNRESET, ReadUnixReset);
            }
            if ((u.shutdown() & SkShutdown.RCV_SHUTDOWN) != 0) {
                w.ret = 0;
                return ReadUnixEof;
            }
            return w.fail(Errno.EAGAIN, ReadUnixEagain);
        }
        List<Long> q = new ArrayList<>(u.rcvQueue());
        long left = n;
        long got = 0;
        int consumed = 0;
        while (!q.isEmpty() && left > 0) {
            long take = Math.min(left, q.getFirst());
            got += take;
            left -= take;
            if (take == q.getFirst()) {
                q.removeFirst();
                consumed++;
            } else {
                q.set(0, q.getFirst() - take);
            }
        }
        w.files.put(file, new UnixStream(u.peer(), q, u.shutdown(), u.err()));
        // consume_skb → sock_wfree → unix_write_space on the sender, once per skb freed
        if (w.files.containsKey(u.peer())) {
            for (int i = 0; i < consumed; i++) {
                Wait.wake(w, u.peer(), Mask.OUT | Mask.WRNORM | Mask.WRBAND);
            }
        }
        w.ret = got;
        return ReadUnix;
    }

    /** kernel: unix_stream_read_generic sleeps in unix_stream_data_wait with no data, error or shutdown. */
    static boolean wouldSleep(UnixStream u) {
        return u.rcvQueue().isEmpty() && !u.err() && (u.shutdown() & SkShutdown.RCV_SHUTDOWN) == 0;
    }

    /** kernel: unix_shutdown — this side and the peer's mirror bits, each woken without a key. */
    static ProcRule shutdown(World w, String file, UnixStream u, int how) {
        int mode = how + 1; // SHUT_RD → RCV_SHUTDOWN, SHUT_WR → SEND_SHUTDOWN, SHUT_RDWR → both
        w.files.put(file, new UnixStream(u.peer(), u.rcvQueue(), u.shutdown() | mode, u.err()));
        Wait.wake(w, file, 0);
        if (w.files.get(u.peer()) instanceof UnixStream p) {
            int peerMode = ((mode & SkShutdown.RCV_SHUTDOWN) != 0 ? SkShutdown.SEND_SHUTDOWN : 0)
                    | ((mode & SkShutdown.SEND_SHUTDOWN) != 0 ? SkShutdown.RCV_SHUTDOWN : 0);
            w.files.put(u.peer(), new UnixStream(p.peer(), p.rcvQueue(), p.shutdown() | peerMode, p.err()));
            // unix_shutdown: POLL_HUP when the peer is shut both ways, POLL_IN when only for receiving
            sockWake(w, u.peer(), 0, peerMode == SkShutdown.SHUTDOWN_MASK ? SigPoll.POLL_HUP
                    : (peerMode & SkShutdown.RCV_SHUTDOWN) != 0 ? SigPoll.POLL_IN : null);
        }
        w.ret = 0;
        return ShutdownUnix;
    }

    /**
     * kernel: unix_release_sock — the peer gets SHUTDOWN_MASK, and ECONNRESET if this end still
     * held unread data; sk_state_change wakes it without a key, and sk_wake_async(POLL_HUP).
     */
    static void release(World w, UnixStream u) {
        if (w.files.get(u.peer()) instanceof UnixStream p) {
            w.files.put(u.peer(), new UnixStream(p.peer(), p.rcvQueue(), SkShutdown.SHUTDOWN_MASK,
                    p.err() || !u.rcvQueue().isEmpty()));
            sockWake(w, u.peer(), 0, SigPoll.POLL_HUP);
        }
    }

    /**
     * A socket's wake-up on {@code file} with {@code key} (net/core/sock.c sock_def_readable,
     * sock_def_wakeup), then, when {@code async}, sk_wake_async(SOCK_WAKE_WAITD). kernel:
     * net/socket.c sock_wake_async — no SIGIO while a reader waits for data (unix_stream_data_wait
     * sets SOCKWQ_ASYNC_WAITDATA before it sleeps, clears it once it runs). The wake-up comes
     * first, so the woken reader, on another CPU, may clear the bit before it is tested: then SIGIO
     * is sent after all. Both outcomes.
     */
    static void sockWake(World w, String file, int key, SigPoll reason) {
        boolean waitdata = Fasync.waitdata(w, file);
        Wait.wake(w, file, key);
        if (reason == null) {
            return;
        }
        if (!waitdata) {
            Fasync.killFasync(w, file, reason);
        } else {
            w.race = Fasync.signal(w, file, reason);
        }
    }
}
