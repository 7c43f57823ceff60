package kpath.uapi;

/**
 * statx(2) (include/uapi/linux/stat.h struct statx, x86_64) and statfs(2)'s f_type, as the capture
 * reads them of the regular file a trace opens; and the header line a trace records them in.
 */
public final class Statx {
    private Statx() {}

    /** stx_mask's bit for stx_dio_mem_align and stx_dio_offset_align. */
    public static final int STATX_DIOALIGN = 0x2000;
    /** stx_mask's bit for stx_size. */
    public static final int STATX_SIZE = 0x200;
    /** sizeof(struct statx). */
    public static final int SIZE = 0x100;
    public static final int STX_MASK = 0x00;
    public static final int STX_SIZE = 0x28;
    public static final int STX_DIO_MEM_ALIGN = 0x98;
    public static final int STX_DIO_OFFSET_ALIGN = 0x9c;

    /** sizeof(struct statfs) on x86_64; f_type is its first long. */
    public static final int STATFS_SIZE = 120;

    /**
     * The header key of the regular file a trace opens: {@code regular-file: size=N fs=NAME
     * f_type=0xHEX dio_mem_align=N dio_offset_align=N} (statx and statfs of the file, made before
     * the trace begins). The model reads size and dio_offset_align.
     */
    public static final String REGULAR_FILE_KEY = "regular-file";
}
