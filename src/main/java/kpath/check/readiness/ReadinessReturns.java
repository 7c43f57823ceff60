package kpath.check.readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kpath.model.proc.CopyOut;
import kpath.trace.Event;
import kpath.trace.Result;
import kpath.uapi.Errno;
import kpath.uapi.IoUringAbi;
import kpath.uapi.Mask;
import kpath.uapi.Signal;

/**
 * How a readiness trace's results and {@code observe} lines read as the model's values: a result
 * is the kernel's return value ({@code -1 EAGAIN} is -11, {@code e0:10} is 10, {@code r0:7,w0:8}
 * is pipe2's 0, {@code SIGIO} is 29); an observation is what the call copied out ({@link CopyOut}).
 * The TLA+ trace module reads them the same way ({@link ReadinessTraceModule}).
 */
public final class ReadinessReturns {
    private ReadinessReturns() {}

    /** The return value a result names, or null for {@code -} (any non-error value) and for text that names none. */
    public static Long value(Result r) {
        if (r.isAny()) {
            return null;
        }
        if (r.errno().isPresent()) {
            for (Errno e : Errno.values()) {
                if (e.name().equals(r.errno().get())) {
                    return (long) -e.number();
                }
            }
            return null;
        }
        String v = r.value();
        if (v.equals("main")) {
            return (long) Signal.PID_MAX_LIMIT; // F_GETOWN's pid of the capturing thread
        }
        if (v.startsWith("SIG")) {
            int n = Signal.number(v);
            return n < 0 ? null : (long) n;
        }
        if (v.contains(",")) {
            return 0L; // pipe2, socketpair: 0, the two fds copied out
        }
        try {
            return Long.parseLong(v.contains(":") ? v.substring(v.indexOf(':') + 1) : v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the model's return value {@code ret} is what the trace's result says. */
    static boolean matches(Result r, long ret) {
        if (r.isAny()) {
            return ret >= 0;
        }
        Long v = value(r);
        return v != null && v == ret;
    }

    /** A return value as a trace writes it: {@code 3}, or {@code -1 EAGAIN}. */
    static String text(long ret) {
        return ret < 0 ? "-1 " + Errno.nameOf((int) -ret) : ret == Signal.PID_MAX_LIMIT ? "main" : String.valueOf(ret);
    }

    /** What the model copied out, as trace text (for messages). */
    static String text(CopyOut o) {
        return switch (o) {
            case CopyOut.None x -> "nothing";
            case CopyOut.Events e -> e.events().stream().map(x -> x.data() + "=" + Mask.text(x.events(), "EPOLL")).toList().toString();
            case CopyOut.Revents e -> e.revents().stream().map(x -> x.fd() + "=" + Mask.text(x.revents(), "POLL")).toList().toString();
            case CopyOut.FdSets f -> "rd=" + join(f.rd()) + " wr=" + join(f.wr()) + " ex=" + join(f.ex());
            case CopyOut.Value v -> "value=" + Long.toUnsignedString(v.value());
            case CopyOut.FdPair p -> "fds=" + p.first() + "," + p.second();
            case CopyOut.Params p -> "sq_entries=" + p.sqEntries() + " cq_entries=" + p.cqEntries()
                    + " features=0x" + Integer.toHexString(p.features());
            case CopyOut.AioEvents a -> "events=" + (a.events().isEmpty() ? "-" : String.join(",", a.events().stream()
                    .map(e -> Long.toUnsignedString(e.data()) + ":" + e.res()).toList()));
            case CopyOut.Owner x -> "type=" + x.type() + " pid=" + x.pid();
            case CopyOut.SigInfo x -> "si_signo=" + Signal.text(x.signo()) + " si_code=" + x.code()
                    + (x.code().equals(SI_KERNEL) ? "" : " si_fd=" + x.fd() + " si_band=" + Mask.text(x.band(), "POLL"));
            case CopyOut.Reaped r -> "cqes=" + (r.cqes().isEmpty() ? "-" : String.join(",", r.cqes().stream()
                    .map(c -> Long.toUnsignedString(c.userData()) + ":" + c.res() + ":" + c.flags()).toList()))
                    + " sq_flags=" + (r.cqOverflowFlag() ? "IORING_SQ_CQ_OVERFLOW" : "0") + " cq_overflow=" + r.dropped();
        };
    }

    /**
     * What an {@code observe events|revents|read|fdsets} line says was copied out, or null when it
     * is not such a line. Masks are compared as bit sets, so their order in the trace does not matter.
     */
    static CopyOut copied(Event.Observation o) {
        Map<String, String> v = o.values();
        return switch (o.what()) {
            case "events" -> {
                List<CopyOut.EpollEvent> l = new ArrayList<>();
                v.forEach((fd, m) -> l.add(new CopyOut.EpollEvent(fd, Mask.parse(m))));
                yield new CopyOut.Events(l);
            }
            case "revents" -> {
                List<CopyOut.PollRevents> l = new ArrayList<>();
                v.forEach((fd, m) -> l.add(new CopyOut.PollRevents(fd, Mask.parse(m))));
                yield new CopyOut.Revents(l);
            }
            case "read", "optval" -> new CopyOut.Value(Long.parseUnsignedLong(v.get("value")));
            case "fdsets" -> CopyOut.FdSets.of(names(v.getOrDefault("rd", "-")), names(v.getOrDefault("wr", "-")),
                    names(v.getOrDefault("ex", "-")));
            case "params" -> new CopyOut.Params(Integer.parseInt(required(v, "sq_entries")),
                    Integer.parseInt(required(v, "cq_entries")), hex(required(v, "features")));
            case "siginfo" -> siginfo(v);
            case "owner" -> new CopyOut.Owner(required(v, "type"), required(v, "pid"));
            case "aio_events" -> new CopyOut.AioEvents(aioEvents(required(v, "events")));
            case "reap" -> new CopyOut.Reaped(cqes(required(v, "cqes")), sqFlags(required(v, "sq_flags")),
                    Long.parseUnsignedLong(required(v, "cq_overflow")));
            default -> null;
        };
    }

    /** {@code 0x3ffff}: a bit mask written in hex. */
    private static int hex(String text) {
        if (!text.startsWith("0x")) {
            throw new IllegalArgumentException("features is a hex number, 0x3ffff, not '" + text + "'");
        }
        return Integer.parseUnsignedInt(text.substring(2), 16);
    }

    /** si_code of a signal sent with SEND_SIG_PRIV (SIGURG): no si_fd or si_band. */
    private static final String SI_KERNEL = "SI_KERNEL";

    /**
     * {@code si_signo=SIGRTMIN+3 si_code=POLL_IN si_fd=r0 si_band=POLLIN|POLLRDNORM}: a queued signal's siginfo;
     * {@code si_signo=SIGURG si_code=SI_KERNEL}: one sent with SEND_SIG_PRIV.
     */
    private static CopyOut siginfo(Map<String, String> v) {
        int signo = Signal.number(required(v, "si_signo"));
        if (signo < 0) {
            throw new IllegalArgumentException("si_signo is a signal (SIGURG, SIGIO, SIGRTMIN+k), not '" + v.get("si_signo") + "'");
        }
        String code = required(v, "si_code");
        if (code.equals(SI_KERNEL)) {
            if (v.containsKey("si_fd") || v.containsKey("si_band")) {
                throw new IllegalArgumentException("a SI_KERNEL siginfo has no si_fd or si_band");
            }
            return new CopyOut.SigInfo(signo, code, "", 0);
        }
        if (java.util.Arrays.stream(kpath.uapi.SigPoll.values())
                .noneMatch(p -> p.name().equals(code))) {
            throw new IllegalArgumentException("si_code is a POLL_* reason or SI_KERNEL, not '" + code + "'");
        }
        return new CopyOut.SigInfo(signo, code, required(v, "si_fd"), Mask.parse(required(v, "si_band")));
    }

    private static String required(Map<String, String> v, String key) {
        String s = v.get(key);
        if (s == null) {
            throw new IllegalArgumentException("it needs " + key + "=");
        }
        return s;
    }

    /** {@code 7:65,8:1}: aio_data:res per io_event, {@code -} for none. */
    private static List<kpath.model.proc.OpenFile.AioEvent> aioEvents(String text) {
        List<kpath.model.proc.OpenFile.AioEvent> l = new ArrayList<>();
        if (!text.equals("-")) {
            for (String c : text.split(",", -1)) {
                String[] f = c.split(":", -1);
                if (f.length != 2) {
                    throw new IllegalArgumentException("an io_event is data:res, not '" + c + "'");
                }
                l.add(new kpath.model.proc.OpenFile.AioEvent(Long.parseUnsignedLong(f[0]), Long.parseLong(f[1])));
            }
        }
        return l;
    }

    /** {@code 1:0:0,2:0:0}: user_data:res:flags per CQE, {@code -} for none. */
    private static List<kpath.model.proc.OpenFile.Cqe> cqes(String text) {
        List<kpath.model.proc.OpenFile.Cqe> l = new ArrayList<>();
        if (!text.equals("-")) {
            for (String c : text.split(",", -1)) {
                String[] f = c.split(":", -1);
                if (f.length != 3) {
                    throw new IllegalArgumentException("a CQE is user_data:res:flags, not '" + c + "'");
                }
                l.add(new kpath.model.proc.OpenFile.Cqe(Long.parseUnsignedLong(f[0]), Integer.parseInt(f[1]),
                        Integer.parseInt(f[2])));
            }
        }
        return l;
    }

    /** sq_flags as IORING_SQ_CQ_OVERFLOW or a number: whether its overflow bit (1 << 1) is set; other bits are not modelled. */
    private static boolean sqFlags(String text) {
        return text.equals("IORING_SQ_CQ_OVERFLOW") || (Integer.parseInt(text) & IoUringAbi.IORING_SQ_CQ_OVERFLOW) != 0;
    }

    static Set<String> names(String set) {
        return set.equals("-") ? Set.of() : new TreeSet<>(List.of(set.split("\\|")));
    }

    private static String join(Set<String> s) {
        return s.isEmpty() ? "-" : String.join("|", s);
    }
}
