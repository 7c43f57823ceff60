package kpath.kernel;

import kpath.trace.Trace;

/**
 * One scripted run against the real kernel that produces a trace for the checker. A scenario
 * only records what syscalls returned and what the kernel reported; it never writes an
 * expected value.
 */
public interface Scenario {

    /** Kebab-case name; the trace is written to {@code traces/<path>/<name>.trace}, {@code <path>} its battery's path. */
    String name();

    /** One paragraph: the behaviour under test, written as the trace's leading {@code #} comment. */
    String narrative();

    /**
     * Whether the scenario needs a private network namespace (CAP_SYS_ADMIN there): it sets sysctls,
     * opens a TUN device, or reads the netstat counters there (the host namespace's count every TCP
     * connection on the machine). {@link Capture} runs it in this process when it may create network
     * namespaces, else in a child in a user namespace, else skips it for the missing privilege
     * ({@link Capture#privileged}).
     */
    boolean privileged();

    /**
     * Runs the scenario once and returns its trace. Every fd the run opens is closed before this
     * returns, also when it throws.
     */
    Trace capture() throws Exception;
}
