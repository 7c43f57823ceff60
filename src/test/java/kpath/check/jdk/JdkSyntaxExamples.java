package kpath.check.jdk;

import java.util.List;
import kpath.check.CheckException;
import kpath.model.jdk.JdkIo;
import kpath.trace.Event;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How a jdk trace line becomes an action of the machine, for both checkers, and which lines are bad
 * input (a short message naming file:line). Method: parse one-line traces and map their event.
 */
class JdkSyntaxExamples {

    static Event event(String line) throws Exception {
        Trace t = TraceReader.parse("kpath-trace 1\nscenario: s\nkernel: 6.18.44\narch: x86_64\nnetns: host\n"
                + "peer: loopback\npath: jdk\n\n" + line + "\n+1.0 end\n", "t.trace");
        return t.events().getFirst();
    }

    static JdkIo.Action action(String line) throws Exception {
        return JdkSyntax.action(event(line), "t.trace:9: ");
    }

    static String bad(String line) throws Exception {
        return assertThrows(CheckException.class, () -> action(line)).getMessage();
    }

    @Test
    void eachObservationIsOneAction() throws Exception {
        assertEquals(new JdkIo.Claim("multiplexed", "jdk"),
                action("+0.1 observe api(c0) call=X class=Y provider=Z model=multiplexed waiter=jdk"));
        assertEquals(new JdkIo.Returned(true), action("+0.1 observe returned(caller) pending=1"));
        assertEquals(new JdkIo.Returned(false), action("+0.1 observe returned(caller) pending=0"));
        assertEquals(new JdkIo.Sleeps("jdk", "epoll", "epoll", true),
                action("+0.1 observe task(jdk3) comm=I state=S wchan=do_epoll_wait syscall=epoll_wait fd=e0 maxevents=512 timeout=-1"));
        assertEquals(new JdkIo.Sleeps("caller", "read", "socket", true),
                action("+0.1 observe task(caller) comm=r state=S wchan=wait_woken syscall=read fd=c0 count=100"));
        assertEquals(new JdkIo.Sleeps("caller", "read", "socket", false),
                action("+0.1 observe task(caller) comm=r state=S wchan=do_epoll_wait syscall=read fd=c0"));
        assertEquals(new JdkIo.Sleeps("caller", "read", "socket", false),
                action("+0.1 observe task(caller) comm=r state=R wchan=wait_woken syscall=recvfrom fd=c0"));
        assertEquals(new JdkIo.Sleeps("caller", "poll", "socket", true),
                action("+0.1 observe task(caller) comm=r state=S wchan=poll_schedule_timeout.constprop.0 syscall=poll fd=c0"));
        assertEquals(new JdkIo.Sleeps("caller", "other", "other", false),
                action("+0.1 observe task(caller) comm=r state=S wchan=futex_do_wait syscall=futex fd=pipe0"));
        assertEquals(new JdkIo.Interest(true, true), action("+0.1 observe epoll(e1) c0=EPOLLIN|EPOLLONESHOT pipe0=EPOLLIN"));
        assertEquals(new JdkIo.Interest(false, true), action("+0.1 observe epoll(e0) c0=EPOLLONESHOT"));
        assertEquals(new JdkIo.Interest(false, false), action("+0.1 observe epoll(e0) c0=EPOLLOUT"));
        assertEquals(new JdkIo.Kernel(false), action("+0.1 observe kernel(c0) nonblock=1 epolls=1 io_uring=0 aio=0"));
        assertEquals(new JdkIo.Kernel(true), action("+0.1 observe kernel(c0) nonblock=0 epolls=0 io_uring=1 aio=0"));
        assertEquals(new JdkIo.Kernel(true), action("+0.1 observe kernel(c0) nonblock=0 epolls=0 io_uring=0 aio=1"));
        assertEquals(new JdkIo.Send(), action("+0.1 observe send(p0) bytes=3"));
        assertEquals(new JdkIo.Complete("jdk"), action("+0.1 observe complete(c0) thread=jdk1 bytes=3"));
        assertEquals(new JdkIo.Complete("caller"), action("+0.1 observe complete(c0) thread=caller bytes=3"));
        assertEquals(new JdkIo.Returned(true), action("+0.1 observe returned(caller) pending=1 syscr=4 baseline=2"));
        assertEquals(new JdkIo.Refused("pending", false), action("+0.1 observe refused(caller) call=R"
                + " exception=java.nio.channels.ReadPendingException syscr=2 baseline=2"));
        assertEquals(new JdkIo.Refused("pending", true), action("+0.1 observe refused(caller) call=R"
                + " exception=java.nio.channels.ReadPendingException syscr=3 baseline=2"));
        assertEquals(new JdkIo.Refused("killed", false), action("+0.1 observe refused(caller) call=R"
                + " exception=java.lang.IllegalStateException syscr=2 baseline=2"));
        assertEquals(new JdkIo.Refused("other", false), action("+0.1 observe refused(caller) call=R exception=none syscr=1 baseline=2"));
        assertEquals(new JdkIo.Close(), action("+0.1 observe close(caller) call=AsynchronousSocketChannel.close"));
        assertEquals(new JdkIo.Failed("jdk", "close"),
                action("+0.1 observe failed(c0) thread=jdk1 exception=java.nio.channels.AsynchronousCloseException"));
        assertEquals(new JdkIo.Failed("jdk", "timeout"),
                action("+0.1 observe failed(c0) thread=jdk0 exception=java.nio.channels.InterruptedByTimeoutException"));
        assertEquals(new JdkIo.Failed("caller", "other"), action("+0.1 observe failed(c0) thread=caller exception=java.io.IOException"));
        assertEquals(new JdkIo.Unlisted(), action("+0.1 observe epoll(e0) pipe0=EPOLLIN|EPOLLERR|EPOLLHUP"));
        assertEquals(new JdkIo.Unlisted(), action("+0.1 observe epoll(e0) c1=EPOLLIN"));
    }

