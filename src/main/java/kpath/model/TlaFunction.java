package kpath.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A TLA+ function over a finite domain, as opposed to a record (a {@code Map} in
 * {@link Model#variables}). TLC prints the two differently, so the state text keeps them apart.
 */
public record TlaFunction(SortedMap<String, Object> mapping) {
    public TlaFunction(Map<String, Object> mapping) {
        this(new TreeMap<>(mapping));
    }
}
