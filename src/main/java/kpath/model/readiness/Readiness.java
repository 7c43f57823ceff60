package kpath.model.readiness;

import kpath.uapi.Mask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kpath.uapi.Errno;
import kpath.model.Transition;
import kpath.model.readiness.FileState.*;
import kpath.model.readiness.ReadinessAction.*;

import static kpath.model.readiness.ReadinessRule.*;

/**
 * Readiness on Linux 6.18: the poll methods of pipes, AF_UNIX stream sockets, eventfds and epoll
 * files; the wake-up path from a file's wait queue to {@code ep_poll_callback}; epoll_ctl,
 * epoll_wait (level- and edge-triggered, EPOLLONESHOT, nested epoll), poll and select.
 *
 * TCP sockets appear as loopback connections and listeners, as far as readiness needs them.
 *
 * <p>One-line calls are made by the main task and never sleep. Calls that may sleep are made by
 * {@link Task}s: a task enters its call ({@link TaskCall}), runs when the scheduler lets it
 * ({@link TaskRun}: it checks its files and either finishes or sleeps on wait queues), is woken by
 * the wake-up path (a runnable task again), may time out ({@link TaskTimeout}), and returns
 * ({@link TaskReturn}). Runs and timeouts are hidden steps: a checker explores where they fall.
 * Pipes never fill and sockets are always writable (the data in play is small). See package-info
 * for the rest.
 */
public final class Readiness {

    /** ULLONG_MAX as the unsigned eventfd counter limit (fs/eventfd.c). */
    static final long ULLONG_MAX = -1L;
    /** fs/eventpoll.c EP_MAX_NESTS. */
    static final int EP_MAX_NESTS = 4;

    private Readiness() {}

    /** The outcomes of {@code a} in {@code s}: one transition, or none when {@code a} is not enabled. */
    public static List<Transition<ReadinessState>> successors(ReadinessState s, ReadinessAction a) {
        W w = new W(s);
        if (a instanceof TaskCall || a instanceof TaskRun || a instanceof TaskTimeout) {
            w.ret = s.ret(); // not the main task's call: its last result stays
            w.out.addAll(s.out());
        }
        ReadinessRule rule = switch (a) {
            case Pipe2 p -> create(w, p.r(), p.rn(), new PipeRead(p.w(), 0, true), p.w(), p.wn(),
                    new PipeWrite(p.r(), true), Pipe2Ok);
            case Socketpair p -> blocking(w, create(w, p.a(), p.an(), new UnixStream(p.b(), List.of(), 0, false), p.b(),
                    p.bn(), new UnixStream(p.a(), List.of(), 0, false), SocketpairOk), p.nonblock(), p.a(), p.b());
            case Eventfd e -> blocking(w, create(w, e.name(), e.number(), new EventFd(e.initval(), e.semaphore()), null, 0,
                    null, EventfdOk), e.nonblock(), e.name());
            case EpollCreate1 e -> create(w, e.name(), e.number(), new Epoll(List.of(), List.of(), List.of()), null, 0, null, EpollCreate1Ok);
            case Open o -> create(w, o.name(), o.number(), new Regular(), null, 0, null, OpenOk);
            case Socket o -> create(w, o.name(), o.number(), new TcpSock("CLOSE", "", 0, 0, "", List.of()), null, 0,
                    null, SocketOk);
            case Bind x -> bind(w, x.fd());
            case Listen x -> listen(w, x.fd());
            case Connect x -> connect(w, x.fd(), x.listener());
            case Accept4 x -> accept4(w, x);
            case Dup d -> dup(w, d);
            case Write x -> write(w, x.fd(), x.n());
            case Read x -> wouldSleep(w, x) ? null : read(w, x.fd(), x.n()); // a one-line call returned
            case Shutdown x -> shutdown(w, x.fd(), x.how());
            case Close x -> close(w, x.fd());
            case EpollCtl x -> epollCtl(w, x);
            case EpollWait x -> epollWait(w, x.epfd(), x.maxevents());
            case Poll x -> poll(w, x.fds());
            case Select x -> select(w, x);
            case TaskCall x -> enter(w, x);
            case TaskRun x -> run(w, x.task());
            case TaskTimeout x -> timeout(w, x.task());
            case TaskReturn x -> taskReturn(w, x.task());
            case Fcntl x -> fcntl(w, x);
            case Sigtimedwait x -> sigtimedwait(w);
        };
        if (rule == null) {
            return List.of();
        }
        ReadinessState next = w.build();
        if (w.sigioRace && !next.sigio()) { // the woken reader may clear SOCKWQ_ASYNC_WAITDATA first
            ReadinessState signalled = new ReadinessState(next.numbers(), next.fds(), next.files(), next.ret(), next.out(),
                    next.tasks(), next.exclusive(), next.blocking(), next.fasync(), next.owner(), true);
            return List.of(new Transition<>(rule, next), new Transition<>(rule, signalled));
        }
        return List.of(new Transition<>(rule, next));
    }

    // ---- the poll methods (f_op->poll) ----------------------------------------------------------

    /**
     * What {@code f_op->poll} of {@code file} returns. Polling an epoll file re-polls its ready
     * items and drops those no longer ready, so it can change state (fs/eventpoll.c __ep_eventpoll_poll).
     */
    static int filePoll(W w, String file) {
        return switch (w.files.get(file)) {
            // kernel: fs/pipe.c pipe_poll, read side
            case PipeRead p -> (p.bytes() > 0 ? Mask.IN | Mask.RDNORM : 0) | (p.writerAlive() ? 0 : Mask.HUP);
            // kernel: fs/pipe.c pipe_poll, write side (never full here)
            case PipeWrite p -> Mask.OUT | Mask.WRNORM | (p.readerAlive() ? 0 : Mask.ERR);
            case UnixStream u -> unixPoll(u);
            // kernel: fs/eventfd.c eventfd_poll
            case EventFd e -> (e.count() != 0 ? Mask.IN : 0) | (e.count() == ULLONG_MAX ? Mask.ERR : 0)
                    | (Long.compareUnsigned(ULLONG_MAX - 1, e.count()) > 0 ? Mask.OUT : 0);
            case Epoll e -> eventpollPoll(w, file);
            case TcpSock t -> tcpPoll(t);
            // kernel: fs/select.c DEFAULT_POLLMASK for files without ->poll
            case Regular r -> Mask.IN | Mask.OUT | Mask.RDNORM | Mask.WRNORM;
        };
    }

    /** kernel: net/unix/af_unix.c unix_poll (always writable here: unix_writable with little wmem in use). */
    static int unixPoll(UnixStream u) {
        int m = 0;
        if (u.err()) {
            m |= Mask.ERR;
        }
        if (u.shutdown() == UnixStream.SHUTDOWN_MASK) {
            m |= Mask.HUP;
        }
        if ((u.shutdown() & UnixStream.RCV_SHUTDOWN) != 0) {
            m |= Mask.RDHUP | Mask.IN | Mask.RDNORM;
        }
        if (!u.rcvQueue().isEmpty()) {
            m |= Mask.IN | Mask.RDNORM;
        }
        return m | Mask.OUT | Mask.WRNORM | Mask.WRBAND;
    }

