---- MODULE JdkIo ----
\* What a JDK API's observed behaviour must look like for the row of the two-phase table it
\* claims (kpath.model.IoModel): the same machine as kpath.model.jdk.JdkIo, with the same names.
\* A jdk trace says which API ran and which model and waiter it claims, then what procfs showed while
\* the read waited and after the data came (or how the JDK refused a further read, or failed the pending
\* one for a close or a timeout); each line is one action here.
EXTENDS Naturals, TLC, IoModel

Threads == {"caller", "jdk"}
Waiters == {"caller", "jdk", "none"}
Hows == {"read", "epoll", "poll", "other"}
Fds == {"socket", "epoll", "other"}
Causes == {"close", "timeout", "other"}
Refusals == {"pending", "killed", "other"}

VARIABLES phase, model, waiter, sawWait
vars == <<phase, model, waiter, sawWait>>

Init == phase = "start" /\ model = "none" /\ waiter = "none" /\ sawWait = FALSE

Claim(m, w) == phase = "start" /\ phase' = "wait" /\ model' = m /\ waiter' = w /\ sawWait' = FALSE

CallerReturned(pending) == phase = "wait" /\ pending /\ waiter # "caller" /\ UNCHANGED vars

SleepsOk(t, asleep) == phase = "wait" /\ asleep /\ t = waiter

\* net/core/sock.c sk_wait_data: a blocking read sleeps on the socket itself
SleepsInRead(t, how, fd, asleep) == SleepsOk(t, asleep) /\ model = "blocking" /\ how = "read" /\ fd = "socket"
    /\ sawWait' = TRUE /\ UNCHANGED <<phase, model, waiter>>
\* fs/eventpoll.c do_epoll_wait on an epoll file whose interest list holds the socket
SleepsInEpollWait(t, how, fd, asleep) == SleepsOk(t, asleep) /\ model = "multiplexed" /\ how = "epoll" /\ fd = "epoll"
    /\ sawWait' = TRUE /\ UNCHANGED <<phase, model, waiter>>
\* fs/select.c do_sys_poll / do_select on the socket
SleepsInPoll(t, how, fd, asleep) == SleepsOk(t, asleep) /\ model = "multiplexed" /\ how = "poll" /\ fd = "socket"
    /\ sawWait' = TRUE /\ UNCHANGED <<phase, model, waiter>>
Sleeps(t, how, fd, asleep) == SleepsInRead(t, how, fd, asleep) \/ SleepsInEpollWait(t, how, fd, asleep)
    \/ SleepsInPoll(t, how, fd, asleep)

InterestLevel(in, oneshot) == phase = "wait" /\ in /\ ~oneshot /\ model = "multiplexed" /\ UNCHANGED vars
InterestOneShot(in, oneshot) == phase = "wait" /\ in /\ oneshot /\ model = "multiplexed" /\ UNCHANGED vars
\* fs/eventpoll.c ep_send_events: a reported EPOLLONESHOT item keeps only EP_PRIVATE_BITS
InterestDisarmed(in, oneshot) == phase = "done" /\ ~in /\ oneshot /\ UNCHANGED vars
\* UnixAsynchronousSocketChannelImpl readTimeoutTask changes no epoll item: the one-shot item stays armed
InterestArmedAfterTimeout(in, oneshot) == phase = "timedout" /\ in /\ oneshot /\ UNCHANGED vars
Interest(in, oneshot) == InterestLevel(in, oneshot) \/ InterestOneShot(in, oneshot) \/ InterestDisarmed(in, oneshot)
    \/ InterestArmedAfterTimeout(in, oneshot)

NoKernelRing(ring) == phase # "start" /\ ~ring /\ ~CompletesInKernel(model) /\ UNCHANGED vars
KernelRing(ring) == phase # "start" /\ ring /\ CompletesInKernel(model) /\ sawWait' = TRUE
    /\ UNCHANGED <<phase, model, waiter>>
Kernel(ring) == NoKernelRing(ring) \/ KernelRing(ring)

DataArrives == phase = "wait" /\ (sawWait \/ ~WaitSleeps(model)) /\ phase' = "copy"
    /\ UNCHANGED <<model, waiter, sawWait>>

