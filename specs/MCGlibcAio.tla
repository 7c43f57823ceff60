---- MODULE MCGlibcAio ----
\* The glibc path's machine at its (finite) bounds: every claim, every observation shape.
EXTENDS GlibcAio
====

(* TLC 2.18 on MCGlibcAio.cfg: distinct states: 1259, depth: 14 *)