    @Test
    void causesAndRefusalsByExceptionClass() {
        assertEquals("close", JdkSyntax.cause("java.nio.channels.AsynchronousCloseException"));
        assertEquals("timeout", JdkSyntax.cause("java.nio.channels.InterruptedByTimeoutException"));
        assertEquals("other", JdkSyntax.cause("java.nio.channels.ClosedChannelException"));
        assertEquals("pending", JdkSyntax.refusal("java.nio.channels.ReadPendingException"));
        assertEquals("killed", JdkSyntax.refusal("java.lang.IllegalStateException"));
        assertEquals("other", JdkSyntax.refusal("none"));
    }

    @Test
    void callKindsAndFiles() {
        for (String s : List.of("read", "recvfrom", "recvmsg")) {
            assertEquals("read", JdkSyntax.how(s));
        }
        for (String s : List.of("epoll_wait", "epoll_pwait", "epoll_pwait2")) {
            assertEquals("epoll", JdkSyntax.how(s));
        }
        for (String s : List.of("poll", "ppoll", "select", "pselect6")) {
            assertEquals("poll", JdkSyntax.how(s));
        }
        assertEquals("other", JdkSyntax.how("io_getevents"));
        assertEquals("socket", JdkSyntax.fd("c0"));
        assertEquals("epoll", JdkSyntax.fd("e12"));
        assertEquals("other", JdkSyntax.fd("c1"));
    }

    @Test
    void syscallNumbersAndTheTcpWaitChannel() {
        // arch/x86/entry/syscalls/syscall_64.tbl, as /proc/self/task/TID/syscall gives them
        assertEquals("read", kpath.trace.SyscallNames.byNumber(0));
        assertEquals("futex", kpath.trace.SyscallNames.byNumber(202));
        assertEquals("epoll_wait", kpath.trace.SyscallNames.byNumber(232));
        assertEquals("rseq", kpath.trace.SyscallNames.byNumber(334));
        assertEquals("sys_335", kpath.trace.SyscallNames.byNumber(335));
        assertEquals("sys_423", kpath.trace.SyscallNames.byNumber(423));
        assertEquals("pidfd_send_signal", kpath.trace.SyscallNames.byNumber(424));
        assertEquals("io_uring_enter", kpath.trace.SyscallNames.byNumber(426));
        assertEquals("epoll_pwait2", kpath.trace.SyscallNames.byNumber(441));
        assertEquals("listns", kpath.trace.SyscallNames.byNumber(470));
        assertEquals("sys_471", kpath.trace.SyscallNames.byNumber(471));
        assertEquals("sys_-1", kpath.trace.SyscallNames.byNumber(-1));
        assertTrue(kpath.trace.Wchan.sleepsOnTcp("read", "wait_woken"));
        assertTrue(kpath.trace.Wchan.sleepsOnTcp("recvfrom", "wait_woken"));
        assertFalse(kpath.trace.Wchan.sleepsOnTcp("read", "unix_stream_read_generic"));
        assertTrue(kpath.trace.Wchan.sleepsOnTcp("epoll_wait", "do_epoll_wait"));
        assertFalse(kpath.trace.Wchan.sleepsOnTcp("epoll_wait", "wait_woken"));
    }

