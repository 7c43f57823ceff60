package kpath.kernel.readiness;

import kpath.kernel.Scenario;

import static kpath.kernel.LibcFile.EFD_NONBLOCK;
import static kpath.kernel.LibcFile.EFD_SEMAPHORE;
import static kpath.kernel.LibcPoll.EPOLLET;
import static kpath.kernel.LibcPoll.EPOLLIN;
import static kpath.kernel.LibcPoll.EPOLLOUT;
import static kpath.kernel.LibcPoll.EPOLLRDHUP;
import static kpath.kernel.LibcPoll.EPOLL_CTL_ADD;
import static kpath.kernel.LibcPoll.POLLIN;
import static kpath.kernel.LibcPoll.POLLOUT;
import static kpath.kernel.LibcSocket.SHUT_WR;
import static kpath.kernel.readiness.ReadinessRecorder.pfd;
import static kpath.kernel.readiness.ReadinessScenarios.BUF;
import static kpath.kernel.readiness.ReadinessScenarios.MAX;
import static kpath.kernel.readiness.ReadinessScenarios.scenario;
import static kpath.kernel.readiness.ReadinessScenarios.step;

/**
 * Readiness scenarios of each kind of file when its other end goes away or its counter changes:
 * an AF_UNIX socketpair's peer shuts down and closes (net/unix/af_unix.c unix_poll), a pipe's
 * ends close (fs/pipe.c pipe_poll), an eventfd counts (fs/eventfd.c eventfd_poll). Part of
 * {@link ReadinessScenarios#all()}.
 */
final class FileReadinessScenarios {

    private FileReadinessScenarios() {
    }

