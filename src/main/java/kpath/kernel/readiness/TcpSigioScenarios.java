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
 * Signal-driven I/O on loopback TCP sockets (net/socket.c sock_fasync; net/ipv4/tcp_input.c, net/core/sock.c
 * sock_def_readable and the stream write space).
 */
final class TcpSigioScenarios {
    private TcpSigioScenarios() {}

    static Scenario signalPerArrival() {
        return sigio("sigio-tcp-signal-per-arrival",
                "Signal-driven I/O on loopback TCP sockets (net/socket.c sock_fasync), each owned by the signal"
                        + " thread with F_SETSIG " + Signal.text(LibcSignal.SIG_RT) + ", so every signal is queued"
                        + " with its si_code and si_band. (a) The listener l0 and the client c0 are async before"
                        + " the connect: net/ipv4/tcp_input.c tcp_rcv_synsent_state_process ends the handshake"
                        + " with sk_wake_async(SOCK_WAKE_IO, POLL_OUT) for c0, and the child queued on l0 calls"
                        + " its sk_data_ready (sock_def_readable: SOCK_WAKE_WAITD, POLL_IN). The accepted a0"
                        + " inherits neither O_ASYNC nor the owner (F_GETOWN 0, F_GETSIG 0). (b) Data: every"
                        + " segment queued on a0 ends in tcp_data_ready → sock_def_readable → sk_wake_async("
                        + "SOCK_WAKE_WAITD, POLL_IN), so each small send, one segment on loopback, queues one"
                        + " signal — also while earlier bytes are unread (per arrival, not per change of"
                        + " readiness). c0's ACKs free room in its send buffer, but sk_stream_write_space asks"
                        + " for SOCK_WAKE_SPACE, which signals only after a send ran out of room"
                        + " (SOCKWQ_ASYNC_NOSPACE): none here. (c) c0's SHUT_WR: the FIN reaches tcp_data_queue"
                        + " → tcp_fin, whose sk_wake_async(SOCK_WAKE_WAITD) sends POLL_IN (a0 is not shut both"
                        + " ways), and then tcp_data_ready's sock_def_readable sends POLL_IN again: two signals"
                        + " for one FIN. (d) a0's SHUT_WR: c0, already shut for sending, is now shut both ways,"
                        + " so tcp_fin sends POLL_HUP, then tcp_data_ready POLL_IN. (e) A RST: c1 closes with"
                        + " unread data, and a1's tcp_reset → tcp_done_with_error → sk_error_report"
                        + " (sock_def_error_report) sends POLL_ERR through SOCK_WAKE_IO.",
                (rec, tasks) -> {
                    rec.comment("(a) listener l0 and client c0, owned and async before c0 connects");
                    String l0 = TcpReadinessScenarios.listener(rec);
                    asyncRt(rec, l0, O_NONBLOCK | O_ASYNC);
                    String c0 = rec.tcpSocket("c");
                    asyncRt(rec, c0, O_NONBLOCK | O_ASYNC);
                    takeSignal(rec);
                    rec.connect(c0, l0);
                    rec.poll(TcpReadinessScenarios.SETTLE_MS, pfd(c0, POLLOUT));
                    rec.poll(TcpReadinessScenarios.SETTLE_MS, pfd(l0, POLLIN));
                    takeSignal(rec);
                    takeSignal(rec);
                    takeSignal(rec);
                    String a0 = rec.accept4(l0).orElseThrow(() -> new IllegalStateException("accept4(" + l0 + ") failed"));
                    rec.fcntlGetown(a0);
                    rec.fcntlGetsig(a0);
                    takeSignal(rec);

                    step(rec, "(b) a0 owned and async: three sends of 1 byte from c0, unread, queue three POLL_IN;"
                            + " reading them sends nothing; c0 gets no POLL_OUT");
                    asyncRt(rec, a0, O_NONBLOCK | O_ASYNC);
                    rec.write(c0, 1);
                    rec.write(c0, 1);
                    rec.write(c0, 1);
                    takeSignal(rec);
                    takeSignal(rec);
                    takeSignal(rec);
                    takeSignal(rec);
                    rec.read(a0, BUF);
                    takeSignal(rec);
                    step(rec, "a send of 1000 bytes is one segment: one POLL_IN");
                    rec.write(c0, 1000);
                    takeSignal(rec);
                    takeSignal(rec);
                    rec.read(a0, BUF);

                    step(rec, "(c) c0's SHUT_WR: the FIN gives a0 two POLL_IN (tcp_fin, then tcp_data_ready)");
                    rec.shutdown(c0, SHUT_WR);
                    rec.poll(TcpReadinessScenarios.SETTLE_MS, pfd(a0, POLLIN));
                    takeSignal(rec);
                    takeSignal(rec);
                    takeSignal(rec);
                    rec.read(a0, BUF);
                    takeSignal(rec);

                    step(rec, "(d) a0's SHUT_WR: c0 is now shut both ways: POLL_HUP, then POLL_IN");
                    rec.shutdown(a0, SHUT_WR);
                    rec.poll(TcpReadinessScenarios.SETTLE_MS, pfd(c0, POLLIN));
                    takeSignal(rec);
                    takeSignal(rec);
                    takeSignal(rec);

                    step(rec, "(e) a second pair (l0, still async, gets POLL_IN for it): c1 closes with a byte from a1"
                            + " unread, a RST: a1 gets POLL_ERR");
                    var q = TcpReadinessScenarios.connectedPair(rec, l0);
                    String c1 = q.first();
                    String a1 = q.second();
                    asyncRt(rec, a1, O_NONBLOCK | O_ASYNC);
                    rec.write(a1, 1);
                    rec.poll(TcpReadinessScenarios.SETTLE_MS, pfd(c1, POLLIN));
                    rec.close(c1);
                    rec.poll(TcpReadinessScenarios.SETTLE_MS, pfd(a1, 0));
                    takeSignal(rec);
                    takeSignal(rec);
                    takeSignal(rec);
                    rec.read(a1, BUF);
                });
    }

