package kpath.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlcTest {

    static Path specDir() throws Exception {
        return Path.of(TlcTest.class.getResource("MCToy.tla").toURI()).getParent();
    }

    @Test
    void parseErrorsAreDetected() throws Exception {
        TlcResult r = Tlc.run(specDir(), "Broken", "Broken.cfg", Optional.empty(), Duration.ofMinutes(1));
        assertEquals(TlcResult.Outcome.PARSE_ERROR, r.outcome(), r.report());
        assertTrue(r.message().contains("***Parse Error***"), r.message());
        assertTrue(r.message().contains("line 5, column 1"), r.message());
    }

    @Test
    void otherErrorsAreDetected() throws Exception {
        TlcResult r = Tlc.run(specDir(), "MCToy", "NoSuch.cfg", Optional.empty(), Duration.ofMinutes(1));
        assertEquals(TlcResult.Outcome.ERROR, r.outcome(), r.report());
        assertTrue(r.message().contains("NoSuch.cfg"), r.message());
    }

    @Test
    void aRunPastItsTimeoutIsKilled() throws Exception {
        TlcResult r = Tlc.run(specDir(), "MCToy", "MCToy.cfg", Optional.empty(), Duration.ofMillis(50));
        assertEquals(TlcResult.Outcome.TIMEOUT, r.outcome());
        assertEquals(-1, r.exitCode());
    }

    @Test
    void parsesAnInitialStateViolation() {
        String out = """
                TLC2 Version 2.18 of 20 March 2023
                Computing initial states...
                Error: Invariant Inv is violated by the initial state:
                x = 5

                Finished in 00s at (2026-11-23 10:30:50)
                """;
        TlcResult r = Tlc.parseOutput(out, 12);
        assertEquals(TlcResult.Outcome.INVARIANT_VIOLATION, r.outcome());
        assertEquals(Optional.of("Inv"), r.violatedInvariant());
        assertEquals(1, r.traceStates().size());
        assertEquals(Optional.of("x=5"), r.traceStates().getFirst().canonical());
        assertEquals(-1, r.distinctStates());
    }

    @Test
    void parsesCountsAndEvaluationErrors() {
        String out = """
                Finished computing initial states: 1 distinct state generated at 2026-11-23 10:31:17.
                Error: TLC threw an unexpected exception.
                This was probably caused by an error in the spec or model.
                The exception was a java.lang.RuntimeException
                : Attempted to apply the operator overridden by the Java method
                Error: The behavior up to this point is:
                State 1: <Initial predicate>
                x = 0

                Error: The error occurred when TLC was evaluating the nested
                expressions at the following positions:
                0. Line 5, column 9 to line 5, column 20 in R


                1,234 states generated, 1,001 distinct states found, 0 states left on queue.
                The depth of the complete state graph search is 7.
                Finished in 00s at (2026-11-23 10:31:17)
                """;
        TlcResult r = Tlc.parseOutput(out, 75);
        assertEquals(TlcResult.Outcome.ERROR, r.outcome());
        assertTrue(r.message().startsWith("Error: TLC threw an unexpected exception."), r.message());
        assertEquals(1234, r.statesGenerated());
        assertEquals(1001, r.distinctStates());
        assertEquals(7, r.depth());
        assertEquals("State 1: <Initial predicate>\nx = 0", r.trace());
    }
}
