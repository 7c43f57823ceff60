package kpath.kernel.glibc;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcPosixAio;
import kpath.kernel.LibcPosixAio.Aiocb;
import kpath.kernel.LibcSignal;
import kpath.kernel.ProcSelf;
import kpath.kernel.Scenario;
import kpath.kernel.SysResult;
import kpath.trace.Trace;
import kpath.uapi.Errno;
import kpath.uapi.PosixAio;

/**
 * The glibc battery: glibc's POSIX AIO calls (aio_read, aio_error, aio_return, aio_suspend,
 * aio_cancel) run in this process through FFM on an empty pipe, and procfs shows which of the
 * five I/O models they are: who sleeps where while the read waits, and whether any kernel
 * completion ring exists. Each scenario writes the claim it tests on its {@code api} line; the
 * checkers hold the observations to it. Unprivileged, no network; every wait bounded.
 */
public final class GlibcScenarios {
    private GlibcScenarios() {}

    public static final String PATH = "glibc";

    /** How long a capture waits for a thread to sleep, a call to return or a callback to run. */
    static final long WAIT_MS = 5_000;
    static final int BYTES = 3;
    static final int BUFFER = 100;
    /** The name of the thread that makes the calls; glibc's helpers inherit it. */
    static final String CALLER = "kpath-aio";

    public static List<Scenario> all() {
        return List.of(readPipe(), cancelQueued(), sigevSignal());
    }

    @FunctionalInterface
    interface Body {
        void run(GlibcRecorder rec, Run run) throws Exception;
    }

    record Defined(String name, String narrative, Body body) implements Scenario {
        @Override
        public boolean privileged() {
            return false;
        }

        @Override
        public Trace capture() throws Exception {
            awaitNoHelpers();
            GlibcRecorder rec = new GlibcRecorder(name, narrative);
            try (Run run = new Run()) {
                rec.start(run.read, run.callerTid);
                body.run(rec, run);
                run.finish();
            }
            return rec.end();
        }
    }

    /**
     * One run's pipe, the calling thread, the control blocks it queued, and the SIGEV_THREAD
     * callbacks seen (request number, thread id). Closing it ends every request still in progress
     * (the write end's close ends a pipe read with 0), waits for that, and closes both ends.
     */
    static final class Run implements AutoCloseable {
        final int read;
        final int write;
        final ExecutorService caller = Executors.newSingleThreadExecutor(r -> new Thread(r, CALLER));
        final int callerTid;
        final List<Aiocb> cbs = new java.util.ArrayList<>();
        final LinkedBlockingQueue<long[]> callbacks = new LinkedBlockingQueue<>();

        Run() throws Exception {
            LibcFile.FdPair p = LibcFile.pipe2(LibcFile.O_CLOEXEC);
            p.result().orThrow("pipe2");
            read = p.first();
            write = p.second();
            LibcPosixAio.onNotify(v -> callbacks.add(new long[] {v, LibcSignal.gettid()}));
            callerTid = call(LibcSignal::gettid);
        }

        /** {@code c} on the calling thread, at most {@link #WAIT_MS}. */
        <T> T call(java.util.concurrent.Callable<T> c) throws Exception {
            return caller.submit(c).get(WAIT_MS, TimeUnit.MILLISECONDS);
        }

        <T> Future<T> start(java.util.concurrent.Callable<T> c) {
            return caller.submit(c);
        }

        Aiocb cb(int reqprio) {
            Aiocb a = Aiocb.read(read, BUFFER, reqprio);
            cbs.add(a);
            return a;
        }

        /** The callback of request {@code n}, its thread id, within {@link #WAIT_MS}. */
        int callback(long n) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT_MS * 1_000_000L;
            for (long[] c; (c = callbacks.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
                if (c[0] == n) {
                    return (int) c[1];
                }
            }
            throw new IllegalStateException("no SIGEV_THREAD callback for request " + n + " within " + WAIT_MS + " ms");
        }

        void send(int bytes) {
            LibcFile.write(write, new byte[bytes]).orThrow("write");
        }

        /** Every request this run queued is finished; fails when one is not. */
        void finish() {
            for (Aiocb a : cbs) {
                if (LibcPosixAio.aioError(a) == Errno.EINPROGRESS.number()) {
                    throw new IllegalStateException("a request is still in progress at the end");
                }
            }
        }

