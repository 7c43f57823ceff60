package kpath.model.proc;

import kpath.uapi.FileFlags;
import kpath.uapi.Signal;

import kpath.uapi.Mask;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The syscalls of the readiness model. Creation calls carry the names and numbers the kernel
 * gave (fd allocation is not modelled); {@code toString()} is the trace line.
 */
public sealed interface ProcAction {

    /** {@code nonblock}: O_NONBLOCK (without it a read of the empty pipe sleeps). */
    record Pipe2(String r, int rn, String w, int wn, boolean nonblock) implements ProcAction {
        public Pipe2(String r, int rn, String w, int wn) {
            this(r, rn, w, wn, true);
        }

        @Override public String toString() {
            return "pipe2(" + (nonblock ? "O_NONBLOCK" : "0") + ") = " + r + ":" + rn + "," + w + ":" + wn;
        }
    }

    /**
     * {@code nonblock}: SOCK_NONBLOCK (without it a read of an empty end sleeps). {@code sndbuf}: each
     * end's sk_sndbuf, net.core.wmem_default as the trace's header recorded it; {@code truesize}: what
     * each skb is charged to its sender, as the header recorded it (0: not recorded, nothing charged).
     */
    record Socketpair(String a, int an, String b, int bn, boolean nonblock, int sndbuf, int truesize) implements ProcAction {
        /**
         * net.core.wmem_default where a trace did not record it: its boot value, sysctl_wmem_default
         * = SK_WMEM_DEFAULT (include/net/sock.h), 212992 on this kernel. With no truesize recorded
         * nothing is charged, so it decides nothing but what getsockopt(SO_SNDBUF) would read.
         */
        public static final int WMEM_DEFAULT_UNRECORDED = 212992;

        public Socketpair(String a, int an, String b, int bn, boolean nonblock) {
            this(a, an, b, bn, nonblock, WMEM_DEFAULT_UNRECORDED, 0);
        }

        public Socketpair(String a, int an, String b, int bn) {
            this(a, an, b, bn, true);
        }

        @Override public String toString() {
            return "socketpair(AF_UNIX, SOCK_STREAM" + (nonblock ? "|SOCK_NONBLOCK" : "") + ") = "
                    + a + ":" + an + "," + b + ":" + bn;
        }
    }

    /** {@code nonblock}: EFD_NONBLOCK (without it a read of a zero counter sleeps). */
    record Eventfd(String name, int number, long initval, boolean semaphore, boolean nonblock) implements ProcAction {
        public Eventfd(String name, int number, long initval, boolean semaphore) {
            this(name, number, initval, semaphore, true);
        }

        @Override public String toString() {
            String flags = (nonblock ? "|EFD_NONBLOCK" : "") + (semaphore ? "|EFD_SEMAPHORE" : "");
            return "eventfd(" + initval + ", " + (flags.isEmpty() ? "0" : flags.substring(1)) + ") = " + name + ":" + number;
        }
    }

    record EpollCreate1(String name, int number) implements ProcAction {
        @Override public String toString() { return "epoll_create1(0) = " + name + ":" + number; }
    }

    /** socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK): an unconnected TCP socket. */
    record Socket(String name, int number) implements ProcAction {
        @Override public String toString() { return "socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK) = " + name + ":" + number; }
    }

    /** bind to 127.0.0.1, any port: no readiness effect. */
    record Bind(String fd) implements ProcAction {
        @Override public String toString() { return "bind(" + fd + ", 127.0.0.1:0)"; }
    }

    record Listen(String fd, int backlog) implements ProcAction {
        @Override public String toString() { return "listen(" + fd + ", " + backlog + ")"; }
    }

    /** A non-blocking connect to the listener {@code listener} on loopback. */
    record Connect(String fd, String listener) implements ProcAction {
        @Override public String toString() { return "connect(" + fd + ", " + listener + ")"; }
    }

    record Accept4(String fd, String name, int number) implements ProcAction {
        @Override public String toString() { return "accept4(" + fd + ", SOCK_NONBLOCK) = " + name + ":" + number; }
    }

    /**
     * A regular file, read-only: no poll method; {@code direct}: O_DIRECT; {@code size} and
     * {@code align}: its size and statx's stx_dio_offset_align, as the trace's header recorded
     * them ({@link OpenFile.Regular}).
     */
    record Open(String name, int number, boolean direct, long size, int align) implements ProcAction {
        /** An empty file without O_DIRECT. */
        public Open(String name, int number) {
            this(name, number, false, 0, 0);
        }

