package kpath.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parsed options of one verb: {@code --name value} options, {@code --flag}s and positional arguments. */
record Options(Map<String, String> values, Set<String> flags, List<String> positional) {

    static Options parse(String verb, List<String> args, List<String> valued, List<String> flagNames) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> pos = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                if (valued.contains(a)) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(verb + ": option " + a + " needs a value");
                    }
                    values.put(a, args.get(++i));
                } else if (flagNames.contains(a)) {
                    flags.add(a);
                } else {
                    throw new UsageException(verb + ": unknown option '" + a + "'");
                }
            } else {
                pos.add(a);
            }
        }
        return new Options(values, flags, pos);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
