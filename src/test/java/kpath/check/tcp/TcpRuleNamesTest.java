package kpath.check.tcp;

import kpath.check.Explorer;
import kpath.check.StateGraph;
import kpath.check.Specs;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kpath.model.tcp.TcpListen;
import kpath.model.tcp.TcpRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One name per rule, everywhere (STYLE item 3). Method: the rule enum, the operators of
 * specs/TcpListen.tla that the spec's actions are made of, and the labels of the Java model's
 * state graph at the MC bounds (every rule fires there) must be the same set.
 */
class TcpRuleNamesTest {

    static final Set<String> RULES = Arrays.stream(TcpRule.values()).map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new));

    @Test
    void everyRuleIsASubActionOfTheSpecAndEverySubActionIsARule() throws Exception {
        String spec = Files.readString(Specs.dir().resolve("TcpListen.tla"));
        // Sub-actions are the operators listed as disjuncts of the per-event actions.
        Set<String> defined = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([A-Z][A-Za-z]+)(\\([^)]*\\))? ==").matcher(spec);
        while (m.find()) {
            defined.add(m.group(1));
        }
        Set<String> events = Set.of("Listen", "Fcntl", "Accept4", "Close", "Connect", "SynArrives", "AckArrives",
                "RstArrives", "SynAckTimer", "AcceptWakeup");
        Set<String> subActions = new TreeSet<>();
        for (String e : events) {
            Matcher d = Pattern.compile("(?ms)^" + e + "(\\([^)]*\\))? ==(.*?)(?=^\\S)").matcher(spec);
            if (!d.find()) {
                throw new AssertionError("TcpListen.tla does not define " + e);
            }
            Matcher op = Pattern.compile("([A-Z][A-Za-z]+)").matcher(d.group(2));
            while (op.find()) {
                if (defined.contains(op.group(1))) {
                    subActions.add(op.group(1));
                }
            }
        }
        assertEquals(RULES, subActions);
    }

    @Test
    void everyRuleFiresAtTheModelCheckingBounds() {
        Explorer.Result r = Explorer.of(new TcpListen(TcpMc.bounds())).constraint(TcpMc.constraint()).explore();
        Set<String> fired = r.graph().edges().stream().map(StateGraph.Edge::label)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(RULES, fired);
    }
}
