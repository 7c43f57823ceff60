package kpath.check.completion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The completion behaviours reference ({@code src/main/resources/kpath/completion-behaviours.md})
 * cannot rot: every trace a row names exists and says it is that scenario, every trace under
 * {@code traces/completion/} and {@code traces/glibc/} is named by a row, every captured row names a trace, ids are unique,
 * statuses are the three the document defines, and its counts — and the README's — are the rows'.
 * Method: parse the document's table rows (cells split at unescaped {@code |}) and compare with
 * the files under {@code traces/}; a second test edits the document and expects each edit reported.
 */
class CompletionBehavioursTest {

    static final String RESOURCE = "/kpath/completion-behaviours.md";
    static final Path TRACES = Path.of("traces");
    static final Set<String> STATUSES = Set.of("captured", "not observable", "not yet captured");
    static final Pattern ID = Pattern.compile("[A-Z]+(?:-[A-Z]+)?-\\d\\d");
    static final Pattern TRACE = Pattern.compile("`((?:completion|glibc|jdk|readiness|tcp)/[A-Za-z0-9._/-]+)`");
    static final Pattern CELL_SPLIT = Pattern.compile("(?<!\\\\)\\|");

    record Row(int line, String id, String status, List<String> traces) {
    }

    static List<Row> rows(String doc) {
        List<Row> rows = new ArrayList<>();
        String[] lines = doc.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (!l.startsWith("| ")) continue;
            String[] cells = CELL_SPLIT.split(l, -1);
            if (cells.length < 2 || !ID.matcher(cells[1].strip()).matches()) continue;
            String status = cells.length > 3 ? cells[3].strip() : "";
            List<String> traces = new ArrayList<>();
            Matcher m = TRACE.matcher(cells.length > 4 ? cells[4] : "");
            while (m.find()) traces.add(m.group(1));
            rows.add(new Row(i + 1, cells[1].strip(), status, traces));
        }
        return rows;
    }

    /** The sentence both the document and the README must hold, from the rows. */
    static String counts(List<Row> rows) {
        List<Row> catalogue = rows.stream().filter(r -> !r.id().startsWith("K-")).toList();
        long own = rows.size() - catalogue.size();
        return catalogue.size() + " catalogue rows: " + count(catalogue, "captured") + " captured, "
                + count(catalogue, "not observable") + " not observable, "
                + count(catalogue, "not yet captured") + " not yet captured; and " + own + " rows (K-)";
    }

    static long count(List<Row> rows, String status) {
        return rows.stream().filter(r -> r.status().equals(status)).count();
    }

    /** Every way the document disagrees with the traces and the README, one message each. */
    static List<String> problems(String doc, String readme, Path traces) throws IOException {
        List<String> out = new ArrayList<>();
        List<Row> rows = rows(doc);
        if (rows.isEmpty()) out.add("no rows");
        Set<String> ids = new LinkedHashSet<>();
        Set<String> named = new TreeSet<>();
        for (Row r : rows) {
            String at = "line " + r.line() + " " + r.id() + ": ";
            if (!ids.add(r.id())) out.add(at + "id twice");
            if (!STATUSES.contains(r.status())) out.add(at + "status '" + r.status() + "'");
            if (r.status().equals("captured") && r.traces().isEmpty()) out.add(at + "captured, names no trace");
            for (String t : r.traces()) {
                named.add(t);
                Path f = traces.resolve(t + ".trace");
                if (!Files.isRegularFile(f)) {
                    out.add(at + "no trace " + f);
                    continue;
                }
                String base = f.getFileName().toString();
                String scenario = base.substring(0, base.indexOf('.'));
                if (!Files.readString(f).contains("\nscenario: " + scenario + "\n"))
                    out.add(at + f + " is not scenario " + scenario);
            }
        }
        for (String dir : List.of("completion", "glibc")) {
            try (Stream<Path> s = Files.walk(traces.resolve(dir))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".trace")).sorted().toList()) {
                    String name = traces.relativize(f).toString().replace('\\', '/');
                    name = name.substring(0, name.length() - ".trace".length());
                    if (!named.contains(name)) out.add("no row names " + name);
                }
            }
        }
        String counts = counts(rows);
        if (!doc.contains("Counts: " + counts)) out.add("document's counts are not '" + counts + "'");
        if (!readme.contains(counts)) out.add("README's counts are not '" + counts + "'");
        return out;
    }

    static String document() throws IOException {
        try (InputStream in = CompletionBehavioursTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void documentAgreesWithTheTracesAndTheReadme() throws IOException {
        String doc = document();
        assertEquals(List.of(), problems(doc, Files.readString(Path.of("README.md")), TRACES));
        List<Row> rows = rows(doc);
        assertTrue(rows.size() > 100, "rows: " + rows.size());
        assertTrue(rows.stream().anyMatch(r -> r.traces().contains("completion/other-outcomes/io-uring-drain.io-wq-late")));
    }

    @Test
    void editsOfTheDocumentAreReported() throws IOException {
        String doc = document();
        String readme = Files.readString(Path.of("README.md"));
        String[] lines = doc.split("\n", -1);

        // a trace renamed in one row
        String renamed = doc.replace("`completion/io-uring-setup-sizes-and-errors`: 1",
                "`completion/io-uring-setup-sizes-and-error`: 1");
        assertNotEquals(doc, renamed);
        assertTrue(problems(renamed, readme, TRACES).stream()
                .anyMatch(p -> p.contains("U-SET-01: no trace traces/completion/io-uring-setup-sizes-and-error.trace")));

        // the only row naming a trace deleted: that trace is unnamed, and the counts move
        String dropped = String.join("\n", Arrays.stream(lines)
                .filter(l -> !l.startsWith("| K-04 ")).toList());
        List<String> p = problems(dropped, readme, TRACES);
        assertTrue(p.contains("no row names completion/aio-poll-holds-its-file"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("document's counts")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("README's counts")), p.toString());

        // a status misspelled, and a captured row stripped of its traces
        String misspelt = doc.replace("| U-SET-02 | 0 entries is `EINVAL` (`io_uring_fill_params`) | captured |",
                "| U-SET-02 | 0 entries is `EINVAL` (`io_uring_fill_params`) | catured |");
        assertNotEquals(doc, misspelt);
        assertTrue(problems(misspelt, readme, TRACES).stream().anyMatch(s -> s.contains("U-SET-02: status 'catured'")));
        String bare = doc.replace("| captured | `completion/io-uring-setup-sizes-and-errors` |", "| captured | - |");
        assertNotEquals(doc, bare);
        assertTrue(problems(bare, readme, TRACES).stream().anyMatch(s -> s.contains("U-SET-02: captured, names no trace")));

        // an id twice
        String twice = doc.replace("| U-SET-03 |", "| U-SET-02 |");
        assertTrue(problems(twice, readme, TRACES).stream().anyMatch(s -> s.contains("U-SET-02: id twice")));
    }
}
