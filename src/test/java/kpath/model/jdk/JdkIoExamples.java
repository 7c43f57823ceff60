package kpath.model.jdk;

import java.util.List;
import java.nio.file.Files;
import kpath.model.IoModel;
import kpath.model.Transition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The jdk machine on small examples: each rule fires where its claim allows it, and each line a
 * claim does not allow is refused. Method: apply one action to a hand-built state and compare the
 * rule and the next state, or the empty list.
 */
class JdkIoExamples {

    static final JdkIo M = new JdkIo();

    static JdkIo.State waiting(String model, String waiter, boolean saw) {
        return new JdkIo.State("wait", model, waiter, saw);
    }

    static String rule(JdkIo.State s, JdkIo.Action a) {
        List<Transition<JdkIo.State>> t = M.successors(s, a);
        assertTrue(t.size() <= 1, t::toString);
        return t.isEmpty() ? "-" : t.getFirst().rule().name();
    }

    static JdkIo.State next(JdkIo.State s, JdkIo.Action a) {
        return M.successors(s, a).getFirst().next();
    }

    @Test
    void aClaimStartsTheWaitOnce() {
        assertEquals(waiting("multiplexed", "jdk", false), next(JdkIo.INITIAL, new JdkIo.Claim("multiplexed", "jdk")));
        assertEquals("Claim", rule(JdkIo.INITIAL, new JdkIo.Claim("blocking", "caller")));
        assertEquals("-", rule(waiting("blocking", "caller", false), new JdkIo.Claim("blocking", "caller")));
    }

    @Test
    void theCallerReturnsFirstOnlyWhenItIsNotTheWaiter() {
        assertEquals("CallerReturned", rule(waiting("multiplexed", "jdk", false), new JdkIo.Returned(true)));
        assertEquals("-", rule(waiting("blocking", "caller", false), new JdkIo.Returned(true)));
        assertEquals("-", rule(waiting("multiplexed", "jdk", false), new JdkIo.Returned(false)));
        assertEquals("-", rule(JdkIo.INITIAL, new JdkIo.Returned(true)));
        assertEquals(waiting("multiplexed", "jdk", false), next(waiting("multiplexed", "jdk", false), new JdkIo.Returned(true)));
    }

    @Test
    void eachModelSleepsOnlyWhereTheTableSays() {
        JdkIo.State blocking = waiting("blocking", "caller", false);
        assertEquals("SleepsInRead", rule(blocking, new JdkIo.Sleeps("caller", "read", "socket", true)));
        assertEquals(waiting("blocking", "caller", true), next(blocking, new JdkIo.Sleeps("caller", "read", "socket", true)));
        assertEquals("-", rule(blocking, new JdkIo.Sleeps("caller", "read", "socket", false)));
        assertEquals("-", rule(blocking, new JdkIo.Sleeps("jdk", "read", "socket", true)));
        assertEquals("-", rule(blocking, new JdkIo.Sleeps("caller", "epoll", "epoll", true)));
        assertEquals("-", rule(blocking, new JdkIo.Sleeps("caller", "read", "other", true)));
        JdkIo.State mux = waiting("multiplexed", "jdk", false);
        assertEquals("SleepsInEpollWait", rule(mux, new JdkIo.Sleeps("jdk", "epoll", "epoll", true)));
        assertEquals("SleepsInPoll", rule(mux, new JdkIo.Sleeps("jdk", "poll", "socket", true)));
        assertEquals("-", rule(mux, new JdkIo.Sleeps("jdk", "epoll", "socket", true)));
        assertEquals("-", rule(mux, new JdkIo.Sleeps("jdk", "poll", "epoll", true)));
        assertEquals("-", rule(mux, new JdkIo.Sleeps("jdk", "read", "socket", true)));
        assertEquals("-", rule(mux, new JdkIo.Sleeps("caller", "epoll", "epoll", true)));
        // no thread waits for data in the other three
        for (String m : List.of("nonblocking", "signal", "asynchronous")) {
            for (String how : JdkIo.HOWS) {
                for (String fd : JdkIo.FDS) {
                    assertEquals("-", rule(waiting(m, "none", false), new JdkIo.Sleeps("caller", how, fd, true)), m);
                    assertEquals("-", rule(waiting(m, "caller", false), new JdkIo.Sleeps("caller", how, fd, true)), m);
                }
            }
        }
        assertEquals("-", rule(new JdkIo.State("copy", "blocking", "caller", true), new JdkIo.Sleeps("caller", "read", "socket", true)));
    }

