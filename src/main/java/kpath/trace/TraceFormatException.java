package kpath.trace;

/**
 * A trace file breaks the format. The message is {@code FILE:LINE: REASON}, e.g.
 * {@code traces/tcp/x.trace:9: time +0.000100 goes backwards (previous +0.000200)}.
 */
public final class TraceFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String reason;

    /**
     * @param file   the file name as given to the reader
     * @param line   1-based line number
     * @param reason what is wrong, without the location
     */
    public TraceFormatException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
