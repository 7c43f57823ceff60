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
 * queue, charged to the sender's sk_wmem_alloc at the truesize the trace recorded until the reader
 * frees it (sock_wfree → unix_write_space). Their wake-ups with a signal go through
 * {@link #sockWake}.
 */
final class AfUnix {
    private AfUnix() {}

    static ProcRule socketpair(World w, Socketpair p) {
        ProcRule created = FdTable.install(w, p.a(), p.an(), fresh(p.b(), p), p.b(), p.bn(), fresh(p.a(), p), SocketpairOk);
        return FdTable.blocking(w, created, p.nonblock(), p.a(), p.b());
    }

    private static UnixStream fresh(String peer, Socketpair p) {
        return new UnixStream(peer, List.of(), 0, false, p.sndbuf(), 0, p.truesize(), false);
    }

    /**
     * kernel: unix_writable — {@code (refcount_read(&sk->sk_wmem_alloc) << 2) <= sk_sndbuf}. The
     * refcount is the wmem charged plus the reference sk_alloc set (1), plus one more while
     * sock_wfree calls sk_write_space ({@code refs}: 1 or 2).
     */
    static boolean writable(UnixStream u, int refs) {
        return (u.wmem() + refs) * 4 <= u.sndbuf();
    }

    /** kernel: unix_poll (writable per unix_writable; it sets no SOCKWQ_ASYNC_NOSPACE, unlike unix_dgram_poll). */
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
        return writable(u, 1) ? m | Mask.OUT | Mask.WRNORM | Mask.WRBAND : m;
    }

    /** kernel: sock_alloc_send_pskb — no room once sk_wmem_alloc_get(sk) reaches sk_sndbuf. */
    static boolean noRoom(UnixStream u) {
        return u.wmem() >= u.sndbuf();
    }

    /** A blocking send that finds no room would sleep in sock_wait_for_wmem: not modelled. */
    static boolean sendWouldSleep(World w, String file, UnixStream u) {
        return w.blocking.contains(file) && (u.shutdown() & SkShutdown.SEND_SHUTDOWN) == 0 && noRoom(u);
    }

    /**
     * kernel: unix_stream_sendmsg — EPIPE when this side is shut for sending (pipe_err); then
     * sock_alloc_send_pskb: room while sk_wmem_alloc_get(sk) < sk_sndbuf (however little: the skb may
     * overshoot it), else SOCKWQ_ASYNC_NOSPACE is set — by sk_set_bit, which sets it only for a socket
     * with SOCK_FASYNC (include/net/sock.h) — and a non-blocking send fails EAGAIN; then
     * EPIPE when the peer is shut for receiving; else one skb for the peer, charged to this end
     * (skb_set_owner_w). A write of more than (sk_sndbuf >> 1) - 64 bytes, which the kernel splits
     * into several skbs, is one skb here.
     */
    static ProcRule sendmsg(World w, String file, UnixStream u, long n) {
        UnixStream peer = w.files.get(u.peer()) instanceof UnixStream x ? x : null;
        if ((u.shutdown() & SkShutdown.SEND_SHUTDOWN) != 0) {
            return w.fail(Errno.EPIPE, IoEpipe); // pipe_err
        }
        if (noRoom(u)) { // sk_set_bit(SOCKWQ_ASYNC_NOSPACE), err = -EAGAIN
            w.files.put(file, u.sending(u.sndbuf(), u.wmem(), u.nospace() || w.fasync.containsKey(file)));
            return w.fail(Errno.EAGAIN, WriteUnixEagain);
        }
        if (peer == null || (peer.shutdown() & SkShutdown.RCV_SHUTDOWN) != 0) {
            return w.fail(Errno.EPIPE, IoEpipe); // out_pipe_unlock
        }
        List<Long> q = new ArrayList<>(peer.rcvQueue());
        q.add(n);
        w.files.put(file, u.sending(u.sndbuf(), u.wmem() + u.truesize(), u.nospace()));
        w.files.put(u.peer(), peer.with(q, peer.shutdown(), peer.err()));
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
                w.files.put(file, u.with(u.rcvQueue(), u.shutdown(), false));
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
        w.files.put(file, u.with(q, u.shutdown(), u.err()));
        free(w, u.peer(), consumed); // consume_skb → sock_wfree, once per skb taken whole
        w.ret = got;
        return ReadUnix;
    }

    /**
     * kernel: net/core/sock.c sock_wfree of {@code k} skbs {@code sender} sent: each uncharges its
     * truesize but one, calls sk_write_space (unix_write_space) with that reference still held, and
     * then drops it.
     */
    private static void free(World w, String sender, int k) {
        for (int i = 0; i < k && w.files.get(sender) instanceof UnixStream s; i++) {
            w.files.put(sender, s.sending(s.sndbuf(), s.wmem() - s.truesize(), s.nospace()));
            writeSpace(w, sender, 2);
        }
    }

    /**
     * kernel: unix_write_space — when unix_writable (with {@code refs}, see {@link #writable}): the
     * wake-up with EPOLLOUT, then sk_wake_async(SOCK_WAKE_SPACE, POLL_OUT), which reaches
     * net/socket.c sock_wake_async only for a socket with SOCK_FASYNC (sk_wake_async_rcu), and there
     * signals only if test_and_clear_bit(SOCKWQ_ASYNC_NOSPACE): once per send that ran out of room.
     */
    private static void writeSpace(World w, String file, int refs) {
        UnixStream u = (UnixStream) w.files.get(file);
        if (!writable(u, refs)) {
            return;
        }
        Wait.wake(w, file, Mask.OUT | Mask.WRNORM | Mask.WRBAND);
        if (w.fasync.containsKey(file) && w.files.get(file) instanceof UnixStream now && now.nospace()) {
            w.files.put(file, now.sending(now.sndbuf(), now.wmem(), false));
            Fasync.killFasync(w, file, SigPoll.POLL_OUT);
        }
    }

    /**
     * kernel: net/core/sock.c sk_setsockopt SO_SNDBUF — the value, as a u32, at most
     * net.core.wmem_max, then at most INT_MAX / 2, doubled, and at least SOCK_MIN_SNDBUF
     * (__sock_set_sndbuf); then sk_write_space, which wakes the sender's waiters if it is writable.
     */
    static ProcRule setsockoptSndbuf(World w, String file, UnixStream u, ProcAction.Setsockopt a) {
        long v = Math.min(Integer.toUnsignedLong(a.val()), Integer.toUnsignedLong(a.wmemMax()));
        v = Math.min(v, Integer.MAX_VALUE / 2);
        w.files.put(file, u.sending((int) Math.max(v * 2, a.sndbufMin()), u.wmem(), u.nospace()));
        writeSpace(w, file, 1);
        w.ret = 0;
        return SetsockoptSndbuf;
    }

    /** kernel: sk_getsockopt SO_SNDBUF — sk_sndbuf copied out. */
    static ProcRule getsockoptSndbuf(World w, UnixStream u) {
        w.ret = 0;
        w.out = new CopyOut.Value(u.sndbuf());
        return GetsockoptSndbuf;
    }

    /** kernel: unix_stream_read_generic sleeps in unix_stream_data_wait with no data, error or shutdown. */
    static boolean wouldSleep(UnixStream u) {
        return u.rcvQueue().isEmpty() && !u.err() && (u.shutdown() & SkShutdown.RCV_SHUTDOWN) == 0;
    }

    /** kernel: unix_shutdown — this side and the peer's mirror bits, each woken without a key. */
    static ProcRule shutdown(World w, String file, UnixStream u, int how) {
        int mode = how + 1; // SHUT_RD → RCV_SHUTDOWN, SHUT_WR → SEND_SHUTDOWN, SHUT_RDWR → both
        w.files.put(file, u.with(u.rcvQueue(), u.shutdown() | mode, u.err()));
        Wait.wake(w, file, 0);
        if (w.files.get(u.peer()) instanceof UnixStream p) {
            int peerMode = ((mode & SkShutdown.RCV_SHUTDOWN) != 0 ? SkShutdown.SEND_SHUTDOWN : 0)
                    | ((mode & SkShutdown.SEND_SHUTDOWN) != 0 ? SkShutdown.RCV_SHUTDOWN : 0);
            w.files.put(u.peer(), p.with(p.rcvQueue(), p.shutdown() | peerMode, p.err()));
            // unix_shutdown: POLL_HUP when the peer is shut both ways, POLL_IN when only for receiving
            sockWake(w, u.peer(), 0, peerMode == SkShutdown.SHUTDOWN_MASK ? SigPoll.POLL_HUP
                    : (peerMode & SkShutdown.RCV_SHUTDOWN) != 0 ? SigPoll.POLL_IN : null);
        }
        w.ret = 0;
        return ShutdownUnix;
    }

    /**
     * kernel: unix_release_sock — the peer gets SHUTDOWN_MASK, and ECONNRESET if this end still
     * held unread data; sk_state_change wakes it without a key, and sk_wake_async(POLL_HUP). Then
     * the unread skbs are freed (skb_queue_purge): sock_wfree on the peer for each, as a read would.
     */
    static void release(World w, UnixStream u) {
        if (w.files.get(u.peer()) instanceof UnixStream p) {
            w.files.put(u.peer(), p.with(p.rcvQueue(), SkShutdown.SHUTDOWN_MASK, p.err() || !u.rcvQueue().isEmpty()));
            sockWake(w, u.peer(), 0, SigPoll.POLL_HUP);
            free(w, u.peer(), u.rcvQueue().size());
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
