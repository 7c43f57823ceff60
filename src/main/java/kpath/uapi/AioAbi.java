package kpath.uapi;

/** The native AIO numbers the model, the checkers and the capture code share (fs/aio.c, include/uapi/linux/aio_abi.h). */
public final class AioAbi {
    private AioAbi() {}

    /** The sysctl that bounds every context's nr_events, and all of them together (fs/aio.c aio_max_nr). */
    public static final String AIO_MAX_NR_SYSCTL = "fs.aio-max-nr";
    /** Its default (fs/aio.c: aio_max_nr = 0x10000); what a trace whose header does not record it is read with. */
    public static final int AIO_MAX_NR_DEFAULT = 0x10000;
    /** sizeof(struct io_event): data, obj, res, res2. */
    public static final int IO_EVENT_BYTES = 32;
    /**
     * The largest nr_events io_setup accepts: ioctx_alloc doubles it (after raising it to 4 per
     * possible CPU) and refuses, EINVAL, a count above 0x10000000 / sizeof(struct io_event).
     * (A count from 2^31 up wraps when doubled; traces do not go there.)
     */
    public static final int IO_SETUP_MAX_NR_EVENTS = 0x10000000 / IO_EVENT_BYTES / 2;
}
