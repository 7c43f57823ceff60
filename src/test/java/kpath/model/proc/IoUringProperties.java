package kpath.model.proc;

import java.util.ArrayList;
import java.util.List;
import kpath.model.Seeds;
import kpath.model.Transition;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.*;

/**
 * io_uring's guarantees under any chain of submissions, reaps and GETEVENTS flushes (issue
 * "Completions"; io_uring/io_uring.c): every submitted NOP completes exactly once; with
 * IORING_FEAT_NODROP none is lost, and completions reach the application in submission order,
 * also across the overflow list; the CQ never holds more than its size; sq_flags' overflow bit
 * says whether the list holds any; after a GETEVENTS call the list is empty or the CQ full.
 */
class IoUringProperties {

    /** One step: 0 = reap, 1..4 = enter with that many NOPs, 5 = enter with GETEVENTS and no SQE, 6 = poll. */
    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(0, 6).list().ofMaxSize(40);
    }

    @Property(seed = Seeds.FIXED)
    void everyNopCompletesOnceInOrderAndNoneIsLost(@ForAll @IntRange(min = 1, max = 4) int entries,
                                                   @ForAll("steps") List<Integer> steps,
                                                   @ForAll boolean getevents) {
        ProcState s = only(ProcState.initial(), new IoUringSetup("u0", 3, entries));
        List<Long> submitted = new ArrayList<>();
        List<Long> reaped = new ArrayList<>();
        long next = 1;
        for (int step : steps) {
            OpenFile.IoUring ring = ring(s);
            if (step == 0) {
                s = only(s, new CqReap("u0"));
                CopyOut.Reaped r = (CopyOut.Reaped) s.out();
                r.cqes().forEach(c -> reaped.add(c.userData()));
                assertEquals(!ring(s).overflow().isEmpty(), r.cqOverflowFlag(), "IORING_SQ_CQ_OVERFLOW");
                assertEquals(0, r.dropped());
            } else if (step <= 4) {
                int n = Math.min(step, ring.sqEntries());
                List<Sqe> sqes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    submitted.add(next);
                    sqes.add(Sqe.nop(next++));
                }
                s = only(s, new IoUringEnter("u0", sqes, 0, getevents));
                assertEquals(n, s.ret());
            } else if (step == 5) {
                s = only(s, new IoUringEnter("u0", List.of(), 0, true));
                assertTrue(ring(s).overflow().isEmpty() || ring(s).cq().size() == ring(s).cqEntries(),
                        "a flush moves CQEs until the list is empty or the CQ full");
            } else {
                s = only(s, new Poll(List.of(new PollFd("u0", kpath.uapi.Mask.IN))));
                boolean readable = !ring.cq().isEmpty() || !ring.overflow().isEmpty();
                assertEquals(readable ? 1 : 0, s.ret(), "io_uring_poll: EPOLLIN with CQEs or overflow");
            }
            assertTrue(ring(s).cq().size() <= ring(s).cqEntries(), "the CQ never holds more than its size");
            List<Long> all = new ArrayList<>(reaped);
            ring(s).cq().forEach(c -> all.add(c.userData()));
            ring(s).overflow().forEach(c -> all.add(c.userData()));
            assertEquals(submitted, all, "reaped, then the CQ, then the overflow list: every NOP once, in order");
            assertTrue(ring(s).cq().stream().allMatch(c -> c.res() == 0 && c.flags() == 0), "io_nop: res 0, no flags");
        }
    }

    private static OpenFile.IoUring ring(ProcState s) {
        return (OpenFile.IoUring) s.files().get("u0");
    }

    private static ProcState only(ProcState s, ProcAction a) {
        List<Transition<ProcState>> ts = Proc.successors(s, a);
        assertEquals(1, ts.size(), () -> a + " in " + s);
        return ts.getFirst().next();
    }
}
