package kpath.model.proc;

import kpath.model.Seeds;
import kpath.uapi.Mask;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kpath.model.Transition;
import kpath.model.proc.OpenFile.Epoll;
import kpath.model.proc.OpenFile.Item;
import kpath.model.proc.OpenFile.Key;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random programs over pipes, socketpairs, eventfds and two epolls: data arrival, reads, writes,
 * shutdowns, closes, dups, epoll_ctl (valid or not), epoll_wait, poll and select. Method: build
 * the files, then fold generated calls, checking the spec's invariants on every state.
 */
class ReadinessProperties {

    static final List<String> FDS = List.of("r0", "w0", "s0", "s1", "v0", "e0", "e1", "d0");
    static final int[] MASKS = {Mask.IN, Mask.OUT, Mask.IN | Mask.ET, Mask.IN | Mask.ONESHOT, Mask.IN | Mask.RDHUP,
            Mask.IN | Mask.OUT | Mask.ET, Mask.IN | Mask.EXCLUSIVE, 0};

    static ProcState setup() {
        R r = new R().pipe("r0", "w0").pair("s0", "s1").eventfd("v0", 0, false).epoll("e0").epoll("e1");
        return r.s;
    }

    /** The call a generated number stands for. */
    static ProcAction call(int c) {
        String fd = FDS.get(c % FDS.size());
        String other = FDS.get((c / 8) % FDS.size());
        int mask = MASKS[(c / 64) % MASKS.length];
        return switch ((c / 512) % 12) {
            case 0, 1 -> new Write(fd, 1 + (c % 3));
            case 2 -> new Read(fd, 1 + (c % 9));
            case 3 -> new EpollCtl(c % 2 == 0 ? "e0" : "e1", Op.EPOLL_CTL_ADD, other, mask);
            case 4 -> new EpollCtl(c % 2 == 0 ? "e0" : "e1", c % 3 == 0 ? Op.EPOLL_CTL_DEL : Op.EPOLL_CTL_MOD, other, mask);
            case 5, 6 -> new EpollWait(c % 2 == 0 ? "e0" : "e1", (c % 5) - 1);
            case 7 -> new Poll(List.of(new PollFd(fd, Mask.IN | Mask.OUT), new PollFd(other, Mask.IN)));
            case 8 -> new Select(64, Set.of(fd), Set.of(other), Set.of());
            case 9 -> new Shutdown(fd, c % 3);
            case 10 -> new Dup(fd, "d0", 60);
            default -> c % 7 == 0 ? new Close(fd) : new Write(fd, 1);
        };
    }

    static List<ProcState> run(List<Integer> calls) {
        List<ProcState> states = new ArrayList<>();
        ProcState s = setup();
        states.add(s);
        for (int c : calls) {
            List<Transition<ProcState>> ts = Proc.successors(s, call(c));
            assertTrue(ts.size() <= 1, "a readiness call has one outcome");
            if (!ts.isEmpty()) {
                s = ts.getFirst().next();
                states.add(s);
            }
        }
        return states;
    }