    @Test
    void epollInterestArmedWhileWaitingDisarmedAfterAOneShotFired() {
        JdkIo.State mux = waiting("multiplexed", "caller", true);
        assertEquals("InterestLevel", rule(mux, new JdkIo.Interest(true, false)));
        assertEquals("InterestOneShot", rule(mux, new JdkIo.Interest(true, true)));
        assertEquals("-", rule(mux, new JdkIo.Interest(false, true)));
        assertEquals("-", rule(mux, new JdkIo.Interest(false, false)));
        assertEquals("-", rule(waiting("blocking", "caller", true), new JdkIo.Interest(true, false)));
        JdkIo.State done = new JdkIo.State("done", "multiplexed", "jdk", true);
        assertEquals("InterestDisarmed", rule(done, new JdkIo.Interest(false, true)));
        assertEquals(done, next(done, new JdkIo.Interest(false, true)));
        assertEquals("-", rule(done, new JdkIo.Interest(true, true)));
        assertEquals("-", rule(done, new JdkIo.Interest(false, false)));
        assertEquals("-", rule(new JdkIo.State("copy", "multiplexed", "jdk", true), new JdkIo.Interest(false, true)));
    }

    @Test
    void aKernelRingExactlyWhenTheClaimIsAsynchronous() {
        assertEquals("NoKernelRing", rule(waiting("multiplexed", "jdk", true), new JdkIo.Kernel(false)));
        assertEquals("-", rule(waiting("multiplexed", "jdk", true), new JdkIo.Kernel(true)));
        assertEquals("KernelRing", rule(waiting("asynchronous", "none", false), new JdkIo.Kernel(true)));
        assertEquals(waiting("asynchronous", "none", true), next(waiting("asynchronous", "none", false), new JdkIo.Kernel(true)));
        assertEquals(waiting("blocking", "caller", false), next(waiting("blocking", "caller", false), new JdkIo.Kernel(false)));
        assertEquals("-", rule(waiting("asynchronous", "none", false), new JdkIo.Kernel(false)));
        assertEquals("-", rule(JdkIo.INITIAL, new JdkIo.Kernel(false)));
        assertEquals("NoKernelRing", rule(new JdkIo.State("done", "blocking", "caller", true), new JdkIo.Kernel(false)));
    }

    @Test
    void theDataMayComeOnlyAfterTheClaimedWaitWasSeen() {
        assertEquals("-", rule(waiting("blocking", "caller", false), new JdkIo.Send()));
        assertEquals("-", rule(waiting("asynchronous", "none", false), new JdkIo.Send()));
        assertEquals(new JdkIo.State("copy", "blocking", "caller", true), next(waiting("blocking", "caller", true), new JdkIo.Send()));
        assertEquals("DataArrives", rule(waiting("nonblocking", "caller", false), new JdkIo.Send()));
        assertEquals("DataArrives", rule(waiting("signal", "none", false), new JdkIo.Send()));
        assertEquals("-", rule(new JdkIo.State("copy", "blocking", "caller", true), new JdkIo.Send()));
        assertFalse(kpath.model.IoModel.sleepsWhileWaiting("nonblocking"));
        assertTrue(kpath.model.IoModel.sleepsWhileWaiting("asynchronous"));
    }

    @Test
    void theCopyReachesTheUserOnTheWaiter() {
        JdkIo.State copy = new JdkIo.State("copy", "multiplexed", "jdk", true);
        assertEquals("CopyOnWaiter", rule(copy, new JdkIo.Complete("jdk")));
        assertEquals(new JdkIo.State("done", "multiplexed", "jdk", true), next(copy, new JdkIo.Complete("jdk")));
        assertEquals("-", rule(copy, new JdkIo.Complete("caller")));
        assertEquals("CopyOnWaiter", rule(new JdkIo.State("copy", "asynchronous", "none", true), new JdkIo.Complete("caller")));
        assertEquals("-", rule(new JdkIo.State("copy", "asynchronous", "none", true), new JdkIo.Complete("jdk")));
        assertEquals("-", rule(waiting("multiplexed", "jdk", true), new JdkIo.Complete("jdk")));
    }

    @Test
    void aSecondReadIsRefusedBeforeTheKernelWhileAJdkReadIsPending() {
        JdkIo.State pending = waiting("multiplexed", "jdk", true);
        assertEquals("ReadPendingRefused", rule(pending, new JdkIo.Refused("pending", false)));
        assertEquals(pending, next(pending, new JdkIo.Refused("pending", false)));
        assertEquals("-", rule(pending, new JdkIo.Refused("pending", true)));
        assertEquals("-", rule(pending, new JdkIo.Refused("killed", false)));
        assertEquals("-", rule(pending, new JdkIo.Refused("other", false)));
        assertEquals("-", rule(waiting("blocking", "caller", true), new JdkIo.Refused("pending", false)));
        assertEquals("-", rule(new JdkIo.State("done", "multiplexed", "jdk", true), new JdkIo.Refused("pending", false)));
    }

