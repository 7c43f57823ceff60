package kpath.check.jdk;

import java.util.List;
import java.util.Map;
import java.util.Set;
import kpath.check.CheckException;
import kpath.model.IoModel;
import kpath.model.jdk.JdkIo;
import kpath.trace.Event;
import kpath.trace.SyscallNames;
import kpath.trace.Wchan;
import kpath.uapi.Mask;

import static kpath.check.ObserveFields.*;

/**
 * A jdk trace line as an action of {@link JdkIo}, for both checkers: which role a thread plays
 * ({@code caller}, {@code jdkN}), which kind of call it sleeps in and on which file, whether it is
 * asleep at that call's wait channel ({@link Wchan}, one table for capture and check), and what an
 * epoll file's interest mask says of the socket. Anything else is bad input naming file:line.
 */
final class JdkSyntax {
    private JdkSyntax() {}

    static final String SOCKET = "c0";

    private static final Map<String, Set<String>> KEYS = Map.of(
            "api", Set.of("call", "class", "provider", "so_timeout", "model", "waiter"),
            "returned", Set.of("pending", "syscr", "baseline"),
            "refused", Set.of("call", "exception", "syscr", "baseline"),
            "close", Set.of("call"),
            "failed", Set.of("thread", "exception"),
            "task", Set.of("comm", "state", "wchan", "syscall", "fd", "maxevents", "timeout", "count", "events", "nfds"),
            "kernel", Set.of("nonblock", "epolls", "io_uring", "aio"),
            "send", Set.of("bytes"),
            "complete", Set.of("thread", "bytes"));

    static JdkIo.Action action(Event ev, String where) throws CheckException {
        if (!(ev instanceof Event.Observation o)) {
            throw new CheckException(where + "a jdk trace holds observations only (the JDK's own calls are hidden): " + ev);
        }
        String target = o.target().orElse("");
        Map<String, String> v = o.values();
        if (!o.what().equals("epoll")) {
            Set<String> keys = KEYS.get(o.what());
            if (keys == null) {
                throw new CheckException(where + "unknown observation '" + o.what() + "' (jdk: api, returned, refused, close, failed, task, epoll, kernel, send, complete)");
            }
            for (String k : v.keySet()) {
                if (!keys.contains(k)) {
                    throw new CheckException(where + "unknown key '" + k + "' in observe " + o.what());
                }
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
                if (!JdkIo.WAITERS.contains(waiter)) {
                    throw new CheckException(where + "waiter '" + waiter + "' is none of " + JdkIo.WAITERS);
                }
                yield new JdkIo.Claim(model, waiter);
            }
            case "returned" -> {
                if (v.containsKey("syscr")) {
                    count(need(v, "baseline", where), where);
                    count(v.get("syscr"), where);
                }
                yield new JdkIo.Returned(flag(need(v, "pending", where), where));
            }
            case "refused" -> {
                need(v, "call", where);
                boolean reached = count(need(v, "syscr", where), where) > count(need(v, "baseline", where), where);
                yield new JdkIo.Refused(refusal(need(v, "exception", where)), reached);
            }
            case "close" -> new JdkIo.Close(); // its one key, call=, is all an observation can hold
            case "failed" -> new JdkIo.Failed(role(need(v, "thread", where), where), cause(need(v, "exception", where)));
            case "task" -> {
                String syscall = need(v, "syscall", where);
                if (!SyscallNames.isKnown(syscall)) {
                    throw new CheckException(where + "unknown system call '" + syscall + "'");
                }
                boolean asleep = need(v, "state", where).equals("S") && Wchan.sleepsOnTcp(syscall, need(v, "wchan", where));
                yield new JdkIo.Sleeps(role(target, where), how(syscall), fd(need(v, "fd", where)), asleep);
            }
            case "epoll" -> {
                if (!target.matches("e[0-9]+")) {
                    throw new CheckException(where + "an epoll file is named eN, not '" + target + "'");
                }
                for (String k : v.keySet()) {
                    mask(v.get(k), where);
                }
                if (!v.containsKey(SOCKET)) {
                    yield new JdkIo.Unlisted();
                }
                int mask = mask(v.get(SOCKET), where);
                yield new JdkIo.Interest((mask & Mask.IN) != 0, (mask & Mask.ONESHOT) != 0);
            }
            case "kernel" -> {
                flag(need(v, "nonblock", where), where);
                count(need(v, "epolls", where), where);
                yield new JdkIo.Kernel(count(need(v, "io_uring", where), where) + count(need(v, "aio", where), where) > 0);
            }
            case "send" -> {
                count(need(v, "bytes", where), where);
                yield new JdkIo.Send();
            }
            case "complete" -> {
                count(need(v, "bytes", where), where);
                yield new JdkIo.Complete(role(need(v, "thread", where), where));
            }
            default -> throw new CheckException(where + "unknown observation '" + o.what() + "'");
        };
    }

