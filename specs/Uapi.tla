-------------------------------- MODULE Uapi --------------------------------
(***************************************************************************)
(* The errno and signal numbers of Linux x86_64 (include/uapi/asm-generic/ *)
(* errno-base.h and errno.h; arch/x86/include/uapi/asm/signal.h).  A       *)
(* syscall returns -errno on failure, as the kernel does.  The Java home   *)
(* of the same tables is kpath.uapi (Errno, Signal); UapiSpecTest keeps    *)
(* the two equal.                                                          *)
(***************************************************************************)
EXTENDS Integers

ErrnoNumber == [EPERM |-> 1, ENOENT |-> 2, ESRCH |-> 3, EINTR |-> 4, EIO |-> 5, ENXIO |-> 6,
                EBADF |-> 9, EAGAIN |-> 11, ENOMEM |-> 12, EACCES |-> 13, EFAULT |-> 14,
                EBUSY |-> 16, EEXIST |-> 17, ENODEV |-> 19, EINVAL |-> 22, ENFILE |-> 23,
                EMFILE |-> 24, ENOTTY |-> 25, ENOSPC |-> 28, EPIPE |-> 32, ENOSYS |-> 38,
                ELOOP |-> 40, ENOTSOCK |-> 88, EMSGSIZE |-> 90, ENOPROTOOPT |-> 92,
                EPROTONOSUPPORT |-> 93, EOPNOTSUPP |-> 95, EAFNOSUPPORT |-> 97,
                EADDRINUSE |-> 98, EADDRNOTAVAIL |-> 99, ENETUNREACH |-> 101,
                ECONNABORTED |-> 103, ECONNRESET |-> 104, ENOBUFS |-> 105, EISCONN |-> 106,
                ENOTCONN |-> 107, ETIMEDOUT |-> 110, ECONNREFUSED |-> 111,
                EHOSTUNREACH |-> 113, EALREADY |-> 114, EINPROGRESS |-> 115, ECANCELED |-> 125]

\* What a syscall that fails with errno e returns.
Err(e) == -ErrnoNumber[e]

SignalNumber == [SIGIO |-> 29]
=============================================================================
