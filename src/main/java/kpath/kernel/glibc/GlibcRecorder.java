package kpath.kernel.glibc;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import kpath.kernel.LibcSignal;
import kpath.kernel.ProcSelf;
import kpath.kernel.ProcTask;
import kpath.kernel.SysResult;
import kpath.kernel.TraceLog;
import kpath.trace.Header;
import kpath.uapi.Errno;
import kpath.uapi.PosixAio;
import kpath.uapi.Signal;

/**
 * The recorder of the glibc battery: glibc's aio_* calls run in this process on a pipe whose read
 * end is {@code r0} (write end {@code w0}), made on one thread, the {@code caller}; the recorder
 * writes what each call returned and what procfs shows meanwhile. Threads are named by role: the
 * caller; {@code helperN}, a thread made since the scenario began that carries the caller's name
 * (glibc's pthread_create copies the creator's comm), in the order first seen; {@code notifyN}, a
 * thread a SIGEV_THREAD callback ran on. Nothing is named by a number or an address, so a trace
 * reads the same on every run.
 */
final class GlibcRecorder extends TraceLog {

    static final String READ_END = "r0";

    private final Map<Integer, String> names = new HashMap<>();
    private final Set<Integer> before = new HashSet<>();
    private int readFd = -1;
    private int callerTid = -1;
    private String callerComm = "";

    GlibcRecorder(String scenario, String narrative) {
        super(scenario, narrative, GlibcScenarios.PATH, Header.Netns.HOST, Header.Peer.LOOPBACK, new LinkedHashMap<>());
    }

    /** The pipe's read end, and the thread that makes every aio_* call; the threads there now are no helpers. */
    void start(int readEnd, int caller) {
        readFd = readEnd;
        callerTid = caller;
        names.put(caller, "caller");
        for (ProcSelf.Thread t : ProcSelf.threads()) {
            before.add(t.tid());
            if (t.tid() == caller) {
                callerComm = t.comm();
            }
        }
    }

    /**
     * {@code observe api(r0) call=… model=… waiter=… sigev=none|thread}: the claim under test —
     * which of the five I/O models the call is, which thread waits for data (the caller, a glibc
     * helper, or none), and how completion is notified (none, thread, signal).
     */
    void api(String call, String model, String waiter, String sigev) {
        observe("api", READ_END, values("call", call, "model", model, "waiter", waiter, "sigev", sigev));
    }

    /**
     * {@code observe queued(cbN) reqprio=P ret=R error=E helpers=H}: aio_read returned R, aio_error
     * then said E, and H helper threads exist (threads made since the start with the caller's name).
     * A refused request writes the same line with ret=-1 and {@code errno=}.
     */
    void submitted(String cb, int reqprio, SysResult r, int error) {
        SequencedMap<String, String> v = values("reqprio", Integer.toString(reqprio), "ret", Long.toString(r.value()));
        if (!r.ok()) {
            v.put("errno", Errno.nameOf(r.errno()));
        }
        v.put("error", errorName(error));
        v.put("helpers", Integer.toString(helpers()));
        observe("queued", cb, v);
    }

    /** Threads made since the start that carry the caller's name and ran no callback: glibc's helpers. */
    int helpers() {
        int n = 0;
        for (ProcSelf.Thread t : ProcSelf.threads()) {
            if (!before.contains(t.tid()) && t.comm().equals(callerComm) && !names.getOrDefault(t.tid(), "").startsWith("notify")) {
                n++;
            }
        }
        return n;
    }

    /** The helper threads asleep (state S) in a system call on r0 now. */
    private java.util.List<ProcSelf.Thread> readers() {
        return ProcSelf.threads().stream()
                .filter(t -> !before.contains(t.tid()) && t.syscall().isPresent() && !t.args().isEmpty()
                        && t.args().getFirst() == readFd)
                .toList();
    }

    private Optional<ProcSelf.Thread> caller() {
        return ProcSelf.threads().stream().filter(t -> t.tid() == callerTid).findFirst();
    }

    /**
     * Waits, at most {@code millis}, until a helper sleeps in a system call on r0 and, when
     * {@code callerToo}, the caller sleeps in a system call too; returns whether they did. When they
     * do not, the trace shows it by what it lacks.
     */
    boolean awaitSleepers(long millis, boolean callerToo) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            boolean helper = readers().stream().anyMatch(t -> t.state().equals("S") && !t.wchan().equals("0"));
            boolean caller = !callerToo || caller().filter(t -> t.state().equals("S") && t.syscall().isPresent()
                    && !t.wchan().equals("0")).isPresent();
            if (helper && caller) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    /**
     * {@code observe task(NAME) comm=… state=… wchan=… syscall=… fd=r0 count=N} for each helper in
     * a system call on r0, in thread-id order, then, when {@code callerToo}, the caller's own call
     * ({@code fd=} only when its first argument is r0).
     */
    void observeSleepers(boolean callerToo) {
        for (ProcSelf.Thread t : readers()) {
            observe("task", name(t.tid(), "helper"), task(t));
        }
        if (callerToo) {
            caller().filter(t -> t.syscall().isPresent()).ifPresent(t -> observe("task", "caller", task(t)));
        }
    }

