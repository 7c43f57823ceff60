package kpath.model.proc;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * F_SETSIG: a real-time signal per kill_fasync, queued with si_fd and si_band (fs/fcntl.c
 * send_sigio_to_task), against plain SIGIO pending once; F_GETSIG; rt_sigtimedwait's order.
 */
class SetsigExamples {
    private static final int NB = Fcntl.O_NONBLOCK, ASYNC = Fcntl.O_ASYNC;
    private static final int RT = 35;
    private static final Sigtimedwait BOTH = new Sigtimedwait(new TreeSet<>(Set.of(29, RT)));

    private static R owned(R r, String fd, int sig) {
        return r.call(new Fcntl(fd, "F_SETOWN_EX", 0), "0").expect(FcntlSetown)
                .call(new Fcntl(fd, "F_SETSIG", sig), "0").expect(FcntlSetsig)
                .call(new Fcntl(fd, "F_SETFL", NB | ASYNC), "0").expect(FcntlSetflAsync);
    }

    private static R takes(R r, String fd, String code, String band) {
        r.call(BOTH, "SIGRTMIN+3").expect(SiginfoTaken);
        assertEquals(List.of("si_signo=SIGRTMIN+3", "si_code=" + code, "si_fd=" + fd, "si_band=" + band), r.out());
        return r;
    }

    @Example
    void eachWriteQueuesOneRtSignalWithFdAndBand() { // S-09: one queued instance per event
        R r = owned(new R().pipe("r0", "w0"), "r0", RT);
        r.call(BOTH, "EAGAIN").expect(SigtimedwaitEagain);
        r.write("w0", 1).write("w0", 1);
        assertEquals(2, r.s.sigio().queue().size());
        takes(r, "r0", "POLL_IN", "POLLIN|POLLRDNORM");
        takes(r, "r0", "POLL_IN", "POLLIN|POLLRDNORM");
        r.call(BOTH, "EAGAIN");
        assertEquals(List.of(), r.out(), "a failed wait copies nothing");
    }

    @Example
    void getsigReadsWhatSetsigStoredAndZeroRestoresSigio() {
        R r = new R().pipe("r0", "w0");
        r.call(new Fcntl("r0", "F_GETSIG", 0), "0").expect(FcntlGetsig);
        r.call(new Fcntl("r0", "F_GETOWN", 0), "0").expect(FcntlGetown);
        owned(r, "r0", RT).call(new Fcntl("r0", "F_GETSIG", 0), "SIGRTMIN+3");
        r.call(new Fcntl("r0", "F_GETOWN", 0), "main").expect(FcntlGetown);
        assertEquals("fcntl(r0, F_GETOWN)", new Fcntl("r0", "F_GETOWN", 0).toString());
        r.call(new Fcntl("r0", "F_SETSIG", 0), "0").call(new Fcntl("r0", "F_GETSIG", 0), "0");
        r.write("w0", 1).write("w0", 1);
        r.call(BOTH, "SIGIO").expect(SigioTaken);
        assertEquals(List.of(), r.out(), "plain SIGIO: no siginfo the model reports");
        r.call(BOTH, "EAGAIN");
    }

    @Example
    void aSignalAboveNsigIsEinvalAndAStandardOneButSigioIsNotModelled() {
        R r = new R().pipe("r0", "w0");
        r.call(new Fcntl("r0", "F_SETSIG", 65), "EINVAL").expect(FcntlSetsigEinval);
        r.call(new Fcntl("r0", "F_SETSIG", -1), "EINVAL").expect(FcntlSetsigEinval);
        r.call(new Fcntl("r0", "F_SETSIG", 29), "0").expect(FcntlSetsig);
        r.call(new Fcntl("r0", "F_SETSIG", 64), "0").expect(FcntlSetsig);
        r.call(new Fcntl("r0", "F_SETSIG", 32), "0").expect(FcntlSetsig);
        assertTrue(Proc.successors(r.s, new Fcntl("r0", "F_SETSIG", 10)).isEmpty());
        assertTrue(Proc.successors(r.s, new Fcntl("r0", "F_SETSIG", 31)).isEmpty());
        r.call(new Fcntl("r0", "F_GETSIG", 0), "32");
        r.call(new Close("r0"), "0").call(new Fcntl("r0", "F_SETSIG", RT), "EBADF").expect(Ebadf);
    }

