------------------------------ MODULE FdTable ------------------------------
(***************************************************************************)
(* fs/file.c: fd numbers and the files behind them (FdTable in Java).      *)
(* Creation calls carry the numbers the kernel gave: alloc_fd's choice is  *)
(* not modelled, but it never hands out a number an open fd holds.  A name *)
(* is never reused; a closed name resolves to whatever open fd now holds   *)
(* its number.  A file's id is the name of the fd that created it.         *)
(***************************************************************************)
EXTENDS Proc

\* The open fd name that holds name's number now, or None (World.openName).
OpenName(n) ==
    IF n \in DOMAIN fds THEN n
    ELSE IF n \notin DOMAIN numbers THEN None
    ELSE LET os == {o \in DOMAIN fds : numbers[o] = numbers[n]}
         IN  IF os = {} THEN None ELSE CHOOSE o \in os : TRUE

\* The file behind name's fd number, or None.
FileOf(n) == IF OpenName(n) = None THEN None ELSE fds[OpenName(n)]

Is(f, k) == f # None /\ files[f].kind = k
Fresh(n) == n \notin DOMAIN numbers

\* The fds of a select whose numbers are below nfds: do_select looks at no other.
InRange(nfds, rd, wr, ex) == {f \in rd \cup wr \cup ex : f \in DOMAIN numbers /\ numbers[f] < nfds}

\* alloc_fd never hands out a number an open fd holds.
NumberFree(k) == \A o \in DOMAIN fds : numbers[o] # k

\* nf: the fds a creation call makes, <<[id, number, file], ...>>.
NumbersFree(nf) ==
    /\ \A i \in 1..Len(nf) : NumberFree(nf[i].number)
    /\ \A i, j \in 1..Len(nf) : i # j => nf[i].number # nf[j].number

\* The names are fresh: names are never reused, their files are new.
CanCreate(nm, nf) ==
    /\ \A i \in 1..Len(nf) : nf[i].id \notin DOMAIN nm
    /\ \A i, j \in 1..Len(nf) : i # j => nf[i].id # nf[j].id

\* The process [numbers, fds, files, ret, out, blocking] s after a creation call that makes the fds
\* nf; blocks: made without SOCK_NONBLOCK / EFD_NONBLOCK, so a read of them sleeps.
Create(s, nf, blocks) ==
    LET ids == {nf[i].id : i \in 1..Len(nf)}
        at(x) == nf[CHOOSE i \in 1..Len(nf) : nf[i].id = x]
    IN  [numbers  |-> [x \in DOMAIN s.numbers \cup ids |-> IF x \in ids THEN at(x).number ELSE s.numbers[x]],
         fds      |-> [x \in DOMAIN s.fds \cup ids |-> IF x \in ids THEN x ELSE s.fds[x]],
         files    |-> [x \in DOMAIN s.files \cup ids |-> IF x \in ids THEN at(x).file ELSE s.files[x]],
         ret      |-> IF Len(nf) = 1 THEN nf[1].number ELSE 0,
         out      |-> IF Len(nf) = 1 THEN NoCopy ELSE [fds |-> <<nf[1].number, nf[2].number>>],
         blocking |-> IF blocks THEN s.blocking \cup ids ELSE s.blocking]

\* The state after a creation call (its guards are CanCreate and NumbersFree).
Created(nf, blocks) ==
    Create([numbers |-> numbers, fds |-> fds, files |-> files, ret |-> 0, out |-> NoCopy, blocking |-> blocking], nf, blocks)
Become(s) ==
    /\ ~TaskWorkDue
    /\ numbers' = s.numbers /\ fds' = s.fds /\ files' = s.files /\ ret' = s.ret /\ out' = s.out
    /\ blocking' = s.blocking /\ UNCHANGED <<tasks, exclusive, fasync, owner, sigio>>

\* man: EBADF — the fd number is not open (fdget fails), or not open for this call.
Ebadf(bad, by) == Runs(by) /\ bad /\ FailBy(by, "EBADF")

\* openat of a regular file (read-only): it has no poll method. direct: O_DIRECT; size and align:
\* its size and statx's stx_dio_offset_align as the trace's header recorded them (0: empty, not known).
RegularFile(direct, size, align) == [kind |-> "Regular", direct |-> direct, size |-> size, align |-> align]
RegularFds(name, number, file) == <<[id |-> name, number |-> number, file |-> file]>>
OpenOk(name, number, direct, size, align) ==
    LET nf == RegularFds(name, number, RegularFile(direct, size, align))
    IN  CanCreate(numbers, nf) /\ NumbersFree(nf) /\ Become(Created(nf, FALSE))

Open(name, number, direct, size, align) == OpenOk(name, number, direct, size, align)

\* kernel: fs/file.c dup -> f_dupfd: a new number for the same open file.
DupOk(fd, name, number) ==
    /\ Fresh(name) /\ FileOf(fd) # None /\ NumberFree(number)
    /\ numbers' = Put(numbers, name, number)
    /\ fds' = Put(fds, name, FileOf(fd))
    /\ ~TaskWorkDue
    /\ ret' = number /\ out' = NoCopy
    /\ UNCHANGED <<files, tasks, exclusive, blocking, fasync, owner, sigio>>

Dup(fd, name, number) ==
    \/ Ebadf(Fresh(name) /\ FileOf(fd) = None, Main)
    \/ DupOk(fd, name, number)

OpenFdsReferToLiveFiles == \A o \in DOMAIN fds : fds[o] \in DOMAIN files

=============================================================================
