package kpath.model.proc;

import java.util.List;
import java.util.Set;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.Task.Phase;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;
import static kpath.uapi.Mask.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Each place that changes a file's readiness wakes its waiters: a task asleep in poll on the file
 * is runnable again afterwards. Remove one wake-up and its example fails (the lost wake-up a
 * readiness model exists to catch). Method: t1 sleeps in poll(fd, events, -1), then one call.
 */
class WakeupExamples {

    /** t1 enters poll({fd, events}) with no timeout and runs: nothing is ready, so it sleeps on fd's file. */
    static R asleepInPoll(R r, String fd, int events) {
        long ret = r.s.ret();
        r.call(new TaskCall("t1", new Poll(List.of(new PollFd(fd, events))), -1), ret).expect(TaskEnters);
        r.call(new TaskRun("t1"), ret).expect(TaskSleeps);
        assertEquals(Phase.SLEEPING, r.s.tasks().get("t1").phase());
        return r;
    }

    static void woken(R r) {
        assertEquals(Phase.RUNNING, r.s.tasks().get("t1").phase(), "t1 must be woken");
    }

    static R connected() {
        return new R().call(new Socket("l0", 20), "l0:20").call(new Listen("l0", 8), "0")
                .call(new Socket("c0", 21), "c0:21").call(new Connect("c0", "l0"), "EINPROGRESS")
                .call(new Accept4("l0", "a0", 22), "a0:22");
    }

    @Example
    void aConnectWakesAPollerOfTheListener() { // tcp_child_process → sk_data_ready on the listener
        R r = new R().call(new Socket("l0", 20), "l0:20").call(new Listen("l0", 8), "0");
        asleepInPoll(r, "l0", IN);
        r.call(new Socket("c0", 21), "c0:21").call(new Connect("c0", "l0"), "EINPROGRESS");
        woken(r);
    }

    @Example
    void aPeersCloseWakesAPollerForEndOfFile() { // tcp_fin → sk_state_change
        R r = connected();
        asleepInPoll(r, "a0", IN);
        r.call(new Close("c0"), "0");
        woken(r);
    }

    @Example
    void aPeersCloseWithUnreadDataResetsAndWakes() { // tcp_disconnect sends RST → tcp_reset → tcp_done
        R r = connected().call(new Write("a0", 1), "1");
        asleepInPoll(r, "a0", IN);
        r.call(new Close("c0"), "0");
        woken(r);
    }

    @Example
    void shuttingDownOnesOwnReadSideWakesItsPoller() { // unix_shutdown: sk_state_change on this side
        R r = new R().pair("s0", "s1");
        asleepInPoll(r, "s0", IN);
        r.call(new Shutdown("s0", Shutdown.SHUT_RD), "0");
        woken(r);
    }

    @Example
    void closingAPipesReadEndWakesAPollerOfTheWriteEnd() { // pipe_release: wake_up_interruptible_all
        R r = new R().pipe("r0", "w0");
        asleepInPoll(r, "w0", 0); // only POLLERR|POLLHUP, which poll always reports
        r.call(new Close("r0"), "0");
        woken(r);
    }

    @Example
    void aNestedEpollBecomingReadyWakesTheOuterEpollsWaiter() { // ep_poll_callback → ep_poll_safewake
        R r = new R().pipe("r0", "w0").epoll("e0").epoll("e1").add("e0", "e1", IN).write("w0", 1);
        long ret = r.s.ret();
        r.call(new TaskCall("t1", new EpollWait("e0", 8), -1), ret).call(new TaskRun("t1"), ret).expect(TaskSleeps);
        r.add("e1", "r0", IN); // already ready: queued at once, and e1's watchers are told
        woken(r);
    }

    @Example
    void aWakeupForOtherEventsDoesNotQueueAnItem() { // ep_poll_callback: pollflags & epi->event.events
        R r = new R().pair("s0", "s1").epoll("e0").add("e0", "s0", OUT | ET).waitFor("e0", 8, "s0=EPOLLOUT");
        r.write("s1", 1); // wakes s0's queue with EPOLLIN: the EPOLLOUT item is not queued again
        r.waitFor("e0", 8);
    }

    @Example
    void selectCountsBitsOfEverySetAndRefusesANegativeCount() { // core_sys_select, do_select
        R r = new R().pipe("r0", "w0").write("w0", 1);
        r.call(new Select(64, Set.of("r0"), Set.of("w0"), Set.of("r0")), "2").assertOut("rd=r0", "wr=w0", "ex=-");
        r.call(new Select(0, Set.of("r0"), Set.of(), Set.of()), "0").expect(SelectOk).assertOut("rd=-", "wr=-", "ex=-");
        r.call(new Select(-1, Set.of(), Set.of(), Set.of()), "EINVAL").expect(SelectEinval);
    }

