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

    /** x86-64's PAGE_SIZE: aio_setup_ring maps the event ring in whole pages. */
    public static final int PAGE_SIZE = 4096;
    /** sizeof(struct aio_ring), the ring's header before its io_events (fs/aio.c). */
    public static final int AIO_RING_BYTES = 32;
    /** The trace header's key for /sys/devices/system/cpu/possible, as that file reads ({@code 0-1}). */
    public static final String CPUS_POSSIBLE_KEY = "cpus-possible";

    /**
     * How many requests a context of {@code nrEvents} takes before io_submit is EAGAIN, on one CPU,
     * with {@code possibleCpus} CPUs possible; 0 when that count is not known (no limit modelled).
     * fs/aio.c ioctx_alloc: reqs_available = the ring's nr ({@link #ringNr}) - 1; req_batch = reqs_available / (num_possible_cpus()
     * * 4) (the kernel raises a 0 to 1; it cannot be below 2 here). get_reqs_available moves req_batch slots at a time from reqs_available to
     * the CPU's own count, and refuses when that is empty and fewer than req_batch are left: a
     * submitter on one CPU gets whole batches only.
     */
    public static int slots(int nrEvents, int possibleCpus) {
        if (possibleCpus <= 0) {
            return 0;
        }
        long available = ringNr(nrEvents, possibleCpus) - 1L;
        long batch = available / (possibleCpus * 4L); // at least 2: the ring holds 8P + 2 events or more
        return (int) (available / batch * batch);
    }

    /**
     * The event ring's size, what io_setup leaves in struct aio_ring's nr (and ctx->nr_events), with
     * {@code possibleCpus} CPUs possible; 0 when that count is not known. fs/aio.c ioctx_alloc:
     * nr_events = max(nr_events, num_possible_cpus() * 4) * 2; aio_setup_ring: two more, rounded up
     * to whole pages with the ring's header, then as many io_events as those pages hold. The ring's
     * mapping is those pages: {@link #AIO_RING_BYTES} + nr × {@link #IO_EVENT_BYTES} bytes.
     */
    public static int ringNr(int nrEvents, int possibleCpus) {
        if (possibleCpus <= 0) {
            return 0;
        }
        long maxReqs = 2L * Math.max(nrEvents, possibleCpus * 4L);
        long bytes = AIO_RING_BYTES + IO_EVENT_BYTES * (maxReqs + 2);
        long pages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
        return (int) ((PAGE_SIZE * pages - AIO_RING_BYTES) / IO_EVENT_BYTES);
    }

    /** fs/aio.c AIO_RING_MAGIC, struct aio_ring's magic. */
    public static final long AIO_RING_MAGIC = 0xa10a10a1L;
    /** fs/aio.c AIO_RING_COMPAT_FEATURES and AIO_RING_INCOMPAT_FEATURES, as aio_setup_ring writes them. */
    public static final int AIO_RING_COMPAT_FEATURES = 1, AIO_RING_INCOMPAT_FEATURES = 0;

    /** The number of CPUs /sys/devices/system/cpu/possible lists ({@code 0-1}, {@code 0,2-3}); -1 when it is no such list. */
    public static int cpuCount(String list) {
        int n = 0;
        for (String part : list.trim().split(",", -1)) {
            String[] r = part.split("-", -1);
            if (r.length > 2 || !r[0].matches("[0-9]+") || r.length == 2 && !r[1].matches("[0-9]+")) {
                return -1;
            }
            int lo = Integer.parseInt(r[0]);
            int hi = r.length == 2 ? Integer.parseInt(r[1]) : lo;
            if (hi < lo) {
                return -1;
            }
            n += hi - lo + 1;
        }
        return n;
    }

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
