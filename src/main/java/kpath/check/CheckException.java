package kpath.check;

/**
 * A trace the checker cannot read as the model's steps, or a limit it reached; the message names
 * file and line ({@code file:line: reason}) in one short line.
 */
public final class CheckException extends Exception {
    private final boolean limit;

    public CheckException(String message) {
        this(message, false);
    }

    private CheckException(String message, boolean limit) {
        super(kpath.trace.TraceFormatException.shorten(message));
        this.limit = limit;
    }

    /** A limit the checker reached on valid input (too many states at one line): not bad input. */
    public static CheckException limit(String message) {
        return new CheckException(message, true);
    }

    /** Whether this is a {@link #limit} rather than bad input. */
    public boolean isLimit() {
        return limit;
    }
}
