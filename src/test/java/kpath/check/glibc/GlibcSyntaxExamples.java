package kpath.check.glibc;

import kpath.check.CheckException;
import kpath.model.glibc.GlibcAio;
import kpath.trace.Event;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How a glibc trace line becomes an action of the machine, for both checkers, and which lines are
 * bad input (a short message naming file:line). Method: parse one-line traces and map their event.
 */
class GlibcSyntaxExamples {

    static Event event(String line) throws Exception {
        Trace t = TraceReader.parse("kpath-trace 1\nscenario: s\nkernel: 6.18.44\narch: x86_64\nnetns: host\n"
                + "peer: loopback\npath: glibc\n\n" + line + "\n+1.0 end\n", "t.trace");
        return t.events().getFirst();
    }

    static GlibcAio.Action action(String line) throws Exception {
        return GlibcSyntax.action(event(line), "t.trace:9: ");
    }

    static String bad(String line) throws Exception {
        return assertThrows(CheckException.class, () -> action(line)).getMessage();
    }

    @Test
    void eachObservationIsOneAction() throws Exception {
        assertEquals(new GlibcAio.Claim("blocking", "helper", "thread"), action("+0.1 observe api(r0) call=aio_read model=blocking waiter=helper sigev=thread"));
        assertEquals(new GlibcAio.Claim("asynchronous", "none", "none"), action("+0.1 observe api(r0) call=aio_read model=asynchronous waiter=none sigev=none"));
        assertEquals(new GlibcAio.Submit("first", false, "EINVAL", 0),
                action("+0.1 observe queued(cb0) reqprio=21 ret=-1 errno=EINVAL error=EINVAL helpers=0"));
        assertEquals(new GlibcAio.Submit("first", false, "EINVAL", 0),
                action("+0.1 observe queued(cb0) reqprio=-1 ret=-1 errno=EINVAL error=EINVAL helpers=0"));
        assertEquals(new GlibcAio.Submit("first", false, "queued", 0),
                action("+0.1 observe queued(cb0) reqprio=99999999999 ret=0 error=EINPROGRESS helpers=0"));
        assertEquals(new GlibcAio.Submit("first", true, "EAGAIN", 0),
                action("+0.1 observe queued(cb0) reqprio=20 ret=-1 errno=EAGAIN error=EAGAIN helpers=0"));
        assertEquals(new GlibcAio.Submit("first", true, "other", 0),
                action("+0.1 observe queued(cb0) reqprio=0 ret=-1 errno=EINVAL error=EAGAIN helpers=0"));
        assertEquals(new GlibcAio.Submit("first", true, "other", 0),
                action("+0.1 observe queued(cb0) reqprio=0 ret=0 errno=EINVAL error=EINPROGRESS helpers=0"));
        assertEquals(new GlibcAio.Submit("second", true, "queued", 2),
                action("+0.1 observe queued(cb1) reqprio=0 ret=0 error=EINPROGRESS helpers=7"));
        assertEquals(new GlibcAio.Submit("first", true, "other", 1),
                action("+0.1 observe queued(cb0) reqprio=0 ret=1 error=EINPROGRESS helpers=1"));
        assertEquals(new GlibcAio.Sleeps("helper", "read", true, true),
                action("+0.1 observe task(helper0) comm=k state=S wchan=anon_pipe_read syscall=read fd=r0 count=100"));
        assertEquals(new GlibcAio.Sleeps("helper", "read", true, false),
                action("+0.1 observe task(helper3) comm=k state=R wchan=anon_pipe_read syscall=read fd=r0 count=100"));
        assertEquals(new GlibcAio.Sleeps("caller", "futex", false, true),
                action("+0.1 observe task(caller) comm=k state=S wchan=futex_do_wait syscall=futex"));
        assertEquals(new GlibcAio.Sleeps("notify", "other", false, true),
                action("+0.1 observe task(notify0) comm=k state=S wchan=do_epoll_wait syscall=epoll_wait"));
        assertEquals(new GlibcAio.Kernel(false), action("+0.1 observe kernel(r0) io_uring=0 aio=0"));
        assertEquals(new GlibcAio.Kernel(true), action("+0.1 observe kernel(r0) io_uring=1 aio=0"));
        assertEquals(new GlibcAio.Kernel(true), action("+0.1 observe kernel(r0) io_uring=0 aio=1"));
        assertEquals(new GlibcAio.Send(), action("+0.1 observe send(w0) bytes=3"));
        assertEquals(new GlibcAio.Suspended(true), action("+0.1 observe suspended(caller) ret=0"));
        assertEquals(new GlibcAio.Suspended(false), action("+0.1 observe suspended(caller) ret=-1 errno=EAGAIN"));
        assertEquals(new GlibcAio.Suspended(false), action("+0.1 observe suspended(caller) ret=1"));
        assertEquals(new GlibcAio.Done("first", "bytes"), action("+0.1 observe done(cb0) error=0 return=3"));
        assertEquals(new GlibcAio.Done("first", "other"), action("+0.1 observe done(cb0) error=0 return=0"));
        assertEquals(new GlibcAio.Done("second", "canceled"), action("+0.1 observe done(cb1) error=ECANCELED return=-1"));
        assertEquals(new GlibcAio.Done("second", "other"), action("+0.1 observe done(cb1) error=ECANCELED return=0"));
        assertEquals(new GlibcAio.Done("first", "inprogress"), action("+0.1 observe done(cb0) error=EINPROGRESS return=0"));
        assertEquals(new GlibcAio.Cancel("second", "AIO_CANCELED"), action("+0.1 observe cancel(cb1) ret=AIO_CANCELED"));
        assertEquals(new GlibcAio.Cancel("first", "other"), action("+0.1 observe cancel(cb0) ret=-1 errno=EBADF"));
        assertEquals(new GlibcAio.Notify("first", "notify", true), action("+0.1 observe notify(cb0) thread=notify1 fresh=1"));
        assertEquals(new GlibcAio.Notify("first", "helper", false), action("+0.1 observe notify(cb0) thread=helper0 fresh=0"));
        assertEquals(new GlibcAio.Masked(true), action("+0.1 observe sigmask(r0) signo=SIGRTMIN+3 threads=21 blocking=21"));
        assertEquals(new GlibcAio.Masked(false), action("+0.1 observe sigmask(r0) signo=SIGRTMIN+3 threads=21 blocking=20"));
        assertEquals(new GlibcAio.Masked(false), action("+0.1 observe sigmask(r0) signo=35 threads=0 blocking=0"));
        assertEquals(new GlibcAio.Signal("first", true), action("+0.1 observe signal(cb0) signo=SIGRTMIN+3 code=SI_ASYNCIO pid=self"));
        assertEquals(new GlibcAio.Signal("first", false), action("+0.1 observe signal(cb0) signo=SIGRTMIN+3 code=-1 pid=self"));
        assertEquals(new GlibcAio.Signal("second", false), action("+0.1 observe signal(cb1) signo=SIGRTMIN+3 code=SI_ASYNCIO pid=other"));
    }

