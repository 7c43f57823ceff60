package kpath.kernel.jdk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeSet;
import kpath.kernel.ProcSelf;
import kpath.kernel.TraceLog;
import kpath.trace.Header;
import kpath.uapi.FileFlags;
import kpath.uapi.Mask;

/**
 * The recorder of the jdk battery: a JDK API runs in this process on one socket, named {@code c0}
 * (its peer {@code p0}), and the recorder writes what procfs shows while it waits and after the
 * data came: the threads sleeping in a system call on {@code c0} or on an epoll file that lists it,
 * each named by role ({@code caller}, the thread that called the API; {@code jdk0}, {@code jdk1}
 * … the JDK's own threads, in the order first seen), the epoll files that list {@code c0}
 * ({@code e0} …) with their interest masks, and whether any io_uring or native AIO ring exists.
 * Nothing the JDK does is named by a number or an address, so a trace reads the same on every run.
 */
final class JdkRecorder extends TraceLog {

    static final String SOCKET = "c0";

    private final Map<Integer, String> threadNames = new HashMap<>();
    private final Map<Integer, String> epollNames = new HashMap<>();
    private int socketFd = -1;

    JdkRecorder(String scenario, String narrative) {
        super(scenario, narrative, JdkScenarios.PATH, Header.Netns.HOST, Header.Peer.LOOPBACK, new LinkedHashMap<>());
    }

    /** The socket under test: the one whose ports these are; {@code c0} from now on. */
    void socket(int localPort, int remotePort) {
        socketFd = ProcSelf.tcpSocketFd(localPort, remotePort).orElseThrow(() -> new IllegalStateException(
                "no open TCP socket " + localPort + " -> " + remotePort + " in /proc/self/fd"));
    }

    /** The thread that calls the API. */
    void caller(int tid) {
        threadNames.put(tid, "caller");
    }

    /**
     * {@code observe api(c0) call=… class=… model=… waiter=…}: which API runs on c0, the runtime
     * class that implements it, and the claim under test — which of the five I/O models it is, and
     * which thread waits for data (the caller, a JDK thread, or none).
     */
    void api(String call, String implementation, String provider, String model, String waiter) {
        observe("api", SOCKET, values("call", call, "class", implementation, "provider", provider,
                "model", model, "waiter", waiter));
    }

    /** As {@link #api}, for a java.net.Socket with its SO_TIMEOUT in ms (0: none). */
    void api(String call, String implementation, int soTimeout, String model, String waiter) {
        observe("api", SOCKET, values("call", call, "class", implementation, "so_timeout", Integer.toString(soTimeout),
                "model", model, "waiter", waiter));
    }

    /** {@code observe returned(caller) pending=1}: the API call returned, its read still pending (or not). */
    void returned(boolean pending) {
        observe("returned", "caller", values("pending", pending ? "1" : "0"));
    }

    /**
     * {@code observe returned(caller) pending=0|1 syscr=N baseline=B}: as {@link #returned(boolean)},
     * with the growth of the caller's read-family system call count ({@link ProcSelf#syscr}) across
     * the API call, and across nothing (B, what reading the count itself costs): N - B calls were
     * made inside the API call.
     */
    void returned(boolean pending, long syscr, long baseline) {
        observe("returned", "caller", values("pending", pending ? "1" : "0", "syscr", Long.toString(syscr),
                "baseline", Long.toString(baseline)));
    }

    /**
     * {@code observe refused(caller) call=… exception=… syscr=N baseline=B}: the API call threw at
     * once, having made N - B read-family system calls on the caller's thread (as {@link #returned(boolean, long, long)}).
     */
    void refused(String call, String exception, long syscr, long baseline) {
        observe("refused", "caller", values("call", call, "exception", exception, "syscr", Long.toString(syscr),
                "baseline", Long.toString(baseline)));
    }

    /** {@code observe close(caller) call=…}: the caller closed c0 (the call returned). */
    void close(String call) {
        observe("close", "caller", values("call", call));
    }

    /** {@code observe failed(c0) thread=NAME exception=…}: the pending read failed; its handler ran on thread tid. */
    void failed(int tid, String exception) {
        observe("failed", SOCKET, values("thread", threadName(tid), "exception", exception));
    }

