package kpath.check;

import java.util.Map;

/**
 * The values of an observe line's {@code key=value} fields as the jdk and glibc syntaxes read them,
 * each a bad-input message naming {@code where} when malformed; and the TLA+ literals their
 * trace modules write.
 */
public final class ObserveFields {
    private ObserveFields() {}

    /** The value of {@code key}; its absence is bad input. */
    public static String need(Map<String, String> v, String key, String where) throws CheckException {
        String s = v.get(key);
        if (s == null) {
            throw new CheckException(where + "missing key '" + key + "'");
        }
        return s;
    }

    /** "0" or "1". */
    public static boolean flag(String s, String where) throws CheckException {
        return switch (s) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new CheckException(where + "expected 0 or 1, not '" + s + "'");
        };
    }

    /** A count: up to nine decimal digits. */
    public static int count(String s, String where) throws CheckException {
        if (!s.matches("[0-9]{1,9}")) {
            throw new CheckException(where + "expected a count, not '" + s + "'");
        }
        return Integer.parseInt(s);
    }

    /** A TLA+ string literal. */
    public static String tlaString(String s) {
        return TlaValue.quote(s);
    }

    /** A TLA+ boolean. */
    public static String tlaBool(boolean x) {
        return x ? "TRUE" : "FALSE";
    }
}
