package kpath.model.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kpath.model.proc.OpenFile.AioCtx;
import kpath.model.proc.OpenFile.AioEvent;
import kpath.model.proc.OpenFile.AioPoll;
import kpath.model.proc.ProcAction.*;
import kpath.uapi.Errno;

import static kpath.model.proc.ProcRule.*;

/**
 * fs/aio.c: native AIO contexts, IOCB_CMD_POLL and io_getevents. A poll that finds its file ready
 * completes inside io_submit with the polled mask; one that waits is completed by the wake-up
 * itself, with the wake-up's key as res (aio_poll_wake: not masked by the events asked for); a
 * wake-up without a key leaves the completion to a kernel worker ({@link AioPollWork}), which
 * polls again. Not modelled: the context's size limits (nr_events is rounded up and shared
 * per CPU), other commands, io_cancel, IOCB_FLAG_RESFD, a waiting io_getevents.
 */
final class Aio {
    private Aio() {}

    /** kernel: io_setup → ioctx_alloc — EINVAL for 0 events; the context's id is copied out. */
    static ProcRule setup(World w, IoSetup a) {
        if (a.nrEvents() <= 0) {
            return w.fail(Errno.EINVAL, AioEinval);
        }
        if (w.files.containsKey(a.ctx()) || w.numbers.containsKey(a.ctx())) {
            return null; // names are fresh
        }
        w.files.put(a.ctx(), new AioCtx(List.of(), List.of()));
        w.ret = 0;
        return IoSetupOk;
    }

    /** kernel: io_submit → io_submit_one → aio_poll — EINVAL without the context, EBADF without the fd. */
    static ProcRule submitPoll(World w, IoSubmitPoll a) {
        if (!(w.files.get(a.ctx()) instanceof AioCtx ctx)) {
            return w.fail(Errno.EINVAL, AioEinval); // lookup_ioctx
        }
        String file = w.fileOf(a.fd());
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf);
        }
        int mask = SelectPoll.vfsPoll(w, file) & a.events();
        AioCtx now = (AioCtx) w.files.get(a.ctx()); // vfs_poll of an epoll may have changed the world
        List<AioEvent> events = new ArrayList<>(now.events());
        List<AioPoll> polls = new ArrayList<>(now.polls());
        if (mask != 0) {
            events.add(new AioEvent(a.data(), mask));
        } else {
            polls.add(new AioPoll(a.data(), file, a.events(), false));
        }
        w.files.put(a.ctx(), new AioCtx(events, polls));
        w.ret = 1;
        return IoSubmitPollOk;
    }

    /** kernel: io_getevents with a zero timeout — up to nr events, oldest first; EINVAL without the context. */
    static ProcRule getevents(World w, IoGetevents a) {
        if (!(w.files.get(a.ctx()) instanceof AioCtx ctx) || a.nr() < 0 || a.minNr() > a.nr()) {
            return w.fail(Errno.EINVAL, AioEinval);
        }
        int n = Math.min(a.nr(), ctx.events().size());
        w.files.put(a.ctx(), new AioCtx(ctx.events().subList(n, ctx.events().size()), ctx.polls()));
        w.ret = n;
        w.out = new CopyOut.AioEvents(ctx.events().subList(0, n));
        return IoGeteventsOk;
    }

    /** kernel: io_destroy → kill_ioctx — the context goes with its waiting requests; EINVAL without it. */
    static ProcRule destroy(World w, IoDestroy a) {
        if (!(w.files.get(a.ctx()) instanceof AioCtx)) {
            return w.fail(Errno.EINVAL, AioEinval);
        }
        w.files.remove(a.ctx());
        w.ret = 0;
        return IoDestroyOk;
    }

    /**
     * kernel: aio_poll_wake — a wake-up on {@code file} whose key misses a poll's events leaves it;
     * one with a key completes it at once with the key as res; one without queues its work.
     */
    static void wake(World w, String file, int key) {
        for (Map.Entry<String, AioCtx> e : contexts(w).entrySet()) {
            List<AioEvent> events = new ArrayList<>(e.getValue().events());
            List<AioPoll> polls = new ArrayList<>();
            for (AioPoll p : e.getValue().polls()) {
                if (!p.file().equals(file) || (key != 0 && (key & p.events()) == 0)) {
                    polls.add(p);
                } else if (key != 0) {
                    events.add(new AioEvent(p.data(), key)); // mangle_poll(mask): the whole key
                } else {
                    polls.add(new AioPoll(p.data(), p.file(), p.events(), true));
                }
            }
            w.files.put(e.getKey(), new AioCtx(events, polls));
        }
    }

    /** kernel: aio_poll_complete_work — each queued poll polls its file again: a mask completes it, 0 re-arms it. */
    static ProcRule work(World w) {
        boolean any = false;
        for (Map.Entry<String, AioCtx> e : contexts(w).entrySet()) {
            List<AioEvent> events = new ArrayList<>(e.getValue().events());
            List<AioPoll> polls = new ArrayList<>();
            for (AioPoll p : e.getValue().polls()) {
                if (!p.work()) {
                    polls.add(p);
                    continue;
                }
                any = true;
                int mask = w.files.containsKey(p.file()) ? SelectPoll.vfsPoll(w, p.file()) & p.events() : 0;
                if (mask != 0) {
                    events.add(new AioEvent(p.data(), mask));
                } else {
                    polls.add(new AioPoll(p.data(), p.file(), p.events(), false));
                }
            }
            w.files.put(e.getKey(), new AioCtx(events, polls));
        }
        return any ? AioPollWoken : null;
    }

    private static Map<String, AioCtx> contexts(World w) {
        Map<String, AioCtx> m = new TreeMap<>();
        w.files.forEach((id, f) -> {
            if (f instanceof AioCtx c) {
                m.put(id, c);
            }
        });
        return m;
    }
}
