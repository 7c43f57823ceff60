package kpath.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import kpath.trace.Event;
import kpath.trace.Header;
import kpath.trace.Line;
import kpath.trace.Result;
import kpath.trace.Trace;
import kpath.uapi.Errno;

/**
 * The recorder base every path's recorder extends: the header (read from the kernel when the
 * recorder is made, with the path's name), the narrative, the clock, and the lines. Thread-safe:
 * a task's thread may write its own lines; each line is stamped when it is added, and stamps never
 * go backwards. A scenario that finishes normally ends its trace with {@link #end()}, which writes
 * the end marker; a trace without it is refused by the checkers as truncated or unfinished.
 */
public class TraceLog {

    private static final int WRAP = 96;

    private final long startNanos = System.nanoTime();
    private final Header header;
    private final List<Line> lines = new ArrayList<>();
    private long lastMicros;
    private boolean ended;

    /**
     * Reads the kernel release and architecture now.
     *
     * @param path      the kernel path the trace records (its {@code path:} header)
     * @param sysctls   the sysctls the path's model reads, as they are now
     * @param narrative written as {@code #} comment lines at the top of the body
     */
    protected TraceLog(String scenario, String narrative, String path, Header.Netns netns, Header.Peer peer,
                       SequencedMap<String, String> sysctls) {
        this(scenario, narrative, path, netns, peer, sysctls, List.of());
    }

    /** The same, with {@code more} {@code key: value} header lines after {@code captured-by} (what else the model reads). */
    protected TraceLog(String scenario, String narrative, String path, Header.Netns netns, Header.Peer peer,
                       SequencedMap<String, String> sysctls, List<Map.Entry<String, String>> more) {
        List<Map.Entry<String, String>> extra = new ArrayList<>(List.of(Map.entry(Header.PATH, path), Map.entry("captured-by", "kpath")));
        extra.addAll(more);
        this.header = new Header(Header.VERSION, scenario, ProcNet.kernelRelease(), ProcNet.arch(), netns, peer,
                new LinkedHashMap<>(sysctls), extra);
        comment(narrative);
        blank();
    }

    /** The header as read when the recorder was created. */
    public Header header() {
        return header;
    }

    /** The trace so far: without the end marker until {@link #end()} has written it. */
    public synchronized Trace trace() {
        return new Trace(header, lines);
    }

    /**
     * Ends the trace with the end marker {@code +S.ffffff end}, stamped now, and returns the whole
     * trace. Call it once, when the scenario has finished normally; no line may be added after it.
     */
    public synchronized Trace end() {
        add(new Line.End(0, now()));
        ended = true;
        return trace();
    }

    /** Adds {@code line}; refused once the trace has ended. */
    private synchronized void add(Line line) {
        if (ended) {
            throw new IllegalStateException(header.scenario() + ": line '" + line + "' after the trace ended");
        }
        lines.add(line);
    }

    /** Microseconds since the recorder was created; never less than the last line's time. */
    public synchronized long now() {
        long t = Math.max(lastMicros, (System.nanoTime() - startNanos) / 1_000);
        lastMicros = t;
        return t;
    }

    /** {@code #} comment lines, wrapped: why the next line matters. */
    public synchronized void comment(String text) {
        for (String l : wrap(text.strip(), WRAP)) {
            add(new Line.Comment(0, l.isEmpty() ? "" : " " + l));
        }
    }

    /** A blank line, to group steps. */
    public synchronized void blank() {
        add(new Line.Blank(0));
    }

    /** {@code name(args) = result}. */
    public synchronized void syscall(String name, Result result, String... args) {
        add(new Event.Syscall(0, now(), name, List.of(args), result));
    }

    /** {@code name(args) = ...} from a {@link SysResult}: the errno name on failure, else {@code okValue}. */
    public void syscall(String name, SysResult r, String okValue, String... args) {
        syscall(name, result(r, okValue), args);
    }

    /** {@code task -> name(args)} stamped now. */
    public synchronized void callStart(String task, String name, String... args) {
        add(new Event.CallStart(0, now(), task, name, List.of(args)));
    }

    /** {@code task -> name(args)} stamped with {@code atMicros} (a {@link #now()} taken when the call started). */
    public synchronized void callStart(long atMicros, String task, String name, String... args) {
        long t = Math.max(atMicros, lastMicros);
        lastMicros = t;
        add(new Event.CallStart(0, t, task, name, List.of(args)));
    }

    /** {@code task <- result}. */
    public synchronized void callReturn(String task, Result result) {
        add(new Event.CallReturn(0, now(), task, result));
    }

    /** {@code < FLAGS peer} or {@code > FLAGS peer}. */
    public synchronized void packet(Event.Direction dir, String flags, String peer) {
        add(new Event.Packet(0, now(), dir, flags, peer));
    }

    /** {@code observe what(target) k=v ...}; {@code target} may be null. */
    public synchronized void observe(String what, String target, SequencedMap<String, String> values) {
        add(new Event.Observation(0, now(), what, Optional.ofNullable(target), values));
    }

    /** A syscall's result as a trace {@link Result}: the errno's name ({@link Errno}) on failure. */
    public static Result result(SysResult r, String okValue) {
        if (r.ok()) {
            return Result.ok(okValue);
        }
        String name = Errno.nameOf(r.errno());
        if (name.startsWith("E?")) {
            throw new IllegalStateException("errno " + r.errno() + " has no name in kpath.uapi.Errno");
        }
        return Result.error(name);
    }

    /** Greedy word wrap; never returns an empty list. */
    public static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\\R")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            out.add(line.toString());
        }
        return out;
    }
    /** One millisecond: how often {@link #observeTaskSleeping} re-reads /proc. */
    static final long TASK_POLL_NANOS = 1_000_000;

    /**
     * {@code observe task(TASK) state=STATE wchan=WCHAN} for thread {@code tid}: re-reads its
     * /proc state every millisecond, bounded by {@code bound}, until it is {@code S} with wait
     * channel {@code function} (also with a compiler suffix such as {@code .constprop.0}), or
     * {@code returned} says its call came back; then, or when the bound has passed, writes the last
     * reading exactly as read. Each reading and its line are one hold of the lock, so a task seen
     * sleeping has not written its {@code tN <-} yet. Returns whether it was seen sleeping there.
     */
    public boolean observeTaskSleeping(String task, int tid, String function, java.time.Duration bound,
            java.util.function.BooleanSupplier returned) {
        long deadline = System.nanoTime() + bound.toNanos();
        long tries = bound.toMillis() * 10 + 10; // a count bound too, in case park returns early
        for (long i = 0; ; i++) {
            synchronized (this) {
                ProcTask.Reading r = ProcTask.read(tid);
                boolean sleeping = sleepsIn(r, function);
                if (sleeping || returned.getAsBoolean() || i >= tries || System.nanoTime() - deadline >= 0) {
                    SequencedMap<String, String> v = new LinkedHashMap<>();
                    v.put("state", r.state());
                    v.put("wchan", r.wchan());
                    observe("task", task, v);
                    return sleeping;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TASK_POLL_NANOS);
        }
    }

    /** Whether a reading is an interruptible sleep in {@code function} (or a compiler clone of it), or io_destroy's uninterruptible one. */
    public static boolean sleepsIn(ProcTask.Reading r, String function) {
        boolean sleeping = r.state().equals("S") || r.state().equals("D") && function.equals(kpath.trace.Wchan.IO_DESTROY);
        return sleeping && kpath.trace.Wchan.is(r.wchan(), function);
    }
}
