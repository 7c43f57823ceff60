package kpath.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
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

    static final Duration TLC_TIMEOUT = Duration.ofMinutes(3);
    static final String VERDICTS = "# model: ";

    static Path expectedOf(Path trace) {
        return trace.resolveSibling(trace.getFileName() + ".expected");
    }

    /** Both checkers' report on {@code file}; bad input is a {@link UsageException} naming the file. */
    static String report(Path file) {
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
            Verdicts.Both b = Verdicts.check(Paths.of(trace, file).binding(), trace, file.toString(), TLC_TIMEOUT);
            return b.model().text() + "\n" + VERDICTS + b.model().verdict() + "   TLC: " + b.tlc().verdict()
                    + (b.tlc().accepted() ? "" : " — " + Commands.oneLine(b.tlc().detail())) + "\n";
        } catch (CheckException e) {
            throw new UsageException(e.getMessage(), e.isLimit() ? UsageException.LIMIT : UsageException.BAD_INPUT);
        }
    }

    /** Whether a report's last line says both checkers accepted the trace. */
    static boolean agreed(String report) {
        return report.strip().endsWith(VERDICTS + "ACCEPTED   TLC: ACCEPTED");
    }
}
