package kpath.kernel.readiness;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import kpath.kernel.Fds;
import kpath.kernel.LibcSignal;
import kpath.kernel.ProcTask;
import kpath.kernel.Scenario;
import kpath.trace.Trace;
import kpath.uapi.Signal;

import static kpath.kernel.LibcFile.EFD_NONBLOCK;
import static kpath.kernel.LibcFile.O_ASYNC;
import static kpath.kernel.LibcFile.O_NONBLOCK;
import static kpath.kernel.LibcPoll.EPOLLET;
import static kpath.kernel.LibcPoll.EPOLLIN;
import static kpath.kernel.LibcPoll.EPOLLOUT;
import static kpath.kernel.LibcPoll.EPOLL_CTL_ADD;
import static kpath.kernel.LibcPoll.POLLIN;
import static kpath.kernel.LibcPoll.POLLOUT;
import static kpath.kernel.LibcSocket.SHUT_RD;
import static kpath.kernel.LibcSocket.SHUT_RDWR;
import static kpath.kernel.LibcSocket.SHUT_WR;
import static kpath.kernel.readiness.ReadinessRecorder.pfd;
import static kpath.kernel.readiness.ReadinessScenarios.BUF;

/**
 * Signal-driven I/O (O_ASYNC, SIGIO) as one process can observe it: a file joins its fasync list
 * through fcntl(F_SETFL, O_ASYNC) (fs/fcntl.c setfl calls the file's ->fasync), its owner is set
 * with fcntl(F_SETOWN_EX, F_OWNER_TID), and the kernel's kill_fasync → send_sigio makes SIGIO
 * pending on the owner thread, which takes it with rt_sigtimedwait and a zero timeout:
 * <pre>{@code
 * fcntl(r0, F_SETOWN_EX, F_OWNER_TID) = 0
 * fcntl(r0, F_SETFL, O_NONBLOCK|O_ASYNC) = 0     # flags: exactly those passed; 0 for none
 * rt_sigtimedwait(SIGIO, 0) = SIGIO              # or -1 EAGAIN when none was pending
 * }</pre>
 *
 * <p>Safety: SIGIO's default action ends the process. Every scenario here runs on one dedicated
 * platform thread (the signal thread), which first blocks SIGIO (pthread_sigmask) and only then
 * names itself owner, thread-directed (F_OWNER_TID), so a SIGIO is pending on that thread only
 * and is never delivered to another JVM thread; the recorder refuses F_SETOWN_EX and O_ASYNC on a
 * thread that has SIGIO unblocked, and there is no process-directed F_SETOWN. Task threads are
 * started by the signal thread and inherit its mask. After the body, the fds closed and the tasks
 * joined, the thread takes any SIGIO still pending (a close can raise one) and checks in
 * {@code /proc/self/task/TID/status} that none is left; the main thread joins it, bounded.
 */
public final class SigioScenarios {

    private SigioScenarios() {
    }

    static final Duration RUN = kpath.kernel.SignalThread.RUN;
    static final int DRAIN_TRIES = kpath.kernel.SignalThread.DRAIN_TRIES;

    /** The signal-driven I/O scenarios. */
    public static List<Scenario> all() {
        return List.of(signalDrivenIo(), waitingReaderSuppressesSigio(), setsigQueuesRtSignals(), setsigSigioAndFioasync(),
                rtQueueFullFallsBackOnSigio(), UnixSendScenarios.spaceAfterEagain(), TcpSigioScenarios.signalPerArrival(),
                TcpSigioScenarios.waitingReaderSuppressesSignal(),
                SigurgScenarios.ownerWithoutAsync(), SigurgScenarios.withAsync(), SigurgScenarios.withoutOwner());
    }

    /** The scenario called {@code name}, if this list has one. */
    public static Optional<Scenario> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    // ---- the signal thread ----

    /**
     * What one run on a signal thread left: the trace, the thread's id, how many SIGIOs the final
     * drain took, and the thread's signal sets read after the drain.
     */
    record SignalThreadRun(Trace trace, int tid, int drained, ProcTask.Signals after) {
    }

