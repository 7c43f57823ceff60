------------------------ MODULE MCTcpListenLastQuarter ------------------------
(* Bounds where tcp_conn_request's syncookies=0 rule depends on its quarter:   *)
(* max_syn_backlog - qlen < max_syn_backlog >> 2. With tcp_max_syn_backlog 2  *)
(* the quarter is 0 and the rule never drops; a half (1) would drop the third  *)
(* peer's SYN while two requests wait. Backlog 2 under somaxconn 2 keeps the   *)
(* SYN queue from being full first. kpath.check.tcp.TcpMc.lastQuarterBounds   *)
(* is the same on the Java side.                                               *)
EXTENDS MCTcpListen

MCThreeClients == {"c1", "c2", "c3"}
MCBacklogTwo == {2}
MCLastQuarterSysctls ==
    {[somaxconn |-> 2, tcpMaxSynBacklog |-> 2, tcpSyncookies |-> 0, tcpAbortOnOverflow |-> 0,
      tcpSynackRetries |-> 1]}
=============================================================================

Checked with TLC 2.18 (-workers 1, -deadlock) on 2026-12-04: 20780 distinct states, 167260 generated,
depth 17. The Java model's graph is identical, and a half instead of the quarter in TcpListen.tla
changes it (TcpStateGraphTest.aLastHalfInsteadOfTheLastQuarterBreaksTheComparison).
