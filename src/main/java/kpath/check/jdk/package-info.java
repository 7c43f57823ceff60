/**
 * The jdk path's binding: a jdk trace's observations become actions of
 * {@link kpath.model.jdk.JdkIo} ({@code JdkSyntax}, for both checkers), replayed by the one engine
 * and, through a trace module built from the trace alone, by TLC on specs/JdkIo.tla; MCJdkIo's
 * state graph equals the Java model's.
 */
package kpath.check.jdk;
