---- MODULE Counter ----
\* The twin of ExplorerTest.Counter: how TLC treats CONSTRAINT-excluded states.
EXTENDS Naturals
VARIABLES x
Init == x \in {0, 5}
A == x < 3 /\ x' = x + 1
B == x = 2 /\ x' = 7
C == x = 5 /\ x' = 0
Next == A \/ B \/ C
Below3 == x < 3
Not7 == x /= 7
====
