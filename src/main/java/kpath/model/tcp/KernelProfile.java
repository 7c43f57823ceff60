package kpath.model.tcp;

/**
 * Where kernel releases differ on this path. The model is one; a release picks a profile.
 *
 * @param name                  a short label for reports
 * @param synQueueFullAtBacklog true on kernels from 4.4 until the January 2025 fix (3479c7549fb1
 *                              "tcp/dccp: allow a connection when sk_max_ack_backlog is zero"), where
 *                              {@code inet_csk_reqsk_queue_is_full} was {@code qlen >= backlog};
 *                              false since, where it is {@code qlen > backlog} (catalog tcp §3)
 * @param synLinearTimeouts     the kernel has net.ipv4.tcp_syn_linear_timeouts (commit ccce324dabfe,
 *                              Linux 6.5): a connecting client's first retransmissions keep a 1 s RTO
 *                              ({@link TcpTimers#synRto}); without it the sysctl counts as 0. Read
 *                              only by the checkers' clock, never by the model's rules.
 */
public record KernelProfile(String name, boolean synQueueFullAtBacklog, boolean synLinearTimeouts) {

    /** Linux 6.13 and later, and the stable series that took the fix (6.18.44 here). */
    public static final KernelProfile LINUX_6_13_ON = new KernelProfile("linux>=6.13", false, true);

    /** Linux 6.5 up to the fix: the SYN queue holds backlog requests, not backlog+1; linear SYN timeouts. */
    public static final KernelProfile LINUX_6_5_TO_6_12 = new KernelProfile("linux-6.5..6.12", true, true);

    /** Linux 4.4 to 6.4: the SYN queue holds backlog requests, not backlog+1; SYN RTOs double from the first. */
    public static final KernelProfile LINUX_4_4_TO_6_4 = new KernelProfile("linux-4.4..6.4", true, false);

    /**
     * The profile for a {@code uname -r} release string. Stable series that took the fix in a
     * later point release are not told apart here; such kernels need their own entry.
     */
    public static KernelProfile forRelease(String release) {
        String[] parts = release.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            boolean fixed = major > 6 || (major == 6 && minor >= 13);
            boolean linear = major > 6 || (major == 6 && minor >= 5);
            return fixed ? LINUX_6_13_ON : linear ? LINUX_6_5_TO_6_12 : LINUX_4_4_TO_6_4;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a kernel release: '" + release + "'", e);
        }
    }
}
