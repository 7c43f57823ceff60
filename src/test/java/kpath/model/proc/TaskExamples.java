package kpath.model.proc;

import kpath.uapi.Mask;

import java.util.List;
import java.util.Set;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.Task.Phase;
import net.jqwik.api.Example;

import static kpath.uapi.Mask.*;
import static kpath.model.proc.ProcRule.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sleeping tasks, one interleaving at a time (the checker explores all of them): who a wake-up
 * wakes, in the kernel's order.
 */
class TaskExamples {
    private static final String IN_RD = "EPOLLIN";

    /** t enters epoll_wait(ep, max) with a timeout and runs at once, finding nothing: it sleeps. */
    private static R sleepIn(R r, String t, String ep, int max, int timeout) {
        long ret = r.s.ret();
        r.call(new TaskCall(t, new EpollWait(ep, max), timeout), ret).expect(TaskEnters);
        return r.call(new TaskRun(t), ret).expect(TaskSleeps);
    }

    private static Phase phase(R r, String t) {
        return r.s.tasks().get(t).phase();
    }

    private static R run(R r, String t) {
        return r.call(new TaskRun(t), r.s.ret());
    }

    private static R returns(R r, String t, String ret, String... out) {
        r.call(new TaskReturn(t), ret).expect(TaskReturns);
        assertEquals(List.of(out), r.out());
        return r;
    }

