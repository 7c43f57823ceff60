package kpath.model.proc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kpath.model.proc.OpenFile.*;
import kpath.model.proc.ProcAction.Poll;
import kpath.model.proc.ProcAction.PollFd;
import kpath.model.proc.ProcAction.Select;
import kpath.uapi.Errno;
import kpath.uapi.Mask;

import static kpath.model.proc.ProcRule.*;

/**
 * fs/select.c: poll(2) and select(2) — one scan of the fds with timeout 0 (a task's call scans
 * again when it runs: {@link Tasks}) — and pollwake, which decides whether a wake-up reaches a
 * task sleeping in them.
 */
final class SelectPoll {
    private SelectPoll() {}

    /**
     * What {@code f_op->poll} of {@code file} returns (include/linux/poll.h vfs_poll). Polling an
     * epoll file re-polls its ready items and drops those no longer ready, so it can change state.
     */
    static int vfsPoll(World w, String file) {
        return switch (w.files.get(file)) {
            case PipeRead p -> Pipe.pollRead(p);
            case PipeWrite p -> Pipe.pollWrite(p);
            case UnixStream u -> AfUnix.poll(u);
            case EventFd e -> EventfdFile.poll(e);
            case Epoll _ -> Eventpoll.poll(w, file);
            case TcpSock t -> TcpLoopback.poll(t);
            case OpenFile.IoUring r -> IoUring.poll(r);
            case OpenFile.AioCtx _ -> 0; // coverage: impossible — an AIO context has no fd to poll
            case Regular _ -> Mask.IN | Mask.OUT | Mask.RDNORM | Mask.WRNORM; // DEFAULT_POLLMASK: no ->poll
        };
    }

    /** kernel: do_sys_poll / do_pollfd — a negative fd is skipped, a closed one is POLLNVAL. */
    static ProcRule poll(World w, List<PollFd> pfds) {
        int count = 0;
        List<CopyOut.PollRevents> out = new ArrayList<>();
        for (PollFd p : pfds) {
            if (p.fd() == null) {
                continue; // negative fd: revents 0, not counted
            }
            String file = w.fileOf(p.fd());
            int revents = file == null ? Mask.NVAL : vfsPoll(w, file) & (p.events() | Mask.ERR | Mask.HUP);
            if (revents != 0) {
                count++;
                out.add(new CopyOut.PollRevents(p.fd(), revents));
            }
        }
        w.ret = count;
        w.out = new CopyOut.Revents(out);
        return PollOk;
    }

    /** kernel: core_sys_select / do_select — EINVAL for nfds < 0, EBADF for a closed fd in range; counts bits. */
    static ProcRule select(World w, Select s) {
        if (s.nfds() < 0) {
            return w.fail(Errno.EINVAL, SelectEinval);
        }
        List<String> inRange = inRange(w, s);
        for (String fd : inRange) {
            if (w.fileOf(fd) == null) {
                return w.fail(Errno.EBADF, Ebadf); // max_select_fd: a set bit for a closed fd
            }
        }
        List<String> rd = new ArrayList<>(), wr = new ArrayList<>(), ex = new ArrayList<>();
        for (String fd : inRange) {
            int mask = vfsPoll(w, w.fileOf(fd));
            if (s.rd().contains(fd) && (mask & Mask.IN_SET) != 0) rd.add(fd);
            if (s.wr().contains(fd) && (mask & Mask.OUT_SET) != 0) wr.add(fd);
            if (s.ex().contains(fd) && (mask & Mask.EX_SET) != 0) ex.add(fd);
        }
        w.ret = rd.size() + wr.size() + ex.size();
        w.out = CopyOut.FdSets.of(Set.copyOf(rd), Set.copyOf(wr), Set.copyOf(ex));
        return SelectOk;
    }

    /** The fds of a select whose numbers are below nfds, in number order (do_select looks at no other). */
    static List<String> inRange(World w, Select s) {
        Set<String> all = new LinkedHashSet<>();
        all.addAll(s.rd());
        all.addAll(s.wr());
        all.addAll(s.ex());
        return all.stream().filter(f -> number(w, f) < s.nfds()).sorted(Comparator.comparingInt(f -> number(w, f))).toList();
    }

    private static int number(World w, String fd) {
        Integer n = w.numbers.get(fd);
        return n == null ? Integer.MAX_VALUE : n;
    }

    /**
     * Whether a wake-up with {@code key} wakes {@code task}, sleeping on {@code file}. kernel:
     * pollwake ignores keys that miss the entry's key: for poll the fd's events|POLLERR|POLLHUP,
     * for select POLLEX_SET plus the sets the fd is in (wait_key_set). A read sleeps in
     * prepare_to_wait (unix_stream_data_wait, eventfd_read_iter): any wake-up wakes it.
     */
    static boolean pollwake(World w, Task task, String file, int key) {
        if (task.call() instanceof ProcAction.IoUringEnter) {
            return false; // it waits on the ring's cq_wait (Wait.wakeCqWait), not on its file's poll_wq
        }
        if (key == 0) {
            return true;
        }
        int entry = switch (task.call()) {
            case Poll p -> p.fds().stream().filter(x -> x.fd() != null && file.equals(w.fileOf(x.fd())))
                    .mapToInt(x -> x.events() | Mask.ERR | Mask.HUP).reduce(0, (a, b) -> a | b);
            case Select x -> watches(w, x, x.rd(), file) ? Mask.IN_SET | Mask.EX_SET : 0;
            default -> -1;
        };
        if (task.call() instanceof Select x) {
            entry |= watches(w, x, x.wr(), file) ? Mask.OUT_SET | Mask.EX_SET : 0;
            entry |= watches(w, x, x.ex(), file) ? Mask.EX_SET : 0;
        }
        return (entry & key) != 0;
    }

    /** Whether a select has an fd of {@code set} below nfds on {@code file}: do_select polls no other. */
    private static boolean watches(World w, Select x, Set<String> set, String file) {
        return inRange(w, x).stream().anyMatch(f -> set.contains(f) && file.equals(w.fileOf(f)));
    }
}
