package kpath.kernel.completion;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Collectors;
import kpath.kernel.ErrnoException;
import kpath.kernel.Fds;
import kpath.kernel.IoUringRing;
import kpath.kernel.LibcAio;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcSocket;
import kpath.kernel.SysResult;
import kpath.kernel.TraceLog;
import kpath.trace.Header;
import kpath.trace.Result;
import kpath.uapi.IoUringAbi;

/**
 * Writes a completion trace while it makes the calls. The lines it writes (read back by
 * {@code kpath.check.readiness.ReadinessTraceChecker}, which reads every call on a process's fds):
 * <pre>{@code
 * io_uring_setup(4, 0) = u0:5                   entries, params.flags; the ring's name and fd
 * observe params(u0) sq_entries=4 cq_entries=8  what setup wrote back into io_uring_params
 * io_uring_enter(u0, NOP:1+NOP:2, 0, 0) = 2     the SQEs queued before the call (op:user_data,
 *                                               "-" for none; to_submit is all the SQ holds,
 *                                               these and any left unconsumed), min_complete, flags
 * observe reap(u0) cqes=1:0:0,2:0:0 sq_flags=0 cq_overflow=0
 *                                               every CQE between head and tail (user_data:res:flags,
 *                                               "-" for none), consumed: the CQ head moves past them
 * observe offsets(u0) sq_off=head:0,... cq_off=head:8,...
 *                                               io_uring_params.sq_off and cq_off, field by field
 * observe sq(u0) sq_dropped=1                   the SQ ring's sq_dropped (an SQE SQ_ARRAY:4 is an SQ
 *                                               array entry 4 published with no SQE written)
 * }</pre>
 * Tasks (threads of a threaded scenario, {@link kpath.kernel.TaskThreads}) write a call that may
 * sleep in two lines, {@code t1 -> io_uring_enter(u0, -, 1, IORING_ENTER_GETEVENTS)} and
 * {@code t1 <- 0}, with the lock released between them; every main-thread call holds the lock
 * (this object's monitor) across its syscall and its lines, so a task's return line never comes
 * before the line of the call that woke it. Rings and fds are closed by the scenario's {@link Fds}
 * and {@link #close()}, also on failure.
 */
final class CompletionRecorder extends TraceLog implements AutoCloseable {


    private final Fds fds;
    private final Map<String, IoUringRing> rings = new LinkedHashMap<>();
    private final Map<String, Integer> pipes = new LinkedHashMap<>();
    private int nextRing;
    private int nextPipe;
    private int nextEventfd;
    private int nextSocket;
    private int nextFile;
    private int nextEpoll;
    private final java.util.Set<String> eventfds = new java.util.HashSet<>();

    CompletionRecorder(String scenario, String narrative, Fds fds) {
        this(scenario, narrative, fds, new LinkedHashMap<>());
    }

    /**
     * With the {@code sysctl:} header lines the model reads (native AIO: fs.aio-max-nr), and for
     * native AIO also {@code cpus-possible:}, /sys/devices/system/cpu/possible as it reads: io_setup
     * sizes a context by it (fs/aio.c ioctx_alloc, num_possible_cpus).
     */
    CompletionRecorder(String scenario, String narrative, Fds fds, SequencedMap<String, String> sysctls) {
        this(scenario, narrative, fds, sysctls, List.of());
    }

    /** The same, with {@code more} header lines after those (the regular file a scenario made: {@link kpath.uapi.Statx#REGULAR_FILE_KEY}). */
    CompletionRecorder(String scenario, String narrative, Fds fds, SequencedMap<String, String> sysctls,
                       List<Map.Entry<String, String>> more) {
        super(scenario, narrative, CompletionScenarios.PATH, Header.Netns.HOST, Header.Peer.LOOPBACK, sysctls,
                java.util.stream.Stream.concat((sysctls.containsKey(kpath.uapi.AioAbi.AIO_MAX_NR_SYSCTL)
                        ? List.of(Map.entry(kpath.uapi.AioAbi.CPUS_POSSIBLE_KEY, cpusPossible())) : List.<Map.Entry<String, String>>of())
                        .stream(), more.stream()).toList());
        this.fds = fds;
    }

    /** /sys/devices/system/cpu/possible, stripped ({@code 0-1}). */
    private static String cpusPossible() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/sys/devices/system/cpu/possible")).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code io_uring_setup(N, 0) = uK:fd} and its params, or {@code = -1 ERRNO}; the ring's name or null. */
    synchronized String setup(int entries) {
        return setup(entries, 0, 0, false);
    }

