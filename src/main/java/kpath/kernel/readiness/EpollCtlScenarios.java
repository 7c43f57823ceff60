package kpath.kernel.readiness;

import kpath.kernel.Scenario;

import static kpath.kernel.LibcFile.EFD_NONBLOCK;
import static kpath.kernel.LibcPoll.EPOLLET;
import static kpath.kernel.LibcPoll.EPOLLEXCLUSIVE;
import static kpath.kernel.LibcPoll.EPOLLIN;
import static kpath.kernel.LibcPoll.EPOLLONESHOT;
import static kpath.kernel.LibcPoll.EPOLLOUT;
import static kpath.kernel.LibcPoll.EPOLL_CTL_ADD;
import static kpath.kernel.LibcPoll.EPOLL_CTL_MOD;
import static kpath.kernel.LibcPoll.POLLIN;
import static kpath.kernel.readiness.ReadinessRecorder.pfd;
import static kpath.kernel.readiness.ReadinessScenarios.BUF;
import static kpath.kernel.readiness.ReadinessScenarios.MAX;
import static kpath.kernel.readiness.ReadinessScenarios.scenario;
import static kpath.kernel.readiness.ReadinessScenarios.step;

/**
 * Readiness scenarios of epoll's interest list: epoll_ctl and epoll_wait errors (in the kernel's
 * order of checks), items keyed by (file, fd number) across dup and close, nested epolls, and
 * EPOLLEXCLUSIVE across instances (fs/eventpoll.c do_epoll_ctl, ep_loop_check, eventpoll_release).
 * Part of {@link ReadinessScenarios#all()}.
 */
final class EpollCtlScenarios {

    private EpollCtlScenarios() {
    }

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
                    chainClosedIntoALoop(rec);
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

    /** ECTL-17: an ADD that closes a loop through a chain of five epolls. */
    private static void chainClosedIntoALoop(ReadinessRecorder rec) {
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
    }

    private static void closeAll(ReadinessRecorder rec, String... names) {
        for (String n : names) {
            rec.close(n);
        }
    }
}
