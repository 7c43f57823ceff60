package kpath.model;

import java.util.Objects;

/** One step of a model: the rule that fired and the state it leads to. */
public record Transition<S>(Rule rule, S next) {
    public Transition {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(next, "next");
    }
}