    /**
     * {@code io_uring_setup(N, FLAGS[, cq_entries=C][, resv=1]) = uK:fd} and its params, or
     * {@code = -1 ERRNO}: params.flags, params.cq_entries (written with IORING_SETUP_CQSIZE) and
     * params.resv[0] = 1 when {@code resv}; the ring's name or null.
     */
    synchronized String setup(int entries, int flags, int cqEntries, boolean resv) {
        IoUringRing.Opened o = IoUringRing.setup(entries, flags, cqEntries, resv);
        List<String> args = new java.util.ArrayList<>(List.of(Integer.toString(entries), IoUringAbi.setupFlagsText(flags)));
        if ((flags & IoUringAbi.IORING_SETUP_CQSIZE) != 0) {
            args.add("cq_entries=" + Integer.toUnsignedString(cqEntries));
        }
        if (resv) {
            args.add("resv=1");
        }
        if (!o.result().ok()) {
            syscall("io_uring_setup", result(o.result(), "-"), args.toArray(String[]::new));
            return null;
        }
        String name = "u" + nextRing++;
        rings.put(name, o.ring());
        syscall("io_uring_setup", Result.ok(name + ":" + o.ring().fd()), args.toArray(String[]::new));
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("sq_entries", Integer.toString(o.ring().sqEntries()));
        v.put("cq_entries", Integer.toString(o.ring().cqEntries()));
        v.put("features", "0x" + Integer.toHexString(o.ring().features()));
        observe("params", name, v);
        return name;
    }

    /** Queues one NOP per user_data, then {@code io_uring_enter(ring, NOP:a+NOP:b, min, flags) = n}. */
    synchronized long enter(String ring, List<Long> nops, int minComplete, int flags) {
        return submit(ring, nops.stream().map(Sqe::nop).toList(), minComplete, flags);
    }

    /** {@code ring} with {@code sqes} prepared in its SQ (a closed fd's name as the number it had). */
    private IoUringRing queued(String ring, List<Sqe> sqes) {
        IoUringRing r = ring(ring);
        for (Sqe q : sqes) {
            if (q.opcode() == -1) {
                r.publishArrayEntry(q.len());
                continue;
            }
            r.prep(q.opcode(), q.flags(), q.ioprio(), q.nbufs() > 0 ? q.nbufs() : q.fd() == null ? -1 : fdOrClosed(q.fd()), q.off(),
                    q.addr(), q.len(), q.opFlags(), q.userData(), q.fdIn() == null ? 0 : fdOrClosed(q.fdIn()), Math.max(q.bufGroup(), 0));
        }
        return r;
    }

    /** Queues the SQEs, then {@code io_uring_enter(ring, SQE+SQE, min, flags) = n}. */
    synchronized long submit(String ring, List<Sqe> sqes, int minComplete, int flags) {
        IoUringRing r = queued(ring, sqes);
        SysResult res = r.enter(r.sqPending(), minComplete, flags); // to_submit: all the SQ holds
        String text = EnterText.sqes(sqes);
        syscall("io_uring_enter", result(res, Long.toString(res.value())), ring, text,
                Integer.toString(minComplete), EnterText.flags(flags));
        return res.value();
    }

    /**
     * Queues the SQEs, then {@code io_uring_enter(ring, SQES, MIN, IORING_ENTER_GETEVENTS, [SIG|SIG], SIZE) = n}
     * with the sigset argument (the signals it blocks of those the model knows). The main thread makes
     * only calls that do not sleep: the caller lets a pending signal through or has the CQEs there.
     */
    synchronized long submitSigmask(String ring, List<Sqe> sqes, int minComplete, java.util.SortedSet<Integer> mask, long size) {
        IoUringRing r = queued(ring, sqes);
        SysResult res = r.enterSigmask(r.sqPending(), minComplete, kpath.uapi.IoUringAbi.IORING_ENTER_GETEVENTS,
                kpath.kernel.LibcSignal.swapIn(mask), size);
        List<String> args = new java.util.ArrayList<>(List.of(ring, EnterText.sqes(sqes), Integer.toString(minComplete),
                EnterText.flags(kpath.uapi.IoUringAbi.IORING_ENTER_GETEVENTS)));
        args.addAll(kpath.kernel.Bits.sigmask(mask, size));
        syscall("io_uring_enter", result(res, Long.toString(res.value())), args.toArray(String[]::new));
        return res.value();
    }

    /**
     * Queues the SQEs, then {@code io_uring_enter(ring, SQES, MIN, IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG,
     * argsz=N[:pad=P], MS) = n}: a struct io_uring_getevents_arg of {@code argsz} bytes declared, its
     * ts a timeout of MS ms. The main thread makes only calls that do not sleep.
     */
    synchronized long submitExt(String ring, List<Sqe> sqes, int minComplete, int argsz, int pad, int timeoutMs) {
        IoUringRing r = queued(ring, sqes);
        SysResult res = IoUringRing.enterExt(r.fd(), r.sqPending(), minComplete, IoUringAbi.IORING_ENTER_GETEVENTS, argsz, pad,
                timeoutMs);
        syscall("io_uring_enter", result(res, Long.toString(res.value())), ring,
                EnterText.sqes(sqes), Integer.toString(minComplete),
                "IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG", EnterText.ext(argsz, pad), Integer.toString(timeoutMs));
        return res.value();
    }


