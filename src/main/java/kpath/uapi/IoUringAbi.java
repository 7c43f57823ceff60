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
}
