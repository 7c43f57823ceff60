package kpath.model.tcp;

/**
 * Where kernel releases differ on this path. The model is one; a release picks a profile.
 *
 * @param name                 a short label for reports
 * @param synQueueFullAtBacklog true on kernels from 4.4 until the January 2025 fix (3479c7549fb1
 *                             "tcp/dccp: allow a connection when sk_max_ack_backlog is zero"), where
 *                             {@code inet_csk_reqsk_queue_is_full} was {@code qlen >= backlog};
 *                             false since, where it is {@code qlen > backlog} (catalog tcp §3)
 */
public record KernelProfile(String name, boolean synQueueFullAtBacklog) {

    /** Linux 6.13 and later, and the stable series that took the fix (6.18.44 here). */
    public static final KernelProfile LINUX_6_13_ON = new KernelProfile("linux>=6.13", false);

    /** Linux 4.4 up to the fix: the SYN queue holds backlog requests, not backlog+1. */
    public static final KernelProfile LINUX_4_4_TO_6_12 = new KernelProfile("linux-4.4..6.12", true);

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
            return fixed ? LINUX_6_13_ON : LINUX_4_4_TO_6_12;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a kernel release: '" + release + "'", e);
        }
    }
}
