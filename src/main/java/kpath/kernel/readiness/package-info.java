/**
 * Capture scenarios for readiness notification (select, poll, epoll on pipes, AF_UNIX
 * socketpairs and eventfds), recorded as kpath traces in {@code traces/readiness/}.
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
 * A name keeps the number it had at creation after it is closed, so error cases can name closed
 * fds; a later creation may reuse the number under a new name. Epoll data is always the target's
 * fd number at ADD/MOD time. (The {@code #} annotations above are illustrative only.)
 */
package kpath.kernel.readiness;
