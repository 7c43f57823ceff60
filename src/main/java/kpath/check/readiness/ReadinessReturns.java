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
        Signal s = Signal.named(v);
        if (s != null) {
            return (long) s.number();
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
        return ret < 0 ? "-1 " + Errno.nameOf((int) -ret) : String.valueOf(ret);
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
            case "read" -> new CopyOut.Value(Long.parseUnsignedLong(v.get("value")));
            case "fdsets" -> CopyOut.FdSets.of(names(v.getOrDefault("rd", "-")), names(v.getOrDefault("wr", "-")),
                    names(v.getOrDefault("ex", "-")));
            default -> null;
        };
    }

    static Set<String> names(String set) {
        return set.equals("-") ? Set.of() : new TreeSet<>(List.of(set.split("\\|")));
    }

    private static String join(Set<String> s) {
        return s.isEmpty() ? "-" : String.join("|", s);
    }
}
