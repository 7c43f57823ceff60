package kpath.model.proc;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kpath.model.Seeds;
import kpath.model.Transition;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Mask;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random programs over MCSigmask's calls, and more (kpath.check.completion.CompletionMc): signal-driven
 * I/O on a pipe, the actions of SIGIO and a real-time signal, AIO polls, io_pgetevents with every mask.
 * On every state: an io_pgetevents whose mask blocks every pending signal is io_getevents; one that
 * lets signals through leaves none of them pending but the further instances of one with a handler,
 * returns EINTR only when it took no event and ran a handler, and never loses or makes an event.
 */
class SignalProperties {
    private static final int SIGIO = 29, RT = 35;
    private static final List<Set<Integer>> MASKS = List.of(Set.of(), Set.of(SIGIO), Set.of(RT), Set.of(SIGIO, RT));

    static ProcAction call(int c) {
        return switch (c % 12) {
            case 0 -> new Write("w0", 1);
            case 1 -> new Read("r0", 1);
            case 2 -> new Fcntl("r0", "F_SETSIG", (c / 12) % 2 == 0 ? RT : 0);
            case 3 -> new Sigaction((c / 12) % 2 == 0 ? SIGIO : RT, List.of("handler", "SIG_IGN", "SIG_DFL").get((c / 24) % 3));
            case 4 -> new IoSubmit("a0", 1 + (c / 12) % 4, "r0", Mask.IN);
            case 5 -> new Sigtimedwait(new TreeSet<>(Set.of(SIGIO, RT)));
            case 6 -> new IoGetevents("a0", 0, 1 + (c / 12) % 2);
            default -> pget(c / 12);
        };
    }

    private static Sigmasked pget(int k) {
        return new Sigmasked(new IoGetevents("a0", 0, 1 + k % 2), new TreeSet<>(MASKS.get((k / 2) % 4)), 8);
    }

    static ProcState setup() {
        R r = new R().pipe("r0", "w0").call(new IoSetup(8, "a0"), "0");
        r.call(new Fcntl("r0", "F_SETOWN_EX", 0), "0").call(new Fcntl("r0", "F_SETFL", Fcntl.O_NONBLOCK | Fcntl.O_ASYNC), "0");
        return r.s;
    }

    /** Checks each state a program reaches with the call made from it. */
    static void run(List<Integer> calls, java.util.function.BiConsumer<ProcState, ProcAction> check) {
        ProcState s = setup();
        for (int c : calls) {
            ProcAction a = call(c);
            check.accept(s, a);
            List<Transition<ProcState>> ts = Proc.successors(s, a);
            assertTrue(ts.size() <= 1, "every step has one outcome");
            if (!ts.isEmpty()) {
                s = ts.getFirst().next();
                if (Aio.fputDue(s)) { // the fput task work runs before the call returns to user space
                    s = Proc.successors(s, new IoUringTaskWork()).getFirst().next();
                }
            }
        }
    }

    @Property(seed = Seeds.FIXED)
    void aMaskThatBlocksEveryPendingSignalIsIoGetevents(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 1151) Integer> calls) {
        run(calls, (s, a) -> {
            if (a instanceof Sigmasked p && p.call() instanceof IoGetevents && SignalDelivery.through(s.sigio(), p.mask()).isEmpty()) {
                List<Transition<ProcState>> pg = Proc.successors(s, a);
                List<Transition<ProcState>> g = Proc.successors(s, p.call());
                assertEquals(g.stream().map(Transition::next).toList(), pg.stream().map(Transition::next).toList());
                assertEquals(g.stream().map(Transition::rule).toList(), pg.stream().map(Transition::rule).toList());
            }
        });
    }

    @Property(seed = Seeds.FIXED)
    void whatTheMaskLetsThroughIsDeliveredOnce(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 1151) Integer> calls) {
        run(calls, (s, a) -> {
            if (!(a instanceof Sigmasked p && p.call() instanceof IoGetevents)) {
                return;
            }
            Set<Integer> through = SignalDelivery.through(s.sigio(), p.mask());
            List<Transition<ProcState>> ts = Proc.successors(s, a);
            if (through.isEmpty()) {
                return;
            }
            boolean fatal = through.stream().anyMatch(n -> !s.sigio().handled().contains(n) && !s.sigio().ignored().contains(n));
            assertEquals(fatal, ts.isEmpty(), "a SIG_DFL signal that ends the process has no successor");
            if (fatal) {
                return;
            }
            ProcState n = ts.getFirst().next();
            Statistics.label("outcome").collect(ts.getFirst().rule());
            long before = s.sigio().queue().size() + (s.sigio().plain() ? 1 : 0);
            long after = n.sigio().queue().size() + (n.sigio().plain() ? 1 : 0);
            for (int sig : through) {
                if (s.sigio().ignored().contains(sig)) {
                    assertFalse(sig == SIGIO && n.sigio().plain() || n.sigio().queue().stream().anyMatch(q -> q.signo() == sig),
                            "an ignored signal let through is dropped, every instance");
                }
            }
            long handled = through.stream().filter(x -> s.sigio().handled().contains(x)).count();
            long dropped = s.sigio().queue().stream().filter(x -> s.sigio().ignored().contains(x.signo()) && through.contains(x.signo())).count()
                    + (s.sigio().plain() && s.sigio().ignored().contains(SIGIO) && through.contains(SIGIO) ? 1 : 0);
            assertEquals(before - handled - dropped, after, "one instance per signal with a handler, every ignored one");
            boolean eintr = n.ret() == -kpath.uapi.Errno.EINTR.number();
            assertEquals(handled > 0 && ((OpenFile.AioCtx) s.files().get("a0")).events().isEmpty(), eintr,
                    "EINTR exactly when no event was there and a handler ran");
            int taken = n.out() instanceof CopyOut.AioEvents e ? e.events().size() : 0;
            assertEquals(((OpenFile.AioCtx) s.files().get("a0")).events().size(),
                    taken + ((OpenFile.AioCtx) n.files().get("a0")).events().size(), "no event lost or made");
        });
        // the programs reach every outcome of a delivery
        Statistics.label("outcome").coverage(c -> {
            for (ProcRule r : List.of(ProcRule.SignalEintr, ProcRule.SignalRestarted, ProcRule.IoPgeteventsSignalled)) {
                c.check(r).count(k -> k > 0);
            }
        });
    }

    @Property(seed = Seeds.FIXED)
    void noSignalIsBothHandledAndIgnored(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 1151) Integer> calls) {
        run(calls, (s, a) -> {
            Set<Integer> both = new TreeSet<>(s.sigio().handled());
            both.retainAll(s.sigio().ignored());
            assertEquals(Set.of(), both);
        });
    }
}
