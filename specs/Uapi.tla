-------------------------------- MODULE Uapi --------------------------------
(***************************************************************************)
(* The errno and signal numbers of Linux x86_64 (include/uapi/asm-generic/ *)
(* errno-base.h and errno.h; arch/x86/include/uapi/asm/signal.h).  A       *)
(* syscall returns -errno on failure, as the kernel does.  The Java home   *)
(* of the same tables is kpath.uapi (Errno, Signal, SigPoll); UapiSpecTest *)
(* keeps them equal.                                                       *)
(***************************************************************************)
EXTENDS Integers

ErrnoNumber == [EPERM |-> 1, ENOENT |-> 2, ESRCH |-> 3, EINTR |-> 4, EIO |-> 5, ENXIO |-> 6,
                EBADF |-> 9, EAGAIN |-> 11, ENOMEM |-> 12, EACCES |-> 13, EFAULT |-> 14,
                EBUSY |-> 16, EEXIST |-> 17, ENODEV |-> 19, EINVAL |-> 22, ENFILE |-> 23,
                EMFILE |-> 24, ENOTTY |-> 25, ENOSPC |-> 28, ESPIPE |-> 29, EPIPE |-> 32, ENOSYS |-> 38,
                ELOOP |-> 40, ETIME |-> 62, ENOTSOCK |-> 88, EMSGSIZE |-> 90, ENOPROTOOPT |-> 92,
                EPROTONOSUPPORT |-> 93, EOPNOTSUPP |-> 95, EAFNOSUPPORT |-> 97,
                EADDRINUSE |-> 98, EADDRNOTAVAIL |-> 99, ENETUNREACH |-> 101,
                ECONNABORTED |-> 103, ECONNRESET |-> 104, ENOBUFS |-> 105, EISCONN |-> 106,
                ENOTCONN |-> 107, ETIMEDOUT |-> 110, ECONNREFUSED |-> 111,
                EHOSTUNREACH |-> 113, EALREADY |-> 114, EINPROGRESS |-> 115, ECANCELED |-> 125,
                ERESTARTSYS |-> 512]

\* What a syscall that fails with errno e returns.
Err(e) == -ErrnoNumber[e]

SignalNumber == [SIGURG |-> 23, SIGIO |-> 29, SIGRTMIN |-> 32]

\* SIGKILL and SIGSTOP, whose action cannot be changed (kernel/signal.c sig_kernel_only), and the
\* signals ignored by default: SIGCHLD, SIGURG, SIGWINCH (signal(7) "Ign"; SIG_KERNEL_IGNORE_MASK).
\* Java: kpath.uapi.Signal.SIGKILL, SIGSTOP, defaultIgnored.
SignalKernelOnly == {9, 19}
SignalDefaultIgnored == {17, 23, 28}

\* io_uring_params.features on Linux 6.18 (io_uring/io_uring.c io_uring_create: p->features =
\* IORING_FEAT_FLAGS): every bit from IORING_FEAT_SINGLE_MMAP (0) to IORING_FEAT_NO_IOWAIT (17).
\* Java: kpath.uapi.IoUringAbi.IORING_FEATURES.
IoringFeatures == 262143

\* struct io_rings (include/linux/io_uring_types.h) on x86-64: offsetof each field io_uring_fill_params
\* names in sq_off and cq_off (cqes cache-line aligned); SMP_CACHE_BYTES; sizeof(struct io_uring_cqe).
\* Java: kpath.uapi.IoUringAbi.RINGS_*, SMP_CACHE_BYTES, CQE_BYTES.
IoRingsSqOff == [head |-> 0, tail |-> 4, ring_mask |-> 16, ring_entries |-> 24, flags |-> 36, dropped |-> 32]
IoRingsCqOff == [head |-> 8, tail |-> 12, ring_mask |-> 20, ring_entries |-> 28, overflow |-> 44, cqes |-> 64, flags |-> 40]
SmpCacheBytes == 64
CqeBytes == 16

\* The opcodes of the requests a ring's cancel table holds (include/uapi/linux/io_uring.h
\* IORING_OP_POLL_ADD, and READ and RECV on their internal poll), as IORING_ASYNC_CANCEL_OP compares
\* them. Java: kpath.uapi.IoUringAbi.opcode.
IoringOpNumber == [POLL_ADD |-> 6, READ |-> 22, RECV |-> 27]

\* _NSIG: the highest signal number (kernel/signal.c valid_signal).
NSig == 64

\* PID_MAX_LIMIT on 64-bit (include/linux/threads.h): no task has this pid; a trace's main reads as it.
PidMaxLimit == 4194304

\* The reasons kill_fasync passes (include/uapi/asm-generic/siginfo.h POLL_IN ...): the si_code
\* of an F_SETSIG signal, and the band fs/fcntl.c band_table puts in its si_band (sets of
\* PollBits names; mangle_poll is the identity on x86_64). Java: kpath.uapi.SigPoll.
SigPollCode == [POLL_IN |-> 1, POLL_OUT |-> 2, POLL_MSG |-> 3, POLL_ERR |-> 4, POLL_PRI |-> 5, POLL_HUP |-> 6]
SigPollBand == [POLL_IN |-> {"IN", "RDNORM"}, POLL_OUT |-> {"OUT", "WRNORM", "WRBAND"},
                POLL_MSG |-> {"IN", "RDNORM", "MSG"}, POLL_ERR |-> {"ERR"}, POLL_PRI |-> {"PRI", "RDBAND"},
                POLL_HUP |-> {"HUP", "ERR"}]
=============================================================================
