package kpath.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import kpath.check.ExplorerTest.Counter;
import kpath.model.Model;
import kpath.model.Transition;
import kpath.model.tcp.Counters;
import org.junit.jupiter.api.Test;

/** The counting explorer on toy models, side by side with {@link Explorer}; its fingerprints and tables. */
class FingerprintExplorerExamples {

    private static final Counter ZERO = new Counter(Set.of(0));
    private static final Counter ZERO_FIVE = new Counter(Set.of(0, 5));

    /** The counts of both explorers, which must agree. */
    private static FingerprintExplorer.Result both(Explorer<Integer, String> e) {
        Explorer.Result g = e.explore();
        FingerprintExplorer.Result f = e.counting().explore();
        assertEquals(List.of(g.distinctStates(), g.statesGenerated(), (long) g.depth()),
                List.of(f.distinctStates(), f.statesGenerated(), (long) f.depth()));
        assertEquals(g.violation(), f.violation());
        return f;
    }

    @Test
    void constraintExcludedStatesAreGeneratedButNotKept() {
        FingerprintExplorer.Result r = both(Explorer.of(ZERO).constraint(ExplorerTest.BELOW_3));
        assertEquals(3, r.distinctStates());
        assertEquals(5, r.statesGenerated());
        assertEquals(3, r.depth());
        assertTrue(r.violation().isEmpty());
    }

    @Test
    void excludedInitialStatesAreGeneratedButNotKept() {
        FingerprintExplorer.Result r = both(Explorer.of(ZERO_FIVE).constraint(ExplorerTest.BELOW_3));
        assertEquals(3, r.distinctStates());
        assertEquals(6, r.statesGenerated());
    }

    @Test
    void invariantsAreCheckedBeforeTheConstraintAndThePathIsReplayed() {
        FingerprintExplorer.Result r = both(Explorer.of(ZERO).constraint(ExplorerTest.BELOW_3).invariant("Inv", x -> x != 7));
        Explorer.Violation v = r.violation().orElseThrow();
        assertEquals("Inv", v.invariant());
        assertEquals(List.of("A", "A", "B"), v.actions());
        assertEquals(List.of("A", "A", "B"), v.rules());
        assertEquals("x=7", v.state());
        assertEquals(3, r.distinctStates());
        assertEquals(3, r.depth());
    }

    @Test
    void aViolatingInitialStateHasAnEmptyPath() {
        FingerprintExplorer.Result r = both(Explorer.of(ZERO_FIVE).constraint(ExplorerTest.BELOW_3).invariant("Inv", x -> x < 5));
        assertEquals(List.of(), r.violation().orElseThrow().actions());
        assertEquals("x=5", r.violation().orElseThrow().state());
    }

    @Test
    void theFirstInvariantAddedIsReported() {
        // x = 3 breaks both
        FingerprintExplorer.Result r = FingerprintExplorer.of(ZERO).invariants(Map.of("Below3", x -> x < 3))
                .invariant("Not3", x -> x != 3).explore();
        assertEquals("Below3", r.violation().orElseThrow().invariant());
        assertEquals(List.of("A", "A", "A"), r.violation().orElseThrow().actions());
    }

    /** x sets one of its three low bits per step ("0", "1", "2", in that order): every state has three transitions. */
    record Bits() implements Model<Integer, String> {
        public Set<Integer> initialStates() {
            return Set.of(0);
        }

        public List<String> actions(Integer x) {
            return List.of("0", "1", "2");
        }

        public List<Transition<Integer>> successors(Integer x, String a) {
            return List.of(new Transition<>(ExplorerTest.Counter.R.A, x | 1 << Integer.parseInt(a)));
        }

        public SortedMap<String, Object> variables(Integer x) {
            return new TreeMap<>(Map.of("x", x));
        }
    }

    @Test
    void aCounterexampleIsReplayedAlongTheStoredTransitionNumbers() {
        // 6 = bit 1, then bit 2: transitions number 1 and 2 of their states
        FingerprintExplorer.Result r = both(Explorer.of(new Bits()).invariant("Not6", x -> x != 6));
        assertEquals(List.of("1", "2"), r.violation().orElseThrow().actions());
        // from the second of two initial states (Set.of's order is the JVM's: either may come first)
        FingerprintExplorer.Result five = both(Explorer.of(ZERO_FIVE).invariant("Not7", x -> x != 7));
        assertEquals(List.of("A", "A", "B"), five.violation().orElseThrow().actions());
        FingerprintExplorer.Result zero = both(Explorer.of(ZERO_FIVE).invariant("Not1", x -> x != 1));
        assertEquals(List.of("A"), zero.violation().orElseThrow().actions());
    }