    /**
     * {@code observe epoll(eN) …} for every epoll file already named, whether or not it still lists
     * c0 (after c0's close it does not, and no {@code c0=} key appears): its interest list now.
     */
    void observeNamedEpolls() {
        Map<Integer, String> fds = ProcSelf.fds();
        epollNames.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(n -> observe("epoll", n.getValue(), interest(n.getKey(), fds)));
    }

    /** An epoll file's interest list as /proc/self/fdinfo shows it: c0 first if listed, the JDK's other fds named by kind. */
    private SequencedMap<String, String> interest(int epfd, Map<Integer, String> fds) {
        Map<Integer, Integer> items = ProcSelf.interest(epfd);
        SequencedMap<String, String> v = new LinkedHashMap<>();
        if (items.containsKey(socketFd)) {
            v.put(SOCKET, Mask.text(items.get(socketFd), "EPOLL"));
        }
        Map<String, Integer> kinds = new HashMap<>();
        for (Map.Entry<Integer, Integer> it : items.entrySet()) {
            if (it.getKey() != socketFd) {
                String kind = kind(fds.getOrDefault(it.getKey(), "closed"));
                int k = kinds.merge(kind, 1, Integer::sum) - 1;
                v.put(kind + k, Mask.text(it.getValue(), "EPOLL"));
            }
        }
        return v;
    }

    /**
     * Runs each procfs reading the observations make, once, writing nothing: a timed read's clock
     * then starts with the reading code already loaded and compiled, so its wait is observed well
     * inside the timeout.
     */
    void warm() {
        waiters();
        ProcSelf.fdFlags(socketFd);
        ProcSelf.aioRings();
    }

