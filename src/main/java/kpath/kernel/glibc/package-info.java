/**
 * The glibc battery: glibc's POSIX AIO calls run in this JVM through FFM
 * ({@link kpath.kernel.LibcPosixAio}) on a pipe, and {@link kpath.kernel.ProcSelf} reads what its
 * threads and files do in the kernel meanwhile; {@code GlibcRecorder} writes it as observations.
 */
package kpath.kernel.glibc;
