package kpath.check.glibc;

import java.util.ArrayList;
import java.util.List;
import kpath.model.IoModel;
import kpath.model.glibc.GlibcAio;

/** Why a glibc trace's line is not explained in a state: the claim's row, and what the line shows against it. */
final class GlibcWhy {
    private GlibcWhy() {}

    static List<String> why(GlibcAio.State s, GlibcAio.Action a) {
        List<String> out = new ArrayList<>();
        String claim = "claim model=" + s.model() + " waiter=" + s.waiter();
        switch (a) {
            case GlibcAio.Claim c -> out.add("a second claim; the trace already made one (" + claim + ")");
            case GlibcAio.Submit x -> out.add(claim + ": " + submit(s, x));
            case GlibcAio.Sleeps z -> {
                if (!z.asleep()) {
                    out.add("the thread is not asleep at its call's wait channel (kpath.trace.Wchan)");
                } else if (!s.phase().equals("wait") || !s.queued()) {
                    out.add("a thread sleeps for data with no request waiting for it (phase " + s.phase() + ")");
                } else {
                    out.add(claim + ": a " + z.thread() + " thread sleeps in " + z.how() + (z.onPipe() ? " on the pipe" : "")
                            + ", which is not how the " + s.model() + " model waits here (a glibc helper in read on the pipe;"
                            + " the caller's aio_suspend in a futex wait)");
                }
            }
            case GlibcAio.Kernel k -> out.add(claim + ": " + (k.ring()
                    ? "an io_uring or AIO ring exists, yet the claim is not asynchronous"
                    : "no io_uring instance and no AIO ring exists: nothing can complete in the kernel"));
            case GlibcAio.Send x -> out.add(claim + ": the data came before any thread was seen waiting as the claim says"
                    + (s.queued() ? "" : ", or before any request was queued"));
            case GlibcAio.Suspended u -> out.add(claim + " (phase " + s.phase() + "): " + (u.ok()
                    ? "aio_suspend returned 0 though it was not seen waiting, or before the data came"
                    : "aio_suspend failed, yet the request it waits for was done"));
            case GlibcAio.Done d -> out.add(claim + " (phase " + s.phase() + "): aio_error/aio_return of the " + d.cb()
                    + " request say " + d.result() + ", not what glibc answers here (0 and the byte count after the data;"
                    + " ECANCELED and -1 after AIO_CANCELED)");
            case GlibcAio.Cancel c -> out.add(claim + " (phase " + s.phase() + "): aio_cancel of the " + c.cb() + " request answered "
                    + c.answer() + "; glibc answers AIO_CANCELED only for a queued request, AIO_NOTCANCELED for the one a"
                    + " helper works on, AIO_ALLDONE once it is done");
            case GlibcAio.Notify n -> out.add(claim + " (phase " + s.phase() + "): the " + n.cb() + " request's callback ran on a "
                    + (n.fresh() ? "" : "not new ") + n.thread() + " thread; glibc runs each finished or cancelled request's"
                    + " SIGEV_THREAD callback once, on a new thread of its own" + (s.sigev().equals("thread") ? "" : ", and this trace asked for none"));
            case GlibcAio.Masked m -> out.add(claim + " (phase " + s.phase() + "): " + (m.all()
                    ? "a signal mask reading with no SIGEV_SIGNAL request queued, or a second one"
                    : "the completion signal is not blocked in every thread: another thread could take it before rt_sigtimedwait"));
            case GlibcAio.Signal g -> out.add(claim + " (phase " + s.phase() + "): a signal for the " + g.cb() + " request "
                    + (g.asyncio() ? "" : "without si_code SI_ASYNCIO from this process ")
                    + "; glibc queues it once per finished or cancelled SIGEV_SIGNAL request, with SI_ASYNCIO, and only a"
                    + " signal blocked everywhere reaches rt_sigtimedwait" + (s.sigev().equals("signal") ? "" : ", and this trace asked for none"));
        }
        IoModel.named(s.model()).ifPresent(m -> out.add(m.explained()));
        return out;
    }

    private static String submit(GlibcAio.State s, GlibcAio.Submit x) {
        if (!x.valid()) {
            return "aio_read with aio_reqprio outside [0, AIO_PRIO_DELTA_MAX] answered " + x.result() + " with " + x.helpers()
                    + " helper(s); glibc refuses it with EINVAL before any thread is made";
        }
        if (!x.result().equals("queued")) {
            return "a valid aio_read answered " + x.result() + ", not 0 with aio_error EINPROGRESS";
        }
        if (s.waiter().equals("caller")) {
            return "the caller is the waiter, so its aio_read cannot return before the data";
        }
        if (x.cb().equals("second")) {
            return "the second request on the fd with " + x.helpers() + " helper(s) there; glibc queues it behind the"
                    + " running one and makes no thread (one at a time per fd)";
        }
        return "the request was queued with " + x.helpers() + " helper thread(s) made; under this claim "
                + (s.waiter().equals("helper") ? "one helper is made for it" : "no thread would be made for it");
    }
}
