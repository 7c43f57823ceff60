package kpath.trace;

import kpath.uapi.Mask;

/**
 * What a readiness trace's {@code observe poll(fd) revents=...} line is: the recorder's own poll(2)
 * of that fd alone, timeout 0, asking for these events. The capture code makes the call and the
 * checkers model the same call, so the events live here once.
 */
public final class PollSnapshot {
    private PollSnapshot() {}

    public static final int EVENTS = Mask.IN | Mask.OUT | Mask.RDNORM | Mask.WRNORM | Mask.PRI | Mask.RDHUP;
}
