package kpath.check.completion;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;

/**
 * The wrong twins of the io_pgetevents signal-mask traces (A-GEV-03; fs/aio.c io_pgetevents,
 * kernel/signal.c get_signal, do_sigaction): each edited the way a wrong belief would write it,
 * rejected by both checkers at the line the kernel contradicts, the Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class SigmaskTraceReplayTest {

    static final Path MASK = DIR.resolve("aio-pgetevents-sigmask.trace");
    static final Path QUEUED = DIR.resolve("aio-pgetevents-sigmask-queued-and-ignored.trace");

    @Test
    void aMaskThatLetsSigioThroughButIsNotInterruptedIsRejected() throws Exception {
        // The belief "io_pgetevents only waits for events": the mask lets the pending SIGIO through and
        // a handler is installed, so no event taken means EINTR.
        rejectedByBoth(edit(MASK, "io_pgetevents(a0, 0, 1, 0, [], 8) = -1 EINTR", 1, "io_pgetevents(a0, 0, 1, 0, [], 8) = 0"),
                "(SignalEintr)");
    }

    @Test
    void aMaskThatBlocksSigioYetIsInterruptedIsRejected() throws Exception {
        // The belief "a pending signal interrupts any wait": the mask keeps SIGIO blocked.
        rejectedByBoth(edit(MASK, "io_pgetevents(a0, 0, 1, 0, [SIGIO], 8)", 1, "io_pgetevents(a0, 0, 1, 0, [SIGIO], 8) = -1 EINTR"),
                "(IoGeteventsOk)");
    }

    @Test
    void aSigsetsizeThatIsNotCheckedIsRejected() throws Exception {
        // The belief "sigsetsize only says how much to copy": set_user_sigmask insists on 8.
        rejectedByBoth(edit(MASK, "io_pgetevents(a0, 0, 1, 0, [], 7)", 1, "io_pgetevents(a0, 0, 1, 0, [], 7) = -1 EINTR"),
                "(SigmaskEinval)");
    }

    @Test
    void aSignalStillPendingAfterEintrIsRejected() throws Exception {
        // The belief "EINTR only reports the signal": the handler took it on the way out.
        rejectedByBoth(edit(MASK, "rt_sigtimedwait(SIGIO, 0)", 1, "rt_sigtimedwait(SIGIO, 0) = SIGIO"), "(SigtimedwaitEagain)");
    }

    @Test
    void aSignalKeptWhenEventsCameIsRejected() throws Exception {
        // The belief "a call that returns events delivers no signal": restore_saved_sigmask_unless keeps
        // the swapped mask for the delivery, so the SIGIO is gone although the call returned 1.
        rejectedByBoth(edit(MASK, "rt_sigtimedwait(SIGIO, 0)", 2, "rt_sigtimedwait(SIGIO, 0) = SIGIO"), "(SigtimedwaitEagain)");
    }

    @Test
    void aSignalKeptWhenTheCallFailedIsRejected() throws Exception {
        // The belief "a call that fails delivers no signal": min_nr above nr is EINVAL, and the SIGIO the
        // mask let through is delivered on the way out all the same.
        rejectedByBoth(edit(MASK, "rt_sigtimedwait(SIGIO, 0)", 3, "rt_sigtimedwait(SIGIO, 0) = SIGIO"), "(SigtimedwaitEagain)");
    }

    @Test
    void sigkillGivenAHandlerIsRejected() throws Exception {
        rejectedByBoth(edit(MASK, "rt_sigaction(9, handler)", 1, "rt_sigaction(9, handler) = 0"), "(SigactionEinval)");
    }

    @Test
    void everyQueuedInstanceDeliveredAtOnceIsRejected() throws Exception {
        // The belief "the handler runs for each queued instance": its frame blocks the signal, and the
        // saved mask blocks it again when it returns, so the second instance stays pending.
        rejectedByBoth(edit(QUEUED, "rt_sigtimedwait(SIGRTMIN+3, 0) = SIGRTMIN+3", 1, "rt_sigtimedwait(SIGRTMIN+3, 0) = -1 EAGAIN"),
                "(SiginfoTaken)");
    }

    @Test
    void anIgnoredSignalThatInterruptsIsRejected() throws Exception {
        // The belief "any signal let through makes the call fail EINTR": get_signal drops an ignored
        // one and, no handler run, the call restarts.
        rejectedByBoth(edit(QUEUED, "io_pgetevents(a0, 0, 1, 0, [], 8) = 0", 1, "io_pgetevents(a0, 0, 1, 0, [], 8) = -1 EINTR"),
                "(SignalRestarted)");
    }

    @Test
    void sigIgnThatKeepsWhatIsPendingIsRejected() throws Exception {
        // The belief "SIG_IGN applies to signals sent from then on": do_sigaction discards the pending
        // instance (POSIX.1 3.3.1.3).
        rejectedByBoth(edit(QUEUED, "rt_sigtimedwait(SIGRTMIN+3, 0)", 4, "rt_sigtimedwait(SIGRTMIN+3, 0) = SIGRTMIN+3"),
                "(SigtimedwaitEagain)");
    }

    static final Path ENTER = DIR.resolve("io-uring-enter-sigmask.trace");
    static final String WAIT = "io_uring_enter(u0, -, 1, IORING_ENTER_GETEVENTS, [], 8)";

    @Test
    void anIgnoredSignalThatRestartsIoUringEnterIsRejected() throws Exception {
        // The belief "io_uring_enter's wait restarts like ppoll's when the signal is ignored":
        // io_cqring_wait_schedule returns -EINTR itself, and -EINTR is no restart code.
        rejectedByBoth(edit(ENTER, WAIT, 2, WAIT + " = 0"), "(IoCqringWaitEintr)");
    }

    @Test
    void aSigsetSizeThatIsNotCheckedIsRejected() throws Exception {
        // The belief "io_uring_enter checks nothing of its sigset": a wait that is not met runs
        // set_user_sigmask, which insists on sizeof(sigset_t).
        rejectedByBoth(edit(ENTER, "io_uring_enter(u0, -, 1, IORING_ENTER_GETEVENTS, [], 7)", 1,
                "io_uring_enter(u0, -, 1, IORING_ENTER_GETEVENTS, [], 7) = 0"), "(IoCqringWaitEinval)");
    }

    @Test
    void anInterruptedWaitWithACqeThereIsNotEintr() throws Exception {
        // io_cqring_wait: "cq.head == cq.tail ? ret : 0".
        String two = "io_uring_enter(u0, -, 2, IORING_ENTER_GETEVENTS, [], 8)";
        rejectedByBoth(edit(ENTER, two, 1, two + " = -1 EINTR"), "(IoCqringWaitEintr)");
    }

    @Test
    void anInterruptedWaitThatSubmittedReturnsTheCount() throws Exception {
        String poll = "io_uring_enter(u0, POLL_ADD:4:w0:POLLIN, 1, IORING_ENTER_GETEVENTS, [], 8)";
        rejectedByBoth(edit(ENTER, poll, 1, poll + " = -1 EINTR"), "(IoCqringWaitEintr)");
    }
}