    @Example
    void plainSigioIsTakenBeforeTheRtSignalAndAWaitSetWithoutItLeavesIt() { // next_signal: lowest number
        R r = owned(new R().pipe("r0", "w0"), "r0", RT);
        R plain = owned(r.pipe("r1", "w1"), "r1", 0);
        plain.write("w0", 1).write("w1", 1);
        r.call(Sigtimedwait.SIGIO, "SIGIO");
        r.call(Sigtimedwait.SIGIO, "EAGAIN");
        r.write("w1", 1);
        r.call(BOTH, "SIGIO");
        takes(r, "r0", "POLL_IN", "POLLIN|POLLRDNORM");
    }

    @Example
    void sigioChosenWithSetsigCarriesASiginfoButIsPendingOnceWithTheFirst() { // legacy_queue
        R r = owned(new R().pipe("r0", "w0"), "r0", 29);
        owned(r, "w0", 29);
        r.write("w0", 1).call(new Read("r0", 1), "1"); // POLL_IN to r0, then POLL_OUT to w0: dropped
        assertEquals(1, r.s.sigio().queue().size());
        assertFalse(r.s.sigio().plain());
        r.call(BOTH, "SIGIO").expect(SiginfoTaken);
        assertEquals(List.of("si_signo=SIGIO", "si_code=POLL_IN", "si_fd=r0", "si_band=POLLIN|POLLRDNORM"), r.out());
        r.call(BOTH, "EAGAIN");
        r.call(new Fcntl("w0", "F_SETSIG", 0), "0").call(new Read("r0", 1), "EAGAIN"); // plain SIGIO now
        r.write("w0", 1); // and SIGIO with info is not queued behind a pending plain one
        assertTrue(r.s.sigio().plain());
        assertEquals(0, r.s.sigio().queue().size());
    }

    @Example
    void overRlimitSigpendingARealTimeSignalFallsBackOnPlainSigio() { // __sigqueue_alloc, send_sigio_to_task
        R r = owned(new R().pipe("r0", "w0"), "r0", RT);
        r.call(new Setrlimit("RLIMIT_SIGPENDING", 2), "0").expect(SetrlimitOk);
        r.write("w0", 1).write("w0", 1).write("w0", 1).write("w0", 1);
        assertEquals(2, r.s.sigio().queue().size(), "two queued, the limit");
        assertTrue(r.s.sigio().plain(), "the third fell back on plain SIGIO (over the limit: SEND_SIG_PRIV may)");
        r.call(BOTH, "SIGIO").expect(SigioTaken);
        takes(r, "r0", "POLL_IN", "POLLIN|POLLRDNORM");
        r.write("w0", 1); // one slot free again
        assertEquals(2, r.s.sigio().queue().size());
        r.call(new Setrlimit("RLIMIT_SIGPENDING", 0), "0"); // lowering drops nothing
        assertEquals(2, r.s.sigio().queue().size());
        r.write("w0", 1);
        assertTrue(r.s.sigio().plain());
    }

    @Example
    void fioasyncJoinsAndLeavesTheListOnlyWhenFasyncChanges() { // fs/ioctl.c ioctl_fioasync
        R r = new R().pipe("r0", "w0").call(new Fcntl("r0", "F_SETOWN_EX", 0), "0").call(new Fcntl("r0", "F_SETSIG", RT), "0");
        r.call(new Ioctl("r0", "FIOASYNC", 0), "0").expect(IoctlFioasync); // no change
        assertFalse(r.s.fasync().containsKey("r0"));
        r.call(new Ioctl("r0", "FIOASYNC", 1), "0").expect(IoctlFioasync);
        assertEquals("r0", r.s.fasync().get("r0"));
        r.write("w0", 1);
        takes(r, "r0", "POLL_IN", "POLLIN|POLLRDNORM");
        r.call(new Dup("r0", "r0d", 5), "r0d:5").call(new Ioctl("r0d", "FIOASYNC", 1), "0");
        assertEquals("r0", r.s.fasync().get("r0"), "already set: ->fasync not called, the entry keeps r0");
        r.call(new Ioctl("r0d", "FIOASYNC", 0), "0");
        r.write("w0", 1).call(BOTH, "EAGAIN");
        r.call(new Ioctl("zz", "FIOASYNC", 1), "EBADF").expect(Ebadf);
    }

