package kpath.check;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The outcome of checking one trace: the verdict, the line of the first event no model state
 * explains (-1 when none or at the end), and the report text, which echoes the trace with the
 * rules that explain each line. The text is built the first time it is asked for, not during the
 * check: a replay of 100 000 events spent a fifth of its time formatting lines nobody read.
 */
public final class CheckReport {
    public enum Verdict { ACCEPTED, REJECTED }

    private final String file;
    private final Verdict verdict;
    private final int divergenceLine;
    private final int maxStates;
    private Supplier<String> render;
    private String text;

    public CheckReport(String file, Verdict verdict, int divergenceLine, String text, int maxStates) {
        this(file, verdict, divergenceLine, () -> text, maxStates);
        Objects.requireNonNull(text, "text");
    }

    /** A report whose text {@code render} builds when first asked for. */
    public CheckReport(String file, Verdict verdict, int divergenceLine, Supplier<String> render, int maxStates) {
        this.file = Objects.requireNonNull(file, "file");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.divergenceLine = divergenceLine;
        this.render = Objects.requireNonNull(render, "render");
        this.maxStates = maxStates;
    }

    public String file() {
        return file;
    }

    public Verdict verdict() {
        return verdict;
    }

    public int divergenceLine() {
        return divergenceLine;
    }

    /** The most hypotheses held at once. */
    public int maxStates() {
        return maxStates;
    }

    /** The report: the trace echoed with the rules that explain each line, and the verdict. */
    public synchronized String text() {
        if (text == null) {
            text = render.get();
            render = null;
        }
        return text;
    }

    public boolean accepted() {
        return verdict == Verdict.ACCEPTED;
    }

    /** The first divergence in one line, for tables. */
    public String firstDivergence() {
        if (accepted()) {
            return "-";
        }
        String[] ls = text().split("\n");
        for (int i = 0; i < ls.length; i++) {
            if (ls[i].startsWith("       ^")) {
                String ev = i > 0 ? ls[i - 1].trim() : "";
                return ev.replaceAll("\\s+", " ");
            }
        }
        return "line " + divergenceLine;
    }

    @Override
    public String toString() {
        return "CheckReport[" + file + ", " + verdict + (divergenceLine < 0 ? "" : " at line " + divergenceLine) + "]";
    }
}
