package kpath.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        List<String> out = new ArrayList<>();
        out.add("# check " + file + " — kernel " + trace.header().kernel() + ", " + binding.describe());
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
            String echo = String.format("%5d  %s", ev.lineNo(), ev);
            if (step.next().isEmpty()) {
                out.add(echo);
                caret(out, step.problem());
                out.add("# trace REJECTED at line " + ev.lineNo());
                return new CheckReport(file, CheckReport.Verdict.REJECTED, ev.lineNo(), String.join("\n", out), most);
            }
            out.add(echo + (step.rules().isEmpty() ? "" : "   [" + String.join(" | ", step.rules()) + "]"));
            states = step.next();
            most = Math.max(most, states.size());
        }
        ReplayBinding.Step<H> end = binding.end(states);
        if (end.next().isEmpty()) {
            caret(out, end.problem());
            out.add("# trace REJECTED at end");
            return new CheckReport(file, CheckReport.Verdict.REJECTED, -1, String.join("\n", out), most);
        }
        out.add("# trace ACCEPTED: " + events + " events, " + end.next().size() + " final state(s), at most "
                + most + " at once");
        return new CheckReport(file, CheckReport.Verdict.ACCEPTED, -1, String.join("\n", out), most);
    }

    private static void caret(List<String> out, List<String> problem) {
        List<String> p = problem.isEmpty() ? List.of("no model state explains this line") : problem;
        out.add("       ^ " + p.getFirst());
        p.subList(1, p.size()).forEach(x -> out.add("         " + x));
    }
}
