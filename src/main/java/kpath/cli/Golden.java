package kpath.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import kpath.check.CheckException;
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
        Trace trace;
        try {
            trace = TraceReader.read(file);
        } catch (TraceFormatException e) {
            throw new UsageException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        }
        try {
            // a file cut short is reported as cut before its header is routed (a cut 'path:' line names no path)
            Verdicts.requireComplete(trace, file.toString());
            Verdicts.Both b = Verdicts.check(Paths.of(trace, file).binding(), trace, file.toString(),
                    Commands.TLC_TRACE_TIMEOUT);
            String text = b.model().text() + "\n# model: " + b.model().verdict() + "   TLC: " + b.tlc().verdict()
                    + (b.tlc().accepted() ? "" : " — " + Commands.oneLine(b.tlc().detail())) + "\n";
            return new Report(text, b.agreed());
        } catch (CheckException e) {
            throw new UsageException(e.getMessage(), e.isLimit() ? UsageException.LIMIT : UsageException.BAD_INPUT);
        }
    }
}
