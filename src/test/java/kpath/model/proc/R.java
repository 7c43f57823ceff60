package kpath.model.proc;

import java.util.List;
import kpath.model.Transition;
import kpath.model.proc.ProcAction.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helper: one process's readiness state, driven call by call. */
final class R {
    ProcState s = ProcState.initial();
    kpath.model.Rule last;
    private int next = 3;

    /** Applies {@code a}, which must return {@code ret} written as a trace writes it (EAGAIN, 3, r0:7,w0:8, SIGIO). */
    R call(ProcAction a, String ret) {
        call(a, value(ret));
        if (ret.contains(",")) { // pipe2, socketpair: the fds copied out
            String[] p = ret.split(",");
            assertEquals(new CopyOut.FdPair(Integer.parseInt(p[0].split(":")[1]), Integer.parseInt(p[1].split(":")[1])), s.out());
        }
        return this;
    }

    R call(ProcAction a, long ret) {
        List<Transition<ProcState>> ts = Proc.successors(s, a);
        assertEquals(1, ts.size(), () -> a + " not enabled in " + s);
        s = ts.getFirst().next();
        last = ts.getFirst().rule();
        assertEquals(ret, s.ret(), () -> a + " [" + last + "]");
        if (Aio.fputDue(s) && !IoPoll.due(s)) { // the fput task work runs before the call returns to user space
            s = Proc.successors(s, new IoUringTaskWork()).getFirst().next();
        }
        return this;
    }

    /** A return value written as a trace writes it, as the kernel returns it. */
    static long value(String text) {
        kpath.trace.Result r = text.startsWith("E") ? kpath.trace.Result.error(text) : kpath.trace.Result.ok(text);
        return java.util.Objects.requireNonNull(kpath.check.readiness.ReadinessReturns.value(r), text);
    }

    /** What a call copied out, as the trace's observe lines write it (r0=EPOLLIN, rd=s0|s1, value=2). */
    static List<String> text(CopyOut o) {
        return switch (o) {
            case CopyOut.None x -> List.of();
            case CopyOut.Events e -> e.events().stream().map(x -> x.data() + "=" + kpath.uapi.Mask.text(x.events(), "EPOLL")).toList();
            case CopyOut.Revents e -> e.revents().stream().map(x -> x.fd() + "=" + kpath.uapi.Mask.text(x.revents(), "POLL")).toList();
            case CopyOut.FdSets f -> List.of("rd=" + join(f.rd()), "wr=" + join(f.wr()), "ex=" + join(f.ex()));
            case CopyOut.Value v -> List.of("value=" + v.value());
            case CopyOut.FdPair p -> List.of("fds=" + p.first() + "," + p.second());
            case CopyOut.AioEvents a -> a.events().stream().map(e -> e.data() + ":" + e.res()).toList();
            case CopyOut.Params p -> List.of("sq_entries=" + p.sqEntries(), "cq_entries=" + p.cqEntries(),
                    "features=0x" + Integer.toHexString(p.features()));
            case CopyOut.Owner x -> List.of("type=" + x.type(), "pid=" + x.pid());
            case CopyOut.SigInfo x -> List.of("si_signo=" + kpath.uapi.Signal.text(x.signo()), "si_code=" + x.code(),
                    "si_fd=" + x.fd(), "si_band=" + kpath.uapi.Mask.text(x.band(), "POLL"));
            case CopyOut.Reaped r -> List.of("cqes=" + (r.cqes().isEmpty() ? "-" : String.join(",", r.cqes().stream()
                    .map(c -> c.userData() + ":" + c.res() + ":" + c.flags()).toList())),
                    "sq_flags=" + (r.cqOverflowFlag() ? "IORING_SQ_CQ_OVERFLOW" : "0"), "cq_overflow=" + r.dropped());
        };
    }

    private static String join(java.util.Set<String> s) {
        return s.isEmpty() ? "-" : String.join("|", s);
    }

    /** The last call's copy-out as text. */
    List<String> out() {
        return text(s.out());
    }

    R expect(kpath.model.Rule rule) {
        assertEquals(rule, last);
        return this;
    }

    R pipe(String r, String w) {
        return call(new Pipe2(r, next++, w, next++), r + ":" + (next - 2) + "," + w + ":" + (next - 1));
    }

    R pair(String a, String b) {
        return call(new Socketpair(a, next++, b, next++), a + ":" + (next - 2) + "," + b + ":" + (next - 1));
    }

    R eventfd(String v, long init, boolean sem) {
        return call(new Eventfd(v, next++, init, sem), v + ":" + (next - 1));
    }

    R epoll(String e) {
        return call(new EpollCreate1(e, next++), e + ":" + (next - 1));
    }

    R add(String e, String fd, int events) {
        return call(new EpollCtl(e, Op.EPOLL_CTL_ADD, fd, events), "0");
    }

    R ctl(String e, Op op, String fd, int events, String ret) {
        return call(new EpollCtl(e, op, fd, events), ret);
    }

    R write(String fd, long n) {
        return call(new Write(fd, n), String.valueOf(n));
    }

    /** epoll_wait(e, max, 0) reporting exactly {@code events} in order. */
    R waitFor(String e, int max, String... events) {
        call(new EpollWait(e, max), String.valueOf(events.length));
        assertEquals(List.of(events), out());
        return this;
    }

    R poll(String fd, int events, String revents) {
        call(new Poll(List.of(new PollFd(fd, events))), revents.equals("0") ? "0" : "1");
        assertEquals(revents.equals("0") ? List.of() : List.of(fd + "=" + revents), out());
        return this;
    }

    R assertOut(String... out) {
        assertTrue(List.of(out).equals(out()), () -> "out " + out());
        return this;
    }
}
