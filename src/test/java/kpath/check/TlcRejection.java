package kpath.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Where TLC rejects a trace: the verdict names the first line no behaviour explains (the trace
 * module prints how far its behaviours got; {@link TraceModule#REACHED}).
 *
 * <p>In a test class that registers this extension ({@code @ExtendWith(TlcRejection.class)}) a test's
 * {@link #atLine} only queues its edited trace, and after the class's last test TLC checks all of
 * them in one run per spec ({@link TlcTraceValidator#runAll}); each edit that TLC does not reject at
 * its line fails the class, naming the test. A TLC run costs about a second of start-up, so a class
 * of a hundred twins saves about a hundred. Elsewhere {@link #atLine} runs TLC at once.
 */
public final class TlcRejection implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private record Twin(String test, TraceModule.Generated module, int line) {}

    private record Current(String test, List<Twin> twins) {}

    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();
    private static final Map<Class<?>, List<Twin>> QUEUED = new ConcurrentHashMap<>();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    public static void atLine(PathBinding path, String text, int line) throws Exception {
        TraceModule.Generated g = path.traceModule(TraceReader.parse(text, "edited.trace"), "edited.trace");
        Current c = CURRENT.get();
        if (c != null) {
            c.twins().add(new Twin(c.test(), g, line));
            return;
        }
        TlcTraceValidator.Verdict t = TlcTraceValidator.run(g, "edited.trace", TIMEOUT);
        assertEquals("", problem(t, line), "TLC");
    }

    /** Why {@code t} is not a rejection at {@code line}; empty if it is. */
    private static String problem(TlcTraceValidator.Verdict t, int line) {
        if (!t.verdict().equals("REJECTED")) {
            return "TLC must reject line " + line + ": " + t.verdict() + " " + t.detail();
        }
        if (t.line() != line) {
            return "TLC must explain every line before " + line + " and reject it: " + t.detail();
        }
        return "";
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        List<Twin> twins = QUEUED.computeIfAbsent(context.getRequiredTestClass(),
                k -> Collections.synchronizedList(new ArrayList<>()));
        CURRENT.set(new Current(context.getDisplayName(), twins));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CURRENT.remove();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<Twin> twins = QUEUED.remove(context.getRequiredTestClass());
        if (twins == null || twins.isEmpty()) {
            return;
        }
        List<Twin> all = List.copyOf(twins);
        List<TlcTraceValidator.Verdict> vs = TlcTraceValidator.runAll(all.stream().map(Twin::module).toList(),
                all.stream().map(t -> t.test() + ": edited.trace").toList(), TIMEOUT);
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            String p = problem(vs.get(k), all.get(k).line());
            if (!p.isEmpty()) {
                problems.add(all.get(k).test() + ": " + p);
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " of " + all.size() + " edited traces not rejected by TLC as stated:\n"
                    + String.join("\n", problems));
        }
    }
}
