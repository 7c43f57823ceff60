---- MODULE MCJdkIo ----
\* The jdk path's machine at its (finite) bounds: every claim, every observation shape.
EXTENDS JdkIo
====

(* TLC 2.18 on MCJdkIo.cfg: distinct states: 68, depth: 5 *)
