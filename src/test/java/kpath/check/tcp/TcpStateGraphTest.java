package kpath.check.tcp;

import kpath.check.GraphComparison;
import kpath.check.Specs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kpath.model.tcp.KernelProfile;
import kpath.model.tcp.TcpBounds;
import kpath.model.tcp.TcpListen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Java model's reachable state graph equals TLC's for specs/MCTcpListen.tla (states, initial
 * states, rule-labelled edges). Method: explore both at the MC bounds and compare canonical
 * state texts; then break one side on purpose and see the comparison fail.
 */
class TcpStateGraphTest {

    static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Test
    void javaModelAndSpecHaveTheSameStateGraphAndTheManifestHolds() throws Exception {
        GraphComparison.Outcome o = TcpMc.compare(new TcpListen(TcpMc.bounds()), Specs.dir(), TcpMc.MODULE,
                TcpMc.CFG, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        assertTrue(o.java().violation().isEmpty(), () -> o.java().violation().orElseThrow().toString());
        assertEquals(o.tlc().distinctStates(), o.java().distinctStates());
        assertEquals(o.tlc().depth(), o.java().depth());
        // the recorded TLC result after ==== in MCTcpListen.tla is a regression check (STYLE 16)
        Manifest m = Manifest.read(Specs.dir().resolve(TcpMc.MODULE + ".tla"));
        assertEquals(m.distinct(), o.tlc().distinctStates(), "distinct states differ from the manifest");
        assertEquals(m.depth(), o.tlc().depth(), "depth differs from the manifest");
    }

    /** The shipped broken model: specs/BrokenTcpListenAcceptqGe (sk_acceptq_is_full with '>='). */
    static final String BROKEN = "BrokenTcpListenAcceptqGe";

    @Test
    void theShippedBrokenModelBreaksTheComparisonAsItsExpectedReportSays() throws Exception {
        GraphComparison.Outcome o = TcpMc.compare(new TcpListen(TcpMc.bounds()), Specs.dir(), BROKEN, BROKEN + ".cfg",
                TIMEOUT);
        assertFalse(o.diff().same(), "a '>=' accept-queue predicate must change the graph");
        // Java's N+1 capacity reaches states the broken spec cannot, e.g. two children queued at backlog 0.
        assertTrue(o.diff().report().contains("states only in Java"), o.diff()::report);
        assertNotEquals(o.java().distinctStates(), o.tlc().distinctStates());
        String expected = Files.readString(Specs.dir().resolve(BROKEN + ".expected"));
        assertEquals(expected, o.diff().report() + "\n", "the failure differs from the one shipped in specs/");
    }

    @Test
    void everyObservableReadsTheSameInJavaAndInTheSpec() throws Exception {
        GraphComparison.Outcome o = TcpMc.compareObservables(new TcpListen(TcpMc.bounds()), Specs.dir(), TcpMc.MODULE,
                TcpMc.CFG, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        Manifest m = Manifest.read(Specs.dir().resolve(TcpMc.MODULE + ".tla"));
        assertEquals(m.distinct(), o.tlc().distinctStates(), "the observables are functions of the state: no new states");
    }

    @Test
    void anObservableTheSpecReadsDifferentlyBreaksTheObservablesCheck(@TempDir Path dir) throws Exception {
        // The broken reading: TCP_INFO's unacked taken from the SYN queue instead of the accept queue.
        brokenSpecs(dir, "unacked |-> Len(acceptQueue)", "unacked |-> Cardinality(synQueue)");
        GraphComparison.Outcome o = TcpMc.compareObservables(new TcpListen(TcpMc.bounds()), dir, TcpMc.MODULE, TcpMc.CFG,
                TIMEOUT);
        assertFalse(o.diff().same(), "reading unacked from the SYN queue must differ somewhere");
    }

    @Test
    void thePreFixKernelProfileInJavaBreaksTheComparison() throws Exception {
        TcpBounds mc = TcpMc.bounds();
        TcpBounds old = new TcpBounds(mc.clients(), mc.backlogs(), mc.sysctlChoices(), KernelProfile.LINUX_6_5_TO_6_12);
        GraphComparison.Outcome o = TcpMc.compare(new TcpListen(old), Specs.dir(), TcpMc.MODULE, TcpMc.CFG, TIMEOUT);
        assertFalse(o.diff().same(), "qlen >= backlog (before 3479c7549fb1) must differ from qlen > backlog");
        assertTrue(o.diff().report().contains("only in"), o.diff()::report);
    }

    @Test
    void thePreFixKernelProfileHasTheSameStateGraphAsTheSpecWithItsBranch() throws Exception {
        TcpBounds mc = TcpMc.bounds();
        TcpBounds old = new TcpBounds(mc.clients(), mc.backlogs(), mc.sysctlChoices(), KernelProfile.LINUX_6_5_TO_6_12);
        GraphComparison.Outcome o = TcpMc.compare(new TcpListen(old), Specs.dir(), TcpMc.MODULE, TcpMc.CFG_PRE_6_13, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        assertTrue(o.java().violation().isEmpty(), () -> o.java().violation().orElseThrow().toString());
    }

    @Test
    void aLastHalfInsteadOfTheLastQuarterBreaksTheComparison(@TempDir Path dir) throws Exception {
        // tcp_conn_request drops when max_syn_backlog - qlen < max_syn_backlog >> 2; a half would drop
        // the third peer's SYN at tcp_max_syn_backlog 2, where the quarter (0) never drops (MCTcpListenLastQuarter)
        brokenSpecs(dir, "sysctl.tcpMaxSynBacklog \\div 4", "sysctl.tcpMaxSynBacklog \\div 2");
        GraphComparison.Outcome same = TcpMc.compare(new TcpListen(TcpMc.lastQuarterBounds()), Specs.dir(),
                TcpMc.LAST_QUARTER, TcpMc.LAST_QUARTER + ".cfg", TIMEOUT);
        assertTrue(same.diff().same(), same.diff()::report);
        GraphComparison.Outcome o = TcpMc.compare(new TcpListen(TcpMc.lastQuarterBounds()), dir, TcpMc.LAST_QUARTER,
                TcpMc.LAST_QUARTER + ".cfg", TIMEOUT);
        assertFalse(o.diff().same(), "a half instead of a quarter must change the graph at these bounds");
    }

    /** specs/ copied into {@code dir} with {@code from} replaced by {@code to} in TcpListen.tla. */
    private static void brokenSpecs(Path dir, String from, String to) throws Exception {
        String spec = Files.readString(Specs.dir().resolve("TcpListen.tla"));
        String broken = spec.replace(from, to);
        assertNotEquals(spec, broken, "'" + from + "' was not found in TcpListen.tla");
        copySpecs(dir);
        Files.writeString(dir.resolve("TcpListen.tla"), broken);
    }

    private static void copySpecs(Path dir) throws Exception {
        try (var specs = Files.list(Specs.dir())) {
            for (Path p : specs.filter(Files::isRegularFile).toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
    }

    /** "distinct states | depth" as recorded after ==== in an MC module. */
    record Manifest(long distinct, int depth) {
        static Manifest read(Path mc) throws IOException {
            Matcher m = Pattern.compile("distinct states:\\s*(\\d+).*?depth:\\s*(\\d+)", Pattern.DOTALL)
                    .matcher(Files.readString(mc));
            assertTrue(m.find(), mc + " has no recorded TLC result after ====");
            return new Manifest(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)));
        }
    }
}
