package kpath.uapi;

/**
 * Signal numbers on Linux x86_64 (arch/x86/include/uapi/asm/signal.h), named once for the models,
 * the checkers and the capture code.
 */
public enum Signal {
    SIGIO(29);

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
}
