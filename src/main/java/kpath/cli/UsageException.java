package kpath.cli;

/**
 * A run that cannot give a verdict: bad input (one message naming the file, line or option; exit
 * code {@link #BAD_INPUT}) or a checker limit reached on valid input (exit code {@link #LIMIT}).
 */
final class UsageException extends RuntimeException {
    static final int BAD_INPUT = 2;
    static final int LIMIT = 3;

    private final int exitCode;

    UsageException(String message) {
        this(message, BAD_INPUT);
    }

    UsageException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
