---- MODULE GlibcAio ----
\* What glibc's POSIX AIO must look like for the row of the two-phase table a trace claims
\* (kpath.model.IoModel): the same machine as kpath.model.glibc.GlibcAio, with the same names.
\* A glibc trace says which call ran and which model and waiter it claims, then what aio_* returned
\* and what procfs showed, for at most two requests on one pipe: the first, and one queued behind it.
EXTENDS Naturals, TLC, IoModel

Threads == {"caller", "helper", "notify"}
Waiters == {"caller", "helper", "none"}
Cbs == {"first", "second"}
Submits == {"queued", "EINVAL", "EAGAIN", "other"}
Helpers == {0, 1, 2}
Hows == {"read", "futex", "other"}
Results == {"bytes", "canceled", "inprogress", "other"}
Answers == {"AIO_CANCELED", "AIO_NOTCANCELED", "AIO_ALLDONE", "other"}
Sigevs == {"none", "thread", "signal"}

VARIABLES phase, model, waiter, sigev, sawWait, queued, second, suspend, nFirst, nSecond, masked
vars == <<phase, model, waiter, sigev, sawWait, queued, second, suspend, nFirst, nSecond, masked>>

Init == /\ phase = "start" /\ model = "none" /\ waiter = "none" /\ sigev = "none" /\ sawWait = FALSE
        /\ queued = FALSE /\ second = "none" /\ suspend = "none" /\ nFirst = FALSE /\ nSecond = FALSE
        /\ masked = FALSE

Claim(m, w, s) == phase = "start" /\ phase' = "wait" /\ model' = m /\ waiter' = w /\ sigev' = s
    /\ UNCHANGED <<sawWait, queued, second, suspend, nFirst, nSecond, masked>>

\* rt/aio_misc.c __aio_enqueue_request: the reqprio check comes before get_elem and any thread
ReqprioRefused(cb, valid, result, helpers) == phase = "wait" /\ ~valid /\ cb = "first" /\ ~queued
    /\ result = "EINVAL" /\ helpers = 0 /\ UNCHANGED vars
SubmitOk(valid, result) == phase = "wait" /\ valid /\ result = "queued" /\ waiter # "caller"
\* a new fd: nthreads < aio_threads and no idle thread, so one helper is made for it
QueuedToNewHelper(cb, valid, result, helpers) == SubmitOk(valid, result) /\ cb = "first" /\ ~queued
    /\ helpers = (IF waiter = "helper" THEN 1 ELSE 0) /\ queued' = TRUE
    /\ UNCHANGED <<phase, model, waiter, sigev, sawWait, second, suspend, nFirst, nSecond, masked>>
\* the fd is worked on: running = queued, no thread made
QueuedBehindRunning(cb, valid, result, helpers) == SubmitOk(valid, result) /\ cb = "second" /\ queued
    /\ second = "none" /\ waiter = "helper" /\ helpers = 1 /\ second' = "queued"
    /\ UNCHANGED <<phase, model, waiter, sigev, sawWait, queued, suspend, nFirst, nSecond, masked>>
Submit(cb, valid, result, helpers) == ReqprioRefused(cb, valid, result, helpers)
    \/ QueuedToNewHelper(cb, valid, result, helpers) \/ QueuedBehindRunning(cb, valid, result, helpers)

SleepsOk(asleep) == phase = "wait" /\ queued /\ asleep
\* rt/aio_misc.c handle_fildes_io: pread is ESPIPE on a pipe, then read(2), which sleeps in the pipe
HelperSleepsInRead(t, how, onPipe, asleep) == SleepsOk(asleep) /\ t = "helper" /\ waiter = "helper"
    /\ model = "blocking" /\ how = "read" /\ onPipe /\ sawWait' = TRUE
    /\ UNCHANGED <<phase, model, waiter, sigev, queued, second, suspend, nFirst, nSecond, masked>>
\* aio_suspend: sysdeps/nptl/aio_misc.h AIO_MISC_WAIT, a futex wait on its own counter
SuspendSleeps(t, how, onPipe, asleep) == SleepsOk(asleep) /\ t = "caller" /\ how = "futex" /\ ~onPipe
    /\ suspend = "none" /\ suspend' = "asleep"
    /\ UNCHANGED <<phase, model, waiter, sigev, sawWait, queued, second, nFirst, nSecond, masked>>
Sleeps(t, how, onPipe, asleep) == HelperSleepsInRead(t, how, onPipe, asleep) \/ SuspendSleeps(t, how, onPipe, asleep)

NoKernelRing(ring) == phase # "start" /\ ~ring /\ ~CompletesInKernel(model) /\ UNCHANGED vars
KernelRing(ring) == phase # "start" /\ ring /\ CompletesInKernel(model) /\ sawWait' = TRUE
    /\ UNCHANGED <<phase, model, waiter, sigev, queued, second, suspend, nFirst, nSecond, masked>>
Kernel(ring) == NoKernelRing(ring) \/ KernelRing(ring)

DataArrives == phase = "wait" /\ queued /\ (sawWait \/ ~WaitSleeps(model)) /\ phase' = "copy"
    /\ UNCHANGED <<model, waiter, sigev, sawWait, queued, second, suspend, nFirst, nSecond, masked>>

\* rt/aio_notify.c __aio_notify: --*counterp, then the futex wake (AIO_MISC_NOTIFY)
SuspendWoken(ok) == ok /\ suspend = "asleep" /\ phase \in {"copy", "done"} /\ suspend' = "woken"
    /\ UNCHANGED <<phase, model, waiter, sigev, sawWait, queued, second, nFirst, nSecond, masked>>
Suspended(ok) == SuspendWoken(ok)

