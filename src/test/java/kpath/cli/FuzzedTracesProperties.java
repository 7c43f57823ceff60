package kpath.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kpath.check.CheckException;
import kpath.check.Verdicts;
import kpath.trace.Trace;
import kpath.trace.TraceFormatException;
import kpath.trace.TraceReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad input gets one short message naming file:line, never a stack trace, and a trace cut short is
 * never taken for a short valid one. Method: mutate committed traces (characters inserted, deleted
 * or replaced, tokens swapped for junk, the text cut at any character, lines doubled or dropped)
 * and run the reader, the validation {@code kpath check} runs (the end marker, then the path's)
 * and the Java replay; the only exceptions allowed are the bad-input ones, and their messages name
 * the file and a line and stay short. TLC is not run: it only ever sees traces that passed
 * validation. Raise the tries with {@code -Djqwik.tries.default}: the seed is fixed, so a run is
 * repeatable.
 */
class FuzzedTracesProperties {

    record Mutant(String file, String text) {
        @Override
        public String toString() {
            return file + ":\n" + text;
        }
    }

    static final List<Path> TRACES = traces();

    static List<Path> traces() {
        try (Stream<Path> s = Files.walk(Path.of("traces"))) {
            return s.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final List<String> JUNK = List.of("EPOLLFOO", "NaN", "9223372036854775808", "-1", "", "\r", "\u0000",
            "SHUT_FOO", "zzz", "c77", "(", ")", ", ", "=", "|", "->", "<-", "t1", "observe", "+", "é", "\uFFFD",
            "EINVAL", "kernel: x.y", "path: io-uring", "4294967296", "0x", "POLLIN|EPOLLBAR", "tcp_info(L)",
            "x".repeat(5000), "sysctl: net.core.somaxconn=" + "9".repeat(3000), "observe netstat ListenDrops=1e9");

    @Provide
    Arbitrary<Mutant> mutants() {
        Arbitrary<Integer> which = Arbitraries.integers().between(0, TRACES.size() - 1);
        Arbitrary<List<Integer>> edits = Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(which, edits).as((w, es) -> {
            Path p = TRACES.get(w);
            String text = read(p);
            for (int e : es) {
                text = edit(text, e);
            }
            return new Mutant(p.toString(), text);
        });
    }

    /** One edit chosen and placed by the bits of {@code r}. */
    static String edit(String text, int r) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = (r >>> 4) % Math.max(1, lines.size());
        String l = lines.get(at);
        int pos = l.isEmpty() ? 0 : (r >>> 12) % (l.length() + 1);
        String junk = JUNK.get((r >>> 20) % JUNK.size());
        switch (r & 7) {
            case 0 -> lines.set(at, l.substring(0, pos) + junk + l.substring(pos));
            case 1 -> lines.set(at, l.substring(0, Math.min(pos, l.length())) + l.substring(Math.min(l.length(), pos + 1 + (r >>> 28))));
            case 2 -> {
                String[] words = l.split(" ");
                words[(r >>> 8) % words.length] = junk;
                lines.set(at, String.join(" ", words));
            }
            case 3 -> lines.remove(at);
            case 4 -> lines.add(at, l);
            case 5 -> { // cut at a character, as a copy that stopped halfway: a line's start, middle or end
                return String.join("\n", lines.subList(0, at)) + (at == 0 ? "" : "\n") + l.substring(0, pos);
            }
            case 6 -> lines.set(at, l.replaceAll("[0-9]+", junk.isEmpty() ? "0" : junk));
            default -> lines.set(at, l.replace("=", "=" + junk));
        }
        return String.join("\n", lines);
    }

    /** What {@code kpath check} does before TLC: read, refuse a trace without its end marker, route, validate, replay. */
    static void readValidateAndReplay(Mutant m) throws TraceFormatException, CheckException {
        Trace t = TraceReader.parse(m.text(), m.file());
        Verdicts.requireComplete(t, m.file());
        Paths.KernelPath k = Paths.of(t, Path.of(m.file()));
        Verdicts.validate(k.binding(), t, m.file());
        k.binding().replay(t, m.file());
    }

    @Property(tries = 3000, seed = "20261204")
    void noMutatedTraceEndsInAStackTrace(@ForAll("mutants") Mutant m) {
        try {
            readValidateAndReplay(m);
        } catch (TraceFormatException | CheckException | UsageException e) {
            String msg = e.getMessage();
            assertTrue(msg.startsWith(m.file() + ":"), () -> "no file named: " + msg);
            assertTrue(msg.matches("(?s)" + java.util.regex.Pattern.quote(m.file()) + ":[0-9]+: .*"),
                    () -> "no line named: " + msg);
            assertTrue(msg.length() <= 500, () -> "a " + msg.length() + "-character message: " + msg);
            assertFalse(msg.contains("\n"), () -> "a message of several lines: " + msg);
        }
    }

    /** A committed trace cut at any character before its end marker is whole (its final line feed may go). */
    @Provide
    Arbitrary<Mutant> cuts() {
        Arbitrary<Integer> which = Arbitraries.integers().between(0, TRACES.size() - 1);
        Arbitrary<Integer> where = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Combinators.combine(which, where).as((w, r) -> {
            Path p = TRACES.get(w);
            String text = read(p);
            // keep at most everything but "d\n" of the final "end\n"
            return new Mutant(p.toString(), text.substring(0, r % (text.length() - 1)));
        });
    }

    @Property(tries = 1000, seed = "20261204")
    void aTraceCutShortIsRefusedAtItsLastLine(@ForAll("cuts") Mutant m) {
        String t = m.text();
        int last = t.isEmpty() ? 1 : (int) t.chars().filter(c -> c == '\n').count() + (t.endsWith("\n") ? 0 : 1);
        Exception e = assertThrows(Exception.class, () -> readValidateAndReplay(m), "a cut trace was accepted");
        assertTrue(e instanceof TraceFormatException || e instanceof CheckException, e::toString);
        assertTrue(e.getMessage().startsWith(m.file() + ":" + last + ": "), e::getMessage);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
