package kpath.kernel.readiness;

import kpath.kernel.LibcSignal;
import kpath.kernel.Scenario;
import kpath.uapi.Signal;

import static kpath.kernel.LibcFile.O_ASYNC;
import static kpath.kernel.LibcFile.O_NONBLOCK;
import static kpath.kernel.LibcPoll.POLLIN;
import static kpath.kernel.LibcPoll.POLLPRI;
import static kpath.kernel.readiness.ReadinessRecorder.pfd;
import static kpath.kernel.readiness.SigioScenarios.asyncRt;
import static kpath.kernel.readiness.SigioScenarios.sigio;
import static kpath.kernel.readiness.SigioScenarios.step;

/**
 * Urgent data and SIGURG on loopback TCP: send(MSG_OOB) marks the urgent pointer (net/ipv4/tcp.c
 * tcp_mark_urg), and the receiver's tcp_urg → tcp_check_urg → net/core/sock.c sk_send_sigurg →
 * fs/fcntl.c send_sigurg signals the file's owner. Run on the signal thread of
 * {@link SigioScenarios}, which also blocks SIGURG here: SIGURG is ignored by default, and
 * kernel/signal.c sig_ignored drops it at sending unless the owner thread blocks it.
 */
final class SigurgScenarios {

    private SigurgScenarios() {
    }

    /** The signals every take here waits for, SIGURG first (the lowest number). */
    private static void take(ReadinessRecorder rec) {
        rec.sigtimedwait(LibcSignal.SIGURG, LibcSignal.SIGIO, LibcSignal.SIG_RT);
    }

    /** Blocks SIGURG on the signal thread (its mask dies with it) and checks that it is. */
    private static void blockSigurg(String name) {
        LibcSignal.blockSigurg();
        if (!LibcSignal.sigurgBlocked()) {
            throw new IllegalStateException(name + ": SIGURG is not blocked after pthread_sigmask(SIG_BLOCK)");
        }
    }

    static Scenario ownerWithoutAsync() {
        String name = "sigio-tcp-urgent-sigurg-to-owner";
        return sigio(name,
                "Urgent data signals the receiving socket's owner with SIGURG, without O_ASYNC. c0 sends a0 one"
                        + " byte with MSG_OOB (net/ipv4/tcp.c tcp_mark_urg: the urgent pointer); on a0,"
                        + " net/ipv4/tcp_input.c tcp_urg → tcp_check_urg sees a new urgent pointer and calls"
                        + " net/core/sock.c sk_send_sigurg → fs/fcntl.c send_sigurg, which needs only an owner"
                        + " (F_SETOWN_EX here, F_OWNER_TID: the signal thread), not a fasync entry. SIGURG goes with"
                        + " SEND_SIG_PRIV (send_sigurg_to_task), so its siginfo's si_code is SI_KERNEL, with no"
                        + " si_fd or si_band. It is a standard signal: while it is pending, another socket's urgent"
                        + " byte adds nothing (kernel/signal.c legacy_queue). sk_wake_async(SOCK_WAKE_URG, POLL_PRI)"
                        + " follows, but a0 is on no fasync list, so nothing more is sent. SIGURG's default action"
                        + " is to ignore it, so the signal thread blocks it (sig_ignored would drop it otherwise)."
                        + " The byte makes a0 POLLPRI (net/ipv4/tcp.c tcp_poll: urg_data TCP_URG_VALID) and not"
                        + " readable (it is out of band), and a0's close a RST, being unread data (__tcp_close).",
                (rec, tasks) -> {
                    blockSigurg(name);
                    String l0 = TcpReadinessScenarios.listener(rec);
                    var p = TcpReadinessScenarios.connectedPair(rec, l0);
                    String c0 = p.first();
                    String a0 = p.second();
                    rec.fcntlSetownEx(a0);
                    take(rec);
                    step(rec, "one urgent byte: SIGURG, si_code SI_KERNEL, and nothing else; a0 polls POLLPRI, not"
                            + " POLLIN (tcp_poll: the byte is out of band)");
                    rec.sendOob(c0, 1);
                    take(rec);
                    take(rec);
                    rec.poll(0, pfd(a0, POLLIN | POLLPRI));
                    step(rec, "two more pairs, a1 and a2 owned by this thread: an urgent byte to each, SIGURG pending once");
                    var q = TcpReadinessScenarios.connectedPair(rec, l0);
                    var r = TcpReadinessScenarios.connectedPair(rec, l0);
                    rec.fcntlSetownEx(q.second());
                    rec.fcntlSetownEx(r.second());
                    rec.sendOob(q.first(), 1);
                    rec.sendOob(r.first(), 1);
                    take(rec);
                    take(rec);
                    step(rec, "a0 closed with its urgent byte unread: unread data, so c0 gets a RST (tcp.c __tcp_close)");
                    rec.close(a0);
                    rec.poll(TcpReadinessScenarios.SETTLE_MS, pfd(c0, 0));
                });
    }

