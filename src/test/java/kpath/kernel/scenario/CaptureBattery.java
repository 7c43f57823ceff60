package kpath.kernel.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.TcpTraceChecker;
import kpath.trace.TraceReader;

/**
 * Test-scope runner: captures the battery (or the scenarios named on the command line) into
 * {@code traces/tcp/} and replays each written trace with {@link TcpTraceChecker}.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes \
 *     kpath.kernel.scenario.CaptureBattery [--out DIR] [name ...]</pre>
 */
public final class CaptureBattery {

    private CaptureBattery() {
    }

    /** The checker's verdict for one trace file, with the report text when it is not ACCEPTED. */
    static String check(Path file) {
        try {
            CheckReport r = new TcpTraceChecker().check(TraceReader.read(file), file.toString());
            return r.accepted() ? r.verdict().toString() : r.verdict() + "\n" + r.text().indent(4);
        } catch (CheckException e) {
            return "CHECK ERROR: " + e.getMessage();
        } catch (Exception e) {
            return "ERROR: " + e;
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("traces/tcp");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                names.add(args[i]);
            }
        }
        Set<String> wanted = Set.copyOf(names);
        List<Scenario> battery = TcpScenarios.all().stream()
                .filter(s -> wanted.isEmpty() || wanted.contains(s.name()))
                .toList();
        for (Capture.Outcome o : Capture.run(battery, out)) {
            switch (o) {
                case Capture.Outcome.Written w -> {
                    System.out.println(w.scenario() + ": written " + w.path() + ", checker " + check(w.path()));
                }
                case Capture.Outcome.Skipped s -> System.out.println(s.scenario() + ": SKIPPED " + s.reason());
                case Capture.Outcome.Failed f -> System.out.println(f.scenario() + ": FAILED " + f.message());
            }
        }
    }
}
