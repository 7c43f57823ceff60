package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Epoll;
import kpath.model.proc.OpenFile.Item;
import kpath.model.proc.OpenFile.Key;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.Task.Phase;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;
import static kpath.uapi.Mask.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * fs/eventpoll.c's wake-ups: ep_poll_callback queues an item and wakes an epoll_wait sleeper, and
 * its return value (ewake) decides whether an EPOLLEXCLUSIVE wake-up walks on. A missing wake-up
 * leaves a task asleep or an item off the ready list; each example observes one of them.
 */
class EpollWakeupExamples {

    /** t enters epoll_wait(ep) with no timeout and runs: nothing is queued, so it sleeps on ep->wq. */
    private static R asleep(R r, String t, String ep) {
        long ret = r.s.ret();
        r.call(new TaskCall(t, new EpollWait(ep, 8), -1), ret).call(new TaskRun(t), ret).expect(TaskSleeps);
        return r;
    }

    private static Phase phase(R r, String t) {
        return r.s.tasks().get(t).phase();
    }

    private static List<Key> rdllist(R r, String ep) {
        return ((Epoll) r.s.files().get(ep)).rdllist();
    }

    @Example
    void pollingAnEpollWithItemsLeftWakesTheNextSleeper() { // __ep_eventpoll_poll → ep_done_scan: wake_up(&ep->wq)
        R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN);
        asleep(r, "t1", "e0");
        asleep(r, "t2", "e0");
        r.write("w0", 1); // ep_poll_callback wakes one sleeper: the newest, t2
        assertEquals(Phase.SLEEPING, phase(r, "t1"));
        r.poll("e0", IN, "POLLIN"); // r0 stays on the ready list: t1 is woken to take it
        assertEquals(Phase.RUNNING, phase(r, "t1"));
    }

    @Example
    void pollingAnEpollWhoseItemsAreGoneWakesNobody() { // ep_done_scan: only a non-empty rdllist wakes
        R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN);
        asleep(r, "t1", "e0");
        asleep(r, "t2", "e0");
        r.write("w0", 1).call(new Read("r0", 1), "1"); // t2 woken; the item, queued, no longer polls ready
        r.poll("e0", IN, "0");
        assertEquals(List.of(), rdllist(r, "e0"));
        assertEquals(Phase.SLEEPING, phase(r, "t1"));
    }

    @Example
    void aDisarmedOneshotItemNeitherQueuesNorWakes() { // ep_poll_callback: !(events & ~EP_PRIVATE_BITS)
        R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN | ONESHOT).write("w0", 1)
                .waitFor("e0", 8, "r0=EPOLLIN").call(new Read("r0", 1), "1");
        asleep(r, "t1", "e0");
        r.write("w0", 1);
        assertEquals(List.of(), rdllist(r, "e0"));
        assertEquals(Phase.SLEEPING, phase(r, "t1"));
        assertFalse(new Item(new Key("r0", "r0"), ONESHOT | ET).armed());
        assertTrue(new Item(new Key("r0", "r0"), IN | ONESHOT).armed());
    }

    @Example
    void anExclusiveItemThatMissesTheKeyLetsTheWakeupWalkOn() { // ep_poll_callback returns ewake = 0
        R r = new R().pipe("r0", "w0").epoll("e0").epoll("e1")
                .add("e0", "r0", OUT | EXCLUSIVE).add("e1", "r0", IN | EXCLUSIVE);
        r.write("w0", 1); // EPOLLIN: e0's entry comes first but does not want it
        r.waitFor("e1", 8, "r0=EPOLLIN");
    }

    @Example
    void anExclusiveOutWakeupStopsAtTheFirstInstanceWithASleeper() { // ep_poll_callback: case EPOLLOUT
        R r = new R().pair("s0", "s1").epoll("e0").epoll("e1")
                .add("e0", "s0", OUT | ET | EXCLUSIVE).add("e1", "s0", OUT | ET | EXCLUSIVE)
                .waitFor("e0", 8, "s0=EPOLLOUT").waitFor("e1", 8, "s0=EPOLLOUT");
        asleep(r, "t1", "e0");
        asleep(r, "t2", "e1");
        r.write("s0", 1).call(new Read("s1", 1), "1"); // unix_write_space on s0: EPOLLOUT
        assertEquals(Phase.RUNNING, phase(r, "t1"));
        assertEquals(Phase.SLEEPING, phase(r, "t2"));
    }

    @Example
    void deletingOneExclusiveItemKeepsTheOthersEntries() { // ep_remove → ep_unregister_pollwait: its own entry
        R r = new R().pipe("r0", "w0").epoll("e0").epoll("e1")
                .add("e0", "r0", IN | EXCLUSIVE).add("e1", "r0", IN | EXCLUSIVE)
                .ctl("e0", Op.EPOLL_CTL_DEL, "r0", 0, "0");
        r.write("w0", 1);
        r.waitFor("e1", 8, "r0=EPOLLIN");
    }

    @Example
    void anExclusiveWakeupCallsBackTheExclusiveItemItself() { // the entry belongs to one item, not its epoll's first
        R r = new R().pipe("r0", "w0").pipe("r1", "w1").epoll("e0")
                .add("e0", "r1", IN).add("e0", "r0", IN | EXCLUSIVE);
        r.write("w0", 1);
        assertEquals(List.of(new Key("r0", "r0")), rdllist(r, "e0"));
    }

    // ---- ewake, as ep_poll_callback returns it to __wake_up_common ----

    /** e0 watches r0 with {@code events}; t1 sleeps on e0 when {@code sleeper}. */
    private static World world(int events, boolean sleeper) {
        R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", events);
        if (sleeper) {
            asleep(r, "t1", "e0");
        }
        return new World(r.s);
    }

    private static boolean ewake(int events, boolean sleeper, int key) {
        World w = world(events, sleeper);
        Item item = ((Epoll) w.files.get("e0")).items().getFirst();
        return Eventpoll.epPollCallback(w, "e0", item, key);
    }

    @Example
    void aNonExclusiveItemAlwaysReturnsOne() { // out_unlock: if (!(events & EPOLLEXCLUSIVE)) ewake = 1
        assertTrue(ewake(OUT, false, IN | RDNORM)); // the key misses the item
        assertTrue(ewake(IN, false, IN | RDNORM)); // nobody waits
    }

    @Example
    void anExclusiveItemReturnsOneOnlyForASleeperAndAnEventItWants() { // the switch on pollflags & EPOLLINOUT_BITS
        assertFalse(ewake(OUT | EXCLUSIVE, true, IN | RDNORM)); // the key misses the item
        assertFalse(ewake(IN | EXCLUSIVE, false, IN | RDNORM)); // !waitqueue_active(&ep->wq)
        assertTrue(ewake(IN | EXCLUSIVE, true, IN | RDNORM)); // case EPOLLIN
        assertTrue(ewake(IN | EXCLUSIVE, true, 0)); // case 0
        assertTrue(ewake(IN | EXCLUSIVE, true, HUP)); // case 0: a key with neither IN nor OUT
        assertFalse(ewake(OUT | EXCLUSIVE, true, IN | HUP)); // case EPOLLIN, the item lacks it
        assertTrue(ewake(OUT | EXCLUSIVE, true, OUT)); // case EPOLLOUT
        assertFalse(ewake(IN | EXCLUSIVE, true, OUT | HUP)); // case EPOLLOUT, the item lacks it
        assertFalse(ewake(IN | OUT | EXCLUSIVE, true, IN | OUT)); // both bits: no case matches
    }
}