    @Example
    void actionsPrintAsTheTraceWritesTheirCalls() {
        assertEquals("close(r0)", new Close("r0").toString());
        assertEquals("write(w0, 3)", new Write("w0", 3).toString());
        assertEquals("epoll_create1(0) = e0:5", new EpollCreate1("e0", 5).toString());
        assertEquals("openat(AT_FDCWD, FILE) = f0:7", new Open("f0", 7).toString());
        assertEquals("dup(r0) = d0:9", new Dup("r0", "d0", 9).toString());
    }

    @Example
    void aPollerIsNotWokenForEventsItDidNotAskFor() { // fs/select.c pollwake: key & entry->key
        R r = new R().pipe("r0", "w0");
        asleepInPoll(r, "r0", 0); // only POLLERR|POLLHUP
        r.write("w0", 1); // wakes r0's queue with EPOLLIN|EPOLLRDNORM
        assertEquals(Phase.SLEEPING, r.s.tasks().get("t1").phase());
    }

    @Example
    void aSelectWatchingOnlyExceptionsIsNotWokenByData() { // do_select's key for the ex set: POLLEX_SET
        R r = new R().pipe("r0", "w0");
        long ret = r.s.ret();
        r.call(new TaskCall("t1", new Select(64, Set.of(), Set.of(), Set.of("r0")), -1), ret)
                .call(new TaskRun("t1"), ret).expect(TaskSleeps);
        r.write("w0", 1);
        assertEquals(Phase.SLEEPING, r.s.tasks().get("t1").phase());
        r.call(new TaskCall("t2", new Select(64, Set.of("r0"), Set.of(), Set.of()), -1), r.s.ret())
                .call(new TaskRun("t2"), r.s.ret()).expect(SelectOk);
    }

    @Example
    void selectReportsAWriteSetFdOnlyWhenWritable() { // do_select: POLLOUT_SET
        R r = new R().pipe("r0", "w0");
        r.call(new Select(64, Set.of(), Set.of("r0", "w0"), Set.of()), "1").assertOut("rd=-", "wr=w0", "ex=-");
    }
    @Example
    void aConnectWakesAnEpollWaiterForTheConnectingSocket() { // tcp_finish_connect → sk_state_change
        R r = new R().call(new Socket("l0", 20), "l0:20").call(new Listen("l0", 8), "0")
                .call(new Socket("c0", 21), "c0:21").epoll("e0").add("e0", "c0", OUT | ET)
                .waitFor("e0", 8, "c0=EPOLLOUT|EPOLLHUP"); // a fresh socket is TCP_CLOSE: hung up
        long ret = r.s.ret();
        r.call(new TaskCall("t1", new EpollWait("e0", 8), -1), ret).call(new TaskRun("t1"), ret).expect(TaskSleeps);
        r.call(new Connect("c0", "l0"), "EINPROGRESS");
        woken(r);
        r.call(new TaskRun("t1"), r.s.ret()).expect(EpollWaitEdgeTaken);
        assertEquals(List.of("c0=EPOLLOUT"), R.text(r.s.tasks().get("t1").out()));
    }

    @Example
    void aPollerIsWokenOnlyByItsOwnEntrysKey() { // do_pollfd: each fd's entry keeps its own events
        R r = new R().pipe("r0", "w0").pipe("r1", "w1");
        long ret = r.s.ret();
        r.call(new TaskCall("t1", new Poll(List.of(new PollFd("r0", 0), new PollFd(null, IN), new PollFd("r1", IN))), -1), ret)
                .call(new TaskRun("t1"), ret).expect(TaskSleeps);
        assertEquals(List.of("r0", "r1"), r.s.tasks().get("t1").on()); // the negative fd waits on nothing
        r.write("w0", 1); // EPOLLIN on r0, whose entry asked only for POLLERR|POLLHUP
        assertEquals(Phase.SLEEPING, r.s.tasks().get("t1").phase());
        r.write("w1", 1);
        woken(r);
    }

    @Example
    void aSelectOnExceptionsIsWokenBySocketDataForItsPri() { // sock_def_readable's key holds EPOLLPRI: POLLEX_SET
        R r = new R().pair("s0", "s1");
        long ret = r.s.ret();
        r.call(new TaskCall("t1", new Select(64, Set.of(), Set.of(), Set.of("s0")), -1), ret)
                .call(new TaskRun("t1"), ret).expect(TaskSleeps);
        r.write("s1", 1);
        woken(r);
        r.call(new TaskRun("t1"), r.s.ret()).expect(TaskSleeps); // no exception to report: asleep again
    }

    @Example
    void aSelectOnReadingIsNotWokenByWriteSpace() { // wait_key_set: POLLOUT_SET only for the write set
        R r = new R().pair("s0", "s1");
        long ret = r.s.ret();
        r.call(new TaskCall("t1", new Select(64, Set.of("s0"), Set.of(), Set.of()), -1), ret)
                .call(new TaskRun("t1"), ret).expect(TaskSleeps);
        r.write("s0", 1).call(new Read("s1", 1), "1"); // the skb freed: unix_write_space on s0, EPOLLOUT
        assertEquals(Phase.SLEEPING, r.s.tasks().get("t1").phase());
    }
}
