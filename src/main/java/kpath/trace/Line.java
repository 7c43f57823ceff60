package kpath.trace;

/**
 * One line of a trace after the header: a {@link Comment}, a {@link Blank} line, an {@link Event}
 * or the {@link End} marker. {@code toString()} is the line's text as written (for an event and the
 * end marker, without the time prefix; see {@link TraceWriter#formatLine(Line)} for the whole line).
 */
public sealed interface Line permits Line.Comment, Line.Blank, Line.End, Event {

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

    /**
     * The end marker {@code +S.ffffff end}: the recorder finished the scenario normally at this
     * time. It is the last line of a complete trace; a trace without it is truncated or unfinished.
     * Not an {@link Event}: it records nothing the kernel did, so no checker replays it.
     */
    record End(int lineNo, long timeMicros) implements Line {
        /** The marker's text after the time. */
        public static final String WORD = "end";

        public End {
            Syntax.lineAndTime(lineNo, timeMicros);
        }

        @Override
        public String toString() {
            return WORD;
        }
    }
}
