package kpath.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs TLC on a path's generated trace module and reads its verdict. */
public final class TlcTraceValidator {
    private TlcTraceValidator() {}

    /**
     * TLC's verdict on one trace; {@code detail} explains anything but ACCEPTED. A rejection names
     * the first trace line no behaviour explains ({@code line}), or -1 when every line is explained
     * and the trace's end is not (or TLC did not finish).
     */
    public record Verdict(String verdict, String detail, long distinctStates, int line) {
        public boolean accepted() {
            return verdict.equals("ACCEPTED");
        }
    }

    /** Traces with fewer events run TLC as a short run ({@link Tlc#SHORT_RUN}). */
    static final int SHORT = 5_000;

    private static final Pattern ACCEPTED = Pattern.compile("(?m)^<<\\s*\"" + TraceModule.ACCEPTED + "\"\\s*>>");

    private static final Pattern REACHED = Pattern.compile("<<\\s*\"" + TraceModule.REACHED + "\",\\s*(\\d+)\\s*>>");

    /**
     * Runs TLC on a generated trace module that EXTENDS {@code spec} (the specs, copied from specs/
     * into a fresh directory) and reads the verdict, and how far the trace was explained, from what
     * the module prints.
     */
    public static Verdict run(String spec, TraceModule.Generated g, String file, Duration timeout)
            throws CheckException {
        Path dir = null;
        try {
            dir = TempFiles.copyOfSpecs(Specs.dir(), "kpath-tlc-trace");
            Files.writeString(dir.resolve(g.name() + ".tla"), g.module());
            Files.writeString(dir.resolve(g.name() + ".cfg"), g.cfg());
            TlcResult r = Tlc.run(dir, g.name(), g.name() + ".cfg", Optional.empty(), timeout, java.util.List.of(),
                    g.lines().size() < SHORT ? Tlc.SHORT_RUN : java.util.List.of());
            return switch (r.outcome()) {
                case SUCCESS -> ACCEPTED.matcher(r.output()).find() ? new Verdict("ACCEPTED", "", r.distinctStates(), -1)
                        : rejected(spec, g, r);
                default -> new Verdict("ERROR", r.report(), r.distinctStates(), -1);
            };
        } catch (IOException e) {
            throw new CheckException(file + ": cannot prepare the TLC run: " + e.getMessage());
        } finally {
            TempFiles.delete(dir);
        }
    }

    /** No behaviour reached the end: the furthest cursor any behaviour reached names the line. */
    private static Verdict rejected(String spec, TraceModule.Generated g, TlcResult r) {
        int reached = 1;
        Matcher m = REACHED.matcher(r.output());
        while (m.find()) {
            reached = Math.max(reached, Integer.parseInt(m.group(1)));
        }
        String name = spec.endsWith(".tla") ? spec.substring(0, spec.length() - 4) : spec;
        if (reached > g.lines().size()) {
            return new Verdict("REJECTED", "no behaviour of " + name + " ends as the trace does (every line is explained)",
                    r.distinctStates(), -1);
        }
        int line = g.line(reached);
        return new Verdict("REJECTED", "no behaviour of " + name + " explains line " + line, r.distinctStates(), line);
    }
}
