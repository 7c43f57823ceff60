---- MODULE Toy ----
\* A toy for kpath.check's tests: a bounded counter with a sequence, a set, a record and two
\* functions (one over model values, one over strings, which TLC prints as a record).
\* Its Java twin is src/test/java/kpath/check/ToyModel.java.
EXTENDS Naturals, Sequences

CONSTANTS N, MaxLog, Clients

VARIABLES count, log, seen, stats, owner, flags

vars == <<count, log, seen, stats, owner, flags>>

Keep(s) == IF Len(s) > MaxLog THEN Tail(s) ELSE s

Init == /\ count = 0
        /\ log = <<>>
        /\ seen = {}
        /\ stats = [incs |-> 0, resets |-> 0]
        /\ owner = [c \in Clients |-> 0]
        /\ flags = [k \in {"odd", "full"} |-> FALSE]

\* Client c increments the counter and owns the new value.
Inc(c) == /\ count < N
          /\ count' = count + 1
          /\ log' = Keep(Append(log, "inc"))
          /\ seen' = seen \cup {c}
          /\ stats' = [stats EXCEPT !.incs = @ + 1]
          /\ owner' = [owner EXCEPT ![c] = count + 1]
          /\ flags' = [flags EXCEPT !["odd"] = (count + 1) % 2 = 1, !["full"] = count + 1 = N]

\* A full counter goes back to 0.
Reset == /\ count = N
         /\ count' = 0
         /\ log' = Keep(Append(log, "reset"))
         /\ seen' = {}
         /\ stats' = [stats EXCEPT !.resets = @ + 1]
         /\ owner' = [c \in Clients |-> 0]
         /\ flags' = [k \in {"odd", "full"} |-> FALSE]

\* A full counter may also just stay as it is: a step to the same state.
Idle == /\ count = N
        /\ UNCHANGED vars

Next == \/ \E c \in Clients : Inc(c)
        \/ Reset
        \/ Idle

TypeOK == /\ count \in 0..N
          /\ Len(log) <= MaxLog
          /\ seen \subseteq Clients

IncsBelow3 == stats.incs < 3
====
