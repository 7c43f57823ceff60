package kpath.check.readiness;

import kpath.check.GraphComparison;
import kpath.check.Specs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kpath.model.proc.ProcRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One name per rule, everywhere (STYLE item 3). Method: the rule enum, the sub-actions that the
 * per-call actions of specs/Readiness.tla and the modules it extends are made of, the rules the Java
 * model fires at the MC bounds (MCReadiness, MCCompletion, MCCompletionLinks, MCCompletionTimeout, MCCompletionReads, MCCompletionDrain, MCCompletionSplice, MCCompletionSqpoll, MCAio, MCAioSlots, MCSigio, MCSigioTcp, MCSndbuf and MCSigmask together) and TLC's action labels at
 * the same bounds must all be the same set (every rule fires there).
 */
class ReadinessRuleNamesTest {

    static final Set<String> RULES = Arrays.stream(ProcRule.values()).map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new));

    /** The per-call actions: one per ProcAction record. */
    static final Set<String> CALLS = Set.of("Pipe2", "Socketpair", "Eventfd", "EpollCreate1", "Open", "Socket",
            "Bind", "Listen", "Connect", "Accept4", "Dup", "Write", "SendOob", "Read", "Shutdown", "Close", "EpollCtl",
            "EpollWait", "Poll", "Select", "TaskCall", "TaskRun", "TaskTimeout", "TaskReturn", "Fcntl", "Ioctl", "Setsockopt", "Getsockopt", "Setrlimit", "Sigtimedwait",
            "Sigaction", "IoPgetevents", "EpollPwait", "Ppoll", "Pselect6", "IoUringEnterMasked",
            "IoUringSetup", "IoUringEnter", "IoUringEnterBadFlags", "CqReap", "IoUringTaskWork", "IoUringRegisterEventfd",
            "IoSetup", "IoSubmit", "IoCancel", "IoGetevents", "IoDestroy", "AioPollWork", "AioTrylockFails",
            "DelayedFputWork", "IoWqWork", "IoWqFree", "IoUringExitWork", "IoLinkTimeout", "SqPublish", "IoSqThread");

    @Test
    void everyRuleIsASubActionOfTheSpecAndEverySubActionIsARule() throws Exception {
        Map<String, String> ops = operators(spec());
        Set<String> subActions = new TreeSet<>();
        for (String call : CALLS) {
            if (!ops.containsKey(call)) {
                throw new AssertionError("the readiness spec does not define " + call);
            }
            collect(ops, ops.get(call), subActions);
        }
        assertEquals(RULES, subActions);
    }

    /**
     * The sub-actions a body is made of: the operator at the head of each top-level disjunct (or
     * the whole body when it is one application). A head whose own body is again a disjunction (a
     * kernel function's case analysis, e.g. pipe_read) is followed; a per-call action (a task's run
     * applies its call's) is not; any other head is a sub-action. TLC names each step after it.
     */
    static void collect(Map<String, String> ops, String body, Set<String> into) {
        for (String head : heads(body)) {
            if (CALLS.contains(head) || !ops.containsKey(head)) {
                continue;
            }
            if (isDisjunction(ops.get(head))) {
                collect(ops, ops.get(head), into);
            } else {
                into.add(head);
            }
        }
    }

    private static final Pattern HEAD = Pattern.compile("^\\\\/\\s*(?:\\\\E[^:]*:\\s*)?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern APPLICATION = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)(\\([^)]*\\))?$");

    /** The heads of the least indented "\/" lines; or the operator of a body that is one application. */
    static List<String> heads(String body) {
        if (!isDisjunction(body)) {
            Matcher a = APPLICATION.matcher(body.strip());
            return a.matches() ? List.of(a.group(1)) : List.of();
        }
        int indent = Integer.MAX_VALUE;
        for (String line : body.split("\n")) {
            if (line.strip().startsWith("\\/")) {
                indent = Math.min(indent, line.indexOf("\\/"));
            }
        }
        List<String> heads = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.strip().startsWith("\\/") && line.indexOf("\\/") == indent) {
                Matcher h = HEAD.matcher(line.strip());
                if (h.find()) {
                    heads.add(h.group(1));
                }
            }
        }
        return heads;
    }

    /** Whether the first bulleted line of a body (after a LET) is a disjunct. */
    static boolean isDisjunction(String body) {
        for (String line : body.split("\n")) {
            String t = line.strip();
            if (t.startsWith("\\/")) {
                return true;
            }
            if (t.startsWith("/\\")) {
                return false;
            }
        }
        return false;
    }

    /** Top-level operator definitions (name → body), with or without parameters. */
    static Map<String, String> operators(String spec) {
        Map<String, String> ops = new TreeMap<>();
        Matcher m = Pattern.compile("(?ms)^([A-Za-z_][A-Za-z0-9_]*)(?:\\([^)]*\\))? ==(.*?)(?=^\\S|\\z)").matcher(spec);
        while (m.find()) {
            ops.put(m.group(1), m.group(2));
        }
        return ops;
    }

    /**
     * The text of specs/Readiness.tla and of every module of specs/ it reaches (TLC's own input
     * closure, {@link kpath.check.TlcRecords#closure}); strings and comments blanked (string literals
     * name calls and kinds, not operators).
     */
    static String spec() throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path file : kpath.check.TlcRecords.closure(Specs.dir(), "Readiness")) {
            all.append(Files.readString(file).replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\\\\\*.*", "")).append('\n');
        }
        return all.toString();
    }

    @Test
    void everyRuleFiresAtTheModelCheckingBoundsInJavaAndInTlc() throws Exception {
        // the process model's MC modules: MCReadiness, and MCCompletion for io_uring (whose graph,
        // labels included, CompletionStateGraphTest compares with TLC's)
        kpath.check.Explorer.Result explored = ReadinessMc.explore(ReadinessMc.model());
        Set<String> java = ReadinessMc.labels(explored.graph());
        Set<String> all = new TreeSet<>(java);
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.model()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.linksModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.timeoutModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.readsModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.drainModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.sqpollModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.spliceModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.asyncRecvModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.aioModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.sigioModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.aioSlotsModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.sndbufModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.sigmaskModel()).graph()));
        all.addAll(ReadinessMc.labels(kpath.check.completion.CompletionMc.explore(kpath.check.completion.CompletionMc.sigmaskRingModel()).graph()));
        all.addAll(ReadinessMc.labels(ReadinessMc.sigioTcpObserved().graph())); // urgent data: SendOobTcp, SigurgTaken
        assertEquals(RULES, all, "rules the Java model fires at the MC bounds");
        // TLC's action labels are the Java ones: the labelled edge sets are equal
        GraphComparison.Outcome o = GraphComparison.against(explored, Specs.dir(), ReadinessMc.MODULE, ReadinessMc.CFG,
                Duration.ofMinutes(5));
        assertTrue(o.diff().same(), o.diff()::report);
    }
}
