---- MODULE JdkIo ----
\* What a JDK API's observed behaviour must look like for the row of the two-phase table it
\* claims (kpath.model.jdk.IoModel): the same machine as kpath.model.jdk.JdkIo, with the same names.
\* A jdk trace says which API ran and which model and waiter it claims, then what procfs showed while
\* the read waited and after the data came; each line is one action here.
EXTENDS Naturals, TLC

Models == {"blocking", "nonblocking", "multiplexed", "signal", "asynchronous"}
Threads == {"caller", "jdk"}
Waiters == {"caller", "jdk", "none"}
Hows == {"read", "epoll", "poll", "other"}
Fds == {"socket", "epoll", "other"}

VARIABLES phase, model, waiter, sawWait
vars == <<phase, model, waiter, sawWait>>

Init == phase = "start" /\ model = "none" /\ waiter = "none" /\ sawWait = FALSE

\* Whether a thread sleeps while the model waits for data.
WaitSleeps(m) == m \in {"blocking", "multiplexed", "asynchronous"}

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
Interest(in, oneshot) == InterestLevel(in, oneshot) \/ InterestOneShot(in, oneshot) \/ InterestDisarmed(in, oneshot)

NoKernelRing(ring) == phase # "start" /\ ~ring /\ model # "asynchronous" /\ UNCHANGED vars
KernelRing(ring) == phase # "start" /\ ring /\ model = "asynchronous" /\ sawWait' = TRUE
    /\ UNCHANGED <<phase, model, waiter>>
Kernel(ring) == NoKernelRing(ring) \/ KernelRing(ring)

DataArrives == phase = "wait" /\ (sawWait \/ ~WaitSleeps(model)) /\ phase' = "copy"
    /\ UNCHANGED <<model, waiter, sawWait>>

CopyOnWaiter(t) == phase = "copy" /\ t = (IF waiter = "none" THEN "caller" ELSE waiter) /\ phase' = "done"
    /\ UNCHANGED <<model, waiter, sawWait>>

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

TypeOK == /\ phase \in {"start", "wait", "copy", "done"}
          /\ model \in Models \cup {"none"}
          /\ waiter \in Waiters
          /\ sawWait \in BOOLEAN

\* The copy phase is reached only after the wait the claim describes was seen.
CopyAfterWait == phase \in {"copy", "done"} => (sawWait \/ ~WaitSleeps(model))
====