        @Override public String toString() {
            return "openat(AT_FDCWD, FILE" + (direct ? ", O_RDONLY|O_DIRECT" : "") + ") = " + name + ":" + number;
        }
    }

    record Dup(String fd, String name, int number) implements ProcAction {
        @Override public String toString() { return "dup(" + fd + ") = " + name + ":" + number; }
    }

    /** write(2): {@code n} bytes, or for an eventfd the u64 value added. */
    record Write(String fd, long n) implements ProcAction {
        @Override public String toString() { return "write(" + fd + ", " + n + ")"; }
    }

    /** send(2) of {@code n} bytes with MSG_OOB: the last one urgent (TCP only). */
    record SendOob(String fd, long n) implements ProcAction {
        @Override public String toString() { return "send(" + fd + ", " + n + ", MSG_OOB)"; }
    }

    /** read(2) of up to {@code n} bytes (8 for an eventfd). */
    record Read(String fd, long n) implements ProcAction {
        @Override public String toString() { return "read(" + fd + ", " + n + ")"; }
    }

    record Shutdown(String fd, int how) implements ProcAction {
        public static final int SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;

        @Override public String toString() {
            return "shutdown(" + fd + ", " + List.of("SHUT_RD", "SHUT_WR", "SHUT_RDWR").get(how) + ")";
        }
    }

    record Close(String fd) implements ProcAction {
        @Override public String toString() { return "close(" + fd + ")"; }
    }

    enum Op { EPOLL_CTL_ADD, EPOLL_CTL_DEL, EPOLL_CTL_MOD, INVALID }

    /** epoll_ctl; {@code nullEvent}: the event pointer is NULL (written {@code -}), as DEL may pass. */
    record EpollCtl(String epfd, Op op, String fd, int events, boolean nullEvent) implements ProcAction {
        public EpollCtl(String epfd, Op op, String fd, int events) {
            this(epfd, op, fd, events, op == Op.EPOLL_CTL_DEL);
        }

        @Override public String toString() {
            return "epoll_ctl(" + epfd + ", " + (op == Op.INVALID ? "-1" : op.name()) + ", " + fd + ", "
                    + (nullEvent ? "-" : Mask.text(events, "EPOLL")) + ")";
        }
    }

    /** epoll_wait with timeout 0; a task's epoll_wait with another timeout is a {@link TaskCall}. */
    record EpollWait(String epfd, int maxevents) implements ProcAction {
        @Override public String toString() { return "epoll_wait(" + epfd + ", " + maxevents + ", 0)"; }
    }

    /** One pollfd: {@code fd} null for a negative fd number. */
    record PollFd(String fd, int events) {
        @Override public String toString() { return (fd == null ? "-1" : fd) + "=" + Mask.text(events, "POLL"); }
    }

    record Poll(List<PollFd> fds) implements ProcAction {
        public Poll {
            fds = List.copyOf(fds);
        }

        @Override public String toString() {
            return "poll(" + fds.stream().map(PollFd::toString).collect(Collectors.joining(", ")) + ", 0)";
        }
    }

    record Select(int nfds, Set<String> rd, Set<String> wr, Set<String> ex) implements ProcAction {
        public Select {
            rd = Set.copyOf(rd);
            wr = Set.copyOf(wr);
            ex = Set.copyOf(ex);
        }

        @Override public String toString() {
            return "select(" + nfds + ", " + set(rd) + ", " + set(wr) + ", " + set(ex) + ", 0)";
        }

        private static String set(Set<String> s) {
            return s.isEmpty() ? "-" : s.stream().sorted().collect(Collectors.joining("|"));
        }
    }

    /**
     * A call with usig's signal mask swapped in (kernel/signal.c set_user_sigmask): epoll_pwait,
     * ppoll or pselect6, {@code call} being the {@link EpollWait}, {@link Poll} or {@link Select} it
     * is with timeout 0; io_pgetevents, the {@link IoGetevents} it is (usig's mask); or io_uring_enter
     * with IORING_ENTER_GETEVENTS and its sigset argument (no IORING_ENTER_EXT_ARG); {@code mask} the signals it blocks (of those the model knows), null for a
     * NULL sigmask; {@code sigsetsize} the size passed with it.
     */
    record Sigmasked(ProcAction call, java.util.SortedSet<Integer> mask, long sigsetsize) implements ProcAction {
        public Sigmasked {
            if (!(call instanceof EpollWait || call instanceof Poll || call instanceof Select || call instanceof IoGetevents
                    || call instanceof IoUringEnter e && e.getevents() && !e.extArg())) {
                throw new IllegalArgumentException("a call with a signal mask is epoll_pwait, ppoll, pselect6, io_pgetevents or"
                        + " io_uring_enter with IORING_ENTER_GETEVENTS (its sigset argument), not " + call);
            }
            mask = mask == null ? null : java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(mask));
        }

