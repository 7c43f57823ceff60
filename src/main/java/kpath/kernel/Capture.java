package kpath.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kpath.trace.Trace;
import kpath.trace.TraceWriter;

/** Runs scenarios and writes each trace to {@code <outDir>/<name>.trace}. */
public final class Capture {

    private Capture() {
    }

    /** What became of one scenario. */
    public sealed interface Outcome {
        String scenario();

        /** The trace was written to {@code path}. */
        record Written(String scenario, Path path) implements Outcome {
        }

        /** Not run for want of a privilege, e.g. a TUN scenario where /dev/net/tun cannot be opened. */
        record Skipped(String scenario, String reason) implements Outcome {
        }

        /** The run or the write failed; nothing was written for it. */
        record Failed(String scenario, String message) implements Outcome {
        }
    }

    /**
     * Captures a privileged scenario in another process that may create network namespaces (a
     * kpath child in a user + network namespace, {@link UserNamespace}) and says what became of it.
     */
    @FunctionalInterface
    public interface Child {
        Outcome capture(Scenario s, Path outDir) throws Exception;
    }

    /** Where this process runs the privileged scenarios (those that need a private network namespace). */
    public sealed interface Privileged {
        /** What to tell the user before the scenarios run; empty when they run here. */
        Optional<String> note();

        /** Here: this process may create network namespaces. */
        record Here() implements Privileged {
            @Override
            public Optional<String> note() {
                return Optional.empty();
            }
        }

        /** In {@code child}, because this process may not ({@code why}). */
        record InChild(String why, Child child) implements Privileged {
            @Override
            public Optional<String> note() {
                return Optional.of("privileged scenarios run in a child kpath in a new user + network namespace ("
                        + String.join(" ", UserNamespace.UNSHARE) + " …); this process " + why);
            }
        }

        /** Nowhere, for want of a privilege: each is skipped with {@code reason}. */
        record Skip(String reason) implements Privileged {
            @Override
            public Optional<String> note() {
                return Optional.of("privileged scenarios are skipped: " + reason);
            }
        }

        /** Nowhere, because making a namespace failed for another reason: each fails with {@code message}. */
        record Broken(String message) implements Privileged {
            @Override
            public Optional<String> note() {
                return Optional.of("privileged scenarios fail: " + message);
            }
        }
    }

    /**
     * Where privileged scenarios run: here when this process may create a network namespace;
     * otherwise in {@code child}, when one is given, this process is not itself a child and a user
     * namespace can be made; otherwise they are skipped for the privilege that is missing. A
     * failure that is not a missing privilege ({@link NetNamespace#privilegeProblem()},
     * {@link UserNamespace#problem()}) makes them fail instead.
     */
    public static Privileged privileged(Optional<Child> child) {
        try {
            Optional<String> here = NetNamespace.privilegeProblem();
            if (here.isEmpty()) {
                return new Privileged.Here();
            }
            if (child.isEmpty() || UserNamespace.isChild()) {
                return new Privileged.Skip(here.get());
            }
            Optional<String> userns = UserNamespace.problem();
            if (userns.isEmpty()) {
                return new Privileged.InChild(here.get(), child.get());
            }
            return new Privileged.Skip(here.get() + ", and " + userns.get());
        } catch (RuntimeException e) {
            return new Privileged.Broken(e.getMessage() != null ? e.getMessage() : describe(e));
        }
    }

    /**
     * Runs {@code scenarios} in order, one at a time, writing each trace with
     * {@link TraceWriter#writeAtomically}; privileged ones run here or are skipped
     * ({@link #privileged privileged(Optional.empty())}). A failing scenario is reported and the
     * rest still run; each scenario closes its own fds whether it succeeds or not. Only a trace that
     * ends with its end marker is written; a failed scenario writes nothing (an older trace of it
     * stays whole).
     */
    public static List<Outcome> run(List<Scenario> scenarios, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Privileged privileged = scenarios.stream().anyMatch(Scenario::privileged) ? privileged(Optional.empty()) : new Privileged.Here();
        List<Outcome> out = new ArrayList<>();
        for (Scenario s : scenarios) {
            out.add(runOne(s, outDir, privileged));
        }
        return out;
    }

    /** Runs one scenario here and writes its trace; a privileged one only when this process may. */
    public static Outcome runOne(Scenario s, Path outDir) {
        return runOne(s, outDir, s.privileged() ? privileged(Optional.empty()) : new Privileged.Here());
    }

    /**
     * Runs one scenario and writes its trace: an unprivileged one here; a privileged one where
     * {@code privileged} says. A {@link PrivilegeException} from the scenario itself (e.g. no access
     * to /dev/net/tun) skips it; any other exception fails it.
     */
    public static Outcome runOne(Scenario s, Path outDir, Privileged privileged) {
        if (s.privileged()) {
            switch (privileged) {
                case Privileged.Here h -> {
                }
                case Privileged.InChild c -> {
                    try {
                        return c.child().capture(s, outDir);
                    } catch (Exception e) {
                        return new Outcome.Failed(s.name(), "in a child in a user namespace: " + describe(e));
                    }
                }
                case Privileged.Skip k -> {
                    return new Outcome.Skipped(s.name(), k.reason());
                }
                case Privileged.Broken b -> {
                    return new Outcome.Failed(s.name(), b.message());
                }
            }
        }
        try {
            Trace trace = s.capture();
            if (!trace.complete()) {
                return new Outcome.Failed(s.name(), "the scenario returned its trace without the end marker"
                        + " (TraceLog.end() is called when the scenario has finished normally)");
            }
            Path file = outDir.resolve(s.name() + ".trace");
            TraceWriter.writeAtomically(file, trace);
            return new Outcome.Written(s.name(), file);
        } catch (PrivilegeException e) {
            return new Outcome.Skipped(s.name(), e.getMessage());
        } catch (Exception | AssertionError e) {
            return new Outcome.Failed(s.name(), describe(e));
        }
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            sb.append("; caused by ").append(c);
        }
        return sb.toString();
    }
}
