package kpath.model.proc;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.ProcState.SigInfo;
import kpath.model.proc.ProcState.Signals;
import kpath.uapi.Mask;
import kpath.uapi.SigPoll;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * rt_sigaction and io_pgetevents' swapped mask (kernel/signal.c do_sigaction, get_signal; fs/aio.c
 * io_pgetevents): what each signal let through does, and what the call returns.
 */
class SignalDeliveryExamples {
    private static final int SIGIO = 29, SIGURG = 23, RT = 35;
    private static final TreeSet<Integer> NONE = new TreeSet<>();

    private static Sigmasked masked(int min, Set<Integer> mask) {
        return new Sigmasked(new IoUringEnter("u0", List.of(), min, true), mask == null ? null : new TreeSet<>(mask), 8);
    }

    private static Sigmasked pget(int minNr, Set<Integer> mask, long size) {
        return new Sigmasked(new IoGetevents("a0", minNr, 1), mask == null ? null : new TreeSet<>(mask), size);
    }

    /** A context a0 and a pipe r0/w0 whose SIGIO (or {@code sig}) goes to the main task. */
    private static R owned(int sig) {
        R r = new R().pipe("r0", "w0").call(new IoSetup(4, "a0"), "0");
        r.call(new Fcntl("r0", "F_SETOWN_EX", 0), "0");
        if (sig != 0) {
            r.call(new Fcntl("r0", "F_SETSIG", sig), "0");
        }
        return r.call(new Fcntl("r0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC), "0");
    }

    private static Sigtimedwait waitFor(int sig) {
        return new Sigtimedwait(new TreeSet<>(Set.of(sig)));
    }

    @Example
    void aMaskThatKeepsTheSignalBlockedOrNoUsigLetsNothingThrough() {
        R r = owned(0).call(new Sigaction(SIGIO, "handler"), "0").expect(SigactionOk).write("w0", 1);
        r.call(pget(0, Set.of(SIGIO), 8), "0").expect(IoGeteventsOk);
        r.call(pget(0, null, 3), "0").expect(IoGeteventsOk); // a NULL usig has no sigsetsize to check
        assertTrue(r.s.sigio().plain());
        r.call(waitFor(SIGIO), "SIGIO").expect(SigioTaken);
    }

    @Example
    void aBadSigsetsizeIsEinvalBeforeTheContextIsLookedUp() {
        R r = owned(0).write("w0", 1);
        r.call(new Sigmasked(new IoGetevents("a9", 0, 1), NONE, 7), "EINVAL").expect(SigmaskEinval);
        r.call(new Sigmasked(new IoGetevents("a9", 0, 1), new TreeSet<>(Set.of(SIGIO)), 8), "EINVAL").expect(AioEinval);
        assertTrue(r.s.sigio().plain(), "no mask swapped in: nothing delivered");
        assertEquals("io_pgetevents(a9, 0, 1, 0, [], 7)", new Sigmasked(new IoGetevents("a9", 0, 1), NONE, 7).toString());
    }

    @Example
    void withAHandlerNoEventMeansEintrAndTheSignalIsGone() {
        R r = owned(0).call(new Sigaction(SIGIO, "handler"), "0").write("w0", 1);
        r.call(pget(0, NONE, 8), "EINTR").expect(SignalEintr);
        assertEquals(List.of(), r.out());
        assertFalse(r.s.sigio().plain());
        r.call(waitFor(SIGIO), "EAGAIN");
        r.call(pget(0, NONE, 8), "0").expect(IoGeteventsOk);
    }

    @Example
    void eventsTakenStandAndTheSignalIsDeliveredAnyway() {
        R r = owned(0).call(new Sigaction(SIGIO, "handler"), "0");
        r.call(new IoSubmit("a0", 7, "r0", Mask.IN), "1").write("w0", 1);
        r.call(pget(0, NONE, 8), "1").expect(IoPgeteventsSignalled);
        assertFalse(r.s.sigio().plain());
        r.call(new Read("r0", 1), "1").write("w0", 1);
        r.call(pget(2, NONE, 8), "EINVAL").expect(IoPgeteventsSignalled); // min_nr above nr: the errno stands
        assertFalse(r.s.sigio().plain());
    }

    @Example
    void anIgnoredSignalIsQueuedWhileBlockedAndRestartsTheCall() {
        R r = owned(0).call(new Sigaction(SIGIO, "SIG_IGN"), "0").write("w0", 1);
        assertTrue(r.s.sigio().plain(), "blocked, so queued although ignored (kernel/signal.c sig_ignored)");
        r.call(pget(0, NONE, 8), "0").expect(SignalRestarted);
        assertFalse(r.s.sigio().plain());
        assertEquals(new CopyOut.AioEvents(List.of()), r.s.out(), "the restarted call copies out what io_getevents does");
    }

    @Example
    void aFatalDefaultActionHasNoSuccessor() {
        R r = owned(0).write("w0", 1);
        assertEquals(List.of(), Proc.successors(r.s, pget(0, NONE, 8)), "SIGIO's SIG_DFL ends the process: not modelled");
        r.call(new Sigaction(SIGIO, "handler"), "0").call(new Sigaction(SIGIO, "SIG_DFL"), "0");
        assertTrue(r.s.sigio().plain(), "SIG_DFL of a signal that is not ignored by default discards nothing");
        assertEquals(List.of(), Proc.successors(r.s, pget(0, NONE, 8)));
    }

    @Example
    void aHandlerTakesOneRealTimeInstancePerRun() {
        R r = owned(RT).call(new Sigaction(RT, "handler"), "0").write("w0", 1).write("w0", 1);
        assertEquals(2, r.s.sigio().queue().size());
        r.call(pget(0, NONE, 8), "EINTR");
        assertEquals(1, r.s.sigio().queue().size());
        r.call(pget(0, NONE, 8), "EINTR");
        assertEquals(List.of(), r.s.sigio().queue());
    }

    @Example
    void sigIgnDiscardsEveryPendingInstance() {
        R r = owned(RT).call(new Sigaction(RT, "handler"), "0").write("w0", 1).write("w0", 1);
        r.call(new Sigaction(RT, "SIG_IGN"), "0").expect(SigactionOk);
        assertEquals(List.of(), r.s.sigio().queue());
        assertEquals(Set.of(RT), r.s.sigio().ignored());
        assertEquals(Set.of(), r.s.sigio().handled());
        r.call(new Sigaction(RT, "handler"), "0");
        assertEquals(Set.of(), r.s.sigio().ignored());
        assertEquals(Set.of(RT), r.s.sigio().handled());
    }

    @Example
    void sigkillAndSigstopAreEinvalAndTheLastSignalIsNot() {
        R r = new R();
        for (int sig : new int[] {9, 19}) { // as completion/aio-pgetevents-sigmask measured them
            r.call(new Sigaction(sig, "handler"), "EINVAL").expect(SigactionEinval);
        }
        r.call(new Sigaction(64, "handler"), "0").call(new Sigaction(SIGIO, "SIG_IGN"), "0");
        assertEquals(Set.of(64), r.s.sigio().handled());
        assertEquals(Set.of(SIGIO), r.s.sigio().ignored());
    }

    @Example
    void getSignalDropsIgnoredOnesAndHandlesTheRestLowestFirst() {
        SigInfo rt = new SigInfo(RT, SigPoll.POLL_IN, "r0", SigPoll.POLL_IN.band());
        Signals s = new Signals(true, true, List.of(rt, rt), -1, Set.of(SIGIO), Set.of());
        assertEquals(new TreeSet<>(Set.of(SIGURG, SIGIO, RT)), SignalDelivery.through(s, Set.of()));
        assertEquals(new TreeSet<>(Set.of(SIGURG)), SignalDelivery.through(s, Set.of(SIGIO, RT)));
        assertNull(SignalDelivery.deliver(s, SignalDelivery.through(s, Set.of())), "35's SIG_DFL ends the process");
        SignalDelivery.Delivered d = SignalDelivery.deliver(s, SignalDelivery.through(s, Set.of(RT)));
        assertTrue(d.handler());
        assertEquals(new Signals(false, false, List.of(rt, rt), -1, Set.of(SIGIO), Set.of()), d.after(),
                "SIGURG dropped (ignored by default), SIGIO handled, 35 still blocked");
        Signals urg = new Signals(true, true, List.of(), -1, Set.of(SIGIO), Set.of());
        assertEquals(new Signals(false, true, List.of(), -1, Set.of(SIGIO), Set.of()),
                SignalDelivery.deliver(urg, SignalDelivery.through(urg, Set.of(SIGURG))).after(), "SIGURG kept blocked stays");
        Signals ign = new Signals(false, true, List.of(rt, rt), -1, Set.of(), Set.of(RT));
        SignalDelivery.Delivered e = SignalDelivery.deliver(ign, SignalDelivery.through(ign, Set.of()));
        assertFalse(e.handler());
        assertEquals(new Signals(false, false, List.of(), -1, Set.of(), Set.of(RT)), e.after(), "every ignored instance dropped");
    }

    @Example
    void ioUringEnterReadsItsSigsetOnlyWhenItWouldWait() {
        R r = owned(0).call(new IoUringSetup("u0", 6, 4), "u0:6").call(new Sigaction(SIGIO, "SIG_IGN"), "0").write("w0", 1);
        Sigmasked one = new Sigmasked(new IoUringEnter("u0", List.of(Sqe.nop(1)), 1, true), NONE, 7);
        r.call(one, "1").expect(IoUringEnterOk); // met at once: the bad size is never looked at
        assertTrue(r.s.sigio().plain(), "nor the mask: SIGIO stays");
        reaps(r, 1);
        r.call(new Sigmasked(new IoUringEnter("u0", List.of(), 1, true), NONE, 7), "EINVAL").expect(IoCqringWaitEinval);
        r.call(new Sigmasked(new IoUringEnter("u0", List.of(Sqe.nop(2)), 2, true), NONE, 7), "1").expect(IoCqringWaitEinval);
        r.call(new Sigmasked(new IoUringEnter("u0", List.of(), 2, true), NONE, 8), "0").expect(IoCqringWaitEintr);
        assertFalse(r.s.sigio().plain(), "ignored, dropped on the way out, and still no restart");
        reaps(r, 1);
        assertEquals(List.of(), Proc.successors(r.s, new Sigmasked(new IoUringEnter("u0", List.of(), 1, true), NONE, 8)),
                "nothing let through: it would sleep, a task's call");
        r.write("w0", 1);
        r.call(new Sigmasked(new IoUringEnter("u0", List.of(), 1, true), NONE, 8), "EINTR").expect(IoCqringWaitEintr);
        r.write("w0", 1);
        assertEquals(List.of(), Proc.successors(r.s, masked(1, Set.of(SIGIO))));
        assertEquals(List.of(), Proc.successors(r.s, new Sigmasked(new IoUringEnter("u0", List.of(), 1, true), null, 0)));
    }

    /** The application reaps u0 and finds {@code n} CQEs (a reap is no syscall: ret stays). */
    private static void reaps(R r, int n) {
        r.call(new CqReap("u0"), r.s.ret());
        assertEquals(n, ((CopyOut.Reaped) r.s.out()).cqes().size());
    }
}