CopyOnWaiter(t) == phase = "copy" /\ t = (IF waiter = "none" THEN "caller" ELSE waiter) /\ phase' = "done"
    /\ UNCHANGED <<model, waiter, sawWait>>

\* sun.nio.ch.AsynchronousSocketChannelImpl.read: "if (reading) throw new ReadPendingException()" under readLock
ReadPendingRefused(exception, reached) == phase = "wait" /\ waiter = "jdk" /\ exception = "pending" /\ ~reached
    /\ UNCHANGED vars
\* readTimeoutTask: enableReading(true) sets readKilled; read: "if (readKilled) throw new IllegalStateException"
ReadKilledRefused(exception, reached) == phase = "timedout" /\ exception = "killed" /\ ~reached /\ UNCHANGED vars
Refused(exception, reached) == ReadPendingRefused(exception, reached) \/ ReadKilledRefused(exception, reached)

\* sun.nio.ch.UnixAsynchronousSocketChannelImpl.implClose: unregister, close the fd, finish(false, true, true)
CloseCalled == phase = "wait" /\ waiter = "jdk" /\ phase' = "closing" /\ UNCHANGED <<model, waiter, sawWait>>

\* Invoker.invokeIndirectly: a failed read's handler runs on the group's pool
FailedOk(t) == t = "jdk" /\ waiter = "jdk"
\* finishRead after implClose: the closed channel's read fails with AsynchronousCloseException
CloseFailsRead(t, cause) == FailedOk(t) /\ phase = "closing" /\ cause = "close" /\ phase' = "closed"
    /\ UNCHANGED <<model, waiter, sawWait>>
\* readTimeoutTask: InterruptedByTimeoutException, after the wait it ends
TimeoutFailsRead(t, cause) == FailedOk(t) /\ phase = "wait" /\ sawWait /\ cause = "timeout" /\ phase' = "timedout"
    /\ UNCHANGED <<model, waiter, sawWait>>
Failed(t, cause) == CloseFailsRead(t, cause) \/ TimeoutFailsRead(t, cause)

\* fs/eventpoll.c eventpoll_release_file: the last fput of the socket removes its items
ItemRemovedOnClose == phase = "closed" /\ UNCHANGED vars

Next == \/ \E m \in Models, w \in Waiters : Claim(m, w)
        \/ \E b \in BOOLEAN : CallerReturned(b)
        \/ \E t \in Threads, h \in Hows, f \in Fds, b \in BOOLEAN : SleepsInRead(t, h, f, b)
        \/ \E t \in Threads, h \in Hows, f \in Fds, b \in BOOLEAN : SleepsInEpollWait(t, h, f, b)
        \/ \E t \in Threads, h \in Hows, f \in Fds, b \in BOOLEAN : SleepsInPoll(t, h, f, b)
        \/ \E b, c \in BOOLEAN : InterestLevel(b, c)
        \/ \E b, c \in BOOLEAN : InterestOneShot(b, c)
        \/ \E b, c \in BOOLEAN : InterestDisarmed(b, c)
        \/ \E b \in BOOLEAN : NoKernelRing(b)
        \/ \E b \in BOOLEAN : KernelRing(b)
        \/ DataArrives
        \/ \E t \in Threads : CopyOnWaiter(t)
        \/ \E b, c \in BOOLEAN : InterestArmedAfterTimeout(b, c)
        \/ \E e \in Refusals, c \in BOOLEAN : ReadPendingRefused(e, c)
        \/ \E e \in Refusals, c \in BOOLEAN : ReadKilledRefused(e, c)
        \/ CloseCalled
        \/ \E t \in Threads, c \in Causes : CloseFailsRead(t, c)
        \/ \E t \in Threads, c \in Causes : TimeoutFailsRead(t, c)
        \/ ItemRemovedOnClose

TypeOK == /\ phase \in {"start", "wait", "copy", "done", "closing", "closed", "timedout"}
          /\ model \in Models \cup {"none"}
          /\ waiter \in Waiters
          /\ sawWait \in BOOLEAN

\* The copy phase is reached only after the wait the claim describes was seen.
CopyAfterWait == phase \in {"copy", "done"} => (sawWait \/ ~WaitSleeps(model))
====
