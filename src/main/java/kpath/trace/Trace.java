package kpath.trace;

import java.util.List;
import java.util.Objects;

/**
 * A whole trace: its header and the lines after it. A trace always obeys the format, so
 * {@link TraceWriter#format(Trace)} of any trace reads back to an equal trace (line numbers aside).
 *
 * @param lines comments, blank lines and events, in file order; read-only
 */
public record Trace(Header header, List<Line> lines) {

    /**
     * @throws IllegalArgumentException if times go backwards or task calls and returns do not pair up
     *                                  (see {@code package-info.java})
     */
    public Trace {
        Objects.requireNonNull(header, "header");
        lines = List.copyOf(lines);
        EventOrder order = new EventOrder();
        for (Line line : lines) {
            if (line instanceof Event e) {
                String bad = order.accept(e);
                if (bad != null) {
                    throw new IllegalArgumentException("line " + e.lineNo() + " '" + TraceWriter.formatLine(e)
                            + "': " + bad);
                }
            }
        }
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