    /**
     * Task {@code task}: queues {@code sqes}, then {@code tN -> io_uring_enter(ring, SQES, MIN,
     * IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG, argsz=24, MS)}, the call with the lock released —
     * it sleeps in io_cqring_wait until MIN CQEs are there or its timer fires — then {@code tN <- n}.
     */
    long taskEnterTimed(String task, String ring, List<Sqe> sqes, int minComplete, int timeoutMs) {
        int fd;
        int toSubmit;
        synchronized (this) {
            IoUringRing r = queued(ring, sqes);
            fd = r.fd();
            toSubmit = r.sqPending();
            callStart(task, "io_uring_enter", ring, EnterText.sqes(sqes), Integer.toString(minComplete), "IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG",
                    EnterText.ext(IoUringAbi.GETEVENTS_ARG_SIZE, 0), Integer.toString(timeoutMs));
        }
        SysResult res = IoUringRing.enterExt(fd, toSubmit, minComplete, IoUringAbi.IORING_ENTER_GETEVENTS,
                IoUringAbi.GETEVENTS_ARG_SIZE, 0, timeoutMs);
        synchronized (this) {
            callReturn(task, result(res, Long.toString(res.value())));
            return res.value();
        }
    }

    /** {@code io_uring_register(ring, IORING_REGISTER_EVENTFD, NAME) = 0}. */
    synchronized void registerEventfd(String ring, String eventfd) {
        SysResult r = ring(ring).registerEventfd(fd(eventfd));
        syscall("io_uring_register", result(r, Long.toString(r.value())), ring, "IORING_REGISTER_EVENTFD", eventfd);
    }

    // ---- native AIO: a context is a number, named aK in the trace ----

    private final Map<String, Long> contexts = new LinkedHashMap<>();

    /** {@code io_setup(N, aK) = 0}: the context the kernel wrote, named aK; or {@code = -1 ERRNO}. */
    synchronized String aioSetup(int nrEvents) {
        LibcAio.Setup r = LibcAio.setup(nrEvents);
        String name = "a" + contexts.size();
        if (r.result().ok()) {
            contexts.put(name, r.ctx());
        }
        syscall("io_setup", result(r.result(), "0"), Integer.toString(nrEvents), name);
        return r.result().ok() ? name : null;
    }

    /**
     * {@code io_setup(N, aK) = -1 EINVAL} with aK, a context set up before, still in the variable:
     * *ctxp is not 0. Should the kernel take it, the line says so and the new context is destroyed.
     */
    void aioSetupAgain(int nrEvents, String ctx) {
        LibcAio.Setup r = LibcAio.setup(nrEvents, contexts.get(ctx));
        syscall("io_setup", result(r.result(), "0"), Integer.toString(nrEvents), ctx);
        if (r.result().ok()) {
            LibcAio.destroy(r.ctx());
        }
    }

    /** The iocbs submitted, by aio_data: io_cancel names one by its address, the trace by its data. */
    private final Map<Long, MemorySegment> iocbs = new LinkedHashMap<>();
    private final Arena iocbArena = Arena.ofShared(); // a task's io_submit builds its iocbs on its own thread

    /** {@code io_submit(aK, POLL:data:fd:MASK) = n}: one IOCB_CMD_POLL. */
    synchronized void aioSubmitPoll(String ctx, long data, String fd, int events) {
        aioSubmit(ctx, List.of(Iocb.poll(data, fd, events)));
    }

    /** {@code io_submit(aK, POLL:...+POLL:...) = n}: the iocbs in order; each kept for io_cancel. What it returned. */
    synchronized SysResult aioSubmit(String ctx, List<Iocb> batch) {
        List<MemorySegment> segments = batch.stream().map(q -> {
            int resfd = q.resfd() == null ? -1 : fd(q.resfd());
            return segment(q);
        }).toList();
        SysResult r = LibcAio.submit(contexts.getOrDefault(ctx, 0L), segments);
        syscall("io_submit", result(r, Long.toString(r.value())), ctx,
                batch.stream().map(Iocb::text).collect(Collectors.joining("+")));
        return r;
    }

    /** The struct iocb for {@code q}, kept by its aio_data for io_cancel; a read's or write's buffer its own. */
    private MemorySegment segment(Iocb q) {
        int resfd = q.resfd() == null ? -1 : fd(q.resfd());
        int fd = q.fd().equals("-") ? -1 : fd(q.fd());
        MemorySegment m;
        if (q.op().equals("FSYNC") || q.op().equals("FDSYNC")) { // no buffer: aio_fsync refuses an aio_buf
            m = LibcAio.iocb(iocbArena, q.opcode(), q.data(), fd, 0, q.nbytes(), q.offset(), q.rwFlags(), q.reserved2(), resfd);
        } else if (q.op().equals("POLL")) {
            m = LibcAio.iocb(iocbArena, LibcAio.IOCB_CMD_POLL, q.data(), fd, q.events(), q.nbytes(), q.offset(), q.rwFlags(),
                    q.reserved2(), resfd);
        } else {
            MemorySegment buf = iocbArena.allocate(Math.max(1, q.nbytes()), 4096);
            buf.fill((byte) 'x');
            m = LibcAio.iocb(iocbArena, q.opcode(), q.data(), fd, buf.address(), q.nbytes(), q.offset(), q.rwFlags(),
                    q.reserved2(), resfd);
        }
        iocbs.put(q.data(), m);
        return m;
    }

