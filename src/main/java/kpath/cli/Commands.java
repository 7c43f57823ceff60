package kpath.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kpath.check.CheckException;
import kpath.check.GraphComparison;
import kpath.check.Specs;
import kpath.check.TcpMc;
import kpath.check.Tlc;
import kpath.check.TlcResult;
import kpath.check.TlcTraceValidator;
import kpath.check.Verdicts;
import kpath.kernel.NetNamespace;
import kpath.kernel.scenario.Capture;
import kpath.kernel.scenario.Scenario;
import kpath.kernel.readiness.ReadinessScenarios;
import kpath.kernel.scenario.TcpScenarios;
import kpath.model.tcp.TcpListen;
import kpath.trace.Trace;
import kpath.trace.TraceFormatException;
import kpath.trace.TraceReader;

/** The verbs of {@link Main}. */
final class Commands {
    private Commands() {}

    static final Duration TLC_TRACE_TIMEOUT = Duration.ofMinutes(3);

    /** One scenario's row of the conform table. */
    record Row(String scenario, String model, String tlc, String divergence) {
        /** A verdict other than ACCEPTED; TLC "NOT RUN" (no trace module for that path yet) is reported apart. */
        boolean diverged() {
            return !model.equals("ACCEPTED") || !(tlc.equals("ACCEPTED") || tlc.equals("NOT RUN"));
        }

        boolean tlcNotRun() {
            return tlc.equals("NOT RUN");
        }

        boolean skipped() {
            return model.equals("SKIPPED");
        }
    }

    /** A scenario and the kernel path (traces/ subdirectory) it belongs to. */
    record Entry(String path, Scenario scenario) {}

    /** The whole battery: the TCP passive-open scenarios, then the readiness ones. */
    static List<Entry> battery() {
        List<Entry> all = new ArrayList<>();
        TcpScenarios.all().forEach(s -> all.add(new Entry("tcp", s)));
        ReadinessScenarios.all().forEach(s -> all.add(new Entry("readiness", s)));
        return all;
    }

