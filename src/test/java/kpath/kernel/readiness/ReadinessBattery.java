package kpath.kernel.readiness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kpath.kernel.scenario.Capture;
import kpath.kernel.scenario.Scenario;
import kpath.trace.TraceReader;

/**
 * Test-scope runner: captures the readiness battery (or the scenarios named on the command line)
 * into {@code traces/readiness/} and reads each written trace back with {@link TraceReader}.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes \
 *     kpath.kernel.readiness.ReadinessBattery [--out DIR] [name ...]</pre>
 */
public final class ReadinessBattery {

    private ReadinessBattery() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("traces/readiness");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                names.add(args[i]);
            }
        }
        Set<String> wanted = Set.copyOf(names);
        List<Scenario> battery = ReadinessScenarios.all().stream()
                .filter(s -> wanted.isEmpty() || wanted.contains(s.name()))
                .toList();
        int failed = 0;
        for (Capture.Outcome o : Capture.run(battery, out)) {
            switch (o) {
                case Capture.Outcome.Written w -> {
                    String back;
                    try {
                        TraceReader.read(w.path());
                        back = "reads back";
                    } catch (Exception e) {
                        back = "READ-BACK ERROR " + e.getMessage();
                        failed++;
                    }
                    System.out.println(w.scenario() + ": written " + w.path() + ", " + back);
                }
                case Capture.Outcome.Skipped s -> System.out.println(s.scenario() + ": SKIPPED " + s.reason());
                case Capture.Outcome.Failed f -> {
                    System.out.println(f.scenario() + ": FAILED " + f.message());
                    failed++;
                }
            }
        }
        if (failed > 0) {
            System.exit(1);
        }
    }
}
