package kpath.model;

import java.util.List;

/**
 * The five I/O models as one two-phase machine: every read is "wait for data", then "copy to
 * user". For each model, the calls of each phase, who sleeps in them, and the kernel functions
 * where they do (Linux 6.18); and the kpath traces that show it, read by the process model
 * ({@code kpath.model.proc}). The jdk and glibc paths' traces hold a library's observed behaviour
 * to one of these rows ({@code kpath.model.jdk.JdkIo}, {@code kpath.model.glibc.GlibcAio}).
 *
 * @param waitCalls   the calls of the wait phase
 * @param waitBlocks  whether the caller sleeps while it waits for data
 * @param waitSleepsIn where a task sleeps in the wait phase (its wchan), or how the wait is told
 * @param copy        the call of the copy phase
 * @param copyBlocks  whether the caller is in the kernel while the data is copied to it
 * @param traces      committed traces that show the model (traces/PATH/NAME.trace)
 */
public record IoModel(String name, String waitCalls, boolean waitBlocks, String waitSleepsIn, String copy,
                      boolean copyBlocks, List<String> traces) {

    /**
     * net/ipv4/tcp.c tcp_recvmsg_locked -> net/core/sock.c sk_wait_data; af_unix unix_stream_read_generic;
     * the copy is skb_copy_datagram_iter. glibc's POSIX AIO is this row on a helper thread (fs/pipe.c anon_pipe_read).
     */
    public static final IoModel BLOCKING = new IoModel("blocking", "read", true,
            "sk_wait_data (wchan wait_woken) / unix_stream_read_generic", "read (same call)", true,
            List.of("readiness/blocking-read-wait-then-copy", "jdk/jdk-socket-inputstream-read", "glibc/glibc-aio-read-pipe"));
    /** A read of an O_NONBLOCK file with no data returns EAGAIN at once (tcp_recvmsg_locked, unix_stream_read_generic: timeo 0). */
    public static final IoModel NONBLOCKING = new IoModel("nonblocking", "read = EAGAIN, again", false,
            "nowhere: the caller polls by calling again", "read", true,
            List.of("readiness/epoll-lt-socketpair-reported-until-read"));
    /** fs/eventpoll.c do_epoll_wait (ep_poll); fs/select.c do_select, do_sys_poll -> poll_schedule_timeout. */
    public static final IoModel MULTIPLEXED = new IoModel("multiplexed", "select / poll / epoll_wait", true,
            "do_epoll_wait / poll_schedule_timeout", "read (non-blocking, later)", true,
            List.of("readiness/epoll-wait-infinite-woken-by-eventfd", "readiness/poll-and-select-sleepers-woken",
                    "jdk/jdk-selector-select", "jdk/jdk-asynchronous-socket-channel-read"));
    /** fs/fcntl.c kill_fasync queues SIGIO from the socket's wake-up (net/socket.c sock_wake_async). */
    public static final IoModel SIGNAL = new IoModel("signal", "none: SIGIO is queued (kill_fasync)", false,
            "nowhere (or rt_sigtimedwait, if the caller chooses to wait for the signal)", "read", true,
            List.of("readiness/sigio-signal-driven-io"));
    /**
     * io_uring and native AIO post a completion to a ring the caller reads without a system call
     * (io_uring/io_uring.c io_req_post_cqe; fs/aio.c aio_complete). IORING_OP_READ and
     * IORING_OP_RECV of an empty pipe or socket wait in the kernel (an internal poll,
     * io_uring/poll.c io_arm_poll_handler) and the kernel copies before it posts the byte count;
     * IORING_OP_POLL_ADD and IOCB_CMD_POLL complete a poll, and the copy is the caller's own read.
     */
    public static final IoModel ASYNCHRONOUS = new IoModel("asynchronous", "none: the kernel waits", false,
            "nowhere (io_uring_enter / io_getevents only if asked to wait)",
            "none: the kernel copies (io_uring READ/RECV); after a completed poll, the caller's read", false,
            List.of("completion/io-uring-read-and-recv", "completion/io-uring-poll-add-oneshot",
                    "completion/aio-poll-and-getevents"));

    public static final List<IoModel> ALL = List.of(BLOCKING, NONBLOCKING, MULTIPLEXED, SIGNAL, ASYNCHRONOUS);

    /**
     * Whether a thread sleeps while the model waits for data: the table's waitBlocks, or the
     * kernel's own wait for the ring models.
     */
    public static boolean sleepsWhileWaiting(String name) {
        return name.equals("blocking") || name.equals("multiplexed") || name.equals("asynchronous");
    }

    /**
     * Whether the model's completion is posted to a kernel ring (io_uring's CQ, the AIO event ring):
     * the asynchronous row alone; a library that claims another row runs with no such ring.
     */
    public static boolean completesInKernel(String name) {
        return name.equals("asynchronous");
    }

    /** The row as a rejection explains it: where it waits, whether the caller sleeps there, how it copies. */
    public String explained() {
        return "the table: " + name + " waits in " + waitCalls
                + (waitBlocks ? " (the caller sleeps, at " : " (the caller does not sleep; ") + waitSleepsIn + "), copies with " + copy;
    }

    /** The row named {@code name}; empty when no model has it. */
    public static java.util.Optional<IoModel> named(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The claim a jdk trace tests for each JDK API, as observed on 6.18 with JDK 25: model and
     * waiter. {@code +SO_TIMEOUT}: the socket has a read timeout (Socket.setSoTimeout).
     */
    public static final java.util.Map<String, List<String>> JDK = java.util.Map.of(
            "InputStream.read", List.of("blocking", "caller"),
            "InputStream.read+SO_TIMEOUT", List.of("multiplexed", "caller"),
            "Selector.select", List.of("multiplexed", "caller"),
            "AsynchronousSocketChannel.read", List.of("multiplexed", "jdk"));

    /**
     * The claim a glibc trace tests for each POSIX AIO call, as observed on 6.18 with glibc 2.36:
     * model and waiter. The read waits in a helper thread of glibc's (rt/aio_misc.c).
     */
    public static final java.util.Map<String, List<String>> GLIBC = java.util.Map.of(
            "aio_read", List.of("blocking", "helper"));
}
