package kpath.model.readiness;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kpath.model.Transition;
import kpath.model.proc.CopyOut;
import kpath.model.proc.Proc;
import kpath.model.proc.ProcAction;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.ProcRule;
import kpath.model.proc.ProcState;
import kpath.uapi.Mask;
import kpath.uapi.Signal;
import net.jqwik.api.Example;

import static kpath.model.readiness.ReadinessModelExamples.after;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Urgent data on loopback TCP (TcpLoopback.sendOob, Fasync.sendSigurg): send(MSG_OOB) from c0 makes
 * SIGURG pending for a0's owner, with or without O_ASYNC, and nothing without one; with O_ASYNC the
 * POLL_PRI of SOCK_WAKE_URG is sent only under F_SETSIG; the byte makes a0 POLLPRI, is not a read's,
 * and makes a0's close a RST. Values as the spec's records, as ReadinessModelExamples reads them.
 */
class SigurgStateExamples {

    static final int URG = Signal.SIGURG.number();
    static final int IO = Signal.SIGIO.number();
    static final int RT = Signal.SIGRTMIN.number() + 3;
    static final ReadinessModel VIEW = new ReadinessModel(new ReadinessModel.Bounds(List.of(), List.of()));

    /** l0 listening, c0 connected to it, a0 accepted. */
    static ProcState pair(ProcAction... then) {
        ProcState s = after(ProcState.initial(), new Socket("l0", 3), new Socket("c0", 4), new Listen("l0", 8),
                new Connect("c0", "l0"), new Accept4("l0", "a0", 5));
        return after(s, then);
    }

    static Sigtimedwait take() {
        return new Sigtimedwait(new TreeSet<>(Set.of(URG, IO, RT)));
    }

