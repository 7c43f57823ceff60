package kpath.model.proc;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import kpath.model.proc.OpenFile.*;
import kpath.model.proc.ProcAction.EpollCreate1;
import kpath.model.proc.ProcAction.EpollCtl;
import kpath.model.proc.ProcAction.Op;
import kpath.uapi.Errno;
import kpath.uapi.Mask;

import static kpath.model.proc.ProcRule.*;

/**
 * fs/eventpoll.c: epoll instances — epoll_ctl, epoll_wait (timeout 0; a task's call scans again
 * when it runs: {@link Tasks}), the poll of an epoll file, and ep_poll_callback, which a wake-up
 * on a watched file calls for each item. Not modelled: ep->ovflist (callbacks during a scan),
 * busy polling, max_user_watches and reverse path counts.
 */
final class Eventpoll {
    private Eventpoll() {}

    /** fs/eventpoll.c EP_MAX_NESTS. */
    static final int EP_MAX_NESTS = 4;

    static ProcRule epollCreate1(World w, EpollCreate1 e) {
        return FdTable.install(w, e.name(), e.number(), new Epoll(List.of(), List.of(), List.of()), null, 0, null,
                EpollCreate1Ok);
    }

    /**
     * kernel: __ep_eventpoll_poll — readable iff some queued item still polls ready; the leading
     * items that do not are unlinked (list_del_init). ep_done_scan: items remain on rdllist, so an
     * epoll_wait sleeper is woken to take them.
     */
    static int poll(World w, String file) {
        Epoll e = (Epoll) w.files.get(file);
        List<Key> rdl = new ArrayList<>(e.rdllist());
        int res = 0;
        while (!rdl.isEmpty()) {
            Item item = item(e, rdl.getFirst());
            if (itemPoll(w, item) != 0) {
                res = Mask.IN | Mask.RDNORM;
                break;
            }
            rdl.removeFirst();
        }
        Epoll now = (Epoll) w.files.get(file);
        w.files.put(file, now.with(now.items(), rdl));
        if (!rdl.isEmpty()) {
            wakeEpWaiter(w, file);
        }
        return res;
    }

    /** kernel: ep_item_poll — the file's mask filtered by the item's stored mask. */
    static int itemPoll(World w, Item item) {
        return SelectPoll.vfsPoll(w, item.key().file()) & item.events();
    }

    /**
     * kernel: ep_poll_callback — a disarmed item (ONESHOT fired) or a key that misses the item's
     * mask does nothing; otherwise the item goes to the tail of rdllist unless already there, the
     * newest task sleeping in epoll_wait is woken, and epolls and poll/select sleepers watching
     * this epoll are woken with EPOLLIN (ep_poll_safewake). Every callback counts: that is what
     * edge-triggered reports. Returns ewake: false only for an EPOLLEXCLUSIVE item that woke no
     * task for an event it wants (so the wake-up goes on to the next exclusive entry).
     */
    static boolean epPollCallback(World w, String ep, Item item, int key) {
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
        Wait.wake(w, ep, Mask.IN);
        return ewake || !exclusive;
    }

    /**
     * kernel: wake_up(&ep->wq) — epoll_wait sleepers wait exclusively, and ep_poll's
     * __add_wait_queue_exclusive puts each at the head, so one wake-up wakes the newest sleeper
     * (LIFO); ep_autoremove_wake_function takes it off the queue.
     */
    static void wakeEpWaiter(World w, String ep) {
        Epoll e = (Epoll) w.files.get(ep);
        if (e.wq().isEmpty()) {
            return;
        }
        String t = e.wq().getFirst();
        w.files.put(ep, new Epoll(e.items(), e.rdllist(), e.wq().subList(1, e.wq().size())));
        w.tasks.put(t, w.tasks.get(t).running());
    }

    // ---- epoll_ctl ------------------------------------------------------------------------------

    /** kernel: do_epoll_ctl — the checks in the kernel's order, then ep_insert, ep_remove or ep_modify. */
    static ProcRule epollCtl(World w, EpollCtl c) {
        ProcRule failed = ctlChecks(w, c);
        if (failed != null) {
            return failed;
        }
        String epFile = w.fileOf(c.epfd());
        Epoll ep = (Epoll) w.files.get(epFile);
        Key key = new Key(w.fileOf(c.fd()), w.openName(c.fd())); // an item is keyed by (file, fd number)
        Item found = ep.items().stream().filter(i -> i.key().equals(key)).findFirst().orElse(null);
        return switch (c.op()) {
            case EPOLL_CTL_ADD -> found != null ? w.fail(Errno.EEXIST, EpollCtlEexist) : insert(w, epFile, ep, key, c.events());
            case EPOLL_CTL_DEL -> found == null ? w.fail(Errno.ENOENT, EpollCtlEnoent) : remove(w, epFile, ep, key);
            case EPOLL_CTL_MOD -> found == null ? w.fail(Errno.ENOENT, EpollCtlEnoent)
                    : (found.events() & Mask.EXCLUSIVE) != 0 ? w.fail(Errno.EINVAL, EpollCtlEinval) // EXCLUSIVE items stay
                    : modify(w, epFile, ep, key, c.events());
            case INVALID -> w.fail(Errno.EINVAL, EpollCtlEinval); // unknown op: error stays -EINVAL
        };
    }

