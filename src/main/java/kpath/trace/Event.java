package kpath.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * A timed line of a trace. {@code toString()} is the line's text after {@code +S.ffffff }.
 * The records reject anything they could not write back in the format.
 */
public sealed interface Event extends Line
        permits Event.Syscall, Event.CallStart, Event.CallReturn, Event.Packet, Event.Observation {

    /** Microseconds since the start of the trace. */
    long timeMicros();

    /** A time as written in a trace: {@code +S.ffffff}, e.g. {@code formatTime(112) = "+0.000112"}. */
    static String formatTime(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("negative time " + micros + " µs");
        }
        return "+" + micros / 1_000_000 + "." + String.format(java.util.Locale.ROOT, "%06d", micros % 1_000_000);
    }

    /** Which way a packet goes, seen from the kernel under test. */
    enum Direction {
        /** Injected by the harness, arriving at the kernel: {@code <}. */
        IN("<"),
        /** Sent by the kernel: {@code >}. */
        OUT(">");

        private final String symbol;

        Direction(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** A call that returned at once: {@code name(arg, ...) = result}. */
    record Syscall(int lineNo, long timeMicros, String name, List<String> args, Result result) implements Event {
        public Syscall {
            Syntax.lineAndTime(lineNo, timeMicros);
            Syntax.callName(name);
            args = Syntax.args(args);
            Objects.requireNonNull(result, "result");
        }

        /** {@code name(arg, ...)}. */
        public String call() {
            return Syntax.call(name, args);
        }

        @Override
        public String toString() {
            return call() + " = " + result;
        }
    }

    /** A task starts a call that may block: {@code t1 -> name(arg, ...)}. */
    record CallStart(int lineNo, long timeMicros, String task, String name, List<String> args) implements Event {
        public CallStart {
            Syntax.lineAndTime(lineNo, timeMicros);
            Syntax.task(task);
            Syntax.callName(name);
            args = Syntax.args(args);
        }

        /** {@code name(arg, ...)}. */
        public String call() {
            return Syntax.call(name, args);
        }

        @Override
        public String toString() {
            return task + " -> " + call();
        }
    }

    /** The task's call in progress returns: {@code t1 <- result}. */
    record CallReturn(int lineNo, long timeMicros, String task, Result result) implements Event {
        public CallReturn {
            Syntax.lineAndTime(lineNo, timeMicros);
            Syntax.task(task);
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String toString() {
            return task + " <- " + result;
        }
    }

    /** A TCP segment: {@code < FLAGS PEER} (injected) or {@code > FLAGS PEER} (sent by the kernel). */
    record Packet(int lineNo, long timeMicros, Direction dir, String flags, String peer) implements Event {
        public Packet {
            Syntax.lineAndTime(lineNo, timeMicros);
            Objects.requireNonNull(dir, "dir");
            Syntax.flags(flags);
            Syntax.peer(peer);
        }

        @Override
        public String toString() {
            return dir.symbol() + " " + flags + " " + peer;
        }
    }

    /**
     * Observed state: {@code observe what(target) key=value ...}, or without a target
     * ({@code observe netstat ListenOverflows=1}).
     *
     * @param values at least one; in the order written; read-only
     */
    record Observation(int lineNo, long timeMicros, String what, Optional<String> target,
                       SequencedMap<String, String> values) implements Event {
        public Observation {
            Syntax.lineAndTime(lineNo, timeMicros);
            Syntax.require(Syntax.NAME, what, "observation name", "a name like tcp_info");
            Objects.requireNonNull(target, "target");
            target.ifPresent(t -> Syntax.require(Syntax.TARGET, t, "observation target",
                    "a name without spaces or parentheses, like L"));
            Objects.requireNonNull(values, "values");
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an observation has at least one key=value");
            }
            SequencedMap<String, String> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> {
                Syntax.require(Syntax.OBSERVE_KEY, k, "observation key", "a name like state");
                Syntax.require(Syntax.TOKEN, v, "value of '" + k + "'", "a value without spaces");
                copy.put(k, v);
            });
            values = Collections.unmodifiableSequencedMap(copy);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("observe ").append(what);
            target.ifPresent(t -> sb.append('(').append(t).append(')'));
            values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.toString();
        }
    }
}
