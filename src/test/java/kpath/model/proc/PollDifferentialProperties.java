package kpath.model.proc;

import java.util.List;
import kpath.model.Seeds;
import kpath.model.Transition;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Mask;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A one-shot IORING_OP_POLL_ADD beside a one-shot epoll item (EPOLLIN|EPOLLONESHOT) on the same
 * pipe, under any writes and reads: the io_uring poll has posted its CQE exactly when the epoll
 * item sits on the ready list — both are the file's wake-up reaching an armed entry
 * (io_uring/poll.c io_poll_wake, fs/eventpoll.c ep_poll_callback), or the file found ready when
 * armed (__io_arm_poll_handler, ep_insert). Where they part: the CQE keeps the mask seen when it
 * fired, while epoll_wait polls the file again and reports nothing if a read emptied it meanwhile
 * (ep_send_events).
 */
class PollDifferentialProperties {

    @Property(seed = Seeds.FIXED)
    void aOneShotPollFiresExactlyWhenAOneShotEpollItemIsQueued(@ForAll List<Boolean> writes, @ForAll boolean startReady) {
        R r = IoUringExamples.ring(4).pipe("r0", "w0").epoll("e0");
        if (startReady) {
            r.write("w0", 1);
        }
        IoPollExamples.submit(r, Sqe.pollAdd(1, "r0", Mask.IN, false));
        r.add("e0", "r0", Mask.IN | Mask.ONESHOT);
        for (boolean write : writes) {
            step(r, write ? new Write("w0", 1) : new Read("r0", 1));
            if (!Proc.successors(r.s, new IoUringTaskWork()).isEmpty()) {
                IoPollExamples.taskWork(r);
            }
            assertEquals(fired(r), queued(r), () -> "after " + writes + ": the CQE and the ready list disagree");
        }
        boolean readyNow = ((OpenFile.PipeRead) r.s.files().get("r0")).bytes() > 0;
        step(r, new EpollWait("e0", 8));
        assertEquals(fired(r) && readyNow ? List.of("r0=EPOLLIN") : List.of(), r.out(),
                "epoll_wait reports the item only while the pipe is still readable");
        if (fired(r)) {
            assertEquals(Mask.IN, IoUringExamples.file(r).cq().getFirst().res(), "the CQE keeps POLLIN");
        }
    }

    private static void step(R r, ProcAction a) {
        List<Transition<ProcState>> ts = Proc.successors(r.s, a);
        assertEquals(1, ts.size(), a::toString);
        r.s = ts.getFirst().next();
    }

    private static boolean fired(R r) {
        return IoUringExamples.file(r).cq().stream().anyMatch(c -> c.userData() == 1);
    }

    private static boolean queued(R r) {
        return ((OpenFile.Epoll) r.s.files().get("e0")).rdllist().stream().anyMatch(k -> k.file().equals("r0"));
    }
}