    private SequencedMap<String, String> task(ProcSelf.Thread t) {
        SequencedMap<String, String> v = values("comm", t.comm().replaceAll("\\s+", "_"), "state", t.state(),
                "wchan", t.wchan(), "syscall", t.syscall().orElseThrow());
        if (!t.args().isEmpty() && t.args().getFirst() == readFd) {
            v.put("fd", READ_END);
            v.put("count", Long.toString(t.args().get(2)));
        }
        return v;
    }

    /**
     * {@code observe kernel(r0) io_uring=N aio=N}: how many io_uring instances this process holds
     * (anon_inode:[io_uring] fds) and how many native AIO rings it maps ({@code /[aio]} in maps).
     */
    void observeKernel() {
        long rings = ProcSelf.fds().values().stream().filter(l -> l.equals("anon_inode:[io_uring]")).count();
        observe("kernel", READ_END, values("io_uring", Long.toString(rings), "aio", Integer.toString(ProcSelf.aioRings())));
    }

    /** {@code observe send(w0) bytes=N}: N bytes written to the pipe. */
    void send(int bytes) {
        observe("send", "w0", values("bytes", Integer.toString(bytes)));
    }

    /** {@code observe suspended(caller) ret=R [errno=E]}: aio_suspend returned. */
    void suspended(SysResult r) {
        SequencedMap<String, String> v = values("ret", Long.toString(r.value()));
        if (!r.ok()) {
            v.put("errno", Errno.nameOf(r.errno()));
        }
        observe("suspended", "caller", v);
    }

    /** {@code observe done(cbN) error=E return=R}: aio_error and then aio_return of a finished request. */
    void done(String cb, int error, long ret) {
        observe("done", cb, values("error", errorName(error), "return", Long.toString(ret)));
    }

    /** {@code observe cancel(cbN) ret=ANSWER}: aio_cancel of that request on r0. */
    void cancel(String cb, SysResult r) {
        SequencedMap<String, String> v = values("ret", r.ok() ? PosixAio.cancelName(r.intValue()) : "-1");
        if (!r.ok()) {
            v.put("errno", Errno.nameOf(r.errno()));
        }
        observe("cancel", cb, v);
    }

    /**
     * {@code observe notify(cbN) thread=NAME fresh=0|1}: the request's SIGEV_THREAD callback ran on
     * thread tid; fresh when that thread is none seen before: not the caller, no helper, no earlier
     * callback's.
     */
    void notify(String cb, int tid) {
        boolean fresh = !before.contains(tid) && !names.containsKey(tid);
        String name = name(tid, "notify");
        observe("notify", cb, values("thread", name, "fresh", fresh ? "1" : "0"));
    }

    /**
     * {@code observe sigmask(r0) signo=S threads=N blocking=M}: of the N threads of this process,
     * M have signal S in their mask ({@code SigBlk} of /proc/self/task/TID/status).
     */
    void sigmask(int signo) {
        int threads = 0;
        int blocking = 0;
        for (ProcSelf.Thread t : ProcSelf.threads()) {
            Optional<ProcTask.Signals> sig = ProcTask.signals(t.tid());
            if (sig.isPresent()) {
                threads++;
                blocking += ProcTask.Signals.has(sig.get().blocked(), signo) ? 1 : 0;
            }
        }
        observe("sigmask", READ_END, values("signo", Signal.text(signo), "threads", Integer.toString(threads),
                "blocking", Integer.toString(blocking)));
    }

    /**
     * {@code observe signal(cbN) signo=S code=C pid=self|other}: rt_sigtimedwait took S; its
     * siginfo's si_code (SI_ASYNCIO, else the number) and whether si_pid is this process.
     */
    void signal(String cb, int signo, LibcSignal.RtTaken t) {
        observe("signal", cb, values("signo", Signal.text(signo),
                "code", t.code() == PosixAio.SI_ASYNCIO ? "SI_ASYNCIO" : Integer.toString(t.code()),
                "pid", t.pid() == ProcessHandle.current().pid() ? "self" : "other"));
    }

    private String name(int tid, String role) {
        return names.computeIfAbsent(tid, t -> role + names.values().stream().filter(n -> n.startsWith(role)).count());
    }

    static String errorName(int error) {
        return error == 0 ? "0" : Errno.nameOf(error);
    }

    private static SequencedMap<String, String> values(String... kv) {
        SequencedMap<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
