package kpath.check;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import kpath.trace.Event;

/**
 * How one path's model reads one trace: the half of a path's binding that {@link Replay} drives.
 * A binding is made per trace, so it may remember what earlier lines said (a task's deadline).
 *
 * @param <H> a hypothesis: a model state, plus whatever the path must remember beside it
 */
public interface ReplayBinding<H> {

    /** What the report's first line says after the kernel release: model, profile, peer. */
    String describe();

    /** The hypotheses before the first line. */
    Set<H> initial();

    /**
     * Every hypothesis that may stand just before {@code next}: {@code from} and whatever the
     * kernel's hidden steps (timers, task runs, a loopback peer's segments) reach from it.
     *
     * @param where {@code file:line: } of {@code next}, for messages
     */
    Set<H> hidden(Set<H> from, Event next, String where) throws CheckException;

    /** The hypotheses that explain {@code ev} from {@code before}, the rules that did, and why none did. */
    Step<H> step(Set<H> before, Event ev, String where) throws CheckException;

    /** What may stand after the last line; a TUN peer's unseen segments, say, rule some out. */
    default Step<H> end(Set<H> last) {
        return new Step<>(last, new TreeSet<>(), List.of());
    }

    /**
     * One line's outcome. When {@code next} is empty, {@code problem} says why: its first line
     * follows the caret in the report, the others are indented below it.
     */
    record Step<H>(Set<H> next, SortedSet<String> rules, List<String> problem) {}
}
