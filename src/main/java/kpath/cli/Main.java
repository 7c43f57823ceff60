package kpath.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code kpath} command. Exit codes: 0 all agreed, 1 a divergence (kernel, model and spec
 * disagree somewhere), 2 bad input (unknown option, unreadable or malformed trace, a trace without
 * its end marker, missing privilege asked for), 3 a checker limit reached on a valid trace (the
 * message names the line and the count).
 */
public final class Main {
    private Main() {}

    static final String USAGE = """
            usage: kpath <verb> [options]
              conform [--out DIR] [--unprivileged]  capture the scenario battery on this kernel, check every
                                                    trace against the Java model and the TLA+ spec, print a table
              capture [--out DIR] [SCENARIO…]       capture traces only (default DIR: traces/<path>)
              check [--write-expected] TRACE…       replay traces against the model and TLC; with
                                                    --write-expected write each report to TRACE.expected
              spec                                  run TLC on every spec (exhaustive, small bounds)
              explore                               compare the Java model's state graph with TLC's
              scenarios                             list the scenarios
            """;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "conform" -> Commands.conform(Options.parse("conform", rest, List.of("--out"), List.of("--unprivileged")), out);
                case "capture" -> Commands.capture(Options.parse("capture", rest, List.of("--out"), List.of()), out);
                case "check" -> Commands.check(Options.parse("check", rest, List.of(), List.of("--write-expected")), out, err);
                case "spec" -> Commands.spec(Options.parse("spec", rest, List.of(), List.of()), out);
                case "explore" -> Commands.explore(Options.parse("explore", rest, List.of(), List.of()), out);
                case "scenarios" -> Commands.scenarios(out);
                default -> throw new UsageException("unknown verb '" + args[0] + "'\n" + USAGE);
            };
        } catch (UsageException e) {
            err.println("kpath: " + e.getMessage());
            return e.exitCode();
        }
    }
}
