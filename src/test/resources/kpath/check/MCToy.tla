---- MODULE MCToy ----
\* Small bounds for Toy: two clients as model values, and at most one Reset.
EXTENDS Toy

CONSTANTS c1, c2

MCClients == {c1, c2}

MCConstraint == stats.resets <= 1

\* Holds in every state the constraint keeps, fails in states it excludes: TLC still reports it.
ResetsBelow2 == stats.resets < 2
====
