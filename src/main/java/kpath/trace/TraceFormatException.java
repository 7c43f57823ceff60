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
        super(file + ":" + line + ": " + shorten(reason));
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

    /** The longest input a message quotes; a longer quote is cut, so a huge bad line gives a short message. */
    public static final int QUOTE = 60;

    /**
     * {@code reason} with every {@code '...'} quote cut to {@link #QUOTE} characters, control
     * characters shown as '?', and the whole held to one line of at most 500 characters.
     */
    public static String shorten(String reason) {
        String r = reason.replaceAll("\\R", " ").replaceAll("\\p{Cntrl}", "?")
                .replaceAll("'([^']{" + QUOTE + "})[^']+'", "'$1…'");
        return r.length() <= 500 ? r : r.substring(0, 499) + "…";
    }
}
