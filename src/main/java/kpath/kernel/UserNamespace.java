package kpath.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Child processes in a new user namespace and a new network namespace, for a user without
 * CAP_SYS_ADMIN: the child is root there, with a full set of capabilities over the namespaces it
 * owns (user_namespaces(7), "Capabilities"), so it may create network namespaces, set their
 * sysctls and bring their interfaces up — never the host's.
 *
 * <p>A JVM cannot move itself into a new user namespace: unshare(CLONE_NEWUSER) fails with
 * EINVAL in a multithreaded process (unshare(2): "Use of CLONE_NEWUSER requires that the calling
 * process is not threaded", and the JVM has started its threads before {@code main}). So the child is started inside the namespaces by
 * unshare(1) of util-linux ({@code unshare --user --map-root-user --net -- COMMAND}), which calls
 * unshare(2) while it is single-threaded, maps the caller's uid and gid to 0 and execs COMMAND.
 * The child's own network namespace is empty; the scenarios it runs still make one each
 * ({@link NetNamespace#runInPrivateNetns}).
 *
 * <p>What a child still cannot do is use a file its user cannot: file permissions are checked
 * against the ids in the initial namespace, and the child's CAP_DAC_OVERRIDE applies only to files
 * whose owner and group are mapped into its namespace (user_namespaces(7), "Accessing files" and
 * "Operation of file-related capabilities"). A root-only {@code /dev/net/tun} (mode 0600) stays
 * closed to it.
 */
public final class UserNamespace {

    private UserNamespace() {
    }

    /** System property set on a child's command line: the process is a child and starts no other. */
    public static final String CHILD_PROPERTY = "kpath.userns-child";

    /** unshare(1): a new user namespace mapping the caller to root, and a new network namespace. */
    static final List<String> UNSHARE = List.of("unshare", "--user", "--map-root-user", "--net", "--");

    private static final Duration PROBE_LIMIT = Duration.ofSeconds(10);
    /** How long a killed child may take to go. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** At most this much of a child's output is kept. */
    private static final int OUTPUT_MAX = 1 << 20;

    private static volatile Optional<String> cachedProblem;

    /** Whether this process is a child started by {@link #javaCommand}. */
    public static boolean isChild() {
        return Boolean.getBoolean(CHILD_PROPERTY);
    }

    /**
     * Whether this process is in a user namespace other than the initial one: its
     * /proc/self/uid_map is not the identity map of all ids, {@code 0 0 4294967295}
     * (user_namespaces(7), "User and group ID mappings").
     */
    public static boolean inNonInitialUserNamespace() {
        String map = ProcNet.readProc(Path.of("/proc/self/uid_map")).strip();
        return !map.matches("0\\s+0\\s+4294967295");
    }

    /** A child that ran to its end: its exit code and what it wrote (each cut at 1 MiB). */
    public record Finished(int exitCode, String stdout, String stderr) {
    }

    /**
     * Why a child in a new user + network namespace cannot be started here, checked once by
     * starting {@code unshare --user --map-root-user --net -- true}. Missing privileges are reasons:
     * unshare(2)'s EPERM or an LSM's EACCES (e.g. a kernel with unprivileged user namespaces turned
     * off), user namespaces disabled by the administrator ({@code user.max_user_namespaces = 0},
     * namespaces(7)), or no unshare(1) to start it with.
     *
     * @return empty when a child can be started
     * @throws IllegalStateException when it cannot for another reason (the message says which)
     */
    public static Optional<String> problem() {
        Optional<String> cached = cachedProblem;
        if (cached != null) {
            return cached;
        }
        Optional<String> problem = probe();
        cachedProblem = problem;
        return problem;
    }

    private static Optional<String> probe() {
        Finished f;
        try {
            f = run(wrap(List.of("true")), PROBE_LIMIT);
        } catch (IOException e) {
            // ProcessBuilder.start: no such program (or not executable) on PATH
            return Optional.of("cannot start unshare(1) from util-linux to make a user namespace: " + e.getMessage());
        } catch (TimeoutException e) {
            throw new IllegalStateException("unshare --user --map-root-user --net -- true: " + e.getMessage(), e);
        }
        if (f.exitCode() == 0) {
            return Optional.empty();
        }
        String said = f.stderr().strip().replace('\n', ' ');
        String what = String.join(" ", wrap(List.of("true"))) + " exited with " + f.exitCode() + ": " + said;
        // unshare(1) prints strerror(errno) of the call that failed; the child runs with LC_ALL=C
        if (said.contains("Operation not permitted") || said.contains("Permission denied")) {
            return Optional.of("this user may not create a user namespace (" + what + ")");
        }
        if (maxUserNamespaces().equals(Optional.of(0L))) {
            return Optional.of("user namespaces are disabled here, user.max_user_namespaces = 0 (" + what + ")");
        }
        throw new IllegalStateException("cannot create a user namespace, and not for want of privilege: " + what);
    }

    private static Optional<Long> maxUserNamespaces() {
        try {
            return Optional.of(Long.parseLong(ProcNet.readProc(Path.of("/proc/sys/user/max_user_namespaces")).strip()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code command} run by unshare(1) in a new user namespace (caller mapped to root) and network namespace. */
    public static List<String> wrap(List<String> command) {
        List<String> c = new ArrayList<>(UNSHARE);
        c.addAll(command);
        return List.copyOf(c);
    }

    /**
     * The command line of a child JVM running {@code mainClass} with {@code args} in a new user +
     * network namespace: this JVM's java, class path and native access, and
     * {@link #CHILD_PROPERTY} set.
     */
    public static List<String> javaCommand(String mainClass, List<String> args) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("--enable-native-access=ALL-UNNAMED");
        c.add("-D" + CHILD_PROPERTY + "=true");
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add(mainClass);
        c.addAll(args);
        return wrap(c);
    }

    /**
     * Runs {@code command} with {@code LC_ALL=C}, no input, its output to temporary files (deleted
     * afterwards), and waits for it at most {@code limit}; past that it and its descendants are
     * killed.
     *
     * @throws IOException      when the command cannot be started
     * @throws TimeoutException when it did not end within {@code limit} (it has been killed)
     */
    public static Finished run(List<String> command, Duration limit) throws IOException, TimeoutException {
        Path out = Files.createTempFile("kpath-child-", ".out");
        Path err = null;
        try {
            err = Files.createTempFile("kpath-child-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            boolean ended;
            try {
                ended = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = false;
            }
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                boolean gone = p.onExit().completeOnTimeout(null, KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                        .join() != null;
                throw new TimeoutException(command.getFirst() + " … " + command.getLast() + " ran longer than "
                        + limit + "; killed" + (gone ? "" : ", and still there after " + KILL_GRACE));
            }
            return new Finished(p.exitValue(), head(out), head(err));
        } finally {
            Files.deleteIfExists(out);
            if (err != null) {
                Files.deleteIfExists(err);
            }
        }
    }

    private static String head(Path p) {
        try (var in = Files.newInputStream(p)) {
            return new String(in.readNBytes(OUTPUT_MAX), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("read " + p, e);
        }
    }
}