    @Test
    void withoutConstraintEverythingIsExpanded() {
        FingerprintExplorer.Result r = both(Explorer.of(ZERO));
        assertEquals(5, r.distinctStates());
        assertEquals(4, r.depth());
        assertEquals(2, r.widestFrontier());
    }

    @Test
    void progressIsReportedAsEachLevelStarts() {
        List<FingerprintExplorer.Progress> seen = new ArrayList<>();
        FingerprintExplorer.of(ZERO).onLevel(seen::add).explore();
        assertEquals(List.of(new FingerprintExplorer.Progress(1, 1, 1, 1), new FingerprintExplorer.Progress(2, 2, 2, 1),
                new FingerprintExplorer.Progress(3, 3, 3, 1), new FingerprintExplorer.Progress(4, 5, 5, 2)), seen);
        List<FingerprintExplorer.Progress> none = new ArrayList<>();
        FingerprintExplorer.of(ZERO_FIVE).constraint(x -> false).onLevel(none::add).explore();
        assertEquals(List.of(), none);
    }

    @Test
    void maxStatesBoundsTheDistinctStates() {
        assertEquals(5, FingerprintExplorer.of(ZERO).maxStates(5).explore().distinctStates());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FingerprintExplorer.of(ZERO).maxStates(4).explore());
        assertEquals("more than 4 states; tighten the bounds or the constraint", e.getMessage());
        // Explorer's limit is handed on
        assertThrows(IllegalStateException.class, () -> Explorer.of(ZERO).maxStates(4).counting().explore());
    }

    @Test
    void modelValuesRenderTheViolatingState() {
        ToyModel toy = ToyModel.faithful();
        Explorer<ToyModel.State, ToyModel.Action> e = Explorer.of(toy).modelValues(toy.modelValues())
                .constraint(ToyModel::constraint).invariant("Never", s -> false);
        String state = e.counting().explore().violation().orElseThrow().state();
        assertTrue(state.contains("owner=(c1 :> 0 @@ c2 :> 0)"), state);
        assertEquals(e.explore().violation().orElseThrow().state(), state);
    }

    @Test
    void tablesAreWeighedAfterAnExploration() {
        FingerprintExplorer<Integer, String> e = FingerprintExplorer.of(ZERO);
        assertEquals(0, e.tableBytes());
        e.explore();
        // 2048 slots of 8 bytes, two chunks of 2^16 ints and their two 4-slot chunk tables
        assertEquals(8L * 2048 + 2 * (4L * 65536 + 8 * 4), e.tableBytes());
    }

    @Test
    void collisionOddsAreNSquaredOver2To65() {
        FingerprintExplorer.Result r = new FingerprintExplorer.Result(1L << 20, 0, 0, Optional.empty(), 0);
        assertEquals(Math.pow(2, -25), r.collisionOdds());
    }

    /** Actions in a different order at every call: a replay takes another road. */
    static final class Fickle implements Model<Integer, String> {
        private int calls;
        private final boolean vanish;

        Fickle(boolean vanish) {
            this.vanish = vanish;
        }

        public Set<Integer> initialStates() {
            return Set.of(0);
        }

        public List<String> actions(Integer s) {
            return calls++ % 2 == 0 ? List.of("A", "B") : List.of("B", "A");
        }

        public List<Transition<Integer>> successors(Integer x, String a) {
            if (vanish && calls >= 2) {
                return List.of();
            }
            return x > 0 ? List.of() : List.of(new Transition<>(ExplorerTest.Counter.R.A, a.equals("A") ? 1 : 10));
        }

        public SortedMap<String, Object> variables(Integer x) {
            return new TreeMap<>(Map.of("x", x));
        }
    }

    @Test
    void aReplayThatLeadsElsewhereIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FingerprintExplorer.of(new Fickle(false)).invariant("Not10", x -> x != 10).explore());
        assertTrue(e.getMessage().contains("not deterministic"), e.getMessage());
        IllegalStateException gone = assertThrows(IllegalStateException.class,
                () -> FingerprintExplorer.of(new Fickle(true)).invariant("Not10", x -> x != 10).explore());
        assertEquals("replaying the counterexample: state has 0 transitions, not 2", gone.getMessage());
    }

    // ---- fingerprints ----

    record P(int a, String b) {}

    record Q(int a, String b) {}

    enum E { X, Y }

    private static long fp(Object o) {
        return Fingerprint.of(o);
    }

    @Test
    void equalValuesHaveEqualFingerprints() {
        assertEquals(fp(new P(1, "x")), fp(new P(1, "x")));
        assertEquals(fp(Set.of("a", "b", "c")), fp(new TreeSet<>(List.of("c", "b", "a"))));
        assertEquals(fp(Set.of("a", "b", "c")), fp(new HashSet<>(List.of("b", "c", "a"))));
        assertEquals(fp(Map.of("a", 1, "b", 2)), fp(new TreeMap<>(Map.of("b", 2, "a", 1))));
        assertEquals(fp(List.of(1, 2)), fp(new ArrayList<>(List.of(1, 2))));
        assertEquals(fp(Counters.zero().inc(kpath.uapi.Counter.ListenDrops)), fp(Counters.zero().inc(kpath.uapi.Counter.ListenDrops)));
        assertEquals(fp(Optional.of("a")), fp(Optional.of("a")));
        assertEquals(fp(new int[] {1, 2}), fp(new int[] {1, 2}));
    }

    @Test
    void unequalValuesHaveUnequalFingerprints() {
        List<Object> values = List.of(new P(1, "x"), new P(2, "x"), new P(1, "y"), new Q(1, "x"), E.X, E.Y,
                1, 1L, (short) 1, (byte) 1, 'a', 1.0, 1.0f, 2, true, false, "", "a", "ab", "ba", "abcd", "abce", "abcde",
                "xbcd", "axcd", "abxd", "abcx", "abcdxfgh", "abcdexgh", "abcdefxh", "abcdefgx", "abcdefgh",
                List.of(), Set.of(), Map.of(), List.of(1, 2), List.of(2, 1), Set.of(1, 2), Set.of(1, 3), Set.of(1),
                Map.of(1, 2), Map.of(2, 1), Map.of(1, 3), Optional.empty(), Optional.of(1), Optional.of(2),
                Counters.zero(), Counters.zero().inc(kpath.uapi.Counter.ListenDrops), new int[] {1, 2}, new int[] {2, 1},
                new long[] {1, 2}, new boolean[] {true}, new boolean[] {false}, new Object[] {"a"}, new Object[] {"b"});
        Map<Long, Object> by = new HashMap<>();
        for (Object v : values) {
            Object was = by.put(fp(v), v);
            assertEquals(null, was, () -> v + " and " + by.get(fp(v)) + " share a fingerprint");
        }
        assertNotEquals(fp(null), fp(""));
    }

    static class Base {
        final int a = 1;
    }

    static final class Sub extends Base {
        static final int ignored = 3;
        final int b = 2;
        transient int cache;
    }

    @Test
    void shapesAreRecordComponentsOrInstanceFieldsFoundOnce() throws Throwable {
        ClassValue<Fingerprint.Shape> fresh = Fingerprint.cache();
        Fingerprint.Shape p = fresh.get(P.class);
        assertEquals(2, p.parts().size());
        assertEquals(null, p.fields());
        assertEquals("x", (Object) p.parts().get(1).invokeExact((Object) new P(1, "x")));
        assertNotEquals(p.seed(), fresh.get(Q.class).seed());
        Fingerprint.Shape counters = fresh.get(Counters.class);
        assertEquals(List.of(), counters.parts());
        assertEquals(1, counters.fields().size());   // not the static ALL
        assertEquals(8, ((int[]) counters.fields().getFirst().get(Counters.zero())).length);
        assertEquals(List.of("b", "a"), fresh.get(Sub.class).fields().stream().map(java.lang.reflect.Field::getName).toList());
        assertEquals(1, fresh.get(Sub.class).fields().get(1).get(new Sub()));
        for (Class<?> k : List.of(E.class, Object.class, int[].class, java.util.concurrent.atomic.AtomicInteger.class)) {
            assertEquals(null, fresh.get(k).fields(), k::getName);
            assertEquals(List.of(), fresh.get(k).parts(), k::getName);
        }
        assertEquals(fresh.get(P.class).seed(), Fingerprint.shape(P.class).seed());
        assertEquals(fp(new Sub()), fp(new Sub()));
        Sub cached = new Sub();
        cached.cache = 9;
        assertEquals(fp(new Sub()), fp(cached), "a transient field is a cache, not part of the value");
    }

    /** ProcState keeps its hash and whether it has a ring, found when first asked: its fingerprint is the same before and after. */
    @Test
    void aStatesCachesAreNotPartOfItsFingerprint() {
        kpath.model.proc.ProcState s = kpath.check.readiness.ReadinessMc.model().initialStates().iterator().next();
        long before = fp(s);
        s.hashCode();
        s.hasAsyncFiles();
        assertEquals(before, fp(s));
    }

    /**
     * A fingerprint is a function of the value alone, the same in every JVM and run (no identity
     * hash, no per-JVM salt such as {@code Set.of}'s iteration order): these values, computed by this
     * code, pin it.
     */
    @Test
    void fingerprintsAreTheSameInEveryRun() {
        Object v = List.of(new P(7, "abcdefghij"), "abcdefgh", Map.of("k", Set.of(1L, 2L), "m", Optional.of(true)),
                new boolean[] {true, false}, E.Y, Optional.empty(), false, 'c');
        assertEquals(PINNED, fp(v));
    }

    static final long PINNED = -8621294529188758041L;

    @Test
    void classesWithoutAStructureAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fp(new Object()));
        assertEquals("no structural fingerprint for java.lang.Object", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fp(List.of(new java.util.concurrent.atomic.AtomicInteger())));
        assertThrows(IllegalArgumentException.class, () -> fp(new char[] {'a'}));
    }

    @Test
    void mixIsMurmurHash3sFmix64() {
        assertEquals(0, Fingerprint.mix(0));
        assertEquals(0xB456BCFC34C2CB2CL, Fingerprint.mix(1));
        assertEquals(0x3ABF2A20650683E7L, Fingerprint.mix(2));
        assertEquals(0xD24BD59F862A1DACL, Fingerprint.mix(0xDEADBEEFL));
        assertEquals(0x8F780810AF31A493L, Fingerprint.mix(Long.MIN_VALUE));
        assertNotEquals(Fingerprint.mix(1), Fingerprint.mix(2));
        assertTrue(Long.bitCount(Fingerprint.mix(1) ^ Fingerprint.mix(3)) > 16);
        assertNotEquals(Fingerprint.combine(Fingerprint.combine(0, 1), 2), Fingerprint.combine(Fingerprint.combine(0, 2), 1));
    }

    // ---- tables ----

    @Test
    void theFingerprintSetKeepsEveryFingerprintAsItGrows() {
        FingerprintSet s = new FingerprintSet(4);
        assertEquals(16, s.capacity());
        assertTrue(s.add(0));
        assertTrue(s.contains(0));
        assertTrue(s.contains(1));     // 0 is stored as 1
        assertFalse(s.add(1));
        for (long i = 2; i < 10_000; i++) {
            assertTrue(s.add(i * 0x9E3779B97F4A7C15L));
        }
        assertEquals(9_999, s.size());
        assertEquals(16_384, s.capacity());
        for (long i = 2; i < 10_000; i++) {
            assertTrue(s.contains(i * 0x9E3779B97F4A7C15L));
            assertFalse(s.add(i * 0x9E3779B97F4A7C15L));
        }
        assertFalse(s.contains(-1));
        // keys alike in their low bits probe the same run of slots
        FingerprintSet run = new FingerprintSet(4);
        for (long i = 1; i <= 2000; i++) {
            assertTrue(run.add(i << 32 | 5));
            // doubles when more than 3/4 full: 16 slots hold 12, 32 hold 24, ...
            long cap = 16;
            while (i > cap / 4 * 3) {
                cap *= 2;
            }
            assertEquals(cap, run.capacity());
        }
        for (long i = 1; i <= 2000; i++) {
            assertTrue(run.contains(i << 32 | 5), () -> "lost a key");
        }
        assertFalse(run.contains(2001L << 32 | 5));
        assertFalse(run.contains(6));
        assertEquals(2048, new FingerprintSet(1000).capacity());
        assertEquals(2048, new FingerprintSet(1024).capacity());
        assertEquals(4096, new FingerprintSet(1025).capacity());
    }

    @Test
    void intChunksHoldEveryValueAcrossChunks() {
        FingerprintExplorer.IntChunks c = new FingerprintExplorer.IntChunks();
        assertEquals(32, c.bytes());
        for (int i = 0; i < 300_000; i++) {
            c.add(i * 7);
        }
        for (int i = 0; i < 300_000; i++) {
            assertEquals(i * 7, c.get(i));
        }
        assertEquals(5 * 4L * 65536 + 8 * 8, c.bytes());
    }
}
