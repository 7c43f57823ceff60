--------------------- MODULE BrokenReadinessEtRequeued ---------------------
(***************************************************************************)
(* A readiness model broken on purpose, shipped with the failure it must   *)
(* show (BrokenReadinessEtRequeued.expected; ReadinessStateGraphTest       *)
(* checks both): ep_send_events puts an edge-triggered item back on the    *)
(* ready list as if it were level-triggered, so a later epoll_wait reports *)
(* it again with no new wake-up.  MCReadiness's pipe zone (MCPipeCalls:   *)
(* every kind of epoll item, at a small part of the cost of all MCCalls),  *)
(* with Eventpoll's Requeued overridden by EtRequeued in the .cfg.         *)
(***************************************************************************)
EXTENDS MCReadiness

\* The wrong belief: every reported item that is not ONESHOT goes back on rdllist.
EtRequeued(it) == TRUE

=============================================================================
