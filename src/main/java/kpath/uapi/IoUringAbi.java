package kpath.uapi;

/**
 * The io_uring numbers the model, the checkers and the capture code share
 * (include/uapi/linux/io_uring.h, io_uring/io_uring.h).
 */
public final class IoUringAbi {
    private IoUringAbi() {}

    /** io_uring_setup refuses more entries than this without IORING_SETUP_CLAMP. */
    public static final int IORING_MAX_ENTRIES = 32768;
    public static final int IORING_ENTER_GETEVENTS = 1;
    /** sq_flags: completions wait on the overflow list. */
    public static final int IORING_SQ_CQ_OVERFLOW = 1 << 1;
    public static final int IORING_OP_NOP = 0;
    /** io_uring_register opcode: signal an eventfd on completions. */
    public static final int IORING_REGISTER_EVENTFD = 4;
    /** An SQE's flags: the next SQE is linked to this one. */
    public static final int IOSQE_IO_LINK = 1 << 2;
    /** An SQE's flags: linked, and a failure does not cancel the next. */
    public static final int IOSQE_IO_HARDLINK = 1 << 3;
    public static final int IORING_OP_POLL_ADD = 6;
    public static final int IORING_OP_POLL_REMOVE = 7;
    public static final int IORING_OP_ASYNC_CANCEL = 14;
    /** read(2) at an offset (-1 or 0 for a pipe or socket): addr, len, off. */
    public static final int IORING_OP_READ = 22;
    /** write(2) at an offset (-1 or 0 for a pipe or socket): addr, len, off. */
    public static final int IORING_OP_WRITE = 23;
    /** recv(2): addr, len, msg_flags. */
    public static final int IORING_OP_RECV = 27;
    /** RECV's msg_flags: do not wait (include/linux/socket.h); io_uring fails the request with -EAGAIN instead of polling. */
    public static final int MSG_DONTWAIT = 0x40;
    /** An opcode no kernel has: io_init_req fails it with -EINVAL (opcode >= IORING_OP_LAST). */
    public static final int IORING_OP_INVALID = 255;
    /** POLL_ADD's len: a multishot poll, one CQE per wake-up with IORING_CQE_F_MORE. */
    public static final int IORING_POLL_ADD_MULTI = 1;
    /** include/uapi/linux/io_uring.h: defined, but io_poll_add_prep refuses any flag but MULTI. */
    public static final int IORING_POLL_ADD_LEVEL = 8;
    /** A CQE's flags: more CQEs will follow for this request. */
    public static final int IORING_CQE_F_MORE = 1 << 1;
}