    /** The epoll files of this process that list c0, by fd number. */
    private List<Integer> epollsOfSocket() {
        List<Integer> out = new ArrayList<>();
        for (Map.Entry<Integer, String> e : ProcSelf.fds().entrySet()) {
            if (e.getValue().equals("anon_inode:[eventpoll]") && ProcSelf.interest(e.getKey()).containsKey(socketFd)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * The threads blocked in a system call on c0 or on an epoll file that lists c0: the fd is the
     * call's first argument, or for poll(2)/ppoll(2) the fd of the first pollfd it points to.
     */
    private List<ProcSelf.Thread> waiters() {
        Set<Long> fds = new TreeSet<>();
        fds.add((long) socketFd);
        epollsOfSocket().forEach(e -> fds.add((long) e));
        return ProcSelf.threads().stream()
                .filter(t -> !ioUringWorker(t))
                .filter(t -> t.syscall().isPresent() && fd(t).filter(fds::contains).isPresent())
                .toList();
    }

    /**
     * An io_uring worker of this process, left by an earlier scenario in the same JVM (an idle one
     * lingers for seconds: io_uring/io-wq.c io_wq_worker, WORKER_IDLE_TIMEOUT): a kernel thread
     * that never makes a system call, whose /proc syscall file shows the registers it was created
     * with. io_uring names them (io-wq.c create_io_worker "iou-wrk-%d", sqpoll.c "iou-sqp-%d").
     */
    static boolean ioUringWorker(ProcSelf.Thread t) {
        return t.comm().startsWith("iou-wrk-") || t.comm().startsWith("iou-sqp-");
    }

    /** The fd a thread's call works on: its first argument, or the first pollfd's fd for poll/ppoll. */
    private static Optional<Long> fd(ProcSelf.Thread t) {
        return switch (t.syscall().orElseThrow()) {
            case "poll", "ppoll" -> ProcSelf.pollFd(t.args().getFirst()).map(p -> (long) p[0]);
            default -> Optional.of(t.args().getFirst());
        };
    }

    /**
     * Waits, at most {@code millis}, until some thread sleeps (state S) in a system call on c0 or on
     * an epoll file that lists c0 with EPOLLIN armed; returns whether one did. When none does, the
     * trace says so by what it shows: no task line before the data.
     */
    boolean awaitWaiter(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            boolean armed = epollsOfSocket().stream()
                    .anyMatch(e -> (ProcSelf.interest(e).getOrDefault(socketFd, 0) & Mask.IN) != 0);
            for (ProcSelf.Thread t : waiters()) {
                boolean onSocket = fd(t).orElse(-1L) == socketFd;
                if (t.state().equals("S") && !t.wchan().equals("0") && (onSocket || armed)) {
                    return true;
                }
            }
            Thread.sleep(1);
        }
        return false;
    }

    /**
     * {@code observe task(NAME) comm=… state=S wchan=… syscall=… fd=… …} for every thread blocked
     * in a system call on c0 or on an epoll file that lists it, in thread-id order.
     */
    void observeWaiters() {
        for (ProcSelf.Thread t : waiters()) {
            Optional<Long> fd = fd(t);
            if (fd.isEmpty()) {
                continue; // its poll returned while we looked
            }
            SequencedMap<String, String> v = values("comm", t.comm().replaceAll("\\s+", "_"), "state", t.state(),
                    "wchan", t.wchan(), "syscall", t.syscall().orElseThrow(), "fd", fdName(fd.get().intValue()));
            switch (t.syscall().get()) {
                case "poll", "ppoll" -> {
                    ProcSelf.pollFd(t.args().getFirst()).ifPresent(p -> v.put("events", Mask.text(p[1], "POLL")));
                    v.put("nfds", Long.toString(t.args().get(1)));
                }
                case "epoll_wait", "epoll_pwait", "epoll_pwait2" -> {
                    v.put("maxevents", Long.toString(t.args().get(2)));
                    v.put("timeout", Integer.toString((int) (long) t.args().get(3)));
                }
                case "read", "recvfrom", "recvmsg" -> v.put("count", Long.toString(t.args().get(2)));
                default -> { }
            }
            observe("task", threadName(t.tid()), v);
        }
    }

    /**
     * {@code observe epoll(eN) c0=MASK KINDk=MASK …} for every epoll file that lists c0: its
     * interest list as /proc/self/fdinfo shows it, c0 first, the JDK's other fds named by kind.
     */
    void observeEpolls() {
        Map<Integer, String> fds = ProcSelf.fds();
        for (int e : epollsOfSocket()) {
            observe("epoll", epollName(e), interest(e, fds));
        }
    }

    /**
     * {@code observe kernel(c0) nonblock=0|1 epolls=N io_uring=N aio=N}: whether c0's file has
     * O_NONBLOCK (its fdinfo flags), how many epoll files list c0, how many io_uring instances this
     * process holds (anon_inode:[io_uring] fds) and how many native AIO rings it maps.
     */
    void observeKernel() {
        long rings = ProcSelf.fds().values().stream().filter(l -> l.equals("anon_inode:[io_uring]")).count();
        boolean nonblock = (ProcSelf.fdFlags(socketFd) & FileFlags.O_NONBLOCK) != 0;
        observe("kernel", SOCKET, values("nonblock", nonblock ? "1" : "0", "epolls", Integer.toString(epollsOfSocket().size()),
                "io_uring", Long.toString(rings), "aio", Integer.toString(ProcSelf.aioRings())));
    }

    /** {@code observe send(p0) bytes=N}: the peer wrote N bytes. */
    void send(int bytes) {
        observe("send", "p0", values("bytes", Integer.toString(bytes)));
    }

    /** {@code observe complete(c0) thread=NAME bytes=N}: the read's result reached the API's user on thread tid. */
    void complete(int tid, int bytes) {
        observe("complete", SOCKET, values("thread", threadName(tid), "bytes", Integer.toString(bytes)));
    }

    private String threadName(int tid) {
        return threadNames.computeIfAbsent(tid, t -> "jdk" + threadNames.values().stream()
                .filter(n -> n.startsWith("jdk")).count());
    }

    private String epollName(int fd) {
        return epollNames.computeIfAbsent(fd, f -> "e" + epollNames.size());
    }

    private String fdName(int fd) {
        if (fd == socketFd) {
            return SOCKET;
        }
        Optional<String> e = Optional.ofNullable(epollNames.get(fd));
        return e.orElseGet(() -> epollsOfSocket().contains(fd) ? epollName(fd) : kind(ProcSelf.fds().getOrDefault(fd, "closed")));
    }

    /** A short name for what an fd link shows: socket, pipe, eventfd, eventpoll, … */
    private static String kind(String link) {
        if (link.startsWith("anon_inode:[")) {
            return link.substring("anon_inode:[".length(), link.length() - 1).replaceAll("[^A-Za-z0-9_]", "_");
        }
        int colon = link.indexOf(':');
        return colon > 0 ? link.substring(0, colon) : "file";
    }

    private static SequencedMap<String, String> values(String... kv) {
        SequencedMap<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
