package kpath.check.readiness;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.readiness.ReadinessTraceReplayTest.DIR;
import static kpath.check.readiness.ReadinessTraceReplayTest.edit;
import static kpath.check.readiness.ReadinessTraceReplayTest.rejectedByBoth;

/**
 * ppoll, pselect6 and epoll_pwait with a signal mask (kernel/signal.c set_user_sigmask; fs/select.c
 * do_poll, core_sys_select, poll_select_finish; fs/eventpoll.c ep_poll): the captured trace edited
 * the way a wrong belief would write it is rejected by both checkers at the edited line, the Java
 * model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class SigmaskTraceReplayTest {

    static final Path MASK = DIR.resolve("sigmask-ppoll-pselect6-epoll-pwait.trace");
    static final String PPOLL = "ppoll(r0=POLLIN, 0, [], 8)";
    static final String TAKE = "rt_sigtimedwait(SIGIO, 0)";

    @Test
    void epollPwaitInterruptedAtTimeoutZeroIsRejected() throws Exception {
        // The belief "every p-call fails EINTR when its mask lets a pending signal through": ep_poll
        // with a zero timeout returns 0 before it looks at signal_pending.
        rejectedByBoth(edit(MASK, "epoll_pwait(e0, 1, 0, [], 8)", 1, "epoll_pwait(e0, 1, 0, [], 8) = -1 EINTR"),
                "(EpollWaitNoEvents)");
    }

    @Test
    void pselect6NotInterruptedIsRejected() throws Exception {
        // The belief "select, like epoll_wait, only reports readiness at timeout 0": core_sys_select
        // returns -ERESTARTNOHAND when nothing is ready and a signal is pending.
        rejectedByBoth(edit(MASK, "pselect6(5, r0, -, -, 0, [], 8)", 1, "pselect6(5, r0, -, -, 0, [], 8) = 0"), "(SignalEintr)");
    }

    @Test
    void aReadyPpollThatDeliversTheSignalIsRejected() throws Exception {
        // The belief "ppoll delivers what its mask let through, as io_pgetevents does": with an fd ready
        // poll_select_finish puts the mask back at once, and SIGIO stays pending.
        rejectedByBoth(edit(MASK, TAKE, 2, TAKE + " = -1 EAGAIN"), "(SigioTaken)");
    }

    @Test
    void aPpollWithNothingReadyThatIsNotInterruptedIsRejected() throws Exception {
        rejectedByBoth(edit(MASK, PPOLL + " = -1 EINTR", 1, PPOLL + " = 0"), "(SignalEintr)");
    }

    @Test
    void anIgnoredSignalThatInterruptsPselect6IsRejected() throws Exception {
        // The belief "a signal let through always ends the wait with EINTR": an ignored one is dropped
        // and the call restarts.
        rejectedByBoth(edit(MASK, "pselect6(5, r0, -, -, 0, [], 8)", 2, "pselect6(5, r0, -, -, 0, [], 8) = -1 EINTR"),
                "(SignalRestarted)");
    }

    @Test
    void aBadSigsetsizeIsCheckedByPpollToo() throws Exception {
        rejectedByBoth(edit(MASK, "ppoll(r0=POLLIN, 0, [], 7)", 1, "ppoll(r0=POLLIN, 0, [], 7) = 0"), "(SigmaskEinval)");
    }
}
