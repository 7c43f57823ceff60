package kpath.model.proc;

import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;

/** Signal-driven I/O as one process sees it: SIGIO blocked, owned by the main task, taken with rt_sigtimedwait. */
class SigioExamples {
    private static final int NB = Fcntl.O_NONBLOCK, ASYNC = Fcntl.O_ASYNC;

    private static R async(R r, String fd, int flags) {
        return r.call(new Fcntl(fd, "F_SETOWN_EX", 0), "0").expect(FcntlSetown)
                .call(new Fcntl(fd, "F_SETFL", flags), "0").expect(FcntlSetflAsync);
    }

    private static R sigio(R r, boolean pending) {
        return pending ? r.call(Sigtimedwait.SIGIO, "SIGIO").expect(SigioTaken) : r.call(Sigtimedwait.SIGIO, "EAGAIN");
    }

    @Example
    void pipeWriteSignalsTheAsyncReaderOnceForManyWrites() { // SIG-01: a standard signal is pending once
        R r = async(new R().pipe("r0", "w0"), "r0", NB | ASYNC);
        sigio(r, false);
        r.write("w0", 1).write("w0", 1);
        sigio(r, true);
        sigio(r, false);
    }

    @Example
    void asyncWithoutAnOwnerSignalsNobody() {
        R r = new R().pipe("r0", "w0").call(new Fcntl("r0", "F_SETFL", NB | ASYNC), "0").write("w0", 1);
        sigio(r, false);
    }

    @Example
    void everyPipeReadSignalsTheAsyncWriterEvenEagain() { // fs/pipe.c pipe_read: kill_fasync at the end
        R r = async(new R().pipe("r0", "w0"), "w0", NB | ASYNC);
        r.call(new Read("r0", 10), "EAGAIN");
        sigio(r, true);
    }

    @Example
    void socketpairDataAndShutdownSignalThePeer() { // sock_def_readable, unix_shutdown
        R r = async(new R().pair("s0", "s1"), "s0", NB | ASYNC);
        r.write("s1", 1);
        sigio(r, true);
        r.call(new Shutdown("s1", Shutdown.SHUT_RD), "0");
        sigio(r, false); // the peer only lost SEND: no POLL_IN for s0
        r.call(new Shutdown("s1", Shutdown.SHUT_WR), "0");
        sigio(r, true);
        r.call(new Close("s1"), "0");
        sigio(r, true); // unix_release_sock: POLL_HUP
    }

    @Example
    void noSignalWhileAReaderWaitsForData() { // SOCKWQ_ASYNC_WAITDATA
        R r = new R().call(new Socketpair("s0", 3, "s1", 4, false), "s0:3,s1:4");
        async(r, "s0", ASYNC); // stays blocking
        r.call(new TaskCall("t1", new Read("s0", 10), -1), "0").call(new TaskRun("t1"), "0").expect(TaskSleeps);
        var outcomes = Proc.successors(r.s, new Write("s1", 1));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(false, true),
                outcomes.stream().map(t -> t.next().sigio().plain()).toList(), "usually no SIGIO; with the race, SIGIO");
        r.s = outcomes.getFirst().next();
        sigio(r, false);
        r.call(new TaskRun("t1"), "EAGAIN").expect(ReadUnix).call(new TaskReturn("t1"), "1");
        r.write("s1", 1);
        sigio(r, true);
    }

    @Example
    void eventfdHasNoFasyncSoNeverSignals() {
        R r = async(new R().eventfd("v0", 0, false), "v0", NB | ASYNC);
        r.call(new Write("v0", 1), "8");
        sigio(r, false);
    }

    @Example
    void fcntlCallsReadAsTheirTraceLines() {
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("fcntl(s0, F_SETOWN_EX, F_OWNER_TID)",
                        "fcntl(s0, F_SETFL, O_NONBLOCK|O_ASYNC)", "fcntl(s0, F_SETFL, O_ASYNC)", "fcntl(s0, F_SETFL, 0)",
                        "rt_sigtimedwait(SIGIO, 0)"),
                java.util.List.of(new Fcntl("s0", "F_SETOWN_EX", 0).toString(), new Fcntl("s0", "F_SETFL", NB | ASYNC).toString(),
                        new Fcntl("s0", "F_SETFL", ASYNC).toString(), new Fcntl("s0", "F_SETFL", 0).toString(),
                        Sigtimedwait.SIGIO.toString()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Fcntl("s0", "F_GETFL", 0));
    }

    @Example
    void fcntlOnAClosedFdIsEbadfAndABlockingUnconnectedTcpSocketIsNotModelled() {
        R r = new R().pipe("r0", "w0").call(new Close("r0"), "0");
        r.call(new Fcntl("r0", "F_SETFL", NB), "EBADF").expect(Ebadf);
        r.call(new Socket("l0", 9), "l0:9");
        org.junit.jupiter.api.Assertions.assertTrue(Proc.successors(r.s, new Fcntl("l0", "F_SETFL", ASYNC)).isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(Proc.successors(r.s, new Fcntl("w0", "F_SETFL", 0)).isEmpty(),
                "a blocking pipe is not modelled");
    }

    @Example
    void closingTheWriterSignalsTheAsyncReader() { // fs/pipe.c pipe_release: kill_fasync both lists
        R r = async(new R().pipe("r0", "w0"), "r0", NB | ASYNC).call(new Close("w0"), "0");
        sigio(r, true);
    }
    @Example
    void aNullPipeReadSignalsNobody() { // fs/pipe.c pipe_read: "Null read succeeds" before kill_fasync
        R r = async(new R().pipe("r0", "w0"), "w0", NB | ASYNC).write("w0", 1);
        r.call(new Read("r0", 0), "0");
        sigio(r, false);
    }

    @Example
    void aPollerIsNoReaderWaitingForData() { // only unix_stream_data_wait sets SOCKWQ_ASYNC_WAITDATA
        R r = async(new R().pair("s0", "s1"), "s0", NB | ASYNC);
        r.call(new TaskCall("t1", new Poll(java.util.List.of(new PollFd("s0", kpath.uapi.Mask.IN))), -1), "0")
                .call(new TaskRun("t1"), "0").expect(TaskSleeps);
        r.write("s1", 1); // one outcome: SIGIO sent
        sigio(r, true);
    }
}
