package kpath.kernel.readiness;

import java.util.List;
import kpath.kernel.PrivilegeException;
import kpath.kernel.Scenario;
import kpath.trace.Trace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Structural checks of captured readiness traces. Nothing here says what the kernel should
 * report (the model checker compares that); the tests check that a capture is well formed,
 * names its fds consistently, pairs each result with its observation, and leaks no fd
 * ({@link TraceShape}).
 */
// a real kernel scenario: alone, so no other test's load changes the road it takes
@Isolated
class ReadinessScenariosTest {

    @Test
    void batteryNamesAreUniqueKebabCaseAndDescribed() {
        List<Scenario> all = ReadinessScenarios.all();
        assertEquals(15 + TcpReadinessScenarios.all().size() + ThreadedReadinessScenarios.all().size()
                + SigioScenarios.all().size() + SigmaskScenarios.all().size(), all.size());
        assertEquals(all.size(), all.stream().map(Scenario::name).distinct().count(), "duplicate names");
        TraceShape.assertNamedDescribedUnprivilegedAndInTheBattery(all, TraceShape.KEBAB_CASE);
    }

    @Test
    void everyScenarioHasItsWrittenTraceAndItReadsBack() throws Exception {
        TraceShape.assertWrittenTraces(ReadinessScenarios.all().stream().map(Scenario::name).toList(), events -> {
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll-ctl-errors", "select-poll-epoll-agree", "epoll-dup-close-keeps-events-under-old-fd",
        "eventfd-counter-readiness", "select-nfds-beyond-fd-setsize"})
    void scenarioIsWellFormedAndLeaksNoFd(String name) throws Exception {
        Scenario s = ReadinessScenarios.byName(name).orElseThrow();
        Trace t;
        try {
            t = TraceShape.leavingNoFdOpen(s::capture);
        } catch (PrivilegeException e) {
            Assumptions.abort(name + " is skipped here: " + e.getMessage());
            return;
        }
        TraceShape.assertWellFormed(t, name);
    }
}
