package kpath.model.proc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One state of a process's files as readiness sees them.
 *
 * @param numbers every fd name ever created and its number (closed names stay, for select/poll)
 * @param fds     the open fds: name → file id
 * @param files   the live files by id (an id is the name of the fd that created the file)
 * @param ret     the last syscall's return value as the kernel returns it: a count, an fd number, or
 *                -errno (0 before any call)
 * @param out       what the last syscall copied to user memory besides that value
 * @param tasks     tasks inside a call that may sleep, by name (t1, t2, ...)
 * @param exclusive the EPOLLEXCLUSIVE wait-queue entries, oldest first: add_wait_queue_exclusive
 *                  appends them at the tail of the target's wait queue, where wake-ups reach them last
 * @param blocking  files opened without O_NONBLOCK: a read on them sleeps instead of failing EAGAIN
 * @param fasync    files with O_ASYNC on their fasync list (pipe ends, AF_UNIX stream sockets)
 * @param owner     files whose SIGIO goes to the main task (F_SETOWN_EX)
 * @param sigio     SIGIO is pending for the main task (it blocks SIGIO; a standard signal is pending once)
 */
public record ProcState(Map<String, Integer> numbers, Map<String, String> fds, Map<String, OpenFile> files,
                             long ret, CopyOut out, Map<String, Task> tasks, List<Exclusive> exclusive,
                             Set<String> blocking, Set<String> fasync, Set<String> owner, boolean sigio) {

    /** An EPOLLEXCLUSIVE item's entry on its target's wait queue: the epoll and the item's key. */
    public record Exclusive(String ep, OpenFile.Key key) {}

    public ProcState(Map<String, Integer> numbers, Map<String, String> fds, Map<String, OpenFile> files,
                          long ret, CopyOut out) {
        this(numbers, fds, files, ret, out, Map.of(), List.of(), Set.of(), Set.of(), Set.of(), false);
    }

    public ProcState {
        numbers = Map.copyOf(numbers);
        fds = Map.copyOf(fds);
        files = Map.copyOf(files);
        Objects.requireNonNull(out);
        tasks = Map.copyOf(tasks);
        exclusive = List.copyOf(exclusive);
        blocking = Set.copyOf(blocking);
        fasync = Set.copyOf(fasync);
        owner = Set.copyOf(owner);
        for (String file : fds.values()) {
            if (!files.containsKey(file)) {
                throw new IllegalArgumentException("an open fd refers to a released file " + file);
            }
        }
    }

    public static ProcState initial() {
        return new ProcState(Map.of(), Map.of(), Map.of(), 0, CopyOut.NONE);
    }

    /** The file an open fd refers to, or null when the fd is not open. */
    public OpenFile fileOf(String fd) {
        String id = fds.get(fd);
        return id == null ? null : files.get(id);
    }
}
