package kpath.model.tcp;

import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules themselves: each says in one line what the kernel does, and where (STYLE item 11). */
class TcpRuleExamples {

    @Example
    void everyRuleSaysInOneLineWhatTheKernelDoesAndWhere() {
        for (TcpRule r : TcpRule.values()) {
            String s = r.summary();
            assertFalse(s.isBlank() || s.equals(r.name()) || s.contains("\n"), r + ": " + s);
            assertTrue(s.matches(".*\\((?:[\\w/]+\\.[ch] )?[a-z_0-9]+.*\\).*"), r + " cites no kernel function: " + s);
        }
    }
}
