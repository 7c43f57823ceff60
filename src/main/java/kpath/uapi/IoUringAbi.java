package kpath.uapi;

/**
 * The io_uring numbers the model, the checkers and the capture code share
 * (include/uapi/linux/io_uring.h, io_uring/io_uring.h).
 */
public final class IoUringAbi {
    private IoUringAbi() {}

    /** io_uring_setup refuses more entries than this without IORING_SETUP_CLAMP. */
    public static final int IORING_MAX_ENTRIES = 32768;
    /** io_uring_setup refuses a larger IORING_SETUP_CQSIZE without IORING_SETUP_CLAMP (2 * IORING_MAX_ENTRIES). */
    public static final int IORING_MAX_CQ_ENTRIES = 2 * IORING_MAX_ENTRIES;
    /** io_uring_params.flags: the application gives the CQ's size in cq_entries. */
    /** io_uring_setup: a kernel thread (io_uring/sqpoll.c io_sq_thread) takes the SQEs the SQ tail publishes. */
    public static final int IORING_SETUP_SQPOLL = 1 << 1;
    public static final int IORING_SETUP_CQSIZE = 1 << 3;
    /** io_uring_params.flags: sizes above the limits are clamped to them instead of EINVAL. */
    public static final int IORING_SETUP_CLAMP = 1 << 4;
    /** io_uring_setup: one task submits (ctx->submitter_task, set at setup); DEFER_TASKRUN needs it (6.0). */
    public static final int IORING_SETUP_SINGLE_ISSUER = 1 << 12;
    /** io_uring_setup: task work is kept on the ring (ctx->work_llist) until the submitter enters with GETEVENTS (6.1). */
    public static final int IORING_SETUP_DEFER_TASKRUN = 1 << 13;
    /** io_uring_setup: no SQ array, the SQ is indexed by the tail alone (6.6). */
    public static final int IORING_SETUP_NO_SQARRAY = 1 << 16;
    /**
     * Every io_uring_params.flags bit Linux 6.18 knows (io_uring/io_uring.h IORING_SETUP_FLAGS:
     * IORING_SETUP_IOPOLL, bit 0, to IORING_SETUP_CQE_MIXED, bit 18; on this machine's 6.18 a
     * setup with bit 18 alone succeeds, with bit 19 fails); io_uring_setup refuses any other bit
     * with EINVAL.
     */
    public static final int IORING_SETUP_FLAGS = (1 << 19) - 1;
    /**
     * Every io_uring_enter flag Linux 6.18 knows (io_uring/io_uring.h IORING_ENTER_FLAGS:
     * IORING_ENTER_GETEVENTS, bit 0, to IORING_ENTER_NO_IOWAIT, bit 7); io_uring_enter refuses any
     * other with EINVAL before it looks at the fd.
     */
    public static final int IORING_ENTER_FLAGS = (1 << 8) - 1;
    public static final int IORING_ENTER_GETEVENTS = 1;
    /** io_uring_enter's flags: wake the SQ thread of an IORING_SETUP_SQPOLL ring (wake_up(&ctx->sq_data->wait)). */
    public static final int IORING_ENTER_SQ_WAKEUP = 1 << 1;
    /** sq_flags: the SQ thread sleeps; the application must enter with IORING_ENTER_SQ_WAKEUP (io_uring/sqpoll.c io_sq_thread). */
    public static final int IORING_SQ_NEED_WAKEUP = 1;
    /** io_uring_enter's flags: the last two arguments are a struct io_uring_getevents_arg and its size. */
    public static final int IORING_ENTER_EXT_ARG = 1 << 3;
    /** sizeof(struct io_uring_getevents_arg): io_get_ext_arg refuses any other argsz with -EINVAL. */
    public static final int GETEVENTS_ARG_SIZE = 24;
    /** sq_flags: completions wait on the overflow list. */
    public static final int IORING_SQ_CQ_OVERFLOW = 1 << 1;
    public static final int IORING_OP_NOP = 0;
    /** io_uring_register opcode: signal an eventfd on completions. */
    public static final int IORING_REGISTER_EVENTFD = 4;
    /** An SQE's flags: IOSQE_IO_DRAIN, issue after every request submitted before it completed. */
    public static final int IOSQE_IO_DRAIN = 1 << 1;
    /** An SQE's flags: the next SQE is linked to this one. */
    public static final int IOSQE_IO_LINK = 1 << 2;
    /** An SQE's flags: linked, and a failure does not cancel the next. */
    public static final int IOSQE_IO_HARDLINK = 1 << 3;
    /** An SQE's flags: IOSQE_ASYNC, REQ_F_FORCE_ASYNC — handed to io-wq without an inline try (io_uring/io_uring.c io_queue_sqe_fallback). */
    public static final int IOSQE_ASYNC = 1 << 4;
    /** An SQE's flags: IOSQE_CQE_SKIP_SUCCESS, no CQE when the request succeeds (and IOSQE_IO_DRAIN refused from then on). */
    public static final int IOSQE_CQE_SKIP_SUCCESS = 1 << 6;
    public static final int IORING_OP_POLL_ADD = 6;
    public static final int IORING_OP_POLL_REMOVE = 7;
    public static final int IORING_OP_ASYNC_CANCEL = 14;
    /**
     * A timer on the SQE before it in a link chain: addr points to a struct __kernel_timespec,
     * len must be 1 (io_uring/timeout.c __io_timeout_prep).
     */
    public static final int IORING_OP_LINK_TIMEOUT = 15;
    /** read(2) at an offset (-1 or 0 for a pipe or socket): addr, len, off. */
    public static final int IORING_OP_READ = 22;
    /** write(2) at an offset (-1 or 0 for a pipe or socket): addr, len, off. */
    public static final int IORING_OP_WRITE = 23;
    /** recv(2): addr, len, msg_flags. */
    public static final int IORING_OP_RECV = 27;
    /** include/uapi/linux/io_uring.h: IORING_OP_SPLICE (fd the output, splice_fd_in the input, splice_off_in and off -1 for a pipe). */
    public static final int IORING_OP_SPLICE = 30;
    /**
     * include/uapi/linux/io_uring.h: IORING_OP_PROVIDE_BUFFERS (fd the count, addr the first buffer, len each one's
     * length, off the first bid, buf_group the group) and IORING_OP_REMOVE_BUFFERS (fd the count, buf_group the group).
     */
    public static final int IORING_OP_PROVIDE_BUFFERS = 31, IORING_OP_REMOVE_BUFFERS = 32;
    /** An SQE's flags: IOSQE_BUFFER_SELECT, take a buffer from the group in buf_group (io_init_req: def->buffer_select). */
    public static final int IOSQE_BUFFER_SELECT = 1 << 5;
    /** RECV's msg_flags: do not wait (include/linux/socket.h); io_uring fails the request with -EAGAIN instead of polling. */
    public static final int MSG_DONTWAIT = 0x40;
    /**
     * RECV's sqe->ioprio flag IORING_RECVSEND_POLL_FIRST (include/uapi/linux/io_uring.h): io_recv skips
     * the first try and returns -EAGAIN until the request has been polled (REQ_F_POLLED).
     */
    public static final int IORING_RECVSEND_POLL_FIRST = 1;
    /**
     * The opcode of a request the cancel table can hold (POLL_ADD, and READ and RECV on their
     * internal poll), as IORING_ASYNC_CANCEL_OP compares it (io_cancel_req_match: req->opcode);
     * -1 for any other. Spec: Uapi.tla IoringOpNumber.
     */
    public static int opcode(String op) {
        return switch (op) {
            case "POLL_ADD" -> IORING_OP_POLL_ADD;
            case "READ" -> IORING_OP_READ;
            case "RECV" -> IORING_OP_RECV;
            default -> -1;
        };
    }

