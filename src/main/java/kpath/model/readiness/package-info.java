/**
 * Readiness: the poll methods of pipes, AF_UNIX stream sockets, eventfds, loopback TCP sockets and
 * epoll files, the wake-up path into {@code ep_poll_callback} and {@code pollwake}, tasks that
 * sleep in epoll_wait, poll, select and read, and SIGIO — as Linux 6.18 implements them
 * ({@code fs/eventpoll.c}, {@code fs/select.c}, {@code fs/pipe.c}, {@code fs/eventfd.c},
 * {@code fs/fcntl.c}, {@code net/unix/af_unix.c}, {@code net/core/sock.c},
 * {@code kernel/sched/wait.c}). {@link kpath.model.readiness.Readiness} is the entry point; the
 * rules live in one class per kernel source file (Eventpoll, SelectPoll, Pipe, AfUnix, EventfdFile,
 * TcpLoopback, NetSocket, Fasync, Wait, Tasks, FdTable, FileTable, ReadWrite), as the spec's modules do.
 *
 * <h2>The five I/O models as two phases</h2>
 * Every read is "wait for data", then "copy to user". In the model:
 * <ul>
 *   <li>blocking: a {@link kpath.model.readiness.Task} in {@code read} of a blocking file sleeps on
 *       the file's wait queue ({@code SLEEPING}: waiting for data), is woken by the writer, runs,
 *       and copies ({@code DONE});</li>
 *   <li>non-blocking: a one-line {@code read} returns EAGAIN instead of sleeping (the caller does
 *       the waiting, by trying again);</li>
 *   <li>multiplexed: the task sleeps in {@code select}, {@code poll} or {@code epoll_wait}
 *       instead; the copy is a later, non-blocking {@code read};</li>
 *   <li>signal-driven: nobody sleeps; O_ASYNC with an owner makes the data's arrival queue SIGIO
 *       ({@code kill_fasync}), then a {@code read} copies;</li>
 *   <li>asynchronous (io_uring, AIO): the completions path, not this package.</li>
 * </ul>
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
 *
 * <p>Not modelled: full pipes and unwritable sockets (the data in play is small), blocking pipe
 * reads and writes (exclusive waiters on the pipe's queues), pipe_write's {@code poll_usage}
 * (every modelled pipe is polled before it is written, so every write wakes its readers), the
 * file references poll/select sleepers hold (closing a polled fd while a task sleeps releases the
 * file at once here; the kernel keeps it until the call returns), signals other than SIGIO,
 * F_SETSIG and si_band, O_ASYNC on TCP sockets, EINTR, busy polling, EFAULT cases other than a
 * NULL epoll_event, fd allocation order (traces give each fd's number), epoll limits
 * (max_user_watches, path counts), select's fd_set size (the model reads every named fd).
 */
package kpath.model.readiness;
