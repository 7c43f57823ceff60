package kpath.check.glibc;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import kpath.check.GraphComparison;
import kpath.check.SpecText;
import kpath.check.Specs;
import kpath.model.glibc.GlibcAio;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The glibc machine's reachable state graph equals TLC's for specs/MCGlibcAio.tla (states, initial
 * states, rule-labelled edges), the numbers recorded in MCGlibcAio.tla hold, and every rule labels an
 * edge, so both checkers read a glibc trace with the same rules.
 */
class GlibcStateGraphTest {

    @Test
    void javaModelAndSpecHaveTheSameStateGraph() throws Exception {
        GraphComparison.Outcome o = GlibcBinding.compare(Specs.dir(), GlibcBinding.MODULE, GlibcBinding.CFG, Duration.ofMinutes(2));
        assertTrue(o.diff().same(), o.diff()::report);
        assertTrue(o.java().violation().isEmpty(), () -> o.java().violation().orElseThrow().toString());
        assertEquals(o.tlc().distinctStates(), o.java().distinctStates());
        assertEquals(o.tlc().depth(), o.java().depth());
        Matcher m = SpecText.recorded(GlibcBinding.MODULE);
        assertEquals(Long.parseLong(m.group(1)), o.tlc().distinctStates(), "distinct states differ from the manifest");
        assertEquals(Integer.parseInt(m.group(2)), o.tlc().depth(), "depth differs from the manifest");
        Set<String> labels = new TreeSet<>();
        o.java().graph().edges().forEach(e -> labels.add(e.label()));
        for (GlibcAio.GlibcRule r : GlibcAio.GlibcRule.values()) {
            assertTrue(labels.contains(r.name()), r + " labels no edge: " + labels);
        }
    }
}
