package kpath.model.readiness;

import java.util.List;
import java.util.Map;
import java.util.Set;
import kpath.model.TlaFunction;
import kpath.model.Transition;
import kpath.model.proc.ProcAction;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.ProcState;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The readiness path's view: its bounds, and a state in the spec's shapes (the values TLC prints
 * for specs/Readiness.tla's variables and Observables). The state-graph comparison checks the same
 * against TLC at the MC bounds; these examples name single values, so a wrong rendering shows here
 * without TLC.
 */
class ReadinessModelExamples {

    static final List<ProcAction> SETUP = List.of(new Pipe2("r0", 3, "w0", 4), new EpollCreate1("e0", 5));

    static ProcState after(ProcState s, ProcAction... actions) {
        for (ProcAction a : actions) {
            List<Transition<ProcState>> ts = kpath.model.proc.Proc.successors(s, a);
            assertEquals(1, ts.size(), a::toString);
            s = ts.getFirst().next();
        }
        return s;
    }

    @Example
    void theSetupMakesTheOneInitialStateAndTheUniverseIsEveryStatesActions() {
        List<ProcAction> universe = List.of(new Write("w0", 1), new EpollWait("e0", 8));
        ReadinessModel m = new ReadinessModel(new ReadinessModel.Bounds(SETUP, universe));
        assertEquals(Set.of(after(ProcState.initial(), SETUP.toArray(ProcAction[]::new))), m.initialStates());
        ProcState s = m.initialStates().iterator().next();
        assertEquals(universe, m.actions(s));
        assertEquals(kpath.model.proc.Proc.successors(s, universe.getFirst()), m.successors(s, universe.getFirst()));
        assertEquals(universe, m.bounds().universe());
    }

    @Example
    void aSetupCallThatFailsIsRefused() {
        List<ProcAction> failing = List.of(new Pipe2("r0", 3, "w0", 4), new Close("zz"));
        assertThrows(IllegalArgumentException.class, () -> new ReadinessModel(new ReadinessModel.Bounds(failing, List.of())));
    }

    @Example
    void aStateReadsInTheSpecsShapes() {
        ProcState s = after(ProcState.initial(), new Pipe2("r0", 3, "w0", 4), new EpollCreate1("e0", 5),
                new EpollCtl("e0", Op.EPOLL_CTL_ADD, "r0", Mask.IN | Mask.ET, false), new Write("w0", 2),
                new EpollWait("e0", 8), new TaskCall("t1", new EpollWait("e0", 8), 100));
        Map<String, Object> v = new ReadinessModel(new ReadinessModel.Bounds(List.of(), List.of())).variables(s);
        assertEquals(Map.of("r0", 3, "w0", 4, "e0", 5), v.get("numbers"));
        assertEquals(Map.of("r0", "r0", "w0", "w0", "e0", "e0"), v.get("fds"));
        assertEquals(1L, v.get("ret"));
        assertEquals(Map.of("events", List.of(Map.of("data", "r0", "events", Set.of("IN")))), v.get("out"));
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) v.get("files");
        assertEquals(Map.of("kind", "PipeRead", "writer", "w0", "bytes", 2L, "writerAlive", true), files.get("r0"));
        assertEquals(Map.of("kind", "PipeWrite", "reader", "r0", "readerAlive", true), files.get("w0"));
        assertEquals(Map.of("kind", "Epoll",
                "items", List.of(Map.of("file", "r0", "fd", "r0", "events", Set.of("IN", "ERR", "HUP", "ET"))),
                "rdllist", List.of(), "wq", List.of()), files.get("e0"));
        @SuppressWarnings("unchecked")
        Map<String, Object> tasks = (Map<String, Object>) v.get("tasks");
        assertEquals(Map.of("call", Map.of("call", "EpollWait", "epfd", "e0", "maxevents", 8), "timeout", 100,
                "phase", "RUNNING", "on", Set.of(), "timedOut", false, "ret", 0L, "out", Map.of("none", true), "need", 0),
                tasks.get("t1"));
        assertEquals(List.of(), v.get("exclusive"));
        assertEquals(Set.of(), v.get("blocking"));
        assertEquals(Map.of(), v.get("fasync"));
        assertEquals(Map.of(), v.get("owner"));
        assertEquals(Map.of("plain", false, "urg", false, "queue", List.of(), "limit", -1L, "handled", new java.util.TreeSet<>(), "ignored", new java.util.TreeSet<>()), v.get("sigio"));
        assertEquals(Map.of("out", v.get("out"), "phase", new TlaFunction(Map.of("t1", "RUNNING")), "aioRing", new TlaFunction(Map.of())),
                new ReadinessModel(new ReadinessModel.Bounds(List.of(), List.of())).observables(s));
    }

    @Example
    void aTaskInPollHoldsItsPollfdsAndANegativeFdReadsAsEmpty() {
        ProcState s = after(ProcState.initial(), new Pipe2("r0", 3, "w0", 4),
                new TaskCall("t1", new Poll(List.of(new PollFd("r0", Mask.IN), new PollFd(null, Mask.IN))), 100));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tasks = (Map<String, Map<String, Object>>) new ReadinessModel(
                new ReadinessModel.Bounds(List.of(), List.of())).variables(s).get("tasks");
        assertEquals(Map.of("call", "Poll", "pfds", List.of(Map.of("fd", "r0", "events", Set.of("IN")),
                Map.of("fd", "", "events", Set.of("IN")))), tasks.get("t1").get("call"));
    }

    @Example
    void everyKindOfCopyOutHasItsRecord() {
        assertEquals(Map.of("none", true), ReadinessModel.copyOut(kpath.model.proc.CopyOut.NONE));
        assertEquals(Map.of("revents", List.of(Map.of("fd", "r0", "revents", Set.of("NVAL")))),
                ReadinessModel.copyOut(new kpath.model.proc.CopyOut.Revents(
                        List.of(new kpath.model.proc.CopyOut.PollRevents("r0", Mask.NVAL)))));
        assertEquals(Map.of("rd", Set.of("a"), "wr", Set.of(), "ex", Set.of("b")),
                ReadinessModel.copyOut(kpath.model.proc.CopyOut.FdSets.of(Set.of("a"), Set.of(), Set.of("b"))));
        assertEquals(Map.of("value", 7L), ReadinessModel.copyOut(new kpath.model.proc.CopyOut.Value(7)));
        assertEquals(Map.of("fds", List.of(3, 4)), ReadinessModel.copyOut(new kpath.model.proc.CopyOut.FdPair(3, 4)));
        assertEquals(Set.of("IN", "PRI", "OUT", "ERR", "HUP", "NVAL", "RDNORM", "RDBAND", "WRNORM", "WRBAND", "MSG",
                "RDHUP", "EXCLUSIVE", "WAKEUP", "ONESHOT", "ET"), ReadinessModel.bits(-1));
        assertEquals(Set.of(), ReadinessModel.bits(0));
    }
}
