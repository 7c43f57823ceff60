package kpath.kernel.readiness;

import kpath.kernel.Scenario;

import static kpath.kernel.LibcPoll.EPOLLET;
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
 * Readiness scenarios of epoll's trigger modes and ready list: level-triggered items reported
 * until read, edge-triggered ones once per arrival, EPOLLONESHOT and its re-arm, the rotation when
 * more items are ready than maxevents, and what ADD, MOD and DEL do to the ready list
 * (fs/eventpoll.c ep_send_events, ep_insert, ep_modify). Part of {@link ReadinessScenarios#all()}.
 */
final class EpollTriggerScenarios {

    private EpollTriggerScenarios() {
    }

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
}
