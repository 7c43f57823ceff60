package kpath.model.glibc;

import java.util.List;
import kpath.model.glibc.GlibcAio.Action;
import kpath.model.glibc.GlibcAio.Cancel;
import kpath.model.glibc.GlibcAio.Claim;
import kpath.model.glibc.GlibcAio.Done;
import kpath.model.glibc.GlibcAio.Kernel;
import kpath.model.glibc.GlibcAio.Notify;
import kpath.model.glibc.GlibcAio.Send;
import kpath.model.glibc.GlibcAio.Sleeps;
import kpath.model.glibc.GlibcAio.State;
import kpath.model.glibc.GlibcAio.Submit;
import kpath.model.glibc.GlibcAio.Suspended;
import kpath.model.Transition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The glibc machine step by step: the two captured stories explained rule by rule, and each
 * guard of each rule shown closed by the smallest change to an enabled step (what PIT mutates).
 */
class GlibcAioExamples {

    static final GlibcAio M = new GlibcAio();

    static State step(State s, Action a, String rule) {
        List<Transition<State>> t = M.successors(s, a);
        assertEquals(1, t.size(), () -> a + " in " + s);
        assertEquals(rule, t.getFirst().rule().name());
        return t.getFirst().next();
    }

    static void closed(State s, Action a) {
        assertEquals(List.of(), M.successors(s, a), () -> a + " in " + s);
    }

    static State claimed(String model, String waiter, String sigev) {
        return step(GlibcAio.INITIAL, new Claim(model, waiter, sigev), "Claim");
    }

    /** The read of glibc-aio-read-pipe up to the helper and the suspended caller asleep. */
    static State waiting() {
        State s = claimed("blocking", "helper", "none");
        s = step(s, new Submit("first", false, "EINVAL", 0), "ReqprioRefused");
        s = step(s, new Submit("first", true, "queued", 1), "QueuedToNewHelper");
        s = step(s, new Sleeps("helper", "read", true, true), "HelperSleepsInRead");
        return step(s, new Sleeps("caller", "futex", false, true), "SuspendSleeps");
    }

    @Test
    void theReadStoryIsExplainedAndEnds() {
        State s = waiting();
        assertTrue(s.sawWait());
        assertEquals("asleep", s.suspend());
        s = step(s, new Kernel(false), "NoKernelRing");
        assertFalse(GlibcAio.ends(s));
        s = step(s, new Send(), "DataArrives");
        assertEquals("copy", s.phase());
        s = step(s, new Suspended(true), "SuspendWoken");
        assertFalse(GlibcAio.ends(s), "the result is not read yet");
        s = step(s, new Done("first", "bytes"), "ReadDone");
        assertTrue(GlibcAio.ends(s));
        assertEquals(List.of("masked", "model", "nFirst", "nSecond", "phase", "queued", "sawWait", "second", "sigev", "suspend", "waiter"),
                List.copyOf(M.variables(s).keySet()));
        assertEquals("done", M.variables(s).get("phase"));
    }

    @Test
    void theCancelStoryIsExplainedAndEnds() {
        State s = claimed("blocking", "helper", "thread");
        s = step(s, new Submit("first", true, "queued", 1), "QueuedToNewHelper");
        s = step(s, new Submit("second", true, "queued", 1), "QueuedBehindRunning");
        s = step(s, new Sleeps("helper", "read", true, true), "HelperSleepsInRead");
        s = step(s, new Cancel("second", "AIO_CANCELED"), "CancelQueued");
        s = step(s, new Done("second", "canceled"), "CanceledResult");
        assertEquals("reported", s.second());
        s = step(s, new Notify("second", "notify", true), "NotifyOnNewThread");
        assertTrue(s.nSecond());
        closed(s, new Notify("second", "notify", true));
        s = step(s, new Cancel("first", "AIO_NOTCANCELED"), "CancelRunning");
        s = step(s, new Send(), "DataArrives");
        closed(s, new Cancel("first", "AIO_NOTCANCELED"));
        s = step(s, new Notify("first", "notify", true), "NotifyOnNewThread");
        assertTrue(s.nFirst());
        closed(s, new Notify("first", "notify", true));
        s = step(s, new Done("first", "bytes"), "ReadDone");
        s = step(s, new Cancel("first", "AIO_ALLDONE"), "CancelDone");
        assertTrue(GlibcAio.ends(s));
    }

