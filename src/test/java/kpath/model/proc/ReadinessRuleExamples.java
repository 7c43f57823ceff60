package kpath.model.proc;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kpath.model.RuleClass;
import kpath.model.proc.ProcAction.*;
import kpath.model.tcp.TcpRule;
import kpath.uapi.Errno;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;
import static kpath.uapi.Mask.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The rules themselves: names unique across paths, a summary that cites its kernel source, a
 * class that says what the caller sees; and the epoll_wait rules, which name the branch
 * ep_send_events took. Method: check the enum against TcpRule and Errno; drive epoll_wait over
 * items of each kind, alone and mixed.
 */
class ReadinessRuleExamples {

    @Example
    void noRuleNameIsAlsoATcpRule() {
        Set<String> tcp = Arrays.stream(TcpRule.values()).map(Enum::name).collect(Collectors.toSet());
        assertEquals(Set.of(), Arrays.stream(values()).map(Enum::name).filter(tcp::contains).collect(Collectors.toSet()));
    }

    @Example
    void everySummaryIsOneLineCitingAKernelSource() {
        // a kernel source file, or a man page section for what user space does (io_uring(7))
        Pattern source = Pattern.compile("[a-z0-9_/]+\\.c\\b|[a-z_]+\\([1-8]\\)");
        for (ProcRule r : values()) {
            String s = r.summary();
            assertFalse(s.isBlank(), r::name);
            assertNotEquals(r.name(), s);
            assertFalse(s.contains("\n"), r::name);
            assertTrue(source.matcher(s).find(), () -> r + " cites no kernel source: " + s);
        }
    }

    /** A rule named after an errno returns it at once; so do an error report, a reset and EINPROGRESS. */
    @Example
    void everyRuleIsClassedByWhatTheCallerSees() {
        Set<String> errnos = Arrays.stream(Errno.values()).map(e -> e.name().charAt(0) + e.name().substring(1).toLowerCase())
                .collect(Collectors.toSet());
        Set<ProcRule> failing = Arrays.stream(values())
                .filter(r -> errnos.stream().anyMatch(e -> r.name().endsWith(e))).collect(Collectors.toCollection(
                        () -> EnumSet.noneOf(ProcRule.class)));
        failing.addAll(Set.of(ReadUnixReset, TcpSockError, ConnectTcpInProgress));
        for (ProcRule r : values()) {
            RuleClass expected = failing.contains(r) ? RuleClass.FAST_FAIL
                    : r == TaskEnters || r == TaskSleeps ? RuleClass.BLOCK
                    : r == TaskTimesOut || r == IoUringPollTaskWork || r == AioPollWoken || r == AioCtxLockBusy
                            || r == AioFput || r == AioDelayedFput || r == IoWqNopDone || r == IoWqFreed || r == IoRingExitWork
                            || r == IoLinkTimeoutFn || r == IoSqThreadSubmit || r == IoWqSpliceInterrupted || r == IoWqRecvIssued ? RuleClass.KERNEL
                    : r == TaskReturns ? RuleClass.SLOW_SUCCEED
                    : RuleClass.FAST_SUCCEED;
            assertEquals(expected, r.ruleClass(), r::name);
        }
    }

    // ---- epoll_wait: the branch of ep_send_events ----

    /** Pipes r0, r1, r2 in epoll e0 with the given masks; then a write to each pipe of {@code order}. */
    private static R queued(int m0, int m1, int m2, String... order) {
        R r = new R().pipe("r0", "w0").pipe("r1", "w1").pipe("r2", "w2").epoll("e0")
                .add("e0", "r0", m0).add("e0", "r1", m1).add("e0", "r2", m2);
        for (String w : order) {
            r.write(w, 1);
        }
        return r;
    }

    private static R waits(R r, int max, String ret, ProcRule rule) {
        return r.call(new EpollWait("e0", max), ret).expect(rule);
    }

    @Example
    void nothingQueuedOrNothingStillReadyIsNoEvents() {
        waits(queued(IN, IN, IN), 8, "0", EpollWaitNoEvents);
        R r = queued(IN, IN, IN, "w0").call(new Read("r0", 1), "1"); // queued, but no longer ready
        waits(r, 8, "0", EpollWaitNoEvents);
    }

    @Example
    void eachKindAloneNamesItsBranch() {
        waits(queued(IN, IN, IN, "w0"), 8, "1", EpollWaitLevelRequeued);
        waits(queued(IN | ET, IN, IN, "w0"), 8, "1", EpollWaitEdgeTaken);
        waits(queued(IN | ONESHOT, IN, IN, "w0"), 8, "1", EpollWaitOneshotDisarmed);
    }

    @Example
    void mixedKindsNameTheMostLastingBranchInAnyOrder() {
        waits(queued(IN | ET, IN, IN, "w0", "w1"), 8, "2", EpollWaitLevelRequeued);
        waits(queued(IN | ET, IN, IN, "w1", "w0"), 8, "2", EpollWaitLevelRequeued);
        waits(queued(IN | ONESHOT, IN, IN | ET, "w0", "w1", "w2"), 8, "3", EpollWaitOneshotDisarmed);
        waits(queued(IN | ONESHOT, IN, IN | ET, "w2", "w1", "w0"), 8, "3", EpollWaitOneshotDisarmed);
        waits(queued(IN | ONESHOT, IN | ET, IN, "w1", "w0"), 8, "2", EpollWaitOneshotDisarmed);
    }

    @Example
    void itemsLeftUnsentByMaxeventsDoNotCount() {
        waits(queued(IN, IN | ONESHOT, IN, "w0", "w1"), 1, "1", EpollWaitLevelRequeued);
        waits(queued(IN | ET, IN, IN, "w0", "w1"), 1, "1", EpollWaitEdgeTaken);
    }
}