    static int conform(Options o, PrintStream out) {
        rejectPositional("conform", o);
        Path dir = o.value("--out").map(Path::of).orElseGet(() -> Path.of("target", "kpath-conform",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        createDir(dir, "--out");
        Optional<String> privilege = o.flag("--unprivileged")
                ? Optional.of("--unprivileged was given") : NetNamespace.privilegeProblem();
        List<Entry> battery = battery();
        out.println("kpath conform: " + battery.size() + " scenarios on kernel " + kernelRelease()
                + "; traces go to " + dir.toAbsolutePath());
        privilege.ifPresent(p -> out.println("privileged scenarios are skipped: " + p));
        String fmt = "%-56s %-9s %-9s %s%n";
        out.printf(fmt, "scenario", "model", "TLC", "first divergence");
        List<Row> rows = new ArrayList<>();
        for (Entry e : battery) {
            Row row = conformOne(e.scenario(), dir.resolve(e.path()), privilege);
            rows.add(row);
            out.printf(fmt, row.scenario(), row.model(), row.tlc(), row.divergence());
            out.flush();
        }
        long diverged = rows.stream().filter(Row::diverged).filter(r -> !r.skipped()).count();
        long skipped = rows.stream().filter(Row::skipped).count();
        long notRun = rows.stream().filter(r -> !r.diverged() && !r.skipped() && r.tlcNotRun()).count();
        out.println((rows.size() - diverged - skipped) + " agreed, " + diverged + " diverged, " + skipped
                + " skipped" + (notRun == 0 ? "" : " (" + notRun + " checked by the Java model only)")
                + "; traces in " + dir.toAbsolutePath());
        return diverged == 0 ? 0 : 1;
    }

    private static Row conformOne(Scenario s, Path dir, Optional<String> privilege) {
        createDir(dir, "--out");
        if (s.privileged() && privilege.isPresent()) {
            return new Row(s.name(), "SKIPPED", "SKIPPED", "needs a private network namespace: " + privilege.get());
        }
        return switch (Capture.runOne(s, dir)) {
            case Capture.Outcome.Skipped k -> new Row(s.name(), "SKIPPED", "SKIPPED", k.reason());
            case Capture.Outcome.Failed f -> new Row(s.name(), "NO TRACE", "NO TRACE", "capture failed: " + oneLine(f.message()));
            case Capture.Outcome.Written w -> {
                try {
                    yield checkOne(TraceReader.read(w.path()), w.path().toString());
                } catch (IOException | TraceFormatException e) {
                    yield new Row(s.name(), "ERROR", "ERROR", "written trace unreadable: " + oneLine(e));
                }
            }
        };
    }

    private static Row checkOne(Trace trace, String name) {
        String scenario = Verdicts.pathOf(trace) + "/" + trace.header().scenario();
        try {
            Verdicts.Both b = Verdicts.check(trace, name, TLC_TRACE_TIMEOUT);
            String div = b.model().accepted() ? (b.tlc().accepted() ? "-" : "TLC: " + oneLine(b.tlc().detail()))
                    : b.model().firstDivergence();
            return new Row(scenario, b.model().verdict().name(), b.tlc().verdict(), div);
        } catch (CheckException e) {
            return new Row(scenario, "ERROR", "ERROR", e.getMessage());
        }
    }

    static int capture(Options o, PrintStream out) {
        Optional<Path> chosenDir = o.value("--out").map(Path::of);
        List<Entry> chosen = new ArrayList<>();
        for (Entry e : battery()) {
            if (o.positional().isEmpty() || o.positional().contains(e.scenario().name())) {
                chosen.add(e);
            }
        }
        for (String p : o.positional()) {
            if (battery().stream().noneMatch(e -> e.scenario().name().equals(p))) {
                throw new UsageException("capture: no scenario '" + p + "' (see kpath scenarios)");
            }
        }
        int failed = 0;
        for (Entry e : chosen) {
            Path dir = chosenDir.orElse(Path.of("traces", e.path()));
            createDir(dir, "--out");
            switch (Capture.runOne(e.scenario(), dir)) {
                case Capture.Outcome.Written w -> out.println("wrote    " + w.path());
                case Capture.Outcome.Skipped k -> out.println("SKIPPED  " + e.scenario().name() + ": " + k.reason());
                case Capture.Outcome.Failed f -> {
                    failed++;
                    out.println("FAILED   " + e.scenario().name() + ": " + oneLine(f.message()));
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    static int check(Options o, PrintStream out) {
        if (o.positional().isEmpty()) {
            throw new UsageException("check: give one or more trace files");
        }
        List<Trace> traces = new ArrayList<>();
        for (String f : o.positional()) {
            try {
                traces.add(TraceReader.read(Path.of(f)));
            } catch (TraceFormatException e) {
                throw new UsageException(e.getMessage());
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UsageException(f + ": no such file");
            } catch (IOException e) {
                throw new UsageException(f + ": cannot read: " + e);
            }
        }
        boolean allAccepted = true;
        for (int i = 0; i < traces.size(); i++) {
            String f = o.positional().get(i);
            try {
                Verdicts.Both b = Verdicts.check(traces.get(i), f, TLC_TRACE_TIMEOUT);
                out.println(b.model().text());
                out.println("# model: " + b.model().verdict() + "   TLC: " + b.tlc().verdict()
                        + (b.tlc().accepted() ? "" : " — " + b.tlc().detail()));
                allAccepted &= b.agreed();
            } catch (CheckException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return allAccepted ? 0 : 1;
    }

    /** TLC on each MC module (exhaustive at its small bounds). */
    static int spec(Options o, PrintStream out) {
        rejectPositional("spec", o);
        boolean ok = true;
        try {
            for (String[] mc : List.of(new String[] {TcpMc.MODULE, TcpMc.CFG},
                    new String[] {kpath.check.ReadinessMc.MODULE, kpath.check.ReadinessMc.CFG})) {
                TlcResult r = Tlc.run(Specs.dir(), mc[0], mc[1], Optional.empty(), Duration.ofMinutes(10));
                out.println(mc[0] + ": " + r.report());
                ok &= r.succeeded();
            }
        } catch (CheckException e) {
            throw new UsageException(e.getMessage());
        }
        return ok ? 0 : 1;
    }

    /** Each Java model's state graph against TLC's, at the MC bounds. */
    static int explore(Options o, PrintStream out) {
        rejectPositional("explore", o);
        try {
            GraphComparison.Outcome tcp = GraphComparison.tcp(new TcpListen(TcpMc.bounds()), Specs.dir(), TcpMc.MODULE,
                    TcpMc.CFG, Duration.ofMinutes(10));
            out.println("Java model kpath.model.tcp.TcpListen vs specs/" + TcpMc.MODULE + ".tla");
            out.println(tcp.diff().report());
            GraphComparison.Outcome rd = kpath.check.ReadinessMc.compare(kpath.check.ReadinessMc.model(), Specs.dir(),
                    kpath.check.ReadinessMc.MODULE, kpath.check.ReadinessMc.CFG, Duration.ofMinutes(10));
            out.println("Java model kpath.model.readiness.Readiness vs specs/" + kpath.check.ReadinessMc.MODULE + ".tla");
            out.println(rd.diff().report());
            boolean ok = tcp.diff().same() && tcp.java().violation().isEmpty()
                    && rd.diff().same() && rd.java().violation().isEmpty();
            tcp.java().violation().ifPresent(v -> out.println("Java invariant violation: " + v));
            rd.java().violation().ifPresent(v -> out.println("Java invariant violation: " + v));
            return ok ? 0 : 1;
        } catch (CheckException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static int scenarios(PrintStream out) {
        for (Entry e : battery()) {
            out.printf("%-56s %s%n", e.path() + "/" + e.scenario().name(),
                    e.scenario().privileged() ? "privileged (private network namespace)" : "unprivileged");
        }
        return 0;
    }

    private static void rejectPositional(String verb, Options o) {
        if (!o.positional().isEmpty()) {
            throw new UsageException(verb + ": unexpected argument '" + o.positional().getFirst() + "'");
        }
    }

    private static void createDir(Path dir, String option) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException(option + " " + dir + ": cannot create directory: " + e.getMessage());
        }
    }

    private static String kernelRelease() {
        try {
            return kpath.kernel.ProcNet.kernelRelease();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String oneLine(Throwable e) {
        return oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    static String oneLine(String s) {
        return s.replace('\n', ' ');
    }
}
