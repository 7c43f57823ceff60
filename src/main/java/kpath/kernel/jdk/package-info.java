/**
 * The jdk battery: the JDK's own socket APIs (java.net.Socket's InputStream, NIO's Selector,
 * AsynchronousSocketChannel) run in this process on a loopback TCP socket, and procfs shows what
 * they do in the kernel while a read waits: {@link kpath.kernel.ProcSelf} reads this JVM's
 * threads and files, {@link kpath.kernel.jdk.JdkRecorder} names them and writes the trace.
 * Unprivileged, host namespace, loopback only; every wait bounded, every socket closed.
 */
package kpath.kernel.jdk;
