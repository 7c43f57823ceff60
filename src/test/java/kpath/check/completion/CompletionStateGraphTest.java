package kpath.check.completion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import kpath.check.GraphComparison;
import kpath.check.GraphDiff;
import kpath.check.SpecText;
import kpath.check.Specs;
import kpath.check.readiness.ReadinessMc;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The io_uring part of the process model: its reachable state graph equals TLC's for
 * specs/MCCompletion.tla (states, initial states, rule-labelled edges), MCCompletion.tla writes
 * CompletionMc's bounds, and the model shipped broken on purpose (specs/BrokenCompletionDropsOverflow:
 * a full CQ drops the CQE instead of keeping it on the overflow list) fails as its .expected file says.
 */
class CompletionStateGraphTest {

    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void javaModelAndSpecHaveTheSameStateGraphAndTheManifestHolds() throws Exception {
        GraphComparison.Outcome o = CompletionMc.compare(CompletionMc.model(), Specs.dir(), CompletionMc.MODULE,
                CompletionMc.CFG, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        assertTrue(o.java().violation().isEmpty(), () -> o.java().violation().orElseThrow().toString());
        assertEquals(o.tlc().distinctStates(), o.java().distinctStates());
        assertEquals(o.tlc().depth(), o.java().depth());
        Matcher m = recorded(CompletionMc.MODULE);
        assertEquals(Long.parseLong(m.group(1)), o.tlc().distinctStates(), "distinct states differ from the manifest");
        assertEquals(Integer.parseInt(m.group(2)), o.tlc().depth(), "depth differs from the manifest");
        Set<String> rules = ReadinessMc.labels(o.java().graph());
        for (String r : List.of("IoUringSetupOk", "IoUringSetupEinval", "IoUringEnterOk", "IoUringEnterEopnotsupp", "IoUringEnterEinval",
                "Ebadf", "CqReaped", "IoEinval", "PollOk", "CloseRelease", "IoUringPollTaskWork", "IoRingExitWork")) {
            assertTrue(rules.contains(r), r + " labels no edge at these bounds: " + rules);
        }
    }

    /**
     * A smaller MC module: the Java and TLC graphs (labelled edges too) and observables agree, no
     * invariant breaks, {@code rules} label edges, the manifest's distinct-state count holds, and
     * the module's setup ({@code NAME == <<}) and calls ({@code NAME == {}) are the Java bounds.
     */
    static void sameGraph(java.util.function.Supplier<kpath.model.readiness.ReadinessModel> model, String module, String cfg,
                          List<kpath.model.proc.ProcAction> setup, List<kpath.model.proc.ProcAction> universe,
                          String setupName, String callsName, List<String> rules) throws Exception {
        GraphComparison.Outcome o = CompletionMc.compare(model.get(), Specs.dir(), module, cfg, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
        assertTrue(o.java().violation().isEmpty(), () -> o.java().violation().orElseThrow().toString());
        assertTrue(ReadinessMc.labels(o.java().graph()).containsAll(rules), () -> ReadinessMc.labels(o.java().graph()).toString());
        assertEquals(Long.parseLong(recorded(module).group(1)), o.tlc().distinctStates(), "distinct states differ from the manifest");
        String mc = Files.readString(Specs.dir().resolve(module + ".tla"));
        assertEquals(setup.stream().map(ReadinessMc::tla).toList(), records(block(mc, setupName + " == <<")));
        assertEquals(new HashSet<>(universe.stream().map(ReadinessMc::tla).toList()), new HashSet<>(records(block(mc, callsName + " == {"))));
        GraphComparison.Outcome obs = CompletionMc.compareObservables(model.get(), Specs.dir(), module, cfg, TIMEOUT);
        assertTrue(obs.diff().same(), obs.diff()::report);
    }

    @Test
    void sockNonemptyHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::sockNonemptyModel, CompletionMc.SOCK_NONEMPTY_MODULE, CompletionMc.SOCK_NONEMPTY_CFG,
                CompletionMc.sockNonemptySetup(), CompletionMc.sockNonemptyUniverse(), "MCSockNonemptySetup", "MCSockNonemptyCalls",
                List.of("IoUringEnterOk", "IoUringPollTaskWork", "WriteUnix", "CqReaped"));
    }

