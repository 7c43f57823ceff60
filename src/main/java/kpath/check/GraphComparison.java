package kpath.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Java model's reachable state graph against TLC's, at the bounds of an MC module: states,
 * initial states and action-labelled edges must be equal.
 */
public final class GraphComparison {
    private GraphComparison() {}

    public record Outcome(Explorer.Result java, TlcResult tlc, GraphDiff diff) {}

    /** TLC's state graph for {@code module} in {@code specDir} (dumped with action labels) against {@code java}'s. */
    public static Outcome against(Explorer.Result java, Path specDir, String module, String cfg, Duration timeout)
            throws CheckException {
        Path dot = null;
        try {
            dot = Files.createTempFile("kpath-tlc", ".dot");
            TlcResult tlc = Tlc.run(specDir, module, cfg, Optional.of(dot), timeout);
            if (!tlc.succeeded()) {
                throw new CheckException(specDir.resolve(module + ".tla") + ": TLC did not complete: " + tlc.report());
            }
            StateGraph tlcGraph = StateGraph.fromDot(dot);
            return new Outcome(java, tlc, StateGraph.compare(java.graph(), tlcGraph));
        } catch (IOException e) {
            throw new CheckException("cannot read TLC's state graph: " + e.getMessage());
        } finally {
            if (dot != null) {
                try {
                    Files.deleteIfExists(dot);
                } catch (IOException ignored) {
                    // a leftover temp file does not change the comparison
                }
            }
        }
    }
}
