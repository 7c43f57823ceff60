package kpath.model;

/**
 * A named outcome of an action. The name is the same string in Java, in the TLA+ spec (the
 * sub-action), in trace reports and in coverage (STYLE item 3).
 */
public interface Rule {
    String name();

    RuleClass ruleClass();

    /** One line saying what the kernel does in this outcome, and where (file and function). */
    String summary();
}