    /**
     * Task {@code task}: {@code tN -> io_submit(aK, IOCB+IOCB)}, the call with the lock released —
     * an iocb whose read sleeps (a blocking pipe's, fs/pipe.c anon_pipe_read) holds it in io_submit
     * — then {@code tN <- n}.
     */
    long taskSubmit(String task, String ctx, List<Iocb> batch) {
        long id;
        List<MemorySegment> segments;
        synchronized (this) {
            id = contexts.getOrDefault(ctx, 0L);
            segments = batch.stream().map(this::segment).toList();
            callStart(task, "io_submit", ctx, batch.stream().map(Iocb::text).collect(Collectors.joining("+")));
        }
        SysResult r = LibcAio.submit(id, segments);
        synchronized (this) {
            callReturn(task, result(r, Long.toString(r.value())));
            return r.value();
        }
    }

    /** Task {@code task}: {@code tN -> io_destroy(aK)}, the call with the lock released, then {@code tN <- 0}. */
    long taskDestroy(String task, String ctx) {
        long id;
        synchronized (this) {
            Long known = contexts.remove(ctx);
            id = known == null ? 0 : known;
            callStart(task, "io_destroy", ctx);
        }
        SysResult r = LibcAio.destroy(id);
        synchronized (this) {
            callReturn(task, result(r, "0"));
            return r.value();
        }
    }

    /** {@code io_cancel(aK, data) = -1 ERRNO}: the iocb submitted with that aio_data (a fresh one if none was). */
    synchronized void aioCancel(String ctx, long data) {
        MemorySegment iocb = iocbs.computeIfAbsent(data, d -> LibcAio.pollIocb(iocbArena, d, -1, 0, -1));
        SysResult r = LibcAio.cancel(contexts.getOrDefault(ctx, 0L), iocb);
        syscall("io_cancel", result(r, Long.toString(r.value())), ctx, Long.toUnsignedString(data));
    }

    /** The id of AIO context {@code ctx} (0, which no context has, for one never made). */
    long context(String ctx) {
        return contexts.getOrDefault(ctx, 0L);
    }

    /** {@code io_getevents(aK, MIN, NR, 0) = n} and {@code observe aio_events(aK) events=data:res,...}. */
    synchronized void aioGetevents(String ctx, int minNr, int nr) {
        aioGetevents(ctx, minNr, nr, 0);
    }

    /**
     * {@code io_getevents(aK, MIN, NR, MS) = n} with a timeout of MS milliseconds (it returns once
     * MIN events are there), and {@code observe aio_events(aK) events=data:res,...}.
     */
    synchronized void aioGetevents(String ctx, int minNr, int nr, int timeoutMs) {
        LibcAio.Events r = LibcAio.getevents(contexts.getOrDefault(ctx, 0L), minNr, nr, timeoutMs);
        syscall("io_getevents", result(r.result(), Long.toString(r.result().value())), ctx, Integer.toString(minNr),
                Integer.toString(nr), Integer.toString(timeoutMs));
        aioEvents(ctx, r);
    }

    // ---- tasks: called on the task's own thread (see kpath.kernel.TaskThreads) ----

    /**
     * Task {@code task}: queues {@code sqes}, then {@code tN -> io_uring_enter(ring, SQE+SQE, MIN,
     * IORING_ENTER_GETEVENTS)} (to_submit: what the SQ holds), the call with the lock released — it sleeps in io_cqring_wait until MIN
     * CQEs are there — then {@code tN <- n}.
     */
    long taskEnter(String task, String ring, List<Sqe> sqes, int minComplete) {
        int fd;
        int toSubmit;
        synchronized (this) {
            IoUringRing r = queued(ring, sqes);
            fd = r.fd();
            toSubmit = r.sqPending();
            callStart(task, "io_uring_enter", ring, EnterText.sqes(sqes), Integer.toString(minComplete), "IORING_ENTER_GETEVENTS");
        }
        SysResult res = IoUringRing.enter(fd, toSubmit, minComplete, IoUringAbi.IORING_ENTER_GETEVENTS);
        synchronized (this) {
            callReturn(task, result(res, Long.toString(res.value())));
            return res.value();
        }
    }

    /**
     * Task {@code task}: {@code tN -> io_getevents(aK, MIN, NR, MS)}, the call with the lock released
     * — it sleeps in read_events until MIN events are there or MS ms have passed — then
     * {@code tN <- n} and {@code observe aio_events(aK) events=data:res,...}.
     */
    long taskGetevents(String task, String ctx, int minNr, int nr, int timeoutMs) {
        long id;
        synchronized (this) {
            id = contexts.getOrDefault(ctx, 0L);
            callStart(task, "io_getevents", ctx, Integer.toString(minNr), Integer.toString(nr), Integer.toString(timeoutMs));
        }
        LibcAio.Events r = LibcAio.getevents(id, minNr, nr, timeoutMs);
        synchronized (this) {
            callReturn(task, result(r.result(), Long.toString(r.result().value())));
            aioEvents(ctx, r);
            return r.result().value();
        }
    }