    @Example
    void unseenStepsNeedATaskARingOrAnAioContext() { // what lets a replay skip their search
        R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN);
        assertEquals(false, Proc.mayStepUnseen(r.s));
        assertEquals(List.of(), Proc.successors(r.s, new AioPollWork()));
        assertEquals(List.of(), Proc.successors(r.s, new DelayedFputWork()));
        assertEquals(List.of(), Proc.successors(r.s, new AioTrylockFails()));
        sleepIn(r, "t1", "e0", 8, 300);
        assertEquals(true, Proc.mayStepUnseen(r.s));
        R aio = new R().call(new IoSetup(1, "a0"), 0);
        assertEquals(true, Proc.mayStepUnseen(aio.s));
        assertEquals(true, aio.s.hasAsyncFiles());
        assertEquals(false, r.s.hasAsyncFiles());
        R ring = new R().call(new IoUringSetup("u0", 10, 4), 10);
        assertEquals(true, ring.s.hasAsyncFiles());
    }

    @Example
    void edgeTriggeredArrivalWakesOneOfTwoWaiters() { // EW-10, selftest epoll10-like
        R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN | ET);
        sleepIn(r, "t1", "e0", 8, 300);
        sleepIn(r, "t2", "e0", 8, 300);
        assertEquals(List.of("t2", "t1"), ((OpenFile.Epoll) r.s.files().get("e0")).wq()); // head first
        r.write("w0", 1);
        assertEquals(Phase.RUNNING, phase(r, "t2")); // the newest sleeper (LIFO), as the kernel trace shows
        assertEquals(Phase.SLEEPING, phase(r, "t1"));
        run(r, "t2").expect(EpollWaitEdgeTaken);
        assertEquals(Phase.SLEEPING, phase(r, "t1")); // ET: nothing re-queued, nobody else woken
        r.call(new TaskTimeout("t1"), r.s.ret()).expect(TaskTimesOut);
        returns(r, "t2", "1", "r0=" + IN_RD);
        returns(r, "t1", "0");
    }

    @Example
    void levelTriggeredItemBackOnTheListWakesTheNextWaiter() { // ep_done_scan
        R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN);
        sleepIn(r, "t1", "e0", 8, 300);
        sleepIn(r, "t2", "e0", 8, 300);
        r.write("w0", 1);
        assertEquals(Phase.SLEEPING, phase(r, "t1"));
        run(r, "t2").expect(EpollWaitLevelRequeued);
        assertEquals(Phase.RUNNING, phase(r, "t1"));
        run(r, "t1").expect(EpollWaitLevelRequeued);
        returns(r, "t1", "1", "r0=" + IN_RD);
        returns(r, "t2", "1", "r0=" + IN_RD);
    }

    @Example
    void secondWaiterFindsTheDataGoneAndSleepsAgain() {
        R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN);
        sleepIn(r, "t1", "e0", 8, 300);
        sleepIn(r, "t2", "e0", 8, 300);
        r.write("w0", 1);
        run(r, "t2").expect(EpollWaitLevelRequeued);
        r.call(new Read("r0", 10), "1");
        run(r, "t1").expect(TaskSleeps); // the LT item was dropped on re-poll
        assertEquals(List.of(), ((OpenFile.Epoll) r.s.files().get("e0")).rdllist());
    }

    @Example
    void exclusiveWakeupStopsAtTheFirstInstanceWithASleeper() { // EX-04
        R r = new R().pipe("r0", "w0").epoll("e0").epoll("e1")
                .add("e0", "r0", IN | EXCLUSIVE).add("e1", "r0", IN | EXCLUSIVE);
        sleepIn(r, "t1", "e0", 8, 300);
        sleepIn(r, "t2", "e1", 8, 300);
        r.write("w0", 1);
        assertEquals(Phase.RUNNING, phase(r, "t1"));
        assertEquals(Phase.SLEEPING, phase(r, "t2"));
        assertEquals(List.of(), ((OpenFile.Epoll) r.s.files().get("e1")).rdllist()); // e1 never saw it
    }

    @Example
    void exclusiveInstanceWithoutSleeperDoesNotStopTheWalk() { // EX-03
        R r = new R().pipe("r0", "w0").epoll("e0").epoll("e1")
                .add("e0", "r0", IN | EXCLUSIVE).add("e1", "r0", IN | EXCLUSIVE);
        sleepIn(r, "t2", "e1", 8, 300);
        r.write("w0", 1);
        assertEquals(1, ((OpenFile.Epoll) r.s.files().get("e0")).rdllist().size());
        assertEquals(Phase.RUNNING, phase(r, "t2"));
    }

    @Example
    void withoutExclusiveBothInstancesWake() {
        R r = new R().pipe("r0", "w0").epoll("e0").epoll("e1").add("e0", "r0", IN).add("e1", "r0", IN);
        sleepIn(r, "t1", "e0", 8, 300);
        sleepIn(r, "t2", "e1", 8, 300);
        r.write("w0", 1);
        assertEquals(Phase.RUNNING, phase(r, "t1"));
        assertEquals(Phase.RUNNING, phase(r, "t2"));
    }

    @Example
    void pollSleeperIgnoresWakeupsWithOtherKeys() { // fs/select.c pollwake
        R r = new R().pair("s0", "s1");
        r.call(new TaskCall("t1", new Poll(List.of(new PollFd("s1", IN))), 1000), "s0:3,s1:4");
        run(r, "t1").expect(TaskSleeps);
        r.write("s1", 1).call(new Read("s0", 1), "1"); // s1's write space: an EPOLLOUT key on s1
        assertEquals(Phase.SLEEPING, phase(r, "t1"));
        r.write("s0", 1); // data for s1: EPOLLIN
        assertEquals(Phase.RUNNING, phase(r, "t1"));
        run(r, "t1").expect(PollOk);
        returns(r, "t1", "1", "s1=POLLIN");
    }

    @Example
    void pollThatTimesOutScansOnceMore() { // fs/select.c do_poll: timed_out, one more pass
        R r = new R().pipe("r0", "w0");
        r.call(new TaskCall("t1", new Poll(List.of(new PollFd("r0", IN))), 100), r.s.ret());
        run(r, "t1").expect(TaskSleeps);
        r.call(new TaskTimeout("t1"), r.s.ret()).expect(TaskTimesOut);
        assertEquals(Phase.RUNNING, phase(r, "t1"));
        run(r, "t1").expect(PollOk);
        returns(r, "t1", "0");
    }

    @Example
    void selectSleeperWokenByData() {
        R r = new R().pipe("r0", "w0");
        r.call(new TaskCall("t1", new Select(10, Set.of("r0"), Set.of(), Set.of()), -1), r.s.ret());
        run(r, "t1").expect(TaskSleeps);
        assertTrue(Proc.successors(r.s, new TaskTimeout("t1")).isEmpty()); // no timer when infinite
        r.write("w0", 1);
        run(r, "t1").expect(SelectOk);
        returns(r, "t1", "1", "rd=r0", "wr=-", "ex=-");
    }

    @Example
    void blockingReadWaitsForDataThenCopiesIt() { // the blocking I/O model's two phases
        R r = new R().call(new Socketpair("s0", 3, "s1", 4, false), "s0:3,s1:4");
        assertTrue(Proc.successors(r.s, new Read("s0", 10)).isEmpty()); // it would sleep: no one-line result
        r.call(new TaskCall("t1", new Read("s0", 10), -1), r.s.ret());
        run(r, "t1").expect(TaskSleeps);
        r.write("s1", 3);
        run(r, "t1").expect(ReadUnix);
        returns(r, "t1", "3");
        r.call(new TaskCall("t1", new Read("s0", 10), -1), r.s.ret());
        run(r, "t1").expect(TaskSleeps);
        r.call(new Shutdown("s1", Shutdown.SHUT_WR), "0");
        run(r, "t1").expect(ReadUnixEof);
        returns(r, "t1", "0");
    }

    @Example
    void blockingEventfdReadWokenByWrite() {
        R r = new R().call(new Eventfd("v0", 3, 0, false, false), "v0:3");
        r.call(new TaskCall("t1", new Read("v0", 8), -1), r.s.ret());
        run(r, "t1").expect(TaskSleeps);
        r.call(new Write("v0", 2), "8");
        run(r, "t1").expect(ReadEventfd);
        returns(r, "t1", "8", "value=2");
    }

    @Example
    void addingAReadyItemWakesAWaiter() { // ep_insert: wake_up(&ep->wq)
        R r = new R().pipe("r0", "w0").epoll("e0").write("w0", 1);
        sleepIn(r, "t1", "e0", 8, 2000);
        r.add("e0", "r0", IN);
        run(r, "t1").expect(EpollWaitLevelRequeued);
        returns(r, "t1", "1", "r0=" + IN_RD);
    }

    @Example
    void nestedEpollWakesTheOuterWaiter() {
        R r = new R().pipe("r0", "w0").epoll("e0").epoll("e1").add("e1", "r0", IN).add("e0", "e1", IN);
        sleepIn(r, "t1", "e0", 8, 2000);
        r.write("w0", 1);
        run(r, "t1").expect(EpollWaitLevelRequeued);
        returns(r, "t1", "1", "e1=" + IN_RD);
    }

    @Example
    void timedOutWaiterLeavesTheQueue() {
        R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN | ET);
        sleepIn(r, "t1", "e0", 8, 100);
        r.call(new TaskTimeout("t1"), r.s.ret());
        assertEquals(List.of(), ((OpenFile.Epoll) r.s.files().get("e0")).wq());
        returns(r, "t1", "0");
    }

    @Example
    void oneCallPerTask() {
        R r = new R().pipe("r0", "w0").epoll("e0");
        sleepIn(r, "t1", "e0", 8, 100);
        assertTrue(Proc.successors(r.s, new TaskCall("t1", new EpollWait("e0", 8), 100)).isEmpty());
        assertTrue(Proc.successors(r.s, new TaskReturn("t1")).isEmpty()); // not done yet
    }

    @Example
    void taskCallsReadAsTheirTraceLines() { // the trace syntax of kpath.kernel.readiness
        assertEquals("t1 -> epoll_wait(e0, 8, 300)", new TaskCall("t1", new EpollWait("e0", 8), 300).toString());
        assertEquals("t2 -> poll(r0=POLLIN, -1)", new TaskCall("t2", new Poll(List.of(new PollFd("r0", IN))), -1).toString());
        assertEquals("t3 -> read(s0, 4096)", new TaskCall("t3", new Read("s0", 4096), -1).toString());
        assertEquals("socketpair(AF_UNIX, SOCK_STREAM) = s0:3,s1:4", new Socketpair("s0", 3, "s1", 4, false).toString());
        assertEquals("eventfd(0, 0) = v0:5", new Eventfd("v0", 5, 0, false, false).toString());
        assertEquals(List.of("t1 runs", "t1 times out", "t1 <-"),
                List.of(new TaskRun("t1").toString(), new TaskTimeout("t1").toString(), new TaskReturn("t1").toString()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TaskCall("t1", new Write("w0", 1), -1), "a write never sleeps here");
    }
}
