----------------------------- MODULE Eventpoll -----------------------------
(***************************************************************************)
(* fs/eventpoll.c: epoll instances (Eventpoll in Java) -- epoll_ctl,       *)
(* epoll_wait, and the poll of an epoll file.  ep_poll_callback is in      *)
(* Wait.tla.  FilePoll (vfs_poll) lives here: polling an epoll file polls  *)
(* its items' files, so it and __ep_eventpoll_poll recurse into each       *)
(* other.  Not modelled: ep->ovflist (callbacks during a scan), busy       *)
(* polling, max_user_watches, reverse path counts; the only EFAULT is      *)
(* epoll_ctl's NULL event.                                                 *)
(***************************************************************************)
EXTENDS Pipe, AfUnix, EventfdFile, TcpLoopback

\* fs/eventpoll.c EP_MAX_NESTS, EPOLLEXCLUSIVE_OK_BITS
EP_MAX_NESTS == 4
ExclusiveOk == {"IN", "OUT", "ERR", "HUP", "WAKEUP", "ET", "EXCLUSIVE"}

\* man: epoll_create1(2): fresh names only
EpollFds(name, number) ==
    <<[id |-> name, number |-> number, file |-> [kind |-> "Epoll", items |-> <<>>, rdllist |-> <<>>, wq |-> <<>>]]>>
EpollCreate1Ok(name, number) ==
    LET nf == EpollFds(name, number) IN CanCreate(numbers, nf) /\ NumbersFree(nf) /\ Become(Created(nf, FALSE))

EpollCreate1(name, number) == EpollCreate1Ok(name, number)

-----------------------------------------------------------------------------
(* The poll methods (f_op->poll).  Polling an epoll file re-polls its      *)
(* ready items and drops those no longer ready, and may wake an epoll_wait *)
(* sleeper, so FilePoll returns the world after the poll as well as the    *)
(* mask: [w |-> world, m |-> mask].                                        *)

RECURSIVE FilePoll(_, _), EpPoll(_, _, _)

\* include/linux/poll.h vfs_poll
FilePoll(w, f) ==
    LET x == w.files[f] IN
    IF x.kind = "Epoll" THEN EpPoll(w, f, x.rdllist)
    ELSE [w |-> w,
          m |-> CASE x.kind \in {"PipeRead", "PipeWrite"} -> PipePoll(x)
                  [] x.kind = "UnixStream" -> UnixPoll(x)
                  [] x.kind = "TcpSock"    -> TcpPoll(x)
                  [] x.kind = "EventFd"    -> EventfdPoll(x)
                  [] x.kind = "IoUring"    -> IoUringPoll(x)
                  \* fs/select.c DEFAULT_POLLMASK for files without ->poll
                  [] x.kind = "Regular"    -> {"IN", "OUT", "RDNORM", "WRNORM"}]

\* kernel: __ep_eventpoll_poll: readable iff some queued item still polls ready; the leading
\* items that do not are unlinked (list_del_init). ep_done_scan: items remain on rdllist, so an
\* epoll_wait sleeper is woken to take them.
EpPoll(w, f, rdl) ==
    IF rdl = <<>> THEN [w |-> [w EXCEPT !.files[f].rdllist = <<>>], m |-> {}]
    ELSE LET it == ItemOf(w.files[f].items, Head(rdl))
             r  == FilePoll(w, it.file)
         IN  IF r.m \cap it.events # {}
             THEN [w |-> WakeEpWaiter([r.w EXCEPT !.files[f].rdllist = rdl], f), m |-> {"IN", "RDNORM"}]
             ELSE EpPoll(r.w, f, Tail(rdl))

-----------------------------------------------------------------------------
(* epoll_ctl(2). kernel: do_epoll_ctl, checks in the kernel's order; the   *)
(* stored mask is events | EPOLLERR | EPOLLHUP.                            *)

\* ep_insert / ep_modify: poll the new item; if ready and not queued, queue it, wake an epoll_wait
\* sleeper (wake_up(&ep->wq)) and the watchers of the epoll (pwake -> ep_poll_safewake).
QueueIfReady(w, ep, it) ==
    LET r == FilePoll(w, it.file) IN
    IF r.m \cap it.events = {} \/ InSeq(Key(it), r.w.files[ep].rdllist) THEN r.w
    ELSE Wake(WakeEpWaiter([r.w EXCEPT !.files[ep].rdllist = Append(@, Key(it))], ep), ep, {"IN"})

RECURSIVE Reaches(_, _, _), Height(_, _), Upwards(_, _)
Reaches(fs, from, target) ==
    \/ from = target
    \/ \E i \in 1..Len(fs[from].items) :
           LET x == fs[from].items[i].file IN fs[x].kind = "Epoll" /\ Reaches(fs, x, target)
\* Epoll levels below ep, and above it.
Height(fs, ep) == MaxOf({1 + Height(fs, fs[ep].items[i].file) :
                         i \in {j \in 1..Len(fs[ep].items) : fs[fs[ep].items[j].file].kind = "Epoll"}})
Upwards(fs, ep) == MaxOf({1 + Upwards(fs, o) :
                          o \in {p \in DOMAIN fs : fs[p].kind = "Epoll" /\ \E i \in 1..Len(fs[p].items) : fs[p].items[i].file = ep}})

\* kernel: ep_loop_check (6.17 on)
Loops(fs, ep, to) == Reaches(fs, to, ep) \/ Height(fs, to) + 1 + Upwards(fs, ep) > EP_MAX_NESTS

\* copy_from_user of the event before any fd is looked at
CtlEfault(nullEvent, op) == nullEvent /\ op # "EPOLL_CTL_DEL"
\* past fdget(epfd), fdget(fd) and file_can_poll
CtlFiles(epfd, op, fd, nullEvent) ==
    ~CtlEfault(nullEvent, op) /\ FileOf(epfd) # None /\ FileOf(fd) # None /\ ~Is(FileOf(fd), "Regular")
\* f.file == tf.file || !is_file_epoll; EPOLLEXCLUSIVE: not with MOD, not on an epoll, only OK bits
CtlEinval(epfd, op, fd, events) ==
    LET ef == FileOf(epfd) tf == FileOf(fd) IN
    \/ ef = tf \/ files[ef].kind # "Epoll"
    \/ /\ op # "EPOLL_CTL_DEL" /\ "EXCLUSIVE" \in events
       /\ \/ op = "EPOLL_CTL_MOD"
          \/ op = "EPOLL_CTL_ADD" /\ (files[tf].kind = "Epoll" \/ events \ ExclusiveOk # {})
CtlEloop(epfd, op, fd) ==
    op = "EPOLL_CTL_ADD" /\ Is(FileOf(fd), "Epoll") /\ Loops(files, FileOf(epfd), FileOf(fd))
\* every check before the op's own passed
CtlChecked(epfd, op, fd, events, nullEvent) ==
    CtlFiles(epfd, op, fd, nullEvent) /\ ~CtlEinval(epfd, op, fd, events) /\ ~CtlEloop(epfd, op, fd)
Found(epfd, fd) ==
    LET its == files[FileOf(epfd)].items IN \E i \in 1..Len(its) : Key(its[i]) = [file |-> FileOf(fd), fd |-> OpenName(fd)]
FoundItem(epfd, fd) == ItemOf(files[FileOf(epfd)].items, [file |-> FileOf(fd), fd |-> OpenName(fd)])

EpollCtlEfault(epfd, op, fd, events, nullEvent) == CtlEfault(nullEvent, op) /\ Fail("EFAULT")

EpollCtlEperm(epfd, op, fd, events, nullEvent) ==
    /\ ~CtlEfault(nullEvent, op) /\ FileOf(epfd) # None /\ Is(FileOf(fd), "Regular")
    /\ Fail("EPERM")

EpollCtlEinval(epfd, op, fd, events, nullEvent) ==
    /\ CtlFiles(epfd, op, fd, nullEvent)
    /\ \/ CtlEinval(epfd, op, fd, events)
       \/ /\ CtlChecked(epfd, op, fd, events, nullEvent)
          /\ \/ op = "INVALID"
             \/ op = "EPOLL_CTL_MOD" /\ Found(epfd, fd) /\ "EXCLUSIVE" \in FoundItem(epfd, fd).events
    /\ Fail("EINVAL")

EpollCtlEloop(epfd, op, fd, events, nullEvent) ==
    /\ CtlFiles(epfd, op, fd, nullEvent) /\ ~CtlEinval(epfd, op, fd, events) /\ CtlEloop(epfd, op, fd)
    /\ Fail("ELOOP")

EpollCtlEexist(epfd, op, fd, events, nullEvent) ==
    /\ op = "EPOLL_CTL_ADD" /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ Found(epfd, fd)
    /\ Fail("EEXIST")

EpollCtlEnoent(epfd, op, fd, events, nullEvent) ==
    /\ op \in {"EPOLL_CTL_DEL", "EPOLL_CTL_MOD"} /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ ~Found(epfd, fd)
    /\ Fail("ENOENT")

\* ep_insert: an EPOLLEXCLUSIVE item's entry goes to the tail of the target's queue
\* (ep_ptable_queue_proc: add_wait_queue_exclusive); an item already ready goes on rdllist at once.
EpollCtlAdd(epfd, op, fd, events, nullEvent) ==
    /\ op = "EPOLL_CTL_ADD" /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ ~Found(epfd, fd)
    /\ LET ef == FileOf(epfd)
           it == [file |-> FileOf(fd), fd |-> fd, events |-> events \cup {"ERR", "HUP"}]
           w1 == [World EXCEPT !.files[ef].items = Append(@, it),
                               !.exclusive = IF "EXCLUSIVE" \in events THEN Append(@, [ep |-> ef, key |-> Key(it)])
                                             ELSE @]
       IN  Commit(QueueIfReady(w1, ef, it), 0, NoCopy)

\* ep_remove: unlinked from rdllist too, so a queued event is never reported
EpollCtlDel(epfd, op, fd, events, nullEvent) ==
    /\ op = "EPOLL_CTL_DEL" /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ Found(epfd, fd)
    /\ LET ef == FileOf(epfd)
           k  == [file |-> FileOf(fd), fd |-> OpenName(fd)]
       IN  Commit([World EXCEPT !.files[ef].items = SelectSeq(@, LAMBDA i : Key(i) # k),
                                !.files[ef].rdllist = SelectSeq(@, LAMBDA x : x # k),
                                !.exclusive = SelectSeq(@, LAMBDA x : x # [ep |-> ef, key |-> k])], 0, NoCopy)

\* ep_modify re-polls: a ready item is reported again
EpollCtlMod(epfd, op, fd, events, nullEvent) ==
    /\ op = "EPOLL_CTL_MOD" /\ CtlChecked(epfd, op, fd, events, nullEvent) /\ Found(epfd, fd)
    /\ "EXCLUSIVE" \notin FoundItem(epfd, fd).events
    /\ LET ef  == FileOf(epfd)
           k   == [file |-> FileOf(fd), fd |-> OpenName(fd)]
           it  == [file |-> FileOf(fd), fd |-> fd, events |-> events \cup {"ERR", "HUP"}]
           its == files[ef].items
       IN  Commit(QueueIfReady([World EXCEPT !.files[ef].items = [i \in 1..Len(its) |-> IF Key(its[i]) = k THEN it ELSE its[i]]],
                               ef, it), 0, NoCopy)

EpollCtl(epfd, op, fd, events, nullEvent) ==
    \/ EpollCtlEfault(epfd, op, fd, events, nullEvent)
    \/ Ebadf(~CtlEfault(nullEvent, op) /\ (FileOf(epfd) = None \/ FileOf(fd) = None), Main)
    \/ EpollCtlEperm(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEinval(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEloop(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEexist(epfd, op, fd, events, nullEvent)
    \/ EpollCtlEnoent(epfd, op, fd, events, nullEvent)
    \/ EpollCtlAdd(epfd, op, fd, events, nullEvent)
    \/ EpollCtlMod(epfd, op, fd, events, nullEvent)
    \/ EpollCtlDel(epfd, op, fd, events, nullEvent)

-----------------------------------------------------------------------------
(* epoll_wait(2): the main task's with timeout 0; a task's check when it   *)
(* runs (TaskRun), after which it may sleep instead.                       *)

\* ep_send_events: a reported item goes back on rdllist when it is level-triggered (neither
\* EPOLLET nor EPOLLONESHOT: a ONESHOT item is disarmed instead).
Requeued(it) == "ET" \notin it.events

\* The branch ep_send_events takes for a reported item.
Branch(it) == IF "ONESHOT" \in it.events THEN "OneshotDisarmed" ELSE IF Requeued(it) THEN "LevelRequeued" ELSE "EdgeTaken"

\* ep_send_events: re-poll each item taken from the ready list; skip it if no longer ready;
\* report it; a ONESHOT item disarms, a level-triggered one goes back to the tail. bs: the
\* branches taken.
RECURSIVE SendEvents(_, _, _, _, _, _, _)
SendEvents(w, f, tx, res, max, o, bs) ==
    IF tx = <<>> \/ res >= max THEN [w |-> w, tx |-> tx, res |-> res, out |-> o, branches |-> bs]
    ELSE LET k   == Head(tx)
             it  == ItemOf(w.files[f].items, k)
             p   == FilePoll(w, k.file)
             rev == p.m \cap it.events
             its == p.w.files[f].items
             w1  == IF "ONESHOT" \in it.events
                    THEN [p.w EXCEPT !.files[f].items = [i \in 1..Len(its) |->
                             IF Key(its[i]) = k THEN [its[i] EXCEPT !.events = it.events \cap Private] ELSE its[i]]]
                    ELSE IF Requeued(it) THEN [p.w EXCEPT !.files[f].rdllist = Append(@, k)]
                    ELSE p.w
         IN  IF rev = {} THEN SendEvents(p.w, f, Tail(tx), res, max, o, bs)
             ELSE SendEvents(w1, f, Tail(tx), res + 1, max, Append(o, [data |-> k.fd, events |-> rev]),
                             bs \cup {Branch(it)})

\* kernel: do_epoll_wait, ep_send_events: take the ready list, report what still polls ready;
\* items not reached because maxevents was hit go back to the head; ep_done_scan: items left on
\* rdllist (a level-triggered one reported) wake the next epoll_wait sleeper. [w, res, out, branches]
EpollWaitScan(w, f, maxevents) ==
    LET r    == SendEvents([w EXCEPT !.files[f].rdllist = <<>>], f, w.files[f].rdllist, 0, maxevents, <<>>, {})
        rest == r.tx \o SelectSeq(r.w.files[f].rdllist, LAMBDA k : ~InSeq(k, r.tx))
        w1   == [r.w EXCEPT !.files[f].rdllist = rest]
    IN  [w |-> IF rest # <<>> THEN WakeEpWaiter(w1, f) ELSE w1, res |-> r.res, out |-> r.out,
         branches |-> r.branches]

\* The rule of a scan that took branches bs: the most lasting of them (a disarmed item outlasts a
\* re-queued one, which outlasts one taken), "NoEvents" when nothing was reported.
Outcome(bs) ==
    IF "OneshotDisarmed" \in bs THEN "OneshotDisarmed"
    ELSE IF "LevelRequeued" \in bs THEN "LevelRequeued"
    ELSE IF "EdgeTaken" \in bs THEN "EdgeTaken"
    ELSE "NoEvents"

\* kernel: do_epoll_wait, ep_send_events (EpollWaitScan), when the scan's outcome is o.
EpollWaitScanned(epfd, maxevents, by, o) ==
    LET f == FileOf(epfd) IN
    /\ Is(f, "Epoll") /\ maxevents > 0
    /\ LET s == EpollWaitScan(World, f, maxevents) IN
       Outcome(s.branches) = o /\ Finish(by, s.w, s.res, [events |-> s.out])

\* Nothing reported: the ready list was empty or none of its items still polls ready.
EpollWaitNoEvents(epfd, maxevents, by) == Runs(by) /\ EpollWaitScanned(epfd, maxevents, by, "NoEvents")
\* A level-triggered item reported goes back on the ready list.
EpollWaitLevelRequeued(epfd, maxevents, by) == Runs(by) /\ EpollWaitScanned(epfd, maxevents, by, "LevelRequeued")
\* An EPOLLET item reported stays off the ready list until its next callback.
EpollWaitEdgeTaken(epfd, maxevents, by) == Runs(by) /\ EpollWaitScanned(epfd, maxevents, by, "EdgeTaken")
\* An EPOLLONESHOT item reported is disarmed until EPOLL_CTL_MOD.
EpollWaitOneshotDisarmed(epfd, maxevents, by) == Runs(by) /\ EpollWaitScanned(epfd, maxevents, by, "OneshotDisarmed")

\* ep_check_params: maxevents <= 0 or not an epoll file
EpollWaitEinval(epfd, maxevents, by) ==
    LET f == FileOf(epfd) IN
    /\ Runs(by) /\ f # None /\ (maxevents <= 0 \/ files[f].kind # "Epoll")
    /\ FailBy(by, "EINVAL")

EpollWait(epfd, maxevents, by) ==
    \/ Ebadf(FileOf(epfd) = None, by)
    \/ EpollWaitEinval(epfd, maxevents, by)
    \/ EpollWaitNoEvents(epfd, maxevents, by)
    \/ EpollWaitLevelRequeued(epfd, maxevents, by)
    \/ EpollWaitEdgeTaken(epfd, maxevents, by)
    \/ EpollWaitOneshotDisarmed(epfd, maxevents, by)

-----------------------------------------------------------------------------
(* Invariants of the epoll instances                                        *)

\* ep_poll_callback and ep_insert queue an item only when it is not queued already.
ItemOnReadyListAtMostOnce ==
    \A e \in EpollFiles : \A i, j \in 1..Len(files[e].rdllist) :
        i # j => files[e].rdllist[i] # files[e].rdllist[j]

\* Only items of the interest list are ever queued (ep_remove unlinks them).
ReadyListSubsetOfInterestList ==
    \A e \in EpollFiles : \A i \in 1..Len(files[e].rdllist) :
        \E j \in 1..Len(files[e].items) : Key(files[e].items[j]) = files[e].rdllist[i]

\* eventpoll_release_file removes a file's items from every epoll when the file goes.
ItemsWatchLiveFiles ==
    \A e \in EpollFiles : \A j \in 1..Len(files[e].items) : files[e].items[j].file \in DOMAIN files

\* epoll_ctl adds EPOLLERR | EPOLLHUP; only a fired ONESHOT item keeps just private bits.
StoredMaskHasErrHupUnlessDisarmed ==
    \A e \in EpollFiles : \A j \in 1..Len(files[e].items) :
        Armed(files[e].items[j]) => {"ERR", "HUP"} \subseteq files[e].items[j].events

\* ep->wq holds only tasks sleeping in epoll_wait: ep_poll queues a task just before it sleeps, and
\* a wake-up (ep_autoremove_wake_function) or the timeout takes it off.
EpWaitQueueHoldsEpollWaitSleepers ==
    \A e \in EpollFiles : \A i \in 1..Len(files[e].wq) :
        LET t == files[e].wq[i] IN
        t \in DOMAIN tasks /\ tasks[t].phase = "SLEEPING" /\ tasks[t].call.call = "EpollWait"

\* A task waits on at most one ep->wq, once.
TaskOnAtMostOneEpWaitQueue ==
    \A e, g \in EpollFiles : \A i \in 1..Len(files[e].wq) : \A j \in 1..Len(files[g].wq) :
        files[e].wq[i] = files[g].wq[j] => e = g /\ i = j

\* The exclusive entries are the EPOLLEXCLUSIVE items, each once: ep_insert adds an entry with the
\* item, ep_remove and eventpoll_release_file take both away, and no MOD adds or drops the flag.
ExclusiveListHoldsTheExclusiveItems ==
    /\ \A i, j \in 1..Len(exclusive) : i # j => exclusive[i] # exclusive[j]
    /\ {exclusive[i] : i \in 1..Len(exclusive)}
       = UNION {{[ep |-> e, key |-> Key(files[e].items[j])] :
                 j \in {k \in 1..Len(files[e].items) : "EXCLUSIVE" \in files[e].items[k].events}} : e \in EpollFiles}

\* After an epoll_wait that takes the whole ready list, only level-triggered items are back on it:
\* an edge-triggered or ONESHOT item is never reported twice for one callback (nor before MOD).
EtOneshotNotReportedTwicePerCallback ==
    \A e \in EpollFiles :
        LET a   == EpollWaitScan(World, e, Len(files[e].rdllist) + 1)
            rdl == a.w.files[e].rdllist
        IN  \A i \in 1..Len(rdl) : ItemOf(a.w.files[e].items, rdl[i]).events \cap {"ET", "ONESHOT"} = {}

=============================================================================