    static Scenario withAsync() {
        String name = "sigio-tcp-urgent-sigurg-and-async-signals";
        return sigio(name,
                "Urgent data to an owned socket that is also async (O_ASYNC). send_sigurg found an owner, so"
                        + " sk_send_sigurg calls sk_wake_async(SOCK_WAKE_URG, POLL_PRI) → net/socket.c"
                        + " sock_wake_async → kill_fasync(SIGURG, POLL_PRI), and fs/fcntl.c kill_fasync_rcu skips"
                        + " it while the file's signal is 0 (SIGURG has its own). Then tcp_urg, finding the urgent"
                        + " byte in the segment, calls sk_data_ready (sock_def_readable: SOCK_WAKE_WAITD, POLL_IN),"
                        + " and tcp_data_queue's tcp_data_ready calls it again. (a) a0 with plain SIGIO: SIGURG"
                        + " (SI_KERNEL) and one SIGIO, pending once. (b) a1 with F_SETSIG "
                        + Signal.text(LibcSignal.SIG_RT) + ": SIGURG, then the real-time signal queued with"
                        + " si_code POLL_PRI and si_band POLLPRI|POLLRDBAND, then the POLL_INs.",
                (rec, tasks) -> {
                    blockSigurg(name);
                    rec.comment("(a) a0 owned and async, plain SIGIO");
                    String l0 = TcpReadinessScenarios.listener(rec);
                    var p = TcpReadinessScenarios.connectedPair(rec, l0);
                    String c0 = p.first();
                    String a0 = p.second();
                    rec.fcntlSetownEx(a0);
                    rec.fcntlSetfl(a0, O_NONBLOCK | O_ASYNC);
                    take(rec);
                    rec.sendOob(c0, 1);
                    take(rec);
                    take(rec);
                    take(rec);
                    step(rec, "(b) a1 owned and async with F_SETSIG " + Signal.text(LibcSignal.SIG_RT));
                    var q = TcpReadinessScenarios.connectedPair(rec, l0);
                    String c1 = q.first();
                    String a1 = q.second();
                    asyncRt(rec, a1, O_NONBLOCK | O_ASYNC);
                    take(rec);
                    rec.sendOob(c1, 1);
                    for (int i = 0; i < 5; i++) {
                        take(rec);
                    }
                });
    }

    static Scenario withoutOwner() {
        String name = "sigio-tcp-urgent-without-owner";
        return sigio(name,
                "Urgent data to a socket without an owner sends nothing: fs/fcntl.c send_sigurg finds no pid"
                        + " and returns 0, so sk_send_sigurg does not call sk_wake_async(SOCK_WAKE_URG) either;"
                        + " O_ASYNC alone does not help (send_sigio finds no pid for the POLL_INs). (a) a0 async"
                        + " with F_SETSIG " + Signal.text(LibcSignal.SIG_RT) + " but no owner: nothing. (b) The"
                        + " sender's owner gets nothing: c0 is owned and async, a0 is not, and c0's urgent byte"
                        + " signals only the receiver.",
                (rec, tasks) -> {
                    blockSigurg(name);
                    rec.comment("(a) a0 async with a signal chosen, no owner");
                    String l0 = TcpReadinessScenarios.listener(rec);
                    var p = TcpReadinessScenarios.connectedPair(rec, l0);
                    String c0 = p.first();
                    String a0 = p.second();
                    rec.fcntlSetsig(a0, LibcSignal.SIG_RT);
                    rec.fcntlSetfl(a0, O_NONBLOCK | O_ASYNC);
                    rec.sendOob(c0, 1);
                    take(rec);
                    step(rec, "(b) the sender c1 owned and async, its peer a1 neither");
                    var q = TcpReadinessScenarios.connectedPair(rec, l0);
                    String c1 = q.first();
                    asyncRt(rec, c1, O_NONBLOCK | O_ASYNC);
                    rec.sendOob(c1, 1);
                    take(rec);
                });
    }
}
