package kpath.check;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The distinct states a replay line leads to, in the order first reached. Most lines of most traces
 * leave one hypothesis; this hashes a state (its whole record tree, the first time) only once a
 * second one arrives to be told apart from it (speed only: the set is the same either way).
 */
public final class Distinct<S> {
    private S first;
    private Set<S> many;

    public void add(S s) {
        if (many != null) {
            many.add(s);
        } else if (first == null) {
            first = s;
        } else if (!first.equals(s)) {
            many = new LinkedHashSet<>();
            many.add(first);
            many.add(s);
        }
    }

    public Set<S> toSet() {
        return many != null ? many : first == null ? Set.of() : Set.of(first);
    }
}
