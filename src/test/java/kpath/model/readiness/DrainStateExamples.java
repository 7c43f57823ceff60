package kpath.model.readiness;

import java.util.List;
import java.util.Map;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.ProcState;
import kpath.uapi.Mask;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A ring's drain state in the spec's shapes (IoUring.tla: defer, drainActive, iowq, unfreed; an SQE
 * record has drain only where IOSQE_IO_DRAIN is set), without TLC.
 */
class DrainStateExamples {

    @Example
    @SuppressWarnings("unchecked")
    void aRingWithADeferredNopReadsInTheSpecsShapes() {
        ProcState s = ReadinessModelExamples.after(ProcState.initial(), new Pipe2("r0", 3, "w0", 4),
                new IoUringSetup("u0", 5, 4),
                new IoUringEnter("u0", List.of(Sqe.pollAdd(1, "r0", Mask.IN, false), Sqe.nop(2).drained(), Sqe.nop(3)), 0, false));
        Map<String, Object> v = new ReadinessModel(new ReadinessModel.Bounds(List.of(), List.of())).variables(s);
        Map<String, Object> ring = ((Map<String, Map<String, Object>>) v.get("files")).get("u0");
        assertEquals(true, ring.get("drainActive"));
        assertEquals(List.of(), ring.get("iowq"));
        assertEquals(0, ring.get("unfreed"));
        List<Map<String, Object>> defer = (List<Map<String, Object>>) ring.get("defer");
        assertEquals(List.of(2L, 3L), defer.stream().map(m -> m.get("userData")).toList());
        assertEquals(true, defer.getFirst().get("drain"));
        assertFalse(defer.get(1).containsKey("drain"), "the field is there only where the flag is set");
        ProcState freed = ReadinessModelExamples.after(s, new Write("w0", 1), new IoUringTaskWork());
        Map<String, Object> after = ((Map<String, Map<String, Object>>) new ReadinessModel(
                new ReadinessModel.Bounds(List.of(), List.<ProcAction>of())).variables(freed).get("files")).get("u0");
        assertEquals(List.of(2L), after.get("iowq"));
    }
}
