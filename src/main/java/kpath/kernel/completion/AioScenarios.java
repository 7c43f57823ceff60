package kpath.kernel.completion;

import kpath.kernel.Scenario;

import static kpath.kernel.completion.CompletionScenarios.POLLIN;
import static kpath.kernel.completion.CompletionScenarios.scenario;

/** The native AIO scenarios of the completion battery (fs/aio.c). Row ids refer to the completions catalogue. */
final class AioScenarios {
    private AioScenarios() {}

    static Scenario aioPoll() {
        return scenario("aio-poll-and-getevents", """
                Native AIO (A-SET-01, A-POLL-01, A-GEV-01): io_setup of 0 events is EINVAL; an \
                IOCB_CMD_POLL of an empty pipe waits, and the write that wakes it completes it at \
                once with the wake-up's whole key as res (POLLIN|POLLRDNORM, 65: fs/aio.c \
                aio_poll_wake does not mask it), where io_uring's poll reports POLLIN alone; a poll \
                of a ready pipe completes inside io_submit with the polled mask (POLLIN, 1). \
                io_getevents with a zero timeout takes what is there, oldest first; a destroyed \
                context is EINVAL.""", rec -> {
            rec.aioSetup(0);
            String a = rec.aioSetup(1);
            String r = rec.pipe2();
            rec.aioSubmitPoll(a, 7, r, POLLIN);
            rec.aioGetevents(a, 0, 4);
            rec.write("w" + r.substring(1), 1);
            rec.aioGetevents(a, 0, 4);
            rec.aioSubmitPoll(a, 8, r, POLLIN);
            rec.aioSubmitPoll(a, 9, r, POLLIN);
            rec.aioGetevents(a, 1, 1);
            rec.aioGetevents(a, 0, 4);
            rec.aioDestroy(a);
            rec.aioGetevents(a, 0, 4);
        });
    }
}
