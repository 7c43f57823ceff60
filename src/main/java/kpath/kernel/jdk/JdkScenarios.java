package kpath.kernel.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kpath.kernel.LibcSignal;
import kpath.kernel.ProcSelf;
import kpath.kernel.Scenario;
import kpath.trace.Trace;

/**
 * The jdk battery: the JDK's own socket APIs run in this process on a loopback TCP socket with no
 * data, and procfs shows which of the five I/O models each is, by who sleeps where while it waits
 * and which thread has the data at the end. Each scenario writes the claim it tests (from the
 * two-phase table, {@code kpath.model.IoModel}) on its {@code api} line; the checkers hold the
 * observations to it. Unprivileged, host network namespace, loopback only; every wait bounded.
 */
public final class JdkScenarios {
    private JdkScenarios() {}

    public static final String PATH = "jdk";

    /** How long a capture waits for a thread to sleep, or for a read to finish. */
    static final long WAIT_MS = 5_000;
    static final int BYTES = 3;
    static final int BUFFER = 100;

    public static List<Scenario> all() {
        return List.of(socketRead(), socketReadWithTimeout(), selectorSelect(), asyncChannelRead(), asyncChannelReadFixedPool(),
                asyncChannelSecondRead(), asyncChannelClose(), asyncChannelReadTimeout());
    }

    @FunctionalInterface
    interface Body {
        void run(JdkRecorder rec) throws Exception;
    }

    record Defined(String name, String narrative, Body body) implements Scenario {
        @Override
        public boolean privileged() {
            return false;
        }

        /**
         * One run's trace; a run that {@link Raced} is discarded whole and the scenario run again,
         * at most {@link #ATTEMPTS} times.
         */
        @Override
        public Trace capture() throws Exception {
            for (int attempt = 1; ; attempt++) {
                JdkRecorder rec = new JdkRecorder(name, narrative);
                try {
                    body.run(rec);
                    return rec.end();
                } catch (Raced r) {
                    if (attempt == ATTEMPTS) {
                        throw r;
                    }
                }
            }
        }
    }

    /** How many runs a scenario gets when its read ends before its wait was observed. */
    static final int ATTEMPTS = 3;

    /**
     * A run whose read ended (a 100 ms timeout) before procfs showed its wait: its lines would put
     * the wait before the end, which the run did not show, so it is no evidence.
     */
    static final class Raced extends IllegalStateException {
        Raced(String message) {
            super(message);
        }
    }

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    static Scenario socketRead() {
        return new Defined("jdk-socket-inputstream-read", SOCKET_READ, rec -> socketRead(rec, 0, "blocking"));
    }

    static Scenario socketReadWithTimeout() {
        return new Defined("jdk-socket-inputstream-read-with-timeout", """
                The same InputStream.read with Socket.setSoTimeout(5000) is the multiplexed model on \
                the calling thread: sun.nio.ch.NioSocketImpl makes the socket non-blocking for a timed \
                read (its fdinfo flags show O_NONBLOCK) and the caller sleeps in poll(2) on the one \
                socket, POLLIN (fs/select.c do_sys_poll, wchan poll_schedule_timeout), until the data \
                wakes it; the same thread then copies the data with a non-blocking read(2). No epoll \
                file lists the socket. One API, two I/O models: the timeout decides.""", rec -> socketRead(rec, (int) WAIT_MS, "multiplexed"));
    }

    private static final String SOCKET_READ = """
                java.net.Socket's InputStream.read on a connected loopback socket with no data is the \
                blocking model: the calling thread itself sleeps in read(2) on the socket \
                (net/ipv4/tcp.c tcp_recvmsg_locked -> net/core/sock.c sk_wait_data, wchan wait_woken), \
                no epoll file lists it, and the same call copies the data out when it comes \
                (skb_copy_datagram_iter) and returns on the caller. JDK 25's sun.nio.ch.NioSocketImpl \
                leaves the socket blocking (no O_NONBLOCK in its fdinfo flags) for a platform thread \
                without a timeout.""";

