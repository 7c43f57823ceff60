package kpath.kernel.readiness;

import java.util.LinkedHashMap;
import java.util.SequencedMap;
import kpath.kernel.Bits;
import kpath.kernel.Fds;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcSignal;
import kpath.kernel.LibcSocket;
import kpath.kernel.SysResult;

/**
 * The readiness recorder's I/O on named fds: write, read (with {@code observe read(NAME)} for an
 * eventfd's counter), shutdown and close, and signal-driven I/O: fcntl(F_SETOWN_EX),
 * fcntl(F_SETFL) and rt_sigtimedwait(SIGIO, 0).
 * Every public call here is {@code synchronized} on the recorder, the one lock that orders its
 * lines ({@link ReadinessRecorder}): it holds the lock across the syscall and the writing of its
 * lines.
 */
abstract sealed class IoCalls extends WaitCalls permits ReadinessRecorder {

    IoCalls(String scenario, String narrative, Fds fds, UnixSendProbe.Lines host) {
        super(scenario, narrative, fds, host);
    }

    // ---- I/O ----

    /**
     * Pipes and sockets: {@code write(NAME, N) = n} writing N bytes. Eventfds: {@code write(NAME, V) = 8}
     * adding the u64 value V (V may be any 64-bit pattern, written unsigned).
     */
    public synchronized SysResult write(String name, long n) {
        FdNames.Named f = names.get(name);
        SysResult r;
        String arg;
        if (f.kind() == FdNames.Kind.EVENTFD) {
            r = LibcFile.eventfdWrite(f.fd(), n);
            arg = Long.toUnsignedString(n);
        } else {
            if (n < 0 || n > ReadinessRecorder.MAX_WRITE) {
                throw new IllegalArgumentException("byte count out of range: " + n);
            }
            r = LibcFile.write(f.fd(), new byte[(int) n]);
            arg = Long.toString(n);
        }
        syscall("write", result(r), name, arg);
        return r;
    }

    /**
     * Pipes and sockets: {@code read(NAME, MAX) = n}. Eventfds: {@code read(NAME, 8) = 8} then
     * {@code observe read(NAME) value=V} ({@code max} is ignored and 8 is used). The fd must be
     * non-blocking: the main thread holds the lock across the call, so a read that sleeps would
     * stall every task; a blocking fd is read by a task ({@link ReadinessRecorder#taskRead}).
     */
    public synchronized SysResult read(String name, int max) {
        if (blocking.contains(name)) {
            throw new IllegalStateException("the main thread must not read the blocking fd " + name
                    + " (it would sleep holding the recorder's lock); let a task read it");
        }
        FdNames.Named f = names.get(name);
        if (f.kind() == FdNames.Kind.EVENTFD) {
            LibcFile.CounterRead cr = LibcFile.eventfdRead(f.fd());
            syscall("read", result(cr.result()), name, "8");
            counterRead(name, cr);
            return cr.result();
        }
        SysResult r = LibcFile.read(f.fd(), new byte[readSize(max)]);
        syscall("read", result(r), name, Integer.toString(max));
        return r;
    }

    static int readSize(int max) {
        if (max < 0 || max > ReadinessRecorder.MAX_WRITE) {
            throw new IllegalArgumentException("read size out of range: " + max);
        }
        return max;
    }

    /** {@code observe read(NAME) value=V} after an eventfd read that returned the 8 bytes (lock held). */
    void counterRead(String name, LibcFile.CounterRead cr) {
        if (cr.result().value() == 8) {
            SequencedMap<String, String> v = new LinkedHashMap<>();
            v.put("value", Long.toUnsignedString(cr.value()));
            observe("read", name, v);
        }
    }

    /** {@code shutdown(NAME, SHUT_WR) = 0}. */
    public synchronized SysResult shutdown(String name, int how) {
        SysResult r = LibcSocket.shutdown(names.fd(name), how);
        syscall("shutdown", result(r), name, Bits.shutHow(how));
        return r;
    }

