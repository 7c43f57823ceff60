package kpath.check.readiness;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.readiness.ReadinessTraceReplayTest.DIR;
import static kpath.check.readiness.ReadinessTraceReplayTest.edit;
import static kpath.check.readiness.ReadinessTraceReplayTest.rejectedByBoth;

/**
 * Urgent data and SIGURG (catalogue S-06): the captured traces edited the way a wrong belief about
 * fs/fcntl.c send_sigurg would write them are rejected by the Java model and by the spec, each at
 * the edited line and for the stated reason. Method: replay with both checkers.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class SigurgTraceReplayTest {

    static final Path TO_OWNER = DIR.resolve("sigio-tcp-urgent-sigurg-to-owner.trace");
    static final Path WITH_ASYNC = DIR.resolve("sigio-tcp-urgent-sigurg-and-async-signals.trace");
    static final Path NO_OWNER = DIR.resolve("sigio-tcp-urgent-without-owner.trace");
    static final String TAKE = "rt_sigtimedwait(SIGURG|SIGIO|SIGRTMIN+3, 0)";

    @Test
    void sigurgWithAPollPriSiginfoIsRejected() throws Exception {
        // The belief "SIGURG is signal-driven I/O's signal, with si_code POLL_PRI and its band":
        // send_sigurg_to_task sends it with SEND_SIG_PRIV, so si_code is SI_KERNEL, no si_fd or si_band.
        String[] e = edit(TO_OWNER, "observe siginfo si_signo=SIGURG si_code=SI_KERNEL", 1,
                "observe siginfo si_signo=SIGURG si_code=POLL_PRI si_fd=a0 si_band=POLLPRI|POLLRDBAND");
        rejectedByBoth(e, "model copied out si_signo=SIGURG si_code=SI_KERNEL");
    }

    @Test
    void sigurgNeedingOAsyncIsRejected() throws Exception {
        // The belief "SIGURG is sent through the fasync list, so only under O_ASYNC": sk_send_sigurg
        // calls send_sigurg, which reads only the owner.
        String[] e = edit(TO_OWNER, TAKE + " = SIGURG", 1, TAKE + " = -1 EAGAIN");
        rejectedByBoth(e, "model returns 23");
    }

    @Test
    void sigurgWithoutAnOwnerIsRejected() throws Exception {
        // The belief "O_ASYNC (or the socket itself) is enough": send_sigurg finds no pid and sends nothing.
        String[] e = edit(NO_OWNER, TAKE + " = -1 EAGAIN", 1, TAKE + " = SIGURG");
        rejectedByBoth(e, "model returns -1 EAGAIN");
    }

    @Test
    void urgentDataSignalledOnlyAsPollInUnderFSetsigIsRejected() throws Exception {
        // The belief "urgent data is data: POLL_IN": sk_send_sigurg's sk_wake_async(SOCK_WAKE_URG,
        // POLL_PRI) queues the F_SETSIG signal with POLL_PRI first.
        String[] e = edit(WITH_ASYNC, "si_code=POLL_PRI si_fd=a1", 1,
                "observe siginfo si_signo=SIGRTMIN+3 si_code=POLL_IN si_fd=a1 si_band=POLLIN|POLLRDNORM");
        rejectedByBoth(e, "model copied out si_signo=SIGRTMIN+3 si_code=POLL_PRI si_fd=a1");
    }

    @Test
    void theUrgentByteReadAsInBandDataIsRejected() throws Exception {
        // The belief "urgent data is queued data, so the receiver is readable": without SO_OOBINLINE
        // tcp_poll needs one byte past the urgent mark, and sets POLLPRI for urg_data TCP_URG_VALID.
        String[] e = edit(TO_OWNER, "observe revents a0=POLLPRI", 1, "observe revents a0=POLLIN|POLLPRI");
        rejectedByBoth(e, "model copied out [a0=POLLPRI]");
    }

    @Test
    void aSendWithoutMsgOobIsBadInput() throws Exception {
        String[] e = edit(TO_OWNER, "send(c1, 1, MSG_OOB) = 1", 1, "send(c1, 1, 0) = 1");
        String m = ReadinessTraceCheckerExamples.invalid(e);
        org.junit.jupiter.api.Assertions.assertTrue(m.startsWith("edited.trace:" + e[1] + ": the model takes send(fd, n, MSG_OOB) only"), m);
    }
}
