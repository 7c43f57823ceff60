package kpath.trace;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole trace: its header and the lines after it. A trace always obeys the format, so
 * {@link TraceWriter#format(Trace)} of any trace reads back to an equal trace (line numbers aside).
 * A trace may lack its end marker — it is then {@linkplain #complete() incomplete}, which the
 * format can describe but the checkers refuse.
 *
 * @param lines comments, blank lines, events and, last if present, the end marker, in file order; read-only
 */
public record Trace(Header header, List<Line> lines) {

    /**
     * @throws IllegalArgumentException if times go backwards, task calls and returns do not pair up,
     *                                  or a line follows the end marker (see {@code package-info.java})
     */
    public Trace {
        Objects.requireNonNull(header, "header");
        lines = List.copyOf(lines);
        EventOrder order = new EventOrder();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String bad = switch (line) {
                case Event e -> order.accept(e);
                case Line.End e -> i < lines.size() - 1 ? "the end marker is the last line of a trace"
                        : order.end(e);
                default -> null;
            };
            if (bad != null) {
                throw new IllegalArgumentException("line " + line.lineNo() + " '" + TraceWriter.formatLine(line)
                        + "': " + bad);
            }
        }
    }

    /** The end marker, present when the recorder finished the scenario normally. */
    public Optional<Line.End> end() {
        return !lines.isEmpty() && lines.getLast() instanceof Line.End e ? Optional.of(e) : Optional.empty();
    }

    /** Whether the trace ends with its end marker; a trace without it is truncated or unfinished. */
    public boolean complete() {
        return end().isPresent();
    }

    /**
     * The number of the trace's last line, for a trace read from a file: the last body line's, or
     * for a trace that is all header, the header's last line.
     */
    public int lastLineNo() {
        return lines.isEmpty() ? (int) header.toString().lines().count() : lines.getLast().lineNo();
    }

    /** The events, without comments and blank lines. */
    public List<Event> events() {
        return lines.stream().<Event>mapMulti((line, out) -> {
            if (line instanceof Event e) {
                out.accept(e);
            }
        }).toList();
    }

    /** Calls started ({@code t1 -> ...}) that have not returned by the end of the trace, in order. */
    public List<Event.CallStart> pendingCalls() {
        EventOrder order = new EventOrder();
        events().forEach(order::accept);
        return order.pending();
    }

    /** The whole trace as written by {@link TraceWriter#format(Trace)}. */
    @Override
    public String toString() {
        return TraceWriter.format(this);
    }
}