    private static void socketRead(JdkRecorder rec, int timeoutMs, String model) throws Exception {
            try (ServerSocket server = new ServerSocket(0, 1, loopback());
                 Socket c = new Socket(loopback(), server.getLocalPort());
                 Socket p = server.accept()) {
                rec.socket(c.getLocalPort(), server.getLocalPort());
                c.setSoTimeout(timeoutMs);
                InputStream in = c.getInputStream();
                rec.api("InputStream.read", in.getClass().getName(), c.getSoTimeout(), model, "caller");
                AtomicInteger tid = new AtomicInteger();
                AtomicInteger got = new AtomicInteger(Integer.MIN_VALUE);
                CountDownLatch started = new CountDownLatch(1);
                Thread reader = new Thread(() -> {
                    tid.set(LibcSignal.gettid());
                    started.countDown();
                    try {
                        got.set(in.read(new byte[BUFFER]));
                    } catch (IOException e) {
                        got.set(-2);
                    }
                }, "kpath-reader");
                reader.start();
                try {
                    awaitOrFail(started);
                    rec.caller(tid.get());
                    rec.awaitWaiter(WAIT_MS);
                    rec.observeWaiters();
                    rec.observeEpolls();
                    rec.observeKernel();
                    p.getOutputStream().write(new byte[BYTES]);
                    rec.send(BYTES);
                    reader.join(WAIT_MS);
                } finally {
                    c.close(); // unblocks a reader still in read(2), so the join below is bounded
                    reader.join(WAIT_MS);
                }
                requireDone(reader, got.get());
                rec.complete(tid.get(), got.get());
            }
    }

