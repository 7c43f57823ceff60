package kpath.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import kpath.check.PathBinding;
import kpath.check.completion.CompletionBinding;
import kpath.check.glibc.GlibcBinding;
import kpath.check.jdk.JdkBinding;
import kpath.check.readiness.ReadinessBinding;
import kpath.check.tcp.TcpBinding;
import kpath.kernel.Scenario;
import kpath.kernel.completion.CompletionScenarios;
import kpath.kernel.glibc.GlibcScenarios;
import kpath.kernel.jdk.JdkScenarios;
import kpath.kernel.readiness.ReadinessScenarios;
import kpath.kernel.tcp.TcpScenarios;
import kpath.trace.Trace;

/** The one registry of kernel paths: each a model-side binding and a capture-side battery, one line each. */
final class Paths {
    private Paths() {}

    /** A path: its binding and its battery, which writes {@code path: <name>} into every trace. */
    record KernelPath(PathBinding binding, String batteryPath, Supplier<List<Scenario>> battery) {
        KernelPath {
            if (!binding.name().equals(batteryPath)) {
                throw new IllegalArgumentException("binding " + binding.name() + " registered with battery " + batteryPath);
            }
        }

        String name() {
            return binding.name();
        }
    }

    static final List<KernelPath> ALL = List.of(
            new KernelPath(new TcpBinding(), TcpScenarios.PATH, TcpScenarios::all),
            new KernelPath(new ReadinessBinding(), ReadinessScenarios.PATH, ReadinessScenarios::all),
            new KernelPath(new CompletionBinding(), CompletionScenarios.PATH, CompletionScenarios::all),
            new KernelPath(new JdkBinding(), JdkScenarios.PATH, JdkScenarios::all),
            new KernelPath(new GlibcBinding(), GlibcScenarios.PATH, GlibcScenarios::all));

    static String names() {
        return String.join(", ", ALL.stream().map(KernelPath::name).toList());
    }

    /**
     * The path {@code trace} records: the one its {@code path:} header names, else the one named
     * like the folder the file lies in ({@code traces/tcp/x.trace}).
     */
    static KernelPath of(Trace trace, Path file) {
        if (trace.header().path().isPresent()) {
            String p = trace.header().path().get();
            return ALL.stream().filter(k -> k.name().equals(p)).findFirst().orElseThrow(() -> new UsageException(
                    file + ":1: header 'path: " + p + "' names no kpath path (known: " + names() + ")"));
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        return ALL.stream().filter(k -> k.name().equals(folder)).findFirst().orElseThrow(() -> new UsageException(
                file + ":1: no 'path:' header, and its folder '" + folder + "' names no path (known: " + names() + ")"));
    }
}