ReadDone(cb, result) == cb = "first" /\ phase = "copy" /\ result = "bytes" /\ phase' = "done"
    /\ UNCHANGED <<model, waiter, sigev, sawWait, queued, second, suspend, nFirst, nSecond, masked>>
CanceledResult(cb, result) == cb = "second" /\ second = "canceled" /\ result = "canceled" /\ second' = "reported"
    /\ UNCHANGED <<phase, model, waiter, sigev, sawWait, queued, suspend, nFirst, nSecond, masked>>
Done(cb, result) == ReadDone(cb, result) \/ CanceledResult(cb, result)

\* rt/aio_cancel.c: a queued entry is removed; one a thread has (running == allocated) stays
CancelQueued(cb, answer) == cb = "second" /\ second = "queued" /\ answer = "AIO_CANCELED" /\ second' = "canceled"
    /\ UNCHANGED <<phase, model, waiter, sigev, sawWait, queued, suspend, nFirst, nSecond, masked>>
CancelRunning(cb, answer) == cb = "first" /\ queued /\ phase = "wait" /\ waiter = "helper"
    /\ answer = "AIO_NOTCANCELED" /\ UNCHANGED vars
CancelDone(cb, answer) == cb = "first" /\ phase = "done" /\ answer = "AIO_ALLDONE" /\ UNCHANGED vars
Cancel(cb, answer) == CancelQueued(cb, answer) \/ CancelRunning(cb, answer) \/ CancelDone(cb, answer)

\* rt/aio_notify.c __aio_notify_only: a detached thread for SIGEV_THREAD, the signal queued for
\* SIGEV_SIGNAL, once per request; aio_cancel notifies what it removed
Notified(cb, how) == sigev = how
    /\ \/ cb = "first" /\ ~nFirst /\ phase \in {"copy", "done"} /\ nFirst' = TRUE /\ UNCHANGED nSecond
       \/ cb = "second" /\ ~nSecond /\ second \in {"canceled", "reported"} /\ nSecond' = TRUE /\ UNCHANGED nFirst
    /\ UNCHANGED <<phase, model, waiter, sigev, sawWait, queued, second, suspend, masked>>
NotifyOnNewThread(cb, t, fresh) == t = "notify" /\ fresh /\ Notified(cb, "thread")
Notify(cb, t, fresh) == NotifyOnNewThread(cb, t, fresh)

\* kernel/signal.c complete_signal: a thread that does not block it may take it first
SignalBlockedEverywhere(all) == all /\ sigev = "signal" /\ queued /\ ~masked /\ masked' = TRUE
    /\ UNCHANGED <<phase, model, waiter, sigev, sawWait, queued, second, suspend, nFirst, nSecond>>
Masked(all) == SignalBlockedEverywhere(all)
\* sysdeps/unix/sysv/linux/aio_sigqueue.c: rt_sigqueueinfo(getpid(), ...) with si_code SI_ASYNCIO
SignalQueued(cb, asyncio) == asyncio /\ masked /\ Notified(cb, "signal")
Signal(cb, asyncio) == SignalQueued(cb, asyncio)

Next == \/ \E m \in Models, w \in Waiters, s \in Sigevs : Claim(m, w, s)
        \/ \E c \in Cbs, v \in BOOLEAN, r \in Submits, h \in Helpers : ReqprioRefused(c, v, r, h)
        \/ \E c \in Cbs, v \in BOOLEAN, r \in Submits, h \in Helpers : QueuedToNewHelper(c, v, r, h)
        \/ \E c \in Cbs, v \in BOOLEAN, r \in Submits, h \in Helpers : QueuedBehindRunning(c, v, r, h)
        \/ \E t \in Threads, h \in Hows, p, b \in BOOLEAN : HelperSleepsInRead(t, h, p, b)
        \/ \E t \in Threads, h \in Hows, p, b \in BOOLEAN : SuspendSleeps(t, h, p, b)
        \/ \E b \in BOOLEAN : NoKernelRing(b)
        \/ \E b \in BOOLEAN : KernelRing(b)
        \/ DataArrives
        \/ \E b \in BOOLEAN : SuspendWoken(b)
        \/ \E c \in Cbs, r \in Results : ReadDone(c, r)
        \/ \E c \in Cbs, r \in Results : CanceledResult(c, r)
        \/ \E c \in Cbs, a \in Answers : CancelQueued(c, a)
        \/ \E c \in Cbs, a \in Answers : CancelRunning(c, a)
        \/ \E c \in Cbs, a \in Answers : CancelDone(c, a)
        \/ \E c \in Cbs, t \in Threads, f \in BOOLEAN : NotifyOnNewThread(c, t, f)
        \/ \E b \in BOOLEAN : SignalBlockedEverywhere(b)
        \/ \E c \in Cbs, b \in BOOLEAN : SignalQueued(c, b)

TypeOK == /\ phase \in {"start", "wait", "copy", "done"}
          /\ model \in Models \cup {"none"}
          /\ waiter \in Waiters
          /\ sigev \in Sigevs /\ sawWait \in BOOLEAN /\ queued \in BOOLEAN /\ masked \in BOOLEAN
          /\ second \in {"none", "queued", "canceled", "reported"}
          /\ suspend \in {"none", "asleep", "woken"}
          /\ nFirst \in BOOLEAN /\ nSecond \in BOOLEAN

\* The data is written only after the wait the claim describes was seen, and only to a queued request.
CopyAfterWait == phase \in {"copy", "done"} => (queued /\ (sawWait \/ ~WaitSleeps(model)))
\* A request behind another exists only while the first is queued (one at a time per fd).
SecondBehindFirst == second # "none" => queued
====
