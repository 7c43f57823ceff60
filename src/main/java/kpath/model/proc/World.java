package kpath.model.proc;

import kpath.model.CowMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** The state the step started from. */
    private final ProcState from;
    /**
     * A signal that may or may not be sent (null: none): a woken reader races sock_wake_async
     * (see {@link AfUnix#sockWake}).
     */
    ProcState.SigInfo race;

    World(ProcState s) {
        from = s;
        numbers = new CowMap<>(s.numbers());
        fds = new CowMap<>(s.fds());
        files = new CowMap<>(s.files());
        tasks = new CowMap<>(s.tasks());
        exclusive = new ArrayList<>(s.exclusive());
        blocking = new HashSet<>(s.blocking());
        fasync = new CowMap<>(s.fasync());
        owner = new CowMap<>(s.owner());
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

    /**
     * False when no file is of {@code kind}; true when one may be (speed only: callers still filter
     * the files by kind, so true is always a correct answer).
     */
    boolean mayHave(Class<? extends OpenFile> kind) {
        boolean async = kind == OpenFile.IoUring.class || kind == OpenFile.AioCtx.class;
        if (async && !from.hasAsyncFiles()) {
            // the state this step started from knows it has none: only a file this step put can be one
            return ((CowMap<OpenFile>) files).anyPut(kind::isInstance);
        }
        for (OpenFile f : files.values()) {
            if (kind.isInstance(f)) {
                return true;
            }
        }
        return false;
    }

    /** Epoll file ids in a fixed order, so wake-ups visit epolls deterministically. */
    List<String> epollIds() {
        List<String> ids = new ArrayList<>();
        files.forEach((id, f) -> {
            if (f instanceof OpenFile.Epoll) {
                ids.add(id);
            }
        });
        ids.sort(null);
        return ids;
    }

    /** The call fails with {@code e}: nothing copied out. */
    ProcRule fail(Errno e, ProcRule rule) {
        ret = -e.number();
        out = CopyOut.NONE;
        return rule;
    }

    ProcState build() {
        return new ProcState(frozen(numbers), frozen(fds), frozen(files), ret, out, frozen(tasks), exclusive, blocking,
                frozen(fasync), frozen(owner), sigio);
    }

    private static <V> Map<String, V> frozen(Map<String, V> m) {
        return m instanceof CowMap<V> c ? c.frozen() : m;
    }
}
