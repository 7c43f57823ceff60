package kpath.kernel.readiness;

import java.util.List;
import java.util.Optional;
import kpath.kernel.Fds;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcPoll;
import kpath.kernel.PrivilegeException;
import kpath.kernel.Scenario;
import kpath.trace.Trace;

import static kpath.kernel.LibcFile.EFD_NONBLOCK;
import static kpath.kernel.LibcFile.EFD_SEMAPHORE;
import static kpath.kernel.LibcPoll.EPOLLET;
import static kpath.kernel.LibcPoll.EPOLLEXCLUSIVE;
import static kpath.kernel.LibcPoll.EPOLLIN;
import static kpath.kernel.LibcPoll.EPOLLONESHOT;
import static kpath.kernel.LibcPoll.EPOLLOUT;
import static kpath.kernel.LibcPoll.EPOLLRDHUP;
import static kpath.kernel.LibcPoll.EPOLL_CTL_ADD;
import static kpath.kernel.LibcPoll.EPOLL_CTL_MOD;
import static kpath.kernel.LibcPoll.POLLIN;
import static kpath.kernel.LibcPoll.POLLOUT;
import static kpath.kernel.LibcSocket.SHUT_WR;
import static kpath.kernel.readiness.ReadinessRecorder.negativeFd;
import static kpath.kernel.readiness.ReadinessRecorder.pfd;

/**
 * The battery of readiness scenarios (select, poll, epoll on pipes, AF_UNIX socketpairs and
 * eventfds). The ones defined here are unprivileged, single-threaded and use only timeout-0 waits,
 * in the host netns; {@link #all()} adds the TCP ones ({@link TcpReadinessScenarios}), the
 * multi-threaded ones ({@link ThreadedReadinessScenarios}) and the signal-driven I/O ones
 * ({@link SigioScenarios}). Traces go to
 * {@code traces/readiness/<name>.trace}. Row ids (LT-01, ECTL-07, ...) refer to the readiness
 * catalogue.
 */
public final class ReadinessScenarios {

    /** The kernel path these scenarios record: the {@code path:} header of their traces and their traces/ folder. */
    public static final String PATH = "readiness";

    private ReadinessScenarios() {
    }

    /** Read size used to drain a pipe or socket. */
    static final int BUF = 4096;
    /** maxevents of an ordinary epoll_wait. */
    static final int MAX = 8;

    /** The whole battery. */
    public static List<Scenario> all() {
        return java.util.stream.Stream.concat(List.of(
                epollLtReportedUntilRead(),
                epollEtOncePerArrival(),
                epollLtVsEtPartialRead(),
                epollOneshotRearm(),
                epollCtlErrors(),
                epollMaxeventsRoundRobin(),
                epollPeerShutdownAndCloseRdhup(),
                pipeEndsHupAndErr(),
                eventfdCounterReadiness(),
                epollDupCloseKeepsEventsUnderOldFd(),
                epollNestedLtEt(),
                selectPollEpollAgree(),
                epollExclusiveTwoInstances(),
                epollAddReadyAndModRereports(),
                selectNfdsBeyondFdSetsize()).stream(),
                java.util.stream.Stream.of(TcpReadinessScenarios.all(), ThreadedReadinessScenarios.all(),
                        SigioScenarios.all()).flatMap(List::stream)).toList();
    }

    /** The scenario called {@code name}, if the battery has one. */
    public static Optional<Scenario> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    // ---- plumbing ----

    @FunctionalInterface
    interface Body {
        void run(ReadinessRecorder rec) throws Exception;
    }

    private record Defined(String name, String narrative, Body body) implements Scenario {
        @Override
        public boolean privileged() {
            return false;
        }