    /**
     * kernel: net/ipv4/tcp.c tcp_poll — a listener is readable iff a child is queued
     * (inet_csk_listen_poll); otherwise HUP when both directions are shut or the socket is closed,
     * IN|RDHUP once a FIN arrived, IN with data, OUT while there is send space (always, here) or
     * once sending is shut down, ERR with a pending error.
     */
    static int tcpPoll(TcpSock t) {
        if (t.state().equals("LISTEN")) {
            return t.acceptQueue().isEmpty() ? 0 : Mask.IN | Mask.RDNORM;
        }
        int m = 0;
        if (t.shutdown() == UnixStream.SHUTDOWN_MASK || t.state().equals("CLOSE")) {
            m |= Mask.HUP;
        }
        if ((t.shutdown() & UnixStream.RCV_SHUTDOWN) != 0) {
            m |= Mask.IN | Mask.RDNORM | Mask.RDHUP;
        }
        if (t.rcvBytes() > 0) {
            m |= Mask.IN | Mask.RDNORM;
        }
        m |= Mask.OUT | Mask.WRNORM;
        if (!t.err().isEmpty()) {
            m |= Mask.ERR;
        }
        return m;
    }

    /** kernel: fs/eventpoll.c __ep_eventpoll_poll — readable iff some queued item still polls ready. */
    static int eventpollPoll(W w, String file) {
        Epoll e = (Epoll) w.files.get(file);
        List<Key> rdl = new ArrayList<>(e.rdllist());
        int res = 0;
        while (!rdl.isEmpty()) {
            Item item = item(e, rdl.getFirst());
            if (itemPoll(w, item) != 0) {
                res = Mask.IN | Mask.RDNORM;
                break;
            }
            rdl.removeFirst(); // list_del_init: not ready, no longer queued
        }
        Epoll now = (Epoll) w.files.get(file);
        w.files.put(file, now.with(now.items(), rdl));
        if (!rdl.isEmpty()) {
            wakeEpWaiter(w, file); // ep_done_scan: items remain, so another waiter may take them
        }
        return res;
    }

    /** kernel: fs/eventpoll.c ep_item_poll — the file's mask filtered by the item's stored mask. */
    static int itemPoll(W w, Item item) {
        return filePoll(w, item.key().file()) & item.events();
    }

    // ---- the wake-up path -----------------------------------------------------------------------

    /**
     * A wake-up on {@code file}'s wait queue with poll key {@code key}. kernel: kernel/sched/wait.c
     * __wake_up_common walks the queue head to tail. add_wait_queue puts an entry at the head and
     * add_wait_queue_exclusive at the tail, so every non-exclusive entry comes first (the newest
     * first): epoll items, and tasks sleeping in poll, select or read. Then the EPOLLEXCLUSIVE
     * items, oldest first, until one reports that it woke a waiter — unless the wake-up is for all
     * (key 0 here: wake_up_interruptible_all from release, shutdown and state changes).
     */
    static void wake(W w, String file, int key) {
        for (String ep : w.epollIds()) {
            List<Item> onFile = ((Epoll) w.files.get(ep)).items().stream()
                    .filter(i -> i.key().file().equals(file) && (i.events() & Mask.EXCLUSIVE) == 0).toList();
            for (Item item : onFile.reversed()) {
                epPollCallback(w, ep, item, key);
            }
        }
        for (String t : new TreeMap<>(w.tasks).keySet()) {
            Task task = w.tasks.get(t);
            if (task.phase() == Task.Phase.SLEEPING && task.on().contains(file) && wakes(w, task, file, key)) {
                w.tasks.put(t, task.running());
            }
        }
        for (ReadinessState.Exclusive x : List.copyOf(w.exclusive)) {
            if (x.key().file().equals(file) && w.files.get(x.ep()) instanceof Epoll e) {
                Item item = e.items().stream().filter(i -> i.key().equals(x.key())).findFirst().orElseThrow();
                if (epPollCallback(w, x.ep(), item, key) && key != 0) {
                    break; // nr_exclusive = 1: one exclusive entry woke a task
                }
            }
        }
    }

