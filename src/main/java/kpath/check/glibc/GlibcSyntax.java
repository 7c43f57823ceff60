package kpath.check.glibc;

import java.util.Map;
import java.util.Set;
import kpath.check.CheckException;
import kpath.model.IoModel;
import kpath.model.glibc.GlibcAio;
import kpath.trace.Event;
import kpath.trace.SyscallNames;
import kpath.trace.Wchan;
import kpath.uapi.PosixAio;

import static kpath.check.ObserveFields.*;

/**
 * A glibc trace line as an action of {@link GlibcAio}, for both checkers: which request a line is
 * about ({@code cb0} the first, {@code cb1} the one behind it), which role a thread plays
 * ({@code caller}, {@code helperN}, {@code notifyN}), whether it is asleep at its call's wait
 * channel ({@link Wchan}), and what aio_* returned, by name. Anything else is bad input naming file:line.
 */
final class GlibcSyntax {
    private GlibcSyntax() {}

    static final String PIPE = "r0";

    private static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("api", Set.of("call", "model", "waiter", "sigev")),
            Map.entry("queued", Set.of("reqprio", "ret", "errno", "error", "helpers")),
            Map.entry("task", Set.of("comm", "state", "wchan", "syscall", "fd", "count")),
            Map.entry("kernel", Set.of("io_uring", "aio")),
            Map.entry("send", Set.of("bytes")),
            Map.entry("suspended", Set.of("ret", "errno")),
            Map.entry("done", Set.of("error", "return")),
            Map.entry("cancel", Set.of("ret", "errno")),
            Map.entry("notify", Set.of("thread", "fresh")),
            Map.entry("sigmask", Set.of("signo", "threads", "blocking")),
            Map.entry("signal", Set.of("signo", "code", "pid")));

    static GlibcAio.Action action(Event ev, String where) throws CheckException {
        if (!(ev instanceof Event.Observation o)) {
            throw new CheckException(where + "a glibc trace holds observations only (glibc's own calls are hidden): " + ev);
        }
        String target = o.target().orElse("");
        Map<String, String> v = o.values();
        Set<String> keys = KEYS.get(o.what());
        if (keys == null) {
            throw new CheckException(where + "unknown observation '" + o.what() + "' (glibc: " + new java.util.TreeSet<>(KEYS.keySet()) + ")");
        }
        for (String k : v.keySet()) {
            if (!keys.contains(k)) {
                throw new CheckException(where + "unknown key '" + k + "' in observe " + o.what());
            }
        }
        return switch (o.what()) {
            case "api" -> {
                String model = need(v, "model", where);
                String waiter = need(v, "waiter", where);
                need(v, "call", where);
                if (IoModel.named(model).isEmpty()) {
                    throw new CheckException(where + "model '" + model + "' is none of the five: "
                            + IoModel.ALL.stream().map(IoModel::name).toList());
                }
                if (!GlibcAio.WAITERS.contains(waiter)) {
                    throw new CheckException(where + "waiter '" + waiter + "' is none of " + GlibcAio.WAITERS);
                }
                String sigev = need(v, "sigev", where);
                if (!GlibcAio.SIGEVS.contains(sigev)) {
                    throw new CheckException(where + "sigev is one of " + GlibcAio.SIGEVS + ", not '" + sigev + "'");
                }
                yield new GlibcAio.Claim(model, waiter, sigev);
            }
            case "queued" -> {
                long reqprio = number(need(v, "reqprio", where), where);
                boolean valid = reqprio == (int) reqprio && PosixAio.reqprioValid((int) reqprio);
                long ret = number(need(v, "ret", where), where);
                String error = need(v, "error", where);
                String result = ret == 0 && error.equals("EINPROGRESS") && !v.containsKey("errno") ? "queued"
                        : ret == -1 && error.equals(v.get("errno")) && Set.of("EINVAL", "EAGAIN").contains(error) ? error
                        : "other";
                yield new GlibcAio.Submit(cb(target, where), valid, result, Math.min(2, count(need(v, "helpers", where), where)));
            }
            case "task" -> {
                String syscall = need(v, "syscall", where);
                if (!SyscallNames.isKnown(syscall)) {
                    throw new CheckException(where + "unknown system call '" + syscall + "'");
                }
                boolean asleep = need(v, "state", where).equals("S") && Wchan.sleepsOnPipeOrFutex(syscall, need(v, "wchan", where));
                String fd = v.getOrDefault("fd", "");
                yield new GlibcAio.Sleeps(role(target, where), how(syscall), fd.equals(PIPE), asleep);
            }
            case "kernel" -> new GlibcAio.Kernel(count(need(v, "io_uring", where), where) + count(need(v, "aio", where), where) > 0);
            case "send" -> {
                count(need(v, "bytes", where), where);
                yield new GlibcAio.Send();
            }
            case "suspended" -> new GlibcAio.Suspended(number(need(v, "ret", where), where) == 0 && !v.containsKey("errno"));
            case "done" -> {
                String error = need(v, "error", where);
                long ret = number(need(v, "return", where), where);
                String result = error.equals("0") && ret > 0 ? "bytes"
                        : error.equals("ECANCELED") && ret == -1 ? "canceled"
                        : error.equals("EINPROGRESS") ? "inprogress" : "other";
                yield new GlibcAio.Done(cb(target, where), result);
            }
            case "cancel" -> {
                String ret = need(v, "ret", where);
                yield new GlibcAio.Cancel(cb(target, where), GlibcAio.ANSWERS.contains(ret) ? ret : "other");
            }
            case "notify" -> new GlibcAio.Notify(cb(target, where), role(need(v, "thread", where), where),
                    flag(need(v, "fresh", where), where));
            case "sigmask" -> {
                signal(need(v, "signo", where), where);
                int threads = count(need(v, "threads", where), where);
                yield new GlibcAio.Masked(threads > 0 && count(need(v, "blocking", where), where) == threads);
            }
            case "signal" -> {
                signal(need(v, "signo", where), where);
                yield new GlibcAio.Signal(cb(target, where), need(v, "code", where).equals("SI_ASYNCIO")
                        && need(v, "pid", where).equals("self"));
            }
            default -> throw new CheckException(where + "unknown observation '" + o.what() + "'");
        };
    }

    /** The request a target names: cb0 the first on the fd, cb1 the one queued behind it. */
    static String cb(String name, String where) throws CheckException {
        return switch (name) {
            case "cb0" -> "first";
            case "cb1" -> "second";
            default -> throw new CheckException(where + "a request is cb0 or cb1, not '" + name + "'");
        };
    }

    /** The role of a thread name: the caller, one of glibc's helpers, or a callback's thread. */
    static String role(String name, String where) throws CheckException {
        if (name.equals("caller")) {
            return "caller";
        }
        if (name.matches("helper[0-9]+")) {
            return "helper";
        }
        if (name.matches("notify[0-9]+")) {
            return "notify";
        }
        throw new CheckException(where + "a thread is 'caller', helperN or notifyN, not '" + name + "'");
    }

    /** The kind of call: read on a file, a futex wait, or another. */
    static String how(String syscall) {
        return switch (syscall) {
            case "read", "pread64" -> "read";
            case "futex", "futex_wait" -> "futex";
            default -> "other";
        };
    }

    private static void signal(String s, String where) throws CheckException {
        int n = kpath.uapi.Signal.number(s);
        if (n < 1 || n > kpath.uapi.Signal.NSIG) {
            throw new CheckException(where + "no signal '" + s + "'");
        }
    }

    private static long number(String s, String where) throws CheckException {
        if (!s.matches("-?[0-9]{1,18}")) {
            throw new CheckException(where + "expected a number, not '" + s + "'");
        }
        return Long.parseLong(s);
    }

    /** The action as the spec's formula (specs/GlibcAio.tla), for the TLA+ trace module. */
    static String tla(GlibcAio.Action a) {
        return switch (a) {
            case GlibcAio.Claim c -> "Claim(" + tlaString(c.model()) + ", " + tlaString(c.waiter()) + ", " + tlaString(c.sigev()) + ")";
            case GlibcAio.Submit x -> "Submit(" + tlaString(x.cb()) + ", " + tlaBool(x.valid()) + ", " + tlaString(x.result()) + ", " + x.helpers() + ")";
            case GlibcAio.Sleeps z -> "Sleeps(" + tlaString(z.thread()) + ", " + tlaString(z.how()) + ", " + tlaBool(z.onPipe()) + ", " + tlaBool(z.asleep()) + ")";
            case GlibcAio.Kernel k -> "Kernel(" + tlaBool(k.ring()) + ")";
            case GlibcAio.Send s -> "DataArrives";
            case GlibcAio.Suspended u -> "Suspended(" + tlaBool(u.ok()) + ")";
            case GlibcAio.Done d -> "Done(" + tlaString(d.cb()) + ", " + tlaString(d.result()) + ")";
            case GlibcAio.Cancel c -> "Cancel(" + tlaString(c.cb()) + ", " + tlaString(c.answer()) + ")";
            case GlibcAio.Notify n -> "Notify(" + tlaString(n.cb()) + ", " + tlaString(n.thread()) + ", " + tlaBool(n.fresh()) + ")";
            case GlibcAio.Masked m -> "Masked(" + tlaBool(m.all()) + ")";
            case GlibcAio.Signal g -> "Signal(" + tlaString(g.cb()) + ", " + tlaBool(g.asyncio()) + ")";
        };
    }

}