    /** Why a read failed, from its exception's class: its channel's close, its timeout, or another reason. */
    static String cause(String exception) {
        return switch (exception) {
            case "java.nio.channels.AsynchronousCloseException" -> "close";
            case "java.nio.channels.InterruptedByTimeoutException" -> "timeout";
            default -> "other";
        };
    }

    /** What a refused read threw, from its exception's class: a read pending, reading killed, or another. */
    static String refusal(String exception) {
        return switch (exception) {
            case "java.nio.channels.ReadPendingException" -> "pending";
            case "java.lang.IllegalStateException" -> "killed";
            default -> "other";
        };
    }

    /** The role of a thread name: the API's caller, or one of the JDK's threads. */
    static String role(String name, String where) throws CheckException {
        if (name.equals("caller")) {
            return "caller";
        }
        if (name.matches("jdk[0-9]+")) {
            return "jdk";
        }
        throw new CheckException(where + "a thread is 'caller' or jdkN, not '" + name + "'");
    }

    /** The kind of call: read/recv, epoll_wait, poll/select, or another. */
    static String how(String syscall) {
        return switch (syscall) {
            case "read", "recvfrom", "recvmsg" -> "read";
            case "epoll_wait", "epoll_pwait", "epoll_pwait2" -> "epoll";
            case "poll", "ppoll", "select", "pselect6" -> "poll";
            default -> "other";
        };
    }

    /** The file a call works on: the socket c0, an epoll file eN that lists it, or another. */
    static String fd(String name) {
        if (name.equals(SOCKET)) {
            return "socket";
        }
        return name.matches("e[0-9]+") ? "epoll" : "other";
    }

    private static int mask(String s, String where) throws CheckException {
        try {
            return Mask.parse(s);
        } catch (IllegalArgumentException e) {
            throw new CheckException(where + "bad epoll mask '" + s + "': " + e.getMessage());
        }
    }

    /** The action as the spec's formula (specs/JdkIo.tla), for the TLA+ trace module. */
    static String tla(JdkIo.Action a) {
        return switch (a) {
            case JdkIo.Claim c -> "Claim(" + tlaString(c.model()) + ", " + tlaString(c.waiter()) + ")";
            case JdkIo.Returned r -> "CallerReturned(" + tlaBool(r.pending()) + ")";
            case JdkIo.Sleeps z -> "Sleeps(" + tlaString(z.thread()) + ", " + tlaString(z.how()) + ", " + tlaString(z.fd()) + ", " + tlaBool(z.asleep()) + ")";
            case JdkIo.Interest i -> "Interest(" + tlaBool(i.in()) + ", " + tlaBool(i.oneshot()) + ")";
            case JdkIo.Kernel k -> "Kernel(" + tlaBool(k.ring()) + ")";
            case JdkIo.Send s -> "DataArrives";
            case JdkIo.Complete c -> "CopyOnWaiter(" + tlaString(c.thread()) + ")";
            case JdkIo.Refused r -> "Refused(" + tlaString(r.exception()) + ", " + tlaBool(r.reached()) + ")";
            case JdkIo.Close x -> "CloseCalled";
            case JdkIo.Failed f -> "Failed(" + tlaString(f.thread()) + ", " + tlaString(f.cause()) + ")";
            case JdkIo.Unlisted u -> "ItemRemovedOnClose";
        };
    }

}