        @Override
        public Trace capture() throws Exception {
            try (Fds fds = new Fds()) {
                ReadinessRecorder rec = new ReadinessRecorder(name, narrative, fds);
                body.run(rec);
                return rec.trace();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Scenario scenario(String name, String narrative, Body body) {
        return new Defined(name, narrative, body);
    }

    private static void step(ReadinessRecorder rec, String text) {
        rec.blank();
        rec.comment(text);
    }

    // ---- 1 ----

    static Scenario epollLtReportedUntilRead() {
        return scenario("epoll-lt-socketpair-reported-until-read",
                "Level-triggered epoll on an AF_UNIX socketpair (LT-01, LT-04): s0 is registered with EPOLLIN."
                        + " One byte written to s1 makes s0 readable; every epoll_wait reports s0 again while"
                        + " the byte is unread (an LT item is re-queued after delivery), and none does after s0"
                        + " has been drained.",
                rec -> {
                    var s = rec.socketpair();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, s.first(), EPOLLIN);
                    step(rec, "nothing written yet");
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "one byte arrives at s0: reported, and reported again (LT-01)");
                    rec.write(s.second(), 1);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "drain s0, then wait: the re-queued item re-polls as not ready (LT-04)");
                    rec.read(s.first(), BUF);
                    rec.read(s.first(), BUF);
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(s.first());
                });
    }

    // ---- 2 ----

