package kpath.trace;

/**
 * Where Linux 6.18 sleeps in each call that may block, as {@code /proc/PID/task/TID/wchan} names it
 * and {@code observe task(tN) state=S wchan=…} lines carry it: the first function on the sleeping
 * stack that is not scheduler code (kernel/sched/core.c __get_wchan). The capture code waits for
 * these, the checkers read them; one table for both.
 */
public final class Wchan {
    private Wchan() {}

    /** fs/eventpoll.c ep_poll sleeps in schedule_hrtimeout_range; ep_poll is inlined into do_epoll_wait. */
    public static final String EPOLL_WAIT = "do_epoll_wait";
    /** fs/select.c do_poll and do_select both sleep in poll_schedule_timeout (a .constprop clone). */
    public static final String POLL = "poll_schedule_timeout";
    /** net/unix/af_unix.c unix_stream_read_generic; unix_stream_data_wait is inlined into it. */
    public static final String UNIX_READ = "unix_stream_read_generic";
    /** fs/eventfd.c eventfd_read_iter sleeps through wait_event_interruptible_locked_irq: kernel/sched/wait.c do_wait_intr_irq. */
    public static final String EVENTFD_READ = "do_wait_intr_irq";

    /**
     * io_uring_enter with IORING_ENTER_GETEVENTS: io_uring/io_uring.c io_cqring_wait sleeps in
     * schedule() (io_cqring_wait_schedule and __io_cqring_wait_schedule are inlined into it), as
     * seen on 6.18.
     */
    public static final String IO_URING_ENTER = "io_cqring_wait";
    /**
     * io_getevents: fs/aio.c read_events sleeps through wait_event_interruptible_hrtimeout, a macro
     * whose schedule() is read_events's own, as seen on 6.18.
     */
    public static final String IO_GETEVENTS = "read_events";
    /**
     * A read of an empty blocking pipe: fs/pipe.c anon_pipe_read (6.18's name for the pipe's
     * read_iter) sleeps in wait_event_interruptible_exclusive on rd_wait — also inside io_submit,
     * whose IOCB_CMD_PREAD calls it in the submitting task (fs/aio.c aio_read), as seen on 6.18.
     */
    public static final String PIPE_READ = "anon_pipe_read";

    /**
     * A splice from an empty blocking pipe: fs/splice.c ipipe_prep waits in fs/pipe.c
     * pipe_wait_readable (wait_event_interruptible on rd_wait) — in an io-wq worker for
     * IORING_OP_SPLICE (io_uring/splice.c), as seen on 6.18.
     */
    public static final String PIPE_WAIT_READABLE = "pipe_wait_readable";

    /**
     * A futex wait: kernel/futex/waitwake.c futex_wait_queue sleeps in schedule(); 6.18 shows the
     * caller of it, futex_do_wait, as seen with glibc's aio_suspend (its AIO_MISC_WAIT).
     */
    public static final String FUTEX_WAIT = "futex_do_wait";

    /**
     * io_destroy of a context with a request in flight: fs/aio.c io_destroy waits in
     * wait_for_completion (uninterruptible: state D) until kill_ioctx's requests are done;
     * wait_for_completion is __sched, so wchan names the syscall's own x86_64 entry, as seen on 6.18.
     */
    public static final String IO_DESTROY = "__x64_sys_io_destroy";

    /**
     * A blocking TCP receive: net/ipv4/tcp.c tcp_recvmsg_locked waits in net/core/sock.c
     * sk_wait_data, whose sk_wait_event sleeps in kernel/sched/wait.c wait_woken (not __sched).
     */
    public static final String TCP_READ = "wait_woken";

    /** Whether a task in {@code syscall} on a TCP socket (read, recvfrom, recvmsg) or a poll/epoll call sleeps at {@code wchan}. */
    public static boolean sleepsOnTcp(String syscall, String wchan) {
        return switch (syscall) {
            case "read", "recvfrom", "recvmsg" -> is(wchan, TCP_READ);
            default -> sleepsIn(syscall, wchan);
        };
    }

    /** Whether a task in {@code syscall} on a pipe's read end (read) or in a futex wait sleeps at {@code wchan}. */
    public static boolean sleepsOnPipeOrFutex(String syscall, String wchan) {
        return switch (syscall) {
            case "read" -> is(wchan, PIPE_READ);
            case "futex" -> is(wchan, FUTEX_WAIT);
            default -> sleepsIn(syscall, wchan);
        };
    }

    /** Whether {@code wchan} is {@code function} or a compiler clone of it ({@code function.constprop.0}). */
    public static boolean is(String wchan, String function) {
        return wchan.equals(function) || wchan.startsWith(function + ".");
    }

    /** Whether a task in system call {@code syscall} (epoll_wait, poll, select, read, io_uring_enter, io_getevents) sleeps at {@code wchan}. */
    public static boolean sleepsIn(String syscall, String wchan) {
        return switch (syscall) {
            case "epoll_wait", "epoll_pwait" -> is(wchan, EPOLL_WAIT);
            case "poll", "select" -> is(wchan, POLL);
            case "read" -> is(wchan, UNIX_READ) || is(wchan, EVENTFD_READ) || is(wchan, TCP_READ);
            case "io_uring_enter" -> is(wchan, IO_URING_ENTER);
            case "io_getevents" -> is(wchan, IO_GETEVENTS);
            case "io_destroy" -> is(wchan, IO_DESTROY);
            case "io_submit" -> is(wchan, PIPE_READ) || is(wchan, UNIX_READ); // fs/aio.c aio_read: the file's read_iter in the caller
            default -> false;
        };
    }
}
