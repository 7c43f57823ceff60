package kpath.model.readiness;

import java.util.List;
import kpath.model.Transition;
import kpath.model.readiness.ReadinessAction.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helper: one process's readiness state, driven call by call. */
final class R {
    ReadinessState s = ReadinessState.initial();
    kpath.model.Rule last;
    private int next = 3;

    R call(ReadinessAction a, String ret) {
        List<Transition<ReadinessState>> ts = Readiness.successors(s, a);
        assertEquals(1, ts.size(), () -> a + " not enabled in " + s);
        s = ts.getFirst().next();
        last = ts.getFirst().rule();
        assertEquals(ret, s.ret(), () -> a + " [" + last + "]");
        return this;
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
        assertEquals(List.of(events), s.out());
        return this;
    }

    R poll(String fd, int events, String revents) {
        call(new Poll(List.of(new PollFd(fd, events))), revents.equals("0") ? "0" : "1");
        assertEquals(revents.equals("0") ? List.of() : List.of(fd + "=" + revents), s.out());
        return this;
    }

    R assertOut(String... out) {
        assertTrue(List.of(out).equals(s.out()), () -> "out " + s.out());
        return this;
    }
}
