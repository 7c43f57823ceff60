package kpath.model;

/** Netsem's classification of outcomes, plus the two kinds of step no syscall causes. */
public enum RuleClass {
    /** the syscall returns success at once */
    FAST_SUCCEED,
    /** the syscall returns an error at once */
    FAST_FAIL,
    /** the syscall puts the caller to sleep */
    BLOCK,
    /** a sleeping syscall completes successfully */
    SLOW_SUCCEED,
    /** a sleeping syscall completes with an error */
    SLOW_FAIL,
    /** a packet or peer action arrives from outside */
    NETWORK,
    /** a kernel-internal step: softirq, timer */
    KERNEL
}
