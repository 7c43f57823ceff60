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
import java.util.function.IntFunction;

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

    /** How long the probe of {@link #privilegeProblem()} may take. */
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(10);

    /**
     * Runs {@code body} on a new platform thread inside a fresh network namespace with {@code lo} up.
     *
     * @param limit wall-clock limit for the whole scenario; the thread is interrupted when exceeded
     * @return the body's result
     * @throws PrivilegeException when unshare fails with EPERM, the one errno of unshare(2) that
     *                            means a missing privilege (see {@link #enterNewNetns})
     * @throws ErrnoException     when unshare fails with any other errno
     * @throws TimeoutException   when the body exceeds {@code limit}
     * @throws Exception          whatever the body threw
     */
    public static <T> T runInPrivateNetns(Duration limit, Callable<T> body) throws Exception {
        return runInPrivateNetns(limit, body, LibcNamespace::unshare);
    }

    /** {@link #runInPrivateNetns(Duration, Callable)} with {@code unshare} in place of unshare(2) (tests simulate its errors). */
    static <T> T runInPrivateNetns(Duration limit, Callable<T> body, IntFunction<SysResult> unshare) throws Exception {
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
                        enterNewNetns(unshare);
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
     * Whether this process lacks the privilege to create a network namespace, checked by creating
     * one on a throwaway thread (the namespace dies with the thread; the host is not touched).
     * Only a missing privilege is a reason to skip a privileged scenario; any other failure to
     * create the namespace is an error, thrown, so that a test or a capture fails instead of
     * skipping.
     *
     * @return empty when this process can create one; otherwise the missing privilege, which
     *         {@link PrivilegeException} named
     * @throws IllegalStateException when creating the namespace failed for another reason (an
     *                               errno other than EPERM, lo that would not come up, a timeout)
     */
    public static Optional<String> privilegeProblem() {
        Optional<String> cached = cachedPrivilegeProblem;
        if (cached != null) {
            return cached;
        }
        Optional<String> problem = privilegeProblem(LibcNamespace::unshare);
        cachedPrivilegeProblem = problem;
        return problem;
    }

    /** {@link #privilegeProblem()} uncached, with {@code unshare} in place of unshare(2). */
    static Optional<String> privilegeProblem(IntFunction<SysResult> unshare) {
        try {
            runInPrivateNetns(PROBE_LIMIT, () -> null, unshare);
            return Optional.empty();
        } catch (PrivilegeException e) {
            return Optional.of(e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a network namespace, and not for want of privilege: "
                    + e.getMessage(), e);
        }
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

    /**
     * unshare(CLONE_NEWNET) on this thread, then lo up. Of unshare(2)'s errors only EPERM means a
     * missing privilege: "The calling process did not have the required privileges for this
     * operation" — CLONE_NEWNET "requires the CAP_SYS_ADMIN capability", in the caller's user
     * namespace (user_namespaces(7), "Interaction of user namespaces and other types of
     * namespaces"). The others are not about privilege and are thrown as {@link ErrnoException}:
     * EINVAL (a kernel without CONFIG_NET_NS), ENOMEM, ENOSPC (user.max_net_namespaces reached,
     * namespaces(7)). unshare(2) documents no EACCES. kpath never calls setns(2).
     */
    private static void enterNewNetns(IntFunction<SysResult> unshare) {
        SysResult r = unshare.apply(LibcNamespace.CLONE_NEWNET);
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
