package kpath.model.proc;

import java.util.List;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;
import static kpath.uapi.Mask.OUT;
import static org.junit.jupiter.api.Assertions.*;

/**
 * An AF_UNIX stream send buffer that fills (net/unix/af_unix.c, net/core/sock.c sock_alloc_send_pskb,
 * sock_wfree; net/socket.c sock_wake_async), with the figures readiness/sigio-space-after-eagain
 * recorded: skbs of up to 2 bytes charged 768, SOCK_MIN_SNDBUF 4608, wmem_max 4194304.
 */
class SendBufferExamples {
    private static final int TRUESIZE = 768, MIN = 4608, WMEM_MAX = 4194304, DEFAULT = 212992;

    /** s0/s1 charged as the trace's header says; s0's sk_sndbuf SO_SNDBUF 1 makes SOCK_MIN_SNDBUF. */
    private static R filled(boolean nonblock) {
        R r = new R().call(new Socketpair("s0", 3, "s1", 4, nonblock, DEFAULT, TRUESIZE), "s0:3,s1:4");
        r.call(new Setsockopt("s0", 1, WMEM_MAX, MIN), "0").expect(SetsockoptSndbuf);
        r.call(new Getsockopt("s0"), "0").expect(GetsockoptSndbuf).assertOut("value=" + MIN);
        for (int i = 0; i < MIN / TRUESIZE; i++) {
            r.write("s0", 1).expect(WriteUnix);
        }
        return r;
    }


    @Example
    void soSndbufIsCappedDoubledAndAtLeastTheMinimum() {
        R r = new R().call(new Socketpair("s0", 3, "s1", 4, true, DEFAULT, TRUESIZE), "s0:3,s1:4");
        r.call(new Getsockopt("s0"), "0").assertOut("value=" + DEFAULT);
        r.call(new Setsockopt("s0", 3000, WMEM_MAX, MIN), "0").call(new Getsockopt("s0"), "0").assertOut("value=6000");
        r.call(new Setsockopt("s0", 1 << 30, WMEM_MAX, MIN), "0").call(new Getsockopt("s0"), "0").assertOut("value=" + 2 * WMEM_MAX);
        r.call(new Setsockopt("s0", -1, WMEM_MAX, MIN), "0").call(new Getsockopt("s0"), "0").assertOut("value=" + 2 * WMEM_MAX);
        r.call(new Setsockopt("s0", 0, WMEM_MAX, MIN), "0").call(new Getsockopt("s0"), "0").assertOut("value=" + MIN);
        r.call(new Setsockopt("v9", 1, WMEM_MAX, MIN), "EBADF").expect(Ebadf);
    }

    @Example
    void aSendFindsRoomBelowSndbufWhilePollWantsFourTimesTheRefcount() {
        R r = new R().call(new Socketpair("s0", 3, "s1", 4, true, DEFAULT, TRUESIZE), "s0:3,s1:4")
                .call(new Setsockopt("s0", 1, WMEM_MAX, MIN), "0");
        r.poll("s0", OUT, "POLLOUT").write("s0", 1).poll("s0", OUT, "POLLOUT").write("s0", 1).poll("s0", OUT, "0");
        r.write("s0", 1).write("s0", 1).write("s0", 1).write("s0", 1); // 6 × 768 = 4608: full
        r.call(new Write("s0", 1), "EAGAIN").expect(WriteUnixEagain);
        r.call(new Read("s1", 1), "1").expect(ReadUnix).poll("s0", OUT, "0"); // 3840: room, not writable
        r.write("s0", 1).call(new Write("s0", 1), "EAGAIN");
        r.call(new Read("s1", 4096), "6").poll("s0", OUT, "POLLOUT");
    }