    /**
     * Task {@code task}: {@code tN -> poll(NAME=EVENTS, MS)} of one fd (a ring's), the call with the
     * lock released — it sleeps in poll_schedule_timeout — then {@code tN <- n} and, when n &gt; 0,
     * {@code observe revents NAME=REVENTS}.
     */
    long taskPoll(String task, String name, int events, int timeoutMs) {
        int fd;
        synchronized (this) {
            fd = fd(name);
            callStart(task, "poll", name + "=" + kpath.kernel.Bits.poll(events), Integer.toString(timeoutMs));
        }
        kpath.kernel.LibcPoll.PollResult pr = kpath.kernel.LibcPoll.poll(fd, events, timeoutMs);
        synchronized (this) {
            callReturn(task, result(pr.result(), Long.toString(pr.result().value())));
            if (pr.result().ok() && pr.result().value() > 0) {
                SequencedMap<String, String> v = new LinkedHashMap<>();
                v.put(name, kpath.kernel.Bits.poll(pr.revents()[0]));
                observe("revents", null, v);
            }
            return pr.result().value();
        }
    }

    /** {@code epoll_create1(0) = eK:fd}; its name. */
    synchronized String epollCreate() {
        SysResult r = kpath.kernel.LibcPoll.epollCreate1(0);
        int fd = fds.own(r, "epoll_create1");
        String name = "e" + nextEpoll++;
        pipes.put(name, fd);
        syscall("epoll_create1", Result.ok(name + ":" + fd), "0");
        return name;
    }

    /** {@code epoll_ctl(EP, EPOLL_CTL_ADD, TARGET, EVENTS) = r}, the item's data TARGET's fd number. */
    synchronized void epollAdd(String ep, String target, int events) {
        SysResult r = kpath.kernel.LibcPoll.epollCtl(fd(ep), kpath.kernel.LibcPoll.EPOLL_CTL_ADD, fd(target), events, fd(target));
        syscall("epoll_ctl", result(r, "0"), ep, "EPOLL_CTL_ADD", target, kpath.kernel.Bits.epoll(events));
    }

    /**
     * Task {@code task}: {@code tN -> epoll_wait(EP, MAX, MS)}, the wait with the lock released —
     * it sleeps in do_epoll_wait — then {@code tN <- n} and, when n &gt; 0, {@code observe
     * events(EP) NAME=EVENTS ...}, each event named by the fd its item was added under.
     */
    long taskEpollWait(String task, String ep, int maxEvents, int timeoutMs) {
        int fd;
        synchronized (this) {
            fd = fd(ep);
            callStart(task, "epoll_wait", ep, Integer.toString(maxEvents), Integer.toString(timeoutMs));
        }
        kpath.kernel.LibcPoll.EpollWaitResult w = kpath.kernel.LibcPoll.epollWait(fd, maxEvents, timeoutMs);
        synchronized (this) {
            callReturn(task, result(w.result(), Long.toString(w.result().value())));
            if (w.result().ok() && !w.events().isEmpty()) {
                SequencedMap<String, String> v = new LinkedHashMap<>();
                for (kpath.kernel.LibcPoll.EpollEvent e : w.events()) {
                    String n = pipes.entrySet().stream().filter(x -> x.getValue() == e.data()).map(Map.Entry::getKey)
                            .findFirst().orElseGet(() -> rings.entrySet().stream().filter(x -> x.getValue().fd() == e.data())
                                    .map(Map.Entry::getKey).findFirst().orElseThrow());
                    v.put(n, kpath.kernel.Bits.epoll(e.events()));
                }
                observe("events", ep, v);
            }
            return w.result().value();
        }
    }

    /**
     * {@code observe aio_ring(aK) nr=.. head=.. tail=.. magic=0x.. compat_features=.. incompat_features=..
     * header_length=.. map_bytes=..}: struct aio_ring at the context's value, the address io_setup stored
     * (fs/aio.c aio_setup_ring: ctx->user_id = ctx->mmap_base), and the size of the mapping that starts
     * there in /proc/self/maps (the ring's /[aio] pages). The ring's id (its slot in the mm's table,
     * ioctx_add_table) is not written: the model does not hold it.
     */
    synchronized void aioRing(String ctx) {
        Long live = contexts.get(ctx); // io_destroy unmaps the ring and forgets the context: never read it then
        SequencedMap<String, String> v = live == null ? null : AioRingText.read(live);
        if (v == null) {
            throw new IllegalStateException("observe aio_ring(" + ctx + "): no live context with a mapping at its address");
        }
        observe("aio_ring", ctx, v);
    }

    /** {@code observe aio_events(aK) events=data:res,...} after a successful io_getevents. */
    void aioEvents(String ctx, LibcAio.Events r) {
        if (r.result().ok()) {
            SequencedMap<String, String> v = new LinkedHashMap<>();
            v.put("events", r.events().isEmpty() ? "-" : r.events().stream()
                    .map(e -> Long.toUnsignedString(e.data()) + ":" + e.res()).collect(Collectors.joining(",")));
            observe("aio_events", ctx, v);
        }
    }

