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
import kpath.check.PathBinding;
import kpath.check.Tlc;
import kpath.check.QuietFds;
import kpath.check.TlcBatcher;
import kpath.check.TlcResult;
import kpath.check.Verdicts;
import kpath.kernel.Capture;
import kpath.kernel.Scenario;
import kpath.kernel.UserNamespace;
import kpath.trace.Trace;
import kpath.trace.TraceFormatException;
import kpath.trace.TraceReader;
import kpath.trace.TraceWriter;

/** The verbs of {@link Main}. */
final class Commands {
    private Commands() {}

    static final Duration TLC_TRACE_TIMEOUT = Duration.ofMinutes(3);

    /** One scenario's row of the conform table. */
    record Row(String scenario, String model, String tlc, String divergence) {
        /** A verdict other than ACCEPTED from either checker. */
        boolean diverged() {
            return !model.equals("ACCEPTED") || !tlc.equals("ACCEPTED");
        }

        boolean skipped() {
            return model.equals("SKIPPED");
        }
    }

    /** A scenario and the kernel path (traces/ subdirectory) it belongs to. */
    record Entry(Paths.KernelPath path, Scenario scenario) {}

    /** The whole battery: every registered path's scenarios, in registry order. */
    static List<Entry> battery() {
        List<Entry> all = new ArrayList<>();
        for (Paths.KernelPath k : Paths.ALL) {
            k.battery().get().forEach(s -> all.add(new Entry(k, s)));
        }
        return all;
    }

    /** Checker threads of {@code conform}: one per core; as many TLC runners. */
    static final int CHECKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * How many traces of a spec conform gives TLC at once (TlcBatcher): a run costs about 1 s of
     * start-up and each trace in it about 0.2 s, so 12 traces cost about a quarter of 12 runs,
     * and the last rows wait for at most one batch after the last capture.
     */
    static final int TLC_BATCH = 12;

    static int conform(Options o, PrintStream out) {
        rejectPositional("conform", o);
        Path dir = o.value("--out").map(Path::of).orElseGet(() -> Path.of("target", "kpath-conform",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        createDir(dir, "--out");
        Capture.Privileged privileged = o.flag("--unprivileged")
                ? new Capture.Privileged.Skip("--unprivileged was given") : Capture.privileged(Optional.of(CHILD));
        List<Entry> battery = battery();
        out.println("kpath conform: " + battery.size() + " scenarios on kernel " + kernelRelease()
                + "; traces go to " + dir.toAbsolutePath());
        privileged.note().ifPresent(out::println);
        String fmt = "%-56s %-9s %-9s %s%n";
        out.printf(fmt, "scenario", "model", "TLC", "first divergence");
        List<Row> rows = new ArrayList<>();
        // captures run one after another here; each trace's checks (the model, then TLC in a child
        // JVM) run meanwhile on one checker thread per core: captures mostly wait on the kernel. TLC's
        // start-up and parsing cost about 1 s of CPU a run, so the traces that arrive while TLC is
        // busy are checked together in its next run (TlcBatcher)
        java.util.concurrent.ExecutorService checker = java.util.concurrent.Executors.newFixedThreadPool(
                CHECKERS, r -> Thread.ofPlatform().daemon().name("kpath-checker").unstarted(r));
        java.util.ArrayDeque<java.util.concurrent.Future<Row>> pending = new java.util.ArrayDeque<>();
        TlcBatcher tlc = new TlcBatcher(TLC_TRACE_TIMEOUT, CHECKERS, TLC_BATCH);
        // a capture runs alone: the checkers open no file and start no child meanwhile (QuietFds)
        java.util.concurrent.locks.ReadWriteLock capturing = new java.util.concurrent.locks.ReentrantReadWriteLock();
        QuietFds.set(capturing.readLock());
        try {
            for (Entry e : battery) {
                pending.add(conformOne(e, dir.resolve(e.path().name()), privileged, checker, tlc, capturing.writeLock()));
                printDone(pending, rows, fmt, out, false);
            }
            tlc.flush();
            printDone(pending, rows, fmt, out, true);
        } finally {
            checker.shutdownNow();
            tlc.close();
            QuietFds.set(null);
        }
        long diverged = rows.stream().filter(Row::diverged).filter(r -> !r.skipped()).count();
        long skipped = rows.stream().filter(Row::skipped).count();
        out.println((rows.size() - diverged - skipped) + " agreed, " + diverged + " diverged, " + skipped
                + " skipped; traces in " + dir.toAbsolutePath());
        return diverged == 0 ? 0 : 1;
    }

    /** Prints the rows at the head of {@code pending} that are done (all of them, waiting, when {@code all}). */
    private static void printDone(java.util.ArrayDeque<java.util.concurrent.Future<Row>> pending, List<Row> rows,
                                  String fmt, PrintStream out, boolean all) {
        while (!pending.isEmpty() && (all || pending.peek().isDone())) {
            Row row;
            try {
                row = pending.poll().get();
            } catch (java.util.concurrent.ExecutionException x) {
                throw new IllegalStateException("a conform check failed", x.getCause());
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a conform check", x);
            }
            rows.add(row);
            out.printf(fmt, row.scenario(), row.model(), row.tlc(), row.divergence());
            out.flush();
        }
    }

    /** Captures {@code e} here and now; its checks go to {@code checker}. */
    private static java.util.concurrent.Future<Row> conformOne(Entry e, Path dir, Capture.Privileged privileged,
                                                              java.util.concurrent.ExecutorService checker,
                                                              TlcBatcher tlc, java.util.concurrent.locks.Lock capturing) {
        Scenario s = e.scenario();
        createDir(dir, "--out");
        if (s.privileged() && privileged instanceof Capture.Privileged.Skip k) {
            return java.util.concurrent.CompletableFuture.completedFuture(
                    new Row(s.name(), "SKIPPED", "SKIPPED", "needs a private network namespace: " + k.reason()));
        }
        Capture.Outcome outcome;
        capturing.lock();
        try {
            outcome = Capture.runOne(s, dir, privileged);
        } finally {
            capturing.unlock();
        }
        return switch (outcome) {
            case Capture.Outcome.Skipped k ->
                    java.util.concurrent.CompletableFuture.completedFuture(new Row(s.name(), "SKIPPED", "SKIPPED", k.reason()));
            case Capture.Outcome.Failed f -> java.util.concurrent.CompletableFuture.completedFuture(
                    new Row(s.name(), "NO TRACE", "NO TRACE", "capture failed: " + oneLine(f.message())));
            case Capture.Outcome.Written w -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (QuietFds.Held h = QuietFds.hold()) {
                    return checkOne(e.path(), TraceReader.read(w.path()), w.path().toString(), tlc);
                } catch (IOException | TraceFormatException x) {
                    return java.util.concurrent.CompletableFuture.completedFuture(
                            new Row(s.name(), "ERROR", "ERROR", "written trace unreadable: " + oneLine(x)));
                }
            }, checker).thenCompose(row -> row);
        };
    }

