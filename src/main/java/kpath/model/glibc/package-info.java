/**
 * The glibc path's model: {@link kpath.model.glibc.GlibcAio} reads a glibc trace's observations of
 * POSIX AIO (what aio_* returned, what procfs showed) in order and explains each only when the
 * two-phase row the trace claims ({@link kpath.model.IoModel}) and glibc's request queue allow it.
 * Pure, like every model; the spec is specs/GlibcAio.tla with the same names.
 */
package kpath.model.glibc;