    /** An opcode no kernel has: io_init_req fails it with -EINVAL (opcode >= IORING_OP_LAST). */
    public static final int IORING_OP_INVALID = 255;
    /** POLL_ADD's len: a multishot poll, one CQE per wake-up with IORING_CQE_F_MORE. */
    public static final int IORING_POLL_ADD_MULTI = 1;
    /** include/uapi/linux/io_uring.h: defined, but io_poll_add_prep refuses any flag but MULTI. */
    public static final int IORING_POLL_ADD_LEVEL = 8;
    /** POLL_REMOVE's len: replace the poll's events with the SQE's poll32_events. */
    public static final int IORING_POLL_UPDATE_EVENTS = 1 << 1;
    /** POLL_REMOVE's len: give the poll the SQE's off as its new user_data. */
    public static final int IORING_POLL_UPDATE_USER_DATA = 1 << 2;
    /** ASYNC_CANCEL's cancel_flags: every matching request, res the count (io_uring/cancel.c __io_async_cancel). */
    public static final int IORING_ASYNC_CANCEL_ALL = 1;
    /** ASYNC_CANCEL's cancel_flags: match by the SQE's fd instead of user_data. */
    public static final int IORING_ASYNC_CANCEL_FD = 1 << 1;
    /** ASYNC_CANCEL's cancel_flags: match any request (implies ALL). */
    public static final int IORING_ASYNC_CANCEL_ANY = 1 << 2;
    /** ASYNC_CANCEL's cancel_flags: with FD, the fd is an index into the ring's registered files. */
    public static final int IORING_ASYNC_CANCEL_FD_FIXED = 1 << 3;
    /** ASYNC_CANCEL's cancel_flags: match the user_data too (with FD or OP; alone it is the plain match). */
    public static final int IORING_ASYNC_CANCEL_USERDATA = 1 << 4;
    /** ASYNC_CANCEL's cancel_flags: match the opcode in sqe->len (read into a u8). */
    public static final int IORING_ASYNC_CANCEL_OP = 1 << 5;
    /** io_uring/cancel.c CANCEL_FLAGS: every cancel flag 6.18 knows; io_async_cancel_prep refuses others (-EINVAL). */
    public static final int CANCEL_FLAGS = (1 << 6) - 1;

