package kpath.check.completion;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static kpath.check.completion.CompletionTraceReplayTest.DIR;
import static kpath.check.completion.CompletionTraceReplayTest.edit;
import static kpath.check.completion.CompletionTraceReplayTest.rejectedByBoth;

/**
 * The wrong twins of io-uring-provided-buffers (U-CQE-04: IORING_CQE_F_BUFFER and the bid in a RECV's
 * CQE; io_uring/kbuf.c io_manage_buffers_legacy, io_provided_buffer_select, __io_put_kbufs): each
 * edited the way a wrong belief would write it, rejected by both checkers at the line the kernel
 * contradicts, the Java model for the stated reason.
 */
@org.junit.jupiter.api.extension.ExtendWith(kpath.check.TlcRejection.class)
class ProvidedBuffersTraceReplayTest {

    static final Path BUFFERS = DIR.resolve("io-uring-provided-buffers.trace");

    @Test
    void theLastBufferProvidedTakenFirstIsRejected() throws Exception {
        // The belief "the group is a stack" (5.7's io_buffer_select took the list's last entry):
        // io_add_buffers adds at the tail and io_provided_buffer_select takes the head, bid 0 first.
        rejectedByBoth(edit(BUFFERS, "cqes=2:4:5", 1, "observe reap(u0) cqes=2:4:131077 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=2:4:5 sq_flags=0 cq_overflow=0, the kernel cqes=2:4:131077");
    }

    @Test
    void aRecvWaitingForABufferIsRejected() throws Exception {
        // The belief "an empty group is like an empty socket: the request waits": io_recv fails at once
        // with -ENOBUFS (io_buffer_select returns NULL), with data in the socket too.
        rejectedByBoth(edit(BUFFERS, "cqes=6:-105:0", 1, "observe reap(u0) cqes=- sq_flags=0 cq_overflow=0"),
                "model copied out cqes=6:-105:0 sq_flags=0 cq_overflow=0, the kernel cqes=-");
    }

    @Test
    void removeBuffersCompletingWithZeroIsRejected() throws Exception {
        // The belief "REMOVE_BUFFERS completes with 0 like PROVIDE_BUFFERS": io_remove_buffers_legacy
        // returns how many it removed, 1.
        rejectedByBoth(edit(BUFFERS, "cqes=8:1:0", 1, "observe reap(u0) cqes=8:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=8:1:0 sq_flags=0 cq_overflow=0, the kernel cqes=8:0:0");
    }

    @Test
    void removingFromAGroupNeverMadeIsRejectedAsZero() throws Exception {
        // The belief "a group never provided is an empty one": 6.18 keeps groups in ctx->io_bl_xa only
        // once made (older kernels kept an array for groups below 64), and io_manage_buffers_legacy answers -ENOENT.
        rejectedByBoth(edit(BUFFERS, "cqes=11:-2:0", 1, "observe reap(u0) cqes=11:0:0 sq_flags=0 cq_overflow=0"),
                "model copied out cqes=11:-2:0 sq_flags=0 cq_overflow=0, the kernel cqes=11:0:0");
    }
}
