package kpath.check.readiness;

import kpath.check.GraphComparison;
import kpath.check.Tlc;
import kpath.check.TlcResult;
import kpath.check.Specs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Java readiness model's reachable state graph equals TLC's for specs/MCReadiness.tla (states,
 * initial states, rule-labelled edges). Method: explore both at the MC bounds and compare canonical
 * state texts; check that MCReadiness.tla writes the same bounds as ReadinessMc; then break the
 * spec on purpose and see the comparison fail.
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
        String mc = Files.readString(Specs.dir().resolve(ReadinessMc.MODULE + ".tla"));
        Matcher m = Pattern.compile("distinct states:\\s*(\\d+).*?depth:\\s*(\\d+)", Pattern.DOTALL).matcher(mc);
        assertTrue(m.find(), "MCReadiness.tla has no recorded TLC result after ====");
        assertEquals(Long.parseLong(m.group(1)), o.tlc().distinctStates(), "distinct states differ from the manifest");
        assertEquals(Integer.parseInt(m.group(2)), o.tlc().depth(), "depth differs from the manifest");
    }

    @Test
    void mcReadinessWritesTheBoundsOfReadinessMc() throws Exception {
        String mc = Files.readString(Specs.dir().resolve(ReadinessMc.MODULE + ".tla"));
        assertEquals(ReadinessMc.setup().stream().map(ReadinessMc::tla).toList(), records(block(mc, "MCSetup == <<")));
        List<String> calls = records(block(mc, "MCCalls == {"));
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
    void edgeTriggeredItemsRequeuedLikeLevelTriggeredInTheSpecBreakTheComparison(@TempDir Path dir) throws Exception {
        // The broken variant: ep_send_events puts an EPOLLET item back on the ready list as if it
        // were level-triggered, so it is reported again without a new wake-up.
        String spec = Files.readString(Specs.dir().resolve("Readiness.tla"));
        String broken = spec.replace("ELSE IF \"ET\" \\notin it.events THEN", "ELSE IF TRUE THEN");
        assertNotEquals(spec, broken, "the edge-triggered branch of SendEvents was not found in Readiness.tla");
        Files.writeString(dir.resolve("Readiness.tla"), broken);
        Files.copy(Specs.dir().resolve(ReadinessMc.MODULE + ".tla"), dir.resolve(ReadinessMc.MODULE + ".tla"));
        String cfg = Files.readString(Specs.dir().resolve(ReadinessMc.CFG));
        Files.writeString(dir.resolve(ReadinessMc.CFG), cfg);
        // the spec's own invariant catches it first ...
        TlcResult checked = Tlc.run(dir, ReadinessMc.MODULE, ReadinessMc.CFG, java.util.Optional.empty(), TIMEOUT);
        assertEquals(TlcResult.Outcome.INVARIANT_VIOLATION, checked.outcome(), checked.report());
        assertEquals(java.util.Optional.of("EtOneshotNotReportedTwicePerCallback"), checked.violatedInvariant(), checked.report());
        // ... and without that invariant the state graphs differ
        String lenient = cfg.replace("    EtOneshotNotReportedTwicePerCallback\n", "");
        assertNotEquals(cfg, lenient);
        Files.writeString(dir.resolve("Lenient.cfg"), lenient);
        GraphComparison.Outcome o = ReadinessMc.compare(ReadinessMc.model(), dir, ReadinessMc.MODULE, "Lenient.cfg",
                TIMEOUT);
        assertFalse(o.diff().same(), "re-queued EPOLLET items must change the graph");
        // e.g. an ET item still queued after epoll_wait reported it, and reported by the next one
        assertTrue(o.diff().statesOnlyInTlc() > 0, o.diff()::report);
        assertNotEquals(o.java().distinctStates(), o.tlc().distinctStates());
    }

    /** The text after {@code start} (which ends with an opening "<<" or "{") up to its closing bracket. */
    static String block(String mc, String start) {
        int i = mc.indexOf(start);
        assertTrue(i >= 0, "MCReadiness.tla has no " + start);
        int from = i + start.length();
        int depth = 1;
        for (int j = from; j < mc.length(); j++) {
            char c = mc.charAt(j);
            boolean open = mc.startsWith("<<", j) || c == '[' || c == '{';
            boolean close = mc.startsWith(">>", j) || c == ']' || c == '}';
            if (open || close) {
                depth += open ? 1 : -1;
                if (depth == 0) {
                    return mc.substring(from, j);
                }
                j += mc.startsWith("<<", j) || mc.startsWith(">>", j) ? 1 : 0;
            }
        }
        throw new AssertionError(start + " is not closed");
    }

    /** The top-level "[call |-> ...]" records of a block, each on its own line. */
    static List<String> records(String block) {
        List<String> r = new ArrayList<>();
        for (String line : block.split("\n")) {
            String t = line.strip();
            if (t.startsWith("[call")) {
                r.add(t.endsWith(",") ? t.substring(0, t.length() - 1) : t);
            }
        }
        return r;
    }

    static List<String> strings(String text) {
        List<String> s = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(text);
        while (m.find()) {
            s.add(m.group(1));
        }
        return s;
    }
}