    /** do_epoll_ctl's checks before the op's own: the failing rule, or null when all pass. */
    private static ProcRule ctlChecks(World w, EpollCtl c) {
        if (c.nullEvent() && c.op() != Op.EPOLL_CTL_DEL) {
            return w.fail(Errno.EFAULT, EpollCtlEfault); // copy_from_user before any fd is looked at
        }
        String epFile = w.fileOf(c.epfd());
        String tFile = w.fileOf(c.fd());
        if (epFile == null || tFile == null) {
            return w.fail(Errno.EBADF, Ebadf); // fdget(epfd), fdget(fd)
        }
        if (w.files.get(tFile) instanceof Regular) {
            return w.fail(Errno.EPERM, EpollCtlEperm); // !file_can_poll
        }
        if (epFile.equals(tFile) || !(w.files.get(epFile) instanceof Epoll)) {
            return w.fail(Errno.EINVAL, EpollCtlEinval); // f.file == tf.file || !is_file_epoll
        }
        if (c.op() != Op.EPOLL_CTL_DEL && (c.events() & Mask.EXCLUSIVE) != 0) {
            if (c.op() == Op.EPOLL_CTL_MOD) {
                return w.fail(Errno.EINVAL, EpollCtlEinval);
            }
            if (c.op() == Op.EPOLL_CTL_ADD
                    && (w.files.get(tFile) instanceof Epoll || (c.events() & ~Mask.EXCLUSIVE_OK) != 0)) {
                return w.fail(Errno.EINVAL, EpollCtlEinval); // EPOLLEXCLUSIVE_OK_BITS, no nested target
            }
        }
        if (c.op() == Op.EPOLL_CTL_ADD && w.files.get(tFile) instanceof Epoll && loops(w, epFile, tFile)) {
            return w.fail(Errno.ELOOP, EpollCtlEloop); // ep_loop_check
        }
        return null;
    }

    /**
     * kernel: ep_insert — the stored mask is events|EPOLLERR|EPOLLHUP; an EPOLLEXCLUSIVE item's
     * entry goes to the tail of the target's queue (ep_ptable_queue_proc: add_wait_queue_exclusive);
     * an item already ready goes on rdllist at once.
     */
    private static ProcRule insert(World w, String epFile, Epoll ep, Key key, int events) {
        Item item = new Item(key, events | Mask.ERR | Mask.HUP);
        List<Item> items = new ArrayList<>(ep.items());
        items.add(item);
        w.files.put(epFile, ep.with(items, ep.rdllist()));
        if ((events & Mask.EXCLUSIVE) != 0) {
            w.exclusive.add(new ProcState.Exclusive(epFile, key));
        }
        queueIfReady(w, epFile, item);
        w.ret = 0;
        return EpollCtlAdd;
    }

    /** kernel: ep_remove — unlinked from rdllist too, so a queued event is never reported. */
    private static ProcRule remove(World w, String epFile, Epoll ep, Key key) {
        w.exclusive.removeIf(x -> x.ep().equals(epFile) && x.key().equals(key));
        w.files.put(epFile, ep.with(ep.items().stream().filter(i -> !i.key().equals(key)).toList(),
                ep.rdllist().stream().filter(k -> !k.equals(key)).toList()));
        w.ret = 0;
        return EpollCtlDel;
    }

    /** kernel: ep_modify — the new mask, then a re-poll: a ready item is reported again. */
    private static ProcRule modify(World w, String epFile, Epoll ep, Key key, int events) {
        Item item = new Item(key, events | Mask.ERR | Mask.HUP);
        w.files.put(epFile, ep.with(ep.items().stream().map(i -> i.key().equals(key) ? item : i).toList(),
                ep.rdllist()));
        queueIfReady(w, epFile, item);
        w.ret = 0;
        return EpollCtlMod;
    }

    /** ep_insert / ep_modify: poll the item; if ready and not queued, queue it and wake watchers. */
    private static void queueIfReady(World w, String ep, Item item) {
        if (itemPoll(w, item) == 0) {
            return;
        }
        Epoll e = (Epoll) w.files.get(ep);
        if (!e.rdllist().contains(item.key())) {
            List<Key> rdl = new ArrayList<>(e.rdllist());
            rdl.add(item.key());
            w.files.put(ep, e.with(e.items(), rdl));
            wakeEpWaiter(w, ep); // wake_up(&ep->wq)
            Wait.wake(w, ep, Mask.IN); // pwake → ep_poll_safewake
        }
    }