    /** {@code openat(AT_FDCWD, PATH, O_RDONLY) = fK:fd}; the file's name. */
    synchronized String openat(java.nio.file.Path path) {
        SysResult r = LibcFile.openat(LibcFile.AT_FDCWD, path.toString(), LibcFile.O_RDONLY);
        int fd = fds.own(r, "openat");
        String name = "f" + nextFile++;
        pipes.put(name, fd);
        syscall("openat", Result.ok(name + ":" + fd), "AT_FDCWD", path.toString());
        return name;
    }

    /** {@code openat(AT_FDCWD, PATH, O_RDONLY|O_DIRECT) = fK:fd}; the file's name. */
    synchronized String openatDirect(java.nio.file.Path path) {
        SysResult r = LibcFile.openat(LibcFile.AT_FDCWD, path.toString(), LibcFile.O_RDONLY | LibcFile.O_DIRECT);
        int fd = fds.own(r, "openat");
        String name = "f" + nextFile++;
        pipes.put(name, fd);
        syscall("openat", Result.ok(name + ":" + fd), "AT_FDCWD", path.toString(), "O_RDONLY|O_DIRECT");
        return name;
    }

    /** {@code close(NAME) = 0} of a pipe end, socket or eventfd made here; its name now stands for a closed fd. */
    synchronized void closeFd(String name) {
        SysResult r = fds.close(fd(name));
        closed.add(name);
        syscall("close", result(r, "0"), name);
    }

    /** {@code io_destroy(aK) = 0}. */
    synchronized void aioDestroy(String ctx) {
        Long id = contexts.remove(ctx);
        SysResult r = LibcAio.destroy(id == null ? 0 : id);
        syscall("io_destroy", result(r, "0"), ctx);
    }

    /** {@code eventfd(0, EFD_NONBLOCK) = vK:fd}; its name. */
    synchronized String eventfd() {
        SysResult r = LibcFile.eventfd(0, LibcFile.EFD_NONBLOCK);
        int fd = fds.own(r, "eventfd");
        String name = "v" + nextEventfd++;
        pipes.put(name, fd);
        eventfds.add(name);
        syscall("eventfd", Result.ok(name + ":" + fd), "0", "EFD_NONBLOCK");
        return name;
    }

    /** {@code write(NAME, N) = n}: N bytes to a pipe, or the value N added to an eventfd. */
    synchronized void write(String name, long n) {
        SysResult r = eventfds.contains(name) ? LibcFile.eventfdWrite(fd(name), n) : LibcFile.write(fd(name), new byte[(int) n]);
        syscall("write", result(r, Long.toString(r.value())), name, Long.toString(n));
    }

    /** {@code read(NAME, MAX) = n}; an eventfd's 8 bytes with {@code observe read(NAME) value=V}. */
    synchronized void read(String name, int max) {
        if (eventfds.contains(name)) {
            LibcFile.CounterRead cr = LibcFile.eventfdRead(fd(name));
            syscall("read", result(cr.result(), Long.toString(cr.result().value())), name, "8");
            if (cr.result().ok()) {
                SequencedMap<String, String> v = new LinkedHashMap<>();
                v.put("value", Long.toUnsignedString(cr.value()));
                observe("read", name, v);
            }
            return;
        }
        SysResult r = LibcFile.read(fd(name), new byte[max]);
        syscall("read", result(r, Long.toString(r.value())), name, Integer.toString(max));
    }

    /** {@code poll(NAME=EVENTS, 0) = n} by the main thread, which does not sleep; with {@code observe revents NAME=MASK} when n > 0. */
    synchronized long poll(String name, int events) {
        kpath.kernel.LibcPoll.PollResult pr = kpath.kernel.LibcPoll.poll(fd(name), events, 0);
        syscall("poll", result(pr.result(), Long.toString(pr.result().value())), name + "=" + kpath.kernel.Bits.poll(events), "0");
        if (pr.result().ok() && pr.result().value() > 0) {
            SequencedMap<String, String> v = new LinkedHashMap<>();
            v.put(name, kpath.kernel.Bits.poll(pr.revents()[0]));
            observe("revents", null, v);
        }
        return pr.result().value();
    }

    /** {@code setsockopt(NAME, SOL_SOCKET, SO_SNDBUF, V) = r}. */
    synchronized void setsockoptSndbuf(String name, int v) {
        SysResult r = LibcSocket.setsockoptInt(fd(name), LibcSocket.SOL_SOCKET, LibcSocket.SO_SNDBUF, v);
        syscall("setsockopt", result(r, Long.toString(r.value())), name, "SOL_SOCKET", "SO_SNDBUF", Integer.toString(v));
    }

    /** {@code getsockopt(NAME, SOL_SOCKET, SO_SNDBUF) = 0}, then {@code observe optval(NAME) value=V}. */
    synchronized void getsockoptSndbuf(String name) {
        LibcSocket.IntOption o = LibcSocket.getsockoptInt(fd(name), LibcSocket.SOL_SOCKET, LibcSocket.SO_SNDBUF);
        syscall("getsockopt", result(o.result(), Long.toString(o.result().value())), name, "SOL_SOCKET", "SO_SNDBUF");
        o.result().orThrow("getsockopt(" + name + ", SO_SNDBUF)");
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("value", Integer.toString(o.value()));
        observe("optval", name, v);
    }

