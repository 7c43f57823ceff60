package kpath.check;

import java.util.Set;
import java.util.TreeSet;

/** A flags word as traces write it: "0", or names joined by '|', each once. */
public final class Flags {
    private Flags() {}

    /** The names in {@code word}; a name outside {@code known}, or one given twice, is bad input. */
    public static Set<String> of(String word, Set<String> known, String where) throws CheckException {
        if (word.equals("0")) {
            return Set.of();
        }
        Set<String> out = new TreeSet<>();
        for (String f : word.split("\\|", -1)) {
            if (!known.contains(f) || !out.add(f)) {
                throw new CheckException(where + "flags '" + word + "': expected 0 or "
                        + String.join("|", new TreeSet<>(known)) + ", each name once");
            }
        }
        return out;
    }
}