    /**
     * Whether a wake-up with {@code key} wakes a task sleeping on {@code file}. kernel: fs/select.c
     * pollwake ignores keys that miss the entry's key: for poll the fd's events|POLLERR|POLLHUP,
     * for select POLLEX_SET plus the sets the fd is in (wait_key_set). A read sleeps in
     * prepare_to_wait (net/unix/af_unix.c unix_stream_data_wait, fs/eventfd.c eventfd_read_iter):
     * any wake-up wakes it.
     */
    private static boolean wakes(W w, Task task, String file, int key) {
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
    private static boolean watches(W w, Select x, Set<String> set, String file) {
        return inRange(w, x).stream().anyMatch(f -> set.contains(f) && file.equals(w.fileOf(f)));
    }

    /**
     * kernel: fs/eventpoll.c ep_poll_callback — a disarmed item (ONESHOT fired) or a key that
     * misses the item's mask does nothing; otherwise the item goes to the tail of rdllist unless
     * already there, the newest task sleeping in epoll_wait is woken, and epolls and poll/select
     * sleepers watching this epoll are woken with EPOLLIN (ep_poll_safewake). Every callback counts:
     * that is what edge-triggered reports. Returns ewake: false only for an EPOLLEXCLUSIVE item that
     * woke no task for an event it wants (so the wake-up goes on to the next exclusive entry).
     */
    static boolean epPollCallback(W w, String ep, Item item, int key) {
        boolean exclusive = (item.events() & Mask.EXCLUSIVE) != 0;
        if (!item.armed() || (key != 0 && (key & item.events()) == 0)) {
            return !exclusive;
        }
        Epoll e = (Epoll) w.files.get(ep);
        if (!e.rdllist().contains(item.key())) {
            List<Key> rdl = new ArrayList<>(e.rdllist());
            rdl.add(item.key());
            w.files.put(ep, e.with(e.items(), rdl));
        }
        boolean ewake = false;
        if (!e.wq().isEmpty()) {
            int io = key & (Mask.IN | Mask.OUT);
            ewake = io == 0 || (io == Mask.IN && (item.events() & Mask.IN) != 0)
                    || (io == Mask.OUT && (item.events() & Mask.OUT) != 0);
            wakeEpWaiter(w, ep);
        }
        wake(w, ep, Mask.IN);
        return ewake || !exclusive;
    }

    /**
     * kernel: fs/eventpoll.c wake_up(&ep->wq) — epoll_wait sleepers wait exclusively, and
     * ep_poll's __add_wait_queue_exclusive puts each at the head, so one wake-up wakes the newest
     * sleeper (LIFO); ep_autoremove_wake_function takes it off the queue.
     */
    static void wakeEpWaiter(W w, String ep) {
        Epoll e = (Epoll) w.files.get(ep);
        if (e.wq().isEmpty()) {
            return;
        }
        String t = e.wq().getFirst();
        w.files.put(ep, new Epoll(e.items(), e.rdllist(), e.wq().subList(1, e.wq().size())));
        w.tasks.put(t, w.tasks.get(t).running());
    }

    // ---- file creation, dup, close --------------------------------------------------------------

    private static ReadinessRule create(W w, String a, int an, FileState fa, String b, int bn, FileState fb,
                                        ReadinessRule rule) {
        if (w.numbers.containsKey(a) || (b != null && (w.numbers.containsKey(b) || b.equals(a)))) {
            return null; // names are fresh
        }
        if (w.numberOpen(an) || (b != null && (w.numberOpen(bn) || an == bn))) {
            return null; // the kernel never hands out a number an open fd holds (fs/file.c alloc_fd)
        }
        w.numbers.put(a, an);
        w.fds.put(a, a);
        w.files.put(a, fa);
        if (b != null) {
            w.numbers.put(b, bn);
            w.fds.put(b, b);
            w.files.put(b, fb);
        }
        w.ret = b == null ? a + ":" + an : a + ":" + an + "," + b + ":" + bn;
        return rule;
    }

    private static ReadinessRule dup(W w, Dup d) {
        if (w.numbers.containsKey(d.name())) {
            return null;
        }
        String file = w.fileOf(d.fd());
        if (file == null) {
            return fail(w, Errno.EBADF, Ebadf); // man: dup(2) EBADF
        }
        if (w.numberOpen(d.number())) {
            return null;
        }
        w.numbers.put(d.name(), d.number());
        w.fds.put(d.name(), file);
        w.ret = d.name() + ":" + d.number();
        return DupOk;
    }

    /** close(2): the fd goes; the file goes only with its last fd (fs/file_table.c __fput). */
    private static ReadinessRule close(W w, String fd) {
        String open = w.openName(fd);
        String file = open == null ? null : w.fds.remove(open);
        if (file == null) {
            return fail(w, Errno.EBADF, Ebadf);
        }
        w.ret = "0";
        if (w.fds.containsValue(file)) {
            return CloseFd; // events keep arriving for items added under this fd (man: epoll(7) Q6)
        }
        release(w, file);
        return CloseRelease;
    }

    /** The last reference is gone: fs/eventpoll.c eventpoll_release_file first, then f_op->release. */
    private static void release(W w, String file) {
        w.exclusive.removeIf(x -> x.ep().equals(file) || x.key().file().equals(file));
        w.fasync.remove(file); // __fput: ->fasync(-1, file, 0) before ->release
        w.owner.remove(file);
        w.blocking.remove(file);
        for (String ep : w.epollIds()) {
            Epoll e = (Epoll) w.files.get(ep);
            w.files.put(ep, e.with(e.items().stream().filter(i -> !i.key().file().equals(file)).toList(),
                    e.rdllist().stream().filter(k -> !k.file().equals(file)).toList()));
        }
        FileState f = w.files.remove(file);
        switch (f) {
            case PipeRead p -> {
                // kernel: fs/pipe.c pipe_release: readers 0 while a writer lives → wake both sides, no key
                if (w.files.get(p.writer()) instanceof PipeWrite pw) {
                    w.files.put(p.writer(), new PipeWrite(pw.reader(), false));
                    wake(w, p.writer(), 0);
                    killFasync(w, p.writer());
                }
            }
            case PipeWrite p -> {
                if (w.files.get(p.reader()) instanceof PipeRead pr) {
                    w.files.put(p.reader(), new PipeRead(pr.writer(), pr.bytes(), false));
                    wake(w, p.reader(), 0);
                    killFasync(w, p.reader());
                }
            }
            case UnixStream u -> {
                // kernel: net/unix/af_unix.c unix_release_sock: the peer gets SHUTDOWN_MASK, and
                // ECONNRESET if this end still held unread data; sk_state_change wakes it, no key
                if (w.files.get(u.peer()) instanceof UnixStream p) {
                    w.files.put(u.peer(), new UnixStream(p.peer(), p.rcvQueue(), UnixStream.SHUTDOWN_MASK,
                            p.err() || !u.rcvQueue().isEmpty()));
                    sockWake(w, u.peer(), 0, true); // sk_wake_async(POLL_HUP)
                }
            }
            case TcpSock t -> releaseTcp(w, t);
            case EventFd e -> { }
            case Epoll e -> { }
            case Regular r -> { }
        }
    }

    /**
     * close() of a TCP socket. kernel: net/ipv4/tcp.c __tcp_close — unread data means RST (the
     * peer gets ECONNRESET and is done), otherwise a FIN (the peer gets RCV_SHUTDOWN: tcp_fin).
     * A listener resets every child still queued (inet_csk_listen_stop).
     */
    private static void releaseTcp(W w, TcpSock t) {
        if (t.state().equals("LISTEN")) {
            for (String child : t.acceptQueue()) {
                TcpSock c = (TcpSock) w.files.remove(child);
                if (w.files.get(c.peer()) instanceof TcpSock p) {
                    reset(w, c.peer(), p);
                }
            }
            return;
        }
        if (!(w.files.get(t.peer()) instanceof TcpSock p) || p.state().equals("CLOSE")) {
            return;
        }
        if (t.rcvBytes() > 0) {
            reset(w, t.peer(), p);
        } else {
            w.files.put(t.peer(), p.with(p.state(), p.shutdown() | UnixStream.RCV_SHUTDOWN, p.err()));
            wake(w, t.peer(), 0); // tcp_fin → sk_state_change
        }
    }

    /** kernel: net/ipv4/tcp_input.c tcp_reset → tcp_done: EPIPE in CLOSE_WAIT, else ECONNRESET; woken without key. */
    private static void reset(W w, String file, TcpSock t) {
        String err = (t.shutdown() & UnixStream.RCV_SHUTDOWN) != 0 ? "EPIPE" : "ECONNRESET";
        w.files.put(file, new TcpSock("CLOSE", t.peer(), t.rcvBytes(), UnixStream.SHUTDOWN_MASK, err, List.of()));
        wake(w, file, 0);
    }

    // ---- TCP sockets on loopback ------------------------------------------------------------------

    private static ReadinessRule bind(W w, String fd) {
        String file = w.fileOf(fd);
        if (file == null) {
            return fail(w, Errno.EBADF, Ebadf);
        }
        if (!(w.files.get(file) instanceof TcpSock)) {
            return fail(w, Errno.ENOTSOCK, ShutdownEnotsock);
        }
        w.ret = "0";
        return BindOk;
    }

    /** kernel: net/ipv4/af_inet.c inet_listen — only an unconnected socket may listen. */
    private static ReadinessRule listen(W w, String fd) {
        String file = w.fileOf(fd);
        if (file == null) {
            return fail(w, Errno.EBADF, Ebadf);
        }
        if (!(w.files.get(file) instanceof TcpSock t)) {
            return fail(w, Errno.ENOTSOCK, ShutdownEnotsock);
        }
        if (!(t.state().equals("CLOSE") || t.state().equals("LISTEN")) || !t.peer().isEmpty()) {
            return fail(w, Errno.EINVAL, SockEinval);
        }
        w.files.put(file, new TcpSock("LISTEN", "", 0, 0, "", t.acceptQueue()));
        w.ret = "0";
        return ListenOk;
    }

    /**
     * A non-blocking connect to a loopback listener. The handshake completes inside the call
     * (softirq processing at release_sock), so it returns EINPROGRESS with the client
     * established and the child queued. kernel: tcp_finish_connect → sk_state_change (no key);
     * tcp_child_process → the listener's sk_data_ready (sock_def_readable).
     */
    private static ReadinessRule connect(W w, String fd, String listener) {
        String file = w.fileOf(fd);
        String lfile = w.fileOf(listener);
        if (file == null) {
            return fail(w, Errno.EBADF, Ebadf);
        }
        if (!(w.files.get(file) instanceof TcpSock c) || !c.state().equals("CLOSE") || !c.peer().isEmpty()
                || lfile == null || !(w.files.get(lfile) instanceof TcpSock l) || !l.state().equals("LISTEN")) {
            return null; // not modelled: connecting anything but a fresh socket to a live listener
        }
        String child = lfile + "." + file;
        w.files.put(child, new TcpSock("ESTABLISHED", file, 0, 0, "", List.of()));
        w.files.put(file, new TcpSock("ESTABLISHED", child, 0, 0, "", List.of()));
        List<String> q = new ArrayList<>(l.acceptQueue());
        q.add(child);
        w.files.put(lfile, new TcpSock("LISTEN", "", 0, 0, "", q));
        wake(w, file, 0);
        wake(w, lfile, Mask.IN | Mask.PRI | Mask.RDNORM | Mask.RDBAND);
        w.ret = Errno.EINPROGRESS.name();
        return ConnectInProgress;
    }

    /** kernel: net/ipv4/inet_connection_sock.c inet_csk_accept (the listener is O_NONBLOCK). */
    private static ReadinessRule accept4(W w, Accept4 a) {
        if (w.numbers.containsKey(a.name())) {
            return null;
        }
        String lfile = w.fileOf(a.fd());
        if (lfile == null) {
            return fail(w, Errno.EBADF, Ebadf);
        }
        if (!(w.files.get(lfile) instanceof TcpSock l) || !l.state().equals("LISTEN")) {
            return fail(w, Errno.EINVAL, SockEinval);
        }
        if (l.acceptQueue().isEmpty()) {
            return fail(w, Errno.EAGAIN, IoEagain);
        }
        if (w.numberOpen(a.number())) {
            return null;
        }
        String child = l.acceptQueue().getFirst();
        w.files.put(lfile, new TcpSock("LISTEN", "", 0, 0, "", l.acceptQueue().subList(1, l.acceptQueue().size())));
        w.numbers.put(a.name(), a.number());
        w.fds.put(a.name(), child);
        w.ret = a.name() + ":" + a.number();
        return AcceptOk;
    }

    private static ReadinessRule writeTcp(W w, String file, TcpSock t, long n) {
        if (!t.err().isEmpty()) {
            w.files.put(file, t.with(t.state(), t.shutdown(), "")); // sock_error clears it
            return fail(w, Errno.valueOf(t.err()), TcpSockError);
        }
        if ((t.shutdown() & UnixStream.SEND_SHUTDOWN) != 0 || !t.state().equals("ESTABLISHED")) {
            return fail(w, Errno.EPIPE, IoEpipe); // kernel: tcp_sendmsg_locked do_error
        }
        if (w.files.get(t.peer()) instanceof TcpSock p && !p.state().equals("CLOSE")) {
            w.files.put(t.peer(), new TcpSock(p.state(), p.peer(), p.rcvBytes() + n, p.shutdown(), p.err(), p.acceptQueue()));
            wake(w, t.peer(), Mask.IN | Mask.PRI | Mask.RDNORM | Mask.RDBAND); // tcp_data_ready → sock_def_readable
            w.ret = String.valueOf(n);
            return WriteTcp;
        }
        // The peer's socket is gone: its orphan answers the data with RST (tcp_rcv_state_process TCPAbortOnData).
        reset(w, file, t);
        w.ret = String.valueOf(n);
        return WriteTcpReset;
    }

    private static ReadinessRule readTcp(W w, String file, TcpSock t, long n) {
        if (t.state().equals("LISTEN")) {
            return fail(w, Errno.ENOTCONN, SockEinval);
        }
        if (t.rcvBytes() > 0) {
            long k = Math.min(n, t.rcvBytes());
            w.files.put(file, new TcpSock(t.state(), t.peer(), t.rcvBytes() - k, t.shutdown(), t.err(), t.acceptQueue()));
            w.ret = String.valueOf(k);
            return ReadTcp;
        }
        if (!t.err().isEmpty()) {
            w.files.put(file, t.with(t.state(), t.shutdown(), ""));
            return fail(w, Errno.valueOf(t.err()), TcpSockError); // tcp_recvmsg: sock_error
        }
        if ((t.shutdown() & UnixStream.RCV_SHUTDOWN) != 0) {
            w.ret = "0";
            return ReadTcpEof;
        }
        if (t.state().equals("CLOSE")) {
            return fail(w, Errno.ENOTCONN, SockEinval);
        }
        return fail(w, Errno.EAGAIN, IoEagain);
    }

    /**
     * shutdown(2) of a TCP socket. kernel: net/ipv4/af_inet.c inet_shutdown, tcp_shutdown (FIN),
     * tcp_fin on the peer. Once both directions are shut each side is done (TIME_WAIT, LAST_ACK → CLOSE).
     */
    private static ReadinessRule shutdownTcp(W w, String file, TcpSock t, int how) {
        if (!t.state().equals("ESTABLISHED")) {
            return fail(w, Errno.ENOTCONN, SockEinval);
        }
        int mode = how + 1;
        TcpSock me = t.with(t.state(), t.shutdown() | mode, t.err());
        w.files.put(file, me);
        if ((mode & UnixStream.SEND_SHUTDOWN) != 0 && w.files.get(t.peer()) instanceof TcpSock p) {
            TcpSock peer = p.with(p.state(), p.shutdown() | UnixStream.RCV_SHUTDOWN, p.err());
            w.files.put(t.peer(), peer);
            if (peer.shutdown() == UnixStream.SHUTDOWN_MASK && me.shutdown() == UnixStream.SHUTDOWN_MASK) {
                w.files.put(file, me.with("CLOSE", UnixStream.SHUTDOWN_MASK, me.err()));
                w.files.put(t.peer(), peer.with("CLOSE", UnixStream.SHUTDOWN_MASK, peer.err()));
            }
            wake(w, t.peer(), 0);
        }
        wake(w, file, 0);
        w.ret = "0";
        return ShutdownTcp;
    }

    // ---- read, write, shutdown ------------------------------------------------------------------

    private static ReadinessRule write(W w, String fd, long n) {
        String file = w.fileOf(fd);
        if (file == null) {
            return fail(w, Errno.EBADF, Ebadf);
        }
        switch (w.files.get(file)) {
            case PipeWrite p -> {
                if (!p.readerAlive()) {
                    return fail(w, Errno.EPIPE, IoEpipe); // kernel: fs/pipe.c pipe_write, !pipe->readers
                }
                PipeRead r = (PipeRead) w.files.get(p.reader());
                w.files.put(p.reader(), new PipeRead(r.writer(), r.bytes() + n, r.writerAlive()));
                // kernel: pipe_write wakes readers after every write once the pipe was polled (poll_usage)
                wake(w, p.reader(), Mask.IN | Mask.RDNORM);
                killFasync(w, p.reader()); // pipe_write: kill_fasync(&pipe->fasync_readers, SIGIO, POLL_IN)
                w.ret = String.valueOf(n);
                return WritePipe;
            }
            case UnixStream u -> {
                UnixStream peer = w.files.get(u.peer()) instanceof UnixStream x ? x : null;
                if ((u.shutdown() & UnixStream.SEND_SHUTDOWN) != 0 || peer == null
                        || (peer.shutdown() & UnixStream.RCV_SHUTDOWN) != 0) {
                    return fail(w, Errno.EPIPE, IoEpipe); // kernel: unix_stream_sendmsg pipe_err
                }
                List<Long> q = new ArrayList<>(peer.rcvQueue());
                q.add(n);
                w.files.put(u.peer(), new UnixStream(peer.peer(), q, peer.shutdown(), peer.err()));
                // kernel: sk_data_ready → sock_def_readable: wake-up, then sk_wake_async(POLL_IN)
                sockWake(w, u.peer(), Mask.IN | Mask.PRI | Mask.RDNORM | Mask.RDBAND, true);
                w.ret = String.valueOf(n);
                return WriteUnix;
            }
            case EventFd e -> {
                if (n == ULLONG_MAX) {
                    return fail(w, Errno.EINVAL, IoEinval); // kernel: fs/eventfd.c eventfd_write
                }
                if (Long.compareUnsigned(ULLONG_MAX - e.count(), n) <= 0) {
                    return fail(w, Errno.EAGAIN, IoEagain);
                }
                w.files.put(file, new EventFd(e.count() + n, e.semaphore()));
                wake(w, file, Mask.IN); // kernel: eventfd_write, waitqueue_active → wake_up_locked_poll(EPOLLIN)
                w.ret = "8";
                return WriteEventfd;
            }
            case TcpSock t -> {
                return writeTcp(w, file, t, n);
            }
            case PipeRead p -> {
                return fail(w, Errno.EBADF, Ebadf); // fs/read_write.c vfs_write: not FMODE_WRITE
            }
            case Epoll e -> {
                return fail(w, Errno.EINVAL, IoEinval);
            }
            case Regular r -> {
                return fail(w, Errno.EBADF, Ebadf); // opened read-only by the scenarios
            }
        }
    }

    private static ReadinessRule read(W w, String fd, long n) {
        String file = w.fileOf(fd);
        if (file == null) {
            return fail(w, Errno.EBADF, Ebadf);
        }
        switch (w.files.get(file)) {
            case PipeRead p -> {
                if (n > 0) {
                    killFasync(w, p.writer()); // pipe_read ends, whatever it returns, in kill_fasync(fasync_writers)
                }
                if (p.bytes() == 0) {
                    if (!p.writerAlive()) {
                        w.ret = "0";
                        return ReadPipeEof; // kernel: fs/pipe.c pipe_read, !pipe->writers
                    }
                    return fail(w, Errno.EAGAIN, IoEagain);
                }
                long k = Math.min(n, p.bytes());
                w.files.put(file, new PipeRead(p.writer(), p.bytes() - k, p.writerAlive()));
                w.ret = String.valueOf(k);
                return ReadPipe; // the pipe was never full, so pipe_read wakes no writer
            }
            case UnixStream u -> {
                if (u.rcvQueue().isEmpty()) {
                    // kernel: unix_stream_read_generic: sock_error first, then RCV_SHUTDOWN, then EAGAIN
                    if (u.err()) {
                        w.files.put(file, new UnixStream(u.peer(), u.rcvQueue(), u.shutdown(), false));
                        return fail(w, Errno.ECONNRESET, ReadUnixReset);
                    }
                    if ((u.shutdown() & UnixStream.RCV_SHUTDOWN) != 0) {
                        w.ret = "0";
                        return ReadUnixEof;
                    }
                    return fail(w, Errno.EAGAIN, IoEagain);
                }
                List<Long> q = new ArrayList<>(u.rcvQueue());
                long left = n;
                long got = 0;
                int consumed = 0;
                while (!q.isEmpty() && left > 0) {
                    long take = Math.min(left, q.getFirst());
                    got += take;
                    left -= take;
                    if (take == q.getFirst()) {
                        q.removeFirst();
                        consumed++;
                    } else {
                        q.set(0, q.getFirst() - take);
                    }
                }
                w.files.put(file, new UnixStream(u.peer(), q, u.shutdown(), u.err()));
                // kernel: consume_skb → sock_wfree → unix_write_space on the sender, once per skb freed
                if (w.files.containsKey(u.peer())) {
                    for (int i = 0; i < consumed; i++) {
                        wake(w, u.peer(), Mask.OUT | Mask.WRNORM | Mask.WRBAND);
                    }
                }
                w.ret = String.valueOf(got);
                return ReadUnix;
            }
            case EventFd e -> {
                if (n < 8) {
                    return fail(w, Errno.EINVAL, IoEinval); // kernel: fs/eventfd.c eventfd_read
                }
                if (e.count() == 0) {
                    return fail(w, Errno.EAGAIN, IoEagain);
                }
                long value = e.semaphore() ? 1 : e.count();
                w.files.put(file, new EventFd(e.count() - value, e.semaphore()));
                wake(w, file, Mask.OUT); // kernel: eventfd_read → wake_up_locked_poll(EPOLLOUT)
                w.ret = "8";
                w.out.add("value=" + Long.toUnsignedString(value));
                return ReadEventfd;
            }
            case TcpSock t -> {
                return readTcp(w, file, t, n);
            }
            case PipeWrite p -> {
                return fail(w, Errno.EBADF, Ebadf);
            }
            case Epoll e -> {
                return fail(w, Errno.EINVAL, IoEinval);
            }
            case Regular r -> {
                w.ret = "0";
                return ReadPipeEof;
            }
        }
    }

    /** kernel: net/unix/af_unix.c unix_shutdown — this side and the peer's mirror bits, each woken without key. */
    private static ReadinessRule shutdown(W w, String fd, int how) {
        String file = w.fileOf(fd);
        if (file == null) {
            return fail(w, Errno.EBADF, Ebadf);
        }
        if (w.files.get(file) instanceof TcpSock t) {
            return shutdownTcp(w, file, t, how);
        }
        if (!(w.files.get(file) instanceof UnixStream u)) {
            return fail(w, Errno.ENOTSOCK, ShutdownEnotsock);
        }
        int mode = how + 1; // SHUT_RD → RCV_SHUTDOWN, SHUT_WR → SEND_SHUTDOWN, SHUT_RDWR → both
        w.files.put(file, new UnixStream(u.peer(), u.rcvQueue(), u.shutdown() | mode, u.err()));
        wake(w, file, 0);
        if (w.files.get(u.peer()) instanceof UnixStream p) {
            int peerMode = ((mode & UnixStream.RCV_SHUTDOWN) != 0 ? UnixStream.SEND_SHUTDOWN : 0)
                    | ((mode & UnixStream.SEND_SHUTDOWN) != 0 ? UnixStream.RCV_SHUTDOWN : 0);
            w.files.put(u.peer(), new UnixStream(p.peer(), p.rcvQueue(), p.shutdown() | peerMode, p.err()));
            // only the side that lost its receive direction gets sk_wake_async (POLL_IN or POLL_HUP)
            sockWake(w, u.peer(), 0, (peerMode & UnixStream.RCV_SHUTDOWN) != 0);
        }
        w.ret = "0";
        return ShutdownUnix;
    }

    // ---- epoll ----------------------------------------------------------------------------------

    /** kernel: fs/eventpoll.c do_epoll_ctl, checks in the kernel's order. */
    private static ReadinessRule epollCtl(W w, EpollCtl c) {
        if (c.nullEvent() && c.op() != Op.EPOLL_CTL_DEL) {
            return fail(w, Errno.EFAULT, EpollCtlEfault); // copy_from_user before any fd is looked at
        }
        String epFile = w.fileOf(c.epfd());
        String tFile = w.fileOf(c.fd());
        if (epFile == null || tFile == null) {
            return fail(w, Errno.EBADF, Ebadf); // fdget(epfd), fdget(fd)
        }
        if (w.files.get(tFile) instanceof Regular) {
            return fail(w, Errno.EPERM, EpollCtlEperm); // !file_can_poll
        }
        if (epFile.equals(tFile) || !(w.files.get(epFile) instanceof Epoll ep)) {
            return fail(w, Errno.EINVAL, EpollCtlEinval); // f.file == tf.file || !is_file_epoll
        }
        boolean hasEvent = c.op() != Op.EPOLL_CTL_DEL;
        if (hasEvent && (c.events() & Mask.EXCLUSIVE) != 0) {
            if (c.op() == Op.EPOLL_CTL_MOD) {
                return fail(w, Errno.EINVAL, EpollCtlEinval);
            }
            if (c.op() == Op.EPOLL_CTL_ADD
                    && (w.files.get(tFile) instanceof Epoll || (c.events() & ~Mask.EXCLUSIVE_OK) != 0)) {
                return fail(w, Errno.EINVAL, EpollCtlEinval); // EPOLLEXCLUSIVE_OK_BITS, no nested target
            }
        }
        if (c.op() == Op.EPOLL_CTL_ADD && w.files.get(tFile) instanceof Epoll && loops(w, epFile, tFile)) {
            return fail(w, Errno.ELOOP, EpollCtlEloop); // ep_loop_check
        }
        Key key = new Key(tFile, w.openName(c.fd())); // epoll keys an item by (file, fd number)
        Item found = ep.items().stream().filter(i -> i.key().equals(key)).findFirst().orElse(null);
        switch (c.op()) {
            case EPOLL_CTL_ADD -> {
                if (found != null) {
                    return fail(w, Errno.EEXIST, EpollCtlEexist);
                }
                Item item = new Item(key, c.events() | Mask.ERR | Mask.HUP);
                List<Item> items = new ArrayList<>(ep.items());
                items.add(item);
                w.files.put(epFile, ep.with(items, ep.rdllist()));
                if ((c.events() & Mask.EXCLUSIVE) != 0) {
                    w.exclusive.add(new ReadinessState.Exclusive(epFile, key)); // ep_ptable_queue_proc
                }
                queueIfReady(w, epFile, item); // ep_insert: already ready → rdllist at once
                w.ret = "0";
                return EpollCtlAdd;
            }
            case EPOLL_CTL_DEL -> {
                if (found == null) {
                    return fail(w, Errno.ENOENT, EpollCtlEnoent);
                }
                // ep_remove: unlinked from rdllist too, so a queued event is never reported
                w.exclusive.removeIf(x -> x.ep().equals(epFile) && x.key().equals(key));
                w.files.put(epFile, ep.with(ep.items().stream().filter(i -> !i.key().equals(key)).toList(),
                        ep.rdllist().stream().filter(k -> !k.equals(key)).toList()));
                w.ret = "0";
                return EpollCtlDel;
            }
            case EPOLL_CTL_MOD -> {
                if (found == null) {
                    return fail(w, Errno.ENOENT, EpollCtlEnoent);
                }
                if ((found.events() & Mask.EXCLUSIVE) != 0) {
                    return fail(w, Errno.EINVAL, EpollCtlEinval); // an EXCLUSIVE item cannot be modified
                }
                Item item = new Item(key, c.events() | Mask.ERR | Mask.HUP);
                w.files.put(epFile, ep.with(ep.items().stream().map(i -> i.key().equals(key) ? item : i).toList(),
                        ep.rdllist()));
                queueIfReady(w, epFile, item); // ep_modify re-polls: a ready item is reported again
                w.ret = "0";
                return EpollCtlMod;
            }
            default -> {
                return fail(w, Errno.EINVAL, EpollCtlEinval); // unknown op: error stays -EINVAL
            }
        }
    }

    /** ep_insert / ep_modify: poll the new item; if ready and not queued, queue it and wake watchers. */
    private static void queueIfReady(W w, String ep, Item item) {
        if (itemPoll(w, item) == 0) {
            return;
        }
        Epoll e = (Epoll) w.files.get(ep);
        if (!e.rdllist().contains(item.key())) {
            List<Key> rdl = new ArrayList<>(e.rdllist());
            rdl.add(item.key());
            w.files.put(ep, e.with(e.items(), rdl));
            wakeEpWaiter(w, ep); // ep_insert / ep_modify: wake_up(&ep->wq)
            wake(w, ep, Mask.IN); // pwake → ep_poll_safewake
        }
    }

    /**
     * kernel: fs/eventpoll.c ep_loop_check (6.17 on): adding epoll {@code to} into {@code ep} loops
     * if {@code ep} is reachable from {@code to}, or the chain gets deeper than EP_MAX_NESTS.
     */
    static boolean loops(W w, String ep, String to) {
        if (reaches(w, to, ep)) {
            return true;
        }
        return height(w, to) + 1 + upwards(w, ep) > EP_MAX_NESTS;
    }

    private static boolean reaches(W w, String from, String target) {
        if (from.equals(target)) {
            return true;
        }
        for (Item i : ((Epoll) w.files.get(from)).items()) {
            if (w.files.get(i.key().file()) instanceof Epoll && reaches(w, i.key().file(), target)) {
                return true;
            }
        }
        return false;
    }

    /** Epoll levels below {@code ep} (0 when it watches no epoll). */
    private static int height(W w, String ep) {
        int h = 0;
        for (Item i : ((Epoll) w.files.get(ep)).items()) {
            if (w.files.get(i.key().file()) instanceof Epoll) {
                h = Math.max(h, 1 + height(w, i.key().file()));
            }
        }
        return h;
    }

    /** Epoll levels above {@code ep} (0 when no epoll watches it). */
    private static int upwards(W w, String ep) {
        int u = 0;
        for (String other : w.epollIds()) {
            for (Item i : ((Epoll) w.files.get(other)).items()) {
                if (i.key().file().equals(ep)) {
                    u = Math.max(u, 1 + upwards(w, other));
                }
            }
        }
        return u;
    }

    /**
     * epoll_wait with timeout 0. kernel: fs/eventpoll.c do_epoll_wait, ep_send_events: take the
     * ready list; for each item, re-poll it; skip it if no longer ready; report it; a ONESHOT item
     * disarms, a level-triggered one goes back to the tail, an edge-triggered one is done. Items
     * not reached because maxevents was hit go back to the head (ep_done_scan).
     */
    private static ReadinessRule epollWait(W w, String epfd, int maxevents) {
        String file = w.fileOf(epfd);
        if (file == null) {
            return fail(w, Errno.EBADF, Ebadf); // do_epoll_wait: fdget first
        }
        if (maxevents <= 0) {
            return fail(w, Errno.EINVAL, EpollWaitEinval); // ep_check_params
        }
        if (!(w.files.get(file) instanceof Epoll start)) {
            return fail(w, Errno.EINVAL, EpollWaitEinval);
        }
        List<Key> txlist = new ArrayList<>(start.rdllist());
        w.files.put(file, start.with(start.items(), List.of()));
        int res = 0;
        while (!txlist.isEmpty() && res < maxevents) {
            Key k = txlist.removeFirst();
            Epoll e = (Epoll) w.files.get(file);
            Item item = item(e, k);
            int revents = itemPoll(w, item);
            if (revents == 0) {
                continue; // no longer ready: dropped, not counted
            }
            res++;
            w.out.add(k.fd() + "=" + Mask.text(revents, "EPOLL"));
            e = (Epoll) w.files.get(file);
            if ((item.events() & Mask.ONESHOT) != 0) {
                Item disarmed = new Item(k, item.events() & Mask.PRIVATE);
                w.files.put(file, e.with(e.items().stream().map(i -> i.key().equals(k) ? disarmed : i).toList(),
                        e.rdllist()));
            } else if ((item.events() & Mask.ET) == 0) {
                List<Key> rdl = new ArrayList<>(e.rdllist());
                rdl.add(k); // level-triggered: back to the tail
                w.files.put(file, e.with(e.items(), rdl));
            }
        }
        Epoll e = (Epoll) w.files.get(file);
        List<Key> rdl = new ArrayList<>(txlist); // unsent items at the head
        for (Key k : e.rdllist()) {
            if (!rdl.contains(k)) {
                rdl.add(k);
            }
        }
        w.files.put(file, e.with(e.items(), rdl));
        if (!rdl.isEmpty()) {
            wakeEpWaiter(w, file); // ep_done_scan: a level-triggered item back on rdllist wakes the next waiter
        }
        w.ret = String.valueOf(res);
        return EpollWaitOk;
    }

    private static Item item(Epoll e, Key k) {
        return e.items().stream().filter(i -> i.key().equals(k)).findFirst()
                .orElseThrow(() -> new AssertionError("impossible: rdllist holds an unknown item " + k));
    }

    // ---- poll and select ------------------------------------------------------------------------

    /** kernel: fs/select.c do_sys_poll / do_pollfd, timeout 0. */
    private static ReadinessRule poll(W w, List<PollFd> pfds) {
        int count = 0;
        for (PollFd p : pfds) {
            if (p.fd() == null) {
                continue; // negative fd: revents 0, not counted
            }
            String file = w.fileOf(p.fd());
            int revents = file == null ? Mask.NVAL : filePoll(w, file) & (p.events() | Mask.ERR | Mask.HUP);
            if (revents != 0) {
                count++;
                w.out.add(p.fd() + "=" + Mask.text(revents, "POLL"));
            }
        }
        w.ret = String.valueOf(count);
        return PollOk;
    }

    /** kernel: fs/select.c core_sys_select / do_select, timeout 0; the result counts bits. */
    private static ReadinessRule select(W w, Select s) {
        if (s.nfds() < 0) {
            return fail(w, Errno.EINVAL, SelectEinval);
        }
        List<String> inRange = inRange(w, s);
        for (String fd : inRange) {
            if (w.fileOf(fd) == null) {
                return fail(w, Errno.EBADF, Ebadf); // max_select_fd: a set bit for a closed fd
            }
        }
        List<String> rd = new ArrayList<>(), wr = new ArrayList<>(), ex = new ArrayList<>();
        for (String fd : inRange) {
            int mask = filePoll(w, w.fileOf(fd));
            if (s.rd().contains(fd) && (mask & Mask.IN_SET) != 0) rd.add(fd);
            if (s.wr().contains(fd) && (mask & Mask.OUT_SET) != 0) wr.add(fd);
            if (s.ex().contains(fd) && (mask & Mask.EX_SET) != 0) ex.add(fd);
        }
        w.ret = String.valueOf(rd.size() + wr.size() + ex.size());
        w.out.add("rd=" + join(rd));
        w.out.add("wr=" + join(wr));
        w.out.add("ex=" + join(ex));
        return SelectOk;
    }

    /** The fds of a select whose numbers are below nfds, in number order (do_select looks at no other). */
    private static List<String> inRange(W w, Select s) {
        Set<String> all = new LinkedHashSet<>();
        all.addAll(s.rd());
        all.addAll(s.wr());
        all.addAll(s.ex());
        return all.stream().filter(f -> number(w, f) < s.nfds()).sorted(Comparator.comparingInt(f -> number(w, f))).toList();
    }

    private static int number(W w, String fd) {
        Integer n = w.numbers.get(fd);
        return n == null ? Integer.MAX_VALUE : n;
    }

    private static String join(List<String> fds) {
        return fds.isEmpty() ? "-" : String.join("|", fds.stream().sorted().toList());
    }

    // ---- tasks: calls that sleep ------------------------------------------------------------------

    /** Marks files created without O_NONBLOCK; passes the creation's rule through. */
    private static ReadinessRule blocking(W w, ReadinessRule created, boolean nonblock, String... ids) {
        if (created != null && !nonblock) {
            w.blocking.addAll(List.of(ids));
        }
        return created;
    }

    /** A read of a blocking file with nothing to read sleeps: not a one-line call. */
    private static boolean wouldSleep(W w, Read r) {
        String file = w.fileOf(r.fd());
        if (file == null || !w.blocking.contains(file)) {
            return false;
        }
        return switch (w.files.get(file)) {
            // kernel: unix_stream_read_generic sleeps in unix_stream_data_wait with no data, error or shutdown
            case UnixStream u -> u.rcvQueue().isEmpty() && !u.err() && (u.shutdown() & UnixStream.RCV_SHUTDOWN) == 0;
            // kernel: fs/eventfd.c eventfd_read_iter sleeps while the counter is zero (8-byte reads only)
            case EventFd e -> e.count() == 0 && r.n() >= 8;
            default -> false;
        };
    }

    private static ReadinessRule enter(W w, TaskCall c) {
        if (w.tasks.containsKey(c.task())) {
            return null; // a task makes one call at a time
        }
        w.tasks.put(c.task(), Task.entered(c.call(), c.call() instanceof Read ? -1 : c.timeout()));
        return TaskEnters;
    }

    /**
     * The scheduler runs a task in its call: it checks its files as the one-line call would. With
     * a result (or a zero timeout, or after its timer fired) it is DONE; otherwise it goes to
     * sleep — epoll_wait on ep->wq (kernel: fs/eventpoll.c ep_poll), poll and select on every
     * polled file's queue (fs/select.c do_poll, do_select: poll_schedule_timeout), a read on the
     * file's queue. The checks' side effects stay (an epoll scan drops items no longer ready).
     */
    private static ReadinessRule run(W w, String name) {
        Task t = w.tasks.get(name);
        if (t == null || t.phase() != Task.Phase.RUNNING) {
            return null;
        }
        String mainRet = w.ret;
        List<String> mainOut = List.copyOf(w.out);
        w.ret = "-";
        w.out.clear();
        boolean sleeps = t.call() instanceof Read r && wouldSleep(w, r);
        ReadinessRule rule = switch (t.call()) {
            case EpollWait x -> epollWait(w, x.epfd(), x.maxevents());
            case Poll x -> poll(w, x.fds());
            case Select x -> select(w, x);
            case Read x -> sleeps ? TaskSleeps : read(w, x.fd(), x.n());
            default -> throw new AssertionError("a task's call is checked at TaskCall");
        };
        if (!(t.call() instanceof Read)) {
            sleeps = w.ret.equals("0") && t.timeout() != 0 && !t.timedOut();
        }
        String ret = w.ret;
        List<String> out = List.copyOf(w.out);
        w.ret = mainRet;
        w.out.clear();
        w.out.addAll(mainOut);
        if (!sleeps) {
            w.tasks.put(name, t.done(ret, out));
            return rule;
        }
        switch (t.call()) {
            case EpollWait x -> {
                String ep = w.fileOf(x.epfd());
                Epoll e = (Epoll) w.files.get(ep);
                List<String> wq = new ArrayList<>(e.wq());
                wq.addFirst(name); // __add_wait_queue_exclusive adds at the head: the newest sleeper wakes first
                w.files.put(ep, new Epoll(e.items(), e.rdllist(), wq));
                w.tasks.put(name, t.sleeping(List.of())); // on ep->wq, not on a file's queue
            }
            case Poll x -> w.tasks.put(name, t.sleeping(files(w, x.fds().stream().map(PollFd::fd).toList())));
            case Select x -> w.tasks.put(name, t.sleeping(files(w, inRange(w, x)))); // only fds below nfds are polled
            default -> w.tasks.put(name, t.sleeping(List.of(w.fileOf(((Read) t.call()).fd()))));
        }
        return TaskSleeps;
    }

    /** The open files behind these fd names, sorted, without repeats. */
    private static List<String> files(W w, List<String> names) {
        return names.stream().filter(n -> n != null && w.fileOf(n) != null).map(w::fileOf).distinct().sorted().toList();
    }

    /**
     * A sleeping task's timer fires. kernel: fs/eventpoll.c ep_poll — still on ep->wq, so no
     * events: it returns 0 at once; fs/select.c do_poll, do_select — timed_out: one more scan, then
     * return. A read has no timer.
     */
    private static ReadinessRule timeout(W w, String name) {
        Task t = w.tasks.get(name);
        if (t == null || t.phase() != Task.Phase.SLEEPING || t.timeout() <= 0) {
            return null;
        }
        if (t.call() instanceof EpollWait) {
            for (String ep : w.epollIds()) {
                Epoll e = (Epoll) w.files.get(ep);
                w.files.put(ep, new Epoll(e.items(), e.rdllist(), e.wq().stream().filter(x -> !x.equals(name)).toList()));
            }
            w.tasks.put(name, t.done("0", List.of()));
        } else {
            w.tasks.put(name, t.expired());
        }
        return TaskTimesOut;
    }

    /** The call returns: its result becomes the last result, and the task leaves. */
    private static ReadinessRule taskReturn(W w, String name) {
        Task t = w.tasks.get(name);
        if (t == null || t.phase() != Task.Phase.DONE) {
            return null;
        }
        w.tasks.remove(name);
        w.ret = t.ret();
        w.out.clear();
        w.out.addAll(t.out());
        return TaskReturns;
    }

    // ---- signal-driven I/O ----------------------------------------------------------------------

    /**
     * fcntl F_SETFL / F_SETOWN_EX. kernel: fs/fcntl.c setfl — a change of O_ASYNC calls the file's
     * ->fasync (pipe_fasync, sock_fasync) to join or leave its fasync list; files without one
     * (eventfd, epoll, regular) keep the flag but never signal. O_ASYNC on TCP sockets, and taking
     * O_NONBLOCK off anything but a socketpair end or an eventfd, are not modelled.
     */
    private static ReadinessRule fcntl(W w, Fcntl c) {
        String file = w.fileOf(c.fd());
        if (file == null) {
            return fail(w, Errno.EBADF, Ebadf);
        }
        FileState f = w.files.get(file);
        w.ret = "0";
        if (c.cmd().equals("F_SETOWN_EX")) {
            w.owner.add(file); // f_setown_ex: SIGIO goes to the calling task
            return FcntlSetown;
        }
        boolean nonblock = (c.flags() & Fcntl.O_NONBLOCK) != 0;
        boolean async = (c.flags() & Fcntl.O_ASYNC) != 0;
        if ((!nonblock && !(f instanceof UnixStream || f instanceof EventFd)) || (async && f instanceof TcpSock)) {
            return null;
        }
        if (nonblock) {
            w.blocking.remove(file);
        } else {
            w.blocking.add(file);
        }
        if (f instanceof PipeRead || f instanceof PipeWrite || f instanceof UnixStream) {
            if (async) {
                w.fasync.add(file);
            } else {
                w.fasync.remove(file);
            }
        }
        return FcntlSetfl;
    }

    /** kernel: fs/fcntl.c kill_fasync → send_sigio: only a file on the fasync list with an owner signals. */
    private static void killFasync(W w, String file) {
        if (w.fasync.contains(file) && w.owner.contains(file)) {
            w.sigio = true;
        }
    }

    /**
     * A socket's wake-up on {@code file} with {@code key} (sock_def_readable, sock_def_wakeup), then,
     * when {@code async}, sk_wake_async(SOCK_WAKE_WAITD). kernel: net/socket.c sock_wake_async — no
     * SIGIO while a reader waits for data (unix_stream_data_wait sets SOCKWQ_ASYNC_WAITDATA before it
     * sleeps, clears it once it runs). The wake-up comes first, so the woken reader, on another CPU,
     * may clear the bit before it is tested: then SIGIO is sent after all. Both outcomes.
     */
    private static void sockWake(W w, String file, int key, boolean async) {
        boolean waitdata = waitdata(w, file);
        wake(w, file, key);
        if (!async) {
            return;
        }
        if (!waitdata) {
            killFasync(w, file);
        } else if (w.fasync.contains(file) && w.owner.contains(file)) {
            w.sigioRace = true;
        }
    }

    /** SOCKWQ_ASYNC_WAITDATA: a read task has slept on {@code file} and has not run since. */
    private static boolean waitdata(W w, String file) {
        return w.tasks.values().stream().anyMatch(t -> t.call() instanceof Read && t.on().contains(file));
    }

    /** rt_sigtimedwait({SIGIO}, timeout 0): takes the pending SIGIO, or EAGAIN. */
    private static ReadinessRule sigtimedwait(W w) {
        if (!w.sigio) {
            return fail(w, Errno.EAGAIN, IoEagain);
        }
        w.sigio = false;
        w.ret = "SIGIO";
        return SigioTaken;
    }

    private static ReadinessRule fail(W w, Errno e, ReadinessRule rule) {
        w.ret = e.name();
        w.out.clear();
        return rule;
    }

    /** A working copy of a state, changed by one syscall and then frozen. */
    static final class W {
        final Map<String, Integer> numbers;
        final Map<String, String> fds;
        final Map<String, FileState> files;
        String ret = "-";
        final List<String> out = new ArrayList<>();
        final Map<String, Task> tasks;
        final List<ReadinessState.Exclusive> exclusive;
        final Set<String> blocking;
        final Set<String> fasync;
        final Set<String> owner;
        boolean sigio;
        /** SIGIO may or may not be sent: a race between a woken reader and sock_wake_async. */
        boolean sigioRace;

        W(ReadinessState s) {
            numbers = new HashMap<>(s.numbers());
            fds = new HashMap<>(s.fds());
            files = new HashMap<>(s.files());
            tasks = new HashMap<>(s.tasks());
            exclusive = new ArrayList<>(s.exclusive());
            blocking = new java.util.HashSet<>(s.blocking());
            fasync = new java.util.HashSet<>(s.fasync());
            owner = new java.util.HashSet<>(s.owner());
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
            Integer n = numbers.get(name);
            if (n == null) {
                return null;
            }
            return fds.keySet().stream().filter(o -> n.equals(numbers.get(o))).findFirst().orElse(null);
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
            return new TreeMap<>(files).entrySet().stream().filter(e -> e.getValue() instanceof Epoll)
                    .map(Map.Entry::getKey).toList();
        }

        ReadinessState build() {
            return new ReadinessState(numbers, fds, files, ret, out, tasks, exclusive, blocking, fasync, owner, sigio);
        }
    }
}
