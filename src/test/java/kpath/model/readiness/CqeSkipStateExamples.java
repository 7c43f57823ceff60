package kpath.model.readiness;

import java.util.List;
import java.util.Map;
import kpath.model.proc.Sqe;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.ProcState;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A ring's drain_disabled and an SQE's IOSQE_CQE_SKIP_SUCCESS in the spec's shapes (IoUring.tla
 * drainDisabled; an SQE record has skip only where the flag is set), without TLC.
 */
class CqeSkipStateExamples {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ring(ProcState s) {
        Map<String, Object> v = new ReadinessModel(new ReadinessModel.Bounds(List.of(), List.of())).variables(s);
        return ((Map<String, Map<String, Object>>) v.get("files")).get("u0");
    }

    @Example
    @SuppressWarnings("unchecked")
    void drainDisabledAndTheSkipFieldReadInTheSpecsShapes() {
        ProcState s = ReadinessModelExamples.after(ProcState.initial(), new IoUringSetup("u0", 5, 4));
        assertEquals(false, ring(s).get("drainDisabled"));
        ProcState t = ReadinessModelExamples.after(s,
                new IoUringEnter("u0", List.of(Sqe.invalid(1), Sqe.nop(2).skipped(), Sqe.nop(3)), 0, false));
        List<Map<String, Object>> sq = (List<Map<String, Object>>) ring(t).get("sq");
        assertEquals(List.of(2L, 3L), sq.stream().map(m -> m.get("userData")).toList(), "the submission stopped at INVALID");
        assertEquals(true, sq.getFirst().get("skip"));
        assertFalse(sq.get(1).containsKey("skip"), "the field is there only where the flag is set");
        assertEquals(false, ring(t).get("drainDisabled"), "2 is not initialised yet");
        ProcState u = ReadinessModelExamples.after(t, new IoUringEnter("u0", List.of(Sqe.nop(4).drained()), 0, false));
        assertEquals(true, ring(u).get("drainDisabled"));
        assertEquals(List.of(), ring(u).get("sq"));
    }
}
