package kpath.model.proc;

import kpath.model.Seeds;
import kpath.uapi.Mask;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kpath.model.Transition;
import kpath.model.proc.OpenFile.Epoll;
import kpath.model.proc.OpenFile.Item;
import kpath.model.proc.ProcAction.*;
import kpath.model.proc.Task.Phase;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random programs in which tasks t1..t3 sleep in epoll_wait, poll and select while the main task
 * makes the calls of {@link ReadinessProperties}; the scheduler's choices (run, timer) are
 * generated too. Invariants on every state: the wait queues hold exactly the sleeping epoll_wait
 * tasks, the exclusive entries are exactly the EXCLUSIVE items, and no wake-up is lost.
 */
class TaskProperties {

    static ProcAction call(int c) {
        String t = List.of("t1", "t2", "t3").get(c % 3);
        return switch ((c / 3) % 8) {
            case 0 -> new TaskCall(t, new EpollWait((c / 24) % 2 == 0 ? "e0" : "e1", 1 + (c / 48) % 2 * 7),
                    (c / 96) % 2 == 0 ? 100 : -1);
            case 1 -> new TaskCall(t, (c / 24) % 2 == 0
                    ? new Poll(List.of(new PollFd("r0", Mask.IN), new PollFd("s0", Mask.IN), new PollFd("e1", Mask.IN)))
                    : new Select(64, Set.of("s1", "v0"), Set.of(), Set.of("r0")), 100);
            case 2, 3 -> new TaskRun(t);
            case 4 -> new TaskTimeout(t);
            case 5 -> new TaskReturn(t);
            default -> ReadinessProperties.call(c / 24);
        };
    }

    static List<ProcState> run(List<Integer> calls) {
        List<ProcState> states = new ArrayList<>();
        ProcState s = ReadinessProperties.setup();
        states.add(s);
        for (int c : calls) {
            List<Transition<ProcState>> ts = Proc.successors(s, call(c));
            assertTrue(ts.size() <= 1, "every step has one outcome");
            if (!ts.isEmpty()) {
                s = ts.getFirst().next();
                states.add(s);
            }
        }
        return states;
    }

    @Property(seed = Seeds.FIXED)
    void waitQueuesHoldExactlyTheSleepingEpollWaiters(@ForAll @Size(max = 80) List<@IntRange(min = 0, max = 147455) Integer> calls) {
        for (ProcState s : run(calls)) {
            List<String> queued = new ArrayList<>();
            for (var e : s.files().entrySet()) {
                if (e.getValue() instanceof Epoll ep) {
                    for (String t : ep.wq()) {
                        Task task = s.tasks().get(t);
                        assertNotNull(task, "WaitQueueHoldsTasks " + t);
                        assertEquals(Phase.SLEEPING, task.phase(), "OnlySleepersQueued " + t);
                        assertInstanceOf(EpollWait.class, task.call(), "OnlyEpollWaitersOnEpWq " + t);
                        assertEquals(e.getKey(), s.fds().get(((EpollWait) task.call()).epfd()), "QueuedOnItsOwnEpoll " + t);
                        queued.add(t);
                    }
                }
            }
            assertEquals(new HashSet<>(queued).size(), queued.size(), "QueuedOnce " + queued);
            for (Map.Entry<String, Task> t : s.tasks().entrySet()) {
                if (t.getValue().phase() == Phase.SLEEPING && t.getValue().call() instanceof EpollWait w
                        && s.fds().get(w.epfd()) != null) {
                    assertTrue(queued.contains(t.getKey()), "SleepingEpollWaiterIsQueued " + t);
                }
            }
        }
    }

    @Property(seed = Seeds.FIXED)
    void exclusiveEntriesAreTheExclusiveItems(@ForAll @Size(max = 80) List<@IntRange(min = 0, max = 147455) Integer> calls) {
        for (ProcState s : run(calls)) {
            Set<ProcState.Exclusive> items = new HashSet<>();
            s.files().forEach((id, f) -> {
                if (f instanceof Epoll e) {
                    for (Item i : e.items()) {
                        if ((i.events() & Mask.EXCLUSIVE) != 0) {
                            items.add(new ProcState.Exclusive(id, i.key()));
                        }
                    }
                }
            });
            assertEquals(items, new HashSet<>(s.exclusive()), "ExclusiveListIsTheExclusiveItems");
            assertEquals(s.exclusive().size(), new HashSet<>(s.exclusive()).size(), "ExclusiveOnce");
        }
    }

    @Property(seed = Seeds.FIXED)
    void noWakeUpIsLost(@ForAll @Size(max = 80) List<@IntRange(min = 0, max = 147455) Integer> calls) {
        for (ProcState s : run(calls)) {
            // an epoll with queued items and sleepers has a woken waiter on its way (ep_poll_callback, ep_done_scan)
            s.files().forEach((id, f) -> {
                if (f instanceof Epoll e && !e.rdllist().isEmpty() && !e.wq().isEmpty()) {
                    boolean woken = s.tasks().values().stream().anyMatch(t -> t.phase() == Phase.RUNNING
                            && t.call() instanceof EpollWait w && id.equals(s.fds().get(w.epfd())));
                    assertTrue(woken, "NoLostEpollWakeup on " + id + ": " + e + " tasks " + s.tasks());
                }
            });
            // a poll or select sleeper has nothing ready among what it asked for (pollwake)
            for (Map.Entry<String, Task> t : s.tasks().entrySet()) {
                if (t.getValue().phase() != Phase.SLEEPING || t.getValue().call() instanceof EpollWait) {
                    continue;
                }
                ProcAction scan = t.getValue().call();
                if (scan instanceof Read || t.getValue().on().stream().anyMatch(f -> !s.fds().containsValue(f))) {
                    continue; // close() wakes no poller; its rescan later sees POLLNVAL (held file refs not modelled)
                }
                ProcState probe = Proc.successors(s, scan).getFirst().next();
                assertEquals(0, probe.ret(), "NoLostPollWakeup: " + t + " sleeps but its scan finds " + probe.out());
            }
        }
    }

    @Property(seed = Seeds.FIXED)
    void anEdgeTriggeredArrivalIsReportedToOneWaiter(@ForAll @IntRange(min = 1, max = 3) int sleepers) {
        R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", Mask.IN | Mask.ET);
        List<String> ts = List.of("t1", "t2", "t3").subList(0, sleepers);
        for (String t : ts) {
            r.call(new TaskCall(t, new EpollWait("e0", 8), 100), r.s.ret()).call(new TaskRun(t), r.s.ret());
        }
        r.write("w0", 1);
        int reported = 0;
        for (String t : ts) { // one scheduling order: each task runs if woken, else its timer fires
            if (r.s.tasks().get(t).phase() == Phase.RUNNING) {
                r.call(new TaskRun(t), r.s.ret());
            }
            if (r.s.tasks().get(t).phase() == Phase.SLEEPING) {
                r.call(new TaskTimeout(t), r.s.ret());
            }
            r.call(new TaskReturn(t), r.s.tasks().get(t).ret());
            reported += R.text(r.s.out()).size();
        }
        assertEquals(1, reported, "EtOneArrivalOneReport");
    }
}