    /**
     * ASYNC_CANCEL's cancel_flags as traces write them: ALL, FD, ANY, FD_FIXED, USERDATA, OP by name
     * and any other bits as one hex number, joined by '|'.
     */
    public static String cancelFlagsText(int flags) {
        String[] names = {"ALL", "FD", "ANY", "FD_FIXED", "USERDATA", "OP"};
        java.util.List<String> s = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                s.add(names[i]);
            }
        }
        if ((flags & ~CANCEL_FLAGS) != 0) {
            s.add("0x" + Integer.toHexString(flags & ~CANCEL_FLAGS));
        }
        return s.isEmpty() ? "0" : String.join("|", s);
    }

    /** The inverse of {@link #cancelFlagsText}: IllegalArgumentException for a name it does not know. */
    public static int parseCancelFlags(String text) {
        int flags = 0;
        java.util.List<String> names = java.util.List.of("ALL", "FD", "ANY", "FD_FIXED", "USERDATA", "OP");
        for (String n : text.split("\\|", -1)) {
            if (names.contains(n)) {
                flags |= 1 << names.indexOf(n);
            } else if (n.startsWith("0x")) {
                flags |= Integer.parseUnsignedInt(n.substring(2), 16);
            } else if (!n.equals("0")) {
                throw new IllegalArgumentException("a cancel flag is ALL, FD, ANY, FD_FIXED, USERDATA, OP or 0xHEX, not '" + n + "'");
            }
        }
        return flags;
    }

    /** io_uring_params.features: one mmap maps both rings (5.4). */
    public static final int IORING_FEAT_SINGLE_MMAP = 1;
    /** io_uring_params.features: CQEs that do not fit wait on the overflow list (5.5). */
    public static final int IORING_FEAT_NODROP = 1 << 1;
    /** io_uring_params.features: IORING_FEAT_NO_IOWAIT, the highest bit Linux 6.18 has (include/uapi/linux/io_uring.h). */
    public static final int IORING_FEAT_NO_IOWAIT = 1 << 17;
    /**
     * The features io_uring_create reports on Linux 6.18 (p->features = IORING_FEAT_FLAGS): every IORING_FEAT_* bit from
     * IORING_FEAT_SINGLE_MMAP (bit 0) to IORING_FEAT_NO_IOWAIT (bit 17), 0x3ffff — read back from
     * io_uring_params on this machine (traces/completion: {@code observe params ... features=0x3ffff}).
     */
    public static final int IORING_FEATURES = (IORING_FEAT_NO_IOWAIT << 1) - 1;

    /**
     * struct io_rings (include/linux/io_uring_types.h) on x86-64: offsetof each field that
     * io_uring_fill_params names in sq_off and cq_off ({@code struct io_uring} is head, tail; cqes
     * ____cacheline_aligned_in_smp, 64 bytes), as traces/completion/io-uring-ring-offsets reads them.
     */
    public static final int RINGS_SQ_HEAD = 0, RINGS_SQ_TAIL = 4, RINGS_CQ_HEAD = 8, RINGS_CQ_TAIL = 12,
            RINGS_SQ_RING_MASK = 16, RINGS_CQ_RING_MASK = 20, RINGS_SQ_RING_ENTRIES = 24, RINGS_CQ_RING_ENTRIES = 28,
            RINGS_SQ_DROPPED = 32, RINGS_SQ_FLAGS = 36, RINGS_CQ_FLAGS = 40, RINGS_CQ_OVERFLOW = 44, RINGS_CQES = 64;
    /** SMP_CACHE_BYTES on x86-64 (L1_CACHE_BYTES), and sizeof(struct io_uring_cqe) without IORING_SETUP_CQE32. */
    public static final int SMP_CACHE_BYTES = 64, CQE_BYTES = 16;

    /** A CQE's flags: more CQEs will follow for this request. */
    public static final int IORING_CQE_F_MORE = 1 << 1;
    /** A CQE's flags: the socket still held data after this receive (io_uring/net.c io_recv_finish). */
    public static final int IORING_CQE_F_SOCK_NONEMPTY = 1 << 2;
    /** A CQE's flags: the request took a provided buffer, whose bid is in the flags' upper 16 bits (IORING_CQE_BUFFER_SHIFT). */
    public static final int IORING_CQE_F_BUFFER = 1, IORING_CQE_BUFFER_SHIFT = 16;

    /**
     * io_uring_setup's flags as traces write them: "0", or IORING_SETUP_CLAMP, IORING_SETUP_CQSIZE,
     * IORING_SETUP_NO_SQARRAY, IORING_SETUP_SQPOLL, IORING_SETUP_SINGLE_ISSUER and IORING_SETUP_DEFER_TASKRUN
     * by name and any other bits as one hex number, joined by '|'.
     */
    public static String setupFlagsText(int flags) {
        java.util.List<String> s = new java.util.ArrayList<>();
        if ((flags & IORING_SETUP_CQSIZE) != 0) {
            s.add("IORING_SETUP_CQSIZE");
        }
        if ((flags & IORING_SETUP_CLAMP) != 0) {
            s.add("IORING_SETUP_CLAMP");
        }
        if ((flags & IORING_SETUP_NO_SQARRAY) != 0) {
            s.add("IORING_SETUP_NO_SQARRAY");
        }
        if ((flags & IORING_SETUP_SQPOLL) != 0) {
            s.add("IORING_SETUP_SQPOLL");
        }
        if ((flags & IORING_SETUP_SINGLE_ISSUER) != 0) {
            s.add("IORING_SETUP_SINGLE_ISSUER");
        }
        if ((flags & IORING_SETUP_DEFER_TASKRUN) != 0) {
            s.add("IORING_SETUP_DEFER_TASKRUN");
        }
        int rest = flags & ~(IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP | IORING_SETUP_NO_SQARRAY | IORING_SETUP_SQPOLL
                | IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN);
        if (rest != 0) {
            s.add("0x" + Integer.toHexString(rest));
        }
        return s.isEmpty() ? "0" : String.join("|", s);
    }
}