    @Example
    void fioasyncOnAFileWithoutFasyncIsEnottyAndSetflSetsNothing() { // only ->fasync sets FASYNC
        R r = new R().eventfd("v0", 0, true);
        r.call(new Ioctl("v0", "FIOASYNC", 1), "ENOTTY").expect(IoctlEnotty);
        r.call(new Fcntl("v0", "F_SETFL", NB | ASYNC), "0").expect(FcntlSetflAsync);
        assertFalse(r.s.fasync().containsKey("v0"));
        r.call(new Ioctl("v0", "FIOASYNC", 1), "ENOTTY");
        r.call(new Ioctl("v0", "FIOASYNC", 0), "0").expect(IoctlFioasync);
    }

    @Example
    void theLowestRtSignalFirstThenTheOldestOfIt() {
        R r = owned(new R().pipe("r0", "w0"), "r0", 40);
        owned(r.pipe("r1", "w1"), "r1", RT);
        r.write("w0", 1).write("w1", 1);
        Sigtimedwait all = new Sigtimedwait(new TreeSet<>(Set.of(29, RT, 40)));
        r.call(all, "SIGRTMIN+3");
        assertEquals(List.of("si_signo=SIGRTMIN+3", "si_code=POLL_IN", "si_fd=r1", "si_band=POLLIN|POLLRDNORM"), r.out());
        r.call(all, "SIGRTMIN+8");
        assertEquals("si_fd=r0", r.out().get(2));
    }

    @Example
    void siFdIsTheFdThatSetOAsyncNotTheOneThatSetTheSignal() { // fasync_helper records the fd
        R r = new R().pipe("r0", "w0").call(new Dup("r0", "r0d", 5), "r0d:5");
        r.call(new Fcntl("r0", "F_SETOWN_EX", 0), "0").call(new Fcntl("r0", "F_SETSIG", RT), "0");
        r.call(new Fcntl("r0d", "F_SETFL", NB | ASYNC), "0");
        r.call(new Fcntl("r0", "F_SETFL", NB | ASYNC), "0"); // no change of FASYNC: the entry keeps r0d
        r.call(new Close("r0d"), "0").write("w0", 1);
        takes(r, "r0d", "POLL_IN", "POLLIN|POLLRDNORM");
    }

    @Example
    void readsAndTheLastReadersCloseSignalTheWriterWithPollOut() { // pipe_read, pipe_release
        R r = owned(new R().pipe("r0", "w0"), "w0", RT);
        r.call(new Read("r0", 10), "EAGAIN");
        takes(r, "w0", "POLL_OUT", "POLLOUT|POLLWRNORM|POLLWRBAND");
        r.call(new Close("r0"), "0");
        takes(r, "w0", "POLL_OUT", "POLLOUT|POLLWRNORM|POLLWRBAND");
    }

    @Example
    void theReaderSideCloseOfTheWriterSendsPollIn() { // pipe_release: kill_fasync(fasync_readers, POLL_IN)
        R r = owned(new R().pipe("r0", "w0"), "r0", RT).call(new Close("w0"), "0");
        takes(r, "r0", "POLL_IN", "POLLIN|POLLRDNORM");
    }

    @Example
    void socketpairShutdownsAndCloseSendPollInOrPollHup() { // unix_shutdown, unix_release_sock
        R r = owned(new R().pair("s0", "s1"), "s0", RT);
        r.write("s1", 1);
        takes(r, "s0", "POLL_IN", "POLLIN|POLLRDNORM");
        r.call(new Shutdown("s1", Shutdown.SHUT_RD), "0").call(BOTH, "EAGAIN");
        r.call(new Shutdown("s1", Shutdown.SHUT_WR), "0");
        takes(r, "s0", "POLL_IN", "POLLIN|POLLRDNORM");
        r.call(new Shutdown("s1", Shutdown.SHUT_RDWR), "0");
        takes(r, "s0", "POLL_HUP", "POLLERR|POLLHUP");
        r.call(new Close("s1"), "0");
        takes(r, "s0", "POLL_HUP", "POLLERR|POLLHUP");
    }

