package kpath.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void unknownVerbsAndOptionsAreBadInput() {
        assertEquals(2, run("frobnicate").code());
        Run r = run("check", "--golden", "x.trace");
        assertEquals(2, r.code());
        assertEquals("kpath: check: unknown option '--golden'\n", r.err());
    }
}
