/**
 * The five I/O models as one two-phase machine — wait for data, copy to user — and the jdk path's
 * model: {@link kpath.model.IoModel} is the table (per model, the calls of each phase, whether
 * the caller sleeps in them and where, and the committed traces that show it);
 * {@link kpath.model.jdk.JdkIo} reads a jdk trace's procfs observations of a JDK API in order and
 * explains each only when the row the trace claims allows it. Pure, like every model; the spec is
 * specs/JdkIo.tla with the same names.
 */
package kpath.model.jdk;
