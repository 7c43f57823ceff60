package kpath.model.proc;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ring offsets io_uring_setup writes into io_uring_params, as traces/completion/io-uring-ring-offsets.trace
 * shows them (io_uring/io_uring.c io_uring_fill_params, rings_size): the fields of struct io_rings at
 * fixed offsets, the SQ array behind the CQEs, aligned to the cache line.
 */
class RingOffsetsExamples {

    private static OpenFile.IoUring ring(int sq, int cq) {
        return new OpenFile.IoUring(sq, cq, List.of(), List.of(), List.of(), "", List.of());
    }

    @Example
    void theSqArrayFollowsTheCqesOnTheNextCacheLine() {
        assertEquals(128, ring(1, 2).sqOff().get("array"), "64 + 2 * 16 = 96, rounded up");
        assertEquals(192, ring(4, 8).sqOff().get("array"), "64 + 8 * 16 = 192, a cache line already");
        assertEquals(1088, ring(4, 64).sqOff().get("array"));
        assertEquals(128, ring(4, 4).sqOff().get("array"));
        assertEquals(ring(1, 8).sqOff(), ring(4, 8).sqOff(), "the SQ's size moves nothing");
    }

    @Example
    void theFieldsAreStructIoRingsInTheKernelsOrder() {
        assertEquals(List.of(Map.entry("head", 0), Map.entry("tail", 4), Map.entry("ring_mask", 16), Map.entry("ring_entries", 24),
                Map.entry("flags", 36), Map.entry("dropped", 32), Map.entry("array", 192)), List.copyOf(ring(4, 8).sqOff().entrySet()));
        assertEquals(List.of(Map.entry("head", 8), Map.entry("tail", 12), Map.entry("ring_mask", 20), Map.entry("ring_entries", 28),
                Map.entry("overflow", 44), Map.entry("cqes", 64), Map.entry("flags", 40)), List.copyOf(ring(4, 8).cqOff().entrySet()));
    }
}