    @Test
    void closeFailsThePendingReadOnAJdkThreadAndTheItemIsGone() {
        JdkIo.State pending = waiting("multiplexed", "jdk", true);
        JdkIo.State closing = new JdkIo.State("closing", "multiplexed", "jdk", true);
        JdkIo.State closed = new JdkIo.State("closed", "multiplexed", "jdk", true);
        assertEquals("CloseCalled", rule(pending, new JdkIo.Close()));
        assertEquals(closing, next(pending, new JdkIo.Close()));
        assertEquals("-", rule(waiting("blocking", "caller", true), new JdkIo.Close()));
        assertEquals("-", rule(JdkIo.INITIAL, new JdkIo.Close()));
        assertEquals("CloseFailsRead", rule(closing, new JdkIo.Failed("jdk", "close")));
        assertEquals(closed, next(closing, new JdkIo.Failed("jdk", "close")));
        assertEquals("-", rule(closing, new JdkIo.Failed("caller", "close")));
        assertEquals("-", rule(closing, new JdkIo.Failed("jdk", "timeout")));
        assertEquals("-", rule(closing, new JdkIo.Failed("jdk", "other")));
        assertEquals("-", rule(pending, new JdkIo.Failed("jdk", "close")));
        assertEquals("ItemRemovedOnClose", rule(closed, new JdkIo.Unlisted()));
        assertEquals(closed, next(closed, new JdkIo.Unlisted()));
        assertEquals("-", rule(closing, new JdkIo.Unlisted()));
        assertEquals("-", rule(pending, new JdkIo.Unlisted()));
        assertEquals("-", rule(closed, new JdkIo.Interest(true, true)));
        assertTrue(JdkIo.ENDS.contains(closed.phase()));
        assertFalse(JdkIo.ENDS.contains(closing.phase()));
    }

    @Test
    void aTimeoutFailsTheReadAfterItsWaitAndLeavesTheItemArmed() {
        JdkIo.State seen = waiting("multiplexed", "jdk", true);
        JdkIo.State timedout = new JdkIo.State("timedout", "multiplexed", "jdk", true);
        assertEquals("TimeoutFailsRead", rule(seen, new JdkIo.Failed("jdk", "timeout")));
        assertEquals(timedout, next(seen, new JdkIo.Failed("jdk", "timeout")));
        assertEquals("-", rule(waiting("multiplexed", "jdk", false), new JdkIo.Failed("jdk", "timeout")));
        assertEquals("-", rule(seen, new JdkIo.Failed("caller", "timeout")));
        assertEquals("-", rule(seen, new JdkIo.Failed("jdk", "other")));
        assertEquals("-", rule(new JdkIo.State("wait", "multiplexed", "caller", true), new JdkIo.Failed("caller", "timeout")));
        assertEquals("-", rule(new JdkIo.State("wait", "multiplexed", "caller", true), new JdkIo.Failed("jdk", "timeout")));
        assertEquals("InterestArmedAfterTimeout", rule(timedout, new JdkIo.Interest(true, true)));
        assertEquals(timedout, next(timedout, new JdkIo.Interest(true, true)));
        assertEquals("-", rule(timedout, new JdkIo.Interest(false, true)));
        assertEquals("-", rule(timedout, new JdkIo.Interest(true, false)));
        assertEquals("-", rule(timedout, new JdkIo.Unlisted()));
        // readKilled: a read after the timeout throws IllegalStateException, before any system call
        assertEquals("ReadKilledRefused", rule(timedout, new JdkIo.Refused("killed", false)));
        assertEquals(timedout, next(timedout, new JdkIo.Refused("killed", false)));
        assertEquals("-", rule(timedout, new JdkIo.Refused("killed", true)));
        assertEquals("-", rule(timedout, new JdkIo.Refused("pending", false)));
        assertEquals("-", rule(timedout, new JdkIo.Refused("other", false)));
        assertEquals("-", rule(new JdkIo.State("closed", "multiplexed", "jdk", true), new JdkIo.Refused("killed", false)));
        assertTrue(JdkIo.ENDS.contains(timedout.phase()));
    }

    @Test
    void theMachineNamesItsVariablesAsTheSpecDoes() {
        assertEquals("{model=none, phase=start, sawWait=false, waiter=none}", M.variables(JdkIo.INITIAL).toString());
        assertEquals(java.util.Set.of(JdkIo.INITIAL), M.initialStates());
        assertEquals(15 + 2 * (2 + 2 + 24) + 1 + 2 + 2 + 2 * 3 + 3 * 2, M.actions(JdkIo.INITIAL).size());
        for (JdkIo.JdkRule r : JdkIo.JdkRule.values()) {
            assertFalse(r.summary().isEmpty());
            assertNotNull(r.ruleClass());
        }
    }

    @Test
    void theTableHasFiveRowsEachShownByCommittedTraces() throws Exception {
        assertEquals(List.of("blocking", "nonblocking", "multiplexed", "signal", "asynchronous"),
                IoModel.ALL.stream().map(IoModel::name).toList());
        assertEquals(IoModel.MULTIPLEXED, IoModel.named("multiplexed").orElseThrow());
        assertTrue(IoModel.named("kernel-async").isEmpty());
        for (IoModel m : IoModel.ALL) {
            assertFalse(m.traces().isEmpty(), m.name());
            for (String t : m.traces()) {
                assertTrue(Files.exists(java.nio.file.Path.of("traces", t + ".trace")), t);
            }
        }
        // which phases block the caller
        assertEquals(List.of(true, false, true, false, false), IoModel.ALL.stream().map(IoModel::waitBlocks).toList());
        assertEquals(List.of(true, true, true, true, false), IoModel.ALL.stream().map(IoModel::copyBlocks).toList());
    }
}
