package kpath.check;

/**
 * The outcome of checking one trace: the verdict, the line of the first event no model state
 * explains (-1 when none or at the end), and the report text, which echoes the trace with the
 * rules that explain each line.
 */
public record CheckReport(String file, Verdict verdict, int divergenceLine, String text, int maxStates) {
    public enum Verdict { ACCEPTED, REJECTED }

    public boolean accepted() {
        return verdict == Verdict.ACCEPTED;
    }

    /** The first divergence in one line, for tables. */
    public String firstDivergence() {
        if (accepted()) {
            return "-";
        }
        String[] ls = text.split("\n");
        for (int i = 0; i < ls.length; i++) {
            if (ls[i].startsWith("       ^")) {
                String ev = i > 0 ? ls[i - 1].trim() : "";
                return ev.replaceAll("\\s+", " ");
            }
        }
        return "line " + divergenceLine;
    }
}