    /**
     * {@code send(NAME, N, MSG_OOB) = n}: N bytes, the last urgent (net/ipv4/tcp.c tcp_sendmsg_locked,
     * tcp_mark_urg). Refused unless the calling thread has SIGURG blocked: it is the one the
     * scenarios make the owner, and an unblocked SIGURG is dropped at sending (it is ignored).
     */
    public synchronized SysResult sendOob(String name, int n) {
        if (!LibcSignal.sigurgBlocked()) {
            throw new IllegalStateException("send(" + name + ", MSG_OOB) on thread " + Thread.currentThread().getName()
                    + ", which has SIGURG unblocked: the kernel would drop it");
        }
        if (n < 1 || n > ReadinessRecorder.MAX_WRITE) {
            throw new IllegalArgumentException("byte count out of range: " + n);
        }
        SysResult r = LibcSocket.send(names.fd(name), n, kpath.uapi.FileFlags.MSG_OOB);
        syscall("send", result(r), name, Integer.toString(n), "MSG_OOB");
        return r;
    }

    /** {@code close(NAME) = 0}; the name stays known (with its old number) for later calls. */
    public synchronized SysResult close(String name) {
        if (!names.isOpen(name)) {
            throw new IllegalStateException(name + " is already closed");
        }
        SysResult r = fds.close(names.fd(name));
        if (r == null) {
            throw new IllegalStateException(name + " is not owned by this scenario");
        }
        names.markClosed(name);
        if (names.kind(name) == FdNames.Kind.EPOLL) {
            forgetItems(name);
        }
        syscall("close", result(r), name);
        return r;
    }

    // ---- signal-driven I/O ----

    /**
     * {@code fcntl(NAME, F_SETOWN_EX, F_OWNER_TID) = r}: SIGIO for NAME's file goes to the calling
     * thread alone (thread-directed; see {@link LibcSignal#fcntlSetownExTid}). Refused
     * (IllegalStateException, no call made) unless the calling thread has SIGIO blocked: an
     * unblocked SIGIO would run its default action and end the JVM.
     */
    public synchronized SysResult fcntlSetownEx(String name) {
        requireSigioBlocked("fcntl(" + name + ", F_SETOWN_EX)");
        SysResult r = LibcSignal.fcntlSetownExTid(names.fd(name), LibcSignal.gettid());
        syscall("fcntl", result(r), name, "F_SETOWN_EX", "F_OWNER_TID");
        return r;
    }

    /**
     * {@code fcntl(NAME, F_SETFL, FLAGS) = r} with FLAGS from O_NONBLOCK and O_ASYNC (written
     * {@code 0} when none): the file status flags become exactly these (fs/fcntl.c setfl), and a
     * change of O_ASYNC calls the file's ->fasync. Without O_NONBLOCK the name is blocking from
     * then on (only a task may read it). Setting O_ASYNC is refused (IllegalStateException, no
     * call made) unless the calling thread has SIGIO blocked.
     */
    public synchronized SysResult fcntlSetfl(String name, int flags) {
        if ((flags & ~(LibcFile.O_NONBLOCK | LibcFile.O_ASYNC)) != 0) {
            throw new IllegalArgumentException("F_SETFL flags other than O_NONBLOCK|O_ASYNC: " + Bits.setfl(flags));
        }
        if ((flags & LibcFile.O_ASYNC) != 0) {
            requireSigioBlocked("fcntl(" + name + ", F_SETFL, O_ASYNC)");
        }
        SysResult r = LibcFile.fcntl(names.fd(name), LibcFile.F_SETFL, flags);
        syscall("fcntl", result(r), name, "F_SETFL", Bits.setfl(flags));
        if (r.ok()) {
            if ((flags & LibcFile.O_NONBLOCK) == 0) {
                blocking.add(name);
            } else {
                blocking.remove(name);
            }
        }
        return r;
    }

    /**
     * {@code setrlimit(RLIMIT_SIGPENDING, N) = r}: the soft limit on this user's pending signals
     * (the hard limit kept). The caller restores it; it counts every pending signal of the user
     * (/proc/self/status SigQ), so a scenario checks that none is pending first.
     */
    public synchronized SysResult setrlimitSigpending(long cur) {
        SysResult r = LibcFile.setSoftLimit(LibcFile.RLIMIT_SIGPENDING, cur);
        syscall("setrlimit", result(r), "RLIMIT_SIGPENDING", Long.toString(cur));
        return r;
    }

