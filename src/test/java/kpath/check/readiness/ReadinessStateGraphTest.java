package kpath.check.readiness;

import kpath.check.GraphComparison;
import kpath.check.GraphDiff;
import kpath.check.Tlc;
import kpath.check.TlcResult;
import kpath.check.SpecText;
import kpath.check.Specs;
import kpath.model.readiness.ReadinessModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Java readiness model's reachable state graph equals TLC's for specs/MCReadiness.tla (states,
 * initial states, rule-labelled edges). Method: explore both at the MC bounds and compare canonical
 * state texts; check that MCReadiness.tla writes the same bounds as ReadinessMc; then check the
 * model shipped broken on purpose (specs/BrokenReadinessEtRequeued) fails as its .expected file says.
 */
class ReadinessStateGraphTest {

    static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Test
    void javaModelAndSpecHaveTheSameStateGraphAndTheManifestHolds() throws Exception {
        GraphComparison.Outcome o = ReadinessMc.compare(ReadinessMc.model(), Specs.dir(), ReadinessMc.MODULE,
                ReadinessMc.CFG, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        assertTrue(o.java().violation().isEmpty(), () -> o.java().violation().orElseThrow().toString());
        assertEquals(o.tlc().distinctStates(), o.java().distinctStates());
        assertEquals(o.tlc().depth(), o.java().depth());
        // the recorded TLC result after ==== in MCReadiness.tla is a regression check (STYLE 16)
        assertEquals(recordedDistinctStates(), o.tlc().distinctStates(), "distinct states differ from the manifest");
        assertEquals(Integer.parseInt(recorded().group(2)), o.tlc().depth(), "depth differs from the manifest");
    }

    /** The TLC result recorded after ==== in MCReadiness.tla: distinct states (group 1) and depth (group 2). */
    static Matcher recorded() throws Exception {
        return SpecText.recorded(ReadinessMc.MODULE);
    }

    static long recordedDistinctStates() throws Exception {
        return Long.parseLong(recorded().group(1));
    }

    /** MCReadinessScale: four zones under DataBounded alone, as ReadinessMc.scaleBounds says. */
    @Test
    void mcReadinessScaleWritesTheBoundsOfReadinessMcScale() throws Exception {
        String scale = Files.readString(Specs.dir().resolve(ReadinessMc.SCALE + ".tla"));
        assertTrue(scale.contains("MCScaleCalls == MCPipeCalls \\cup MCSemaphoreCalls \\cup MCFileCalls \\cup MCNestCalls\n"),
                "MCScaleCalls");
        assertTrue(scale.contains("ScaleConstraint == DataBounded\n"), "ScaleConstraint");
        String mc = Files.readString(Specs.dir().resolve(ReadinessMc.MODULE + ".tla"));
        List<String> calls = new java.util.ArrayList<>();
        for (String block : List.of("MCPipeCalls", "MCSemaphoreCalls", "MCFileCalls", "MCNestCalls")) {
            calls.addAll(records(block(mc, block + " == {")));
        }
        assertEquals(calls, ReadinessMc.scaleBounds().universe().stream().map(ReadinessMc::tla).toList(), "MCScaleCalls");
        assertEquals(records(block(mc, "MCSetup == <<")), ReadinessMc.scaleBounds().setup().stream().map(ReadinessMc::tla).toList());
        String cfg = Files.readString(Specs.dir().resolve(ReadinessMc.SCALE + ".cfg"));
        String base = Files.readString(Specs.dir().resolve(ReadinessMc.CFG));
        assertEquals(base.replace("Calls <- MCCalls", "Calls <- MCScaleCalls")
                .replace("CONSTRAINT StateConstraint", "CONSTRAINT ScaleConstraint"), cfg, "MCReadinessScale.cfg is MCReadiness.cfg but for calls and constraint");
    }

    @Test
    void mcReadinessWritesTheBoundsOfReadinessMc() throws Exception {
        String mc = Files.readString(Specs.dir().resolve(ReadinessMc.MODULE + ".tla"));
        assertEquals(ReadinessMc.setup().stream().map(ReadinessMc::tla).toList(), records(block(mc, "MCSetup == <<")));
        List<String> calls = new java.util.ArrayList<>(records(block(mc, "MCPipeCalls == {")));
        assertEquals(ReadinessMc.pipeZone().stream().map(ReadinessMc::tla).toList(), calls, "MCPipeCalls");
        for (var zone : Map.of("MCSemaphoreCalls", ReadinessMc.semaphoreZone(), "MCFileCalls", ReadinessMc.fileZone(),
                "MCNestCalls", ReadinessMc.nestZone()).entrySet()) {
            List<String> records = records(block(mc, zone.getKey() + " == {"));
            assertEquals(zone.getValue().stream().map(ReadinessMc::tla).toList(), records, zone.getKey());
            calls.addAll(records);
        }
        calls.addAll(records(block(mc, "MCCalls == MCPipeCalls \\cup MCSemaphoreCalls \\cup MCFileCalls \\cup MCNestCalls \\cup {")));
        assertEquals(ReadinessMc.universe().size(), calls.size(), "MCCalls and ReadinessMc.universe() differ in size");
        assertEquals(new HashSet<>(ReadinessMc.universe().stream().map(ReadinessMc::tla).toList()), new HashSet<>(calls));
        assertEquals(ReadinessMc.names(), strings(block(mc, "MCNameOrder == <<")));
        Set<Set<String>> zones = new HashSet<>();
        Matcher z = Pattern.compile("\\{(\"[^{}]*)\\}").matcher(block(mc, "MCZones == {"));
        while (z.find()) {
            zones.add(Set.copyOf(strings(z.group(1))));
        }
        assertEquals(Set.copyOf(ReadinessMc.zones()), zones);
        assertTrue(mc.contains("MCMax == " + ReadinessMc.MAX + "\n"), "MCMax differs from ReadinessMc.MAX");
    }

    @Test
    void signalDrivenIoOnTcpHasTheSameStateGraphAndObservablesInJavaAndInTheSpec() throws Exception {
        GraphComparison.Outcome o = ReadinessMc.compareSigioTcp(Specs.dir(), TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        assertTrue(o.java().violation().isEmpty(), () -> o.java().violation().orElseThrow().toString());
        assertTrue(ReadinessMc.labels(o.java().graph()).containsAll(List.of("ConnectTcpInProgress", "WriteTcp", "ShutdownTcp",
                "TaskSleeps", "ReadTcp", "ReadTcpEof", "TcpSockError", "SigioTaken", "SigtimedwaitEagain", "FcntlSetflAsync",
                "SendOobTcp", "SigurgTaken")),
                () -> ReadinessMc.labels(o.java().graph()).toString());
        Matcher m = SpecText.recorded(ReadinessMc.SIGIO_TCP_MODULE);
        assertEquals(Long.parseLong(m.group(1)), o.tlc().distinctStates(), "distinct states differ from the manifest");
        assertEquals(Integer.parseInt(m.group(2)), o.tlc().depth(), "depth differs from the manifest");
        String mc = Files.readString(Specs.dir().resolve(ReadinessMc.SIGIO_TCP_MODULE + ".tla"));
        assertEquals(ReadinessMc.sigioTcpSetup().stream().map(ReadinessMc::tla).toList(), records(block(mc, "MCSigioTcpSetup == <<")));
        assertEquals(new HashSet<>(ReadinessMc.sigioTcpUniverse().stream().map(ReadinessMc::tla).toList()),
                new HashSet<>(records(block(mc, "MCSigioTcpCalls == {"))));
        assertEquals(ReadinessMc.sigioTcpNames(), strings(block(mc, "MCSigioTcpNameOrder == <<")));
        GraphComparison.Outcome obs = ReadinessMc.compareSigioTcpObservables(Specs.dir(), TIMEOUT);
        assertTrue(obs.diff().same(), obs.diff()::report);
    }

    /** A model broken on purpose, shipped in specs/ with the failure it must show (its .expected file). */
    static final String BROKEN = "BrokenReadinessEtRequeued";

    @Test
    void theShippedBrokenModelFailsAsItsExpectedFileSays(@TempDir Path dir) throws Exception {
        // ep_send_events puts an EPOLLET item back on the ready list as if it were level-triggered,
        // so it is reported again without a new wake-up (Requeued <- EtRequeued in its .cfg)
        Map<String, String> expected = expected(Specs.dir().resolve(BROKEN + ".expected"));
        // the spec's own invariant catches it first ...
        TlcResult checked = Tlc.run(Specs.dir(), BROKEN, BROKEN + ".cfg", Optional.empty(), TIMEOUT);
        assertEquals(TlcResult.Outcome.INVARIANT_VIOLATION, checked.outcome(), checked.report());
        assertEquals(Optional.of(expected.get("violated invariant")), checked.violatedInvariant(), checked.report());
        assertEquals(expected.get("counterexample"),
                String.join(", ", checked.traceStates().stream().map(TlcResult.TraceState::action).toList()));
        // ... and without that invariant the state graphs differ
        String cfg = Files.readString(Specs.dir().resolve(BROKEN + ".cfg"));
        String lenient = cfg.replace("    " + expected.get("violated invariant") + "\n", "");
        assertNotEquals(cfg, lenient);
        Path lenientCfg = dir.resolve("Lenient.cfg");
        Files.writeString(lenientCfg, lenient);
        // at the bounds of its .cfg: MCReadiness's pipe zone
        GraphComparison.Outcome o = ReadinessMc.compare(new ReadinessModel(new ReadinessModel.Bounds(ReadinessMc.setup(),
                        ReadinessMc.pipeZone())), Specs.dir(), BROKEN,
                lenientCfg.toAbsolutePath().toString(), TIMEOUT);
        assertFalse(o.diff().same(), "re-queued EPOLLET items must change the graph");
        GraphDiff d = o.diff();
        assertEquals(expected.get("distinct states"), "Java " + o.java().distinctStates() + ", TLC " + o.tlc().distinctStates(),
                d::report);
        assertEquals(expected.get("states only in Java"), String.valueOf(d.statesOnlyInJava()), d::report);
        assertEquals(expected.get("states only in TLC"), String.valueOf(d.statesOnlyInTlc()), d::report);
        assertEquals(expected.get("edges only in Java"), String.valueOf(d.edgesOnlyInJava()), d::report);
        assertEquals(expected.get("edges only in TLC"), String.valueOf(d.edgesOnlyInTlc()), d::report);
    }

    @Test
    void everyObservableReadsTheSameInJavaAndInTheSpec() throws Exception {
        GraphComparison.Outcome o = ReadinessMc.compareObservables(ReadinessMc.model(), Specs.dir(), ReadinessMc.MODULE,
                ReadinessMc.CFG, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        assertEquals(recordedDistinctStates(), o.tlc().distinctStates(),
                "the observables are functions of the state: no new states");
    }

    static Map<String, String> expected(Path file) throws java.io.IOException {
        return SpecText.expected(file);
    }

    static String block(String mc, String start) {
        return SpecText.block(mc, start);
    }

    static List<String> records(String block) {
        return SpecText.records(block);
    }

    static List<String> strings(String text) {
        return SpecText.strings(text);
    }
}
