package kpath.model.proc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kpath.uapi.Errno;

/**
 * A working copy of a {@link ProcState}, changed by one step and then frozen ({@link #build}).
 * The spec threads the same value through its operators as {@code World}.
 */
final class World {
    final Map<String, Integer> numbers;
    final Map<String, String> fds;
    final Map<String, OpenFile> files;
    long ret;
    CopyOut out = CopyOut.NONE;
    final Map<String, Task> tasks;
    final List<ProcState.Exclusive> exclusive;
    final Set<String> blocking;
    final Map<String, String> fasync;
    final Map<String, ProcState.FOwner> owner;
    ProcState.Signals sigio;
    /**
     * A signal that may or may not be sent (null: none): a woken reader races sock_wake_async
     * (see {@link AfUnix#sockWake}).
     */
    ProcState.SigInfo race;

    World(ProcState s) {
        numbers = new HashMap<>(s.numbers());
        fds = new HashMap<>(s.fds());
        files = new HashMap<>(s.files());
        tasks = new HashMap<>(s.tasks());
        exclusive = new ArrayList<>(s.exclusive());
        blocking = new HashSet<>(s.blocking());
        fasync = new HashMap<>(s.fasync());
        owner = new HashMap<>(s.owner());
        sigio = s.sigio();
    }

    /**
     * The open fd name that holds {@code name}'s number now: the kernel sees numbers, and a
     * closed name's number may have been reused by a newer fd. Null when the number is not open.
     */
    String openName(String name) {
        if (fds.containsKey(name)) {
            return name;
        }
        Integer n = numbers.get(name); // null for a name never created: no open fd's number equals it
        return fds.keySet().stream().filter(o -> numbers.get(o).equals(n)).findFirst().orElse(null);
    }

    /** Whether some open fd holds number {@code n}. */
    boolean numberOpen(int n) {
        return fds.keySet().stream().anyMatch(o -> numbers.get(o) == n);
    }

    /** The file behind {@code name}'s fd number, or null when it is not open. */
    String fileOf(String name) {
        String open = openName(name);
        return open == null ? null : fds.get(open);
    }

    /** Epoll file ids in a fixed order, so wake-ups visit epolls deterministically. */
    List<String> epollIds() {
        return new TreeMap<>(files).entrySet().stream().filter(e -> e.getValue() instanceof OpenFile.Epoll)
                .map(Map.Entry::getKey).toList();
    }

    /** The call fails with {@code e}: nothing copied out. */
    ProcRule fail(Errno e, ProcRule rule) {
        ret = -e.number();
        out = CopyOut.NONE;
        return rule;
    }

    ProcState build() {
        return new ProcState(numbers, fds, files, ret, out, tasks, exclusive, blocking, fasync, owner, sigio);
    }
}