        /** The syscall's name. */
        public String name() {
            return call instanceof EpollWait ? "epoll_pwait" : call instanceof Poll ? "ppoll" : call instanceof IoGetevents
                    ? "io_pgetevents" : call instanceof IoUringEnter ? "io_uring_enter" : "pselect6";
        }

        @Override public String toString() {
            String c = call.toString();
            return name() + c.substring(c.indexOf('('), c.length() - 1) + ", " + usig(mask, sigsetsize) + ")";
        }
    }

    /** How a trace writes a call's signal mask: {@code [SIGURG|SIGIO], 8}, {@code [], 8}, or {@code NULL}. */
    static String usig(java.util.SortedSet<Integer> mask, long sigsetsize) {
        return mask == null ? "NULL" : "[" + String.join("|", mask.stream().map(Signal::text).toList()) + "], " + sigsetsize;
    }

    // ---- io_uring (io_uring/io_uring.c) ----

    /**
     * io_uring_setup(entries, &p): {@code flags} is p.flags, {@code cqEntries} p.cq_entries (read
     * with IORING_SETUP_CQSIZE), {@code resv} whether p.resv has a bit set; the ring's name and fd
     * number, or "(none)" and -1 when it fails.
     */
    record IoUringSetup(String name, int number, int entries, int flags, int cqEntries, boolean resv) implements ProcAction {
        public IoUringSetup(String name, int number, int entries) {
            this(name, number, entries, 0, 0, false);
        }

        @Override public String toString() {
            return "io_uring_setup(" + entries + ", " + kpath.uapi.IoUringAbi.setupFlagsText(flags)
                    + ((flags & kpath.uapi.IoUringAbi.IORING_SETUP_CQSIZE) != 0 ? ", cq_entries=" + cqEntries : "")
                    + (resv ? ", resv=1" : "") + ") = " + name + ":" + number;
        }
    }

    /**
     * io_uring_enter(fd, to_submit, min_complete, flags): the SQEs the application queued in the
     * SQ before the call, and IORING_ENTER_GETEVENTS; to_submit is all the SQ holds (these and any
     * an earlier call left unconsumed). The main task
     * never sleeps: a GETEVENTS call whose wait is not met at once is a task's call ({@link TaskCall}).
     * With IORING_ENTER_EXT_ARG, {@code argsz} is the size passed for its struct
     * io_uring_getevents_arg (-1: no EXT_ARG), {@code pad} that struct's u32 after sigmask_sz
     * (min_wait_usec since 6.12), and the struct's ts a timeout in ms: a task's
     * ({@link TaskCall#timeout}); a main-task call, which never sleeps, writes it as {@code timeoutMs}.
     */
    record IoUringEnter(String fd, List<Sqe> sqes, int minComplete, boolean getevents, int argsz, int pad, int timeoutMs)
            implements ProcAction {
        public IoUringEnter {
            sqes = List.copyOf(sqes);
        }

        /** Without IORING_ENTER_EXT_ARG. */
        public IoUringEnter(String fd, List<Sqe> sqes, int minComplete, boolean getevents) {
            this(fd, sqes, minComplete, getevents, -1, 0, 0);
        }

        /** Whether IORING_ENTER_EXT_ARG is set. */
        public boolean extArg() {
            return argsz >= 0;
        }

        @Override public String toString() {
            String flags = getevents && extArg() ? "IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG" : getevents ? "IORING_ENTER_GETEVENTS"
                    : extArg() ? "IORING_ENTER_EXT_ARG" : "0";
            return "io_uring_enter(" + fd + ", " + (sqes.isEmpty() ? "-" : sqes.stream().map(Sqe::toString)
                    .collect(Collectors.joining("+"))) + ", " + minComplete + ", " + flags
                    + (extArg() ? ", argsz=" + argsz + (pad != 0 ? ":pad=" + pad : "") + ", " + timeoutMs : "") + ")";
        }
    }

    /**
     * io_uring_enter(fd, 0, 0, flags) with {@code flags} holding a bit no 6.18 flag has: refused
     * before anything else is read (a record of its own: nothing but the flags matters).
     */
    record IoUringEnterBadFlags(String fd, int flags) implements ProcAction {
        @Override public String toString() { return "io_uring_enter(" + fd + ", -, 0, 0x" + Integer.toHexString(flags) + ")"; }
    }

    /** io_uring_register(fd, IORING_REGISTER_EVENTFD, &eventfd, 1). */
    record IoUringRegisterEventfd(String fd, String eventfd) implements ProcAction {
        @Override public String toString() { return "io_uring_register(" + fd + ", IORING_REGISTER_EVENTFD, " + eventfd + ")"; }
    }

    /**
     * Not a syscall: the application reads every CQE between the ring's CQ head and tail and
     * stores the new head (io_uring(7)), reading sq_flags too.
     */
    record CqReap(String fd) implements ProcAction {
        @Override public String toString() { return "reap(" + fd + ")"; }
    }

    /**
     * Not a syscall: the application writes SQEs and publishes them with a release store of the SQ
     * tail alone (io_uring(7)), entering nobody; on an IORING_SETUP_SQPOLL ring the SQ thread takes
     * them ({@link IoSqThread}), on another they wait for the next io_uring_enter.
     */
    record SqPublish(String fd, List<Sqe> sqes) implements ProcAction {
        public SqPublish {
            sqes = List.copyOf(sqes);
        }

        @Override public String toString() {
            return "publish(" + fd + ") " + (sqes.isEmpty() ? "-" : sqes.stream().map(Sqe::toString).collect(Collectors.joining("+")));
        }
    }

    /**
     * Hidden: the SQ thread of an IORING_SETUP_SQPOLL ring (io_uring/sqpoll.c io_sq_thread →
     * __io_sq_thread) submits the SQEs published so far, at its own time; one successor per ring
     * and count it may find.
     */
    record IoSqThread() implements ProcAction {
        @Override public String toString() { return "SQ thread submits"; }
    }

    /**
     * Hidden, and due at once: the task work of woken or cancelled io_uring polls runs (before the
     * submitter returns to user space; io_uring/poll.c io_poll_task_func). While it is due no other
     * step is taken.
     */
    record IoUringTaskWork() implements ProcAction {
        @Override public String toString() { return "io_uring task work"; }
    }

    /**
     * Hidden: an io-wq worker runs a request that io_queue_deferred released (a drained SQE and those
     * behind it are forced async, REQ_F_FORCE_ASYNC): it posts its CQE (io_req_complete_post). Any
     * released request may be the one (workers run side by side); one successor each.
     */
    record IoWqWork() implements ProcAction {
        @Override public String toString() { return "io-wq work"; }
    }

    /**
     * Hidden: the hrtimer of the IORING_OP_LINK_TIMEOUT with this user_data fires
     * (io_uring/timeout.c io_link_timeout_fn) while its head waits: no clock in the model, so
     * whenever it is armed; a trace checker holds it back until its time has come.
     */
    record IoLinkTimeout(long userData) implements ProcAction {
        @Override public String toString() { return "link timeout " + Long.toUnsignedString(userData) + " fires"; }
    }

    /**
     * Hidden: the submitter's task work frees the requests io-wq completed (io_wq_free_work →
     * io_free_req → io_req_task_complete); the flush after it runs io_queue_deferred.
     */
    record IoWqFree() implements ProcAction {
        @Override public String toString() { return "io-wq requests freed"; }
    }

    /**
     * Hidden: a closed ring's exit work cancels the requests it still holds, and they let go of
     * their files (io_uring/io_uring.c io_ring_exit_work, queued on a workqueue by io_uring_release).
     */
    record IoUringExitWork() implements ProcAction {
        @Override public String toString() { return "io_uring exit work"; }
    }

    // ---- native AIO (fs/aio.c) ----

    /**
     * io_setup(nr_events, &ctx): {@code ctx} names the context variable (one named before holds
     * that context's id, a fresh name 0); {@code aioMaxNr} is /proc/sys/fs/aio-max-nr as the
     * trace's header recorded it.
     */
    record IoSetup(int nrEvents, String ctx, int aioMaxNr, int possibleCpus) implements ProcAction {
        public IoSetup(int nrEvents, String ctx) {
            this(nrEvents, ctx, kpath.uapi.AioAbi.AIO_MAX_NR_DEFAULT);
        }

        /** With no CPU count recorded (possibleCpus 0): the context's slots are not modelled. */
        public IoSetup(int nrEvents, String ctx, int aioMaxNr) {
            this(nrEvents, ctx, aioMaxNr, 0);
        }

        @Override public String toString() { return "io_setup(" + nrEvents + ", " + ctx + ")"; }
    }

    /**
     * One struct iocb of io_submit, aio_data {@code data}: {@code op} POLL (IOCB_CMD_POLL of
     * {@code fd} for {@code events}), PREAD or PWRITE (IOCB_CMD_PREAD/PWRITE of {@code nbytes}),
     * or OPk for an opcode fs/aio.c does not know; {@code resfd} the eventfd named by
     * IOCB_FLAG_RESFD, "" without the flag; {@code rwFlags} aio_rw_flags, {@code offset}
     * aio_offset, {@code reserved2} aio_reserved2 (0 unless the trace gives them; a POLL's
     * {@code nbytes} is its aio_nbytes).
     */
    record Iocb(String op, long data, String fd, int events, long nbytes, String resfd, int rwFlags, long offset,
                long reserved2) {
        public Iocb(String op, long data, String fd, int events, long nbytes, String resfd) {
            this(op, data, fd, events, nbytes, resfd, 0, 0, 0);
        }

        public Iocb(long data, String fd, int events) {
            this(data, fd, events, "");
        }

        public Iocb(long data, String fd, int events, String resfd) {
            this("POLL", data, fd, events, 0, resfd);
        }

        /** IOCB_CMD_PREAD ({@code write} false) or IOCB_CMD_PWRITE of {@code nbytes}. */
        public static Iocb rw(boolean write, long data, String fd, long nbytes, String resfd) {
            return new Iocb(write ? "PWRITE" : "PREAD", data, fd, 0, nbytes, resfd);
        }

        /** The same iocb with aio_rw_flags {@code flags}, aio_offset {@code at} and aio_reserved2 {@code r}. */
        public Iocb with(int flags, long at, long r) {
            return new Iocb(op, data, fd, events, nbytes, resfd, flags, at, r);
        }

        @Override public String toString() {
            return op + ":" + Long.toUnsignedString(data) + ":" + fd + ":"
                    + (op.equals("POLL") ? Mask.text(events, "POLL") : Long.toString(nbytes))
                    + (rwFlags == 0 ? "" : ":RWF=" + kpath.uapi.AioAbi.rwFlagsText(rwFlags))
                    + (offset == 0 ? "" : ":OFFSET=" + offset)
                    + (op.equals("POLL") && nbytes != 0 ? ":NBYTES=" + nbytes : "")
                    + (reserved2 == 0 ? "" : ":RESERVED2=" + reserved2)
                    + (resfd.isEmpty() ? "" : ":RESFD=" + resfd);
        }
    }

    /** io_submit(ctx, nr, iocbpp) with the {@code iocbs} in order (nr is their count). */
    record IoSubmit(String ctx, List<Iocb> iocbs) implements ProcAction {
        public IoSubmit {
            iocbs = List.copyOf(iocbs);
        }

        /** One IOCB_CMD_POLL. */
        public IoSubmit(String ctx, long data, String fd, int events) {
            this(ctx, List.of(new Iocb(data, fd, events)));
        }

        @Override public String toString() {
            return "io_submit(" + ctx + ", " + iocbs.stream().map(Iocb::toString).collect(Collectors.joining("+")) + ")";
        }
    }

    /** io_cancel(ctx, iocb, &result) of the iocb submitted with aio_data {@code data} (the trace names iocbs by their data). */
    record IoCancel(String ctx, long data) implements ProcAction {
        @Override public String toString() { return "io_cancel(" + ctx + ", " + Long.toUnsignedString(data) + ")"; }
    }

    /**
     * io_getevents(ctx, min_nr, nr, events, timeout): up to {@code nr} completed events; a
     * timeout of {@code timeoutMs} ms (0: none) lets kernel workers run first, which the model's
     * hidden steps stand for.
     */
    record IoGetevents(String ctx, int minNr, int nr, int timeoutMs) implements ProcAction {
        public IoGetevents(String ctx, int minNr, int nr) {
            this(ctx, minNr, nr, 0);
        }

        @Override public String toString() { return "io_getevents(" + ctx + ", " + minNr + ", " + nr + ", " + timeoutMs + ")"; }
    }

    record IoDestroy(String ctx) implements ProcAction {
        @Override public String toString() { return "io_destroy(" + ctx + ")"; }
    }

    /**
     * Hidden: someone else holds an AIO context's ctx_lock when a waiting poll's next keyed
     * wake-up comes (fs/aio.c aio_poll_wake: spin_trylock_irqsave fails); one outcome per such poll.
     */
    record AioTrylockFails() implements ProcAction {
        @Override public String toString() { return "aio ctx_lock busy"; }
    }

    /**
     * Hidden: delayed_fput_work runs the fputs of AIO polls put from a kernel worker (fs/file_table.c
     * fput: __fput is deferred to delayed_fput_work when not in a task that returns to user space).
     */
    record DelayedFputWork() implements ProcAction {
        @Override public String toString() { return "delayed fput"; }
    }

    /** Hidden: a kernel worker runs an AIO poll's completion work (aio_poll_complete_work). */
    record AioPollWork() implements ProcAction {
        @Override public String toString() { return "aio poll work"; }
    }

    // ---- tasks: calls that may sleep (trace lines "tN -> call" and "tN <- result") ----

    /**
     * Task {@code task} enters {@code call} (an EpollWait, Poll, Select, Read, IoUringEnter or
     * IoGetevents) with {@code timeout} ms (-1 infinite; ignored for a read and io_uring_enter,
     * which has no timeout without IORING_ENTER_EXT_ARG). Observed: the line is written before the
     * call starts.
     */
    record TaskCall(String task, ProcAction call, int timeout) implements ProcAction {
        public TaskCall {
            if (!(call instanceof EpollWait || call instanceof Poll || call instanceof Select || call instanceof Read
                    || call instanceof IoUringEnter || call instanceof IoGetevents || call instanceof IoSubmit
                    || call instanceof IoDestroy)) {
                throw new IllegalArgumentException("a task's call may sleep: epoll_wait, poll, select, read, io_uring_enter,"
                        + " io_getevents, io_submit or io_destroy, not " + call);
            }
        }

        /** Whether the call's text carries no timeout (see {@link #untimed(ProcAction)}). */
        public boolean untimed() {
            return untimed(call);
        }

        /**
         * Whether a task's {@code call} takes no timeout, so its text carries none: read, io_submit,
         * io_destroy, and io_uring_enter without IORING_ENTER_EXT_ARG. The one home of that rule: the
         * trace syntax asks it too.
         */
        public static boolean untimed(ProcAction call) {
            return call instanceof Read || call instanceof IoSubmit || call instanceof IoDestroy
                    || call instanceof IoUringEnter e && !e.extArg();
        }

        @Override public String toString() {
            String c = call.toString();
            return task + " -> " + (untimed() ? c : c.substring(0, c.length() - ", 0)".length()) + ", " + timeout + ")");
        }
    }

    /** Hidden: the scheduler runs task {@code task}, which checks its files and sleeps or finishes. */
    record TaskRun(String task) implements ProcAction {
        @Override public String toString() { return task + " runs"; }
    }

    /** Hidden: the timer of sleeping task {@code task} fires (hrtimer_wakeup). */
    record TaskTimeout(String task) implements ProcAction {
        @Override public String toString() { return task + " times out"; }
    }

    /** Observed: task {@code task}'s call returns its result (the line is written after the return). */
    record TaskReturn(String task) implements ProcAction {
        @Override public String toString() { return task + " <-"; }
    }

    // ---- signal-driven I/O ----

    /**
     * fcntl(2): {@code F_SETFL} with {@code flags} from {@link #O_NONBLOCK} and {@link #O_ASYNC};
     * {@code F_SETOWN_EX} naming the main task (F_OWNER_TID) as the receiver of the file's signal;
     * {@code F_SETSIG} with the signal number in {@code flags} (0: plain SIGIO); {@code F_GETSIG};
     * {@code F_GETOWN_EX}.
     */
    record Fcntl(String fd, String cmd, int flags) implements ProcAction {
        public static final int O_NONBLOCK = FileFlags.O_NONBLOCK, O_ASYNC = FileFlags.O_ASYNC;
        public static final java.util.List<String> CMDS = java.util.List.of("F_SETFL", "F_SETOWN_EX", "F_SETSIG", "F_GETSIG",
                "F_GETOWN_EX", "F_GETOWN");

        public Fcntl {
            if (!CMDS.contains(cmd)) {
                throw new IllegalArgumentException("fcntl command one of " + CMDS + ", not " + cmd);
            }
        }

        @Override public String toString() {
            switch (cmd) {
                case "F_SETOWN_EX" -> {
                    return "fcntl(" + fd + ", F_SETOWN_EX, F_OWNER_TID)";
                }
                case "F_SETSIG" -> {
                    return "fcntl(" + fd + ", F_SETSIG, " + Signal.text(flags) + ")";
                }
                case "F_GETSIG", "F_GETOWN_EX", "F_GETOWN" -> {
                    return "fcntl(" + fd + ", " + cmd + ")";
                }
                default -> {
                    String f = ((flags & O_NONBLOCK) != 0 ? "|O_NONBLOCK" : "") + ((flags & O_ASYNC) != 0 ? "|O_ASYNC" : "");
                    return "fcntl(" + fd + ", F_SETFL, " + (f.isEmpty() ? "0" : f.substring(1)) + ")";
                }
            }
        }
    }

    /** setrlimit(RLIMIT_SIGPENDING, {cur, max}): the soft limit; the only resource modelled. */
    record Setrlimit(String resource, long cur) implements ProcAction {
        public Setrlimit {
            if (!resource.equals("RLIMIT_SIGPENDING") || cur < 0) {
                throw new IllegalArgumentException("setrlimit of RLIMIT_SIGPENDING to a count, not " + resource + " " + cur);
            }
        }

        @Override public String toString() { return "setrlimit(" + resource + ", " + cur + ")"; }
    }

    /**
     * setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &val): with net.core.wmem_max ({@code wmemMax}) and
     * SOCK_MIN_SNDBUF ({@code sndbufMin}) as the trace's header recorded them (SOCK_MIN_SNDBUF is
     * built from struct sk_buff's size: measured, not assumed).
     */
    record Setsockopt(String fd, int val, int wmemMax, int sndbufMin) implements ProcAction {
        @Override public String toString() { return "setsockopt(" + fd + ", SOL_SOCKET, SO_SNDBUF, " + val + ")"; }
    }

    /** getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &val, &len): copies out sk_sndbuf. */
    record Getsockopt(String fd) implements ProcAction {
        @Override public String toString() { return "getsockopt(" + fd + ", SOL_SOCKET, SO_SNDBUF)"; }
    }

    /** ioctl(fd, FIOASYNC, &arg): on (non-zero) or off; the only ioctl modelled. */
    record Ioctl(String fd, String cmd, int arg) implements ProcAction {
        public Ioctl {
            if (!cmd.equals("FIOASYNC")) {
                throw new IllegalArgumentException("ioctl command FIOASYNC, not " + cmd);
            }
        }

        @Override public String toString() { return "ioctl(" + fd + ", " + cmd + ", " + arg + ")"; }
    }

    /**
     * rt_sigaction(signo, act, NULL): the process's action for {@code signo} becomes {@code action},
     * one of {@link #ACTIONS}: a handler (a function that returns at once, with an empty sa_mask and
     * no SA_RESTART), SIG_IGN or SIG_DFL.
     */
    record Sigaction(int signo, String action) implements ProcAction {
        public static final java.util.List<String> ACTIONS = java.util.List.of("handler", "SIG_IGN", "SIG_DFL");

        public Sigaction {
            if (!ACTIONS.contains(action)) {
                throw new IllegalArgumentException("a signal action is one of " + ACTIONS + ", not " + action);
            }
        }

        @Override public String toString() { return "rt_sigaction(" + Signal.text(signo) + ", " + action + ")"; }
    }

    /**
     * rt_sigtimedwait for the signals {@code set} (numbers) with a zero timeout: the main task
     * blocks them, so they stay pending until taken.
     */
    record Sigtimedwait(java.util.SortedSet<Integer> set) implements ProcAction {
        /** For SIGIO alone. */
        public static final Sigtimedwait SIGIO = new Sigtimedwait(new java.util.TreeSet<>(java.util.Set.of(Signal.SIGIO.number())));

        public Sigtimedwait {
            set = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(set));
        }

        @Override public String toString() {
            return "rt_sigtimedwait(" + String.join("|", set.stream().map(Signal::text).toList()) + ", 0)";
        }
    }
}
