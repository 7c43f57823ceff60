package kpath.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import kpath.trace.Event;
import kpath.trace.Line;
import kpath.trace.Trace;

/**
 * The one replay engine: keeps the set of hypotheses consistent with every line so far, asking the
 * path's {@link ReplayBinding} what hidden steps may fall before a line and what the line allows.
 * The report echoes each event with the rules that explain it; a rejected trace stops at the first
 * line no hypothesis explains.
 */
public final class Replay {
    private Replay() {}

    public static <H> CheckReport check(ReplayBinding<H> binding, Trace trace, String file) throws CheckException {
        String head = "# check " + file + " — kernel " + trace.header().kernel() + ", " + binding.describe();
        List<Event> seen = new ArrayList<>();            // the report is built from these when asked for
        List<SortedSet<String>> explained = new ArrayList<>();
        Set<H> states = binding.initial();
        int events = 0;
        int most = states.size();
        for (Line line : trace.lines()) {
            if (!(line instanceof Event ev)) {
                continue;
            }
            events++;
            String where = file + ":" + ev.lineNo() + ": ";
            Set<H> before = binding.hidden(states, ev, where);
            most = Math.max(most, before.size());
            ReplayBinding.Step<H> step = binding.step(before, ev, where);
            seen.add(ev);
            if (step.next().isEmpty()) {
                List<String> problem = step.problem();
                return new CheckReport(file, CheckReport.Verdict.REJECTED, ev.lineNo(),
                        () -> text(head, seen, explained, problem, "# trace REJECTED at line " + ev.lineNo()), most);
            }
            explained.add(step.rules());
            states = step.next();
            most = Math.max(most, states.size());
        }
        ReplayBinding.Step<H> end = binding.end(states);
        if (end.next().isEmpty()) {
            return new CheckReport(file, CheckReport.Verdict.REJECTED, -1,
                    () -> text(head, seen, explained, end.problem(), "# trace REJECTED at end"), most);
        }
        String last = "# trace ACCEPTED: " + events + " events, " + end.next().size() + " final state(s), at most "
                + most + " at once";
        return new CheckReport(file, CheckReport.Verdict.ACCEPTED, -1, () -> text(head, seen, explained, null, last), most);
    }

    /**
     * The report: each event echoed with the rules that explained it; when {@code problem} is not
     * null, the caret under the last event seen (or under the last explained one, at the end).
     */
    private static String text(String head, List<Event> seen, List<SortedSet<String>> explained, List<String> problem,
                               String verdict) {
        List<String> out = new ArrayList<>(seen.size() + 4);
        out.add(head);
        for (int i = 0; i < seen.size(); i++) {
            Event ev = seen.get(i);
            String echo = String.format("%5d  %s", ev.lineNo(), ev);
            SortedSet<String> rules = i < explained.size() ? explained.get(i) : null;
            out.add(rules == null || rules.isEmpty() ? echo : echo + "   [" + String.join(" | ", rules) + "]");
        }
        if (problem != null) {
            caret(out, problem);
        }
        out.add(verdict);
        return String.join("\n", out);
    }

    private static void caret(List<String> out, List<String> problem) {
        List<String> p = problem.isEmpty() ? List.of("no model state explains this line") : problem;
        out.add("       ^ " + p.getFirst());
        p.subList(1, p.size()).forEach(x -> out.add("         " + x));
    }
}
