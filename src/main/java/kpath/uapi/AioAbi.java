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

    /** include/uapi/linux/fs.h: RWF_NOWAIT, the aio_rw_flags bit for "do not wait" (IOCB_NOWAIT). */
    public static final int RWF_NOWAIT = 0x8;

    /**
     * The aio_rw_flags bits 6.18 may know (include/uapi/linux/fs.h RWF_SUPPORTED: RWF_HIPRI up to
     * RWF_DONTCACHE, 0x80, and a 0x100 taken since) other than RWF_NOWAIT: not modelled.
     */
    public static final int RWF_OTHER = 0x1ff & ~RWF_NOWAIT;
    /** The bits above those: outside RWF_SUPPORTED, so kiocb_set_rw_flags refuses them (EOPNOTSUPP; 0x40000000 measured). */
    public static final int RWF_UNKNOWN = ~0x1ff;

    /** aio_rw_flags as a trace writes them: RWF_NOWAIT, else the bits as a hex number. */
    public static String rwFlagsText(int flags) {
        return flags == RWF_NOWAIT ? "RWF_NOWAIT" : "0x" + Integer.toHexString(flags);
    }

    /** The aio_rw_flags {@link #rwFlagsText} wrote. */
    public static int rwFlags(String text) {
        return text.equals("RWF_NOWAIT") ? RWF_NOWAIT : Integer.parseUnsignedInt(text.substring(2), 16);
    }

    /**
     * aio_rw_flags's bits as the spec reads them (Aio.tla): "RWF_NOWAIT", "other" for a bit 6.18
     * may know ({@link #RWF_OTHER}, not modelled), "unknown" for one outside ({@link #RWF_UNKNOWN}).
     */
    public static java.util.SortedSet<String> rwFlagNames(int flags) {
        java.util.SortedSet<String> s = new java.util.TreeSet<>();
        if ((flags & RWF_NOWAIT) != 0) {
            s.add("RWF_NOWAIT");
        }
        if ((flags & RWF_OTHER) != 0) {
            s.add("other");
        }
        if ((flags & RWF_UNKNOWN) != 0) {
            s.add("unknown");
        }
        return s;
    }
}
