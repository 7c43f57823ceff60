package kpath.trace;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that span lines: times never go backwards; a task returns only from a call it
 * started, and starts no second call before the first returns. Fed the events in order, then the
 * end marker if there is one.
 */
final class EventOrder {

    private long lastTime = 0;
    private final Map<String, Event.CallStart> inProgress = new LinkedHashMap<>();
    private final Map<String, Integer> lastReturn = new HashMap<>();

    /** Takes the next event; returns why it may not come here, or null if it may. */
    String accept(Event e) {
        if (e.timeMicros() < lastTime) {
            return "time " + Event.formatTime(e.timeMicros()) + " goes backwards (previous "
                    + Event.formatTime(lastTime) + ")";
        }
        switch (e) {
            case Event.CallStart s -> {
                Event.CallStart open = inProgress.get(s.task());
                if (open != null) {
                    return "task " + s.task() + " starts '" + s.call() + "' while its call '" + open.call()
                            + "' from line " + open.lineNo() + " has not returned";
                }
                inProgress.put(s.task(), s);
            }
            case Event.CallReturn r -> {
                if (inProgress.remove(r.task()) == null) {
                    Integer returned = lastReturn.get(r.task());
                    return returned == null
                            ? "return of unknown task " + r.task() + ": no earlier '" + r.task() + " -> ...' call"
                            : "task " + r.task() + " returns '" + r.result() + "' without a call in progress"
                                    + " (its last call returned at line " + returned + ")";
                }
                lastReturn.put(r.task(), r.lineNo());
            }
            default -> {
            }
        }
        lastTime = e.timeMicros();
        return null;
    }

    /** Takes the end marker, after every event; returns why it may not come here, or null if it may. */
    String end(Line.End e) {
        if (e.timeMicros() < lastTime) {
            return "end time " + Event.formatTime(e.timeMicros()) + " goes backwards (previous "
                    + Event.formatTime(lastTime) + ")";
        }
        lastTime = e.timeMicros();
        return null;
    }

    /** The calls started and not returned so far, in the order they started. */
    List<Event.CallStart> pending() {
        return List.copyOf(inProgress.values());
    }
}