    static Transition<ProcState> only(ProcState s, ProcAction a) {
        List<Transition<ProcState>> ts = Proc.successors(s, a);
        assertEquals(1, ts.size(), a::toString);
        return ts.getFirst();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> sigio(ProcState s) {
        return (Map<String, Object>) VIEW.variables(s).get("sigio");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> file(ProcState s, String f) {
        return ((Map<String, Map<String, Object>>) VIEW.variables(s).get("files")).get(f);
    }

    static Map<String, Object> siginfo(int signo, String code, String fd, Set<String> band) {
        return Map.of("signo", signo, "code", code, "fd", fd, "band", band);
    }

    @Example
    void anOwnerWithoutOAsyncGetsSigurgAlone() {
        ProcState s = pair(new Fcntl("a0", "F_SETOWN_EX", 0));
        Transition<ProcState> t = only(s, new SendOob("c0", 1));
        assertEquals(ProcRule.SendOobTcp, t.rule());
        assertEquals(1L, VIEW.variables(t.next()).get("ret"));
        assertEquals(Map.of("plain", false, "urg", true, "queue", List.of(), "limit", -1L, "handled", new java.util.TreeSet<>(), "ignored", new java.util.TreeSet<>()), sigio(t.next()));
        assertEquals(true, file(t.next(), "l0.c0").get("urg"));
        assertEquals(0L, file(t.next(), "l0.c0").get("rcvBytes"), "the urgent byte is out of band");
        Transition<ProcState> w = only(t.next(), take());
        assertEquals(ProcRule.SigurgTaken, w.rule());
        assertEquals((long) URG, VIEW.variables(w.next()).get("ret"));
        assertEquals(siginfo(URG, "SI_KERNEL", "", Set.of()), VIEW.variables(w.next()).get("out"));
        assertEquals(false, sigio(w.next()).get("urg"));
        assertEquals(ProcRule.SigtimedwaitEagain, only(w.next(), take()).rule());
    }

    @Example
    void sigurgIsTakenBeforeSigioAndNotWithoutItsNumberInTheSet() {
        ProcState s = pair(new Fcntl("a0", "F_SETOWN_EX", 0), new Fcntl("a0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC),
                new SendOob("c0", 1));
        assertEquals(Map.of("plain", true, "urg", true, "queue", List.of(), "limit", -1L, "handled", new java.util.TreeSet<>(), "ignored", new java.util.TreeSet<>()), sigio(s),
                "plain SIGIO for the POLL_INs; SOCK_WAKE_URG's POLL_PRI skipped, the signal being 0");
        Sigtimedwait sigioOnly = new Sigtimedwait(new TreeSet<>(Set.of(IO)));
        assertEquals(ProcRule.SigioTaken, only(s, sigioOnly).rule());
        ProcState t = only(s, take()).next();
        assertEquals((long) URG, VIEW.variables(t).get("ret"));
        assertEquals(ProcRule.SigioTaken, only(t, take()).rule());
    }

    @Example
    void underFSetsigTheUrgentByteQueuesPollPriThenTwoPollIn() {
        ProcState s = pair(new Fcntl("a0", "F_SETOWN_EX", 0), new Fcntl("a0", "F_SETSIG", RT),
                new Fcntl("a0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC), new SendOob("c0", 1));
        Set<String> in = Set.of("IN", "RDNORM");
        assertEquals(Map.of("plain", false, "urg", true, "limit", -1L, "queue", List.of(
                siginfo(RT, "POLL_PRI", "a0", Set.of("PRI", "RDBAND")), siginfo(RT, "POLL_IN", "a0", in),
                siginfo(RT, "POLL_IN", "a0", in)), "handled", new java.util.TreeSet<>(), "ignored", new java.util.TreeSet<>()), sigio(s));
    }

    @Example
    void withoutAnOwnerNothingIsPendingEvenUnderOAsync() {
        ProcState s = pair(new Fcntl("a0", "F_SETSIG", RT), new Fcntl("a0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC),
                new SendOob("c0", 1));
        assertEquals(Map.of("plain", false, "urg", false, "queue", List.of(), "limit", -1L, "handled", new java.util.TreeSet<>(), "ignored", new java.util.TreeSet<>()), sigio(s));
        assertEquals(true, file(s, "l0.c0").get("urg"));
    }

    @Example
    void theUrgentByteMakesThePeerPollPriAndItsCloseARst() {
        ProcState s = pair(new SendOob("c0", 1));
        ProcState p = only(s, new Poll(List.of(new PollFd("a0", Mask.IN | Mask.PRI)))).next();
        assertEquals(new CopyOut.Revents(List.of(new CopyOut.PollRevents("a0", Mask.PRI))), p.out(), "PRI, not IN");
        ProcState closed = only(s, new Close("a0")).next();
        assertEquals("ECONNRESET", file(closed, "c0").get("err"), "the unread urgent byte makes a RST");
    }

    @Example
    void whatIsNotModelledHasNoStep() {
        ProcState s = pair(new SendOob("c0", 1));
        assertTrue(Proc.successors(s, new Read("a0", 1)).isEmpty(), "a read past the urgent byte");
        assertTrue(Proc.successors(s, new SendOob("c0", 1)).isEmpty(), "a second urgent byte");
        assertTrue(Proc.successors(pair(), new SendOob("c0", 2)).isEmpty(), "bytes before the urgent one");
        ProcState u = after(ProcState.initial(), new Socketpair("s0", 3, "s1", 4));
        assertTrue(Proc.successors(u, new SendOob("s0", 1)).isEmpty(), "AF_UNIX's MSG_OOB");
    }

    @Example
    void aBlockingReaderOfTheUrgentByteIsNotModelledEither() {
        ProcState s = pair(new SendOob("c0", 1), new Fcntl("a0", "F_SETFL", 0), new TaskCall("t1", new Read("a0", 1), -1));
        assertTrue(Proc.successors(s, new TaskRun("t1")).isEmpty(), "sk_wait_data after skipping the byte: not modelled");
    }

    @Example
    void anUrgentByteToAClosedPeerIsNotModelled() {
        assertTrue(Proc.successors(pair(new Close("a0")), new SendOob("c0", 1)).isEmpty(), "the orphan's RST");
    }

    @Example
    void errorsComeFirst() {
        ProcState p = after(ProcState.initial(), new Pipe2("r0", 3, "w0", 4));
        assertEquals(ProcRule.SockEnotsock, only(p, new SendOob("w0", 1)).rule());
        assertEquals(ProcRule.Ebadf, only(p, new SendOob("zz", 1)).rule());
        ProcState shut = pair(new Shutdown("c0", Shutdown.SHUT_WR));
        assertEquals(ProcRule.IoEpipe, only(shut, new SendOob("c0", 1)).rule());
    }
}
