package kpath.kernel.readiness;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Name &harr; fd bookkeeping of one readiness scenario. Every fd gets a name when it is created
 * (pipe ends {@code rN}/{@code wN}, socketpair ends {@code sK}/{@code sK+1}, eventfds {@code vN},
 * epoll fds {@code eN}, files {@code fN}, dups {@code <name>d}, fcntl F_DUPFD copies
 * {@code <name>x}, TCP sockets: listeners {@code lN},
 * clients {@code cN}, unconnected {@code uN}, accepted {@code aN}); the name keeps the fd number it
 * had at creation also after it is closed, so a trace can name a closed fd (EBADF, POLLNVAL).
 */
public final class FdNames {

    /** What kind of file a name refers to; a dup has the kind of its original. */
    public enum Kind { PIPE_READ, PIPE_WRITE, UNIX_STREAM, EVENTFD, EPOLL, FILE, TCP }

    /** One named fd: its number at creation and its kind. */
    public record Named(String name, int fd, Kind kind) {
    }

    private final Map<String, Named> byName = new LinkedHashMap<>();
    private final Map<String, Boolean> open = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /** The next index of a counter ("pipe", "s", "v", "e", "f", "l", "c", "u", "a"), advancing it by {@code step}. */
    int nextIndex(String counter, int step) {
        int i = counters.getOrDefault(counter, 0);
        counters.put(counter, i + step);
        return i;
    }

    /** A fresh name for a dup of {@code base}: {@code base+"d"}, then {@code base+"d2"}, ... */
    String dupName(String base) {
        String n = base + "d";
        for (int i = 2; byName.containsKey(n); i++) {
            n = base + "d" + i;
        }
        return n;
    }

    /** A fresh name for an fcntl(F_DUPFD) copy of {@code base}: {@code base+"x"}, then {@code base+"x2"}, ... */
    String dupfdName(String base) {
        String n = base + "x";
        for (int i = 2; byName.containsKey(n); i++) {
            n = base + "x" + i;
        }
        return n;
    }

    void add(String name, int fd, Kind kind) {
        if (byName.containsKey(name)) {
            throw new IllegalStateException("name " + name + " used twice");
        }
        byName.put(name, new Named(name, fd, kind));
        open.put(name, true);
    }

    void markClosed(String name) {
        get(name);
        open.put(name, false);
    }

    /** The named fd (open or closed). */
    public Named get(String name) {
        Named n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no fd named " + name);
        }
        return n;
    }

    /** The fd number the name had at creation. */
    public int fd(String name) {
        return get(name).fd();
    }

    public Kind kind(String name) {
        return get(name).kind();
    }

    /** Whether the name's fd has not been closed by the scenario. */
    public boolean isOpen(String name) {
        get(name);
        return open.get(name);
    }

    /** The open name holding {@code fd}, if any. */
    public Optional<String> openName(int fd) {
        return byName.values().stream().filter(n -> n.fd() == fd && open.get(n.name())).map(Named::name).findFirst();
    }

    /**
     * The name a kernel-reported fd number stands for (a siginfo's si_fd): the open name holding
     * it, else the newest closed name that held it; empty when no name ever held it.
     */
    public Optional<String> nameOf(int fd) {
        Optional<String> o = openName(fd);
        if (o.isPresent()) {
            return o;
        }
        String last = null;
        for (Named n : byName.values()) {
            if (n.fd() == fd) {
                last = n.name();
            }
        }
        return Optional.ofNullable(last);
    }

    /** All names, in creation order. */
    public Map<String, Named> all() {
        return java.util.Collections.unmodifiableMap(byName);
    }
}