    @Test
    void theSignalStoryIsExplainedAndEnds() {
        State s = claimed("blocking", "helper", "signal");
        s = step(s, new Submit("first", true, "queued", 1), "QueuedToNewHelper");
        s = step(s, new Sleeps("helper", "read", true, true), "HelperSleepsInRead");
        closed(s, new GlibcAio.Masked(false));
        s = step(s, new GlibcAio.Masked(true), "SignalBlockedEverywhere");
        assertTrue(s.masked());
        closed(s, new GlibcAio.Masked(true));
        s = step(s, new Kernel(false), "NoKernelRing");
        closed(s, new GlibcAio.Signal("first", true)); // before the data
        s = step(s, new Send(), "DataArrives");
        closed(s, new GlibcAio.Signal("first", false));
        closed(s, new GlibcAio.Signal("second", true));
        closed(s, new Notify("first", "notify", true)); // a signal was asked for, not a thread
        s = step(s, new GlibcAio.Signal("first", true), "SignalQueued");
        closed(s, new GlibcAio.Signal("first", true));
        assertFalse(GlibcAio.ends(s));
        s = step(s, new Done("first", "bytes"), "ReadDone");
        assertTrue(GlibcAio.ends(s));
        // unmasked, the signal is no evidence; a mask reading needs a SIGEV_SIGNAL request queued
        State unmasked = step(step(step(claimed("blocking", "helper", "signal"), new Submit("first", true, "queued", 1), "QueuedToNewHelper"),
                new Sleeps("helper", "read", true, true), "HelperSleepsInRead"), new Send(), "DataArrives");
        closed(unmasked, new GlibcAio.Signal("first", true));
        closed(claimed("blocking", "helper", "signal"), new GlibcAio.Masked(true));
        closed(step(claimed("blocking", "helper", "thread"), new Submit("first", true, "queued", 1), "QueuedToNewHelper"),
                new GlibcAio.Masked(true));
    }

    @Test
    void endsNeedsEveryCallbackAndAReportedCancel() {
        State done = new State("done", "blocking", "helper", "thread", true, true, "none", "none", true, false, false);
        assertTrue(GlibcAio.ends(done));
        assertFalse(GlibcAio.ends(new State("done", "blocking", "helper", "thread", true, true, "none", "none", false, false, false)));
        assertFalse(GlibcAio.ends(new State("done", "blocking", "helper", "thread", true, true, "reported", "none", true, false, false)));
        assertTrue(GlibcAio.ends(new State("done", "blocking", "helper", "thread", true, true, "reported", "none", true, true, false)));
        assertFalse(GlibcAio.ends(new State("done", "blocking", "helper", "none", true, true, "canceled", "none", false, false, false)));
        assertFalse(GlibcAio.ends(new State("done", "blocking", "helper", "none", true, true, "none", "asleep", false, false, false)));
        assertTrue(GlibcAio.ends(new State("done", "blocking", "helper", "none", true, true, "none", "woken", false, false, false)));
        assertFalse(GlibcAio.ends(new State("copy", "blocking", "helper", "none", true, true, "none", "none", false, false, false)));
    }

    @Test
    void claimsAndSubmitsAreGuarded() {
        State s = claimed("blocking", "helper", "none");
        closed(s, new Claim("blocking", "helper", "none"));
        closed(GlibcAio.INITIAL, new Submit("first", true, "queued", 1));
        closed(s, new Submit("first", false, "EINVAL", 1));
        closed(s, new Submit("first", false, "EAGAIN", 0));
        closed(s, new Submit("second", false, "EINVAL", 0));
        closed(s, new Submit("first", true, "EAGAIN", 1));
        closed(s, new Submit("first", true, "queued", 0));
        closed(s, new Submit("first", true, "queued", 2));
        closed(s, new Submit("second", true, "queued", 1));
        State q = step(s, new Submit("first", true, "queued", 1), "QueuedToNewHelper");
        closed(q, new Submit("first", false, "EINVAL", 0));
        closed(q, new Submit("first", true, "queued", 1));
        closed(q, new Submit("second", true, "queued", 0));
        closed(q, new Submit("second", true, "queued", 2));
        State two = step(q, new Submit("second", true, "queued", 1), "QueuedBehindRunning");
        closed(two, new Submit("second", true, "queued", 1));
        // no helper under a claim that no thread waits; none at all when the caller waits
        step(claimed("asynchronous", "none", "none"), new Submit("first", true, "queued", 0), "QueuedToNewHelper");
        closed(claimed("asynchronous", "none", "none"), new Submit("first", true, "queued", 1));
        closed(claimed("blocking", "caller", "none"), new Submit("first", true, "queued", 1));
        State none = step(claimed("asynchronous", "none", "none"), new Submit("first", true, "queued", 0), "QueuedToNewHelper");
        closed(none, new Submit("second", true, "queued", 1));
    }

    @Test
    void sleepsAreGuarded() {
        State s = claimed("blocking", "helper", "none");
        closed(s, new Sleeps("helper", "read", true, true)); // nothing queued yet
        State q = step(s, new Submit("first", true, "queued", 1), "QueuedToNewHelper");
        closed(q, new Sleeps("helper", "read", true, false));
        closed(q, new Sleeps("helper", "read", false, true));
        closed(q, new Sleeps("helper", "futex", true, true));
        closed(q, new Sleeps("notify", "read", true, true));
        closed(q, new Sleeps("caller", "read", true, true));
        closed(q, new Sleeps("caller", "futex", true, true));
        closed(q, new Sleeps("caller", "other", false, true));
        State asleep = step(q, new Sleeps("caller", "futex", false, true), "SuspendSleeps");
        closed(asleep, new Sleeps("caller", "futex", false, true));
        State multiplexed = step(claimed("multiplexed", "helper", "none"), new Submit("first", true, "queued", 1), "QueuedToNewHelper");
        closed(multiplexed, new Sleeps("helper", "read", true, true));
        State callerWaits = step(claimed("blocking", "none", "none"), new Submit("first", true, "queued", 0), "QueuedToNewHelper");
        closed(callerWaits, new Sleeps("helper", "read", true, true));
    }

