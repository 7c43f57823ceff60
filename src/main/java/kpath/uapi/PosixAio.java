package kpath.uapi;

/**
 * glibc's POSIX AIO ABI on x86_64, named once for model, checker and capture: {@code struct aiocb}
 * (glibc rt/aio.h; 64-bit off_t, so no padding after {@code aio_offset}), {@code struct sigevent}
 * (64 bytes: sigev_value, sigev_signo, sigev_notify, then the union whose SIGEV_THREAD member is
 * {function, attributes}), the aio_cancel answers (rt/aio.h enum) and AIO_PRIO_DELTA_MAX
 * (sysdeps/unix/sysv/linux/bits/local_lim.h). Not the kernel's: these calls make no AIO system call.
 */
public final class PosixAio {
    private PosixAio() {}

    public static final long AIOCB_BYTES = 168;
    public static final long AIO_FILDES = 0;
    public static final long AIO_LIO_OPCODE = 4;
    public static final long AIO_REQPRIO = 8;
    public static final long AIO_BUF = 16;
    public static final long AIO_NBYTES = 24;
    public static final long AIO_SIGEVENT = 32;
    public static final long ERROR_CODE = 112;
    public static final long RETURN_VALUE = 120;
    public static final long AIO_OFFSET = 128;

    /** Offsets inside struct sigevent. */
    public static final long SIGEV_VALUE = 0;
    public static final long SIGEV_SIGNO = 8;
    public static final long SIGEV_NOTIFY = 12;
    public static final long SIGEV_FUNCTION = 16;
    public static final long SIGEV_ATTRIBUTES = 24;

    /** sigev_notify (bits/sigevent-consts.h). */
    public static final int SIGEV_SIGNAL = 0;
    public static final int SIGEV_NONE = 1;
    public static final int SIGEV_THREAD = 2;

    /** si_code of a signal queued by an AIO completion (include/uapi/asm-generic/siginfo.h). */
    public static final int SI_ASYNCIO = -4;

    /** aio_cancel's answers, in the enum's order. */
    public static final int AIO_CANCELED = 0;
    public static final int AIO_NOTCANCELED = 1;
    public static final int AIO_ALLDONE = 2;

    /** The largest valid aio_reqprio: glibc's __aio_enqueue_request refuses a value outside [0, 20]. */
    public static final int AIO_PRIO_DELTA_MAX = 20;

    /** aio_cancel's answer by name; "?N" for another value. */
    public static String cancelName(int answer) {
        return switch (answer) {
            case AIO_CANCELED -> "AIO_CANCELED";
            case AIO_NOTCANCELED -> "AIO_NOTCANCELED";
            case AIO_ALLDONE -> "AIO_ALLDONE";
            default -> "?" + answer;
        };
    }

    /** Whether glibc accepts {@code reqprio} (rt/aio_misc.c __aio_enqueue_request). */
    public static boolean reqprioValid(int reqprio) {
        return reqprio >= 0 && reqprio <= AIO_PRIO_DELTA_MAX;
    }
}
