package kpath.uapi;

/**
 * The reasons kill_fasync passes for signal-driven I/O, which F_SETSIG's signal carries as its
 * si_code (include/uapi/asm-generic/siginfo.h, "SIGPOLL si_codes"), and the poll band each puts
 * in si_band: fs/fcntl.c band_table, through mangle_poll (the identity on x86_64). The spec's
 * copy is specs/Uapi.tla SigPollCode and SigPollBand; UapiSpecTest keeps them equal.
 */
public enum SigPoll {
    POLL_IN(1, Mask.IN | Mask.RDNORM),
    POLL_OUT(2, Mask.OUT | Mask.WRNORM | Mask.WRBAND),
    POLL_MSG(3, Mask.IN | Mask.RDNORM | Mask.MSG),
    POLL_ERR(4, Mask.ERR),
    POLL_PRI(5, Mask.PRI | Mask.RDBAND),
    POLL_HUP(6, Mask.HUP | Mask.ERR);

    private final int code;
    private final int band;

    SigPoll(int code, int band) {
        this.code = code;
        this.band = band;
    }

    /** The si_code value. */
    public int code() {
        return code;
    }

    /** si_band: band_table[code - POLL_IN]. */
    public int band() {
        return band;
    }

    /** The reason whose si_code is {@code code}, or null. */
    public static SigPoll ofCode(int code) {
        for (SigPoll p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        return null;
    }
}
