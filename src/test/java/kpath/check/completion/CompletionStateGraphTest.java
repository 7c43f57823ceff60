package kpath.check.completion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import kpath.check.GraphComparison;
import kpath.check.GraphDiff;
import kpath.check.SpecText;
import kpath.check.Specs;
import kpath.check.readiness.ReadinessMc;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The io_uring part of the process model: its reachable state graph equals TLC's for
 * specs/MCCompletion.tla (states, initial states, rule-labelled edges), MCCompletion.tla writes
 * CompletionMc's bounds, and the model shipped broken on purpose (specs/BrokenCompletionDropsOverflow:
 * a full CQ drops the CQE instead of keeping it on the overflow list) fails as its .expected file says.
 */
class CompletionStateGraphTest {

    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void javaModelAndSpecHaveTheSameStateGraphAndTheManifestHolds() throws Exception {
        GraphComparison.Outcome o = CompletionMc.compare(CompletionMc.model(), Specs.dir(), CompletionMc.MODULE,
                CompletionMc.CFG, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        assertTrue(o.java().violation().isEmpty(), () -> o.java().violation().orElseThrow().toString());
        assertEquals(o.tlc().distinctStates(), o.java().distinctStates());
        assertEquals(o.tlc().depth(), o.java().depth());
        Matcher m = recorded(CompletionMc.MODULE);
        assertEquals(Long.parseLong(m.group(1)), o.tlc().distinctStates(), "distinct states differ from the manifest");
        assertEquals(Integer.parseInt(m.group(2)), o.tlc().depth(), "depth differs from the manifest");
        Set<String> rules = ReadinessMc.labels(o.java().graph());
        for (String r : List.of("IoUringSetupOk", "IoUringSetupEinval", "IoUringEnterOk", "IoUringEnterEopnotsupp",
                "Ebadf", "CqReaped", "IoEinval", "PollOk", "CloseRelease", "IoUringPollTaskWork")) {
            assertTrue(rules.contains(r), r + " labels no edge at these bounds: " + rules);
        }
    }

    @Test
    void linkChainsHaveTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        GraphComparison.Outcome o = CompletionMc.compare(CompletionMc.linksModel(), Specs.dir(), CompletionMc.LINKS_MODULE,
                CompletionMc.LINKS_CFG, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        assertTrue(o.java().violation().isEmpty(), () -> o.java().violation().orElseThrow().toString());
        assertTrue(ReadinessMc.labels(o.java().graph()).containsAll(List.of("IoUringRegisterEventfdOk", "IoUringRegisterEbusy",
                "IoUringRegisterEinval", "ReadEventfd")), () -> ReadinessMc.labels(o.java().graph()).toString());
        Matcher m = recorded(CompletionMc.LINKS_MODULE);
        assertEquals(Long.parseLong(m.group(1)), o.tlc().distinctStates(), "distinct states differ from the manifest");
        String mc = Files.readString(Specs.dir().resolve(CompletionMc.LINKS_MODULE + ".tla"));
        assertEquals(CompletionMc.linksSetup().stream().map(ReadinessMc::tla).toList(), records(block(mc, "MCLinksSetup == <<")));
        assertEquals(new HashSet<>(CompletionMc.linksUniverse().stream().map(ReadinessMc::tla).toList()),
                new HashSet<>(records(block(mc, "MCLinksCalls == {"))));
        GraphComparison.Outcome obs = CompletionMc.compareObservables(CompletionMc.linksModel(), Specs.dir(),
                CompletionMc.LINKS_MODULE, CompletionMc.LINKS_CFG, TIMEOUT);
        assertTrue(obs.diff().same(), obs.diff()::report);
    }

    @Test
    void readsHaveTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        GraphComparison.Outcome o = CompletionMc.compare(CompletionMc.readsModel(), Specs.dir(), CompletionMc.READS_MODULE,
                CompletionMc.READS_CFG, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        assertTrue(o.java().violation().isEmpty(), () -> o.java().violation().orElseThrow().toString());
        assertEquals(Long.parseLong(recorded(CompletionMc.READS_MODULE).group(1)), o.tlc().distinctStates(),
                "distinct states differ from the manifest");
        String mc = Files.readString(Specs.dir().resolve(CompletionMc.READS_MODULE + ".tla"));
        assertEquals(CompletionMc.readsSetup().stream().map(ReadinessMc::tla).toList(), records(block(mc, "MCReadsSetup == <<")));
        assertEquals(new HashSet<>(CompletionMc.readsUniverse().stream().map(ReadinessMc::tla).toList()),
                new HashSet<>(records(block(mc, "MCReadsCalls == {"))));
        GraphComparison.Outcome obs = CompletionMc.compareObservables(CompletionMc.readsModel(), Specs.dir(),
                CompletionMc.READS_MODULE, CompletionMc.READS_CFG, TIMEOUT);
        assertTrue(obs.diff().same(), obs.diff()::report);
    }

    @Test
    void aioHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        GraphComparison.Outcome o = CompletionMc.compare(CompletionMc.aioModel(), Specs.dir(), CompletionMc.AIO_MODULE,
                CompletionMc.AIO_CFG, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        assertTrue(o.java().violation().isEmpty(), () -> o.java().violation().orElseThrow().toString());
        assertTrue(ReadinessMc.labels(o.java().graph()).containsAll(List.of("IoSetupOk", "AioEinval", "IoSubmitOk", "IoSubmitStopsShort", "IoCancelEinprogress",
                "IoGeteventsOk", "IoDestroyOk", "AioPollWoken")), () -> ReadinessMc.labels(o.java().graph()).toString());
        assertEquals(Long.parseLong(recorded(CompletionMc.AIO_MODULE).group(1)), o.tlc().distinctStates());
        String mc = Files.readString(Specs.dir().resolve(CompletionMc.AIO_MODULE + ".tla"));
        assertEquals(CompletionMc.aioSetup().stream().map(ReadinessMc::tla).toList(), records(block(mc, "MCAioSetup == <<")));
        assertEquals(new HashSet<>(CompletionMc.aioUniverse().stream().map(ReadinessMc::tla).toList()),
                new HashSet<>(records(block(mc, "MCAioCalls == {"))));
        GraphComparison.Outcome obs = CompletionMc.compareObservables(CompletionMc.aioModel(), Specs.dir(),
                CompletionMc.AIO_MODULE, CompletionMc.AIO_CFG, TIMEOUT);
        assertTrue(obs.diff().same(), obs.diff()::report);
    }

    @Test
    void everyObservableReadsTheSameInJavaAndInTheSpec() throws Exception {
        GraphComparison.Outcome o = CompletionMc.compareObservables(CompletionMc.model(), Specs.dir(),
                CompletionMc.MODULE, CompletionMc.CFG, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
    }

    @Test
    void mcCompletionWritesTheBoundsOfCompletionMc() throws Exception {
        String mc = Files.readString(Specs.dir().resolve(CompletionMc.MODULE + ".tla"));
        assertEquals(CompletionMc.setup().stream().map(ReadinessMc::tla).toList(), records(block(mc, "MCSetup == <<")));
        List<String> calls = records(block(mc, "MCCalls == {"));
        assertEquals(CompletionMc.universe().size(), calls.size());
        assertEquals(new HashSet<>(CompletionMc.universe().stream().map(ReadinessMc::tla).toList()), new HashSet<>(calls));
        assertTrue(mc.contains("MCMax == " + CompletionMc.MAX + "\n"), "MCMax differs from CompletionMc.MAX");
    }

    static final String BROKEN = "BrokenCompletionDropsOverflow";

    @Test
    void theShippedBrokenModelFailsAsItsExpectedFileSays() throws Exception {
        Map<String, String> expected = expected(Specs.dir().resolve(BROKEN + ".expected"));
        GraphComparison.Outcome o = CompletionMc.compare(CompletionMc.model(), Specs.dir(), BROKEN, BROKEN + ".cfg",
                TIMEOUT);
        GraphDiff d = o.diff();
        assertFalse(d.same(), "an overflow that drops CQEs must change the graph");
        assertEquals(expected.get("distinct states"), "Java " + o.java().distinctStates() + ", TLC " + o.tlc().distinctStates(),
                d::report);
        assertEquals(expected.get("states only in Java"), String.valueOf(d.statesOnlyInJava()), d::report);
        assertEquals(expected.get("states only in TLC"), String.valueOf(d.statesOnlyInTlc()), d::report);
        assertEquals(expected.get("edges only in Java"), String.valueOf(d.edgesOnlyInJava()), d::report);
        assertEquals(expected.get("edges only in TLC"), String.valueOf(d.edgesOnlyInTlc()), d::report);
    }

    static Matcher recorded(String module) throws Exception {
        return SpecText.recorded(module);
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
}
