------------------------- MODULE MCReadinessScale -------------------------
(* Bounds for size: MCReadiness's spec with four of its zones free at     *)
(* once, so their states multiply (over a million): the pipe zone (r0,    *)
(* w0, e1, with e0), the semaphore zone (v1, t3), the file zone (f0) and  *)
(* the nesting zone (e2).                                                  *)
(* Data as in MCReadiness (DataBounded). Not                               *)
(* part of the graph comparison (the graph explorer keeps 1-2 KB a state): *)
(* the counting explorer's benchmark (kpath.bench.FingerprintExplorerBench)*)
(* and TLC's. kpath.check.readiness.ReadinessMc.scaleBounds and            *)
(* scaleExplorer are the same on the Java side.                            *)
EXTENDS MCReadiness

MCScaleCalls == MCPipeCalls \cup MCSemaphoreCalls \cup MCFileCalls \cup MCNestCalls
ScaleConstraint == DataBounded
=============================================================================
