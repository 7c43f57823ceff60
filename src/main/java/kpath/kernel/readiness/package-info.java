/**
 * Capture scenarios for readiness notification (select, poll, epoll on pipes, AF_UNIX
 * socketpairs, eventfds and loopback TCP, also with tasks sleeping in the calls), recorded as
 * kpath traces in {@code traces/readiness/}.
 *
 * <h2>Trace conventions (within the {@code kpath.trace} grammar)</h2>
 * Header: {@code netns: host}, {@code peer: loopback}, no sysctls, {@code captured-by: kpath}.
 * Every fd is named at creation and the result carries its number, {@code NAME:FD}:
 * <pre>{@code
 * pipe2(O_NONBLOCK) = r0:7,w0:8
 * socketpair(AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK) = s0:5,s1:6
 * eventfd(0, EFD_NONBLOCK|EFD_SEMAPHORE) = v0:9
 * epoll_create1(0) = e0:10
 * dup(s0) = s0d:11
 * socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK) = l0:4     (TCP on loopback: listeners lN, clients cN)
 * bind(l0, 127.0.0.1:0) = 0
 * listen(l0, 8) = 0
 * connect(c0, l0) = -1 EINPROGRESS                     (second argument: the listener's name)
 * accept4(l0, SOCK_NONBLOCK) = a0:9
 * poll(c0=0, 1000) = 1                                 (a bounded wait for an error or hang-up)
 * openat(AT_FDCWD, /proc/self/status) = f0:12
 * write(w0, 3) = 3                         # pipes/sockets: byte count
 * write(v0, 1) = 8                         # eventfds: the u64 added (unsigned decimal)
 * read(r0, 4096) = -1 EAGAIN
 * read(v0, 8) = 8                          # eventfds, then:
 * observe read(v0) value=3
 * shutdown(s1, SHUT_WR) = 0
 * close(w0) = 0
 * epoll_ctl(e0, EPOLL_CTL_ADD, r0, EPOLLIN|EPOLLET) = 0
 * epoll_ctl(e0, EPOLL_CTL_DEL, r0, -) = 0  # '-' = NULL event pointer (also for ADD: EFAULT)
 * epoll_ctl(e0, -1, w0, EPOLLOUT) = -1 EINVAL   # an invalid op is written as its number
 * epoll_wait(e0, 8, 0) = 2                 # maxevents, timeout ms; when > 0 followed by:
 * observe events(e0) r0=EPOLLIN w0=EPOLLOUT     # return order; key = name whose fd was the data
 * poll(r0=POLLIN, -1=POLLIN, 0) = 1        # when > 0 followed by:
 * observe revents r0=POLLIN                # entries with revents != 0, array order
 * select(12, r0|s0, w0, -, 0) = 2          # when > 0 followed by:
 * observe fdsets rd=r0 wr=w0 ex=-
 * observe poll(s0) revents=POLLIN|POLLRDNORM    # snapshot: POLLIN|POLLOUT|POLLRDNORM|POLLWRNORM|POLLPRI|POLLRDHUP, timeout 0
 * }</pre>
 * fcntl(F_DUPFD) copies an fd to the lowest free number &ge; its argument and names the copy
 * {@code NAMEx}, with its number (the checker reads it as a dup):
 * <pre>{@code
 * fcntl(r0, F_DUPFD, 1100) = r0x:1100
 * select(1102, r0x, w0x, -, 0) = 2         # sets passed as bitmaps of at least nfds bits
 * }</pre>
 * A name keeps the number it had at creation after it is closed, so error cases can name closed
 * fds; a later creation may reuse the number under a new name. Epoll data is always the target's
 * fd number at ADD/MOD time. (The {@code #} annotations above are illustrative only.)
 *
 * <h2>Tasks (the multi-threaded scenarios, {@link kpath.kernel.readiness.ThreadedReadinessScenarios})</h2>
 * Blocking fds are created without the non-blocking flag; only a task reads them:
 * <pre>{@code
 * socketpair(AF_UNIX, SOCK_STREAM) = s0:5,s1:6         # blocking ends
 * eventfd(0, 0) = v0:7                                 # blocking eventfd (flags 0)
 * }</pre>
 * A task {@code tN} (t1, t2, ...; one platform thread each) writes its call in two lines, with the
 * argument text of the single-line form; the last argument of epoll_wait, poll and select is the
 * timeout in ms, -1 = none. The return line is followed by the same observe line as the
 * single-line form:
 * <pre>{@code
 * t1 -> epoll_wait(e0, 8, 300)
 * t2 -> poll(r0=POLLIN, s0=POLLIN, 300)
 * t3 -> select(9, r0, -, -, 300)
 * t4 -> read(s0, 4096)
 * t5 -> read(v0, 8)
 * observe task(t1) state=S wchan=do_epoll_wait       # the main thread sees t1 sleeping
 * write(w0, 1) = 1
 * t1 <- 1                                             # a count, or -1 ERRNO
 * observe events(e0) r0=EPOLLIN                       # epoll_wait > 0
 * t2 <- 1
 * observe revents r0=POLLIN                           # poll > 0
 * t3 <- 1
 * observe fdsets rd=r0 wr=- ex=-                      # select > 0
 * t4 <- 3
 * t5 <- 8
 * observe read(v0) value=2                            # eventfd read of 8 bytes
 * }</pre>
 * {@code observe task(tN) state=STATE wchan=WCHAN} is what the main thread read from
 * {@code /proc/self/task/TID/stat} (the state letter) and {@code /proc/self/task/TID/wchan},
 * exactly as read ({@code -} when the thread had gone). Before acting on a sleeping task the main
 * thread re-reads them every millisecond, for at most 2 s, until the state is {@code S} and the
 * wait channel is the function the call sleeps in (on 6.18: epoll_wait {@code do_epoll_wait}; poll
 * and select {@code poll_schedule_timeout.constprop.0}; read of a blocking AF_UNIX stream
 * {@code unix_stream_read_generic}; read of a blocking eventfd {@code do_wait_intr_irq}), and
 * writes the last reading; a checker may use the line only when it says {@code S} with a known
 * wait channel.
 *
 * <h2>Signal-driven I/O ({@link kpath.kernel.readiness.SigioScenarios})</h2>
 * The scenario runs on one signal thread that has SIGIO blocked; F_SETOWN_EX makes that thread
 * (F_OWNER_TID) the receiver of SIGIO for a file, F_SETFL sets exactly the flags written (from
 * O_NONBLOCK and O_ASYNC, {@code 0} for none), and rt_sigtimedwait with a zero timeout takes a
 * pending SIGIO or fails with EAGAIN:
 * <pre>{@code
 * fcntl(r0, F_SETOWN_EX, F_OWNER_TID) = 0
 * fcntl(r0, F_SETFL, O_NONBLOCK|O_ASYNC) = 0
 * rt_sigtimedwait(SIGIO, 0) = SIGIO
 * rt_sigtimedwait(SIGIO, 0) = -1 EAGAIN
 * }</pre>
 * Urgent data ({@link kpath.kernel.readiness.SigurgScenarios}): the signal thread also blocks SIGURG,
 * which the receiver's owner gets, with a siginfo of si_code SI_KERNEL and nothing else:
 * <pre>{@code
 * send(c0, 1, MSG_OOB) = 1
 * rt_sigtimedwait(SIGURG|SIGIO|SIGRTMIN+3, 0) = SIGURG
 * observe siginfo si_signo=SIGURG si_code=SI_KERNEL
 * }</pre>
 * A signal's action and the waits with a signal mask ({@link kpath.kernel.readiness.SigmaskScenarios}):
 * rt_sigaction names a handler (glibc's abs, as sigaction(2) installs it, no SA_RESTART), SIG_IGN or
 * SIG_DFL; ppoll, pselect6 and epoll_pwait take the arguments of poll, select and epoll_wait (a zero
 * timeout) and then the mask the call swaps in, as the signals it blocks of SIGURG, SIGIO and
 * SIGRTMIN+3 (the thread's others stay as they are), and the sigsetsize passed; {@code NULL} for no mask:
 * <pre>{@code
 * rt_sigaction(SIGIO, handler) = 0
 * ppoll(r0=POLLIN, 0, [SIGIO], 8) = 0
 * pselect6(5, r0, -, -, 0, [], 8) = -1 EINTR
 * epoll_pwait(e0, 1, 0, NULL) = 0
 * }</pre>
 *
 * <p>Order: the recorder has one lock. A main-thread call holds it across the syscall and the
 * writing of its lines, so its kernel effect comes before its line. A task writes {@code tN ->}
 * under the lock before it enters the syscall, releases the lock for the syscall, and writes
 * {@code tN <-} and its observe lines under the lock after the syscall returned, so every kernel
 * effect of the call lies between its two lines. The main thread reads /proc and writes
 * {@code observe task} in one hold, so a task seen sleeping has not written its {@code tN <-}.
 * Times are taken when a line is written.
 */
package kpath.kernel.readiness;
