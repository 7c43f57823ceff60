-------------------------- MODULE MCTcpListenScale --------------------------
(* Bounds for size: MCTcpListen's spec with three peers, backlogs 0..2 under   *)
(* somaxconn 2, tcp_max_syn_backlog 2 and every syncookies and                 *)
(* abort_on_overflow setting; over two million states. Not part of the graph   *)
(* comparison (the graph explorer keeps 1-2 KB a state): the counting          *)
(* explorer's benchmark (kpath.bench.FingerprintExplorerBench) and TLC's.      *)
(* kpath.check.tcp.TcpMc.scaleBounds is the same on the Java side.             *)
EXTENDS MCTcpListen

MCScaleClients == {"c1", "c2", "c3"}
MCScaleBacklogs == {0, 1, 2}
MCScaleSysctls ==
    {[somaxconn |-> 2, tcpMaxSynBacklog |-> 2, tcpSyncookies |-> sc,
      tcpAbortOnOverflow |-> ab, tcpSynackRetries |-> 1] : sc \in {0, 1, 2}, ab \in {0, 1}}
=============================================================================

Checked with TLC 2.18 (-workers 1, -deadlock) on 2026-12-05 through kpath.bench.FingerprintExplorerBench, 2 shared cores:
  bounds: 3 clients, backlogs {0, 1, 2}, somaxconn 2, tcp_max_syn_backlog 2, 6 sysctl choices, counters <= 2
  result: no error; distinct states: 2312814; states generated: 22170690; depth: 22; time: 286 s
The counting explorer (kpath.check.FingerprintExplorer) at TcpMc.scaleBounds finds the same three numbers.
