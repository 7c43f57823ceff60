------------------------ MODULE BrokenTcpListenAcceptqGe ------------------------
(* A deliberately broken model, shipped to show that the Java-vs-TLC comparison  *)
(* catches a one-character slip. The accept queue's "full" test is taken with    *)
(* '>=' (a backlog of N holds N children) instead of the kernel's '>' (it holds  *)
(* N+1: include/net/sock.h sk_acceptq_is_full). BrokenTcpListenAcceptqGe.cfg   *)
(* overrides TcpListen's AcceptQueueFull with the operator below; the spec is    *)
(* otherwise MCTcpListen's.                                                      *)
EXTENDS MCTcpListen

AcceptQueueFullGe == Len(acceptQueue) >= skMaxAckBacklog
=============================================================================

What it does: TLC finds no error in the broken model itself (every invariant still holds), but its
state graph is not the Java model's, which keeps '>': 94,924 distinct states against 68,350 (the
earlier drops move the counters further), and 18,940 states only in Java, such as two children
queued at backlog 0. TcpStateGraphTest runs it; the whole comparison report is committed beside it
as BrokenTcpListenAcceptqGe.expected.
