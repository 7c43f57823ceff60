package kpath.kernel.glibc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import kpath.kernel.ProcSelf;
import kpath.kernel.ProcTask;
import kpath.kernel.UserNamespace;
import kpath.trace.Trace;
import kpath.trace.TraceReader;
import kpath.trace.TraceWriter;

/**
 * The child JVM of the SIGEV_SIGNAL scenario. glibc queues that signal to the process, and a JVM's
 * threads do not block real-time signals, whose default action ends the process; so the parent
 * starts this class under {@code env --block-signal=N} (coreutils): the launcher's first thread
 * starts with the signal blocked and every thread inherits the mask. This main checks that every
 * thread blocks it, runs the scenario, and prints the trace on stdout; the parent reads it back.
 */
public final class GlibcSignalChild {
    private GlibcSignalChild() {}

    static final Duration LIMIT = Duration.ofSeconds(60);

    /** Runs this class in a child JVM with the signal blocked and returns the trace it printed. */
    static Trace captureInChild() throws Exception {
        List<String> c = List.of("env", "--block-signal=" + GlibcScenarios.SIG_RT,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), GlibcSignalChild.class.getName());
        UserNamespace.Finished f = UserNamespace.run(c, LIMIT);
        if (f.exitCode() != 0) {
            throw new IllegalStateException("the child JVM exited with " + f.exitCode() + ": " + f.stderr().strip());
        }
        return TraceReader.parse(f.stdout(), GlibcScenarios.SIGNAL_NAME + " (child)");
    }

    public static void main(String[] args) {
        try {
            for (ProcSelf.Thread t : ProcSelf.threads()) {
                ProcTask.signals(t.tid()).filter(s -> !ProcTask.Signals.has(s.blocked(), GlibcScenarios.SIG_RT))
                        .ifPresent(s -> {
                            throw new IllegalStateException("thread " + t.comm() + " does not block signal " + GlibcScenarios.SIG_RT);
                        });
            }
            System.out.print(TraceWriter.format(GlibcScenarios.sigevSignalHere()));
            System.out.flush();
            System.exit(0);
        } catch (Exception | Error e) {
            System.err.println(e);
            System.exit(1);
        }
    }
}
