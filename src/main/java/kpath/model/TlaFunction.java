package kpath.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A TLA+ function over a finite domain (a {@code Map} in {@link Model#variables} is a record).
 * In TLA+ a record is a function whose domain is a set of strings, and TLC prints such a function
 * as a record; the canonical state text follows TLC, so the distinction only matters for other domains.
 */
public record TlaFunction(SortedMap<String, Object> mapping) {
    public TlaFunction(Map<String, Object> mapping) {
        this(new TreeMap<>(mapping));
    }
}
