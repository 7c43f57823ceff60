package kpath.model.proc;

import kpath.model.Rule;
import kpath.model.RuleClass;

import static kpath.model.RuleClass.*;

/**
 * Every outcome of the readiness model, grouped by the kernel source that decides it; the class
 * named after that source holds the rule's condition (see {@link Proc}). Each name is also a
 * sub-action of specs/Readiness.tla (or a module it extends) and unique across paths. A task's
 * check (TaskRun) carries the rule of the call it checks, classed as that call made at once.
 */
public enum ProcRule implements Rule {
    // fs/file.c, fs/file_table.c: fds and files
    Pipe2Ok(FAST_SUCCEED, "pipe2(O_NONBLOCK) makes a pipe; the read end holds the data (fs/pipe.c do_pipe2)"),
    SocketpairOk(FAST_SUCCEED, "socketpair(AF_UNIX, SOCK_STREAM) makes two connected stream sockets (net/unix/af_unix.c unix_socketpair)"),
    EventfdOk(FAST_SUCCEED, "eventfd makes a 64-bit counter file holding initval (fs/eventfd.c do_eventfd)"),
    EpollCreate1Ok(FAST_SUCCEED, "epoll_create1 makes an epoll with empty interest and ready lists (fs/eventpoll.c do_epoll_create)"),
    OpenOk(FAST_SUCCEED, "openat of a regular file, read-only: a file with no poll method (fs/open.c do_sys_openat2)"),
    SocketOk(FAST_SUCCEED, "socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK) makes an unconnected TCP socket (net/socket.c __sys_socket)"),
    DupOk(FAST_SUCCEED, "dup gives the open file another fd number (fs/file.c f_dupfd)"),
    Ebadf(FAST_FAIL, "the fd is not open, or not open for this call: EBADF (fs/file.c fdget; fs/read_write.c vfs_read, vfs_write)"),
    CloseFd(FAST_SUCCEED, "close drops the fd; another fd, or an armed io_uring request, keeps the file and its epoll items (fs/file.c file_close_fd)"),
    CloseRelease(FAST_SUCCEED, "close drops the last fd: the file's epoll items go, its release wakes the other side (fs/file_table.c __fput)"),
    // fs/read_write.c
    IoEinval(FAST_FAIL, "read or write on an epoll file (no method, fs/read_write.c vfs_read), or a bad eventfd size or value (fs/eventfd.c): EINVAL"),
    IoEpipe(FAST_FAIL, "write with no reader left or to a socket shut for sending: EPIPE (fs/pipe.c pipe_write, af_unix.c, tcp.c)"),
    ReadRegularEof(FAST_SUCCEED, "read of an empty regular file returns 0 (fs/read_write.c vfs_read; a file with data is read only by AIO)"),
    // fs/pipe.c
    WritePipe(FAST_SUCCEED, "pipe_write appends the data, wakes the readers and signals fasync_readers (fs/pipe.c pipe_write)"),
    ReadPipe(FAST_SUCCEED, "pipe_read takes up to n bytes, then signals fasync_writers; a null read returns 0 before anything (fs/pipe.c pipe_read)"),
    ReadPipeEof(FAST_SUCCEED, "pipe_read of an empty pipe with no writer left returns 0 (fs/pipe.c pipe_read)"),
    ReadPipeEagain(FAST_FAIL, "pipe_read of an empty pipe whose writer lives, O_NONBLOCK: EAGAIN (fs/pipe.c pipe_read)"),
    // net/unix/af_unix.c
    WriteUnix(FAST_SUCCEED, "one skb on the peer's queue, a wake-up, then sk_wake_async (net/unix/af_unix.c unix_stream_sendmsg)"),
    WriteUnixEagain(FAST_FAIL, "no room: sk_wmem_alloc at or past sk_sndbuf; SOCKWQ_ASYNC_NOSPACE is set and a non-blocking send fails EAGAIN (net/core/sock.c sock_alloc_send_pskb)"),
    SetsockoptSndbuf(FAST_SUCCEED, "SO_SNDBUF: the value clamped to net.core.wmem_max, doubled, at least SOCK_MIN_SNDBUF; then sk_write_space (net/core/sock.c sk_setsockopt, __sock_set_sndbuf)"),
    GetsockoptSndbuf(FAST_SUCCEED, "SO_SNDBUF reads sk_sndbuf (net/core/sock.c sk_getsockopt)"),
    ReadUnix(FAST_SUCCEED, "whole and partial skbs; each freed skb wakes the sender (net/unix/af_unix.c unix_stream_read_generic)"),
    ReadUnixEof(FAST_SUCCEED, "an empty queue after RCV_SHUTDOWN returns 0 (net/unix/af_unix.c unix_stream_read_generic)"),
    ReadUnixReset(FAST_FAIL, "an empty queue with the peer's reset pending: ECONNRESET, cleared (net/unix/af_unix.c unix_stream_read_generic)"),
    ReadUnixEagain(FAST_FAIL, "an empty queue on a non-blocking socket: EAGAIN (net/unix/af_unix.c unix_stream_read_generic)"),
    ShutdownUnix(FAST_SUCCEED, "this side's and the peer's mirror shutdown bits, both woken (net/unix/af_unix.c unix_shutdown)"),
    // fs/eventfd.c
    WriteEventfd(FAST_SUCCEED, "adds to the counter and wakes with EPOLLIN (fs/eventfd.c eventfd_write)"),
    ReadEventfd(FAST_SUCCEED, "returns the counter (1 with EFD_SEMAPHORE), lowers it, wakes with EPOLLOUT (fs/eventfd.c eventfd_read_iter)"),
    EventfdEagain(FAST_FAIL, "a read at 0, or a write that would reach ULLONG_MAX, non-blocking: EAGAIN (fs/eventfd.c eventfd_read_iter, eventfd_write)"),
    // net/socket.c, net/ipv4: TCP on loopback
    SockEnotsock(FAST_FAIL, "bind, listen or shutdown of a file that is not a socket of that kind: ENOTSOCK (net/socket.c sockfd_lookup_light)"),
    BindOk(FAST_SUCCEED, "binds a TCP socket to 127.0.0.1, any port: no readiness effect (net/ipv4/af_inet.c inet_bind)"),
    ListenTcp(FAST_SUCCEED, "an unconnected TCP socket goes to LISTEN (net/ipv4/af_inet.c inet_listen)"),
    ConnectTcpInProgress(FAST_FAIL, "non-blocking connect on loopback: the handshake completes in the call, the child is queued, EINPROGRESS (net/ipv4/tcp_ipv4.c tcp_v4_connect)"),
    AcceptTcp(FAST_SUCCEED, "the oldest queued child becomes a new fd (net/ipv4/inet_connection_sock.c inet_csk_accept)"),
    AcceptTcpEagain(FAST_FAIL, "no child queued on a non-blocking listener: EAGAIN (net/ipv4/inet_connection_sock.c inet_csk_accept)"),
    TcpSockEinval(FAST_FAIL, "listen of a connected socket, accept on one not listening: EINVAL (net/ipv4/af_inet.c inet_listen, inet_csk_accept)"),
    TcpSockEnotconn(FAST_FAIL, "read of a listener or a closed socket, shutdown of one not connected: ENOTCONN (net/ipv4/tcp.c tcp_recvmsg, af_inet.c inet_shutdown)"),
    TcpSockError(FAST_FAIL, "a write, or a read with no data left, reports and clears the pending error (net/core/sock.c sock_error)"),
    WriteTcp(FAST_SUCCEED, "on loopback the data lands on the peer at once and wakes it (net/ipv4/tcp.c tcp_sendmsg_locked)"),
    SendOobTcp(FAST_SUCCEED, "send(MSG_OOB) of one byte: it lands on the peer as urgent data, whose owner gets SIGURG (net/ipv4/tcp_input.c tcp_check_urg → net/core/sock.c sk_send_sigurg → fs/fcntl.c send_sigurg)"),
    WriteTcpReset(FAST_SUCCEED, "the peer is closed: its orphan answers with RST, this socket gets ECONNRESET or EPIPE (net/ipv4/tcp_input.c tcp_reset)"),
    ReadTcp(FAST_SUCCEED, "takes up to n bytes (net/ipv4/tcp.c tcp_recvmsg)"),
    ReadTcpEof(FAST_SUCCEED, "no data after the peer's FIN returns 0 (net/ipv4/tcp.c tcp_recvmsg)"),
    ReadTcpEagain(FAST_FAIL, "no data, no FIN, no error, non-blocking: EAGAIN (net/ipv4/tcp.c tcp_recvmsg)"),
    ShutdownTcp(FAST_SUCCEED, "a FIN to the peer (RCV_SHUTDOWN there); both directions shut closes both (net/ipv4/af_inet.c inet_shutdown, tcp.c tcp_shutdown)"),
    // fs/eventpoll.c
    EpollCtlAdd(FAST_SUCCEED, "adds the item (events|EPOLLERR|EPOLLHUP), queued at once if ready (fs/eventpoll.c ep_insert)"),
    EpollCtlMod(FAST_SUCCEED, "stores the new mask and re-polls: a ready item is queued again (fs/eventpoll.c ep_modify)"),
    EpollCtlDel(FAST_SUCCEED, "drops the item, off the ready list too (fs/eventpoll.c ep_remove)"),
    EpollCtlEfault(FAST_FAIL, "a NULL event for ADD or MOD: EFAULT before any fd is looked at (fs/eventpoll.c do_epoll_ctl)"),
    EpollCtlEperm(FAST_FAIL, "the target has no poll method: EPERM (fs/eventpoll.c do_epoll_ctl, file_can_poll)"),
    EpollCtlEinval(FAST_FAIL, "the epoll itself, a non-epoll epfd, EPOLLEXCLUSIVE misuse or an unknown op: EINVAL (fs/eventpoll.c do_epoll_ctl)"),
    EpollCtlEloop(FAST_FAIL, "adding an epoll that closes a loop or nests past EP_MAX_NESTS: ELOOP (fs/eventpoll.c ep_loop_check)"),
    EpollCtlEexist(FAST_FAIL, "ADD of an item already there: EEXIST (fs/eventpoll.c do_epoll_ctl)"),
    EpollCtlEnoent(FAST_FAIL, "MOD or DEL of an item not there: ENOENT (fs/eventpoll.c do_epoll_ctl)"),
    EpollWaitNoEvents(FAST_SUCCEED, "nothing reported: the ready list is empty or none of its items still polls ready (fs/eventpoll.c ep_send_events)"),
    EpollWaitLevelRequeued(FAST_SUCCEED, "a level-triggered item reported goes back on the ready list (fs/eventpoll.c ep_send_events)"),
    EpollWaitEdgeTaken(FAST_SUCCEED, "an EPOLLET item reported stays off the ready list until its next callback (fs/eventpoll.c ep_send_events)"),
    EpollWaitOneshotDisarmed(FAST_SUCCEED, "an EPOLLONESHOT item reported is disarmed until EPOLL_CTL_MOD (fs/eventpoll.c ep_send_events)"),
    EpollWaitEinval(FAST_FAIL, "maxevents <= 0 or not an epoll fd: EINVAL (fs/eventpoll.c ep_check_params)"),
    // fs/select.c
    PollOk(FAST_SUCCEED, "one scan: revents per fd (POLLNVAL for a closed fd), the count of fds with any (fs/select.c do_pollfd)"),
    SelectOk(FAST_SUCCEED, "one scan of the fds below nfds; the result counts set bits (fs/select.c do_select)"),
    SelectEinval(FAST_FAIL, "nfds < 0: EINVAL (fs/select.c core_sys_select)"),
    // io_uring/io_uring.c, io_uring/nop.c
    IoUringSetupOk(FAST_SUCCEED, "a ring of roundup_pow_of_two(entries) SQEs (IORING_SETUP_CLAMP: at most 32768) and twice as many CQEs, or IORING_SETUP_CQSIZE's cq_entries rounded up (io_uring/io_uring.c io_uring_fill_params)"),
    IoUringSetupEinval(FAST_FAIL, "a reserved field set, an unknown flag, entries 0 or above IORING_MAX_ENTRIES (32768) without CLAMP, CQSIZE's cq_entries 0, above 65536 without CLAMP, or below the SQ: EINVAL (io_uring/io_uring.c io_uring_setup, io_uring_fill_params)"),
    IoUringEnterOk(FAST_SUCCEED, "submits the SQEs in order (a NOP completes inline, a POLL_ADD completes or arms, an ASYNC_CANCEL finds its poll or -ENOENT); with GETEVENTS runs the task work and flushes the overflow list first (io_uring/io_uring.c io_uring_enter, io_cqring_wait)"),
    IoUringRegisterEventfdOk(FAST_SUCCEED, "the ring signals the eventfd once per commit that posts to the CQ (io_uring/eventfd.c io_eventfd_register, io_eventfd_flush_signal)"),
    IoUringRegisterEbusy(FAST_FAIL, "an eventfd is registered already: EBUSY (io_uring/eventfd.c io_eventfd_register)"),
    IoUringRegisterEinval(FAST_FAIL, "the fd is no eventfd: EINVAL (io_uring/eventfd.c io_eventfd_register, fs/eventfd.c eventfd_ctx_fdget)"),
    IoUringPollTaskWork(KERNEL, "the task work of woken or cancelled polls: each polls its file again and posts the mask (F_MORE if multishot) or -ECANCELED (io_uring/poll.c io_poll_task_func)"),
    IoUringEnterEinval(FAST_FAIL, "io_uring_enter with a flag outside IORING_ENTER_FLAGS: EINVAL, before the fd is looked up (io_uring/io_uring.c io_uring_enter)"),
    IoUringEnterEopnotsupp(FAST_FAIL, "io_uring_enter on a file that is not a ring: EOPNOTSUPP (io_uring/io_uring.c io_uring_enter)"),
    IoLinkTimeoutFn(KERNEL, "the timer of a LINK_TIMEOUT fires while its head waits: the head loses its link to it and the timeout's task work is queued (io_uring/timeout.c io_link_timeout_fn)"),
    IoWqNopDone(KERNEL, "an io-wq worker runs a NOP that io_queue_deferred released (drained SQEs are forced async): it posts its CQE, 0 (io_uring/io_uring.c io_wq_submit_work, io_req_complete_post)"),
    IoRingExitWork(KERNEL, "a closed ring's exit work, on a workqueue, cancels the polls it still holds and they drop their files: each file nothing else refers to is released (io_uring/io_uring.c io_ring_ctx_wait_and_kill, io_ring_exit_work, io_uring_try_cancel_requests)"),
    IoWqSpliceInterrupted(KERNEL, "the io-wq worker of a SPLICE an ASYNC_CANCEL found running wakes with TIF_NOTIFY_SIGNAL: ipipe_prep's signal_pending gives -ERESTARTSYS, which io_splice posts unconverted, -512 (io_uring/io-wq.c __io_wq_worker_cancel; fs/splice.c ipipe_prep; io_uring/splice.c io_splice)"),
    IoWqRecvIssued(KERNEL, "an io-wq worker issues a RECV forced async (IOSQE_ASYNC) non-blocking: bytes or end of file complete it, its CQE posted by the worker; -EAGAIN arms its poll, whose wake-up's task work queues it to io-wq again — never a -EAGAIN CQE (io_uring/io_uring.c io_wq_submit_work, io_req_task_submit; io_uring/net.c io_recv)"),
    IoWqFreed(KERNEL, "the submitter's task work frees the requests io-wq completed, and the flush after it starts the defer list's head once every allocated request is on it (io_uring/io_uring.c io_free_req, __io_submit_flush_completions, io_queue_deferred)"),
    IoUringEnterSqpoll(FAST_SUCCEED, "on an IORING_SETUP_SQPOLL ring io_uring_enter submits nothing and returns to_submit: the SQ thread submits (io_uring/io_uring.c io_uring_enter)"),
    IoSqThreadSubmit(KERNEL, "the SQ thread of an IORING_SETUP_SQPOLL ring submits the SQEs the SQ tail has published, in order (io_uring/sqpoll.c io_sq_thread, __io_sq_thread)"),
    SqPublished(FAST_SUCCEED, "the application publishes SQEs with a release store of the SQ tail alone, entering nobody (io_uring(7))"),
    CqReaped(FAST_SUCCEED, "the application takes every CQE between head and tail; nothing moves from the overflow list (io_uring(7))"),
    // fs/aio.c
    IoSetupOk(FAST_SUCCEED, "a new AIO context, its id copied out (fs/aio.c ioctx_alloc)"),
    IoSetupEagain(FAST_FAIL, "io_setup of more events than fs.aio-max-nr: EAGAIN (fs/aio.c ioctx_alloc)"),
    AioEinval(FAST_FAIL, "io_setup with *ctxp not 0, of 0 events or of more than 0x10000000 / sizeof(struct io_event) doubled, io_getevents with min_nr < 0 or above nr, a context that does not exist (destroyed, never made), io_cancel of no active request, a resfd that is no eventfd: EINVAL (fs/aio.c io_setup, lookup_ioctx, io_cancel)"),
    AioEagain(FAST_FAIL, "io_submit's first iocb when the context's requests and untaken events hold all its slots: EAGAIN (fs/aio.c io_submit_one, aio_get_req, get_reqs_available)"),
    AioEopnotsupp(FAST_FAIL, "an IOCB_CMD_PREAD or PWRITE whose aio_rw_flags has a bit outside RWF_SUPPORTED: EOPNOTSUPP, the iocb's own error (fs/aio.c aio_prep_rw, include/linux/fs.h kiocb_set_rw_flags)"),
    IoSubmitOk(FAST_SUCCEED, "every iocb taken; an IOCB_CMD_POLL completes at once with the mask when the file is ready, else waits on its queue (fs/aio.c aio_poll)"),
    IoSubmitStopsShort(FAST_SUCCEED, "an iocb after the first fails (EBADF, a resfd that is no eventfd): io_submit returns how many it took (fs/aio.c io_submit)"),
    IoCancelEinprogress(FAST_FAIL, "io_cancel of a waiting poll: its work is queued to complete it, and the call returns EINPROGRESS (fs/aio.c io_cancel, aio_poll_cancel)"),
    IoGeteventsOk(FAST_SUCCEED, "takes up to nr completed events, oldest first, without waiting (fs/aio.c read_events, aio_read_events_ring)"),
    IoPgeteventsSignalled(FAST_SUCCEED, "io_pgetevents took events (or failed EINVAL) while its mask let pending signals through: the result stands, and the signals are delivered on the way out under the swapped mask (fs/aio.c io_pgetevents: restore_saved_sigmask_unless)"),
    IoDestroyOk(FAST_SUCCEED, "the context goes, its waiting requests cancelled (fs/aio.c io_destroy, kill_ioctx)"),
    AioFput(KERNEL, "on the way back to user space the task's work runs the fput of AIO polls completed inline by its wake-up: each file nothing else refers to is released (kernel/task_work.c task_work_run, fs/file_table.c fput, ____fput)"),
    AioCtxLockBusy(KERNEL, "a waiting poll's next keyed wake-up will find ctx_lock taken, so it queues the poll's work instead of completing it inline (fs/aio.c aio_poll_wake: spin_trylock_irqsave)"),
    AioDelayedFput(KERNEL, "delayed_fput_work runs the fputs of AIO polls put from a kernel worker (completed by the worker, or cancelled by io_destroy): each file nothing else refers to is released (fs/file_table.c fput, delayed_fput)"),
    AioPollWoken(KERNEL, "a kernel worker completes a poll woken without a key or cancelled: its file polled again; a mask or a cancel completes it, else it waits on (fs/aio.c aio_poll_complete_work)"),
    // tasks: kernel/sched/wait.c, the timers
    TaskEnters(BLOCK, "a task enters epoll_wait, poll or select with a timeout, or a blocking read; it stays in the kernel until TaskReturns (arch/x86/entry/syscall_64.c do_syscall_64)"),
    TaskSleeps(BLOCK, "its check found nothing: it sleeps on ep->wq or its files' wait queues (fs/eventpoll.c ep_poll, fs/select.c do_poll)"),
    TaskTimesOut(KERNEL, "its timer fires: epoll_wait returns 0 at once, poll and select scan once more (kernel/time/hrtimer.c hrtimer_wakeup)"),
    TaskReturns(SLOW_SUCCEED, "the call returns to user space with what the task's last run found, after it slept or not (arch/x86/entry/syscall_64.c)"),
    // fs/fcntl.c, kernel/signal.c
    FcntlSetflAsync(FAST_SUCCEED, "F_SETFL sets O_NONBLOCK and O_ASYNC; a change of O_ASYNC joins or leaves the fasync list (fs/fcntl.c setfl)"),
    FcntlSetown(FAST_SUCCEED, "F_SETOWN_EX with F_OWNER_TID: the file's SIGIO goes to the calling task (fs/fcntl.c f_setown_ex)"),
    FcntlSetsig(FAST_SUCCEED, "F_SETSIG: the file's signal becomes arg, 0 for plain SIGIO (fs/fcntl.c do_fcntl)"),
    SetrlimitOk(FAST_SUCCEED, "setrlimit(RLIMIT_SIGPENDING): the soft limit on the user's pending signals; over it a real-time signal is not queued, and signal-driven I/O sends plain SIGIO instead (kernel/sys.c do_prlimit, kernel/signal.c __sigqueue_alloc, fs/fcntl.c send_sigio_to_task)"),
    FcntlGetown(FAST_SUCCEED, "F_GETOWN: the owner's pid, here the main task's (the trace's main), 0 without an owner (fs/fcntl.c f_getown)"),
    IoctlFioasync(FAST_SUCCEED, "FIOASYNC: a change of FASYNC calls the file's ->fasync to join or leave its fasync list; no change, nothing (fs/ioctl.c ioctl_fioasync)"),
    IoctlEnotty(FAST_FAIL, "FIOASYNC that would change FASYNC on a file without ->fasync (eventfd, epoll, regular, io_uring): ENOTTY; only ->fasync sets FASYNC, so that is every FIOASYNC 1 there, where F_SETFL O_ASYNC returns 0 (fs/ioctl.c ioctl_fioasync, fs/fcntl.c setfl)"),
    FcntlSetsigEinval(FAST_FAIL, "F_SETSIG with a number above _NSIG: EINVAL (fs/fcntl.c do_fcntl, valid_signal)"),
    FcntlGetownEx(FAST_SUCCEED, "F_GETOWN_EX copies out the owner: F_OWNER_TID and the main task, or pid 0 (fs/fcntl.c f_getown_ex)"),
    FcntlGetsig(FAST_SUCCEED, "F_GETSIG returns the file's signal, 0 when none was set (fs/fcntl.c do_fcntl)"),
    SigurgTaken(FAST_SUCCEED, "the pending SIGURG is taken, the lowest of the set; its siginfo is SEND_SIG_PRIV's, si_code SI_KERNEL (kernel/signal.c do_sigtimedwait, __send_signal_locked)"),
    SigioTaken(FAST_SUCCEED, "the pending SIGIO is taken (kernel/signal.c do_sigtimedwait)"),
    SiginfoTaken(FAST_SUCCEED, "the lowest pending signal that carries a siginfo (real-time, or SIGIO chosen with F_SETSIG) is taken, a real-time one's oldest instance; its siginfo is copied out (kernel/signal.c do_sigtimedwait, collect_signal)"),
    SigmaskEinval(FAST_FAIL, "io_pgetevents, epoll_pwait, ppoll or pselect6 whose sigsetsize is not sizeof(sigset_t), 8: EINVAL before anything else (kernel/signal.c set_user_sigmask)"),
    SignalEintr(FAST_FAIL, "the call found nothing and its mask let a pending signal with a handler through: -ERESTARTNOHAND, which the handler's delivery turns into EINTR (fs/aio.c io_pgetevents, fs/select.c do_poll, core_sys_select; arch/x86/kernel/signal.c handle_signal)"),
    SignalRestarted(FAST_SUCCEED, "the call found nothing and its mask let only ignored signals through: they are dropped on the way out and, no handler run, the call restarts and finds the same (kernel/signal.c get_signal, arch/x86/kernel/signal.c arch_do_signal_or_restart)"),
    IoCqringWaitEinval(FAST_FAIL, "io_uring_enter with GETEVENTS whose wait is not met at once and whose sigset size is not sizeof(sigset_t), 8: EINVAL from set_user_sigmask, after the submission (the count it submitted, if any, is returned) (io_uring/io_uring.c io_cqring_wait)"),
    IoCqringWaitEintr(FAST_FAIL, "io_uring_enter with GETEVENTS whose wait is not met at once and whose sigset lets a pending signal through: -EINTR, not a restart, whatever the signal's action, and the signal delivered; 0 when CQEs are there, the count submitted if any (io_uring/io_uring.c io_cqring_wait, io_cqring_wait_schedule)"),
    SigactionOk(FAST_SUCCEED, "rt_sigaction sets the signal's action: a handler, SIG_IGN or SIG_DFL; one that ignores it discards its pending instances (kernel/signal.c do_sigaction, sig_handler_ignored)"),
    SigactionEinval(FAST_FAIL, "rt_sigaction of SIGKILL, SIGSTOP or a number outside 1.._NSIG: EINVAL (kernel/signal.c do_sigaction, sig_kernel_only)"),
    SigtimedwaitEagain(FAST_FAIL, "no SIGIO pending and a zero timeout: EAGAIN (kernel/signal.c do_sigtimedwait)");

    private final RuleClass ruleClass;
    private final String summary;

    ProcRule(RuleClass ruleClass, String summary) {
        this.ruleClass = ruleClass;
        this.summary = summary;
    }

    @Override
    public RuleClass ruleClass() {
        return ruleClass;
    }

    @Override
    public String summary() {
        return summary;
    }
}