    /** The model's verdict now; the row once TLC's batch holding the trace has run. */
    private static java.util.concurrent.CompletableFuture<Row> checkOne(Paths.KernelPath path, Trace trace, String name,
                                                                       TlcBatcher tlc) {
        String scenario = path.name() + "/" + trace.header().scenario();
        try {
            Verdicts.validate(path.binding(), trace, name);
            kpath.check.CheckReport model = path.binding().replay(trace, name);
            return tlc.submit(path.binding().traceModule(trace, name), name).handle((t, x) -> {
                if (x != null) {
                    Throwable c = x instanceof java.util.concurrent.CompletionException ? x.getCause() : x;
                    return new Row(scenario, "ERROR", "ERROR", oneLine(c));
                }
                String div = model.accepted() ? (t.accepted() ? "-" : "TLC: " + oneLine(t.detail()))
                        : model.firstDivergence();
                return new Row(scenario, model.verdict().name(), t.verdict(), div);
            });
        } catch (CheckException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(new Row(scenario, "ERROR", "ERROR", e.getMessage()));
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
        Capture.Privileged privileged = chosen.stream().anyMatch(e -> e.scenario().privileged())
                ? Capture.privileged(Optional.of(CHILD)) : new Capture.Privileged.Here();
        privileged.note().ifPresent(out::println);
        int failed = 0;
        for (Entry e : chosen) {
            Path dir = chosenDir.orElse(Path.of("traces", e.path().name()));
            createDir(dir, "--out");
            switch (Capture.runOne(e.scenario(), dir, privileged)) {
                case Capture.Outcome.Written w -> out.println(WROTE + w.path());
                case Capture.Outcome.Skipped k -> out.println(SKIPPED + e.scenario().name() + ": " + oneLine(k.reason()));
                case Capture.Outcome.Failed f -> {
                    failed++;
                    out.println(FAILED + e.scenario().name() + ": " + oneLine(f.message()));
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /** How long a child may take for one scenario: the longest scenario limit (30 s) and a JVM's start. */
    static final Duration CHILD_LIMIT = Duration.ofSeconds(60);

    /**
     * Captures a privileged scenario in a child kpath in a new user + network namespace: this JVM
     * runs {@code kpath capture --out DIR SCENARIO} under unshare(1) ({@link UserNamespace}), and
     * the line that verb prints for the scenario ({@code wrote}, {@code SKIPPED}, {@code FAILED})
     * says what became of it. The child may create network namespaces; it writes the trace itself.
     */
    static final Capture.Child CHILD = Commands::captureInChild;

    static Capture.Outcome captureInChild(Scenario s, Path dir) throws Exception {
        List<String> args = List.of("capture", "--out", dir.toAbsolutePath().toString(), s.name());
        UserNamespace.Finished f = UserNamespace.run(UserNamespace.javaCommand(Main.class.getName(), args), CHILD_LIMIT);
        for (String line : f.stdout().lines().toList()) {
            if (line.startsWith(WROTE)) {
                Path written = Path.of(line.substring(WROTE.length()).strip());
                if (written.getFileName().toString().equals(s.name() + ".trace")) {
                    return new Capture.Outcome.Written(s.name(), written);
                }
            } else if (line.startsWith(SKIPPED + s.name() + ": ")) {
                return new Capture.Outcome.Skipped(s.name(), "in a user namespace: "
                        + line.substring((SKIPPED + s.name() + ": ").length()));
            } else if (line.startsWith(FAILED + s.name() + ": ")) {
                return new Capture.Outcome.Failed(s.name(), "in a user namespace: "
                        + line.substring((FAILED + s.name() + ": ").length()));
            }
        }
        return new Capture.Outcome.Failed(s.name(), "the child in a user namespace exited with " + f.exitCode()
                + " and reported nothing for the scenario: " + oneLine(f.stderr().strip()));
    }

    /** The line prefixes of {@code kpath capture}, which {@link #captureInChild} reads back. */
    static final String WROTE = "wrote    ";
    static final String SKIPPED = "SKIPPED  ";
    static final String FAILED = "FAILED   ";

    /**
     * Checks each trace with both checkers and prints its report; with {@code --write-expected}
     * writes the report beside the trace as {@code X.trace.expected} (its golden output) instead.
     * An unreadable trace is reported and the rest still checked; the exit code is the worst seen.
     */
    static int check(Options o, PrintStream out, PrintStream err) {
        if (o.positional().isEmpty()) {
            throw new UsageException("check: give one or more trace files");
        }
        int worst = 0;
        List<Path> files = o.positional().stream().map(Path::of).toList();
        List<Golden.Outcome> outcomes = Golden.reports(files);
        for (int k = 0; k < files.size(); k++) {
            Path f = files.get(k);
            Golden.Outcome oc = outcomes.get(k);
            if (oc.error() != null) {
                err.println("kpath: " + oc.error().getMessage());
                worst = Math.max(worst, oc.error().exitCode());
                continue;
            }
            Golden.Report report = oc.report();
            try {
                if (o.flag("--write-expected")) {
                    Path expected = Golden.expectedOf(f);
                    TraceWriter.writeAtomically(expected, report.text());
                    out.println("wrote " + expected);
                } else {
                    out.print(report.text());
                }
                worst = Math.max(worst, report.agreed() ? 0 : 1);
            } catch (IOException e) {
                err.println("kpath: " + f + ".expected: cannot write: " + e.getMessage());
                worst = Math.max(worst, UsageException.BAD_INPUT);
            }
        }
        return worst;
    }

    /** TLC on each MC module (exhaustive at its small bounds). */
    static int spec(Options o, PrintStream out) {
        rejectPositional("spec", o);
        boolean ok = true;
        try {
            for (Paths.KernelPath k : Paths.ALL) {
                for (PathBinding.Mc mc : k.binding().mc()) {
                    TlcResult r = Tlc.run(Specs.dir(), mc.module(), mc.cfg(), Optional.empty(), Duration.ofMinutes(10));
                    out.println(mc.module() + ": " + r.report());
                    ok &= r.succeeded();
                }
            }
        } catch (CheckException e) {
            throw new UsageException(e.getMessage());
        }
        return ok ? 0 : 1;
    }

    /** Each Java model's state graph against TLC's, at the MC bounds. */
    static int explore(Options o, PrintStream out) {
        rejectPositional("explore", o);
        boolean ok = true;
        try {
            for (Paths.KernelPath k : Paths.ALL) {
                for (PathBinding.Mc mc : k.binding().mc()) {
                    GraphComparison.Outcome g = mc.graph().run(Specs.dir(), mc.module(), mc.cfg(), Duration.ofMinutes(10));
                    out.println("Java model " + mc.javaModel() + " vs specs/" + mc.module() + ".tla");
                    out.println(g.diff().report());
                    g.java().violation().ifPresent(v -> out.println("Java invariant violation: " + v));
                    ok &= g.diff().same() && g.java().violation().isEmpty();
                    if (mc.observables().isPresent()) {
                        GraphComparison.Outcome obs = mc.observables().get().run(Specs.dir(), mc.module(), mc.cfg(),
                                Duration.ofMinutes(10));
                        out.println("observables of " + mc.javaModel() + " vs Observables of specs/" + mc.module() + ".tla");
                        out.println(obs.diff().report());
                        ok &= obs.diff().same();
                    }
                }
            }
            return ok ? 0 : 1;
        } catch (CheckException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static int scenarios(PrintStream out) {
        for (Entry e : battery()) {
            out.printf("%-56s %s%n", e.path().name() + "/" + e.scenario().name(),
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
