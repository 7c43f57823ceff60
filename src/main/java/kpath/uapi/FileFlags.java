package kpath.uapi;

/** The file status flags both the models and the capture code use (include/uapi/asm-generic/fcntl.h, x86_64). */
public final class FileFlags {
    private FileFlags() {}

    public static final int O_NONBLOCK = 04000;
    /** FASYNC: signal-driven I/O. */
    public static final int O_ASYNC = 020000;
    public static final int O_CLOEXEC = 02000000;
}