    /**
     * {@code probe}: the largest write whose charge {@link UnixSendProbe} measures for the header
     * (0: no probe, no such header lines).
     */
    private record Sigio(String name, String narrative, ThreadedReadinessScenarios.Body body, int probe) implements Scenario {
        @Override
        public boolean privileged() {
            return false;
        }

        @Override
        public Trace capture() throws Exception {
            return run(name, narrative, body, probe).trace();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The run of scenario {@code name} (for tests: the trace and what the signal thread left). */
    static SignalThreadRun runByName(String name) throws Exception {
        Sigio s = (Sigio) byName(name).orElseThrow(() -> new IllegalArgumentException("no SIGIO scenario " + name));
        return run(s.name(), s.narrative(), s.body(), s.probe());
    }

    /**
     * Runs {@code body} on a new signal thread and waits, bounded by {@link #RUN}, until it ends.
     * Rethrows what the body threw; a SIGIO the drain could not take is a failure too (added as
     * suppressed when the body failed).
     */
    static SignalThreadRun run(String name, String narrative, ThreadedReadinessScenarios.Body body) throws Exception {
        return run(name, narrative, body, 0);
    }

    static SignalThreadRun run(String name, String narrative, ThreadedReadinessScenarios.Body body, int probe)
            throws Exception {
        return kpath.kernel.SignalThread.run(name, RUN, () -> onSignalThread(name, narrative, body, probe));
    }

    private static SignalThreadRun onSignalThread(String name, String narrative, ThreadedReadinessScenarios.Body body,
                                                  int probe) throws Exception {
        int tid = LibcSignal.gettid();
        LibcSignal.blockSigio();
        if (!LibcSignal.sigioBlocked()) {
            throw new IllegalStateException(name + ": SIGIO or SIG_RT is not blocked after pthread_sigmask(SIG_BLOCK)");
        }
        Trace trace = null;
        Exception failure = null;
        // Tasks closes first: it releases and joins the threads before Fds closes their fds
        try (Fds fds = new Fds()) {
            ReadinessRecorder rec = new ReadinessRecorder(name, narrative, fds,
                    probe > 0 ? UnixSendProbe.measure(probe) : null);
            try (Tasks tasks = new Tasks(name, rec)) {
                body.run(rec, tasks);
            }
            trace = rec.end();
        } catch (Exception e) {
            failure = e;
        }
        // every fd is closed now, so nothing raises SIGIO for this thread any more
        kpath.kernel.SignalThread.Drained d = kpath.kernel.SignalThread.drain(tid, DRAIN_TRIES);
        Exception f = kpath.kernel.SignalThread.with(failure, d.left()
                ? new IllegalStateException(name + ": SIGURG, SIGIO or SIG_RT still pending after " + DRAIN_TRIES + " takes") : null);
        if (f != null) {
            throw f;
        }
        int drained = d.taken();
        ProcTask.Signals after = d.after();
        return new SignalThreadRun(trace, tid, drained, after);
    }

    static Scenario sigio(String name, String narrative, ThreadedReadinessScenarios.Body body) {
        return sigio(name, narrative, body, 0);
    }

    /** The same, the send-size probe ({@link UnixSendProbe}) run for writes of 1 to {@code probe} bytes first. */
    static Scenario sigio(String name, String narrative, ThreadedReadinessScenarios.Body body, int probe) {
        return new Sigio(name, narrative, body, probe);
    }

    static void step(ReadinessRecorder rec, String text) {
        rec.blank();
        rec.comment(text);
    }

    /** F_SETOWN_EX to the signal thread, then F_SETFL with {@code flags}. */
    static void async(ReadinessRecorder rec, String name, int flags) {
        rec.fcntlSetownEx(name);
        rec.fcntlSetfl(name, flags);
    }

    // ---- 1 ----

    static Scenario signalDrivenIo() {
        return sigio("sigio-signal-driven-io",
                "Signal-driven I/O on pipes, an AF_UNIX socketpair and an eventfd, all on one thread that"
                        + " has SIGIO blocked and owns each async file (F_SETOWN_EX, F_OWNER_TID). fs/fcntl.c"
                        + " setfl calls ->fasync when O_ASYNC changes (pipe_fasync, sock_fasync); kill_fasync"
                        + " then reaches send_sigio only for a file on a fasync list, and send_sigio signals"
                        + " only when an owner is set. SIGIO is a standard signal: while one is pending, more"
                        + " coalesce into it (kernel/signal.c legacy_queue). (a) Pipe r0 async and owned:"
                        + " fs/pipe.c pipe_write ends in kill_fasync(&pipe->fasync_readers), so two writes to"
                        + " w0 make one SIGIO pending; clearing O_ASYNC takes r0 off the list. (b) O_ASYNC"
                        + " without an owner: send_sigio finds no pid and signals nobody. (c) The write end w2"
                        + " async and owned: pipe_read ends in kill_fasync(&pipe->fasync_writers) whatever it"
                        + " returns, so even a read of the empty r2 (EAGAIN) signals w2's owner, while a write"
                        + " to w2 signals only readers; pipe_release of the last reader signals the writers."
                        + " (d) Socketpair end s0 async and owned: data from s1 reaches sock_def_readable →"
                        + " sk_wake_async(SOCK_WAKE_WAITD, POLL_IN) → net/socket.c sock_wake_async → SIGIO;"
                        + " net/unix/af_unix.c unix_shutdown signals s0 only when s0 gets RCV_SHUTDOWN (s1's"
                        + " SHUT_WR, not its SHUT_RD), and unix_release_sock signals it with POLL_HUP when s1"
                        + " is closed; room freed for s0's writes is SOCK_WAKE_SPACE, which signals only after"
                        + " a sender ran out of space (SOCKWQ_ASYNC_NOSPACE). (f) An eventfd has no ->fasync:"
                        + " O_ASYNC is accepted, and a write signals nobody.",
                (rec, tasks) -> {
                    pipeReaderOwned(rec);
                    pipeWithoutOwner(rec);
                    pipeWriterOwned(rec);
                    socketpairEndOwned(rec);
                    filesWithoutFasync(rec);
                });
    }

    /**
     * (a) Pipe r0 async and owned: writes signal the readers' list, coalesced; then O_ASYNC cleared,
     * set again through a dup, and the last writer closed.
     */
    private static void pipeReaderOwned(ReadinessRecorder rec) {
        rec.comment("(a) pipe r0, async and owned by this thread: nothing pending yet");
        var p = rec.pipe2();
        String r0 = p.first();
        String w0 = p.second();
        async(rec, r0, O_NONBLOCK | O_ASYNC);
        rec.sigtimedwaitSigio();
        step(rec, "two writes, each ending in kill_fasync(fasync_readers): one SIGIO, coalesced");
        rec.write(w0, 1);
        rec.write(w0, 1);
        rec.sigtimedwaitSigio();
        rec.sigtimedwaitSigio();
        step(rec, "a read signals the writers' list (w0 is not on it), not the reader");
        rec.read(r0, BUF);
        rec.sigtimedwaitSigio();
        step(rec, "O_ASYNC cleared: pipe_fasync takes r0 off the list, and a write signals nobody");
        rec.fcntlSetfl(r0, O_NONBLOCK);
        rec.write(w0, 1);
        rec.sigtimedwaitSigio();
        rec.read(r0, BUF);
        step(rec, "O_ASYNC again through a dup r0d of r0 (one open file, still owned), then r0d closed:"
                + " the fasync entry belongs to the file, which r0 keeps open, so a write still signals");
        String r0d = rec.dup(r0);
        rec.fcntlSetfl(r0d, O_NONBLOCK | O_ASYNC);
        rec.sigtimedwaitSigio();
        rec.close(r0d);
        rec.write(w0, 1);
        rec.sigtimedwaitSigio();
        rec.read(r0, BUF);
        step(rec, "closing the last writer: pipe_release signals the readers' list");
        rec.close(w0);
        rec.sigtimedwaitSigio();
    }

    /** (b) O_ASYNC without an owner: send_sigio signals nobody. */
    private static void pipeWithoutOwner(ReadinessRecorder rec) {
        step(rec, "(b) pipe r1 async without an owner: send_sigio has no pid to signal");
        var q = rec.pipe2();
        rec.fcntlSetfl(q.first(), O_NONBLOCK | O_ASYNC);
        rec.write(q.second(), 1);
        rec.sigtimedwaitSigio();
    }

    /** (c) The write end w2 async and owned: reads signal the writers' list, also a read that fails. */
    private static void pipeWriterOwned(ReadinessRecorder rec) {
        step(rec, "(c) the write end w2 async and owned: a read of the empty r2 still signals it");
        var u = rec.pipe2();
        String r2 = u.first();
        String w2 = u.second();
        async(rec, w2, O_NONBLOCK | O_ASYNC);
        rec.sigtimedwaitSigio();
        rec.read(r2, BUF);
        rec.sigtimedwaitSigio();
        step(rec, "a write to w2 signals the readers' list only; reading the byte signals w2 again");
        rec.write(w2, 1);
        rec.sigtimedwaitSigio();
        rec.read(r2, BUF);
        rec.sigtimedwaitSigio();
        step(rec, "closing the last reader: pipe_release signals the writers' list");
        rec.close(r2);
        rec.sigtimedwaitSigio();
    }

    /** (d) Socketpair end s0 async and owned: data, room, shutdowns and close of s1. */
    private static void socketpairEndOwned(ReadinessRecorder rec) {
        step(rec, "(d) socketpair end s0 async and owned: data from s1 signals it");
        var s = rec.socketpair();
        String s0 = s.first();
        String s1 = s.second();
        async(rec, s0, O_NONBLOCK | O_ASYNC);
        rec.sigtimedwaitSigio();
        rec.write(s1, 1);
        rec.sigtimedwaitSigio();
        rec.read(s0, BUF);
        rec.sigtimedwaitSigio();
        step(rec, "s0 writes and s1 reads: the room freed for s0 is SOCK_WAKE_SPACE, no signal");
        rec.write(s0, 1);
        rec.read(s1, BUF);
        rec.sigtimedwaitSigio();
        step(rec, "s1's SHUT_RD gives s0 SEND_SHUTDOWN: no signal; its SHUT_WR gives s0 RCV_SHUTDOWN:"
                + " POLL_IN");
        rec.shutdown(s1, SHUT_RD);
        rec.sigtimedwaitSigio();
        rec.shutdown(s1, SHUT_WR);
        rec.sigtimedwaitSigio();
        step(rec, "closing s1: unix_release_sock signals s0 with POLL_HUP");
        rec.close(s1);
        rec.sigtimedwaitSigio();
    }

    /** (f) Files without ->fasync: an eventfd and an epoll, async and owned, signal nobody. */
    private static void filesWithoutFasync(ReadinessRecorder rec) {
        step(rec, "(f) eventfd v0, O_ASYNC and owned: no ->fasync, so a write signals nobody");
        String v0 = rec.eventfd(0, EFD_NONBLOCK);
        async(rec, v0, O_NONBLOCK | O_ASYNC);
        rec.write(v0, 1);
        rec.sigtimedwaitSigio();
        step(rec, "an epoll file has no ->fasync either: e0 async and owned becomes ready, and signals"
                + " nobody");
        String e0 = rec.epollCreate();
        async(rec, e0, O_NONBLOCK | O_ASYNC);
        rec.epollCtl(e0, EPOLL_CTL_ADD, v0, EPOLLIN);
        rec.sigtimedwaitSigio();
        rec.epollWait(e0, ReadinessScenarios.MAX, 0);
    }

    // ---- 2 ----

    static Scenario waitingReaderSuppressesSigio() {
        return sigio("sigio-waiting-reader-suppresses-signal",
                "No SIGIO while a reader waits for data (net/socket.c sock_wake_async, SOCK_WAKE_WAITD):"
                        + " s0/s1 is a blocking AF_UNIX socketpair; s0 is owned by the signal thread"
                        + " (F_SETOWN_EX, F_OWNER_TID) and async without O_NONBLOCK, so it stays blocking. Task"
                        + " t1 calls read(s0, " + BUF + ") and sleeps; net/unix/af_unix.c unix_stream_data_wait"
                        + " set SOCKWQ_ASYNC_WAITDATA before it slept (sk_set_bit, because s0 is FASYNC). The"
                        + " signal thread writes one byte to s1: sock_def_readable wakes t1, then"
                        + " sk_wake_async(SOCK_WAKE_WAITD, POLL_IN) finds SOCKWQ_ASYNC_WAITDATA still set and"
                        + " sends no SIGIO, since someone is already reading. t1 returns the byte (and"
                        + " unix_stream_data_wait cleared the bit when it ran). A second byte, with no reader"
                        + " waiting, signals the owner; t1 then reads that byte without waiting. A task asleep"
                        + " in poll(s0) does not suppress the signal (fs/select.c do_poll sets no"
                        + " SOCKWQ_ASYNC_WAITDATA). A reader waiting again when s1 shuts down its writing"
                        + " (unix_shutdown: RCV_SHUTDOWN for s0, sk_wake_async(SOCK_WAKE_WAITD, POLL_IN)) gets 0,"
                        + " and again no SIGIO is sent. t1 has SIGIO blocked too (a thread inherits its"
                        + " creator's mask), but it is not the owner, so no SIGIO is ever pending on it."
                        + "\ntopology: t1 -(r)-> s0 -(fasync, owner: signal thread); then t1 -(p)-> s0",
                (rec, tasks) -> {
                    var s = rec.socketpairBlocking();
                    String s0 = s.first();
                    String s1 = s.second();
                    async(rec, s0, O_ASYNC);
                    rec.sigtimedwaitSigio();
                    Tasks.Task t1 = tasks.start();
                    step(rec, "t1 sleeps in read(s0); a byte from s1 wakes it, and no SIGIO is sent");
                    var c1 = tasks.read(t1, s0, BUF);
                    tasks.observeSleeping(c1);
                    rec.write(s1, 1);
                    c1.await();
                    rec.sigtimedwaitSigio();
                    step(rec, "no reader waits now: the next byte signals the owner");
                    rec.write(s1, 1);
                    rec.sigtimedwaitSigio();
                    step(rec, "t1 reads the byte without waiting");
                    tasks.read(t1, s0, BUF).await();
                    rec.sigtimedwaitSigio();
                    step(rec, "a task asleep in poll(s0) does not suppress SIGIO: only a reader waiting for data sets"
                            + " SOCKWQ_ASYNC_WAITDATA");
                    var c2 = tasks.poll(t1, ThreadedReadinessScenarios.WOKEN_MS, pfd(s0, POLLIN));
                    tasks.observeSleeping(c2);
                    rec.write(s1, 1);
                    c2.await();
                    rec.sigtimedwaitSigio();
                    tasks.read(t1, s0, BUF).await();
                    step(rec, "a reader waits again; s1's SHUT_WR (RCV_SHUTDOWN, POLL_IN for s0) ends its read with 0,"
                            + " and sends no SIGIO while the bit is set");
                    var c3 = tasks.read(t1, s0, BUF);
                    tasks.observeSleeping(c3);
                    rec.shutdown(s1, SHUT_WR);
                    c3.await();
                    rec.sigtimedwaitSigio();
                });
    }

    // ---- 3 ----

    /** rt_sigtimedwait for plain SIGIO and the real-time signal F_SETSIG chose. */
    static void takeSignal(ReadinessRecorder rec) {
        rec.sigtimedwait(LibcSignal.SIGIO, LibcSignal.SIG_RT);
    }

    static Scenario setsigQueuesRtSignals() {
        return sigio("sigio-setsig-queues-rt-signals",
                "F_SETSIG: signal-driven I/O with a real-time signal. fs/fcntl.c do_fcntl F_SETSIG stores the"
                        + " number in the file's f_owner (0 restores plain SIGIO; a number above _NSIG, 64, is"
                        + " EINVAL: valid_signal) and F_GETSIG returns it, 0 when none was set."
                        + " send_sigio_to_task then sends, instead of plain SIGIO (SEND_SIG_PRIV), that signal"
                        + " with a siginfo: si_code the reason kill_fasync passed (POLL_IN, POLL_OUT, POLL_HUP),"
                        + " si_fd the fd of the fasync entry (fasync_helper records the fd of the F_SETFL that"
                        + " set O_ASYNC, not F_SETSIG's), si_band band_table[reason] (POLL_IN:"
                        + " POLLIN|POLLRDNORM, POLL_OUT: POLLOUT|POLLWRNORM|POLLWRBAND, POLL_HUP:"
                        + " POLLHUP|POLLERR). A real-time signal queues once per send (kernel/signal.c"
                        + " __send_signal_locked: no legacy_queue for sig >= SIGRTMIN), so two writes leave two"
                        + " instances, taken oldest first, where plain SIGIO is pending once. rt_sigtimedwait takes"
                        + " the lowest-numbered pending signal of its set (next_signal), so plain SIGIO (29) comes"
                        + " before the real-time one. F_GETOWN_EX (f_getown_ex) copies out the owner's type and"
                        + " pid, written as a name (main: the signal thread; 0: none). The signal here is the kernel's SIGRTMIN+3 (35; glibc's"
                        + " SIGRTMIN() is 34), blocked on the signal thread like SIGIO. Not captured: the fall"
                        + " back to plain SIGIO when the real-time queue is full (RLIMIT_SIGPENDING is per user,"
                        + " so other processes' pending signals would decide it).",
                (rec, tasks) -> {
                    rec.comment("(a) pipe r0: no owner (F_GETOWN_EX: pid 0), then this thread (pid main); no"
                            + " signal chosen yet, then " + Signal.text(LibcSignal.SIG_RT));
                    var p = rec.pipe2();
                    String r0 = p.first();
                    String w0 = p.second();
                    rec.fcntlGetownEx(r0);
                    rec.fcntlSetownEx(r0);
                    rec.fcntlGetownEx(r0);
                    rec.fcntlGetsig(r0);
                    rec.fcntlSetsig(r0, LibcSignal.SIG_RT);
                    rec.fcntlGetsig(r0);
                    rec.fcntlSetfl(r0, O_NONBLOCK | O_ASYNC);
                    takeSignal(rec);
                    step(rec, "two writes queue two instances, each with si_fd r0 and POLL_IN's band; then none is left");
                    rec.write(w0, 1);
                    rec.write(w0, 1);
                    takeSignal(rec);
                    takeSignal(rec);
                    takeSignal(rec);
                    step(rec, "a wait set without the real-time signal does not take it");
                    rec.write(w0, 1);
                    rec.sigtimedwaitSigio();
                    takeSignal(rec);
                    rec.read(r0, BUF);
                    step(rec, "O_ASYNC set again through a dup r0d: it is already set, so ->fasync is not called"
                            + " and si_fd stays r0");
                    String r0d = rec.dup(r0);
                    rec.fcntlSetfl(r0d, O_NONBLOCK | O_ASYNC);
                    rec.write(w0, 1);
                    takeSignal(rec);
                    step(rec, "O_ASYNC cleared and set through r0d: the entry now names r0d, also after r0d is closed");
                    rec.fcntlSetfl(r0, O_NONBLOCK);
                    rec.fcntlSetfl(r0d, O_NONBLOCK | O_ASYNC);
                    rec.close(r0d);
                    rec.write(w0, 1);
                    takeSignal(rec);
                    rec.read(r0, BUF);
                    step(rec, "F_SETSIG 0 restores plain SIGIO: two writes, one SIGIO, no siginfo");
                    rec.fcntlSetsig(r0, 0);
                    rec.fcntlGetsig(r0);
                    rec.write(w0, 1);
                    rec.write(w0, 1);
                    takeSignal(rec);
                    takeSignal(rec);
                    rec.read(r0, BUF);
                    step(rec, "a number above _NSIG is EINVAL and changes nothing");
                    rec.fcntlSetsig(r0, kpath.uapi.Signal.NSIG + 1);
                    rec.fcntlGetsig(r0);

                    step(rec, "(b) the write end w1 with " + Signal.text(LibcSignal.SIG_RT) + ", set before its owner"
                            + " (F_GETOWN_EX: pid 0, then this thread): a read of the empty r1 sends POLL_OUT; plain"
                            + " SIGIO pending from r0 is taken first");
                    var q = rec.pipe2();
                    String r1 = q.first();
                    String w1 = q.second();
                    rec.fcntlSetsig(w1, LibcSignal.SIG_RT);
                    rec.fcntlGetownEx(w1);
                    rec.fcntlSetownEx(w1);
                    rec.fcntlGetownEx(w1);
                    rec.fcntlSetfl(w1, O_NONBLOCK | O_ASYNC);
                    rec.read(r1, BUF);
                    rec.write(w0, 1);
                    takeSignal(rec);
                    takeSignal(rec);
                    takeSignal(rec);
                    rec.read(r0, BUF);
                    step(rec, "closing the last reader: pipe_release sends POLL_OUT to the writers' list");
                    rec.close(r1);
                    takeSignal(rec);

                    step(rec, "(c) socketpair end s0 with " + Signal.text(LibcSignal.SIG_RT) + ": data is POLL_IN;"
                            + " s1's SHUT_WR gives s0 RCV_SHUTDOWN alone: POLL_IN; its SHUT_RDWR gives s0"
                            + " SHUTDOWN_MASK: POLL_HUP; closing s1: unix_release_sock's POLL_HUP");
                    var s = rec.socketpair();
                    String s0 = s.first();
                    String s1 = s.second();
                    rec.fcntlSetownEx(s0);
                    rec.fcntlSetsig(s0, LibcSignal.SIG_RT);
                    rec.fcntlSetfl(s0, O_NONBLOCK | O_ASYNC);
                    rec.write(s1, 1);
                    takeSignal(rec);
                    rec.shutdown(s1, SHUT_WR);
                    takeSignal(rec);
                    rec.shutdown(s1, SHUT_RDWR);
                    takeSignal(rec);
                    rec.close(s1);
                    takeSignal(rec);
                    takeSignal(rec);
                });
    }

    static Scenario setsigSigioAndFioasync() {
        return sigio("sigio-setsig-sigio-and-fioasync",
                "F_SETSIG with SIGIO itself, F_GETOWN (0 before F_SETOWN_EX, then this thread's tid,"
                        + " written main: fs/fcntl.c f_getown), and ioctl FIOASYNC. Chosen with F_SETSIG, SIGIO comes with a"
                        + " siginfo like a real-time signal (fs/fcntl.c send_sigio_to_task: si_code the reason,"
                        + " si_fd, si_band), but it is a standard signal: one already pending is not queued"
                        + " again (kernel/signal.c __send_signal_locked, legacy_queue), so the first siginfo"
                        + " stays and later sends are lost. ioctl(FIOASYNC) turns FASYNC on or off as F_SETFL's"
                        + " O_ASYNC does, calling the file's ->fasync only when the flag changes (fs/ioctl.c"
                        + " ioctl_fioasync); on a file without one (an eventfd) that change is ENOTTY. Only"
                        + " ->fasync sets FASYNC (fs/fcntl.c setfl: SETFL_MASK leaves it out), so F_SETFL"
                        + " O_ASYNC on an eventfd returns 0 and sets nothing: FIOASYNC 1 stays ENOTTY and"
                        + " FIOASYNC 0 changes nothing (0).",
                (rec, tasks) -> {
                    rec.comment("(a) pipe r0/w0, both ends owned by this thread with F_SETSIG SIGIO; FASYNC set"
                            + " through FIOASYNC on r0 and through F_SETFL on w0");
                    var p = rec.pipe2();
                    String r0 = p.first();
                    String w0 = p.second();
                    rec.fcntlGetown(r0);
                    rec.fcntlSetownEx(r0);
                    rec.fcntlGetown(r0);
                    rec.fcntlSetsig(r0, LibcSignal.SIGIO);
                    rec.fcntlGetsig(r0);
                    rec.ioctlFioasync(r0, 1);
                    rec.fcntlSetownEx(w0);
                    rec.fcntlSetsig(w0, LibcSignal.SIGIO);
                    rec.fcntlSetfl(w0, O_NONBLOCK | O_ASYNC);
                    takeSignal(rec);
                    step(rec, "a write signals r0 (POLL_IN), the read that follows signals w0 (POLL_OUT): one"
                            + " SIGIO is pending, with the first siginfo");
                    rec.write(w0, 1);
                    rec.read(r0, BUF);
                    takeSignal(rec);
                    takeSignal(rec);
                    step(rec, "FIOASYNC 1 again changes nothing; FIOASYNC 0 leaves the list: a write sends nothing");
                    rec.ioctlFioasync(r0, 1);
                    rec.ioctlFioasync(r0, 0);
                    rec.write(w0, 1);
                    takeSignal(rec);
                    rec.read(r0, BUF);
                    takeSignal(rec);

                    step(rec, "(b) an eventfd v0 has no ->fasync: FIOASYNC 1 is ENOTTY; F_SETFL O_ASYNC returns 0"
                            + " but sets no FASYNC, so FIOASYNC 1 is ENOTTY again and FIOASYNC 0 changes nothing");
                    String v0 = rec.eventfd(0, kpath.kernel.LibcFile.EFD_NONBLOCK);
                    rec.ioctlFioasync(v0, 1);
                    rec.fcntlSetfl(v0, O_NONBLOCK | O_ASYNC);
                    rec.ioctlFioasync(v0, 1);
                    rec.ioctlFioasync(v0, 0);
                });
    }

    /** The user's queued signals, the first number of SigQ in /proc/self/status. */
    private static long sigq() {
        try {
            String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("SigQ:")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no SigQ in /proc/self/status"));
            return Long.parseLong(line.substring("SigQ:".length()).strip().split("/")[0]);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading /proc/self/status", e);
        }
    }

    static Scenario rtQueueFullFallsBackOnSigio() {
        return sigio("sigio-rt-queue-full-falls-back-to-sigio",
                "RLIMIT_SIGPENDING bounds the real-time queue, and signal-driven I/O falls back on plain"
                        + " SIGIO when it is reached. kernel/signal.c __sigqueue_alloc counts every pending"
                        + " signal of the user (ucounts) against the target's soft limit; over it, a real-time"
                        + " signal is not queued (__send_signal_locked: -EAGAIN), and fs/fcntl.c"
                        + " send_sigio_to_task then sends plain SIGIO (SEND_SIG_PRIV, allowed over the limit)."
                        + " The scenario lowers this process's soft limit to 2 and restores it; it runs only"
                        + " when /proc/self/status shows no pending signal of the user (SigQ 0), since others'"
                        + " would count.",
                (rec, tasks) -> {
                    long queued = sigq();
                    if (queued != 0) {
                        throw new kpath.kernel.PrivilegeException("the user has " + queued + " signals pending"
                                + " (SigQ): RLIMIT_SIGPENDING would count them");
                    }
                    long old = kpath.kernel.LibcFile.softLimit(kpath.kernel.LibcFile.RLIMIT_SIGPENDING);
                    rec.comment("SigQ 0: no signal of this user is pending; the soft limit was " + old);
                    var p = rec.pipe2();
                    String r0 = p.first();
                    String w0 = p.second();
                    rec.fcntlSetownEx(r0);
                    rec.fcntlSetsig(r0, LibcSignal.SIG_RT);
                    rec.fcntlSetfl(r0, O_NONBLOCK | O_ASYNC);
                    try {
                        rec.setrlimitSigpending(2);
                        step(rec, "three writes: two " + Signal.text(LibcSignal.SIG_RT) + " queued, the third over the"
                                + " limit sent as plain SIGIO, taken first (lowest number)");
                        rec.write(w0, 1);
                        rec.write(w0, 1);
                        rec.write(w0, 1);
                        takeSignal(rec);
                        takeSignal(rec);
                        takeSignal(rec);
                        takeSignal(rec);
                        step(rec, "the limit lowered to 0 with nothing pending: every write now sends plain SIGIO,"
                                + " pending once");
                        rec.setrlimitSigpending(0);
                        rec.write(w0, 1);
                        rec.write(w0, 1);
                        takeSignal(rec);
                        takeSignal(rec);
                    } finally {
                        rec.setrlimitSigpending(old);
                    }
                });
    }

    /** F_SETOWN_EX to the signal thread, F_SETSIG {@link LibcSignal#SIG_RT}, then F_SETFL with {@code flags}. */
    static void asyncRt(ReadinessRecorder rec, String name, int flags) {
        rec.fcntlSetownEx(name);
        rec.fcntlSetsig(name, LibcSignal.SIG_RT);
        rec.fcntlSetfl(name, flags);
    }
}