    static Scenario epollEtOncePerArrival() {
        return scenario("epoll-et-socketpair-once-per-arrival",
                "Edge-triggered epoll on an AF_UNIX socketpair (ET-01, ET-11): s0 registered with"
                        + " EPOLLIN|EPOLLET. A write is reported once; a second wait reports nothing although"
                        + " the byte is unread. A second arrival before any read wakes the socket's wait queue"
                        + " again, so it is reported again. After draining to EAGAIN nothing is reported.",
                rec -> {
                    var s = rec.socketpair();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, s.first(), EPOLLIN | EPOLLET);
                    step(rec, "first arrival: one report, then none (ET-01)");
                    rec.write(s.second(), 1);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "second arrival, nothing read yet: a new wakeup, a new report (ET-11)");
                    rec.write(s.second(), 1);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "read everything, then wait");
                    rec.read(s.first(), BUF);
                    rec.read(s.first(), BUF);
                    rec.epollWait(e0, MAX, 0);
                });
    }

    // ---- 3 ----

    static Scenario epollLtVsEtPartialRead() {
        return scenario("epoll-lt-vs-et-partial-read",
                "Partial read under LT and ET (ET-05, LT-04): two socketpairs in one epoll, s0 level-triggered"
                        + " and s2 edge-triggered, both EPOLLIN. 10 bytes arrive at each and 5 are read from"
                        + " each. LT keeps reporting s0 while bytes remain; ET reports s2 only for the arrival,"
                        + " not for the 5 bytes left (the man page's 'will probably hang'). A further arrival"
                        + " at s2 reports it again.",
                rec -> {
                    var a = rec.socketpair();
                    var b = rec.socketpair();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, a.first(), EPOLLIN);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, b.first(), EPOLLIN | EPOLLET);
                    step(rec, "10 bytes to each");
                    rec.write(a.second(), 10);
                    rec.write(b.second(), 10);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "read 5 from each: 5 remain in each");
                    rec.read(a.first(), 5);
                    rec.epollWait(e0, MAX, 0);
                    rec.read(b.first(), 5);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(b.first());
                    step(rec, "one more byte to the ET socket: a new wakeup (ET-11)");
                    rec.write(b.second(), 1);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "drain both");
                    rec.read(a.first(), BUF);
                    rec.read(b.first(), BUF);
                    rec.epollWait(e0, MAX, 0);
                });
    }

    // ---- 4 ----

    static Scenario epollOneshotRearm() {
        return scenario("epoll-oneshot-rearm",
                "EPOLLONESHOT (OS-01, OS-02, OS-03): pipe read end r0 registered EPOLLIN|EPOLLONESHOT. The"
                        + " first arrival is reported once, then the item is disarmed: a second write is not"
                        + " reported. MOD with EPOLLIN|EPOLLONESHOT re-arms it, and the still-pending data is"
                        + " reported without a new write, once. The disarmed item stays registered: ADD gives"
                        + " EEXIST.",
                rec -> {
                    var p = rec.pipe2();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, p.first(), EPOLLIN | EPOLLONESHOT);
                    step(rec, "first write: reported once, then disarmed (OS-01)");
                    rec.write(p.second(), 1);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "second write while disarmed: not reported (OS-02)");
                    rec.write(p.second(), 1);
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(p.first());
                    step(rec, "re-arm with MOD: the pending data is reported without a new write (OS-03)");
                    rec.epollCtl(e0, EPOLL_CTL_MOD, p.first(), EPOLLIN | EPOLLONESHOT);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "the disarmed item is still registered");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, p.first(), EPOLLIN | EPOLLONESHOT);
                    step(rec, "disarmed items hide HUP too (OS-02): close the write end");
                    rec.close(p.second());
                    rec.epollWait(e0, MAX, 0);
                    rec.observePoll(p.first());
                });
    }

    // ---- 5 ----

    static Scenario epollCtlErrors() {
        return scenario("epoll-ctl-errors",
                "epoll_ctl and epoll_wait error cases (ECTL-01, ECTL-03..09d, ECTL-16, ECTL-17, EW-01, EW-03)."
                        + " Each call is independent; the expected errno per row is in the catalogue. Where a"
                        + " call breaks several rules at once, the kernel's order of checks decides (ECTL-04:"
                        + " EPERM for a non-pollable target comes before EINVAL for a non-epoll epfd). An event"
                        + " argument '-' means a NULL event pointer; op -1 is an invalid op.",
                rec -> {
                    var p = rec.pipe2();
                    var s = rec.socketpair();
                    String e0 = rec.epollCreate();
                    String e1 = rec.epollCreate();
                    String f0 = rec.openat("/proc/self/status");
                    String r0 = p.first();
                    String w0 = p.second();

                    step(rec, "ECTL-07: ADD twice -> EEXIST");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, r0, EPOLLIN);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, r0, EPOLLIN);
                    step(rec, "ECTL-08: MOD / DEL of an fd that is not registered -> ENOENT");
                    rec.epollCtl(e0, EPOLL_CTL_MOD, w0, EPOLLOUT);
                    rec.epollDel(e0, w0);
                    step(rec, "ECTL-05: fd == epfd -> EINVAL; epfd not an epoll (a pipe) -> EINVAL");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, e0, EPOLLIN);
                    rec.epollCtl(r0, EPOLL_CTL_ADD, w0, EPOLLOUT);
                    step(rec, "ECTL-06: invalid op -> EINVAL; ECTL-01: ADD with a NULL event -> EFAULT");
                    rec.epollCtl(e0, -1, w0, EPOLLOUT);
                    rec.epollCtlNoEvent(e0, EPOLL_CTL_ADD, w0);
                    step(rec, "ECTL-04: a regular (non-pollable) file -> EPERM, also when epfd is not an epoll");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, f0, EPOLLIN);
                    rec.epollCtl(r0, EPOLL_CTL_ADD, f0, EPOLLIN);
                    step(rec, "ECTL-09d: EXCLUSIVE with ONESHOT -> EINVAL");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, s.first(), EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT);
                    step(rec, "ECTL-09b: MOD of an item added with EXCLUSIVE -> EINVAL (even without EXCLUSIVE)");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, s.first(), EPOLLIN | EPOLLEXCLUSIVE);
                    rec.epollCtl(e0, EPOLL_CTL_MOD, s.first(), EPOLLIN);
                    rec.epollCtl(e0, EPOLL_CTL_MOD, s.first(), EPOLLIN | EPOLLEXCLUSIVE);
                    step(rec, "ECTL-09a: MOD with EXCLUSIVE of a normal item -> EINVAL");
                    rec.epollCtl(e0, EPOLL_CTL_MOD, r0, EPOLLIN | EPOLLEXCLUSIVE);
                    step(rec, "ECTL-09c: ADD of an epoll fd with EXCLUSIVE -> EINVAL");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, e1, EPOLLIN | EPOLLEXCLUSIVE);
                    step(rec, "ECTL-16: e0 watches e1, then e1 watching e0 would close a loop -> ELOOP");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, e1, EPOLLIN);
                    rec.epollCtl(e1, EPOLL_CTL_ADD, e0, EPOLLIN);
                    step(rec, "ECTL-17: chain r1 <- e2 <- e3 <- e4 <- e5 <- e6; DEL r1 from e2; ADD(e2, e6) closes a loop");
                    var p1 = rec.pipe2();
                    String e2 = rec.epollCreate();
                    String e3 = rec.epollCreate();
                    String e4 = rec.epollCreate();
                    String e5 = rec.epollCreate();
                    String e6 = rec.epollCreate();
                    rec.epollCtl(e2, EPOLL_CTL_ADD, p1.first(), EPOLLIN);
                    rec.epollCtl(e3, EPOLL_CTL_ADD, e2, EPOLLIN);
                    rec.epollCtl(e4, EPOLL_CTL_ADD, e3, EPOLLIN);
                    rec.epollCtl(e5, EPOLL_CTL_ADD, e4, EPOLLIN);
                    rec.epollCtl(e6, EPOLL_CTL_ADD, e5, EPOLLIN);
                    rec.epollDel(e2, p1.first());
                    rec.epollCtl(e2, EPOLL_CTL_ADD, e6, EPOLLIN);
                    step(rec, "EW-01: maxevents 0 and -1 -> EINVAL; EW-03: epoll_wait on a pipe -> EINVAL");
                    rec.epollWait(e0, 0, 0);
                    rec.epollWait(e0, -1, 0);
                    rec.epollWait(r0, MAX, 0);
                    step(rec, "ECTL-03 / EW-03: closed fds (v0 is closed right after it is created) -> EBADF");
                    String v0 = rec.eventfd(0, EFD_NONBLOCK);
                    rec.close(v0);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, v0, EPOLLIN);
                    rec.epollCtl(v0, EPOLL_CTL_ADD, w0, EPOLLOUT);
                    rec.epollDel(e0, v0);
                    rec.epollWait(v0, MAX, 0);
                    step(rec, "ECTL-02: DEL with a NULL event pointer of a registered fd works");
                    rec.epollDel(e0, r0);
                });
    }

    // ---- 6 ----

    static Scenario epollMaxeventsRoundRobin() {
        return scenario("epoll-maxevents-round-robin",
                "Fairness when more items are ready than maxevents (EW-11): three socketpairs, each of s0, s2,"
                        + " s4 level-triggered EPOLLIN and made readable once, never read. epoll_wait with"
                        + " maxevents 1 is repeated six times, then maxevents 2 three times: unsent items go"
                        + " back to the head of the ready list and delivered LT items to its tail, so the"
                        + " reports rotate.",
                rec -> {
                    var a = rec.socketpair();
                    var b = rec.socketpair();
                    var c = rec.socketpair();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, a.first(), EPOLLIN);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, b.first(), EPOLLIN);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, c.first(), EPOLLIN);
                    step(rec, "make all three readable, in the order s0, s2, s4");
                    rec.write(a.second(), 1);
                    rec.write(b.second(), 1);
                    rec.write(c.second(), 1);
                    step(rec, "maxevents 1, six times");
                    for (int i = 0; i < 6; i++) {
                        rec.epollWait(e0, 1, 0);
                    }
                    step(rec, "maxevents 2, three times");
                    for (int i = 0; i < 3; i++) {
                        rec.epollWait(e0, 2, 0);
                    }
                    step(rec, "maxevents 8: all three");
                    rec.epollWait(e0, MAX, 0);
                });
    }

    // ---- 7 ----

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

    // ---- 8 ----

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

    // ---- 9 ----

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

    // ---- 10 ----

    static Scenario epollDupCloseKeepsEventsUnderOldFd() {
        return scenario("epoll-dup-close-keeps-events-under-old-fd",
                "epoll items are keyed by (open file, fd number) and only removed when the file's last"
                        + " reference goes (ECTL-07, man epoll.7 Q6, catalogue 4.1): s0 and its dup s0d are"
                        + " two items of one epoll. After DEL s0d and close(s0), the item registered as s0 keeps"
                        + " reporting under s0's old number, and can no longer be removed by number. Closing"
                        + " s0d, the last reference, removes it.",
                rec -> {
                    var s = rec.socketpair();
                    String s0 = s.first();
                    String s1 = s.second();
                    String e0 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, s0, EPOLLIN);
                    String s0d = rec.dup(s0);
                    step(rec, "the dup is a separate item (ECTL-07); one arrival reports both");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, s0d, EPOLLIN);
                    rec.write(s1, 1);
                    rec.epollWait(e0, MAX, 0);
                    rec.read(s0, BUF);
                    step(rec, "remove the dup's item, close s0: s0d keeps the file open");
                    rec.epollDel(e0, s0d);
                    rec.close(s0);
                    rec.write(s1, 1);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "the item cannot be removed by number any more: EBADF for s0, ENOENT for s0d");
                    rec.epollDel(e0, s0);
                    rec.epollDel(e0, s0d);
                    rec.read(s0d, BUF);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "close the last reference: the item goes; s1 now writes to a closed peer");
                    rec.close(s0d);
                    rec.comment("SIGPIPE disposition of this process now: " + ReadinessRecorder.sigpipeDisposition());
                    rec.write(s1, 1);
                    rec.epollWait(e0, MAX, 0);
                });
    }

    // ---- 11 ----

    static Scenario epollNestedLtEt() {
        return scenario("epoll-nested-lt-et",
                "Nested epoll (NEST-01..05, EPC-06): for each outer/inner mode LT/LT, LT/ET, ET/LT, ET/ET an"
                        + " outer epoll watches an inner epoll (EPOLLIN, outer mode) that watches s0 of a fresh"
                        + " socketpair (EPOLLIN, inner mode). Part A: one byte, epoll_wait(outer) twice, a poll"
                        + " of the outer epoll, then epoll_wait(inner) and epoll_wait(outer). Part B (fresh fds"
                        + " again): one byte, then poll(outer) and epoll_wait(outer), twice. Each case's fds are"
                        + " closed before the next.",
                rec -> {
                    String[][] modes = {{"LT", "LT"}, {"LT", "ET"}, {"ET", "LT"}, {"ET", "ET"}};
                    for (String[] m : modes) {
                        int outer = EPOLLIN | (m[0].equals("ET") ? EPOLLET : 0);
                        int inner = EPOLLIN | (m[1].equals("ET") ? EPOLLET : 0);
                        step(rec, "part A, outer " + m[0] + " / inner " + m[1]);
                        var s = rec.socketpair();
                        String eo = rec.epollCreate();
                        String ei = rec.epollCreate();
                        rec.epollCtl(ei, EPOLL_CTL_ADD, s.first(), inner);
                        rec.epollCtl(eo, EPOLL_CTL_ADD, ei, outer);
                        rec.write(s.second(), 1);
                        rec.epollWait(eo, MAX, 0);
                        rec.epollWait(eo, MAX, 0);
                        rec.poll(0, pfd(eo, POLLIN));
                        rec.epollWait(ei, MAX, 0);
                        rec.epollWait(eo, MAX, 0);
                        closeAll(rec, eo, ei, s.first(), s.second());
                    }
                    for (String[] m : modes) {
                        int outer = EPOLLIN | (m[0].equals("ET") ? EPOLLET : 0);
                        int inner = EPOLLIN | (m[1].equals("ET") ? EPOLLET : 0);
                        step(rec, "part B (NEST-05), outer " + m[0] + " / inner " + m[1]);
                        var s = rec.socketpair();
                        String eo = rec.epollCreate();
                        String ei = rec.epollCreate();
                        rec.epollCtl(ei, EPOLL_CTL_ADD, s.first(), inner);
                        rec.epollCtl(eo, EPOLL_CTL_ADD, ei, outer);
                        rec.write(s.second(), 1);
                        rec.poll(0, pfd(eo, POLLIN));
                        rec.epollWait(eo, MAX, 0);
                        rec.poll(0, pfd(eo, POLLIN));
                        rec.epollWait(eo, MAX, 0);
                        closeAll(rec, eo, ei, s.first(), s.second());
                    }
                });
    }

    private static void closeAll(ReadinessRecorder rec, String... names) {
        for (String n : names) {
            rec.close(n);
        }
    }

    // ---- 12 ----

    static Scenario selectPollEpollAgree() {
        return scenario("select-poll-epoll-agree",
                "select, poll and epoll on the same fds (SEL-03, SEL-11, SEL-12, SEL-13, SEL-01, POLL-03..07):"
                        + " r0 holds data, r1's write end is closed, s0 holds data, v0 is an eventfd at 0, f0 a"
                        + " procfs file, v1 a closed fd number. select counts bits (s0 in both read and write"
                        + " sets counts twice), maps HUP to readable; poll counts entries, ignores a negative"
                        + " fd, reports POLLNVAL for a closed one and HUP/ERR even with events 0; epoll LT"
                        + " reports the open pollable fds. select with a closed fd in a set gives EBADF, with"
                        + " nfds -1 EINVAL.",
                rec -> {
                    var a = rec.pipe2();
                    var b = rec.pipe2();
                    var s = rec.socketpair();
                    String v0 = rec.eventfd(0, EFD_NONBLOCK);
                    String f0 = rec.openat("/proc/self/status");
                    String e0 = rec.epollCreate();
                    String v1 = rec.eventfd(0, EFD_NONBLOCK);
                    String r0 = a.first();
                    String w0 = a.second();
                    String r1 = b.first();
                    String s0 = s.first();
                    String s1 = s.second();
                    step(rec, "set up: data in r0 and s0, r1's writer closed, v1 closed (no fd is created after this)");
                    rec.write(w0, 3);
                    rec.write(s1, 2);
                    rec.close(b.second());
                    rec.close(v1);

                    step(rec, "select: s0 and f0 in both the read and the write set (SEL-11, SEL-12, SEL-13)");
                    rec.select(List.of(r0, r1, s0, v0, f0), List.of(w0, s0, s1, v0, f0), List.of(r0, s0, v0), 0);
                    step(rec, "select with nothing ready");
                    rec.select(List.of(v0), List.of(), List.of(s1), 0);

                    step(rec, "poll: a negative fd is skipped (POLL-03), the closed v1 gives POLLNVAL (POLL-04)");
                    rec.poll(0, pfd(r0, POLLIN), pfd(r1, POLLIN), pfd(s0, POLLIN | POLLOUT), pfd(v0, POLLIN | POLLOUT),
                            pfd(w0, POLLOUT), pfd(f0, POLLIN | POLLOUT), negativeFd(POLLIN), pfd(v1, POLLIN));
                    step(rec, "poll with events 0: HUP is still reported (POLL-05)");
                    rec.poll(0, pfd(r1, 0), pfd(s0, 0));

                    step(rec, "epoll LT on the same open pollable fds");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, r0, EPOLLIN);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, r1, EPOLLIN);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, s0, EPOLLIN | EPOLLOUT);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, v0, EPOLLIN | EPOLLOUT);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, w0, EPOLLOUT);
                    rec.epollWait(e0, MAX, 0);

                    step(rec, "select with the closed v1 in the read set (SEL-03), and nfds -1 (SEL-01)");
                    rec.select(List.of(r0, v1), List.of(), List.of(), 0);
                    rec.select(-1, List.of(r0), List.of(), List.of(), 0);
                });
    }

    // ---- 13 ----

    static Scenario epollExclusiveTwoInstances() {
        return scenario("epoll-exclusive-two-instances",
                "EPOLLEXCLUSIVE across epoll instances, single-threaded part (EX-03, EX-04): pipe r0 is in e0"
                        + " with EPOLLIN|EPOLLEXCLUSIVE and in e1 with EPOLLIN; then pipe r1 is in e2 and e3,"
                        + " both EXCLUSIVE. No thread sleeps in epoll_wait when the write happens, so no"
                        + " exclusive wakeup is consumed and every instance queues the item: each epoll_wait"
                        + " reports it.",
                rec -> {
                    var p = rec.pipe2();
                    String e0 = rec.epollCreate();
                    String e1 = rec.epollCreate();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, p.first(), EPOLLIN | EPOLLEXCLUSIVE);
                    rec.epollCtl(e1, EPOLL_CTL_ADD, p.first(), EPOLLIN);
                    step(rec, "one exclusive and one normal instance");
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e1, MAX, 0);
                    rec.write(p.second(), 1);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e1, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    rec.read(p.first(), BUF);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e1, MAX, 0);

                    step(rec, "two exclusive instances");
                    var q = rec.pipe2();
                    String e2 = rec.epollCreate();
                    String e3 = rec.epollCreate();
                    rec.epollCtl(e2, EPOLL_CTL_ADD, q.first(), EPOLLIN | EPOLLEXCLUSIVE);
                    rec.epollCtl(e3, EPOLL_CTL_ADD, q.first(), EPOLLIN | EPOLLEXCLUSIVE);
                    rec.write(q.second(), 1);
                    rec.epollWait(e2, MAX, 0);
                    rec.epollWait(e3, MAX, 0);
                    rec.read(q.first(), BUF);
                    rec.epollWait(e2, MAX, 0);
                    rec.epollWait(e3, MAX, 0);
                    step(rec, "an exclusive item with ET: a second write reaches both instances again");
                    var r = rec.pipe2();
                    String e4 = rec.epollCreate();
                    String e5 = rec.epollCreate();
                    rec.epollCtl(e4, EPOLL_CTL_ADD, r.first(), EPOLLIN | EPOLLET | EPOLLEXCLUSIVE);
                    rec.epollCtl(e5, EPOLL_CTL_ADD, r.first(), EPOLLIN | EPOLLET | EPOLLEXCLUSIVE);
                    rec.write(r.second(), 1);
                    rec.epollWait(e4, MAX, 0);
                    rec.epollWait(e5, MAX, 0);
                    rec.write(r.second(), 1);
                    rec.epollWait(e4, MAX, 0);
                    rec.epollWait(e5, MAX, 0);
                });
    }

    // ---- 14 ----

    static Scenario epollAddReadyAndModRereports() {
        return scenario("epoll-add-ready-and-mod-rereports",
                "epoll_ctl and the ready list (ECTL-13, ECTL-14, ECTL-15): ADD of a pipe that already holds"
                        + " data is reported at once, also edge-triggered; an ET item already harvested is"
                        + " reported again after MOD with the same mask, without new I/O; an item queued on the"
                        + " ready list and then DELeted is never reported, and ADD again reports it at once.",
                rec -> {
                    String e0 = rec.epollCreate();
                    step(rec, "ECTL-13: ADD (LT) of a pipe that already has data");
                    var p = rec.pipe2();
                    rec.write(p.second(), 3);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, p.first(), EPOLLIN);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollDel(e0, p.first());
                    step(rec, "ECTL-13 with ET, then ECTL-14: MOD with the same mask re-reports without new I/O");
                    var q = rec.pipe2();
                    rec.write(q.second(), 1);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, q.first(), EPOLLIN | EPOLLET);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollCtl(e0, EPOLL_CTL_MOD, q.first(), EPOLLIN | EPOLLET);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollWait(e0, MAX, 0);
                    step(rec, "MOD to a mask the fd is not ready for: nothing; back to EPOLLIN: reported");
                    rec.epollCtl(e0, EPOLL_CTL_MOD, q.first(), EPOLLOUT | EPOLLET);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollCtl(e0, EPOLL_CTL_MOD, q.first(), EPOLLIN | EPOLLET);
                    rec.epollWait(e0, MAX, 0);
                    rec.epollDel(e0, q.first());
                    step(rec, "ECTL-15: queued on the ready list by a write, then DEL: never reported");
                    var u = rec.pipe2();
                    rec.epollCtl(e0, EPOLL_CTL_ADD, u.first(), EPOLLIN);
                    rec.epollWait(e0, MAX, 0);
                    rec.write(u.second(), 1);
                    rec.epollDel(e0, u.first());
                    rec.epollWait(e0, MAX, 0);
                    rec.poll(0, pfd(e0, POLLIN));
                    step(rec, "ADD again: reported at once (ECTL-13)");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, u.first(), EPOLLIN);
                    rec.epollWait(e0, MAX, 0);
                });
    }

    // ---- 15 ----

    /** The lowest number fcntl(F_DUPFD) is asked for: above FD_SETSIZE (1024). */
    static final int HIGH_FD_MIN = 1100;
    /** An nfds larger than this process's fd table (checked against FDSize before use). */
    static final int NFDS_BEYOND_TABLE = 65536;

    static Scenario selectNfdsBeyondFdSetsize() {
        return scenario("select-nfds-beyond-fd-setsize",
                "select(2) with fds above FD_SETSIZE: the C library's fd_set holds 1024 bits"
                        + " (FD_SETSIZE), but the kernel's select takes any nfds: fs/select.c core_sys_select"
                        + " fails only for nfds < 0 (EINVAL), clamps nfds to the fd table's max_fds, and reads"
                        + " and writes back FDS_BYTES(nfds) bytes of each set. fcntl(F_DUPFD, " + HIGH_FD_MIN
                        + ") (fs/fcntl.c f_dupfd) copies pipe ends r0 and w0 to numbers at or above "
                        + HIGH_FD_MIN + ", which grows the fd table past 1024 (fs/file.c expand_files). The sets"
                        + " are passed as bitmaps of nfds bits (not a 128-byte fd_set). select with nfds ="
                        + " highest number + 1 sees the high fds: w0x writable, r0x readable once a byte is"
                        + " written. With nfds = 1024 the high fds are out of range: their bits are never"
                        + " read, so the same sets give 0, while r0, below 1024, is still seen. With an nfds"
                        + " of " + NFDS_BEYOND_TABLE + ", beyond the fd table, the clamp gives the same"
                        + " answer as nfds = highest + 1.",
                rec -> {
                    long soft = LibcFile.nofileSoftLimit(); // RLIM_INFINITY reads as -1
                    if (soft >= 0 && soft <= HIGH_FD_MIN) {
                        throw new PrivilegeException("RLIMIT_NOFILE soft limit is " + soft + ", not above "
                                + HIGH_FD_MIN + ": fcntl(F_DUPFD, " + HIGH_FD_MIN + ") would fail with EINVAL"
                                + " (raise it with ulimit -n)");
                    }
                    if (fdTableSize() >= NFDS_BEYOND_TABLE) {
                        throw new IllegalStateException("the fd table already holds " + fdTableSize()
                                + " fds: nfds " + NFDS_BEYOND_TABLE + " would not be beyond it");
                    }
                    var p = rec.pipe2();
                    String r0 = p.first();
                    String r0x = rec.dupfd(r0, HIGH_FD_MIN);
                    String w0x = rec.dupfd(p.second(), HIGH_FD_MIN);
                    step(rec, "nfds = highest + 1: the empty pipe's r0x is not ready, w0x is writable");
                    rec.select(List.of(r0x), List.of(), List.of(), 0);
                    rec.select(List.of(r0x), List.of(w0x), List.of(), 0);
                    step(rec, "a byte through w0x: r0x is readable");
                    rec.write(w0x, 1);
                    rec.select(List.of(r0x), List.of(w0x), List.of(), 0);
                    step(rec, "nfds = 1024 (FD_SETSIZE): r0x and w0x lie beyond it and are never looked at;"
                            + " r0, the same pipe below 1024, is");
                    rec.select(LibcPoll.FD_SET_BITS, List.of(r0x), List.of(w0x), List.of(), 0);
                    rec.select(LibcPoll.FD_SET_BITS, List.of(r0, r0x), List.of(w0x), List.of(), 0);
                    step(rec, "nfds beyond the fd table: clamped to max_fds, not an error");
                    rec.select(NFDS_BEYOND_TABLE, List.of(r0x), List.of(w0x), List.of(), 0);
                    step(rec, "drained through r0x: not ready again");
                    rec.read(r0x, BUF);
                    rec.select(List.of(r0x), List.of(), List.of(), 0);
                });
    }

    /** FDSize from /proc/self/status: how many fds this process's fd table holds now (max_fds). */
    static int fdTableSize() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("FDSize:")).findFirst()
                    .map(l -> Integer.parseInt(l.substring("FDSize:".length()).strip()))
                    .orElseThrow(() -> new IllegalStateException("no FDSize in /proc/self/status"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading /proc/self/status", e);
        }
    }
}
