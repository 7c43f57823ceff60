package kpath.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Recursive descent over the value text TLC prints: integers, strings, TRUE/FALSE, model values,
 * {@code {..}}, {@code <<..>>}, {@code [f |-> v, ..]}, {@code (k :> v @@ ..)}, {@code a..b}; and
 * over state texts {@code /\ x = v /\ y = w} (or {@code x = v} for one variable).
 */
final class TlaParser {


    private final String s;
    private int i;

    TlaParser(String text) {
        this(text, 0);
    }

    /** A parser of {@code text} from offset {@code start} on. */
    TlaParser(String text, int start) {
        this.s = text;
        this.i = start;
    }

    /** The offset after what was parsed so far. */
    int position() {
        return i;
    }

    /** Parses a whole state text: {@code /\ name = value} conjuncts, or a single {@code name = value}. */
    SortedMap<String, TlaValue> state() {
        SortedMap<String, TlaValue> vars = new TreeMap<>();
        while (more()) {
            accept("/\\");
            skipWs();
            String name = word();
            if (name == null || !TlaValue.isIdentifier(name)) {
                throw error("variable name expected");
            }
            expect("=");
            TlaValue v = value();
            if (vars.put(name, v) != null) {
                throw error("variable " + name + " given twice");
            }
        }
        return vars;
    }

    TlaValue value() {
        skipWs();
        if (i >= s.length()) {
            throw error("value expected");
        }
        char c = s.charAt(i);
        TlaValue v;
        if (c == '"') {
            v = new TlaValue.Str(string());
        } else if (c == '{') {
            i++;
            List<TlaValue> es = list("}");
            v = new TlaValue.SetV(es);
        } else if (s.startsWith("<<", i)) {
            i += 2;
            v = TlaValue.seq(list(">>"));
        } else if (c == '[') {
            i++;
            v = record();
        } else if (c == '(') {
            i++;
            v = function();
        } else if (c == '-' || Character.isDigit(c) || Character.isLetter(c) || c == '_') {
            v = atom();
        } else {
            throw error("value expected");
        }
        if (v instanceof TlaValue.Int lo && accept("..")) {
            if (!(atom() instanceof TlaValue.Int hi)) {
                throw error("integer expected after ..");
            }
            List<TlaValue> es = new ArrayList<>();
            for (long n = lo.value(); n <= hi.value(); n++) {
                es.add(new TlaValue.Int(n));
            }
            v = new TlaValue.SetV(es);
        }
        return v;
    }

    void expectEnd() {
        if (more()) {
            throw error("end of value expected");
        }
    }

    private TlaValue atom() {
        skipWs();
        boolean neg = false;
        if (i < s.length() && s.charAt(i) == '-') {
            neg = true;
            i++;
        }
        String w = word();
        if (w == null) {
            throw error("value expected");
        }
        if (w.chars().allMatch(Character::isDigit)) {
            try {
                long n = Long.parseLong(w);
                return new TlaValue.Int(neg ? -n : n);
            } catch (NumberFormatException e) {
                throw error("integer out of range: " + w);
            }
        }
        if (neg) {
            throw error("integer expected after -");
        }
        return switch (w) {
            case "TRUE" -> new TlaValue.Bool(true);
            case "FALSE" -> new TlaValue.Bool(false);
            default -> new TlaValue.ModelValue(w);
        };
    }

    /** Elements up to {@code close}; the opening bracket is consumed already. */
    private List<TlaValue> list(String close) {
        List<TlaValue> es = new ArrayList<>();
        if (!accept(close)) {
            do {
                es.add(value());
            } while (accept(","));
            expect(close);
        }
        return es;
    }

    private TlaValue record() {
        Map<String, TlaValue> fields = new LinkedHashMap<>();
        if (accept("]")) {
            return TlaValue.record(fields);
        }
        do {
            skipWs();
            String f = word();
            if (f == null) {
                throw error("record field name expected");
            }
            expect("|->");
            if (fields.put(f, value()) != null) {
                throw error("record field " + f + " given twice");
            }
        } while (accept(","));
        expect("]");
        return TlaValue.record(fields);
    }

    private TlaValue function() {
        Map<TlaValue, TlaValue> m = new TreeMap<>();
        do {
            TlaValue k = value();
            expect(":>");
            if (m.put(k, value()) != null) {
                throw error("function key " + k + " given twice");
            }
        } while (accept("@@"));
        expect(")");
        return new TlaValue.Fcn(m);
    }

    private String string() {
        i++; // opening quote
        StringBuilder b = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (i >= s.length()) {
                    break;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'f' -> b.append('\f');
                    case '"', '\\' -> b.append(e);
                    default -> b.append('\\').append(e);
                }
            } else {
                b.append(c);
            }
        }
        throw error("unterminated string");
    }

    /**
     * The word at the cursor — a number, an identifier or a record field name: ASCII letters, digits,
     * underscores — or null, consuming nothing, when there is none.
     */
    private String word() {
        int end = i;
        while (end < s.length() && wordChar(s.charAt(end))) {
            end++;
        }
        if (end == i) {
            return null;
        }
        String w = s.substring(i, end);
        i = end;
        return w;
    }

    /** A character of a word (a test, not a regex: the graph parser reads millions of words). */
    static boolean wordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private boolean accept(String tok) {
        skipWs();
        if (s.startsWith(tok, i)) {
            i += tok.length();
            return true;
        }
        return false;
    }

    private void expect(String tok) {
        if (!accept(tok)) {
            throw error("'" + tok + "' expected");
        }
    }

    /** Skips whitespace; true when text remains. */
    private boolean more() {
        skipWs();
        return i < s.length();
    }

    private void skipWs() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private IllegalArgumentException error(String what) {
        int from = Math.max(0, i - 30);
        int to = Math.min(s.length(), i + 30);
        return new IllegalArgumentException(what + " at offset " + i + ": ..."
                + s.substring(from, i) + "\u2038" + s.substring(i, to) + "...");
    }
}