    @Test
    void theTlaFormulaOfEachAction() {
        assertEquals("Claim(\"blocking\", \"caller\")", JdkSyntax.tla(new JdkIo.Claim("blocking", "caller")));
        assertEquals("CallerReturned(TRUE)", JdkSyntax.tla(new JdkIo.Returned(true)));
        assertEquals("Sleeps(\"jdk\", \"epoll\", \"epoll\", FALSE)", JdkSyntax.tla(new JdkIo.Sleeps("jdk", "epoll", "epoll", false)));
        assertEquals("Interest(FALSE, TRUE)", JdkSyntax.tla(new JdkIo.Interest(false, true)));
        assertEquals("Kernel(TRUE)", JdkSyntax.tla(new JdkIo.Kernel(true)));
        assertEquals("DataArrives", JdkSyntax.tla(new JdkIo.Send()));
        assertEquals("CopyOnWaiter(\"caller\")", JdkSyntax.tla(new JdkIo.Complete("caller")));
        assertEquals("Refused(\"pending\", FALSE)", JdkSyntax.tla(new JdkIo.Refused("pending", false)));
        assertEquals("Refused(\"killed\", TRUE)", JdkSyntax.tla(new JdkIo.Refused("killed", true)));
        assertEquals("CloseCalled", JdkSyntax.tla(new JdkIo.Close()));
        assertEquals("Failed(\"jdk\", \"timeout\")", JdkSyntax.tla(new JdkIo.Failed("jdk", "timeout")));
        assertEquals("ItemRemovedOnClose", JdkSyntax.tla(new JdkIo.Unlisted()));
    }

    @Test
    void badInputNamesFileAndLine() throws Exception {
        assertEquals("t.trace:9: a jdk trace holds observations only (the JDK's own calls are hidden): read(c0, 4) = 3",
                bad("+0.1 read(c0, 4) = 3"));
        assertTrue(bad("+0.1 observe tcp_info(L) state=LISTEN").startsWith("t.trace:9: unknown observation 'tcp_info'"));
        assertEquals("t.trace:9: unknown key 'color' in observe send", bad("+0.1 observe send(p0) bytes=3 color=red"));
        assertEquals("t.trace:9: unknown key 'count' in observe send", bad("+0.1 observe send(p0) count=3"));
        assertEquals("t.trace:9: missing key 'bytes'", bad("+0.1 observe complete(c0) thread=caller"));
        assertTrue(bad("+0.1 observe api(c0) call=X model=kernel waiter=jdk").startsWith("t.trace:9: model 'kernel' is none of the five"));
        assertEquals("t.trace:9: waiter 'kernel' is none of [caller, jdk, none]", bad("+0.1 observe api(c0) call=X model=blocking waiter=kernel"));
        assertEquals("t.trace:9: missing key 'call'", bad("+0.1 observe api(c0) model=blocking waiter=caller"));
        assertEquals("t.trace:9: expected 0 or 1, not 'yes'", bad("+0.1 observe returned(caller) pending=yes"));
        assertEquals("t.trace:9: expected 0 or 1, not '2'", bad("+0.1 observe kernel(c0) nonblock=2 epolls=0 io_uring=0 aio=0"));
        assertEquals("t.trace:9: missing key 'nonblock'", bad("+0.1 observe kernel(c0) epolls=0 io_uring=0 aio=0"));
        assertEquals("t.trace:9: unknown system call 'sleepy'", bad("+0.1 observe task(caller) state=S wchan=x syscall=sleepy fd=c0"));
        assertEquals("t.trace:9: a thread is 'caller' or jdkN, not 'main'", bad("+0.1 observe task(main) state=S wchan=x syscall=read fd=c0"));
        assertEquals("t.trace:9: an epoll file is named eN, not 'ep'", bad("+0.1 observe epoll(ep) c0=EPOLLIN"));
        assertTrue(bad("+0.1 observe epoll(e0) c1=EPOLLFOO").startsWith("t.trace:9: bad epoll mask 'EPOLLFOO'"));
        assertEquals("t.trace:9: missing key 'baseline'", bad("+0.1 observe returned(caller) pending=1 syscr=4"));
        assertEquals("t.trace:9: expected a count, not 'x'", bad("+0.1 observe returned(caller) pending=1 syscr=x baseline=2"));
        assertEquals("t.trace:9: expected a count, not 'y'", bad("+0.1 observe returned(caller) pending=1 syscr=4 baseline=y"));
        assertEquals("t.trace:9: missing key 'call'", bad("+0.1 observe refused(caller) exception=E syscr=1 baseline=1"));
        assertEquals("t.trace:9: missing key 'exception'", bad("+0.1 observe refused(caller) call=R syscr=1 baseline=1"));
        assertEquals("t.trace:9: missing key 'syscr'", bad("+0.1 observe refused(caller) call=R exception=E baseline=1"));
        assertEquals("t.trace:9: missing key 'baseline'", bad("+0.1 observe refused(caller) call=R exception=E syscr=1"));
        assertEquals("t.trace:9: unknown key 'how' in observe close", bad("+0.1 observe close(caller) call=C how=x"));
        assertEquals("t.trace:9: missing key 'exception'", bad("+0.1 observe failed(c0) thread=jdk0"));
        assertEquals("t.trace:9: a thread is 'caller' or jdkN, not 'pool'", bad("+0.1 observe failed(c0) thread=pool exception=E"));
        assertTrue(bad("+0.1 observe epoll(e0) c0=EPOLLIN pipe0=EPOLLFOO").startsWith("t.trace:9: bad epoll mask 'EPOLLFOO'"));
        assertEquals("t.trace:9: expected a count, not '-1'", bad("+0.1 observe kernel(c0) nonblock=1 epolls=-1 io_uring=0 aio=0"));
        assertEquals("t.trace:9: expected a count, not 'x'", bad("+0.1 observe complete(c0) thread=caller bytes=x"));
        assertEquals("t.trace:9: missing key 'aio'", bad("+0.1 observe kernel(c0) nonblock=0 epolls=0 io_uring=0"));
    }

