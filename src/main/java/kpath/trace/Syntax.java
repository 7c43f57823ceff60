package kpath.trace;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The lexical rules of the format (see {@code package-info.java}), shared by the records, which
 * reject values they could not write back, and by {@link TraceReader}. Every check throws
 * {@link IllegalArgumentException} whose message is a reason fit for a {@link TraceFormatException}.
 */
final class Syntax {

    static final Pattern HEADER_KEY = Pattern.compile("[a-z][a-z0-9-]*");
    static final Pattern SYSCTL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*");
    static final Pattern CALL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    static final Pattern TASK = Pattern.compile("t[0-9]+");
    static final Pattern ERRNO = Pattern.compile("E[A-Z0-9]+");
    static final Pattern FLAGS = Pattern.compile("[SFRPUEW.]+");
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern TARGET = Pattern.compile("[^()\\s]+");
    static final Pattern OBSERVE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]*");
    static final Pattern TOKEN = Pattern.compile("\\S+");

    private Syntax() {
    }

    static void lineAndTime(int lineNo, long timeMicros) {
        lineNo(lineNo);
        if (timeMicros < 0) {
            throw new IllegalArgumentException("negative time " + timeMicros + " µs");
        }
    }

    static void lineNo(int lineNo) {
        if (lineNo < 0) {
            throw new IllegalArgumentException("negative line number " + lineNo);
        }
    }

    static String require(Pattern pattern, String value, String what, String expected) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + what);
        }
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("bad " + what + " '" + value + "': expected " + expected);
        }
        return value;
    }

    static String task(String task) {
        return require(TASK, task, "task", "'t' and digits, e.g. t1");
    }

    static String callName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("missing call name");
        }
        if (!SyscallNames.isKnown(name)) {
            throw new IllegalArgumentException("unknown syscall '" + name + "'");
        }
        return name;
    }

    static String peer(String peer) {
        return require(NAME, peer, "peer", "a name like c1");
    }

    static String flags(String flags) {
        return require(FLAGS, flags, "TCP flags", "packetdrill flags from S F R P U E W and '.', e.g. S. or F.");
    }

    static String errno(String errno) {
        return require(ERRNO, errno, "errno", "E and capitals or digits, e.g. EAGAIN");
    }

    /** Checks and copies a call's arguments: at least one, each writable between ", " separators. */
    static List<String> args(List<String> args) {
        if (args == null || args.isEmpty()) {
            throw new IllegalArgumentException("a call has at least one argument");
        }
        List<String> copy = List.copyOf(args);
        for (int i = 0; i < copy.size(); i++) {
            String a = copy.get(i);
            if (a.isEmpty()) {
                throw new IllegalArgumentException("empty argument " + (i + 1));
            }
            if (!a.equals(a.strip()) || a.contains(", ") || a.indexOf('(') >= 0 || a.indexOf(')') >= 0
                    || a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("bad argument '" + a
                        + "': no surrounding spaces, no ', ', no parentheses, no line breaks");
            }
        }
        return copy;
    }

    static String call(String name, List<String> args) {
        return name + "(" + String.join(", ", args) + ")";
    }

    /** A header or sysctl value: one line, not blank, no surrounding whitespace. */
    static String value(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " has no value");
        }
        if (!value.equals(value.strip()) || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " value '" + value
                    + "' must be one line without surrounding spaces");
        }
        return value;
    }

    static String singleLine(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException("missing " + what);
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must be one line");
        }
        return text;
    }
}
