package kpath.model;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every {@link Model} gets without writing it. */
class ModelExamples {

    /** A one-state model that says nothing about observations. */
    private static final Model<String, String> SILENT = new Model<>() {
        public Set<String> initialStates() {
            return Set.of("s0");
        }

        public List<String> actions(String state) {
            return List.of();
        }

        public List<Transition<String>> successors(String state, String action) {
            return List.of();
        }

        public SortedMap<String, Object> variables(String state) {
            return new TreeMap<>();
        }
    };

    @Example
    void aModelWhoseTracesObserveNothingHasNoObservables() {
        assertEquals(new TreeMap<>(), SILENT.observables("s0"));
    }
}
