package kpath.uapi;

/**
 * Signal numbers on Linux x86_64 (arch/x86/include/uapi/asm/signal.h), named once for the models,
 * the checkers and the capture code. SIGRTMIN is the kernel's (32); a trace writes real-time
 * signal {@code 32 + k} as {@code SIGRTMIN+k}. glibc's SIGRTMIN() is larger (it keeps 32 and 33
 * for itself), so a program's "SIGRTMIN+1" is a different number from the trace's.
 */
public enum Signal {
    /** Urgent data on a socket: sent to the file's owner (fs/fcntl.c send_sigurg); ignored by default. */
    SIGURG(23),
    SIGIO(29),
    SIGRTMIN(32);

    /** _NSIG: the highest signal number (include/uapi/asm-generic/signal.h); kernel/signal.c valid_signal. */
    public static final int NSIG = 64;

    /**
     * PID_MAX_LIMIT on 64-bit (include/linux/threads.h): no task has this pid, so the number a trace's
     * {@code main} (the capturing thread, as F_GETOWN returns it) reads as.
     */
    public static final int PID_MAX_LIMIT = 4194304;

    /**
     * si_code SI_KERNEL (include/uapi/asm-generic/siginfo.h, 0x80): the siginfo of a signal sent with
     * SEND_SIG_PRIV (kernel/signal.c __send_signal_locked), as SIGURG is (fs/fcntl.c send_sigurg_to_task).
     */
    public static final int SI_KERNEL = 0x80;

    /** SIGKILL and SIGSTOP (9, 19): their action cannot be changed (kernel/signal.c do_sigaction, sig_kernel_only). */
    public static final int SIGKILL = 9, SIGSTOP = 19;

    /**
     * Whether signal {@code n}'s default action is to ignore it: SIGCHLD (17), SIGURG (23) and
     * SIGWINCH (28) (signal(7), "Ign"; kernel/signal.c SIG_KERNEL_IGNORE_MASK). The others the model
     * meets end the process by default (SIGIO, the real-time signals: "Term").
     */
    public static boolean defaultIgnored(int n) {
        return n == 17 || n == SIGURG.number || n == 28;
    }

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The signal named {@code name}, or null. */
    public static Signal named(String name) {
        for (Signal s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The number a trace's signal name stands for: {@code SIGIO}, {@code SIGRTMIN}, {@code SIGRTMIN+k}
     * (k from 1 to NSIG - SIGRTMIN), or a plain number; -1 for any other text.
     */
    public static int number(String text) {
        Signal s = named(text);
        if (s != null) {
            return s.number();
        }
        String rt = SIGRTMIN.name() + "+";
        try {
            if (text.startsWith(rt)) {
                int k = Integer.parseInt(text.substring(rt.length()));
                return k >= 1 && SIGRTMIN.number + k <= NSIG ? SIGRTMIN.number + k : -1;
            }
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** How a trace writes signal {@code n}: its name, {@code SIGRTMIN+k} for a real-time one, else the number. */
    public static String text(int n) {
        for (Signal s : values()) {
            if (s.number == n) {
                return s.name();
            }
        }
        return n > SIGRTMIN.number && n <= NSIG ? SIGRTMIN.name() + "+" + (n - SIGRTMIN.number) : Integer.toString(n);
    }
}