    /** {@code io_uring_enter(NAME, -, 0, 0)} on a fd that is not (or no longer) a ring's: its errno. */
    synchronized void enterOn(String name, int fd) {
        SysResult res = IoUringRing.enter(fd, 0, 0, 0);
        syscall("io_uring_enter", result(res, Long.toString(res.value())), name, "-", "0", "0");
    }

    /** {@code io_uring_enter(name, -, 0, 0xBITS) = ...}: nothing to submit, {@code flags} as one hex number. */
    void enterWithFlags(String name, int fd, int flags) {
        SysResult res = IoUringRing.enter(fd, 0, 0, flags);
        syscall("io_uring_enter", result(res, Long.toString(res.value())), name, "-", "0", "0x" + Integer.toHexString(flags));
    }

    /**
     * {@code observe publish(ring) sqes=NOP:1+NOP:2}: writes the SQEs and stores the SQ tail after
     * each (release), entering nobody: on an IORING_SETUP_SQPOLL ring the SQ thread takes them.
     */
    synchronized void publish(String ring, List<Sqe> sqes) {
        queued(ring, sqes);
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("sqes", EnterText.sqes(sqes));
        observe("publish", ring, v);
    }

    /**
     * Waits, writing nothing, until the CQ tail (acquire) shows {@code n} CQEs or {@code bound} has
     * passed (a count bound too); whether they came. The CQEs are read by the next {@link #reap}.
     */
    boolean awaitCqes(String ring, int n, java.time.Duration bound) {
        return await(ring, r -> r.cqReady() >= n, bound);
    }

    /**
     * Waits, writing nothing, until sq_flags (acquire) has IORING_SQ_NEED_WAKEUP — the SQ thread
     * went to sleep — or {@code bound} has passed; whether it came. The next {@link #reap} writes it.
     */
    boolean awaitNeedWakeup(String ring, java.time.Duration bound) {
        return await(ring, r -> (r.sqFlags() & IoUringAbi.IORING_SQ_NEED_WAKEUP) != 0, bound);
    }

