package kpath.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import kpath.model.Model;
import kpath.model.Rule;
import kpath.model.RuleClass;
import kpath.model.TlaFunction;
import kpath.model.Transition;

/**
 * The Java twin of src/test/resources/kpath/check/Toy.tla. {@code incBound} is N for the faithful
 * model; N + 1 makes the deliberately wrong variant (Inc enabled while count <= N).
 */
record ToyModel(int n, int incBound, int maxLog, List<String> clients) implements Model<ToyModel.State, ToyModel.Action> {

    static ToyModel faithful() {
        return new ToyModel(2, 2, 2, List.of("c1", "c2"));
    }

    static ToyModel offByOne() {
        return new ToyModel(2, 3, 2, List.of("c1", "c2"));
    }

    /** MCToy's CONSTRAINT. */
    static boolean constraint(State s) {
        return s.resets() <= 1;
    }

    /** Toy's TypeOK. */
    boolean typeOk(State s) {
        return s.count() >= 0 && s.count() <= n && s.log().size() <= maxLog && clients.containsAll(s.seen());
    }

    /** Toy's IncsBelow3. */
    static boolean incsBelow3(State s) {
        return s.incs() < 3;
    }

    record State(int count, List<String> log, Set<String> seen, int incs, int resets,
                 Map<String, Integer> owner, boolean odd, boolean full) {
        State {
            log = List.copyOf(log);
            seen = Set.copyOf(seen);
            owner = Map.copyOf(owner);
        }
    }

    sealed interface Action {
        record Inc(String client) implements Action {
        }

        record Reset() implements Action {
        }

        record Idle() implements Action {
        }
    }

    enum ToyRule implements Rule {
        Inc(RuleClass.FAST_SUCCEED), Reset(RuleClass.FAST_SUCCEED), Idle(RuleClass.KERNEL);

        private final RuleClass ruleClass;

        ToyRule(RuleClass c) {
            this.ruleClass = c;
        }

        @Override
        public RuleClass ruleClass() {
            return ruleClass;
        }

        @Override
        public String summary() {
            return "toy step " + name();
        }
    }

    private Map<String, Integer> zeroOwners() {
        return clients.stream().collect(Collectors.toMap(c -> c, c -> 0));
    }

    @Override
    public Set<State> initialStates() {
        return Set.of(new State(0, List.of(), Set.of(), 0, 0, zeroOwners(), false, false));
    }

    @Override
    public List<Action> actions(State s) {
        List<Action> as = new ArrayList<>();
        clients.forEach(c -> as.add(new Action.Inc(c)));
        as.add(new Action.Reset());
        as.add(new Action.Idle());
        return as;
    }

    private List<String> keep(List<String> log, String entry) {
        List<String> l = new ArrayList<>(log);
        l.add(entry);
        return l.size() > maxLog ? l.subList(1, l.size()) : l;
    }

    @Override
    public List<Transition<State>> successors(State s, Action a) {
        return switch (a) {
            case Action.Inc(String c) -> {
                if (s.count() >= incBound) {
                    yield List.of();
                }
                int v = s.count() + 1;
                Set<String> seen = new TreeSet<>(s.seen());
                seen.add(c);
                Map<String, Integer> owner = new TreeMap<>(s.owner());
                owner.put(c, v);
                yield List.of(new Transition<>(ToyRule.Inc, new State(v, keep(s.log(), "inc"), seen,
                        s.incs() + 1, s.resets(), owner, v % 2 == 1, v == n)));
            }
            case Action.Reset() -> s.count() != n ? List.of()
                    : List.of(new Transition<>(ToyRule.Reset, new State(0, keep(s.log(), "reset"), Set.of(),
                            s.incs(), s.resets() + 1, zeroOwners(), false, false)));
            case Action.Idle() -> s.count() != n ? List.of() : List.of(new Transition<>(ToyRule.Idle, s));
        };
    }

    @Override
    public SortedMap<String, Object> variables(State s) {
        SortedMap<String, Object> v = new TreeMap<>();
        v.put("count", s.count());
        v.put("log", s.log());
        v.put("seen", s.seen());
        v.put("stats", Map.of("incs", s.incs(), "resets", s.resets()));
        v.put("owner", new TlaFunction(Map.<String, Object>copyOf(s.owner())));
        v.put("flags", new TlaFunction(Map.of("odd", s.odd(), "full", s.full())));
        return v;
    }

    /** MCToy.cfg makes the clients model values. */
    Set<String> modelValues() {
        return Set.copyOf(clients);
    }
}