    @Test
    void deferTaskrunHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::deferModel, CompletionMc.DEFER_MODULE, CompletionMc.DEFER_CFG,
                CompletionMc.deferSetup(), CompletionMc.deferUniverse(), "MCDeferSetup", "MCDeferCalls",
                List.of("IoUringSetupOk", "IoUringEnterOk", "WritePipe", "ReadPipe", "CqReaped", "PollOk", "IoRingExitWork"));
    }

    @Test
    void asyncRecvHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::asyncRecvModel, CompletionMc.ASYNC_RECV_MODULE, CompletionMc.ASYNC_RECV_CFG,
                CompletionMc.asyncRecvSetup(), CompletionMc.asyncRecvUniverse(), "MCAsyncRecvSetup", "MCAsyncRecvCalls",
                List.of("IoUringEnterOk", "IoWqRecvIssued", "IoUringPollTaskWork", "IoWqFreed", "WriteUnix", "CqReaped"));
    }

    @Test
    void providedBuffersHaveTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::buffersModel, CompletionMc.BUFFERS_MODULE, CompletionMc.BUFFERS_CFG,
                CompletionMc.buffersSetup(), CompletionMc.buffersUniverse(), "MCBuffersSetup", "MCBuffersCalls",
                List.of("IoUringEnterOk", "WriteUnix", "CqReaped"));
    }

    @Test
    void linkChainsHaveTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::linksModel, CompletionMc.LINKS_MODULE, CompletionMc.LINKS_CFG, CompletionMc.linksSetup(),
                CompletionMc.linksUniverse(), "MCLinksSetup", "MCLinksCalls",
                List.of("IoUringRegisterEventfdOk", "IoUringRegisterEbusy", "IoUringRegisterEinval", "ReadEventfd"));
    }

    @Test
    void linkTimeoutsHaveTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::timeoutModel, CompletionMc.TIMEOUT_MODULE, CompletionMc.TIMEOUT_CFG, CompletionMc.timeoutSetup(),
                CompletionMc.timeoutUniverse(), "MCTimeoutSetup", "MCTimeoutCalls",
                List.of("IoUringEnterOk", "IoLinkTimeoutFn", "IoUringPollTaskWork", "WritePipe", "CqReaped"));
    }

    @Test
    void drainHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::drainModel, CompletionMc.DRAIN_MODULE, CompletionMc.DRAIN_CFG, CompletionMc.drainSetup(),
                CompletionMc.drainUniverse(), "MCDrainSetup", "MCDrainCalls",
                List.of("IoUringEnterOk", "IoUringPollTaskWork", "IoWqNopDone", "IoWqFreed", "CqReaped"));
    }

    @Test
    void spliceHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::spliceModel, CompletionMc.SPLICE_MODULE, CompletionMc.SPLICE_CFG, CompletionMc.spliceSetup(),
                CompletionMc.spliceUniverse(), "MCSpliceSetup", "MCSpliceCalls",
                List.of("IoUringEnterOk", "IoWqSpliceInterrupted", "IoWqFreed", "CqReaped", "WritePipe"));
    }

    @Test
    void sqpollHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::sqpollModel, CompletionMc.SQPOLL_MODULE, CompletionMc.SQPOLL_CFG, CompletionMc.sqpollSetup(),
                CompletionMc.sqpollUniverse(), "MCSqpollSetup", "MCSqpollCalls",
                List.of("IoUringSetupOk", "SqPublished", "IoSqThreadSubmit", "IoUringEnterSqpoll", "CqReaped"));
    }

    @Test
    void readsHaveTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::readsModel, CompletionMc.READS_MODULE, CompletionMc.READS_CFG, CompletionMc.readsSetup(),
                CompletionMc.readsUniverse(), "MCReadsSetup", "MCReadsCalls", List.of("IoUringEnterOk", "IoUringPollTaskWork"));
    }

    @Test
    void aioHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::aioModel, CompletionMc.AIO_MODULE, CompletionMc.AIO_CFG, CompletionMc.aioSetup(),
                CompletionMc.aioUniverse(), "MCAioSetup", "MCAioCalls", List.of("IoSetupOk", "IoSetupEagain", "AioEinval", "IoSubmitOk",
                        "IoSubmitStopsShort", "IoCancelEinprogress", "IoGeteventsOk", "IoDestroyOk", "AioPollWoken",
                        "AioCtxLockBusy", "AioEopnotsupp", "AioDelayedFput"));
    }

    @Test
    void signalsAgainstTheirLimitHaveTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::sigioModel, CompletionMc.SIGIO_MODULE, CompletionMc.SIGIO_CFG, CompletionMc.sigioSetup(),
                CompletionMc.sigioUniverse(), "MCSigioSetup", "MCSigioCalls",
                List.of("SetrlimitOk", "SiginfoTaken", "SigioTaken", "IoctlFioasync", "FcntlSetsig"));
    }

    @Test
    void aSendBufferThatFillsHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::sndbufModel, CompletionMc.SNDBUF_MODULE, CompletionMc.SNDBUF_CFG, CompletionMc.sndbufSetup(),
                CompletionMc.sndbufUniverse(), "MCSndbufSetup", "MCSndbufCalls",
                List.of("WriteUnixEagain", "SetsockoptSndbuf", "GetsockoptSndbuf", "SigioTaken", "WriteUnix", "ReadUnix"));
    }

    @Test
    void ioPgeteventsSignalMaskHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::sigmaskModel, CompletionMc.SIGMASK_MODULE, CompletionMc.SIGMASK_CFG, CompletionMc.sigmaskSetup(),
                CompletionMc.sigmaskUniverse(), "MCSigmaskSetup", "MCSigmaskCalls",
                List.of("SigactionOk", "SigactionEinval", "SigmaskEinval", "SignalEintr", "SignalRestarted",
                        "IoPgeteventsSignalled", "IoGeteventsOk", "AioEinval", "SiginfoTaken", "SigioTaken", "PollOk", "SelectOk",
                        "EpollWaitLevelRequeued", "EpollWaitNoEvents"));
    }

    @Test
    void ioUringEnterWithASigsetHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::sigmaskRingModel, CompletionMc.SIGMASK_RING_MODULE, CompletionMc.SIGMASK_RING_CFG,
                CompletionMc.sigioSetup(), CompletionMc.sigmaskRingUniverse(), "MCSigmaskRingSetup", "MCSigmaskRingCalls",
                List.of("IoCqringWaitEinval", "IoCqringWaitEintr", "IoUringEnterOk", "CqReaped", "SigioTaken"));
    }

    @Test
    void aTaskAsleepInIoUringEnterHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::tasksModel, CompletionMc.TASKS_MODULE, CompletionMc.TASKS_CFG, CompletionMc.tasksSetup(),
                CompletionMc.tasksUniverse(), "MCTasksSetup", "MCTasksCalls",
                List.of("TaskEnters", "TaskSleeps", "IoUringEnterOk", "TaskReturns", "IoUringPollTaskWork",
                        "EpollWaitEdgeTaken", "EpollWaitNoEvents"));
    }

    @Test
    void aTaskAsleepInIoGeteventsHasTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::aioTasksModel, CompletionMc.AIO_TASKS_MODULE, CompletionMc.AIO_TASKS_CFG,
                CompletionMc.aioTasksSetup(), CompletionMc.aioTasksUniverse(), "MCAioTasksSetup", "MCAioTasksCalls",
                List.of("TaskEnters", "TaskSleeps", "TaskTimesOut", "IoGeteventsOk", "TaskReturns", "IoDestroyOk", "IoSubmitOk",
                        "CloseRelease", "ReadPipeEof", "AioPollWoken", "AioDelayedFput"));
    }

    @Test
    void aioSlotsHaveTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::aioSlotsModel, CompletionMc.AIO_SLOTS_MODULE, CompletionMc.AIO_SLOTS_CFG,
                CompletionMc.aioSlotsSetup(), CompletionMc.aioSlotsUniverse(), "MCAioSlotsSetup", "MCAioSlotsCalls",
                List.of("IoSetupOk", "IoSubmitOk", "AioEagain"));
    }

    @Test
    void aioReadsOfRegularFilesWithDataHaveTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::aioDirectModel, CompletionMc.AIO_DIRECT_MODULE, CompletionMc.AIO_DIRECT_CFG,
                CompletionMc.aioDirectSetup(), CompletionMc.aioDirectUniverse(), "MCAioDirectSetup", "MCAioDirectCalls",
                List.of("IoSetupOk", "IoSubmitOk", "IoGeteventsOk", "AioEinval", "AioPollWoken", "AioDelayedFput", "CloseFd"));
    }

    @Test
    void aioReadsAndWritesOfAUnixSocketHaveTheSameStateGraphInJavaAndInTheSpec() throws Exception {
        sameGraph(CompletionMc::aioUnixModel, CompletionMc.AIO_UNIX_MODULE, CompletionMc.AIO_UNIX_CFG,
                CompletionMc.aioUnixSetup(), CompletionMc.aioUnixUniverse(), "MCAioUnixSetup", "MCAioUnixCalls",
                List.of("TaskEnters", "TaskSleeps", "TaskReturns", "IoSubmitOk", "IoGeteventsOk", "CloseRelease", "IoDestroyOk", "AioEinval"));
    }

    @Test
    void everyObservableReadsTheSameInJavaAndInTheSpec() throws Exception {
        GraphComparison.Outcome o = CompletionMc.compareObservables(CompletionMc.model(), Specs.dir(),
                CompletionMc.MODULE, CompletionMc.CFG, TIMEOUT);
        assertTrue(o.diff().same(), o.diff()::report);
    }

    @Test
    void mcCompletionWritesTheBoundsOfCompletionMc() throws Exception {
        String mc = Files.readString(Specs.dir().resolve(CompletionMc.MODULE + ".tla"));
        assertEquals(CompletionMc.setup().stream().map(ReadinessMc::tla).toList(), records(block(mc, "MCSetup == <<")));
        List<String> calls = records(block(mc, "MCCalls == {"));
        assertEquals(CompletionMc.universe().size(), calls.size());
        assertEquals(new HashSet<>(CompletionMc.universe().stream().map(ReadinessMc::tla).toList()), new HashSet<>(calls));
        assertTrue(mc.contains("MCMax == " + CompletionMc.MAX + "\n"), "MCMax differs from CompletionMc.MAX");
    }

    static final String BROKEN = "BrokenCompletionDropsOverflow";

    @Test
    void theShippedBrokenModelFailsAsItsExpectedFileSays() throws Exception {
        Map<String, String> expected = expected(Specs.dir().resolve(BROKEN + ".expected"));
        GraphComparison.Outcome o = CompletionMc.compare(CompletionMc.model(), Specs.dir(), BROKEN, BROKEN + ".cfg",
                TIMEOUT);
        GraphDiff d = o.diff();
        assertFalse(d.same(), "an overflow that drops CQEs must change the graph");
        assertEquals(expected.get("distinct states"), "Java " + o.java().distinctStates() + ", TLC " + o.tlc().distinctStates(),
                d::report);
        assertEquals(expected.get("states only in Java"), String.valueOf(d.statesOnlyInJava()), d::report);
        assertEquals(expected.get("states only in TLC"), String.valueOf(d.statesOnlyInTlc()), d::report);
        assertEquals(expected.get("edges only in Java"), String.valueOf(d.edgesOnlyInJava()), d::report);
        assertEquals(expected.get("edges only in TLC"), String.valueOf(d.edgesOnlyInTlc()), d::report);
    }

    static Matcher recorded(String module) throws Exception {
        return SpecText.recorded(module);
    }

    static Map<String, String> expected(Path file) throws java.io.IOException {
        return SpecText.expected(file);
    }

    static String block(String mc, String start) {
        return SpecText.block(mc, start);
    }

    static List<String> records(String block) {
        return SpecText.records(block);
    }
}
