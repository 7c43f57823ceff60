package kpath.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad input gets one short line naming file:line or the option and exit code 2; every file given
 * to check is reported. Method: run Main on broken files and arguments, capture its output.
 */
class MainTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyBadTraceIsReportedOnItsOwnLineAndTheExitCodeIsTwo(@TempDir Path dir) throws Exception {
        Path tcp = Files.createDirectories(dir.resolve("tcp"));
        Path a = tcp.resolve("a.trace");
        Files.writeString(a, Files.readString(Path.of("traces", "tcp", "listener-readiness.trace"))
                .replaceFirst("listen\\(L, ([0-9]+)\\)", "listen(L, 1, 2)"));
        Path b = tcp.resolve("b.trace");
        Files.write(b, new byte[] {'k', 'p', (byte) 0xff, '\n'});
        Run r = run("check", a.toString(), b.toString(), dir.resolve("missing.trace").toString());
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(3, lines.length, r.err());
        assertTrue(lines[0].matches("kpath: .*a\\.trace:[0-9]+: listen takes 2 argument\\(s\\).*"), lines[0]);
        assertEquals("kpath: " + b + ":1: not UTF-8 text", lines[1]);
        assertTrue(lines[2].endsWith("missing.trace: no such file"), lines[2]);
        assertEquals("", r.out());
    }

    static final Path COMMITTED = Path.of("traces", "tcp", "listener-readiness.trace");
    static final String NO_END = ": trace has no end marker (truncated or unfinished capture)";

    /** The first {@code n} lines of {@code text}, each with its line feed. */
    static String firstLines(String text, int n) {
        return String.join("\n", Arrays.asList(text.split("\n", -1)).subList(0, n)) + "\n";
    }

    @Test
    void aHeaderOnlyTraceIsBadInputNamingItsLastLine(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(COMMITTED);
        int header = 0;
        while (!lines.get(header).isEmpty() && !lines.get(header).startsWith("#") && !lines.get(header).startsWith("+")) {
            header++;
        }
        Path t = Files.createDirectories(dir.resolve("tcp")).resolve("header-only.trace");
        Files.writeString(t, firstLines(Files.readString(COMMITTED), header));
        Run r = run("check", t.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("kpath: " + t + ":" + header + NO_END + "\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aCommittedTraceCutInTheMiddleIsBadInputNamingItsLastLine(@TempDir Path dir) throws Exception {
        String text = Files.readString(COMMITTED);
        int half = text.split("\n").length / 2;
        Path tcp = Files.createDirectories(dir.resolve("tcp"));
        Path cut = tcp.resolve("cut.trace");
        Files.writeString(cut, firstLines(text, half));
        Run r = run("check", "--write-expected", cut.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("kpath: " + cut + ":" + half + NO_END + "\n", r.err());
        assertFalse(Files.exists(Golden.expectedOf(cut)), "no golden file for a cut trace");
        // a cut inside a line, as a copy that stopped halfway leaves it: reported as a cut at that
        // line, not as the unknown bit POLLRD that the cut left
        String polled = "revents=POLLIN|POLLRDNORM";
        int at = text.indexOf(polled) + polled.length() - "NORM".length();
        Path mid = tcp.resolve("mid.trace");
        Files.writeString(mid, text.substring(0, at));
        Run m = run("check", mid.toString());
        assertEquals(2, m.code(), m.err());
        int last = text.substring(0, at).split("\n", -1).length;
        assertEquals("kpath: " + mid + ":" + last + NO_END + "\n", m.err());
    }

    @Test
    void unknownVerbsAndOptionsAreBadInput() {
        assertEquals(2, run("frobnicate").code());
        Run r = run("check", "--golden", "x.trace");
        assertEquals(2, r.code());
        assertEquals("kpath: check: unknown option '--golden'\n", r.err());
    }
}
