package kpath.model.proc;

import java.util.List;
import java.util.Map;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A step's copy-on-write maps, and the state's equality and hash, which the replay's sets rest on. */
class CowMapExamples {

    @Example
    void aMapIsCopiedOnlyWhenChangedAndReadsAsTheMapItStandsFor() {
        Map<String, Integer> frozen = Map.of("a", 1, "b", 2);
        CowMap<String, Integer> m = new CowMap<>(frozen);
        assertEquals(2, m.size());
        assertFalse(m.isEmpty());
        assertEquals(1, m.get("a"));
        assertTrue(m.containsKey("b"));
        assertNull(m.remove("zz"));
        assertSame(frozen, m.frozen());
        assertEquals(1, m.put("a", 3));
        assertEquals(Map.of("a", 3, "b", 2), m);
        assertEquals(Map.of("a", 1, "b", 2), frozen); // the state's own map is untouched
        assertEquals(2, m.remove("b"));
        assertEquals(Map.of("a", 3), m.frozen());
        m.clear();
        assertTrue(m.isEmpty());
        assertEquals(0, m.size());
        assertEquals(Map.of(), m.frozen());
    }

    @Example
    void clearingAnEmptyMapAndReadingItsViewsChangeNothing() {
        Map<String, Integer> empty = Map.of();
        CowMap<String, Integer> m = new CowMap<>(empty);
        m.clear();
        assertSame(empty, m.frozen());
        assertTrue(m.isEmpty());
        CowMap<String, Integer> n = new CowMap<>(Map.of("a", 1));
        assertEquals(List.of("a"), List.copyOf(n.keySet()));
        assertEquals(List.of(1), List.copyOf(n.values()));
        assertThrows(UnsupportedOperationException.class, () -> n.keySet().clear()); // views are read-only
        assertThrows(UnsupportedOperationException.class, () -> n.entrySet().iterator().next().setValue(2));
    }

    @Example
    void statesAreEqualExactlyWhenTheirPartsAre() {
        R a = new R().pipe("r0", "w0");
        R b = new R().pipe("r0", "w0");
        assertEquals(a.s, b.s);
        assertEquals(a.s.hashCode(), b.s.hashCode());
        assertEquals(a.s, a.s);
        a.write("w0", 1);
        assertNotEquals(a.s, b.s);
        assertNotEquals(b.s, a.s);
        assertNotEquals(a.s, "not a state");
        R c = new R().pipe("r0", "w0").call(new Close("r0"), 0);
        assertNotEquals(b.s, c.s);
        assertTrue(a.s.toString().startsWith("ProcState[numbers="), a.s::toString);
    }
}