    @Property(seed = Seeds.FIXED)
    void itemsAreOnTheReadyListAtMostOnceAndOnlyIfRegistered(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 6143) Integer> calls) {
        for (ProcState s : run(calls)) {
            for (var f : s.files().values()) {
                if (f instanceof Epoll e) {
                    assertEquals(new HashSet<>(e.rdllist()).size(), e.rdllist().size(), "ItemOnReadyListAtMostOnce " + e);
                    Set<Key> keys = new HashSet<>();
                    e.items().forEach(i -> keys.add(i.key()));
                    assertEquals(keys.size(), e.items().size(), "OneItemPerFileAndFd " + e);
                    assertTrue(keys.containsAll(e.rdllist()), "ReadyListSubsetOfInterestList " + e);
                    for (Item i : e.items()) {
                        assertTrue(s.files().containsKey(i.key().file()), "ItemsWatchLiveFiles " + i);
                        assertEquals(Mask.ERR | Mask.HUP, i.events() & (Mask.ERR | Mask.HUP) | (i.armed() ? 0 : Mask.ERR | Mask.HUP),
                                "StoredMaskHasErrHupUnlessDisarmed " + i);
                    }
                }
            }
        }
    }

    @Property(seed = Seeds.FIXED)
    void anEdgeTriggeredItemIsNotReportedTwiceWithoutANewCallback(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 6143) Integer> calls) {
        // After a wait reports an ET item, an immediate second wait does not report it again.
        for (ProcState s : run(calls)) {
            for (String ep : List.of("e0", "e1")) {
                if (!(s.fileOf(ep) instanceof Epoll e)) {
                    continue;
                }
                ProcState a = Proc.successors(s, new EpollWait(ep, 64)).getFirst().next();
                ProcState b = Proc.successors(a, new EpollWait(ep, 64)).getFirst().next();
                for (String reported : R.text(b.out())) {
                    String fd = reported.substring(0, reported.indexOf('='));
                    Item item = e.items().stream().filter(i -> i.key().fd().equals(fd)).findFirst().orElseThrow();
                    assertEquals(0, item.events() & (Mask.ET | Mask.ONESHOT),
                            "EtNotReportedTwicePerCallback / OneshotNotReportedBeforeMod: " + reported + " in " + e);
                }
            }
        }
    }

    @Property(seed = Seeds.FIXED)
    void levelTriggeredItemsStayReportedWhileReady(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 6143) Integer> calls) {
        for (ProcState s : run(calls)) {
            for (String ep : List.of("e0", "e1")) {
                if (!(s.fileOf(ep) instanceof Epoll)) {
                    continue;
                }
                ProcState a = Proc.successors(s, new EpollWait(ep, 64)).getFirst().next();
                ProcState b = Proc.successors(a, new EpollWait(ep, 64)).getFirst().next();
                Epoll e = (Epoll) a.fileOf(ep);
                for (String reported : R.text(a.out())) {
                    String fd = reported.substring(0, reported.indexOf('='));
                    Item item = e.items().stream().filter(i -> i.key().fd().equals(fd)).findFirst().orElseThrow();
                    boolean plainLt = (item.events() & (Mask.ET | Mask.ONESHOT)) == 0;
                    boolean nested = a.files().get(item.key().file()) instanceof Epoll;
                    if (plainLt && !nested) {
                        assertTrue(R.text(b.out()).contains(reported), "LtReportedAgainWhileReady: " + reported + " then " + R.text(b.out()));
                    }
                }
            }
        }
    }

    @Property(seed = Seeds.FIXED)
    void selectPollAndLevelTriggeredEpollAgreeOnWhoIsReady(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 6143) Integer> calls) {
        ProcState end = run(calls).getLast();
        List<String> open = end.fds().keySet().stream()
                .filter(fd -> !(end.fileOf(fd) instanceof Epoll)).sorted().toList();
        if (open.isEmpty()) {
            return;
        }
        // poll for IN
        List<PollFd> pfds = open.stream().map(fd -> new PollFd(fd, Mask.IN)).toList();
        ProcState p = Proc.successors(end, new Poll(pfds)).getFirst().next();
        Set<String> byPoll = new HashSet<>();
        R.text(p.out()).forEach(x -> {
            if ((Mask.parse(x.substring(x.indexOf('=') + 1)) & Mask.IN_SET) != 0) byPoll.add(x.substring(0, x.indexOf('=')));
        });
        // select for read
        ProcState sel = Proc.successors(end, new Select(1 << 20, Set.copyOf(open), Set.of(), Set.of())).getFirst().next();
        String rd = R.text(sel.out()).getFirst().substring(3);
        Set<String> bySelect = rd.equals("-") ? Set.of() : Set.of(rd.split("\\|"));
        // a fresh level-triggered epoll watching each for EPOLLIN
        R r = new R();
        r.s = end;
        r.call(new EpollCreate1("ex", 99), "ex:99");
        for (String fd : open) {
            r.call(new EpollCtl("ex", Op.EPOLL_CTL_ADD, fd, Mask.IN), "0");
        }
        ProcState w = Proc.successors(Proc.successors(end, new EpollCreate1("ex", 99)).getFirst().next(),
                new EpollWait("ex", 1)).getFirst().next();
        assertEquals(0, w.ret(), "an empty epoll reports nothing");
        Set<String> byEpoll = new HashSet<>();
        ProcState withAll = r.s;
        ProcState waited = Proc.successors(withAll, new EpollWait("ex", 64)).getFirst().next();
        R.text(waited.out()).forEach(x -> byEpoll.add(x.substring(0, x.indexOf('='))));
        assertEquals(bySelect, byPoll, "select and poll");
        assertEquals(byPoll, byEpoll, "poll and level-triggered epoll");
    }
}
