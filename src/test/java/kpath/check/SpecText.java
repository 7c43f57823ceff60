package kpath.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test helpers that read the text of MC modules, .expected files and committed traces: the bounds
 * an MC module writes, the TLC result recorded after its ====, and a trace edited the way a wrong
 * belief would write it.
 */
public final class SpecText {
    private SpecText() {}

    /** The text after {@code start} (which ends with an opening "<<" or "{") up to its closing bracket. */
    public static String block(String mc, String start) {
        int i = mc.indexOf(start);
        assertTrue(i >= 0, "the module has no " + start);
        int from = i + start.length();
        int depth = 1;
        for (int j = from; j < mc.length(); j++) {
            boolean open = mc.startsWith("<<", j) || mc.charAt(j) == '[' || mc.charAt(j) == '{';
            boolean close = mc.startsWith(">>", j) || mc.charAt(j) == ']' || mc.charAt(j) == '}';
            if (open || close) {
                depth += open ? 1 : -1;
                if (depth == 0) {
                    return mc.substring(from, j);
                }
                j += mc.startsWith("<<", j) || mc.startsWith(">>", j) ? 1 : 0;
            }
        }
        throw new AssertionError(start + " is not closed");
    }

    /** The top-level "[call |-> ...]" records of a block, each on its own line. */
    public static List<String> records(String block) {
        return block.lines().map(String::strip).filter(t -> t.startsWith("[call"))
                .map(t -> t.endsWith(",") ? t.substring(0, t.length() - 1) : t).toList();
    }

    /** The quoted strings of a text, in order. */
    public static List<String> strings(String text) {
        List<String> s = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(text);
        while (m.find()) {
            s.add(m.group(1));
        }
        return s;
    }

    /** The "key: value" lines of an .expected file (prose lines and indented notes are skipped). */
    public static Map<String, String> expected(Path file) throws IOException {
        Map<String, String> m = new HashMap<>();
        Matcher kv = Pattern.compile("(?m)^([a-z][a-zA-Z ]*): (.+)$").matcher(Files.readString(file));
        while (kv.find()) {
            m.put(kv.group(1), kv.group(2).strip());
        }
        return m;
    }

    /** The TLC result recorded after ==== in specs/{@code module}.tla: distinct states (group 1) and depth (group 2). */
    public static Matcher recorded(String module) throws IOException, CheckException {
        String mc = Files.readString(Specs.dir().resolve(module + ".tla"));
        Matcher m = Pattern.compile("distinct states:\\s*(\\d+).*?depth:\\s*(\\d+)", Pattern.DOTALL).matcher(mc);
        assertTrue(m.find(), module + ".tla has no recorded TLC result after ====");
        return m;
    }

    /** Replaces the {@code nth} (1-based) event line containing {@code marker}; returns the text and its line. */
    public static String[] edit(Path trace, String marker, int nth, String replacement) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(trace));
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("+") && l.contains(marker) && ++seen == nth) {
                lines.set(i, l.substring(0, l.indexOf(' ')) + " " + replacement);
                return new String[] {String.join("\n", lines) + "\n", String.valueOf(i + 1)};
            }
        }
        throw new AssertionError(trace + " has no " + nth + "th line with '" + marker + "'");
    }
}
