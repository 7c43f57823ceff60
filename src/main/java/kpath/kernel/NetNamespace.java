package kpath.kernel;

import kpath.uapi.Errno;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code inside a throwaway network namespace owned by one dedicated platform thread.
 *
 * <p>unshare(CLONE_NEWNET) moves only the calling task (thread) into a new netns
 * (kernel/nsproxy.c unshare_nsproxy_namespaces + switch_task_namespaces on current), so the
 * rest of the JVM stays in the host namespace. The namespace is released when that thread exits
 * and every socket/tun fd created in it is closed.
 *
 * <p>Caveat: threads started from inside the body inherit the private netns (clone copies the
 * creator's nsproxy), including lazily created JDK pool threads (ForkJoinPool common pool,
 * virtual-thread carriers). Bodies must therefore not start threads or use async APIs.
 */
public final class NetNamespace {

    private NetNamespace() {
    }

    /** Value of /proc/thread-self/ns/net for the private netns this thread created, else null. */
    private static final ThreadLocal<String> PRIVATE_NS = new ThreadLocal<>();

    private static final AtomicInteger THREAD_SEQ = new AtomicInteger();

    /** How long to wait for the body thread after an interrupt before giving up on it. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(2);

    private static volatile Optional<String> cachedPrivilegeProblem;

    static final String EPERM_MESSAGE =
            "needs CAP_SYS_ADMIN to create a network namespace (unshare(CLONE_NEWNET) = EPERM)";

    /**
     * Runs {@code body} on a new platform thread inside a fresh network namespace with {@code lo} up.
     *
     * @param limit wall-clock limit for the whole scenario; the thread is interrupted when exceeded
     * @return the body's result
     * @throws PrivilegeException when unshare fails with EPERM
     * @throws TimeoutException   when the body exceeds {@code limit}
     * @throws Exception          whatever the body threw
     */
    public static <T> T runInPrivateNetns(Duration limit, Callable<T> body) throws Exception {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform()
                .name("kpath-netns-" + THREAD_SEQ.incrementAndGet())
                .daemon(true) // a stuck native call must not keep the JVM alive
                .unstarted(() -> {
                    try {
                        enterNewNetns();
                        try {
                            result.set(body.call());
                        } finally {
                            PRIVATE_NS.remove();
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                });
        thread.start();
        if (!thread.join(limit)) {
            thread.interrupt();
            boolean ended = thread.join(INTERRUPT_GRACE);
            throw new TimeoutException("private-netns scenario exceeded " + limit + "; thread interrupted"
                    + (ended ? "" : " and still running after " + INTERRUPT_GRACE + " (blocked in a native call?)"));
        }
        Throwable t = failure.get();
        if (t == null) {
            return result.get();
        }
        if (t instanceof Exception e) {
            throw e;
        }
        throw (Error) t;
    }

    /**
     * Whether this process can create a network namespace, checked by doing it on a throwaway
     * thread (the namespace dies with the thread; the host is not touched).
     *
     * @return empty when possible, otherwise a description of the problem
     */
    public static Optional<String> privilegeProblem() {
        Optional<String> cached = cachedPrivilegeProblem;
        if (cached != null) {
            return cached;
        }
        Optional<String> problem;
        try {
            runInPrivateNetns(Duration.ofSeconds(10), () -> null);
            problem = Optional.empty();
        } catch (PrivilegeException e) {
            problem = Optional.of(e.getMessage());
        } catch (Exception e) {
            problem = Optional.of("cannot create a network namespace: " + e);
        }
        cachedPrivilegeProblem = problem;
        return problem;
    }

    /**
     * True when the calling thread is inside a namespace created by {@link #runInPrivateNetns}
     * (flag set by this class, and the thread's netns still differs from the process leader's).
     */
    public static boolean isInPrivateNetns() {
        String ns = PRIVATE_NS.get();
        if (ns == null) {
            return false;
        }
        String now = nsLink("/proc/thread-self/ns/net");
        return ns.equals(now) && !now.equals(nsLink("/proc/self/ns/net"));
    }

    /** Throws IllegalStateException unless {@link #isInPrivateNetns()}. */
    static void requirePrivateNetns(String what) {
        if (!isInPrivateNetns()) {
            throw new IllegalStateException(what + " is only allowed on a thread inside a network namespace "
                    + "created by NetNamespace.runInPrivateNetns (refusing to touch the host namespace)");
        }
    }

    private static void enterNewNetns() {
        SysResult r = LibcNamespace.unshare(LibcNamespace.CLONE_NEWNET);
        if (!r.ok()) {
            if (r.errno() == Errno.EPERM.number()) {
                throw new PrivilegeException(EPERM_MESSAGE);
            }
            throw new ErrnoException("unshare(CLONE_NEWNET)", r.errno());
        }
        // /proc/self follows the thread-group leader, /proc/thread-self this task
        String mine = nsLink("/proc/thread-self/ns/net");
        if (mine.equals(nsLink("/proc/self/ns/net"))) {
            throw new IllegalStateException("unshare(CLONE_NEWNET) returned 0 but thread is still in the leader's netns");
        }
        // a fresh netns has only lo, and it is down: 127.0.0.1 is unusable until IFF_UP
        int sock = IfReq.controlSocket();
        try {
            IfReq.bringUp(sock, "lo");
        } finally {
            LibcFile.close(sock);
        }
        PRIVATE_NS.set(mine);
    }

    private static String nsLink(String path) {
        try {
            return Files.readSymbolicLink(Path.of(path)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("readlink " + path, e);
        }
    }
}