    @Test
    void theKernelRingAndTheDataAreGuarded() {
        closed(GlibcAio.INITIAL, new Kernel(false));
        State s = claimed("blocking", "helper", "none");
        closed(s, new Kernel(true));
        State a = claimed("asynchronous", "none", "none");
        closed(a, new Kernel(false));
        State ring = step(a, new Kernel(true), "KernelRing");
        assertTrue(ring.sawWait());
        State q = step(s, new Submit("first", true, "queued", 1), "QueuedToNewHelper");
        closed(s, new Send());
        closed(q, new Send()); // the helper was not seen waiting
        State nb = step(claimed("nonblocking", "helper", "none"), new Submit("first", true, "queued", 1), "QueuedToNewHelper");
        step(nb, new Send(), "DataArrives");
        State copy = step(step(q, new Sleeps("helper", "read", true, true), "HelperSleepsInRead"), new Send(), "DataArrives");
        closed(copy, new Send());
        closed(copy, new Suspended(true)); // it never slept
    }

    @Test
    void suspendResultsAndCancelsAreGuarded() {
        State w = waiting();
        closed(w, new Suspended(true)); // before the data
        State copy = step(w, new Send(), "DataArrives");
        closed(copy, new Suspended(false));
        closed(w, new Done("first", "bytes"));
        closed(copy, new Done("first", "inprogress"));
        closed(copy, new Done("second", "bytes"));
        closed(copy, new Done("second", "canceled"));
        State done = step(copy, new Done("first", "bytes"), "ReadDone");
        step(done, new Suspended(true), "SuspendWoken");
        closed(done, new Done("first", "bytes"));
        closed(done, new Cancel("first", "AIO_NOTCANCELED"));
        closed(done, new Cancel("first", "AIO_CANCELED"));
        closed(w, new Cancel("first", "AIO_ALLDONE"));
        closed(w, new Cancel("first", "AIO_CANCELED"));
        closed(w, new Cancel("second", "AIO_CANCELED"));
        closed(w, new Cancel("first", "other"));
        step(w, new Cancel("first", "AIO_NOTCANCELED"), "CancelRunning");
        State none = step(claimed("asynchronous", "none", "none"), new Submit("first", true, "queued", 0), "QueuedToNewHelper");
        closed(none, new Cancel("first", "AIO_NOTCANCELED"));
        closed(claimed("blocking", "helper", "none"), new Cancel("first", "AIO_NOTCANCELED"));
    }

    @Test
    void notificationsAreGuarded() {
        State two = step(step(claimed("blocking", "helper", "thread"), new Submit("first", true, "queued", 1), "QueuedToNewHelper"),
                new Submit("second", true, "queued", 1), "QueuedBehindRunning");
        closed(two, new Notify("second", "notify", true)); // not cancelled yet
        closed(two, new Notify("first", "notify", true)); // no data yet
        State canceled = step(two, new Cancel("second", "AIO_CANCELED"), "CancelQueued");
        closed(canceled, new Cancel("second", "AIO_CANCELED"));
        closed(canceled, new Done("second", "bytes"));
        closed(canceled, new Notify("second", "helper", true));
        closed(canceled, new Notify("second", "caller", true));
        closed(canceled, new Notify("second", "notify", false));
        step(canceled, new Notify("second", "notify", true), "NotifyOnNewThread");
        State quiet = step(step(claimed("blocking", "helper", "none"), new Submit("first", true, "queued", 1), "QueuedToNewHelper"),
                new Submit("second", true, "queued", 1), "QueuedBehindRunning");
        closed(step(quiet, new Cancel("second", "AIO_CANCELED"), "CancelQueued"), new Notify("second", "notify", true));
    }

    @Test
    void everyRuleSaysWhatItIsAndWhereGlibcOrTheKernelDoesIt() {
        for (GlibcAio.GlibcRule r : GlibcAio.GlibcRule.values()) {
            assertNotNull(r.ruleClass(), r::name);
            assertFalse(r.summary().isBlank(), r::name);
        }
        assertEquals(kpath.model.RuleClass.BLOCK, GlibcAio.GlibcRule.HelperSleepsInRead.ruleClass());
        assertTrue(GlibcAio.GlibcRule.CancelRunning.summary().contains("AIO_NOTCANCELED"));
    }

    @Test
    void theActionsCoverEveryShape() {
        List<Action> all = M.actions(GlibcAio.INITIAL);
        assertEquals(45 + 2 * (2 * 4 * 3 + 4 + 4 + 3 * 2 + 2) + 2 * (1 + 1 + 1 + 3 * 3 * 2) + 1, all.size());
        assertTrue(all.contains(new Submit("second", true, "other", 2)));
        assertTrue(all.contains(new Sleeps("notify", "other", true, false)));
        assertEquals(1, M.initialStates().size());
    }
}
