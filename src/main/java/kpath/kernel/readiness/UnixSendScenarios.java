package kpath.kernel.readiness;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import kpath.kernel.Fds;
import kpath.kernel.LibcSignal;
import kpath.kernel.ProcTask;
import kpath.kernel.Scenario;
import kpath.trace.Trace;
import kpath.uapi.Signal;

import static kpath.kernel.LibcFile.EFD_NONBLOCK;
import static kpath.kernel.LibcFile.O_ASYNC;
import static kpath.kernel.LibcFile.O_NONBLOCK;
import static kpath.kernel.LibcPoll.EPOLLET;
import static kpath.kernel.LibcPoll.EPOLLIN;
import static kpath.kernel.LibcPoll.EPOLLOUT;
import static kpath.kernel.LibcPoll.EPOLL_CTL_ADD;
import static kpath.kernel.LibcPoll.POLLIN;
import static kpath.kernel.LibcPoll.POLLOUT;
import static kpath.kernel.LibcSocket.SHUT_RD;
import static kpath.kernel.LibcSocket.SHUT_RDWR;
import static kpath.kernel.LibcSocket.SHUT_WR;
import static kpath.kernel.readiness.ReadinessRecorder.pfd;
import static kpath.kernel.readiness.ReadinessScenarios.BUF;

import static kpath.kernel.readiness.SigioScenarios.*;

/**
 * Signal-driven I/O on an AF_UNIX stream socket whose send buffer fills (net/unix/af_unix.c
 * unix_stream_sendmsg, unix_writable, unix_write_space; net/core/sock.c sock_alloc_send_pskb, sock_wfree).
 */
final class UnixSendScenarios {
    private UnixSendScenarios() {}

    /** The largest write the send-buffer scenario makes to a socket: the probe measures 1..this. */
    static final int SPACE_WRITE = 2;