    @Example
    void roomFreedSignalsOnceAfterASendRanOut() {
        R r = filled(true);
        r.call(new Fcntl("s0", "F_SETOWN_EX", 0), "0").call(new Fcntl("s0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC), "0");
        r.call(Sigtimedwait.SIGIO, "EAGAIN");
        r.call(new Read("s1", 4096), "6"); // no send ran out: SOCKWQ_ASYNC_NOSPACE clear
        r.call(Sigtimedwait.SIGIO, "EAGAIN");
        for (int i = 0; i < MIN / TRUESIZE; i++) {
            r.write("s0", 1);
        }
        r.call(new Write("s0", 1), "EAGAIN");
        r.call(new Read("s1", 1), "1"); // room, not writable: no unix_write_space wake-up
        r.call(Sigtimedwait.SIGIO, "EAGAIN");
        r.call(new Read("s1", 4096), "5");
        r.call(Sigtimedwait.SIGIO, "SIGIO").expect(SigioTaken);
        r.call(Sigtimedwait.SIGIO, "EAGAIN");
    }

    @Example
    void theBitIsSetAndClearedOnlyWithSockFasync() { // sk_set_bit, sk_wake_async_rcu: only with SOCK_FASYNC
        R r = filled(true);
        r.call(new Fcntl("s0", "F_SETOWN_EX", 0), "0");
        r.call(new Write("s0", 1), "EAGAIN").call(new Read("s1", 4096), "6"); // without O_ASYNC: not set
        for (int i = 0; i < MIN / TRUESIZE; i++) {
            r.write("s0", 1);
        }
        r.call(new Fcntl("s0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC), "0");
        r.call(new Read("s1", 4096), "6");
        r.call(Sigtimedwait.SIGIO, "EAGAIN");
        for (int i = 0; i < MIN / TRUESIZE; i++) {
            r.write("s0", 1);
        }
        r.call(new Write("s0", 1), "EAGAIN"); // with O_ASYNC: set
        r.call(new Fcntl("s0", "F_SETFL", Fcntl.O_NONBLOCK), "0").call(new Read("s1", 4096), "6"); // no SOCK_FASYNC: kept
        r.call(Sigtimedwait.SIGIO, "EAGAIN");
        for (int i = 0; i < MIN / TRUESIZE; i++) {
            r.write("s0", 1);
        }
        r.call(new Fcntl("s0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC), "0").call(new Read("s1", 4096), "6");
        r.call(Sigtimedwait.SIGIO, "SIGIO");
    }

    @Example
    void closingTheReaderFreesItsUnreadSkbsAfterItsHangup() { // unix_release_sock: POLL_HUP, then the purge
        R r = filled(true);
        r.call(new Fcntl("s0", "F_SETOWN_EX", 0), "0").call(new Fcntl("s0", "F_SETSIG", 35), "0")
                .call(new Fcntl("s0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC), "0");
        r.call(new Write("s0", 1), "EAGAIN").call(new Close("s1"), "0");
        Sigtimedwait rt = new Sigtimedwait(new java.util.TreeSet<>(java.util.Set.of(35)));
        r.call(rt, 35).assertOut("si_signo=SIGRTMIN+3", "si_code=POLL_HUP", "si_fd=s0", "si_band=POLLERR|POLLHUP");
        r.call(rt, 35).assertOut("si_signo=SIGRTMIN+3", "si_code=POLL_OUT", "si_fd=s0", "si_band=POLLOUT|POLLWRNORM|POLLWRBAND");
        r.call(rt, "EAGAIN");
    }

    @Example
    void aBlockingSendWithoutRoomIsNotModelled() { // sock_wait_for_wmem
        R r = filled(false);
        assertEquals(List.of(), Proc.successors(r.s, new Write("s0", 1)));
    }

    @Example
    void withoutARecordedChargeNothingFills() {
        R r = new R().pair("s0", "s1").call(new Setsockopt("s0", 1, WMEM_MAX, MIN), "0");
        for (int i = 0; i < 100; i++) {
            r.write("s0", 1);
        }
        r.poll("s0", OUT, "POLLOUT");
    }

    @Example
    void unixWritableHoldsAtExactlyAQuarterOfSndbuf() {
        // the trace's charge of 768 and SO_SNDBUF 3074 (sk_sndbuf 6148): two skbs make (1536 + 1) * 4 = 6148,
        // still writable (unix_writable's <=); a third makes 9220, not writable, though a send still goes
        R r = new R().call(new Socketpair("s0", 3, "s1", 4, true, DEFAULT, TRUESIZE), "s0:3,s1:4");
        r.call(new Setsockopt("s0", 3074, WMEM_MAX, MIN), "0").call(new Getsockopt("s0"), "0").assertOut("value=6148");
        r.write("s0", 1).expect(WriteUnix).write("s0", 1).expect(WriteUnix).poll("s0", OUT, "POLLOUT");
        r.write("s0", 1).expect(WriteUnix).poll("s0", OUT, "0");
    }

    @Example
    void raisingSndbufOverWhatIsChargedWakesTheWriter() {
        // SO_SNDBUF calls sk_write_space: with room again the socket is writable at once (EPOLLOUT to its waiters)
        R r = filled(true);
        r.poll("s0", OUT, "0");
        r.call(new EpollCreate1("e0", 5), "e0:5").call(new EpollCtl("e0", Op.EPOLL_CTL_ADD, "s0", OUT | kpath.uapi.Mask.ET, false), "0");
        r.call(new EpollWait("e0", 8), "0");                                      // full: nothing to report
        r.call(new Setsockopt("s0", 100000, WMEM_MAX, MIN), "0").expect(SetsockoptSndbuf);
        r.call(new EpollWait("e0", 8), "1");                                      // the write-space wake-up queued it
    }
}
