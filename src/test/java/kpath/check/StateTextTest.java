package kpath.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kpath.model.TlaFunction;
import org.junit.jupiter.api.Test;

class StateTextTest {

    @Test
    void javaStateAndTlcStateHaveTheSameText() {
        TreeMap<String, Object> vars = new TreeMap<>();
        vars.put("x", 0);
        vars.put("str", "q\"uo\\te");
        vars.put("es", Set.of());
        vars.put("eq", List.of());
        vars.put("ef", new TlaFunction(Map.of()));
        vars.put("mv", "a");
        vars.put("rec", Map.of("zz", 1, "aa", Set.of("x", "y")));
        vars.put("nest", List.of(Map.of("u", 1), Map.of("u", 2)));
        // a DOT label exactly as TLC 2.18 wrote it (still DOT-escaped)
        String label = "/\\\\ str = \\\"q\\\\\\\"uo\\\\\\\\te\\\"\\n/\\\\ mv = a\\n/\\\\ rec = [zz |-> 1, aa |-> {\\\"x\\\", \\\"y\\\"}]"
                + "\\n/\\\\ nest = <<[u |-> 1], [u |-> 2]>>\\n/\\\\ x = 0\\n/\\\\ ef = << >>\\n/\\\\ eq = <<>>\\n/\\\\ es = {}";
        assertEquals(StateText.of(vars, Set.of("a")), StateText.fromDotLabel(label));
        assertEquals("""
                ef=<<>>
                eq=<<>>
                es={}
                mv=a
                nest=<<[u |-> 1], [u |-> 2]>>
                rec=[aa |-> {"x", "y"}, zz |-> 1]
                str="q\\"uo\\\\te"
                x=0""", StateText.fromDotLabel(label));
    }

    @Test
    void aSingleVariableStateHasNoConjunctionBullet() {
        assertEquals("x=5", StateText.parse("x = 5"));
        assertEquals("x=5", StateText.parse("/\\ x = 5"));
    }

    @Test
    void valuesMaySpanLines() {
        String trace = """
                /\\ s = "a\\nb"
                /\\ big = << [name |-> "n", val |-> {1, 2}],
                   [name |-> "n", val |-> {3}] >>
                /\\ x = 1""";
        assertEquals("big=<<[name |-> \"n\", val |-> {1, 2}], [name |-> \"n\", val |-> {3}]>>\ns=\"a\\nb\"\nx=1",
                StateText.parse(trace));
    }

    @Test
    void unescapesDotLabels() {
        assertEquals("/\\ s = \"a\\nb\"\n/\\ x = 1", StateText.unescapeDot("/\\\\ s = \\\"a\\\\nb\\\"\\n/\\\\ x = 1"));
    }

    @Test
    void aBackslashEndingALabelStaysABackslash() {
        assertEquals("a\\", StateText.unescapeDot("a\\"));
    }

    @Test
    void statesEndingInALineBreakOrEmptyParse() {
        // TLC's trace states end with a line break
        assertEquals("x=5", StateText.parse("/\\ x = 5\n"));
        assertEquals("", StateText.parse(" \n"));
    }

    @Test
    void aJavaStateWithoutModelValuesKeepsItsStrings() {
        assertEquals("s=\"a\"\nx=1", StateText.of(Map.of("x", 1, "s", "a")));
    }
}
