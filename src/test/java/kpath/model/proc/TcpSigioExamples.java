package kpath.model.proc;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Signal-driven I/O on loopback TCP sockets (catalogue S-02..S-05, S-07): sk_wake_async per
 * arrival (net/socket.c sock_wake_async), SOCK_WAKE_WAITD against a reader asleep in sk_wait_data,
 * SOCK_WAKE_IO for a completed connect and a RST; the signals queued as SIGRTMIN+3 so each counts.
 */
class TcpSigioExamples {
    private static final int NB = Fcntl.O_NONBLOCK, ASYNC = Fcntl.O_ASYNC;
    private static final Sigtimedwait BOTH = new Sigtimedwait(new TreeSet<>(Set.of(29, 35)));

    private static R owned(R r, String fd, int flags) {
        return r.call(new Fcntl(fd, "F_SETOWN_EX", 0), "0").call(new Fcntl(fd, "F_SETSIG", 35), "0")
                .call(new Fcntl(fd, "F_SETFL", flags), "0").expect(FcntlSetflAsync);
    }

    private static R listening() {
        return new R().call(new Socket("l0", 20), "l0:20").call(new Listen("l0", 8), "0").call(new Socket("c0", 21), "c0:21");
    }

    private static R connected() {
        return listening().call(new Connect("c0", "l0"), "EINPROGRESS").call(new Accept4("l0", "a0", 22), "a0:22");
    }

    /** The queued signals' (si_code, si_fd), oldest first. */
    private static List<String> queued(R r) {
        return r.s.sigio().queue().stream().map(x -> x.code() + ":" + x.fd()).toList();
    }

    @Example
    void aConnectSignalsTheClientPollOutAndTheListenerPollIn() { // tcp_rcv_synsent_state_process, sock_def_readable
        R r = owned(owned(listening(), "l0", NB | ASYNC), "c0", NB | ASYNC);
        r.call(new Connect("c0", "l0"), "EINPROGRESS");
        assertEquals(List.of("POLL_OUT:c0", "POLL_IN:l0"), queued(r));
        r.call(new Accept4("l0", "a0", 22), "a0:22").call(new Fcntl("a0", "F_GETOWN", 0), "0");
        assertFalse(r.s.fasync().containsKey("l0.c0"), "the accepted socket inherits no O_ASYNC");
    }

    @Example
    void everySendSignalsOncePerArrivalAlsoWhileUnread() { // S-02: tcp_data_ready per segment
        R r = owned(connected(), "a0", NB | ASYNC);
        r.write("c0", 1).write("c0", 1);
        assertEquals(List.of("POLL_IN:a0", "POLL_IN:a0"), queued(r));
        r.call(new Read("a0", 10), "2");
        assertEquals(2, r.s.sigio().queue().size(), "a read sends nothing");
    }

    @Example
    void aFinSignalsTwiceAndTheFinOfASocketShutBothWaysIsPollHup() { // tcp_fin, then tcp_data_ready
        R r = owned(owned(connected(), "a0", NB | ASYNC), "c0", NB | ASYNC);
        r.call(new Shutdown("c0", Shutdown.SHUT_WR), "0");
        assertEquals(List.of("POLL_IN:a0", "POLL_IN:a0"), queued(r));
        r.call(BOTH, "SIGRTMIN+3").call(BOTH, "SIGRTMIN+3").call(new Shutdown("a0", Shutdown.SHUT_WR), "0");
        assertEquals(List.of("POLL_HUP:c0", "POLL_IN:c0"), queued(r));
    }

    @Example
    void closingWithoutUnreadDataIsAFinAndWithUnreadDataARstPollErr() { // __tcp_close; sock_def_error_report
        R r = owned(connected(), "a0", NB | ASYNC);
        r.call(new Close("c0"), "0");
        assertEquals(List.of("POLL_IN:a0", "POLL_IN:a0"), queued(r));
        R q = owned(connected(), "a0", NB | ASYNC).write("a0", 1).call(new Close("c0"), "0");
        assertEquals(List.of("POLL_ERR:a0"), queued(q));
        q.call(BOTH, "SIGRTMIN+3").expect(SiginfoTaken);
        assertEquals(List.of("si_signo=SIGRTMIN+3", "si_code=POLL_ERR", "si_fd=a0", "si_band=POLLERR"), q.out());
    }

    @Example
    void aReaderAsleepInSkWaitDataSuppressesDataAndFinButNotARst() { // S-03: SOCKWQ_ASYNC_WAITDATA
        R r = owned(connected(), "a0", ASYNC); // async and blocking
        assertTrue(Proc.successors(r.s, new Read("a0", 10)).isEmpty(), "the main task makes no read that sleeps");
        r.call(new TaskCall("t1", new Read("a0", 10), -1), "0").call(new TaskRun("t1"), "0").expect(TaskSleeps);
        assertEquals(1, Proc.successors(r.s, new Write("c0", 1)).size(), "no race: the woken reader needs the socket lock");
        r.write("c0", 1);
        assertEquals(List.of(), queued(r));
        r.call(new TaskRun("t1"), "1").expect(ReadTcp).call(new TaskReturn("t1"), "1"); // TaskRun keeps the main task's last result
        r.write("c0", 1);
        assertEquals(List.of("POLL_IN:a0"), queued(r));
        r.call(new Read("a0", 10), "1").call(BOTH, "SIGRTMIN+3");
        r.call(new TaskCall("t1", new Read("a0", 10), -1), "SIGRTMIN+3").call(new TaskRun("t1"), "SIGRTMIN+3").expect(TaskSleeps);
        r.call(new Shutdown("c0", Shutdown.SHUT_WR), "0");
        assertEquals(List.of(), queued(r), "tcp_fin's and tcp_data_ready's POLL_IN are both SOCK_WAKE_WAITD");
        r.call(new TaskRun("t1"), "0").expect(ReadTcpEof).call(new TaskReturn("t1"), "0");

        R q = owned(connected(), "a0", ASYNC).write("a0", 1);
        q.call(new TaskCall("t1", new Read("a0", 10), -1), "1").call(new TaskRun("t1"), "1").expect(TaskSleeps);
        q.call(new Close("c0"), "0");
        assertEquals(List.of("POLL_ERR:a0"), queued(q), "SOCK_WAKE_IO ignores SOCKWQ_ASYNC_WAITDATA");
        q.call(new TaskRun("t1"), "0").expect(TcpSockError).call(new TaskReturn("t1"), "ECONNRESET");
    }

    @Example
    void onlyAConnectedTcpSocketMayBlockAndFioasyncJoinsItsList() {
        R r = listening();
        assertTrue(Proc.successors(r.s, new Fcntl("l0", "F_SETFL", ASYNC)).isEmpty(), "a blocking listener is not modelled");
        r.call(new Fcntl("l0", "F_SETFL", NB | ASYNC), "0").expect(FcntlSetflAsync);
        R c = connected().call(new Fcntl("a0", "F_SETOWN_EX", 0), "0").call(new Ioctl("a0", "FIOASYNC", 1), "0")
                .expect(IoctlFioasync);
        c.write("c0", 1).call(Sigtimedwait.SIGIO, "SIGIO");
    }

    @Example
    void aBlockingReadReturnsWhatIsThereWithoutSleeping() { // tcp_recvmsg_locked before sk_wait_data
        R r = owned(connected(), "a0", ASYNC).write("c0", 1);
        r.call(new Read("a0", 10), "1").expect(ReadTcp);
        r.call(new Shutdown("c0", Shutdown.SHUT_WR), "0").call(new Read("a0", 10), "0").expect(ReadTcpEof);
    }
}