    @Test
    void badLinesNameTheirLine() throws Exception {
        assertTrue(bad("+0.1 observe bogus(r0) a=1").startsWith("t.trace:9: unknown observation 'bogus'"));
        assertTrue(bad("+0.1 observe send(w0) bytes=3 extra=1").contains("unknown key 'extra' in observe send"));
        assertTrue(bad("+0.1 observe api(r0) call=x model=fast waiter=helper sigev=none").contains("model 'fast' is none of the five"));
        assertTrue(bad("+0.1 observe api(r0) call=x model=blocking waiter=jdk sigev=none").contains("waiter 'jdk' is none of"));
        assertTrue(bad("+0.1 observe api(r0) call=x model=blocking waiter=helper sigev=sig").contains("sigev is one of [none, thread, signal]"));
        assertTrue(bad("+0.1 observe api(r0) model=blocking waiter=helper sigev=none").contains("missing key 'call'"));
        assertTrue(bad("+0.1 observe queued(cb2) reqprio=0 ret=0 error=EINPROGRESS helpers=1").contains("a request is cb0 or cb1"));
        assertTrue(bad("+0.1 observe queued(cb0) reqprio=x ret=0 error=EINPROGRESS helpers=1").contains("expected a number, not 'x'"));
        assertTrue(bad("+0.1 observe queued(cb0) reqprio=0 ret=0 error=EINPROGRESS helpers=-1").contains("expected a count"));
        assertTrue(bad("+0.1 observe task(jdk0) comm=k state=S wchan=x syscall=read").contains("a thread is 'caller', helperN or notifyN"));
        assertTrue(bad("+0.1 observe task(caller) comm=k state=S wchan=x syscall=nosuch").contains("unknown system call 'nosuch'"));
        assertTrue(bad("+0.1 observe notify(cb0) thread=notify0 fresh=2").contains("expected 0 or 1, not '2'"));
        assertTrue(bad("+0.1 read(r0, 4096) = 3").contains("a glibc trace holds observations only"));
        assertTrue(bad("+0.1 observe signal(cb0) signo=SIGBOGUS code=SI_ASYNCIO pid=self").contains("no signal 'SIGBOGUS'"));
        assertTrue(bad("+0.1 observe sigmask(r0) signo=99 threads=1 blocking=1").contains("no signal '99'"));
        assertTrue(bad("+0.1 observe sigmask(r0) signo=0 threads=1 blocking=1").contains("no signal '0'"));
        assertTrue(bad("+0.1 observe sigmask(r0) signo=65 threads=1 blocking=1").contains("no signal '65'"));
        assertEquals(new GlibcAio.Masked(true), action("+0.1 observe sigmask(r0) signo=1 threads=1 blocking=1"));
        assertEquals(new GlibcAio.Masked(true), action("+0.1 observe sigmask(r0) signo=64 threads=1 blocking=1"));
    }