    @Test
    void whyNamesTheClaimAndTheTableRow() {
        List<String> w = JdkBinding.why(new JdkIo.State("wait", "asynchronous", "none", false),
                new JdkIo.Sleeps("jdk", "epoll", "epoll", true));
        assertEquals("claim model=asynchronous waiter=none: the none thread waits, but a jdk thread sleeps in epoll on epoll", w.get(0));
        assertTrue(w.get(1).startsWith("the table: asynchronous waits in none: the kernel waits (the caller does not sleep; "), w.get(1));
        assertEquals("a thread sleeps for data after the data came (phase copy)",
                JdkBinding.why(new JdkIo.State("copy", "blocking", "caller", true), new JdkIo.Sleeps("caller", "read", "socket", true)).get(0));
        assertEquals("a second claim; the trace already made one (claim model=blocking waiter=caller)",
                JdkBinding.why(new JdkIo.State("wait", "blocking", "caller", true), new JdkIo.Claim("blocking", "caller")).get(0));
        assertEquals(1, JdkBinding.why(JdkIo.INITIAL, new JdkIo.Send()).size());
        JdkIo.State pending = new JdkIo.State("wait", "multiplexed", "jdk", true);
        assertEquals("claim model=multiplexed waiter=jdk (phase wait): the refused read reached the kernel"
                + " (its read-family calls grew beyond the baseline)", JdkBinding.why(pending, new JdkIo.Refused("pending", true)).get(0));
        assertEquals("claim model=multiplexed waiter=jdk (phase wait): the read threw neither ReadPendingException nor IllegalStateException",
                JdkBinding.why(pending, new JdkIo.Refused("other", false)).get(0));
        assertEquals("claim model=blocking waiter=caller (phase wait): a read refused as pending here: the JDK refuses with"
                + " ReadPendingException only while a JDK read is pending, with IllegalStateException only after a timeout",
                JdkBinding.why(new JdkIo.State("wait", "blocking", "caller", true), new JdkIo.Refused("pending", false)).get(0));
        assertEquals("claim model=blocking waiter=caller (phase wait): a close with no JDK read pending",
                JdkBinding.why(new JdkIo.State("wait", "blocking", "caller", true), new JdkIo.Close()).get(0));
        assertEquals("claim model=multiplexed waiter=jdk (phase wait): a read failure for close on a jdk thread is not what"
                + " the JDK does here (a close's or a timeout's failure runs on a JDK thread, after the close or after the wait)",
                JdkBinding.why(pending, new JdkIo.Failed("jdk", "close")).get(0));
        assertEquals("claim model=multiplexed waiter=jdk (phase wait): the epoll file no longer lists the socket, yet it was not closed",
                JdkBinding.why(pending, new JdkIo.Unlisted()).get(0));
        assertEquals(2, JdkBinding.why(pending, new JdkIo.Unlisted()).size());
    }
}