    private boolean await(String ring, java.util.function.Predicate<IoUringRing> done, java.time.Duration bound) {
        IoUringRing r;
        synchronized (this) {
            r = ring(ring);
        }
        long deadline = System.nanoTime() + bound.toNanos();
        long tries = bound.toMillis() * 10 + 10; // in case park returns early
        for (long i = 0; i < tries && System.nanoTime() - deadline < 0; i++) {
            if (done.test(r)) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        return done.test(r);
    }

    /** {@code observe reap(ring) cqes=... sq_flags=... cq_overflow=N}: reads and consumes every CQE. */
    synchronized List<IoUringRing.Cqe> reap(String ring) {
        IoUringRing r = ring(ring);
        List<IoUringRing.Cqe> cqes = r.reap();
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("cqes", cqes.isEmpty() ? "-" : cqes.stream()
                .map(c -> Long.toUnsignedString(c.userData()) + ":" + c.res() + ":" + c.flags())
                .collect(Collectors.joining(",")));
        int flags = r.sqFlags();
        v.put("sq_flags", flags == IoUringAbi.IORING_SQ_CQ_OVERFLOW ? "IORING_SQ_CQ_OVERFLOW" : Integer.toString(flags));
        v.put("cq_overflow", Integer.toString(r.cqOverflow()));
        observe("reap", ring, v);
        return cqes;
    }

    /**
     * {@code observe offsets(u0) sq_off=head:0,tail:64,... cq_off=head:128,...}: what setup wrote
     * into io_uring_params.sq_off and cq_off, field by field (the recorder mapped the rings with them).
     */
    synchronized void observeOffsets(String ring) {
        IoUringRing r = ring(ring);
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("sq_off", fields(List.of("head", "tail", "ring_mask", "ring_entries", "flags", "dropped", "array"), r.sqOff()));
        v.put("cq_off", fields(List.of("head", "tail", "ring_mask", "ring_entries", "overflow", "cqes", "flags"), r.cqOff()));
        observe("offsets", ring, v);
    }

    private static String fields(List<String> names, List<Integer> values) {
        return java.util.stream.IntStream.range(0, names.size())
                .mapToObj(i -> names.get(i) + ":" + Integer.toUnsignedString(values.get(i))).collect(Collectors.joining(","));
    }

    /** {@code observe sq(u0) sq_dropped=N}: the ring's sq_dropped, read from the shared SQ ring (no call). */
    synchronized void observeSq(String ring) {
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("sq_dropped", Integer.toUnsignedString(ring(ring).sqDropped()));
        observe("sq", ring, v);
    }

    /** {@code pipe2(O_NONBLOCK) = rK:fd,wK:fd}; the read end's name. */
    synchronized String pipe2() {
        return pipe2(true);
    }

    /** {@code pipe2(O_NONBLOCK) = rK:fd,wK:fd}, or {@code pipe2(0)} for a blocking pipe; the read end's name. */
    synchronized String pipe2(boolean nonblock) {
        LibcFile.FdPair p = LibcFile.pipe2(nonblock ? LibcFile.O_NONBLOCK : 0);
        if (!p.result().ok()) {
            throw new ErrnoException("pipe2", p.result().errno());
        }
        fds.own(p.first());
        fds.own(p.second());
        int i = nextPipe++;
        pipes.put("r" + i, p.first());
        pipes.put("w" + i, p.second());
        syscall("pipe2", Result.ok("r" + i + ":" + p.first() + ",w" + i + ":" + p.second()), nonblock ? "O_NONBLOCK" : "0");
        return "r" + i;
    }

    /** {@code socketpair(AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK) = sK:fd,sK+1:fd}; the first end's name. */
    synchronized String socketpair() {
        return socketpair(true);
    }

    /** {@code socketpair(AF_UNIX, SOCK_STREAM[|SOCK_NONBLOCK]) = sK:fd,sK+1:fd}; the first end's name. */
    synchronized String socketpair(boolean nonblock) {
        LibcFile.FdPair p = LibcSocket.socketpair(LibcSocket.AF_UNIX,
                LibcSocket.SOCK_STREAM | (nonblock ? LibcSocket.SOCK_NONBLOCK : 0), 0);
        if (!p.result().ok()) {
            throw new ErrnoException("socketpair", p.result().errno());
        }
        fds.own(p.first());
        fds.own(p.second());
        String a = "s" + nextSocket++;
        String b = "s" + nextSocket++;
        pipes.put(a, p.first());
        pipes.put(b, p.second());
        syscall("socketpair", Result.ok(a + ":" + p.first() + "," + b + ":" + p.second()), "AF_UNIX",
                nonblock ? "SOCK_STREAM|SOCK_NONBLOCK" : "SOCK_STREAM");
        return a;
    }

    /**
     * The buffer READ and RECV requests read into: never freed, as a request still armed when its
     * ring is torn down may only be cancelled after the scenario has ended.
     */
    static final long BUFFER = java.lang.foreign.Arena.global().allocate(4096).address();

    /** The fd number of a pipe end or ring made here; -1 for one closed here (an SQE may name it, for EBADF). */
    private int fdOrClosed(String name) {
        return closed.contains(name) ? -1 : fd(name);
    }

    private final java.util.Set<String> closed = new java.util.HashSet<>();

    /** The fd number of a pipe end or ring made here. */
    int fd(String name) {
        Integer p = pipes.get(name);
        return p != null ? p : ring(name).fd();
    }

    /** {@code close(ring) = 0}: unmaps the ring and closes its fd. */
    synchronized void close(String ring) {
        SysResult r = ring(ring).closeRing();
        syscall("close", result(r, "0"), ring);
    }

    private IoUringRing ring(String name) {
        IoUringRing r = rings.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no ring named " + name);
        }
        return r;
    }

    /**
     * A release for a task waiting in io_cqring_wait on {@code ring} should the scenario fail: it
     * queues and submits as many NOPs as the CQ holds, which meets any min_complete.
     */
    Runnable nopsFor(String ring) {
        IoUringRing r = ring(ring);
        return () -> {
            synchronized (this) {
                long posted = 0;
                for (int round = 0; round < r.cqEntries() && posted < r.cqEntries(); round++) { // bounded
                    while (r.sqPending() < r.sqEntries()) {
                        r.prep(IoUringAbi.IORING_OP_NOP, 0, 1000 + posted);
                    }
                    SysResult res = r.enter(r.sqPending(), 0, 0);
                    if (!res.ok() || res.value() == 0) {
                        return;
                    }
                    posted += res.value();
                }
            }
        };
    }

    /**
     * Waits, bounded (TaskThreads.SLEEP_BOUND), until an io-wq worker of this process (a kernel
     * thread named iou-wrk-PID, io_uring/io-wq.c create_io_worker) sleeps at {@code wchan}; writes
     * no line. Fails the scenario, naming what the workers showed, when none does.
     */
    void awaitIoWqWorker(String wchan) throws InterruptedException {
        long deadline = System.nanoTime() + kpath.kernel.TaskThreads.SLEEP_BOUND.toNanos();
        List<kpath.kernel.ProcSelf.Thread> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = kpath.kernel.ProcSelf.threads().stream().filter(t -> t.comm().startsWith("iou-wrk-")).toList();
            if (seen.stream().anyMatch(t -> t.state().equals("S") && t.wchan().equals(wchan))) {
                return;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no io-wq worker asleep in " + wchan + ": " + seen.stream()
                .map(t -> t.comm() + " " + t.state() + " " + t.wchan()).toList());
    }

    /** Unmaps and closes every ring not yet closed. */
    @Override
    public void close() {
        rings.values().forEach(IoUringRing::closeRing);
        contexts.values().forEach(LibcAio::destroy);
        iocbArena.close();
    }
}
