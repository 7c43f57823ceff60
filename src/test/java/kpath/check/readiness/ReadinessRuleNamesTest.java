package kpath.check.readiness;

import kpath.check.StateGraph;
import kpath.check.Tlc;
import kpath.check.TlcResult;
import kpath.check.Specs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kpath.model.readiness.ReadinessRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One name per rule, everywhere (STYLE item 3). Method: the rule enum, the sub-actions that the
 * per-call actions of specs/Readiness.tla are made of, the rules the Java model fires at the MC
 * bounds and TLC's action labels at the same bounds must all be the same set (every rule fires there).
 */
class ReadinessRuleNamesTest {

    static final Set<String> RULES = Arrays.stream(ReadinessRule.values()).map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new));

    /** The per-call actions: one per ReadinessAction record. */
    static final Set<String> CALLS = Set.of("Pipe2", "Socketpair", "Eventfd", "EpollCreate1", "Open", "Socket",
            "Bind", "Listen", "Connect", "Accept4", "Dup", "Write", "Read", "Shutdown", "Close", "EpollCtl",
            "EpollWait", "Poll", "Select", "TaskCall", "TaskRun", "TaskTimeout", "TaskReturn", "Fcntl", "Sigtimedwait");

    @Test
    void everyRuleIsASubActionOfTheSpecAndEverySubActionIsARule() throws Exception {
        // string literals name calls ("Write") and kinds; they are not operators
        String spec = Files.readString(Specs.dir().resolve("Readiness.tla")).replaceAll("\"[^\"]*\"", "\"\"");
        Set<String> defined = new TreeSet<>();
        // operators with parameters: a sub-action takes its call's arguments (Main, the caller, is a value)
        Matcher m = Pattern.compile("(?m)^([A-Z][A-Za-z0-9]+)\\([^)]*\\) ==").matcher(spec);
        while (m.find()) {
            defined.add(m.group(1));
        }
        Set<String> subActions = new TreeSet<>();
        for (String call : CALLS) {
            Matcher d = Pattern.compile("(?ms)^" + call + "(\\([^)]*\\))? ==(.*?)(?=^\\S)").matcher(spec);
            if (!d.find()) {
                throw new AssertionError("Readiness.tla does not define " + call);
            }
            Matcher op = Pattern.compile("([A-Z][A-Za-z0-9]+)").matcher(d.group(2));
            while (op.find()) {
                // a task's run applies the per-call action of its call, whose rules are collected there
                if (defined.contains(op.group(1)) && !CALLS.contains(op.group(1))) {
                    subActions.add(op.group(1));
                }
            }
        }
        assertEquals(RULES, subActions);
    }

    @Test
    void everyRuleFiresAtTheModelCheckingBoundsInJavaAndInTlc(@TempDir Path dir) throws Exception {
        Set<String> java = ReadinessMc.labels(ReadinessMc.explore(ReadinessMc.model()).graph());
        assertEquals(RULES, java, "rules the Java model fires at the MC bounds");
        Path dot = dir.resolve("readiness.dot");
        TlcResult tlc = Tlc.run(Specs.dir(), ReadinessMc.MODULE, ReadinessMc.CFG, Optional.of(dot), Duration.ofMinutes(5));
        assertTrue(tlc.succeeded(), tlc::report);
        assertEquals(java, ReadinessMc.labels(StateGraph.fromDot(dot)), "TLC's action labels");
    }
}
