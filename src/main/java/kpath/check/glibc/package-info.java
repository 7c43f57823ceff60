/**
 * The glibc path's binding: a glibc trace's observations become actions of
 * {@link kpath.model.glibc.GlibcAio} ({@code GlibcSyntax}, for both checkers), replayed by the one
 * engine and, through a trace module built from the trace alone, by TLC on specs/GlibcAio.tla;
 * MCGlibcAio's state graph equals the Java model's.
 */
package kpath.check.glibc;
