------------------- MODULE BrokenCompletionDropsOverflow -------------------
(***************************************************************************)
(* An io_uring model broken on purpose, shipped with the failure it must   *)
(* show (BrokenCompletionDropsOverflow.expected; CompletionStateGraphTest  *)
(* checks it): a completion that finds the CQ full is dropped, as before   *)
(* IORING_FEAT_NODROP (5.5), instead of waiting on the overflow list; and  *)
(* one posted while the list is not empty goes straight to the CQ.         *)
(* MCCompletion at its bounds, with IoUring's Post overridden by DropPost  *)
(* in the .cfg.                                                            *)
(***************************************************************************)
EXTENDS MCCompletion

\* The wrong belief: a CQE that does not fit is lost.
DropPost(r, c) == IF Len(r.cq) < r.cqEntries THEN [r EXCEPT !.cq = Append(@, c)] ELSE r

=============================================================================
