package kpath.model.proc;

import kpath.model.ArrayMap;
import kpath.model.CowMap;
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
        Map<String, Integer> frozen = ArrayMap.copyOf(Map.of("a", 1, "b", 2));
        CowMap<Integer> m = new CowMap<>(frozen);
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
        Map<String, Integer> empty = ArrayMap.of();
        CowMap<Integer> m = new CowMap<>(empty);
        m.clear();
        assertSame(empty, m.frozen());
        assertTrue(m.isEmpty());
        CowMap<Integer> n = new CowMap<>(Map.of("a", 1));
        assertEquals(List.of("a"), List.copyOf(n.keySet()));
        assertEquals(List.of(1), List.copyOf(n.values()));
        assertThrows(UnsupportedOperationException.class, () -> n.keySet().clear()); // views are read-only
        assertThrows(UnsupportedOperationException.class, () -> n.entrySet().iterator().next().setValue(2));
    }

    @Example
    void anArrayMapIsEqualToEveryMapWithItsEntriesAndIteratesInNameOrder() {
        Map<String, Integer> plain = Map.of("b", 2, "a", 1, "c", 3);
        ArrayMap<Integer> a = ArrayMap.copyOf(plain);
        assertEquals(plain, a);
        assertEquals(a, plain);
        assertEquals(a, ArrayMap.copyOf(new java.util.HashMap<>(plain)));
        assertNotEquals(a, ArrayMap.copyOf(Map.of("a", 1, "b", 2, "c", 4)));
        assertNotEquals(a, ArrayMap.copyOf(Map.of("a", 1, "b", 2, "d", 3)));
        assertNotEquals(a, Map.of("a", 1, "b", 2, "c", 4));  // another kind of map
        assertEquals(plain.hashCode(), a.hashCode());
        assertEquals(List.of("a", "b", "c"), List.copyOf(a.keySet()));
        assertEquals(List.of(1, 2, 3), List.copyOf(a.values()));
        List<String> seen = new java.util.ArrayList<>();
        a.forEach((k, v) -> seen.add(k + v));
        assertEquals(List.of("a1", "b2", "c3"), seen);
        var it = a.entrySet().iterator();
        it.next();
        it.next();
        it.next();
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
        assertEquals(2, a.get("b"));
        assertEquals(3, a.get(new String("c")));            // another instance of the name
        assertNull(a.get(new String("bb")));
        ArrayMap<Integer> same = ArrayMap.copyOf(Map.of("Aa", 1));
        assertNull(same.get("BB"));                         // the same hash, another name
        assertEquals(1, same.get(new String("Aa")));
        CowMap<Integer> grown = new CowMap<>(Map.of());
        grown.put("x", 1);
        grown.put("y", 2);
        grown.put("z", 3);                                  // past the room the first copy left
        assertEquals(Map.of("x", 1, "y", 2, "z", 3), grown.frozen());
        assertNull(a.get("bb"));
        assertNull(a.get(7));                       // not a name
        assertFalse(a.containsKey(7));
        assertTrue(a.containsKey("c"));
        assertSame(a, ArrayMap.copyOf(a));
        assertSame(ArrayMap.of(), ArrayMap.copyOf(Map.of()));
        assertTrue(ArrayMap.of().isEmpty());
        assertEquals(3, a.size());
    }

    @Example
    void twoArrayMapsWithTheSameNamesNumberThemAlike() {
        ArrayMap<Integer> a = ArrayMap.copyOf(Map.of("x", 1, "y", 2));
        CowMap<Integer> c = new CowMap<>(a);
        c.put("y", 20);
        ArrayMap<Integer> b = (ArrayMap<Integer>) c.frozen();
        assertTrue(a.sameKeys(b));
        assertEquals(List.of("y", 2, 20), List.of(b.keyAt(1), a.valueAt(1), b.valueAt(1)));
        assertFalse(a.sameKeys(ArrayMap.copyOf(Map.of("x", 1))));
        assertFalse(a.sameKeys(ArrayMap.copyOf(Map.of("x", 1, "z", 2))));
    }

    @Example
    void aChangedMapKeepsItsNamesInOrderAndFreezesWithoutTouchingTheStatesOwn() {
        ArrayMap<Integer> start = ArrayMap.copyOf(Map.of("b", 2, "d", 4));
        CowMap<Integer> m = new CowMap<>(start);
        assertNull(m.put("c", 3));                  // between
        assertNull(m.put("a", 1));                  // first
        assertNull(m.put("e", 5));                  // last, past the room the copy left
        assertNull(m.put("f", 6));
        assertEquals(6, m.size());
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), List.copyOf(m.keySet()));
        assertEquals(Map.of("b", 2, "d", 4), start);
        assertEquals(4, m.remove("d"));             // middle
        assertEquals(1, m.remove("a"));             // first
        assertEquals(6, m.remove("f"));             // last
        assertNull(m.remove("zz"));
        assertNull(m.remove(3));                    // not a name
        assertFalse(m.containsKey("d"));
        assertTrue(m.containsKey("e"));
        Map<String, Integer> once = m.frozen();
        assertEquals(Map.of("b", 2, "c", 3, "e", 5), once);
        assertSame(once, m.frozen());               // nothing changed since
        assertEquals(3, m.put("c", 30));
        assertEquals(Map.of("b", 2, "c", 3, "e", 5), once);     // a frozen map never changes
        assertEquals(Map.of("b", 2, "c", 30, "e", 5), m.frozen());
        m.clear();
        assertTrue(m.isEmpty());
        assertNull(m.get("b"));
        assertSame(ArrayMap.of(), m.frozen());
        assertNull(m.put("z", 26));
        assertEquals(Map.of("z", 26), m.frozen());
        assertThrows(NullPointerException.class, () -> m.put("y", null));
    }

    @Example
    void whatAStepPutIsFoundOnlyWhileItIsThere() {
        CowMap<Integer> m = new CowMap<>(Map.of("a", 1));
        assertFalse(m.anyPut(v -> true));
        m.put("b", 2);
        assertTrue(m.anyPut(v -> v == 2));
        assertFalse(m.anyPut(v -> v == 1));         // there, but not put by this step
        m.remove("b");
        assertFalse(m.anyPut(v -> true));
        List<String> seen = new java.util.ArrayList<>();
        m.put("c", 3);
        m.forEach((k, v) -> seen.add(k));
        assertEquals(List.of("a", "c"), seen);
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
