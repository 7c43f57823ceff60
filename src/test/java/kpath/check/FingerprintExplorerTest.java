package kpath.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import kpath.check.completion.CompletionMc;
import kpath.check.jdk.JdkBinding;
import kpath.check.readiness.ReadinessMc;
import kpath.check.tcp.TcpMc;
import kpath.model.tcp.TcpListen;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counting explorer against the graph explorer on the MC modules of every binding:
 * the same distinct states, states generated and depth.
 */
class FingerprintExplorerTest {

    private static Explorer<?, ?> explorer(String module) {
        return switch (module) {
            case "MCJdkIo" -> JdkBinding.explorer();
            case "MCCompletion" -> CompletionMc.explorer(CompletionMc.model());
            case "MCCompletionLinks" -> CompletionMc.explorer(CompletionMc.linksModel());
            case "MCCompletionReads" -> CompletionMc.explorer(CompletionMc.readsModel());
            case "MCAio" -> CompletionMc.explorer(CompletionMc.aioModel());
            case "MCSigio" -> CompletionMc.explorer(CompletionMc.sigioModel());
            case "MCCompletionTasks" -> CompletionMc.explorer(CompletionMc.tasksModel());
            case "MCAioTasks" -> CompletionMc.explorer(CompletionMc.aioTasksModel());
            case "MCReadiness" -> ReadinessMc.explorer(ReadinessMc.model());
            case "MCSigioTcp" -> ReadinessMc.explorer(ReadinessMc.sigioTcpModel(), ReadinessMc.SIGIO_TCP_ZONES, ReadinessMc.SIGIO_TCP_MAX);
            case "MCTcpListen" -> TcpMc.explorer(new TcpListen(TcpMc.bounds()));
            case "MCTcpListenLastQuarter" -> TcpMc.explorer(new TcpListen(TcpMc.lastQuarterBounds()));
            default -> throw new IllegalArgumentException(module);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"MCJdkIo", "MCCompletion", "MCCompletionLinks", "MCCompletionReads", "MCAio", "MCSigio",
            "MCCompletionTasks", "MCAioTasks", "MCReadiness", "MCSigioTcp", "MCTcpListen", "MCTcpListenLastQuarter"})
    void scratch(String module) {
        long t0 = System.nanoTime();
        Explorer.Result g = explorer(module).explore();
        long t1 = System.nanoTime();
        FingerprintExplorer.Result f = explorer(module).counting().explore();
        long t2 = System.nanoTime();
        System.out.printf("%s graph: distinct %d java %d gen %d depth %d viol %s %.1fs | fp: distinct %d gen %d depth %d viol %s %.1fs widest %d%n",
                module, g.distinctStates(), g.javaStates(), g.statesGenerated(), g.depth(), g.violation().isPresent(), (t1 - t0) / 1e9,
                f.distinctStates(), f.statesGenerated(), f.depth(), f.violation().isPresent(), (t2 - t1) / 1e9, f.widestFrontier());
    }
}
