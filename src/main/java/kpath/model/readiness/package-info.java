/**
 * Readiness: the poll methods of pipes, AF_UNIX stream sockets, eventfds and epoll files, the
 * wake-up path into {@code ep_poll_callback}, and epoll_ctl, epoll_wait, poll and select, as
 * Linux 6.18 implements them ({@code fs/eventpoll.c}, {@code fs/select.c}, {@code fs/pipe.c},
 * {@code fs/eventfd.c}, {@code net/unix/af_unix.c}). {@link kpath.model.readiness.Readiness} is
 * the specification.
 *
 * <p>Not modelled yet: sleeping waiters (blocking calls, timeouts that expire, EPOLLEXCLUSIVE's
 * wake-one, the thundering herd), TCP sockets and listeners, full pipes and unwritable sockets
 * (the data in play is small), pipe_write's {@code poll_usage} (every modelled pipe is polled
 * before it is written, so every write wakes its readers), signal-driven I/O, EFAULT cases, fd
 * allocation order (traces give each fd's number), epoll limits (max_user_watches, path counts).
 */
package kpath.model.readiness;
