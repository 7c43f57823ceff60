package kpath.check;

import java.util.List;
import java.util.Optional;

/**
 * What one TLC run reported. Counts TLC did not print are -1.
 *
 * @param outcome           how the run ended
 * @param violatedInvariant the invariant TLC reports as violated, if any
 * @param distinctStates    "M distinct states found" (states the CONSTRAINT excludes are not among them)
 * @param statesGenerated   "N states generated" (excluded states are among them)
 * @param depth             "The depth of the complete state graph search is N." (initial states are depth 1)
 * @param trace             the counterexample as TLC printed it ("State 1: ..." to the last state), or ""
 * @param traceStates       the counterexample's states, one per "State N:"
 * @param message           TLC's error message for {@link Outcome#PARSE_ERROR} and {@link Outcome#ERROR}, or ""
 * @param exitCode          the TLC process's exit code (-1 after a timeout)
 * @param output            everything TLC printed, for reports
 */
public record TlcResult(Outcome outcome, Optional<String> violatedInvariant, long distinctStates,
                        long statesGenerated, int depth, String trace, List<TraceState> traceStates,
                        String message, int exitCode, String output) {

    public enum Outcome {
        /** "Model checking completed. No error has been found." */
        SUCCESS,
        /** "Error: Invariant X is violated." (or "... violated by the initial state:") */
        INVARIANT_VIOLATION,
        /** SANY could not parse or resolve the spec. */
        PARSE_ERROR,
        /** Anything else: evaluation error, deadlock, bad config, missing file, crash. */
        ERROR,
        /** The run exceeded its time limit and was killed. */
        TIMEOUT
    }

    /**
     * One state of a counterexample: its number, TLC's header ("<Initial predicate>",
     * "<Inc line 3, col 1 to ...>"), the state as TLC printed it, and its canonical
     * {@link StateText} (empty when the text does not parse, e.g. an infinite set).
     */
    public record TraceState(int number, String header, String text, Optional<String> canonical) {
        /** The action name in the header ("Inc" of "<Inc line 3, col 1 to ...>"), or the header itself. */
        public String action() {
            String h = header.startsWith("<") && header.endsWith(">") ? header.substring(1, header.length() - 1) : header;
            int sp = h.indexOf(" line ");
            return sp < 0 ? h : h.substring(0, sp);
        }
    }

    public TlcResult {
        traceStates = List.copyOf(traceStates);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    /** A summary and, unless the run succeeded, TLC's whole output. */
    public String report() {
        StringBuilder b = new StringBuilder("TLC ").append(outcome);
        violatedInvariant.ifPresent(i -> b.append(": invariant ").append(i).append(" violated"));
        b.append(" (distinct ").append(distinctStates).append(", generated ").append(statesGenerated)
                .append(", depth ").append(depth).append(", exit code ").append(exitCode).append(')');
        if (!message.isEmpty()) {
            b.append("\n").append(message);
        }
        if (outcome != Outcome.SUCCESS) {
            b.append("\n--- TLC output ---\n").append(output);
        }
        return b.toString();
    }
}
