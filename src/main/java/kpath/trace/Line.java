package kpath.trace;

/**
 * One line of a trace after the header: a {@link Comment}, a {@link Blank} line or an {@link Event}.
 * {@code toString()} is the line's text as written (for an event, without the time prefix; see
 * {@link TraceWriter#formatLine(Line)} for the whole line).
 */
public sealed interface Line permits Line.Comment, Line.Blank, Event {

    /** The 1-based line number in the file it was read from (0 or anything for a built trace). */
    int lineNo();

    /**
     * A comment line.
     *
     * @param text everything after the {@code '#'}, verbatim (usually starting with a space)
     */
    record Comment(int lineNo, String text) implements Line {
        public Comment {
            Syntax.lineNo(lineNo);
            Syntax.singleLine(text, "comment text");
        }

        @Override
        public String toString() {
            return "#" + text;
        }
    }

    /** An empty line. */
    record Blank(int lineNo) implements Line {
        public Blank {
            Syntax.lineNo(lineNo);
        }

        @Override
        public String toString() {
            return "";
        }
    }
}
