package kpath.kernel.completion;

import java.util.List;
import java.util.stream.Collectors;
import kpath.uapi.IoUringAbi;

/** io_uring_enter's arguments as a completion trace's line writes them (io_uring/io_uring.c io_uring_enter). */
final class EnterText {
    private EnterText() {}

    /** The SQEs as an io_uring_enter line writes them: {@code SQE+SQE}, or {@code -} for none. */
    static String sqes(List<Sqe> sqes) {
        return sqes.isEmpty() ? "-" : sqes.stream().map(Sqe::text).collect(Collectors.joining("+"));
    }

    /** io_uring_enter's flags as a line writes them: "0", or IORING_ENTER_GETEVENTS and IORING_ENTER_SQ_WAKEUP joined by '|'. */
    static String flags(int flags) {
        List<String> s = new java.util.ArrayList<>();
        if ((flags & IoUringAbi.IORING_ENTER_GETEVENTS) != 0) {
            s.add("IORING_ENTER_GETEVENTS");
        }
        if ((flags & IoUringAbi.IORING_ENTER_SQ_WAKEUP) != 0) {
            s.add("IORING_ENTER_SQ_WAKEUP");
        }
        if ((flags & ~(IoUringAbi.IORING_ENTER_GETEVENTS | IoUringAbi.IORING_ENTER_SQ_WAKEUP)) != 0) {
            throw new IllegalArgumentException("a flag this line cannot write: 0x" + Integer.toHexString(flags));
        }
        return s.isEmpty() ? "0" : String.join("|", s);
    }

    /** A struct io_uring_getevents_arg's declared size, and its pad when not 0: {@code argsz=N[:pad=P]}. */
    static String ext(int argsz, int pad) {
        return "argsz=" + argsz + (pad != 0 ? ":pad=" + pad : "");
    }
}