    /**
     * {@code ioctl(NAME, FIOASYNC, ON) = r}, ON 1 or 0: FASYNC on or off through the ioctl
     * (fs/ioctl.c ioctl_fioasync). Turning it on is refused (IllegalStateException, no call made)
     * unless the calling thread has SIGIO blocked.
     */
    public synchronized SysResult ioctlFioasync(String name, int on) {
        if (on != 0) {
            requireSigioBlocked("ioctl(" + name + ", FIOASYNC, " + on + ")");
        }
        SysResult r;
        try (java.lang.foreign.Arena a = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment v = a.allocate(java.lang.foreign.ValueLayout.JAVA_INT);
            v.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, on);
            r = LibcFile.ioctl(names.fd(name), LibcFile.FIOASYNC, v);
        }
        syscall("ioctl", result(r), name, "FIOASYNC", Integer.toString(on));
        return r;
    }

    /** {@code setsockopt(NAME, SOL_SOCKET, SO_SNDBUF, V) = r}. */
    public synchronized SysResult setsockoptSndbuf(String name, int v) {
        SysResult r = kpath.kernel.LibcSocket.setsockoptInt(names.fd(name), kpath.kernel.LibcSocket.SOL_SOCKET,
                kpath.kernel.LibcSocket.SO_SNDBUF, v);
        syscall("setsockopt", result(r), name, "SOL_SOCKET", "SO_SNDBUF", Integer.toString(v));
        return r;
    }

    /**
     * {@code getsockopt(NAME, SOL_SOCKET, SO_SNDBUF) = 0}, then {@code observe optval(NAME) value=V}
     * with the sk_sndbuf it copied out; returns V.
     */
    public synchronized int getsockoptSndbuf(String name) {
        kpath.kernel.LibcSocket.IntOption o = kpath.kernel.LibcSocket.getsockoptInt(names.fd(name),
                kpath.kernel.LibcSocket.SOL_SOCKET, kpath.kernel.LibcSocket.SO_SNDBUF);
        syscall("getsockopt", result(o.result()), name, "SOL_SOCKET", "SO_SNDBUF");
        o.result().orThrow("getsockopt(" + name + ", SO_SNDBUF)");
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("value", Integer.toString(o.value()));
        observe("optval", name, v);
        return o.value();
    }

    /**
     * {@code rt_sigtimedwait(SIGIO, 0) = SIGIO} when a SIGIO was pending (for the calling thread
     * or the process) and is now taken, {@code = -1 EAGAIN} when none was; never waits.
     */
    public synchronized SysResult sigtimedwaitSigio() {
        SysResult r = LibcSignal.sigtimedwaitSigio();
        if (r.ok() && r.value() != LibcSignal.SIGIO) {
            throw new IllegalStateException("rt_sigtimedwait({SIGIO}) returned signal " + r.value());
        }
        syscall("rt_sigtimedwait", result(r, "SIGIO"), "SIGIO", "0");
        return r;
    }

    /**
     * {@code fcntl(NAME, F_SETSIG, SIG) = r} with SIG written as the trace writes signals
     * ({@code SIGRTMIN+3}, {@code 0}, or an invalid number such as {@code 65}). Refused
     * (IllegalStateException, no call made) unless the calling thread has SIGIO and
     * {@link LibcSignal#SIG_RT} blocked, and for a valid signal other than those and 0 (its
     * default action could end the JVM).
     */
    public synchronized SysResult fcntlSetsig(String name, int sig) {
        requireSigioBlocked("fcntl(" + name + ", F_SETSIG)");
        if (sig >= 1 && sig <= kpath.uapi.Signal.NSIG && sig != LibcSignal.SIGIO && sig != LibcSignal.SIG_RT) {
            throw new IllegalArgumentException("F_SETSIG " + sig + ": only 0, SIGIO, SIG_RT or an invalid number");
        }
        SysResult r = LibcSignal.fcntlSetsig(names.fd(name), sig);
        syscall("fcntl", result(r), name, "F_SETSIG", kpath.uapi.Signal.text(sig));
        return r;
    }

    /**
     * {@code fcntl(NAME, F_GETOWN) = PID}, the pid as a name: {@code main} for the calling thread,
     * {@code 0} for none, {@code other} for any other (fs/fcntl.c f_getown).
     */
    public synchronized SysResult fcntlGetown(String name) {
        SysResult r = LibcFile.fcntl(names.fd(name), LibcSignal.F_GETOWN, 0);
        long v = r.value();
        syscall("fcntl", result(r, v == 0 ? "0" : v == LibcSignal.gettid() ? "main" : "other"), name, "F_GETOWN");
        return r;
    }

    /** {@code fcntl(NAME, F_GETSIG) = SIG}: the file's signal (fs/fcntl.c do_fcntl), 0 when none was set. */
    public synchronized SysResult fcntlGetsig(String name) {
        SysResult r = LibcSignal.fcntlGetsig(names.fd(name));
        syscall("fcntl", result(r, kpath.uapi.Signal.text((int) r.value())), name, "F_GETSIG");
        return r;
    }

    /**
     * {@code fcntl(NAME, F_GETOWN_EX) = 0} then {@code observe owner type=F_OWNER_TID pid=main}:
     * the struct f_owner_ex the kernel filled, its pid as a name and never a host number:
     * {@code main} for the calling thread, {@code 0} for none, {@code other} for any other.
     */
    public synchronized SysResult fcntlGetownEx(String name) {
        LibcSignal.OwnerEx o = LibcSignal.fcntlGetownEx(names.fd(name));
        syscall("fcntl", result(o.result()), name, "F_GETOWN_EX");
        if (o.result().ok()) {
            SequencedMap<String, String> v = new LinkedHashMap<>();
            v.put("type", switch (o.type()) {
                case 0 -> "F_OWNER_TID";
                case 1 -> "F_OWNER_PID";
                case 2 -> "F_OWNER_PGRP";
                default -> Integer.toString(o.type());
            });
            v.put("pid", o.pid() == 0 ? "0" : o.pid() == LibcSignal.gettid() ? "main" : "other");
            observe("owner", null, v);
        }
        return o.result();
    }

    /**
     * {@code rt_sigtimedwait(SIGIO|SIGRTMIN+3, 0) = SIG} for the signals {@code sigs}, or
     * {@code = -1 EAGAIN} when none was pending; never waits. When the signal's siginfo has a
     * SIGPOLL si_code (POLL_IN .. POLL_HUP: one F_SETSIG chose), it is followed by
     * {@code observe siginfo si_signo=SIG si_code=POLL_IN si_fd=NAME si_band=POLLIN|POLLRDNORM},
     * si_fd as the name that held that number ({@link FdNames#nameOf}).
     */
    public synchronized SysResult sigtimedwait(int... sigs) {
        LibcSignal.Taken t = LibcSignal.sigtimedwait(sigs);
        SysResult r = t.result();
        java.util.List<String> set = java.util.Arrays.stream(sigs).sorted().mapToObj(kpath.uapi.Signal::text).toList();
        syscall("rt_sigtimedwait", result(r, kpath.uapi.Signal.text((int) r.value())), String.join("|", set), "0");
        kpath.uapi.SigPoll reason = kpath.uapi.SigPoll.ofCode(t.code());
        if (r.ok() && reason != null) {
            SequencedMap<String, String> v = new LinkedHashMap<>();
            v.put("si_signo", kpath.uapi.Signal.text((int) r.value()));
            v.put("si_code", reason.name());
            v.put("si_fd", names.nameOf(t.fd()).orElse(Integer.toString(t.fd())));
            v.put("si_band", kpath.uapi.Mask.text((int) t.band(), "POLL"));
            observe("siginfo", null, v);
        } else if (r.ok() && r.value() == LibcSignal.SIGURG) {
            // sent with SEND_SIG_PRIV: si_code SI_KERNEL, no si_fd or si_band (plain SIGIO's, the same, is not written)
            SequencedMap<String, String> v = new LinkedHashMap<>();
            v.put("si_signo", kpath.uapi.Signal.text((int) r.value()));
            v.put("si_code", t.code() == kpath.uapi.Signal.SI_KERNEL ? "SI_KERNEL" : Integer.toString(t.code()));
            observe("siginfo", null, v);
        }
        return r;
    }

    /**
     * {@code rt_sigaction(SIG, ACTION) = r}: ACTION handler (glibc's abs), SIG_IGN or SIG_DFL, through
     * glibc's sigaction. Returns the action it replaced, which the caller puts back
     * ({@link LibcSignal#restore}), or null when it failed.
     */
    public synchronized LibcSignal.Saved sigaction(int sig, String action) {
        LibcSignal.Changed c = LibcSignal.sigaction(sig, action);
        syscall("rt_sigaction", result(c.result()), kpath.uapi.Signal.text(sig), action);
        return c.old();
    }

    private static void requireSigioBlocked(String what) {
        if (!LibcSignal.sigioBlocked()) {
            throw new IllegalStateException(what + " on thread " + Thread.currentThread().getName()
                    + ", which has SIGIO unblocked: its default action would end the JVM");
        }
    }
}
