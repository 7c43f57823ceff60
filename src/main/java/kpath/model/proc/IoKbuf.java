package kpath.model.proc;

import java.util.List;
import java.util.function.LongUnaryOperator;
import kpath.model.proc.Sqe;
import kpath.uapi.Errno;
import kpath.uapi.IoUringAbi;

/**
 * io_uring/kbuf.c, legacy provided buffers: IORING_OP_PROVIDE_BUFFERS and IORING_OP_REMOVE_BUFFERS
 * on a ring's buffer groups, a RECV with IOSQE_BUFFER_SELECT taking a group's first buffer, and the
 * CQE flags that name it. Issued from {@link IoPoll#issue}; the ring keeps the buffers
 * ({@link OpenFile.IoUring#kbufs}) and the groups made.
 */
final class IoKbuf {
    private IoKbuf() {}

    /** io_uring/kbuf.c MAX_BIDS_PER_BGID: the most buffers a group holds, and one past the largest bid. */
    static final long MAX_BIDS_PER_BGID = 1 << 16;

    /**
     * The CQE flags of a request that selected provided buffer {@code b} (null: none) and completed
     * with {@code res}: IORING_CQE_F_BUFFER with the bid above IORING_CQE_BUFFER_SHIFT when it read
     * into it (io_uring/kbuf.c __io_put_kbufs; a legacy buffer is freed, io_kbuf_drop_legacy); none
     * when it read nothing (io_uring/net.c io_recv: io_kbuf_recycle puts the buffer back, ret <= 0).
     */
    static int bufFlags(OpenFile.Kbuf b, long res) {
        return b != null && res > 0 ? IoUringAbi.IORING_CQE_F_BUFFER | b.bid() << IoUringAbi.IORING_CQE_BUFFER_SHIFT : 0;
    }

    /**
     * kernel: io_manage_buffers_legacy → io_add_buffers — the group (ctx->io_bl_xa) is made if new;
     * nbufs buffers of len bytes, bids from the SQE's off, go to the tail of its list
     * (list_add_tail); the request completes with 0.
     */
    static long provide(IoUring.Ring r, Sqe q) {
        if (!r.bufGroups.contains(q.bufGroup())) {
            r.bufGroups.add(q.bufGroup());
        }
        for (long i = 0; i < q.target(); i++) {
            r.kbufs.add(new OpenFile.Kbuf(q.bufGroup(), (int) (q.off() + i), q.len()));
        }
        return 0;
    }

    /**
     * kernel: io_manage_buffers_legacy → io_remove_buffers_legacy — -ENOENT for a group never made;
     * else up to nbufs buffers from the head of its list, and the request completes with how many
     * (0 for an emptied group, which stays).
     */
    static long removeBuffers(IoUring.Ring r, Sqe q) {
        if (!r.bufGroups.contains(q.bufGroup())) {
            return -Errno.ENOENT.number();
        }
        int n = 0;
        for (int b = r.firstBuf(q.bufGroup()); b >= 0 && n < q.target(); b = r.firstBuf(q.bufGroup())) {
            r.kbufs.remove(b);
            n++;
        }
        return n;
    }

    /**
     * Whether the model knows what the provided-buffer SQEs do: PROVIDE_BUFFERS and REMOVE_BUFFERS
     * without IOSQE flags and with fields io_provide_buffers_prep and io_remove_buffers_prep accept
     * (a count of 1 to 65536, a length not 0, bids within 65536); a RECV with IOSQE_BUFFER_SELECT
     * alone in its call, without IOSQE flags, MSG_DONTWAIT or POLL_FIRST, on an AF_UNIX stream
     * socket, whose group is empty (-ENOBUFS) or whose socket holds data (it reads into the first
     * buffer). Not modelled: one that would arm its poll (io_arm_poll_handler recycles the buffer),
     * end of file or an error with a buffer taken, READ with a provided buffer, ring-mapped groups.
     */
    static boolean bufModelled(World w, OpenFile.IoUring ring, List<Sqe> all) {
        for (Sqe q : all) {
            boolean flags = q.link() || q.drain() || q.skip();
            if (q.op().equals("PROVIDE_BUFFERS") && (flags || q.target() < 1 || q.target() > MAX_BIDS_PER_BGID || q.len() < 1
                    || q.off() < 0 || q.off() + q.target() > MAX_BIDS_PER_BGID)
                    || q.op().equals("REMOVE_BUFFERS") && (flags || q.target() < 1 || q.target() > MAX_BIDS_PER_BGID)
                    || q.op().equals("READ") && q.bufGroup() >= 0) {
                return false;
            }
            if (q.op().equals("RECV") && q.bufGroup() >= 0) {
                String file = w.fileOf(q.fd());
                boolean empty = ring.kbufs().stream().noneMatch(b -> b.bgid() == q.bufGroup());
                if (all.size() != 1 || flags || q.dontwait() || q.pollFirst() || file == null
                        || !(w.files.get(file) instanceof OpenFile.UnixStream u)
                        || !empty && (u.rcvQueue().isEmpty() || u.err())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * kernel: io_recv → io_recv_buf_select → io_buffer_select — a buffer-selecting RECV takes its
     * group's first buffer (none: -ENOBUFS, io_recv fails the request) and reads at most its length
     * (all of it for len 0, io_provided_buffer_select) through {@code read}; a read that took bytes
     * keeps the buffer (list_del at the select; io_put_kbuf frees it, io_kbuf_drop_legacy).
     * {@link #bufModelled}: a RECV that reads, or none to take.
     */
    static long select(IoUring.Ring r, Sqe q, LongUnaryOperator read) {
        int b = r.firstBuf(q.bufGroup());
        if (b < 0) {
            return -Errno.ENOBUFS.number();
        }
        OpenFile.Kbuf k = r.kbufs.get(b);
        long res = read.applyAsLong(q.len() == 0 || q.len() > k.len() ? k.len() : q.len());
        if (res > 0) {
            r.kbufs.remove(b);
        }
        return res;
    }
}
