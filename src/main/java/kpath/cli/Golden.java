package kpath.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.PathBinding;
import kpath.check.TlcTraceValidator;
import kpath.check.TraceModule;
import kpath.check.Verdicts;
import kpath.trace.Trace;
import kpath.trace.TraceFormatException;
import kpath.trace.TraceReader;

/**
 * A trace's checker output, as {@code kpath check} prints it and as its golden file
 * {@code X.trace.expected} holds it: the echoed trace with the rules that explain each line, then
 * both verdicts on the last line.
 */
final class Golden {
    private Golden() {}

    static Path expectedOf(Path trace) {
        return trace.resolveSibling(trace.getFileName() + ".expected");
    }

    /** The report's text, and whether both checkers accepted the trace. */
    record Report(String text, boolean agreed) {}

    /** Both checkers' report on {@code file}; bad input is a {@link UsageException} naming the file. */
    static Report report(Path file) {
        Outcome o = reports(List.of(file)).getFirst();
        if (o.error() != null) {
            throw o.error();
        }
        return o.report();
    }

    /** A file's report, or the bad input or limit that stopped it. */
    record Outcome(Report report, UsageException error) {}

    /**
     * Each file's report, in their order: every file is read, validated and replayed in Java, and
     * TLC checks every valid one in as few runs as their specs allow ({@link TlcTraceValidator#runAll}).
     */
    static List<Outcome> reports(List<Path> files) {
        Outcome[] out = new Outcome[files.size()];
        CheckReport[] models = new CheckReport[files.size()];
        List<Integer> valid = new ArrayList<>();
        List<TraceModule.Generated> modules = new ArrayList<>();
        for (int k = 0; k < files.size(); k++) {
            Path file = files.get(k);
            try {
                Trace trace = read(file);
                // a file cut short is reported as cut before its header is routed (a cut 'path:' line names no path)
                Verdicts.requireComplete(trace, file.toString());
                PathBinding path = Paths.of(trace, file).binding();
                Verdicts.validate(path, trace, file.toString());
                models[k] = path.replay(trace, file.toString());
                modules.add(path.traceModule(trace, file.toString()));
                valid.add(k);
            } catch (UsageException e) {
                out[k] = new Outcome(null, e);
            } catch (CheckException e) {
                out[k] = new Outcome(null, error(e));
            }
        }
        try {
            List<TlcTraceValidator.Verdict> tlc = TlcTraceValidator.runAll(modules,
                    valid.stream().map(k -> files.get(k).toString()).toList(), Commands.TLC_TRACE_TIMEOUT);
            for (int j = 0; j < valid.size(); j++) {
                int k = valid.get(j);
                out[k] = new Outcome(text(models[k], tlc.get(j)), null);
            }
        } catch (CheckException e) {
            valid.forEach(k -> out[k] = new Outcome(null, error(e)));
        }
        return List.of(out);
    }

    private static Report text(CheckReport model, TlcTraceValidator.Verdict tlc) {
        String text = model.text() + "\n# model: " + model.verdict() + "   TLC: " + tlc.verdict()
                + (tlc.accepted() ? "" : " — " + Commands.oneLine(tlc.detail())) + "\n";
        return new Report(text, model.accepted() && tlc.accepted());
    }

    private static UsageException error(CheckException e) {
        return new UsageException(e.getMessage(), e.isLimit() ? UsageException.LIMIT : UsageException.BAD_INPUT);
    }

    private static Trace read(Path file) {
        try {
            return TraceReader.read(file);
        } catch (TraceFormatException e) {
            throw new UsageException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        }
    }
}