    static Scenario epollPeerShutdownAndCloseRdhup() {
        return scenario("epoll-peer-shutdown-and-close-rdhup",
                "AF_UNIX stream readiness when the peer goes away (FD-S2, FD-S3, FD-S4): s0 registered LT with"
                        + " EPOLLIN|EPOLLRDHUP. shutdown(s1, SHUT_WR) gives s0 RCV_SHUTDOWN (EPOLLIN|EPOLLRDHUP,"
                        + " read returns 0); close(s1) adds EPOLLHUP. Second pair: s3 closes while data s2 sent"
                        + " to it is unread, which may add EPOLLERR at s2.",
                rec -> {
                    var s = rec.socketpair();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, s.first(), EPOLLIN | EPOLLRDHUP);
                    step(rec, "connected, idle");
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(s.first());
                    step(rec, "peer shuts down its sending side (FD-S3)");
                    rec.shutdown(s.second(), SHUT_WR);
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(s.first());
                    rec.read(s.first(), BUF);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "peer closes (FD-S4)");
                    rec.close(s.second());
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(s.first());
                    rec.poll(0, pfd(s.first(), POLLIN));

                    step(rec, "second pair: s2 sends 3 bytes s3 never reads, then s3 closes (FD-S4 ERR case)");
                    var t = rec.socketpair();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, t.first(), EPOLLIN | EPOLLRDHUP);
                    rec.write(t.first(), 3);
                    rec.epollWait(e0, MAX, 0);
                    rec.close(t.second());
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(t.first());
                    rec.read(t.first(), BUF);
                    rec.observePoll(t.first());
                });
    }

    static Scenario pipeEndsHupAndErr() {
        return scenario("pipe-ends-hup-and-err",
                "Pipe readiness (FD-P1..P4, POLL-07, POLL-08, LT-05): r0 registered EPOLLIN and w0 EPOLLOUT"
                        + " in one epoll. Data makes r0 EPOLLIN; closing the only write end leaves r0 with"
                        + " POLLHUP (and no POLLIN once empty), and read returns 0. Pipe r1/w1: data plus a"
                        + " closed write end. Pipe r2/w2: closing the only read end sets EPOLLERR on w2, and a"
                        + " write then fails with EPIPE; the process's SIGPIPE disposition (read from"
                        + " /proc/self/status at capture time) is noted in a comment before that write.",
                rec -> {
                    var p = rec.pipe2();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, p.first(), EPOLLIN);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, p.second(), EPOLLOUT);
                    step(rec, "empty pipe: only the write end is ready (FD-P3)");
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "a null read of the empty pipe succeeds with 0, where a read of 1 byte gets EAGAIN");
                    rec.read(p.first(), 0);
                    step(rec, "data in the pipe (FD-P1, LT-05)");
                    rec.write(p.second(), 3);
                    rec.epollWait(e0, MAX, 0);
                    rec.read(p.first(), BUF);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "close the only write end with the pipe empty (FD-P2, POLL-07)");
                    rec.close(p.second());
                    rec.epollWait(e0, MAX, 0);
                    rec.poll(0, pfd(p.first(), POLLIN));
                    rec.observePoll(p.first());
                    rec.read(p.first(), BUF);

                    step(rec, "second pipe: data then close of the write end: POLLIN and POLLHUP together");
                    var q = rec.pipe2();
                    rec.write(q.second(), 2);
                    rec.close(q.second());
                    rec.poll(0, pfd(q.first(), POLLIN));
                    rec.read(q.first(), BUF);
                    rec.poll(0, pfd(q.first(), POLLIN));

                    step(rec, "third pipe: close the only read end (FD-P4, POLL-08)");
                    var u = rec.pipe2();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, u.second(), EPOLLOUT);
                    rec.epollWait(e0, MAX, 0);
                    rec.close(u.first());
                    rec.epollWait(e0, MAX, 0);
                    rec.poll(0, pfd(u.second(), POLLOUT));
                    rec.comment("SIGPIPE disposition of this process now: " + ReadinessRecorder.sigpipeDisposition());
                    rec.write(u.second(), 1);
                });
    }

    static Scenario eventfdCounterReadiness() {
        return scenario("eventfd-counter-readiness",
                "eventfd readiness and counter (FD-E1, FD-E2, FD-E4, ET-11): v0 = eventfd(0, EFD_NONBLOCK)"
                        + " registered LT EPOLLIN|EPOLLOUT: writable at 0, readable once a value is added; a"
                        + " read returns the whole counter and resets it, a second read gives EAGAIN. Adding"
                        + " 0xffffffffffffffff is rejected (EINVAL). v1 is edge-triggered: each write is a"
                        + " wakeup, so two writes without a read give two reports. v2 has EFD_SEMAPHORE:"
                        + " each read returns 1 and decrements.",
                rec -> {
                    String e0 = rec.epollCreate();
                    String v0 = rec.eventfd(0, EFD_NONBLOCK);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, v0, EPOLLIN | EPOLLOUT);
                    step(rec, "counter 0: writable only (FD-E2)");
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "add 3: readable too (FD-E1)");
                    rec.write(v0, 3);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "read returns the counter and resets it (FD-E4)");
                    rec.read(v0, 8);
                    rec.read(v0, 8);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "adding 2^64-1 is invalid (FD-E4)");
                    rec.write(v0, -1L);
                    rec.observePoll(v0);

                    step(rec, "edge-triggered eventfd v1: two writes without a read (ET-11)");
                    String v1 = rec.eventfd(0, EFD_NONBLOCK);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, v1, EPOLLIN | EPOLLET);
                    rec.epollWait(e0, MAX, 0);
                    rec.write(v1, 1);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    rec.write(v1, 1);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    rec.read(v1, 8);
                    rec.epollWait(e0, MAX, 0);

                    step(rec, "semaphore eventfd v2: write 2, then reads of 1 each (FD-E4)");
                    String v2 = rec.eventfd(0, EFD_NONBLOCK | EFD_SEMAPHORE);
                    rec.write(v2, 2);
                    rec.observePoll(v2);
                    rec.read(v2, 8);
                    rec.observePoll(v2);
                    rec.read(v2, 8);
                    rec.observePoll(v2);
                    rec.read(v2, 8);
                });
    }
}