    static Scenario selectorSelect() {
        return new Defined("jdk-selector-select", """
                NIO's Selector.select with a non-blocking SocketChannel registered for OP_READ is the \
                multiplexed model on the calling thread: sun.nio.ch.EPollSelectorImpl keeps an epoll \
                file whose interest list holds the socket level-triggered (EPOLLIN, with EPOLLERR and \
                EPOLLHUP, no EPOLLONESHOT) and an eventfd for wakeup(); the caller sleeps in \
                epoll_wait(2) on it (fs/eventpoll.c do_epoll_wait), is woken by the data \
                (ep_poll_callback), and copies it with a separate non-blocking read on the same \
                thread.""", rec -> {
            try (ServerSocket server = new ServerSocket(0, 1, loopback());
                 SocketChannel c = SocketChannel.open(new InetSocketAddress(loopback(), server.getLocalPort()));
                 Socket p = server.accept();
                 Selector selector = Selector.open()) {
                rec.socket(((InetSocketAddress) c.getLocalAddress()).getPort(), server.getLocalPort());
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ);
                rec.api("Selector.select", selector.getClass().getName(), selector.provider().getClass().getName(),
                        "multiplexed", "caller");
                AtomicInteger tid = new AtomicInteger();
                AtomicInteger got = new AtomicInteger(Integer.MIN_VALUE);
                CountDownLatch started = new CountDownLatch(1);
                Thread caller = new Thread(() -> {
                    tid.set(LibcSignal.gettid());
                    started.countDown();
                    try {
                        if (selector.select(WAIT_MS) == 1) {
                            got.set(c.read(ByteBuffer.allocate(BUFFER)));
                        }
                    } catch (IOException e) {
                        got.set(-2);
                    }
                }, "kpath-selector");
                caller.start();
                try {
                    awaitOrFail(started);
                    rec.caller(tid.get());
                    rec.awaitWaiter(WAIT_MS);
                    rec.observeWaiters();
                    rec.observeEpolls();
                    rec.observeKernel();
                    p.getOutputStream().write(new byte[BYTES]);
                    rec.send(BYTES);
                } finally {
                    caller.join(WAIT_MS); // select gives up after WAIT_MS
                }
                requireDone(caller, got.get());
                rec.complete(tid.get(), got.get());
            }
        });
    }

    static Scenario asyncChannelRead() {
        return new Defined("jdk-asynchronous-socket-channel-read", """
                AsynchronousSocketChannel.read with a CompletionHandler, on the default group, is not \
                kernel-asynchronous on Linux: it is the multiplexed model run on the JDK's threads. \
                The call returns at once with the read pending; sun.nio.ch.EPollPort's epoll file lists \
                the socket with EPOLLIN|EPOLLONESHOT (EPollPort.startPoll) beside its wakeup pipe, and \
                a JDK thread sleeps in epoll_wait(2) on it (fs/eventpoll.c do_epoll_wait); no io_uring \
                instance and no native AIO ring exist. When the data comes a JDK thread reads it \
                (sun.nio.ch.UnixAsynchronousSocketChannelImpl.finishRead) and the handler runs on a JDK \
                thread: on the one that polled when it is a pool thread, else on another pool thread \
                (the default group's pool is unbounded, so sun.nio.ch.AsynchronousChannelGroupImpl adds \
                an internal polling thread that does not dispatch to handlers): runs show both. The \
                one-shot item stays listed, disarmed: fs/eventpoll.c ep_send_events clears its events \
                to the private bits, so fdinfo shows EPOLLONESHOT alone.""",
                rec -> asyncRead(rec, null));
    }

    static Scenario asyncChannelReadFixedPool() {
        return new Defined("jdk-asynchronous-socket-channel-read-fixed-pool", """
                The same read on a group of one pooled thread \
                (AsynchronousChannelGroup.withFixedThreadPool(1, …)): no internal thread, so the one \
                thread both sleeps in epoll_wait(2) on sun.nio.ch.EPollPort's epoll file and, woken, \
                reads the data and runs the handler itself: the wait and the copy are on the same JDK \
                thread, never on the caller, and the kernel holds no io_uring or AIO ring.""", rec -> {
            AsynchronousChannelGroup group = AsynchronousChannelGroup.withFixedThreadPool(1,
                    r -> new Thread(r, "kpath-aio-pool"));
            try {
                asyncRead(rec, group);
            } finally {
                group.shutdownNow();
                group.awaitTermination(WAIT_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    private static void asyncRead(JdkRecorder rec, AsynchronousChannelGroup group) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, loopback());
             AsynchronousSocketChannel c = AsynchronousSocketChannel.open(group)) {
            c.connect(new InetSocketAddress(loopback(), server.getLocalPort())).get(WAIT_MS, TimeUnit.MILLISECONDS);
            try (Socket p = server.accept()) {
                rec.socket(((InetSocketAddress) c.getLocalAddress()).getPort(), server.getLocalPort());
                rec.api("AsynchronousSocketChannel.read", c.getClass().getName(), c.provider().getClass().getName(),
                        "multiplexed", "jdk");
                rec.caller(LibcSignal.gettid());
                AtomicInteger tid = new AtomicInteger();
                AtomicInteger got = new AtomicInteger(Integer.MIN_VALUE);
                CountDownLatch done = new CountDownLatch(1);
                c.read(ByteBuffer.allocate(BUFFER), null, new CompletionHandler<Integer, Void>() {
                    @Override
                    public void completed(Integer n, Void unused) {
                        tid.set(LibcSignal.gettid());
                        got.set(n);
                        done.countDown();
                    }

                    @Override
                    public void failed(Throwable e, Void unused) {
                        tid.set(LibcSignal.gettid());
                        got.set(-2);
                        done.countDown();
                    }
                });
                rec.returned(done.getCount() == 1);
                rec.awaitWaiter(WAIT_MS);
                rec.observeWaiters();
                rec.observeEpolls();
                rec.observeKernel();
                p.getOutputStream().write(new byte[BYTES]);
                rec.send(BYTES);
                if (!done.await(WAIT_MS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the CompletionHandler did not run within " + WAIT_MS + " ms");
                }
                rec.complete(tid.get(), got.get());
                rec.observeEpolls();
            }
        }
    }

    static Scenario asyncChannelSecondRead() {
        return new Defined("jdk-asynchronous-socket-channel-second-read", """
                A second AsynchronousSocketChannel.read while the first is pending throws \
                java.nio.channels.ReadPendingException on the caller at once \
                (sun.nio.ch.AsynchronousSocketChannelImpl.read: its reading flag, under readLock, is \
                checked before any I/O): the caller's read-family system calls \
                (/proc/self/task/TID/io syscr, counted by fs/read_write.c vfs_read, less what reading it \
                costs; the exception's class loaded beforehand) do not move, while the first read's call \
                moved them: it tried read(2) at once and found no data \
                (UnixAsynchronousSocketChannelImpl.implRead); the epoll item is as it was, and the \
                first read completes with the data on a JDK thread.""", rec -> asyncPending(rec, 0, (c, p, h) -> {
            refusedRead(rec, c, "java.nio.channels.ReadPendingException");
            rec.observeEpolls();
            p.getOutputStream().write(new byte[BYTES]);
            rec.send(BYTES);
            int got = h.completedWith();
            rec.complete(h.tid.get(), got);
            rec.observeEpolls();
        }));
    }

    static Scenario asyncChannelClose() {
        return new Defined("jdk-asynchronous-socket-channel-close-pending-read", """
                close() of an AsynchronousSocketChannel with a read pending fails the read with \
                java.nio.channels.AsynchronousCloseException: \
                sun.nio.ch.UnixAsynchronousSocketChannelImpl.implClose unregisters the fd from the \
                port's map, closes it, and finishes the pending read, whose finishRead finds the \
                channel closed; the handler is invoked indirectly (Invoker.invokeIndirectly), so it runs \
                on a JDK thread, not on the closing caller. The JDK makes no EPOLL_CTL_DEL: the \
                kernel drops the socket's item when the file's last reference goes \
                (fs/file_table.c __fput -> fs/eventpoll.c eventpoll_release_file), so the epoll file \
                then lists the wakeup pipe alone.""",
                rec -> asyncPending(rec, 0, (c, p, h) -> {
            c.close();
            rec.close("AsynchronousSocketChannel.close");
            String failed = h.failedWith();
            rec.failed(h.tid.get(), failed);
            rec.observeNamedEpolls();
        }));
    }

    static Scenario asyncChannelReadTimeout() {
        return new Defined("jdk-asynchronous-socket-channel-read-timeout", """
                AsynchronousSocketChannel.read with a 100 ms timeout and no data fails with \
                java.nio.channels.InterruptedByTimeoutException on a JDK thread. The timeout is a Java \
                timer, not the kernel's: the JDK thread sleeps in epoll_wait(2) with timeout -1 \
                (EPollPort), and UnixAsynchronousSocketChannelImpl.read schedules readTimeoutTask on \
                the port (port.schedule); the task clears readPending, kills further reads \
                (AsynchronousSocketChannelImpl.enableReading(true)) and invokes the handler indirectly \
                (Invoker.invokeIndirectly); a read after it throws IllegalStateException at once, with no \
                read-family system call (as jdk-asynchronous-socket-channel-second-read counts them). \
                Nothing tells the kernel: the socket's one-shot item stays \
                armed, EPOLLIN|EPOLLONESHOT, after the failure (fs/eventpoll.c keeps an item's events \
                until it fires or is modified). A run whose read timed out before its wait was observed \
                is discarded and run again, at most three times.""", rec -> asyncPending(rec, READ_TIMEOUT_MS, (c, p, h) -> {
            String failed = h.failedWith();
            rec.failed(h.tid.get(), failed);
            refusedRead(rec, c, "java.lang.IllegalStateException");
            rec.observeEpolls();
        }));
    }

    /**
     * {@code observe refused(caller) …}: one more read on c, which should throw at once; the
     * caller's read-family system calls across it, less what counting them costs, with the class
     * of the exception it should throw loaded first (loading it reads the JDK's modules image).
     */
    private static void refusedRead(JdkRecorder rec, AsynchronousSocketChannel c, String expected) throws Exception {
        int caller = LibcSignal.gettid();
        Class.forName(expected, true, null);
        long baseline = ProcSelf.syscrCost(caller);
        long before = ProcSelf.syscr(caller);
        String thrown = "none";
        try {
            c.read(ByteBuffer.allocate(BUFFER), null, new Handler());
        } catch (RuntimeException e) {
            thrown = e.getClass().getName();
        }
        rec.refused("AsynchronousSocketChannel.read", thrown, ProcSelf.syscr(caller) - before, baseline);
    }

    /** The read timeout of jdk-asynchronous-socket-channel-read-timeout. */
    static final long READ_TIMEOUT_MS = 100;

    @FunctionalInterface
    interface AfterWait {
        void run(AsynchronousSocketChannel c, Socket peer, Handler first) throws Exception;
    }

    /** A read's CompletionHandler that records which thread ran it and how the read ended. */
    static final class Handler implements CompletionHandler<Integer, Void> {
        final AtomicInteger tid = new AtomicInteger();
        final AtomicInteger got = new AtomicInteger(Integer.MIN_VALUE);
        final java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void completed(Integer n, Void unused) {
            tid.set(LibcSignal.gettid());
            got.set(n);
            done.countDown();
        }

        @Override
        public void failed(Throwable e, Void unused) {
            tid.set(LibcSignal.gettid());
            failure.set(e);
            done.countDown();
        }

        void await() throws InterruptedException {
            if (!done.await(WAIT_MS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the CompletionHandler did not run within " + WAIT_MS + " ms");
            }
        }

        /** The bytes the read completed with, once the handler ran; a read that failed is no completion. */
        int completedWith() throws InterruptedException {
            await();
            if (failure.get() != null) {
                throw new IllegalStateException("the read failed: " + failure.get());
            }
            return got.get();
        }

        /** The class of the exception the read failed with, once the handler ran; a read that completed is no failure. */
        String failedWith() throws InterruptedException {
            await();
            Throwable e = failure.get();
            if (e == null) {
                throw new IllegalStateException("the read completed with " + got.get() + " bytes; it was to fail");
            }
            return e.getClass().getName();
        }
    }

    /**
     * On the default group: a read with a handler (with a timeout of {@code timeoutMs} when not 0)
     * on a connected channel with no data, the caller's read-family system calls inside the call,
     * the wait as procfs shows it, then {@code then}. The wait is observed before the handler ran,
     * or the capture fails.
     */
    private static void asyncPending(JdkRecorder rec, long timeoutMs, AfterWait then) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, loopback());
             AsynchronousSocketChannel c = AsynchronousSocketChannel.open()) {
            c.connect(new InetSocketAddress(loopback(), server.getLocalPort())).get(WAIT_MS, TimeUnit.MILLISECONDS);
            try (Socket p = server.accept()) {
                rec.socket(((InetSocketAddress) c.getLocalAddress()).getPort(), server.getLocalPort());
                rec.api("AsynchronousSocketChannel.read", c.getClass().getName(), c.provider().getClass().getName(),
                        "multiplexed", "jdk");
                int caller = LibcSignal.gettid();
                rec.caller(caller);
                Handler h = new Handler();
                rec.warm(); // procfs code warmed before the clock of a timed read starts
                long baseline = ProcSelf.syscrCost(caller);
                long before = ProcSelf.syscr(caller);
                c.read(ByteBuffer.allocate(BUFFER), timeoutMs, TimeUnit.MILLISECONDS, null, h);
                long syscr = ProcSelf.syscr(caller) - before;
                rec.returned(h.done.getCount() == 1, syscr, baseline);
                rec.awaitWaiter(WAIT_MS);
                rec.observeWaiters();
                rec.observeEpolls();
                rec.observeKernel();
                if (h.done.getCount() == 0) {
                    throw new Raced("the read ended before its wait was observed, in " + ATTEMPTS + " runs");
                }
                then.run(c, p, h);
            }
        }
    }

    private static void awaitOrFail(CountDownLatch started) throws InterruptedException {
        if (!started.await(WAIT_MS, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the calling thread did not start within " + WAIT_MS + " ms");
        }
    }

    private static void requireDone(Thread t, int got) {
        if (t.isAlive() || got < 0) {
            throw new IllegalStateException(t.getName() + " did not finish its read (result " + got + ")");
        }
    }
}