    @Test
    void actionsAreTheSpecsFormulas() throws Exception {
        assertEquals("Claim(\"blocking\", \"helper\", \"signal\")", GlibcSyntax.tla(new GlibcAio.Claim("blocking", "helper", "signal")));
        assertEquals("Masked(TRUE)", GlibcSyntax.tla(new GlibcAio.Masked(true)));
        assertEquals("Signal(\"first\", FALSE)", GlibcSyntax.tla(new GlibcAio.Signal("first", false)));
        assertEquals("Submit(\"first\", FALSE, \"EINVAL\", 0)", GlibcSyntax.tla(new GlibcAio.Submit("first", false, "EINVAL", 0)));
        assertEquals("Sleeps(\"caller\", \"futex\", FALSE, TRUE)", GlibcSyntax.tla(new GlibcAio.Sleeps("caller", "futex", false, true)));
        assertEquals("Kernel(FALSE)", GlibcSyntax.tla(new GlibcAio.Kernel(false)));
        assertEquals("DataArrives", GlibcSyntax.tla(new GlibcAio.Send()));
        assertEquals("Suspended(TRUE)", GlibcSyntax.tla(new GlibcAio.Suspended(true)));
        assertEquals("Done(\"second\", \"canceled\")", GlibcSyntax.tla(new GlibcAio.Done("second", "canceled")));
        assertEquals("Cancel(\"first\", \"AIO_ALLDONE\")", GlibcSyntax.tla(new GlibcAio.Cancel("first", "AIO_ALLDONE")));
        assertEquals("Notify(\"first\", \"notify\", TRUE)", GlibcSyntax.tla(new GlibcAio.Notify("first", "notify", true)));
    }
}
