package kpath.check;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kpath.check.readiness.ReadinessBinding;
import kpath.check.tcp.TcpBinding;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A batch of trace modules in one TLC run gives every trace the verdict its own run gives: the
 * same verdict, the same rejected line, the same message (TlcTraceValidator.runAll against
 * TlcTraceValidator.run, trace by trace).
 */
class TraceBatchTest {

    static final Duration TIMEOUT = Duration.ofMinutes(3);
    static final Path NESTED = Path.of("traces", "readiness", "epoll-nested-lt-et.trace");
    static final Path ORDER = Path.of("traces", "completion", "io-uring-cq-overflow-keeps-order.trace");

    static TraceModule.Generated module(PathBinding b, String text) throws Exception {
        return b.traceModule(TraceReader.parse(text, "t.trace"), "t.trace");
    }

    @Test
    void aBatchGivesEachTraceTheVerdictOfItsOwnRun() throws Exception {
        ReadinessBinding r = new ReadinessBinding();
        List<TraceModule.Generated> gs = new ArrayList<>();
        gs.add(module(r, java.nio.file.Files.readString(NESTED)));
        // rejected in mid-trace: the CQEs reaped in the wrong order
        String[] early = SpecText.edit(ORDER, "cqes=3:0:0,4:0:0", 1, "observe reap(u0) cqes=4:0:0,3:0:0 sq_flags=0 cq_overflow=0");
        gs.add(module(r, early[0]));
        gs.add(module(r, java.nio.file.Files.readString(ORDER)));
        // TCP traces go to a batch of their own spec, in the same call
        gs.add(module(new TcpBinding(), java.nio.file.Files.readString(Path.of("traces", "tcp", "accept-queue-fill-backlog-1.trace"))));
        List<String> files = List.of("a", "b", "c", "d");
        List<TlcTraceValidator.Verdict> batch = TlcTraceValidator.runAll(gs, files, TIMEOUT);
        assertEquals(List.of("ACCEPTED", "REJECTED", "ACCEPTED", "ACCEPTED"), batch.stream().map(TlcTraceValidator.Verdict::verdict).toList());
        assertEquals(Integer.parseInt(early[1]), batch.get(1).line());
        for (int k = 0; k < gs.size(); k++) {
            TlcTraceValidator.Verdict alone = TlcTraceValidator.run(gs.get(k), files.get(k), TIMEOUT);
            assertEquals(List.of(alone.verdict(), alone.detail(), alone.line()),
                    List.of(batch.get(k).verdict(), batch.get(k).detail(), batch.get(k).line()), "trace " + k);
        }
    }

    @Test
    void aBatchThatFailsIsCheckedOneTraceAtATime() throws Exception {
        TraceModule.Generated good = module(new ReadinessBinding(), java.nio.file.Files.readString(NESTED));
        // an event TLC cannot evaluate: the whole batch fails, so each trace runs alone
        TraceModule.Generated bad = TraceModule.of("Bad", "Readiness", "bad.trace")
                .constant("NameOrder", "<<>>").constant("UMax", "1000000000").constant("Setup", "<<>>").constant("Calls", "{}")
                .event(1, "<<>>[1] = 0 /\\ UNCHANGED vars").build();
        List<TlcTraceValidator.Verdict> vs = TlcTraceValidator.runAll(List.of(bad, good), List.of("bad", "good"), TIMEOUT);
        assertEquals("ERROR", vs.get(0).verdict());
        assertTrue(vs.get(0).detail().contains("Attempted to apply tuple\n<<>>\nto integer 1"), vs.get(0).detail());
        assertFalse(vs.get(0).detail().contains("/\\ tr = "), "the error's behaviour is bad's alone, not a batch's: " + vs.get(0).detail());
        assertEquals("ACCEPTED", vs.get(1).verdict());
    }

    @Test
    void aBatchHoldsTracesOfOneSpec() throws Exception {
        TraceModule.Generated a = TraceModule.of("A", "Readiness", "a").build();
        TraceModule.Generated b = TraceModule.of("B", "TcpListen", "b").build();
        assertThrows(IllegalArgumentException.class, () -> TraceBatch.build(List.of(a, b)));
        assertThrows(IllegalArgumentException.class, () -> TraceBatch.build(List.of()));
    }

    @Test
    void traceKOfABatchIsRenamedAndNumbered() {
        TraceModule.Generated a = TraceModule.of("A", "Readiness", "a").constant("UMax", "7").build();
        TraceBatch.Built b = TraceBatch.build(List.of(a, a));
        assertEquals(List.of("A_1", "A_2"), b.names());
        assertTrue(b.modules().get(1).startsWith("---- MODULE A_2 ----\n"), b.modules().get(1));
        assertTrue(b.modules().get(1).contains("\n" + TraceModule.TRACE + " == 2\n"), b.modules().get(1));
        assertTrue(b.module().contains("T2 == INSTANCE A_2 WITH UMax <- C2_UMax\n"), b.module());
        assertTrue(b.module().contains("C2_UMax == 7\n"), b.module());
        assertEquals("CONSTANTS\n    UMax <- C1_UMax\nINIT BInit\nNEXT BNext\nINVARIANT BatchAccepted\n", b.cfg());
    }
}
