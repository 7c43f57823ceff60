package kpath.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public record Verdict(String verdict, String detail, int line) {
        public boolean accepted() {
            return verdict.equals("ACCEPTED");
        }
    }

    /** Traces with fewer events run TLC as a short run ({@link Tlc#SHORT_RUN}). */
    static final int SHORT = 5_000;

    private static final Pattern ACCEPTED = Pattern.compile("(?m)^<<\\s*\"" + TraceModule.ACCEPTED + "\"\\s*>>");

    /** {@code <<"kpath-reached", k, n>>}: trace k got to cursor n. */
    private static final Pattern REACHED = Pattern.compile("<<\\s*\"" + TraceModule.REACHED + "\",\\s*(\\d+),\\s*(\\d+)\\s*>>");
    /** {@code <<"kpath-accepted", k>>}: trace k of a batch is explained. */
    private static final Pattern BATCH_ACCEPTED = Pattern.compile("<<\\s*\"" + TraceModule.ACCEPTED + "\",\\s*(\\d+)\\s*>>");

    /**
     * Runs TLC on a generated trace module that EXTENDS its spec (the specs, copied from specs/
     * into a fresh directory) and reads the verdict, and how far the trace was explained, from what
     * the module prints.
     */
    public static Verdict run(TraceModule.Generated g, String file, Duration timeout) throws CheckException {
        Path dir = null;
        QuietFds.Held held = QuietFds.hold(); // released while TLC runs (Tlc.run holds what it needs)
        try {
            dir = TempFiles.copyOfSpecs(Specs.dir(), "kpath-tlc-trace");
            Files.writeString(dir.resolve(g.name() + ".tla"), g.module());
            Files.writeString(dir.resolve(g.name() + ".cfg"), g.cfg());
            held.close();
            TlcResult r = Tlc.run(dir, g.name(), g.name() + ".cfg", Optional.empty(), timeout, List.of(),
                    g.lines().size() < SHORT ? Tlc.SHORT_RUN : List.of());
            held = QuietFds.hold();
            return switch (r.outcome()) {
                case SUCCESS -> ACCEPTED.matcher(r.output()).find() ? new Verdict("ACCEPTED", "", -1)
                        : rejected(g, reached(r.output(), 1));
                default -> new Verdict("ERROR", r.report(), -1);
            };
        } catch (IOException e) {
            throw new CheckException(file + ": cannot prepare the TLC run: " + e.getMessage());
        } finally {
            try (QuietFds.Held h = QuietFds.hold()) {
                TempFiles.delete(dir);
            }
            held.close();
        }
    }

    /**
     * TLC's verdicts on many traces, in their order, from as few TLC runs as their specs allow: one
     * per spec ({@link TraceBatch}). A batch that does not finish cleanly (an error in one trace's
     * evaluation, a timeout) is run again one trace at a time, so each trace gets the verdict and
     * the message it would get alone. {@code timeout} is per trace.
     */
    public static List<Verdict> runAll(List<TraceModule.Generated> gs, List<String> files, Duration timeout)
            throws CheckException {
        Verdict[] out = new Verdict[gs.size()];
        Map<String, List<Integer>> bySpec = new LinkedHashMap<>();
        for (int k = 0; k < gs.size(); k++) {
            bySpec.computeIfAbsent(gs.get(k).spec(), x -> new ArrayList<>()).add(k);
        }
        for (List<Integer> ks : bySpec.values()) {
            List<Verdict> vs = ks.size() == 1 ? null : batch(ks.stream().map(gs::get).toList(), timeout.multipliedBy(ks.size()));
            for (int j = 0; j < ks.size(); j++) {
                int k = ks.get(j);
                out[k] = vs != null ? vs.get(j) : run(gs.get(k), files.get(k), timeout);
            }
        }
        return List.of(out);
    }

    /** One TLC run on the batch of {@code gs}; null when it did not finish cleanly. */
    private static List<Verdict> batch(List<TraceModule.Generated> gs, Duration timeout) throws CheckException {
        Path dir = null;
        QuietFds.Held held = QuietFds.hold(); // released while TLC runs (Tlc.run holds what it needs)
        try {
            dir = TempFiles.copyOfSpecs(Specs.dir(), "kpath-tlc-batch");
            TraceBatch.Built b = TraceBatch.build(gs);
            for (int k = 0; k < gs.size(); k++) {
                Files.writeString(dir.resolve(b.names().get(k) + ".tla"), b.modules().get(k));
            }
            Files.writeString(dir.resolve(TraceBatch.MODULE + ".tla"), b.module());
            Files.writeString(dir.resolve(TraceBatch.MODULE + ".cfg"), b.cfg());
            int events = gs.stream().mapToInt(g -> g.lines().size()).sum();
            held.close();
            TlcResult r = Tlc.run(dir, TraceBatch.MODULE, TraceBatch.MODULE + ".cfg", Optional.empty(), timeout,
                    List.of(), events < SHORT ? Tlc.SHORT_RUN : List.of());
            held = QuietFds.hold();
            if (r.outcome() != TlcResult.Outcome.SUCCESS) {
                return null;
            }
            java.util.Set<Integer> accepted = new java.util.HashSet<>();
            Matcher a = BATCH_ACCEPTED.matcher(r.output());
            while (a.find()) {
                accepted.add(Integer.parseInt(a.group(1)));
            }
            List<Verdict> vs = new ArrayList<>();
            for (int k = 1; k <= gs.size(); k++) {
                vs.add(accepted.contains(k) ? new Verdict("ACCEPTED", "", -1)
                        : rejected(gs.get(k - 1), reached(r.output(), k)));
            }
            return vs;
        } catch (IOException e) {
            throw new CheckException("cannot prepare the TLC run of " + gs.size() + " traces: " + e.getMessage());
        } finally {
            try (QuietFds.Held h = QuietFds.hold()) {
                TempFiles.delete(dir);
            }
            held.close();
        }
    }

    /** The furthest cursor trace k's behaviours reached (1 when none printed). */
    private static int reached(String output, int k) {
        int reached = 1;
        Matcher m = REACHED.matcher(output);
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == k) {
                reached = Math.max(reached, Integer.parseInt(m.group(2)));
            }
        }
        return reached;
    }

    /** No behaviour reached the end: the furthest cursor any behaviour reached names the line. */
    private static Verdict rejected(TraceModule.Generated g, int reached) {
        String spec = g.spec();
        String name = spec.endsWith(".tla") ? spec.substring(0, spec.length() - 4) : spec;
        if (reached > g.lines().size()) {
            return new Verdict("REJECTED", "no behaviour of " + name + " ends as the trace does (every line is explained)",
                    -1);
        }
        int line = g.line(reached);
        return new Verdict("REJECTED", "no behaviour of " + name + " explains line " + line, line);
    }
}
