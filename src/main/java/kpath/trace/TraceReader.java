package kpath.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads traces (see {@code package-info.java} for the format). The reader takes some liberties
 * with white space — it ignores it at the ends of lines (except inside comments) and takes runs of
 * spaces for one — and accepts times with fewer than 6 decimals; {@link TraceWriter} writes the
 * canonical form, so {@code format(parse(x))} equals {@code x} for a canonical {@code x}.
 */
public final class TraceReader {

    private TraceReader() {
    }

    /** Reads the UTF-8 file {@code file}; errors name it as {@code file.toString()}. */
    public static Trace read(Path file) throws IOException, TraceFormatException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return parse(text, file.toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new TraceFormatException(file.toString(), lineOfFirstBadByte(bytes), "not UTF-8 text");
        }
    }

    /** The 1-based line holding the first byte that is not part of well-formed UTF-8. */
    private static int lineOfFirstBadByte(byte[] bytes) {
        int line = 1;
        for (int i = 0; i < bytes.length; ) {
            int b = bytes[i] & 0xff;
            int n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
            if (n == 0 || i + n > bytes.length) {
                return line;
            }
            for (int k = 1; k < n; k++) {
                if ((bytes[i + k] & 0xc0) != 0x80) {
                    return line;
                }
            }
            if (b == '\n') {
                line++;
            }
            i += n;
        }
        return line;
    }

    /**
     * Parses the text of a trace.
     *
     * @param fileName how errors name the text, e.g. {@code traces/tcp/x.trace}
     * @throws TraceFormatException at the first line that breaks the format
     */
    public static Trace parse(String text, String fileName) throws TraceFormatException {
        return new Parser(Objects.requireNonNull(text, "text"), Objects.requireNonNull(fileName, "fileName"))
                .trace();
    }

    private static final String EXPECTED_EVENT =
            "expected a syscall, '<'/'>' packet, task call/return, or observe";
    private static final String OBSERVE_USAGE =
            "expected 'observe WHAT(TARGET) key=value ...' or 'observe WHAT key=value ...'";
    private static final String HEADER_ORDER =
            "the header lists scenario, kernel, arch, netns, peer, then sysctl lines, then other keys";

    private static final Pattern VERSION_LINE = Pattern.compile("kpath-trace\\s+(\\S+)");
    private static final Pattern HEADER_LINE = Pattern.compile("([a-z][a-z0-9-]*):(.*)");
    private static final Pattern ANY_KEY = Pattern.compile("([^\\s:]+):");
    private static final Pattern TIME = Pattern.compile("\\+([0-9]+)(?:\\.([0-9]+))?");
    private static final Pattern TASK_CALL = Pattern.compile("([A-Za-z0-9_]+)\\s*(->|<-)(.*)");
    private static final Pattern CALL = Pattern.compile("([a-z_][a-z0-9_]*)\\(([^()]*)\\)(.*)");
    private static final Pattern OBSERVE_HEAD = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\(([^()]*)\\))?");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final class Parser {
        private final String file;
        private final List<String> lines;

        // Header state.
        private final Map<String, String> required = new HashMap<>();
        private final Map<String, Integer> requiredAt = new HashMap<>();
        private final SequencedMap<String, String> sysctls = new LinkedHashMap<>();
        private final Map<String, Integer> sysctlAt = new HashMap<>();
        private final List<Map.Entry<String, String>> extra = new ArrayList<>();
        private int lastRank = -1;

        Parser(String text, String file) {
            this.file = file;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<String> ls = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            if (ls.getLast().isEmpty()) {
                ls.removeLast(); // the final line break ends the last line; it does not start another
            }
            ls.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
            this.lines = ls;
        }

        private TraceFormatException error(int lineNo, String reason) {
            return new TraceFormatException(file, lineNo, reason);
        }

        Trace trace() throws TraceFormatException {
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                for (int k = 0; k < l.length(); k++) {
                    char c = l.charAt(k);
                    if ((c < 0x20 && c != '\t') || c == 0x7f) {
                        throw error(i + 1, String.format("control character U+%04X in the line: a trace is lines of text", (int) c));
                    }
                }
            }
            String first = lines.isEmpty() ? "" : lines.getFirst().strip();
            if (!first.equals(Header.MAGIC)) {
                Matcher m = VERSION_LINE.matcher(first);
                if (m.matches()) {
                    throw error(1, "unsupported trace version '" + m.group(1) + "': expected '" + Header.MAGIC + "'");
                }
                throw error(1, "not a kpath trace: first line must be '" + Header.MAGIC + "'");
            }
            int i = 1;
            for (; i < lines.size(); i++) {
                String s = lines.get(i).strip();
                if (s.isEmpty() || s.startsWith("#") || s.startsWith("+")) {
                    break;
                }
                headerLine(i + 1, s);
            }
            int headerEnd = i; // the number of the header's last line, the index of the first after it
            Header header = header(headerEnd);

            List<Line> out = new ArrayList<>();
            EventOrder order = new EventOrder();
            Line.End end = null;
            for (; i < lines.size(); i++) {
                int n = i + 1;
                String s = lines.get(i).strip();
                if (end != null) {
                    if (!s.isEmpty()) { // blank lines after the marker are dropped, like white space at a line's end
                        throw error(n, "'" + s + "' after the end marker at line " + end.lineNo()
                                + ": the end marker is the last line of a trace");
                    }
                } else if (s.isEmpty()) {
                    out.add(new Line.Blank(n));
                } else if (s.startsWith("#")) {
                    out.add(new Line.Comment(n, lines.get(i).stripLeading().substring(1)));
                } else if (isEnd(s)) {
                    end = new Line.End(n, time(n, s.substring(0, indexOfWhitespace(s))));
                    String bad = order.end(end);
                    if (bad != null) {
                        throw error(n, bad);
                    }
                    out.add(end);
                } else if (s.startsWith("+")) {
                    Event e = event(n, s);
                    String bad = order.accept(e);
                    if (bad != null) {
                        throw error(n, bad);
                    }
                    out.add(e);
                } else if (HEADER_LINE.matcher(s).matches()) {
                    throw headerAfterHeader(n, s, headerEnd);
                } else {
                    throw error(n, "expected an event '+SECONDS.MICROS ...', a comment '#...' or a blank line, got '"
                            + s + "'");
                }
            }
            return new Trace(header, out);
        }

        // ---- header

        private void headerLine(int n, String s) throws TraceFormatException {
            Matcher m = HEADER_LINE.matcher(s);
            if (!m.matches()) {
                Matcher k = ANY_KEY.matcher(s);
                if (k.lookingAt()) {
                    throw error(n, "bad header key '" + k.group(1)
                            + "': keys are lower-case letters, digits and '-', starting with a letter");
                }
                throw error(n, "bad header line '" + s + "': expected 'key: value'"
                        + " (the header ends at the first blank line, comment or event)");
            }
            String key = m.group(1);
            String value = m.group(2).strip();
            if (value.isEmpty()) {
                throw error(n, "header key '" + key + "' has no value");
            }
            Integer firstAt = requiredAt.get(key);
            if (firstAt != null) {
                throw error(n, "duplicate header key '" + key + "' (first at line " + firstAt + ")");
            }
            int rank = Header.REQUIRED_KEYS.indexOf(key);
            if (rank < 0) {
                rank = key.equals(Header.SYSCTL) ? Header.REQUIRED_KEYS.size() : Header.REQUIRED_KEYS.size() + 1;
            }
            if (rank < lastRank) {
                throw error(n, "header key '" + key + "' out of order: " + HEADER_ORDER);
            }
            lastRank = rank;
            switch (key) {
                case "netns" -> {
                    if (Header.Netns.of(value).isEmpty()) {
                        throw error(n, "bad netns '" + value + "': expected host or private");
                    }
                    putRequired(n, key, value);
                }
                case "peer" -> {
                    if (Header.Peer.of(value).isEmpty()) {
                        throw error(n, "bad peer '" + value + "': expected loopback or tun");
                    }
                    putRequired(n, key, value);
                }
                case "scenario", "kernel", "arch" -> putRequired(n, key, value);
                case Header.SYSCTL -> sysctl(n, value);
                case Header.PATH -> {
                    if (!Syntax.HEADER_KEY.matcher(value).matches()) {
                        throw error(n, "bad path '" + value + "': expected a path name like tcp or readiness");
                    }
                    if (extra.stream().anyMatch(e -> e.getKey().equals(Header.PATH))) {
                        throw error(n, "duplicate header key 'path'");
                    }
                    extra.add(Map.entry(key, value));
                }
                default -> extra.add(Map.entry(key, value));
            }
        }

        private void putRequired(int n, String key, String value) {
            required.put(key, value);
            requiredAt.put(key, n);
        }

        private void sysctl(int n, String value) throws TraceFormatException {
            int eq = value.indexOf('=');
            String name = eq < 0 ? "" : value.substring(0, eq).strip();
            String v = eq < 0 ? "" : value.substring(eq + 1).strip();
            if (name.isEmpty() || v.isEmpty()) {
                throw error(n, "bad sysctl '" + value + "': expected 'sysctl: name=value'");
            }
            if (!Syntax.SYSCTL_NAME.matcher(name).matches()) {
                throw error(n, "bad sysctl name '" + name + "': expected a name like net.core.somaxconn");
            }
            Integer firstAt = sysctlAt.get(name);
            if (firstAt != null) {
                throw error(n, "duplicate sysctl '" + name + "' (first at line " + firstAt + ")");
            }
            sysctls.put(name, v);
            sysctlAt.put(name, n);
        }

        private Header header(int headerEnd) throws TraceFormatException {
            for (String key : Header.REQUIRED_KEYS) {
                if (!required.containsKey(key)) {
                    // A header line further down is the likelier mistake: report that one.
                    for (int j = headerEnd; j < lines.size(); j++) {
                        String s = lines.get(j).strip();
                        if (HEADER_LINE.matcher(s).matches()) {
                            throw headerAfterHeader(j + 1, s, headerEnd);
                        }
                    }
                    throw error(headerEnd, "missing header key '" + key + "'");
                }
            }
            try {
                return new Header(Header.VERSION, required.get("scenario"), required.get("kernel"),
                        required.get("arch"), Header.Netns.of(required.get("netns")).orElseThrow(),
                        Header.Peer.of(required.get("peer")).orElseThrow(), sysctls, extra);
            } catch (IllegalArgumentException e) { // not expected: the lines were checked one by one
                throw error(headerEnd, e.getMessage());
            }
        }

        private TraceFormatException headerAfterHeader(int n, String s, int lastHeaderLine) {
            return error(n, "header line '" + s + "' after the header ended at line " + lastHeaderLine
                    + ": header lines go before the first blank line, comment or event");
        }

        // ---- events

        /** Whether {@code s} (stripped) is the end marker {@code +TIME end}. */
        private static boolean isEnd(String s) {
            int sp = indexOfWhitespace(s);
            return s.startsWith("+") && sp > 0 && s.substring(sp).strip().equals(Line.End.WORD);
        }

        private Event event(int n, String s) throws TraceFormatException {
            int sp = indexOfWhitespace(s);
            String timeText = sp < 0 ? s : s.substring(0, sp);
            long time = time(n, timeText);
            String body = sp < 0 ? "" : s.substring(sp).strip();
            if (body.isEmpty()) {
                throw error(n, "nothing after the time " + timeText + ": " + EXPECTED_EVENT);
            }
            try {
                return body(n, time, body);
            } catch (IllegalArgumentException e) { // a record rejected a part; its message names it
                throw error(n, e.getMessage());
            }
        }

        private long time(int n, String text) throws TraceFormatException {
            Matcher m = TIME.matcher(text);
            if (!m.matches()) {
                throw error(n, "bad time '" + text + "': expected +SECONDS.MICROS, e.g. +0.000112");
            }
            String fraction = m.group(2) == null ? "" : m.group(2);
            if (fraction.length() > 6) {
                throw error(n, "time " + text + " has more than 6 decimals: a trace counts microseconds");
            }
            String seconds = m.group(1).replaceFirst("^0+(?=.)", "");
            if (seconds.length() > 12) {
                throw error(n, "time " + text + " is too large");
            }
            return Long.parseLong(seconds) * 1_000_000 + Long.parseLong((fraction + "000000").substring(0, 6));
        }

        private Event body(int n, long time, String body) throws TraceFormatException {
            Matcher task = TASK_CALL.matcher(body);
            if (task.matches()) {
                String t = Syntax.task(task.group(1));
                String rest = task.group(3).strip();
                if (task.group(2).equals("->")) {
                    return callStart(n, time, body, t, rest);
                }
                if (rest.isEmpty()) {
                    throw error(n, "missing result in '" + body + "': expected '" + t + " <- RESULT'");
                }
                return new Event.CallReturn(n, time, t, result(n, rest));
            }
            char c = body.charAt(0);
            if ((c == '<' || c == '>') && (body.length() == 1 || Character.isWhitespace(body.charAt(1)))) {
                return packet(n, time, body, c == '<' ? Event.Direction.IN : Event.Direction.OUT);
            }
            if (body.equals("observe") || body.startsWith("observe") && Character.isWhitespace(body.charAt(7))) {
                return observation(n, time, body);
            }
            return syscall(n, time, body);
        }

        private Event syscall(int n, long time, String body) throws TraceFormatException {
            Matcher m = CALL.matcher(body);
            if (!m.matches() || !SyscallNames.isKnown(m.group(1))) {
                throw error(n, "unknown event '" + body + "': " + EXPECTED_EVENT);
            }
            String call = m.group(1) + "(" + m.group(2) + ")";
            List<String> args = args(n, call, m.group(2));
            String rest = m.group(3).strip();
            if (!rest.startsWith("=")) {
                throw rest.isEmpty()
                        ? error(n, "missing result in '" + body + "': expected '" + call + " = RESULT'")
                        : error(n, "unexpected '" + rest + "' after '" + call + "': expected ' = RESULT'");
            }
            String result = rest.substring(1).strip();
            if (result.isEmpty()) {
                throw error(n, "missing result in '" + body + "': expected '" + call + " = RESULT'");
            }
            return new Event.Syscall(n, time, m.group(1), args, result(n, result));
        }

        private Event callStart(int n, long time, String body, String task, String text) throws TraceFormatException {
            Matcher m = CALL.matcher(text);
            if (!m.matches()) {
                throw error(n, "bad call in '" + body + "': expected '" + task + " -> name(arg, ...)'");
            }
            if (!SyscallNames.isKnown(m.group(1))) {
                throw error(n, "unknown syscall '" + m.group(1) + "' in '" + body + "'");
            }
            String call = m.group(1) + "(" + m.group(2) + ")";
            List<String> args = args(n, call, m.group(2));
            String rest = m.group(3).strip();
            if (rest.startsWith("=")) {
                throw error(n, "a call start has no result: in '" + body + "' drop '" + rest
                        + "' and write the result on a later '" + task + " <- RESULT' line");
            }
            if (!rest.isEmpty()) {
                throw error(n, "unexpected '" + rest + "' after '" + call + "'");
            }
            return new Event.CallStart(n, time, task, m.group(1), args);
        }

        private List<String> args(int n, String call, String text) throws TraceFormatException {
            if (text.isBlank()) {
                throw error(n, "empty argument list in '" + call + "': a call has at least one argument");
            }
            List<String> args = new ArrayList<>();
            for (String a : text.split(", ", -1)) {
                String arg = a.strip();
                if (arg.isEmpty()) {
                    throw error(n, "empty argument " + (args.size() + 1) + " in '" + call + "'");
                }
                args.add(arg);
            }
            return args;
        }

        private Result result(int n, String text) throws TraceFormatException {
            String[] tokens = WHITESPACE.split(text);
            if (tokens[0].equals("-1")) {
                if (tokens.length == 1) {
                    throw error(n, "result -1 needs an errno, e.g. '-1 EAGAIN'");
                }
                if (tokens.length == 2) {
                    return Result.error(tokens[1]);
                }
            } else if (tokens.length == 1) {
                return Result.ok(tokens[0]);
            }
            throw error(n, "bad result '" + text + "': expected one token or '-1 ERRNO'");
        }

        private Event packet(int n, long time, String body, Event.Direction dir) throws TraceFormatException {
            String rest = body.substring(1).strip();
            String[] tokens = rest.isEmpty() ? new String[0] : WHITESPACE.split(rest);
            if (tokens.length != 2) {
                throw error(n, "bad packet '" + body + "': expected '" + dir.symbol() + " FLAGS PEER', e.g. '"
                        + dir.symbol() + " S. c1'");
            }
            return new Event.Packet(n, time, dir, tokens[0], tokens[1]);
        }

        private Event observation(int n, long time, String body) throws TraceFormatException {
            String rest = body.substring("observe".length()).strip();
            String[] tokens = rest.isEmpty() ? new String[0] : WHITESPACE.split(rest);
            Matcher head = tokens.length == 0 ? null : OBSERVE_HEAD.matcher(tokens[0]);
            if (head == null || !head.matches()) {
                throw error(n, "bad observation '" + body + "': " + OBSERVE_USAGE);
            }
            Optional<String> target = Optional.ofNullable(head.group(2));
            if (target.isPresent() && target.get().isEmpty()) {
                throw error(n, "empty target in '" + body + "': " + OBSERVE_USAGE);
            }
            if (tokens.length == 1) {
                throw error(n, "observation '" + body + "' has no key=value");
            }
            SequencedMap<String, String> values = new LinkedHashMap<>();
            for (int k = 1; k < tokens.length; k++) {
                String item = tokens[k];
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw error(n, "bad observation item '" + item + "' in '" + body + "': expected key=value");
                }
                String key = item.substring(0, eq);
                String value = item.substring(eq + 1);
                if (value.isEmpty()) {
                    throw error(n, "observation key '" + key + "' has no value in '" + body + "'");
                }
                if (values.putIfAbsent(key, value) != null) {
                    throw error(n, "duplicate key '" + key + "' in '" + body + "'");
                }
            }
            return new Event.Observation(n, time, head.group(1), target, values);
        }

        private static int indexOfWhitespace(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (Character.isWhitespace(s.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }
    }
}