    static Scenario waitingReaderSuppressesSignal() {
        return sigio("sigio-tcp-waiting-reader-suppresses-signal",
                "No signal for data or a FIN while a reader waits on a TCP socket, but one for a RST."
                        + " a0 and a1 are accepted loopback TCP sockets, owned by the signal thread with F_SETSIG "
                        + Signal.text(LibcSignal.SIG_RT) + " and made async without O_NONBLOCK, so they block."
                        + " Task t1 reads a0 and sleeps in net/core/sock.c sk_wait_data, which sets"
                        + " SOCKWQ_ASYNC_WAITDATA (sk_set_bit, as a0 is FASYNC) before it sleeps and clears it"
                        + " only after sk_wait_event took the socket lock again. A segment is processed in softirq"
                        + " under that lock (tcp_v4_rcv: bh_lock_sock), so the woken t1 cannot clear the bit"
                        + " before tcp_data_ready → sock_def_readable → sk_wake_async(SOCK_WAKE_WAITD) tests it:"
                        + " no signal, every time (unlike AF_UNIX, whose sender tests the bit while the woken"
                        + " reader may already run). With no reader waiting the next byte signals. A RST while"
                        + " t1 waits: tcp_reset → sk_error_report → sk_wake_async(SOCK_WAKE_IO, POLL_ERR), which"
                        + " ignores the bit, and t1's read fails with ECONNRESET. A FIN while t1 waits on a1:"
                        + " both tcp_fin's POLL_IN and tcp_data_ready's are SOCK_WAKE_WAITD, so neither is sent,"
                        + " and t1 reads 0. t1 has the signals blocked too (a thread inherits its creator's mask)"
                        + " but is not the owner."
                        + "\ntopology: t1 -(r)-> a0 -(fasync, owner: signal thread); then t1 -(r)-> a1",
                (rec, tasks) -> {
                    String l0 = TcpReadinessScenarios.listener(rec);
                    var p = TcpReadinessScenarios.connectedPair(rec, l0);
                    String c0 = p.first();
                    String a0 = p.second();
                    asyncRt(rec, a0, O_ASYNC);
                    takeSignal(rec);
                    Tasks.Task t1 = tasks.start();
                    step(rec, "t1 sleeps in read(a0); a byte from c0 wakes it, and no signal is sent");
                    var c1 = tasks.read(t1, a0, BUF);
                    tasks.observeSleeping(c1);
                    rec.write(c0, 1);
                    c1.await();
                    takeSignal(rec);
                    step(rec, "no reader waits now: the next byte signals the owner; t1 reads it without waiting");
                    rec.write(c0, 1);
                    takeSignal(rec);
                    tasks.read(t1, a0, BUF).await();
                    step(rec, "a0 sends c0 a byte that c0 leaves unread; t1 waits again; c0's close sends a RST:"
                            + " t1's read fails, and POLL_ERR is sent although t1 was waiting");
                    rec.write(a0, 1);
                    rec.poll(TcpReadinessScenarios.SETTLE_MS, pfd(c0, POLLIN));
                    var c2 = tasks.read(t1, a0, BUF);
                    tasks.observeSleeping(c2);
                    rec.close(c0);
                    c2.await();
                    takeSignal(rec);
                    takeSignal(rec);

                    step(rec, "a second pair c1/a1, a1 owned, async and blocking; t1 waits in read(a1); c1's SHUT_WR:"
                            + " t1 reads 0 and neither POLL_IN is sent");
                    var q = TcpReadinessScenarios.connectedPair(rec, l0);
                    String cc1 = q.first();
                    String a1 = q.second();
                    asyncRt(rec, a1, O_ASYNC);
                    var c3 = tasks.read(t1, a1, BUF);
                    tasks.observeSleeping(c3);
                    rec.shutdown(cc1, SHUT_WR);
                    c3.await();
                    takeSignal(rec);
                });
    }
}