    @Example
    void aWokenReaderRacesTheRtSignalToo() { // SOCKWQ_ASYNC_WAITDATA, both outcomes
        R r = new R().call(new Socketpair("s0", 3, "s1", 4, false), "s0:3,s1:4");
        r.call(new Fcntl("s0", "F_SETOWN_EX", 0), "0").call(new Fcntl("s0", "F_SETSIG", RT), "0")
                .call(new Fcntl("s0", "F_SETFL", ASYNC), "0");
        r.call(new TaskCall("t1", new Read("s0", 10), -1), "0").call(new TaskRun("t1"), "0").expect(TaskSleeps);
        var outcomes = Proc.successors(r.s, new Write("s1", 1));
        assertEquals(List.of(0, 1), outcomes.stream().map(t -> t.next().sigio().queue().size()).toList());
        assertFalse(outcomes.get(1).next().sigio().plain());
    }

    @Example
    void withoutAnOwnerOrOffTheListNothingIsSent() {
        R r = new R().pipe("r0", "w0").call(new Fcntl("r0", "F_SETSIG", RT), "0")
                .call(new Fcntl("r0", "F_SETFL", NB | ASYNC), "0").write("w0", 1);
        r.call(BOTH, "EAGAIN");
        r.call(new Fcntl("r0", "F_SETOWN_EX", 0), "0").call(new Fcntl("r0", "F_GETSIG", 0), "SIGRTMIN+3");
        r.call(new Fcntl("r0", "F_SETFL", NB), "0").write("w0", 1);
        r.call(BOTH, "EAGAIN");
    }

    @Example
    void getownExNamesTheMainTaskOnceItOwnsTheFile() { // f_getown_ex
        R r = new R().pipe("r0", "w0");
        r.call(new Fcntl("r0", "F_GETOWN_EX", 0), "0").expect(FcntlGetownEx);
        assertEquals(List.of("type=F_OWNER_TID", "pid=0"), r.out());
        r.call(new Fcntl("r0", "F_SETSIG", RT), "0").call(new Fcntl("r0", "F_GETOWN_EX", 0), "0");
        assertEquals(List.of("type=F_OWNER_TID", "pid=0"), r.out(), "F_SETSIG alone names no owner");
        r.call(new Fcntl("r0", "F_SETOWN_EX", 0), "0").call(new Fcntl("r0", "F_GETOWN_EX", 0), "0");
        assertEquals(List.of("type=F_OWNER_TID", "pid=main"), r.out());
        assertEquals("fcntl(r0, F_GETOWN_EX)", new Fcntl("r0", "F_GETOWN_EX", 0).toString());
    }

    @Example
    void callsReadAsTheirTraceLines() {
        assertEquals(List.of("fcntl(r0, F_SETSIG, SIGRTMIN+3)", "fcntl(r0, F_SETSIG, 0)", "fcntl(r0, F_SETSIG, 65)",
                        "fcntl(r0, F_GETSIG)", "rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0)", "rt_sigtimedwait(SIGIO, 0)"),
                List.of(new Fcntl("r0", "F_SETSIG", RT).toString(), new Fcntl("r0", "F_SETSIG", 0).toString(),
                        new Fcntl("r0", "F_SETSIG", 65).toString(), new Fcntl("r0", "F_GETSIG", 0).toString(),
                        BOTH.toString(), Sigtimedwait.SIGIO.toString()));
        assertEquals("SIGRTMIN", kpath.uapi.Signal.text(32));
        assertEquals("SIGRTMIN+32", kpath.uapi.Signal.text(64));
        assertEquals("65", kpath.uapi.Signal.text(65));
        assertEquals("31", kpath.uapi.Signal.text(31));
        assertEquals(64, kpath.uapi.Signal.number("SIGRTMIN+32"));
        assertEquals(-1, kpath.uapi.Signal.number("SIGRTMIN+33"));
        assertEquals(-1, kpath.uapi.Signal.number("SIGRTMIN+0"));
        assertEquals(-1, kpath.uapi.Signal.number("SIGRTMIN+x"));
        assertEquals(-1, kpath.uapi.Signal.number("SIGFOO"));
        assertEquals(32, kpath.uapi.Signal.number("SIGRTMIN"));
        assertEquals(kpath.uapi.SigPoll.POLL_HUP, kpath.uapi.SigPoll.ofCode(6));
        assertNull(kpath.uapi.SigPoll.ofCode(0));
        assertNull(kpath.uapi.SigPoll.ofCode(0x80));
    }
}