    /**
     * S-04: room freed after a send ran out of it signals POLL_OUT once, and room freed otherwise
     * signals nothing; SO_SNDBUF as set and read back; EAGAIN; poll and epoll lose POLLOUT and
     * regain it.
     */
    static Scenario spaceAfterEagain() {
        return sigio("sigio-space-after-eagain",
                "An AF_UNIX stream socket's send buffer, filled and freed. Every skb a send makes is charged its"
                        + " truesize to the sender's sk_wmem_alloc (skb_set_owner_w) until the reader frees it"
                        + " (consume_skb -> sock_wfree -> unix_write_space); the header's af-unix-send line is that"
                        + " charge for writes of 1 to " + SPACE_WRITE + " bytes, measured before the scenario with"
                        + " SIOCOUTQ on a fresh socketpair, and SOCK_MIN_SNDBUF, read back after SO_SNDBUF 0."
                        + " SO_SNDBUF (net/core/sock.c sk_setsockopt): the value capped at net.core.wmem_max, doubled,"
                        + " at least SOCK_MIN_SNDBUF. Two thresholds (net/unix/af_unix.c): a send finds room while"
                        + " the wmem in use is below sk_sndbuf (sock_alloc_send_pskb; else SOCKWQ_ASYNC_NOSPACE is"
                        + " set and a non-blocking send is EAGAIN), while unix_writable, for poll and for the"
                        + " wake-up, wants four times the refcount (wmem + 1) within sk_sndbuf. unix_write_space"
                        + " wakes the sender's waiters with EPOLLOUT and calls sk_wake_async(SOCK_WAKE_SPACE,"
                        + " POLL_OUT), which net/socket.c sock_wake_async turns into a signal only if"
                        + " test_and_clear_bit(SOCKWQ_ASYNC_NOSPACE): one POLL_OUT per send that ran out of room."
                        + " s0 is owned by this thread with " + Signal.text(LibcSignal.SIG_RT) + " (F_SETSIG), which"
                        + " queues once per send, so the count of signals is seen.",
                (rec, tasks) -> {
                    rec.comment("(a) SO_SNDBUF: net.core.wmem_default at first; 1 becomes SOCK_MIN_SNDBUF; 3000 is"
                            + " doubled; a value past net.core.wmem_max is capped at it, then doubled");
                    var s = rec.socketpair();
                    String s0 = s.first();
                    String s1 = s.second();
                    rec.getsockoptSndbuf(s0);
                    rec.setsockoptSndbuf(s0, 1);
                    rec.getsockoptSndbuf(s0);
                    rec.setsockoptSndbuf(s0, 3000);
                    rec.getsockoptSndbuf(s0);
                    rec.setsockoptSndbuf(s0, 1 << 30);
                    rec.getsockoptSndbuf(s0);
                    rec.setsockoptSndbuf(s0, 1);
                    rec.getsockoptSndbuf(s0);
                    step(rec, "s0 owned, with " + Signal.text(LibcSignal.SIG_RT) + ", async; writable, and an epoll e0"
                            + " watches it level-triggered for EPOLLOUT");
                    rec.fcntlSetownEx(s0);
                    rec.fcntlSetsig(s0, LibcSignal.SIG_RT);
                    rec.fcntlSetfl(s0, O_NONBLOCK | O_ASYNC);
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, s0, EPOLLOUT);
                    rec.poll(0, pfd(s0, POLLOUT));
                    rec.epollWait(e0, ReadinessScenarios.MAX, 0);
                    step(rec, "one skb in use: still writable; two: no POLLOUT, for poll and for epoll, though sends"
                            + " still find room");
                    rec.write(s0, 1);
                    rec.poll(0, pfd(s0, POLLOUT));
                    rec.write(s0, 1);
                    rec.poll(0, pfd(s0, POLLOUT));
                    rec.epollWait(e0, ReadinessScenarios.MAX, 0);
                    step(rec, "sends until one finds no room: EAGAIN, and SOCKWQ_ASYNC_NOSPACE set; no signal yet");
                    int sent = 2;
                    while (rec.write(s0, 1).ok()) {
                        if (++sent > 64) {
                            throw new IllegalStateException("64 one-byte sends never filled a " + SPACE_WRITE
                                    + "-byte-charged send buffer");
                        }
                    }
                    takeSignal(rec);
                    step(rec, "s1 reads one byte: one skb freed, room for a send but not writable, so no wake-up and"
                            + " no signal; the send that fits, then EAGAIN again");
                    rec.read(s1, 1);
                    rec.poll(0, pfd(s0, POLLOUT));
                    takeSignal(rec);
                    rec.write(s0, 1);
                    rec.write(s0, 1);
                    step(rec, "s1 reads them all: the skbs freed last make s0 writable; the first such"
                            + " unix_write_space signals POLL_OUT and clears the bit, the next finds it clear");
                    rec.read(s1, ReadinessScenarios.BUF);
                    takeSignal(rec);
                    takeSignal(rec);
                    rec.poll(0, pfd(s0, POLLOUT));
                    rec.epollWait(e0, ReadinessScenarios.MAX, 0);
                    step(rec, "room freed when no send ran out of it: two sends, s1 reads them, no signal");
                    rec.write(s0, 1);
                    rec.write(s0, 1);
                    rec.poll(0, pfd(s0, POLLOUT));
                    rec.read(s1, ReadinessScenarios.BUF);
                    takeSignal(rec);
                    rec.poll(0, pfd(s0, POLLOUT));
                    step(rec, "edge-triggered: e1 reports s0 writable once; filled, nothing; the reader's frees wake"
                            + " it with EPOLLOUT, reported again");
                    String e1 = rec.epollCreate();
                    rec.epollCtl(e1, EPOLL_CTL_ADD, s0, EPOLLOUT | EPOLLET);
                    rec.epollWait(e1, ReadinessScenarios.MAX, 0);
                    rec.epollWait(e1, ReadinessScenarios.MAX, 0);
                    int more = 0;
                    while (rec.write(s0, 1).ok()) {
                        if (++more > 64) {
                            throw new IllegalStateException("64 one-byte sends never filled the send buffer");
                        }
                    }
                    rec.epollWait(e1, ReadinessScenarios.MAX, 0);
                    rec.read(s1, ReadinessScenarios.BUF);
                    takeSignal(rec);
                    takeSignal(rec);
                    rec.epollWait(e1, ReadinessScenarios.MAX, 0);
                    rec.epollWait(e1, ReadinessScenarios.MAX, 0);
                    step(rec, "filled again, then s1 closed with the skbs unread: unix_release_sock signals s0"
                            + " POLL_HUP, then frees them (skb_queue_purge -> sock_wfree), and the room freed"
                            + " signals POLL_OUT");
                    int again = 0;
                    while (rec.write(s0, 1).ok()) {
                        if (++again > 64) {
                            throw new IllegalStateException("64 one-byte sends never filled the send buffer");
                        }
                    }
                    rec.close(s1);
                    takeSignal(rec);
                    takeSignal(rec);
                    takeSignal(rec);
                    rec.poll(0, pfd(s0, POLLOUT));
                    step(rec, "s2 owned with " + Signal.text(LibcSignal.SIG_RT) + " but not async: a send that runs out"
                            + " sets no SOCKWQ_ASYNC_NOSPACE (sk_set_bit sets it only with SOCK_FASYNC), so after"
                            + " O_ASYNC the room freed signals nothing");
                    var t = rec.socketpair();
                    String s2 = t.first();
                    String s3 = t.second();
                    rec.setsockoptSndbuf(s2, 1);
                    rec.fcntlSetownEx(s2);
                    rec.fcntlSetsig(s2, LibcSignal.SIG_RT);
                    int fits = fill(rec, s2, -1);
                    rec.read(s3, ReadinessScenarios.BUF);
                    fill(rec, s2, fits);
                    rec.fcntlSetfl(s2, O_NONBLOCK | O_ASYNC);
                    rec.read(s3, ReadinessScenarios.BUF);
                    takeSignal(rec);
                    step(rec, "a send that runs out while async sets the bit; O_ASYNC cleared, the frees cannot"
                            + " clear it (sk_wake_async_rcu calls sock_wake_async only with SOCK_FASYNC); O_ASYNC set"
                            + " again, the next frees signal POLL_OUT");
                    fill(rec, s2, -1);
                    rec.fcntlSetfl(s2, O_NONBLOCK);
                    rec.read(s3, ReadinessScenarios.BUF);
                    takeSignal(rec);
                    fill(rec, s2, fits);
                    rec.fcntlSetfl(s2, O_NONBLOCK | O_ASYNC);
                    rec.read(s3, ReadinessScenarios.BUF);
                    takeSignal(rec);
                    takeSignal(rec);
                }, SPACE_WRITE);
    }

    /**
     * One-byte sends on {@code s}: {@code fits} of them, or, for -1, until one fails (that EAGAIN
     * too); returns how many fit.
     */
    private static int fill(ReadinessRecorder rec, String s, int fits) {
        if (fits >= 0) {
            for (int i = 0; i < fits; i++) {
                if (!rec.write(s, 1).ok()) {
                    throw new IllegalStateException("a send of the " + fits + " that fit before found no room");
                }
            }
            return fits;
        }
        int n = 0;
        while (rec.write(s, 1).ok()) {
            if (++n > 64) {
                throw new IllegalStateException("64 one-byte sends never filled the send buffer");
            }
        }
        return n;
    }
}
