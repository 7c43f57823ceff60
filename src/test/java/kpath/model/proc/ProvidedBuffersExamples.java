package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Cqe;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static kpath.model.proc.IoPollExamples.reap;
import static kpath.model.proc.IoPollExamples.submit;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Legacy provided buffers in the process model, with the values the kernel returned in
 * traces/completion/io-uring-provided-buffers.trace (io_uring/kbuf.c io_manage_buffers_legacy,
 * io_provided_buffer_select, __io_put_kbufs; io_uring/net.c io_recv).
 */
class ProvidedBuffersExamples {

    static final int B = 1, NONEMPTY = 4, SHIFT = 16;

    @Example
    void buffersAreTakenFirstProvidedFirstAndCapTheRead() {
        R r = IoUringReadExamples.ringPipeAndPair();
        submit(r, Sqe.provideBuffers(1, 7, 3, 0, 4));
        assertEquals(List.of(new Cqe(1, 0, 0)), reap(r));
        r.write("s1", 10);
        submit(r, Sqe.recv(2, "s0", 0, false).selecting(7));
        submit(r, Sqe.recv(3, "s0", 2, false).selecting(7));
        submit(r, Sqe.recv(4, "s0", 16, false).selecting(7));
        assertEquals(List.of(new Cqe(2, 4, B | NONEMPTY), new Cqe(3, 2, B | 1 << SHIFT | NONEMPTY), new Cqe(4, 4, B | 2 << SHIFT)), reap(r));
        assertEquals(List.of(), IoUringExamples.file(r).kbufs());
        assertEquals(List.of(7), IoUringExamples.file(r).bufGroups(), "an emptied group stays");
    }

    @Example
    void anEmptyGroupFailsTheRecvAtOnce() {
        R r = IoUringReadExamples.ringPipeAndPair();
        submit(r, Sqe.recv(5, "s0", 16, false).selecting(7));
        r.write("s1", 3);
        submit(r, Sqe.recv(6, "s0", 16, false).selecting(7));
        assertEquals(List.of(new Cqe(5, -105, 0), new Cqe(6, -105, 0)), reap(r));
        assertTrue(IoUringExamples.file(r).polls().isEmpty(), "no poll armed");
    }

    @Example
    void removeBuffersTakesFromTheHeadAndCounts() {
        R r = IoUringReadExamples.ringPipeAndPair().write("s1", 3);
        submit(r, Sqe.provideBuffers(7, 7, 2, 10, 8));
        submit(r, Sqe.removeBuffers(8, 7, 1));
        submit(r, Sqe.recv(9, "s0", 16, false).selecting(7));
        submit(r, Sqe.removeBuffers(10, 7, 5));
        submit(r, Sqe.removeBuffers(11, 9, 1));
        assertEquals(List.of(new Cqe(7, 0, 0), new Cqe(8, 1, 0), new Cqe(9, 3, B | 11 << SHIFT), new Cqe(10, 0, 0), new Cqe(11, -2, 0)),
                reap(r));
    }

    /** Whether the model takes this submission at all (IoKbuf.bufModelled keeps to the ranges it knows). */
    private static boolean taken(Sqe... sqes) {
        R r = IoUringReadExamples.ringPipeAndPair();
        return !Proc.successors(r.s, new IoUringEnter("u0", List.of(sqes), 0, false)).isEmpty();
    }

    /** io_uring/kbuf.c io_provide_buffers_prep: 1 to 65536 buffers of a length not 0, bids within 65536. */
    @Example
    void provideBuffersIsModelledWithinTheKernelsRanges() {
        assertTrue(taken(Sqe.provideBuffers(1, 7, 1, 0, 1)));
        assertFalse(taken(Sqe.provideBuffers(1, 7, 0, 0, 1)), "no buffers");
        assertTrue(taken(Sqe.provideBuffers(1, 7, 65536, 0, 1)));
        assertFalse(taken(Sqe.provideBuffers(1, 7, 65537, 0, 1)), "more than 65536");
        assertFalse(taken(Sqe.provideBuffers(1, 7, 1, 0, 0)), "length 0");
        assertFalse(taken(Sqe.provideBuffers(1, 7, 1, -1, 1)), "a negative bid");
        assertTrue(taken(Sqe.provideBuffers(1, 7, 2, 65534, 1)), "bids 65534 and 65535");
        assertFalse(taken(Sqe.provideBuffers(1, 7, 2, 65535, 1)), "bid 65536");
        assertTrue(taken(Sqe.removeBuffers(1, 7, 1)));
        assertFalse(taken(Sqe.removeBuffers(1, 7, 0)));
        assertTrue(taken(Sqe.removeBuffers(1, 7, 65536)));
        assertFalse(taken(Sqe.removeBuffers(1, 7, 65537)));
        assertFalse(taken(Sqe.read(1, "s0", 4).selecting(7)), "READ with a provided buffer is not modelled");
        assertFalse(taken(Sqe.provideBuffers(1, 7, 1, 0, 1).linked()), "nor a linked one");
    }
}
