package kpath.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kpath.kernel.NetNamespace;
import kpath.kernel.PrivilegeException;
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

        /** Not run, e.g. a privileged scenario without CAP_SYS_ADMIN. */
        record Skipped(String scenario, String reason) implements Outcome {
        }

        /** The run or the write failed; nothing was written for it. */
        record Failed(String scenario, String message) implements Outcome {
        }
    }

    /**
     * Runs {@code scenarios} in order, one at a time, writing each trace with
     * {@link TraceWriter#writeAtomically}. A failing scenario is reported and the rest still run;
     * each scenario closes its own fds whether it succeeds or not. Only a trace that ends with its
     * end marker is written; a failed scenario writes nothing (an older trace of it stays whole).
     */
    public static List<Outcome> run(List<Scenario> scenarios, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Outcome> out = new ArrayList<>();
        for (Scenario s : scenarios) {
            out.add(runOne(s, outDir));
        }
        return out;
    }

    /** Runs one scenario and writes its trace. */
    public static Outcome runOne(Scenario s, Path outDir) {
        if (s.privileged()) {
            Optional<String> problem = NetNamespace.privilegeProblem();
            if (problem.isPresent()) {
                return new Outcome.Skipped(s.name(), problem.get());
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