        @Override
        public void close() throws Exception {
            LibcFile.close(write);
            long deadline = System.nanoTime() + WAIT_MS * 1_000_000L;
            while (System.nanoTime() < deadline
                    && cbs.stream().anyMatch(a -> LibcPosixAio.aioError(a) == Errno.EINPROGRESS.number())) {
                Thread.sleep(1);
            }
            caller.shutdownNow();
            caller.awaitTermination(WAIT_MS, TimeUnit.MILLISECONDS);
            LibcFile.close(read);
        }
    }

    /** Before a scenario: the helpers an earlier one left idle have gone (glibc keeps them 1 s, optim.aio_idle_time). */
    static void awaitNoHelpers() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000L;
        while (ProcSelf.threads().stream().anyMatch(t -> t.comm().equals(CALLER))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("threads named " + CALLER + " of an earlier run are still there");
            }
            Thread.sleep(5);
        }
    }

    static Scenario readPipe() {
        return new Defined("glibc-aio-read-pipe", """
                glibc's aio_read of an empty pipe is the blocking model on a thread of glibc's own, \
                not kernel-asynchronous I/O. First a control block with aio_reqprio above \
                AIO_PRIO_DELTA_MAX (20) is refused with EINVAL before anything is queued and no \
                thread is made (rt/aio_misc.c __aio_enqueue_request); with aio_reqprio 0 the same \
                block is queued and aio_read returns 0 at once, aio_error saying EINPROGRESS. \
                __aio_enqueue_request made one detached helper thread (it inherits the caller's \
                name); its handle_fildes_io tried pread, got ESPIPE on the pipe and sleeps in read(2) \
                in the kernel (fs/pipe.c anon_pipe_read). The caller then waits in aio_suspend, a \
                futex wait (sysdeps/nptl/aio_misc.h AIO_MISC_WAIT). No io_uring instance, no /[aio] \
                mapping: no kernel AIO (man aio(7) NOTES). A write to the pipe ends the helper's read, \
                its __aio_notify wakes aio_suspend, which returns 0, and aio_error is 0, aio_return \
                the byte count.""", (rec, run) -> {
            rec.api("aio_read", "blocking", "helper", "none");
            Aiocb cb = run.cb(PosixAio.AIO_PRIO_DELTA_MAX + 1);
            SysResult refused = run.call(() -> LibcPosixAio.aioRead(cb));
            rec.submitted("cb0", PosixAio.AIO_PRIO_DELTA_MAX + 1, refused, run.call(() -> LibcPosixAio.aioError(cb)));
            cb.cb().set(java.lang.foreign.ValueLayout.JAVA_INT, PosixAio.AIO_REQPRIO, 0);
            SysResult queued = run.call(() -> LibcPosixAio.aioRead(cb));
            rec.submitted("cb0", 0, queued, run.call(() -> LibcPosixAio.aioError(cb)));
            Future<SysResult> suspend = run.start(() -> LibcPosixAio.aioSuspend(cb, WAIT_MS));
            rec.awaitSleepers(WAIT_MS, true);
            rec.observeSleepers(true);
            rec.observeKernel();
            run.send(BYTES);
            rec.send(BYTES);
            rec.suspended(suspend.get(WAIT_MS, TimeUnit.MILLISECONDS));
            rec.done("cb0", LibcPosixAio.aioError(cb), LibcPosixAio.aioReturn(cb));
        });
    }

    /** The real-time signal of the SIGEV_SIGNAL scenario: the kernel's SIGRTMIN + 3, as the readiness path's. */
    static final int SIG_RT = LibcSignal.SIG_RT;

    static final String SIGNAL_NAME = "glibc-aio-sigev-signal";
    static final String SIGNAL_NARRATIVE = """
                aio_read of an empty pipe notified by SIGEV_SIGNAL with a real-time signal. glibc \
                queues it to the process (sysdeps/unix/sysv/linux/aio_sigqueue.c: \
                rt_sigqueueinfo(getpid(), …), si_code SI_ASYNCIO), so any thread that does not block \
                it may take it (kernel/signal.c complete_signal), and its default action ends the \
                process: it runs in a child JVM started with the signal blocked (env \
                --block-signal), which every thread inherits; procfs shows it blocked in all of them, \
                glibc's helper too (sysdeps/unix/sysv/linux/aio_misc.h __aio_create_helper_thread \
                blocks every signal). The helper sleeps in read(2) on the pipe; after a write, \
                rt_sigtimedwait takes the signal with si_code SI_ASYNCIO and si_pid this process, \
                after which aio_error is 0 and aio_return the byte count (rt/aio_misc.c \
                handle_fildes_io sets them before __aio_notify).""";

    /** The SIGEV_SIGNAL scenario: in a child JVM with SIG_RT blocked from its first thread on ({@link GlibcSignalChild}). */
    static Scenario sigevSignal() {
        return new Scenario() {
            @Override
            public String name() {
                return SIGNAL_NAME;
            }

            @Override
            public String narrative() {
                return SIGNAL_NARRATIVE;
            }

            @Override
            public boolean privileged() {
                return false;
            }

            @Override
            public Trace capture() throws Exception {
                return GlibcSignalChild.captureInChild();
            }
        };
    }

    /** The body of {@link #sigevSignal}, run in a process whose every thread blocks {@link #SIG_RT}. */
    static Trace sigevSignalHere() throws Exception {
        return new Defined(SIGNAL_NAME, SIGNAL_NARRATIVE, (rec, run) -> {
            rec.api("aio_read", "blocking", "helper", "signal");
            Aiocb cb = run.cb(0).notifySignal(SIG_RT, 7);
            SysResult r = run.call(() -> LibcPosixAio.aioRead(cb));
            rec.submitted("cb0", 0, r, run.call(() -> LibcPosixAio.aioError(cb)));
            rec.awaitSleepers(WAIT_MS, false);
            rec.observeSleepers(false);
            rec.sigmask(SIG_RT);
            rec.observeKernel();
            run.send(BYTES);
            rec.send(BYTES);
            LibcSignal.RtTaken t = LibcSignal.sigtimedwaitFor(WAIT_MS, SIG_RT);
            if (!t.result().ok() || t.value() != 7) {
                throw new IllegalStateException("no SIGEV_SIGNAL for the request within " + WAIT_MS + " ms: " + t);
            }
            rec.signal("cb0", SIG_RT, t);
            rec.done("cb0", LibcPosixAio.aioError(cb), LibcPosixAio.aioReturn(cb));
        }).capture();
    }

    static Scenario cancelQueued() {
        return new Defined("glibc-aio-cancel-queued-behind-running", """
                Two aio_reads of one empty pipe, each notified by SIGEV_THREAD: the first gets a \
                helper thread, which sleeps in read(2) on the pipe; the second finds the fd worked on \
                and is queued behind it with no new thread (rt/aio_misc.c __aio_enqueue_request: \
                requests on one fd run one at a time). aio_cancel of the queued one answers \
                AIO_CANCELED (rt/aio_cancel.c: the entry is removed), its aio_error is ECANCELED and \
                aio_return -1, and its notification still runs; aio_cancel of the one a helper works \
                on answers AIO_NOTCANCELED. A write ends the helper's read; the callback runs; after \
                that aio_cancel answers AIO_ALLDONE. Each callback runs on a new detached thread, \
                neither the caller nor the helper (rt/aio_notify.c __aio_notify_only). No kernel \
                AIO ring, no io_uring.""", (rec, run) -> {
            rec.api("aio_read", "blocking", "helper", "thread");
            Aiocb first = run.cb(0).notifyThread(0);
            Aiocb second = run.cb(0).notifyThread(1);
            SysResult r0 = run.call(() -> LibcPosixAio.aioRead(first));
            rec.submitted("cb0", 0, r0, run.call(() -> LibcPosixAio.aioError(first)));
            SysResult r1 = run.call(() -> LibcPosixAio.aioRead(second));
            rec.submitted("cb1", 0, r1, run.call(() -> LibcPosixAio.aioError(second)));
            rec.awaitSleepers(WAIT_MS, false);
            rec.observeSleepers(false);
            rec.observeKernel();
            rec.cancel("cb1", run.call(() -> LibcPosixAio.aioCancel(run.read, second)));
            rec.done("cb1", LibcPosixAio.aioError(second), LibcPosixAio.aioReturn(second));
            rec.notify("cb1", run.callback(1));
            rec.cancel("cb0", run.call(() -> LibcPosixAio.aioCancel(run.read, first)));
            run.send(BYTES);
            rec.send(BYTES);
            rec.notify("cb0", run.callback(0));
            rec.done("cb0", LibcPosixAio.aioError(first), LibcPosixAio.aioReturn(first));
            rec.cancel("cb0", run.call(() -> LibcPosixAio.aioCancel(run.read, first)));
        });
    }
}