    /**
     * kernel: ep_loop_check (6.17 on) — adding epoll {@code to} into {@code ep} loops if {@code ep}
     * is reachable from {@code to}, or the chain gets deeper than EP_MAX_NESTS.
     */
    static boolean loops(World w, String ep, String to) {
        if (reaches(w, to, ep)) {
            return true;
        }
        return height(w, to) + 1 + upwards(w, ep) > EP_MAX_NESTS;
    }

    private static boolean reaches(World w, String from, String target) {
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
    private static int height(World w, String ep) {
        int h = 0;
        for (Item i : ((Epoll) w.files.get(ep)).items()) {
            if (w.files.get(i.key().file()) instanceof Epoll) {
                h = Math.max(h, 1 + height(w, i.key().file()));
            }
        }
        return h;
    }

    /** Epoll levels above {@code ep} (0 when no epoll watches it). */
    private static int upwards(World w, String ep) {
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

    // ---- epoll_wait -----------------------------------------------------------------------------

    /**
     * epoll_wait with timeout 0. kernel: do_epoll_wait (fdget, ep_check_params), then ep_poll with
     * ep_start_scan (the ready list becomes the scan's txlist), ep_send_events, ep_done_scan. The
     * rule names the branch ep_send_events took for the items it reported (see {@link #OUTCOMES}).
     */
    static ProcRule epollWait(World w, String epfd, int maxevents) {
        String file = w.fileOf(epfd);
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        if (maxevents <= 0 || !(w.files.get(file) instanceof Epoll start)) {
            return w.fail(Errno.EINVAL, EpollWaitEinval); // ep_check_params
        }
        List<Key> txlist = new ArrayList<>(start.rdllist());
        w.files.put(file, start.with(start.items(), List.of()));
        Sent sent = sendEvents(w, file, txlist, maxevents);
        doneScan(w, file, txlist);
        w.ret = sent.res();
        return sent.rule();
    }

    /**
     * The epoll_wait rules, most lasting first: a call that reported items of several kinds carries
     * the first of these it took — an item disarmed outlasts one re-queued, which outlasts one taken.
     */
    static final List<ProcRule> OUTCOMES = List.of(EpollWaitOneshotDisarmed, EpollWaitLevelRequeued,
            EpollWaitEdgeTaken);

    /** What ep_send_events reported: how many items, and the rule of the most lasting branch taken. */
    private record Sent(int res, ProcRule rule) {}

    /**
     * kernel: ep_send_events — for each item of {@code txlist} until maxevents: re-poll it; skip it
     * if no longer ready; report it; a ONESHOT item disarms, a level-triggered one goes back to the
     * tail of rdllist, an edge-triggered one is done. Leaves the unsent items in {@code txlist}.
     */
    private static Sent sendEvents(World w, String file, List<Key> txlist, int maxevents) {
        int res = 0;
        List<CopyOut.EpollEvent> events = new ArrayList<>();
        Set<ProcRule> taken = EnumSet.noneOf(ProcRule.class);
        while (!txlist.isEmpty() && res < maxevents) {
            Key k = txlist.removeFirst();
            Item item = item((Epoll) w.files.get(file), k);
            int revents = itemPoll(w, item);
            if (revents == 0) {
                continue; // no longer ready: dropped, not counted
            }
            res++;
            events.add(new CopyOut.EpollEvent(k.fd(), revents));
            Epoll e = (Epoll) w.files.get(file);
            ProcRule branch;
            if ((item.events() & Mask.ONESHOT) != 0) {
                Item disarmed = new Item(k, item.events() & Mask.PRIVATE);
                w.files.put(file, e.with(e.items().stream().map(i -> i.key().equals(k) ? disarmed : i).toList(),
                        e.rdllist()));
                branch = EpollWaitOneshotDisarmed;
            } else if ((item.events() & Mask.ET) == 0) {
                List<Key> rdl = new ArrayList<>(e.rdllist());
                rdl.add(k);
                w.files.put(file, e.with(e.items(), rdl));
                branch = EpollWaitLevelRequeued;
            } else {
                branch = EpollWaitEdgeTaken;
            }
            taken.add(branch);
        }
        w.out = new CopyOut.Events(events);
        return new Sent(res, OUTCOMES.stream().filter(taken::contains).findFirst().orElse(EpollWaitNoEvents));
    }

    /**
     * kernel: ep_done_scan — the unsent items go back at the head of rdllist; if it is not empty
     * (a level-triggered item reported), the next epoll_wait sleeper is woken.
     */
    private static void doneScan(World w, String file, List<Key> unsent) {
        Epoll e = (Epoll) w.files.get(file);
        List<Key> rdl = new ArrayList<>(unsent);
        for (Key k : e.rdllist()) {
            if (!rdl.contains(k)) {
                rdl.add(k);
            }
        }
        w.files.put(file, e.with(e.items(), rdl));
        if (!rdl.isEmpty()) {
            wakeEpWaiter(w, file);
        }
    }

    private static Item item(Epoll e, Key k) {
        return e.items().stream().filter(i -> i.key().equals(k)).findFirst()
                .orElseThrow(() -> new AssertionError("impossible: rdllist holds an unknown item " + k)); // coverage: impossible
    }
}
