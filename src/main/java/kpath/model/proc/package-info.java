/**
 * A process's kernel objects, shared by every path that works on file descriptors (readiness now,
 * completions next): the fd table ({@code fs/file.c}, {@link kpath.model.proc.FdTable}), open files
 * and their poll methods (pipes, AF_UNIX stream sockets, eventfds, loopback TCP sockets, epoll files,
 * regular files: {@link kpath.model.proc.OpenFile}), wait queues and the wake-up path
 * ({@code kernel/sched/wait.c}, {@link kpath.model.proc.Wait}), tasks that sleep in calls
 * ({@link kpath.model.proc.Tasks}), signal-driven I/O ({@code fs/fcntl.c},
 * {@link kpath.model.proc.Fasync}), and io_uring instances ({@code io_uring/io_uring.c},
 * {@link kpath.model.proc.IoUring}: rings, NOPs, CQ overflow; {@link kpath.model.proc.IoPoll}:
 * poll requests, their task work and cancel; IOSQE_IO_DRAIN's defer list, whose requests an io-wq
 * worker completes and the submitter's task work frees — hidden steps {@code IoWqWork} and
 * {@code IoWqFree}, never due; a ring closed while it holds armed requests, kept until its exit
 * work cancels them, hidden step {@code IoUringExitWork}; IORING_OP_LINK_TIMEOUT behind a poll,
 * {@code io_uring/timeout.c}, {@link kpath.model.proc.IoTimeout}, whose timer fires as hidden step
 * {@code IoLinkTimeout}, which a trace checker allows only once its time has come; legacy provided
 * buffers, {@code io_uring/kbuf.c}, {@link kpath.model.proc.IoKbuf}; native AIO contexts, their polls, reads and
 * writes, cancel and RESFD eventfds, {@code fs/aio.c}, {@link kpath.model.proc.Aio}; the
 * completion path's objects) — as
 * Linux 6.18 implements them. One class per kernel source
 * file; the spec's modules of the same names ({@code specs/Proc.tla} and the modules that extend it)
 * say the same.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>State</b>: {@link kpath.model.proc.ProcState}, an immutable value — fd names and numbers,
 *       open fds, live files by id, the main task's last return value ({@code ret}: a count, an fd
 *       number or -errno) and what it copied out ({@link kpath.model.proc.CopyOut}), tasks in calls,
 *       EPOLLEXCLUSIVE entries, blocking files, fasync list (with each entry's fd), owners and
 *       their F_SETSIG signal, pending signals (plain SIGIO once, real-time ones queued).</li>
 *   <li><b>Due work</b>: while an io_uring poll's task work is queued, it is the only step
 *       ({@code IoUringTaskWork}; {@code ~TaskWorkDue} in every action of the spec).</li>
 *   <li><b>Steps</b>: {@link kpath.model.proc.Proc#successors} applies one
 *       {@link kpath.model.proc.ProcAction} (a syscall of the main task, a task's call or return, or
 *       the kernel's hidden steps {@code TaskRun} and {@code TaskTimeout}) and labels each outcome
 *       with a {@link kpath.model.proc.ProcRule}, whose name is the spec's sub-action. Pure: no I/O,
 *       clocks or threads; errors are errno values.</li>
 *   <li><b>Guaranteed</b> in every reachable state: an open fd refers to a live file; a name is
 *       never reused; no two open fds hold one number; a task is in at most one call; the wake-up
 *       path reaches every non-exclusive waiter and then EPOLLEXCLUSIVE entries oldest first.</li>
 *   <li><b>Extending</b> (a path that adds objects, e.g. io_uring): a new kind of file is a new
 *       {@link kpath.model.proc.OpenFile} record with its poll method in
 *       {@link kpath.model.proc.SelectPoll}'s {@code vfsPoll}; a new call is a
 *       {@link kpath.model.proc.ProcAction} record and a {@link kpath.model.proc.ProcRule} per
 *       outcome; a call that may sleep is a {@link kpath.model.proc.Task}'s call; every change to a
 *       file that can make it ready goes through {@code Wait.wake}, every signal through
 *       {@code Fasync.killFasync}. A path's own view — which actions it explores, what its traces
 *       observe, its MC bounds — lives in its own package ({@code kpath.model.readiness}).</li>
 * </ul>
 *
 * <h2>The five I/O models as two phases</h2>
 * Every read is "wait for data", then "copy to user". In the model:
 * <ul>
 *   <li>blocking: a {@link kpath.model.proc.Task} in {@code read} of a blocking file sleeps on
 *       the file's wait queue ({@code SLEEPING}: waiting for data), is woken by the writer, runs,
 *       and copies ({@code DONE});</li>
 *   <li>non-blocking: a one-line {@code read} returns EAGAIN instead of sleeping (the caller does
 *       the waiting, by trying again);</li>
 *   <li>multiplexed: the task sleeps in {@code select}, {@code poll} or {@code epoll_wait}
 *       instead; the copy is a later, non-blocking {@code read};</li>
 *   <li>signal-driven: nobody sleeps; O_ASYNC with an owner makes the data's arrival queue SIGIO
 *       ({@code kill_fasync}), then a {@code read} copies;</li>
 *   <li>asynchronous: with io_uring the caller waits for neither phase; the kernel does the
 *       work and posts a completion the caller reaps later from shared memory (a NOP or a
 *       poll here; native AIO's reads of pipes and buffered files are done inside io_submit,
 *       so only its polls are truly asynchronous; io_uring's reads are the next step).</li>
 * </ul>
 * The table of the five, with the calls of each phase, who sleeps and the traces that show each,
 * is kpath.model.IoModel; the jdk path holds the JDK's socket APIs to its rows.
 *
 * <h2>Tasks</h2>
 * The main task's one-line calls never sleep. A task's call may: it enters
 * ({@code TaskCall}), runs when the scheduler lets it ({@code TaskRun}: checks its files, then
 * sleeps or finishes), is woken by a wake-up on a queue it sleeps on, may time out
 * ({@code TaskTimeout}), and returns ({@code TaskReturn}). Running and timing out are hidden
 * steps; a checker keeps every state they can lead to. Who a wake-up wakes: all non-exclusive
 * entries of the file's queue (epoll items, poll/select/read sleepers whose key matches), then
 * EPOLLEXCLUSIVE items oldest first until one wakes an epoll_wait sleeper; an epoll wakes its
 * newest epoll_wait sleeper (wake-one, LIFO), and a scan that leaves items on rdllist wakes the next.
 * A task's io_uring_enter with IORING_ENTER_GETEVENTS sleeps on its ring's cq_wait, woken by the
 * ring's commits only once its wait is met ({@link kpath.model.proc.IoUring}), or, with
 * IORING_ENTER_EXT_ARG, until its timer fires (-ETIME, 0 or the count it submitted); its io_getevents
 * sleeps on the AIO context's wait queue, woken by every completion, until min_nr events or its timer
 * ({@link kpath.model.proc.Aio}).
 *
 * <p>Not modelled: full pipes and unwritable TCP sockets (the data in play is small; an AF_UNIX
 * stream socket's send buffer fills when the trace recorded what its skbs are charged: {@link AfUnix}),
 * a blocking AF_UNIX send with no room (sock_wait_for_wmem), a write the kernel splits into several skbs, blocking pipe
 * writes and two tasks asleep in one pipe's read (exclusive waiters on the pipe's queues; one
 * task's read of a blocking pipe, by read or inside io_submit, is), pipe_write's {@code poll_usage}
 * (every modelled pipe is polled before it is written, so every write wakes its readers), the
 * file references poll/select, io_uring_enter and io_getevents sleepers hold (closing a polled fd
 * while a task sleeps releases the file at once here; the kernel keeps it until the call returns), the place in its
 * cancel table bucket of an io_uring request a cancel took (it goes to the end of the ring's list, its task work's
 * place, so a later SQE of the same submission that walks its bucket finds it the newest there), F_SETSIG with a standard
 * signal other than SIGIO, SOCK_WAKE_SPACE of TCP (tcp's send buffers never fill here; AF_UNIX's does:
 * {@link AfUnix}), F_SETOWN with a pid or a process group, EINTR other than that of a call that swaps in a
 * signal mask (io_pgetevents, ppoll, pselect6; {@link SignalDelivery}): no signal reaches a sleeping task, busy polling, EFAULT cases other than a
 * NULL epoll_event; io_uring opcodes other than NOP, POLL_ADD, POLL_REMOVE, ASYNC_CANCEL, READ, WRITE
 * and RECV, registered files (ASYNC_CANCEL's FD_FIXED with FD is -EBADF: the rings have none), setup flags
 * other than IORING_SETUP_CLAMP, IORING_SETUP_CQSIZE, IORING_SETUP_NO_SQARRAY, IORING_SETUP_SQPOLL and
 * IORING_SETUP_DEFER_TASKRUN with SINGLE_ISSUER ({@link IoLocalWork}: local work, run at GETEVENTS), SQ array entries
 * below sq_entries (one naming another SQE slot), io_setup's system-wide aio_nr,
 * dropped CQEs, task work
 * woken by another task than the submitter (it runs at once here); fd allocation order (traces give each fd's number), epoll limits
 * (max_user_watches, path counts), select's fd_set size (the model reads every named fd).
 */
package kpath.model.proc;
