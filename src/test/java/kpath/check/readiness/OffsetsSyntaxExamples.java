package kpath.check.readiness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.check.SpecText;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How the checker reads {@code observe offsets(u0) sq_off=name:n,... cq_off=name:n,...}, as
 * traces/completion/io-uring-ring-offsets.trace writes it, and the forms it refuses, naming the
 * line (no TLC, so PIT runs these).
 */
class OffsetsSyntaxExamples {

    static final Path OFFSETS = Path.of("traces", "completion", "io-uring-ring-offsets.trace");
    static final String CQ = " cq_off=head:8,tail:12,ring_mask:20,ring_entries:28,overflow:44,cqes:64,flags:40";
    static final String SQ = " sq_off=head:0,tail:4,ring_mask:16,ring_entries:24,flags:36,dropped:32,array:128";

    private static CheckReport check(String text) throws Exception {
        return ReadinessTraceChecker.check(TraceReader.parse(text, "edited.trace"), "edited.trace");
    }

    private static void validate(String text) throws Exception {
        ReadinessTraceChecker.validate(TraceReader.parse(text, "edited.trace"), "edited.trace");
    }

    @Test
    void theCommittedTraceIsValidAndAccepted() throws Exception {
        String text = Files.readString(OFFSETS);
        validate(text);
        assertTrue(check(text).accepted());
    }

    @Test
    void fieldsInAnotherOrderAreTheSameOffsets() throws Exception {
        String[] e = SpecText.edit(OFFSETS, "observe offsets(u0)", 1, "observe offsets(u0) sq_off=array:128,head:0,tail:4,ring_mask:16,"
                + "ring_entries:24,flags:36,dropped:32" + CQ);
        assertTrue(check(e[0]).accepted());
    }

    @Test
    void aMissingOrExtraFieldIsRejected() throws Exception {
        for (String sq : List.of(" sq_off=head:0,tail:4,ring_mask:16,ring_entries:24,flags:36,dropped:32",
                SQ + ",resv1:0")) {
            String[] e = SpecText.edit(OFFSETS, "observe offsets(u0)", 1, "observe offsets(u0)" + sq + CQ);
            CheckReport r = check(e[0]);
            assertFalse(r.accepted(), r::text);
            assertEquals(Integer.parseInt(e[1]), r.divergenceLine(), r::text);
            assertTrue(r.text().contains("model has sq_off=head:0,tail:4,ring_mask:16,ring_entries:24,flags:36,dropped:32,array:128 "
                    + "cq_off=head:8,tail:12,ring_mask:20,ring_entries:28,overflow:44,cqes:64,flags:40, the kernel sq_off="), r::text);
        }
        String[] e = SpecText.edit(OFFSETS, "observe offsets(u0)", 1, "observe offsets(u0)" + SQ + CQ.replace("flags:40", "flags:41"));
        assertFalse(check(e[0]).accepted(), "a cq_off field differs");
    }

    @Test
    void offsetsOfNoRingAreRejected() throws Exception {
        String[] e = SpecText.edit(OFFSETS, "observe offsets(u0)", 1, "observe offsets(x9)" + SQ + CQ);
        CheckReport r = check(e[0]);
        assertFalse(r.accepted(), r::text);
        assertTrue(r.text().contains("x9 is not a ring"), r::text);
    }

    @Test
    void aMalformedLineNamesIt() throws Exception {
        for (String bad : List.of(SQ, CQ, SQ + CQ.replace("head:8", "head:x"), SQ + CQ.replace("head:8", "head"),
                SQ.replace("head:0", "tail:0") + CQ, SQ.replace("head:0", ":0") + CQ, SQ.replace("head:0", "Head:0") + CQ,
                SQ.replace("head:0", "head:4294967296") + CQ, SQ.replace("head:0", "head:-1") + CQ, SQ + CQ.replace("flags:40", "flags:40,"))) {
            String[] e = SpecText.edit(OFFSETS, "observe offsets(u0)", 1, "observe offsets(u0)" + bad);
            CheckException x = assertThrows(CheckException.class, () -> validate(e[0]), bad);
            assertTrue(x.getMessage().startsWith("edited.trace:" + e[1] + ": observe offsets: "), x.getMessage());
        }
        String[] e = SpecText.edit(OFFSETS, "observe offsets(u0)", 1, "observe offsets" + SQ + CQ);
        CheckException x = assertThrows(CheckException.class, () -> validate(e[0]));
        assertEquals("edited.trace:" + e[1] + ": observe offsets needs a target: offsets(x)", x.getMessage());
        String[] m = SpecText.edit(OFFSETS, "observe offsets(u0)", 1, "observe offsets(u0)" + CQ);
        CheckException y = assertThrows(CheckException.class, () -> validate(m[0]));
        assertEquals("edited.trace:" + m[1] + ": observe offsets: it needs sq_off=name:u32,...", y.getMessage());
    }

    @Test
    void theSpecsModuleComparesTheOffsetsAndTheDropCount() throws Exception {
        String m = ReadinessTraceModule.generate(TraceReader.parse(Files.readString(OFFSETS), "t"), "t").module();
        assertTrue(m.contains("UNCHANGED <<vars>> /\\ ~TaskWorkDue /\\ SqOff(\"u0\") = [head |-> 0, tail |-> 4, ring_mask |-> 16, "
                + "ring_entries |-> 24, flags |-> 36, dropped |-> 32, array |-> 128] /\\ CqOff(\"u0\") = [head |-> 8, tail |-> 12, "
                + "ring_mask |-> 20, ring_entries |-> 28, overflow |-> 44, cqes |-> 64, flags |-> 40]"), m);
        String d = ReadinessTraceModule.generate(TraceReader.parse(Files.readString(SqArraySyntaxExamples.DROPPED), "t"), "t").module();
        assertTrue(d.contains("UNCHANGED <<vars>> /\\ ~TaskWorkDue /\\ SqDropped(\"u0\") = 2"), d);
        assertTrue(d.contains("[op |-> \"SQ_ARRAY\", userData |-> 0, fd |-> \"\", events |-> {}, multishot |-> FALSE, target |-> 0, "
                + "link |-> FALSE, hardlink |-> FALSE, len |-> 100,"), d);
    }

    @Test
    void theFieldsReadInTheLinesOrder() throws Exception {
        String trace = "kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\npath: completion\n"
                + "captured-by: kpath\n\n+0.1 observe offsets(u0) sq_off=tail:4294967295,head:0 cq_off=head:8\n+0.2 end\n";
        var o = (kpath.trace.Event.Observation) TraceReader.parse(trace, "t").events().getFirst();
        assertEquals(List.of(Map.entry("tail", 4294967295L), Map.entry("head", 0L)),
                List.copyOf(ReadinessTraceChecker.offsets(o, "sq_off").entrySet()));
        CheckException x = assertThrows(CheckException.class, () -> kpath.check.readiness.ReadinessTraceModule.generate(
                TraceReader.parse(trace.replace("cq_off=head:8", "cq_off=head"), "t"), "t"));
        assertTrue(x.getMessage().startsWith("t:10: observe offsets: cq_off is name:u32 fields"), x.getMessage());
    }
}
