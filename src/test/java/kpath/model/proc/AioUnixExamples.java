package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.AioEvent;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.Task.Phase;
import kpath.uapi.AioAbi;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static kpath.model.proc.AioSubmitExamples.events;
import static kpath.model.proc.AioSubmitExamples.pread;
import static kpath.model.proc.AioSubmitExamples.run;
import static kpath.model.proc.AioSubmitExamples.submit;
import static kpath.model.proc.AioSubmitExamples.task;
import static kpath.model.proc.ProcRule.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IOCB_CMD_PREAD and PWRITE of AF_UNIX stream sockets, with the values the kernel returned in
 * traces/completion/aio-pread-pwrite-unix.trace and aio-submit-sleeps-on-blocking-unix.trace
 * (fs/aio.c aio_read, aio_write, aio_rw_done; net/socket.c sock_read_iter, sock_write_iter;
 * net/unix/af_unix.c unix_stream_read_generic, unix_stream_sendmsg).
 */
class AioUnixExamples {

    /** A context a0 and a socketpair s0/s1, O_NONBLOCK or blocking. */
    static R ctxAndPair(boolean nonblock) {
        R r = new R().call(new IoSetup(4, "a0"), 0);
        return r.call(new Socketpair("s0", 3, "s1", 4, nonblock), "s0:3,s1:4");
    }

    static Iocb pwrite(long data, String fd, long n) {
        return Iocb.rw(true, data, fd, n, "");
    }

    // ---- O_NONBLOCK: done inside io_submit (aio-pread-pwrite-unix) ----

    @Example
    void aReadOfTheEmptySocketCompletesWithEagainAndAWriteWithItsCount() {
        R r = ctxAndPair(true);
        r.call(submit(pread(1, "s0", 8)), 1).expect(IoSubmitOk);
        assertEquals(List.of(new AioEvent(1, -11)), events(r));
        r.call(submit(pwrite(2, "s1", 3)), 1).call(submit(pread(3, "s0", 8)), 1);
        assertEquals(List.of(new AioEvent(2, 3), new AioEvent(3, 3)), events(r));
    }

    @Example
    void aWriteCompletesAWaitingPollOfThePeerWithSockDefReadablesWholeKeyFirst() {
        R r = ctxAndPair(true);
        r.call(new IoSubmit("a0", 4, "s0", Mask.IN), 1);
        r.call(submit(pwrite(5, "s1", 1), pread(6, "s0", 8)), 2);
        assertEquals(List.of(new AioEvent(4, Mask.IN | Mask.PRI | Mask.RDNORM | Mask.RDBAND), new AioEvent(5, 1),
                new AioEvent(6, 1)), events(r), "195, before the write's own event");
    }

    @Example
    void aReadOrWriteAtANonZeroOffsetCompletesWithEspipeAndMovesNothing() { // sock_read_iter, sock_write_iter
        R r = ctxAndPair(true);
        r.call(submit(pwrite(1, "s1", 1).with(0, 1, 0)), 1);
        r.call(submit(pread(2, "s0", 8).with(0, 1, 0)), 1);
        assertEquals(List.of(new AioEvent(1, -29), new AioEvent(2, -29)), events(r));
        r.call(new Read("s0", 8), "EAGAIN");
    }

    @Example
    void aReadOfZeroBytesIsZeroAndLeavesTheDataThere() { // "Match SYS5 behaviour"
        R r = ctxAndPair(true).write("s1", 2);
        r.call(submit(pread(1, "s0", 0)), 1);
        assertEquals(List.of(new AioEvent(1, 0)), events(r));
        r.call(new Read("s0", 8), 2);
    }

    @Example
    void onceThePeerIsClosedAReadIsEndOfFileAndAWriteEpipe() {
        R r = ctxAndPair(true);
        r.call(new Close("s1"), 0);
        r.call(submit(pread(1, "s0", 8), pwrite(2, "s0", 1)), 2);
        assertEquals(List.of(new AioEvent(1, 0), new AioEvent(2, -32)), events(r));
    }

    // ---- blocking: a task sleeps inside io_submit (aio-submit-sleeps-on-blocking-unix) ----

    @Example
    void aReadOfAnEmptyBlockingSocketSleepsInsideIoSubmitUntilTheWrite() {
        R r = ctxAndPair(false);
        assertTrue(Proc.successors(r.s, submit(pread(1, "s0", 8))).isEmpty(), "the main task's calls never sleep");
        r.call(new TaskCall("t1", submit(pread(1, "s0", 8)), -1), 0);
        run(r, "t1").expect(TaskSleeps);
        assertEquals(List.of("s0"), task(r).on(), "in unix_stream_data_wait");
        r.write("s1", 3);
        assertEquals(Phase.RUNNING, task(r).phase());
        run(r, "t1").expect(IoSubmitOk);
        r.call(new TaskReturn("t1"), 1);
        assertEquals(List.of(new AioEvent(1, 3)), events(r));
    }

    @Example
    void thePeersCloseWakesItAndTheReadCompletesWithEndOfFile() {
        R r = ctxAndPair(false);
        r.call(new TaskCall("t1", submit(pread(2, "s0", 8)), -1), 0);
        run(r, "t1").expect(TaskSleeps);
        r.call(new Close("s1"), 0);
        run(r, "t1").expect(IoSubmitOk);
        r.call(new TaskReturn("t1"), 1);
        assertEquals(List.of(new AioEvent(2, 0)), events(r));
    }

    @Example
    void withRwfNowaitAnOffsetOrZeroBytesTheBlockingReadDoesNotSleep() { // MSG_DONTWAIT; ESPIPE; 0 first
        R r = ctxAndPair(false);
        r.call(submit(pread(3, "s0", 8).with(AioAbi.RWF_NOWAIT, 0, 0)), 1);
        r.call(submit(pread(4, "s0", 8).with(0, 1, 0)), 1);
        r.call(submit(pread(5, "s0", 0)), 1);
        assertEquals(List.of(new AioEvent(3, -11), new AioEvent(4, -29), new AioEvent(5, 0)), events(r));
    }

    @Example
    void noSigioWhileAReadInsideIoSubmitWaitsForData() { // unix_stream_data_wait sets SOCKWQ_ASYNC_WAITDATA
        R r = ctxAndPair(false);
        r.call(new Fcntl("s0", "F_SETOWN_EX", 0), "0").call(new Fcntl("s0", "F_SETFL", Fcntl.O_ASYNC), "0");
        r.call(new TaskCall("t1", submit(pread(1, "s0", 8)), -1), 0);
        run(r, "t1").expect(TaskSleeps);
        var outcomes = Proc.successors(r.s, new Write("s1", 1));
        assertEquals(List.of(false, true), outcomes.stream().map(t -> t.next().sigio().plain()).toList(),
                "usually no SIGIO; with the race, SIGIO");
    }
}
